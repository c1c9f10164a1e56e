import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { glad } from '../src/classification/glad.js';
import { goldMajorityVote } from '../src/classification/gold-majority-vote.js';
import { digamma, mace } from '../src/classification/mace.js';
import { majorityVote } from '../src/classification/majority-vote.js';
import { oneCoinDawidSkene } from '../src/classification/one-coin-dawid-skene.js';
import type { ClassificationResult } from '../src/classification/types.js';
import { wawa } from '../src/classification/wawa.js';
import { weightedMajorityVote } from '../src/classification/weighted-majority-vote.js';
import { zeroBasedSkill } from '../src/classification/zero-based-skill.js';
import { encodeAnswers, type CategoricalData } from '../src/encode.js';
import { encodeFixture, loadDataset, readFixture } from './helpers.js';

const labelsById = (data: CategoricalData, result: ClassificationResult) =>
  Object.fromEntries(data.tasks.map((task, t) => [task, data.labels[result.labels[t]]]));

describe('model-based methods on the reliable-minority toy set (truth known everywhere)', () => {
  const fixture = readFixture('reliable-minority.json');
  const data = encodeFixture(fixture);
  const truth = fixture.expected.dawidSkene as Record<string, string>;

  for (const [name, run] of [
    ['one-coin Dawid-Skene', () => oneCoinDawidSkene(data)],
    ['GLAD', () => glad(data)],
    ['MACE', () => mace(data)],
  ] as const) {
    it(`${name} recovers the truth where majority vote is outvoted, converges, and ranks A and B above C, D, E`, () => {
      const result = run();
      assert.deepEqual(labelsById(data, result), truth);
      assert.equal(result.converged, true);
      const skill = (w: string) => result.workerSkill![data.workers.indexOf(w)]!;
      for (const good of ['A', 'B']) for (const noisy of ['C', 'D', 'E']) assert.ok(skill(good) > skill(noisy), `${good} ${skill(good)} vs ${noisy} ${skill(noisy)}`);
    });
  }

  it('Wawa weights A, B by 0.9 and C, D, E by 0.6: t00 ties at 1.8 each and goes to the lowest label; ZBS recovers the truth', () => {
    const first = wawa(data);
    assert.deepEqual([...first.workerWeights!].map((w) => Math.round(w * 100) / 100), [0.9, 0.9, 0.6, 0.6, 0.6]);
    assert.deepEqual(labelsById(data, first), { ...truth, t00: 'no' });
    const zbs = zeroBasedSkill(data);
    assert.deepEqual(labelsById(data, zbs), truth);
    assert.equal(zbs.converged, true);
    assert.equal(zbs.workerWeights![data.workers.indexOf('A')], 1);
  });

  it('gold majority vote learns from two gold tasks that A and B are right and outvotes C, D, E', () => {
    const gold = { t02: truth.t02!, t03: truth.t03!, t04: truth.t04!, t05: truth.t05! };
    const result = goldMajorityVote(data, { gold });
    assert.deepEqual(labelsById(data, result), truth);
    assert.equal(result.workerWeights![data.workers.indexOf('A')], 1);
  });
});

describe('weightedMajorityVote', () => {
  const data = encodeAnswers([
    { task: 'q1', worker: 'expert', label: 'spam' },
    { task: 'q1', worker: 'c1', label: 'ham' },
    { task: 'q1', worker: 'c2', label: 'ham' },
    { task: 'q2', worker: 'c1', label: 'spam' },
    { task: 'q2', worker: 'c2', label: 'ham' },
  ]);

  it('lets an expert with weight 3 outvote two crowd workers, and reports the weighted shares', () => {
    const result = weightedMajorityVote(data, { weights: { expert: 3 } });
    assert.equal(data.labels[result.labels[data.tasks.indexOf('q1')]!], 'spam');
    assert.equal(result.confidence[data.tasks.indexOf('q1')], 3 / 5);
    assert.deepEqual([...result.workerWeights!], [3, 1, 1]);
  });

  it('breaks an exact tie toward the lowest label index (ham < spam)', () => {
    const result = weightedMajorityVote(data);
    assert.equal(data.labels[result.labels[data.tasks.indexOf('q2')]!], 'ham');
  });

  it('learns log-odds weights from gold: a worker wrong on the gold gets weight 0', () => {
    const result = weightedMajorityVote(data, { gold: { q2: 'spam' } });
    const weight = (w: string) => result.workerWeights![data.workers.indexOf(w)]!;
    assert.equal(weight('c2'), 0); // (0 + 1) / (1 + 2) = 1/3 < 1/2: no better than chance
    assert.ok(Math.abs(weight('c1') - Math.log(2)) < 1e-12); // (1 + 1) / (1 + 2) = 2/3 → ln 2
    // No gold answers: the pooled gold accuracy, (1 + 1) / (2 + 2) = 1/2, is chance for two labels.
    assert.equal(weight('expert'), 0);
    assert.equal(weightedMajorityVote(data, { gold: { q2: 'spam' }, defaultWeight: 5 }).workerWeights![0], 5);
  });

  it('rejects negative weights, unknown gold labels and weights together with gold', () => {
    assert.throws(() => weightedMajorityVote(data, { weights: { c1: -1 } }), /weight of worker "c1"/);
    assert.throws(() => weightedMajorityVote(data, { gold: { q1: 'eggs' } }), /gold label "eggs" of task "q1"/);
    assert.throws(() => weightedMajorityVote(data, { weights: {}, gold: {} }), /not both/);
    assert.throws(() => goldMajorityVote(data, { gold: { nowhere: 'ham' } }), /none of the gold tasks/);
  });

  it('falls back to counting heads on a task whose voters all weigh 0', () => {
    const result = weightedMajorityVote(data, { weights: { expert: 0, c1: 0, c2: 0 } });
    assert.equal(data.labels[result.labels[data.tasks.indexOf('q1')]!], 'ham');
  });
});

