import type { CategoricalData } from '../encode.js';
import { mulberry32 } from '../random.js';
import { checkCategoricalData } from '../classification/types.js';
import { quantile, type BootstrapOptions } from '../agreement/units.js';

/**
 * Numeric ratings (Likert scales, `crowd-rating` stars, slider values) use the same columnar input as
 * the categorical methods: each distinct value is a "label" whose text is the number, so
 * `encodeAnswers` and the CSV/JSONL readers work unchanged.
 */
export type RatingStatistic = 'mean' | 'median' | 'trimmed-mean' | 'standardised';

export interface RatingOptions {
  /** `trimmed-mean`: share of ratings cut from each end, rounded down per task; default 0.2. */
  trim?: number;
  /** Percentile bootstrap of each task's ratings; default 1000 samples, seed 0, level 0.95. */
  bootstrap?: BootstrapOptions;
}

/** Consolidated ratings, per task (index order of the data). */
export interface RatingResult {
  statistic: RatingStatistic;
  /** The task's consolidated rating on the original scale; NaN without ratings. */
  estimates: Float64Array;
  /** Ratings per task. */
  counts: Int32Array;
  /** Sample standard deviation of the task's ratings on the original scale (0 for one rating). */
  spread: Float64Array;
  /** Bootstrap interval bounds per task (NaN for tasks without ratings); absent when `bootstrap.samples` is 0. */
  lower?: Float64Array;
  upper?: Float64Array;
  /** `standardised`: each worker's mean and standard deviation, and each task's mean z-score. */
  workerMean?: Float64Array;
  workerSd?: Float64Array;
  zScores?: Float64Array;
}

/** The numeric value of each label; throws for a label that is not a finite number. */
export function ratingValues(data: CategoricalData): Float64Array {
  return Float64Array.from(data.labels, (label) => {
    const value = Number(label);
    if (label.trim() === '' || !Number.isFinite(value)) throw new RangeError(`ratings must be numbers, found the label "${label}"`);
    return value;
  });
}

/**
 * Consolidates numeric ratings per task.
 *
 * - `mean`: arithmetic mean.
 * - `median`: middle rating (mean of the two middle ones for an even count) — robust to one
 *   careless or hostile rater.
 * - `trimmed-mean`: mean after dropping ⌊trim · n⌋ ratings at each end (as scipy's `trim_mean`).
 * - `standardised`: per-worker standardisation, for raters who use the scale differently (a harsh
 *   rater's 3 is a lenient rater's 4): each rating becomes the worker's z-score
 *   `(x − mean_w) / sd_w` (population sd over all the worker's ratings); a worker with fewer than two
 *   ratings or no variation gets z = 0, i.e. counts as their own average. A task's score is the mean
 *   z, reported on the original scale as `mean_all + sd_all · z` (so it stays comparable with the
 *   other statistics) and as `zScores`.
 *
 * Intervals: percentile bootstrap of the task's own ratings (its z-scores for `standardised`), seeded
 * per task from `bootstrap.seed` so a task's interval does not depend on the others. With a handful
 * of ratings per task the interval is coarse — it shows which tasks are unsettled, not a precise
 * coverage. A worker's repeated ratings of one task all count.
 */
