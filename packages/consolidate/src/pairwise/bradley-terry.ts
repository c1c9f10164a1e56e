import type { CrowdPairwiseAnswer } from '@quorum/schema';
import { numberInRange, positiveInteger } from '../classification/types.js';
import { denseRanksOf } from '../ranking/common.js';

/** Outcome codes of {@link PairwiseData.outcome}. */
export const OUTCOME_A = 0;
export const OUTCOME_B = 1;
export const OUTCOME_TIE = 2;

/**
 * Pairwise comparisons in columnar form: comparison `i < count` is `items[a[i]]` against
 * `items[b[i]]` with `outcome[i]` one of {@link OUTCOME_A}, {@link OUTCOME_B}, {@link OUTCOME_TIE}.
 */
export interface PairwiseData {
  /** Item ids by item index (first-seen order). */
  items: string[];
  a: Int32Array;
  b: Int32Array;
  outcome: Uint8Array;
  count: number;
}

/** One comparison as ids: `outcome` says which side won, or `tie`. */
export interface Comparison {
  itemA: string;
  itemB: string;
  outcome: 'A' | 'B' | 'tie';
}

/**
 * Incremental encoder of comparisons into {@link PairwiseData}: item ids are interned, the columns are
 * typed arrays that double when full, so no per-comparison object is kept.
 */
export class PairwiseEncoder {
  private readonly index = new Map<string, number>();
  private readonly items: string[] = [];
  private a = new Int32Array(64);
  private b = new Int32Array(64);
  private outcome = new Uint8Array(64);
  private count = 0;

  /** Adds an item without a comparison, so it appears in the result (e.g. one only judged both-bad). */
  item(id: string): number {
    if (typeof id !== 'string') throw new TypeError(`item id must be a string, found ${JSON.stringify(id)}`);
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.items.length;
      this.index.set(id, i);
      this.items.push(id);
    }
    return i;
  }

  /** Adds one comparison; throws for an unknown outcome or an item compared with itself. */
  add(itemA: string, itemB: string, outcome: 'A' | 'B' | 'tie'): void {
    const code = outcome === 'A' ? OUTCOME_A : outcome === 'B' ? OUTCOME_B : outcome === 'tie' ? OUTCOME_TIE : -1;
    if (code < 0) throw new RangeError(`outcome must be "A", "B" or "tie", found ${JSON.stringify(outcome)}`);
    if (itemA === itemB) throw new RangeError(`item "${itemA}" is compared with itself`);
    const i = this.item(itemA);
    const j = this.item(itemB);
    if (this.count === this.a.length) {
      const grow = <T extends Int32Array | Uint8Array>(old: T, fresh: T): T => {
        fresh.set(old);
        return fresh;
      };
      this.a = grow(this.a, new Int32Array(this.count * 2));
      this.b = grow(this.b, new Int32Array(this.count * 2));
      this.outcome = grow(this.outcome, new Uint8Array(this.count * 2));
    }
    this.a[this.count] = i;
    this.b[this.count] = j;
    this.outcome[this.count] = code;
    this.count++;
  }

  finish(): PairwiseData {
    return {
      items: this.items.slice(),
      a: this.a.slice(0, this.count),
      b: this.b.slice(0, this.count),
      outcome: this.outcome.slice(0, this.count),
      count: this.count,
    };
  }
}

/** Encodes comparisons given as ids. */
export function encodeComparisons(comparisons: Iterable<Comparison>): PairwiseData {
  const encoder = new PairwiseEncoder();
  for (const c of comparisons) encoder.add(c.itemA, c.itemB, c.outcome);
  return encoder.finish();
}

/** One worker's `<crowd-pairwise>` answer about two items. */
export interface PairwiseAnswer {
  itemA: string;
  itemB: string;
  answer: CrowdPairwiseAnswer;
  workerId?: string;
}

/** An answer that gave no comparison because it is malformed: which one (input index), whose, and why. */
export interface PairwiseAnswerError {
  index: number;
  workerId?: string;
  message: string;
}

