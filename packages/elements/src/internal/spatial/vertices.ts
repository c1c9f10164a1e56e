import type { LiteralValue } from '../literal.js';
import type { Shape } from './shapes.js';

/** A shape given by its vertices, as `<crowd-polygon>`, `<crowd-line>` and `<crowd-polyline>` answer it. */
export interface VertexShape {
  label: string;
  vertices: { x: number; y: number }[];
}

export function toVertexShape(shape: Shape): VertexShape {
  return { label: shape.label, vertices: shape.points.map((point) => ({ x: point.x, y: point.y })) };
}

export function fromVertexShape(item: VertexShape): Shape {
  return { label: item.label, points: item.vertices.map((vertex) => ({ x: vertex.x, y: vertex.y })) };
}

/** Reads one `initial-value` item `{label, vertices: [{x, y}, …]}`, or says what is wrong with it. */
export function shapeFromVertexItem(item: LiteralValue, minPoints: number, maxPoints = Infinity): Shape | string {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return 'expected an object {label, vertices: [{x, y}, …]}';
  const { label, vertices } = item;
  if (typeof label !== 'string') return `label must be a string, found ${JSON.stringify(label ?? null)}`;
  if (!Array.isArray(vertices) || vertices.length < minPoints || vertices.length > maxPoints) {
    return maxPoints === minPoints ? `vertices must be an array of ${minPoints} points` : `vertices must be an array of at least ${minPoints} points`;
  }
  const points = [];
  for (const [index, vertex] of vertices.entries()) {
    const x = vertex && typeof vertex === 'object' && !Array.isArray(vertex) ? vertex['x'] : undefined;
    const y = vertex && typeof vertex === 'object' && !Array.isArray(vertex) ? vertex['y'] : undefined;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return `vertex ${index} must be {x, y} with numbers`;
    points.push({ x, y });
  }
  return { label, points };
}

/** Reads a list of vertex shapes from an answer (restore, undo, drafts); null when it is not one. */
export function shapesFromVertexList(list: unknown): Shape[] | null {
  if (!Array.isArray(list)) return null;
  const valid = list.every(
    (item: Partial<VertexShape> | null) =>
      item && typeof item.label === 'string' && Array.isArray(item.vertices) && item.vertices.every((vertex) => vertex && Number.isFinite(vertex.x) && Number.isFinite(vertex.y)),
  );
  return valid ? (list as VertexShape[]).map(fromVertexShape) : null;
}
