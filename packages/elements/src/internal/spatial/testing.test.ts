/**
 * Helpers for the spatial elements' browser tests. This file has no tests of its own.
 * Images are made here, in the page (a canvas encoded as PNG), so no test touches the network.
 */
import type { Point } from './geometry.js';

/** What the helpers need of an element with an image stage (the shape annotators, the segmentation elements). */
export interface StageElement extends HTMLElement {
  readonly viewTransform: { scale: number; offsetX: number; offsetY: number };
  readonly updateComplete: Promise<boolean>;
}

/** A PNG data URL of a width × height image with a few shapes on it, made synchronously. */
export function makeImageUrl(width: number, height: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  context.fillStyle = '#d9e6f2';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#8a5a2b';
  context.fillRect(width * 0.1, height * 0.2, width * 0.3, height * 0.5);
  context.fillStyle = '#444444';
  context.beginPath();
  context.arc(width * 0.7, height * 0.5, Math.min(width, height) * 0.2, 0, Math.PI * 2);
  context.fill();
  return canvas.toDataURL('image/png');
}

/** A large image as a Blob URL (encoding 12 megapixels as a data URL string would be slow). */
export async function makeLargeImageUrl(width: number, height: number): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#203040');
  gradient.addColorStop(1, '#c0d0e0');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((result) => (result ? resolve(result) : reject(new Error('toBlob failed'))), 'image/jpeg', 0.8));
  return URL.createObjectURL(blob);
}

/** The stage (image region) inside an element's shadow root. */
export function stageOf(element: StageElement): HTMLElement {
  const stage = element.shadowRoot?.querySelector<HTMLElement>('.stage');
  if (!stage) throw new Error(`<${element.localName}> has no stage`);
  return stage;
}

/** Viewport (client) coordinates of an image point under the element's current zoom and pan. */
export function clientPoint(element: StageElement, point: Point): Point {
  const box = stageOf(element).getBoundingClientRect();
  const { scale, offsetX, offsetY } = element.viewTransform;
  return { x: box.left + offsetX + point.x * scale, y: box.top + offsetY + point.y * scale };
}

/**
 * A mouse drag between two image points, as pointer events dispatched on the stage. Not through
 * `sendMouse`: Chromium delivers moves with a button held at the next animation frame, and the
 * test runner's second tab is hidden and draws no frames, so a real drag there never finishes.
 * Real clicks (`sendMouse` click) are used where a test needs the browser's own input path.
 */
export async function dragOnImage(element: StageElement, from: Point, to: Point): Promise<void> {
  stageOf(element).scrollIntoView({ block: 'center' });
  const a = clientPoint(element, from);
  const b = clientPoint(element, to);
  const mouse = { pointerType: 'mouse' };
  pointerAtClient(element, 'pointerdown', a, 1, mouse);
  pointerAtClient(element, 'pointermove', { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, 1, mouse);
  pointerAtClient(element, 'pointermove', b, 1, mouse);
  pointerAtClient(element, 'pointerup', b, 1, mouse);
  await element.updateComplete;
}

/** Dispatches a script-made pointer event on the stage at an image point (for touch and timing tests). */
export function pointerAt(element: StageElement, type: string, point: Point, pointerId = 1, extra: PointerEventInit = {}): void {
  pointerAtClient(element, type, clientPoint(element, point), pointerId, extra);
}

/** Like {@link pointerAt}, at viewport coordinates (which stay put while the view zooms). */
export function pointerAtClient(element: StageElement, type: string, client: Point, pointerId = 1, extra: PointerEventInit = {}): void {
  stageOf(element).dispatchEvent(
    new PointerEvent(type, { clientX: client.x, clientY: client.y, pointerId, button: 0, buttons: type === 'pointerup' ? 0 : 1, bubbles: true, composed: true, cancelable: true, ...extra }),
  );
}
