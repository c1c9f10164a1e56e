/**
 * Consolidation of `<crowd-instance-segmentation>` answers: every worker paints each object
 * (instance) in its own colour and labels it; the instances of several workers are matched by
 * mask IoU and each agreed instance becomes one consolidated mask by a pixel-wise majority.
 *
 * Method, for one data object:
 *
 * 1. **Decode.** Each worker's `labeledImage` PNG is read into instance ids through that worker's
 *    own `instances` list (colour → instance). Transparent pixels, and `#ffffff` pixels when no
 *    instance of that worker has that colour, are unlabeled; any other colour is an error of that
 *    worker, as is a PNG that is corrupt or of another size than `inputImageProperties` or the
 *    other workers' images. An instance listed without a single pixel marks nothing and is ignored.
 * 2. **Match.** Instances are compared by mask IoU (intersection over union of their pixel sets),
 *    only within one label and only across workers. Candidate pairs with IoU ≥ `iouThreshold`
 *    (default 0.5) are taken by decreasing IoU (ties by worker id, then the instance's position in
 *    the worker's list) and their groups merged, as box consolidation does
 *    (`consolidateBoundingBoxes`), when the two groups have no worker in common (one worker's two
 *    instances are never one object) and the mean IoU over all pairs across the two groups is still
 *    ≥ `iouThreshold` (so a chain A≈B≈C whose ends do not overlap is not one object). Instances
 *    nobody matched stay groups of one.
 * 3. **Keep.** A group drawn by at least `minAgreement` of the workers (default 0.5: two of three,
 *    two of four) is kept; the others are reported in `dropped` with reason `agreement`.
 * 4. **Vote.** A pixel belongs to a kept group's mask when strictly more than half of the group's
 *    members painted it into their instance — the same rule as the semantic consolidation, where a
 *    tie leaves a pixel unlabeled. A two-worker group thus keeps the pixels both painted.
 * 5. **Resolve overlaps.** A pixel in the masks of several kept groups goes to the group with the
 *    larger vote share (members who painted it / all workers); a tie goes to the group whose first
 *    member (by worker id, then position) comes first. A kept group left with no pixel is reported in
 *    `dropped` with reason `overlapped`.
 * 6. **Confidence** = (group size / workers) × mean IoU of the members' masks with the consolidated
 *    mask, two decimals. A single worker's instances get 1.00 (nothing disagrees), so read
 *    `workerCount` too.
 *
 * Output: an 8-bit palette PNG (index 0 = unlabeled, transparent white, so both conventions read it
 * as unlabeled; index i = the i-th instance) and `instances: [{color, label, confidence}]` in reading
 * order of their masks (by the first pixel, row by row), coloured from {@link INSTANCE_PALETTE} in
 * that order. The result depends neither on the order of the workers nor on the names of the labels
 * (renaming labels renames them in the result and changes nothing else).
 */
import type { CrowdInstanceSegmentationAnswer, InputImageProperties } from '@quorum/schema';
import { groupByAverageLinkage, roundConfidence, type CandidatePair, type WorkerAnswer } from './common.js';
import { AnswerError, colorKey, decodeLabelImage, decodeWorkerAnswers, type SegmentationError } from './label-image.js';
import { encodeIndexedPng, parseHexColor, toHexColor } from './png.js';

/**
 * Colours of consolidated instances, in order: a copy of `INSTANCE_COLORS` of
 * packages/elements/src/crowd-instance-segmentation/crowd-instance-segmentation.ts (d3's
 * category20: Ground Truth's label palette, then its lighter companions), copied because
 * consolidate never imports elements. Keep the two lists equal. Instances beyond these get other
 * distinct colours.
 */
export const INSTANCE_PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#c7c7c7', '#dbdb8d', '#9edae5',
];

/** A label image holds at most this many instances besides "unlabeled". */
export const MAX_INSTANCES = 255;

export interface InstanceSegmentationOptions {
  /** Two instances of one label match when their mask IoU is at least this. Default 0.5. */
  iouThreshold?: number;
  /** A group of matching instances is kept when at least this fraction of the workers drew it. Default 0.5. */
  minAgreement?: number;
  /** Names the data object in error messages. */
  datasetObjectId?: string;
}

/** One worker's instance in a group: the worker, and the instance's position in that worker's `instances`. */
export interface InstanceMember {
  workerId: string;
  instanceIndex: number;
}

/** One consolidated instance. */
export interface ConsolidatedInstance {
  /** Its colour in {@link InstanceSegmentationResult.png}. */
  color: string;
  label: string;
  /** (workers who drew it / workers) × mean IoU of their masks with this mask, two decimals. */
  confidence: number;
  /** How many workers drew a matching instance. */
  workerCount: number;
  /** Pixels of the consolidated mask. */
  pixelCount: number;
  members: InstanceMember[];
}

