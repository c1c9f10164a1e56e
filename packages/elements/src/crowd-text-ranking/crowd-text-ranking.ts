import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CrowdTextRankingAnswer, JsonValue } from '@quorum/schema';
import { JsonAnswerControl } from '../internal/json-answer-control.js';
import type { AnswerEntry, KeyboardShortcut } from '../internal/form-protocol.js';
import { joinFormById, linkedAnswerEntries, submitFormById } from '../internal/form-element-id.js';
import { isPlainKey, parseObjectState, renderChoiceGroup } from '../internal/choice-group.js';
import { parseLiteral, parseStringArray, type ParseLiteralOptions } from '../internal/literal.js';
import { reviewStyles } from '../internal/review.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdTextRankingStyles } from './crowd-text-ranking.styles.js';
import { renderReviewAnnouncement, renderReviewError, renderReviewHeader } from '../internal/review-fields.js';

/** One entry of `ordinal-ranking-dimensions`: what the responses are ranked on. */
export interface OrdinalRankingDimension {
  name: string;
  /** Whether responses may share a rank on this dimension. */
  allowTie: boolean;
}

/**
 * Parses `ordinal-ranking-dimensions`: an array of `{ name, allowTie }` (JSON or a JavaScript
 * literal); a bare string is a dimension without ties. `allowTie` may also be the text "true".
 */
export function parseRankingDimensions(text: string, options: ParseLiteralOptions = {}): OrdinalRankingDimension[] {
  const value = parseLiteral(text, options);
  const what = options.what ?? 'ordinal-ranking-dimensions';
  if (!Array.isArray(value)) throw new SyntaxError(`${what}: expected an array such as [{"name": "Clarity", "allowTie": true}]`);
  return value.map((item, index) => {
    if (typeof item === 'string') return { name: item, allowTie: false };
    if (item && typeof item === 'object' && !Array.isArray(item) && typeof item['name'] === 'string') {
      return { name: item['name'], allowTie: item['allowTie'] === true || item['allowTie'] === 'true' };
    }
    throw new SyntaxError(`${what}: item ${index} must be { name, allowTie }`);
  });
}

