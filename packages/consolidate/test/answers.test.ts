import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { describe, it } from 'node:test';
import { aggregateCategorical, CATEGORICAL_METHODS, scoreAgainstTruth } from '../src/classification/methods.js';
import { CategoricalEncoder, encodeAnswers, encodeAnswersAsync } from '../src/encode.js';
import { encodeAnswersCsv, encodeAnswersJsonLines } from '../src/io/answers.js';
import { CsvError, readAnswersCsv } from '../src/io/csv.js';
import { JsonLinesError } from '../src/io/jsonl.js';
import { sharedPath } from './helpers.js';

/** `text` cut into chunks of `size` characters. */
const chunked = (text: string, size: number): string[] => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe('encodeAnswersCsv / encodeAnswersJsonLines', () => {
  const csv = 'label,task,worker,note\r\n1,t1,a,""\n2,"t,1",b,"x\ny"\n\n1,t1,b,\n';

  it('encodes like readAnswersCsv + encodeAnswersAsync, however the text is chunked', async () => {
    const expected = await encodeAnswersAsync(readAnswersCsv(csv));
    for (const size of [1, 2, 3, 7, 1000]) assert.deepEqual(await encodeAnswersCsv(chunked(csv, size)), expected);
  });

  it('encodes a shared dataset exactly as the row-by-row reader does', async () => {
    const path = sharedPath('datasets/truth-inference/s4_Relevance.answers.csv');
    const expected = await encodeAnswersAsync(readAnswersCsv(createReadStream(path)));
    assert.deepEqual(await encodeAnswersCsv(createReadStream(path)), expected);
  });

  it('reports bad records with their line (or throws the first without onError), and keeps the rest', async () => {
    const text = 'task,worker,label\nt1,a,x\nt1,b\nt2,,y\nt2,c,q\nt2,d,y\n';
    const errors: CsvError[] = [];
    const data = await encodeAnswersCsv(text, { labels: ['x', 'y'], sourceName: 'a.csv', onError: (error) => errors.push(error as CsvError) });
    assert.deepEqual(
      errors.map((error) => error.message),
      ['a.csv:3: expected 3 fields (task,worker,label), found 2', 'a.csv:4: column worker is empty', 'a.csv:5: label "q" is not one of the labels ["x","y"]'],
    );
    assert.equal(data.count, 2);
    assert.deepEqual(data.tasks, ['t1', 't2']);
    await assert.rejects(encodeAnswersCsv(text, { sourceName: 'a.csv' }), /^CsvError: a\.csv:3: expected 3 fields/);
    await assert.rejects(encodeAnswersCsv('task,label\n', { sourceName: 'a.csv' }), /a\.csv:1: the header must name the columns task, worker, label; missing worker/);
    await assert.rejects(encodeAnswersCsv(''), /input is empty/);
  });

  it('reads JSON Lines objects with string or number ids', async () => {
    const text = '{"task":"t1","worker":"a","label":1}\r\n\n{"task":2,"worker":"b","label":"1","extra":true}\n{"task":"t1","worker":"b","label":0}';
    for (const size of [1, 5, 1000]) {
      const data = await encodeAnswersJsonLines(chunked(text, size));
      assert.deepEqual(data, encodeAnswers([
        { task: 't1', worker: 'a', label: '1' },
        { task: '2', worker: 'b', label: '1' },
        { task: 't1', worker: 'b', label: '0' },
      ]));
    }
  });

  it('reports JSON Lines records that are not answer objects', async () => {
    const text = '{"task":"t","worker":"a","label":"x"}\n{"task":"t"\n"t,a,x"\n{"task":"t","worker":"","label":"x"}\n{"task":"t","worker":"b"}\n{"task":"t","worker":"c","label":"z"}\n';
    const errors: string[] = [];
    const data = await encodeAnswersJsonLines(text, { labels: ['x'], sourceName: 'a.jsonl', onError: (error) => errors.push(error.message) });
    assert.equal(data.count, 1);
    assert.equal(errors.length, 5);
    assert.match(errors[0]!, /^a\.jsonl:2: not valid JSON/);
    assert.equal(errors[1], 'a.jsonl:3: expected an object {"task", "worker", "label"}, found "t,a,x"');
    assert.equal(errors[2], 'a.jsonl:4: "worker" must be a non-empty string or a number, found ""');
    assert.equal(errors[3], 'a.jsonl:5: "label" must be a non-empty string or a number, found nothing');
    assert.equal(errors[4], 'a.jsonl:6: label "z" is not one of the labels ["x"]');
    await assert.rejects(encodeAnswersJsonLines(text), (error: JsonLinesError) => error instanceof JsonLinesError && error.line === 2);
  });
});

