import { rectFromCorners, snapPoint, translateWithin, type Point, type Rect, type Size } from './geometry.js';
import type { ViewTransform } from './view.js';

/** One shape drawn by a worker or pre-drawn from `initial-value`, in natural image pixels. */
export interface Shape {
  label: string;
  /** A box: its top-left and bottom-right corners. A keypoint: the point. */
  points: Point[];
}

/** How a shape is drawn on the stage. */
export interface ShapeStyle {
  color: string;
  selected: boolean;
  /** Shown beside the shape when it is large enough on screen. */
  caption: string;
  dimmed: boolean;
}

/**
 * What differs between boxes, keypoints, polygons …: everything else (selection, moving,
 * keyboard, zoom, answer plumbing) is shared by the spatial base class.
 */
export interface ShapeKind {
  /** Names one shape in messages and accessible names: "box", "keypoint". */
  readonly noun: string;
  /**
   * Set for shapes placed point by point with clicks (polygons): the fewest points a finished
   * shape has. Without it a shape is drawn with one drag ({@link startDraw}).
   */
  readonly vertexDrawing?: { minPoints: number; closed: boolean };
  /** A shape started by pressing at `at`, and the handle that the drag then moves (-1: none). */
  startDraw(at: Point): { points: Point[]; handle: number };
  /** The shape the keyboard adds, centred on `center` and sized to the visible part of the image. */
  createAt(center: Point, visible: Size, image: Size): Point[];
  /** Points that can be dragged to reshape. */
  handles(points: readonly Point[]): Point[];
  /** The points after dragging handle `handle` of the shape as it was when the drag began. */
  dragHandle(start: readonly Point[], handle: number, to: Point, image: Size): Point[];
  /** The points after growing (positive) or shrinking the shape by the keyboard, or null when it has no size. */
  resizeBy(points: readonly Point[], dx: number, dy: number, image: Size): Point[] | null;
  /** Whether an image point is on the shape, with a tolerance in image pixels. */
  contains(points: readonly Point[], at: Point, tolerance: number): boolean;
  /** Whether a freshly drawn shape is too small to keep (a click rather than a drag). */
  isDegenerate(points: readonly Point[]): boolean;
  /** Puts the points in their canonical order (a box's corners top-left, bottom-right). */
  normalize(points: readonly Point[]): Point[];
  draw(context: CanvasRenderingContext2D, points: readonly Point[], view: ViewTransform, style: ShapeStyle): void;
  /** "left 10, top 20, 100 by 50 pixels": the geometry in words, for screen readers. */
  describe(points: readonly Point[]): string;
}

/** Radius of a drag handle in CSS pixels; the pointer hits it from a little further. */
export const HANDLE_RADIUS = 5;

function boxRect(points: readonly Point[]): Rect {
  const [a = { x: 0, y: 0 }, b = a] = points;
  return rectFromCorners(a, b);
}

function corners(rect: Rect): Point[] {
  const right = rect.left + rect.width;
  const bottom = rect.top + rect.height;
  return [
    { x: rect.left, y: rect.top },
    { x: right, y: rect.top },
    { x: right, y: bottom },
    { x: rect.left, y: bottom },
  ];
}

function drawCaption(context: CanvasRenderingContext2D, text: string, x: number, y: number, color: string): void {
  context.font = '12px system-ui, sans-serif';
  const width = context.measureText(text).width + 8;
  const top = y >= 16 ? y - 16 : y;
  context.fillStyle = color;
  context.fillRect(x, top, width, 16);
  context.fillStyle = '#ffffff';
  context.fillText(text, x + 4, top + 12);
}

function drawHandles(context: CanvasRenderingContext2D, handles: readonly Point[], view: ViewTransform, color: string): void {
  context.fillStyle = '#ffffff';
  context.strokeStyle = color;
  context.lineWidth = 2;
  for (const handle of handles) {
    const screen = view.toScreen(handle);
    context.beginPath();
    context.rect(screen.x - HANDLE_RADIUS, screen.y - HANDLE_RADIUS, HANDLE_RADIUS * 2, HANDLE_RADIUS * 2);
    context.fill();
    context.stroke();
  }
}

