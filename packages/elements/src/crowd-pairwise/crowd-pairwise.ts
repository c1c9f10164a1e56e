import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CrowdPairwiseAnswer, JsonValue, PairwiseChoice, PairwisePreference, PairwiseStrength } from '@quorum/schema';
import { JsonAnswerControl } from '../internal/json-answer-control.js';
import type { KeyboardShortcut } from '../internal/form-protocol.js';
import { DIGIT_KEYS, isPlainKey, parseObjectState, renderChoiceGroup, type ChoiceOption } from '../internal/choice-group.js';
import { parseLiteral } from '../internal/literal.js';
import { reviewStyles } from '../internal/review.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdPairwiseStyles } from './crowd-pairwise.styles.js';
import { renderReviewError, renderReviewHeader, renderReviewTextField } from '../internal/review-fields.js';

/** One dimension of a `<crowd-pairwise>`: the key in the answer and the text shown. */
export interface PairwiseDimension {
  name: string;
  label: string;
}

const CHOICES: readonly PairwiseChoice[] = ['A', 'tie', 'B', 'both-bad'];
const STRENGTHS: readonly PairwiseStrength[] = ['slightly', 'much'];

interface Preference {
  choice: PairwiseChoice | '';
  strength: PairwiseStrength | '';
}

const EMPTY: Preference = { choice: '', strength: '' };

