import type { LabelMask, PixelRect } from './mask-model.js';
import type { ViewTransform } from './view.js';

/**
 * Draws a {@link LabelMask} on a stage canvas. The mask's colours live in a canvas of the
 * image's natural size, updated only in the rectangles that changed (`putImageData` of a small
 * ImageData), and copied to the stage with nearest-neighbour scaling: a brush stroke on a
 * 3000 × 2000 image costs the pixels under the brush, not the image.
 */
export class MaskRenderer {
  /** The mask's colours at natural size (never read back: the answer is built from the mask). */
  readonly canvas: HTMLCanvasElement;
  readonly #context: CanvasRenderingContext2D;
  readonly #mask: LabelMask;
  /** RGBA of each value, as one little-endian 32-bit word (what an ImageData's Uint32Array view holds). */
  readonly #lut = new Uint32Array(256);

  constructor(mask: LabelMask) {
    this.#mask = mask;
    this.canvas = document.createElement('canvas');
    this.canvas.width = mask.width;
    this.canvas.height = mask.height;
    this.#context = this.canvas.getContext('2d', { willReadFrequently: false }) as CanvasRenderingContext2D;
  }

  /** Sets the colour of each value (index = value; `#rrggbb`, or null for none) and redraws everything. */
  setColors(colors: readonly (string | null)[]): void {
    this.#lut.fill(0);
    colors.forEach((color, value) => {
      if (value === 0 || !color) return;
      const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
      if (!match) return;
      const [red, green, blue] = [match[1], match[2], match[3]].map((part) => parseInt(part as string, 16)) as [number, number, number];
      this.#lut[value] = ((255 << 24) | (blue << 16) | (green << 8) | red) >>> 0;
    });
    this.refresh({ x: 0, y: 0, width: this.#mask.width, height: this.#mask.height });
  }

  /** Recolours a rectangle of the natural-size canvas from the mask. */
  refresh(rect: PixelRect): void {
    const { width: maskWidth, data } = this.#mask;
    const image = this.#context.createImageData(rect.width, rect.height);
    const words = new Uint32Array(image.data.buffer);
    const lut = this.#lut;
    for (let row = 0; row < rect.height; row++) {
      const source = (rect.y + row) * maskWidth + rect.x;
      const target = row * rect.width;
      for (let column = 0; column < rect.width; column++) words[target + column] = lut[data[source + column] as number] as number;
    }
    this.#context.putImageData(image, rect.x, rect.y);
  }

  /**
   * Draws the mask onto a stage canvas under the view, at `opacity`. With `rect`, only the stage
   * pixels showing that part of the image are cleared and redrawn.
   */
  draw(target: CanvasRenderingContext2D, view: ViewTransform, ratio: number, opacity: number, rect: PixelRect | null = null): void {
    const { scale, offsetX, offsetY } = view;
    const canvas = target.canvas;
    target.save();
    target.setTransform(1, 0, 0, 1, 0, 0);
    let source = { x: 0, y: 0, width: this.#mask.width, height: this.#mask.height };
    if (rect) {
      const left = Math.max(0, Math.floor((rect.x * scale + offsetX) * ratio) - 1);
      const top = Math.max(0, Math.floor((rect.y * scale + offsetY) * ratio) - 1);
      const right = Math.min(canvas.width, Math.ceil(((rect.x + rect.width) * scale + offsetX) * ratio) + 1);
      const bottom = Math.min(canvas.height, Math.ceil(((rect.y + rect.height) * scale + offsetY) * ratio) + 1);
      if (right <= left || bottom <= top) {
        target.restore();
        return;
      }
      target.beginPath();
      target.rect(left, top, right - left, bottom - top);
      target.clip();
      target.clearRect(left, top, right - left, bottom - top);
      // One image pixel more on each side, so the clipped edge is covered at any zoom.
      const x = Math.max(0, rect.x - 1);
      const y = Math.max(0, rect.y - 1);
      source = { x, y, width: Math.min(this.#mask.width, rect.x + rect.width + 1) - x, height: Math.min(this.#mask.height, rect.y + rect.height + 1) - y };
    } else {
      target.clearRect(0, 0, canvas.width, canvas.height);
    }
    if (opacity > 0) {
      target.setTransform(ratio, 0, 0, ratio, 0, 0);
      target.imageSmoothingEnabled = false;
      target.globalAlpha = opacity;
      target.drawImage(this.canvas, source.x, source.y, source.width, source.height, source.x * scale + offsetX, source.y * scale + offsetY, source.width * scale, source.height * scale);
    }
    target.restore();
  }
}
