import { numberInRange, positiveInteger } from '../classification/types.js';
import { denseRanksOf } from '../ranking/common.js';
import { OUTCOME_A, OUTCOME_B, OUTCOME_TIE, PairwiseEncoder, type Comparison, type PairwiseData } from './bradley-terry.js';

/** Comparisons with the worker who made each: {@link PairwiseData} plus a worker column. */
export interface WorkerPairwiseData extends PairwiseData {
  /** Worker ids by worker index (first-seen order). */
  workers: string[];
  /** Worker index of comparison `i < count`. */
  worker: Int32Array;
}

/** One comparison as ids, with the worker who made it. `itemA` is the item shown first (left / "A"). */
export interface WorkerComparison extends Comparison {
  worker: string;
}

/** Encodes comparisons given as ids, keeping which worker made each. */
export function encodeWorkerComparisons(comparisons: Iterable<WorkerComparison>): WorkerPairwiseData {
  const encoder = new PairwiseEncoder();
  const workerIndex = new Map<string, number>();
  const workers: string[] = [];
  let worker = new Int32Array(64);
  let count = 0;
  for (const c of comparisons) {
    if (typeof c.worker !== 'string' || c.worker === '') {
      throw new TypeError(`comparison ${count}: worker must be a non-empty string, found ${JSON.stringify(c.worker)}`);
    }
    encoder.add(c.itemA, c.itemB, c.outcome);
    let w = workerIndex.get(c.worker);
    if (w === undefined) {
      w = workers.length;
      workerIndex.set(c.worker, w);
      workers.push(c.worker);
    }
    if (count === worker.length) {
      const grown = new Int32Array(count * 2);
      grown.set(worker);
      worker = grown;
    }
    worker[count++] = w;
  }
  return { ...encoder.finish(), workers, worker: worker.slice(0, count) };
}

export interface NoisyBradleyTerryOptions {
  /**
   * Strength λ of the prior on item scores: every item gets λ virtual wins and λ virtual losses
   * against a reference item of score 0 (crowd-kit's regulariser, with λ = 1e-5 there). Default 1:
   * an undefeated item gets a large but finite score, an item never compared scores 0. Firmer than
   * {@link bradleyTerry}'s 0.1 because the guessing component lets the model explain every upset as a
   * guess and spread the scores without bound; with λ = 1 four items that each beat the next 4 times
   * in 5 span 4.2 (plain Bradley-Terry: 2.2), with λ = 0.1 they span 9.3. Must be > 0.
   */
  prior?: number;
  /**
   * Beta pseudo-counts `[reliable, unreliable]` on each worker's reliability γ: a worker starts as if
   * they had made this many attentive and this many random comparisons. Default [2, 1].
   */
  reliabilityPrior?: readonly [number, number];
  /** Pseudo-counts on each worker's guessing bias: this many A and as many B picks. Default 1 (Laplace). */
  biasPrior?: number;
  /** Iteration cap; default 1000. */
  maxIterations?: number;
  /** Stop when no score, logit γ or logit bias moves by more than this; default 1e-7. */
  tolerance?: number;
}

