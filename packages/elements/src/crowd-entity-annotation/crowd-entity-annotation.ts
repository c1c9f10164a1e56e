import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { CrowdEntityAnnotationAnswer, EntitySpan, JsonValue } from '@quorum/schema';
import { QuorumControl } from '../internal/control.js';
import { RegisterControlEvent, unregisterControl, type KeyboardShortcut } from '../internal/form-protocol.js';
import { parseLiteral } from '../internal/literal.js';
import { arrowKeyTarget, arrowStep } from '../internal/choice-group.js';
import { normalizeLabels, parseLabels, type SpatialLabel, type SpatialLabelInput } from '../internal/spatial/labels.js';
import { themeStyles } from '../internal/theme.styles.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { crowdEntityAnnotationStyles } from './crowd-entity-annotation.styles.js';

const LABEL_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
/**
 * The text is rendered in pieces of at most this many code points, each kept (by key) while it is
 * unchanged, so labelling a span of a long text re-lays out a few short text nodes, not the text.
 */
const CHUNK = 512;
/**
 * Paragraphs longer than this (in code points) are laid out as several blocks, split at a space,
 * so that the browser re-lays out one block, not a whole book-length paragraph, after each change.
 */
const BLOCK = 3000;

/** A span in code points, `end` exclusive. */
interface Span {
  start: number;
  end: number;
}

interface Entity extends Span {
  label: string;
}