/** Axis-aligned boxes (`<crowd-bounding-box>`): two corners, resized from any corner. */
export const boxKind: ShapeKind = {
  noun: 'box',
  startDraw: (at) => ({ points: [at, at], handle: 2 }),
  createAt(center, visible, image) {
    const width = Math.max(1, Math.round(visible.width / 2));
    const height = Math.max(1, Math.round(visible.height / 2));
    const a = snapPoint({ x: center.x - width / 2, y: center.y - height / 2 }, image);
    return [a, snapPoint({ x: a.x + width, y: a.y + height }, image)];
  },
  handles: (points) => corners(boxRect(points)),
  dragHandle(start, handle, to, image) {
    const opposite = corners(boxRect(start))[(handle + 2) % 4] as Point;
    const rect = rectFromCorners(snapPoint(to, image), opposite);
    return corners(rect).filter((_, index) => index === 0 || index === 2);
  },
  resizeBy(points, dx, dy, image) {
    const rect = boxRect(points);
    const right = Math.min(image.width, Math.max(rect.left + 1, rect.left + rect.width + dx));
    const bottom = Math.min(image.height, Math.max(rect.top + 1, rect.top + rect.height + dy));
    return [{ x: rect.left, y: rect.top }, { x: right, y: bottom }];
  },
  contains(points, at, tolerance) {
    const rect = boxRect(points);
    return at.x >= rect.left - tolerance && at.x <= rect.left + rect.width + tolerance && at.y >= rect.top - tolerance && at.y <= rect.top + rect.height + tolerance;
  },
  isDegenerate(points) {
    const rect = boxRect(points);
    return rect.width < 1 || rect.height < 1;
  },
  normalize(points) {
    const rect = boxRect(points);
    return [
      { x: rect.left, y: rect.top },
      { x: rect.left + rect.width, y: rect.top + rect.height },
    ];
  },
  draw(context, points, view, style) {
    const rect = boxRect(points);
    const a = view.toScreen({ x: rect.left, y: rect.top });
    const width = rect.width * view.scale;
    const height = rect.height * view.scale;
    context.globalAlpha = style.dimmed ? 0.5 : 1;
    if (style.selected) {
      context.fillStyle = `${style.color}33`;
      context.fillRect(a.x, a.y, width, height);
    }
    context.strokeStyle = style.color;
    context.lineWidth = style.selected ? 3 : 2;
    context.strokeRect(a.x, a.y, width, height);
    if (style.caption && (style.selected || width > 48)) drawCaption(context, style.caption, a.x, a.y, style.color);
    if (style.selected && !style.dimmed) drawHandles(context, corners(rect), view, style.color);
    context.globalAlpha = 1;
  },
  describe(points) {
    const rect = boxRect(points);
    return `left ${rect.left}, top ${rect.top}, ${rect.width} by ${rect.height} pixels`;
  },
};

/** Single points (`<crowd-keypoint>`): placed with one click, moved by dragging. */
export const pointKind: ShapeKind = {
  noun: 'keypoint',
  startDraw: (at) => ({ points: [at], handle: 0 }),
  createAt: (center, _visible, image) => [snapPoint(center, image)],
  handles: (points) => points.slice(0, 1),
  dragHandle: (_start, _handle, to, image) => [snapPoint(to, image)],
  resizeBy: () => null,
  contains(points, at, tolerance) {
    const [point] = points;
    return point !== undefined && Math.hypot(point.x - at.x, point.y - at.y) <= tolerance;
  },
  isDegenerate: (points) => points.length !== 1,
  normalize: (points) => points.slice(0, 1),
  draw(context, points, view, style) {
    const [point] = points;
    if (!point) return;
    const screen = view.toScreen(point);
    context.globalAlpha = style.dimmed ? 0.5 : 1;
    context.beginPath();
    context.arc(screen.x, screen.y, style.selected ? 7 : 5, 0, Math.PI * 2);
    context.fillStyle = style.color;
    context.fill();
    context.lineWidth = 2;
    context.strokeStyle = style.selected ? '#000000' : '#ffffff';
    context.stroke();
    if (style.caption && style.selected) drawCaption(context, style.caption, screen.x + 9, screen.y - 2, style.color);
    context.globalAlpha = 1;
  },
  describe(points) {
    const [point = { x: 0, y: 0 }] = points;
    return `x ${point.x}, y ${point.y}`;
  },
};

