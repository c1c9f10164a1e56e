import type { CategoricalData } from '../encode.js';
import { majorityVote } from './majority-vote.js';
import { argmaxLowest, checkCategoricalData, EM_TIE_TOLERANCE, type ClassificationResult } from './types.js';

export interface DawidSkeneOptions {
  /** `full` (default): Dawid & Skene's EM. `gt-parity`: Ground Truth's documented behaviour, see {@link dawidSkene}. */
  mode?: 'full' | 'gt-parity';
  /** Iteration limit; default 100 (`full`) or 20 (`gt-parity`, which rejects more than 20). */
  maxIterations?: number;
  /** Stop when the mean log-likelihood per answer changes by less than this; default 1e-5. */
  tolerance?: number;
  /**
   * Starting point. `majority-vote` (default in `full`): soft majority-vote posteriors, then an
   * M-step. `worker-prior` (default in `gt-parity`): every worker starts with accuracy `workerPrior`,
   * classes uniform, then an E-step.
   */
  initialisation?: 'majority-vote' | 'worker-prior';
  /**
   * Pseudo-count added to every confusion-matrix cell (and class-prior count) before normalising.
   * Default 0: counts are only floored at 1e-10, so one unusual answer cannot veto a class forever. Ignored for confusion cells in `gt-parity`, where the worker prior plays this role.
   */
  smoothing?: number;
  /**
   * `full` mode: pseudo-answers added to the diagonal of every worker's confusion matrix (one per
   * true class), i.e. a Dirichlet(1 + diagonalPrior on the diagonal, 1 elsewhere) prior, so the
   * M-step is a maximum a posteriori estimate that assumes a worker is right more often than a
   * coin flip until the data says otherwise. Default 1; 0 gives Dawid & Skene's maximum likelihood.
   */
  diagonalPrior?: number;
  /** Prior accuracy of every worker (`gt-parity`, or `initialisation: 'worker-prior'`); default 0.7. */
  workerPrior?: number;
  /**
   * Weight of the worker prior in `gt-parity`, in answers per true class: the prior acts as this
   * many pseudo-answers split as `workerPrior` on the diagonal and the rest evenly off it. Default 2.
   */
  workerPriorWeight?: number;
  /**
   * Class prevalence: `estimate` (default) re-estimates it in every M-step, with `smoothing`
   * pseudo-tasks per class in `full` and one per class (Laplace) in `gt-parity`, so a small batch
   * cannot collapse onto its most frequent class; `uniform` keeps every class equally likely.
   */
  classPrior?: 'estimate' | 'uniform';
}

