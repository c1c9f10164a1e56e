import type { CategoricalData } from '../encode.js';
import {
  argmaxLowestRelative,
  checkCategoricalData,
  entriesOf,
  goldIndices,
  numberInRange,
  type ByWorker,
  type ClassificationResult,
  type GoldLabels,
} from './types.js';

export interface WeightedMajorityVoteOptions {
  /**
   * Vote weight per worker id (e.g. 3 for expert reviewers, 1 for the crowd). Weights must be finite
   * and ≥ 0. Give `weights` or `gold`, not both.
   */
  weights?: ByWorker<number>;
  /**
   * Known labels of some tasks (gold questions, expert answers): task id → label id. Each worker's
   * weight is then learned from their answers to these tasks, see {@link weightedMajorityVote}.
   */
  gold?: GoldLabels;
  /** Weight of a worker missing from `weights` (default 1) or without gold answers (default: learned from the pooled gold accuracy). */
  defaultWeight?: number;
}

/**
 * Weighted majority vote: each task gets the label with the largest sum of its voters' weights.
 *
 * Weights are either given per worker, or learned from gold tasks as the log-odds weight
 * `max(0, ln((K − 1) · p / (1 − p)))` of the worker's gold accuracy `p`, Laplace-smoothed as
 * `(correct + 1) / (answered + 2)`. Under the one-coin model (a worker is right with probability `p`
 * and otherwise picks a wrong label uniformly) that weight makes the weighted vote the maximum a
 * posteriori label with uniform class priors — S. Nitzan and J. Paroush, "Optimal Decision Rules in
 * Uncertain Dichotomous Choice Situations", International Economic Review 23(2):289–297, 1982, and
 * for K classes H. Li and B. Yu, "Error Rate Bounds and Iterative Weighted Majority Voting for
 * Crowdsourcing", arXiv:1411.4086, 2014. A worker no better than chance on the gold gets weight 0
 * (ignored, not inverted). A worker with no gold answers gets `defaultWeight`, or the weight of the
 * pooled gold accuracy of all workers. Gold tasks are consolidated like the others (their known
 * label is not copied into the output), so the result shows how the crowd did on them.
 *
 * Not iterative: `iterations` 0, `converged` true. `posteriors` are the weighted vote shares,
 * `confidence` the winner's share, `workerWeights` the weights used, `workerSkill` each worker's
 * agreement with the consolidated labels. Ties (sums within a relative 1e-12) go to the lowest label
 * index. A task whose voters all have weight 0 falls back to an unweighted vote, so it still gets a
 * label; a task without answers gets -1.
 */
export function weightedMajorityVote(data: CategoricalData, options: WeightedMajorityVoteOptions = {}): ClassificationResult {
  checkCategoricalData(data);
  if (options.weights && options.gold) throw new RangeError('give weights or gold, not both');
  const defaultWeight = options.defaultWeight === undefined ? undefined : numberInRange('defaultWeight', options.defaultWeight, 0);
  let weights: Float64Array;
  if (options.gold) {
    weights = logOddsWeightsFromGold(data, goldIndices(data, options.gold), defaultWeight);
  } else if (options.weights) {
    weights = workerWeightArray(data, options.weights, defaultWeight ?? 1);
  } else {
    weights = new Float64Array(data.workers.length).fill(defaultWeight ?? 1);
  }
  return weightedVote(data, weights);
}

/** Per-worker answers on gold tasks and how many of them match the gold label. */
export function goldAgreement(data: CategoricalData, gold: Int32Array): { correct: Float64Array; answered: Float64Array } {
  const correct = new Float64Array(data.workers.length);
  const answered = new Float64Array(data.workers.length);
  for (let i = 0; i < data.count; i++) {
    const expected = gold[data.task[i]];
    if (expected < 0) continue;
    answered[data.worker[i]]++;
    if (data.label[i] === expected) correct[data.worker[i]]++;
  }
  return { correct, answered };
}

function logOddsWeightsFromGold(data: CategoricalData, gold: Int32Array, defaultWeight: number | undefined): Float64Array {
  const K = data.labels.length;
  const { correct, answered } = goldAgreement(data, gold);
  let pooledCorrect = 0;
  let pooledAnswered = 0;
  for (let w = 0; w < correct.length; w++) {
    pooledCorrect += correct[w];
    pooledAnswered += answered[w];
  }
  if (pooledAnswered === 0) throw new RangeError('none of the gold tasks has an answer, so no weight can be learned');
  const weightOf = (right: number, total: number) => {
    const p = (right + 1) / (total + 2);
    return Math.max(0, Math.log((Math.max(K, 2) - 1) * p / (1 - p)));
  };
  const fallback = defaultWeight ?? weightOf(pooledCorrect, pooledAnswered);
  const weights = new Float64Array(correct.length);
  for (let w = 0; w < weights.length; w++) weights[w] = answered[w] > 0 ? weightOf(correct[w], answered[w]) : fallback;
  return weights;
}

/** Worker weights by worker index from weights keyed by id; unknown ids in the input are ignored. */
export function workerWeightArray(data: CategoricalData, weights: ByWorker<number>, defaultWeight: number): Float64Array {
  const byId = new Map<string, number>();
  for (const [worker, weight] of entriesOf(weights)) {
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`weight of worker "${worker}" must be a finite number ≥ 0, found ${weight}`);
    }
    byId.set(worker, weight);
  }
  return Float64Array.from(data.workers, (worker) => byId.get(worker) ?? defaultWeight);
}

/**
 * The shared weighted vote of weighted and gold majority vote, Wawa and zero-based skill; see
 * {@link weightedMajorityVote} for the outputs and tie-breaking.
 */
export function weightedVote(data: CategoricalData, weights: Float64Array): ClassificationResult {
  const T = data.tasks.length;
  const K = data.labels.length;
  const { count, task, worker, label } = data;
  const votes = new Float64Array(T * K);
  const totals = new Float64Array(T);
  const answers = new Uint32Array(T);
  for (let i = 0; i < count; i++) {
    const weight = weights[worker[i]];
    votes[task[i] * K + label[i]] += weight;
    totals[task[i]] += weight;
    answers[task[i]]++;
  }
  for (let i = 0; i < count; i++) {
    // Every voter of this task has weight 0: count heads instead, so the task keeps a label.
    if (answers[task[i]] > 0 && totals[task[i]] === 0) votes[task[i] * K + label[i]] += 1;
  }
  const labels = new Int32Array(T);
  const confidence = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    if (answers[t] === 0) {
      labels[t] = -1;
      continue;
    }
    const row = t * K;
    let sum = 0;
    for (let k = 0; k < K; k++) sum += votes[row + k];
    for (let k = 0; k < K; k++) votes[row + k] /= sum;
    const best = argmaxLowestRelative(votes, row, K);
    labels[t] = best;
    confidence[t] = votes[row + best];
  }
  return {
    labels,
    posteriors: votes,
    confidence,
    workerSkill: agreementWithLabels(data, labels),
    workerWeights: weights,
    iterations: 0,
    converged: true,
  };
}

/** Share of each worker's answers that equal the consolidated label of their task (0 for a worker without answers). */
export function agreementWithLabels(data: CategoricalData, labels: Int32Array): Float64Array {
  const agree = new Float64Array(data.workers.length);
  const total = new Float64Array(data.workers.length);
  for (let i = 0; i < data.count; i++) {
    total[data.worker[i]]++;
    if (labels[data.task[i]] === data.label[i]) agree[data.worker[i]]++;
  }
  for (let w = 0; w < agree.length; w++) agree[w] = total[w] > 0 ? agree[w] / total[w] : 0;
  return agree;
}
