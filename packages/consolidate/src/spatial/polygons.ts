import type { CrowdPolygonAnswer, InputImageProperties, Polygon } from '@quorum/schema';
import { checkWorkerAnswers, orderLabels, roundConfidence, type SpatialError, type WorkerAnswer } from './common.js';

/** A vertex in natural image pixels. */
export interface Vertex {
  x: number;
  y: number;
}

/** An answer that could not be used, naming the data object (when the caller gave it), the worker and the problem. */
export interface ShapeConsolidationError extends SpatialError {
  dataObjectId?: string;
}

/** One consolidated polygon: the group's medoid, with who drew the group and how well they agree. */
export interface ConsolidatedPolygon extends Polygon {
  /** Agreement in [0, 1], two decimals: (workers in the group / workers) × mean IoU of the other members with this polygon. */
  confidence: number;
  /** How many workers drew a matching polygon. */
  workerCount: number;
  /** The members: which worker, and the index of the polygon in that worker's answer; `chosen` marks the medoid. */
  members: { workerId: string; polygonIndex: number; chosen: boolean }[];
}

export interface PolygonConsolidationOptions {
  /** Labels in the order the result lists them (e.g. the job's label categories); others follow, sorted. */
  labels?: readonly string[];
  /** Two polygons of the same label match when their mask IoU is at least this. Default 0.5. */
  iouThreshold?: number;
  /** A group is kept when at least this fraction of the workers drew it. Default 0.5. */
  minAgreement?: number;
  /** The data object's id, named in every error so a report can be traced back. */
  dataObjectId?: string;
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

/** One shape of one worker, with the worker's position among the valid answers. */
export interface ShapeMember {
  worker: number;
  workerId: string;
  index: number;
  vertices: Vertex[];
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
  const workerCount = valid.length;
  const byLabel = groupMembersByLabel(valid.map(({ workerId, answer }) => ({ workerId, shapes: answer.polygons })));
  const labels = orderLabels(byLabel.keys(), options.labels);
  const kept: ConsolidatedPolygon[] = [];
  const dropped: ConsolidatedPolygon[] = [];
  for (const label of labels.filter((candidate) => byLabel.has(candidate))) {
    const members = sortMembers(byLabel.get(label) ?? []);
    const affinity = affinityMatrix(members, (a, b) => polygonIoU(a.vertices, b.vertices));
    for (const group of groupByAffinity(members, affinity, iouThreshold)) {
      const { medoid, meanAffinity } = pickMedoid(group, affinity);
      const chosen = members[medoid] as ShapeMember;
      const consolidated: ConsolidatedPolygon = {
        label,
        vertices: chosen.vertices.map(({ x, y }) => ({ x, y })),
        confidence: roundConfidence((group.length / workerCount) * meanAffinity),
        workerCount: group.length,
        members: group.map((index) => {
          const member = members[index] as ShapeMember;
          return { workerId: member.workerId, polygonIndex: member.index, chosen: index === medoid };
        }),
      };
      (group.length / workerCount >= minAgreement ? kept : dropped).push(consolidated);
    }
  }
  const order = (a: ConsolidatedPolygon, b: ConsolidatedPolygon): number => {
    const boxA = bounds(a.vertices);
    const boxB = bounds(b.vertices);
    return labels.indexOf(a.label) - labels.indexOf(b.label) || boxA.minY - boxB.minY || boxA.minX - boxB.minX || compareMemberLists(a.members, b.members);
  };
  return { polygons: kept.sort(order), dropped: dropped.sort(order), inputImageProperties, workerCount, errors: nameErrors(errors, options.dataObjectId) };
}

/** Checks one polygon or line of an answer: a string label and at least `minVertices` finite vertices. */
export function checkVertexShape(shape: unknown, minVertices: number, maxVertices = Infinity): string | null {
  if (!shape || typeof shape !== 'object') return 'is not an object';
  const { label, vertices } = shape as Record<string, unknown>;
  if (typeof label !== 'string') return 'has no string label';
  if (!Array.isArray(vertices)) return 'has no vertices array';
  if (vertices.length < minVertices) return `has ${vertices.length} vertices, needs at least ${minVertices}`;
  if (vertices.length > maxVertices) return `has ${vertices.length} vertices, at most ${maxVertices} allowed`;
  for (let index = 0; index < vertices.length; index++) {
    const vertex = vertices[index] as Record<string, unknown> | null;
    if (!vertex || typeof vertex !== 'object' || typeof vertex['x'] !== 'number' || typeof vertex['y'] !== 'number' || !Number.isFinite(vertex['x']) || !Number.isFinite(vertex['y'])) {
      return `has vertex ${index} ${JSON.stringify(vertex ?? null)}, not {x, y} numbers`;
    }
  }
  return null;
}

/** Adds the data object's id to each error (field and message), so a batch report says where. */
export function nameErrors(errors: readonly SpatialError[], dataObjectId: string | undefined): ShapeConsolidationError[] {
  if (dataObjectId === undefined) return [...errors];
  return errors.map((error) => ({ dataObjectId, workerId: error.workerId, message: `data object ${dataObjectId}, worker ${error.workerId}: ${error.message}` }));
}

/** Each label's shapes from all workers, with the worker's position and the shape's index. */
export function groupMembersByLabel(workers: readonly { workerId: string; shapes: readonly { label: string; vertices: Vertex[] }[] }[]): Map<string, ShapeMember[]> {
  const byLabel = new Map<string, ShapeMember[]>();
  workers.forEach(({ workerId, shapes }, worker) => {
    shapes.forEach((shape, index) => {
      let list = byLabel.get(shape.label);
      if (!list) byLabel.set(shape.label, (list = []));
      list.push({ worker, workerId, index, vertices: shape.vertices.map(({ x, y }) => ({ x, y })) });
    });
  });
  return byLabel;
}

/**
 * Members in a canonical order: worker id, then the shape's vertices, then its index. Ordering a
 * worker's shapes by geometry rather than by position makes every tie-break (equal IoU, equal
 * mean distance) independent of the order in which the worker drew them.
 */
export function sortMembers(members: readonly ShapeMember[]): ShapeMember[] {
  const keyed = members.map((member) => ({ member, key: JSON.stringify(member.vertices.map(({ x, y }) => [x, y])) }));
  keyed.sort((a, b) => compareText(a.member.workerId, b.member.workerId) || compareText(a.key, b.key) || a.member.index - b.member.index);
  return keyed.map(({ member }) => member);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pairwise affinity between members of different workers (NaN on the diagonal and within a worker). */
export function affinityMatrix(members: readonly ShapeMember[], affinity: (a: ShapeMember, b: ShapeMember) => number): Float64Array {
  const n = members.length;
  const matrix = new Float64Array(n * n).fill(Number.NaN);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const first = members[a] as ShapeMember;
      const second = members[b] as ShapeMember;
      if (first.worker === second.worker) continue;
      const value = affinity(first, second);
      matrix[a * n + b] = value;
      matrix[b * n + a] = value;
    }
  }
  return matrix;
}

