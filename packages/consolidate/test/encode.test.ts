import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CategoricalEncoder, encodeAnswers, encodeAnswersAsync } from '../src/encode.js';

const rows = (...triples: [string, string, string][]) => triples.map(([task, worker, label]) => ({ task, worker, label }));

describe('encodeAnswers', () => {
  it('interns ids in first-seen order and fills parallel Int32Arrays', () => {
    const data = encodeAnswers(rows(['t1', 'alice', 'cat'], ['t2', 'bob', 'dog'], ['t1', 'bob', 'cat']));
    assert.deepEqual(data.tasks, ['t1', 't2']);
    assert.deepEqual(data.workers, ['alice', 'bob']);
    assert.deepEqual(data.labels, ['cat', 'dog']);
    assert.equal(data.count, 3);
    assert.ok(data.task instanceof Int32Array);
    assert.deepEqual([...data.task], [0, 1, 0]);
    assert.deepEqual([...data.worker], [0, 1, 1]);
    assert.deepEqual([...data.label], [0, 1, 0]);
  });

  it('sorts collected labels so the label order does not depend on row order', () => {
    const a = encodeAnswers(rows(['t', 'w', 'zebra'], ['t', 'v', 'ant']));
    const b = encodeAnswers(rows(['t', 'v', 'ant'], ['t', 'w', 'zebra']));
    assert.deepEqual(a.labels, ['ant', 'zebra']);
    assert.deepEqual(b.labels, ['ant', 'zebra']);
    assert.deepEqual([...a.label], [1, 0]);
  });

  it('sorts numeric labels numerically', () => {
    const data = encodeAnswers(rows(['t', 'a', '10'], ['t', 'b', '9'], ['t', 'c', '1']));
    assert.deepEqual(data.labels, ['1', '9', '10']);
    assert.deepEqual([...data.label], [2, 1, 0]);
  });

  it('keeps a fixed label order, including labels nobody chose', () => {
    const data = encodeAnswers(rows(['t', 'a', '4']), { labels: ['1', '2', '3', '4', '5'] });
    assert.deepEqual(data.labels, ['1', '2', '3', '4', '5']);
    assert.deepEqual([...data.label], [3]);
  });

  it('throws on a label outside the fixed order, naming the answer', () => {
    assert.throws(
      () => encodeAnswers(rows(['t1', 'a', '1'], ['t2', 'b', 'six']), { labels: ['1', '2'] }),
      /answer 1 \(task "t2", worker "b"\): label "six" is not one of \["1","2"\]/,
    );
    assert.throws(() => encodeAnswers([], { labels: ['a', 'a'] }), /lists "a" twice/);
  });

  it('keeps repeated (task, worker) answers by default and can keep the first or last', () => {
    const input = rows(['t1', 'a', 'x'], ['t1', 'b', 'y'], ['t1', 'a', 'y'], ['t2', 'a', 'x'], ['t1', 'a', 'z']);
    assert.equal(encodeAnswers(input).count, 5);
    const first = encodeAnswers(input, { duplicates: 'first' });
    assert.equal(first.count, 3);
    assert.deepEqual(
      [...first.label].slice(0, first.count).map((l) => first.labels[l]),
      ['x', 'y', 'x'],
    );
    const last = encodeAnswers(input, { duplicates: 'last' });
    assert.equal(last.count, 3);
    // Input order is preserved: t1/b, t2/a, then the last t1/a answer.
    assert.deepEqual([...last.task].map((t) => last.tasks[t]), ['t1', 't2', 't1']);
    assert.deepEqual([...last.label].map((l) => last.labels[l]), ['y', 'x', 'z']);
  });

  it('grows past its initial capacity without losing answers', () => {
    const encoder = new CategoricalEncoder();
    for (let i = 0; i < 5000; i++) encoder.add(`t${i % 700}`, `w${i % 13}`, String(i % 3));
    const data = encoder.finish();
    assert.equal(data.count, 5000);
    assert.equal(data.task.length, 5000);
    assert.equal(data.tasks.length, 700);
    assert.equal(data.tasks[data.task[4999]], `t${4999 % 700}`);
    assert.equal(data.labels[data.label[4999]], String(4999 % 3));
  });

  it('refuses to be used after finish', () => {
    const encoder = new CategoricalEncoder();
    encoder.finish();
    assert.throws(() => encoder.add('t', 'w', 'l'), /after finish/);
    assert.throws(() => encoder.finish(), /twice/);
  });

  it('encodes async sources', async () => {
    async function* source() {
      yield { task: 't', worker: 'w', label: 'b' };
      yield { task: 't', worker: 'v', label: 'a' };
    }
    const data = await encodeAnswersAsync(source());
    assert.deepEqual(data.labels, ['a', 'b']);
    assert.equal(data.count, 2);
  });
});