export interface PairwiseFromAnswersResult {
  data: PairwiseData;
  /** Per item index of `data.items`: how many answers judged it in a both-bad pair. */
  bothBad: Int32Array;
  /** Number of both-bad answers (they are not comparisons). */
  bothBadCount: number;
  errors: PairwiseAnswerError[];
}

/**
 * Maps `<crowd-pairwise>` answers to comparisons. `A`/`B`/`tie` become one comparison each; the
 * `strength` is not used by Bradley-Terry (a "much" and a "slightly" preference count the same).
 * `both-bad` says nothing about which item is better, so it is no comparison, but it is counted per
 * item in `bothBad` (and both items are still listed) so a consumer can drop pairs neither side of
 * which is acceptable. With `dimension`, the preference of that dimension is read instead of the
 * overall choice. Every answer is either a comparison, a both-bad count or an error.
 */
export function pairwiseFromAnswers(answers: readonly PairwiseAnswer[], options: { dimension?: string } = {}): PairwiseFromAnswersResult {
  const encoder = new PairwiseEncoder();
  const bothBadPairs: [number, number][] = [];
  const errors: PairwiseAnswerError[] = [];
  answers.forEach((entry, index) => {
    const workerId = typeof entry?.workerId === 'string' ? entry.workerId : undefined;
    const fail = (message: string): void => {
      errors.push(workerId === undefined ? { index, message } : { index, workerId, message });
    };
    if (!entry || typeof entry.itemA !== 'string' || typeof entry.itemB !== 'string') {
      return fail('itemA and itemB must be strings');
    }
    if (entry.itemA === entry.itemB) return fail(`item "${entry.itemA}" is compared with itself`);
    const preference = options.dimension === undefined ? entry.answer : entry.answer?.dimensions?.[options.dimension];
    const choice: unknown = preference?.choice;
    if (choice === 'A' || choice === 'B' || choice === 'tie') {
      encoder.add(entry.itemA, entry.itemB, choice);
    } else if (choice === 'both-bad') {
      bothBadPairs.push([encoder.item(entry.itemA), encoder.item(entry.itemB)]);
    } else {
      fail(
        options.dimension === undefined
          ? `choice must be "A", "B", "tie" or "both-bad", found ${JSON.stringify(choice)}`
          : `dimension "${options.dimension}": choice must be "A", "B", "tie" or "both-bad", found ${JSON.stringify(choice)}`,
      );
    }
  });
  const data = encoder.finish();
  const bothBad = new Int32Array(data.items.length);
  for (const [i, j] of bothBadPairs) {
    bothBad[i]++;
    bothBad[j]++;
  }
  return { data, bothBad, bothBadCount: bothBadPairs.length, errors };
}

export interface BradleyTerryOptions {
  /**
   * Strength λ of the Gamma(1 + λ, λ) prior on every item's strength (Caron & Doucet 2012), default 0.1:
   * worth a tenth of a comparison, its mode is strength 1 (score 0), so an item never compared scores 0
   * and an undefeated item (or one in a component of the comparison graph that is never beaten by
   * another) gets a large but finite score instead of diverging. 0 gives the plain maximum-likelihood
   * estimate, which exists only when the comparison graph is strongly connected: an item that never
   * wins or ties throws, an undefeated one drifts off until `maxIterations` (`converged: false`).
   */
  prior?: number;
  /** Ties: `rao-kupper` (default) estimates the tie parameter θ; `none` rejects data with ties. */
  ties?: 'rao-kupper' | 'none';
  /** Iteration cap; default 1000. */
  maxIterations?: number;
  /** Stop when no log-strength changes by more than this; default 1e-9. */
  tolerance?: number;
}

