import type { CategoricalData } from '../encode.js';
import { majorityVote } from './majority-vote.js';
import { argmaxLowest, checkCategoricalData, type ClassificationResult } from './types.js';

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
 * - E-step (log space, log-sum-exp per task, so thousands of answers per task cannot underflow):
 *   posterior(t, c) ∝ p[c] · Π π_w[c][k] over t's answers.
 * - Stopping rule: after each E-step, the log-likelihood of the answers divided by the number of
 *   answers changes by less than `tolerance`, or `maxIterations` is reached (`converged: false`).
 * - Tie-breaking: the consolidated label is the top posterior; posteriors within 1e-12 count as tied
 *   and the lowest label index wins.
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

  const answered = new Uint8Array(T);
  for (let i = 0; i < N; i++) answered[task[i]] = 1;
  let answeredTasks = 0;
  for (let t = 0; t < T; t++) answeredTasks += answered[t];

  // Worker-major layout [w][k][c]: an answer (w, k) touches K contiguous cells in both steps.
  const counts = new Float64Array(W * K * K);
  const logConfusion = new Float64Array(W * K * K);
  const denominators = new Float64Array(W * K);
  const logPrior = new Float64Array(K);
  const prior = new Float64Array(K);
  // Holds posteriors between steps; the E-step writes log scores into it, then normalises in place.
  const posterior = new Float64Array(T * K);

  const offDiagonal = K > 1 ? (1 - workerPrior) / (K - 1) : 0;
  const logOnDiagonal = Math.log(K > 1 ? workerPrior : 1);
  const logOffDiagonal = Math.log(offDiagonal);

  function mStep(): void {
    counts.fill(0);
    accumulateCounts(counts, posterior, task, worker, label, N, K);
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
          const probability = denominator > 0 ? counts[base + c] / denominator : 1 / K;
          logConfusion[base + c] = Math.log(probability);
        }
      }
    }
    if (classPrior === 'uniform') {
      prior.fill(1 / K);
      logPrior.fill(-Math.log(K));
      return;
    }
    sumAnsweredRows(prior, posterior, answered, T, K);
    const total = answeredTasks + classPseudoCount * K;
    for (let c = 0; c < K; c++) {
      prior[c] = (prior[c] + classPseudoCount) / total;
      logPrior[c] = Math.log(Math.max(prior[c], Number.MIN_VALUE));
    }
  }

  /** Returns the log-likelihood of all answers under the current parameters. */
  function eStep(): number {
    resetScores(posterior, logPrior, answered, T, K);
    addAnswerScores(posterior, logConfusion, task, worker, label, N, K);
    return normaliseScores(posterior, answered, T, K);
  }

  if (initialisation === 'majority-vote') {
    posterior.set(majorityVote(em).posteriors);
  } else {
    for (let c = 0; c < K; c++) {
      prior[c] = 1 / K;
      logPrior[c] = -Math.log(K);
    }
    for (let w = 0; w < W; w++) {
      for (let k = 0; k < K; k++) {
        for (let c = 0; c < K; c++) logConfusion[(w * K + k) * K + c] = k === c ? logOnDiagonal : logOffDiagonal;
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
    const best = argmaxLowest(posterior, row, K);
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
        for (let k = 0; k < K; k++) confusion[(w * K + c) * K + k] = Math.exp(logConfusion[(w * K + k) * K + c]);
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

/** M-step sufficient statistics: counts[w][k][c] += posterior(task, c) for every answer (w, k). */
function accumulateCounts(
  counts: Float64Array,
  posterior: Float64Array,
  task: Int32Array,
  worker: Int32Array,
  label: Int32Array,
  N: number,
  K: number,
): void {
  for (let i = 0; i < N; i++) {
    const base = (worker[i] * K + label[i]) * K;
    const row = task[i] * K;
    for (let c = 0; c < K; c++) counts[base + c] += posterior[row + c];
  }
}

/** E-step: adds log π_w[c][k] of every answer to its task's log scores. */
function addAnswerScores(
  scores: Float64Array,
  logConfusion: Float64Array,
  task: Int32Array,
  worker: Int32Array,
  label: Int32Array,
  N: number,
  K: number,
): void {
  for (let i = 0; i < N; i++) {
    const base = (worker[i] * K + label[i]) * K;
    const row = task[i] * K;
    for (let c = 0; c < K; c++) scores[row + c] += logConfusion[base + c];
  }
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

/** Starts every answered task's log scores at the log class prior. */
function resetScores(scores: Float64Array, logPrior: Float64Array, answered: Uint8Array, T: number, K: number): void {
  for (let t = 0; t < T; t++) {
    if (!answered[t]) continue;
    const row = t * K;
    for (let c = 0; c < K; c++) scores[row + c] = logPrior[c];
  }
}

/**
 * Turns each answered task's log scores into posteriors with log-sum-exp (shift by the row maximum
 * before exponentiating, so no row underflows) and returns the total log-likelihood.
 */
function normaliseScores(scores: Float64Array, answered: Uint8Array, T: number, K: number): number {
  let logLikelihood = 0;
  for (let t = 0; t < T; t++) {
    if (!answered[t]) continue;
    const row = t * K;
    let max = -Infinity;
    for (let c = 0; c < K; c++) if (scores[row + c] > max) max = scores[row + c];
    let sum = 0;
    for (let c = 0; c < K; c++) {
      const p = Math.exp(scores[row + c] - max);
      scores[row + c] = p;
      sum += p;
    }
    const inverse = 1 / sum;
    for (let c = 0; c < K; c++) scores[row + c] *= inverse;
    logLikelihood += max + Math.log(sum);
  }
  return logLikelihood;
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