/**
 * Dawid-Skene: expectation-maximisation over per-worker confusion matrices.
 *
 * A. P. Dawid and A. M. Skene, "Maximum Likelihood Estimation of Observer Error-Rates Using the EM
 * Algorithm", Journal of the Royal Statistical Society, Series C (Applied Statistics) 28(1):20–28, 1979.
 * https://doi.org/10.2307/2346806
 *
 * Model: task `t` has a hidden true label `c` with prior `p[c]`; worker `w` answers `k` with
 * probability `π_w[c][k]`, independently of other answers given `c`.
 *
 * **`mode: 'full'`** (defaults: 100 iterations, tolerance 1e-5, diagonal prior 1, no smoothing)
 * - Initialisation: the soft majority-vote posteriors (vote shares), as in the paper and crowd-kit,
 *   followed by an M-step.
 * - M-step: `p[c]` = mean posterior over tasks with answers; `π_w[c][k]` ∝ Σ posterior(t, c) over
 *   w's answers `k`, plus `diagonalPrior` when `k = c`, floored at 1e-10, normalised over `k`.
 *   The diagonal prior is Quorum's choice: plain maximum likelihood lets a worker seen on a few
 *   tasks get a confusion matrix of exact 0s and 1s, and on sparse data (s5_AdultContent: 825
 *   workers, 8 answers per task) those overfitted workers pull the fit away from the truth. crowd-kit
 *   avoids this by accident — its ELBO (which counts the class prior once per answer) drops at the
 *   second iteration there and it stops early; the prior gives the same accuracy at convergence.
 * - E-step: posterior(t, c) ∝ p[c] · Π π_w[c][k] over t's answers, computed task by task as a
 *   product of probabilities (no logarithm or exponential per answer); every 8 answers a row whose
 *   largest entry fell below 1e-150 is rescaled and the scale kept as a logarithm, so tasks with
 *   thousands of answers cannot underflow (every factor is ≥ ~1e-18, as counts are floored at 1e-10).
 *   The same pass adds the new posteriors to the next M-step's counts.
 * - Stopping rule: after each E-step, the log-likelihood of the answers divided by the number of
 *   answers changes by less than `tolerance`, or `maxIterations` is reached (`converged: false`).
 * - Tie-breaking: the consolidated label is the top posterior; posteriors within 1e-9 count as tied
 *   and the lowest label index wins (EM from symmetric data — e.g. a task whose workers all disagree —
 *   leaves exact ties that rounding over the iterations turns into differences of ~1e-12, which must
 *   not depend on the order of the answers).
 * - `confidence`: the top posterior. `workerSkill`: Σ_c p[c] π_w[c][c], the worker's expected accuracy.
 *
 * **`mode: 'gt-parity'`** follows what Ground Truth documents for its built-in text and image
 * classification consolidation: "a variant of the Expectation Maximization approach … It estimates
 * parameters for each worker and uses Bayesian inference to estimate the true class"
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/sms-annotation-consolidation.html), and "If a
 * single worker annotates a task … the confidence score is set to 0.00"
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/sms-data-output.html#sms-output-confidence).
 * - Initialisation: every worker has prior accuracy `workerPrior` (0.7), errors spread evenly; uniform
 *   class prior; the first step is an E-step.
 * - M-step: maximum a posteriori estimates — the worker prior is added as `workerPriorWeight` (2)
 *   pseudo-answers per true class, so a worker seen on a handful of tasks (one Ground Truth batch)
 *   stays close to 0.7 instead of jumping to 0 or 1; the class prior gets one pseudo-task per class.
 * - At most 20 iterations (default 20; larger values are rejected); same stopping rule as `full`.
 * - `confidence`: top posterior rounded to 2 decimals. A task answered by a single distinct worker is
 *   not consolidated: it gets that worker's answer (its vote shares as posteriors) and confidence 0.00,
 *   and stays out of the EM.
 * The 0.7 prior and the 20-iteration cap are the values Quorum's design fixes for parity; the
 * public pages above do not state Ground Truth's internal constants, so results match Ground Truth's
 * documented behaviour, not its exact numbers.
 *
 * Time O(iterations × answers × labels); memory O(tasks × labels + workers × labels²). Tasks without
 * answers get label -1, confidence 0 and the class prior as posterior.
 */
