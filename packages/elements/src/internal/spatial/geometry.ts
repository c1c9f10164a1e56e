/**
 * Geometry in natural image pixels, the only coordinate space that leaves a spatial element:
 * every point is an integer and lies on the image (0 … width, 0 … height), whatever the zoom.
 */

/** A point in natural image pixels. */
export interface Point {
  x: number;
  y: number;
}

/** The natural size of an image in pixels. */
export interface Size {
  width: number;
  height: number;
}

/** An axis-aligned rectangle as Ground Truth writes it. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

/** Rounds to whole pixels and clamps onto the image. */
export function snapPoint(point: Point, image: Size): Point {
  return { x: clamp(Math.round(point.x), 0, image.width), y: clamp(Math.round(point.y), 0, image.height) };
}

/** The rectangle spanned by two opposite corners, in any order. */
export function rectFromCorners(a: Point, b: Point): Rect {
  const left = Math.min(a.x, b.x);
  const top = Math.min(a.y, b.y);
  return { left, top, width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
}

/**
 * A rectangle as integers on the image: corners rounded and clamped, so left + width ≤ image
 * width and top + height ≤ image height.
 */
export function snapRect(rect: Rect, image: Size): Rect {
  const a = snapPoint({ x: rect.left, y: rect.top }, image);
  const b = snapPoint({ x: rect.left + rect.width, y: rect.top + rect.height }, image);
  return rectFromCorners(a, b);
}

/**
 * Moves points by (dx, dy) as one piece: the move is shortened so that no point leaves the
 * image, which keeps a shape's size when it is pushed against an edge.
 */
export function translateWithin(points: readonly Point[], dx: number, dy: number, image: Size): Point[] {
  if (points.length === 0) return [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const point of points) {
    minX = Math.min(minX, point.x);
    minY = Math.min(minY, point.y);
    maxX = Math.max(maxX, point.x);
    maxY = Math.max(maxY, point.y);
  }
  const moveX = Math.round(clamp(dx, -minX, image.width - maxX));
  const moveY = Math.round(clamp(dy, -minY, image.height - maxY));
  return points.map((point) => ({ x: point.x + moveX, y: point.y + moveY }));
}
