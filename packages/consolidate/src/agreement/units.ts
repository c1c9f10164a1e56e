import type { CategoricalData } from '../encode.js';
import { mulberry32 } from '../random.js';
import { checkCategoricalData } from '../classification/types.js';

/**
 * The answers of each task (a "unit" in reliability terms), one per worker: answers grouped by task
 * with a counting sort, and a worker's repeated answers to the same task reduced to the first one —
 * agreement is between workers, and a worker repeating themselves would count as agreeing.
 */
export interface Units {
  /** Task t's answers are `[offsets[t], offsets[t + 1])` in `worker` and `label`. */
  offsets: Int32Array;
  worker: Int32Array;
  label: Int32Array;
  /** Repeated answers (same worker, same task) left out. */
  repeats: number;
}

export function unitsOf(data: CategoricalData): Units {
  checkCategoricalData(data);
  const T = data.tasks.length;
  const N = data.count;
  const counts = new Int32Array(T + 1);
  for (let i = 0; i < N; i++) counts[data.task[i] + 1]++;
  for (let t = 0; t < T; t++) counts[t + 1] += counts[t];
  const order = new Int32Array(N);
  const cursor = counts.slice(0, T);
  for (let i = 0; i < N; i++) order[cursor[data.task[i]]++] = i;

  const offsets = new Int32Array(T + 1);
  const worker = new Int32Array(N);
  const label = new Int32Array(N);
  const seenIn = new Int32Array(data.workers.length).fill(-1);
  let kept = 0;
  for (let t = 0; t < T; t++) {
    offsets[t] = kept;
    for (let j = counts[t]; j < counts[t + 1]; j++) {
      const i = order[j];
      const w = data.worker[i];
      if (seenIn[w] === t) continue;
      seenIn[w] = t;
      worker[kept] = w;
      label[kept] = data.label[i];
      kept++;
    }
  }
  offsets[T] = kept;
  return { offsets, worker: worker.subarray(0, kept), label: label.subarray(0, kept), repeats: N - kept };
}

/**
 * Per-unit contributions to a statistic's sums, stored sparsely: unit u adds `value[j]` to sum
 * `index[j]` for j in `[offsets[u], offsets[u + 1])`. A statistic is a function of the summed vector,
 * so a bootstrap replicate only re-sums the contributions of the resampled units.
 */
export class UnitSums {
  private readonly offsets: number[] = [0];
  private readonly index: number[] = [];
  private readonly value: number[] = [];

  constructor(readonly dimensions: number) {}

  /** Adds `value` to sum `index` for the unit being built. */
  add(index: number, value: number): void {
    if (value === 0) return;
    this.index.push(index);
    this.value.push(value);
  }

  /** Closes the unit being built. */
  endUnit(): void {
    this.offsets.push(this.index.length);
  }

  get units(): number {
    return this.offsets.length - 1;
  }

  /** The sums over all units, or over units drawn with the given multiplicities. */
  total(weights?: Float64Array): Float64Array {
    const sums = new Float64Array(this.dimensions);
    const { offsets, index, value } = this;
    for (let u = 0; u < offsets.length - 1; u++) {
      const weight = weights ? weights[u] : 1;
      if (weight === 0) continue;
      for (let j = offsets[u]; j < offsets[u + 1]; j++) sums[index[j]] += weight * value[j];
    }
    return sums;
  }
}

/** Options of the percentile bootstrap over units (tasks). */
export interface BootstrapOptions {
  /** Number of bootstrap replicates; default 1000. 0 skips the interval. */
  samples?: number;
  /** Seed of the Mulberry32 generator that draws units; default 0, so results repeat. */
  seed?: number;
  /** Coverage of the interval; default 0.95. */
  level?: number;
}

/** A percentile bootstrap confidence interval. */
export interface ConfidenceInterval {
  lower: number;
  upper: number;
  level: number;
  /** Replicates drawn; those whose statistic was undefined (NaN) are left out of the percentiles. */
  samples: number;
}

/**
 * Percentile bootstrap over units (B. Efron and R. Tibshirani, *An Introduction to the Bootstrap*,
 * 1993, ch. 13): each replicate draws as many units as there are, with replacement, recomputes the
 * statistic from the re-summed contributions, and the interval is the (1 − level)/2 and (1 + level)/2
 * quantiles (linear interpolation) of the replicates. Units, not single answers, are resampled because
 * answers to one task are not independent.
 */
export function bootstrapInterval(sums: UnitSums, statistic: (sums: Float64Array) => number, options: BootstrapOptions = {}): ConfidenceInterval | undefined {
  const samples = options.samples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(samples) || samples < 0) throw new RangeError(`bootstrap samples must be a non-negative integer, found ${samples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap level must be in (0, 1), found ${level}`);
  const U = sums.units;
  if (samples === 0 || U === 0) return undefined;
  const random = mulberry32(options.seed ?? 0);
  const weights = new Float64Array(U);
  const values: number[] = [];
  for (let r = 0; r < samples; r++) {
    weights.fill(0);
    for (let draw = 0; draw < U; draw++) weights[Math.floor(random() * U)]++;
    const value = statistic(sums.total(weights));
    if (!Number.isNaN(value)) values.push(value);
  }
  if (values.length === 0) return undefined;
  values.sort((a, b) => a - b);
  return { lower: quantile(values, (1 - level) / 2), upper: quantile(values, (1 + level) / 2), level, samples };
}

/** Quantile of sorted values with linear interpolation between order statistics. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 1) return sorted[0];
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}
