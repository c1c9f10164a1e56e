import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { CrowdImageClassifierAnswer, JsonValue } from '@quorum/schema';
import { DIGIT_KEYS, digitShortcut, parseObjectState, renderChoiceGroup, type ChoiceOption } from '../internal/choice-group.js';
import type { KeyboardShortcut } from '../internal/form-protocol.js';
import { spatialAnnotatorStyles } from '../internal/spatial/annotator.styles.js';
import { ImageClassifierBase } from '../internal/spatial/image-classifier-base.js';
import { imageClassifierStyles } from '../internal/spatial/image-classifier.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { crowdImageClassifierStyles } from './crowd-image-classifier.styles.js';

/**
 * @summary Classifies an image into exactly one of several categories. Ground Truth's
 * `<crowd-image-classifier>`; its answer is `{ "<name>": { "label": "<category>" } }`, with
 * `"workerComment"` when the worker wrote one in the `<worker-comment>` region's dialog.
 *
 * Keyboard: 1–9 and 0 choose the first ten categories, arrow keys move and choose, Enter submits.
 * The image loads from `src` as given; if it fails, a message says so and the element stays
 * invalid, so the form cannot submit a label for an image nobody saw.
 *
 * `overlay` draws the result of an earlier job over the image for verification, as Ground Truth
 * documents: `overlay="{ boundingBox: { labels: ['bird'], value: [{ label: 'bird', left, top,
 * width, height }] } }"` draws the boxes (in natural image pixels) in each label's colour;
 * `overlay='{ "semanticSegmentation": { "labels": [...], "labelMappings": { "Cat": { "color":
 * "#2ca02c" } }, "src": "<label image URL>" } }'` lays the label image over it, half transparent.
 * A legend names the labels, and a toggle button hides the overlay to show the image beneath. A
 * label image that fails to load blocks submission like the image itself.
 *
 * @tagname crowd-image-classifier
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
 * @csspart categories - The radio group.
 * @csspart option - One category (`role="radio"`).
 * @csspart option-checked - The chosen category.
 * @csspart comment-button - The link that opens the comment dialog.
 * @csspart comment-dialog - The comment dialog.
 * @csspart error - The validation message.
 * @csspart hint - The keyboard hint.
 * @csspart dialog - The full instructions dialog.
 * @csspart dialog-body - The scrolling body of the full instructions dialog.
 *
 * @cssprop --quorum-spatial-max-height - Largest height of the image (default 70vh).
 * @cssprop --quorum-color-accent - Chosen category, links and focus (default #0b5fbf).
 * @cssprop --quorum-color-danger - Validation errors and the image error.
 * @cssprop --quorum-focus-color - Focus outline.
 *
 * @event input - When the user chooses a category or saves a comment (never from code).
 * @event change - With every `input`; `event.target.value` is the chosen label.
 *
 * @cssstate empty - No category is chosen.
 * @cssstate invalid - The image failed or is still loading, or required and no category is chosen.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdImageClassifier extends ImageClassifierBase {
  static readonly tagName = 'crowd-image-classifier';
  static override styles = [themeStyles, spatialAnnotatorStyles, imageClassifierStyles, crowdImageClassifierStyles];

  /** The chosen category, or '' when none is chosen. Setting it does not fire events. */
  @property({ attribute: false })
  get value(): string {
    return this.#value;
  }

  set value(next: string) {
    const previous = this.#value;
    this.#value = next == null ? '' : String(next);
    this.requestUpdate('value', previous);
    this.syncFormState();
  }

  #value = '';

  /** Moves focus to the chosen category, or the first one. */
  override focus(options?: FocusOptions): void {
    const radio = this.renderRoot.querySelector<HTMLElement>('[role="radio"][tabindex="0"]');
    if (radio && !this.isDisabled) radio.focus(options);
    else super.focus(options);
  }

  /** The keys of this element, for the form's `?` overlay. */
  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    if (this.isDisabled) return [];
    return digitShortcut(this.categories.length, `Choose a category${this.header ? ` for "${this.header}"` : ''}`);
  }

  protected answerValue(): JsonValue | undefined {
    if (this.isEmpty()) return undefined;
    const answer: CrowdImageClassifierAnswer = { label: this.#value };
    if (this.workerComment.trim()) answer.workerComment = this.workerComment;
    return { ...answer };
  }

  protected formValue(): string | null {
    return this.isEmpty() ? null : this.#value;
  }

  /** The label and the comment, so undo and drafts keep both. */
  protected override stateValue(): string | null {
    return JSON.stringify({ label: this.#value, workerComment: this.workerComment });
  }

  protected isEmpty(): boolean {
    return this.#value === '' || !this.categories.includes(this.#value);
  }

  protected resetValue(): void {
    this.value = '';
    this.workerComment = '';
  }

  protected restoreValue(state: string): void {
    const saved = parseObjectState(state);
    if (saved) {
      this.value = typeof saved['label'] === 'string' ? saved['label'] : '';
      this.workerComment = typeof saved['workerComment'] === 'string' ? saved['workerComment'] : '';
    } else {
      this.value = state;
    }
  }

  protected override valueMissingMessage(): string {
    return 'Please choose one of the categories.';
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]') ?? null;
  }

  protected chooseByDigit(index: number, moveFocus: boolean): boolean {
    const category = this.categories[index];
    if (category === undefined) return false;
    this.#chooseByUser(category);
    if (moveFocus) this.renderRoot.querySelector<HTMLElement>(`[role="radio"][data-index="${index}"]`)?.focus();
    return true;
  }

  protected hint(): string {
    const count = Math.min(this.categories.length, DIGIT_KEYS.length);
    const keys = count === 1 ? '1' : count === 10 ? '1–9 or 0' : `1–${count}`;
    return `Press ${keys} to choose${this.categories.length > 10 ? ' one of the first ten' : ''}, arrow keys to move, Enter to submit.`;
  }

  protected renderChoices(error: string, disabled: boolean): TemplateResult {
    const options: ChoiceOption[] = this.categories.map((category, index) => ({
      value: category,
      shortcut: DIGIT_KEYS[index],
      content: html`${DIGIT_KEYS[index] && DIGIT_KEYS[index] !== category.trim() ? html`<kbd class="shortcut" aria-hidden="true">${DIGIT_KEYS[index]}</kbd>` : nothing}<span>${category}</span>`,
    }));
    return renderChoiceGroup({
      id: 'categories',
      part: 'categories',
      className: 'options',
      options,
      selected: this.isEmpty() ? '' : this.#value,
      disabled,
      labelledBy: this.header ? 'header' : undefined,
      label: 'Categories',
      describedBy: error ? 'error' : disabled || options.length === 0 ? undefined : 'hint',
      invalid: error !== '',
      required: this.required,
      onChoose: (category) => this.#chooseByUser(category),
      onSubmit: () => this.submitEnclosingForm(),
    });
  }

  #chooseByUser(category: string): void {
    if (this.isDisabled || category === this.#value) return;
    this.value = category;
    this.commitUserChange();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-image-classifier': CrowdImageClassifier;
  }
}
