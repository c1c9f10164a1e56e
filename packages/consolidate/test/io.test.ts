import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { CsvError, parseCsv, readAnswersCsv, readCsv } from '../src/io/csv.js';
import { JsonLinesError, parseJsonLines, readJsonLines } from '../src/io/jsonl.js';
import type { TextSource } from '../src/io/text-source.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Every way of cutting `text` into 1- to 3-character chunks, as strings and as UTF-8 bytes. */
function chunkings(text: string): TextSource[] {
  const bytes = new TextEncoder().encode(text);
  const sources: TextSource[] = [text];
  for (const size of [1, 2, 3]) {
    const strings: string[] = [];
    for (let i = 0; i < text.length; i += size) strings.push(text.slice(i, i + size));
    sources.push(strings);
    const byteChunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += size) byteChunks.push(bytes.subarray(i, i + size));
    sources.push(byteChunks, Readable.from(byteChunks.map((chunk) => Buffer.from(chunk))));
  }
  sources.push(
    new ReadableStream({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 5));
        controller.enqueue(bytes.subarray(5));
        controller.close();
      },
    }),
  );
  return sources;
}

describe('parseCsv', () => {
  const text = '\uFEFFtask,worker,label\r\n"a,1",w1,"say ""hi"""\r\n"multi\nline",w2,é😀\n\nplain,w3,x\r\n';
  const expected = [
    { fields: ['task', 'worker', 'label'], line: 1 },
    { fields: ['a,1', 'w1', 'say "hi"'], line: 2 },
    { fields: ['multi\nline', 'w2', 'é😀'], line: 3 },
    { fields: ['plain', 'w3', 'x'], line: 6 },
  ];

  it('parses quotes, doubled quotes, CRLF, newlines in quotes, BOM, blank lines, however the input is chunked', async () => {
    for (const source of chunkings(text)) assert.deepEqual(await collect(parseCsv(source)), expected);
  });

  it('accepts a last record without a newline and lone CR line ends', async () => {
    assert.deepEqual(await collect(parseCsv('a,b\rc,"d"')), [
      { fields: ['a', 'b'], line: 1 },
      { fields: ['c', 'd'], line: 2 },
    ]);
  });

  it('keeps empty fields', async () => {
    assert.deepEqual((await collect(parseCsv(',x,\n""')))[0].fields, ['', 'x', '']);
    assert.deepEqual((await collect(parseCsv('""\n')))[0].fields, ['']);
  });

  it('names the line of broken quoting', async () => {
    await assert.rejects(collect(parseCsv('a,b\nc,d"e\n', { sourceName: 'x.csv' })), (error: CsvError) => {
      assert.ok(error instanceof CsvError);
      assert.equal(error.line, 2);
      assert.match(error.message, /^x\.csv:2: a quote may only start a field/);
      return true;
    });
    await assert.rejects(collect(parseCsv('a\n"b"c\n')), /line 2: unexpected text after the closing quote/);
    await assert.rejects(collect(parseCsv('a\nb\n"c,\nd\n')), /line 3: a quoted field is not closed/);
  });
});

describe('readAnswersCsv', () => {
  it('yields task, worker, label and the line, for any column order', async () => {
    const rows = await collect(readAnswersCsv('label,extra,worker,task\n1,x,w,t\n'));
    assert.deepEqual(rows, [{ task: 't', worker: 'w', label: '1', line: 2 }]);
  });

  it('checks the header', async () => {
    await assert.rejects(collect(readAnswersCsv('task,annotator,label\nt,w,1\n', { sourceName: 'a.csv' })), /^CsvError: a\.csv:1: the header must name the columns task, worker, label; missing worker/);
    await assert.rejects(collect(readAnswersCsv('')), /input is empty/);
  });

  it('throws on a short row by default, or reports it and goes on', async () => {
    const text = 'task,worker,label\nt1,w1,1\nt2,w2\nt3,,1\nt4,w4,0\n';
    await assert.rejects(collect(readAnswersCsv(text)), /line 3: expected 3 fields \(task,worker,label\), found 2/);
    const errors: CsvError[] = [];
    const rows = await collect(readAnswersCsv(text, { onError: (error) => errors.push(error) }));
    assert.deepEqual(rows.map((row) => row.task), ['t1', 't4']);
    assert.deepEqual(errors.map((error) => [error.line, error.message]), [
      [3, 'line 3: expected 3 fields (task,worker,label), found 2'],
      [4, 'line 4: column worker is empty'],
    ]);
  });

  it('reads other column sets with readCsv', async () => {
    assert.deepEqual(await collect(readCsv('task,label\nx,1\n', ['task', 'label'])), [{ task: 'x', label: '1', line: 2 }]);
  });
});

describe('JSON Lines', () => {
  const text = '{"source":"a"}\r\n\n{"source":"b é"}\n[1,2]';

  it('streams values with their line numbers, however the input is chunked', async () => {
    for (const source of chunkings(text)) {
      assert.deepEqual(await collect(readJsonLines(source)), [
        { line: 1, value: { source: 'a' } },
        { line: 3, value: { source: 'b é' } },
        { line: 4, value: [1, 2] },
      ]);
    }
    assert.deepEqual(parseJsonLines(text).map((entry) => entry.line), [1, 3, 4]);
  });

  it('names the bad line, or reports it and goes on', async () => {
    const bad = '{"a":1}\n{"a":\n{"a":3}\n';
    await assert.rejects(collect(readJsonLines(bad, { sourceName: 'in.manifest' })), (error: JsonLinesError) => {
      assert.ok(error instanceof JsonLinesError);
      assert.equal(error.line, 2);
      assert.match(error.message, /^in\.manifest:2: not valid JSON/);
      return true;
    });
    const errors: JsonLinesError[] = [];
    assert.deepEqual(parseJsonLines(bad, { onError: (error) => errors.push(error) }).map((entry) => entry.value), [{ a: 1 }, { a: 3 }]);
    assert.deepEqual(errors.map((error) => error.line), [2]);
  });
});
