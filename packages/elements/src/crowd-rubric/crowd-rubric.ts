import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { CrowdRubricAnswer, JsonValue, RubricCriterionScore } from '@quorum/schema';
import { JsonAnswerControl } from '../internal/json-answer-control.js';
import type { KeyboardShortcut } from '../internal/form-protocol.js';
import { DIGIT_KEYS, isPlainKey, parseObjectState, renderChoiceGroup, type ChoiceOption } from '../internal/choice-group.js';
import { parseLiteral, type LiteralValue } from '../internal/literal.js';
import { reviewStyles } from '../internal/review.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdRubricStyles } from './crowd-rubric.styles.js';
import { renderReviewError, renderReviewHeader, renderReviewTextField } from '../internal/review-fields.js';

/** One criterion of a `<crowd-rubric>`. */
export interface RubricCriterion {
  /** Key in the answer's `criteria` object. */
  name: string;
  label: string;
  description: string;
  /** Labels of the levels, lowest first; empty strings when the levels are only numbered. */
  levels: string[];
  /** Whether the criterion has a comment box, and whether it must be filled. */
  comment: 'none' | 'optional' | 'required';
}

/** Tag of the child elements that may define criteria instead of the `criteria` attribute. */
const CRITERION_TAG = 'crowd-criterion';
/** The slot criteria children are assigned to: none exists, so they stay data and are not shown. */
const DATA_SLOT = 'quorum-criterion-data';
const DEFAULT_LEVELS = 5;
const MAX_LEVELS = 10;

interface Score {
  score: number;
  comment: string;
}