/** A group of matching instances that is not in the result, and why. */
export interface DroppedInstance {
  label: string;
  /**
   * `agreement`: fewer than `minAgreement` of the workers drew it; `overlapped`: every pixel of its
   * mask went to instances with more votes; `limit`: more than {@link MAX_INSTANCES} instances were
   * kept, and this one had fewer workers than those kept.
   */
  reason: 'agreement' | 'overlapped' | 'limit';
  /** As for a kept instance, measured on the group's own majority mask (before overlaps are resolved). */
  confidence: number;
  workerCount: number;
  /** Pixels of the group's own majority mask. */
  pixelCount: number;
  members: InstanceMember[];
}

export interface InstanceSegmentationResult {
  /** The consolidated label image: an 8-bit palette PNG; palette index 0 is unlabeled, index i the instance `instances[i - 1]`. */
  png: Uint8Array;
  /** The instance of each pixel, row by row: 0 = none, i = `instances[i - 1]`. */
  instanceMap: Uint8Array;
  inputImageProperties: InputImageProperties;
  /** Kept instances in reading order of their masks. */
  instances: ConsolidatedInstance[];
  /** Groups not kept, in the order of their first member (by worker id, then position), so no drawn instance is lost from the result. */
  dropped: DroppedInstance[];
  /** Workers whose answers were used, in the order given. */
  workerIds: string[];
  /** Answers that could not be used; they do not vote. */
  errors: SegmentationError[];
}

interface DecodedAnswer {
  workerId: string;
  /** Instance of each pixel: 0 = none, k = `instances[k - 1]`. */
  ids: Uint8Array;
  instances: { color: string; label: string }[];
  /** Pixels of each instance, by instance id (index 0 unused). */
  areas: Int32Array;
}

interface Member {
  worker: number;
  workerId: string;
  instanceIndex: number;
  label: string;
  area: number;
}

/** Names this consolidation in errors that name neither a data object nor a worker. */
const SUBJECT = 'instance segmentation';

/**
 * Consolidates one data object's instance segmentation answers (see the method at the top of this
 * module). Errors name the data object, the worker and what is wrong; such an answer does not vote.
 * When no answer is usable, throws a {@link SegmentationConsolidationError} holding them all.
 */
