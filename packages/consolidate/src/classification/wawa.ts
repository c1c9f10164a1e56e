import type { CategoricalData } from '../encode.js';
import { majorityVote } from './majority-vote.js';
import { checkCategoricalData, type ClassificationResult } from './types.js';
import { weightedVote } from './weighted-majority-vote.js';

/**
 * Wawa (worker agreement with aggregate): a majority vote, then a second vote in which each worker
 * counts with their agreement rate with that first result.
 *
 * Appen's (CrowdFlower's) "Worker Agreement with Aggregate" trust score, as described and
 * implemented by Toloka's crowd-kit (`Wawa`); see also the weighted-voting baselines of Zheng et
 * al., "Truth Inference in Crowdsourcing: Is the Problem Solved?", PVLDB 10(5), 2017.
 *
 * - Initialisation: unweighted majority vote, ties to the lowest label index.
 * - Weight of a worker: the share of their answers equal to the majority-vote label of the task.
 * - Not iterative beyond these two passes: `iterations` 1, `converged` true.
 * - Tie-breaking in the weighted vote: lowest label index (sums within a relative 1e-12 tie); a task
 *   whose voters all have weight 0 falls back to counting heads.
 * - Outputs as in `weightedMajorityVote`; `workerWeights` are the agreement rates.
 */
export function wawa(data: CategoricalData): ClassificationResult {
  checkCategoricalData(data);
  const first = majorityVote(data);
  const result = weightedVote(data, first.workerSkill!);
  return { ...result, iterations: 1 };
}
