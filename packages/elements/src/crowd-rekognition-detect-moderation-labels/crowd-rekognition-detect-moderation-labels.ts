import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { CrowdRekognitionDetectModerationLabelsAnswer, JsonValue } from '@quorum/schema';
import { CrowdImageClassifierMultiSelect } from '../crowd-image-classifier-multi-select/crowd-image-classifier-multi-select.js';
import { REKOGNITION_ANSWER_KEY, parseModerationCategories, parseModerationNames, type ModerationCategory } from '../internal/spatial/a2i-moderation.js';
import { describeElement, warnOnce } from '../internal/warn.js';

/**
 * @summary Human review of an Amazon Rekognition image moderation result (Amazon A2I's
 * `<crowd-rekognition-detect-moderation-labels>`): the worker sees the image and chooses every
 * moderation category that applies, or the exclusion category when none does.
 *
 * `categories` takes an array of strings, or of objects with a `name` (A2I templates loop over
 * `task.input.selectedAiServiceResponse.moderationLabels` to write `{ name, parentName }`). The
 * answer lists the chosen categories in category order: the strings, or the **whole** objects,
 * as A2I documents. Choosing `exclusion-category` clears and disables the categories (choosing
 * it again enables them) and answers an empty list.
 *
 * The answer sits under A2I's key unless the element has a `name`:
 * `{ "AWS/Rekognition/DetectModerationLabels/Image/V3": { "moderationLabels": [{ "name": "Gore",
 * "parentName": "Violence" }] } }`. The key `moderationLabels` is camelCase as in A2I's output data
 * (the element page's sample writes `ModerationLabels`).
 *
 * `initial-value` (a Quorum addition, not in A2I) pre-selects categories by name, e.g. the labels
 * Rekognition detected with high confidence; resetting the form returns to it.
 *
 * Keyboard: 1–9 and 0 toggle the first ten choices, arrow keys move, Space toggles, Enter
 * submits. A failed or missing image blocks submission.
 *
 * @tagname crowd-rekognition-detect-moderation-labels
 *
 * @slot short-instructions - The `<short-instructions>` region, shown in the instructions panel.
 * @slot full-instructions - The `<full-instructions>` region, shown in a dialog opened from the panel.
 * @slot - Anything else, shown below the categories.
 *
 * @csspart base - The layout grid holding the instructions panel and the task.
 * @csspart instructions - The instructions panel.
 * @csspart full-instructions-button - The "View full instructions" button.
 * @csspart main - The task column.
 * @csspart header - The instruction (`header` attribute).
 * @csspart figure - The box around the image.
 * @csspart image - The image.
 * @csspart image-error - The message shown when the image cannot be loaded.
 * @csspart categories - The group of checkboxes.
 * @csspart option - One category (`role="checkbox"`).
 * @csspart option-checked - A chosen category.
 * @csspart exclusion - The exclusion category.
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
 * @event input - When the user toggles a category (never from code).
 * @event change - With every `input`; `event.target.value` is the list of chosen category names.
 *
 * @cssstate empty - Nothing is chosen.
 * @cssstate invalid - The image failed or is still loading, or required and nothing is chosen.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdRekognitionDetectModerationLabels extends CrowdImageClassifierMultiSelect {
  static override readonly tagName: string = 'crowd-rekognition-detect-moderation-labels';

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'initial-value'];
  }

  /**
   * The categories with what the answer records for each (the string, or the whole object). Set
   * the `categories` attribute, or this property, to change them.
   * @attr categories
   */
  @property({ attribute: false })
  get moderationCategories(): ModerationCategory[] {
    return this.#categories.map((category) => ({ ...category }));
  }

  set moderationCategories(categories: ModerationCategory[]) {
    this.#categories = (categories ?? []).map((category) => ({ name: category.name, answer: category.answer }));
    this.categories = this.#categories.map((category) => category.name);
  }

  /**
   * Names of the categories chosen at first and after a reset (the `initial-value` attribute: a
   * JS-literal array of names or `{ name }` objects). Names not among the categories are ignored
   * with a warning.
   * @attr initial-value
   */
  @property({ attribute: false }) initialValue: string[] = [];

  protected override readonly exclusionLocksCategories = true;

  #categories: ModerationCategory[] = [];
  /** Whether the worker has chosen anything since the last reset (then `initial-value` no longer applies). */
  #touched = false;

  constructor() {
    super();
    this.addEventListener('input', () => {
      this.#touched = true;
    });
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'categories') {
      this.moderationCategories = this.readLiteralAttribute('categories', value, parseModerationCategories, []);
      return;
    }
    if (name === 'initial-value') {
      this.initialValue = this.readLiteralAttribute('initial-value', value, parseModerationNames, []);
      return;
    }
    super.attributeChangedCallback(name, previous, value);
  }

  override connectedCallback(): void {
    // A2I's templates give this element no name; its answer then sits under A2I's own key.
    if (!this.hasAttribute('name') && !this.name) this.name = REKOGNITION_ANSWER_KEY;
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Categories and initial-value may arrive in either order; until the worker acts, both count.
    if (!this.#touched && (changed.has('initialValue') || changed.has('categories')) && this.initialValue.length > 0) this.#applyInitialValue();
  }

  protected override answerValue(): JsonValue | undefined {
    if (this.isEmpty()) return undefined;
    const chosen = new Set(this.excluded ? [] : this.value);
    const answer: CrowdRekognitionDetectModerationLabelsAnswer = {
      moderationLabels: this.#categories.filter((category) => chosen.has(category.name)).map((category) => structuredClone(category.answer)) as CrowdRekognitionDetectModerationLabelsAnswer['moderationLabels'],
    };
    return answer as unknown as JsonValue;
  }

  protected override resetValue(): void {
    super.resetValue();
    this.#touched = false;
    if (this.initialValue.length > 0) this.#applyInitialValue();
  }

  /** Undo back to "nothing chosen" (not to `initial-value`). */
  protected override clearValue(): void {
    super.resetValue();
  }

  #applyInitialValue(): void {
    const known = new Set(this.categories);
    const unknown = this.initialValue.filter((name) => !known.has(name));
    if (unknown.length > 0) warnOnce(this, 'unknown-initial-value', `initial-value of ${describeElement(this)} names ${unknown.map((name) => `"${name}"`).join(', ')}, not among the categories; ignored.`);
    this.value = this.initialValue.filter((name) => known.has(name));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-rekognition-detect-moderation-labels': CrowdRekognitionDetectModerationLabels;
  }
}
