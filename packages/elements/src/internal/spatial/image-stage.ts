import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { describeElement, warnOnce } from '../warn.js';
import type { Point, Size } from './geometry.js';
import { loadImage, type ImageState } from './image.js';
import { ViewTransform } from './view.js';

/** How much one zoom step (button, `+` / `−` key) scales the view. */
export const ZOOM_STEP = 1.25;

/** A two-finger gesture in progress: the finger distance and midpoint at the last move. */
export interface Pinch {
  mode: 'pinch';
  distance: number;
  center: Point;
}

/** What the stage of an element is, for the parts that draw on it; all optional for an element with a plain `<img>`. */
export interface ImageStageOptions {
  /** The element that shows the image (sized by CSS, observed for resizes). */
  stage?: () => HTMLElement | null | undefined;
  /** The canvases laid over the stage, sized to it in device pixels. */
  canvases?: () => readonly (HTMLCanvasElement | null | undefined)[];
  /** Repaints everything after the view moved or the stage was laid out. */
  paint?: () => void;
  /** Runs once an image has loaded or failed (not for a superseded `src`), before the host re-renders. */
  settled?: (state: ImageState) => void;
}

/**
 * The image of a spatial element and the view onto it: loading (with the failed-image warning),
 * the zoom and pan of a {@link ViewTransform}, and laying the stage's canvases out when it
 * resizes. The host keeps its own drawing and gestures; this holds what every image element
 * does the same way, so a fix to loading or zooming reaches all of them.
 */
export class ImageStage implements ReactiveController {
  /** Stage points are `image × scale + offset` (CSS pixels from the stage's corner). */
  readonly view = new ViewTransform();

  readonly #host: ReactiveControllerHost & HTMLElement & { readonly hasUpdated: boolean };
  readonly #options: ImageStageOptions;
  #state: ImageState = { status: 'none' };
  #src = '';
  #settled: Promise<void> = Promise.resolve();
  /** Whether the view shows the whole image; it then refits when the stage resizes. */
  #fitted = true;
  /** The state changed since the host last laid out (see {@link layoutIfChanged}). */
  #changed = false;
  #resizeObserver?: ResizeObserver;

