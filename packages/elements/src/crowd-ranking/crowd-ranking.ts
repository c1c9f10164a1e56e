import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CrowdRankingAnswer, JsonValue } from '@quorum/schema';
import { JsonAnswerControl } from '../internal/json-answer-control.js';
import type { KeyboardShortcut } from '../internal/form-protocol.js';
import { isPlainKey, parseObjectState } from '../internal/choice-group.js';
import { parseStringArray } from '../internal/literal.js';
import { reviewStyles } from '../internal/review.styles.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdRankingStyles } from './crowd-ranking.styles.js';
import { renderReviewAnnouncement, renderReviewError, renderReviewHeader } from '../internal/review-fields.js';

/**
 * @summary Orders items (answers, summaries, search results) from best to worst, by dragging or
 * with the keyboard, with ties when `allow-ties` is set. Not a Ground Truth element: the answer
 * shape is Quorum's, after the `responseRankings` of Ground Truth's `crowd-text-ranking`:
 * `{ "<name>": { "responseRankings": [2, 1, 3] } }` gives the rank of each item **in the items'
 * original order** (here the second item is best). Rank 1 is best; tied items share a rank and
 * ranks are dense (1, 1, 2). Described by `crowd-ranking.answer.schema.json` in @quorum/schema.
 *
 * The items start in their given order, which is no answer yet: the worker moves an item or
 * presses "Keep this order".
 *
 * Keyboard: Tab reaches the list; Up/Down move focus between items, Shift+Up/Down move the
 * focused item, T ties it with the item above (when ties are allowed). Each item also has
 * "Move up"/"Move down" buttons and a drag handle.
 *
 * `value` is the answer as JSON text ('' before the worker ranks); it is also the `FormData` value.
 *
 * @tagname crowd-ranking
 *
 * @slot - Context shown above the list.
 *
 * @csspart header - The question (`header` attribute).
 * @csspart list - The ordered list.
 * @csspart item - One item; `item-dragging` while dragged, `item-tied` when tied with the one above.
 * @csspart rank - An item's rank badge.
 * @csspart handle - An item's drag handle.
 * @csspart move-up - An item's "Move up" button (also `move-down`, `tie`).
 * @csspart confirm - The "Keep this order" button.
 * @csspart error - The validation message.
 * @csspart hint - The keyboard hint.
 *
 * @event input - When the user moves or ties an item, or keeps the order.
 * @event change - Same as `input`; `event.target.value` is the answer JSON.
 *
 * @cssstate empty - Not ranked yet.
 * @cssstate invalid - Required and not ranked.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdRanking extends JsonAnswerControl {
  static readonly tagName = 'crowd-ranking';
  static override styles = [themeStyles, reviewStyles, crowdRankingStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'items'];
  }

  /** The question, e.g. "Rank the answers from best to worst". */
  @property() header = '';

  /**
   * The items, in their original order (the order of `responseRankings`). The attribute takes a
   * JavaScript or JSON array of strings.
   * @attr items
   */
  @property({ attribute: false }) items: string[] = [];

  /** Lets items share a rank. */
  @property({ type: Boolean, attribute: 'allow-ties' }) allowTies = false;

  /**
   * The rank of each item in original order (1 = best), or [] before the worker ranks. Setting it
   * (same form as the answer) does not fire events.
   */
  @property({ attribute: false })
  get responseRankings(): number[] {
    return this.#ranked ? this.#ranks() : [];
  }

  set responseRankings(ranks: number[]) {
    this.#applyRanks(Array.isArray(ranks) ? ranks : []);
    this.requestUpdate();
    this.syncFormState();
  }


  /** Item indices from best to worst. */
  @state() private order: number[] = [];
  /** Items tied with the item just above them. */
  @state() private tied: ReadonlySet<number> = new Set();
  @state() private focusedItem = 0;
  @state() private draggedItem = -1;
  @state() private dropPosition = -1;
  @state() private announcement = '';

  #ranked = false;

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'items') {
      this.items = this.readLiteralAttribute('items', value, parseStringArray, []);
      return;
    }
    super.attributeChangedCallback(name, previous, value);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('items') && this.order.length !== this.items.length) {
      this.order = this.items.map((_, index) => index);
      this.tied = new Set();
      this.#ranked = false;
    }
    if (changed.has('allowTies') && !this.allowTies) this.tied = new Set();
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (this.items.length < 2) warnOnce(this, 'no-items', `${describeElement(this)} has fewer than two items, so there is nothing to rank. Set items="['…', '…']".`);
  }

  /** Moves focus to the item last focused (the first at the start). */
  override focus(options?: FocusOptions): void {
    const row = this.#row(this.focusedItem);
    if (row && !this.isDisabled) row.focus(options);
    else super.focus(options);
  }

  /** Arrows and T, for the form's `?` overlay. */
  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    if (this.isDisabled) return [];
    return [
      { keys: 'Up / Down', description: 'Choose an item to rank' },
      { keys: 'Shift+Up / Shift+Down', description: 'Move the chosen item' },
      ...(this.allowTies ? [{ keys: 'T', description: 'Tie the chosen item with the one above' }] : []),
    ];
  }

  protected answerValue(): JsonValue | undefined {
    if (!this.#ranked || this.items.length === 0) return undefined;
    const answer: CrowdRankingAnswer = { responseRankings: this.#ranks() };
    return { ...answer };
  }

  protected formValue(): string | null {
    return this.isEmpty() ? null : this.value;
  }

  protected isEmpty(): boolean {
    return !this.#ranked || this.items.length === 0;
  }

  protected resetValue(): void {
    this.order = this.items.map((_, index) => index);
    this.tied = new Set();
    this.#ranked = false;
  }

  protected restoreValue(state: string): void {
    const ranks = parseObjectState(state)?.['responseRankings'];
    this.#applyRanks(Array.isArray(ranks) ? (ranks as number[]) : []);
    this.requestUpdate();
  }

  protected override valueMissingMessage(): string {
    return 'Please rank the items (move one, or choose "Keep this order").';
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.#row(this.focusedItem);
  }

  #onListKeydown(event: KeyboardEvent): void {
    if (this.isDisabled || !isPlainKey(event)) return;
    const row = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.localName === 'li');
    if (!row || event.composedPath()[0] !== row) return;
    const item = Number(row.dataset['item']);
    const position = this.order.indexOf(item);
    const step = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    if (step !== 0 && event.shiftKey) {
      event.preventDefault();
      this.#moveByUser(item, position + step);
    } else if (step !== 0) {
      event.preventDefault();
      const next = this.order[Math.min(this.order.length - 1, Math.max(0, position + step))];
      if (next !== undefined) this.#focusItem(next);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      const next = event.key === 'Home' ? this.order[0] : this.order[this.order.length - 1];
      if (next !== undefined) this.#focusItem(next);
    } else if ((event.key === 't' || event.key === 'T') && this.allowTies && position > 0) {
      event.preventDefault();
      this.#toggleTieByUser(item);
    }
  }

  #moveByUser(item: number, position: number): void {
    const from = this.order.indexOf(item);
    const to = Math.min(this.order.length - 1, Math.max(0, position));
    if (from < 0 || from === to) return;
    const order = this.order.filter((other) => other !== item);
    order.splice(to, 0, item);
    this.order = order;
    this.announcement = `${this.items[item]} moved to position ${to + 1} of ${order.length}.`;
    this.#commit();
    this.#focusItem(item);
  }

  #toggleTieByUser(item: number): void {
    const tied = new Set(this.tied);
    if (tied.has(item)) tied.delete(item);
    else tied.add(item);
    this.tied = tied;
    this.announcement = `${this.items[item]} ${tied.has(item) ? 'tied with' : 'no longer tied with'} the item above.`;
    this.#commit();
  }

  #keepOrderByUser(): void {
    this.announcement = 'Order kept.';
    this.#commit();
  }

  #commit(): void {
    this.#ranked = true;
    this.commitUserChange();
  }

  #focusItem(item: number): void {
    this.focusedItem = item;
    void this.updateComplete.then(() => this.#row(item)?.focus());
  }

  #onHandlePointerDown(event: PointerEvent, item: number): void {
    if (this.isDisabled || event.button !== 0) return;
    event.preventDefault();
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    this.draggedItem = item;
    this.dropPosition = this.order.indexOf(item);
  }

  #onHandlePointerMove(event: PointerEvent): void {
    if (this.draggedItem < 0) return;
    // The drop position counts the other rows whose middle is above the pointer.
    this.dropPosition = this.order
      .filter((item) => item !== this.draggedItem)
      .filter((item) => {
        const box = this.#row(item)?.getBoundingClientRect();
        return box !== undefined && box.top + box.height / 2 < event.clientY;
      }).length;
  }

  #onHandlePointerUp(): void {
    if (this.draggedItem < 0) return;
    const item = this.draggedItem;
    const position = this.dropPosition;
    this.draggedItem = -1;
    this.dropPosition = -1;
    if (position >= 0 && position !== this.order.indexOf(item)) this.#moveByUser(item, position);
  }

  /** Dense ranks in original item order. */
  #ranks(): number[] {
    const ranks = new Array<number>(this.items.length).fill(0);
    let rank = 0;
    this.order.forEach((item, position) => {
      if (position === 0 || !this.allowTies || !this.tied.has(item)) rank++;
      ranks[item] = rank;
    });
    return ranks;
  }

  #applyRanks(ranks: unknown[]): void {
    const valid = ranks.length === this.items.length && ranks.every((rank) => Number.isInteger(rank) && (rank as number) >= 1);
    if (!valid) {
      if (ranks.length > 0) warnOnce(this, 'unknown-value', `${describeElement(this)} got rankings ${JSON.stringify(ranks)}, which do not give one whole rank ≥ 1 to each of its ${this.items.length} items; not ranked.`);
      this.resetValue();
      return;
    }
    const numeric = ranks as number[];
    this.order = this.items.map((_, index) => index).sort((a, b) => (numeric[a] ?? 0) - (numeric[b] ?? 0) || a - b);
    const tied = new Set<number>();
    this.order.forEach((item, position) => {
      const above = this.order[position - 1];
      if (position > 0 && above !== undefined && numeric[item] === numeric[above]) tied.add(item);
    });
    if (tied.size > 0 && !this.allowTies) warnOnce(this, 'unknown-value', `${describeElement(this)} got tied rankings without allow-ties; tied items are ordered by position.`);
    this.tied = tied;
    this.#ranked = true;
  }

  #row(item: number): HTMLElement | null {
    return this.renderRoot?.querySelector<HTMLElement>(`li[data-item="${item}"]`) ?? null;
  }

  protected override render(): TemplateResult {
    const disabled = this.isDisabled;
    const error = this.visibleValidationMessage;
    const ranks = this.#ranks();
    const focused = this.order.includes(this.focusedItem) ? this.focusedItem : this.order[0];
    return html`
      ${renderReviewHeader(this.header)}
      <ol
        part="list"
        class="list"
        aria-labelledby=${this.header ? 'header' : nothing}
        aria-label=${this.header ? nothing : 'Items to rank'}
        aria-describedby=${error ? 'error' : 'hint'}
        @keydown=${this.#onListKeydown}
      >
        ${repeat(
          this.order,
          (item) => item,
          (item, position) => this.#renderItem(item, position, ranks[item] ?? 0, item === focused, disabled),
        )}
      </ol>
      <button type="button" part="confirm" class="confirm" ?disabled=${disabled} ?hidden=${this.#ranked} @click=${this.#keepOrderByUser}>Keep this order</button>
      ${renderReviewError(error)}
      <p part="hint" class="hint" id="hint" ?hidden=${disabled}>
        Best first. Up/Down arrows choose an item, Shift+Up/Down move it${this.allowTies ? ', T ties it with the item above' : ''}.
      </p>
      ${renderReviewAnnouncement(this.announcement)}
    `;
  }

  #renderItem(item: number, position: number, rank: number, tabStop: boolean, disabled: boolean): TemplateResult {
    const label = this.items[item] ?? '';
    const tied = this.allowTies && position > 0 && this.tied.has(item);
    const dragging = item === this.draggedItem;
    const others = this.draggedItem >= 0 ? this.order.filter((other) => other !== this.draggedItem) : [];
    const dropBefore = !dragging && others[this.dropPosition] === item;
    const dropAfter = !dragging && this.dropPosition === others.length && others[others.length - 1] === item;
    const parts = ['item', dragging ? 'item-dragging' : '', tied ? 'item-tied' : ''].filter(Boolean).join(' ');
    return html`
      <li
        part=${parts}
        class="item ${dragging ? 'dragging' : ''} ${dropBefore ? 'drop-before' : ''} ${dropAfter ? 'drop-after' : ''} ${tied ? 'tied' : ''}"
        data-item=${item}
        tabindex=${disabled ? nothing : tabStop ? 0 : -1}
        aria-label=${`${label}, rank ${rank}${tied ? ', tied with the item above' : ''}`}
        @focus=${() => (this.focusedItem = item)}
      >
        <span
          part="handle"
          class="handle"
          aria-hidden="true"
          @pointerdown=${(event: PointerEvent) => this.#onHandlePointerDown(event, item)}
          @pointermove=${this.#onHandlePointerMove}
          @pointerup=${this.#onHandlePointerUp}
          @pointercancel=${this.#onHandlePointerUp}
          >⠿</span
        >
        <span part="rank" class="rank" aria-hidden="true">${rank}</span>
        <span class="label" dir="auto">${label}</span>
        <span class="buttons">
          ${this.allowTies && position > 0
            ? html`<button type="button" part="tie" tabindex="-1" aria-pressed=${tied ? 'true' : 'false'} ?disabled=${disabled} @click=${() => this.#toggleTieByUser(item)}>
                Tie with above
              </button>`
            : nothing}
          <button type="button" part="move-up" tabindex="-1" aria-label=${`Move ${label} up`} ?disabled=${disabled || position === 0} @click=${() => this.#moveByUser(item, position - 1)}>
            ▲
          </button>
          <button
            type="button"
            part="move-down"
            tabindex="-1"
            aria-label=${`Move ${label} down`}
            ?disabled=${disabled || position === this.order.length - 1}
            @click=${() => this.#moveByUser(item, position + 1)}
          >
            ▼
          </button>
        </span>
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-ranking': CrowdRanking;
  }
}
