import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { JsonValue } from '@quorum/schema';
import { QuorumControl } from '../control.js';
import type { KeyboardShortcut } from '../form-protocol.js';
import { parseLiteral, parseStringArray, type LiteralValue } from '../literal.js';
import { describeElement, warnOnce } from '../warn.js';
import { snapPoint, translateWithin, type Point, type Size } from './geometry.js';
import type { ImageState } from './image.js';
import { ImageStage, type Pinch, renderImageMessage, renderZoomButtons } from './image-stage.js';
import { parseLabels, type SpatialLabel, type SpatialLabelInput } from './labels.js';
import { coloredLabels, labelDigitKeys, labelDigitsHint, labelForArrow, labelForDigit, renderLabelRadio } from './label-picker.js';
import { HANDLE_RADIUS, type Shape, type ShapeKind } from './shapes.js';
import { InstructionsRegion, renderInstructionsLayout } from '../instructions-region.js';
import { isTypingTarget } from '../choice-group.js';

/** A press that moves less than this (CSS pixels) is a click, not a drag. */
const CLICK_SLOP = 3;

type Drag =
  | { mode: 'draw' | 'reshape'; pointerId: number; index: number; handle: number; start: Point[]; changed: boolean }
  | { mode: 'move'; pointerId: number; index: number; from: Point; start: Point[]; changed: boolean; screen: Point }
  | { mode: 'pan'; pointerId: number; last: Point }
  | Pinch;

/**
 * The shared base of Ground Truth's image annotation elements (`<crowd-bounding-box>`,
 * `<crowd-keypoint>` …): image loading, zoom and pan, a label picker, and shapes that are
 * drawn, selected, moved, resized and deleted with pointer, touch or keyboard. A subclass names
 * its {@link ShapeKind} and converts shapes to and from its answer.
 *
 * Coordinates are natural image pixels, integers, clamped to the image, at any zoom.
 *
 * Shapes are painted on three stacked canvases so that dragging one shape among thousands
 * repaints only the top one: the image, the shapes not being edited, and the selected shape.
 * Screen readers get the same shapes as a list, and the selection in a live status line.
 */
