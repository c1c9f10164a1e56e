import { encodeAnswers, type AnswerRow } from '../encode.js';
import { entriesOf, type ByWorker } from '../classification/types.js';
import { consolidateRatings, type RatingOptions, type RatingStatistic } from '../ratings/ratings.js';

/**
 * Training data for reward models and direct preference optimisation from human judgements, with
 * the field names of Hugging Face TRL's dataset formats (https://huggingface.co/docs/trl/dataset_formats):
 * a preference row is `{prompt, chosen, rejected}` (DPOTrainer, RewardTrainer). Extra columns
 * (agreement, weights, counts) ride along for filtering and weighting; TRL ignores columns it does
 * not use.
 */

/** One response with its ratings by worker (`crowd-rating`, Likert, slider), or an already consolidated `score`. */
export interface RatedResponse {
  id?: string;
  prompt: string;
  response: string;
  /** Rating per worker id. */
  ratings?: Readonly<Record<string, number>>;
  /** A consolidated score, used as is when there are no `ratings`. */
  score?: number;
}

/** Two responses to one prompt with each worker's preference (`crowd-pairwise`). */
export interface PairwiseJudgement {
  id?: string;
  prompt: string;
  response_a: string;
  response_b: string;
  /** Preference per worker id: the better response, or `tie`. */
  votes: Readonly<Record<string, 'a' | 'b' | 'tie'>>;
}

/** A reward-model row: the response's consolidated score, its interval and how many ratings it rests on. */
export interface RewardRow {
  id?: string;
  prompt: string;
  response: string;
  score: number;
  /** Bootstrap interval of the score (absent for a given `score` or when the bootstrap is off). */
  score_lower?: number;
  score_upper?: number;
  /** Number of ratings (0 for a given `score`). */
  ratings: number;
  /** Sample standard deviation of the ratings: how much the raters disagreed. */
  rating_sd: number;
}

/** A DPO / pairwise reward-model row. */
export interface PreferenceRow {
  id?: string;
  prompt: string;
  chosen: string;
  rejected: string;
  /** Share of the (weighted) judgement behind `chosen`: votes for it / all votes, ties included. */
  agreement: number;
  /** Workers who judged the pair. */
  annotators: number;
  /** Summed worker weights for chosen, rejected and tie (each vote weighs 1 without weights). */
  chosen_weight: number;
  rejected_weight: number;
  tie_weight: number;
  /** From ratings: the two consolidated scores and their difference. */
  score_chosen?: number;
  score_rejected?: number;
  margin?: number;
}

/** An input item that produced no row, and why. */
export interface DroppedItem {
  /** 0-based position of the item in the input. */
  index: number;
  id?: string;
  reason: 'tie' | 'low-agreement' | 'no-votes' | 'small-margin';
  agreement?: number;
  margin?: number;
}

export interface RewardOptions extends RatingOptions {
  /** How ratings become a score; default `mean`. `standardised` uses each worker's ratings across all items. */
  statistic?: RatingStatistic;
}

/**
 * Reward-model rows (`prompt`, `response`, `score`) from rated responses. Ratings are consolidated
 * jointly over all items with {@link consolidateRatings}, so per-worker standardisation sees each
 * worker's whole history; an item with a `score` and no ratings keeps that score.
 */
export function rewardRows(items: readonly RatedResponse[], options: RewardOptions = {}): RewardRow[] {
  const rows: AnswerRow[] = [];
  items.forEach((item, index) => {
    for (const [worker, rating] of Object.entries(item.ratings ?? {})) rows.push({ task: String(index), worker, label: String(rating) });
  });
  const data = encodeAnswers(rows);
  const consolidated = rows.length > 0 ? consolidateRatings(data, options.statistic ?? 'mean', options) : undefined;
  const taskIndex = new Map(data.tasks.map((task, t) => [task, t]));
  return items.map((item, index) => {
    const base = { ...(item.id !== undefined ? { id: item.id } : {}), prompt: item.prompt, response: item.response };
    const t = taskIndex.get(String(index));
    if (t === undefined || !consolidated) {
      if (typeof item.score !== 'number' || !Number.isFinite(item.score)) throw new RangeError(`item ${index}${item.id ? ` ("${item.id}")` : ''} has neither ratings nor a score`);
      return { ...base, score: item.score, ratings: 0, rating_sd: 0 };
    }
    return {
      ...base,
      score: consolidated.estimates[t],
      ...(consolidated.lower && consolidated.upper ? { score_lower: consolidated.lower[t], score_upper: consolidated.upper[t] } : {}),
      ratings: consolidated.counts[t],
      rating_sd: consolidated.spread[t],
    };
  });
}

export interface PreferenceOptions {
  /** Pairs whose `agreement` is below this are dropped as low-agreement; default 0.6 (a 3–2 split of five passes, 1–1 does not). */
  minAgreement?: number;
  /** Vote weight per worker id (e.g. experts 2); workers not listed weigh 1. */
  weights?: ByWorker<number>;
}

/**
 * DPO rows from pairwise judgements: the response with more (weighted) votes is `chosen`. A pair is
 * dropped — and listed in `dropped` with its reason — when it has no votes, when neither response
 * has more weight than the other or than the tie votes (`tie`), or when the winner's share of all
 * votes is below `minAgreement` (`low-agreement`).
 */