/** Whether a point is inside a polygon (even-odd rule). */
function insidePolygon(points: readonly Point[], at: Point): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[i] as Point;
    const b = points[j] as Point;
    if (a.y > at.y !== b.y > at.y && at.x < ((b.x - a.x) * (at.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Distance from a point to the segment a–b. */
function distanceToSegment(at: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, ((at.x - a.x) * dx + (at.y - a.y) * dy) / lengthSquared));
  return Math.hypot(at.x - (a.x + t * dx), at.y - (a.y + t * dy));
}

/** Polygons (`<crowd-polygon>`): placed vertex by vertex, moved whole, reshaped by any vertex. */
export const polygonKind: ShapeKind = {
  noun: 'polygon',
  vertexDrawing: { minPoints: 3, closed: true },
  startDraw: (at) => ({ points: [at], handle: 0 }),
  createAt(center, visible, image) {
    const halfWidth = Math.max(1, Math.round(visible.width / 4));
    const halfHeight = Math.max(1, Math.round(visible.height / 4));
    const corners = [
      { x: center.x - halfWidth, y: center.y - halfHeight },
      { x: center.x + halfWidth, y: center.y - halfHeight },
      { x: center.x + halfWidth, y: center.y + halfHeight },
      { x: center.x - halfWidth, y: center.y + halfHeight },
    ];
    return translateWithin(corners.map((point) => ({ x: Math.round(point.x), y: Math.round(point.y) })), 0, 0, image).map((point) => snapPoint(point, image));
  },
  handles: (points) => points.slice(),
  dragHandle: (start, handle, to, image) => start.map((point, index) => (index === handle ? snapPoint(to, image) : point)),
  resizeBy: () => null,
  contains(points, at, tolerance) {
    if (points.length >= 3 && insidePolygon(points, at)) return true;
    return points.some((point, index) => distanceToSegment(at, point, points[(index + 1) % points.length] as Point) <= tolerance);
  },
  isDegenerate: (points) => points.length < 3,
  normalize: (points) => points.slice(),
  draw(context, points, view, style) {
    if (points.length === 0) return;
    context.globalAlpha = style.dimmed ? 0.5 : 1;
    context.beginPath();
    points.forEach((point, index) => {
      const screen = view.toScreen(point);
      if (index === 0) context.moveTo(screen.x, screen.y);
      else context.lineTo(screen.x, screen.y);
    });
    context.closePath();
    context.fillStyle = `${style.color}${style.selected ? '40' : '22'}`;
    context.fill();
    context.strokeStyle = style.color;
    context.lineWidth = style.selected ? 3 : 2;
    context.stroke();
    const first = view.toScreen(points[0] as Point);
    if (style.caption && style.selected) drawCaption(context, style.caption, first.x, first.y, style.color);
    if (style.selected && !style.dimmed) drawHandles(context, points, view, style.color);
    context.globalAlpha = 1;
  },
  describe: (points) => describePoints(points),
};

function drawOpenPath(context: CanvasRenderingContext2D, points: readonly Point[], view: ViewTransform, style: ShapeStyle): void {
  if (points.length === 0) return;
  context.globalAlpha = style.dimmed ? 0.5 : 1;
  context.beginPath();
  points.forEach((point, index) => {
    const screen = view.toScreen(point);
    if (index === 0) context.moveTo(screen.x, screen.y);
    else context.lineTo(screen.x, screen.y);
  });
  context.strokeStyle = style.color;
  context.lineWidth = style.selected ? 4 : 3;
  context.stroke();
  const first = view.toScreen(points[0] as Point);
  if (style.caption && style.selected) drawCaption(context, style.caption, first.x, first.y, style.color);
  if (style.selected && !style.dimmed) drawHandles(context, points, view, style.color);
  context.globalAlpha = 1;
}

function nearPath(points: readonly Point[], at: Point, tolerance: number): boolean {
  for (let index = 0; index + 1 < points.length; index++) {
    if (distanceToSegment(at, points[index] as Point, points[index + 1] as Point) <= tolerance) return true;
  }
  return points.length === 1 && Math.hypot((points[0] as Point).x - at.x, (points[0] as Point).y - at.y) <= tolerance;
}

const describePoints = (points: readonly Point[]): string => `${points.length} points: ${points.map((point) => `(${point.x}, ${point.y})`).join(', ')}`;

/** Straight lines (`<crowd-line>`): drawn with one drag from start to end, reshaped by either end. */
export const lineKind: ShapeKind = {
  noun: 'line',
  startDraw: (at) => ({ points: [at, at], handle: 1 }),
  createAt(center, visible, image) {
    const half = Math.max(1, Math.round(visible.width / 4));
    return [snapPoint({ x: center.x - half, y: center.y }, image), snapPoint({ x: center.x + half, y: center.y }, image)];
  },
  handles: (points) => points.slice(),
  dragHandle: (start, handle, to, image) => start.map((point, index) => (index === handle ? snapPoint(to, image) : point)),
  resizeBy: () => null,
  contains: nearPath,
  isDegenerate: (points) => points.length !== 2 || ((points[0] as Point).x === (points[1] as Point).x && (points[0] as Point).y === (points[1] as Point).y),
  normalize: (points) => points.slice(0, 2),
  draw: drawOpenPath,
  describe: (points) => `from (${points[0]?.x}, ${points[0]?.y}) to (${points[1]?.x}, ${points[1]?.y})`,
};

/** Open paths (`<crowd-polyline>`): placed point by point, finished on the last point or with Enter. */
export const polylineKind: ShapeKind = {
  noun: 'polyline',
  vertexDrawing: { minPoints: 2, closed: false },
  startDraw: (at) => ({ points: [at], handle: 0 }),
  createAt(center, visible, image) {
    const half = Math.max(1, Math.round(visible.width / 4));
    const rise = Math.max(1, Math.round(visible.height / 4));
    return [
      snapPoint({ x: center.x - half, y: center.y + rise }, image),
      snapPoint({ x: center.x, y: center.y - rise }, image),
      snapPoint({ x: center.x + half, y: center.y + rise }, image),
    ];
  },
  handles: (points) => points.slice(),
  dragHandle: (start, handle, to, image) => start.map((point, index) => (index === handle ? snapPoint(to, image) : point)),
  resizeBy: () => null,
  contains: nearPath,
  isDegenerate: (points) => points.length < 2,
  normalize: (points) => points.slice(),
  draw: drawOpenPath,
  describe: describePoints,
};