export function dawidSkene(data: CategoricalData, options: DawidSkeneOptions = {}): ClassificationResult {
  checkCategoricalData(data);
  const mode = options.mode ?? 'full';
  if (mode !== 'full' && mode !== 'gt-parity') {
    throw new RangeError(`mode must be "full" or "gt-parity", found ${JSON.stringify(mode)}`);
  }
  const parity = mode === 'gt-parity';
  const maxIterations = options.maxIterations ?? (parity ? 20 : 100);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError(`maxIterations must be a positive integer, found ${maxIterations}`);
  }
  if (parity && maxIterations > 20) {
    throw new RangeError(`gt-parity runs at most 20 iterations, found maxIterations ${maxIterations}`);
  }
  const tolerance = positive('tolerance', options.tolerance ?? 1e-5, true);
  const smoothing = positive('smoothing', options.smoothing ?? 0, true);
  const diagonalPrior = positive('diagonalPrior', options.diagonalPrior ?? 1, true);
  const workerPrior = options.workerPrior ?? 0.7;
  if (!(workerPrior > 0 && workerPrior < 1)) throw new RangeError(`workerPrior must be in (0, 1), found ${workerPrior}`);
  const priorWeight = positive('workerPriorWeight', options.workerPriorWeight ?? 2, false);
  const classPrior = options.classPrior ?? 'estimate';
  const classPseudoCount = parity ? 1 : smoothing;
  if (classPrior !== 'estimate' && classPrior !== 'uniform') {
    throw new RangeError(`classPrior must be "estimate" or "uniform", found ${JSON.stringify(classPrior)}`);
  }
  const initialisation = options.initialisation ?? (parity ? 'worker-prior' : 'majority-vote');
  if (initialisation !== 'majority-vote' && initialisation !== 'worker-prior') {
    throw new RangeError(`initialisation must be "majority-vote" or "worker-prior", found ${JSON.stringify(initialisation)}`);
  }

  const K = data.labels.length;
  const T = data.tasks.length;
  const W = data.workers.length;
  // Ground Truth does not consolidate a lone annotation (confidence 0.00), so in gt-parity such tasks
  // keep their worker's answer and stay out of the EM, where one answer could be argued away by the
  // class prior.
  const single = parity ? singleWorkerTasks(data) : undefined;
  const em = single && single.includes(1) ? withoutTasks(data, single) : data;
  const { count: N, task, worker, label } = em;

  const byTask = groupByTask(task, worker, label, N, T, K);
  const answered = new Uint8Array(T);
  let answeredTasks = 0;
  for (let t = 0; t < T; t++) {
    answered[t] = byTask.offsets[t + 1] > byTask.offsets[t] ? 1 : 0;
    answeredTasks += answered[t];
  }

  // Worker-major layout [w][k][c]: an answer (w, k) touches K contiguous cells in both steps.
  const counts = new Float64Array(W * K * K);
  const confusionByAnswer = new Float64Array(W * K * K);
  const denominators = new Float64Array(W * K);
  const prior = new Float64Array(K);
  const posterior = new Float64Array(T * K);

  const offDiagonal = K > 1 ? (1 - workerPrior) / (K - 1) : 0;
  const onDiagonal = K > 1 ? workerPrior : 1;

  /** Turns `counts` (accumulated from the current posteriors by the step before) into new parameters. */
  function mStep(): void {
    denominators.fill(0);
    for (let w = 0; w < W; w++) {
      for (let k = 0; k < K; k++) {
        const base = (w * K + k) * K;
        for (let c = 0; c < K; c++) {
          const pseudo = parity ? priorWeight * (k === c ? workerPrior : offDiagonal) : smoothing + (k === c ? diagonalPrior : 0);
          counts[base + c] = Math.max(counts[base + c] + pseudo, MIN_COUNT);
          denominators[w * K + c] += counts[base + c];
        }
      }
      for (let k = 0; k < K; k++) {
        const base = (w * K + k) * K;
        for (let c = 0; c < K; c++) {
          const denominator = denominators[w * K + c];
          confusionByAnswer[base + c] = denominator > 0 ? counts[base + c] / denominator : 1 / K;
        }
      }
    }
    if (classPrior === 'uniform') {
      prior.fill(1 / K);
      return;
    }
    sumAnsweredRows(prior, posterior, answered, T, K);
    const total = answeredTasks + classPseudoCount * K;
    for (let c = 0; c < K; c++) prior[c] = (prior[c] + classPseudoCount) / total;
  }

  /** Returns the log-likelihood of all answers under the current parameters. */
  function eStep(): number {
    return posteriorsAndCounts(posterior, prior, confusionByAnswer, counts, byTask, T, K);
  }

  if (initialisation === 'majority-vote') {
    voteShares(posterior, byTask, T, K);
    accumulateCounts(counts, posterior, byTask, T, K);
  } else {
    prior.fill(1 / K);
    for (let w = 0; w < W; w++) {
      for (let k = 0; k < K; k++) {
        for (let c = 0; c < K; c++) confusionByAnswer[(w * K + k) * K + c] = k === c ? onDiagonal : offDiagonal;
      }
    }
    eStep();
  }

  let iterations = 0;
  let converged = false;
  let logLikelihood = -Infinity;
  const perAnswer = N > 0 ? 1 / N : 0;
  while (iterations < maxIterations && N > 0) {
    mStep();
    const next = eStep();
    iterations++;
    const change = Math.abs(next - logLikelihood) * perAnswer;
    logLikelihood = next;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  if (N === 0) converged = true;

  const labels = new Int32Array(T);
  const confidence = new Float64Array(T);
  const lone = em !== data ? majorityVote(data) : undefined;
  for (let t = 0; t < T; t++) {
    const row = t * K;
    if (lone && single![t]) {
      labels[t] = lone.labels[t];
      posterior.set(lone.posteriors.subarray(row, row + K), row);
      continue;
    }
    if (!answered[t]) {
      labels[t] = -1;
      posterior.set(prior, row);
      continue;
    }
    const best = argmaxLowest(posterior, row, K, EM_TIE_TOLERANCE);
    labels[t] = best;
    const top = posterior[row + best];
    confidence[t] = single ? (single[t] ? 0 : Math.round(top * 100) / 100) : top;
  }

  // Public layout is [w][c][k] (rows = true class), the transpose of the internal one.
  const confusion = new Float64Array(W * K * K);
  const workerSkill = new Float64Array(W);
  if (iterations > 0 || initialisation === 'worker-prior') {
    for (let w = 0; w < W; w++) {
      let skill = 0;
      for (let c = 0; c < K; c++) {
        for (let k = 0; k < K; k++) confusion[(w * K + c) * K + k] = confusionByAnswer[(w * K + k) * K + c];
        skill += prior[c] * confusion[(w * K + c) * K + c];
      }
      workerSkill[w] = skill;
    }
  }

  return {
    labels,
    posteriors: posterior,
    confidence,
    workerSkill,
    confusion,
    priors: prior,
    iterations,
    converged,
    logLikelihood: N > 0 ? logLikelihood : 0,
  };
}