  constructor(host: ReactiveControllerHost & HTMLElement & { readonly hasUpdated: boolean }, options: ImageStageOptions = {}) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#host.hasUpdated) this.observe();
  }

  hostDisconnected(): void {
    this.#resizeObserver?.disconnect();
  }

  /** Where the image is: none, loading, loaded (with its natural size) or failed. */
  get state(): ImageState {
    return this.#state;
  }

  /** The natural size of the image once it has loaded, else null. */
  get size(): Size | null {
    return this.#state.status === 'loaded' ? { ...this.#state.size } : null;
  }

  /** Resolves when the image last asked for has loaded or failed. */
  get settled(): Promise<void> {
    return this.#settled;
  }

  /** The current zoom and pan, as the elements' `viewTransform` gives it. */
  get transform(): { scale: number; offsetX: number; offsetY: number } {
    return { scale: this.view.scale, offsetX: this.view.offsetX, offsetY: this.view.offsetY };
  }

  /** Starts loading `src` ('' for none); a load still running for an earlier `src` is then ignored. */
  load(src: string): void {
    this.#src = src;
    this.#changed = true;
    if (!src) {
      this.#state = { status: 'none' };
      this.#settled = Promise.resolve();
      return;
    }
    this.#state = { status: 'loading', src };
    this.#settled = loadImage(src).then((loaded) => {
      if (this.#src !== src) return;
      this.#state = loaded;
      this.#changed = true;
      if (loaded.status === 'error') warnOnce(this.#host, 'image-failed', `${describeElement(this.#host)}: ${loaded.message}`, `image-failed-${src}`);
      this.#fitted = true;
      this.#options.settled?.(loaded);
      this.#host.requestUpdate();
    });
  }

  /**
   * Why the answer cannot be submitted yet because of the image, or null once it has loaded: an
   * empty answer over an image nobody saw would be taken for "nothing here".
   * `what` names the image in the messages ('image', 'document').
   */
  problem(what = 'image', missing = what): { flags: ValidityStateFlags; message: string } | null {
    switch (this.#state.status) {
      case 'loaded':
        return null;
      case 'error':
        return { flags: { customError: true }, message: this.#state.message };
      case 'loading':
        return { flags: { customError: true }, message: `The ${what} is still loading; please wait for it before submitting.` };
      case 'none':
        return { flags: { customError: true }, message: `This task has no ${missing} (the src attribute is empty), so it cannot be submitted.` };
    }
  }

  /** Follows the stage's size from now on (call once it is rendered). */
  observe(): void {
    const stage = this.#options.stage?.();
    if (!stage) return;
    this.#resizeObserver ??= new ResizeObserver(() => this.layout());
    this.#resizeObserver.observe(stage);
  }

  /**
   * Lays out when the image state changed since the last call and returns whether it did. The
   * stage takes the image's aspect ratio when it loads: laying out in the same update rather than
   * a frame later (ResizeObserver) makes the view right as soon as `updateComplete` resolves.
   */
  layoutIfChanged(): boolean {
    if (!this.#changed) return false;
    this.#changed = false;
    this.layout();
    return true;
  }

  /** Sizes the canvases to the stage (in device pixels), fits the view if it was fitted, and repaints. */
  layout(): void {
    const stage = this.#options.stage?.();
    const size = this.size;
    if (!stage || !size) return;
    const width = stage.clientWidth;
    const height = stage.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    for (const canvas of this.#options.canvases?.() ?? []) {
      if (!canvas) continue;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    this.view.resize(size, { width, height }, this.#fitted);
    this.#options.paint?.();
  }

  /** Zooms in (factor > 1) or out around the centre of the view. */
  zoomBy(factor: number): void {
    this.view.zoomAtCenter(factor);
    this.#moved();
  }

  /** Zooms around a stage point. */
  zoomAt(factor: number, x: number, y: number): void {
    this.view.zoomAt(factor, x, y);
    this.#moved();
  }

  /** Shows the whole image. */
  fit(): void {
    this.view.fit();
    this.#fitted = true;
    this.#options.paint?.();
  }

  /** Moves the view by CSS pixels. */
  panBy(dx: number, dy: number): void {
    this.view.panBy(dx, dy);
    this.#moved();
  }

  /** Where a pointer event is on the stage, in CSS pixels from its corner (the stage must be rendered). */
  pointOf(event: MouseEvent): Point {
    const stage = this.#options.stage?.();
    if (!stage) throw new Error(`${describeElement(this.#host)} has no stage to take pointer positions from`);
    const box = stage.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  /** Where a pointer event is on the image, in natural image pixels (not rounded or clamped). */
  imagePointOf(event: MouseEvent): Point {
    const at = this.pointOf(event);
    return this.view.toImage(at.x, at.y);
  }

  /** A wheel turn zooms smoothly around the pointer; lines count as 16 pixels. */
  wheel(event: WheelEvent): void {
    event.preventDefault();
    const delta = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? event.deltaY * 16 : event.deltaY;
    const at = this.pointOf(event);
    this.zoomAt(Math.exp(-delta * 0.0015), at.x, at.y);
  }

  /** `+` (or `=`), `−` (or `_`) and `0` on the stage: zoom in, out, fit. Returns whether the key was one of them. */
  zoomKey(event: KeyboardEvent): boolean {
    switch (event.key) {
      case '+':
      case '=':
        this.zoomBy(ZOOM_STEP);
        break;
      case '-':
      case '_':
        this.zoomBy(1 / ZOOM_STEP);
        break;
      case '0':
        this.fit();
        break;
      default:
        return false;
    }
    event.preventDefault();
    return true;
  }

  /** The start of a two-finger pinch, from the two pointers down. */
  startPinch(pointers: ReadonlyMap<number, Point>): Pinch {
    const [a, b] = [...pointers.values()] as [Point, Point];
    return { mode: 'pinch', distance: Math.hypot(a.x - b.x, a.y - b.y), center: midpoint(a, b) };
  }

  /** Follows a pinch: zooms by the change of finger distance and pans with the midpoint; returns the new state. */
  movePinch(pinch: Pinch, pointers: ReadonlyMap<number, Point>): Pinch {
    const next = this.startPinch(pointers);
    if (pinch.distance > 0) this.view.zoomAt(next.distance / pinch.distance, next.center.x, next.center.y);
    this.view.panBy(next.center.x - pinch.center.x, next.center.y - pinch.center.y);
    this.#moved();
    return next;
  }

  #moved(): void {
    this.#fitted = false;
    this.#options.paint?.();
  }
}

/** The zoom out / fit / zoom in buttons of a stage's toolbar; `thing` names the image in the fit button ('image', 'document'). */
export function renderZoomButtons(stage: ImageStage, disabled: boolean, thing = 'image'): TemplateResult {
  const off = disabled || !stage.size;
  return html`
    <div class="zoom" role="group" aria-label="Zoom">
      <button type="button" part="zoom-button" ?disabled=${off} @click=${() => stage.zoomBy(1 / ZOOM_STEP)} aria-label="Zoom out" aria-keyshortcuts="-">−</button>
      <button type="button" part="zoom-button" ?disabled=${off} @click=${() => stage.fit()} aria-label="Fit the whole ${thing}" aria-keyshortcuts="0">Fit</button>
      <button type="button" part="zoom-button" ?disabled=${off} @click=${() => stage.zoomBy(ZOOM_STEP)} aria-label="Zoom in" aria-keyshortcuts="+">+</button>
    </div>
  `;
}

/**
 * The message over a stage without an image: the load error or the missing `src` (an alert, the
 * `image-error` part), or a loading note. `empty` is said when there is no `src`, `loading` while it loads.
 */
export function renderImageMessage(state: ImageState, empty: string, loading: string): TemplateResult | typeof nothing {
  if (state.status === 'error' || state.status === 'none') return html`<p part="image-error" class="image-message" role="alert">${state.status === 'error' ? state.message : empty}</p>`;
  return state.status === 'loading' ? html`<p class="image-message">${loading}</p>` : nothing;
}

function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}