/**
 * @summary Ground Truth's (Crowd HTML Elements V2) text ranking: the worker ranks several
 * responses to a prompt on each of several dimensions (clarity, accuracy …), with ties where the
 * dimension allows them.
 *
 * Answer, under `name`: `{ "ordinalRankingDimensions": [{ "name": "Clarity", "responseRankings":
 * [2, 1, 3] }] }`, one entry per dimension in attribute order; `responseRankings[i]` is the rank
 * (1 = best) of the i-th response **in the original order of `responses`**, and tied responses
 * share a rank. Ground Truth documents no output for this element: the shape is inferred from
 * AWS's own post-processing, and the per-dimension `name` is Quorum's addition (Ground Truth's is
 * unknown). Ranks are kept as the worker chose them, so ties may leave gaps (1, 1, 3).
 * Described by `crowd-text-ranking.answer.schema.json` in @quorum/schema.
 *
 * Outside a form, as in AWS's notebook, `crowd-form-element-id` names the (hidden) `<crowd-form>`
 * it submits with, and the element shows its own Submit button. Unnamed so, its answer is the
 * form's whole answer, `{ "ordinalRankingDimensions": […] }`, which is where that notebook reads it
 * (`answerContent["ordinalRankingDimensions"]`).
 *
 * Each response gets one rank per dimension, picked from 1…N. Without ties, picking a rank that
 * another response holds swaps the two, and when one response is left unranked it takes the last
 * free rank. The entry appears once every response has a rank on every
 * dimension; a partly ranked element is invalid, so the form will not submit it half done.
 *
 * Keyboard: Tab moves between the rank pickers (one per response and dimension); arrows or the
 * digits 1–9 pick a rank; Enter submits.
 *
 * `value` is the answer as JSON text ('' until complete); it is also the `FormData` value.
 *
 * @tagname crowd-text-ranking
 *
 * @slot - Instructions or context (e.g. `<short-instructions>`), shown above the responses.
 *
 * @csspart instructions - The `instructions` attribute's text.
 * @csspart header - The prompt (`text` attribute).
 * @csspart responses - The list of responses; each is a `response`.
 * @csspart dimension - One dimension's fieldset.
 * @csspart ranks - One response's rank picker (a radio group).
 * @csspart option - One rank of a picker; `option-checked` when chosen.
 * @csspart error - The validation message.
 * @csspart submit - The Submit button, shown with `crowd-form-element-id`.
 *
 * @event input - When the worker picks a rank.
 * @event change - Same as `input`; `event.target.value` is the answer JSON.
 *
 * @cssstate empty - Nothing ranked yet.
 * @cssstate invalid - Required and empty, or partly ranked.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdTextRanking extends JsonAnswerControl {
  static readonly tagName = 'crowd-text-ranking';
  static override styles = [themeStyles, reviewStyles, crowdTextRankingStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'responses', 'ordinal-ranking-dimensions'];
  }

  /** The prompt the responses answer. */
  @property() text = '';

  /**
   * The responses to rank, in their original order (the order of `responseRankings`). The
   * attribute takes a JSON or JavaScript array of strings.
   * @attr responses
   */
  @property({ attribute: false }) responses: string[] = [];

  /**
   * The dimensions to rank on. The attribute takes `[{"name": "Clarity", "allowTie": true}, …]`.
   * @attr ordinal-ranking-dimensions
   */
  @property({ attribute: false }) ordinalRankingDimensions: OrdinalRankingDimension[] = [];

  /**
   * Id of the `<crowd-form>` this element belongs to when it is not inside one (AWS's notebook
   * hides an empty form and names it here). The element then shows its own Submit button, and
   * without a `name` its answer object is the form's whole answer.
   */
  @property({ attribute: 'crowd-form-element-id' }) crowdFormElementId = '';

  /** Instructions shown above the prompt, one line per line of the attribute (Ground Truth's `instructions`). */
  @property() instructions = '';

  /** ranks[dimension][response]; 0 = not ranked yet. */
  @state() private ranks: number[][] = [];
  @state() private announcement = '';

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'responses') this.responses = this.readLiteralAttribute(name, value, parseStringArray, []);
    else if (name === 'ordinal-ranking-dimensions') this.ordinalRankingDimensions = this.readLiteralAttribute(name, value, parseRankingDimensions, []);
    else super.attributeChangedCallback(name, previous, value);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.crowdFormElementId) void joinFormById(this, this.crowdFormElementId);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('crowdFormElementId') && this.hasUpdated && this.crowdFormElementId) void joinFormById(this, this.crowdFormElementId);
    if (changed.has('responses') || changed.has('ordinalRankingDimensions')) {
      const shapeChanged =
        this.ranks.length !== this.ordinalRankingDimensions.length || this.ranks.some((row) => row.length !== this.responses.length);
      if (shapeChanged) this.resetValue();
    }
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    // Unnamed and linked by crowd-form-element-id is how AWS's notebook uses the element, not a missing name.
    if (!this.crowdFormElementId || this.name) super.firstUpdated(changed);
    if (this.responses.length < 2) warnOnce(this, 'no-responses', `${describeElement(this)} has fewer than two responses, so there is nothing to rank. Set responses='["…", "…"]'.`);
    if (this.ordinalRankingDimensions.length === 0) warnOnce(this, 'no-dimensions', `${describeElement(this)} has no ordinal-ranking-dimensions, so it gives no answer.`);
  }

  /** Moves focus to the first rank picker. */
  override focus(options?: FocusOptions): void {
    const radio = this.renderRoot?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]');
    if (radio && !this.isDisabled) radio.focus(options);
    else super.focus(options);
  }

  /** Digits and arrows, for the form's `?` overlay. */
  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    if (this.isDisabled) return [];
    return [
      { keys: '1–9', description: 'Give the focused response that rank' },
      { keys: 'Arrows', description: 'Change the rank' },
    ];
  }

  /** Without a name but with `crowd-form-element-id`, the entries of the answer itself (see the class). */
  override answerEntries(): AnswerEntry[] {
    return this.crowdFormElementId ? linkedAnswerEntries(super.answerEntries(), this.name, this.answerValue(), this.isDisabled) : super.answerEntries();
  }

  protected answerValue(): JsonValue | undefined {
    if (!this.#complete()) return undefined;
    const answer: CrowdTextRankingAnswer = {
      ordinalRankingDimensions: this.ordinalRankingDimensions.map((dimension, index) => ({
        name: dimension.name,
        responseRankings: [...(this.ranks[index] ?? [])],
      })),
    };
    return { ...answer } as unknown as JsonValue;
  }

  protected formValue(): string | null {
    return this.#complete() ? this.value : null;
  }

  /** Partial rankings too (0 = unranked), so undo and drafts keep half-done work. */
  protected override stateValue(): string | null {
    return JSON.stringify({ ordinalRankingDimensions: this.ranks.map((responseRankings) => ({ responseRankings })) });
  }

  protected isEmpty(): boolean {
    return this.ranks.every((row) => row.every((rank) => rank === 0));
  }

  protected resetValue(): void {
    this.ranks = this.ordinalRankingDimensions.map(() => this.responses.map(() => 0));
  }

  protected restoreValue(state: string): void {
    this.resetValue();
    const dimensions = parseObjectState(state)?.['ordinalRankingDimensions'];
    if (!Array.isArray(dimensions)) return;
    const count = this.responses.length;
    const usable = dimensions.length === this.ranks.length && dimensions.every((dimension: unknown) => {
      const ranks = (dimension as { responseRankings?: unknown } | null)?.responseRankings;
      return Array.isArray(ranks) && ranks.length === count && ranks.every((rank) => Number.isInteger(rank) && rank >= 0 && rank <= count);
    });
    if (!usable) {
      warnOnce(this, 'unknown-value', `${describeElement(this)} got rankings ${state.slice(0, 200)}, which do not give each of its ${count} responses a rank from 1 to ${count} on each of its ${this.ranks.length} dimensions; not ranked.`);
      return;
    }
    this.ranks = dimensions.map((dimension) => [...(dimension as { responseRankings: number[] }).responseRankings]);
  }

  protected override valueProblem(): { flags: ValidityStateFlags; message: string } | null {
    if (this.isEmpty()) return null;
    for (const [index, dimension] of this.ordinalRankingDimensions.entries()) {
      const ranks = this.ranks[index] ?? [];
      if (ranks.includes(0)) return { flags: { valueMissing: true }, message: `Please rank every response for ${dimension.name}.` };
      if (!dimension.allowTie && new Set(ranks).size !== ranks.length) {
        return { flags: { customError: true }, message: `${dimension.name} allows no ties: give each response its own rank.` };
      }
    }
    return null;
  }

  protected override valueMissingMessage(): string {
    return 'Please rank the responses on every dimension.';
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]') ?? null;
  }

  #complete(): boolean {
    return this.ranks.length > 0 && this.responses.length > 0 && this.ranks.every((row) => row.every((rank) => rank > 0));
  }

  #chooseByUser(dimension: number, response: number, rank: number): void {
    const row = [...(this.ranks[dimension] ?? [])];
    const previous = row[response] ?? 0;
    if (previous === rank) return;
    // Without ties a rank belongs to one response: whoever held it takes this one's old rank.
    const holder = this.ordinalRankingDimensions[dimension]?.allowTie ? -1 : row.indexOf(rank);
    if (holder >= 0) row[holder] = previous;
    row[response] = rank;
    // Without ties, the last unranked response can only take the last free rank.
    const unranked = row.indexOf(0);
    if (holder < 0 && !this.ordinalRankingDimensions[dimension]?.allowTie && unranked >= 0 && row.lastIndexOf(0) === unranked) {
      row[unranked] = row.reduce((free, _, index) => (row.includes(index + 1) ? free : index + 1), 0);
    }
    this.ranks = this.ranks.map((ranks, index) => (index === dimension ? row : ranks));
    const name = this.ordinalRankingDimensions[dimension]?.name ?? '';
    this.announcement = `${name}: response ${response + 1} ranked ${rank}${holder >= 0 ? `; response ${holder + 1} ${previous ? `now ranked ${previous}` : 'unranked'}` : ''}.`;
    this.commitUserChange();
  }

  protected override submitEnclosingForm(): void {
    if (!this.crowdFormElementId || !submitFormById(this, this.crowdFormElementId)) super.submitEnclosingForm();
  }

  #onKeydown(event: KeyboardEvent): void {
    if (this.isDisabled || !isPlainKey(event) || !/^[1-9]$/.test(event.key)) return;
    const group = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.getAttribute('role') === 'radiogroup');
    const rank = Number(event.key);
    if (!group || rank > this.responses.length) return;
    event.preventDefault();
    const [dimension, response] = group.id.slice(1).split('-').map(Number);
    this.#chooseByUser(dimension ?? 0, response ?? 0, rank);
    void this.updateComplete.then(() => group.querySelector<HTMLElement>('[tabindex="0"]')?.focus());
  }

  protected override render(): TemplateResult {
    const disabled = this.isDisabled;
    const error = this.visibleValidationMessage;
    const options = this.responses.map((_, index) => ({ value: String(index + 1), content: String(index + 1), shortcut: index < 9 ? String(index + 1) : undefined }));
    return html`
      <div part="instructions" class="instructions" dir="auto" ?hidden=${!this.instructions}>${this.instructions}</div>
      ${renderReviewHeader(this.text)}
      <ol part="responses" class="responses">
        ${this.responses.map((response, index) => html`<li part="response" class="response"><strong id=${`r${index}`}>Response ${index + 1}</strong> <span dir="auto">${response}</span></li>`)}
      </ol>
      <div @keydown=${this.#onKeydown}>
        ${this.ordinalRankingDimensions.map(
          (dimension, d) => html`
            <fieldset part="dimension" class="dimension" aria-describedby=${error ? 'error' : nothing}>
              <legend id=${`d${d}`}>${dimension.name}${dimension.allowTie ? html` <span class="hint">(ties allowed)</span>` : nothing}</legend>
              ${this.responses.map(
                (_, r) => html`<div class="row">
                  <span class="row-label" aria-hidden="true">Response ${r + 1}</span>
                  ${renderChoiceGroup({
                    options,
                    selected: String(this.ranks[d]?.[r] || ''),
                    disabled,
                    labelledBy: `d${d} r${r}`,
                    invalid: Boolean(error) && !this.ranks[d]?.[r],
                    required: this.required,
                    part: 'ranks',
                    className: 'options',
                    id: `g${d}-${r}`,
                    onChoose: (value) => this.#chooseByUser(d, r, Number(value)),
                    onSubmit: () => this.submitEnclosingForm(),
                  })}
                </div>`,
              )}
            </fieldset>
          `,
        )}
      </div>
      ${renderReviewError(error)}
      ${this.crowdFormElementId ? html`<button type="button" part="submit" class="submit" @click=${this.submitEnclosingForm}>Submit</button>` : nothing}
      ${renderReviewAnnouncement(this.announcement)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-text-ranking': CrowdTextRanking;
  }
}
