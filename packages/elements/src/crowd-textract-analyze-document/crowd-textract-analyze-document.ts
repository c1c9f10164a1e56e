import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { CrowdTextractAnalyzeDocumentAnswer, JsonValue, TextractBoundingBox } from '@quorum/schema';
import { QuorumControl } from '../internal/control.js';
import type { KeyboardShortcut } from '../internal/form-protocol.js';
import { InstructionsRegion, renderInstructionsLayout } from '../internal/instructions-region.js';
import { describeElement, warnOnce } from '../internal/warn.js';
import { themeStyles } from '../internal/theme.styles.js';
import { spatialAnnotatorStyles } from '../internal/spatial/annotator.styles.js';
import { snapPoint, translateWithin, type Point, type Size } from '../internal/spatial/geometry.js';
import { ImageStage, renderImageMessage, renderZoomButtons, ZOOM_STEP } from '../internal/spatial/image-stage.js';
import { LABEL_COLORS } from '../internal/spatial/labels.js';
import { boxKind, HANDLE_RADIUS } from '../internal/spatial/shapes.js';
import {
  KEY_VALUE_SET,
  TEXTRACT_ANSWER_KEY,
  blocksFromPairs,
  matchesImportantKey,
  newPair,
  pairsFromBlocks,
  parseBlockTypes,
  parseBlocks,
  parseImportantKeys,
  type ImportantFormKey,
  type TextractPair,
} from '../internal/spatial/a2i-textract.js';
import { crowdTextractAnalyzeDocumentStyles } from './crowd-textract-analyze-document.styles.js';

const CLICK_SLOP = 3;
const KEY_COLOR = LABEL_COLORS[0] as string;
const VALUE_COLOR = LABEL_COLORS[2] as string;

/** Which box of which pair the stage edits. */
interface Target {
  pair: number;
  side: 'key' | 'value';
}

type Drag =
  | { mode: 'draw' | 'resize'; pointerId: number; start: Point[]; handle: number; changed: boolean }
  | { mode: 'move'; pointerId: number; from: Point; start: Point[]; changed: boolean }
  | { mode: 'pan'; pointerId: number; last: Point; moved: number };

