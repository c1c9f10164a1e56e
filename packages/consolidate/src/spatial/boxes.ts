import type { BoundingBox, CrowdBoundingBoxAnswer, InputImageProperties } from '@quorum/schema';
import { checkWorkerAnswers, orderLabels, roundConfidence, type SpatialError, type WorkerAnswer } from './common.js';

/** One consolidated box: the members' mean, with how many workers drew it and how well they agree. */
export interface ConsolidatedBox extends BoundingBox {
  /** Agreement in [0, 1], two decimals: (workers who drew it / workers) × mean IoU of the members with this box. */
  confidence: number;
  /** How many workers drew a matching box. */
  workerCount: number;
  /** The members: which worker, and the index of the box in that worker's answer. */
  members: { workerId: string; boxIndex: number }[];
}

export interface BoxConsolidationOptions {
  /** Labels in the order the result lists them (e.g. the job's label categories); others follow, sorted. */
  labels?: readonly string[];
  /** Two boxes of the same label match when their IoU (Jaccard index) is at least this. Default 0.5. */
  iouThreshold?: number;
  /**
   * A group of matching boxes is kept when at least this fraction of the workers drew it.
   * Default 0.5 (a box two of three workers drew is kept, one of three is not).
   */
  minAgreement?: number;
}

export interface BoxConsolidationResult {
  /** Kept boxes, ordered by label (see `labels`), then top, then left. */
  boxes: ConsolidatedBox[];
  /** Groups below `minAgreement`, so no drawn box is lost from the result. */
  dropped: ConsolidatedBox[];
  /** The image size the workers reported (the first valid answer's). */
  inputImageProperties: InputImageProperties | null;
  /** Number of workers whose answers were used. */
  workerCount: number;
  /** Answers that could not be used, with the worker and the reason. */
  errors: SpatialError[];
}

/** Intersection over union of two boxes (0 when either has no area). */
export function intersectionOverUnion(a: BoundingBox, b: BoundingBox): number {
  const width = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const height = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  if (width <= 0 || height <= 0) return 0;
  const intersection = width * height;
  const union = a.width * a.height + b.width * b.height - intersection;
  return union > 0 ? intersection / union : 0;
}

interface Member {
  worker: number;
  workerId: string;
  boxIndex: number;
  box: BoundingBox;
}

/**
 * Consolidates one data object's bounding boxes from several workers, as Ground Truth's built-in
 * bounding-box consolidation does: boxes are matched across workers by IoU (the Jaccard index)
 * and each matched group becomes one averaged box with a confidence from the agreement.
 *
 * Method: for each label separately, every pair of boxes from different workers with
 * IoU ≥ `iouThreshold` is a candidate; pairs are taken by decreasing IoU (ties by worker id, then
 * box index) and their groups merged when the groups have no worker in common (a worker's two
 * boxes are never one object) and the groups' mean boxes still overlap by `iouThreshold`. A
 * group's box is the mean of its members' edges, rounded to whole pixels. Boxes nobody matched
 * stay groups of one. Groups drawn by fewer than `minAgreement` of the workers go to `dropped`.
 *
 * The result depends neither on the order of the workers nor on the order of their boxes.
 * Confidence = (group size / workers) × mean IoU of the members with the group's box; a single
 * worker's boxes get 1.00 (nothing disagrees), so read `workerCount` too.
 */
export function consolidateBoundingBoxes(answers: readonly WorkerAnswer<CrowdBoundingBoxAnswer>[], options: BoxConsolidationOptions = {}): BoxConsolidationResult {
  const iouThreshold = options.iouThreshold ?? 0.5;
  const minAgreement = options.minAgreement ?? 0.5;
  if (!(iouThreshold > 0 && iouThreshold <= 1)) throw new RangeError(`iouThreshold must be in (0, 1], got ${iouThreshold}`);
  if (!(minAgreement >= 0 && minAgreement <= 1)) throw new RangeError(`minAgreement must be in [0, 1], got ${minAgreement}`);
  const { valid, errors, inputImageProperties } = checkWorkerAnswers(answers, 'boundingBoxes', checkBox);
  const workerCount = valid.length;
  const byLabel = new Map<string, Member[]>();
  valid.forEach(({ workerId, answer }, worker) => {
    answer.boundingBoxes.forEach((box, boxIndex) => {
      if (!byLabel.has(box.label)) byLabel.set(box.label, []);
      byLabel.get(box.label)?.push({ worker, workerId, boxIndex, box });
    });
  });
  const labels = orderLabels(byLabel.keys(), options.labels);
  const kept: ConsolidatedBox[] = [];
  const dropped: ConsolidatedBox[] = [];
  for (const label of labels.filter((candidate) => byLabel.has(candidate))) {
    for (const group of groupBoxes(byLabel.get(label) ?? [], iouThreshold)) {
      const consolidated = summarize(label, group, workerCount);
      (consolidated.workerCount / workerCount >= minAgreement ? kept : dropped).push(consolidated);
    }
  }
  const order = (a: ConsolidatedBox, b: ConsolidatedBox): number => labels.indexOf(a.label) - labels.indexOf(b.label) || a.top - b.top || a.left - b.left || a.width - b.width || a.height - b.height;
  return { boxes: kept.sort(order), dropped: dropped.sort(order), inputImageProperties, workerCount, errors };
}