/**
 * Floor for a confusion-matrix count before normalising (crowd-kit clips the same way), so no
 * probability is exactly 0 — one answer never makes a class impossible — and rows still sum to 1.
 */
const MIN_COUNT = 1e-10;

// The loops over answers and tasks are top-level functions over typed-array parameters rather than
// closures over the outer scope, so V8 optimises each one on its own with the arrays in registers.

/** Answers grouped by task (a stable counting sort): task t's answers are `[offsets[t], offsets[t + 1])`. */
interface TaskMajor {
  offsets: Int32Array;
  /** Per answer in task order: `(worker · K + label) · K`, the start of its K cells in the worker-major tables. */
  cell: Int32Array;
  /** Per answer in task order: its label. */
  label: Int32Array;
}

/**
 * Groups the answers by task, so both EM steps walk each task's answers together with its posterior
 * row in registers. Data already in task order (files written task by task) is used as is.
 */
function groupByTask(task: Int32Array, worker: Int32Array, label: Int32Array, N: number, T: number, K: number): TaskMajor {
  const offsets = new Int32Array(T + 1);
  let sorted = true;
  for (let i = 0; i < N; i++) {
    offsets[task[i] + 1]++;
    if (i > 0 && task[i] < task[i - 1]) sorted = false;
  }
  for (let t = 0; t < T; t++) offsets[t + 1] += offsets[t];
  const cell = new Int32Array(N);
  if (sorted) {
    for (let i = 0; i < N; i++) cell[i] = (worker[i] * K + label[i]) * K;
    return { offsets, cell, label: label.subarray(0, N) };
  }
  const byLabel = new Int32Array(N);
  const cursor = offsets.slice(0, T);
  for (let i = 0; i < N; i++) {
    const j = cursor[task[i]]++;
    cell[j] = (worker[i] * K + label[i]) * K;
    byLabel[j] = label[i];
  }
  return { offsets, cell, label: byLabel };
}

/** Soft majority vote: each answered task's vote shares. */
function voteShares(posterior: Float64Array, byTask: TaskMajor, T: number, K: number): void {
  const { offsets, label } = byTask;
  for (let t = 0; t < T; t++) {
    const start = offsets[t];
    const end = offsets[t + 1];
    if (start === end) continue;
    const row = t * K;
    const share = 1 / (end - start);
    for (let j = start; j < end; j++) posterior[row + label[j]] += share;
  }
}

/** M-step sufficient statistics: counts[w][k][c] = Σ posterior(task, c) over the answers (w, k). */
function accumulateCounts(counts: Float64Array, posterior: Float64Array, byTask: TaskMajor, T: number, K: number): void {
  const { offsets, cell } = byTask;
  counts.fill(0);
  for (let t = 0; t < T; t++) {
    const row = t * K;
    for (let j = offsets[t], end = offsets[t + 1]; j < end; j++) {
      const base = cell[j];
      for (let c = 0; c < K; c++) counts[base + c] += posterior[row + c];
    }
  }
}

