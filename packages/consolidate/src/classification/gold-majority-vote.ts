import type { CategoricalData } from '../encode.js';
import { checkCategoricalData, goldIndices, type ClassificationResult, type GoldLabels } from './types.js';
import { goldAgreement, weightedVote } from './weighted-majority-vote.js';

export interface GoldMajorityVoteOptions {
  /** Known labels of some tasks: task id → label id. At least one gold task must have answers. */
  gold: GoldLabels;
}

/**
 * Gold majority vote: a weighted majority vote whose weight for each worker is their accuracy on the
 * gold tasks (the share of their gold answers that match the known label).
 *
 * The control-task quality scheme of crowdsourcing marketplaces, as in Toloka's crowd-kit
 * `GoldMajorityVote`; the weighting is the "accuracy-weighted voting" baseline of Zheng et al.,
 * "Truth Inference in Crowdsourcing: Is the Problem Solved?", PVLDB 10(5), 2017. For the
 * log-odds weights that are optimal under the one-coin model use
 * `weightedMajorityVote(data, { gold })`.
 *
 * - A worker without gold answers gets the mean accuracy of the workers who have some, so new
 *   workers neither dominate nor vanish.
 * - Not iterative: `iterations` 0, `converged` true. Outputs and tie-breaking (lowest label index)
 *   as in `weightedMajorityVote`; `workerWeights` holds the gold accuracies.
 */
export function goldMajorityVote(data: CategoricalData, options: GoldMajorityVoteOptions): ClassificationResult {
  checkCategoricalData(data);
  if (!options || !options.gold) throw new RangeError('goldMajorityVote needs gold labels (options.gold)');
  const { correct, answered } = goldAgreement(data, goldIndices(data, options.gold));
  let measured = 0;
  let sum = 0;
  for (let w = 0; w < answered.length; w++) {
    if (answered[w] === 0) continue;
    measured++;
    sum += correct[w] / answered[w];
  }
  if (measured === 0) throw new RangeError('none of the gold tasks has an answer, so no worker accuracy can be measured');
  const mean = sum / measured;
  const weights = new Float64Array(answered.length);
  for (let w = 0; w < weights.length; w++) weights[w] = answered[w] > 0 ? correct[w] / answered[w] : mean;
  return weightedVote(data, weights);
}
