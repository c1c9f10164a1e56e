import type { CategoricalData } from '../encode.js';
import { argmaxLowest, checkCategoricalData, EM_TIE_TOLERANCE, numberInRange, positiveInteger, type ClassificationResult } from './types.js';
import { normaliseLogPosteriors } from './log-posteriors.js';

export interface GladOptions {
  /** EM iteration limit; default 100. */
  maxIterations?: number;
  /** Stop when the expected complete-data log-posterior per answer changes by less than this; default 1e-5. */
  tolerance?: number;
  /** Line-searched ascent steps per M-step; default 25. */
  mStepIterations?: number;
  /** An M-step stops early when a step improves its objective per answer by less than this; default 1e-7. */
  mStepTolerance?: number;
  /** Mean of the Gaussian prior (variance 1) on every worker's ability α; default 1. */
  abilityPriorMean?: number;
  /** Mean of the Gaussian prior (variance 1) on every task's log inverse difficulty ln β; default 1. */
  difficultyPriorMean?: number;
}

/** GLAD's result: the classification outputs plus the fitted abilities and inverse difficulties. */
export interface GladResult extends ClassificationResult {
  /** Worker ability α per worker: > 0 better than chance, 0 random, < 0 adversarial. */
  ability: Float64Array;
  /** Inverse task difficulty β = e^b > 0 per task: large β = easy task (answers tell more). */
  inverseDifficulty: Float64Array;
}

/**
 * GLAD (Generative model of Labels, Abilities, and Difficulties).
 *
 * J. Whitehill, P. Ruvolo, T. Wu, J. Bergsma and J. Movellan, "Whose Vote Should Count More: Optimal
 * Integration of Labels from Labelers of Unknown Expertise", NeurIPS 22, 2009.
 * https://papers.nips.cc/paper/2009/hash/f899139df5e1059396431415e770c6dd-Abstract.html
 *
 * Model: worker `w` answers task `t` correctly with probability `σ(α_w β_t)` (σ the logistic
 * function), otherwise one of the `K − 1` wrong labels uniformly (the paper's multi-class form).
 * `β_t = e^{b_t}` keeps difficulty positive. Priors: `α_w ~ N(1, 1)`, `b_t ~ N(1, 1)` (as in the
 * paper's released code and crowd-kit); class prior uniform.
 *
 * - Initialisation: α = prior mean, b = prior mean; the first step is an E-step.
 * - E-step (log space): posterior(t, c) ∝ Π over t's answers of σ(α β) if the answer is c, else
 *   (1 − σ(α β)) / (K − 1).
 * - M-step: maximises `Q = Σ_answers [q ln σ(x) + (1 − q)(ln σ(−x) − ln(K − 1))] − Σ (α − 1)²/2 −
 *   Σ (b − 1)²/2`, with `x = α_w e^{b_t}` and `q` the posterior that the answer is right. Gradients:
 *   `∂Q/∂α_w = Σ_{w's answers} (q − σ(x)) β_t − (α_w − 1)`, `∂Q/∂b_t = Σ_{t's answers} (q − σ(x)) α_w β_t −
 *   (b_t − 1)`. Each step scales every coordinate's gradient by the inverse of its Gauss-Newton
 *   curvature (`Σ β² σ(1 − σ) + 1`, resp. `Σ x² σ(1 − σ) + 1`) and backtracks (halving, Armijo
 *   condition) until Q increases, so every M-step increases Q; at most `mStepIterations` steps.
 *   crowd-kit uses scipy's conjugate gradient with 25 iterations; the diagonal scaling matters because
 *   a worker with thousands of answers and a task with five have gradients of very different size.
 * - Stopping rule: Q per answer (after the M-step) changes by less than `tolerance`, or
 *   `maxIterations` (`converged: false`). A final E-step gives posteriors for the returned parameters.
 * - Tie-breaking: top posterior, posteriors within 1e-9 tie, lowest label index wins.
 * - `confidence` = top posterior; `workerSkill` = mean of σ(α_w β_t) over the worker's answers (their
 *   expected accuracy on the tasks they did).
 *
 * Time O(iterations × (answers × (K + M-step steps))); memory O(answers + tasks × K).
 */
