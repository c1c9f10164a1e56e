import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dawidSkene } from '../src/classification/dawid-skene.js';
import { majorityVote } from '../src/classification/majority-vote.js';
import { decodeLabels } from '../src/classification/types.js';
import { encodeAnswers } from '../src/encode.js';
import { encodeFixture, readFixture } from './helpers.js';

const labelsById = (data: ReturnType<typeof encodeFixture>, labels: Int32Array) =>
  Object.fromEntries(data.tasks.map((task, t) => [task, data.labels[labels[t]]]));

describe('majorityVote', () => {
  const fixture = readFixture('relevance-ratings.json');

  it('returns the most frequent label with its vote share as confidence', () => {
    const data = encodeFixture(fixture);
    const result = majorityVote(data);
    const decoded = decodeLabels(data, result);
    for (const [task, [label, confidence]] of Object.entries(fixture.expected.majorityVote as Record<string, [string, number]>)) {
      assert.equal(decoded.get(task)?.label, label, task);
      assert.equal(decoded.get(task)?.confidence, confidence, task);
    }
    assert.equal(result.iterations, 0);
    assert.equal(result.converged, true);
  });

  it('gives vote shares as posteriors', () => {
    const data = encodeFixture(fixture);
    const { posteriors } = majorityVote(data);
    const r2 = data.tasks.indexOf('r2') * data.labels.length;
    assert.deepEqual([...posteriors.subarray(r2, r2 + 5)], [0, 2 / 3, 1 / 3, 0, 0]);
  });

  it('scores workers by agreement with the consolidated label', () => {
    const data = encodeFixture(fixture);
    const { workerSkill } = majorityVote(data);
    // w2 agrees on r1, on r3 (the tie goes to "1", w2's answer) and r4 (its own answer); not on r2.
    assert.equal(workerSkill![data.workers.indexOf('w2')], 3 / 4);
    assert.equal(workerSkill![data.workers.indexOf('w3')], 2 / 3);
  });

  it('breaks ties at random with a seed, reproducibly, choosing among the tied labels only', () => {
    const data = encodeFixture(fixture);
    const r3 = data.tasks.indexOf('r3');
    const seen = new Map<string, number>();
    for (let seed = 0; seed < 300; seed++) {
      const label = data.labels[majorityVote(data, { tieBreak: 'random', seed }).labels[r3]];
      seen.set(label, (seen.get(label) ?? 0) + 1);
    }
    assert.deepEqual([...seen.keys()].sort(), ['1', '3', '5']);
    for (const count of seen.values()) assert.ok(count > 60 && count < 140, `uneven tie-break: ${[...seen]}`);
    const once = majorityVote(data, { tieBreak: 'random', seed: 42 }).labels;
    assert.deepEqual(majorityVote(data, { tieBreak: 'random', seed: 42 }).labels, once);
  });

  it('rejects unknown options', () => {
    assert.throws(() => majorityVote(encodeFixture(fixture), { tieBreak: 'last' as 'first' }), /tieBreak/);
  });

  it('labels a task without answers -1', () => {
    const data = encodeFixture(fixture);
    data.tasks.push('unanswered');
    const result = majorityVote(data);
    assert.equal(result.labels[data.tasks.length - 1], -1);
    assert.equal(result.confidence[data.tasks.length - 1], 0);
    assert.equal(decodeLabels(data, result).get('unanswered')?.label, null);
  });
});

