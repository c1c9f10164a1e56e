import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CategoricalEncoder, encodeAnswers, encodeAnswersAsync, IdTable } from '../src/encode.js';

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

describe('IdTable', () => {
  it('interns ids densely in first-seen order, finds them again across growth, and iterates like a Map', () => {
    const table = new IdTable();
    const ids = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? `task-${i}-with-a-long-suffix-${'x'.repeat(i % 40)}` : `t${i}`));
    ids.forEach((id, i) => assert.equal(table.intern(id), i));
    ids.forEach((id, i) => assert.equal(table.intern(id), i, 'second intern returns the same index'));
    assert.equal(table.size, 5000);
    assert.equal(table.get('t1'), 1);
    assert.equal(table.get('absent'), undefined);
    assert.equal(table.get(''), undefined);
    assert.equal(table.intern(''), 5000);
    assert.deepEqual([...table].slice(0, 3), [[ids[0], 0], ['t1', 1], ['t2', 2]]);
    assert.deepEqual(table.ids.slice(0, 2), [ids[0], 't1']);
  });

  it('keeps the task index of an encoding when asked', () => {
    const data = encodeAnswers([{ task: 'b', worker: 'w', label: 'x' }, { task: 'a', worker: 'w', label: 'y' }], { keepIndex: true });
    assert.equal(data.taskIndex!.get('a'), 1);
    assert.equal(data.taskIndex!.size, 2);
  });
});

describe('CategoricalEncoder columns', () => {
  it('grows past its first column size and returns exact-size arrays', () => {
    const encoder = new CategoricalEncoder();
    const n = 200_003;
    for (let i = 0; i < n; i++) encoder.add(`t${i % 70_001}`, `w${i % 13}`, String(i % 4));
    const data = encoder.finish();
    assert.equal(data.count, n);
    assert.equal(data.task.length, n);
    assert.equal(data.label.length, n);
    for (const i of [0, 65_535, 65_536, 131_072, n - 1]) {
      assert.equal(data.tasks[data.task[i]], `t${i % 70_001}`);
      assert.equal(data.workers[data.worker[i]], `w${i % 13}`);
      assert.equal(data.labels[data.label[i]], String(i % 4));
    }
    assert.equal(data.tasks.length, 70_001);
  });
});