export function glad(data: CategoricalData, options: GladOptions = {}): GladResult {
  checkCategoricalData(data);
  const maxIterations = positiveInteger('maxIterations', options.maxIterations ?? 100);
  const tolerance = numberInRange('tolerance', options.tolerance ?? 1e-5, 0);
  const mStepIterations = positiveInteger('mStepIterations', options.mStepIterations ?? 25);
  const mStepTolerance = numberInRange('mStepTolerance', options.mStepTolerance ?? 1e-7, 0);
  const alphaMean = numberInRange('abilityPriorMean', options.abilityPriorMean ?? 1, -Infinity);
  const bMean = numberInRange('difficultyPriorMean', options.difficultyPriorMean ?? 1, -Infinity);

  const T = data.tasks.length;
  const W = data.workers.length;
  const K = data.labels.length;
  const N = data.count;
  const { task, worker, label } = data;
  const logWrongShare = K > 1 ? Math.log(K - 1) : 0;

  const answered = new Uint8Array(T);
  for (let i = 0; i < N; i++) answered[task[i]] = 1;

  const alpha = new Float64Array(W).fill(alphaMean);
  const b = new Float64Array(T).fill(bMean);
  const posterior = new Float64Array(T * K);
  const right = new Float64Array(N); // q: posterior that answer i is right
  const state: Model = { task, worker, label, N, K, T, W, logWrongShare, alphaMean, bMean, beta: new Float64Array(T) };

  const eStep = (): void => {
    posteriorsOf(state, alpha, b, answered, posterior);
    for (let i = 0; i < N; i++) right[i] = posterior[task[i] * K + label[i]];
  };

  const gradA = new Float64Array(W);
  const gradB = new Float64Array(T);
  const curvA = new Float64Array(W);
  const curvB = new Float64Array(T);
  const trialA = new Float64Array(W);
  const trialB = new Float64Array(T);
  const perAnswer = N > 0 ? 1 / N : 0;

  /** Diagonally scaled gradient ascent on Q with backtracking; returns Q at the end. */
  const mStep = (): number => {
    let q = objective(state, alpha, b, right);
    for (let step = 0; step < mStepIterations; step++) {
      gradients(state, alpha, b, right, gradA, gradB, curvA, curvB);
      let slope = 0;
      for (let w = 0; w < W; w++) slope += (gradA[w] * gradA[w]) / curvA[w];
      for (let t = 0; t < T; t++) slope += (gradB[t] * gradB[t]) / curvB[t];
      if (slope === 0) break;
      let size = 1;
      let next = -Infinity;
      for (let halvings = 0; halvings < 30; halvings++) {
        for (let w = 0; w < W; w++) trialA[w] = alpha[w] + (size * gradA[w]) / curvA[w];
        for (let t = 0; t < T; t++) trialB[t] = b[t] + (size * gradB[t]) / curvB[t];
        next = objective(state, trialA, trialB, right);
        if (next >= q + 1e-4 * size * slope) break;
        size /= 2;
      }
      if (!(next > q)) break;
      alpha.set(trialA);
      b.set(trialB);
      const gain = (next - q) * perAnswer;
      q = next;
      if (gain < mStepTolerance) break;
    }
    return q;
  };

  let iterations = 0;
  let converged = N === 0;
  let previous = -Infinity;
  while (iterations < maxIterations && N > 0) {
    eStep();
    const q = mStep() * perAnswer;
    iterations++;
    const change = Math.abs(q - previous);
    previous = q;
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  eStep();

  const labels = new Int32Array(T);
  const confidence = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    if (!answered[t]) {
      labels[t] = -1;
      posterior.fill(1 / K, t * K, (t + 1) * K);
      continue;
    }
    labels[t] = argmaxLowest(posterior, t * K, K, EM_TIE_TOLERANCE);
    confidence[t] = posterior[t * K + labels[t]];
  }
  const workerSkill = new Float64Array(W);
  const workerAnswers = new Float64Array(W);
  for (let i = 0; i < N; i++) {
    workerSkill[worker[i]] += sigmoid(alpha[worker[i]] * Math.exp(b[task[i]]));
    workerAnswers[worker[i]]++;
  }
  for (let w = 0; w < W; w++) workerSkill[w] = workerAnswers[w] > 0 ? workerSkill[w] / workerAnswers[w] : sigmoid(alpha[w]);
  const inverseDifficulty = Float64Array.from(b, Math.exp);
  return {
    labels,
    posteriors: posterior,
    confidence,
    workerSkill,
    priors: new Float64Array(K).fill(1 / K),
    ability: alpha,
    inverseDifficulty,
    iterations,
    converged,
    logLikelihood: N > 0 ? logLikelihoodOf(state, alpha, b, answered) : 0,
  };
}

