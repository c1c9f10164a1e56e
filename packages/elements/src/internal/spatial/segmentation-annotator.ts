import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { JsonValue } from '@quorum/schema';
import { QuorumControl } from '../control.js';
import type { KeyboardShortcut } from '../form-protocol.js';
import { parseLiteral, parseStringArray, type LiteralValue } from '../literal.js';
import { describeElement, warnOnce } from '../warn.js';
import { InstructionsRegion, renderInstructionsLayout } from '../instructions-region.js';
import { isTypingTarget } from '../choice-group.js';
import type { Point, Size } from './geometry.js';
import type { ImageState } from './image.js';
import { ImageStage, renderImageMessage, renderZoomButtons, type Pinch } from './image-stage.js';
import { parseLabels, type SpatialLabel, type SpatialLabelInput } from './labels.js';
import { coloredLabels, labelDigitKeys, labelDigitsHint, labelForArrow, labelForDigit, renderLabelRadio } from './label-picker.js';
import { LabelMask, unionRect, type PixelRect } from './mask-model.js';
import { base64ToBytes, bytesToBase64, decodePngIndexedOrRgba, encodeMaskPng, MaskPngError, type DecodedIndexedPng, type DecodedPng } from './mask-png.js';
import { MaskRenderer } from './mask-renderer.js';

/** What a press on the image does. */
export type SegmentationTool = 'brush' | 'eraser' | 'polygon' | 'fill' | 'pan';

const TOOLS: { tool: SegmentationTool; key: string; name: string }[] = [
  { tool: 'brush', key: 'B', name: 'Brush' },
  { tool: 'eraser', key: 'E', name: 'Eraser' },
  { tool: 'polygon', key: 'P', name: 'Polygon fill' },
  { tool: 'fill', key: 'F', name: 'Flood fill' },
  { tool: 'pan', key: 'H', name: 'Pan' },
];

const BRUSH_STEP = 1.25;
export const MIN_BRUSH = 1;
export const MAX_BRUSH = 400;
/** How many recently encoded masks are kept for undo and redo (each is one byte a pixel). */
const RECENT_MASKS = 4;
/** Overlay opacity: translucent so the image shows through, or opaque to check coverage. */
const OPACITY = { translucent: 0.55, opaque: 1 };

type Drag =
  | { mode: 'paint'; pointerId: number; last: Point; value: number; dirty: PixelRect | null; backup: Uint8Array }
  | { mode: 'pan'; pointerId: number; last: Point }
  | Pinch;

/**
 * The shared base of the pixel-labeling elements (`<crowd-semantic-segmentation>`,
 * `<crowd-instance-segmentation>`): a {@link LabelMask} at the image's natural size painted with
 * a brush, an eraser, a polygon fill and a flood fill, under zoom and pan, with a label picker,
 * and the answer as Ground Truth gives it: a base64 palette PNG with exact colours.
 *
 * A mask value (1–255) means what the subclass says: a label, or an instance of a label. Each
 * stroke, fill or erase is one step of the form's undo history; the history and drafts keep the
 * answer JSON (the compact PNG), not the raw mask.
 */
