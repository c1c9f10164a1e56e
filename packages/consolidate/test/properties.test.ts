import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dawidSkene } from '../src/classification/dawid-skene.js';
import { glad } from '../src/classification/glad.js';
import { goldMajorityVote } from '../src/classification/gold-majority-vote.js';
import { mace } from '../src/classification/mace.js';
import { majorityVote } from '../src/classification/majority-vote.js';
import { oneCoinDawidSkene } from '../src/classification/one-coin-dawid-skene.js';
import { wawa } from '../src/classification/wawa.js';
import { weightedMajorityVote } from '../src/classification/weighted-majority-vote.js';
import { zeroBasedSkill } from '../src/classification/zero-based-skill.js';
import type { ClassificationResult } from '../src/classification/types.js';
import { encodeAnswers, type AnswerRow, type CategoricalData } from '../src/encode.js';

/** Random small crowd datasets: up to 12 tasks, 6 workers, 2–4 labels, each worker answers a task at most once. */
const datasets = fc
  .record({ tasks: fc.integer({ min: 1, max: 12 }), workers: fc.integer({ min: 1, max: 6 }), labels: fc.integer({ min: 2, max: 4 }) })
  .chain(({ tasks, workers, labels }) =>
    fc
      .array(
        fc.record({ task: fc.nat(tasks - 1), worker: fc.nat(workers - 1), label: fc.nat(labels - 1) }),
        { minLength: 1, maxLength: 60 },
      )
      .map((answers) => {
        const seen = new Set<string>();
        const rows: AnswerRow[] = [];
        for (const a of answers) {
          const key = `${a.task}/${a.worker}`;
          if (seen.has(key)) continue;
          seen.add(key);
          rows.push({ task: `t${a.task}`, worker: `w${a.worker}`, label: `L${a.label}` });
        }
        return { rows, labels: Array.from({ length: labels }, (_, k) => `L${k}`) };
      }),
  );

type Algorithm = (data: CategoricalData) => ClassificationResult;
const algorithms: [string, Algorithm][] = [
  ['majority vote', (data) => majorityVote(data)],
  ['Dawid-Skene', (data) => dawidSkene(data)],
  ['Dawid-Skene gt-parity', (data) => dawidSkene(data, { mode: 'gt-parity' })],
  ['one-coin Dawid-Skene', (data) => oneCoinDawidSkene(data)],
  ['GLAD', (data) => glad(data)],
  // The first MACE run starts from majority vote; later runs draw per-worker random starts by index.
  ['MACE (one run)', (data) => mace(data, { restarts: 1 })],
  ['Wawa', (data) => wawa(data)],
  ['zero-based skill', (data) => zeroBasedSkill(data)],
  // Weights and gold keyed by id, so they follow renamed and reordered workers and tasks.
  ['weighted majority vote', (data) => weightedMajorityVote(data, { weights: weightsById(data) })],
  ['gold majority vote', (data) => goldMajorityVote(data, { gold: goldById(data) })],
];

/** A weight per worker derived from its id (stable under renaming that keeps the digits). */
function weightsById(data: CategoricalData): Map<string, number> {
  return new Map(data.workers.map((worker) => [worker, 1 + Number(/\d+/.exec(worker)![0]) / 3]));
}

/** Gold for tasks with an even number in their id: the label at index (task number mod K) of the fixed label order. */
function goldById(data: CategoricalData): Map<string, string> {
  const gold = new Map<string, string>();
  for (const task of data.tasks) {
    const n = Number(/\d+/.exec(task)![0]);
    if (n % 2 === 0) gold.set(task, data.labels[n % data.labels.length]!);
  }
  // The fallback gold task is picked by id, not by encoded position, so reordering answers cannot change it.
  if (gold.size === 0) gold.set([...data.tasks].sort()[0]!, data.labels[0]!);
  return gold;
}

/** Task id → [label id, posteriors keyed by label id], so results of differently encoded inputs compare. */
function byId(data: CategoricalData, result: ClassificationResult, rename: (label: string) => string = (l) => l) {
  const K = data.labels.length;
  return new Map(
    data.tasks.map((task, t) => [
      task,
      {
        label: rename(data.labels[result.labels[t]]),
        posteriors: new Map(data.labels.map((label, k) => [rename(label), result.posteriors[t * K + k]])),
        confidence: result.confidence[t],
      },
    ]),
  );
}

function assertSameResult(a: ReturnType<typeof byId>, b: ReturnType<typeof byId>): void {
  assert.equal(a.size, b.size);
  for (const [task, expected] of a) {
    const actual = b.get(task)!;
    assert.equal(actual.label, expected.label, `label of ${task}`);
    assert.ok(Math.abs(actual.confidence - expected.confidence) < 1e-6, `confidence of ${task}`);
    for (const [label, p] of expected.posteriors) {
      assert.ok(Math.abs(actual.posteriors.get(label)! - p) < 1e-6, `posterior ${label} of ${task}: ${actual.posteriors.get(label)} vs ${p}`);
    }
  }
}

function shuffled<T>(items: readonly T[], order: number[]): T[] {
  const keyed = items.map((item, i) => ({ item, key: order[i % order.length] * items.length + i }));
  return keyed.sort((x, y) => x.key - y.key).map(({ item }) => item);
}

describe('properties of the classification algorithms', () => {
  for (const [name, run] of algorithms) {
    describe(name, () => {
      it('does not depend on the order of answers (and so of tasks and workers)', () => {
        fc.assert(
          fc.property(datasets, fc.array(fc.nat(1000), { minLength: 1, maxLength: 60 }), ({ rows, labels }, order) => {
            const a = encodeAnswers(rows, { labels });
            const b = encodeAnswers(shuffled(rows, order), { labels });
            assertSameResult(byId(a, run(a)), byId(b, run(b)));
          }),
          { numRuns: 150 },
        );
      });

      it('does not depend on the names of labels', () => {
        fc.assert(
          fc.property(datasets, ({ rows, labels }) => {
            const rename = (label: string) => `class-${labels.indexOf(label) * 7 + 3}`;
            const a = encodeAnswers(rows, { labels });
            const b = encodeAnswers(
              rows.map((row) => ({ ...row, label: rename(row.label) })),
              { labels: labels.map(rename) },
            );
            assertSameResult(byId(a, run(a), rename), byId(b, run(b)));
          }),
          { numRuns: 150 },
        );
      });

      it('does not depend on the names of workers and tasks', () => {
        fc.assert(
          fc.property(datasets, ({ rows, labels }) => {
            const a = encodeAnswers(rows, { labels });
            const b = encodeAnswers(
              rows.map((row) => ({ task: `task:${row.task}`, worker: `${row.worker}@example.com`, label: row.label })),
              { labels },
            );
            const renamed = new Map([...byId(b, run(b))].map(([task, value]) => [task.slice('task:'.length), value]));
            assertSameResult(byId(a, run(a)), renamed);
          }),
          { numRuns: 100 },
        );
      });

      it('returns normalised posteriors and the top posterior as label', () => {
        fc.assert(
          fc.property(datasets, ({ rows, labels }) => {
            const data = encodeAnswers(rows, { labels });
            const result = run(data);
            const K = data.labels.length;
            for (let t = 0; t < data.tasks.length; t++) {
              const row = result.posteriors.subarray(t * K, (t + 1) * K);
              assert.ok(Math.abs(row.reduce((s, p) => s + p, 0) - 1) < 1e-9);
              assert.ok(row[result.labels[t]] >= Math.max(...row) - 1e-9);
            }
          }),
          { numRuns: 100 },
        );
      });
    });
  }
});
