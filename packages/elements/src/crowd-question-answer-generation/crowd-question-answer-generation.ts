import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CrowdQuestionAnswerGenerationAnswer, JsonValue, QuestionAnswerPair } from '@quorum/schema';
import type { AnswerEntry } from '../internal/form-protocol.js';
import { joinFormById, linkedAnswerEntries, submitFormById } from '../internal/form-element-id.js';
import { JsonAnswerControl } from '../internal/json-answer-control.js';
import { parseObjectState } from '../internal/choice-group.js';
import { parseStringArray } from '../internal/literal.js';
import { reviewStyles } from '../internal/review.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdQuestionAnswerGenerationStyles } from './crowd-question-answer-generation.styles.js';
import { renderReviewAnnouncement, renderReviewError, renderReviewTextField } from '../internal/review-fields.js';

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;
const blank = (pair: QuestionAnswerPair): boolean => pair.question.trim() === '' && pair.answer.trim() === '' && pair.tags.length === 0;
const newPair = (): QuestionAnswerPair => ({ question: '', answer: '', tags: [] });
// GT writes allow-custom-question-tags="true", so "false" must mean off, unlike a plain boolean attribute.
const flag = { fromAttribute: (value: string | null): boolean => value !== null && value.trim().toLowerCase() !== 'false' };

function isPair(value: unknown): value is QuestionAnswerPair {
  const pair = value as Partial<QuestionAnswerPair> | null;
  return (
    typeof pair === 'object' && pair !== null && typeof pair.question === 'string' && typeof pair.answer === 'string' &&
    Array.isArray(pair.tags) && pair.tags.every((tag) => typeof tag === 'string')
  );
}

