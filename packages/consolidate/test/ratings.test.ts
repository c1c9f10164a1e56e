import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeAnswers, type AnswerRow } from '../src/encode.js';
import { consolidateRatings, ratingValues } from '../src/ratings/ratings.js';
import { preferenceRowsFromRatings, preferenceRowsFromVotes, rewardRows } from '../src/rlhf/export.js';

const rows = (ratings: Record<string, Record<string, number>>): AnswerRow[] =>
  Object.entries(ratings).flatMap(([task, byWorker]) => Object.entries(byWorker).map(([worker, value]) => ({ task, worker, label: String(value) })));

describe('consolidateRatings', () => {
  const data = encodeAnswers(rows({
    t1: { a: 1, b: 2, c: 3, d: 4, e: 10 },
    t2: { a: 4, b: 4 },
    t3: { c: 2.5 },
  }));

  it('computes mean, median and trimmed mean per task', () => {
    const none = { bootstrap: { samples: 0 } };
    assert.deepEqual(Array.from(consolidateRatings(data, 'mean', none).estimates), [4, 4, 2.5]);
    assert.deepEqual(Array.from(consolidateRatings(data, 'median', none).estimates), [3, 4, 2.5]);
    // trim 0.2 of 5 ratings drops one at each end: mean of 2, 3, 4.
    assert.deepEqual(Array.from(consolidateRatings(data, 'trimmed-mean', none).estimates), [3, 4, 2.5]);
    assert.deepEqual(Array.from(consolidateRatings(data, 'trimmed-mean', { ...none, trim: 0 }).estimates), [4, 4, 2.5]);
    const result = consolidateRatings(data, 'mean', none);
    assert.deepEqual(Array.from(result.counts), [5, 2, 1]);
    assert.ok(Math.abs(result.spread[0]! - Math.sqrt(((3 ** 2) + 2 ** 2 + 1 + 0 + 6 ** 2) / 4)) < 1e-12);
    assert.equal(result.lower, undefined);
  });

  it('standardises per worker, so a harsh and a lenient rater who agree on the order agree on the scores', () => {
    // The harsh worker rates everything two points lower; after standardisation both give the same z.
    const harshAndLenient = encodeAnswers(rows({
      x: { harsh: 1, lenient: 3 },
      y: { harsh: 2, lenient: 4 },
      z: { harsh: 3, lenient: 5 },
    }));
    const result = consolidateRatings(harshAndLenient, 'standardised', { bootstrap: { samples: 0 } });
    const z = Array.from(result.zScores!);
    assert.ok(Math.abs(z[0]! + Math.sqrt(1.5)) < 1e-12 && Math.abs(z[1]!) < 1e-12 && Math.abs(z[2]! - Math.sqrt(1.5)) < 1e-12, String(z));
    assert.deepEqual(Array.from(result.workerMean!), [2, 4]);
    // Back on the scale: overall mean 3, overall sd sqrt(5/3).
    assert.ok(Math.abs(result.estimates[1]! - 3) < 1e-12);
    assert.ok(result.estimates[0]! < result.estimates[1]! && result.estimates[1]! < result.estimates[2]!);
  });

  it('gives seeded bootstrap intervals that contain the estimate', () => {
    const a = consolidateRatings(data, 'median', { bootstrap: { samples: 300, seed: 4 } });
    const b = consolidateRatings(data, 'median', { bootstrap: { samples: 300, seed: 4 } });
    assert.deepEqual(a.lower, b.lower);
    assert.deepEqual(a.upper, b.upper);
    for (let t = 0; t < 3; t++) assert.ok(a.lower![t]! <= a.estimates[t]! && a.estimates[t]! <= a.upper![t]!);
    assert.equal(a.lower![2], 2.5); // one rating: every replicate is that rating
    assert.ok(a.upper![0]! - a.lower![0]! > 0);
  });

  it('rejects non-numeric ratings and bad options', () => {
    assert.throws(() => ratingValues(encodeAnswers([{ task: 't', worker: 'w', label: 'good' }])), /ratings must be numbers, found the label "good"/);
    assert.throws(() => consolidateRatings(data, 'mode' as never), /statistic must be/);
    assert.throws(() => consolidateRatings(data, 'trimmed-mean', { trim: 0.5 }), /trim must be in/);
  });
});

