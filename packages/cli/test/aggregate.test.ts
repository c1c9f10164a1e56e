import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { aggregateCategorical, encodeAnswersCsv, parseCsv, type CategoricalMethod } from '@quorum/consolidate';
import { runCli } from '../src/cli.js';
import { cli, tempDir } from './helpers.js';

function shared(relative: string): string {
  const base = process.env.QUORUM_SHARED ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
  const path = join(base, relative);
  if (!existsSync(path)) throw new Error(`shared test data not found: ${path} (set QUORUM_SHARED to the shared folder)`);
  return path;
}
const answersOf = (name: string) => shared(`datasets/truth-inference/${name}.answers.csv`);
const truthOf = (name: string) => shared(`datasets/truth-inference/${name}.truth.csv`);

async function records(text: string): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const record of parseCsv(text)) rows.push(record.fields);
  return rows;
}

/** Accuracy of a written labels CSV against a truth CSV, computed here from the two files only. */
async function accuracyOfFile(labelsCsv: string, truthPath: string): Promise<{ percent: string; evaluated: number; correct: number }> {
  const labels = new Map((await records(labelsCsv)).slice(1).map(([task, label]) => [task!, label!]));
  let evaluated = 0;
  let correct = 0;
  for (const [task, label] of (await records(readFileSync(truthPath, 'utf8'))).slice(1)) {
    if (!labels.has(task!)) continue;
    evaluated++;
    if (labels.get(task!) === label) correct++;
  }
  return { percent: ((correct / evaluated) * 100).toFixed(2), evaluated, correct };
}

function accuracyLine(text: string): { percent: string; evaluated: number; correct: number } {
  const match = /accuracy (\d+\.\d\d) % on (\d+) tasks with truth \((\d+) correct\)/.exec(text);
  assert.ok(match, `no accuracy line in:\n${text}`);
  return { percent: match[1]!, evaluated: Number(match[2]), correct: Number(match[3]) };
}

const DATASETS = ['d_Duck_Identification', 'd_jn-product', 'd_sentiment', 's4_Dog_data', 's4_Face_Sentiment_Identification', 's4_Relevance', 's5_AdultContent'];

describe('quorum aggregate on the truth-inference datasets', () => {
  const cases: [string, CategoricalMethod][] = [
    ...DATASETS.flatMap((name) => (['mv', 'ds', 'gt-ds'] as const).map((method): [string, CategoricalMethod] => [name, method])),
    ...(['ds1', 'glad', 'mace', 'wawa', 'zbs'] as const).map((method): [string, CategoricalMethod] => ['d_Duck_Identification', method]),
  ];
  for (const [name, method] of cases) {
    it(`${name} --method ${method}: prints the library's accuracy, and the written labels score the same`, async () => {
      const { dir, cleanup } = tempDir();
      try {
        const out = join(dir, 'labels.csv');
        const { code, stdout, stderr } = await cli('aggregate', answersOf(name), '--method', method, '--truth', truthOf(name), '--out', out);
        assert.equal(stderr, '');
        assert.equal(code, 0);
        const printed = accuracyLine(stdout);

        const data = await encodeAnswersCsv(readFileSync(answersOf(name), 'utf8'));
        const result = aggregateCategorical(data, method);
        const truth = new Map((await records(readFileSync(truthOf(name), 'utf8'))).slice(1).map(([task, label]) => [task!, label!]));
        let correct = 0;
        let evaluated = 0;
        data.tasks.forEach((task, t) => {
          if (!truth.has(task)) return;
          evaluated++;
          if (data.labels[result.labels[t]!] === truth.get(task)) correct++;
        });
        assert.deepEqual(printed, { percent: ((correct / evaluated) * 100).toFixed(2), evaluated, correct });
        assert.deepEqual(await accuracyOfFile(readFileSync(out, 'utf8'), truthOf(name)), printed);

        const rows = (await records(readFileSync(out, 'utf8')));
        assert.deepEqual(rows[0], ['task', 'label', 'confidence']);
        assert.equal(rows.length - 1, data.tasks.length);
        rows.slice(1).forEach(([, , confidence], t) => {
          assert.equal(Number(confidence), Math.round(result.confidence[t]! * 1e6) / 1e6, `confidence of ${data.tasks[t]}`);
        });
        assert.match(stdout, new RegExp(`^${method} \\(.*\\): ${data.count} answers, ${data.tasks.length} tasks, ${data.workers.length} workers, ${data.labels.length} labels`));
      } finally {
        cleanup();
      }
    });
  }
});

