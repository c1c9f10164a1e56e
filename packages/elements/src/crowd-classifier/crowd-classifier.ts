import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { CrowdClassifierAnswer, JsonValue } from '@quorum/schema';
import { QuorumControl } from '../internal/control.js';
import type { KeyboardShortcut } from '../internal/form-protocol.js';
import { parseStringArray } from '../internal/literal.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdClassifierStyles } from './crowd-classifier.styles.js';
import { InstructionsRegion, renderInstructionsLayout } from '../internal/instructions-region.js';
import { DIGIT_KEYS as SHORTCUT_KEYS, digitShortcut, isTypingTarget, radioGroupKeyAction } from '../internal/choice-group.js';

/**
 * @summary Classifies content (text, audio, video, a document …) into exactly one of several
 * categories. Ground Truth's `<crowd-classifier>`; its answer is `{ "<name>": { "label": "<category>" } }`.
 *
 * Scripts written for Ground Truth reach into the shadow root (AWS's two-tier classification
 * samples insert a card after `.annotation-area .category-picker-wrapper`), so those class names
 * stay: `annotation-area` on the task column (part `main`), `category-picker-wrapper` on the
 * categories (part `categories`).
 *
 * Keyboard: 1–9 and 0 choose the first ten categories; the arrow keys move and choose, wrapping
 * around at the ends as a native radio group does (Left and Right swap in right-to-left text);
 * Home and End go to the ends; Enter submits.
 *
 * @tagname crowd-classifier
 *
 * @slot classification-target - The `<classification-target>` region: the content to classify.
 * @slot short-instructions - The `<short-instructions>` region, shown in the instructions panel.
 * @slot full-instructions - The `<full-instructions>` region, shown in a dialog opened from the panel.
 * @slot - Anything else, shown below the categories.
 *
 * @csspart base - The layout grid holding the instructions panel and the task.
 * @csspart instructions - The instructions panel.
 * @csspart full-instructions-button - The "View full instructions" button.
 * @csspart main - The task column: header, target, categories.
 * @csspart header - The question (`header` attribute).
 * @csspart target - The box around the content to classify.
 * @csspart categories - The radio group.
 * @csspart category - One category (`role="radio"`).
 * @csspart category-checked - The chosen category.
 * @csspart shortcut - The key that chooses a category (not shown when the label is that key).
 * @csspart label - The text of a category.
 * @csspart error - The validation message.
 * @csspart hint - The keyboard hint under the categories.
 * @csspart dialog - The full instructions dialog.
 * @csspart dialog-body - The scrolling body of the dialog.
 *
 * @cssprop --quorum-color-accent - Chosen category, links and focus (default #0b5fbf).
 * @cssprop --quorum-color-accent-contrast - Text on the accent colour (default #fff).
 * @cssprop --quorum-color-text - Text colour.
 * @cssprop --quorum-color-muted - Secondary text colour.
 * @cssprop --quorum-color-surface - Background of boxes and the dialog.
 * @cssprop --quorum-color-panel - Background of the instructions panel.
 * @cssprop --quorum-color-border - Borders.
 * @cssprop --quorum-color-danger - Validation errors.
 * @cssprop --quorum-focus-color - Focus outline.
 * @cssprop --quorum-radius - Corner radius.
 * @cssprop --quorum-space - Base spacing unit.
 * @cssprop --quorum-font-family - Font.
 *
 * @event input - When the user chooses a category (never when `value` is set from code).
 * @event change - When the user chooses a category; `event.target.value` is the label.
 *
 * @cssstate empty - No category is chosen.
 * @cssstate invalid - Required and no category is chosen.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdClassifier extends QuorumControl {
  static readonly tagName = 'crowd-classifier';
  static override styles = [themeStyles, crowdClassifierStyles];

  // `categories` is read by hand (see attributeChangedCallback) so a malformed attribute gives a
  // warning with its position instead of an exception.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'categories'];
  }

  /** The question shown above the content; also the accessible name of the categories. */
  @property() header = '';

  /**
   * The categories to choose from. The `categories` attribute takes a JSON array or Ground Truth's
   * JavaScript form (`"['Yes', 'No']"`); numbers become strings.
   * @attr categories
   */
  @property({ attribute: false }) categories: string[] = [];

  /** The value the control starts with and returns to on reset (the `value` attribute). */
  @property({ attribute: 'value' }) defaultValue = '';

  /** The chosen category, or '' when none is chosen. Setting it does not fire events. */
  @property({ attribute: false })
  get value(): string {
    return this.#value ?? this.defaultValue;
  }

  set value(next: string) {
    const previous = this.value;
    this.#value = next == null ? '' : String(next);
    this.requestUpdate('value', previous);
    this.syncFormState();
  }

  /** Slots that currently have content, to lay out only what the template provides. */
  /** The category that takes focus when no category is chosen. */
  @state() private focusIndex = 0;

  @query('dialog') private dialog?: HTMLDialogElement;

  #value: string | undefined;

  readonly #instructions = new InstructionsRegion(this);

  constructor() {
    super();
    this.addEventListener('keydown', this.#onShortcutKeydown);
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'categories') {
      this.categories = this.readLiteralAttribute('categories', value, parseStringArray, []);
      return;
    }
    super.attributeChangedCallback(name, previous, value);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('categories')) {
      const unique = [...new Set(this.categories)];
      if (unique.length !== this.categories.length) {
        warnOnce(this, 'duplicate-category', `${describeElement(this)} lists a category twice; the repeats are ignored.`);
        this.categories = unique;
      }
      this.focusIndex = Math.min(this.focusIndex, Math.max(0, this.categories.length - 1));
    }
    if (this.value && this.categories.length > 0 && !this.categories.includes(this.value)) {
      warnOnce(this, 'unknown-value', `${describeElement(this)} has value "${this.value}", which is not one of its categories; no category is chosen.`);
    }
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (!this.header) warnOnce(this, 'missing-header', `${describeElement(this)} has no header; workers see no question and screen readers no name for the categories.`);
    if (this.categories.length === 0) warnOnce(this, 'no-categories', `${describeElement(this)} has no categories, so nothing can be chosen. Set categories="['…', '…']".`);
  }

  /** Moves focus to the chosen category, or the first one. */
  override focus(options?: FocusOptions): void {
    const radio = this.#radio(this.#tabStopIndex());
    if (radio && !this.isDisabled) radio.focus(options);
    else super.focus(options);
  }

  /** Digits and arrows, for the form's `?` overlay. */
  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    if (this.categories.length === 0 || this.isDisabled) return [];
    const where = this.header ? ` for "${this.header}"` : '';
    return [...digitShortcut(this.categories.length, `Choose a category${where}`), { keys: 'Arrow keys', description: `Move between categories${where} and choose` }];
  }

  /** A digit pressed outside the control (see `<crowd-form>`) chooses that category, as inside it. */
  override handleRoutedKey(event: KeyboardEvent): boolean {
    const index = SHORTCUT_KEYS.indexOf(event.key);
    if (this.isDisabled || this.dialog?.open || index < 0 || index >= this.categories.length) return false;
    this.#chooseByUser(index, false);
    return true;
  }

  /** Opens the dialog with the full instructions. */
  openFullInstructions(): void {
    this.dialog?.showModal();
  }

  /** Closes the full instructions dialog. */
  closeFullInstructions(): void {
    this.dialog?.close();
  }

  protected answerValue(): JsonValue | undefined {
    if (this.#selectedIndex() < 0) return undefined;
    const answer: CrowdClassifierAnswer = { label: this.value };
    return { ...answer };
  }

  protected formValue(): string | null {
    return this.#selectedIndex() >= 0 ? this.value : null;
  }

  protected isEmpty(): boolean {
    return this.#selectedIndex() < 0;
  }

  protected resetValue(): void {
    const previous = this.value;
    this.#value = undefined;
    this.requestUpdate('value', previous);
  }

  protected restoreValue(state: string): void {
    const previous = this.value;
    this.#value = state;
    this.requestUpdate('value', previous);
  }

  protected override valueMissingMessage(): string {
    return 'Please choose one of the categories.';
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.#radio(this.#tabStopIndex());
  }

  #onShortcutKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || this.isDisabled) return;
    if (this.dialog?.open || isTypingTarget(event.composedPath()[0])) return;
    const index = SHORTCUT_KEYS.indexOf(event.key);
    if (index < 0 || index >= this.categories.length) return;
    event.preventDefault();
    this.#chooseByUser(index);
  };

  #onGroupKeydown(event: KeyboardEvent): void {
    if (this.isDisabled) return;
    const action = radioGroupKeyAction(event, this.#eventIndex(event), this.categories.length, event.currentTarget as Element);
    if (action === null) return;
    event.preventDefault();
    if (action === 'submit') this.submitEnclosingForm();
    else this.#chooseByUser(action);
  }

  #onCategoryClick(index: number): void {
    if (!this.isDisabled) this.#chooseByUser(index);
  }

  #chooseByUser(index: number, moveFocus = true): void {
    this.focusIndex = index;
    if (moveFocus) this.#radio(index)?.focus();
    const label = this.categories[index];
    if (label === undefined || label === this.value) return;
    this.value = label;
    this.commitUserChange();
  }

  #selectedIndex(): number {
    return this.value === '' ? -1 : this.categories.indexOf(this.value);
  }

  /** The category in the tab order: the chosen one, else the last one focused. */
  #tabStopIndex(): number {
    const selected = this.#selectedIndex();
    return selected >= 0 ? selected : this.focusIndex;
  }

  #eventIndex(event: Event): number {
    const radio = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.role === 'radio');
    return radio ? Number(radio.dataset['index']) : this.#tabStopIndex();
  }

  #radio(index: number): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>(`[role="radio"][data-index="${index}"]`) ?? null;
  }

  #shortcutHint(): string {
    const count = Math.min(this.categories.length, SHORTCUT_KEYS.length);
    const keys = count === 1 ? '1' : count === 10 ? '1–9 or 0' : `1–${count}`;
    return `Press ${keys} to choose${this.categories.length > 10 ? ' one of the first ten' : ''}, arrow keys to move, Enter to submit.`;
  }

  protected override render(): TemplateResult {
    const disabled = this.isDisabled;
    const selected = this.#selectedIndex();
    const tabStop = this.#tabStopIndex();
    const error = this.visibleValidationMessage;
    return renderInstructionsLayout(
      { filled: this.#instructions.filled, header: this.header, dialogHeader: this.#instructions.fullInstructionsHeader, onSlotChange: this.#instructions.onSlotChange, open: this.openFullInstructions, close: this.closeFullInstructions },
      html`
        <div part="target" class="target" ?hidden=${!this.#instructions.filled.has('classification-target')}>
          <slot name="classification-target" @slotchange=${this.#instructions.onSlotChange}></slot>
        </div>
        <div
          role="radiogroup"
          part="categories"
          class="categories category-picker-wrapper"
          aria-labelledby=${this.header ? 'header' : nothing}
          aria-label=${this.header ? nothing : 'Categories'}
          aria-required=${this.required ? 'true' : 'false'}
          aria-disabled=${disabled ? 'true' : 'false'}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'error' : disabled || this.categories.length === 0 ? nothing : 'hint'}
          @keydown=${this.#onGroupKeydown}
        >
          ${this.categories.map((label, index) => this.#renderCategory(label, index, index === selected, index === tabStop, disabled))}
        </div>
        <p part="error" class="error" id="error" ?hidden=${!error}>${error}</p>
        <p part="hint" class="hint" id="hint" ?hidden=${disabled || this.categories.length === 0}>${this.#shortcutHint()}</p>
      `,
    );
  }

  #renderCategory(label: string, index: number, checked: boolean, tabStop: boolean, disabled: boolean): TemplateResult {
    const shortcut = SHORTCUT_KEYS[index];
    return html`
      <div
        role="radio"
        part=${checked ? 'category category-checked' : 'category'}
        class="category"
        data-index=${index}
        aria-checked=${checked ? 'true' : 'false'}
        aria-keyshortcuts=${shortcut ?? nothing}
        tabindex=${disabled ? nothing : tabStop ? 0 : -1}
        @click=${() => this.#onCategoryClick(index)}
      >
        ${shortcut && shortcut !== label.trim() ? html`<kbd part="shortcut" class="shortcut" aria-hidden="true">${shortcut}</kbd>` : nothing}
        <span part="label" dir="auto">${label}</span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-classifier': CrowdClassifier;
  }
}
