import type { InputImageProperties } from '@quorum/schema';

/** One worker's answer to one data object, as the post-annotation payload gives it once parsed. */
export interface WorkerAnswer<T> {
  workerId: string;
  answer: T;
}

/** An answer that could not be consolidated: whose, and why. */
export interface SpatialError {
  workerId: string;
  message: string;
}

/** Confidence with two decimals, as Ground Truth writes it. */
export function roundConfidence(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

/**
 * Sorts answers into usable ones and errors (a worker's whole answer is set aside when one of its
 * shapes is malformed, so no half answer skews the result), and reads the image size.
 */
export function checkWorkerAnswers<T extends { inputImageProperties?: InputImageProperties }>(
  answers: readonly WorkerAnswer<T>[],
  listKey: keyof T & string,
  checkShape: (shape: unknown) => string | null,
): { valid: WorkerAnswer<T>[]; errors: SpatialError[]; inputImageProperties: InputImageProperties | null } {
  const valid: WorkerAnswer<T>[] = [];
  const errors: SpatialError[] = [];
  const seen = new Set<string>();
  let inputImageProperties: InputImageProperties | null = null;
  answers.forEach((entry, index) => {
    const workerId = typeof entry?.workerId === 'string' && entry.workerId ? entry.workerId : '';
    const fail = (message: string): void => {
      errors.push({ workerId: workerId || `(answer ${index})`, message });
    };
    if (!workerId) return fail(`answer ${index} has no workerId`);
    if (seen.has(workerId)) return fail(`worker ${workerId} answered twice; only the first answer is used`);
    const list = (entry.answer as Record<string, unknown> | null)?.[listKey];
    if (!Array.isArray(list)) return fail(`the answer has no ${listKey} array`);
    for (let shapeIndex = 0; shapeIndex < list.length; shapeIndex++) {
      const problem = checkShape(list[shapeIndex]);
      if (problem) return fail(`${listKey}[${shapeIndex}] ${problem}`);
    }
    const size = entry.answer.inputImageProperties;
    if (size && inputImageProperties && (size.width !== inputImageProperties.width || size.height !== inputImageProperties.height)) {
      return fail(`reports an image of ${size.width}×${size.height}, others ${inputImageProperties.width}×${inputImageProperties.height}`);
    }
    if (size && !inputImageProperties) inputImageProperties = { width: size.width, height: size.height };
    seen.add(workerId);
    valid.push(entry);
  });
  return { valid, errors, inputImageProperties };
}

/**
 * The order of labels in a result: those of `preferred` (e.g. the job's label categories) first,
 * in that order, then the others sorted, so the result never depends on the order of answers.
 */
export function orderLabels(used: Iterable<string>, preferred: readonly string[] = []): string[] {
  const rest = [...new Set(used)].filter((label) => !preferred.includes(label)).sort();
  return [...preferred, ...rest];
}

/** A candidate match between members `a` < `b`, and how alike they are. */
export interface CandidatePair {
  value: number;
  a: number;
  b: number;
}

/**
 * Greedy average-linkage grouping of members `0 … workerOf.length - 1` (in a canonical order, so
 * the result does not depend on the order of the answers): candidate pairs with affinity
 * ≥ `minAffinity`, best first (ties by member order), merge their groups when no worker is in both
 * (one worker's two shapes are never one object) and the mean `affinityOf` over all pairs across
 * the two groups is still ≥ `minAffinity` (so a chain A≈B≈C whose ends are apart is not one object).
 * Members nobody matched stay groups of one. Returns groups of member indices, each sorted, in
 * order of their first member.
 */
export function groupByAverageLinkage(workerOf: ArrayLike<number>, pairs: readonly CandidatePair[], affinityOf: (a: number, b: number) => number, minAffinity: number): number[][] {
  const candidates = pairs.filter((pair) => pair.value >= minAffinity).sort((x, y) => y.value - x.value || x.a - y.a || x.b - y.b);
  const groupOf = Array.from({ length: workerOf.length }, (_, index) => index);
  const groups = new Map<number, number[]>(groupOf.map((index) => [index, [index]]));
  for (const { a, b } of candidates) {
    const ga = groupOf[a] as number;
    const gb = groupOf[b] as number;
    if (ga === gb) continue;
    const first = groups.get(ga) as number[];
    const second = groups.get(gb) as number[];
    const workers = new Set(first.map((index) => workerOf[index] as number));
    if (second.some((index) => workers.has(workerOf[index] as number))) continue;
    let sum = 0;
    for (const i of first) for (const j of second) sum += affinityOf(i, j);
    if (sum / (first.length * second.length) < minAffinity) continue;
    const [keep, drop] = ga < gb ? [ga, gb] : [gb, ga];
    const merged = [...(groups.get(keep) as number[]), ...(groups.get(drop) as number[])].sort((x, y) => x - y);
    groups.set(keep, merged);
    groups.delete(drop);
    for (const index of merged) groupOf[index] = keep;
  }
  return [...groups.values()].sort((x, y) => (x[0] as number) - (y[0] as number));
}