export interface BradleyTerryResult {
  /**
   * Log-strength per item. With a prior, 0 is the prior's mode, the score of an item never compared
   * (strengths then have arithmetic mean 1); with `prior: 0`, centred to mean 0.
   */
  scores: Float64Array;
  /** Dense ranks, 1 = strongest; items whose scores differ by < 1e-9 share a rank. */
  ranks: Int32Array;
  /** Rao-Kupper tie parameter θ ≥ 1 (1 when there are no ties). */
  theta: number;
  /** Log posterior (log-likelihood plus log prior) at the estimate. */
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

const THETA_MAX = 1e3;

/**
 * Bradley-Terry model, P(i beats j) = πᵢ / (πᵢ + πⱼ) (Bradley & Terry, Biometrika 39, 1952), with
 * ties after Rao & Kupper (JASA 62, 1967): P(i ≻ j) = πᵢ / (πᵢ + θπⱼ), P(tie) = (θ² − 1)πᵢπⱼ /
 * ((πᵢ + θπⱼ)(θπᵢ + πⱼ)), θ ≥ 1.
 *
 * Fitted with the MM algorithm of D. R. Hunter, "MM algorithms for generalized Bradley-Terry models",
 * Annals of Statistics 32(1):384–406, 2004 (§4 for Rao-Kupper): each iteration updates every πᵢ to
 * (λ + winsᵢ + tiesᵢ) / (λ + Σ (A-side terms)/(πᵢ + θπⱼ) + θ Σ (B-side terms)/(θπᵢ + πⱼ)), which
 * with the Gamma prior of {@link BradleyTerryOptions.prior} (Caron & Doucet, "Efficient Bayesian
 * inference for generalized Bradley-Terry models", JCGS 21(1), 2012) stays a minorise-maximise step,
 * rescales the strengths to the prior's optimal scale (see {@link rescale}), then takes Hunter's MM step for θ, θ ← T/C + √(1 + T²/C²) (T ties, C the θ-derivative weight of the
 * denominators at the current θ), so the posterior never decreases.
 *
 * Starts from π = 1, θ = 1.5 (θ = 1 when there are no ties); stops when no log-strength moves by more
 * than `tolerance`. Comparison order and the A/B side of a comparison (with the outcome flipped) do
 * not matter. Time O(iterations × (comparisons + items)).
 */
export function bradleyTerry(data: PairwiseData, options: BradleyTerryOptions = {}): BradleyTerryResult {
  const prior = numberInRange('prior', options.prior ?? 0.1, 0);
  const maxIterations = positiveInteger('maxIterations', options.maxIterations ?? 1000);
  const tolerance = numberInRange('tolerance', options.tolerance ?? 1e-9, 0);
  const tiesMode = options.ties ?? 'rao-kupper';
  if (tiesMode !== 'rao-kupper' && tiesMode !== 'none') throw new RangeError(`ties must be "rao-kupper" or "none", found ${JSON.stringify(tiesMode)}`);
  const n = data.items.length;
  const { a, b, outcome, count } = data;
  if (a.length < count || b.length < count || outcome.length < count) throw new RangeError(`a/b/outcome arrays are shorter than count (${count})`);

  // Pairs are aggregated once, i < j: wins of i over j, of j over i, ties; later passes loop over pairs.
  const pairKey = new Map<number, number>();
  const pi: number[] = [];
  const pj: number[] = [];
  const wij: number[] = [];
  const wji: number[] = [];
  const tij: number[] = [];
  let tieTotal = 0;
  for (let c = 0; c < count; c++) {
    const x = a[c];
    const y = b[c];
    if (x < 0 || x >= n || y < 0 || y >= n) throw new RangeError(`comparison ${c}: item index out of range`);
    if (x === y) throw new RangeError(`comparison ${c}: item "${data.items[x]}" is compared with itself`);
    const o = outcome[c];
    if (o > OUTCOME_TIE) throw new RangeError(`comparison ${c}: outcome code ${o} is not 0 (A), 1 (B) or 2 (tie)`);
    if (o === OUTCOME_TIE && tiesMode === 'none') throw new RangeError(`comparison ${c} is a tie but ties are "none"`);
    const i = Math.min(x, y);
    const j = Math.max(x, y);
    const key = i * n + j;
    let p = pairKey.get(key);
    if (p === undefined) {
      p = pi.length;
      pairKey.set(key, p);
      pi.push(i);
      pj.push(j);
      wij.push(0);
      wji.push(0);
      tij.push(0);
    }
    if (o === OUTCOME_TIE) {
      tij[p]++;
      tieTotal++;
    } else if ((o === OUTCOME_A) === (x === i)) wij[p]++;
    else wji[p]++;
  }
  const pairs = pi.length;
  const numerator = new Float64Array(n).fill(prior);
  for (let p = 0; p < pairs; p++) {
    numerator[pi[p]] += wij[p] + tij[p];
    numerator[pj[p]] += wji[p] + tij[p];
  }

  const strength = new Float64Array(n).fill(1);
  const denominator = new Float64Array(n);
  const previous = new Float64Array(n);
  let theta = tieTotal > 0 ? 1.5 : 1;

  const logPosterior = (th: number): number => {
    let sum = 0;
    for (let p = 0; p < pairs; p++) {
      const si = strength[pi[p]];
      const sj = strength[pj[p]];
      const dij = Math.log(si + th * sj);
      const dji = Math.log(th * si + sj);
      if (wij[p]) sum += wij[p] * (Math.log(si) - dij);
      if (wji[p]) sum += wji[p] * (Math.log(sj) - dji);
      if (tij[p]) sum += tij[p] * (Math.log(th * th - 1) + Math.log(si) + Math.log(sj) - dij - dji);
    }
    if (prior > 0) for (let i = 0; i < n; i++) sum += prior * (Math.log(strength[i]) - strength[i]);
    return sum;
  };

  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    denominator.fill(prior);
    for (let p = 0; p < pairs; p++) {
      const i = pi[p];
      const j = pj[p];
      const si = strength[i];
      const sj = strength[j];
      // i on the "πᵢ + θπⱼ" side: i's wins and ties; j on the "θπᵢ + πⱼ" side likewise.
      const first = (wij[p] + tij[p]) / (si + theta * sj);
      const second = (wji[p] + tij[p]) / (theta * si + sj);
      denominator[i] += first + theta * second;
      denominator[j] += theta * first + second;
    }
    previous.set(strength);
    for (let i = 0; i < n; i++) {
      if (denominator[i] === 0) continue; // no comparisons and no prior: keep 1
      const next = numerator[i] / denominator[i];
      if (!(next > 0) || !Number.isFinite(next)) {
        throw new RangeError(
          `item "${data.items[i]}" has no finite maximum-likelihood strength (it never wins or ties); use prior > 0`,
        );
      }
      strength[i] = next;
    }
    rescale(strength, prior);
    let change = 0;
    for (let i = 0; i < n; i++) change = Math.max(change, Math.abs(Math.log(strength[i] / previous[i])));
    if (tieTotal > 0) {
      // Hunter's θ step: minorise each −ln(denominator) by its tangent at the current θ, then solve
      // 2θT/(θ² − 1) = C in closed form; like the π step it never lowers the posterior.
      let c = 0;
      for (let p = 0; p < pairs; p++) {
        const si = strength[pi[p]];
        const sj = strength[pj[p]];
        c += ((wij[p] + tij[p]) * sj) / (si + theta * sj) + ((wji[p] + tij[p]) * si) / (theta * si + sj);
      }
      const ratio = tieTotal / c;
      const next = Math.min(THETA_MAX, ratio + Math.sqrt(1 + ratio * ratio));
      change = Math.max(change, Math.abs(Math.log((next - 1) / (theta - 1))));
      theta = next;
    }
    if (change < tolerance) {
      converged = true;
      break;
    }
  }

  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = Math.log(strength[i]);
  return { scores, ranks: denseRanksOf(scores), theta, logLikelihood: logPosterior(theta), iterations, converged };
}

/**
 * The likelihood does not depend on the overall scale of the strengths, so MM alone moves the scale
 * only as fast as the weak prior pulls it (thousands of iterations). The prior's best scale has a closed
 * form — arithmetic mean 1 for the Gamma(1 + λ, λ) prior — so each iteration jumps there, which can
 * only raise the posterior. Without a prior any scale will do; the geometric mean is fixed at 1.
 */
export function rescale(strength: Float64Array, prior: number): void {
  const n = strength.length;
  if (n === 0) return;
  let scale: number;
  if (prior > 0) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += strength[i];
    scale = n / sum;
  } else {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += Math.log(strength[i]);
    scale = Math.exp(-mean / n);
  }
  for (let i = 0; i < n; i++) strength[i] *= scale;
}