/**
 * @summary Compares two responses (of two models, or two drafts) side by side — stacked on
 * narrow screens — and records which is better: A, B, a tie, or both bad; optionally how much
 * better, a rationale, and the same choice on several dimensions (helpfulness, harmlessness …).
 * Not a Ground Truth element: the answer shape is Quorum's,
 * `{ "<name>": { "choice": "A", "strength": "much", "rationale": "…", "dimensions": { "helpfulness": { "choice": "A" } } } }`
 * (optional keys only when used), described by `crowd-pairwise.answer.schema.json` in @quorum/schema.
 *
 * The responses come from the `response-a` and `response-b` slots (any HTML) or, as plain text,
 * from the `response-a` and `response-b` attributes. With `dimensions`, every dimension must be
 * answered as well as the overall choice.
 *
 * Keyboard: in a choice row, 1 = A better, 2 = tie, 3 = B better, 4 = both bad (also the overall
 * row while focus is elsewhere in the element); arrows move, Enter submits.
 *
 * `value` is the answer as JSON text ('' before the overall choice); it is also the `FormData` value.
 *
 * @tagname crowd-pairwise
 *
 * @slot - The prompt or context, shown above the responses.
 * @slot response-a - Response A.
 * @slot response-b - Response B.
 *
 * @csspart header - The question (`header` attribute).
 * @csspart responses - The grid of the two responses.
 * @csspart response - Each response's box (also `response-a` / `response-b`).
 * @csspart response-label - Each response's heading.
 * @csspart choices - The overall choice row (a radio group).
 * @csspart strength - A strength row (a radio group).
 * @csspart dimension - One dimension's row.
 * @csspart option - One option of any row; `option-checked` when chosen.
 * @csspart rationale - The rationale text area.
 * @csspart error - The validation message.
 * @csspart hint - The keyboard hint.
 *
 * @cssprop --quorum-color-accent - Chosen options.
 * @cssprop --quorum-color-panel - Background of the response boxes.
 *
 * @event input - When the user changes a choice or types in the rationale.
 * @event change - When the user changes a choice or commits the rationale.
 *
 * @cssstate empty - No overall choice.
 * @cssstate invalid - Required without a choice, or an incomplete answer (a dimension, strength or required rationale missing).
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdPairwise extends JsonAnswerControl {
  static readonly tagName = 'crowd-pairwise';
  static override styles = [themeStyles, reviewStyles, crowdPairwiseStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'dimensions'];
  }

  /** The question, e.g. "Which response is better?"; also names the overall choice. */
  @property() header = '';

  /** Response A as plain text, when the `response-a` slot is empty. */
  @property({ attribute: 'response-a' }) responseA = '';

  /** Response B as plain text, when the `response-b` slot is empty. */
  @property({ attribute: 'response-b' }) responseB = '';

  /** Heading of response A. */
  @property({ attribute: 'label-a' }) labelA = 'Response A';

  /** Heading of response B. */
  @property({ attribute: 'label-b' }) labelB = 'Response B';

  /** Asks how much better (slightly / much) whenever A or B is chosen. */
  @property({ type: Boolean }) strength = false;

  /** Shows a rationale box. */
  @property({ type: Boolean }) rationale = false;

  /** Requires the rationale (implies `rationale`). */
  @property({ type: Boolean, attribute: 'rationale-required' }) rationaleRequired = false;

  /**
   * Dimensions judged separately, each with its own choice (and strength). The attribute takes a
   * JavaScript or JSON array of names or `{ name, label }` objects:
   * `dimensions="['helpfulness', 'harmlessness', 'accuracy']"`.
   * @attr dimensions
   */
  @property({ attribute: false }) dimensions: PairwiseDimension[] = [];

  /** The overall choice, or '' for none. Setting it does not fire events. */
  @property({ attribute: false })
  get choice(): PairwiseChoice | '' {
    return this.#overall.choice;
  }

  set choice(next: PairwiseChoice | '') {
    this.#setPreference(null, { choice: CHOICES.includes(next as PairwiseChoice) ? next : '', strength: this.#overall.strength });
  }

  /** How much better the chosen response is, or ''. Setting it does not fire events. */
  @property({ attribute: false })
  get preferenceStrength(): PairwiseStrength | '' {
    return this.#overall.strength;
  }

  set preferenceStrength(next: PairwiseStrength | '') {
    this.#setPreference(null, { choice: this.#overall.choice, strength: STRENGTHS.includes(next as PairwiseStrength) ? next : '' });
  }

  /** The rationale text. Setting it does not fire events. */
  @property({ attribute: false })
  get rationaleText(): string {
    return this.#rationale;
  }

  set rationaleText(next: string) {
    this.#rationale = next == null ? '' : String(next);
    this.requestUpdate();
    this.syncFormState();
  }


  @state() private filledSlots: ReadonlySet<string> = new Set();

  #overall: Preference = EMPTY;
  #byDimension = new Map<string, Preference>();
  #rationale = '';

  constructor() {
    super();
    this.addEventListener('keydown', this.#onShortcutKeydown);
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'dimensions') {
      this.dimensions = this.readLiteralAttribute('dimensions', value, parseDimensions, []);
      return;
    }
    super.attributeChangedCallback(name, previous, value);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('dimensions')) {
      const names = this.dimensions.map((dimension) => dimension.name);
      if (new Set(names).size !== names.length) {
        warnOnce(this, 'duplicate-dimension', `${describeElement(this)} lists a dimension twice; the repeats are ignored.`);
        this.dimensions = this.dimensions.filter((dimension, index) => names.indexOf(dimension.name) === index);
      }
    }
  }

  /** Moves focus to the overall choice. */
  override focus(options?: FocusOptions): void {
    const radio = this.renderRoot?.querySelector<HTMLElement>('#choice [tabindex="0"]');
    if (radio && !this.isDisabled) radio.focus(options);
    else super.focus(options);
  }

  /** Digits and arrows, for the form's `?` overlay. */
  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    if (this.isDisabled) return [];
    const where = this.header ? ` for "${this.header}"` : '';
    return [
      { keys: '1 / 2 / 3 / 4', description: `${this.labelA} better / tie / ${this.labelB} better / both bad${where}`, routedKeys: DIGIT_KEYS.slice(0, CHOICES.length) },
      ...(this.strength ? [{ keys: '1 / 2', description: 'In a strength row: slightly / much better' }] : []),
      { keys: 'Arrow keys', description: 'Move within a row and choose' },
    ];
  }

  /** A digit pressed outside the control (see `<crowd-form>`) makes the overall choice, as in the focused overall row. */
  override handleRoutedKey(event: KeyboardEvent): boolean {
    const choice = CHOICES[DIGIT_KEYS.indexOf(event.key)];
    if (this.isDisabled || !choice) return false;
    this.#chooseByUser(null, { choice, strength: '' });
    return true;
  }

  protected answerValue(): JsonValue | undefined {
    if (!this.#overall.choice) return undefined;
    const answer: CrowdPairwiseAnswer = this.#preferenceAnswer(this.#overall) as CrowdPairwiseAnswer;
    if (this.#showsRationale() && this.#rationale.trim() !== '') answer.rationale = this.#rationale;
    if (this.dimensions.length > 0) {
      const dimensions: Record<string, PairwisePreference> = {};
      for (const { name } of this.dimensions) {
        const preference = this.#byDimension.get(name);
        if (preference?.choice) Object.defineProperty(dimensions, name, { value: this.#preferenceAnswer(preference), enumerable: true });
      }
      answer.dimensions = dimensions;
    }
    return answer as unknown as JsonValue;
  }

  protected formValue(): string | null {
    return this.#overall.choice ? this.value : null;
  }

  protected isEmpty(): boolean {
    return !this.#overall.choice;
  }

  protected resetValue(): void {
    this.#overall = EMPTY;
    this.#byDimension = new Map();
    this.#rationale = '';
    this.requestUpdate();
  }

  protected restoreValue(state: string): void {
    const saved = parseObjectState(state);
    this.#overall = readPreference(saved);
    this.#rationale = typeof saved?.['rationale'] === 'string' ? saved['rationale'] : '';
    this.#byDimension = new Map();
    const dimensions = saved?.['dimensions'];
    if (dimensions && typeof dimensions === 'object' && !Array.isArray(dimensions)) {
      for (const [name, preference] of Object.entries(dimensions)) this.#byDimension.set(name, readPreference(preference));
    }
    this.requestUpdate();
  }

  protected override valueMissingMessage(): string {
    return 'Please choose which response is better.';
  }

  protected override valueProblem(): { flags: ValidityStateFlags; message: string } | null {
    const answered = this.#overall.choice !== '' || [...this.#byDimension.values()].some((preference) => preference.choice !== '');
    if (!answered) return null;
    const missing = this.dimensions.filter(({ name }) => !this.#byDimension.get(name)?.choice).map((dimension) => dimension.label);
    if (missing.length > 0) return { flags: { valueMissing: true }, message: `Please also choose for ${missing.join(', ')}.` };
    if (!this.#overall.choice) return { flags: { valueMissing: true }, message: 'Please also choose overall which response is better.' };
    if (this.strength) {
      const unrated = [null, ...this.dimensions.map((dimension) => dimension.name)].filter((dimension) => {
        const preference = dimension === null ? this.#overall : this.#byDimension.get(dimension);
        return preference !== undefined && needsStrength(preference);
      });
      if (unrated.length > 0) return { flags: { valueMissing: true }, message: 'Please say how much better the chosen response is.' };
    }
    if (this.rationaleRequired && this.#rationale.trim() === '') return { flags: { valueMissing: true }, message: 'Please explain your choice in the rationale.' };
    return null;
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('[aria-invalid="true"] [tabindex="0"], textarea[aria-invalid="true"]') ?? this.renderRoot?.querySelector<HTMLElement>('#choice [tabindex="0"]') ?? null;
  }

  #onShortcutKeydown = (event: KeyboardEvent): void => {
    if (this.isDisabled || !isPlainKey(event)) return;
    const index = DIGIT_KEYS.indexOf(event.key);
    const choice = CHOICES[index];
    if (!choice) return;
    const path = event.composedPath();
    const wrapper = path.find((node): node is HTMLElement => node instanceof HTMLElement && node.classList.contains('preference'));
    const group = path.find((node): node is HTMLElement => node instanceof HTMLElement && node.getAttribute('role') === 'radiogroup');
    const dimension = wrapper?.dataset['dimension'] ?? null;
    if (group?.id.endsWith('-strength')) {
      const strength = STRENGTHS[index];
      if (!strength) return;
      event.preventDefault();
      this.#chooseByUser(dimension, { ...this.#preference(dimension), strength });
      return;
    }
    event.preventDefault();
    this.#chooseByUser(dimension, { choice, strength: '' });
    (group ?? this.renderRoot.querySelector('#choice'))?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  };

  #chooseByUser(dimension: string | null, next: Preference): void {
    const previous = this.#preference(dimension);
    const preference = { choice: next.choice, strength: next.choice === 'A' || next.choice === 'B' ? next.strength : '' } as Preference;
    if (previous.choice === preference.choice && previous.strength === preference.strength) return;
    this.#setPreference(dimension, preference);
    this.commitUserChange();
  }

  #onSlotChange(event: Event): void {
    const slot = event.target as HTMLSlotElement;
    const filled = new Set(this.filledSlots);
    if (slot.assignedNodes().length > 0) filled.add(slot.name);
    else filled.delete(slot.name);
    this.filledSlots = filled;
  }

  #preference(dimension: string | null): Preference {
    return dimension === null ? this.#overall : (this.#byDimension.get(dimension) ?? EMPTY);
  }

  #setPreference(dimension: string | null, preference: Preference): void {
    if (dimension === null) this.#overall = preference;
    else this.#byDimension.set(dimension, preference);
    this.requestUpdate();
    this.syncFormState();
  }

  #preferenceAnswer(preference: Preference): PairwisePreference {
    const answer: PairwisePreference = { choice: preference.choice as PairwiseChoice };
    if (this.strength && preference.strength && (preference.choice === 'A' || preference.choice === 'B')) answer.strength = preference.strength;
    return answer;
  }

  #showsRationale(): boolean {
    return this.rationale || this.rationaleRequired;
  }

  #choiceOptions(): ChoiceOption[] {
    const labels: Record<PairwiseChoice, string> = { A: `${this.labelA} is better`, tie: 'Tie', B: `${this.labelB} is better`, 'both-bad': 'Both are bad' };
    return CHOICES.map((choice, index) => ({ value: choice, content: labels[choice], shortcut: DIGIT_KEYS[index] }));
  }

  protected override render(): TemplateResult {
    const disabled = this.isDisabled;
    const error = this.visibleValidationMessage;
    const rationaleMissing = error !== '' && this.rationaleRequired && this.#rationale.trim() === '' && this.#overall.choice !== '';
    return html`
      ${renderReviewHeader(this.header)}
      <div part="responses" class="responses">
        ${this.#renderResponse('a', this.labelA, this.responseA)} ${this.#renderResponse('b', this.labelB, this.responseB)}
      </div>
      <div class="row overall">
        ${this.#renderPreference(null, this.header ? 'header' : undefined, error !== '' && !this.#overall.choice)}
      </div>
      ${this.dimensions.map(
        (dimension, index) => html`
          <div part="dimension" class="row dimension">
            <span class="dimension-label" id=${`dimension-${index}`}>${dimension.label}</span>
            ${this.#renderPreference(dimension.name, `dimension-${index}`, error !== '' && !this.#byDimension.get(dimension.name)?.choice, index)}
          </div>
        `,
      )}
      ${renderReviewTextField({
        label: `Rationale${this.rationaleRequired ? ' (required)' : ''}`,
        part: 'rationale',
        value: this.#rationale,
        disabled,
        required: this.rationaleRequired,
        invalid: rationaleMissing,
        describedBy: rationaleMissing ? 'error' : undefined,
        hidden: !this.#showsRationale(),
        onInput: (text) => (this.rationaleText = text),
        onChange: () => this.commitUserChange(),
      })}
      ${renderReviewError(error)}
      <p part="hint" class="hint" ?hidden=${disabled}>Press 1 (${this.labelA}), 2 (tie), 3 (${this.labelB}) or 4 (both bad); arrow keys move, Enter submits.</p>
    `;
  }

  #renderResponse(side: 'a' | 'b', label: string, text: string): TemplateResult {
    const slot = `response-${side}`;
    return html`
      <section part=${`response ${slot}`} class="response" aria-labelledby=${`label-${side}`}>
        <h3 part="response-label" id=${`label-${side}`} dir="auto">${label}</h3>
        <div class="response-body ${this.filledSlots.has(slot) ? '' : 'text'}" dir="auto"><slot name=${slot} @slotchange=${this.#onSlotChange}>${text}</slot></div>
      </section>
    `;
  }

  #renderPreference(dimension: string | null, labelledBy: string | undefined, invalid: boolean, index = -1): TemplateResult {
    const preference = this.#preference(dimension);
    const disabled = this.isDisabled;
    const id = dimension === null ? 'choice' : `choice-${index}`;
    const group = renderChoiceGroup({
      id,
      part: 'choices',
      className: 'options',
      options: this.#choiceOptions(),
      selected: preference.choice,
      disabled,
      labelledBy,
      label: 'Which response is better?',
      describedBy: invalid ? 'error' : undefined,
      invalid,
      required: this.required || dimension !== null,
      onChoose: (choice) => this.#chooseByUser(dimension, { choice: choice as PairwiseChoice, strength: '' }),
      onSubmit: () => this.submitEnclosingForm(),
    });
    const showStrength = this.strength && (preference.choice === 'A' || preference.choice === 'B');
    const winner = preference.choice === 'A' ? this.labelA : this.labelB;
    const strength = showStrength
      ? renderChoiceGroup({
          id: `${id}-strength`,
          part: 'strength',
          className: 'options strength',
          options: STRENGTHS.map((value, optionIndex) => ({ value, content: value === 'much' ? 'Much better' : 'Slightly better', shortcut: DIGIT_KEYS[optionIndex] })),
          selected: preference.strength,
          disabled,
          label: `How much better is ${winner}?`,
          invalid: this.visibleValidationMessage !== '' && !preference.strength,
          required: true,
          onChoose: (value) => this.#chooseByUser(dimension, { ...preference, strength: value as PairwiseStrength }),
          onSubmit: () => this.submitEnclosingForm(),
        })
      : nothing;
    return html`<div class="preference" data-dimension=${dimension ?? nothing}>${group}${strength}</div>`;
  }
}