/**
 * @summary Labels words, phrases or any character span of a longer text (named entities).
 * Ground Truth's `<crowd-entity-annotation>`; its answer is
 * `{ "<name>": { "entities": [{ "startOffset": 47, "endOffset": 54, "label": "person" }] } }`.
 *
 * Offsets count Unicode code points (an emoji is one), from 0; `endOffset` is exclusive. Spans do
 * not overlap: a selection covering exactly an existing entity relabels it, one that cuts into an
 * entity is refused.
 *
 * Like Ground Truth's, it works without a `<crowd-form>`: then it brings its own form and Submit
 * button in its shadow root, which templates reach as
 * `element.shadowRoot.querySelector('crowd-form').form` to add fields. Inside a `<crowd-form>` it
 * is one control among the others.
 *
 * Pointer: choose a label, then select text (drag, or click and Shift+click). Keyboard (focus the text): arrows move the caret,
 * Shift+arrows select, Ctrl+arrows go by word, Home/End to the start and end, Enter labels the
 * selection, digits 1–9 choose the label, Delete removes the entity at the caret, Escape clears the
 * selection. The text takes the direction of its own words (`dir="auto"`), so Arabic or Hebrew
 * reads right to left in any page and Left moves forward through it; offsets are always counted
 * in reading order.
 *
 * @tagname crowd-entity-annotation
 *
 * @slot short-instructions - The `<short-instructions>` region, shown beside the text.
 * @slot full-instructions - The `<full-instructions>` region, shown when expanded.
 * @slot - Anything else (extra questions that a template moves into the form).
 *
 * @csspart header - The instruction (`header` attribute).
 * @csspart labels - The label picker (a radio group).
 * @csspart label - One label; `label-checked` when chosen.
 * @csspart text - The text being annotated.
 * @csspart entity - A labelled span.
 * @csspart entity-label - The short label over a span.
 * @csspart remove - The button that removes an entity.
 * @csspart selection - The current selection.
 * @csspart status - The status line.
 * @csspart error - The validation message.
 * @csspart form - The `<crowd-form>` the element brings when it is outside any form.
 *
 * @event input - When the user adds, relabels or removes an entity.
 * @event change - Same as `input`.
 *
 * @cssstate empty - No entity.
 * @cssstate invalid - Required without entities.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdEntityAnnotation extends QuorumControl {
  static readonly tagName = 'crowd-entity-annotation';
  static override styles = [themeStyles, crowdEntityAnnotationStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'labels', 'initial-value'];
  }

  /** The instruction above the text. */
  @property() header = '';

  /** The text to annotate. */
  @property() text = '';

  /**
   * The labels: the attribute takes a JS-literal array of strings or of
   * `{ label, shortDisplayName, fullDisplayName }`.
   * @attr labels
   */
  @property({ attribute: false }) labels: (string | SpatialLabelInput)[] = [];

  /**
   * Entities shown at the start and restored by reset: the `initial-value` attribute takes a
   * JS-literal array of `{ label, startOffset, endOffset }`.
   * @attr initial-value
   */
  @property({ attribute: false }) initialValue: EntitySpan[] = [];

  /** The entities, sorted by start. Setting it does not fire events; invalid ones are dropped with a warning. */
  get entities(): EntitySpan[] {
    return this.#entities.map(({ start, end, label }) => ({ startOffset: start, endOffset: end, label }));
  }

  set entities(next: EntitySpan[]) {
    this.#entities = this.#checkEntities(next, 'entities');
    this.requestUpdate();
    this.syncFormState();
  }

  /** The answer as JSON text (`'{"entities":[…]}'`), or '' without entities; setting it does not fire events. */
  get value(): string {
    return this.formValue() ?? '';
  }

  set value(next: string) {
    this.restoreValue(next == null ? '' : String(next));
    this.syncFormState();
  }

  /** Index of the chosen label. */
  @state() labelIndex = 0;
  @state() private selection: Span = { start: 0, end: 0 };
  @state() private caret = 0;
  @state() private status = '';
  @state() private standalone = false;
  @state() private filledSlots: ReadonlySet<string> = new Set();

  #entities: Entity[] = [];
  /** UTF-16 index of each code point (and of the end), to map the DOM's offsets to code points. */
  #utf16: number[] = [0];
  /** Code-point offsets where layout blocks start (paragraphs, and pieces of long ones). */
  #blocks: number[] = [0];
  #joined = false;
  /** Where a pointer drag started (code points), or null. */
  #dragAnchor: number | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.standalone = this.internals.form === null && !closestComposed(this, 'crowd-form');
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'labels') this.labels = this.readLiteralAttribute('labels', value, parseLabels, []);
    else if (name === 'initial-value') this.initialValue = this.readLiteralAttribute('initial-value', value, parseEntitySpans, []);
    else super.attributeChangedCallback(name, previous, value);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('text')) {
      this.#utf16 = [0];
      this.#blocks = [0];
      let position = 0;
      for (const character of this.text) {
        this.#utf16.push((this.#utf16[this.#utf16.length - 1] as number) + character.length);
        position++;
        const blockLength = position - (this.#blocks[this.#blocks.length - 1] as number);
        if (character === '\n' || (blockLength >= BLOCK && /\s/.test(character)) || blockLength >= BLOCK * 1.5) this.#blocks.push(position);
      }
      this.caret = Math.min(this.caret, this.#length());
      this.selection = { start: this.caret, end: this.caret };
    }
    if (changed.has('initialValue') || (changed.has('text') && this.initialValue.length > 0) || (changed.has('labels') && this.initialValue.length > 0)) {
      this.#entities = this.#checkEntities(this.initialValue, 'initial-value');
    }
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (this.#labels().length === 0) warnOnce(this, 'no-labels', `${describeElement(this)} has no labels, so nothing can be annotated. Set labels="['person', 'date']".`);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const inner = this.renderRoot.querySelector('crowd-form');
    if (inner && !this.#joined) {
      // Not in any form: this element's answer belongs to the form in its own shadow root.
      this.#joined = true;
      unregisterControl(this);
      inner.dispatchEvent(new RegisterControlEvent(this));
    }
  }

  /** The form in the shadow root when the element stands alone (else null); templates add fields to its `.form`. */
  get ownForm(): HTMLElement | null {
    return this.renderRoot?.querySelector('crowd-form') ?? null;
  }

  override focus(options?: FocusOptions): void {
    const text = this.renderRoot?.querySelector<HTMLElement>('.text');
    if (text && !this.isDisabled) text.focus(options);
    else super.focus(options);
  }

  /** Labels the span [start, end) (code points) as a user would, without events; returns whether it changed. */
  annotate(start: number, end: number, label: string): boolean {
    return this.#apply({ start, end }, label);
  }

  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    if (this.isDisabled) return [];
    const count = Math.min(this.#labels().length, LABEL_KEYS.length);
    return [
      { keys: count > 1 ? `1–${count}` : '1', description: 'Choose a label' },
      { keys: 'Shift+arrows, Ctrl+Shift+arrows', description: 'Select text (by character, by word)' },
      { keys: 'Enter', description: 'Label the selection' },
      { keys: 'Delete', description: 'Remove the entity at the caret' },
    ];
  }

  protected answerValue(): JsonValue | undefined {
    const answer: CrowdEntityAnnotationAnswer = { entities: this.entities };
    return answer as unknown as JsonValue;
  }

  protected formValue(): string | null {
    return this.#entities.length === 0 ? null : JSON.stringify(this.answerValue());
  }

  protected isEmpty(): boolean {
    return this.#entities.length === 0;
  }

  protected resetValue(): void {
    this.#entities = this.#checkEntities(this.initialValue, 'initial-value');
    this.requestUpdate();
  }

  protected override clearValue(): void {
    this.#entities = [];
    this.requestUpdate();
  }

  protected restoreValue(state: string): void {
    let entities: EntitySpan[] = [];
    try {
      const saved = JSON.parse(state) as { entities?: unknown };
      if (Array.isArray(saved?.entities)) entities = saved.entities as EntitySpan[];
    } catch {
      // A state that is not JSON restores nothing.
    }
    this.#entities = this.#checkEntities(entities, 'restored state');
    this.requestUpdate();
  }

  protected override valueMissingMessage(): string {
    return 'Please label at least one span of the text.';
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.renderRoot?.querySelector('.text') ?? null;
  }

  #labels(): SpatialLabel[] {
    return normalizeLabels(this.labels);
  }

  #length(): number {
    return this.#utf16.length - 1;
  }

  #checkEntities(input: readonly EntitySpan[], where: string): Entity[] {
    const known = new Set(this.#labels().map((label) => label.value));
    const accepted: Entity[] = [];
    input.forEach((span, index) => {
      const start = span?.startOffset;
      const end = span?.endOffset;
      let problem = '';
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > this.#length() || end <= start) problem = `offsets ${start}–${end} are not a span of the ${this.#length()}-character text`;
      else if (known.size > 0 && !known.has(span.label)) problem = `label "${span.label}" is not one of the labels`;
      else if (accepted.some((other) => start < other.end && other.start < end)) problem = 'it overlaps another entity';
      if (problem) {
        // Before the text and labels arrive every span looks wrong; warn only once both are there.
        if (this.text && known.size > 0) warnOnce(this, 'invalid-entity', `${describeElement(this)}: ${where} item ${index} is left out: ${problem}.`, `${where}-${index}`);
        return;
      }
      accepted.push({ start, end, label: span.label });
    });
    return accepted.sort((a, b) => a.start - b.start);
  }

  /** Adds or relabels an entity; refuses spans that cut into another. */
  #apply(span: Span, label: string): boolean {
    const { start, end } = span;
    if (end <= start || start < 0 || end > this.#length() || !label) return false;
    const same = this.#entities.find((entity) => entity.start === start && entity.end === end);
    if (same) {
      if (same.label === label) return false;
      this.#entities = this.#entities.map((entity) => (entity === same ? { ...entity, label } : entity));
    } else if (this.#entities.some((entity) => start < entity.end && entity.start < end)) {
      this.status = 'That selection cuts into a labelled span. Select all of it to relabel it, or remove it first.';
      return false;
    } else {
      this.#entities = [...this.#entities, { start, end, label }].sort((a, b) => a.start - b.start);
    }
    this.status = `Labelled "${this.#slice(start, end)}" as ${this.#labelName(label)}.`;
    this.requestUpdate();
    this.syncFormState();
    return true;
  }

  #remove(entity: Entity): void {
    this.#entities = this.#entities.filter((other) => other !== entity);
    this.status = `Removed ${this.#labelName(entity.label)} from "${this.#slice(entity.start, entity.end)}".`;
    this.requestUpdate();
    this.commitUserChange();
  }

  #slice(start: number, end: number): string {
    return this.text.slice(this.#utf16[start], this.#utf16[end]);
  }

  #labelName(value: string): string {
    return this.#labels().find((label) => label.value === value)?.full ?? value;
  }

  #currentLabel(): string {
    return this.#labels()[this.labelIndex]?.value ?? '';
  }

  #chooseLabel(index: number): void {
    if (index < 0 || index >= this.#labels().length) return;
    this.labelIndex = index;
    this.status = `Label: ${this.#labels()[index]?.full}.`;
  }

  #onLabelsKeydown(event: KeyboardEvent): void {
    const count = this.#labels().length;
    const digit = LABEL_KEYS.indexOf(event.key);
    if (this.isDisabled || count === 0) return;
    const next = digit >= 0 ? digit : arrowKeyTarget(event, this.labelIndex, count, event.currentTarget as Element);
    if (next === null || next >= count) return;
    event.preventDefault();
    this.#chooseLabel(next);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`.label[data-index="${this.labelIndex}"]`)?.focus());
  }

  #onSlotChange(event: Event): void {
    const slot = event.target as HTMLSlotElement;
    const filled = new Set(this.filledSlots);
    if (slot.assignedNodes().length > 0) filled.add(slot.name);
    else filled.delete(slot.name);
    this.filledSlots = filled;
  }

  #onTextKeydown(event: KeyboardEvent): void {
    if (this.isDisabled || event.altKey || event.metaKey) return;
    const length = this.#length();
    const digit = LABEL_KEYS.indexOf(event.key);
    if (digit >= 0 && !event.ctrlKey) {
      event.preventDefault();
      this.#chooseLabel(digit);
      return;
    }
    const { start, end } = this.selection;
    let caret: number;
    switch (event.key) {
      case 'ArrowLeft':
      case 'ArrowRight': {
        // The text's own direction (it is dir="auto"): Left moves forward through Arabic or Hebrew.
        const forward = arrowStep(event, event.currentTarget as Element) > 0;
        caret = event.ctrlKey ? this.#wordBoundary(this.caret, forward) : Math.min(length, Math.max(0, this.caret + (forward ? 1 : -1)));
        break;
      }
      case 'Home':
        caret = 0;
        break;
      case 'End':
        caret = length;
        break;
      case 'Enter':
        event.preventDefault();
        if (this.#apply(this.selection, this.#currentLabel())) {
          this.selection = { start: this.caret, end: this.caret };
          this.commitUserChange();
        } else if (start === end) {
          this.status = 'Select text first (Shift+arrow keys), then press Enter.';
        }
        return;
      case 'Delete':
      case 'Backspace': {
        event.preventDefault();
        const entity = this.#entities.find((other) => (start === end ? other.start <= this.caret && this.caret < other.end : start < other.end && other.start < end));
        if (entity) this.#remove(entity);
        return;
      }
      case 'Escape':
        this.selection = { start: this.caret, end: this.caret };
        return;
      default:
        return;
    }
    event.preventDefault();
    const anchor = this.selection.start === this.caret ? this.selection.end : this.selection.start;
    this.caret = caret;
    this.selection = event.shiftKey ? { start: Math.min(anchor, caret), end: Math.max(anchor, caret) } : { start: caret, end: caret };
  }

  /** The end of the next word (forward) or the start of the previous one (backward), in code points. */
  #wordBoundary(from: number, forward: boolean): number {
    const length = this.#length();
    const isWord = (index: number): boolean => /[\p{L}\p{N}_]/u.test(this.#slice(index, index + 1));
    let index = from;
    if (forward) {
      while (index < length && !isWord(index)) index++;
      while (index < length && isWord(index)) index++;
    } else {
      while (index > 0 && !isWord(index - 1)) index--;
      while (index > 0 && isWord(index - 1)) index--;
    }
    return index;
  }

  // The element draws its own selection (native text selection inside shadow roots differs
  // between browsers): a press sets the caret, a drag selects, the release labels the selection.
  // Shift+click selects from the caret to the click, for those who cannot drag.
  #onPointerDown(event: PointerEvent): void {
    if (this.isDisabled || event.button !== 0 || event.composedPath().some((node) => node instanceof Element && node.classList.contains('remove'))) return;
    const offset = this.#offsetAtPoint(event.clientX, event.clientY);
    if (offset === null) return;
    event.preventDefault();
    const region = event.currentTarget as HTMLElement;
    region.focus();
    region.setPointerCapture(event.pointerId);
    this.#dragAnchor = event.shiftKey ? this.caret : offset;
    this.caret = offset;
    this.selection = { start: Math.min(this.#dragAnchor, offset), end: Math.max(this.#dragAnchor, offset) };
  }

  #onPointerMove(event: PointerEvent): void {
    if (this.#dragAnchor === null) return;
    const offset = this.#offsetAtPoint(event.clientX, event.clientY);
    if (offset === null) return;
    this.caret = offset;
    this.selection = { start: Math.min(this.#dragAnchor, offset), end: Math.max(this.#dragAnchor, offset) };
  }

  #onPointerUp(): void {
    if (this.#dragAnchor === null) return;
    this.#dragAnchor = null;
    if (this.selection.end > this.selection.start && this.#apply(this.selection, this.#currentLabel())) {
      this.selection = { start: this.caret, end: this.caret };
      this.commitUserChange();
    }
  }

  #offsetAtPoint(x: number, y: number): number | null {
    const root = this.shadowRoot;
    const position = root ? (document as CaretDocument).caretPositionFromPoint?.(x, y, { shadowRoots: [root] }) : null;
    return position ? this.#offsetOf(position.offsetNode, position.offset) : null;
  }

  /** Code-point offset in the text of a DOM position inside the text region, or null. */
  #offsetOf(node: Node, offset: number): number | null {
    const textRegion = this.renderRoot.querySelector('.text');
    if (!textRegion?.contains(node)) return null;
    const segment = (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('[data-s]');
    if (segment && node instanceof Text && !node.parentElement?.closest('.tag')) return Number(segment.dataset['s']) + [...node.data.slice(0, offset)].length;
    // Between elements, on the caret or on a label tag: snap to the start of the next piece of text.
    const point = document.createRange();
    point.setStart(node, offset);
    for (const piece of textRegion.querySelectorAll<HTMLElement>('[data-s]')) {
      if (point.comparePoint(piece, 0) >= 0) return Number(piece.dataset['s']);
    }
    return this.#length();
  }

  protected override render(): TemplateResult {
    const labels = this.#labels();
    const disabled = this.isDisabled;
    const error = this.visibleValidationMessage;
    const body = html`
      <h2 part="header" class="header" id="header" ?hidden=${!this.header}>${this.header}</h2>
      <div class="layout">
        <div class="instructions" ?hidden=${this.filledSlots.size === 0}>
          <slot name="short-instructions" @slotchange=${this.#onSlotChange}></slot>
          <details ?hidden=${!this.filledSlots.has('full-instructions')}>
            <summary>View full instructions</summary><slot name="full-instructions" @slotchange=${this.#onSlotChange}></slot>
          </details>
        </div>
        <div class="work">
          <div role="radiogroup" part="labels" class="labels" aria-label="Label" aria-disabled=${disabled ? 'true' : 'false'} @keydown=${this.#onLabelsKeydown}>
            ${labels.map(
              (label, index) => html`<button
                type="button"
                role="radio"
                part=${index === this.labelIndex ? 'label label-checked' : 'label'}
                class="label"
                style="--_color: ${label.color}"
                aria-checked=${index === this.labelIndex ? 'true' : 'false'}
                aria-keyshortcuts=${LABEL_KEYS[index] ?? nothing}
                tabindex=${index === this.labelIndex ? 0 : -1}
                data-index=${index}
                title=${label.long || nothing}
                ?disabled=${disabled}
                @click=${() => this.#chooseLabel(index)}
              >
                ${LABEL_KEYS[index] ? html`<kbd aria-hidden="true">${LABEL_KEYS[index]}</kbd>` : nothing}${label.full}
              </button>`,
            )}
          </div>
          <div
            part="text"
            class="text"
            dir="auto"
            role="textbox"
            aria-readonly="true"
            aria-multiline="true"
            aria-labelledby=${this.header ? 'header' : nothing}
            aria-label=${this.header ? nothing : 'Text to annotate'}
            aria-describedby=${error ? 'error' : 'hint'}
            aria-invalid=${error ? 'true' : 'false'}
            tabindex=${disabled ? nothing : 0}
            @keydown=${this.#onTextKeydown}
            @pointerdown=${this.#onPointerDown}
            @pointermove=${this.#onPointerMove}
            @pointerup=${this.#onPointerUp}
            @pointercancel=${this.#onPointerUp}
          >${this.#renderText(labels)}</div>
          <p part="error" class="error" id="error" ?hidden=${!error}>${error}</p>
          <p class="hint" id="hint">Select text with the mouse, or with Shift+arrow keys and Enter. Digits choose the label; Delete removes the entity at the caret.</p>
          <p part="status" class="status" role="status">${this.status}</p>
          <slot></slot>
        </div>
      </div>
    `;
    return this.standalone ? html`${body}<crowd-form part="form"></crowd-form>` : body;
  }

  #renderText(labels: SpatialLabel[]): unknown {
    const { start: selStart, end: selEnd } = this.selection;
    const length = this.#length();
    const cuts = new Set([length, selStart, selEnd, this.caret, ...this.#blocks]);
    for (let cut = 0; cut < length; cut += CHUNK) cuts.add(cut);
    for (const entity of this.#entities) cuts.add(entity.start).add(entity.end);
    const points = [...cuts].sort((a, b) => a - b);
    const pieces: { key: string; template: TemplateResult; start: number }[] = [];
    const showCaret = selStart === selEnd;
    let entityIndex = 0;
    for (let index = 0; index < points.length - 1; index++) {
      const a = points[index] as number;
      const b = points[index + 1] as number;
      if (a === this.caret && showCaret) pieces.push({ key: 'caret', template: html`<span class="caret" aria-hidden="true"></span>`, start: a });
      while (entityIndex < this.#entities.length && (this.#entities[entityIndex] as Entity).end <= a) entityIndex++;
      const entity = this.#entities[entityIndex];
      const selected = a >= selStart && b <= selEnd && selStart < selEnd;
      const segment = html`<span class=${selected ? 'seg selected' : 'seg'} part=${selected ? 'selection' : nothing} data-s=${a} data-e=${b}>${this.#slice(a, b)}</span>`;
      if (entity === undefined || entity.start > a) {
        pieces.push({ key: `${a}:${b}:${selected ? 's' : ''}`, template: segment, start: a });
        continue;
      }
      // An entity in several pieces: the first opens with its tag, the others continue its colour.
      const label = labels.find((item) => item.value === entity.label);
      const first = a === entity.start;
      const name = label?.full ?? entity.label;
      pieces.push({
        key: `${a}:${b}:${selected ? 's' : ''}:${entity.label}:${first ? entity.end : ''}`,
        start: a,
        template: html`<mark part="entity" class=${first ? 'entity first' : 'entity'} style="--_color: ${label?.color ?? '#7f7f7f'}"
          >${first
            ? html`<span part="entity-label" class="tag">${label?.short ?? entity.label}<button
                  type="button"
                  part="remove"
                  class="remove"
                  tabindex="-1"
                  aria-label=${`Remove ${name} from "${this.#slice(entity.start, entity.end)}"`}
                  ?disabled=${this.isDisabled}
                  @click=${() => this.#remove(entity)}
                >×</button></span>`
            : nothing}${segment}</mark
        >`,
      });
    }
    if (this.caret === length && showCaret) pieces.push({ key: 'caret', template: html`<span class="caret" aria-hidden="true"></span>`, start: length });
    // Pieces go into their layout blocks; both are keyed, so unchanged ones keep their DOM.
    const blocks = this.#blocks.map((start, index) => ({ start, end: this.#blocks[index + 1] ?? Infinity, pieces: [] as typeof pieces }));
    let block = 0;
    for (const piece of pieces) {
      while (piece.start >= (blocks[block] as { end: number }).end && block < blocks.length - 1) block++;
      blocks[block]?.pieces.push(piece);
    }
    return repeat(
      blocks,
      (item) => item.start,
      (item) => html`<div class="block">${repeat(
        item.pieces,
        (piece) => piece.key,
        (piece) => piece.template,
      )}</div>`,
    );
  }
}

/** Parses `initial-value`: a JS-literal array of `{ label, startOffset, endOffset }`. */
export function parseEntitySpans(text: string, options: { what?: string }): EntitySpan[] {
  const value = parseLiteral(text, options);
  if (!Array.isArray(value)) throw new SyntaxError(`${options.what ?? 'initial-value'}: expected an array of { label, startOffset, endOffset }`);
  return value.map((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item) || typeof item['label'] !== 'string' || typeof item['startOffset'] !== 'number' || typeof item['endOffset'] !== 'number') {
      throw new SyntaxError(`${options.what ?? 'initial-value'}, item ${index}: expected { label: '…', startOffset: <number>, endOffset: <number> }`);
    }
    return { label: item['label'], startOffset: item['startOffset'], endOffset: item['endOffset'] };
  });
}

/** `caretPositionFromPoint` with the `shadowRoots` option (not yet in TypeScript's DOM types). */
type CaretDocument = Document & {
  caretPositionFromPoint?(x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }): { offsetNode: Node; offset: number } | null;
};

function closestComposed(element: Element, selector: string): Element | null {
  let current: Node | null = element;
  while (current) {
    if (current instanceof Element && current.matches(selector)) return current;
    current = current.parentNode ?? (current instanceof ShadowRoot ? current.host : null);
  }
  return null;
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-entity-annotation': CrowdEntityAnnotation;
  }
}