interface Model {
  task: Int32Array;
  worker: Int32Array;
  label: Int32Array;
  N: number;
  K: number;
  T: number;
  W: number;
  logWrongShare: number;
  alphaMean: number;
  bMean: number;
  /** Scratch: β_t = e^{b_t} of the parameters being evaluated, so each task needs one exponential, not one per answer. */
  beta: Float64Array;
}

function fillBeta(m: Model, b: Float64Array): Float64Array {
  const { beta, T } = m;
  for (let t = 0; t < T; t++) beta[t] = Math.exp(b[t]);
  return beta;
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** ln σ(x) without overflow: −softplus(−x). */
function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

/** Unnormalised log posteriors (written into `posterior`), normalised in place; returns the log-likelihood. */
function posteriorsOf(m: Model, alpha: Float64Array, b: Float64Array, answered: Uint8Array, posterior: Float64Array): number {
  const { task, worker, label, N, K, T, logWrongShare } = m;
  const logPrior = -Math.log(K);
  for (let t = 0; t < T; t++) if (answered[t]) posterior.fill(logPrior, t * K, (t + 1) * K);
  const beta = fillBeta(m, b);
  for (let i = 0; i < N; i++) {
    const x = alpha[worker[i]] * beta[task[i]];
    // ln σ(−x) = ln σ(x) − x, so one logarithm per answer gives both terms.
    const wrong = logSigmoid(x) - x - logWrongShare;
    const row = task[i] * K;
    for (let c = 0; c < K; c++) posterior[row + c] += wrong;
    posterior[row + label[i]] += x + logWrongShare;
  }
  return normaliseLogPosteriors(posterior, K, answered);
}

function logLikelihoodOf(m: Model, alpha: Float64Array, b: Float64Array, answered: Uint8Array): number {
  return posteriorsOf(m, alpha, b, answered, new Float64Array(m.T * m.K));
}

/** The M-step objective Q (expected complete-data log-likelihood plus the Gaussian log-priors, up to constants). */
function objective(m: Model, alpha: Float64Array, b: Float64Array, right: Float64Array): number {
  const { task, worker, N, W, T, logWrongShare, alphaMean, bMean } = m;
  const beta = fillBeta(m, b);
  let q = 0;
  for (let i = 0; i < N; i++) {
    const x = alpha[worker[i]] * beta[task[i]];
    // q ln σ(x) + (1 − q)(ln σ(−x) − ln(K − 1)) with ln σ(−x) = ln σ(x) − x.
    q += logSigmoid(x) - (1 - right[i]) * (x + logWrongShare);
  }
  for (let w = 0; w < W; w++) q -= 0.5 * (alpha[w] - alphaMean) ** 2;
  for (let t = 0; t < T; t++) q -= 0.5 * (b[t] - bMean) ** 2;
  return q;
}

/** ∂Q/∂α, ∂Q/∂b and their Gauss-Newton curvatures (positive, ≥ 1 from the unit-variance priors). */
function gradients(
  m: Model,
  alpha: Float64Array,
  b: Float64Array,
  right: Float64Array,
  gradA: Float64Array,
  gradB: Float64Array,
  curvA: Float64Array,
  curvB: Float64Array,
): void {
  const { task, worker, N, W, T, alphaMean, bMean } = m;
  for (let w = 0; w < W; w++) {
    gradA[w] = -(alpha[w] - alphaMean);
    curvA[w] = 1;
  }
  for (let t = 0; t < T; t++) {
    gradB[t] = -(b[t] - bMean);
    curvB[t] = 1;
  }
  const betas = fillBeta(m, b);
  for (let i = 0; i < N; i++) {
    const w = worker[i];
    const t = task[i];
    const beta = betas[t];
    const x = alpha[w] * beta;
    const s = sigmoid(x);
    const residual = right[i] - s;
    const spread = s * (1 - s);
    gradA[w] += residual * beta;
    curvA[w] += beta * beta * spread;
    gradB[t] += residual * x;
    curvB[t] += x * x * spread;
  }
}
