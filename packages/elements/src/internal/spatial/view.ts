import { clamp, type Point, type Size } from './geometry.js';

/** Zooming in stops at this many screen pixels per image pixel. */
export const MAX_SCALE = 16;

/**
 * Maps natural image pixels to the stage's CSS pixels: `screen = image × scale + offset`.
 * The stage shows the whole image at first ({@link fit}); zoom keeps the point under the
 * cursor (or fingers) in place, and panning cannot push the image entirely out of view.
 */
export class ViewTransform {
  scale = 1;
  offsetX = 0;
  offsetY = 0;
  #image: Size = { width: 1, height: 1 };
  #viewport: Size = { width: 1, height: 1 };

  get image(): Size {
    return this.#image;
  }

  get viewport(): Size {
    return this.#viewport;
  }

  /** The scale at which the whole image fits the viewport (never above 1: small images are not blown up). */
  get fitScale(): number {
    return Math.min(1, this.#viewport.width / this.#image.width, this.#viewport.height / this.#image.height);
  }

  /** The smallest zoom: half the fitting scale, enough to see the edges with room around them. */
  get minScale(): number {
    return this.fitScale / 2;
  }

  /** Sets the sizes; `refit` shows the whole image again, else the current view is kept within limits. */
  resize(image: Size, viewport: Size, refit: boolean): void {
    this.#image = { width: Math.max(1, image.width), height: Math.max(1, image.height) };
    this.#viewport = { width: Math.max(1, viewport.width), height: Math.max(1, viewport.height) };
    if (refit) this.fit();
    else this.#limit();
  }

  /** Shows the whole image, centred. */
  fit(): void {
    this.scale = this.fitScale;
    this.offsetX = (this.#viewport.width - this.#image.width * this.scale) / 2;
    this.offsetY = (this.#viewport.height - this.#image.height * this.scale) / 2;
  }

  /** Zooms by `factor` around a stage point, which stays where it is. */
  zoomAt(factor: number, screenX: number, screenY: number): void {
    const next = clamp(this.scale * factor, this.minScale, Math.max(MAX_SCALE, this.fitScale));
    const ratio = next / this.scale;
    this.offsetX = screenX - (screenX - this.offsetX) * ratio;
    this.offsetY = screenY - (screenY - this.offsetY) * ratio;
    this.scale = next;
    this.#limit();
  }

  /** Zooms around the centre of the viewport (keyboard + and -). */
  zoomAtCenter(factor: number): void {
    this.zoomAt(factor, this.#viewport.width / 2, this.#viewport.height / 2);
  }

  panBy(dx: number, dy: number): void {
    this.offsetX += dx;
    this.offsetY += dy;
    this.#limit();
  }

  toImage(screenX: number, screenY: number): Point {
    return { x: (screenX - this.offsetX) / this.scale, y: (screenY - this.offsetY) / this.scale };
  }

  toScreen(point: Point): Point {
    return { x: point.x * this.scale + this.offsetX, y: point.y * this.scale + this.offsetY };
  }

  /** The part of the image in view, in image pixels (clamped to the image). */
  visibleImageRect(): { left: number; top: number; right: number; bottom: number } {
    const a = this.toImage(0, 0);
    const b = this.toImage(this.#viewport.width, this.#viewport.height);
    return {
      left: clamp(a.x, 0, this.#image.width),
      top: clamp(a.y, 0, this.#image.height),
      right: clamp(b.x, 0, this.#image.width),
      bottom: clamp(b.y, 0, this.#image.height),
    };
  }

  /** Keeps at least a quarter of the viewport (or the whole image, when smaller) covered by the image. */
  #limit(): void {
    const width = this.#image.width * this.scale;
    const height = this.#image.height * this.scale;
    const keepX = Math.min(width, this.#viewport.width / 4);
    const keepY = Math.min(height, this.#viewport.height / 4);
    this.offsetX = clamp(this.offsetX, keepX - width, this.#viewport.width - keepX);
    this.offsetY = clamp(this.offsetY, keepY - height, this.#viewport.height - keepY);
  }
}