export interface NoisyBradleyTerryResult {
  /** Log-strength per item, as {@link bradleyTerry}'s `scores`: 0 is the prior's centre (an item never compared). */
  scores: Float64Array;
  /** Dense ranks, 1 = strongest; items whose scores differ by < 1e-9 share a rank. */
  ranks: Int32Array;
  /** γ per worker: the probability that a comparison of theirs follows the item scores rather than a guess. */
  reliability: Float64Array;
  /** Per worker: the probability that a guess picks the item shown first (A); 0.5 = no position bias. */
  positionBias: Float64Array;
  /** Log posterior (log-likelihood plus log priors) at the estimate. */
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

/**
 * Noisy Bradley-Terry: Bradley-Terry with a reliability and a position bias per worker.
 *
 * N. Bugakova, V. Fedorova, G. Gusev and A. Drutsa, "Aggregation of pairwise comparisons with
 * reduction of biases", NeurIPS 2019 Workshop on Crowdsourcing and Human Computation,
 * arXiv:1906.03711 (the model crowd-kit implements as `NoisyBradleyTerry`).
 *
 * Model: when worker `w` compares `a` (shown first) with `b`, with probability `γ_w` they judge and
 * pick `a` with the Bradley-Terry probability `σ(s_a − s_b)`; otherwise they guess and pick `a`
 * with probability `β_w` whatever the items (`β_w > 1/2`: a habit of clicking the first one). So
 * `P(a) = γ_w σ(s_a − s_b) + (1 − γ_w) β_w`. A tie counts as half a pick of each side.
 *
 * Fitting: expectation-maximisation over the hidden "judged or guessed" of each comparison, which
 * makes every update closed-form and the log posterior non-decreasing (a generalised EM):
 * - Initialisation: all scores 0, γ = 0.9, β = 1/2.
 * - E-step: `r` = P(judged | outcome) = γ σ(±(s_a − s_b)) / P(outcome) per comparison.
 * - M-step: γ_w = (Σ r + reliable) / (comparisons + reliable + unreliable); β_w = (Σ (1 − r) over
 *   A picks + biasPrior) / (Σ (1 − r) + 2 biasPrior); then up to 10 minorise-maximise sweeps of
 *   Hunter (Annals of Statistics 32(1), 2004) on the scores, with each pick weighted by `r`, plus λ
 *   virtual wins and losses against score 0: `π_i ← (λ + Σ r·wins_i) / (2λ/(π_i + 1) + Σ r/(π_i + π_j))`.
 * - Acceleration: SQUAREM (Varadhan & Roland, "Simple and globally convergent methods for
 *   accelerating the convergence of any EM algorithm", Scand. J. Statist. 35(2), 2008, scheme S3) on
 *   the vector of ln π, logit γ, logit β: two EM steps, an extrapolation along them, one EM step from
 *   there, kept only when its log posterior is at least that of the plain second step, so the
 *   posterior still never decreases. `iterations` counts EM steps (three per SQUAREM cycle).
 * - Stopping rule: an EM step moves no log-strength, logit γ or logit β by more than `tolerance`,
 *   or `maxIterations` (`converged: false`).
 * - Ties in the scores: items within 1e-9 share a rank (see {@link denseRanksOf}).
 *
 * crowd-kit maximises the same likelihood with L-BFGS-B from a random start (and returns σ(score));
 * Quorum's EM is deterministic, so the result does not depend on a seed, on the order of the
 * comparisons or on the names of items and workers. Flipping the sides of all of one worker's
 * comparisons (with their outcomes) leaves the scores unchanged and mirrors that worker's bias.
 *
 * Time O(iterations × sweeps × (comparisons + items + workers)); memory O(comparisons + items + workers).
 */
export function noisyBradleyTerry(data: WorkerPairwiseData, options: NoisyBradleyTerryOptions = {}): NoisyBradleyTerryResult {
  const prior = numberInRange('prior', options.prior ?? 1, 0, Infinity, true);
  const [reliablePrior, unreliablePrior] = options.reliabilityPrior ?? [2, 1];
  numberInRange('reliabilityPrior[0]', reliablePrior, 0);
  numberInRange('reliabilityPrior[1]', unreliablePrior, 0);
  if (reliablePrior + unreliablePrior <= 0) throw new RangeError('reliabilityPrior must not be [0, 0]');
  const biasPrior = numberInRange('biasPrior', options.biasPrior ?? 1, 0, Infinity, true);
  const maxIterations = positiveInteger('maxIterations', options.maxIterations ?? 1000);
  const tolerance = numberInRange('tolerance', options.tolerance ?? 1e-7, 0);

  const n = data.items.length;
  const W = data.workers.length;
  const { a, b, outcome, worker, count } = data;
  if (a.length < count || b.length < count || outcome.length < count || worker.length < count) {
    throw new RangeError(`a/b/outcome/worker arrays are shorter than count (${count})`);
  }
  for (let c = 0; c < count; c++) {
    if (a[c] < 0 || a[c] >= n || b[c] < 0 || b[c] >= n) throw new RangeError(`comparison ${c}: item index out of range`);
    if (a[c] === b[c]) throw new RangeError(`comparison ${c}: item "${data.items[a[c]]}" is compared with itself`);
    if (outcome[c] > OUTCOME_TIE) throw new RangeError(`comparison ${c}: outcome code ${outcome[c]} is not 0 (A), 1 (B) or 2 (tie)`);
    if (worker[c] < 0 || worker[c] >= W) throw new RangeError(`comparison ${c}: worker index ${worker[c]} out of range`);
  }
  // Weight of the "A picked" and "B picked" events of each comparison: 1/0, 0/1, or ½/½ for a tie.
  const pickA = (o: number): number => (o === OUTCOME_A ? 1 : o === OUTCOME_B ? 0 : 0.5);

  const strength = new Float64Array(n);
  const reliability = new Float64Array(W);
  const bias = new Float64Array(W);
  // E-step: P(judged | outcome) for the A and the B event; then, in the M-step, weighted by each event's share of the outcome.
  const judgedA = new Float64Array(count);
  const judgedB = new Float64Array(count);
  const workerComparisons = new Float64Array(W);
  for (let c = 0; c < count; c++) workerComparisons[worker[c]]++;

  const wins = new Float64Array(n);
  const denominator = new Float64Array(n);
  const judgedSum = new Float64Array(W);
  const guessedA = new Float64Array(W);
  const guessedSum = new Float64Array(W);

  // The parameters as one vector in unconstrained coordinates [ln π (n), logit γ (W), logit β (W)],
  // the space in which SQUAREM extrapolates.
  const size = n + 2 * W;
  const unpack = (x: Float64Array): void => {
    for (let i = 0; i < n; i++) strength[i] = Math.exp(clamp(x[i], 50));
    for (let w = 0; w < W; w++) {
      reliability[w] = clampProbability(sigmoid(x[n + w]));
      bias[w] = clampProbability(sigmoid(x[n + W + w]));
    }
  };
  const pack = (x: Float64Array): void => {
    for (let i = 0; i < n; i++) x[i] = Math.log(strength[i]);
    for (let w = 0; w < W; w++) {
      x[n + w] = logit(reliability[w]);
      x[n + W + w] = logit(bias[w]);
    }
  };

  /** Log posterior at the unpacked parameters; with `eStep`, also fills the E-step responsibilities. */
  const pass = (eStep: boolean): number => {
    let total = 0;
    for (let c = 0; c < count; c++) {
      const w = worker[c];
      const sa = strength[a[c]];
      const sb = strength[b[c]];
      const judgeA = (reliability[w] * sa) / (sa + sb);
      const judgeB = (reliability[w] * sb) / (sa + sb);
      const probabilityA = judgeA + (1 - reliability[w]) * bias[w];
      const probabilityB = judgeB + (1 - reliability[w]) * (1 - bias[w]);
      const weightA = pickA(outcome[c]);
      if (weightA > 0) total += weightA * Math.log(probabilityA);
      if (weightA < 1) total += (1 - weightA) * Math.log(probabilityB);
      if (eStep) {
        judgedA[c] = judgeA / probabilityA;
        judgedB[c] = judgeB / probabilityB;
      }
    }
    for (let i = 0; i < n; i++) total += prior * (Math.log(strength[i]) - 2 * Math.log(strength[i] + 1));
    for (let w = 0; w < W; w++) {
      total += reliablePrior * Math.log(reliability[w]) + unreliablePrior * Math.log(1 - reliability[w]);
      total += biasPrior * (Math.log(bias[w]) + Math.log(1 - bias[w]));
    }
    return total;
  };
  const logPosterior = (x: Float64Array): number => {
    unpack(x);
    return pass(false);
  };

  /** One EM iteration: `to` = M(E(`from`)). */
  const emStep = (from: Float64Array, to: Float64Array): void => {
    unpack(from);
    pass(true);
    judgedSum.fill(0);
    guessedA.fill(0);
    guessedSum.fill(0);
    wins.fill(prior);
    for (let c = 0; c < count; c++) {
      const w = worker[c];
      const weightA = pickA(outcome[c]);
      const rA = weightA * judgedA[c];
      const rB = (1 - weightA) * judgedB[c];
      judgedA[c] = rA;
      judgedB[c] = rB;
      judgedSum[w] += rA + rB;
      guessedA[w] += weightA - rA;
      guessedSum[w] += 1 - rA - rB;
      wins[a[c]] += rA;
      wins[b[c]] += rB;
    }
    for (let w = 0; w < W; w++) {
      reliability[w] = clampProbability((judgedSum[w] + reliablePrior) / (workerComparisons[w] + reliablePrior + unreliablePrior));
      bias[w] = clampProbability((guessedA[w] + biasPrior) / (guessedSum[w] + 2 * biasPrior));
    }
    // Several MM sweeps per E-step: each raises Q, and the scores, not the worker parameters, are
    // what converges slowly.
    for (let sweep = 0; sweep < SCORE_SWEEPS; sweep++) {
      for (let i = 0; i < n; i++) denominator[i] = (2 * prior) / (strength[i] + 1);
      for (let c = 0; c < count; c++) {
        const i = a[c];
        const j = b[c];
        const share = (judgedA[c] + judgedB[c]) / (strength[i] + strength[j]);
        denominator[i] += share;
        denominator[j] += share;
      }
      let sweepChange = 0;
      for (let i = 0; i < n; i++) {
        const next = wins[i] / denominator[i];
        sweepChange = Math.max(sweepChange, Math.abs(Math.log(next / strength[i])));
        strength[i] = next;
      }
      if (sweepChange < tolerance) break;
    }
    pack(to);
  };

  const x0 = new Float64Array(size);
  const x1 = new Float64Array(size);
  const x2 = new Float64Array(size);
  const extrapolated = new Float64Array(size);
  const x3 = new Float64Array(size);
  x0.fill(logit(0.9), n, n + W); // scores 0, γ = 0.9, β = ½
  const maxChange = (p: Float64Array, q: Float64Array): number => {
    let change = 0;
    for (let k = 0; k < size; k++) change = Math.max(change, Math.abs(p[k] - q[k]));
    return change;
  };

  let iterations = 0;
  let converged = false;
  let current = x0;
  while (iterations < maxIterations) {
    emStep(x0, x1);
    iterations++;
    current = x1;
    if (maxChange(x0, x1) < tolerance) {
      converged = true;
      break;
    }
    if (iterations === maxIterations) break;
    emStep(x1, x2);
    iterations++;
    current = x2;
    if (maxChange(x1, x2) < tolerance) {
      converged = true;
      break;
    }
    if (iterations === maxIterations) break;
    // SQUAREM (Varadhan & Roland, Scand. J. Statist. 35(2), 2008, scheme S3): extrapolate along the
    // last two EM steps, take one EM step from there, and keep it only if it beats the plain EM point.
    let r2 = 0;
    let v2 = 0;
    for (let k = 0; k < size; k++) {
      const r = x1[k] - x0[k];
      const v = x2[k] - 2 * x1[k] + x0[k];
      r2 += r * r;
      v2 += v * v;
    }
    const step = v2 > 0 ? Math.min(-1, -Math.sqrt(r2 / v2)) : -1;
    for (let k = 0; k < size; k++) {
      const r = x1[k] - x0[k];
      const v = x2[k] - 2 * x1[k] + x0[k];
      extrapolated[k] = x0[k] - 2 * step * r + step * step * v;
    }
    emStep(extrapolated, x3);
    iterations++;
    const accepted = logPosterior(x3) >= logPosterior(x2) ? x3 : x2;
    x0.set(accepted);
    current = x0;
  }
  unpack(current);

  const scores = Float64Array.from(strength, Math.log);
  return {
    scores,
    ranks: denseRanksOf(scores),
    reliability,
    positionBias: bias,
    logLikelihood: pass(false),
    iterations,
    converged,
  };
}

/** Minorise-maximise sweeps over the scores per EM iteration. */
const SCORE_SWEEPS = 10;

/** Keeps a probability strictly inside (0, 1) so logarithms and logits stay finite. */
function clampProbability(p: number): number {
  return Math.min(1 - 1e-12, Math.max(1e-12, p));
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-clamp(x, 50)));
}

function clamp(x: number, limit: number): number {
  return Number.isNaN(x) ? 0 : Math.max(-limit, Math.min(limit, x));
}
