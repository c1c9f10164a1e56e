/**
 * What polygon and line consolidation share: checking vertex shapes, grouping each label's shapes
 * of several workers by a pairwise affinity, and taking each group's medoid.
 */
import { groupByAverageLinkage, orderLabels, roundConfidence, type CandidatePair, type SpatialError } from './common.js';

/** A vertex in natural image pixels. */
export interface Vertex {
  x: number;
  y: number;
}

/** An answer that could not be used, naming the data object (when the caller gave it), the worker and the problem. */
export interface ShapeConsolidationError extends SpatialError {
  dataObjectId?: string;
}

/** Options every vertex-shape consolidation takes. */
export interface ShapeConsolidationOptions {
  /** Labels in the order the result lists them (e.g. the job's label categories); others follow, sorted. */
  labels?: readonly string[];
  /** A group is kept when at least this fraction of the workers drew it. Default 0.5. */
  minAgreement?: number;
  /** The data object's id, named in every error so a report can be traced back. */
  dataObjectId?: string;
}

/** What a consolidated polygon or path carries besides its label and vertices; `K` names the shape's index in a member's answer. */
export type ShapeAgreement<K extends string> = {
  /** Agreement in [0, 1], two decimals: (workers in the group / workers) × mean affinity of the other members with this shape. */
  confidence: number;
  /** How many workers drew a matching shape. */
  workerCount: number;
  /** The members: which worker, the index of the shape in that worker's answer (under `K`); `chosen` marks the medoid. */
  members: ({ workerId: string; chosen: boolean } & { [P in K]: number })[];
};

/** A consolidated polygon or path: the chosen shape and its agreement. */
export type ConsolidatedShape<K extends string> = { label: string; vertices: Vertex[] } & ShapeAgreement<K>;

/** One shape of one worker, with the worker's position among the valid answers. */
export interface ShapeMember {
  worker: number;
  workerId: string;
  index: number;
  vertices: Vertex[];
}

export interface ShapeMatchOptions<K extends string> {
  labels: readonly string[] | undefined;
  minAgreement: number;
  /** How alike two shapes of different workers are; higher is closer. */
  affinity: (a: ShapeMember, b: ShapeMember) => number;
  /** Pairs below this affinity never match, and merged groups keep at least this mean affinity. */
  minAffinity: number;
  /** The key under which a member names the index of its shape. */
  indexKey: K;
}

/**
 * Groups each label's shapes (see {@link groupByAverageLinkage}; members in the canonical order of
 * {@link sortMembers}) and gives each group its medoid: the member with the highest mean affinity
 * to the others (ties: the first in canonical order), a shape a person drew. Groups drawn by at
 * least `minAgreement` of the workers are kept, the others dropped; both lists are ordered by
 * label, then by the top, then the left of the chosen shape's bounding box, then the members'
 * worker ids.
 */
export function matchShapes<K extends string>(
  workers: readonly { workerId: string; shapes: readonly { label: string; vertices: Vertex[] }[] }[],
  options: ShapeMatchOptions<K>,
): { kept: ConsolidatedShape<K>[]; dropped: ConsolidatedShape<K>[] } {
  type Consolidated = ConsolidatedShape<K>;
  const workerCount = workers.length;
  const byLabel = groupMembersByLabel(workers);
  const labels = orderLabels(byLabel.keys(), options.labels);
  const kept: Consolidated[] = [];
  const dropped: Consolidated[] = [];
  for (const label of labels.filter((candidate) => byLabel.has(candidate))) {
    const members = sortMembers(byLabel.get(label) ?? []);
    const affinity = affinityMatrix(members, options.affinity);
    for (const group of groupByAffinity(members, affinity, options.minAffinity)) {
      const { medoid, meanAffinity } = pickMedoid(group, affinity);
      const chosen = members[medoid] as ShapeMember;
      const consolidated = {
        label,
        vertices: chosen.vertices.map(({ x, y }) => ({ x, y })),
        confidence: roundConfidence((group.length / workerCount) * meanAffinity),
        workerCount: group.length,
        members: group.map((index) => {
          const member = members[index] as ShapeMember;
          return { workerId: member.workerId, [options.indexKey]: member.index, chosen: index === medoid };
        }),
      } as Consolidated;
      (group.length / workerCount >= options.minAgreement ? kept : dropped).push(consolidated);
    }
  }
  const order = (a: Consolidated, b: Consolidated): number => {
    const boxA = bounds(a.vertices);
    const boxB = bounds(b.vertices);
    return labels.indexOf(a.label) - labels.indexOf(b.label) || boxA.minY - boxB.minY || boxA.minX - boxB.minX || compareMemberLists(a.members, b.members);
  };
  return { kept: kept.sort(order), dropped: dropped.sort(order) };
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
function groupMembersByLabel(workers: readonly { workerId: string; shapes: readonly { label: string; vertices: Vertex[] }[] }[]): Map<string, ShapeMember[]> {
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
function sortMembers(members: readonly ShapeMember[]): ShapeMember[] {
  const keyed = members.map((member) => ({ member, key: JSON.stringify(member.vertices.map(({ x, y }) => [x, y])) }));
  keyed.sort((a, b) => compareText(a.member.workerId, b.member.workerId) || compareText(a.key, b.key) || a.member.index - b.member.index);
  return keyed.map(({ member }) => member);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pairwise affinity between members of different workers (NaN on the diagonal and within a worker). */
function affinityMatrix(members: readonly ShapeMember[], affinity: (a: ShapeMember, b: ShapeMember) => number): Float64Array {
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

/** {@link groupByAverageLinkage} on an affinity matrix of {@link affinityMatrix}. */
function groupByAffinity(members: readonly ShapeMember[], affinity: Float64Array, minAffinity: number): number[][] {
  const n = members.length;
  const pairs: CandidatePair[] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) pairs.push({ value: affinity[a * n + b] as number, a, b });
  return groupByAverageLinkage(
    members.map((member) => member.worker),
    pairs,
    (a, b) => affinity[a * n + b] as number,
    minAffinity,
  );
}

/** The member with the highest mean affinity to the others (ties: the first in canonical order), and that mean (1 for a group of one). */
function pickMedoid(group: readonly number[], affinity: Float64Array): { medoid: number; meanAffinity: number } {
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
function compareMemberLists(a: readonly { workerId: string }[], b: readonly { workerId: string }[]): number {
  return compareText(a.map((member) => member.workerId).join('\u0000'), b.map((member) => member.workerId).join('\u0000'));
}

/** The bounding box of some vertices. */
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

