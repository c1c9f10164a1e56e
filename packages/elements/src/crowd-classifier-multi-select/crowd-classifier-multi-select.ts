import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { CrowdClassifierMultiSelectAnswer, JsonValue } from '@quorum/schema';
import { crowdClassifierStyles } from '../crowd-classifier/crowd-classifier.styles.js';
import { QuorumControl } from '../internal/control.js';
import type { KeyboardShortcut } from '../internal/form-protocol.js';
import { parseLiteral, parseStringArray, type LiteralValue, type ParseLiteralOptions } from '../internal/literal.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdClassifierMultiSelectStyles } from './crowd-classifier-multi-select.styles.js';
import { InstructionsRegion, renderInstructionsLayout } from '../internal/instructions-region.js';
import { arrowKeyTarget, DIGIT_KEYS as SHORTCUT_KEYS, digitShortcut, isTypingTarget } from '../internal/choice-group.js';

/**
 * @summary Classifies content into one or more categories. Ground Truth's
 * `<crowd-classifier-multi-select>`: its answer is `{ "<name>": { "labels": ["<category>", …] } }`,
 * labels in the order of `categories`.
 *
 * `exclusion-category="{ text: 'None of the above' }"` adds a choice that clears the others (and
 * is cleared by them). Choosing it answers `{ "labels": [] }`; with nothing chosen at all the
 * element gives no answer, so `required` is met by a category or the exclusion category. (Ground
 * Truth's docs do not show the exclusion answer; this is Quorum's choice, stated in the schema.)
 *
 * Keyboard: 1–9 and 0 toggle the first ten choices (categories, then the exclusion category);
 * the arrow keys move between them, wrapping around at the ends (Left and Right swap in
 * right-to-left text); Home and End go to the ends; Space toggles the focused one; Enter submits.
 *
 * @tagname crowd-classifier-multi-select
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
 * @csspart categories - The group of choices.
 * @csspart category - One choice (`role="checkbox"`).
 * @csspart category-checked - A chosen choice.
 * @csspart exclusion - The exclusion category's choice.
 * @csspart shortcut - The key that toggles a choice.
 * @csspart label - The text of a choice.
 * @csspart error - The validation message.
 * @csspart hint - The keyboard hint under the choices.
 * @csspart dialog - The full instructions dialog.
 * @csspart dialog-body - The scrolling body of the dialog.
 *
 * @cssprop --quorum-color-accent - Chosen categories, links and focus (default #0b5fbf).
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
 * @event input - When the user toggles a choice (never when `value` is set from code).
 * @event change - When the user toggles a choice; `event.target.value` is the array of labels.
 *
 * @cssstate empty - Nothing is chosen.
 * @cssstate invalid - Required and nothing is chosen.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdClassifierMultiSelect extends QuorumControl {
  static readonly tagName = 'crowd-classifier-multi-select';
  static override styles = [themeStyles, crowdClassifierStyles, crowdClassifierMultiSelectStyles];

  // Read by hand (see attributeChangedCallback) so a malformed attribute warns with its position.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'categories', 'exclusion-category'];
  }

  /** The question shown above the content; also the accessible name of the choices. */
  @property() header = '';

  /**
   * The categories. The `categories` attribute takes a JSON array or Ground Truth's JavaScript
   * form (`"['Positive', 'Negative']"`).
   * @attr categories
   */
  @property({ attribute: false }) categories: string[] = [];

  /**
   * Text of the "none of these" choice, or '' for none. The `exclusion-category` attribute takes
   * Ground Truth's form `"{ text: 'None of the above' }"`.
   * @attr exclusion-category
   */
  @property({ attribute: false }) exclusionCategory = '';

  @state() private chosen: ReadonlySet<string> = new Set();
  @state() private excluded = false;
  @state() private focusIndex = 0;

  @query('dialog') private dialog?: HTMLDialogElement;

  readonly #instructions = new InstructionsRegion(this);

  constructor() {
    super();
    this.addEventListener('keydown', this.#onShortcutKeydown);
  }

  /**
   * The chosen labels in category order; `[]` when nothing or the exclusion category is chosen
   * (see {@link isExcluded}). Setting it fires no events; labels that are not categories are ignored.
   */
  @property({ attribute: false })
  get value(): string[] {
    return this.categories.filter((category) => this.chosen.has(category));
  }

  set value(labels: string[]) {
    this.chosen = new Set(Array.isArray(labels) ? labels.map(String) : []);
    this.excluded = false;
    this.syncFormState();
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'categories') {
      this.categories = this.readLiteralAttribute('categories', value, parseStringArray, []);
    } else if (name === 'exclusion-category') {
      this.exclusionCategory = this.readLiteralAttribute('exclusion-category', value, parseExclusionCategory, '');
    } else {
      super.attributeChangedCallback(name, previous, value);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('categories')) {
      const unique = [...new Set(this.categories)];
      if (unique.length !== this.categories.length) {
        warnOnce(this, 'duplicate-category', `${describeElement(this)} lists a category twice; the repeats are ignored.`);
        this.categories = unique;
      }
    }
    this.focusIndex = Math.min(this.focusIndex, Math.max(0, this.#choiceCount() - 1));
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (!this.header) warnOnce(this, 'missing-header', `${describeElement(this)} has no header; workers see no question and screen readers no name for the categories.`);
    if (this.categories.length === 0) warnOnce(this, 'no-categories', `${describeElement(this)} has no categories, so nothing can be chosen. Set categories="['…', '…']".`);
  }

  /** Moves focus to the first chosen choice, or the last focused one. */
  override focus(options?: FocusOptions): void {
    const item = this.#item(this.focusIndex);
    if (item && !this.isDisabled) item.focus(options);
    else super.focus(options);
  }

  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    if (this.#choiceCount() === 0 || this.isDisabled) return [];
    const where = this.header ? ` for "${this.header}"` : '';
    return [...digitShortcut(this.#choiceCount(), `Toggle a category${where}`), { keys: 'Arrow keys, Space', description: `Move between categories${where}; Space toggles` }];
  }

  /** A digit pressed outside the control (see `<crowd-form>`) toggles that category, as inside it. */
  override handleRoutedKey(event: KeyboardEvent): boolean {
    const index = SHORTCUT_KEYS.indexOf(event.key);
    if (this.isDisabled || this.dialog?.open || index < 0 || index >= this.#choiceCount()) return false;
    this.#toggleByUser(index, false);
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

  /** Chooses the exclusion category (true, clearing the categories) or clears it; fires no events. */
  setExcluded(excluded: boolean): void {
    this.excluded = excluded && this.exclusionCategory !== '';
    if (this.excluded) this.chosen = new Set();
    this.syncFormState();
  }

  /** Whether the exclusion category is chosen. */
  get isExcluded(): boolean {
    return this.excluded;
  }

  protected answerValue(): JsonValue | undefined {
    if (this.isEmpty()) return undefined;
    const answer: CrowdClassifierMultiSelectAnswer = { labels: this.value };
    return { labels: [...answer.labels] };
  }

  protected formValue(): string | null {
    return this.isEmpty() ? null : JSON.stringify(this.value);
  }

  protected isEmpty(): boolean {
    return !this.excluded && this.value.length === 0;
  }

  protected resetValue(): void {
    this.chosen = new Set();
    this.excluded = false;
  }

  protected restoreValue(state: string): void {
    let labels: unknown;
    try {
      labels = JSON.parse(state);
    } catch {
      labels = [];
    }
    const list = Array.isArray(labels) ? labels.map(String) : [];
    this.chosen = new Set(list);
    // An answered state with no labels is the exclusion category.
    this.excluded = list.length === 0 && this.exclusionCategory !== '';
  }

  protected override valueMissingMessage(): string {
    return this.exclusionCategory ? `Please choose at least one category, or "${this.exclusionCategory}".` : 'Please choose at least one category.';
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.#item(this.focusIndex);
  }

  #onShortcutKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || this.isDisabled) return;
    if (this.dialog?.open || isTypingTarget(event.composedPath()[0])) return;
    const index = SHORTCUT_KEYS.indexOf(event.key);
    if (index < 0 || index >= this.#choiceCount()) return;
    event.preventDefault();
    this.#toggleByUser(index);
  };

  #onGroupKeydown(event: KeyboardEvent): void {
    if (this.isDisabled) return;
    const current = this.#eventIndex(event);
    if (event.key === ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.#toggleByUser(current);
      return;
    }
    const next = arrowKeyTarget(event, current, this.#choiceCount(), event.currentTarget as Element);
    if (next === null) return;
    event.preventDefault();
    this.focusIndex = next;
    this.#item(next)?.focus();
  }

  /** Toggles choice `index` (the categories, then the exclusion category) for the user. */
  #toggleByUser(index: number, moveFocus = true): void {
    if (this.isDisabled) return;
    this.focusIndex = index;
    if (moveFocus) this.#item(index)?.focus();
    if (index >= this.categories.length) {
      this.excluded = !this.excluded;
      this.chosen = new Set();
    } else {
      const label = this.categories[index]!;
      const chosen = new Set(this.chosen);
      if (chosen.has(label)) chosen.delete(label);
      else chosen.add(label);
      this.chosen = chosen;
      this.excluded = false;
    }
    this.commitUserChange();
  }

  #choiceCount(): number {
    return this.categories.length + (this.exclusionCategory ? 1 : 0);
  }

  #eventIndex(event: Event): number {
    const item = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.role === 'checkbox');
    return item ? Number(item.dataset['index']) : this.focusIndex;
  }

  #item(index: number): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>(`[role="checkbox"][data-index="${index}"]`) ?? null;
  }

  protected override render(): TemplateResult {
    const disabled = this.isDisabled;
    const error = this.visibleValidationMessage;
    const count = this.#choiceCount();
    const keys = Math.min(count, SHORTCUT_KEYS.length);
    const hint = `Press ${keys === 1 ? '1' : keys === 10 ? '1–9 or 0' : `1–${keys}`} to toggle, arrow keys to move, Space to toggle, Enter to submit.`;
    return renderInstructionsLayout(
      { filled: this.#instructions.filled, header: this.header, dialogHeader: this.#instructions.fullInstructionsHeader, onSlotChange: this.#instructions.onSlotChange, open: this.openFullInstructions, close: this.closeFullInstructions },
      html`
        <div part="target" class="target" ?hidden=${!this.#instructions.filled.has('classification-target')}>
          <slot name="classification-target" @slotchange=${this.#instructions.onSlotChange}></slot>
        </div>
        <div
          role="group"
          part="categories"
          class="categories"
          aria-labelledby=${this.header ? 'header' : nothing}
          aria-label=${this.header ? nothing : 'Categories'}
          aria-describedby=${error ? 'error' : disabled || count === 0 ? nothing : 'hint'}
          @keydown=${this.#onGroupKeydown}
        >
          ${this.categories.map((label, index) => this.#renderChoice(label, index, this.chosen.has(label), false, disabled, error !== ''))}
          ${this.exclusionCategory
            ? this.#renderChoice(this.exclusionCategory, this.categories.length, this.excluded, true, disabled, error !== '')
            : nothing}
        </div>
        <p part="error" class="error" id="error" ?hidden=${!error}>${error}</p>
        <p part="hint" class="hint" id="hint" ?hidden=${disabled || count === 0}>${hint}</p>
      `,
    );
  }

  #renderChoice(label: string, index: number, checked: boolean, exclusion: boolean, disabled: boolean, invalid: boolean): TemplateResult {
    const shortcut = SHORTCUT_KEYS[index];
    const parts = ['category', checked ? 'category-checked' : '', exclusion ? 'exclusion' : ''].filter(Boolean).join(' ');
    return html`
      <div
        role="checkbox"
        part=${parts}
        class="category ${exclusion ? 'exclusion' : ''}"
        data-index=${index}
        aria-checked=${checked ? 'true' : 'false'}
        aria-disabled=${disabled ? 'true' : 'false'}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-required=${this.required ? 'true' : 'false'}
        aria-keyshortcuts=${shortcut ?? nothing}
        tabindex=${disabled ? nothing : index === this.focusIndex ? 0 : -1}
        @click=${() => this.#toggleByUser(index)}
      >
        <span class="box" aria-hidden="true"></span>
        ${shortcut && shortcut !== label.trim() ? html`<kbd part="shortcut" class="shortcut" aria-hidden="true">${shortcut}</kbd>` : nothing}
        <span part="label" dir="auto">${label}</span>
      </div>
    `;
  }
}

/** Reads `exclusion-category`: Ground Truth's `{ text: '…' }`, or a plain string. */
function parseExclusionCategory(text: string, options: ParseLiteralOptions): string {
  const value: LiteralValue = parseLiteral(text, options);
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof value['text'] === 'string') return value['text'];
  throw new SyntaxError(`${options.what ?? 'exclusion-category'} must be { text: '…' }, found ${JSON.stringify(value)}.`);
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-classifier-multi-select': CrowdClassifierMultiSelect;
  }
}