/**
 * @summary Human review of an Amazon Textract form analysis (Amazon A2I's
 * `<crowd-textract-analyze-document>`): the document with Textract's key-value pairs boxed on it,
 * and beside it the pairs, whose key and value text the reviewer corrects; pairs that are not
 * key-value pairs are marked so, missing ones (e.g. an important key Textract did not find) are
 * added, and boxes are moved, resized or drawn.
 *
 * `initial-value` takes Textract's blocks (`task.input.selectedAiServiceResponse.blocks`,
 * PascalCase or camelCase); each KEY_VALUE_SET block of entity type KEY is a pair with the block
 * its VALUE relationship names, and text missing on those blocks is read from their CHILD words.
 * `keys` lists the important keys (`[{ importantFormKey: 'Address', importantFormKeyAliases:
 * ['Addr.'] }]`), offered when adding a pair and listed while none of the pairs has them.
 * `no-key-edit` locks the key text of the pairs from `initial-value`, `no-geometry-edit` their
 * boxes. `block-types` is read; A2I supports only `['KEY_VALUE_SET']`.
 *
 * The answer sits under A2I's key unless the element has a `name`:
 * `{ "AWS/Textract/AnalyzeDocument/Forms/V1": { "blocks": [ … ] } }`, a KEY and a VALUE block per
 * kept pair (camelCase, as A2I's output data): `blockType`, `id`, `entityTypes`, `text`,
 * `relationships` (the KEY's VALUE names its value block; CHILD links are kept as given),
 * `geometry` in page ratios (an edited box gets a four-corner polygon) and the input's other
 * fields; Textract's `confidence` is kept only on blocks the reviewer left unchanged.
 *
 * Keyboard: Tab reaches each pair's fields and buttons. "Key box" / "Value box" pick the box the
 * image region edits; there arrow keys move it by a pixel (Shift: 10), Alt with arrow keys
 * resizes, N draws it in the middle of the view when it has none, Delete removes it, Escape lets
 * go, + / − / 0 zoom, arrow keys pan when no box is picked. With the pointer: drag a picked box to
 * move it, its corners to resize it; drag on the document to draw a picked box that has none;
 * drag elsewhere to pan; the wheel zooms. A failed or missing image blocks submission, as does a
 * kept pair with an empty key.
 *
 * @tagname crowd-textract-analyze-document
 *
 * @attr initial-value - Textract's blocks to review (`task.input.selectedAiServiceResponse.blocks`,
 * PascalCase or camelCase), JSON or a JavaScript literal.
 *
 * @slot short-instructions - The `<short-instructions>` region, shown in the instructions panel.
 * @slot full-instructions - The `<full-instructions>` region, shown in a dialog opened from the panel.
 * @slot - Anything else, shown below the review.
 *
 * @csspart base - The layout grid holding the instructions panel and the task.
 * @csspart instructions - The instructions panel.
 * @csspart full-instructions-button - The "View full instructions" button.
 * @csspart main - The task column.
 * @csspart header - The instruction (`header` attribute).
 * @csspart toolbar - The row with the zoom buttons.
 * @csspart zoom-button - A zoom button.
 * @csspart stage - The document region (`role="application"`), focusable.
 * @csspart image-error - The message shown when the document image cannot be loaded.
 * @csspart pairs - The list of key-value pairs.
 * @csspart pair - One pair.
 * @csspart pair-removed - A pair marked as not a key-value pair.
 * @csspart key-input - A key's text field.
 * @csspart value-input - A value's text field.
 * @csspart box-button - A "Key box" / "Value box" button.
 * @csspart remove-button - The "Not a key-value pair" toggle.
 * @csspart add - The row that adds a pair.
 * @csspart missing-keys - The list of important keys no pair has yet.
 * @csspart error - The validation message.
 * @csspart hint - The keyboard hint.
 * @csspart dialog - The full instructions dialog.
 * @csspart dialog-body - The scrolling body of the dialog.
 *
 * @cssprop --quorum-spatial-max-height - Largest height of the document region (default 70vh).
 * @cssprop --quorum-color-accent - Links, pressed buttons and focus (default #0b5fbf).
 * @cssprop --quorum-color-danger - Validation errors and the image error.
 * @cssprop --quorum-focus-color - Focus outline.
 *
 * @event input - When the reviewer edits a text, a box, or adds or removes a pair (never from code).
 * @event change - When an edit is committed (a text field loses focus, a box is dropped, a button is pressed).
 *
 * @cssstate empty - No pair is kept.
 * @cssstate invalid - The image failed or is still loading, a kept pair has no key, or required and no pair is kept.
 * @cssstate user-invalid - Invalid after the user interacted or a submit was tried.
 */
