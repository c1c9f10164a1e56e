import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bradleyTerry, encodeComparisons, PairwiseEncoder, pairwiseFromAnswers, type Comparison } from '../src/pairwise/bradley-terry.js';
import { encodeWorkerComparisons, noisyBradleyTerry, type WorkerComparison } from '../src/pairwise/noisy-bt.js';

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

describe('noisyBradleyTerry', () => {
  const close = (x: number, y: number, what: string) => assert.ok(Math.abs(x - y) < 1e-6, `${what}: ${x} vs ${y}`);
  const round = (x: number) => Math.round(x * 1e6) / 1e6 + 0;
  const byId = (data: { items: string[] }, values: Float64Array) => new Map(data.items.map((item, i) => [item, values[i]]));
  const repeat = (n: number, c: WorkerComparison): WorkerComparison[] => Array.from({ length: n }, () => c);

  /** Four items a > b > c > d judged by two careful workers, sides balanced. */
  function careful(): WorkerComparison[] {
    const order = ['a', 'b', 'c', 'd'];
    const rows: WorkerComparison[] = [];
    for (const worker of ['w1', 'w2']) {
      for (let x = 0; x < order.length; x++) {
        for (let y = x + 1; y < order.length; y++) {
          // The better item wins 4 of 5, shown first in half of the comparisons.
          for (let k = 0; k < 5; k++) {
            const better = order[x];
            const worse = order[y];
            const outcome = k < 4 ? 'better' : 'worse';
            const first = k % 2 === 0 ? better : worse;
            const second = first === better ? worse : better;
            const winner = outcome === 'better' ? better : worse;
            rows.push({ worker, itemA: first, itemB: second, outcome: winner === first ? 'A' : 'B' });
          }
        }
      }
    }
    return rows;
  }

  it('ranks the items of careful workers like Bradley-Terry and trusts them', () => {
    const data = encodeWorkerComparisons(careful());
    const noisy = noisyBradleyTerry(data);
    const plain = bradleyTerry(data);
    assert.ok(noisy.converged);
    assert.deepEqual([...noisy.ranks], [1, 2, 3, 4]);
    assert.deepEqual([...noisy.ranks], [...plain.ranks]);
    // Each upset (1 in 5) is explained as a guess: with the scores far apart, (1 − γ)/2 ≈ 1/5.
    assert.equal(round(noisy.reliability[0]), round(noisy.reliability[1]));
    assert.ok(noisy.reliability[0] > 0.6 && noisy.reliability[0] < 0.75, `γ = ${noisy.reliability[0]}`);
    // Sides were balanced, but every upset came with the better item shown first: guesses lean to B.
    assert.ok(noisy.positionBias[0] < 0.5);
  });

  it('sees through a worker who always clicks the first item, where plain Bradley-Terry is misled', () => {
    // The clicker sees d first 30 times against a and always picks it; the careful workers rank a > b > c > d.
    const clicker = [
      ...repeat(30, { worker: 'clicker', itemA: 'd', itemB: 'a', outcome: 'A' }),
      ...repeat(10, { worker: 'clicker', itemA: 'a', itemB: 'b', outcome: 'A' }),
      ...repeat(10, { worker: 'clicker', itemA: 'c', itemB: 'b', outcome: 'A' }),
      ...repeat(10, { worker: 'clicker', itemA: 'd', itemB: 'c', outcome: 'A' }),
    ];
    const data = encodeWorkerComparisons([...careful(), ...clicker]);
    const plain = byId(data, bradleyTerry(data).scores);
    assert.ok(plain.get('d')! > plain.get('a')!, 'plain Bradley-Terry puts d above a');
    const result = noisyBradleyTerry(data);
    const scores = byId(data, result.scores);
    assert.ok(scores.get('a')! > scores.get('b')! && scores.get('b')! > scores.get('c')! && scores.get('c')! > scores.get('d')!, `${[...scores]}`);
    const w = data.workers.indexOf('clicker');
    assert.ok(result.reliability[w] < 0.2, `clicker γ = ${result.reliability[w]}`);
    assert.ok(result.positionBias[w] > 0.95, `clicker bias = ${result.positionBias[w]}`);
    assert.ok(result.reliability[data.workers.indexOf('w1')] > 0.6);
  });

  it('reduces to Bradley-Terry when reliability is pinned at 1: score difference ln(wins / losses)', () => {
    // A reliability prior of a billion attentive comparisons holds γ at 1; 3 wins to 1 then give ln 3.
    const data = encodeWorkerComparisons([
      ...repeat(30, { worker: 'w', itemA: 'x', itemB: 'y', outcome: 'A' }),
      ...repeat(30, { worker: 'w', itemA: 'y', itemB: 'x', outcome: 'B' }),
      ...repeat(10, { worker: 'w', itemA: 'x', itemB: 'y', outcome: 'B' }),
      ...repeat(10, { worker: 'w', itemA: 'y', itemB: 'x', outcome: 'A' }),
    ]);
    const result = noisyBradleyTerry(data, { prior: 1e-6, reliabilityPrior: [1e9, 0] });
    assert.ok(result.converged);
    assert.ok(Math.abs(result.scores[0] - result.scores[1] - Math.log(3)) < 1e-4, `${result.scores[0] - result.scores[1]}`);
    assert.ok(result.reliability[0] > 0.999999);
  });

  it('never lowers the posterior from one iteration to the next', () => {
    const data = encodeWorkerComparisons([...careful(), ...repeat(20, { worker: 'clicker', itemA: 'd', itemB: 'a', outcome: 'A' }), { worker: 'w3', itemA: 'a', itemB: 'c', outcome: 'tie' }]);
    let last = -Infinity;
    for (let iterations = 1; iterations <= 30; iterations++) {
      const { logLikelihood } = noisyBradleyTerry(data, { maxIterations: iterations, tolerance: 0 });
      assert.ok(logLikelihood >= last - 1e-9, `iteration ${iterations}: ${logLikelihood} < ${last}`);
      last = logLikelihood;
    }
  });

  const workerComparisonLists = fc
    .array(
      fc.record({ a: fc.nat(4), b: fc.nat(4), w: fc.nat(3), outcome: fc.constantFrom<'A' | 'B' | 'tie'>('A', 'B', 'tie') }).filter((c) => c.a !== c.b),
      { minLength: 1, maxLength: 30 },
    )
    .map((list) => list.map((c): WorkerComparison => ({ worker: `w${c.w}`, itemA: `i${c.a}`, itemB: `i${c.b}`, outcome: c.outcome })));

  it('does not depend on item or worker names, or on comparison order (property)', () => {
    fc.assert(
      fc.property(workerComparisonLists, (comparisons) => {
        const data = encodeWorkerComparisons(comparisons);
        const base = noisyBradleyTerry(data);
        const renamed = encodeWorkerComparisons(
          [...comparisons].reverse().map((c) => ({ worker: `z-${c.worker}`, itemA: `x-${c.itemA}`, itemB: `x-${c.itemB}`, outcome: c.outcome })),
        );
        const other = noisyBradleyTerry(renamed);
        data.items.forEach((item, i) => {
          const j = renamed.items.indexOf(`x-${item}`);
          close(other.scores[j], base.scores[i], item);
        });
        data.workers.forEach((worker, w) => {
          const v = renamed.workers.indexOf(`z-${worker}`);
          close(other.reliability[v], base.reliability[w], worker);
          close(other.positionBias[v], base.positionBias[w], worker);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('flipping every comparison of a worker leaves the scores and mirrors the bias of that worker (property)', () => {
    fc.assert(
      fc.property(workerComparisonLists, (comparisons) => {
        const data = encodeWorkerComparisons(comparisons);
        const base = noisyBradleyTerry(data);
        const flipped = encodeWorkerComparisons(comparisons.map((c) => (c.worker === comparisons[0].worker ? { ...flip(c), worker: c.worker } : c)));
        const other = noisyBradleyTerry(flipped);
        data.items.forEach((item, i) => close(other.scores[flipped.items.indexOf(item)], base.scores[i], item));
        const w = data.workers.indexOf(comparisons[0].worker);
        const v = flipped.workers.indexOf(comparisons[0].worker);
        close(other.positionBias[v], 1 - base.positionBias[w], 'bias');
      }),
      { numRuns: 50 },
    );
  });

  it('rejects bad input with the comparison it is about', () => {
    assert.throws(() => encodeWorkerComparisons([{ worker: '', itemA: 'x', itemB: 'y', outcome: 'A' }]), /comparison 0: worker/);
    assert.throws(() => encodeWorkerComparisons([{ worker: 'w', itemA: 'x', itemB: 'x', outcome: 'A' }]), /itself/);
    const data = encodeWorkerComparisons([{ worker: 'w', itemA: 'x', itemB: 'y', outcome: 'A' }]);
    assert.throws(() => noisyBradleyTerry({ ...data, worker: Int32Array.of(3) }), /comparison 0: worker index 3/);
    assert.throws(() => noisyBradleyTerry(data, { prior: 0 }), /prior/);
    assert.throws(() => noisyBradleyTerry(data, { reliabilityPrior: [0, 0] }), /reliabilityPrior/);
  });
});