function checkBox(box: unknown): string | null {
  if (!box || typeof box !== 'object') return 'is not an object';
  const { label, left, top, width, height } = box as Record<string, unknown>;
  if (typeof label !== 'string') return 'has no string label';
  for (const [key, value] of Object.entries({ left, top, width, height })) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `has ${key} ${JSON.stringify(value ?? null)}, not a number`;
  }
  if ((width as number) < 0 || (height as number) < 0) return 'has a negative width or height';
  return null;
}

function compareMembers(a: Member, b: Member): number {
  return a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : a.boxIndex - b.boxIndex;
}

function groupBoxes(members: Member[], iouThreshold: number): Member[][] {
  const sorted = [...members].sort(compareMembers);
  const pairs: { iou: number; a: number; b: number }[] = [];
  for (let a = 0; a < sorted.length; a++) {
    for (let b = a + 1; b < sorted.length; b++) {
      const first = sorted[a] as Member;
      const second = sorted[b] as Member;
      if (first.worker === second.worker) continue;
      const iou = intersectionOverUnion(first.box, second.box);
      if (iou >= iouThreshold) pairs.push({ iou, a, b });
    }
  }
  pairs.sort((x, y) => y.iou - x.iou || x.a - y.a || x.b - y.b);
  const groupOf = sorted.map((_, index) => index);
  const groups = new Map<number, number[]>(sorted.map((_, index) => [index, [index]]));
  const membersOf = (group: number): Member[] => (groups.get(group) as number[]).map((index) => sorted[index] as Member);
  for (const { a, b } of pairs) {
    const ga = groupOf[a] as number;
    const gb = groupOf[b] as number;
    if (ga === gb) continue;
    const first = membersOf(ga);
    const second = membersOf(gb);
    const workers = new Set(first.map((member) => member.worker));
    if (second.some((member) => workers.has(member.worker))) continue;
    if (intersectionOverUnion(meanBox(first), meanBox(second)) < iouThreshold) continue;
    const [keep, drop] = ga < gb ? [ga, gb] : [gb, ga];
    const merged = [...(groups.get(keep) as number[]), ...(groups.get(drop) as number[])];
    groups.set(keep, merged);
    groups.delete(drop);
    for (const index of merged) groupOf[index] = keep;
  }
  return [...groups.keys()].map(membersOf);
}

function meanBox(group: readonly Member[]): BoundingBox {
  let left = 0;
  let top = 0;
  let right = 0;
  let bottom = 0;
  for (const { box } of group) {
    left += box.left;
    top += box.top;
    right += box.left + box.width;
    bottom += box.top + box.height;
  }
  const n = group.length;
  const l = Math.round(left / n);
  const t = Math.round(top / n);
  return { label: group[0]?.box.label ?? '', left: l, top: t, width: Math.max(0, Math.round(right / n) - l), height: Math.max(0, Math.round(bottom / n) - t) };
}

function summarize(label: string, group: Member[], workerCount: number): ConsolidatedBox {
  const box = meanBox(group);
  // A box alone agrees with itself (also when it has no area, where IoU is undefined).
  const tightness = group.length === 1 ? 1 : group.reduce((sum, member) => sum + intersectionOverUnion(member.box, box), 0) / group.length;
  return {
    label,
    left: box.left,
    top: box.top,
    width: box.width,
    height: box.height,
    confidence: roundConfidence((group.length / workerCount) * tightness),
    workerCount: group.length,
    members: [...group].sort(compareMembers).map(({ workerId, boxIndex }) => ({ workerId, boxIndex })),
  };
}