export class CrowdTextractAnalyzeDocument extends QuorumControl {
  static readonly tagName = 'crowd-textract-analyze-document';
  static override styles = [themeStyles, spatialAnnotatorStyles, crowdTextractAnalyzeDocumentStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'initial-value', 'keys', 'block-types'];
  }

  /** URL of the document image (`{{ s3_arn | grant_read_access }}` in A2I's template). */
  @property() src = '';

  /** The instruction shown above the document. */
  @property() header = '';

  /** Locks the key text of the pairs from `initial-value`. */
  @property({ type: Boolean, attribute: 'no-key-edit', reflect: true }) noKeyEdit = false;

  /** Locks the boxes of the pairs from `initial-value`. */
  @property({ type: Boolean, attribute: 'no-geometry-edit', reflect: true }) noGeometryEdit = false;

  /**
   * The important keys (`keys` attribute, a JS-literal array of `{ importantFormKey,
   * importantFormKeyAliases }` objects or of strings).
   * @attr keys
   */
  @property({ attribute: false }) keys: ImportantFormKey[] = [];

  /**
   * The block types under review (`block-types` attribute); only `KEY_VALUE_SET` is supported.
   * @attr block-types
   */
  @property({ attribute: false }) blockTypes: string[] = [KEY_VALUE_SET];

  @state() private pairs: TextractPair[] = [];
  @state() private target: Target | null = null;
  @state() private status = '';
  @state() private addChoice = '';

  @query('.stage') private stage?: HTMLElement;
  @query('canvas') private canvas?: HTMLCanvasElement;
  @query('dialog') private dialog?: HTMLDialogElement;

  /** Pairs from `initial-value`, kept to reset to. */
  #initialPairs: TextractPair[] = [];
  #touched = false;
  readonly #image = new ImageStage(this, {
    stage: () => this.stage,
    canvases: () => [this.canvas],
    paint: () => this.#paint(),
    settled: () => this.syncFormState(),
  });
  #drag: Drag | null = null;
  readonly #instructions = new InstructionsRegion(this);

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'initial-value') {
      this.#setInitialValue(value);
      return;
    }
    if (name === 'keys') {
      this.keys = this.readLiteralAttribute('keys', value, parseImportantKeys, []);
      return;
    }
    if (name === 'block-types') {
      this.blockTypes = this.readLiteralAttribute('block-types', value, parseBlockTypes, [KEY_VALUE_SET]);
      const unsupported = this.blockTypes.filter((type) => type !== KEY_VALUE_SET);
      if (unsupported.length > 0) warnOnce(this, 'unsupported-block-types', `block-types of ${describeElement(this)} lists ${unsupported.join(', ')}; only KEY_VALUE_SET can be reviewed, the others are ignored.`);
      return;
    }
    super.attributeChangedCallback(name, previous, value);
  }

  override connectedCallback(): void {
    // A2I's template gives this element no name; its answer then sits under A2I's own key.
    if (!this.hasAttribute('name') && !this.name) this.name = TEXTRACT_ANSWER_KEY;
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('src')) this.#image.load(this.src);
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (!this.src) warnOnce(this, 'missing-src', `${describeElement(this)} has no src, so there is no document to review and the task cannot be submitted.`);
    this.#image.observe();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.#image.layoutIfChanged()) this.#paint();
  }

  /** Waits for the image too: once this resolves the image has loaded (or failed) and is drawn. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.#image.settled;
    return (await super.getUpdateComplete()) && done;
  }

  /**
   * The answer, `{ blocks: [...] }`, as A2I's element gives it to template scripts. Setting it
   * (an answer object, its JSON, or an array of blocks) replaces the pairs without events.
   */
  get value(): CrowdTextractAnalyzeDocumentAnswer {
    return { blocks: blocksFromPairs(this.pairs) };
  }

  set value(next: CrowdTextractAnalyzeDocumentAnswer | JsonValue | string) {
    if (next === null || next === '') {
      this.#setPairs(structuredClone(this.#initialPairs));
    } else {
      this.restoreValue(typeof next === 'string' ? next : JSON.stringify(next));
    }
    this.#touched = true;
    this.syncFormState();
  }

  /** The pairs under review (copies). */
  get keyValuePairs(): TextractPair[] {
    return structuredClone(this.pairs);
  }

  /** Important keys that no kept pair has yet. */
  get missingKeys(): ImportantFormKey[] {
    const kept = this.pairs.filter((pair) => !pair.removed);
    return this.keys.filter((key) => !kept.some((pair) => matchesImportantKey(pair.key.text, key)));
  }

  /** The natural size of the image once it has loaded, else null. */
  get imageSize(): Size | null {
    return this.#image.size;
  }

  /** The current zoom and pan: a stage point is `image × scale + offset` (CSS pixels). */
  get viewTransform(): { scale: number; offsetX: number; offsetY: number } {
    return this.#image.transform;
  }

  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    return [
      { keys: 'Arrow keys', description: 'Move the picked box by 1 pixel, with Shift by 10 (pan when none is picked)' },
      { keys: 'Alt + arrow keys', description: 'Resize the picked box' },
      { keys: 'N', description: 'Draw the picked box in the middle of the view' },
      { keys: 'Delete', description: 'Remove the picked box' },
      { keys: '+ / − / 0', description: 'Zoom in, zoom out, show the whole document' },
    ];
  }

  /** Picks the box the document region edits (and highlights), or none. */
  pickBox(pair: number, side: 'key' | 'value'): void {
    if (!this.pairs[pair]) return;
    this.target = { pair, side };
    const chosen = this.pairs[pair] as TextractPair;
    this.status = `${side === 'key' ? 'Key' : 'Value'} box of pair ${pair + 1} picked${chosen[side].box ? '' : '; it has none yet: drag on the document or press N in it to draw one'}.`;
  }

  zoomBy(factor: number): void {
    this.#image.zoomBy(factor);
  }

  resetZoom(): void {
    this.#image.fit();
  }

  openFullInstructions(): void {
    this.dialog?.showModal();
  }

  closeFullInstructions(): void {
    this.dialog?.close();
  }

  override focus(options?: FocusOptions): void {
    const first = this.renderRoot.querySelector<HTMLElement>('input:not([readonly]), button:not([disabled])');
    if (first && !this.isDisabled) first.focus(options);
    else super.focus(options);
  }

  protected answerValue(): JsonValue | undefined {
    if (this.isEmpty() && !this.#touched && this.#initialPairs.length === 0) return undefined;
    return this.value as unknown as JsonValue;
  }

  protected formValue(): string | null {
    const answer = this.answerValue();
    return answer === undefined ? null : JSON.stringify(answer);
  }

  /** The pairs with their removed flags and originals, so undo and drafts keep everything. */
  protected override stateValue(): string | null {
    return JSON.stringify({ pairs: this.pairs });
  }

  protected isEmpty(): boolean {
    return !this.pairs.some((pair) => !pair.removed);
  }

  protected resetValue(): void {
    this.#touched = false;
    this.target = null;
    this.#setPairs(structuredClone(this.#initialPairs));
  }

  protected override clearValue(): void {
    this.#touched = false;
    this.target = null;
    this.#setPairs(structuredClone(this.#initialPairs).map((pair) => ({ ...pair, removed: true })));
  }

  protected restoreValue(state: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(state);
    } catch {
      return;
    }
    const saved = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>)['pairs'] : undefined;
    if (Array.isArray(saved)) {
      this.#setPairs(saved as TextractPair[]);
    } else {
      const { pairs } = pairsFromBlocks(parsed as JsonValue, false);
      this.#setPairs(pairs.map((pair) => {
        const initial = this.#initialPairs.find((candidate) => candidate.key.id === pair.key.id);
        return initial ? { ...pair, fromInitial: true, key: { ...pair.key, original: initial.key.original }, value: { ...pair.value, original: initial.value.original } } : pair;
      }));
    }
    this.#touched = true;
  }

  protected override valueProblem(): { flags: ValidityStateFlags; message: string } | null {
    const imageProblem = this.#image.problem('document', 'document image');
    if (imageProblem) return imageProblem;
    const keyless = this.pairs.findIndex((pair) => !pair.removed && pair.key.text.trim() === '');
    if (keyless >= 0) return { flags: { customError: true }, message: `Pair ${keyless + 1} has no key. Type its key, or mark it as not a key-value pair.` };
    return null;
  }

  protected override valueMissingMessage(): string {
    return 'Please keep or add at least one key-value pair before submitting.';
  }

  /** The key field of the first kept pair without a key, else the document region. */
  protected override get validationAnchor(): HTMLElement | null {
    const keyless = this.pairs.findIndex((pair) => !pair.removed && pair.key.text.trim() === '');
    const field = keyless >= 0 ? this.renderRoot?.querySelector<HTMLElement>(`[data-pair="${keyless}"] input[part~="key-input"]`) : null;
    return field ?? this.renderRoot?.querySelector<HTMLElement>('.stage') ?? null;
  }

  #onTextInput(event: InputEvent, index: number, side: 'key' | 'value'): void {
    event.stopPropagation();
    const pair = this.pairs[index];
    if (!pair) return;
    pair[side].text = (event.target as HTMLInputElement).value;
    this.#touched = true;
    this.showValidation = true;
    this.requestUpdate();
    this.syncFormState();
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  #onTextChange(event: Event): void {
    event.stopPropagation();
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  #toggleRemoved(index: number): void {
    const pair = this.pairs[index];
    if (!pair || this.isDisabled) return;
    pair.removed = !pair.removed;
    this.pairs = [...this.pairs];
    this.status = pair.removed ? `Pair ${index + 1} marked as not a key-value pair; it is left out of the answer.` : `Pair ${index + 1} kept again.`;
    this.#commit();
  }

  #addPair(): void {
    if (this.isDisabled) return;
    const choice = this.addChoice;
    const pair = newPair(choice);
    this.pairs = [...this.pairs, pair];
    this.addChoice = '';
    const index = this.pairs.length - 1;
    this.target = { pair: index, side: 'value' };
    this.status = `Pair ${index + 1} added${choice ? ` with the key "${choice}"` : ''}. Type its ${choice ? 'value' : 'key and value'}, and draw its boxes on the document.`;
    this.#commit();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`[data-pair="${index}"] input[part~="${choice ? 'value' : 'key'}-input"]`)?.focus());
  }

  #commit(): void {
    this.#touched = true;
    this.requestUpdate();
    this.commitUserChange();
  }

  #canEditGeometry(index: number): boolean {
    const pair = this.pairs[index];
    return !!pair && !pair.removed && !this.isDisabled && !(this.noGeometryEdit && pair.fromInitial);
  }

  #canEditKey(pair: TextractPair): boolean {
    return !pair.removed && !(this.noKeyEdit && pair.fromInitial);
  }

  /** The picked box in image pixels, as the two corners the spatial core works with. */
  #targetPoints(): Point[] | null {
    const size = this.imageSize;
    const target = this.target;
    const box = target ? this.pairs[target.pair]?.[target.side].box : null;
    return size && box ? toPoints(box, size) : null;
  }

  #setTargetPoints(points: Point[]): void {
    const size = this.imageSize;
    const target = this.target;
    const pair = target ? this.pairs[target.pair] : undefined;
    if (!size || !target || !pair) return;
    pair[target.side].box = toRatioBox(boxKind.normalize(points), size);
  }

  #onStageKeydown(event: KeyboardEvent): void {
    if (this.isDisabled || event.ctrlKey || event.metaKey) return;
    const zoomKeys: Record<string, () => void> = { '+': () => this.zoomBy(ZOOM_STEP), '=': () => this.zoomBy(ZOOM_STEP), '-': () => this.zoomBy(1 / ZOOM_STEP), '0': () => this.resetZoom() };
    const zoom = zoomKeys[event.key];
    if (zoom && !event.altKey) {
      event.preventDefault();
      zoom();
      return;
    }
    const step = event.shiftKey ? 10 : 1;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const arrow = arrows[event.key];
    const size = this.imageSize;
    const target = this.target;
    const points = this.#targetPoints();
    if (arrow) {
      event.preventDefault();
      if (!target || !points || !size) {
        this.#image.panBy((-arrow[0] * 40) / step, (-arrow[1] * 40) / step);
        return;
      }
      if (!this.#canEditGeometry(target.pair)) {
        this.status = 'This box cannot be changed (no-geometry-edit).';
        return;
      }
      const next = event.altKey ? boxKind.resizeBy(points, arrow[0], arrow[1], size) : translateWithin(points, arrow[0], arrow[1], size);
      if (!next || JSON.stringify(next) === JSON.stringify(points)) return;
      this.#setTargetPoints(next);
      this.status = this.#describeTarget();
      this.#commit();
      return;
    }
    if (event.altKey) return;
    if ((event.key === 'n' || event.key === 'N') && target && size && !points) {
      event.preventDefault();
      if (!this.#canEditGeometry(target.pair)) return;
      const visible = this.#image.view.visibleImageRect();
      const center = snapPoint({ x: (visible.left + visible.right) / 2, y: (visible.top + visible.bottom) / 2 }, size);
      this.#setTargetPoints(boxKind.createAt(center, { width: (visible.right - visible.left) / 2, height: (visible.bottom - visible.top) / 4 }, size));
      this.status = `${this.#describeTarget()} drawn. Arrow keys move it, Alt with arrow keys resizes it.`;
      this.#commit();
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && target && points) {
      event.preventDefault();
      if (!this.#canEditGeometry(target.pair)) return;
      const pair = this.pairs[target.pair] as TextractPair;
      pair[target.side].box = null;
      this.status = `${target.side === 'key' ? 'Key' : 'Value'} box of pair ${target.pair + 1} removed.`;
      this.#commit();
    } else if (event.key === 'Escape' && target) {
      event.preventDefault();
      this.target = null;
      this.status = 'No box picked.';
    }
  }

  #onPointerDown(event: PointerEvent): void {
    const size = this.imageSize;
    if (this.isDisabled || !size || event.button > 1 || this.#drag) return;
    this.stage?.focus({ preventScroll: true });
    const at = this.#image.imagePointOf(event);
    const tolerance = (HANDLE_RADIUS + 3) / this.#image.view.scale;
    const target = this.target;
    const points = this.#targetPoints();
    const editable = target ? this.#canEditGeometry(target.pair) : false;
    let drag: Drag | null = null;
    if (event.button === 0 && points && editable) {
      const handle = boxKind.handles(points).findIndex((point) => Math.hypot(point.x - at.x, point.y - at.y) <= tolerance);
      if (handle >= 0) drag = { mode: 'resize', pointerId: event.pointerId, start: points, handle, changed: false };
      else if (boxKind.contains(points, at, 0)) drag = { mode: 'move', pointerId: event.pointerId, from: at, start: points, changed: false };
    }
    if (!drag && event.button === 0) {
      const hit = this.#boxAt(at);
      if (hit && (hit.pair !== target?.pair || hit.side !== target.side)) {
        this.pickBox(hit.pair, hit.side);
        const picked = this.#targetPoints();
        if (picked && this.#canEditGeometry(hit.pair)) drag = { mode: 'move', pointerId: event.pointerId, from: at, start: picked, changed: false };
      } else if (target && !points && editable) {
        const start = snapPoint(at, size);
        drag = { mode: 'draw', pointerId: event.pointerId, start: [start, start], handle: 2, changed: false };
      }
    }
    drag ??= { mode: 'pan', pointerId: event.pointerId, last: this.#image.pointOf(event), moved: 0 };
    this.#drag = drag;
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    event.preventDefault();
  }

  #onPointerMove(event: PointerEvent): void {
    const drag = this.#drag;
    const size = this.imageSize;
    if (!drag || drag.pointerId !== event.pointerId || !size) return;
    if (drag.mode === 'pan') {
      const point = this.#image.pointOf(event);
      drag.moved += Math.abs(point.x - drag.last.x) + Math.abs(point.y - drag.last.y);
      this.#image.panBy(point.x - drag.last.x, point.y - drag.last.y);
      drag.last = point;
      return;
    }
    const at = this.#image.imagePointOf(event);
    const next =
      drag.mode === 'move'
        ? translateWithin(drag.start, at.x - drag.from.x, at.y - drag.from.y, size)
        : boxKind.dragHandle(drag.start, drag.handle, at, size);
    drag.changed ||= JSON.stringify(next) !== JSON.stringify(drag.start);
    this.#setTargetPoints(next);
    this.#paint();
  }

  #onPointerUp(event: PointerEvent): void {
    const drag = this.#drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    this.#drag = null;
    if (drag.mode === 'pan') {
      if (drag.moved < CLICK_SLOP && this.target && !this.#boxAt(this.#image.imagePointOf(event))) {
        this.target = null;
        this.status = 'No box picked.';
      }
      return;
    }
    const points = this.#targetPoints();
    if (drag.mode === 'draw' && (!drag.changed || !points || boxKind.isDegenerate(points))) {
      // A click, not a drag: no box is drawn.
      const pair = this.target ? this.pairs[this.target.pair] : undefined;
      if (pair && this.target) pair[this.target.side].box = null;
      this.#paint();
      return;
    }
    if (!drag.changed) return;
    this.status = `${this.#describeTarget()}${drag.mode === 'draw' ? ' drawn' : ''}.`;
    this.#commit();
  }

  #onWheel(event: WheelEvent): void {
    if (this.isDisabled || !this.imageSize) return;
    event.preventDefault();
    const { x, y } = this.#image.pointOf(event);
    // One step a notch: a document is read at a few fixed zooms rather than zoomed smoothly.
    this.#image.zoomAt(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, x, y);
  }

  /** The box under an image point: the picked one first, then values over keys, later pairs over earlier. */
  #boxAt(at: Point): Target | null {
    const size = this.imageSize;
    if (!size) return null;
    const candidates: Target[] = [];
    this.pairs.forEach((pair, index) => {
      if (pair.removed) return;
      for (const side of ['key', 'value'] as const) {
        const box = pair[side].box;
        if (box && boxKind.contains(toPoints(box, size), at, 0)) candidates.push({ pair: index, side });
      }
    });
    const target = this.target;
    return candidates.find((candidate) => target && candidate.pair === target.pair && candidate.side === target.side) ?? candidates[candidates.length - 1] ?? null;
  }

  #describeTarget(): string {
    const target = this.target;
    const points = this.#targetPoints();
    if (!target) return '';
    return `${target.side === 'key' ? 'Key' : 'Value'} box of pair ${target.pair + 1}: ${points ? boxKind.describe(points) : 'none'}`;
  }

  #setPairs(pairs: TextractPair[]): void {
    this.pairs = pairs;
    if (this.target && !this.pairs[this.target.pair]) this.target = null;
    this.requestUpdate();
  }

  #setInitialValue(text: string | null): void {
    if (text === null) {
      this.#initialPairs = [];
    } else {
      const blocks = this.readLiteralAttribute('initial-value', text, parseBlocks, []);
      const { pairs, problems } = pairsFromBlocks(blocks, true);
      problems.forEach((problem, index) => warnOnce(this, 'invalid-initial-value', `initial-value of ${describeElement(this)}: ${problem}.`, `invalid-initial-value-${index}`));
      this.#initialPairs = pairs;
    }
    if (!this.#touched) this.#setPairs(structuredClone(this.#initialPairs));
  }

  #paint(): void {
    const canvas = this.canvas;
    const context = canvas?.getContext('2d');
    const state = this.#image.state;
    if (!canvas || !context || state.status !== 'loaded') return;
    const { image, size } = state;
    const ratio = window.devicePixelRatio || 1;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.imageSmoothingEnabled = this.#image.view.scale < 2;
    context.drawImage(image, this.#image.view.offsetX, this.#image.view.offsetY, size.width * this.#image.view.scale, size.height * this.#image.view.scale);
    const target = this.target;
    const dimmed = this.isDisabled;
    const draw = (index: number, side: 'key' | 'value', selected: boolean): void => {
      const pair = this.pairs[index];
      const box = pair?.[side].box;
      if (!pair || !box || pair.removed) return;
      boxKind.draw(context, toPoints(box, size), this.#image.view, {
        color: side === 'key' ? KEY_COLOR : VALUE_COLOR,
        selected,
        caption: `${index + 1} ${side === 'key' ? 'Key' : 'Value'}`,
        dimmed,
      });
    };
    this.pairs.forEach((_, index) => {
      for (const side of ['key', 'value'] as const) if (!(target && target.pair === index && target.side === side)) draw(index, side, false);
    });
    if (target) draw(target.pair, target.side, true);
  }

  #keyHint(): string {
    return 'Pick a pair’s key or value box with its button or by clicking it on the document. In the document: arrow keys move the picked box (Shift: 10 pixels), Alt with arrow keys resizes it, N draws it when it has none, Delete removes it, Escape lets go; + and − zoom, 0 shows the whole document; drag to pan.';
  }

  protected override render(): TemplateResult {
    const disabled = this.isDisabled;
    const error = this.visibleValidationMessage;
    const image = this.#image.state;
    const size = this.imageSize;
    const kept = this.pairs.filter((pair) => !pair.removed).length;
    const missing = this.missingKeys;
    return renderInstructionsLayout(
      { filled: this.#instructions.filled, header: this.header, dialogHeader: this.#instructions.fullInstructionsHeader, onSlotChange: this.#instructions.onSlotChange, open: this.openFullInstructions, close: this.closeFullInstructions },
      html`
        <div class="review">
          <div class="document">
            <div part="toolbar" class="toolbar">
              ${renderZoomButtons(this.#image, disabled, 'document')}
            </div>
            <div
              part="stage"
              class="stage ${image.status}"
              role="application"
              aria-roledescription="document review"
              aria-label=${`${this.header || 'Document'} (${kept} key-value ${kept === 1 ? 'pair' : 'pairs'})`}
              aria-describedby="keys status"
              aria-invalid=${error ? 'true' : 'false'}
              aria-disabled=${disabled ? 'true' : 'false'}
              tabindex=${disabled ? nothing : 0}
              style=${size ? `aspect-ratio: ${size.width} / ${size.height}` : ''}
              @keydown=${this.#onStageKeydown}
              @pointerdown=${this.#onPointerDown}
              @pointermove=${this.#onPointerMove}
              @pointerup=${this.#onPointerUp}
              @pointercancel=${this.#onPointerUp}
              @wheel=${this.#onWheel}
              @contextmenu=${(event: Event) => event.preventDefault()}
            >
              <canvas class="layer" aria-hidden="true"></canvas>
              ${renderImageMessage(image, 'No document to review: the src attribute is empty.', 'Loading document…')}
            </div>
            <p id="status" class="visually-hidden" role="status">${this.status}</p>
            <p part="hint" class="hint" id="keys" ?hidden=${disabled}>${this.#keyHint()}</p>
          </div>
          <div class="panel">
            <ol part="pairs" class="pairs" aria-label="Key-value pairs">
              ${this.pairs.map((pair, index) => this.#renderPair(pair, index, disabled))}
            </ol>
            <p class="empty" ?hidden=${this.pairs.length > 0}>No key-value pairs were found. Add the ones the document has.</p>
            <div part="missing-keys" class="missing" ?hidden=${missing.length === 0}>
              <p id="missing-title">Important keys not among the pairs:</p>
              <ul aria-labelledby="missing-title">
                ${missing.map((key) => html`<li>${key.importantFormKey}</li>`)}
              </ul>
            </div>
            <div part="add" class="add" role="group" aria-label="Add a key-value pair">
              ${this.keys.length > 0
                ? html`<select aria-label="Key of the new pair" ?disabled=${disabled} @change=${(event: Event) => this.#onAddChoice(event)}>
                    <option value="">Other key (type it)</option>
                    ${this.keys.map((key) => html`<option value=${key.importantFormKey} ?selected=${this.addChoice === key.importantFormKey}>${key.importantFormKey}</option>`)}
                  </select>`
                : nothing}
              <button type="button" class="action" ?disabled=${disabled} @click=${this.#addPair}>Add key-value pair</button>
            </div>
          </div>
        </div>
        <p part="error" class="error" id="error" ?hidden=${!error}>${error}</p>
      `,
    );
  }

  #onAddChoice(event: Event): void {
    event.stopPropagation();
    this.addChoice = (event.target as HTMLSelectElement).value;
  }

  #renderPair(pair: TextractPair, index: number, disabled: boolean): TemplateResult {
    const number = index + 1;
    const keyLocked = !this.#canEditKey(pair);
    const picked = (side: 'key' | 'value'): boolean => this.target?.pair === index && this.target.side === side;
    const boxButton = (side: 'key' | 'value'): TemplateResult => html`
      <button
        type="button"
        part="box-button"
        class="box-button ${side}"
        aria-pressed=${picked(side) ? 'true' : 'false'}
        ?disabled=${disabled || pair.removed}
        @click=${() => (picked(side) ? this.#release() : this.pickBox(index, side))}
      >
        ${side === 'key' ? 'Key box' : 'Value box'}${pair[side].box ? '' : ' (none)'}
      </button>
    `;
    return html`
      <li part=${pair.removed ? 'pair pair-removed' : 'pair'} class="pair ${pair.removed ? 'removed' : ''} ${this.target?.pair === index ? 'current' : ''}" data-pair=${index}>
        <p class="pair-title" id="pair-${index}">Pair ${number}${pair.removed ? ' (not a key-value pair)' : ''}</p>
        <label class="field key">
          <span>Key</span>
          <input
            part="key-input"
            type="text"
            .value=${pair.key.text}
            ?readonly=${keyLocked}
            ?disabled=${disabled}
            aria-describedby=${keyLocked && !pair.removed ? `key-locked-${index}` : nothing}
            @input=${(event: InputEvent) => this.#onTextInput(event, index, 'key')}
            @change=${this.#onTextChange}
            @focus=${() => this.#focusPair(index, 'key')}
          />
        </label>
        <span class="visually-hidden" id="key-locked-${index}">This key cannot be edited.</span>
        <label class="field value">
          <span>Value</span>
          <input
            part="value-input"
            type="text"
            .value=${pair.value.text}
            ?readonly=${pair.removed}
            ?disabled=${disabled}
            @input=${(event: InputEvent) => this.#onTextInput(event, index, 'value')}
            @change=${this.#onTextChange}
            @focus=${() => this.#focusPair(index, 'value')}
          />
        </label>
        <div class="pair-actions" role="group" aria-labelledby="pair-${index}">
          ${boxButton('key')} ${boxButton('value')}
          <button type="button" part="remove-button" class="remove" aria-pressed=${pair.removed ? 'true' : 'false'} ?disabled=${disabled} @click=${() => this.#toggleRemoved(index)}>
            Not a key-value pair
          </button>
        </div>
      </li>
    `;
  }

  /** Focusing a field highlights its box, as A2I's review does when a pair is clicked. */
  #focusPair(index: number, side: 'key' | 'value'): void {
    if (this.target?.pair === index && this.target.side === side) return;
    this.target = { pair: index, side };
  }

  #release(): void {
    this.target = null;
    this.status = 'No box picked.';
  }
}

/** A box in page ratios as whole image pixels: edits work in pixels, as in every spatial element. */
function toPoints(box: TextractBoundingBox, size: Size): Point[] {
  return [
    { x: Math.round(box.left * size.width), y: Math.round(box.top * size.height) },
    { x: Math.round((box.left + box.width) * size.width), y: Math.round((box.top + box.height) * size.height) },
  ];
}

function toRatioBox(points: readonly Point[], size: Size): TextractBoundingBox {
  const [a = { x: 0, y: 0 }, b = a] = points;
  return { left: a.x / size.width, top: a.y / size.height, width: (b.x - a.x) / size.width, height: (b.y - a.y) / size.height };
}

declare global {
  interface HTMLElementTagNameMap {
    'crowd-textract-analyze-document': CrowdTextractAnalyzeDocument;
  }
}