function needsStrength(preference: Preference): boolean {
  return (preference.choice === 'A' || preference.choice === 'B') && !preference.strength;
}

function readPreference(value: unknown): Preference {
  const record = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const choice = CHOICES.includes(record['choice'] as PairwiseChoice) ? (record['choice'] as PairwiseChoice) : '';
  const strength = STRENGTHS.includes(record['strength'] as PairwiseStrength) ? (record['strength'] as PairwiseStrength) : '';
  return { choice, strength };
}

/** Reads `dimensions`: names (`'helpfulness'`) or `{ name, label }` objects. */
export function parseDimensions(text: string, options: { what?: string }): PairwiseDimension[] {
  const value = parseLiteral(text, options);
  if (!Array.isArray(value)) throw new SyntaxError(`${options.what ?? 'dimensions'}: expected an array such as ['helpfulness', 'harmlessness']`);
  return value.map((item, index) => {
    if (typeof item === 'string') return { name: item, label: capitalize(item) };
    if (item && typeof item === 'object' && !Array.isArray(item) && typeof item['name'] === 'string') {
      return { name: item['name'], label: typeof item['label'] === 'string' ? item['label'] : capitalize(item['name']) };
    }
    throw new SyntaxError(`${options.what ?? 'dimensions'}: item ${index} must be a name or { name, label }`);
  });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-pairwise': CrowdPairwise;
  }
}
