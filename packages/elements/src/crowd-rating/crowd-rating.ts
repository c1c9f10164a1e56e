import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { CrowdRatingAnswer, JsonValue } from '@quorum/schema';
import { JsonAnswerControl } from '../internal/json-answer-control.js';
import type { KeyboardShortcut } from '../internal/form-protocol.js';
import { DIGIT_KEYS, digitShortcut, isPlainKey, parseObjectState, renderChoiceGroup, type ChoiceOption } from '../internal/choice-group.js';
import { reviewStyles } from '../internal/review.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdRatingStyles } from './crowd-rating.styles.js';
import { renderReviewError, renderReviewHeader, renderReviewTextField } from '../internal/review-fields.js';

/** Scales longer than this are refused: nobody rates reliably on them, and digits stop at 10. */
const MAX_POINTS = 10;

/** How the scale is drawn. */
export type CrowdRatingVariant = 'stars' | 'likert';

/**
 * @summary Rates content (an LLM answer, a summary …) on an N-point scale, as stars or as a
 * numbered Likert scale with end labels, with a comment that becomes required at or below a
 * threshold. Not a Ground Truth element: the answer shape is Quorum's,
 * `{ "<name>": { "rating": 4, "comment": "…" } }` (`comment` only when written), described by
 * `crowd-rating.answer.schema.json` in @quorum/schema.
 *
 * Keyboard: digits 1–9 and 0 (for 10) choose a rating while focus is in the element, arrows move
 * along the scale and wrap around at the ends as in any radio group (mirrored in right-to-left
 * text), Home/End go to the ends, Enter submits.
 *
 * `value` is the answer as JSON text (`'{"rating":4}'`, or '' before a rating is chosen); it is
 * also the element's `FormData` value, so a plain `<form>` posts the whole answer.
 *
 * @tagname crowd-rating
 *
 * @slot - The content being rated, shown between the question and the scale.
 *
 * @csspart header - The question (`header` attribute).
 * @csspart scale - The row holding the end labels and the options.
 * @csspart options - The radio group.
 * @csspart option - One point of the scale (`role="radio"`).
 * @csspart option-checked - The chosen point.
 * @csspart option-filled - Stars up to the chosen one.
 * @csspart low-label - The label at the low end.
 * @csspart high-label - The label at the high end.
 * @csspart comment - The comment text area.
 * @csspart error - The validation message.
 * @csspart hint - The keyboard hint.
 *
 * @cssprop --quorum-color-accent - Chosen point and filled stars.
 * @cssprop --quorum-color-muted - Empty stars and hints.
 * @cssprop --quorum-color-danger - Validation errors.
 *
 * @event input - When the user chooses a rating or types in the comment (never when set from code).
 * @event change - When the user chooses a rating or commits the comment; `event.target.value` is the answer JSON.
 *
 * @cssstate empty - No rating is chosen.
 * @cssstate invalid - Required without a rating, or a low rating without its comment.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdRating extends JsonAnswerControl {
  static readonly tagName = 'crowd-rating';
  static override styles = [themeStyles, reviewStyles, crowdRatingStyles];

  /** The question shown above the scale; also the accessible name of the scale. */
  @property() header = '';

  /** Number of points, 1 to `max` (2 to 10; default 5). */
  @property({ type: Number }) max = 5;

  /** `stars` (default) or `likert` (numbered boxes, best with end labels). */
  @property({ reflect: true }) variant: CrowdRatingVariant = 'stars';

  /** Text at the low end of the scale, e.g. "Not helpful". */
  @property({ attribute: 'low-label' }) lowLabel = '';

  /** Text at the high end of the scale, e.g. "Very helpful". */
  @property({ attribute: 'high-label' }) highLabel = '';

  /**
   * A rating at or below this number needs a comment before the form submits; shows the comment
   * box. Unset: the comment is never required.
   */
  @property({ type: Number, attribute: 'comment-threshold' }) commentThreshold: number | null = null;

  /** Shows the (optional) comment box even without `comment-threshold`. */
  @property({ type: Boolean, attribute: 'allow-comment' }) allowComment = false;

  /** Label of the comment box. */
  @property({ attribute: 'comment-label' }) commentLabel = 'Comment';

  /** The chosen rating, 1 to `max`, or 0 for none. Setting it does not fire events. */
  @property({ attribute: false })
  get rating(): number {
    return this.#rating;
  }

  set rating(next: number) {
    const previous = this.#rating;
    this.#rating = Number.isInteger(Number(next)) ? Number(next) : 0;
    this.requestUpdate('rating', previous);
    this.syncFormState();
  }

  /** The comment text. Setting it does not fire events. */
  @property({ attribute: false })
  get comment(): string {
    return this.#comment;
  }

  set comment(next: string) {
    const previous = this.#comment;
    this.#comment = next == null ? '' : String(next);
    this.requestUpdate('comment', previous);
    this.syncFormState();
  }


  #rating = 0;
  #comment = '';

  constructor() {
    super();
    this.addEventListener('keydown', this.#onShortcutKeydown);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('max') && !(Number.isInteger(this.max) && this.max >= 2 && this.max <= MAX_POINTS)) {
      warnOnce(this, 'invalid-max', `${describeElement(this)} has max="${this.max}"; use a whole number from 2 to ${MAX_POINTS}. Using 5.`);
      this.max = 5;
    }
    if (this.#rating !== 0 && !this.#isValidRating()) {
      warnOnce(this, 'unknown-value', `${describeElement(this)} has rating ${this.#rating}, outside 1–${this.max}; no rating is chosen.`);
    }
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (!this.header) warnOnce(this, 'missing-header', `${describeElement(this)} has no header; workers see no question and screen readers no name for the scale.`);
  }

  /** Moves focus to the chosen point, or the first one. */
  override focus(options?: FocusOptions): void {
    const radio = this.#radio(Math.max(0, this.#rating - 1));
    if (radio && !this.isDisabled) radio.focus(options);
    else super.focus(options);
  }

  /** Digits and arrows, for the form's `?` overlay. */
  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    if (this.isDisabled) return [];
    const where = this.header ? ` for "${this.header}"` : '';
    return [...digitShortcut(this.max, `Rate${where}`), { keys: 'Arrow keys, Home, End', description: `Move along the scale${where} and choose` }];
  }

  /** A digit pressed outside the control (see `<crowd-form>`) gives that rating, as inside it. */
  override handleRoutedKey(event: KeyboardEvent): boolean {
    const index = DIGIT_KEYS.indexOf(event.key);
    if (this.isDisabled || index < 0 || index >= this.max) return false;
    this.#chooseByUser(String(index + 1));
    return true;
  }

  protected answerValue(): JsonValue | undefined {
    if (!this.#isValidRating()) return undefined;
    const answer: CrowdRatingAnswer = { rating: this.#rating };
    if (this.#comment.trim() !== '') answer.comment = this.#comment;
    return { ...answer };
  }

  protected formValue(): string | null {
    return this.#isValidRating() ? this.value : null;
  }

  protected isEmpty(): boolean {
    return !this.#isValidRating();
  }

  protected resetValue(): void {
    this.#rating = 0;
    this.#comment = '';
    this.requestUpdate();
  }

  protected restoreValue(state: string): void {
    const saved = parseObjectState(state);
    this.#rating = typeof saved?.['rating'] === 'number' ? saved['rating'] : 0;
    this.#comment = typeof saved?.['comment'] === 'string' ? saved['comment'] : '';
    this.requestUpdate();
  }

  protected override valueMissingMessage(): string {
    return 'Please choose a rating.';
  }

  protected override valueProblem(): { flags: ValidityStateFlags; message: string } | null {
    if (this.#needsComment() && this.#comment.trim() === '') {
      return { flags: { valueMissing: true }, message: `Please explain a rating of ${this.commentThreshold} or less in the comment.` };
    }
    return null;
  }

  protected override get validationAnchor(): HTMLElement | null {
    if (this.#isValidRating() && this.#needsComment()) return this.renderRoot?.querySelector('textarea') ?? null;
    return this.#radio(Math.max(0, this.#rating - 1));
  }

  #onShortcutKeydown = (event: KeyboardEvent): void => {
    if (this.isDisabled || !isPlainKey(event)) return;
    const index = DIGIT_KEYS.indexOf(event.key);
    if (index < 0 || index >= this.max) return;
    event.preventDefault();
    this.#radio(index)?.focus();
    this.#chooseByUser(String(index + 1));
  };

  #chooseByUser = (value: string): void => {
    const rating = Number(value);
    if (rating === this.#rating) return;
    this.rating = rating;
    this.commitUserChange();
  };

  #isValidRating(): boolean {
    return Number.isInteger(this.#rating) && this.#rating >= 1 && this.#rating <= this.max;
  }

  #needsComment(): boolean {
    return this.commentThreshold !== null && this.#isValidRating() && this.#rating <= this.commentThreshold;
  }

  #radio(index: number): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>(`[role="radio"][data-index="${index}"]`) ?? null;
  }

  #options(): ChoiceOption[] {
    const stars = this.variant !== 'likert';
    return Array.from({ length: this.max }, (_, index) => {
      const point = index + 1;
      const end = point === 1 ? this.lowLabel : point === this.max ? this.highLabel : '';
      return {
        value: String(point),
        content: stars ? html`<span aria-hidden="true">★</span>` : String(point),
        ariaLabel: stars ? `${point} ${point === 1 ? 'star' : 'stars'}${end ? ` (${end})` : ''}` : end ? `${point} (${end})` : undefined,
        shortcut: DIGIT_KEYS[index],
      };
    });
  }

  protected override render(): TemplateResult {
    const disabled = this.isDisabled;
    const error = this.visibleValidationMessage;
    const commentError = error !== '' && this.#needsComment();
    const showComment = this.allowComment || this.commentThreshold !== null;
    const commentRequired = this.#needsComment();
    const describedBy = [this.lowLabel ? 'low' : '', this.highLabel ? 'high' : '', error && !commentError ? 'error' : disabled ? '' : 'hint'].filter(Boolean).join(' ');
    return html`
      ${renderReviewHeader(this.header)}
      <div part="scale" class="scale">
        <span part="low-label" class="end" id="low" dir="auto" ?hidden=${!this.lowLabel}>${this.lowLabel}</span>
        ${renderChoiceGroup({
          id: 'options',
          part: 'options',
          className: `options ${this.variant === 'likert' ? 'likert' : 'stars'}`,
          options: this.#options(),
          selected: this.#isValidRating() ? String(this.#rating) : '',
          disabled,
          fill: this.variant !== 'likert',
          labelledBy: this.header ? 'header' : undefined,
          label: 'Rating',
          describedBy: describedBy || undefined,
          invalid: error !== '' && !commentError,
          required: this.required,
          onChoose: this.#chooseByUser,
          onSubmit: () => this.submitEnclosingForm(),
        })}
        <span part="high-label" class="end" id="high" dir="auto" ?hidden=${!this.highLabel}>${this.highLabel}</span>
      </div>
      <p part="hint" class="hint" id="hint" ?hidden=${disabled}>Press 1–${Math.min(this.max, 9)}${this.max === 10 ? ' or 0' : ''} to rate, arrow keys to move, Enter to submit.</p>
      ${renderReviewTextField({
        label: html`${this.commentLabel}${commentRequired ? html` <span class="required">(required for a rating of ${this.commentThreshold} or less)</span>` : nothing}`,
        part: 'comment',
        value: this.#comment,
        disabled,
        required: commentRequired,
        invalid: commentError,
        describedBy: commentError ? 'error' : undefined,
        hidden: !showComment,
        onInput: (text) => (this.comment = text),
        onChange: () => this.commitUserChange(),
      })}
      ${renderReviewError(error)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-rating': CrowdRating;
  }
}