export async function consolidateInstanceSegmentation(
  answers: readonly WorkerAnswer<CrowdInstanceSegmentationAnswer>[],
  options: InstanceSegmentationOptions = {},
): Promise<InstanceSegmentationResult> {
  const iouThreshold = options.iouThreshold ?? 0.5;
  const minAgreement = options.minAgreement ?? 0.5;
  if (!(iouThreshold > 0 && iouThreshold <= 1)) throw new RangeError(`iouThreshold must be in (0, 1], got ${iouThreshold}`);
  if (!(minAgreement >= 0 && minAgreement <= 1)) throw new RangeError(`minAgreement must be in [0, 1], got ${minAgreement}`);
  const { decoded, size, errors } = await decodeWorkerAnswers(answers, options.datasetObjectId, SUBJECT, decodeAnswer);
  const pixelCount = size.width * size.height;
  const workerCount = decoded.length;

  // Members in a canonical order (worker id, then position), so nothing depends on the order of the answers.
  const members: Member[] = [];
  decoded.forEach((answer, worker) => {
    answer.instances.forEach((instance, index) => {
      const area = answer.areas[index + 1] as number;
      if (area > 0) members.push({ worker, workerId: answer.workerId, instanceIndex: index, label: instance.label, area });
    });
  });
  members.sort((a, b) => (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : a.instanceIndex - b.instanceIndex));
  const memberOf = decoded.map((answer) => new Int32Array(answer.instances.length + 1).fill(-1));
  members.forEach((member, m) => {
    (memberOf[member.worker] as Int32Array)[member.instanceIndex + 1] = m;
  });

  const ious = pairwiseIous(decoded, members, memberOf, pixelCount);
  const groups = groupMembers(members, ious, iouThreshold);
  const groupOf = new Int32Array(members.length);
  groups.forEach((group, g) => group.forEach((m) => (groupOf[m] = g)));
  const sizes = Int32Array.from(groups, (group) => group.length);

  // Keep by agreement; beyond what a palette holds, those drawn by the most workers (then the earlier group).
  const reasons: (DroppedInstance['reason'] | null)[] = groups.map((group) => (group.length / workerCount >= minAgreement ? null : 'agreement'));
  const keptIds = groups.map((_, g) => g).filter((g) => reasons[g] === null);
  if (keptIds.length > MAX_INSTANCES) {
    keptIds.sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
    for (const g of keptIds.slice(MAX_INSTANCES)) reasons[g] = 'limit';
  }
  const kept = Uint8Array.from(reasons, (reason) => (reason === null ? 1 : 0));

  // One pass over the pixels: each group's own majority mask, the winner of each pixel, and the overlaps with each member.
  const votes = new Int32Array(groups.length);
  const touched = new Int32Array(Math.max(1, workerCount));
  // The members that painted the current pixel (at most one a worker).
  const painted = new Int32Array(Math.max(1, workerCount));
  const ownArea = new Int32Array(groups.length);
  const finalArea = new Int32Array(groups.length);
  const firstPixel = new Int32Array(groups.length).fill(-1);
  const ownIntersection = new Int32Array(members.length);
  const finalIntersection = new Int32Array(members.length);
  const winners = new Int32Array(pixelCount).fill(-1);
  for (let pixel = 0; pixel < pixelCount; pixel++) {
    let touchedCount = 0;
    let paintedCount = 0;
    for (let worker = 0; worker < workerCount; worker++) {
      const id = (decoded[worker] as DecodedAnswer).ids[pixel] as number;
      if (id === 0) continue;
      const m = (memberOf[worker] as Int32Array)[id] as number;
      if (m < 0) continue;
      painted[paintedCount++] = m;
      const g = groupOf[m] as number;
      if (votes[g] === 0) touched[touchedCount++] = g;
      votes[g]!++;
    }
    if (touchedCount === 0) continue;
    let best = -1;
    for (let t = 0; t < touchedCount; t++) {
      const g = touched[t] as number;
      const count = votes[g] as number;
      if (2 * count <= (sizes[g] as number)) continue;
      ownArea[g]!++;
      if (kept[g] && (best < 0 || count > (votes[best] as number) || (count === votes[best] && g < best))) best = g;
    }
    if (best >= 0) {
      winners[pixel] = best;
      if (firstPixel[best] === -1) firstPixel[best] = pixel;
      finalArea[best]!++;
    }
    for (let p = 0; p < paintedCount; p++) {
      const m = painted[p] as number;
      const g = groupOf[m] as number;
      if (2 * (votes[g] as number) > (sizes[g] as number)) ownIntersection[m]!++;
      if (g === best) finalIntersection[m]!++;
    }
    for (let t = 0; t < touchedCount; t++) votes[touched[t] as number] = 0;
  }
  groups.forEach((_, g) => {
    if (kept[g] && finalArea[g] === 0) reasons[g] = 'overlapped';
  });

  const meanIou = (group: readonly number[], intersections: Int32Array, maskArea: number): number => {
    let sum = 0;
    for (const m of group) {
      const intersection = intersections[m] as number;
      const union = (members[m] as Member).area + maskArea - intersection;
      sum += union > 0 ? intersection / union : 0;
    }
    return sum / group.length;
  };
  const membersOf = (group: readonly number[]): InstanceMember[] => group.map((m) => ({ workerId: (members[m] as Member).workerId, instanceIndex: (members[m] as Member).instanceIndex }));

  const output = groups.map((_, g) => g).filter((g) => reasons[g] === null).sort((a, b) => (firstPixel[a] as number) - (firstPixel[b] as number));
  const colors = instanceColors(output.length);
  const instances: ConsolidatedInstance[] = output.map((g, index) => {
    const group = groups[g] as number[];
    return {
      color: colors[index] as string,
      label: (members[group[0] as number] as Member).label,
      confidence: roundConfidence((group.length / workerCount) * meanIou(group, finalIntersection, finalArea[g] as number)),
      workerCount: group.length,
      pixelCount: finalArea[g] as number,
      members: membersOf(group),
    };
  });
  const dropped: DroppedInstance[] = [];
  groups.forEach((group, g) => {
    const reason = reasons[g];
    if (!reason) return;
    dropped.push({
      label: (members[group[0] as number] as Member).label,
      reason,
      confidence: roundConfidence((group.length / workerCount) * meanIou(group, ownIntersection, ownArea[g] as number)),
      workerCount: group.length,
      pixelCount: ownArea[g] as number,
      members: membersOf(group),
    });
  });

  const outputIndex = new Uint8Array(groups.length);
  output.forEach((g, index) => (outputIndex[g] = index + 1));
  const instanceMap = new Uint8Array(pixelCount);
  for (let pixel = 0; pixel < pixelCount; pixel++) {
    const g = winners[pixel] as number;
    if (g >= 0) instanceMap[pixel] = outputIndex[g] as number;
  }
  const palette = [[255, 255, 255, 0] as const, ...colors.map((hex) => [...(parseHexColor(hex) as [number, number, number]), 255] as const)];
  const png = await encodeIndexedPng({ width: size.width, height: size.height, indices: instanceMap, palette });
  return { png, instanceMap, inputImageProperties: size, instances, dropped, workerIds: decoded.map((answer) => answer.workerId), errors };
}

