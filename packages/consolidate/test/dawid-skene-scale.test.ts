import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dawidSkene } from '../src/classification/dawid-skene.js';
import { encodeAnswers, type AnswerRow } from '../src/encode.js';
import { mulberry32 } from '../src/random.js';

describe('Dawid-Skene on tasks with thousands of answers', () => {
  it('keeps posteriors finite and normalised (the per-task product is rescaled, not left to underflow)', () => {
    const random = mulberry32(3);
    const rows: AnswerRow[] = [];
    // Task "big" gets 5,000 answers, 70 % of them "b"; the small tasks let the workers' matrices be estimated.
    for (let w = 0; w < 5000; w++) rows.push({ task: 'big', worker: `w${w}`, label: random() < 0.7 ? 'b' : random() < 0.5 ? 'a' : 'c' });
    for (let t = 0; t < 200; t++) {
      const truth = ['a', 'b', 'c'][t % 3]!;
      for (let j = 0; j < 5; j++) rows.push({ task: `t${t}`, worker: `w${(t * 5 + j) % 5000}`, label: random() < 0.8 ? truth : 'a' });
    }
    const data = encodeAnswers(rows);
    for (const mode of ['full', 'gt-parity'] as const) {
      const result = dawidSkene(data, { mode });
      const K = data.labels.length;
      for (let t = 0; t < data.tasks.length; t++) {
        let sum = 0;
        for (let k = 0; k < K; k++) {
          assert.ok(Number.isFinite(result.posteriors[t * K + k]!), `${mode}: posterior of ${data.tasks[t]}`);
          sum += result.posteriors[t * K + k]!;
        }
        assert.ok(Math.abs(sum - 1) < 1e-9, `${mode}: posteriors of ${data.tasks[t]} sum to ${sum}`);
      }
      assert.equal(data.labels[result.labels[data.tasks.indexOf('big')]!], 'b', mode);
      assert.ok(Number.isFinite(result.logLikelihood!), mode);
    }
  });
});
