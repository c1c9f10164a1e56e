import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dawidSkene, encodeAnswersCsv, fleissKappa, krippendorffAlpha } from '@quorum/consolidate';
import { cli, tempDir } from './helpers.js';

function shared(relative: string): string {
  const base = process.env.QUORUM_SHARED ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
  const path = join(base, relative);
  if (!existsSync(path)) throw new Error(`shared test data not found: ${path} (set QUORUM_SHARED to the shared folder)`);
  return path;
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers × 12 units.
const reliabilityData = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];
const reliabilityCsv = `task,worker,label\n${reliabilityData
  .flatMap((values, o) => values.flatMap((value, u) => (value === null ? [] : [`unit-${u + 1},observer-${o + 1},${value}`])))
  .join('\n')}\n`;

describe('quorum agreement', () => {
  it("prints Krippendorff's α of the worked example at each level, with a seeded interval", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'reliability.csv');
      writeFileSync(path, reliabilityCsv);
      const nominal = await cli('agreement', path, '--bootstrap', '200', '--seed', '3');
      assert.equal(nominal.code, 0);
      assert.equal(nominal.stderr, '');
      const [first, second] = nominal.stdout.trim().split('\n');
      assert.match(first!, /^Krippendorff's α \(nominal\): 0\.7434 {2}95 % CI \[0\.\d{4}, [01]\.\d{4}\] \(200 bootstrap samples over tasks, seed 3\)$/);
      assert.match(second!, /^11 tasks with ≥ 2 workers, 40 answers; observed disagreement 0\.2000, expected 0\.7795$/);
      assert.equal((await cli('agreement', path, '--bootstrap', '200', '--seed', '3')).stdout, nominal.stdout);
      assert.match((await cli('agreement', path, '--level', 'ordinal', '--bootstrap', '0')).stdout, /^Krippendorff's α \(ordinal\): 0\.8154\n/);
      assert.match((await cli('agreement', path, '--level', 'interval', '--bootstrap', '0')).stdout, /^Krippendorff's α \(interval\): 0\.8491\n/);
    } finally {
      cleanup();
    }
  });

  it('matches the library on a shared dataset for every metric, and as JSON', async () => {
    const path = shared('datasets/truth-inference/d_Duck_Identification.answers.csv');
    const data = await encodeAnswersCsv(readFileSync(path, 'utf8'));
    const json = await cli('agreement', path, '--metric', 'fleiss', '--json', '--bootstrap', '100', '--seed', '5');
    assert.equal(json.code, 0);
    const expected = fleissKappa(data, { bootstrap: { samples: 100, seed: 5 } });
    assert.deepEqual(JSON.parse(json.stdout), { metric: 'fleiss', ...expected });

    const alpha = await cli('agreement', path, '--bootstrap', '0');
    assert.ok(alpha.stdout.startsWith(`Krippendorff's α (nominal): ${krippendorffAlpha(data, { bootstrap: { samples: 0 } }).value.toFixed(4)}\n`));
    const percent = await cli('agreement', path, '--metric', 'percent', '--bootstrap', '0');
    assert.match(percent.stdout, /^percent agreement: 0\.\d{4}\n/);
    const light = await cli('agreement', path, '--metric', 'cohen', '--bootstrap', '0');
    assert.match(light.stdout, /^Light's κ \(mean Cohen's κ over \d+ pairs of workers sharing ≥ 10 tasks\): 0\.\d{4}\n/);
  });

  it('writes the per-worker report', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = shared('datasets/truth-inference/d_Duck_Identification.answers.csv');
      const report = join(dir, 'workers.csv');
      const run = await cli('agreement', path, '--bootstrap', '0', '--report', report);
      assert.equal(run.code, 0);
      const lines = readFileSync(report, 'utf8').trim().split('\n');
      assert.equal(lines[0], 'worker,answers,shared,agreement,estimated_accuracy');
      const data = await encodeAnswersCsv(readFileSync(path, 'utf8'));
      assert.equal(lines.length - 1, data.workers.length);
      const skill = dawidSkene(data).workerSkill!;
      lines.slice(1).forEach((line, w) => {
        const [worker, answers, , agreement, accuracy] = line.split(',');
        assert.equal(worker, data.workers[w]);
        assert.equal(Number(answers), Array.from(data.worker).filter((index) => index === w).length);
        assert.ok(Number(agreement) >= 0 && Number(agreement) <= 1);
        assert.equal(accuracy, skill[w]!.toFixed(6));
      });
    } finally {
      cleanup();
    }
  });

  it('reports bad records and usage errors', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'answers.csv');
      writeFileSync(path, 'task,worker,label\na,x,1\na,y\na,y,1\n');
      const run = await cli('agreement', path, '--bootstrap', '0');
      assert.equal(run.code, 1);
      assert.match(run.stderr, new RegExp(`${path.replaceAll('.', '\\.')}:3: expected 3 fields`));
      assert.match(run.stdout, /^Krippendorff's α \(nominal\): undefined\n/);
      assert.match((await cli('agreement', path, '--metric', 'kappa')).stderr, /--metric must be one of alpha, fleiss, cohen, percent; got "kappa"/);
      assert.match((await cli('agreement', path, '--metric', 'fleiss', '--level', 'ordinal')).stderr, /--level is an option of --metric alpha/);
      assert.match((await cli('agreement', path, '--bootstrap', 'many')).stderr, /--bootstrap must be an integer ≥ 0, not "many"/);
      assert.match((await cli('agreement', path, '--metric', 'cohen', '--workers', 'x,z')).stderr, /worker "z" has no answers/);
      writeFileSync(path, 'task,worker,label\na,x,yes\na,y,no\n');
      const interval = await cli('agreement', path, '--level', 'interval');
      assert.equal(interval.code, 2);
      assert.match(interval.stderr, /interval α needs numeric labels, found "no"/);
    } finally {
      cleanup();
    }
  });
});