export abstract class SegmentationAnnotator extends QuorumControl {
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'labels', 'initial-value', 'label-colors'];
  }

  /** URL of the image to label (Ground Truth templates pass `{{ task.input.taskObject | grant_read_access }}`). */
  @property() src = '';

  /** The instruction shown above the image; also the accessible name of the image region. */
  @property() header = '';

  /**
   * The labels: the `labels` attribute takes a JS-literal array of strings, or of objects with
   * `label`, `fullDisplayName`, `shortDisplayName`, `longDisplayName`.
   * @attr labels
   */
  @property({ attribute: false }) labels: (string | SpatialLabelInput)[] = [];

  /**
   * Colours of the labels in order (`label-colors="['#ff0000', '#00ff00']"`); labels without one
   * take Ground Truth's palette.
   * @attr label-colors
   */
  @property({ attribute: false }) labelColors: string[] = [];

  /** The tool a press on the image uses. */
  @property({ attribute: false }) tool: SegmentationTool = 'brush';

  /** Brush and eraser diameter in image pixels; 0 (the default) picks one from the image size when it loads. */
  @property({ attribute: false }) brushSize = 0;

  /** The label the tools paint with (an index into {@link labels}). */
  @state() protected labelIndex = 0;
  @state() protected opaque = false;
  /** Bumped when the mask changes at the end of a step, so summaries re-render (not during a stroke). */
  @state() protected maskVersion = 0;
  @state() private status = '';

  @query('.stage') private stage?: HTMLElement;
  @query('.image-layer') private imageLayer?: HTMLCanvasElement;
  @query('.mask-layer') private maskLayer?: HTMLCanvasElement;
  @query('.cursor-layer') private cursorLayer?: HTMLCanvasElement;
  @query('dialog') private dialog?: HTMLDialogElement;

  /** What one painted thing is called in messages ('label', 'instance'). */
  protected abstract readonly noun: string;

  /** The mask, once the image has loaded. */
  protected mask: LabelMask | null = null;
  /** Whether the user has changed the mask since the last reset; an erased mask still answers. */
  protected touched = false;

  #renderer: MaskRenderer | null = null;
  readonly #image = new ImageStage(this, {
    stage: () => this.stage,
    canvases: () => [this.imageLayer, this.maskLayer, this.cursorLayer],
    paint: () => this.#paint(true),
    settled: (loaded) => this.#imageSettled(loaded),
  });
  #initialLoad: Promise<void> = Promise.resolve();
  /** `initial-value` decoded (null: none given or not loaded yet), and the mask it gives once the image is known. */
  #initial: { answer: Record<string, unknown>; png: DecodedPng | DecodedIndexedPng } | null = null;
  #initialGiven = false;
  #initialMask: Uint8Array | null = null;
  /** An answer given (as a state or a value) before the image loaded, applied when it does. */
  #pendingState: Record<string, unknown> | null = null;
  #answerCache: { key: string; answer: JsonValue } | null = null;
  #countsCache: { version: number; counts: Uint32Array } | null = null;
  /**
   * The masks of the last few answers this element encoded, by their PNG: undo and redo give
   * those answers back, and taking the mask from here skips decoding a multi-megapixel PNG.
   */
  readonly #recentMasks = new Map<string, { mask: Uint8Array; colors: (string | null)[]; counts: Uint32Array }>();
  #drag: Drag | null = null;
  readonly #pointers = new Map<number, Point>();
  /** The brush cursor in image coordinates (a pixel centre), moved by the pointer and the arrow keys. */
  #cursor: Point = { x: 0.5, y: 0.5 };
  #cursorShown = false;
  /** Vertices of the polygon being placed, in image coordinates. */
  #polygon: Point[] = [];
  /** A stroke painted with Space held and the arrow keys. */
  #keyStroke: { value: number; dirty: PixelRect | null; backup: Uint8Array } | null = null;
  /**
   * The state before the stroke in progress: the form asks for states on every key and pointer
   * press (to keep its undo baseline current), and a half-painted stroke must not become one.
   */
  #stateBeforeStroke: { state: string | null } | null = null;
  readonly #instructions = new InstructionsRegion(this);

  constructor() {
    super();
    this.addEventListener('keydown', this.#onHostKeydown);
  }

  override attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (name === 'labels') {
      this.labels = this.readLiteralAttribute('labels', value, parseLabels, []);
      return;
    }
    if (name === 'label-colors') {
      this.labelColors = this.readLiteralAttribute('label-colors', value, parseStringArray, []);
      return;
    }
    if (name === 'initial-value') {
      this.#setInitialValue(value);
      return;
    }
    super.attributeChangedCallback(name, previous, value);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('src')) {
      this.mask = null;
      this.#renderer = null;
      this.#image.load(this.src);
    }
    if (changed.has('labels')) this.labelIndex = Math.min(this.labelIndex, Math.max(0, this.labels.length - 1));
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (!this.header) warnOnce(this, 'missing-header', `${describeElement(this)} has no header; workers see no instruction and screen readers no name for the image.`);
    if (this.labels.length === 0) warnOnce(this, 'no-labels', `${describeElement(this)} has no labels, so nothing can be painted. Set labels="['…', '…']".`);
    if (!this.src) warnOnce(this, 'missing-src', `${describeElement(this)} has no src, so there is no image to label and the task cannot be submitted.`);
    this.#image.observe();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const keys = changed as Map<PropertyKey, unknown>;
    // Laying out (a new image) paints everything with the current colours and opacity.
    if (!this.#image.layoutIfChanged()) {
      if (['labels', 'labelColors'].some((key) => keys.has(key))) this.refreshColors();
      else if (['opaque', 'disabled', 'formDisabled'].some((key) => keys.has(key))) this.#paint(true);
    }
    if (['tool', 'brushSize'].some((key) => keys.has(key))) this.#paintCursor();
  }

  /** Waits for the image and a linked `initial-value` too: once this resolves both are loaded (or failed) and drawn. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.#image.settled;
    await this.#initialLoad;
    return (await super.getUpdateComplete()) && done;
  }

  /** Where the image is: none, loading, loaded or failed. */
  protected get imageState(): ImageState {
    return this.#image.state;
  }

  /** The labels as shown, with their colours. */
  get labelList(): SpatialLabel[] {
    return coloredLabels(this.labels, this.labelColors, true);
  }

  /** The natural size of the image once it has loaded, else null. */
  get imageSize(): Size | null {
    return this.#image.size;
  }

  /** The current zoom and pan: a stage point is `image × scale + offset`. */
  get viewTransform(): { scale: number; offsetX: number; offsetY: number } {
    return this.#image.transform;
  }

  /** The keyboard brush cursor, in image coordinates (a pixel centre). */
  get cursor(): Point {
    return { ...this.#cursor };
  }

  /** A copy of the mask: one byte a pixel, row by row, 0 for unlabeled (null before the image loads). */
  get maskData(): Uint8Array | null {
    return this.mask ? this.mask.data.slice() : null;
  }

  /**
   * The answer object, as Ground Truth's element gives it to template scripts: null until the
   * image has loaded. Reading it encodes the PNG once per change (cached).
   */
  get value(): JsonValue {
    return this.mask ? this.#answer() : null;
  }

  /** Takes an answer object or its JSON string; null or '' clears the mask. Does not fire events. */
  set value(next: JsonValue | string) {
    if (next === null || next === '') {
      this.clearValue();
    } else if (typeof next === 'string') {
      this.restoreValue(next);
    } else {
      this.#restoreAnswer(next);
    }
    this.requestUpdate();
    this.syncFormState();
  }

  /** The keys of this element, for the form's `?` overlay. */
  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    const digits = labelDigitKeys(this.labels.length);
    return [
      ...(digits ? [{ keys: digits, description: 'Choose the label to paint with' }] : []),
      { keys: 'B / E / P / F / H', description: 'Brush, eraser, polygon fill, flood fill, pan' },
      { keys: '[ / ]', description: 'Smaller or larger brush' },
      { keys: 'Arrow keys', description: 'Move the brush cursor by 1 pixel, with Shift by the brush size' },
      { keys: 'Space', description: 'Paint at the cursor (hold and move with the arrow keys to paint a stroke); with the polygon tool, add a point' },
      { keys: 'Enter / Escape', description: 'Fill or cancel the polygon being placed' },
      { keys: 'O', description: 'Opaque or translucent labels' },
      ...this.extraShortcuts(),
      { keys: '+ / − / 0', description: 'Zoom in, zoom out, show the whole image' },
    ];
  }

  /** While a stroke is being painted, the state from before it: a stroke is one undo step. */
  override captureState(): string | null {
    return this.#stateBeforeStroke ? this.#stateBeforeStroke.state : super.captureState();
  }

  /** Moves focus to the image region. */
  override focus(options?: FocusOptions): void {
    if (this.stage && !this.isDisabled) this.stage.focus(options);
    else super.focus(options);
  }

  /** Zooms in (factor > 1) or out around the centre of the view. */
  zoomBy(factor: number): void {
    this.#image.zoomBy(factor);
  }

  /** Shows the whole image. */
  resetZoom(): void {
    this.#image.fit();
  }

  /** Opens the dialog with the full instructions. */
  openFullInstructions(): void {
    this.dialog?.showModal();
  }

  /** Closes the full instructions dialog. */
  closeFullInstructions(): void {
    this.dialog?.close();
  }

  /**
   * Paints from code (no events, no history step): a brush stroke through `points` (image
   * coordinates) of `diameter` pixels with mask `value` (0 erases). For scripts that pre-label.
   */
  paintStroke(points: readonly Point[], diameter: number, value: number): void {
    const mask = this.mask;
    if (!mask || points.length === 0) return;
    let dirty: PixelRect | null = null;
    for (let index = 0; index < points.length; index++) {
      dirty = unionRect(dirty, mask.paintStroke(points[Math.max(0, index - 1)] as Point, points[index] as Point, diameter, value));
    }
    this.touched = true;
    this.#maskChanged(dirty);
    // The form value follows at the next update, so a script painting many strokes encodes the PNG once.
    this.requestUpdate();
  }

  /** Colours of the mask values: index = value, `#rrggbb` (index 0, unlabeled, is null). */
  protected abstract valueColors(): (string | null)[];

  /**
   * The value painting uses now (the chosen label, the active instance …); may create what it
   * needs (a first instance). 0 when nothing can be painted (no labels).
   */
  protected abstract paintValue(): number;

  /** Words for a value in status messages, e.g. `Cat` or `Cat #2`. */
  protected abstract describeValue(value: number): string;

  /** The answer for this mask: `png` is the base64 PNG, `counts` the pixels of each value. */
  protected abstract buildAnswer(png: string, counts: Uint32Array, size: Size): JsonValue;

  /**
   * Reads an answer (or `initial-value`) for {@link restoreValue}: which colour is which value,
   * as `0xrrggbb → value`, after any bookkeeping of the subclass (instances); or a reason why it
   * cannot be used.
   */
  protected abstract colorTable(answer: Record<string, unknown>): Map<number, number> | string;

  /** Called once `initial-value` has been read into the initial mask (after {@link colorTable} saw it). */
  protected initialValueLoaded(): void {}

  /** Extra keyboard shortcuts of the subclass, for the `?` overlay. */
  protected extraShortcuts(): KeyboardShortcut[] {
    return [];
  }

  /** Extra keys of the subclass (on the host); returns whether the key was used. */
  protected onExtraKey(_event: KeyboardEvent): boolean {
    return false;
  }

  /** Extra controls of the subclass, rendered after the label picker. */
  protected renderExtraControls(): unknown {
    return nothing;
  }

  /** Call when {@link valueColors} changed (labels, instances): recolours the overlay. */
  protected refreshColors(): void {
    this.#answerCache = null;
    this.#renderer?.setColors(this.valueColors());
    this.#paint(true);
  }

  /** Called when the label choice changes (by click, digit or arrow key). */
  protected labelChosen(index: number): void {
    this.status = `Painting with ${this.labelList[index]?.full ?? ''}.`;
  }

  /** Announces a message to screen readers. */
  protected announce(message: string): void {
    this.status = message;
  }

  protected answerValue(): JsonValue | undefined {
    if (!this.mask) return undefined;
    if (!this.touched && !this.#initialGiven && this.isEmpty()) return undefined;
    return this.#answer();
  }

  protected formValue(): string | null {
    const answer = this.answerValue();
    return answer === undefined ? null : JSON.stringify(answer);
  }

  protected isEmpty(): boolean {
    const mask = this.mask;
    return !mask || this.#counts(mask)[0] === mask.width * mask.height;
  }

  protected resetValue(): void {
    this.touched = false;
    this.#pendingState = null;
    this.#polygon = [];
    if (!this.mask) return;
    if (this.#initialMask) this.mask.assign(this.#initialMask);
    else this.mask.clear();
    this.#maskChanged(null);
  }

  /** Undo back to "nothing painted". */
  protected override clearValue(): void {
    this.touched = false;
    this.#pendingState = null;
    this.#polygon = [];
    if (!this.mask) return;
    this.mask.clear();
    this.#maskChanged(null);
  }

  protected restoreValue(state: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(state);
    } catch {
      return;
    }
    this.#restoreAnswer(parsed);
  }

  /** Takes an answer object (a restored state, a value from code); before the image loads it waits for it. */
  #restoreAnswer(parsed: unknown): void {
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return;
    if (!this.mask) {
      this.#pendingState = parsed as Record<string, unknown>;
      this.touched = true;
      return;
    }
    const problem = this.#applyAnswer(parsed as Record<string, unknown>, null);
    if (problem) {
      warnOnce(this, 'invalid-value', `${describeElement(this)} could not take the value: ${problem}`);
      return;
    }
    this.touched = true;
  }

  /** A failed or loading image blocks submission: an empty mask would be taken for "nothing here". */
  protected override valueProblem(): { flags: ValidityStateFlags; message: string } | null {
    return this.#image.problem();
  }

  protected override valueMissingMessage(): string {
    return `Please label at least part of the image before submitting.`;
  }

  protected override get validationAnchor(): HTMLElement | null {
    return this.stage ?? null;
  }

  #onHostKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || this.isDisabled) return;
    if (this.dialog?.open || isTypingTarget(event.composedPath()[0])) return;
    const labelIndex = labelForDigit(event.key, this.labels.length);
    if (labelIndex >= 0) {
      event.preventDefault();
      this.#chooseLabel(labelIndex);
      return;
    }
    const tool = TOOLS.find((candidate) => candidate.key === event.key.toUpperCase());
    if (tool && !event.shiftKey) {
      event.preventDefault();
      this.#chooseTool(tool.tool);
      return;
    }
    switch (event.key) {
      case '[':
        event.preventDefault();
        this.#resizeBrush(1 / BRUSH_STEP);
        return;
      case ']':
        event.preventDefault();
        this.#resizeBrush(BRUSH_STEP);
        return;
      case 'o':
      case 'O':
        event.preventDefault();
        this.#toggleOpacity();
        return;
    }
    if (this.onExtraKey(event)) event.preventDefault();
  };

  #onStageKeydown(event: KeyboardEvent): void {
    if (this.isDisabled || event.ctrlKey || event.metaKey || event.altKey || !this.mask) return;
    const step = event.shiftKey ? Math.max(1, Math.round(this.#brush())) : 1;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const arrow = arrows[event.key];
    if (arrow) {
      event.preventDefault();
      this.#moveCursor(arrow[0], arrow[1]);
      return;
    }
    switch (event.key) {
      case ' ':
        event.preventDefault();
        if (!event.repeat) this.#pressAtCursor();
        return;
      case 'Enter':
        event.preventDefault();
        if (this.#polygon.length > 0) this.#fillPolygon();
        else this.submitEnclosingForm();
        return;
      case 'Escape':
        if (this.#polygon.length > 0) {
          event.preventDefault();
          this.#polygon = [];
          this.status = 'Polygon cancelled.';
          this.#paintCursor();
        }
        return;
      case 'Backspace':
      case 'Delete':
        if (this.#polygon.length > 0) {
          event.preventDefault();
          this.#polygon.pop();
          this.#paintCursor();
        }
        return;
      default:
        this.#image.zoomKey(event);
    }
  }

  #onStageKeyup(event: KeyboardEvent): void {
    if (event.key === ' ') this.#endKeyStroke();
  }

  #onStageFocus(): void {
    this.#cursorShown = true;
    this.#paintCursor();
  }

  /** Space may be released elsewhere: leaving the image ends a keyboard stroke. */
  #onStageBlur(): void {
    this.#endKeyStroke();
    this.#cursorShown = false;
    this.#paintCursor();
  }

  #onPointerDown(event: PointerEvent): void {
    if (this.isDisabled || !this.mask || !this.stage) return;
    this.stage.focus({ preventScroll: true });
    const screen = this.#image.pointOf(event);
    this.#pointers.set(event.pointerId, screen);
    if (event.isTrusted) this.stage.setPointerCapture(event.pointerId);
    event.preventDefault();
    if (this.#pointers.size === 2) {
      this.#cancelStroke();
      this.#drag = this.#image.startPinch(this.#pointers);
      return;
    }
    if (this.#pointers.size > 2) return;
    if (event.button === 1 || (event.button === 0 && this.tool === 'pan')) {
      this.#drag = { mode: 'pan', pointerId: event.pointerId, last: screen };
      return;
    }
    if (event.button !== 0) return;
    const at = this.#pixelCentre(this.#image.view.toImage(screen.x, screen.y));
    this.#cursor = at;
    this.#cursorShown = true;
    const stroke = this.#press(this.mask, at);
    if (stroke) this.#drag = { mode: 'paint', pointerId: event.pointerId, last: at, ...stroke };
  }

  #onPointerMove(event: PointerEvent): void {
    const screen = this.#image.pointOf(event);
    const drag = this.#drag;
    if (!drag || !this.#pointers.has(event.pointerId)) {
      if (event.pointerType !== 'touch' && this.mask) {
        this.#cursor = this.#pixelCentre(this.#image.view.toImage(screen.x, screen.y));
        this.#cursorShown = true;
        this.#paintCursor();
      }
      return;
    }
    this.#pointers.set(event.pointerId, screen);
    switch (drag.mode) {
      case 'pinch':
        this.#drag = this.#image.movePinch(drag, this.#pointers);
        return;
      case 'pan':
        if (event.pointerId !== drag.pointerId) return;
        this.#image.panBy(screen.x - drag.last.x, screen.y - drag.last.y);
        drag.last = screen;
        return;
      case 'paint': {
        if (event.pointerId !== drag.pointerId || !this.mask) return;
        const at = this.#pixelCentre(this.#image.view.toImage(screen.x, screen.y));
        const dirty = this.mask.paintStroke(drag.last, at, this.#brush(), drag.value);
        drag.last = at;
        drag.dirty = unionRect(drag.dirty, dirty);
        this.#cursor = at;
        this.#drawMask(dirty);
        this.#paintCursor();
      }
    }
  }

  #onPointerUp(event: PointerEvent): void {
    if (!this.#pointers.delete(event.pointerId)) return;
    const drag = this.#drag;
    if (!drag) return;
    if (drag.mode === 'pinch') {
      if (this.#pointers.size === 0) this.#drag = null;
      return;
    }
    if (drag.pointerId !== event.pointerId) return;
    this.#drag = null;
    if (drag.mode !== 'paint') return;
    this.#stateBeforeStroke = null;
    if (event.type === 'pointercancel') {
      this.#restoreBackup(drag.backup, drag.dirty);
      return;
    }
    if (drag.dirty) this.#commitStep(drag.value === 0 ? 'Erased.' : `Painted ${this.describeValue(drag.value)}.`);
  }

  #onWheel(event: WheelEvent): void {
    if (this.isDisabled || !this.mask) return;
    this.#image.wheel(event);
  }

  #onLabelKeydown(event: KeyboardEvent): void {
    if (this.isDisabled) return;
    const next = labelForArrow(event, this.labelIndex, this.labels.length);
    if (next >= 0) this.#chooseLabel(next);
  }

  #onToolKeydown(event: KeyboardEvent): void {
    if (this.isDisabled || event.ctrlKey || event.metaKey || event.altKey) return;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const index = TOOLS.findIndex((candidate) => candidate.tool === this.tool);
    this.#chooseTool((TOOLS[(index + move + TOOLS.length) % TOOLS.length] as (typeof TOOLS)[number]).tool);
  }

  #chooseLabel(index: number): void {
    this.labelIndex = index;
    if (this.renderRoot.querySelector('.labels [role="radio"]:focus')) this.renderRoot.querySelector<HTMLElement>(`.labels [role="radio"][data-index="${index}"]`)?.focus();
    if (this.tool === 'eraser' || this.tool === 'pan') this.tool = 'brush';
    this.labelChosen(index);
  }

  #chooseTool(tool: SegmentationTool): void {
    if (tool !== 'polygon') this.#polygon = [];
    this.tool = tool;
    if (this.renderRoot.querySelector('.tools [role="radio"]:focus')) this.renderRoot.querySelector<HTMLElement>(`.tools [role="radio"][data-tool="${tool}"]`)?.focus();
    this.status = `${TOOLS.find((candidate) => candidate.tool === tool)?.name ?? tool}.`;
  }

  #resizeBrush(factor: number): void {
    const current = this.#brush();
    let next = Math.round(current * factor);
    if (next === current) next = current + (factor > 1 ? 1 : -1);
    this.brushSize = Math.min(MAX_BRUSH, Math.max(MIN_BRUSH, next));
    this.status = `Brush size ${this.brushSize} pixels.`;
  }

  #toggleOpacity(): void {
    this.opaque = !this.opaque;
    this.status = this.opaque ? 'Labels opaque.' : 'Labels translucent.';
  }

  #moveCursor(dx: number, dy: number): void {
    const mask = this.mask;
    if (!mask) return;
    const next = { x: clampCentre(this.#cursor.x + dx, mask.width), y: clampCentre(this.#cursor.y + dy, mask.height) };
    const stroke = this.#keyStroke;
    if (stroke) {
      const dirty = mask.paintStroke(this.#cursor, next, this.#brush(), stroke.value);
      stroke.dirty = unionRect(stroke.dirty, dirty);
      this.#drawMask(dirty);
    }
    this.#cursor = next;
    this.#cursorShown = true;
    this.#keepCursorInView();
    this.#paintCursor();
  }

  /** Space: a dab that becomes a stroke while held (brush, eraser), a fill, or a polygon point. */
  #pressAtCursor(): void {
    const mask = this.mask;
    if (!mask) return;
    this.#cursorShown = true;
    const stroke = this.#press(mask, this.#cursor);
    if (stroke) this.#keyStroke = stroke;
  }

  /**
   * A press of the current tool at an image point (pointer or Space): a polygon point, a fill, or
   * the first dab of a brush or eraser stroke, returned with what undoing it needs. Null when no
   * stroke started (another tool, or no label to paint with).
   */
  #press(mask: LabelMask, at: Point): { value: number; dirty: PixelRect | null; backup: Uint8Array } | null {
    switch (this.tool) {
      case 'polygon':
        this.#addVertex(at);
        return null;
      case 'fill':
        this.#floodFill(at);
        return null;
      case 'pan':
        return null;
    }
    const value = this.tool === 'eraser' ? 0 : this.paintValue();
    if (this.tool !== 'eraser' && value === 0) return null;
    this.#stateBeforeStroke = { state: this.captureState() };
    const backup = mask.data.slice();
    const dirty = mask.paintStroke(at, at, this.#brush(), value);
    this.#drawMask(dirty);
    this.#paintCursor();
    return { value, dirty, backup };
  }

  #endKeyStroke(): void {
    const stroke = this.#keyStroke;
    if (!stroke) return;
    this.#keyStroke = null;
    this.#stateBeforeStroke = null;
    if (stroke.dirty) this.#commitStep(stroke.value === 0 ? 'Erased.' : `Painted ${this.describeValue(stroke.value)}.`);
  }

  #addVertex(at: Point): void {
    const first = this.#polygon[0];
    const tolerance = 6 / this.#image.view.scale;
    if (first && this.#polygon.length >= 3 && Math.hypot(first.x - at.x, first.y - at.y) <= tolerance) {
      this.#fillPolygon();
      return;
    }
    this.#polygon.push(at);
    this.status = this.#polygon.length === 1 ? 'Polygon started: add points, then press Enter or click the first point to fill it, Escape to cancel.' : `Point ${this.#polygon.length}.`;
    this.#paintCursor();
  }

  #fillPolygon(): void {
    const mask = this.mask;
    const points = this.#polygon;
    this.#polygon = [];
    if (!mask || points.length < 3) {
      this.status = 'A polygon needs at least 3 points; it was removed.';
      this.#paintCursor();
      return;
    }
    const value = this.paintValue();
    if (value === 0) return;
    const dirty = mask.fillPolygon(points, value);
    this.#paintCursor();
    if (dirty) {
      this.#drawMask(dirty);
      this.#commitStep(`Polygon filled with ${this.describeValue(value)}.`);
    }
  }

  #floodFill(at: Point): void {
    const mask = this.mask;
    if (!mask) return;
    const value = this.paintValue();
    if (value === 0) return;
    const dirty = mask.floodFill(at.x, at.y, value);
    if (!dirty) return;
    this.#drawMask(dirty);
    this.#commitStep(`Region filled with ${this.describeValue(value)}.`);
  }

  #cancelStroke(): void {
    const drag = this.#drag;
    if (drag?.mode === 'paint') this.#restoreBackup(drag.backup, drag.dirty);
    this.#drag = null;
    this.#stateBeforeStroke = null;
  }

  #restoreBackup(backup: Uint8Array, dirty: PixelRect | null): void {
    this.mask?.assign(backup);
    this.#maskChanged(dirty);
  }

  /** One step of the undo history: the mask changed by the user. */
  #commitStep(message: string): void {
    this.touched = true;
    this.#answerCache = null;
    this.maskVersion++;
    this.status = message;
    this.commitUserChange();
  }

  /** The mask changed from code: redraw (all of it when `dirty` is null) and forget the cached answer. */
  #maskChanged(dirty: PixelRect | null): void {
    this.#answerCache = null;
    this.maskVersion++;
    if (!this.#renderer || !this.mask) return;
    this.#drawMask(dirty ?? { x: 0, y: 0, width: this.mask.width, height: this.mask.height }, dirty === null);
  }

  #drawMask(dirty: PixelRect | null, whole = false): void {
    const renderer = this.#renderer;
    if (!dirty || !renderer) return;
    renderer.refresh(dirty);
    const context = this.maskLayer?.getContext('2d');
    if (!context) return;
    renderer.draw(context, this.#image.view, window.devicePixelRatio || 1, this.#opacity(), whole ? null : dirty);
  }

  #opacity(): number {
    return this.opaque ? OPACITY.opaque : OPACITY.translucent;
  }

  #brush(): number {
    return this.brushSize > 0 ? this.brushSize : 10;
  }

  #pixelCentre(point: Point): Point {
    const mask = this.mask;
    if (!mask) return point;
    return { x: clampCentre(Math.floor(point.x) + 0.5, mask.width), y: clampCentre(Math.floor(point.y) + 0.5, mask.height) };
  }

  /** Pans so the keyboard cursor stays visible. */
  #keepCursorInView(): void {
    const screen = this.#image.view.toScreen(this.#cursor);
    const { width, height } = this.#image.view.viewport;
    const margin = 16;
    const dx = screen.x < margin ? margin - screen.x : screen.x > width - margin ? width - margin - screen.x : 0;
    const dy = screen.y < margin ? margin - screen.y : screen.y > height - margin ? height - margin - screen.y : 0;
    if (dx === 0 && dy === 0) return;
    this.#image.panBy(dx, dy);
  }

  /** The answer for the current mask (cached until the mask or the colours change). */
  #answer(knownPng?: string): JsonValue {
    const mask = this.mask as LabelMask;
    const colors = this.valueColors();
    const key = `${mask.version}|${colors.join()}|${this.labelList.map((label) => label.value).join('\u0000')}|${this.answerSignature()}`;
    if (this.#answerCache?.key === key) return this.#answerCache.answer;
    const palette = colors.map((color, value): [number, number, number, number] => {
      const rgb = value === 0 || !color ? null : hexToRgb(color);
      return rgb ? [rgb[0], rgb[1], rgb[2], 255] : [0, 0, 0, 0];
    });
    const size = { width: mask.width, height: mask.height };
    const png = knownPng ?? bytesToBase64(encodeMaskPng(mask.width, mask.height, mask.data, palette.length > 0 ? palette : [[0, 0, 0, 0]]));
    const counts = this.#counts(mask);
    const remembered = this.#recentMasks.get(png);
    this.#recentMasks.delete(png);
    this.#recentMasks.set(png, { mask: remembered?.mask ?? mask.data.slice(), colors, counts });
    if (this.#recentMasks.size > RECENT_MASKS) this.#recentMasks.delete(this.#recentMasks.keys().next().value as string);
    let answer = this.buildAnswer(png, counts, size);
    if (this.#initialGiven && answer && typeof answer === 'object' && !Array.isArray(answer)) {
      answer = { ...answer, initialValueModified: !sameBytes(mask.data, this.#initialMask) };
    }
    this.#answerCache = { key, answer };
    return answer;
  }

  /** Pixels of each value, counted once per mask version. */
  #counts(mask: LabelMask): Uint32Array {
    if (this.#countsCache?.version !== mask.version) this.#countsCache = { version: mask.version, counts: mask.counts() };
    return this.#countsCache.counts;
  }

  /** More state the answer depends on (instances); part of the answer cache key. */
  protected answerSignature(): string {
    return '';
  }

  /** Puts an answer (or initial value) into the mask; returns a problem or null. With `into`, fills that array instead. */
  #applyAnswer(answer: Record<string, unknown>, png: DecodedPng | DecodedIndexedPng | null, into?: Uint8Array): string | null {
    const mask = this.mask;
    if (!mask) return 'the image has not loaded';
    let image = png;
    if (!image) {
      const data = (answer.labeledImage as Record<string, unknown> | undefined)?.pngImageData;
      if (typeof data !== 'string') return 'it has no labeledImage.pngImageData';
      const recent = into ? undefined : this.#recentMasks.get(data);
      if (recent) {
        const table = this.colorTable(answer);
        if (typeof table === 'string') return table;
        // The remembered mask holds the values this element used then; they must still mean the same colours.
        const same = recent.colors.every((color, value) => value === 0 || !color || recent.counts[value] === 0 || table.get(colorKey(color) as number) === value);
        if (same) {
          mask.assign(recent.mask);
          this.#maskChanged(null);
          // The encoder is deterministic: with the same colours this mask encodes to the PNG given.
          if (recent.colors.join() === this.valueColors().join()) this.#answer(data);
          this.requestUpdate();
          return null;
        }
      }
      try {
        image = decodePngIndexedOrRgba(base64ToBytes(data));
      } catch (error) {
        if (error instanceof MaskPngError) return `labeledImage.pngImageData is not a readable PNG: ${error.message}`;
        throw error;
      }
    }
    if (image.width !== mask.width || image.height !== mask.height) return `the labeled image is ${image.width}×${image.height}, the image ${mask.width}×${mask.height}`;
    const table = this.colorTable(answer);
    if (typeof table === 'string') return table;
    const target = into ?? new Uint8Array(mask.width * mask.height);
    const unknown = 'indices' in image ? mapIndexed(image, table, target) : mapRgba(image.rgba, table, target);
    if (unknown > 0) warnOnce(this, 'unknown-colors', `${describeElement(this)}: ${unknown} pixels of the labeled image have colours no label has; they are left unlabeled.`);
    if (!into) {
      mask.assign(target);
      this.#maskChanged(null);
      this.requestUpdate();
    }
    return null;
  }

  #setInitialValue(text: string | null): void {
    this.#initial = null;
    this.#initialMask = null;
    this.#initialGiven = text !== null;
    this.#answerCache = null;
    if (text === null) {
      this.#initialLoad = Promise.resolve();
      return;
    }
    const value = this.readLiteralAttribute('initial-value', text, parseLiteral, null as LiteralValue);
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      warnOnce(this, 'invalid-initial-value', `initial-value of ${describeElement(this)} must be an object with labelMappings and src (or labeledImage.pngImageData); it is ignored.`);
      this.#initialLoad = Promise.resolve();
      return;
    }
    const answer = value as Record<string, unknown>;
    const data = (answer.labeledImage as Record<string, unknown> | undefined)?.pngImageData;
    const load = async (): Promise<Uint8Array> => {
      if (typeof data === 'string') return base64ToBytes(data);
      if (typeof answer.src !== 'string' || !answer.src) throw new MaskPngError('it has neither src nor labeledImage.pngImageData');
      const response = await fetch(answer.src);
      if (!response.ok) throw new MaskPngError(`the labeled image at ${answer.src.split('?')[0]} could not be loaded (HTTP ${response.status})`);
      return new Uint8Array(await response.arrayBuffer());
    };
    this.#initialLoad = load()
      .then((bytes) => {
        if (this.#initial !== null) return;
        this.#initial = { answer, png: decodePngIndexedOrRgba(bytes) };
        this.#useInitial();
      })
      .catch((error: unknown) => {
        warnOnce(this, 'invalid-initial-value', `initial-value of ${describeElement(this)} is ignored: ${(error as Error).message}`);
      });
  }

  /** Once the image and the initial value are both known: the initial mask, shown unless the user already painted. */
  #useInitial(): void {
    const initial = this.#initial;
    const mask = this.mask;
    if (!initial || !mask || this.#initialMask) return;
    const target = new Uint8Array(mask.width * mask.height);
    const problem = this.#applyAnswer(initial.answer, initial.png, target);
    if (problem) {
      warnOnce(this, 'invalid-initial-value', `initial-value of ${describeElement(this)} is ignored: ${problem}`);
      return;
    }
    this.#initialMask = target;
    this.initialValueLoaded();
    if (!this.touched) {
      mask.assign(target);
      this.#maskChanged(null);
    }
    this.#answerCache = null;
    this.requestUpdate();
    this.syncFormState();
  }

  /** A loaded image gets its mask, a brush size and cursor to fit it, and any initial value or answer that waited for it. */
  #imageSettled(loaded: ImageState): void {
    if (loaded.status === 'loaded') {
      const { width, height } = loaded.size;
      this.mask = new LabelMask(width, height);
      this.#renderer = new MaskRenderer(this.mask);
      this.#renderer.setColors(this.valueColors());
      if (this.brushSize <= 0) this.brushSize = Math.max(MIN_BRUSH, Math.round(Math.min(width, height) / 40));
      this.#cursor = { x: Math.floor(width / 2) + 0.5, y: Math.floor(height / 2) + 0.5 };
      this.#useInitial();
      const pending = this.#pendingState;
      this.#pendingState = null;
      if (pending) this.#restoreAnswer(pending);
    }
    this.#answerCache = null;
    this.maskVersion++;
    this.syncFormState();
  }

  /** Repaints the image and the whole mask overlay (zoom, pan, layout), then the cursor. */
  #paint(all: boolean): void {
    if (this.imageState.status !== 'loaded') return;
    const ratio = window.devicePixelRatio || 1;
    if (all) {
      const context = this.imageLayer?.getContext('2d');
      if (context) {
        context.setTransform(1, 0, 0, 1, 0, 0);
        context.clearRect(0, 0, context.canvas.width, context.canvas.height);
        context.setTransform(ratio, 0, 0, ratio, 0, 0);
        const { image, size } = this.imageState;
        context.imageSmoothingEnabled = this.#image.view.scale < 2;
        context.globalAlpha = this.isDisabled ? 0.6 : 1;
        context.drawImage(image, this.#image.view.offsetX, this.#image.view.offsetY, size.width * this.#image.view.scale, size.height * this.#image.view.scale);
      }
      const maskContext = this.maskLayer?.getContext('2d');
      if (maskContext && this.#renderer) this.#renderer.draw(maskContext, this.#image.view, ratio, this.#opacity());
    }
    this.#paintCursor();
  }

  /** The brush outline at the cursor and the polygon being placed. */
  #paintCursor(): void {
    const canvas = this.cursorLayer;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = window.devicePixelRatio || 1;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    if (!this.mask || this.isDisabled) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const color = this.labelList[this.labelIndex]?.color ?? '#ffffff';
    if (this.#polygon.length > 0) {
      context.strokeStyle = color;
      context.fillStyle = color;
      context.lineWidth = 2;
      context.beginPath();
      this.#polygon.forEach((point, index) => {
        const screen = this.#image.view.toScreen(point);
        if (index === 0) context.moveTo(screen.x, screen.y);
        else context.lineTo(screen.x, screen.y);
      });
      const cursor = this.#image.view.toScreen(this.#cursor);
      context.lineTo(cursor.x, cursor.y);
      context.stroke();
      for (const point of this.#polygon) {
        const screen = this.#image.view.toScreen(point);
        context.fillRect(screen.x - 3, screen.y - 3, 6, 6);
      }
    }
    if (!this.#cursorShown) return;
    const center = this.#image.view.toScreen(this.#cursor);
    const radius = this.tool === 'brush' || this.tool === 'eraser' ? Math.max(2, (this.#brush() / 2) * this.#image.view.scale) : 4;
    context.lineWidth = 1.5;
    context.strokeStyle = '#000000';
    context.beginPath();
    context.arc(center.x, center.y, radius + 1, 0, Math.PI * 2);
    context.stroke();
    context.strokeStyle = this.tool === 'eraser' ? '#ffffff' : color;
    context.beginPath();
    context.arc(center.x, center.y, radius, 0, Math.PI * 2);
    context.stroke();
  }

  #summary(): string {
    const mask = this.mask;
    if (!mask) return '';
    const counts = this.#counts(mask);
    const total = mask.width * mask.height;
    const parts: string[] = [];
    for (let value = 1; value < counts.length; value++) {
      const count = counts[value] as number;
      if (count > 0) parts.push(`${this.describeValue(value)} ${formatShare(count / total)}`);
    }
    return parts.length > 0 ? `Labeled: ${parts.join(', ')}.` : 'Nothing labeled yet.';
  }

  #keyHint(): string {
    const digits = labelDigitsHint(this.labels.length);
    return `Drag on the image to paint. ${digits}B brush, E eraser, P polygon (click points, Enter fills), F flood fill, H pan; [ and ] change the brush size; O switches opaque labels. Keyboard: arrow keys move the cursor (Shift: by the brush size), Space paints (hold it while moving to paint a stroke). + and − zoom, 0 shows the whole image.`;
  }

  protected override render(): TemplateResult {
    const disabled = this.isDisabled;
    const error = this.visibleValidationMessage;
    const labels = this.labelList;
    const image = this.imageState;
    const size = this.imageSize;
    const summary = this.#summary();
    return renderInstructionsLayout(
      { filled: this.#instructions.filled, header: this.header, dialogHeader: this.#instructions.fullInstructionsHeader, onSlotChange: this.#instructions.onSlotChange, open: this.openFullInstructions, close: this.closeFullInstructions },
      html`
        <div
          part="stage"
          class="stage ${image.status} tool-${this.tool}"
          role="application"
          aria-roledescription="image labeling"
          aria-label=${`${this.header || 'Image'}${size ? ` (${size.width} × ${size.height} pixels)` : ''}`}
          aria-describedby="summary keys status"
          aria-invalid=${error ? 'true' : 'false'}
          aria-disabled=${disabled ? 'true' : 'false'}
          tabindex=${disabled ? nothing : 0}
          style=${size ? `aspect-ratio: ${size.width} / ${size.height}` : ''}
          @keydown=${this.#onStageKeydown}
          @keyup=${this.#onStageKeyup}
          @focus=${this.#onStageFocus}
          @blur=${this.#onStageBlur}
          @pointerdown=${this.#onPointerDown}
          @pointermove=${this.#onPointerMove}
          @pointerup=${this.#onPointerUp}
          @pointercancel=${this.#onPointerUp}
          @pointerleave=${() => {
            if (!this.#drag && !this.#keyStroke && this.renderRoot.querySelector('.stage:focus') === null) {
              this.#cursorShown = false;
              this.#paintCursor();
            }
          }}
          @wheel=${this.#onWheel}
          @contextmenu=${(event: Event) => event.preventDefault()}
        >
          <canvas class="layer image-layer" aria-hidden="true"></canvas>
          <canvas class="layer mask-layer" aria-hidden="true"></canvas>
          <canvas class="layer cursor-layer" aria-hidden="true"></canvas>
          ${renderImageMessage(image, 'No image to label: the src attribute is empty.', 'Loading image…')}
        </div>
        <div part="toolbar" class="toolbar">
          <div role="radiogroup" part="labels" class="labels" aria-label="Label to paint with" aria-disabled=${disabled ? 'true' : 'false'} ?hidden=${labels.length === 0} @keydown=${this.#onLabelKeydown}>
            ${labels.map((label, index) => renderLabelRadio(label, index, index === this.labelIndex, disabled, (chosen) => this.#chooseLabel(chosen)))}
          </div>
          ${this.renderExtraControls()}
          <div role="radiogroup" part="tools" class="tools" aria-label="Tool" aria-disabled=${disabled ? 'true' : 'false'} @keydown=${this.#onToolKeydown}>
            ${TOOLS.map(({ tool, key, name }) => {
              const checked = tool === this.tool;
              return html`<div
                role="radio"
                part=${checked ? 'tool tool-checked' : 'tool'}
                class="tool"
                data-tool=${tool}
                aria-checked=${checked ? 'true' : 'false'}
                aria-keyshortcuts=${key}
                tabindex=${disabled ? nothing : checked ? 0 : -1}
                @click=${() => !disabled && this.#chooseTool(tool)}
              >
                <kbd class="shortcut" aria-hidden="true">${key}</kbd><span>${name}</span>
              </div>`;
            })}
          </div>
          <div class="brush" role="group" aria-label="Brush size">
            <button type="button" part="tool-button" ?disabled=${disabled || !size} @click=${() => this.#resizeBrush(1 / BRUSH_STEP)} aria-label="Smaller brush" aria-keyshortcuts="[">−</button>
            <span class="brush-size" aria-live="off">${this.#brush()} px</span>
            <button type="button" part="tool-button" ?disabled=${disabled || !size} @click=${() => this.#resizeBrush(BRUSH_STEP)} aria-label="Larger brush" aria-keyshortcuts="]">+</button>
          </div>
          <button type="button" part="tool-button" class="opacity" aria-pressed=${this.opaque ? 'true' : 'false'} aria-keyshortcuts="O" ?disabled=${disabled || !size} @click=${() => this.#toggleOpacity()}>Opaque labels</button>
          ${renderZoomButtons(this.#image, disabled)}
        </div>
        <p id="summary" part="summary" class="summary" ?hidden=${!size}>${summary}</p>
        <p id="status" class="visually-hidden" role="status">${this.status}</p>
        <p part="error" class="error" id="error" ?hidden=${!error}>${error}</p>
        <p part="hint" class="hint" id="keys" ?hidden=${disabled}>${this.#keyHint()}</p>
      `,
    );
  }

}

/** `#rrggbb` → `[r, g, b]`, or null. */
export function hexToRgb(color: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  return match ? [parseInt(match[1] as string, 16), parseInt(match[2] as string, 16), parseInt(match[3] as string, 16)] : null;
}

/** `#rrggbb` → `0xrrggbb`, the key of {@link SegmentationAnnotator.colorTable}; null when malformed. */
export function colorKey(color: unknown): number | null {
  const rgb = typeof color === 'string' ? hexToRgb(color) : null;
  return rgb ? (rgb[0] << 16) | (rgb[1] << 8) | rgb[2] : null;
}

/** White without a label is Ground Truth's BACKGROUND in consolidated label images. */
const WHITE = 0xffffff;

/** Maps RGBA pixels to mask values through `table`; returns how many had a colour no label has. */
function mapRgba(rgba: Uint8Array, table: ReadonlyMap<number, number>, target: Uint8Array): number {
  let unknown = 0;
  let lastKey = -1;
  let lastValue = 0;
  let lastUnknown = false;
  for (let pixel = 0; pixel < target.length; pixel++) {
    const at = pixel * 4;
    if (rgba[at + 3] === 0) {
      target[pixel] = 0;
      continue;
    }
    const key = ((rgba[at] as number) << 16) | ((rgba[at + 1] as number) << 8) | (rgba[at + 2] as number);
    if (key !== lastKey) {
      const value = table.get(key);
      lastKey = key;
      lastValue = value ?? 0;
      lastUnknown = value === undefined && key !== WHITE;
    }
    if (lastUnknown) unknown++;
    target[pixel] = lastValue;
  }
  return unknown;
}

/** Maps palette indices to mask values: each palette entry is looked up once. */
function mapIndexed(image: DecodedIndexedPng, table: ReadonlyMap<number, number>, target: Uint8Array): number {
  const { indices, palette } = image;
  const values = new Uint8Array(256);
  const unknownEntry = new Uint8Array(256);
  for (let entry = 0; entry < palette.length / 4; entry++) {
    if (palette[entry * 4 + 3] === 0) continue;
    const key = ((palette[entry * 4] as number) << 16) | ((palette[entry * 4 + 1] as number) << 8) | (palette[entry * 4 + 2] as number);
    const value = table.get(key);
    values[entry] = value ?? 0;
    unknownEntry[entry] = value === undefined && key !== WHITE ? 1 : 0;
  }
  let unknown = 0;
  for (let pixel = 0; pixel < target.length; pixel++) {
    const entry = indices[pixel] as number;
    target[pixel] = values[entry] as number;
    unknown += unknownEntry[entry] as number;
  }
  return unknown;
}

function clampCentre(value: number, size: number): number {
  return Math.min(size - 0.5, Math.max(0.5, value));
}

function sameBytes(a: Uint8Array, b: Uint8Array | null): boolean {
  if (!b) {
    for (let index = 0; index < a.length; index++) if (a[index] !== 0) return false;
    return true;
  }
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function formatShare(share: number): string {
  const percent = share * 100;
  return percent > 0 && percent < 0.1 ? '<0.1%' : `${percent.toFixed(percent < 10 ? 1 : 0)}%`;
}
