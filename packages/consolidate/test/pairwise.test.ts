import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bradleyTerry, encodeComparisons, PairwiseEncoder, pairwiseFromAnswers, type Comparison } from '../src/pairwise/bradley-terry.js';

const flip = (c: Comparison): Comparison => ({
  itemA: c.itemB,
  itemB: c.itemA,
  outcome: c.outcome === 'A' ? 'B' : c.outcome === 'B' ? 'A' : 'tie',
});

function scoresById(comparisons: Comparison[], options = {}): Map<string, number> {
  const data = encodeComparisons(comparisons);
  const result = bradleyTerry(data, options);
  return new Map(data.items.map((item, i) => [item, result.scores[i]]));
}

const times = (n: number, c: Comparison): Comparison[] => Array.from({ length: n }, () => c);

describe('bradleyTerry', () => {
  const comparisonLists = fc.array(
    fc.record({ a: fc.nat(4), b: fc.nat(4), outcome: fc.constantFrom<'A' | 'B' | 'tie'>('A', 'B', 'tie') }).filter((c) => c.a !== c.b),
    { minLength: 1, maxLength: 25 },
  ).map((list) => list.map((c): Comparison => ({ itemA: `i${c.a}`, itemB: `i${c.b}`, outcome: c.outcome })));

  it('solves the two-item case analytically: score difference = ln(wins / losses)', () => {
    const comparisons = [...times(3, { itemA: 'x', itemB: 'y', outcome: 'A' }), ...times(1, { itemA: 'x', itemB: 'y', outcome: 'B' })];
    const result = bradleyTerry(encodeComparisons(comparisons), { prior: 0 });
    assert.ok(result.converged);
    assert.ok(Math.abs(result.scores[0] - result.scores[1] - Math.log(3)) < 1e-7);
    assert.deepEqual([...result.ranks], [1, 2]);
    assert.equal(result.theta, 1);
  });

  it('recovers a known ordering from a round robin', () => {
    const strengths: Record<string, number> = { a: 8, b: 4, c: 2, d: 1 };
    const comparisons: Comparison[] = [];
    const ids = Object.keys(strengths);
    for (const x of ids) {
      for (const y of ids) {
        if (x >= y) continue;
        // Expected counts out of 30 under the model, rounded: the MLE then sits near the true strengths.
        const wins = Math.round((30 * strengths[x]) / (strengths[x] + strengths[y]));
        comparisons.push(...times(wins, { itemA: x, itemB: y, outcome: 'A' }), ...times(30 - wins, { itemA: x, itemB: y, outcome: 'B' }));
      }
    }
    const data = encodeComparisons(comparisons);
    const result = bradleyTerry(data);
    assert.deepEqual([...result.ranks], [1, 2, 3, 4]);
    const diff = result.scores[0] - result.scores[3];
    assert.ok(Math.abs(diff - Math.log(8)) < 0.15, `a − d = ${diff}`);
  });

  it('estimates the Rao-Kupper tie parameter and keeps equal items tied', () => {
    const comparisons = [
      ...times(4, { itemA: 'x', itemB: 'y', outcome: 'A' }),
      ...times(4, { itemA: 'x', itemB: 'y', outcome: 'B' }),
      ...times(2, { itemA: 'x', itemB: 'y', outcome: 'tie' }),
    ];
    const result = bradleyTerry(encodeComparisons(comparisons), { prior: 0 });
    assert.ok(result.converged);
    assert.ok(Math.abs(result.scores[0] - result.scores[1]) < 1e-9);
    assert.deepEqual([...result.ranks], [1, 1]);
    // Equal strengths: P(tie) = (θ − 1)/(θ + 1) = 2/10 at the MLE, so θ = 1.5.
    assert.ok(Math.abs(result.theta - 1.5) < 1e-5, `θ = ${result.theta}`);
  });

  it('keeps an undefeated item and an item never compared finite', () => {
    const data = encodeComparisons([
      { itemA: 'champ', itemB: 'b', outcome: 'A' },
      { itemA: 'champ', itemB: 'c', outcome: 'A' },
      { itemA: 'b', itemB: 'c', outcome: 'A' },
      { itemA: 'lonely1', itemB: 'lonely2', outcome: 'tie' },
    ]);
    const result = bradleyTerry(data);
    assert.ok(result.converged);
    for (const s of result.scores) assert.ok(Number.isFinite(s));
    assert.equal(result.ranks[0], 1);
    assert.ok(result.scores[0] > result.scores[1] && result.scores[1] > result.scores[2]);
    assert.throws(() => bradleyTerry(data, { prior: 0 }), /no finite maximum-likelihood strength/);
  });

  it('scores an item never compared at the prior mode 0', () => {
    const encoder = new PairwiseEncoder();
    encoder.add('x', 'y', 'A');
    encoder.add('y', 'x', 'tie');
    encoder.item('never');
    const result = bradleyTerry(encoder.finish());
    assert.ok(Math.abs(result.scores[2]) < 1e-7, `${result.scores[2]}`);
    assert.ok(result.scores[0] > 0 && result.scores[1] < 0);
  });

  it('never lowers the posterior from one iteration to the next (property)', () => {
    fc.assert(
      fc.property(comparisonLists, (comparisons) => {
        const data = encodeComparisons(comparisons);
        let last = -Infinity;
        for (let iterations = 1; iterations <= 12; iterations++) {
          const { logLikelihood } = bradleyTerry(data, { maxIterations: iterations, tolerance: 0 });
          assert.ok(logLikelihood >= last - 1e-9, `iteration ${iterations}: ${logLikelihood} < ${last}`);
          last = logLikelihood;
        }
      }),
      { numRuns: 40 },
    );
  });

  it('rejects ties when told there are none, and self-comparisons', () => {
    assert.throws(() => bradleyTerry(encodeComparisons([{ itemA: 'x', itemB: 'y', outcome: 'tie' }]), { ties: 'none' }), /tie/);
    assert.throws(() => encodeComparisons([{ itemA: 'x', itemB: 'x', outcome: 'A' }]), /itself/);
  });

  it('does not depend on comparison order or on which side is A (property)', () => {
    fc.assert(
      fc.property(comparisonLists, fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }), (comparisons, flips) => {
        const base = scoresById(comparisons);
        const shuffled = comparisons.map((c, i) => (flips[i] ? flip(c) : c)).reverse();
        const other = scoresById(shuffled);
        for (const [item, score] of base) assert.ok(Math.abs(score - (other.get(item) ?? NaN)) < 1e-6, `${item}: ${score} vs ${other.get(item)}`);
      }),
      { numRuns: 60 },
    );
  });
});

