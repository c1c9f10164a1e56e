import type { CrowdLineAnswer, CrowdPolylineAnswer, InputImageProperties, Polyline } from '@quorum/schema';
import { checkWorkerAnswers, type WorkerAnswer } from './common.js';
import { bounds, checkVertexShape, matchShapes, nameErrors, type ShapeAgreement, type ShapeConsolidationError, type ShapeConsolidationOptions, type Vertex } from './shapes.js';

/**
 * One consolidated line or polyline: the group's medoid, with who drew the group and how close
 * they were. The affinity of its confidence is 1 − distance to this path / maxDistance (floored at
 * −1, see {@link consolidatePolylines}); members name `lineIndex`.
 */
export interface ConsolidatedPolyline extends Polyline, ShapeAgreement<'lineIndex'> {}

export interface PolylineConsolidationOptions extends ShapeConsolidationOptions {
  /**
   * Two paths of the same label match when their distance ({@link polylineDistance}) divided by the
   * image diagonal is at most this. Default 0.05 (5 % of the diagonal).
   */
  maxDistance?: number;
}

export interface PolylineConsolidationResult {
  /** Kept paths, ordered by label, then by the top, then the left of their bounding boxes. */
  lines: ConsolidatedPolyline[];
  /** Groups below `minAgreement`, so no drawn path is lost. */
  dropped: ConsolidatedPolyline[];
  inputImageProperties: InputImageProperties | null;
  /** The length that distances were divided by: the image diagonal, or (without an image size) the diagonal of all paths' bounding box. */
  diagonal: number;
  workerCount: number;
  errors: ShapeConsolidationError[];
}

/** Points each path is resampled to before comparing; enough that a vertex between samples moves the distance by < 2 % of the path. */
const SAMPLES = 64;

/**
 * Distance between two open paths in pixels: the discrete Fréchet distance ("dog-leash" distance,
 * Eiter & Mannila 1994) between the two paths, each resampled to 64 points evenly spaced along its
 * length, so that paths drawn with different numbers of vertices along the same course are close.
 * A line has no direction, so the smaller of the distances to `b` and to `b` reversed is taken;
 * the result is symmetric.
 */
export function polylineDistance(a: readonly Vertex[], b: readonly Vertex[]): number {
  return cappedDistance(a, b, Infinity);
}

/** {@link polylineDistance}, or any value ≥ `cap` when it is at least `cap` (found sooner). */
function cappedDistance(a: readonly Vertex[], b: readonly Vertex[], cap: number): number {
  const sampledA = resample(a, SAMPLES);
  const sampledB = resample(b, SAMPLES);
  const forward = discreteFrechet(sampledA, sampledB, cap);
  return Math.min(forward, discreteFrechet(sampledA, [...sampledB].reverse(), Math.min(cap, forward)));
}

/**
 * Consolidates one data object's `<crowd-line>` answers (`lines`, two vertices each); see
 * {@link consolidatePolylines} for the method.
 */
export function consolidateLines(answers: readonly WorkerAnswer<CrowdLineAnswer>[], options: PolylineConsolidationOptions = {}): PolylineConsolidationResult {
  const { valid, errors, inputImageProperties } = checkWorkerAnswers(answers, 'lines', (shape) => checkVertexShape(shape, 2, 2));
  return consolidatePaths(valid.map(({ workerId, answer }) => ({ workerId, shapes: answer.lines })), errors, inputImageProperties, options);
}

/**
 * Consolidates one data object's `<crowd-polyline>` answers from several workers.
 *
 * Matching: distances are {@link polylineDistance} divided by the image diagonal. For each label,
 * every pair of paths from different workers within `maxDistance` is a candidate; pairs are taken
 * nearest first (ties by worker id, then path index) and their groups merged when the groups share
 * no worker and the mean similarity over all cross pairs stays ≥ 0, i.e. the groups are within
 * `maxDistance` on average (average linkage). Similarity = max(−1, 1 − distance / maxDistance).
 *
 * Consolidated shape: the group's medoid, the member path with the smallest mean distance to the
 * other members (ties: smaller worker id, then path index), since paths of different workers have
 * no vertex-to-vertex correspondence to average.
 *
 * Confidence = (group size / workers) × mean similarity of the other members to the medoid; a
 * group of one gets its share of workers only. Groups drawn by fewer than `minAgreement` of the
 * workers go to `dropped`. Worker order, path order and label names do not change the result.
 */
export function consolidatePolylines(answers: readonly WorkerAnswer<CrowdPolylineAnswer>[], options: PolylineConsolidationOptions = {}): PolylineConsolidationResult {
  const { valid, errors, inputImageProperties } = checkWorkerAnswers(answers, 'polylines', (shape) => checkVertexShape(shape, 2));
  return consolidatePaths(valid.map(({ workerId, answer }) => ({ workerId, shapes: answer.polylines })), errors, inputImageProperties, options);
}

