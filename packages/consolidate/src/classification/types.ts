import type { CategoricalData } from '../encode.js';

/**
 * Result of a classification aggregator over {@link CategoricalData} with `T` tasks, `W` workers and
 * `K` labels. Arrays are indexed by the data's task / worker / label indices.
 */
export interface ClassificationResult {
  /** Consolidated label index per task; -1 for a task without answers. Length `T`. */
  labels: Int32Array;
  /** Per-task label distribution, row-major `T × K`: `posteriors[t * K + k]`. */
  posteriors: Float64Array;
  /** Confidence in the consolidated label per task (the algorithm's doc says how it is defined). Length `T`. */
  confidence: Float64Array;
  /** One number per worker in [0, 1]: estimated probability of answering correctly. Length `W`. */
  workerSkill?: Float64Array;
  /**
   * Per-worker confusion matrices, `W × K × K`: `confusion[(w * K + c) * K + k]` is the probability that
   * worker `w` answers `k` when the true label is `c` (each row `c` sums to 1).
   */
  confusion?: Float64Array;
  /** Vote weight of each worker, for the weighted-vote methods (weighted and gold majority vote, Wawa, ZBS). Length `W`. */
  workerWeights?: Float64Array;
  /** Estimated class prevalence. Length `K`. */
  priors?: Float64Array;
  /** Number of iterations run (0 for non-iterative methods). */
  iterations: number;
  /** Whether the stopping rule was met before the iteration limit (always true for non-iterative methods). */
  converged: boolean;
  /** Log-likelihood of the observed answers under the final parameters (natural log), when the model has one. */
  logLikelihood?: number;
}

/** A consolidated label mapped back to ids. */
export interface DecodedLabel {
  /** Label id, or `null` when the task had no answers. */
  label: string | null;
  confidence: number;
}

/** Maps a result back to ids: task id → `{ label, confidence }`, in task index order. */
export function decodeLabels(data: CategoricalData, result: ClassificationResult): Map<string, DecodedLabel> {
  if (result.labels.length !== data.tasks.length) {
    throw new RangeError(`result has ${result.labels.length} tasks but the data has ${data.tasks.length}`);
  }
  const decoded = new Map<string, DecodedLabel>();
  for (let t = 0; t < data.tasks.length; t++) {
    const index = result.labels[t];
    decoded.set(data.tasks[t], { label: index < 0 ? null : data.labels[index], confidence: result.confidence[t] });
  }
  return decoded;
}

/** Two posteriors closer than this count as tied, so float rounding in sums never decides a label. */
export const TIE_TOLERANCE = 1e-12;

/**
 * Posteriors closer than this count as tied in the EM methods that iterate many times from symmetric
 * starting points (one-coin Dawid-Skene, GLAD, MACE): rounding accumulated over iterations and
 * answer order reaches ~1e-12 there, while a real preference is far larger.
 */
export const EM_TIE_TOLERANCE = 1e-9;

/** Index of the largest value in `values[offset, offset + size)`; ties (within `tolerance`, default {@link TIE_TOLERANCE}) go to the lowest index. */
export function argmaxLowest(values: Float64Array, offset: number, size: number, tolerance = TIE_TOLERANCE): number {
  let best = 0;
  let bestValue = values[offset];
  for (let k = 1; k < size; k++) {
    const value = values[offset + k];
    if (value > bestValue + tolerance) {
      best = k;
      bestValue = value;
    }
  }
  return best;
}

/** Throws unless `data` is internally consistent; algorithms call it so a bad hand-built input fails early. */
export function checkCategoricalData(data: CategoricalData): void {
  const { count, task, worker, label, tasks, workers, labels } = data;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, found ${count}`);
  if (task.length < count || worker.length < count || label.length < count) {
    throw new RangeError(`task/worker/label arrays are shorter than count (${count})`);
  }
  for (let i = 0; i < count; i++) {
    if (task[i] < 0 || task[i] >= tasks.length) throw new RangeError(`answer ${i}: task index ${task[i]} out of range`);
    if (worker[i] < 0 || worker[i] >= workers.length) {
      throw new RangeError(`answer ${i}: worker index ${worker[i]} out of range`);
    }
    if (label[i] < 0 || label[i] >= labels.length) throw new RangeError(`answer ${i}: label index ${label[i]} out of range`);
  }
}

/** Per-worker values keyed by worker id: a `Map` or a plain object. */
export type ByWorker<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>;

/** Known true labels keyed by task id (gold tasks, expert answers): a `Map` or a plain object. */
export type GoldLabels = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** Entries of a `Map` or a plain object, so options accept either. */
export function entriesOf<T>(values: ReadonlyMap<string, T> | Readonly<Record<string, T>>): Iterable<[string, T]> {
  return values instanceof Map ? values.entries() : Object.entries(values as Readonly<Record<string, T>>);
}

/**
 * Resolves gold labels to indices: `gold[t]` is the known label index of task `t`, or -1. Throws for a
 * gold label that is not one of the data's labels; gold tasks without answers are ignored.
 */
export function goldIndices(data: CategoricalData, gold: GoldLabels): Int32Array {
  const taskIndex = new Map(data.tasks.map((task, t) => [task, t]));
  const labelIndex = new Map(data.labels.map((label, k) => [label, k]));
  const indices = new Int32Array(data.tasks.length).fill(-1);
  for (const [task, label] of entriesOf(gold)) {
    const k = labelIndex.get(label);
    if (k === undefined) {
      throw new RangeError(`gold label "${label}" of task "${task}" is not one of the labels ${JSON.stringify(data.labels)}`);
    }
    const t = taskIndex.get(task);
    if (t !== undefined) indices[t] = k;
  }
  return indices;
}

/** Checks a positive integer option and names it in the error. */
export function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, found ${value}`);
  return value;
}

/** Checks a finite number option in [min, max] (bounds inclusive unless stated) and names it in the error. */
export function numberInRange(name: string, value: number, min: number, max = Infinity, exclusive = false): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (exclusive ? value > min && value < max : value >= min && value <= max);
  if (!ok) throw new RangeError(`${name} must be a finite number in ${exclusive ? '(' : '['}${min}, ${max}${exclusive ? ')' : ']'}, found ${value}`);
  return value;
}

/**
 * Index of the largest value in `values[offset, offset + size)`, where values within a relative
 * {@link TIE_TOLERANCE} of each other count as tied and the lowest index wins. Used for weighted
 * votes, whose sums of float weights differ in the last bits depending on the order of answers.
 */
export function argmaxLowestRelative(values: Float64Array, offset: number, size: number): number {
  let best = 0;
  let bestValue = values[offset];
  for (let k = 1; k < size; k++) {
    const value = values[offset + k];
    if (value > bestValue + TIE_TOLERANCE * Math.max(1, Math.abs(bestValue))) {
      best = k;
      bestValue = value;
    }
  }
  return best;
}