describe('dawidSkene', () => {
  const minority = readFixture('reliable-minority.json');

  it('recovers the truth where majority vote is outvoted by unreliable workers', () => {
    const data = encodeFixture(minority);
    assert.deepEqual(labelsById(data, majorityVote(data).labels), minority.expected.majorityVote);
    const result = dawidSkene(data);
    assert.deepEqual(labelsById(data, result.labels), minority.expected.dawidSkene);
    assert.equal(result.converged, true);
    assert.ok(result.iterations > 1 && result.iterations < 100, `iterations ${result.iterations}`);
  });

  it('estimates reliable workers as reliable and noisy ones as noisy', () => {
    const data = encodeFixture(minority);
    const { workerSkill, confusion, priors } = dawidSkene(data);
    const skill = (w: string) => workerSkill![data.workers.indexOf(w)];
    assert.ok(skill('A') > 0.95 && skill('B') > 0.95, `A ${skill('A')}, B ${skill('B')}`);
    for (const w of ['C', 'D', 'E']) assert.ok(skill(w) > 0.35 && skill(w) < 0.65, `${w} ${skill(w)}`);
    const K = data.labels.length;
    for (let w = 0; w < data.workers.length; w++) {
      for (let c = 0; c < K; c++) {
        const row = confusion!.subarray((w * K + c) * K, (w * K + c + 1) * K);
        assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12, 'confusion rows sum to 1');
      }
    }
    assert.ok(Math.abs(priors![0] - 0.5) < 0.05, `priors ${[...priors!]}`);
  });

  it('works in log space: a task with thousands of answers does not underflow', () => {
    const rows = [];
    for (let w = 0; w < 3000; w++) rows.push({ task: 'big', worker: `w${w}`, label: w % 10 === 0 ? 'b' : 'a' });
    for (let w = 0; w < 3000; w++) rows.push({ task: 'other', worker: `w${w}`, label: w % 7 === 0 ? 'a' : 'b' });
    const result = dawidSkene(encodeAnswers(rows));
    for (const p of result.posteriors) assert.ok(Number.isFinite(p), 'finite posteriors');
    assert.equal(result.labels[0], 0);
    assert.equal(result.labels[1], 1);
    assert.ok(Number.isFinite(result.logLikelihood));
  });

  it('stops at maxIterations and says it did not converge', () => {
    const data = encodeFixture(minority);
    const result = dawidSkene(data, { maxIterations: 2, tolerance: 0 });
    assert.equal(result.iterations, 2);
    assert.equal(result.converged, false);
  });

  it('never decreases the log-likelihood between iterations (EM monotonicity)', () => {
    const data = encodeFixture(minority);
    let previous = -Infinity;
    for (let n = 1; n <= 8; n++) {
      const { logLikelihood } = dawidSkene(data, { maxIterations: n, tolerance: 0, smoothing: 0, diagonalPrior: 0 });
      assert.ok(logLikelihood! >= previous - 1e-9, `iteration ${n}: ${logLikelihood} < ${previous}`);
      previous = logLikelihood!;
    }
  });

  it('handles an empty input', () => {
    const result = dawidSkene(encodeAnswers([], { labels: ['a', 'b'] }));
    assert.equal(result.labels.length, 0);
    assert.equal(result.converged, true);
    assert.equal(result.iterations, 0);
  });

  it('rejects invalid options with the option name', () => {
    const data = encodeFixture(minority);
    assert.throws(() => dawidSkene(data, { maxIterations: 0 }), /maxIterations/);
    assert.throws(() => dawidSkene(data, { tolerance: -1 }), /tolerance/);
    assert.throws(() => dawidSkene(data, { smoothing: Number.NaN }), /smoothing/);
    assert.throws(() => dawidSkene(data, { mode: 'fast' as 'full' }), /mode/);
    assert.throws(() => dawidSkene(data, { workerPrior: 1 }), /workerPrior/);
  });

  it('rejects inconsistent hand-built data', () => {
    const data = encodeFixture(minority);
    data.label[3] = 7;
    assert.throws(() => dawidSkene(data), /answer 3: label index 7 out of range/);
  });
});

describe('dawidSkene in gt-parity mode', () => {
  const ratings = readFixture('relevance-ratings.json');

  it('gives a task labelled by a single worker confidence 0.00 but still that worker\'s label', () => {
    const data = encodeFixture(ratings);
    const result = dawidSkene(data, { mode: 'gt-parity' });
    const r4 = data.tasks.indexOf('r4');
    assert.equal(result.confidence[r4], 0);
    assert.equal(data.labels[result.labels[r4]], '5');
  });

  it('keeps a single worker\'s answer in a small batch dominated by another class', () => {
    const rows = [];
    for (let t = 0; t < 8; t++) for (const worker of ['a', 'b', 'c']) rows.push({ task: `t${t}`, worker, label: '5' });
    rows.push({ task: 'lonely', worker: 'd', label: '3' });
    const data = encodeAnswers(rows, { labels: ['1', '2', '3', '4', '5'] });
    const result = dawidSkene(data, { mode: 'gt-parity' });
    const t = data.tasks.indexOf('lonely');
    assert.equal(data.labels[result.labels[t]], '3');
    assert.equal(result.confidence[t], 0);
  });

  it('counts distinct workers: two answers by the same worker are still a single worker', () => {
    const data = encodeAnswers(
      [
        { task: 'x', worker: 'a', label: '1' },
        { task: 'x', worker: 'a', label: '1' },
        { task: 'y', worker: 'a', label: '1' },
        { task: 'y', worker: 'b', label: '1' },
      ],
      { labels: ['1', '2'] },
    );
    const result = dawidSkene(data, { mode: 'gt-parity' });
    assert.equal(result.confidence[0], 0);
    assert.ok(result.confidence[1] > 0.5);
  });

  it('rounds confidence to two decimals', () => {
    const data = encodeFixture(readFixture('reliable-minority.json'));
    const result = dawidSkene(data, { mode: 'gt-parity' });
    for (const c of result.confidence) assert.equal(c, Math.round(c * 100) / 100);
    assert.ok(result.confidence.some((c) => c > 0 && c < 1), 'some confidence strictly between 0 and 1');
  });

  it('runs at most 20 iterations and rejects a higher limit', () => {
    const data = encodeFixture(readFixture('reliable-minority.json'));
    const result = dawidSkene(data, { mode: 'gt-parity', tolerance: 0 });
    assert.equal(result.iterations, 20);
    assert.equal(result.converged, false);
    assert.throws(() => dawidSkene(data, { mode: 'gt-parity', maxIterations: 21 }), /at most 20 iterations/);
  });

  it('starts every worker at the 0.7 prior: a worker seen once stays near it', () => {
    const data = encodeFixture(ratings);
    const result = dawidSkene(data, { mode: 'gt-parity' });
    // Nobody in this batch answers more than 4 tasks, so no skill reaches 0 or 1.
    for (const skill of result.workerSkill!) assert.ok(skill > 0.3 && skill < 0.95, `skill ${skill}`);
    const labels = labelsById(data, result.labels);
    assert.deepEqual([labels.r1, labels.r2, labels.r4], ['4', '2', '5']);
  });
});