function consolidatePaths(
  workers: { workerId: string; shapes: Polyline[] }[],
  errors: { workerId: string; message: string }[],
  inputImageProperties: InputImageProperties | null,
  options: PolylineConsolidationOptions,
): PolylineConsolidationResult {
  const maxDistance = options.maxDistance ?? 0.05;
  const minAgreement = options.minAgreement ?? 0.5;
  if (!(maxDistance > 0 && maxDistance <= 1)) throw new RangeError(`maxDistance must be in (0, 1] (a fraction of the image diagonal), got ${maxDistance}`);
  if (!(minAgreement >= 0 && minAgreement <= 1)) throw new RangeError(`minAgreement must be in [0, 1], got ${minAgreement}`);
  const diagonal = inputImageProperties ? Math.hypot(inputImageProperties.width, inputImageProperties.height) : fallbackDiagonal(workers);
  const reach = diagonal * maxDistance;
  const { kept, dropped } = matchShapes(workers, {
    labels: options.labels,
    minAgreement,
    affinity: (a, b) => {
      // Similarity is floored at −1 (a path 2 × maxDistance away or further), so one far-off path
      // does not outweigh the rest in an average, and so such pairs need no Fréchet computation.
      if (distanceLowerBound(a.vertices, b.vertices) >= 2 * reach) return -1;
      return Math.max(-1, 1 - cappedDistance(a.vertices, b.vertices, 2 * reach) / reach);
    },
    minAffinity: 0,
    indexKey: 'lineIndex',
  });
  return { lines: kept, dropped, inputImageProperties, diagonal, workerCount: workers.length, errors: nameErrors(errors, options.dataObjectId) };
}

/**
 * A lower bound of {@link polylineDistance}: a coupling pairs the first points and the last points
 * of the two paths (in one direction or the other), and every point is paired with some point of
 * the other path, so it is at least the gap between their bounding boxes.
 */
function distanceLowerBound(a: readonly Vertex[], b: readonly Vertex[]): number {
  const a0 = a[0] as Vertex;
  const an = a[a.length - 1] as Vertex;
  const b0 = b[0] as Vertex;
  const bn = b[b.length - 1] as Vertex;
  const gap = (p: Vertex, q: Vertex): number => Math.sqrt((p.x - q.x) ** 2 + (p.y - q.y) ** 2);
  const ends = Math.min(Math.max(gap(a0, b0), gap(an, bn)), Math.max(gap(a0, bn), gap(an, b0)));
  const boxA = bounds(a);
  const boxB = bounds(b);
  const dx = Math.max(0, boxA.minX - boxB.maxX, boxB.minX - boxA.maxX);
  const dy = Math.max(0, boxA.minY - boxB.maxY, boxB.minY - boxA.maxY);
  return Math.max(ends, Math.sqrt(dx * dx + dy * dy));
}

/** Without an image size: the diagonal of the box around every path (at least 1 pixel). */
function fallbackDiagonal(workers: readonly { shapes: readonly Polyline[] }[]): number {
  const all = workers.flatMap(({ shapes }) => shapes.flatMap((shape) => shape.vertices));
  if (all.length === 0) return 1;
  const box = bounds(all);
  return Math.max(1, Math.hypot(box.maxX - box.minX, box.maxY - box.minY));
}

/** `count` points evenly spaced along the path's length, first and last vertex included. */
function resample(path: readonly Vertex[], count: number): Vertex[] {
  const lengths = [0];
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1] as Vertex;
    const b = path[i] as Vertex;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    lengths.push((lengths[i - 1] as number) + Math.sqrt(dx * dx + dy * dy));
  }
  const total = lengths[lengths.length - 1] as number;
  const first = path[0] as Vertex;
  if (total === 0) return Array.from({ length: count }, () => ({ x: first.x, y: first.y }));
  const points: Vertex[] = [];
  let segment = 1;
  for (let k = 0; k < count; k++) {
    const at = (total * k) / (count - 1);
    while (segment < path.length - 1 && (lengths[segment] as number) < at) segment++;
    const a = path[segment - 1] as Vertex;
    const b = path[segment] as Vertex;
    const start = lengths[segment - 1] as number;
    const span = (lengths[segment] as number) - start;
    const t = span > 0 ? Math.min(1, Math.max(0, (at - start) / span)) : 0;
    points.push({ x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) });
  }
  return points;
}

/**
 * Discrete Fréchet distance by dynamic programming over one row (Eiter & Mannila 1994), on
 * squared distances (min and max keep their order under squaring; one square root at the end).
 * Every coupling passes through each row, so once a whole row is at least `cap` the distance is
 * too, and the row's minimum is returned at once.
 */
function discreteFrechet(a: readonly Vertex[], b: readonly Vertex[], cap = Infinity): number {
  const capSquared = cap * cap;
  const m = b.length;
  let previous = new Float64Array(m);
  let current = new Float64Array(m);
  for (let i = 0; i < a.length; i++) {
    const p = a[i] as Vertex;
    for (let j = 0; j < m; j++) {
      const q = b[j] as Vertex;
      const dx = p.x - q.x;
      const dy = p.y - q.y;
      const d = dx * dx + dy * dy;
      let reach: number;
      if (i === 0 && j === 0) reach = d;
      else if (i === 0) reach = Math.max(current[j - 1] as number, d);
      else if (j === 0) reach = Math.max(previous[0] as number, d);
      else reach = Math.max(Math.min(previous[j] as number, previous[j - 1] as number, current[j - 1] as number), d);
      current[j] = reach;
    }
    let rowMin = Infinity;
    for (let j = 0; j < m; j++) rowMin = Math.min(rowMin, current[j] as number);
    if (rowMin >= capSquared) return Math.sqrt(rowMin);
    [previous, current] = [current, previous];
  }
  return Math.sqrt(previous[m - 1] as number);
}
