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

/** Index of the largest value in `values[offset, offset + size)`; ties (within {@link TIE_TOLERANCE}) go to the lowest index. */
export function argmaxLowest(values: Float64Array, offset: number, size: number): number {
  let best = 0;
  let bestValue = values[offset];
  for (let k = 1; k < size; k++) {
    const value = values[offset + k];
    if (value > bestValue + TIE_TOLERANCE) {
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
