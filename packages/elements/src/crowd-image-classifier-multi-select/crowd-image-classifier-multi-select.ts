import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { CrowdImageClassifierMultiSelectAnswer, JsonValue } from '@quorum/schema';
import { DIGIT_KEYS, digitShortcut, parseObjectState } from '../internal/choice-group.js';
import type { KeyboardShortcut } from '../internal/form-protocol.js';
import { parseLiteral, type ParseLiteralOptions } from '../internal/literal.js';
import { spatialAnnotatorStyles } from '../internal/spatial/annotator.styles.js';
import { ImageClassifierBase } from '../internal/spatial/image-classifier-base.js';
import { imageClassifierStyles } from '../internal/spatial/image-classifier.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdImageClassifierMultiSelectStyles } from './crowd-image-classifier-multi-select.styles.js';

/**
 * @summary Classifies an image into one or more categories. Ground Truth's
 * `<crowd-image-classifier-multi-select>`; its answer is `{ "<name>": { "labels": ["<category>", …] } }`,
 * labels in the order of `categories`, with `"workerComment"` when the worker wrote one.
 *
 * `exclusion-category="{ text: 'None of these' }"` adds a choice that clears the others (and is
 * cleared by them). Choosing it answers `{ "labels": [] }`, as `<crowd-classifier-multi-select>`
 * does; with nothing chosen the element gives no answer, so `required` is met by a category or
 * the exclusion category.
 *
 * `overlay` draws an earlier job's boxes or label image over the image, as for
 * `<crowd-image-classifier>` (Ground Truth documents it there only).
 *
 * Keyboard: 1–9 and 0 toggle the first ten choices (categories, then the exclusion category),
 * arrow keys move between them, Space toggles the focused one, Enter submits. A failed or
 * missing image blocks submission.
 *
 * @tagname crowd-image-classifier-multi-select
 *
 * @slot short-instructions - The `<short-instructions>` region, shown in the instructions panel.
 * @slot full-instructions - The `<full-instructions>` region, shown in a dialog opened from the panel.
 * @slot worker-comment - The `<worker-comment>` region: guidance shown in the comment dialog.
 * @slot - Anything else, shown below the categories.
 *
 * @csspart base - The layout grid holding the instructions panel and the task.
 * @csspart instructions - The instructions panel.
 * @csspart full-instructions-button - The "View full instructions" button.
 * @csspart main - The task column.
 * @csspart header - The question (`header` attribute).
 * @csspart figure - The box around the image.
 * @csspart image - The image.
 * @csspart image-error - The message shown when the image cannot be loaded.
 * @csspart overlay - The boxes (an SVG) or label image drawn over the image (`overlay`).
 * @csspart overlay-legend - The list of the overlay's labels with their colours.
 * @csspart overlay-toggle - The button that shows or hides the overlay.
 * @csspart categories - The group of checkboxes.
 * @csspart option - One category (`role="checkbox"`).
 * @csspart option-checked - A chosen category.
 * @csspart exclusion - The exclusion category.
 * @csspart comment-button - The link that opens the comment dialog.
 * @csspart comment-dialog - The comment dialog.
 * @csspart error - The validation message.
 * @csspart hint - The keyboard hint.
 * @csspart dialog - The full instructions dialog.
 * @csspart dialog-body - The scrolling body of the full instructions dialog.
 *
 * @cssprop --quorum-spatial-max-height - Largest height of the image (default 70vh).
 * @cssprop --quorum-color-accent - Chosen categories, links and focus (default #0b5fbf).
 * @cssprop --quorum-color-danger - Validation errors and the image error.
 * @cssprop --quorum-focus-color - Focus outline.
 *
 * @event input - When the user toggles a category or saves a comment (never from code).
 * @event change - With every `input`; `event.target.value` is the list of chosen labels.
 *
 * @cssstate empty - Nothing is chosen.
 * @cssstate invalid - The image failed or is still loading, or required and nothing is chosen.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdImageClassifierMultiSelect extends ImageClassifierBase {
  static readonly tagName: string = 'crowd-image-classifier-multi-select';
  static override styles = [themeStyles, spatialAnnotatorStyles, imageClassifierStyles, crowdImageClassifierMultiSelectStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'exclusion-category'];
  }

  /**
   * Text of the "none of these" choice, or '' for none. The `exclusion-category` attribute takes
   * Ground Truth's `{ text: '…' }` (or a plain string).
   * @attr exclusion-category
   */
  @property({ attribute: false }) exclusionCategory = '';

  /** The chosen labels in category order; `[]` when nothing or the exclusion category is chosen. Setting it does not fire events. */
  @property({ attribute: false })
  get value(): string[] {
    return this.categories.filter((category) => this.#chosen.has(category));
  }

  set value(labels: string[]) {
    const previous = this.value;
    this.#chosen = new Set(labels ?? []);
    if (this.#chosen.size > 0) this.#excluded = false;
    this.requestUpdate('value', previous);
    this.syncFormState();
  }

  /** Whether the exclusion category is chosen. */
  get excluded(): boolean {
    return this.#excluded;
  }

  /** Chooses the exclusion category (clearing the categories) or clears it; fires no events. */
  set excluded(excluded: boolean) {
    this.#excluded = Boolean(excluded) && this.exclusionCategory !== '';
    if (this.#excluded) this.#chosen = new Set();
    this.requestUpdate();
    this.syncFormState();
  }

  /**
   * Whether choosing the exclusion category also disables the categories until it is chosen again
   * (A2I's moderation review documents this); here, choosing a category clears the exclusion.
   */
  protected readonly exclusionLocksCategories: boolean = false;

  #chosen = new Set<string>();
  #excluded = false;
  /** The choice in the tab order (roving tabindex). */
  #focusIndex = 0;

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'exclusion-category') {
      this.exclusionCategory = this.readLiteralAttribute('exclusion-category', value, parseExclusionCategory, '');
      return;
    }
    super.attributeChangedCallback(name, previous, value);
  }

  /** Moves focus to the first chosen category, or the first one. */
  override focus(options?: FocusOptions): void {
    const box = this.renderRoot.querySelector<HTMLElement>('[role="checkbox"][tabindex="0"]');
    if (box && !this.isDisabled) box.focus(options);
    else super.focus(options);
  }

  /** The keys of this element, for the form's `?` overlay. */
  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    if (this.isDisabled) return [];
    return digitShortcut(this.#choiceCount(), `Toggle a category${this.header ? ` for "${this.header}"` : ''}`);
  }

  protected answerValue(): JsonValue | undefined {
    if (this.isEmpty()) return undefined;
    const answer: CrowdImageClassifierMultiSelectAnswer = { labels: this.#excluded ? [] : this.value };
    if (this.workerComment.trim()) answer.workerComment = this.workerComment;
    return { ...answer, labels: [...answer.labels] };
  }

  protected formValue(): string | null {
    return this.isEmpty() ? null : JSON.stringify(this.#excluded ? [] : this.value);
  }

  /** Labels, exclusion and comment, so undo and drafts keep all three. */
  protected override stateValue(): string | null {
    return JSON.stringify({ labels: this.value, excluded: this.#excluded, workerComment: this.workerComment });
  }

  protected isEmpty(): boolean {
    return !this.#excluded && this.value.length === 0;
  }

  protected resetValue(): void {
    this.#chosen = new Set();
    this.#excluded = false;
    this.workerComment = '';
    this.requestUpdate();
  }

  protected restoreValue(state: string): void {
    const saved = parseObjectState(state);
    if (saved) {
      this.#chosen = new Set(Array.isArray(saved['labels']) ? saved['labels'].filter((label): label is string => typeof label === 'string') : []);
      this.#excluded = saved['excluded'] === true && this.exclusionCategory !== '';
      this.workerComment = typeof saved['workerComment'] === 'string' ? saved['workerComment'] : '';
    } else {
      try {
        const labels: unknown = JSON.parse(state);
        if (Array.isArray(labels)) {
          this.#chosen = new Set(labels.filter((label): label is string => typeof label === 'string'));
          // An answered state with no labels is the exclusion category.
          this.#excluded = this.#chosen.size === 0 && this.exclusionCategory !== '';
        }
      } catch {
        return;
      }
    }
    this.requestUpdate();
  }

  protected override valueMissingMessage(): string {
    return this.exclusionCategory ? `Please choose at least one category, or "${this.exclusionCategory}".` : 'Please choose at least one category.';
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('[role="checkbox"][tabindex="0"]') ?? null;
  }

  protected chooseByDigit(index: number, moveFocus: boolean): boolean {
    if (index >= this.#choiceCount()) return false;
    this.#toggleByUser(index);
    if (moveFocus) this.#box(index)?.focus();
    return true;
  }

  protected hint(): string {
    const count = Math.min(this.#choiceCount(), DIGIT_KEYS.length);
    const keys = count === 1 ? '1' : count === 10 ? '1–9 or 0' : `1–${count}`;
    return `Press ${keys} to toggle, arrow keys to move, Space to toggle, Enter to submit.`;
  }

  protected renderChoices(error: string, disabled: boolean): TemplateResult {
    const tabStop = Math.min(this.#focusIndex, Math.max(0, this.#choiceCount() - 1));
    return html`
      <div
        role="group"
        part="categories"
        class="options"
        aria-labelledby=${this.header ? 'header' : nothing}
        aria-label=${this.header ? nothing : 'Categories'}
        aria-describedby=${error ? 'error' : disabled || this.#choiceCount() === 0 ? nothing : 'hint'}
        aria-disabled=${disabled ? 'true' : 'false'}
        @keydown=${this.#onGroupKeydown}
      >
        ${this.categories.map((category, index) => this.#renderChoice(category, index, this.#chosen.has(category), false, index === tabStop, disabled, error !== '', this.#categoriesLocked()))}
        ${this.exclusionCategory ? this.#renderChoice(this.exclusionCategory, this.categories.length, this.#excluded, true, this.categories.length === tabStop, disabled, error !== '') : nothing}
      </div>
    `;
  }

  #renderChoice(label: string, index: number, checked: boolean, exclusion: boolean, tabStop: boolean, disabled: boolean, invalid: boolean, locked = false): TemplateResult {
    const shortcut = DIGIT_KEYS[index];
    const parts = ['option', checked ? 'option-checked' : '', exclusion ? 'exclusion' : ''].filter(Boolean).join(' ');
    return html`
      <div
        role="checkbox"
        part=${parts}
        class="option ${exclusion ? 'exclusion' : ''}"
        data-index=${index}
        aria-checked=${checked ? 'true' : 'false'}
        aria-disabled=${locked ? 'true' : nothing}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-keyshortcuts=${shortcut ?? nothing}
        tabindex=${disabled ? nothing : tabStop ? 0 : -1}
        @click=${() => !disabled && this.#toggleByUser(index)}
      >
        <span class="box" aria-hidden="true">${checked ? '✓' : ''}</span>
        ${shortcut && shortcut !== label.trim() ? html`<kbd class="shortcut" aria-hidden="true">${shortcut}</kbd>` : nothing}
        <span>${label}</span>
      </div>
    `;
  }

  #onGroupKeydown(event: KeyboardEvent): void {
    const count = this.#choiceCount();
    if (this.isDisabled || count === 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.getAttribute('role') === 'checkbox');
    const current = target ? Number(target.dataset['index']) : this.#focusIndex;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (event.key in moves) {
      event.preventDefault();
      this.#focusIndex = Math.min(count - 1, Math.max(0, current + (moves[event.key] as number)));
      this.requestUpdate();
      this.#box(this.#focusIndex)?.focus();
    } else if (event.key === ' ') {
      event.preventDefault();
      this.#toggleByUser(current);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.submitEnclosingForm();
    }
  }

  #toggleByUser(index: number): void {
    if (this.isDisabled) return;
    this.#focusIndex = index;
    const category = this.categories[index];
    if (category !== undefined && this.#categoriesLocked()) return;
    if (category === undefined) {
      this.#excluded = !this.#excluded;
      if (this.#excluded) this.#chosen = new Set();
    } else {
      const chosen = new Set(this.#chosen);
      if (chosen.has(category)) chosen.delete(category);
      else chosen.add(category);
      this.#chosen = chosen;
      this.#excluded = false;
    }
    this.requestUpdate();
    this.commitUserChange();
  }

  #categoriesLocked(): boolean {
    return this.exclusionLocksCategories && this.#excluded;
  }

  #choiceCount(): number {
    return this.categories.length + (this.exclusionCategory ? 1 : 0);
  }

  #box(index: number): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[role="checkbox"][data-index="${index}"]`);
  }
}

/** Reads `exclusion-category`: Ground Truth's `{ text: '…' }`, or a plain string. */
function parseExclusionCategory(text: string, options: ParseLiteralOptions): string {
  const value = parseLiteral(text, options);
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof value['text'] === 'string') return value['text'];
  throw new SyntaxError(`${options.what ?? 'exclusion-category'} must be { text: '…' }, found ${JSON.stringify(value)}.`);
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-image-classifier-multi-select': CrowdImageClassifierMultiSelect;
  }
}
