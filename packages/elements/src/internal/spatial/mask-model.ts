import type { Point } from './geometry.js';

/** A rectangle of whole pixels: columns `x … x + width − 1`, rows `y … y + height − 1`. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The smallest rectangle holding both (either may be null). */
export function unionRect(a: PixelRect | null, b: PixelRect | null): PixelRect | null {
  if (!a) return b;
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/**
 * Where the horizontal line `y = cy` crosses the band of points within `radius` of the segment
 * `a–b` whose projection falls on the segment (the body of a swept brush), as `[left, right]`; null
 * when it does not cross it or the segment is a point.
 */
function bandInterval(a: Point, b: Point, cy: number, radius: number): [number, number] | null {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return null;
  let left = -Infinity;
  let right = Infinity;
  // 0 ≤ t ≤ 1, with t = ((x − a.x)·dx + (cy − a.y)·dy) / |ab|², linear in x.
  const offset = ((cy - a.y) * dy) / lengthSquared;
  if (dx === 0) {
    if (offset < 0 || offset > 1) return null;
  } else {
    const x0 = a.x + ((0 - offset) * lengthSquared) / dx;
    const x1 = a.x + ((1 - offset) * lengthSquared) / dx;
    left = Math.max(left, Math.min(x0, x1));
    right = Math.min(right, Math.max(x0, x1));
  }
  // Distance to the line ≤ radius: |−(x − a.x)·dy + (cy − a.y)·dx| ≤ radius·|ab|.
  const reach = radius * Math.sqrt(lengthSquared);
  const across = (cy - a.y) * dx;
  if (dy === 0) {
    if (Math.abs(across) > reach) return null;
  } else {
    const x0 = a.x + (across - reach) / dy;
    const x1 = a.x + (across + reach) / dy;
    left = Math.max(left, Math.min(x0, x1));
    right = Math.min(right, Math.max(x0, x1));
  }
  return left <= right ? [left, right] : null;
}

/**
 * A label mask at the image's natural size: one byte a pixel, 0 for unlabeled, else a value the
 * element gives meaning to (a label, an instance). Painting operations return the rectangle they
 * changed (or null), so the view redraws only that, and bump {@link version} when a pixel changed.
 *
 * A pixel is covered by a brush when its centre (x + 0.5, y + 0.5) lies within the brush: edges
 * are hard, never antialiased, so the answer PNG has exactly the label colours.
 */
export class LabelMask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  /** Bumped whenever a pixel changes; caches of derived values (the PNG, counts) key on it. */
  version = 0;

  constructor(width: number, height: number, data?: Uint8Array) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`mask size must be positive integers, got ${width}×${height}`);
    this.width = width;
    this.height = height;
    if (data && data.length !== width * height) throw new RangeError(`mask data has ${data.length} pixels, not ${width}×${height}`);
    this.data = data ?? new Uint8Array(width * height);
  }

  /** Replaces every pixel (from a decoded answer, an undo step). */
  assign(data: Uint8Array): void {
    if (data.length !== this.data.length) throw new RangeError(`mask data has ${data.length} pixels, not ${this.width}×${this.height}`);
    this.data.set(data);
    this.version++;
  }

  clear(): void {
    this.data.fill(0);
    this.version++;
  }

  /** Whether any pixel is labeled. */
  isEmpty(): boolean {
    const data = this.data;
    for (let index = 0; index < data.length; index++) if (data[index] !== 0) return false;
    return true;
  }

  /** How many pixels have each value (index = value). */
  counts(): Uint32Array {
    const counts = new Uint32Array(256);
    const data = this.data;
    for (let index = 0; index < data.length; index++) counts[data[index] as number]!++;
    return counts;
  }

  /** The value at a pixel, or -1 outside the image. */
  valueAt(x: number, y: number): number {
    const column = Math.floor(x);
    const row = Math.floor(y);
    if (column < 0 || row < 0 || column >= this.width || row >= this.height) return -1;
    return this.data[row * this.width + column] as number;
  }

  /**
   * Paints a round brush of `diameter` pixels swept from `from` to `to` (a dab when they are the
   * same point), in image coordinates.
   */
  paintStroke(from: Point, to: Point, diameter: number, value: number): PixelRect | null {
    const radius = Math.max(0.5, diameter / 2);
    const top = Math.max(0, Math.floor(Math.min(from.y, to.y) - radius));
    const bottom = Math.min(this.height - 1, Math.ceil(Math.max(from.y, to.y) + radius));
    const data = this.data;
    const width = this.width;
    let rect: PixelRect | null = null;
    // The swept brush is convex, so each row crosses it in one interval: the union of the
    // intervals of the two end discs and of the band between them. O(rows + pixels painted).
    for (let row = top; row <= bottom; row++) {
      const cy = row + 0.5;
      let left = Infinity;
      let right = -Infinity;
      for (const end of [from, to]) {
        const dy = cy - end.y;
        if (dy * dy > radius * radius) continue;
        const half = Math.sqrt(radius * radius - dy * dy);
        left = Math.min(left, end.x - half);
        right = Math.max(right, end.x + half);
      }
      const band = bandInterval(from, to, cy, radius);
      if (band) {
        left = Math.min(left, band[0]);
        right = Math.max(right, band[1]);
      }
      if (left > right) continue;
      const start = Math.max(0, Math.ceil(left - 0.5));
      const stop = Math.min(width - 1, Math.floor(right - 0.5));
      let first = -1;
      let last = -1;
      const base = row * width;
      for (let column = start; column <= stop; column++) {
        if (data[base + column] === value) continue;
        data[base + column] = value;
        if (first < 0) first = column;
        last = column;
      }
      if (first >= 0) rect = unionRect(rect, { x: first, y: row, width: last - first + 1, height: 1 });
    }
    if (rect) this.version++;
    return rect;
  }

  /** Fills a polygon (even-odd rule; a pixel is inside when its centre is, edges half-open) with `value`. */
  fillPolygon(points: readonly Point[], value: number): PixelRect | null {
    if (points.length < 3) return null;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const point of points) {
      minY = Math.min(minY, point.y);
      maxY = Math.max(maxY, point.y);
    }
    const top = Math.max(0, Math.floor(minY - 0.5));
    const bottom = Math.min(this.height - 1, Math.ceil(maxY - 0.5));
    const data = this.data;
    const width = this.width;
    const crossings: number[] = [];
    let changed = false;
    let rect: PixelRect | null = null;
    for (let row = top; row <= bottom; row++) {
      const cy = row + 0.5;
      crossings.length = 0;
      for (let index = 0; index < points.length; index++) {
        const a = points[index] as Point;
        const b = points[(index + 1) % points.length] as Point;
        // Half-open in y, so a vertex on the scanline is counted once.
        if ((a.y <= cy && b.y > cy) || (b.y <= cy && a.y > cy)) crossings.push(a.x + ((cy - a.y) / (b.y - a.y)) * (b.x - a.x));
      }
      crossings.sort((p, q) => p - q);
      for (let pair = 0; pair + 1 < crossings.length; pair += 2) {
        // Half-open in x too: a pixel whose centre lies on the right edge is outside, so two
        // polygons sharing an edge never both paint it.
        const start = Math.max(0, Math.ceil((crossings[pair] as number) - 0.5));
        const end = Math.min(width - 1, Math.ceil((crossings[pair + 1] as number) - 0.5) - 1);
        let rowChanged = false;
        for (let column = start; column <= end; column++) {
          const index = row * width + column;
          if (data[index] !== value) {
            data[index] = value;
            rowChanged = true;
          }
        }
        if (rowChanged) {
          changed = true;
          rect = unionRect(rect, { x: start, y: row, width: end - start + 1, height: 1 });
        }
      }
    }
    if (!changed) return null;
    this.version++;
    return rect;
  }

  /** Fills the 4-connected region of equal value around a pixel with `value` (a paint bucket). */
  floodFill(x: number, y: number, value: number): PixelRect | null {
    const width = this.width;
    const height = this.height;
    const startX = Math.floor(x);
    const startY = Math.floor(y);
    if (startX < 0 || startY < 0 || startX >= width || startY >= height) return null;
    const data = this.data;
    const target = data[startY * width + startX] as number;
    if (target === value) return null;
    let minX = startX;
    let maxX = startX;
    let minY = startY;
    let maxY = startY;
    // A stack of seed pixels; each is widened to its whole run, whose neighbours seed the rows above and below.
    let stack = new Int32Array(1024);
    let size = 0;
    const push = (index: number): void => {
      if (size === stack.length) {
        const next = new Int32Array(stack.length * 2);
        next.set(stack);
        stack = next;
      }
      stack[size++] = index;
    };
    push(startY * width + startX);
    while (size > 0) {
      const seed = stack[--size] as number;
      if (data[seed] !== target) continue;
      const row = Math.floor(seed / width);
      const rowStart = row * width;
      let left = seed - rowStart;
      let right = left;
      while (left > 0 && data[rowStart + left - 1] === target) left--;
      while (right < width - 1 && data[rowStart + right + 1] === target) right++;
      data.fill(value, rowStart + left, rowStart + right + 1);
      if (left < minX) minX = left;
      if (right > maxX) maxX = right;
      if (row < minY) minY = row;
      if (row > maxY) maxY = row;
      for (const neighbour of [row - 1, row + 1]) {
        if (neighbour < 0 || neighbour >= height) continue;
        const base = neighbour * width;
        let inRun = false;
        for (let column = left; column <= right; column++) {
          const matches = data[base + column] === target;
          if (matches && !inRun) push(base + column);
          inRun = matches;
        }
      }
    }
    this.version++;
    return { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
  }
}