describe('RLHF rows', () => {
  it('builds reward rows from ratings or a given score', () => {
    const result = rewardRows([
      { id: 'r1', prompt: 'p', response: 'good', ratings: { a: 5, b: 4, c: 5 } },
      { prompt: 'p', response: 'given', score: 2.5 },
    ], { bootstrap: { samples: 0 } });
    assert.deepEqual(result, [
      { id: 'r1', prompt: 'p', response: 'good', score: 14 / 3, ratings: 3, rating_sd: Math.sqrt(((5 - 14 / 3) ** 2 * 2 + (4 - 14 / 3) ** 2) / 2) },
      { prompt: 'p', response: 'given', score: 2.5, ratings: 0, rating_sd: 0 },
    ]);
    assert.throws(() => rewardRows([{ prompt: 'p', response: 'r' }]), /item 0 has neither ratings nor a score/);
  });

  it('turns pairwise votes into DPO rows, dropping ties and low agreement', () => {
    const { rows: kept, dropped } = preferenceRowsFromVotes([
      { id: 'clear', prompt: 'p1', response_a: 'A', response_b: 'B', votes: { w1: 'b', w2: 'b', w3: 'a' } },
      { id: 'tie', prompt: 'p2', response_a: 'A', response_b: 'B', votes: { w1: 'a', w2: 'b' } },
      { id: 'mostly-tie', prompt: 'p3', response_a: 'A', response_b: 'B', votes: { w1: 'a', w2: 'tie', w3: 'tie' } },
      { id: 'split', prompt: 'p4', response_a: 'A', response_b: 'B', votes: { w1: 'a', w2: 'a', w3: 'b', w4: 'b', w5: 'a', w6: 'tie', w7: 'b', w8: 'a' } },
      { id: 'empty', prompt: 'p5', response_a: 'A', response_b: 'B', votes: {} },
      { id: 'expert', prompt: 'p6', response_a: 'A', response_b: 'B', votes: { expert: 'a', w1: 'b', w2: 'b' } },
    ], { weights: { expert: 3 } });
    assert.deepEqual(kept, [
      { id: 'clear', prompt: 'p1', chosen: 'B', rejected: 'A', agreement: 2 / 3, annotators: 3, chosen_weight: 2, rejected_weight: 1, tie_weight: 0 },
      { id: 'expert', prompt: 'p6', chosen: 'A', rejected: 'B', agreement: 0.6, annotators: 3, chosen_weight: 3, rejected_weight: 2, tie_weight: 0 },
    ]);
    assert.deepEqual(dropped, [
      { index: 1, id: 'tie', reason: 'tie', agreement: 0.5 },
      { index: 2, id: 'mostly-tie', reason: 'tie', agreement: 1 / 3 },
      { index: 3, id: 'split', reason: 'low-agreement', agreement: 0.5 },
      { index: 4, id: 'empty', reason: 'no-votes' },
    ]);
    assert.equal(preferenceRowsFromVotes([{ prompt: 'p', response_a: 'A', response_b: 'B', votes: { w1: 'a', w2: 'b', w3: 'a' } }], { minAgreement: 0.7 }).rows.length, 0);
    assert.throws(() => preferenceRowsFromVotes([{ prompt: 'p', response_a: 'A', response_b: 'B', votes: { w: 'c' as never } }]), /vote of worker "w" must be "a", "b" or "tie"/);
  });

  it('pairs rated responses to the same prompt by score margin', () => {
    const { rows: kept, dropped } = preferenceRowsFromRatings([
      { id: 'x', prompt: 'p', response: 'best', ratings: { a: 5, b: 5 } },
      { id: 'y', prompt: 'p', response: 'worst', ratings: { a: 2, b: 3 } },
      { id: 'z', prompt: 'p', response: 'middle', ratings: { a: 4.5, c: 4.5 } },
      { id: 'solo', prompt: 'q', response: 'alone', ratings: { a: 3 } },
    ], { bootstrap: { samples: 0 } });
    assert.deepEqual(kept.map(({ id, chosen, rejected, margin, agreement, annotators }) => ({ id, chosen, rejected, margin, agreement, annotators })), [
      { id: 'x>y', chosen: 'best', rejected: 'worst', margin: 2.5, agreement: 1, annotators: 2 },
      { id: 'z>y', chosen: 'middle', rejected: 'worst', margin: 2, agreement: 1, annotators: 1 },
    ]);
    assert.deepEqual(dropped, [{ index: 3, id: 'solo', reason: 'small-margin' }]);
  });
});