/**
 * @summary Ground Truth's (Crowd HTML Elements V2) question-answer generation: the worker reads a
 * text and writes question-answer pairs about it, tagging each, e.g. to build evaluation sets for
 * retrieval-augmented LLMs. Text highlighted in the passage can be taken as an answer.
 *
 * Answer, under `name` (**Quorum's shape: Ground Truth documents none**):
 * `{ "questionAnswerPairs": [{ "question": "…", "answer": "…", "tags": ["tag1"] }] }`, the pairs
 * in the order written, blank ones left out, question and answer trimmed. Described by
 * `crowd-question-answer-generation.answer.schema.json` in @quorum/schema.
 *
 * Outside a form, as in AWS's sample template, `crowd-form-element-id` names the (hidden)
 * `<crowd-form>` it submits with, and the element shows its own Submit button. Unnamed so, its
 * answer is the form's whole answer: `{ "questionAnswerPairs": […] }` at the top level, where
 * Ground Truth V2 elements put theirs.
 *
 * Validation follows Ground Truth's attributes: at least `min-questions` pairs (default 1), each
 * question and answer within its word limits (by default at least one word each; set
 * `answer-min-words="0"` to allow questions without answers). As with every Quorum control, an
 * untouched element gives no entry and is valid unless `required` (Ground Truth's own element
 * always asks for at least one pair).
 *
 * Keyboard: Tab moves through the fields and buttons; Enter in a tag box adds the tag; Ctrl+Z
 * undoes through the form.
 *
 * `value` is the answer as JSON text ('' while empty); it is also the `FormData` value.
 *
 * @tagname crowd-question-answer-generation
 *
 * @attr allow-custom-tags - The spelling of `allow-custom-question-tags` that AWS's sample template writes;
 * sets the same property.
 *
 * @slot - Instructions (e.g. `<short-instructions>`), shown above the text.
 *
 * @csspart instructions - The `instructions` attribute's text.
 * @csspart text - The passage (`text` attribute).
 * @csspart pair - One question-answer pair; inside it `question`, `answer`, `use-selection`,
 * `tag` (`aria-pressed` when chosen), `custom-tag` and `remove`.
 * @csspart add - The "Add a question" button.
 * @csspart error - The validation message.
 * @csspart submit - The Submit button, shown with `crowd-form-element-id`.
 *
 * @event input - When the worker types (from the text field) or changes a tag or the list of pairs.
 * @event change - When the worker leaves a changed field, or changes a tag or the list of pairs.
 *
 * @cssstate empty - Nothing written.
 * @cssstate invalid - Required and empty, or a pair out of its limits.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdQuestionAnswerGeneration extends JsonAnswerControl {
  static readonly tagName = 'crowd-question-answer-generation';
  static override styles = [themeStyles, reviewStyles, crowdQuestionAnswerGenerationStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'question-tags', 'allow-custom-tags'];
  }

  /** The passage the questions are about. */
  @property() text = '';

  /** Fewest pairs to write once the worker starts (Ground Truth's default: 1). */
  @property({ type: Number, attribute: 'min-questions' }) minQuestions = 1;
  /** Most pairs the worker may write (no limit when unset). */
  @property({ type: Number, attribute: 'max-questions' }) maxQuestions = Infinity;
  /** Fewest words of each question (1 by default). */
  @property({ type: Number, attribute: 'question-min-words' }) questionMinWords = 1;
  /** Most words of each question (no limit when unset). */
  @property({ type: Number, attribute: 'question-max-words' }) questionMaxWords = Infinity;
  /** Fewest words of each answer (1 by default). */
  @property({ type: Number, attribute: 'answer-min-words' }) answerMinWords = 1;
  /** Most words of each answer (no limit when unset). */
  @property({ type: Number, attribute: 'answer-max-words' }) answerMaxWords = Infinity;

  /**
   * Tags a worker can give each pair; none shows no tags. The attribute takes a JSON or JavaScript array.
   * @attr question-tags
   */
  @property({ attribute: false }) questionTags: string[] = [];

  /**
   * Lets the worker type tags of their own. `="false"` turns it off, as in Ground Truth's templates.
   * `allow-custom-tags`, which AWS's sample template writes instead, sets it too.
   */
  @property({ attribute: 'allow-custom-question-tags', converter: flag }) allowCustomQuestionTags = false;

  /**
   * Id of the `<crowd-form>` this element belongs to when it is not inside one (Ground Truth's
   * samples hide an empty form and name it here). The element then shows its own Submit button,
   * and without a `name` its answer object is the form's whole answer.
   */
  @property({ attribute: 'crowd-form-element-id' }) crowdFormElementId = '';

  /** Instructions shown above the text, one line per line of the attribute (Ground Truth's `instructions`). */
  @property() instructions = '';

  @state() private pairs: QuestionAnswerPair[] = [newPair()];
  @state() private announcement = '';

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'question-tags') this.questionTags = this.readLiteralAttribute(name, value, parseStringArray, []);
    else if (name === 'allow-custom-tags') this.allowCustomQuestionTags = flag.fromAttribute(value);
    else super.attributeChangedCallback(name, previous, value);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.crowdFormElementId) void joinFormById(this, this.crowdFormElementId);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('minQuestions') && this.isEmpty()) this.resetValue();
    if (changed.has('crowdFormElementId') && this.hasUpdated && this.crowdFormElementId) void joinFormById(this, this.crowdFormElementId);
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    // Unnamed and linked by crowd-form-element-id is how Ground Truth's samples use the element, not a missing name.
    if (!this.crowdFormElementId || this.name) super.firstUpdated(changed);
  }

  /** Moves focus to the first question. */
  override focus(options?: FocusOptions): void {
    const field = this.renderRoot?.querySelector<HTMLElement>('textarea');
    if (field && !this.isDisabled) field.focus(options);
    else super.focus(options);
  }

  /** Without a name but with `crowd-form-element-id`, the entries of the answer itself (see the class). */
  override answerEntries(): AnswerEntry[] {
    return this.crowdFormElementId ? linkedAnswerEntries(super.answerEntries(), this.name, this.answerValue(), this.isDisabled) : super.answerEntries();
  }

  protected answerValue(): JsonValue | undefined {
    if (this.isEmpty()) return undefined;
    const answer: CrowdQuestionAnswerGenerationAnswer = {
      questionAnswerPairs: this.pairs.filter((pair) => !blank(pair)).map((pair) => ({ question: pair.question.trim(), answer: pair.answer.trim(), tags: [...pair.tags] })),
    };
    return { ...answer } as unknown as JsonValue;
  }

  protected formValue(): string | null {
    return this.isEmpty() ? null : this.value;
  }

  /** Every pair as typed, blank ones too, so undo and drafts bring back the same boxes. */
  protected override stateValue(): string | null {
    return JSON.stringify({ questionAnswerPairs: this.pairs });
  }

  protected isEmpty(): boolean {
    return this.pairs.every(blank);
  }

  protected resetValue(): void {
    this.pairs = Array.from({ length: Math.max(1, Math.min(this.minQuestions || 1, 20)) }, newPair);
  }

  protected restoreValue(state: string): void {
    const pairs = parseObjectState(state)?.['questionAnswerPairs'];
    if (Array.isArray(pairs) && pairs.every(isPair)) {
      this.pairs = pairs.length > 0 ? pairs.map((pair) => ({ question: pair.question, answer: pair.answer, tags: [...pair.tags] })) : [newPair()];
      return;
    }
    if (state !== '') warnOnce(this, 'unknown-value', `${describeElement(this)} got ${state.slice(0, 200)}, which is not {"questionAnswerPairs": [{question, answer, tags}]}; cleared.`);
    this.resetValue();
  }

  protected override valueProblem(): { flags: ValidityStateFlags; message: string } | null {
    if (this.isEmpty()) return null;
    const written = this.pairs.filter((pair) => !blank(pair));
    const tooFew = { flags: { rangeUnderflow: true }, message: `Please write at least ${this.minQuestions} question-answer pair${this.minQuestions === 1 ? '' : 's'}.` };
    if (written.length < this.minQuestions) return tooFew;
    if (written.length > this.maxQuestions) return { flags: { rangeOverflow: true }, message: `Please write at most ${this.maxQuestions} question-answer pairs.` };
    for (const [index, pair] of this.pairs.entries()) {
      if (blank(pair)) continue;
      const problem =
        this.#wordProblem(`Question ${index + 1}`, pair.question, this.questionMinWords, this.questionMaxWords) ??
        this.#wordProblem(`The answer to question ${index + 1}`, pair.answer, this.answerMinWords, this.answerMaxWords);
      if (problem) return problem;
    }
    return null;
  }

  protected override valueMissingMessage(): string {
    return 'Please write a question and its answer.';
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('textarea') ?? null;
  }

  #wordProblem(what: string, text: string, min: number, max: number): { flags: ValidityStateFlags; message: string } | null {
    const count = words(text);
    if (count < min) return { flags: { tooShort: true }, message: `${what} needs at least ${min} word${min === 1 ? '' : 's'}.` };
    if (count > max) return { flags: { tooLong: true }, message: `${what} has ${count} words; at most ${max} are allowed.` };
    return null;
  }

  protected override submitEnclosingForm(): void {
    if (!this.crowdFormElementId || !submitFormById(this, this.crowdFormElementId)) super.submitEnclosingForm();
  }

  #update(index: number, change: Partial<QuestionAnswerPair>): void {
    this.pairs = this.pairs.map((pair, at) => (at === index ? { ...pair, ...change } : pair));
    this.syncFormState();
  }

  /** A text field was left changed: native `change` does not leave the shadow root, so the host fires it. */
  #onFieldChange(): void {
    this.showValidation = true;
    this.syncFormState();
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #toggleTagByUser(index: number, tag: string): void {
    const tags = this.pairs[index]?.tags ?? [];
    this.#update(index, { tags: tags.includes(tag) ? tags.filter((other) => other !== tag) : [...tags, tag] });
    this.commitUserChange();
  }

  #onCustomTagKeydown(event: KeyboardEvent, index: number): void {
    if (event.key !== 'Enter') return;
    // Enter adds the tag here rather than submitting the form.
    event.preventDefault();
    event.stopPropagation();
    const input = event.target as HTMLInputElement;
    const tag = input.value.trim();
    if (!tag) return;
    input.value = '';
    if (!(this.pairs[index]?.tags ?? []).includes(tag)) this.#toggleTagByUser(index, tag);
  }

  #useSelectionByUser(index: number): void {
    const root = this.renderRoot as ShadowRoot & { getSelection?: () => Selection | null };
    const selection = root.getSelection?.() ?? document.getSelection();
    const passage = this.renderRoot.querySelector('[part="text"]');
    const text = selection && passage?.contains(selection.anchorNode) ? selection.toString().trim() : '';
    if (!text) {
      this.announcement = 'Highlight part of the text first.';
      return;
    }
    this.#update(index, { answer: text });
    this.announcement = `Answer ${index + 1} set to the highlighted text.`;
    this.commitUserChange();
  }

  #addByUser(): void {
    this.pairs = [...this.pairs, newPair()];
    this.commitUserChange();
    const index = this.pairs.length - 1;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#q${index}`)?.focus());
  }

  #removeByUser(index: number): void {
    this.pairs = this.pairs.filter((_, at) => at !== index);
    if (this.pairs.length === 0) this.pairs = [newPair()];
    this.announcement = `Question ${index + 1} removed.`;
    this.commitUserChange();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#q${Math.min(index, this.pairs.length - 1)}`)?.focus());
  }

  protected override render(): TemplateResult {
    const disabled = this.isDisabled;
    const error = this.visibleValidationMessage;
    return html`
      <slot></slot>
      <div part="instructions" class="instructions" dir="auto" ?hidden=${!this.instructions}>${this.instructions}</div>
      <div part="text" class="passage" dir="auto" ?hidden=${!this.text}>${this.text}</div>
      <ol class="pairs">
        ${this.pairs.map((pair, index) => this.#renderPair(pair, index, disabled, Boolean(error)))}
      </ol>
      <button type="button" part="add" ?disabled=${disabled || this.pairs.length >= this.maxQuestions} @click=${this.#addByUser}>Add a question</button>
      ${renderReviewError(error)}
      ${this.crowdFormElementId ? html`<button type="button" part="submit" class="submit" @click=${this.submitEnclosingForm}>Submit</button>` : nothing}
      ${renderReviewAnnouncement(this.announcement)}
    `;
  }

  #renderPair(pair: QuestionAnswerPair, index: number, disabled: boolean, showErrors: boolean): TemplateResult {
    const n = index + 1;
    const tags = [...this.questionTags, ...pair.tags.filter((tag) => !this.questionTags.includes(tag))];
    const invalid = (text: string, min: number, max: number): boolean => showErrors && !blank(pair) && (words(text) < min || words(text) > max);
    return html`
      <li part="pair" class="pair">
        ${renderReviewTextField({
          label: `Question ${n}`,
          id: `q${index}`,
          part: 'question',
          rows: 2,
          value: pair.question,
          disabled,
          invalid: invalid(pair.question, this.questionMinWords, this.questionMaxWords),
          describedBy: showErrors ? 'error' : undefined,
          onInput: (question) => this.#update(index, { question }),
          onChange: () => this.#onFieldChange(),
        })}
        ${renderReviewTextField({
          label: `Answer ${n}`,
          part: 'answer',
          rows: 2,
          value: pair.answer,
          disabled,
          invalid: invalid(pair.answer, this.answerMinWords, this.answerMaxWords),
          onInput: (answer) => this.#update(index, { answer }),
          onChange: () => this.#onFieldChange(),
        })}
        <div class="actions">
          <button type="button" part="use-selection" ?disabled=${disabled} ?hidden=${!this.text} @mousedown=${(event: Event) => event.preventDefault()} @click=${() => this.#useSelectionByUser(index)}>
            Use highlighted text as answer ${n}
          </button>
          <button type="button" part="remove" ?disabled=${disabled} ?hidden=${this.pairs.length < 2} @click=${() => this.#removeByUser(index)}>Remove question ${n}</button>
        </div>
        <div class="tags" role="group" aria-label=${`Tags of question ${n}`} ?hidden=${tags.length === 0 && !this.allowCustomQuestionTags}>
          ${tags.map(
            (tag) => html`<button type="button" part="tag" aria-pressed=${pair.tags.includes(tag) ? 'true' : 'false'} ?disabled=${disabled} @click=${() => this.#toggleTagByUser(index, tag)}>${tag}</button>`,
          )}
          ${this.allowCustomQuestionTags
            ? html`<input type="text" part="custom-tag" aria-label=${`Add a tag of your own to question ${n} (Enter)`} placeholder="Own tag, Enter" ?disabled=${disabled} @keydown=${(event: KeyboardEvent) => this.#onCustomTagKeydown(event, index)} />`
            : nothing}
        </div>
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-question-answer-generation': CrowdQuestionAnswerGeneration;
  }
}
