import type { CrowdPolygonAnswer, InputImageProperties, Polygon } from '@quorum/schema';
import { checkWorkerAnswers, type WorkerAnswer } from './common.js';
import { bounds, checkVertexShape, matchShapes, nameErrors, type ShapeAgreement, type ShapeConsolidationError, type ShapeConsolidationOptions, type Vertex } from './shapes.js';

export type { ShapeConsolidationError, Vertex } from './shapes.js';

/**
 * One consolidated polygon: the group's medoid, with who drew the group and how well they agree.
 * The affinity of its confidence is mask IoU ({@link polygonIoU}); members name `polygonIndex`.
 */
export interface ConsolidatedPolygon extends Polygon, ShapeAgreement<'polygonIndex'> {}

export interface PolygonConsolidationOptions extends ShapeConsolidationOptions {
  /** Two polygons of the same label match when their mask IoU is at least this. Default 0.5. */
  iouThreshold?: number;
}

export interface PolygonConsolidationResult {
  /** Kept polygons, ordered by label, then by the top, then the left of their bounding boxes. */
  polygons: ConsolidatedPolygon[];
  /** Groups below `minAgreement`, so no drawn polygon is lost from the result. */
  dropped: ConsolidatedPolygon[];
  inputImageProperties: InputImageProperties | null;
  /** Number of workers whose answers were used. */
  workerCount: number;
  errors: ShapeConsolidationError[];
}

/** Rows sampled per polygon pair at most; taller pairs are sampled every few pixels. */
const MAX_ROWS = 1024;

/**
 * Mask IoU of two polygons (Jaccard index of the areas they cover), computed by scanline
 * rasterisation rather than exact polygon clipping, because workers draw self-intersecting and
 * degenerate polygons that break clipping algorithms: each pixel row (at its centre, y + 0.5) is
 * cut by both outlines, the even-odd rule turns the crossings into covered x-intervals, and the
 * intersection and union lengths of the two interval sets are added up. Exact along x, sampled
 * once per pixel row in y (every `height / 1024` rows for pairs taller than 1024 pixels).
 * 0 when either polygon covers no sampled area.
 */
export function polygonIoU(a: readonly Vertex[], b: readonly Vertex[]): number {
  const boxA = bounds(a);
  const boxB = bounds(b);
  if (boxA.maxX <= boxB.minX || boxB.maxX <= boxA.minX || boxA.maxY <= boxB.minY || boxB.maxY <= boxA.minY) return 0;
  const top = Math.min(boxA.minY, boxB.minY);
  const bottom = Math.max(boxA.maxY, boxB.maxY);
  const step = Math.max(1, (bottom - top) / MAX_ROWS);
  let intersection = 0;
  let union = 0;
  for (let y = top + step / 2; y < bottom; y += step) {
    const spansA = rowSpans(a, y);
    const spansB = rowSpans(b, y);
    const both = overlapLength(spansA, spansB);
    intersection += both;
    union += totalLength(spansA) + totalLength(spansB) - both;
  }
  return union > 0 ? intersection / union : 0;
}

/** The area a polygon covers (even-odd rule), by the same rasterisation as {@link polygonIoU}. */
export function polygonArea(vertices: readonly Vertex[]): number {
  const box = bounds(vertices);
  const step = Math.max(1, (box.maxY - box.minY) / MAX_ROWS);
  let area = 0;
  for (let y = box.minY + step / 2; y < box.maxY; y += step) area += totalLength(rowSpans(vertices, y)) * step;
  return area;
}

/**
 * Consolidates one data object's `<crowd-polygon>` answers from several workers.
 *
 * Matching: for each label, every pair of polygons from different workers with mask IoU
 * ({@link polygonIoU}) ≥ `iouThreshold` is a candidate. Pairs are taken by decreasing IoU (ties
 * by worker id, then polygon index) and their groups merged when the groups share no worker (a
 * worker's two polygons are never one object) and the mean IoU over all pairs across the two
 * groups is still ≥ `iouThreshold` (average linkage, so a chain of small overlaps does not glue
 * distant polygons together).
 *
 * Consolidated shape: the group's medoid, i.e. the member polygon with the highest mean IoU to
 * the other members (ties: smaller worker id, then polygon index). Vertices are not averaged
 * because workers place different numbers of vertices in different places, so there is no
 * vertex-to-vertex correspondence to average over; the medoid is always a polygon a person drew.
 *
 * Confidence = (group size / workers) × mean IoU of the other members with the medoid; a group of
 * one gets its share of workers only. Groups drawn by fewer than `minAgreement` of the workers go
 * to `dropped`. The result depends neither on the order of the workers nor of their polygons, and
 * renaming labels renames them in the result without changing anything else.
 */
export function consolidatePolygons(answers: readonly WorkerAnswer<CrowdPolygonAnswer>[], options: PolygonConsolidationOptions = {}): PolygonConsolidationResult {
  const iouThreshold = options.iouThreshold ?? 0.5;
  const minAgreement = options.minAgreement ?? 0.5;
  if (!(iouThreshold > 0 && iouThreshold <= 1)) throw new RangeError(`iouThreshold must be in (0, 1], got ${iouThreshold}`);
  if (!(minAgreement >= 0 && minAgreement <= 1)) throw new RangeError(`minAgreement must be in [0, 1], got ${minAgreement}`);
  const { valid, errors, inputImageProperties } = checkWorkerAnswers(answers, 'polygons', (shape) => checkVertexShape(shape, 3));
  const { kept, dropped } = matchShapes(
    valid.map(({ workerId, answer }) => ({ workerId, shapes: answer.polygons })),
    { labels: options.labels, minAgreement, affinity: (a, b) => polygonIoU(a.vertices, b.vertices), minAffinity: iouThreshold, indexKey: 'polygonIndex' },
  );
  return { polygons: kept, dropped, inputImageProperties, workerCount: valid.length, errors: nameErrors(errors, options.dataObjectId) };
}

/** The covered x-intervals of a polygon on the horizontal line at `y` (even-odd rule), as [start, end, start, end, …]. */
function rowSpans(vertices: readonly Vertex[], y: number): number[] {
  const crossings: number[] = [];
  const n = vertices.length;
  for (let i = 0; i < n; i++) {
    const a = vertices[i] as Vertex;
    const b = vertices[(i + 1) % n] as Vertex;
    // Half-open in y so a vertex exactly on the row is counted once.
    if ((a.y <= y && b.y > y) || (b.y <= y && a.y > y)) crossings.push(a.x + ((y - a.y) / (b.y - a.y)) * (b.x - a.x));
  }
  crossings.sort((p, q) => p - q);
  return crossings;
}

function totalLength(spans: readonly number[]): number {
  let length = 0;
  for (let i = 0; i + 1 < spans.length; i += 2) length += (spans[i + 1] as number) - (spans[i] as number);
  return length;
}

/** Length of the intersection of two sorted, disjoint interval lists. */
function overlapLength(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let length = 0;
  while (i + 1 < a.length && j + 1 < b.length) {
    const start = Math.max(a[i] as number, b[j] as number);
    const end = Math.min(a[i + 1] as number, b[j + 1] as number);
    if (end > start) length += end - start;
    if ((a[i + 1] as number) < (b[j + 1] as number)) i += 2;
    else j += 2;
  }
  return length;
}