async function decodeAnswer(workerId: string, answer: unknown): Promise<{ size: InputImageProperties; decoded: DecodedAnswer }> {
  const image = await decodeLabelImage(answer, (record) => {
    const list = record.instances;
    if (!Array.isArray(list)) throw new AnswerError('instances is missing or not an array');
    if (list.length > MAX_INSTANCES) throw new AnswerError(`instances lists ${list.length} instances; a label image holds at most ${MAX_INSTANCES}`);
    const instances: { color: string; label: string }[] = [];
    const byColor = new Map<number, number>();
    for (const [index, instance] of list.entries()) {
      const { color, label } = (instance ?? {}) as Record<string, unknown>;
      const rgb = typeof color === 'string' ? parseHexColor(color) : null;
      if (!rgb) throw new AnswerError(`instances[${index}].color must be #rrggbb, found ${JSON.stringify(color ?? null)}`);
      if (typeof label !== 'string') throw new AnswerError(`instances[${index}].label must be a string, found ${JSON.stringify(label ?? null)}`);
      const key = colorKey(...rgb);
      const other = byColor.get(key);
      if (other !== undefined) throw new AnswerError(`instances[${other}] and instances[${index}] share the colour ${color as string}, so their pixels cannot be told apart`);
      byColor.set(key, index);
      instances.push({ color: (color as string).toLowerCase(), label });
    }
    const describeMissing = (): string => `no instance has (${instances.map((instance, index) => `${index}: ${instance.label} ${instance.color}`).join(', ') || 'no instances'})`;
    return { byColor, instances, describeMissing };
  }, { countPixels: true });
  return { size: image.size, decoded: { workerId, ids: image.values, instances: image.colors.instances, areas: image.counts } };
}

/**
 * Mask IoU of every pair of same-label members of different workers that overlap at all, keyed
 * `a * members + b` with a < b. One pass over the pixels per pair of workers, counting co-occurring
 * instance ids in a small table.
 */
function pairwiseIous(decoded: readonly DecodedAnswer[], members: readonly Member[], memberOf: readonly Int32Array[], pixelCount: number): Map<number, number> {
  const ious = new Map<number, number>();
  for (let a = 0; a < decoded.length; a++) {
    const first = decoded[a] as DecodedAnswer;
    if (first.instances.length === 0) continue;
    for (let b = a + 1; b < decoded.length; b++) {
      const second = decoded[b] as DecodedAnswer;
      if (second.instances.length === 0) continue;
      const columns = second.instances.length + 1;
      const counts = new Int32Array((first.instances.length + 1) * columns);
      const ids = first.ids;
      const others = second.ids;
      for (let pixel = 0; pixel < pixelCount; pixel++) counts[(ids[pixel] as number) * columns + (others[pixel] as number)]!++;
      for (let i = 1; i <= first.instances.length; i++) {
        const ma = (memberOf[a] as Int32Array)[i] as number;
        if (ma < 0) continue;
        for (let j = 1; j < columns; j++) {
          const intersection = counts[i * columns + j] as number;
          const mb = (memberOf[b] as Int32Array)[j] as number;
          if (intersection === 0 || mb < 0) continue;
          const x = members[ma] as Member;
          const y = members[mb] as Member;
          if (x.label !== y.label) continue;
          const [low, high] = ma < mb ? [ma, mb] : [mb, ma];
          ious.set(low * members.length + high, intersection / (x.area + y.area - intersection));
        }
      }
    }
  }
  return ious;
}

/** {@link groupByAverageLinkage} on the sparse IoUs of {@link pairwiseIous} (absent pairs have IoU 0). */
function groupMembers(members: readonly Member[], ious: ReadonlyMap<number, number>, iouThreshold: number): number[][] {
  const n = members.length;
  const pairs: CandidatePair[] = [];
  for (const [key, iou] of ious) pairs.push({ value: iou, a: Math.floor(key / n), b: key % n });
  return groupByAverageLinkage(
    members.map((member) => member.worker),
    pairs,
    (a, b) => ious.get(a < b ? a * n + b : b * n + a) ?? 0,
    iouThreshold,
  );
}

/** The first `count` colours of {@link INSTANCE_PALETTE}, then other distinct colours (never white, the unlabeled colour). */
function instanceColors(count: number): string[] {
  const colors = INSTANCE_PALETTE.slice(0, count);
  const taken = new Set<string>([...colors, '#ffffff']);
  for (let value = 0x3b7f2a; colors.length < count; value = (value + 0x9e3779) & 0xffffff) {
    const color = toHexColor(value >> 16, (value >> 8) & 0xff, value & 0xff);
    if (taken.has(color)) continue;
    taken.add(color);
    colors.push(color);
  }
  return colors;
}
