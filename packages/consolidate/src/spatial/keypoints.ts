import type { CrowdKeypointAnswer, InputImageProperties, Keypoint } from '@quorum/schema';
import { checkWorkerAnswers, orderLabels, roundConfidence, type SpatialError, type WorkerAnswer } from './common.js';

/** One consolidated keypoint: the members' mean, with how many workers placed it and how close they were. */
export interface ConsolidatedKeypoint extends Keypoint {
  /** Agreement in [0, 1], two decimals: (workers who placed it / workers) × (1 − mean distance to it / maxDistance). */
  confidence: number;
  /** How many workers placed a matching point. */
  workerCount: number;
  /** The members: which worker, and the index of the point in that worker's answer. */
  members: { workerId: string; pointIndex: number }[];
}

export interface KeypointConsolidationOptions {
  /** Labels in the order the result lists them (e.g. the job's label categories); others follow, sorted. */
  labels?: readonly string[];
  /**
   * Two points of the same label are the same keypoint when at most this many pixels apart.
   * Default: 2% of the image diagonal when the answers give the image size, else 10 pixels.
   */
  maxDistance?: number;
  /** A cluster is kept when at least this fraction of the workers placed it. Default 0.5. */
  minAgreement?: number;
}

export interface KeypointConsolidationResult {
  /** Kept points, ordered by label (see `labels`), then y, then x. */
  keypoints: ConsolidatedKeypoint[];
  /** Clusters below `minAgreement`, so no placed point is lost from the result. */
  dropped: ConsolidatedKeypoint[];
  inputImageProperties: InputImageProperties | null;
  /** The distance used to match points. */
  maxDistance: number;
  workerCount: number;
  errors: SpatialError[];
}

interface Member {
  worker: number;
  workerId: string;
  pointIndex: number;
  x: number;
  y: number;
}

/**
 * Consolidates one data object's keypoints from several workers by clustering each label's
 * points: pairs of points from different workers no further apart than `maxDistance` are taken
 * nearest first (ties by worker id, then point index) and their clusters merged when the clusters
 * share no worker and their centroids are still within `maxDistance`. A cluster's point is the
 * mean, rounded to whole pixels. Clusters placed by fewer than `minAgreement` of the workers go
 * to `dropped`. The result depends neither on the order of workers nor of their points.
 */
export function consolidateKeypoints(answers: readonly WorkerAnswer<CrowdKeypointAnswer>[], options: KeypointConsolidationOptions = {}): KeypointConsolidationResult {
  const minAgreement = options.minAgreement ?? 0.5;
  if (!(minAgreement >= 0 && minAgreement <= 1)) throw new RangeError(`minAgreement must be in [0, 1], got ${minAgreement}`);
  const { valid, errors, inputImageProperties } = checkWorkerAnswers(answers, 'keypoints', checkPoint);
  const maxDistance = options.maxDistance ?? (inputImageProperties ? 0.02 * Math.hypot(inputImageProperties.width, inputImageProperties.height) : 10);
  if (!(maxDistance > 0)) throw new RangeError(`maxDistance must be positive, got ${maxDistance}`);
  const workerCount = valid.length;
  const byLabel = new Map<string, Member[]>();
  valid.forEach(({ workerId, answer }, worker) => {
    answer.keypoints.forEach((point, pointIndex) => {
      if (!byLabel.has(point.label)) byLabel.set(point.label, []);
      byLabel.get(point.label)?.push({ worker, workerId, pointIndex, x: point.x, y: point.y });
    });
  });
  const labels = orderLabels(byLabel.keys(), options.labels);
  const kept: ConsolidatedKeypoint[] = [];
  const dropped: ConsolidatedKeypoint[] = [];
  for (const label of labels.filter((candidate) => byLabel.has(candidate))) {
    for (const cluster of clusterPoints(byLabel.get(label) ?? [], maxDistance)) {
      const point = summarize(label, cluster, workerCount, maxDistance);
      (point.workerCount / workerCount >= minAgreement ? kept : dropped).push(point);
    }
  }
  const order = (a: ConsolidatedKeypoint, b: ConsolidatedKeypoint): number => labels.indexOf(a.label) - labels.indexOf(b.label) || a.y - b.y || a.x - b.x;
  return { keypoints: kept.sort(order), dropped: dropped.sort(order), inputImageProperties, maxDistance, workerCount, errors };
}

function checkPoint(point: unknown): string | null {
  if (!point || typeof point !== 'object') return 'is not an object';
  const { label, x, y } = point as Record<string, unknown>;
  if (typeof label !== 'string') return 'has no string label';
  for (const [key, value] of Object.entries({ x, y })) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `has ${key} ${JSON.stringify(value ?? null)}, not a number`;
  }
  return null;
}

function compareMembers(a: Member, b: Member): number {
  return a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : a.pointIndex - b.pointIndex;
}

function centroid(cluster: readonly Member[]): { x: number; y: number } {
  const x = cluster.reduce((sum, member) => sum + member.x, 0) / cluster.length;
  const y = cluster.reduce((sum, member) => sum + member.y, 0) / cluster.length;
  return { x, y };
}

function clusterPoints(members: Member[], maxDistance: number): Member[][] {
  const sorted = [...members].sort(compareMembers);
  const pairs: { distance: number; a: number; b: number }[] = [];
  for (let a = 0; a < sorted.length; a++) {
    for (let b = a + 1; b < sorted.length; b++) {
      const first = sorted[a] as Member;
      const second = sorted[b] as Member;
      if (first.worker === second.worker) continue;
      const distance = Math.hypot(first.x - second.x, first.y - second.y);
      if (distance <= maxDistance) pairs.push({ distance, a, b });
    }
  }
  pairs.sort((p, q) => p.distance - q.distance || p.a - q.a || p.b - q.b);
  const clusterOf = sorted.map((_, index) => index);
  const clusters = new Map<number, number[]>(sorted.map((_, index) => [index, [index]]));
  for (const { a, b } of pairs) {
    const ca = clusterOf[a] as number;
    const cb = clusterOf[b] as number;
    if (ca === cb) continue;
    const first = (clusters.get(ca) as number[]).map((index) => sorted[index] as Member);
    const second = (clusters.get(cb) as number[]).map((index) => sorted[index] as Member);
    const workers = new Set(first.map((member) => member.worker));
    if (second.some((member) => workers.has(member.worker))) continue;
    const p = centroid(first);
    const q = centroid(second);
    if (Math.hypot(p.x - q.x, p.y - q.y) > maxDistance) continue;
    const [keep, drop] = ca < cb ? [ca, cb] : [cb, ca];
    const merged = [...(clusters.get(keep) as number[]), ...(clusters.get(drop) as number[])];
    clusters.set(keep, merged);
    clusters.delete(drop);
    for (const index of merged) clusterOf[index] = keep;
  }
  return [...clusters.values()].map((indices) => indices.map((index) => sorted[index] as Member));
}

function summarize(label: string, cluster: Member[], workerCount: number, maxDistance: number): ConsolidatedKeypoint {
  const center = centroid(cluster);
  const spread = cluster.reduce((sum, member) => sum + Math.hypot(member.x - center.x, member.y - center.y), 0) / cluster.length;
  return {
    label,
    x: Math.round(center.x),
    y: Math.round(center.y),
    confidence: roundConfidence((cluster.length / workerCount) * (1 - spread / maxDistance)),
    workerCount: cluster.length,
    members: [...cluster].sort(compareMembers).map(({ workerId, pointIndex }) => ({ workerId, pointIndex })),
  };
}