/** Rows are rescaled by this factor when their largest entry drops below its inverse. */
const RESCALE = 1e150;
const LOG_RESCALE = Math.log(RESCALE);
/** Answers multiplied between underflow checks: 8 factors ≥ 1e-18 keep a row ≥ 1e-150 above 1e-294. */
const CHECK_EVERY = 8;

/**
 * E-step fused with the next M-step's statistics, in one pass over the answers grouped by task:
 * posterior(t, c) ∝ p[c] · Π π_w[c][k] over t's answers, normalised, then added to `counts` for each
 * of t's answers while the row is still in cache. Returns the log-likelihood of all answers. See
 * {@link dawidSkene} for the underflow guard.
 */
function posteriorsAndCounts(
  posterior: Float64Array,
  prior: Float64Array,
  confusion: Float64Array,
  counts: Float64Array,
  byTask: TaskMajor,
  T: number,
  K: number,
): number {
  const { offsets, cell } = byTask;
  counts.fill(0);
  let logLikelihood = 0;
  for (let t = 0; t < T; t++) {
    const start = offsets[t];
    const end = offsets[t + 1];
    if (start === end) continue;
    const row = t * K;
    for (let c = 0; c < K; c++) posterior[row + c] = prior[c];
    let logScale = 0;
    for (let j = start; j < end; ) {
      const blockEnd = Math.min(end, j + CHECK_EVERY);
      for (; j < blockEnd; j++) {
        const base = cell[j];
        for (let c = 0; c < K; c++) posterior[row + c] *= confusion[base + c];
      }
      if (j < end) {
        let max = 0;
        for (let c = 0; c < K; c++) if (posterior[row + c] > max) max = posterior[row + c];
        if (max < 1 / RESCALE) {
          for (let c = 0; c < K; c++) posterior[row + c] *= RESCALE;
          logScale -= LOG_RESCALE;
        }
      }
    }
    let sum = 0;
    for (let c = 0; c < K; c++) sum += posterior[row + c];
    const inverse = 1 / sum;
    for (let c = 0; c < K; c++) posterior[row + c] *= inverse;
    logLikelihood += Math.log(sum) + logScale;
    for (let j = start; j < end; j++) {
      const base = cell[j];
      for (let c = 0; c < K; c++) counts[base + c] += posterior[row + c];
    }
  }
  return logLikelihood;
}

/** sums[c] = Σ over answered tasks of posterior(t, c). */
function sumAnsweredRows(sums: Float64Array, posterior: Float64Array, answered: Uint8Array, T: number, K: number): void {
  sums.fill(0);
  for (let t = 0; t < T; t++) {
    if (!answered[t]) continue;
    const row = t * K;
    for (let c = 0; c < K; c++) sums[c] += posterior[row + c];
  }
}

/** The same data without the answers to the flagged tasks (task, worker and label tables are shared). */
function withoutTasks(data: CategoricalData, drop: Uint8Array): CategoricalData {
  let kept = 0;
  for (let i = 0; i < data.count; i++) if (!drop[data.task[i]]) kept++;
  const task = new Int32Array(kept);
  const worker = new Int32Array(kept);
  const label = new Int32Array(kept);
  for (let i = 0, j = 0; i < data.count; i++) {
    if (drop[data.task[i]]) continue;
    task[j] = data.task[i];
    worker[j] = data.worker[i];
    label[j] = data.label[i];
    j++;
  }
  return { ...data, task, worker, label, count: kept };
}

/** Flags tasks whose answers all come from one worker (Ground Truth reports confidence 0.00 for them). */
function singleWorkerTasks(data: CategoricalData): Uint8Array {
  const T = data.tasks.length;
  const firstWorker = new Int32Array(T).fill(-1);
  const several = new Uint8Array(T);
  for (let i = 0; i < data.count; i++) {
    const t = data.task[i];
    if (firstWorker[t] === -1) firstWorker[t] = data.worker[i];
    else if (firstWorker[t] !== data.worker[i]) several[t] = 1;
  }
  const single = new Uint8Array(T);
  for (let t = 0; t < T; t++) single[t] = firstWorker[t] !== -1 && !several[t] ? 1 : 0;
  return single;
}

function positive(name: string, value: number, allowZero: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} finite number, found ${value}`);
  }
  return value;
}
