import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dawidSkene } from '../src/classification/dawid-skene.js';
import { encodeAnswers } from '../src/encode.js';
import { binaryRelevance, decodeMultiLabel, type MultiLabelAnswer } from '../src/multilabel/binary-relevance.js';

const answer = (task: string, worker: string, ...labels: string[]): MultiLabelAnswer => ({ task, worker, labels });

describe('binaryRelevance', () => {
  it('selects the labels a majority of workers chose, ties going to "no"', () => {
    const result = binaryRelevance([
      answer('img1', 'a', 'cat', 'dog'),
      answer('img1', 'b', 'cat'),
      answer('img1', 'c', 'cat', 'bird'),
      answer('img2', 'a', 'dog'),
      answer('img2', 'b'),
    ]);
    assert.deepEqual(result.labels, ['bird', 'cat', 'dog']);
    assert.deepEqual(decodeMultiLabel(result), new Map([['img1', ['cat']], ['img2', []]]));
    // img1: bird 1/3, cat 3/3, dog 1/3; img2: dog 1/2 (tie → no).
    assert.deepEqual([...result.probability].map((p) => Math.round(p * 1000) / 1000), [0.333, 1, 0.333, 0, 0, 0.5]);
    assert.equal(result.perLabel.length, 3);
    assert.deepEqual(result.errors, []);
  });

  it('runs Dawid-Skene per label exactly as on hand-encoded yes/no answers', () => {
    const answers: MultiLabelAnswer[] = [];
    const truth = ['x', 'y', 'x', 'xy', '', 'y', 'x', 'xy'];
    truth.forEach((labels, t) => {
      for (const [w, flip] of [['good1', ''], ['good2', ''], ['noisy', t % 2 ? 'x' : 'y']] as const) {
        const set = new Set(labels.split('').filter(Boolean));
        for (const f of flip) {
          if (set.has(f)) set.delete(f);
          else set.add(f);
        }
        answers.push(answer(`t${t}`, w, ...set));
      }
    });
    const result = binaryRelevance(answers, { method: 'ds', labels: ['x', 'y'] });
    for (const [l, label] of ['x', 'y'].entries()) {
      const data = encodeAnswers(answers.map((a) => ({ task: a.task, worker: a.worker, label: a.labels.includes(label) ? 'yes' : 'no' })), { labels: ['no', 'yes'] });
      const direct = dawidSkene(data);
      assert.deepEqual([...result.perLabel[l].labels], [...direct.labels]);
      for (let t = 0; t < truth.length; t++) assert.equal(result.selected[t * 2 + l], truth[t].includes(label) ? 1 : 0, `task ${t} label ${label}`);
    }
  });

  it('accepts a method function and reports bad answers whole', () => {
    let calls = 0;
    const result = binaryRelevance(
      [answer('t', 'a', 'x'), answer('t', 'b', 'x', 'z'), { task: 't', worker: 'c' } as MultiLabelAnswer, answer('t', '', 'x'), answer('t', 'd', 'x', 'x')],
      {
        labels: ['x', 'y'],
        method: (data) => {
          calls++;
          return dawidSkene(data, { mode: 'gt-parity' });
        },
      },
    );
    assert.equal(calls, 2);
    assert.deepEqual(result.errors.map((e) => [e.index, e.worker]), [[1, 'b'], [2, 'c'], [3, '']]);
    assert.match(result.errors[0].message, /labels\[1\] "z"/);
    assert.deepEqual(decodeMultiLabel(result).get('t'), ['x']);
  });

  it('does not depend on answer order or on the names of labels (property)', () => {
    const data = fc.array(
      fc.record({ task: fc.nat(5), worker: fc.nat(4), labels: fc.subarray(['p', 'q', 'r']) }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(data, (rows) => {
        const answers = rows.map((r) => answer(`t${r.task}`, `w${r.worker}`, ...r.labels));
        const base = decodeMultiLabel(binaryRelevance(answers));
        const reversed = decodeMultiLabel(binaryRelevance([...answers].reverse()));
        for (const [task, labels] of base) assert.deepEqual(reversed.get(task), labels);
        const renamed = decodeMultiLabel(binaryRelevance(answers.map((a) => ({ ...a, labels: a.labels.map((l) => `new-${l}`) }))));
        for (const [task, labels] of base) assert.deepEqual(renamed.get(task), labels.map((l) => `new-${l}`));
      }),
      { numRuns: 100 },
    );
  });
});
