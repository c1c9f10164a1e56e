import { numberInRange, positiveInteger } from '../classification/types.js';
import { rescale } from '../pairwise/bradley-terry.js';
import { checkRankings, denseRanksOf, type RankingError, type RankingTask, type TaskConsensus } from './common.js';

export interface PlackettLuceOptions {
  /**
   * Strength λ of the Gamma(1 + λ, λ) prior on each item's worth (Caron & Doucet, JCGS 21(1), 2012),
   * default 0.1: its mode is worth 1, so an item ranked first by everyone gets a large but finite
   * score. 0 gives the maximum-likelihood estimate, which does not exist then: an item never chosen
   * throws, one always chosen first drifts off until `maxIterations` (`converged: false`).
   */
  prior?: number;
  /** Iteration cap per task; default 1000. */
  maxIterations?: number;
  /** Stop when no log-worth changes by more than this; default 1e-9. */
  tolerance?: number;
}

export interface PlackettLuceTask extends TaskConsensus {
  /** `scores` are log-worths: 0 is the prior's mode (worths have arithmetic mean 1); with `prior: 0`, centred to mean 0. */
  iterations: number;
  converged: boolean;
}

export interface PlackettLuceResult {
  tasks: PlackettLuceTask[];
  errors: RankingError[];
}

/**
 * Plackett-Luce model (Luce 1959; Plackett, JRSS C 24(2), 1975): a ranking is built by picking the
 * best item with probability proportional to its worth πᵢ, then the best of the rest, and so on.
 * Fitted per task by the MM algorithm of D. R. Hunter, "MM algorithms for generalized Bradley-Terry
 * models", Annals of Statistics 32(1), 2004, §5: πᵢ ← (λ + wᵢ) / (λ + Σ_stages d·[i remaining] / Σ_remaining π).
 *
 * Ties: a group of d items sharing a rank is one stage in which each of the d items is chosen from
 * everything not yet ranked — Breslow's approximation for tied events (N. Breslow, "Covariance
 * analysis of censored survival data", Biometrics 30, 1974), the tied-data likelihood Hunter's MM
 * applies to unchanged. It costs O(m) per ranking where averaging over every order of the tied items
 * costs d!. A final group holding every remaining item says nothing about order and is skipped (for
 * one item it is the usual last, certain choice). Each MM step is followed by the prior's optimal
 * rescaling, as in `bradleyTerry`. Starts from π = 1, stops when no log-worth moves by
 * more than `tolerance`; consensus ranks are dense ranks of the log-worths (within 1e-9 tied).
 */
export function plackettLuce(tasks: readonly RankingTask[], options: PlackettLuceOptions = {}): PlackettLuceResult {
  const prior = numberInRange('prior', options.prior ?? 0.1, 0);
  const maxIterations = positiveInteger('maxIterations', options.maxIterations ?? 1000);
  const tolerance = numberInRange('tolerance', options.tolerance ?? 1e-9, 0);
  const errors: RankingError[] = [];
  const result = tasks.map((task, taskIndex): PlackettLuceTask => {
    const checked = checkRankings(task, taskIndex);
    errors.push(...checked.errors);
    return fitTask(checked.taskId, checked.items, checked.valid, prior, maxIterations, tolerance);
  });
  return { tasks: result, errors };
}

function fitTask(id: string, m: number, rankings: readonly (readonly number[])[], prior: number, maxIterations: number, tolerance: number): PlackettLuceTask {
  // Flatten every informative stage: its items' run in `members` ([stageStart, stageEnd) = remaining set),
  // how many were chosen (d), and the chosen items' wins.
  const members: number[] = [];
  const stageStart: number[] = [];
  const stageChosen: number[] = [];
  const wins = new Float64Array(m).fill(prior);
  const order = Array.from({ length: m }, (_, i) => i);
  for (const ranks of rankings) {
    order.sort((x, y) => ranks[x] - ranks[y] || x - y);
    const base = members.length;
    members.push(...order);
    let start = 0;
    while (start < m) {
      let end = start + 1;
      while (end < m && ranks[order[end]] === ranks[order[start]]) end++;
      if (end === m) break; // the remaining items all tie (or one is left): no ordering information
      stageStart.push(base + start);
      stageChosen.push(end - start);
      for (let g = start; g < end; g++) wins[order[g]] += 1;
      start = end;
    }
  }
  // Each stage's remaining set runs to the end of its ranking's block; record that end.
  const stageEnd = new Int32Array(stageStart.length);
  {
    let s = 0;
    for (let r = 0; r < rankings.length; r++) {
      const end = (r + 1) * m;
      while (s < stageStart.length && stageStart[s] < end) stageEnd[s++] = end;
    }
  }
  const worth = new Float64Array(m).fill(1);
  const denominator = new Float64Array(m);
  const previous = new Float64Array(m);
  let iterations = 0;
  let converged = m === 0;
  while (!converged && iterations < maxIterations) {
    iterations++;
    denominator.fill(prior);
    for (let s = 0; s < stageStart.length; s++) {
      let total = 0;
      for (let k = stageStart[s]; k < stageEnd[s]; k++) total += worth[members[k]];
      const share = stageChosen[s] / total;
      for (let k = stageStart[s]; k < stageEnd[s]; k++) denominator[members[k]] += share;
    }
    previous.set(worth);
    for (let i = 0; i < m; i++) {
      if (denominator[i] === 0) continue; // never in an informative stage and no prior: stays 1
      const next = wins[i] / denominator[i];
      if (!(next > 0) || !Number.isFinite(next)) {
        throw new RangeError(`task "${id}": item ${i} has no finite maximum-likelihood worth (it is never chosen); use prior > 0`);
      }
      worth[i] = next;
    }
    rescale(worth, prior);
    let change = 0;
    for (let i = 0; i < m; i++) change = Math.max(change, Math.abs(Math.log(worth[i] / previous[i])));
    if (change < tolerance) converged = true;
  }
  const scores = new Float64Array(m);
  for (let i = 0; i < m; i++) scores[i] = Math.log(worth[i]);
  return { id, scores, ranks: denseRanksOf(scores), rankings: rankings.length, iterations, converged };
}