export abstract class SpatialAnnotator extends QuorumControl {
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'labels', 'initial-value', 'label-colors'];
  }

  /** URL of the image to annotate (Ground Truth templates pass `{{ task.input.taskObject | grant_read_access }}`). */
  @property() src = '';

  /** The instruction shown above the image; also the accessible name of the image region. */
  @property() header = '';

  /**
   * The labels to choose from: the `labels` attribute takes a JS-literal array of strings, or
   * of objects with `label`, `fullDisplayName`, `shortDisplayName`, `longDisplayName`.
   * @attr labels
   */
  @property({ attribute: false }) labels: (string | SpatialLabelInput)[] = [];

  /**
   * Colours of the labels in order, as hex codes (`label-colors="['#ff0000', '#00ff00']"`); labels
   * without one take Ground Truth's palette.
   * @attr label-colors
   */
  @property({ attribute: false }) labelColors: string[] = [];

  /** The label that new shapes get (an index into {@link labels}). */
  @state() protected labelIndex = 0;
  @state() protected selectedIndex = -1;
  /** Bumped when shapes change, so the accessible list re-renders (not during a drag). */
  @state() private shapesVersion = 0;
  @state() private status = '';

  @query('.stage') private stage?: HTMLElement;
  @query('.image-layer') private imageLayer?: HTMLCanvasElement;
  @query('.shapes-layer') private shapesLayer?: HTMLCanvasElement;
  @query('.active-layer') private activeLayer?: HTMLCanvasElement;
  @query('.upper-canvas') private upperCanvas?: HTMLCanvasElement;
  @query('dialog') private dialog?: HTMLDialogElement;

  /** What the subclass draws. */
  protected abstract readonly kind: ShapeKind;

  protected shapes: Shape[] = [];
  /** Shapes from `initial-value` (null: none given), kept to reset to and to tell whether they were modified. */
  protected initialShapes: Shape[] | null = null;
  /** Whether the user has changed the shapes since the last reset; an emptied drawing still answers. */
  protected touched = false;

  readonly #image = new ImageStage(this, {
    stage: () => this.stage,
    canvases: () => [this.imageLayer, this.shapesLayer, this.activeLayer],
    paint: () => this.#paint('all'),
    settled: () => {
      this.shapes = this.shapes.map((shape) => this.#fitShape(shape));
      this.#shapesChanged();
      this.syncFormState();
    },
  });
  #drag: Drag | null = null;
  /** The shape being placed vertex by vertex (polygons), or -1; it is not in the answer until finished. */
  #placing = -1;
  /** Where the pointer is while placing, for the preview of the next edge. */
  #cursor: Point | null = null;
  /**
   * The shape last drawn with the pointer, while it stays selected. Ground Truth workers choose a
   * label and then draw, so choosing the next label must not relabel the shape just drawn; a shape
   * the worker selects (click, Tab) or adds with the keyboard (N, then a digit) does take it.
   */
  #justDrawn: Shape | null = null;
  readonly #pointers = new Map<number, Point>();
  #spaceHeld = false;

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
    if (changed.has('src')) this.#image.load(this.src);
    if (changed.has('labels')) this.labelIndex = Math.min(this.labelIndex, Math.max(0, this.labels.length - 1));
  }

  protected override firstUpdated(changed: PropertyValues<this>): void {
    super.firstUpdated(changed);
    if (!this.header) warnOnce(this, 'missing-header', `${describeElement(this)} has no header; workers see no instruction and screen readers no name for the image.`);
    if (this.labels.length === 0) warnOnce(this, 'no-labels', `${describeElement(this)} has no labels, so no shape can be drawn until a script sets some. Set labels="['…', '…']".`);
    if (!this.src) warnOnce(this, 'missing-src', `${describeElement(this)} has no src, so there is no image to annotate and the task cannot be submitted.`);
    this.#image.observe();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const keys = changed as Map<PropertyKey, unknown>;
    if (this.#image.layoutIfChanged()) return;
    if (['labels', 'labelColors', 'disabled', 'formDisabled', 'selectedIndex'].some((key) => keys.has(key))) this.#paint('shapes');
  }

  /** Waits for the image too: once this resolves the image has loaded (or failed) and is drawn. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.#image.settled;
    return (await super.getUpdateComplete()) && done;
  }

  /** Where the image is: none, loading, loaded or failed. */
  protected get imageState(): ImageState {
    return this.#image.state;
  }

  /** The labels as shown, with their colours. */
  get labelList(): SpatialLabel[] {
    return coloredLabels(this.labels, this.labelColors);
  }

  /** The natural size of the image once it has loaded, else null. */
  get imageSize(): Size | null {
    return this.#image.size;
  }

  /** The current zoom and pan: a stage point is `image × scale + offset` (CSS pixels from the stage's corner). */
  get viewTransform(): { scale: number; offsetX: number; offsetY: number } {
    return this.#image.transform;
  }

  /** The index of the selected shape, or -1. */
  get selectedShapeIndex(): number {
    return this.selectedIndex;
  }

  /**
   * The answer object, as Ground Truth's elements give it to template scripts
   * (`document.querySelector('crowd-keypoint').value.keypoints`): with an empty list before
   * anything is drawn, and null until the image has loaded.
   */
  get value(): JsonValue {
    const size = this.imageSize;
    return size ? this.buildAnswer(this.shapes, size) : null;
  }

  /** Takes an answer object or its JSON string; null or '' clears the shapes. Does not fire events. */
  set value(next: JsonValue | string) {
    if (next === null || next === '') {
      this.touched = false;
      this.setShapes([]);
    } else {
      this.restoreValue(typeof next === 'string' ? next : JSON.stringify(next));
    }
    this.syncFormState();
  }

  /** The keys of this element, for the form's `?` overlay. */
  override get keyboardShortcuts(): readonly KeyboardShortcut[] {
    const noun = this.kind.noun;
    const digits = labelDigitKeys(this.labels.length);
    return [
      { keys: 'N', description: `Add a ${noun} in the middle of the view` },
      ...(this.kind.vertexDrawing ? [{ keys: 'Enter / Escape', description: `Finish or cancel the ${noun} being placed` }] : []),
      ...(digits ? [{ keys: digits, description: `Choose the label for new ${plural(noun)} (and relabel the ${noun} selected with a click, Tab or N)` }] : []),
      { keys: 'Tab', description: `Select the next ${noun}` },
      { keys: 'Arrow keys', description: `Move the selected ${noun} by 1 pixel, with Shift by 10` },
      ...(this.kind.resizeBy([{ x: 0, y: 0 }, { x: 2, y: 2 }], 0, 0, { width: 4, height: 4 }) ? [{ keys: 'Alt + arrow keys', description: `Resize the selected ${noun}` }] : []),
      { keys: 'Delete', description: `Remove the selected ${noun}` },
      { keys: '+ / − / 0', description: 'Zoom in, zoom out, show the whole image' },
    ];
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

  /** Converts the answer's shapes for {@link restoreValue}; returns null for a value of another shape. */
  protected abstract shapesFromAnswer(answer: unknown): Shape[] | null;

  /** Converts one `initial-value` item, or returns a reason why it cannot be used. */
  protected abstract shapeFromInitialItem(item: LiteralValue): Shape | string;

  /**
   * The items of an `initial-value`: an array by default; `<crowd-line>` and `<crowd-polyline>`
   * also take Ground Truth's `{lines: […]}` / `{polylines: […]}`. Null when it is neither.
   */
  protected initialItems(value: LiteralValue): LiteralValue[] | null {
    return Array.isArray(value) ? value : null;
  }

  /** How {@link initialItems} wants `initial-value`, for the warning. */
  protected get initialValueForm(): string {
    return 'an array';
  }

  /** The answer for the given shapes on an image of this size. */
  protected abstract buildAnswer(shapes: readonly Shape[], image: Size): JsonValue;

  /** Replaces the shapes (from code: no events), clamped to the image when it is known. */
  protected setShapes(shapes: readonly Shape[]): void {
    this.#placing = -1;
    this.shapes = shapes.map((shape) => this.#fitShape(shape));
    this.selectedIndex = Math.min(this.selectedIndex, this.shapes.length - 1);
    this.#shapesChanged();
  }

  /** Whether the shapes differ from `initial-value` (for Ground Truth's `initialValueModified`). */
  protected get initialValueModified(): boolean {
    const initial = (this.initialShapes ?? []).map((shape) => this.#fitShape(shape));
    return JSON.stringify(initial) !== JSON.stringify(this.shapes);
  }

  protected answerValue(): JsonValue | undefined {
    const size = this.imageSize;
    if (!size) return undefined;
    const shapes = this.finishedShapes();
    if (shapes.length === 0 && !this.touched && this.initialShapes === null) return undefined;
    return this.buildAnswer(shapes, size);
  }

  protected formValue(): string | null {
    const answer = this.answerValue();
    return answer === undefined ? null : JSON.stringify(answer);
  }

  protected isEmpty(): boolean {
    return this.finishedShapes().length === 0;
  }

  protected resetValue(): void {
    this.touched = false;
    this.selectedIndex = -1;
    this.setShapes(this.initialShapes ?? []);
  }

  /** Undo back to "nothing drawn" (or a draft without shapes). */
  protected override clearValue(): void {
    this.touched = false;
    this.selectedIndex = -1;
    this.setShapes([]);
  }

  protected restoreValue(state: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(state);
    } catch {
      return;
    }
    const shapes = this.shapesFromAnswer(parsed);
    if (!shapes) return;
    this.touched = true;
    this.setShapes(shapes);
  }

  /** An image that failed or is still loading blocks submission: an empty answer would be taken for "nothing here". */
  protected override valueProblem(): { flags: ValidityStateFlags; message: string } | null {
    return this.#image.problem();
  }

  protected override valueMissingMessage(): string {
    return `Please draw at least one ${this.kind.noun} before submitting.`;
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
    } else if ((event.key === 'n' || event.key === 'N') && !event.shiftKey) {
      event.preventDefault();
      this.#addShapeByKeyboard();
    }
  };

  #onStageKeydown(event: KeyboardEvent): void {
    if (this.isDisabled || event.ctrlKey || event.metaKey) return;
    if (this.#placing >= 0 && this.#onPlacingKeydown(event)) return;
    const step = event.shiftKey ? 10 : 1;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const arrow = arrows[event.key];
    if (arrow) {
      event.preventDefault();
      if (this.selectedIndex < 0) {
        this.#image.panBy(-arrow[0] * 40 / step, -arrow[1] * 40 / step);
      } else if (event.altKey) {
        this.#resizeSelected(arrow[0], arrow[1]);
      } else {
        this.#nudgeSelected(arrow[0], arrow[1]);
      }
      return;
    }
    if (event.altKey || this.#image.zoomKey(event)) return;
    switch (event.key) {
      case 'Tab':
        this.#cycleSelection(event);
        return;
      case 'Escape':
        if (this.selectedIndex >= 0) {
          event.preventDefault();
          this.#select(-1);
        }
        return;
      case 'Delete':
      case 'Backspace':
        if (this.selectedIndex >= 0) {
          event.preventDefault();
          this.#deleteSelected();
        }
        return;
      case 'Enter':
        event.preventDefault();
        this.submitEnclosingForm();
        return;
      case ' ':
        this.#spaceHeld = true;
        event.preventDefault();
        return;
    }
  }

  #onStageKeyup(event: KeyboardEvent): void {
    if (event.key === ' ') this.#spaceHeld = false;
  }

  /** Space may be released elsewhere; leaving the image ends "Space held" so clicks draw again. */
  #onStageBlur(): void {
    this.#spaceHeld = false;
  }

  #onPointerDown(event: PointerEvent): void {
    if (this.isDisabled || !this.imageSize || !this.stage) return;
    this.stage.focus({ preventScroll: true });
    const screen = this.#image.pointOf(event);
    this.#pointers.set(event.pointerId, screen);
    // Only a real pointer can be captured; script-made events (tests, automation) have none.
    if (event.isTrusted) this.stage.setPointerCapture(event.pointerId);
    event.preventDefault();
    if (this.#pointers.size === 2) {
      this.#cancelShapeDrag();
      this.#drag = this.#image.startPinch(this.#pointers);
      return;
    }
    if (this.#pointers.size > 2) return;
    if (event.button === 1 || this.#spaceHeld) {
      this.#drag = { mode: 'pan', pointerId: event.pointerId, last: screen };
      return;
    }
    if (event.button !== 0) return;
    const at = this.#image.view.toImage(screen.x, screen.y);
    const tolerance = (HANDLE_RADIUS + 3) / this.#image.view.scale;
    if (this.kind.vertexDrawing && this.#placeVertex(at, tolerance)) return;
    const selected = this.shapes[this.selectedIndex];
    if (selected) {
      const handle = this.kind.handles(selected.points).findIndex((point) => Math.hypot(point.x - at.x, point.y - at.y) <= tolerance);
      if (handle >= 0) {
        this.#drag = { mode: 'reshape', pointerId: event.pointerId, index: this.selectedIndex, handle, start: selected.points, changed: false };
        return;
      }
    }
    const hit = this.#shapeAt(at, tolerance);
    if (hit >= 0) {
      this.#select(hit);
      const shape = this.shapes[hit] as Shape;
      this.#drag = { mode: 'move', pointerId: event.pointerId, index: hit, from: at, start: shape.points, changed: false, screen };
      return;
    }
    const size = this.imageSize;
    if (at.x < 0 || at.y < 0 || at.x > size.width || at.y > size.height) {
      this.#select(-1);
      this.#drag = { mode: 'pan', pointerId: event.pointerId, last: screen };
      return;
    }
    if (this.labelList.length === 0) {
      this.#refuseUnlabeled();
      this.#drag = { mode: 'pan', pointerId: event.pointerId, last: screen };
      return;
    }
    const { points, handle } = this.kind.startDraw(snapPoint(at, size));
    const drawn = { label: this.#currentLabel(), points };
    this.shapes.push(drawn);
    this.#justDrawn = drawn;
    const index = this.shapes.length - 1;
    this.selectedIndex = index;
    this.#drag = { mode: 'draw', pointerId: event.pointerId, index, handle, start: points, changed: true };
    this.#paint('shapes');
  }

  #onPointerMove(event: PointerEvent): void {
    if (this.#placing >= 0 && !this.#drag) {
      const screen = this.#image.pointOf(event);
      this.#cursor = this.#image.view.toImage(screen.x, screen.y);
      this.#paint('active');
      return;
    }
    if (!this.#pointers.has(event.pointerId) || !this.#drag) return;
    const screen = this.#image.pointOf(event);
    this.#pointers.set(event.pointerId, screen);
    const drag = this.#drag;
    const size = this.imageSize;
    if (!size) return;
    switch (drag.mode) {
      case 'pinch':
        this.#drag = this.#image.movePinch(drag, this.#pointers);
        return;
      case 'pan':
        if (event.pointerId !== drag.pointerId) return;
        this.#image.panBy(screen.x - drag.last.x, screen.y - drag.last.y);
        drag.last = screen;
        return;
      case 'move': {
        if (event.pointerId !== drag.pointerId) return;
        if (!drag.changed && Math.hypot(screen.x - drag.screen.x, screen.y - drag.screen.y) < CLICK_SLOP) return;
        const at = this.#image.view.toImage(screen.x, screen.y);
        const shape = this.shapes[drag.index];
        if (!shape) return;
        shape.points = translateWithin(drag.start, at.x - drag.from.x, at.y - drag.from.y, size);
        drag.changed = true;
        this.#paint('active');
        return;
      }
      default: {
        if (event.pointerId !== drag.pointerId) return;
        const at = this.#image.view.toImage(screen.x, screen.y);
        const shape = this.shapes[drag.index];
        if (!shape) return;
        shape.points = this.kind.dragHandle(drag.start, drag.handle, at, size);
        drag.changed = true;
        this.#paint('active');
      }
    }
  }

  #onPointerUp(event: PointerEvent): void {
    if (!this.#pointers.delete(event.pointerId)) return;
    const drag = this.#drag;
    if (!drag) return;
    if (drag.mode === 'pinch') {
      // The remaining finger does nothing until it is lifted, so a pinch never ends in a stray drag.
      if (this.#pointers.size === 0) this.#drag = null;
      return;
    }
    if (drag.pointerId !== event.pointerId) return;
    this.#drag = null;
    if (drag.mode === 'pan') return;
    const shape = this.shapes[drag.index];
    if (!shape) return;
    if (event.type === 'pointercancel') {
      if (drag.mode === 'draw') this.#removeShape(drag.index);
      else shape.points = drag.start;
      this.#shapesChanged();
      return;
    }
    shape.points = this.kind.normalize(shape.points);
    if (drag.mode === 'draw' && this.kind.isDegenerate(shape.points)) {
      this.#removeShape(drag.index);
      this.selectedIndex = -1;
      this.#shapesChanged();
      return;
    }
    this.#shapesChanged();
    if (drag.changed) this.#commit(`${this.#describeShape(drag.index)}${drag.mode === 'draw' ? ' added' : ''}.`);
  }

  #onWheel(event: WheelEvent): void {
    if (this.isDisabled || !this.imageSize) return;
    this.#image.wheel(event);
  }

  #onLabelKeydown(event: KeyboardEvent): void {
    if (this.isDisabled) return;
    const next = labelForArrow(event, this.labelIndex, this.labels.length);
    if (next >= 0) this.#chooseLabel(next);
  }

  /** Picks the label for new shapes; a selected shape takes it too, unless it was just drawn (see {@link #justDrawn}). */
  #chooseLabel(index: number): void {
    this.labelIndex = index;
    // Focus follows the choice inside the radio group, as in a native one; elsewhere it stays put.
    if (this.renderRoot.querySelector('[role="radio"]:focus')) this.renderRoot.querySelector<HTMLElement>(`[role="radio"][data-index="${index}"]`)?.focus();
    const selected = this.shapes[this.selectedIndex];
    // A polygon still being placed takes the label: it is not drawn yet.
    const shape = selected !== this.#justDrawn || this.selectedIndex === this.#placing ? selected : undefined;
    const label = this.#currentLabel();
    if (shape && shape.label !== label) {
      shape.label = label;
      this.#shapesChanged();
      this.#commit(`${this.#describeShape(this.selectedIndex)}.`);
    } else {
      this.status = `Label for new ${plural(this.kind.noun)}: ${this.labelList[index]?.full ?? ''}.`;
    }
  }

  #addShapeByKeyboard(): void {
    const size = this.imageSize;
    if (!size) return;
    if (this.labelList.length === 0) {
      this.#refuseUnlabeled();
      return;
    }
    const visible = this.#image.view.visibleImageRect();
    const center = { x: (visible.left + visible.right) / 2, y: (visible.top + visible.bottom) / 2 };
    const points = this.kind.createAt(center, { width: visible.right - visible.left, height: visible.bottom - visible.top }, size);
    this.shapes.push({ label: this.#currentLabel(), points });
    this.selectedIndex = this.shapes.length - 1;
    this.#shapesChanged();
    this.#commit(`${this.#describeShape(this.selectedIndex)} added. Arrow keys move it${this.kind.resizeBy(points, 0, 0, size) ? ', Alt with arrow keys resizes it' : ''}.`);
  }

  /**
   * Placing a polygon: the first click starts it, each click adds a vertex, a click on the first
   * vertex (or Enter) closes it. Returns whether the press was used.
   */
  #placeVertex(at: Point, tolerance: number): boolean {
    const size = this.imageSize;
    const rule = this.kind.vertexDrawing;
    if (!size || !rule) return false;
    const placing = this.shapes[this.#placing];
    if (!placing) {
      if (this.labelList.length === 0 || this.#shapeAt(at, tolerance) >= 0 || at.x < 0 || at.y < 0 || at.x > size.width || at.y > size.height) return false;
      const drawn = { label: this.#currentLabel(), points: [snapPoint(at, size)] };
      this.shapes.push(drawn);
      this.#justDrawn = drawn;
      this.#placing = this.shapes.length - 1;
      this.selectedIndex = this.#placing;
      this.#cursor = at;
      this.status = `${this.#nounCapitalized()} started: click to add points, click the ${rule.closed ? 'first' : 'last'} point or press Enter to finish, Escape to cancel.`;
      this.#paint('shapes');
      return true;
    }
    // A polygon closes on its first point, an open path ends on its last one.
    const closer = (rule.closed ? placing.points[0] : placing.points[placing.points.length - 1]) as Point;
    if (placing.points.length >= rule.minPoints && Math.hypot(closer.x - at.x, closer.y - at.y) <= tolerance) {
      this.#finishPlacing();
      return true;
    }
    placing.points.push(snapPoint(at, size));
    this.#paint('active');
    return true;
  }

  /** Keys while placing: Enter finishes, Escape cancels, Backspace removes the last point. */
  #onPlacingKeydown(event: KeyboardEvent): boolean {
    const placing = this.shapes[this.#placing];
    if (!placing) return false;
    switch (event.key) {
      case 'Enter':
        event.preventDefault();
        this.#finishPlacing();
        return true;
      case 'Escape':
        event.preventDefault();
        this.#cancelPlacing();
        return true;
      case 'Backspace':
      case 'Delete':
        event.preventDefault();
        placing.points.pop();
        if (placing.points.length === 0) this.#cancelPlacing();
        else this.#paint('active');
        return true;
      default:
        return false;
    }
  }

  /** Keeps the shape being placed when it has enough points (and commits it), else drops it. */
  #finishPlacing(): void {
    const index = this.#placing;
    const shape = this.shapes[index];
    const rule = this.kind.vertexDrawing;
    this.#placing = -1;
    this.#cursor = null;
    if (!shape || !rule) return;
    if (shape.points.length < rule.minPoints) {
      this.#removeShape(index);
      this.selectedIndex = -1;
      this.status = `The ${this.kind.noun} needs at least ${rule.minPoints} points; it was removed.`;
      this.#shapesChanged();
      return;
    }
    this.#shapesChanged();
    this.#commit(`${this.#describeShape(index)} added.`);
  }

  #cancelPlacing(): void {
    const index = this.#placing;
    this.#placing = -1;
    this.#cursor = null;
    if (index < 0) return;
    this.#removeShape(index);
    this.selectedIndex = -1;
    this.status = `${this.#nounCapitalized()} cancelled.`;
    this.#shapesChanged();
  }

  /** The shapes without the one being placed (which is not part of the answer yet). */
  protected finishedShapes(): Shape[] {
    return this.#placing < 0 ? this.shapes : this.shapes.filter((_, index) => index !== this.#placing);
  }

  #nounCapitalized(): string {
    return (this.kind.noun[0]?.toUpperCase() ?? '') + this.kind.noun.slice(1);
  }

  #nudgeSelected(dx: number, dy: number): void {
    const shape = this.shapes[this.selectedIndex];
    const size = this.imageSize;
    if (!shape || !size) return;
    const moved = translateWithin(shape.points, dx, dy, size);
    if (JSON.stringify(moved) === JSON.stringify(shape.points)) return;
    shape.points = moved;
    this.#shapesChanged();
    this.#commit(`${this.#describeShape(this.selectedIndex)}.`);
  }

  #resizeSelected(dx: number, dy: number): void {
    const shape = this.shapes[this.selectedIndex];
    const size = this.imageSize;
    if (!shape || !size) return;
    const resized = this.kind.resizeBy(shape.points, dx, dy, size);
    if (!resized || JSON.stringify(resized) === JSON.stringify(shape.points)) return;
    shape.points = resized;
    this.#shapesChanged();
    this.#commit(`${this.#describeShape(this.selectedIndex)}.`);
  }

  #deleteSelected(): void {
    const index = this.selectedIndex;
    const description = this.#describeShape(index);
    this.#removeShape(index);
    this.selectedIndex = this.shapes.length === 0 ? -1 : Math.min(index, this.shapes.length - 1);
    this.#shapesChanged();
    this.#commit(`${description} deleted.${this.selectedIndex >= 0 ? ` Selected: ${this.#describeShape(this.selectedIndex)}.` : ''}`);
  }

  /** Tab walks through the shapes and, after the last one, leaves the image as usual. */
  #cycleSelection(event: KeyboardEvent): void {
    if (this.#placing >= 0) this.#finishPlacing();
    const count = this.shapes.length;
    if (count === 0) return;
    const next = event.shiftKey ? (this.selectedIndex < 0 ? -2 : this.selectedIndex - 1) : this.selectedIndex + 1;
    if (next >= count || next < -1) {
      this.#select(-1);
      return;
    }
    event.preventDefault();
    this.#select(next);
  }

  /**
   * Ground Truth draws nothing until a label is chosen; a template that builds its labels at run
   * time (`annotator.labels = []`, then one per worker entry) has none at first.
   */
  #refuseUnlabeled(): void {
    this.status = `There is no label yet: add one before drawing a ${this.kind.noun}.`;
  }

  #select(index: number): void {
    this.#justDrawn = null;
    if (index === this.selectedIndex) return;
    this.selectedIndex = index;
    this.status = index >= 0 ? `Selected ${this.#describeShape(index)}.` : 'No shape selected.';
    this.#paint('shapes');
  }

  #removeShape(index: number): void {
    this.shapes.splice(index, 1);
  }

  #cancelShapeDrag(): void {
    const drag = this.#drag;
    if (!drag || drag.mode === 'pinch' || drag.mode === 'pan') return;
    if (drag.mode === 'draw') {
      this.#removeShape(drag.index);
      this.selectedIndex = -1;
    } else {
      const shape = this.shapes[drag.index];
      if (shape) shape.points = drag.start;
    }
    this.#drag = null;
    this.#shapesChanged();
  }

  #commit(message: string): void {
    this.touched = true;
    this.status = message;
    this.commitUserChange();
  }

  #shapesChanged(): void {
    this.shapesVersion++;
    this.#paint('shapes');
  }

  #currentLabel(): string {
    return this.labelList[this.labelIndex]?.value ?? '';
  }

  #describeShape(index: number): string {
    const shape = this.shapes[index];
    if (!shape) return '';
    const noun = this.#nounCapitalized();
    const label = this.labelList.find((candidate) => candidate.value === shape.label)?.full ?? shape.label;
    return `${noun} ${index + 1} of ${this.shapes.length}: ${label || 'no label'}, ${this.kind.describe(shape.points)}`;
  }

  #shapeAt(at: Point, tolerance: number): number {
    // The selected shape first, then the topmost (last drawn), so the shape on top wins.
    const selected = this.shapes[this.selectedIndex];
    if (selected && this.kind.contains(selected.points, at, tolerance)) return this.selectedIndex;
    for (let index = this.shapes.length - 1; index >= 0; index--) {
      if (this.kind.contains((this.shapes[index] as Shape).points, at, tolerance)) return index;
    }
    return -1;
  }

  #fitShape(shape: Shape): Shape {
    const size = this.imageSize;
    const points = size ? shape.points.map((point) => snapPoint(point, size)) : shape.points.map((point) => ({ x: Math.round(point.x), y: Math.round(point.y) }));
    return { label: shape.label, points: this.kind.normalize(points) };
  }

  #setInitialValue(text: string | null): void {
    if (text === null) {
      this.initialShapes = null;
    } else {
      const value = this.readLiteralAttribute('initial-value', text, parseLiteral, [] as LiteralValue);
      const items = this.initialItems(value) ?? [];
      if (!this.initialItems(value)) warnOnce(this, 'invalid-initial-value', `initial-value of ${describeElement(this)} must be ${this.initialValueForm}; it is ignored.`);
      const shapes: Shape[] = [];
      items.forEach((item, index) => {
        const shape = this.shapeFromInitialItem(item);
        if (typeof shape === 'string') {
          warnOnce(this, 'invalid-initial-value', `initial-value of ${describeElement(this)}, item ${index}: ${shape}; the item is left out.`, `invalid-initial-value-${index}`);
        } else {
          shapes.push(shape);
        }
      });
      this.initialShapes = shapes;
    }
    if (!this.touched) this.setShapes(this.initialShapes ?? []);
  }

  /**
   * Repaints a layer and those above it. `active` alone is what a drag costs: one shape,
   * whatever the number of shapes.
   */
  #paint(from: 'all' | 'shapes' | 'active'): void {
    if (this.imageState.status !== 'loaded') return;
    const ratio = window.devicePixelRatio || 1;
    const disabled = this.isDisabled;
    const labels = this.labelList;
    const colorOf = (label: string): string => labels.find((candidate) => candidate.value === label)?.color ?? '#7f7f7f';
    const captionOf = (label: string): string => labels.find((candidate) => candidate.value === label)?.short ?? label;
    if (from === 'all') {
      const context = this.#context(this.imageLayer, ratio);
      if (context) {
        const { image, size } = this.imageState;
        context.imageSmoothingEnabled = this.#image.view.scale < 2;
        context.drawImage(image, this.#image.view.offsetX, this.#image.view.offsetY, size.width * this.#image.view.scale, size.height * this.#image.view.scale);
      }
    }
    if (from === 'all') this.#placeUpperCanvas();
    if (from !== 'active') {
      const context = this.#context(this.shapesLayer, ratio);
      if (context) {
        this.shapes.forEach((shape, index) => {
          if (index !== this.selectedIndex) {
            this.kind.draw(context, shape.points, this.#image.view, { color: colorOf(shape.label), selected: false, caption: captionOf(shape.label), dimmed: disabled });
          }
        });
      }
    }
    const context = this.#context(this.activeLayer, ratio);
    const selected = this.shapes[this.selectedIndex];
    if (context && selected) {
      this.kind.draw(context, selected.points, this.#image.view, { color: colorOf(selected.label), selected: true, caption: captionOf(selected.label), dimmed: disabled });
      const last = selected.points[selected.points.length - 1];
      if (this.selectedIndex === this.#placing && last && this.#cursor) {
        const from = this.#image.view.toScreen(last);
        const to = this.#image.view.toScreen(this.#cursor);
        context.setLineDash([6, 4]);
        context.strokeStyle = colorOf(selected.label);
        context.lineWidth = 2;
        context.beginPath();
        context.moveTo(from.x, from.y);
        context.lineTo(to.x, to.y);
        context.stroke();
        context.setLineDash([]);
      }
    }
  }

  /**
   * Lays the empty `canvas.upper-canvas` over the part of the image in view. Ground Truth's tools
   * draw on a fabric.js canvas of that class, and templates read its position to lay their own
   * overlay (a prior segmentation, say) over the image.
   */
  #placeUpperCanvas(): void {
    const canvas = this.upperCanvas;
    const stage = this.stage;
    const size = this.imageSize;
    if (!canvas || !stage || !size) return;
    const { offsetX, offsetY, scale } = this.#image.view;
    const left = Math.max(0, offsetX);
    const top = Math.max(0, offsetY);
    const right = Math.min(stage.clientWidth, offsetX + size.width * scale);
    const bottom = Math.min(stage.clientHeight, offsetY + size.height * scale);
    Object.assign(canvas.style, { left: `${left}px`, top: `${top}px`, width: `${Math.max(0, right - left)}px`, height: `${Math.max(0, bottom - top)}px` });
  }

  #context(canvas: HTMLCanvasElement | undefined, ratio: number): CanvasRenderingContext2D | null {
    const context = canvas?.getContext('2d') ?? null;
    if (!context || !canvas) return null;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    return context;
  }

  #keyHint(): string {
    const digits = labelDigitsHint(this.labels.length);
    const noun = this.kind.noun;
    if (this.labelList.length === 0) return `There are no labels yet: a ${noun} can be drawn once the task adds one.`;
    const draw = this.kind.vertexDrawing
      ? `Click on the image to place the points of a ${noun}; click the ${this.kind.vertexDrawing.closed ? 'first' : 'last'} point again or press Enter to finish, Escape to cancel`
      : `Drag on the image to draw a ${noun}`;
    return `${draw}, or press N to add one. ${digits}Tab selects the next ${noun}, arrow keys move it (Shift: 10 pixels)${this.kind.resizeBy([{ x: 0, y: 0 }, { x: 2, y: 2 }], 0, 0, { width: 4, height: 4 }) ? ', Alt with arrow keys resizes it' : ''}, Delete removes it. + and − zoom, 0 shows the whole image, Space with drag pans.`;
  }

  protected override render(): TemplateResult {
    const disabled = this.isDisabled;
    const error = this.visibleValidationMessage;
    const labels = this.labelList;
    const image = this.imageState;
    const size = this.imageSize;
    const noun = this.kind.noun;
    void this.shapesVersion;
    return renderInstructionsLayout(
      { filled: this.#instructions.filled, header: this.header, dialogHeader: this.#instructions.fullInstructionsHeader, onSlotChange: this.#instructions.onSlotChange, open: this.openFullInstructions, close: this.closeFullInstructions },
      html`
        <div part="toolbar" class="toolbar">
          <div
            role="radiogroup"
            part="labels"
            class="labels"
            aria-label="Label for new ${plural(noun)}"
            aria-disabled=${disabled ? 'true' : 'false'}
            ?hidden=${labels.length === 0}
            @keydown=${this.#onLabelKeydown}
          >
            ${labels.map((label, index) => renderLabelRadio(label, index, index === this.labelIndex, disabled, (chosen) => this.#chooseLabel(chosen)))}
          </div>
          ${renderZoomButtons(this.#image, disabled)}
        </div>
        <div
          part="stage"
          class="stage ${image.status}"
          role="application"
          aria-roledescription="image annotation"
          aria-label=${`${this.header || 'Image'} (${this.shapes.length} ${this.shapes.length === 1 ? noun : plural(noun)})`}
          aria-describedby="keys status"
          aria-invalid=${error ? 'true' : 'false'}
          aria-disabled=${disabled ? 'true' : 'false'}
          tabindex=${disabled ? nothing : 0}
          style=${size ? `aspect-ratio: ${size.width} / ${size.height}` : ''}
          @keydown=${this.#onStageKeydown}
          @keyup=${this.#onStageKeyup}
          @blur=${this.#onStageBlur}
          @pointerdown=${this.#onPointerDown}
          @pointermove=${this.#onPointerMove}
          @pointerup=${this.#onPointerUp}
          @pointercancel=${this.#onPointerUp}
          @wheel=${this.#onWheel}
          @contextmenu=${(event: Event) => event.preventDefault()}
        >
          <canvas class="layer image-layer" aria-hidden="true"></canvas>
          <canvas class="layer shapes-layer" aria-hidden="true"></canvas>
          <canvas class="layer active-layer" aria-hidden="true"></canvas>
          <canvas class="upper-canvas" width="1" height="1" aria-hidden="true"></canvas>
          ${renderImageMessage(image, 'No image to annotate: the src attribute is empty.', 'Loading image…')}
          <ol class="visually-hidden" part="shape-list">
            ${this.shapes.map((_, index) => html`<li aria-current=${index === this.selectedIndex ? 'true' : nothing}>${this.#describeShape(index)}</li>`)}
          </ol>
        </div>
        <p id="status" class="visually-hidden" role="status">${this.status}</p>
        <p part="error" class="error" id="error" ?hidden=${!error}>${error}</p>
        <p part="hint" class="hint" id="keys" ?hidden=${disabled}>${this.#keyHint()}</p>
      `,
    );
  }

}

function plural(noun: string): string {
  return noun.endsWith('x') ? `${noun}es` : `${noun}s`;
}