describe('pairwiseFromAnswers', () => {
  it('maps choices to comparisons, counts both-bad and reports bad answers', () => {
    const result = pairwiseFromAnswers([
      { itemA: 'r1', itemB: 'r2', workerId: 'w1', answer: { choice: 'A', strength: 'much' } },
      { itemA: 'r1', itemB: 'r2', workerId: 'w2', answer: { choice: 'tie' } },
      { itemA: 'r1', itemB: 'r3', workerId: 'w3', answer: { choice: 'both-bad' } },
      { itemA: 'r2', itemB: 'r3', workerId: 'w4', answer: { choice: 'maybe' as 'A' } },
      { itemA: 'r2', itemB: 'r3', workerId: 'w5', answer: { choice: 'B', dimensions: { safety: { choice: 'A' } } } },
    ]);
    assert.deepEqual(result.data.items, ['r1', 'r2', 'r3']);
    assert.equal(result.data.count, 3);
    assert.deepEqual([...result.data.outcome], [0, 2, 1]);
    assert.equal(result.bothBadCount, 1);
    assert.deepEqual([...result.bothBad], [1, 0, 1]);
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0].index, 3);
    assert.equal(result.errors[0].workerId, 'w4');
    assert.match(result.errors[0].message, /maybe/);

    const safety = pairwiseFromAnswers(
      [{ itemA: 'r2', itemB: 'r3', workerId: 'w5', answer: { choice: 'B', dimensions: { safety: { choice: 'A' } } } }, { itemA: 'r2', itemB: 'r3', answer: { choice: 'B' } }],
      { dimension: 'safety' },
    );
    assert.deepEqual([...safety.data.outcome], [0]);
    assert.equal(safety.errors.length, 1);
    assert.match(safety.errors[0].message, /dimension "safety"/);
  });
});
