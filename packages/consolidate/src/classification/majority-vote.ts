import type { CategoricalData } from '../encode.js';
import { mulberry32 } from '../random.js';
import { checkCategoricalData, type ClassificationResult } from './types.js';

export interface MajorityVoteOptions {
  /**
   * How ties are broken: `first` (default) picks the lowest label index, so results are deterministic
   * and follow the label order; `random` picks uniformly among the tied labels with a seeded
   * Mulberry32 generator (see `random.ts`), as Ground Truth's documentation describes for its
   * majority vote.
   */
  tieBreak?: 'first' | 'random';
  /** Seed for `tieBreak: 'random'`; default 0, so a run is reproducible unless a seed is chosen. */
  seed?: number;
}

/**
 * Majority vote: each task gets the label with the most answers.
 *
 * The baseline of every truth-inference survey (e.g. Zheng et al., "Truth Inference in
 * Crowdsourcing: Is the Problem Solved?", PVLDB 10(5), 2017). Not iterative, so there is no
 * initialisation or stopping rule; `iterations` is 0 and `converged` is true.
 *
 * - `posteriors`: each task's vote shares (count of label / answers of the task).
 * - `confidence`: the winner's share of the votes (e.g. 2 of 3 → 0.667).
 * - `workerSkill`: share of a worker's answers that agree with the consolidated label.
 * - Repeated answers by one worker to one task count as separate votes (see `DuplicatePolicy`).
 * - Tasks without answers get label -1, all-zero posteriors and confidence 0.
 *
 * Time O(answers + tasks × labels), memory O(tasks × labels).
 */
export function majorityVote(data: CategoricalData, options: MajorityVoteOptions = {}): ClassificationResult {
  checkCategoricalData(data);
  const tieBreak = options.tieBreak ?? 'first';
  if (tieBreak !== 'first' && tieBreak !== 'random') {
    throw new RangeError(`tieBreak must be "first" or "random", found ${JSON.stringify(tieBreak)}`);
  }
  const random = tieBreak === 'random' ? mulberry32(options.seed ?? 0) : undefined;
  const taskCount = data.tasks.length;
  const K = data.labels.length;
  const { count, task, worker, label } = data;

  const votes = new Float64Array(taskCount * K);
  const answers = new Float64Array(taskCount);
  for (let i = 0; i < count; i++) {
    votes[task[i] * K + label[i]]++;
    answers[task[i]]++;
  }

  const labels = new Int32Array(taskCount);
  const confidence = new Float64Array(taskCount);
  for (let t = 0; t < taskCount; t++) {
    const n = answers[t];
    if (n === 0) {
      labels[t] = -1;
      continue;
    }
    const row = t * K;
    let best = 0;
    let ties = 1;
    for (let k = 1; k < K; k++) {
      const v = votes[row + k];
      if (v > votes[row + best]) {
        best = k;
        ties = 1;
      } else if (v === votes[row + best] && random) {
        // Reservoir choice: the j-th tied label replaces the current pick with probability 1/j,
        // which leaves every tied label equally likely after one pass.
        ties++;
        if (random() * ties < 1) best = k;
      }
    }
    labels[t] = best;
    confidence[t] = votes[row + best] / n;
    for (let k = 0; k < K; k++) votes[row + k] /= n;
  }

  const agree = new Float64Array(data.workers.length);
  const total = new Float64Array(data.workers.length);
  for (let i = 0; i < count; i++) {
    total[worker[i]]++;
    if (labels[task[i]] === label[i]) agree[worker[i]]++;
  }
  const workerSkill = new Float64Array(data.workers.length);
  for (let w = 0; w < workerSkill.length; w++) workerSkill[w] = total[w] > 0 ? agree[w] / total[w] : 0;

  return { labels, posteriors: votes, confidence, workerSkill, iterations: 0, converged: true };
}