/**
 * @summary Grades content against a rubric: several criteria, each with its own scale (numbered,
 * or named levels such as Poor … Excellent) and an optional or required comment, plus an overall
 * score. Not a Ground Truth element: the answer shape is Quorum's,
 * `{ "<name>": { "criteria": { "accuracy": { "score": 3, "label": "Good", "comment": "…" } }, "overall": 4 } }`
 * (`label` when the levels are named, `comment` when written), described by
 * `crowd-rubric.answer.schema.json` in @quorum/schema.
 *
 * Criteria come from the `criteria` attribute (JavaScript or JSON array of names or
 * `{ name, label, description, levels, comment }`, where `levels` is a number or an array of
 * labels and `comment` is `true` or `'required'`), or from `<crowd-criterion>` children with the
 * same attributes and the description as text:
 * `<crowd-criterion name="accuracy" levels="['Wrong', 'Partly right', 'Right']" comment="required">Facts are correct.</crowd-criterion>`.
 *
 * Once any score is given, every criterion and the overall score are needed before the form
 * submits. Keyboard: digits choose a level in the focused scale, arrows move, Tab goes to the next
 * scale, Enter submits.
 *
 * `value` is the answer as JSON text ('' before any score); it is also the `FormData` value.
 *
 * @tagname crowd-rubric
 *
 * @slot - The content being graded, shown above the criteria.
 *
 * @csspart header - The question (`header` attribute).
 * @csspart criterion - One criterion's block.
 * @csspart criterion-label - A criterion's name.
 * @csspart description - A criterion's description.
 * @csspart levels - A criterion's scale (a radio group); also the overall scale.
 * @csspart option - One level; `option-checked` when chosen.
 * @csspart comment - A criterion's comment box.
 * @csspart overall - The overall score block.
 * @csspart error - The validation message.
 * @csspart hint - The keyboard hint.
 *
 * @event input - When the user scores a criterion or types a comment.
 * @event change - When the user scores a criterion or commits a comment.
 *
 * @cssstate empty - Nothing scored.
 * @cssstate invalid - Required and empty, or partly scored, or a required comment missing.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdRubric extends JsonAnswerControl {
  static readonly tagName = 'crowd-rubric';
  static override styles = [themeStyles, reviewStyles, crowdRubricStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'criteria'];
  }

  /** The instruction above the criteria, e.g. "Grade the answer". */
  @property() header = '';

  /**
   * The criteria. Set from the `criteria` attribute, or read from `<crowd-criterion>` children
   * when the attribute is absent.
   * @attr criteria
   */
  @property({ attribute: false }) criteria: RubricCriterion[] = [];

  /** Points of the overall score (2 to 10, default 5). */
  @property({ type: Number, attribute: 'overall-max' }) overallMax = 5;

  /** Label of the overall score. */
  @property({ attribute: 'overall-label' }) overallLabel = 'Overall score';

  /** Leaves the overall score out. */
  @property({ type: Boolean, attribute: 'no-overall' }) noOverall = false;


  /** Sets a criterion's score (1-based level, 0 to clear) and comment from code, without events. */
  setScore(criterion: string, score: number, comment?: string): void {
    const previous = this.#scores.get(criterion);
    this.#scores.set(criterion, { score, comment: comment ?? previous?.comment ?? '' });
    this.requestUpdate();
    this.syncFormState();
  }

  /** The overall score, 1 to `overall-max`, or 0 for none. Setting it does not fire events. */
  @property({ attribute: false })
  get overall(): number {
    return this.#overall;
  }

  set overall(next: number) {
    const previous = this.#overall;
    this.#overall = Number.isInteger(Number(next)) ? Number(next) : 0;
    this.requestUpdate('overall', previous);
    this.syncFormState();
  }

  #scores = new Map<string, Score>();
  #overall = 0;
  #fromAttribute = false;
  readonly #childObserver = new MutationObserver(() => this.#readChildren());

  constructor() {
    super();
    this.addEventListener('keydown', this.#onShortcutKeydown);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#readChildren();
    this.#childObserver.observe(this, { childList: true, subtree: true, attributes: true, characterData: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#childObserver.disconnect();
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'criteria') {
      this.#fromAttribute = value !== null;
      if (value === null) this.#readChildren();
      else this.criteria = this.readLiteralAttribute('criteria', value, parseCriteria, []);
      return;
    }
    super.attributeChangedCallback(name, previous, value);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('criteria')) {
      const names = this.criteria.map((criterion) => criterion.name);
      if (new Set(names).size !== names.length) {
        warnOnce(this, 'duplicate-criterion', `${describeElement(this)} lists a criterion twice; the repeats are ignored.`);
        this.criteria = this.criteria.filter((criterion, index) => names.indexOf(criterion.name) === index);
      }
    }
    if (changed.has('overallMax') && !(Number.isInteger(this.overallMax) && this.overallMax >= 2 && this.overallMax <= MAX_LEVELS)) {
      warnOnce(this, 'invalid-overall-max', `${describeElement(this)} has overall-max="${this.overallMax}"; use a whole number from 2 to ${MAX_LEVELS}. Using 5.`);
      this.overallMax = 5;
    }
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (this.criteria.length === 0) {
      warnOnce(this, 'no-criteria', `${describeElement(this)} has no criteria. Set criteria="['accuracy', 'clarity']" or add <${CRITERION_TAG} name="…"> children.`);
    }
  }

  /** Moves focus to the first scale without a score, or the first scale. */
  override focus(options?: FocusOptions): void {
    const groups = [...(this.renderRoot?.querySelectorAll<HTMLElement>('[role="radiogroup"]') ?? [])];
    const target = groups.find((group) => !group.querySelector('[aria-checked="true"]')) ?? groups[0];
    const radio = target?.querySelector<HTMLElement>('[tabindex="0"]');
    if (radio && !this.isDisabled) radio.focus(options);
    else super.focus(options);
  }

  /** Digits and arrows, for the form's `?` overlay. */
  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    if (this.isDisabled) return [];
    const levels = Math.max(this.noOverall ? 0 : this.overallMax, ...this.criteria.map((criterion) => criterion.levels.length));
    return [
      { keys: '1–9, 0', description: 'Choose a level in the focused scale, or else in the first scale without a score', routedKeys: DIGIT_KEYS.slice(0, levels) },
      { keys: 'Tab', description: 'Next criterion' },
    ];
  }

  /**
   * A digit pressed outside the control (see `<crowd-form>`) scores the first scale that has no
   * score yet, criteria first, then the overall one, so digits typed in a row fill the rubric in
   * order; once every scale is scored, a routed digit does nothing (click or Tab into a scale to change it).
   */
  override handleRoutedKey(event: KeyboardEvent): boolean {
    const score = DIGIT_KEYS.indexOf(event.key) + 1;
    if (this.isDisabled || score === 0) return false;
    const criterion = this.criteria.find((candidate) => !this.#validScore(candidate));
    if (criterion) {
      if (score > criterion.levels.length) return false;
      this.#scoreByUser(criterion.name, score);
      return true;
    }
    if (this.noOverall || this.#hasOverall() || score > this.overallMax) return false;
    this.#scoreByUser(null, score);
    return true;
  }

  protected answerValue(): JsonValue | undefined {
    if (this.isEmpty()) return undefined;
    const criteria: Record<string, RubricCriterionScore> = {};
    for (const criterion of this.criteria) {
      const given = this.#validScore(criterion);
      if (!given) continue;
      const entry: RubricCriterionScore = { score: given.score };
      const label = criterion.levels[given.score - 1];
      if (label) entry.label = label;
      if (criterion.comment !== 'none' && given.comment.trim() !== '') entry.comment = given.comment;
      Object.defineProperty(criteria, criterion.name, { value: entry, enumerable: true });
    }
    const answer: CrowdRubricAnswer = { criteria };
    if (this.#hasOverall()) answer.overall = this.#overall;
    return answer as unknown as JsonValue;
  }

  protected formValue(): string | null {
    return this.isEmpty() ? null : this.value;
  }

  protected isEmpty(): boolean {
    return !this.#hasOverall() && !this.criteria.some((criterion) => this.#validScore(criterion));
  }

  protected resetValue(): void {
    this.#scores = new Map();
    this.#overall = 0;
    this.requestUpdate();
  }

  protected restoreValue(state: string): void {
    const saved = parseObjectState(state);
    this.#scores = new Map();
    const criteria = saved?.['criteria'];
    if (criteria && typeof criteria === 'object' && !Array.isArray(criteria)) {
      for (const [name, entry] of Object.entries(criteria as Record<string, unknown>)) {
        const record = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
        this.#scores.set(name, { score: typeof record['score'] === 'number' ? record['score'] : 0, comment: typeof record['comment'] === 'string' ? record['comment'] : '' });
      }
    }
    this.#overall = typeof saved?.['overall'] === 'number' ? saved['overall'] : 0;
    this.requestUpdate();
  }

  protected override valueMissingMessage(): string {
    return 'Please score every criterion.';
  }

  protected override valueProblem(): { flags: ValidityStateFlags; message: string } | null {
    if (this.isEmpty()) return null;
    const unscored = this.criteria.filter((criterion) => !this.#validScore(criterion)).map((criterion) => criterion.label);
    if (!this.noOverall && !this.#hasOverall()) unscored.push(this.overallLabel);
    if (unscored.length > 0) return { flags: { valueMissing: true }, message: `Please also score ${unscored.join(', ')}.` };
    const uncommented = this.criteria.filter((criterion) => criterion.comment === 'required' && (this.#scores.get(criterion.name)?.comment ?? '').trim() === '');
    if (uncommented.length > 0) return { flags: { valueMissing: true }, message: `Please add a comment on ${uncommented.map((criterion) => criterion.label).join(', ')}.` };
    return null;
  }

  protected override get validationAnchor(): HTMLElement | null {
    return (
      this.renderRoot?.querySelector<HTMLElement>('[role="radiogroup"][aria-invalid="true"] [tabindex="0"], textarea[aria-invalid="true"]') ??
      this.renderRoot?.querySelector<HTMLElement>('[role="radiogroup"] [tabindex="0"]') ??
      null
    );
  }

  #onShortcutKeydown = (event: KeyboardEvent): void => {
    if (this.isDisabled || !isPlainKey(event)) return;
    const index = DIGIT_KEYS.indexOf(event.key);
    if (index < 0) return;
    const group = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.getAttribute('role') === 'radiogroup');
    if (!group) return;
    const radio = group.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (!radio) return;
    event.preventDefault();
    radio.focus();
    radio.click();
  };

  #scoreByUser(criterion: string | null, score: number): void {
    if (criterion === null) {
      if (this.#overall === score) return;
      this.overall = score;
    } else {
      if (this.#scores.get(criterion)?.score === score) return;
      this.setScore(criterion, score);
    }
    this.commitUserChange();
  }

  #readChildren(): void {
    if (this.#fromAttribute) return;
    const children = [...this.children].filter((child) => child.localName === CRITERION_TAG);
    for (const child of children) if (child.getAttribute('slot') !== DATA_SLOT) child.setAttribute('slot', DATA_SLOT);
    const criteria: RubricCriterion[] = [];
    for (const child of children) {
      const what = `${CRITERION_TAG} name="${child.getAttribute('name') ?? ''}" in ${describeElement(this)}`;
      try {
        const levels = child.getAttribute('levels');
        criteria.push(
          toCriterion(
            {
              name: child.getAttribute('name') ?? '',
              label: child.getAttribute('label') ?? '',
              description: (child.textContent ?? '').trim(),
              levels: levels === null ? DEFAULT_LEVELS : /^\s*\d+\s*$/.test(levels) ? Number(levels) : parseLiteral(levels, { what: `levels of ${what}` }),
              comment: child.hasAttribute('comment') ? (child.getAttribute('comment') === 'required' ? 'required' : true) : false,
            },
            what,
          ),
        );
      } catch (error) {
        warnOnce(this, 'invalid-criteria', (error as Error).message, `criterion-${children.indexOf(child)}`);
      }
    }
    if (children.length > 0 || this.criteria.length > 0) this.criteria = criteria;
  }

  #validScore(criterion: RubricCriterion): Score | null {
    const given = this.#scores.get(criterion.name);
    return given && Number.isInteger(given.score) && given.score >= 1 && given.score <= criterion.levels.length ? given : null;
  }

  #hasOverall(): boolean {
    return !this.noOverall && Number.isInteger(this.#overall) && this.#overall >= 1 && this.#overall <= this.overallMax;
  }

  #levelOptions(levels: readonly string[]): ChoiceOption[] {
    return levels.map((label, index) => ({
      value: String(index + 1),
      content: label ? html`<span class="number" aria-hidden="true">${index + 1}</span> ${label}` : String(index + 1),
      ariaLabel: label ? `${index + 1} ${label}` : undefined,
      shortcut: DIGIT_KEYS[index],
    }));
  }

  protected override render(): TemplateResult {
    const error = this.visibleValidationMessage;
    const disabled = this.isDisabled;
    return html`
      ${renderReviewHeader(this.header)}
      ${this.criteria.map((criterion, index) => this.#renderCriterion(criterion, index, error !== '', disabled))}
      <div part="overall" class="criterion overall" ?hidden=${this.noOverall}>
        <h3 class="criterion-label" id="overall-label">${this.overallLabel}</h3>
        ${this.noOverall
          ? nothing
          : renderChoiceGroup({
              id: 'overall',
              part: 'levels',
              className: 'options',
              options: this.#levelOptions(Array.from({ length: this.overallMax }, () => '')),
              selected: this.#hasOverall() ? String(this.#overall) : '',
              disabled,
              labelledBy: 'overall-label',
              invalid: error !== '' && !this.#hasOverall(),
              describedBy: error !== '' && !this.#hasOverall() ? 'error' : undefined,
              required: true,
              onChoose: (value) => this.#scoreByUser(null, Number(value)),
              onSubmit: () => this.submitEnclosingForm(),
            })}
      </div>
      ${renderReviewError(error)}
      <p part="hint" class="hint" ?hidden=${disabled}>Digits choose a level in the focused scale, Tab goes to the next one, Enter submits.</p>
    `;
  }

  #renderCriterion(criterion: RubricCriterion, index: number, showErrors: boolean, disabled: boolean): TemplateResult {
    const given = this.#validScore(criterion);
    const comment = this.#scores.get(criterion.name)?.comment ?? '';
    const missingScore = showErrors && !given;
    const missingComment = showErrors && criterion.comment === 'required' && comment.trim() === '';
    return html`
      <div part="criterion" class="criterion">
        <h3 part="criterion-label" class="criterion-label" id=${`criterion-${index}`} dir="auto">${criterion.label}</h3>
        <p part="description" class="description" id=${`description-${index}`} dir="auto" ?hidden=${!criterion.description}>${criterion.description}</p>
        ${renderChoiceGroup({
          id: `levels-${index}`,
          part: 'levels',
          className: 'options',
          options: this.#levelOptions(criterion.levels),
          selected: given ? String(given.score) : '',
          disabled,
          labelledBy: `criterion-${index}`,
          describedBy: [criterion.description ? `description-${index}` : '', missingScore ? 'error' : ''].filter(Boolean).join(' ') || undefined,
          invalid: missingScore,
          required: true,
          onChoose: (value) => this.#scoreByUser(criterion.name, Number(value)),
          onSubmit: () => this.submitEnclosingForm(),
        })}
        ${renderReviewTextField({
          label: `Comment on ${criterion.label}${criterion.comment === 'required' ? ' (required)' : ''}`,
          part: 'comment',
          value: comment,
          disabled,
          required: criterion.comment === 'required',
          invalid: missingComment,
          hidden: criterion.comment === 'none',
          onInput: (text) => this.setScore(criterion.name, this.#scores.get(criterion.name)?.score ?? 0, text),
          onChange: () => this.commitUserChange(),
        })}
      </div>
    `;
  }
}

/** Reads the `criteria` attribute: names or `{ name, label, description, levels, comment }` objects. */
export function parseCriteria(text: string, options: { what?: string }): RubricCriterion[] {
  const value = parseLiteral(text, options);
  const what = options.what ?? 'criteria';
  if (!Array.isArray(value)) throw new SyntaxError(`${what}: expected an array such as ['accuracy', { name: 'clarity', levels: 3 }]`);
  return value.map((item, index) => {
    if (typeof item === 'string') return toCriterion({ name: item }, `${what}, item ${index}`);
    if (item && typeof item === 'object' && !Array.isArray(item)) return toCriterion(item, `${what}, item ${index}`);
    throw new SyntaxError(`${what}, item ${index}: expected a name or { name, levels, … }`);
  });
}

function toCriterion(item: { [key: string]: LiteralValue }, what: string): RubricCriterion {
  const name = item['name'];
  if (typeof name !== 'string' || name === '') throw new SyntaxError(`${what}: a criterion needs a name`);
  const rawLevels = item['levels'] ?? DEFAULT_LEVELS;
  let levels: string[];
  if (typeof rawLevels === 'number' && Number.isInteger(rawLevels) && rawLevels >= 2 && rawLevels <= MAX_LEVELS) levels = Array.from({ length: rawLevels }, () => '');
  else if (Array.isArray(rawLevels) && rawLevels.length >= 2 && rawLevels.length <= MAX_LEVELS && rawLevels.every((level) => typeof level === 'string')) levels = rawLevels as string[];
  else throw new SyntaxError(`${what}: levels must be a number from 2 to ${MAX_LEVELS} or an array of 2 to ${MAX_LEVELS} labels, found ${JSON.stringify(rawLevels)}`);
  const label = typeof item['label'] === 'string' && item['label'] !== '' ? item['label'] : name.charAt(0).toUpperCase() + name.slice(1);
  const comment = item['comment'] === 'required' ? 'required' : item['comment'] === true ? 'optional' : 'none';
  return { name, label, description: typeof item['description'] === 'string' ? item['description'] : '', levels, comment };
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-rubric': CrowdRubric;
  }
}