export function consolidateRatings(data: CategoricalData, statistic: RatingStatistic = 'mean', options: RatingOptions = {}): RatingResult {
  checkCategoricalData(data);
  if (!['mean', 'median', 'trimmed-mean', 'standardised'].includes(statistic)) {
    throw new RangeError(`statistic must be mean, median, trimmed-mean or standardised, found ${JSON.stringify(statistic)}`);
  }
  const trim = options.trim ?? 0.2;
  if (!(trim >= 0 && trim < 0.5)) throw new RangeError(`trim must be in [0, 0.5), found ${trim}`);
  const samples = options.bootstrap?.samples ?? 1000;
  const level = options.bootstrap?.level ?? 0.95;
  if (!Number.isInteger(samples) || samples < 0) throw new RangeError(`bootstrap samples must be a non-negative integer, found ${samples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap level must be in (0, 1), found ${level}`);
  const seed = options.bootstrap?.seed ?? 0;

  const values = ratingValues(data);
  const T = data.tasks.length;
  const W = data.workers.length;
  const N = data.count;
  const rating = new Float64Array(N);
  for (let i = 0; i < N; i++) rating[i] = values[data.label[i]];

  let workerMean: Float64Array | undefined;
  let workerSd: Float64Array | undefined;
  let overallMean = 0;
  let overallSd = 0;
  if (statistic === 'standardised') {
    workerMean = new Float64Array(W);
    workerSd = new Float64Array(W);
    const n = new Float64Array(W);
    for (let i = 0; i < N; i++) {
      workerMean[data.worker[i]] += rating[i];
      n[data.worker[i]]++;
      overallMean += rating[i];
    }
    overallMean /= Math.max(N, 1);
    for (let w = 0; w < W; w++) workerMean[w] = n[w] > 0 ? workerMean[w] / n[w] : NaN;
    for (let i = 0; i < N; i++) {
      workerSd[data.worker[i]] += (rating[i] - workerMean[data.worker[i]]) ** 2;
      overallSd += (rating[i] - overallMean) ** 2;
    }
    overallSd = Math.sqrt(overallSd / Math.max(N, 1));
    for (let w = 0; w < W; w++) workerSd[w] = n[w] > 1 ? Math.sqrt(workerSd[w] / n[w]) : 0;
    for (let i = 0; i < N; i++) {
      const sd = workerSd[data.worker[i]];
      rating[i] = sd > 0 ? (rating[i] - workerMean[data.worker[i]]) / sd : 0;
    }
  }

  // Ratings grouped by task (counting sort), so each task's values are contiguous.
  const offsets = new Int32Array(T + 1);
  for (let i = 0; i < N; i++) offsets[data.task[i] + 1]++;
  for (let t = 0; t < T; t++) offsets[t + 1] += offsets[t];
  const byTask = new Float64Array(N);
  const original = new Float64Array(N);
  const cursor = offsets.slice(0, T);
  for (let i = 0; i < N; i++) {
    const j = cursor[data.task[i]]++;
    byTask[j] = rating[i];
    original[j] = values[data.label[i]];
  }

  const summarise = (sample: Float64Array): number => {
    const n = sample.length;
    if (statistic === 'mean' || statistic === 'standardised') {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += sample[j];
      return sum / n;
    }
    sample.sort();
    if (statistic === 'median') return n % 2 === 1 ? sample[(n - 1) / 2] : (sample[n / 2 - 1] + sample[n / 2]) / 2;
    const cut = Math.floor(trim * n);
    let sum = 0;
    for (let j = cut; j < n - cut; j++) sum += sample[j];
    return sum / (n - 2 * cut);
  };
  const toScale = (value: number) => (statistic === 'standardised' ? overallMean + overallSd * value : value);

  const estimates = new Float64Array(T).fill(NaN);
  const counts = new Int32Array(T);
  const spread = new Float64Array(T);
  const zScores = statistic === 'standardised' ? new Float64Array(T).fill(NaN) : undefined;
  const lower = samples > 0 ? new Float64Array(T).fill(NaN) : undefined;
  const upper = samples > 0 ? new Float64Array(T).fill(NaN) : undefined;
  let largest = 0;
  for (let t = 0; t < T; t++) largest = Math.max(largest, offsets[t + 1] - offsets[t]);
  const replicate = new Float64Array(largest);
  const replicates = new Float64Array(samples);
  for (let t = 0; t < T; t++) {
    const start = offsets[t];
    const n = offsets[t + 1] - start;
    counts[t] = n;
    if (n === 0) continue;
    const own = byTask.slice(start, start + n);
    const value = summarise(own);
    estimates[t] = toScale(value);
    if (zScores) zScores[t] = value;
    let mean = 0;
    for (let j = 0; j < n; j++) mean += original[start + j];
    mean /= n;
    let squares = 0;
    for (let j = 0; j < n; j++) squares += (original[start + j] - mean) ** 2;
    spread[t] = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
    if (!lower || !upper) continue;
    const random = mulberry32((seed ^ Math.imul(t + 1, 0x9e3779b1)) >>> 0);
    const draw = replicate.subarray(0, n);
    for (let r = 0; r < samples; r++) {
      for (let j = 0; j < n; j++) draw[j] = byTask[start + Math.floor(random() * n)];
      replicates[r] = summarise(draw);
    }
    const sorted = Array.from(replicates).sort((a, b) => a - b);
    lower[t] = toScale(quantile(sorted, (1 - level) / 2));
    upper[t] = toScale(quantile(sorted, (1 + level) / 2));
  }
  return {
    statistic,
    estimates,
    counts,
    spread,
    ...(lower && upper ? { lower, upper } : {}),
    ...(workerMean && workerSd && zScores ? { workerMean, workerSd, zScores } : {}),
  };
}