describe('quorum aggregate', () => {
  it('writes labels to standard output and the summary to stderr without --out; reads JSON Lines the same', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const csvText = 'task,worker,label\nt1,a,x\nt1,b,x\nt1,c,y\n"t,2",a,y\n"t,2",b,"y"\n"say ""hi""",a,x\n';
      const csvPath = join(dir, 'answers.csv');
      writeFileSync(csvPath, csvText);
      const fromCsv = await cli('aggregate', csvPath, '--method', 'mv');
      assert.equal(fromCsv.code, 0);
      assert.equal(fromCsv.stdout, 'task,label,confidence\nt1,x,0.666667\n"t,2",y,1\n"say ""hi""",x,1\n');
      assert.match(fromCsv.stderr, /^mv \(majority vote\): 6 answers, 3 tasks, 3 workers, 2 labels; fit in \d+\.\d{3} s\n$/);

      const jsonlPath = join(dir, 'answers.jsonl');
      const rows = (await records(csvText)).slice(1).map(([task, worker, label]) => JSON.stringify({ task, worker, label, extra: 1 }));
      writeFileSync(jsonlPath, `${rows.join('\r\n')}\n\n`);
      const fromJsonl = await cli('aggregate', jsonlPath, '--method', 'mv');
      assert.equal(fromJsonl.code, 0);
      assert.equal(fromJsonl.stdout, fromCsv.stdout);
    } finally {
      cleanup();
    }
  });

  it('skips malformed CSV records, reports each with file:line, aggregates the rest and exits 1', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'answers.csv');
      writeFileSync(path, 'task,worker,label\nt1,a,x\nt1,b\nt1,,x\nt2,a,y\nt2,b,z\n');
      const errorsFile = join(dir, 'errors.json');
      const { code, stdout, stderr } = await cli('aggregate', path, '--method', 'mv', '--labels', 'x,y', '--errors', errorsFile);
      assert.equal(code, 1);
      assert.equal(stdout, 'task,label,confidence\nt1,x,1\nt2,y,1\n');
      const lines = stderr.trim().split('\n');
      assert.equal(lines[1], `${path}:3: expected 3 fields (task,worker,label), found 2`);
      assert.equal(lines[2], `${path}:4: column worker is empty`);
      assert.equal(lines[3], `${path}:6: label "z" is not one of the labels ["x","y"]`);
      assert.equal(lines[4], '3 records were skipped');
      assert.deepEqual(JSON.parse(readFileSync(errorsFile, 'utf8')), [
        { file: path, line: 3, message: 'expected 3 fields (task,worker,label), found 2' },
        { file: path, line: 4, message: 'column worker is empty' },
        { file: path, line: 6, message: 'label "z" is not one of the labels ["x","y"]' },
      ]);
    } finally {
      cleanup();
    }
  });

  it('reports bad JSON Lines records with file:line', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'answers.jsonl');
      writeFileSync(path, '{"task":"t1","worker":"a","label":1}\n{"task":"t1","worker":"b"\n[1,2]\n{"task":"t1","worker":7,"label":null}\n{"task":"t1","worker":"c","label":2}\n');
      const { code, stdout, stderr } = await cli('aggregate', path, '--method', 'ds');
      assert.equal(code, 1);
      assert.match(stdout, /^task,label,confidence\nt1,[12],/);
      const lines = stderr.trim().split('\n');
      assert.match(lines[1]!, new RegExp(`^${path.replaceAll('.', '\\.')}:2: not valid JSON`));
      assert.equal(lines[2], `${path}:3: expected an object {"task", "worker", "label"}, found an array`);
      assert.equal(lines[3], `${path}:4: "label" must be a non-empty string or a number, found null`);
      assert.equal(lines[4], '3 records were skipped');
    } finally {
      cleanup();
    }
  });

  it('stops with file:line on a bad header or broken quoting, and names a missing file', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const header = join(dir, 'header.csv');
      writeFileSync(header, 'task,annotator,label\nt,w,1\n');
      let run = await cli('aggregate', header, '--method', 'mv');
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, `quorum aggregate: ${header}:1: the header must name the columns task, worker, label; missing worker in "task,annotator,label"\n`);

      const quoting = join(dir, 'quoting.csv');
      writeFileSync(quoting, 'task,worker,label\nt,w,1\nt,"w"x,1\n');
      run = await cli('aggregate', quoting, '--method', 'mv');
      assert.equal(run.code, 2);
      assert.equal(run.stderr, `quorum aggregate: ${quoting}:3: unexpected text after the closing quote of field 2\n`);

      const empty = join(dir, 'empty.csv');
      writeFileSync(empty, 'task,worker,label\n');
      run = await cli('aggregate', empty, '--method', 'mv');
      assert.equal(run.code, 2);
      assert.equal(run.stderr, `quorum aggregate: ${empty}: no answers to aggregate\n`);

      run = await cli('aggregate', join(dir, 'missing.csv'), '--method', 'mv');
      assert.equal(run.code, 2);
      assert.equal(run.stderr, `quorum aggregate: answers file not found: ${join(dir, 'missing.csv')}\n`);

      const binary = join(dir, 'binary.csv');
      writeFileSync(binary, Buffer.from([0x74, 0x61, 0x73, 0x6b, 0xff, 0xfe, 0x0a]));
      run = await cli('aggregate', binary, '--method', 'mv');
      assert.equal(run.code, 2);
      assert.equal(run.stderr, `quorum aggregate: ${binary}: the file is not valid UTF-8 text\n`);
    } finally {
      cleanup();
    }
  });

  it('rejects unknown methods, a missing file argument, wmv without weights and an unknown extension', async () => {
    let run = await cli('aggregate', answersOf('d_Duck_Identification'), '--method', 'vote');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--method must be one of mv, wmv, ds, ds1, gt-ds, glad, mace, wawa, zbs; got "vote"/);
    run = await cli('aggregate', '--method', 'mv');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /missing the answers file/);
    run = await cli('aggregate', answersOf('d_Duck_Identification'));
    assert.match(run.stderr, /missing --method/);
    run = await cli('aggregate', answersOf('d_Duck_Identification'), '--method', 'wmv');
    assert.match(run.stderr, /--method wmv needs --weights <file> or --gold <file>/);
    run = await cli('aggregate', 'answers.tsv', '--method', 'mv');
    assert.match(run.stderr, /cannot tell the format of answers\.tsv from its name: give --format csv or --format jsonl/);
  });

  it('scores against truth: tasks without answers and conflicting truth rows are counted and reported', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const answers = join(dir, 'answers.csv');
      writeFileSync(answers, 'task,worker,label\nt1,a,x\nt1,b,x\nt2,a,y\nt2,b,y\nt3,a,x\n');
      const truth = join(dir, 'truth.csv');
      writeFileSync(truth, 'task,label\nt1,x\nt2,x\nt2,y\nt3,unknown\nt9,x\n');
      const run = await cli('aggregate', answers, '--method', 'mv', '--truth', truth, '--out', join(dir, 'labels.csv'));
      assert.equal(run.code, 1);
      assert.match(run.stdout, /\naccuracy 33\.33 % on 3 tasks with truth \(1 correct\); 1 truth rows are for tasks without answers\n$/);
      assert.equal(run.stderr, `${truth}:4: task "t2" is listed again with another label, "y"; the first is used\n1 record was skipped\n`);
    } finally {
      cleanup();
    }
  });

  it('wmv takes worker weights from a CSV file', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const answers = join(dir, 'answers.csv');
      writeFileSync(answers, 'task,worker,label\nt,novice1,no\nt,novice2,no\nt,expert,yes\n');
      const weights = join(dir, 'weights.csv');
      writeFileSync(weights, 'worker,weight\nexpert,3\n');
      const run = await cli('aggregate', answers, '--method', 'wmv', '--weights', weights);
      assert.equal(run.code, 0);
      assert.equal(run.stdout, 'task,label,confidence\nt,yes,0.6\n');
      writeFileSync(weights, 'worker,weight\nexpert,heavy\n');
      const bad = await cli('aggregate', answers, '--method', 'wmv', '--weights', weights);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /weights\.csv: the weight of worker "expert" must be a number ≥ 0, not "heavy"/);
    } finally {
      cleanup();
    }
  });

  it('draws progress on stderr only when stderr is a terminal', async () => {
    class Sink extends Writable {
      text = '';
      constructor(readonly isTTY: boolean) {
        super();
      }
      override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
        this.text += chunk.toString();
        done();
      }
    }
    const { dir, cleanup } = tempDir();
    try {
      for (const isTTY of [true, false]) {
        const stderr = new Sink(isTTY);
        const code = await runCli(['aggregate', answersOf('s4_Relevance'), '--method', 'mv', '--out', join(dir, 'labels.csv')], { stdout: new Sink(false), stderr });
        assert.equal(code, 0);
        if (isTTY) {
          const clearLine = '\r\x1b[K';
          assert.ok(stderr.text.startsWith(`${clearLine}reading ${answersOf('s4_Relevance')} 0 %`), stderr.text);
          assert.ok(stderr.text.includes(`${clearLine}mv: fitting 98453 answers…`), stderr.text);
          assert.ok(stderr.text.endsWith('\r\x1b[K'), 'the progress line is cleared at the end');
        } else {
          assert.equal(stderr.text, '');
        }
      }
    } finally {
      cleanup();
    }
  });
});