describe('CategoricalEncoder blocks', () => {
  it('keeps every answer in order across block boundaries, with duplicates dropped as asked', () => {
    const n = 200_003;
    const encoder = new CategoricalEncoder();
    const dedup = new CategoricalEncoder({ duplicates: 'last' });
    for (let i = 0; i < n; i++) {
      encoder.add(`task-${i % 70_001}`, `worker-${i % 13}`, String(i % 3));
      dedup.add(`task-${i % 1000}`, 'w', String(i % 3));
    }
    const data = encoder.finish();
    assert.equal(data.count, n);
    assert.equal(data.task.length, n);
    for (const i of [0, 65_535, 65_536, 131_072, n - 1]) {
      assert.equal(data.tasks[data.task[i]!], `task-${i % 70_001}`);
      assert.equal(data.workers[data.worker[i]!], `worker-${i % 13}`);
      assert.equal(data.labels[data.label[i]!], String(i % 3));
    }
    const kept = dedup.finish();
    assert.equal(kept.count, 1000);
    assert.equal(kept.task.length, 1000);
    // The last answer to each task is among the final 1000 rows; they stay in input order.
    for (let j = 0; j < 1000; j++) {
      const i = n - 1000 + j;
      assert.equal(kept.tasks[kept.task[j]!], `task-${i % 1000}`);
      assert.equal(kept.labels[kept.label[j]!], String(i % 3));
    }
  });
});

describe('aggregateCategorical / scoreAgainstTruth', () => {
  const data = encodeAnswers([
    { task: 't1', worker: 'a', label: 'x' },
    { task: 't1', worker: 'b', label: 'x' },
    { task: 't1', worker: 'c', label: 'y' },
    { task: 't2', worker: 'a', label: 'y' },
    { task: 't2', worker: 'b', label: 'y' },
    { task: 't2', worker: 'c', label: 'x' },
  ]);

  it('runs every method by its short name', () => {
    for (const method of CATEGORICAL_METHODS) {
      const result = aggregateCategorical(data, method, method === 'wmv' ? { weights: { c: 5 } } : {});
      assert.equal(result.labels.length, 2, method);
      const expected = method === 'wmv' ? ['y', 'x'] : ['x', 'y'];
      assert.deepEqual(Array.from(result.labels, (k) => data.labels[k]), expected, method);
    }
    assert.throws(() => aggregateCategorical(data, 'wmv'), /needs worker weights or gold labels/);
    assert.throws(() => aggregateCategorical(data, 'vote' as never), /unknown method "vote"/);
  });

  it('keeps the task index when asked, and scores with it', async () => {
    const indexed = await encodeAnswersCsv('task,worker,label\nb,w,1\na,w,2\n', { keepIndex: true });
    assert.deepEqual([...indexed.taskIndex!], [['b', 0], ['a', 1]]);
    assert.equal((await encodeAnswersCsv('task,worker,label\nb,w,1\n')).taskIndex, undefined);
    const labels = aggregateCategorical(indexed, 'mv').labels;
    assert.deepEqual(scoreAgainstTruth(indexed, labels, { a: '2', b: '2', c: '1' }), { evaluated: 2, correct: 1, accuracy: 0.5, unanswered: 1 });
  });

  it('scores labels against truth, counting truth without answers apart', () => {
    const labels = aggregateCategorical(data, 'mv').labels;
    assert.deepEqual(scoreAgainstTruth(data, labels, { t1: 'x', t2: 'x', t3: 'y' }), { evaluated: 2, correct: 1, accuracy: 0.5, unanswered: 1 });
    assert.deepEqual(scoreAgainstTruth(data, labels, new Map([['t1', 'z']])), { evaluated: 1, correct: 0, accuracy: 0, unanswered: 0 });
    assert.ok(Number.isNaN(scoreAgainstTruth(data, labels, {}).accuracy));
  });
});
