import type { CategoricalData } from '../encode.js';
import { checkCategoricalData, numberInRange, positiveInteger, type ClassificationResult } from './types.js';
import { agreementWithLabels, weightedVote } from './weighted-majority-vote.js';

export interface ZeroBasedSkillOptions {
  /** Iteration limit; default 100. */
  maxIterations?: number;
  /** Initial learning rate; default 1. */
  learningRate?: number;
  /** The learning rate is multiplied by `learningRateDecay` every `decaySteps` iterations; defaults 0.5 and 20. */
  learningRateDecay?: number;
  decaySteps?: number;
  /** Stop when no skill moves by more than this in an iteration and no label changed; default 1e-5. */
  tolerance?: number;
}

/**
 * Zero-based skill (ZBS): weighted majority vote with skills learned by gradient steps toward each
 * worker's agreement with the current consolidated labels.
 *
 * Toloka's crowd-kit `ZeroBasedSkill` (D. Ustalov et al., "Learning from Crowds with Crowd-Kit",
 * JOSS 9(96):6227, 2024, https://doi.org/10.21105/joss.06227). Each iteration minimises the squared
 * error between a worker's skill and their agreement rate by one gradient step:
 * `skill ← skill + rate · (agreement − skill)`.
 *
 * - Initialisation: every worker's skill is `1/K + 1e-5` (just above chance), so the first vote is an
 *   unweighted majority vote.
 * - Learning rate 1, halved every 20 iterations (so the first step jumps straight to the agreement
 *   rates, as Wawa does, and later steps damp oscillation between label assignments).
 * - Stopping rule: Quorum stops as soon as an iteration leaves every label unchanged and moves no skill
 *   by more than `tolerance` (crowd-kit always runs all 100 iterations; once labels and skills are
 *   fixed, further iterations change nothing), or after `maxIterations` (`converged: false`).
 * - Tie-breaking: lowest label index (weighted sums within a relative 1e-12 tie).
 * - Outputs as in `weightedMajorityVote`; `workerWeights` are the final skills.
 */
export function zeroBasedSkill(data: CategoricalData, options: ZeroBasedSkillOptions = {}): ClassificationResult {
  checkCategoricalData(data);
  const maxIterations = positiveInteger('maxIterations', options.maxIterations ?? 100);
  let rate = numberInRange('learningRate', options.learningRate ?? 1, 0, 1, false);
  const decay = numberInRange('learningRateDecay', options.learningRateDecay ?? 0.5, 0, 1);
  const decaySteps = positiveInteger('decaySteps', options.decaySteps ?? 20);
  const tolerance = numberInRange('tolerance', options.tolerance ?? 1e-5, 0);
  const K = data.labels.length;
  const skills = new Float64Array(data.workers.length).fill(1 / Math.max(K, 1) + 1e-5);

  let result = weightedVote(data, skills.slice());
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    if (iterations % decaySteps === 0) rate *= decay;
    const agreement = agreementWithLabels(data, result.labels);
    let moved = 0;
    for (let w = 0; w < skills.length; w++) {
      const step = rate * (agreement[w] - skills[w]);
      skills[w] += step;
      moved = Math.max(moved, Math.abs(step));
    }
    const next = weightedVote(data, skills.slice());
    const unchanged = next.labels.every((label, t) => label === result.labels[t]);
    result = next;
    if (unchanged && moved <= tolerance) {
      converged = true;
      break;
    }
  }
  return { ...result, iterations, converged };
}