export function preferenceRowsFromVotes(items: readonly PairwiseJudgement[], options: PreferenceOptions = {}): { rows: PreferenceRow[]; dropped: DroppedItem[] } {
  const minAgreement = options.minAgreement ?? 0.6;
  if (!(minAgreement >= 0 && minAgreement <= 1)) throw new RangeError(`minAgreement must be in [0, 1], found ${minAgreement}`);
  const weights = new Map<string, number>();
  for (const [worker, weight] of entriesOf(options.weights ?? {})) {
    if (!(typeof weight === 'number' && Number.isFinite(weight) && weight >= 0)) throw new RangeError(`weight of worker "${worker}" must be a number ≥ 0, found ${weight}`);
    weights.set(worker, weight);
  }
  const rows: PreferenceRow[] = [];
  const dropped: DroppedItem[] = [];
  items.forEach((item, index) => {
    const id = item.id !== undefined ? { id: item.id } : {};
    const sums = { a: 0, b: 0, tie: 0 };
    let annotators = 0;
    for (const [worker, vote] of Object.entries(item.votes)) {
      if (vote !== 'a' && vote !== 'b' && vote !== 'tie') throw new RangeError(`item ${index}: the vote of worker "${worker}" must be "a", "b" or "tie", found ${JSON.stringify(vote)}`);
      sums[vote] += weights.get(worker) ?? 1;
      annotators++;
    }
    const total = sums.a + sums.b + sums.tie;
    if (total === 0) {
      dropped.push({ index, ...id, reason: 'no-votes' });
      return;
    }
    const winner = sums.a > sums.b ? 'a' : 'b';
    const loser = winner === 'a' ? 'b' : 'a';
    const agreement = sums[winner] / total;
    if (sums.a === sums.b || sums.tie >= sums[winner]) {
      dropped.push({ index, ...id, reason: 'tie', agreement });
      return;
    }
    if (agreement < minAgreement) {
      dropped.push({ index, ...id, reason: 'low-agreement', agreement });
      return;
    }
    rows.push({
      ...id,
      prompt: item.prompt,
      chosen: winner === 'a' ? item.response_a : item.response_b,
      rejected: winner === 'a' ? item.response_b : item.response_a,
      agreement,
      annotators,
      chosen_weight: sums[winner],
      rejected_weight: sums[loser],
      tie_weight: sums.tie,
    });
  });
  return { rows, dropped };
}

export interface RatedPreferenceOptions extends RewardOptions {
  /** Pairs whose scores differ by less than this are dropped as ties (`small-margin`); default 1 scale point. */
  minMargin?: number;
}

/**
 * DPO rows from rated responses: responses to the same prompt are consolidated ({@link rewardRows})
 * and every pair whose scores differ by at least `minMargin` becomes a row, the higher-scored response
 * `chosen`. `agreement` is the share of workers who rated both responses and ordered them the same way
 * (1 when no worker rated both). Responses of a prompt that pair with nothing are listed in `dropped`.
 */
export function preferenceRowsFromRatings(items: readonly RatedResponse[], options: RatedPreferenceOptions = {}): { rows: PreferenceRow[]; dropped: DroppedItem[] } {
  const minMargin = options.minMargin ?? 1;
  if (!(minMargin >= 0 && Number.isFinite(minMargin))) throw new RangeError(`minMargin must be a number ≥ 0, found ${minMargin}`);
  const scored = rewardRows(items, options);
  const byPrompt = new Map<string, number[]>();
  items.forEach((item, index) => {
    const list = byPrompt.get(item.prompt) ?? [];
    list.push(index);
    byPrompt.set(item.prompt, list);
  });
  const rows: PreferenceRow[] = [];
  const paired = new Uint8Array(items.length);
  for (const [prompt, indices] of byPrompt) {
    for (let x = 0; x < indices.length; x++) {
      for (let y = x + 1; y < indices.length; y++) {
        let [high, low] = [indices[x], indices[y]];
        if (scored[low].score > scored[high].score) [high, low] = [low, high];
        const margin = scored[high].score - scored[low].score;
        if (!(margin >= minMargin) || margin === 0) continue;
        let agree = 0;
        let common = 0;
        const lowRatings = items[low].ratings ?? {};
        for (const [worker, rating] of Object.entries(items[high].ratings ?? {})) {
          if (!(worker in lowRatings)) continue;
          common++;
          if (rating > lowRatings[worker]) agree++;
        }
        paired[high] = paired[low] = 1;
        rows.push({
          ...(items[high].id !== undefined && items[low].id !== undefined ? { id: `${items[high].id}>${items[low].id}` } : {}),
          prompt,
          chosen: items[high].response,
          rejected: items[low].response,
          agreement: common > 0 ? agree / common : 1,
          annotators: common,
          chosen_weight: agree,
          rejected_weight: common - agree,
          tie_weight: 0,
          score_chosen: scored[high].score,
          score_rejected: scored[low].score,
          margin,
        });
      }
    }
  }
  const dropped: DroppedItem[] = [];
  items.forEach((item, index) => {
    if (!paired[index]) dropped.push({ index, ...(item.id !== undefined ? { id: item.id } : {}), reason: 'small-margin' });
  });
  return { rows, dropped };
}