/**
 * Greedy average-linkage grouping: pairs with affinity ≥ `minAffinity`, best first (ties by the
 * members' canonical order), merge their groups when no worker is in both and the mean affinity
 * over all cross pairs is ≥ `minAffinity`. Returns groups of member indices, each sorted, in order
 * of their first member.
 */
export function groupByAffinity(members: readonly ShapeMember[], affinity: Float64Array, minAffinity: number): number[][] {
  const n = members.length;
  const pairs: { value: number; a: number; b: number }[] = [];
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const value = affinity[a * n + b] as number;
      if (value >= minAffinity) pairs.push({ value, a, b });
    }
  }
  pairs.sort((x, y) => y.value - x.value || x.a - y.a || x.b - y.b);
  const groupOf = members.map((_, index) => index);
  const groups = new Map<number, number[]>(members.map((_, index) => [index, [index]]));
  for (const { a, b } of pairs) {
    const ga = groupOf[a] as number;
    const gb = groupOf[b] as number;
    if (ga === gb) continue;
    const first = groups.get(ga) as number[];
    const second = groups.get(gb) as number[];
    const workers = new Set(first.map((index) => (members[index] as ShapeMember).worker));
    if (second.some((index) => workers.has((members[index] as ShapeMember).worker))) continue;
    let sum = 0;
    for (const i of first) for (const j of second) sum += affinity[i * n + j] as number;
    if (sum / (first.length * second.length) < minAffinity) continue;
    const [keep, drop] = ga < gb ? [ga, gb] : [gb, ga];
    const merged = [...(groups.get(keep) as number[]), ...(groups.get(drop) as number[])].sort((x, y) => x - y);
    groups.set(keep, merged);
    groups.delete(drop);
    for (const index of merged) groupOf[index] = keep;
  }
  return [...groups.values()].sort((x, y) => (x[0] as number) - (y[0] as number));
}

/** The member with the highest mean affinity to the others (ties: the first in canonical order), and that mean (1 for a group of one). */
export function pickMedoid(group: readonly number[], affinity: Float64Array): { medoid: number; meanAffinity: number } {
  const n = Math.round(Math.sqrt(affinity.length));
  if (group.length === 1) return { medoid: group[0] as number, meanAffinity: 1 };
  let best = group[0] as number;
  let bestMean = -Infinity;
  for (const candidate of group) {
    let sum = 0;
    for (const other of group) if (other !== candidate) sum += affinity[candidate * n + other] as number;
    const mean = sum / (group.length - 1);
    if (mean > bestMean) {
      bestMean = mean;
      best = candidate;
    }
  }
  return { medoid: best, meanAffinity: bestMean };
}

/** Orders two member lists by their worker ids, so that shapes at the same place still sort deterministically. */
export function compareMemberLists(a: readonly { workerId: string }[], b: readonly { workerId: string }[]): number {
  return compareText(a.map((member) => member.workerId).join('\u0000'), b.map((member) => member.workerId).join('\u0000'));
}

export function bounds(vertices: readonly Vertex[]): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of vertices) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
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