describe('GLAD internals', () => {
  it('gives the same labels as majority vote when every worker answers every task identically well', () => {
    const rows = [];
    for (let t = 0; t < 20; t++) for (const [w, right] of [['a', true], ['b', true], ['c', t % 4 !== 0]] as const) rows.push({ task: `t${t}`, worker: w, label: right ? 'x' : 'y' });
    const data = encodeAnswers(rows);
    assert.deepEqual([...glad(data).labels], [...majorityVote(data).labels]);
  });

  it('estimates a lower ability for a worker who is often wrong', () => {
    const rows = [];
    for (let t = 0; t < 40; t++) {
      const truth = t % 2 ? 'x' : 'y';
      rows.push({ task: `t${t}`, worker: 'good1', label: truth }, { task: `t${t}`, worker: 'good2', label: truth });
      rows.push({ task: `t${t}`, worker: 'bad', label: t % 3 === 0 ? truth : truth === 'x' ? 'y' : 'x' });
    }
    const data = encodeAnswers(rows);
    const result = glad(data);
    const ability = (w: string) => result.ability[data.workers.indexOf(w)]!;
    assert.ok(ability('good1') > 1 && ability('bad') < ability('good1'), `${[...result.ability]}`);
    assert.ok(result.inverseDifficulty.every((beta) => beta > 0));
  });
});

describe('GLAD stopping rule', () => {
  it('stops when Q per answer falls and returns the parameters of the iteration before (s4_Face_Sentiment_Identification)', async () => {
    const { data } = await loadDataset('s4_Face_Sentiment_Identification');
    const result = glad(data);
    assert.equal(result.objectiveFell, true);
    assert.equal(result.converged, true);
    assert.equal(result.iterations, 2);
    // The returned fit is the one after the first EM iteration.
    const first = glad(data, { maxIterations: 1 });
    assert.equal(first.objectiveFell, false);
    assert.equal(first.converged, false);
    assert.deepEqual([...result.labels], [...first.labels]);
    assert.deepEqual([...result.ability], [...first.ability]);
    // Without early stopping EM goes on to the maximum a posteriori fit.
    const map = glad(data, { earlyStopping: false });
    assert.equal(map.objectiveFell, false);
    assert.ok(map.iterations > 2, `${map.iterations}`);
  });
});

describe('MACE class prior and lone answers', () => {
  // 30 tasks where three reliable workers agree on "common", 3 on "rare"; "lone" answers one task alone, "rare".
  const rows: { task: string; worker: string; label: string }[] = [];
  for (let t = 0; t < 33; t++) for (const w of ['a', 'b', 'c']) rows.push({ task: `t${t}`, worker: w, label: t < 30 ? 'common' : 'rare' });
  for (let t = 0; t < 6; t++) rows.push({ task: `t${t}`, worker: 'lone', label: t % 2 ? 'common' : 'rare' });
  rows.push({ task: 'alone', worker: 'lone', label: 'rare' });
  const data = encodeAnswers(rows);
  const alone = data.tasks.indexOf('alone');

  it('estimates the class prior from tasks with two or more workers and never lets it overrule a lone answer', () => {
    for (const method of ['em', 'vb'] as const) {
      const result = mace(data, { method });
      assert.ok(Math.abs(result.priors![data.labels.indexOf('common')]! - 30 / 33) < 0.02, `${method}: ${[...result.priors!]}`);
      assert.equal(data.labels[result.labels[alone]!], 'rare', method);
      assert.ok(result.confidence[alone]! < 1);
    }
  });

  it('keeps the uniform prior of the paper on request', () => {
    const result = mace(data, { classPrior: 'uniform' });
    assert.deepEqual([...result.priors!], [0.5, 0.5]);
    assert.equal(data.labels[result.labels[alone]!], 'rare');
  });
});

describe('MACE internals', () => {
  it('computes digamma to 1e-12 at known points', () => {
    assert.ok(Math.abs(digamma(1) + 0.5772156649015329) < 1e-12);
    assert.ok(Math.abs(digamma(0.5) + 0.5772156649015329 + 2 * Math.LN2) < 1e-12);
    assert.ok(Math.abs(digamma(10) - 2.251752589066721) < 1e-12);
  });

  it('is reproducible for a seed and keeps the best of its restarts', () => {
    const data = encodeFixture(readFixture('reliable-minority.json'));
    const a = mace(data, { seed: 7 });
    const b = mace(data, { seed: 7 });
    assert.deepEqual([...a.posteriors], [...b.posteriors]);
    assert.equal(a.restartLogLikelihoods.length, 10);
    assert.equal(a.logLikelihood, Math.max(...a.restartLogLikelihoods));
  });
});
