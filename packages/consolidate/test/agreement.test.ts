import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cohenKappa } from '../src/agreement/cohen-kappa.js';
import { fleissKappa } from '../src/agreement/fleiss-kappa.js';
import { krippendorffAlpha } from '../src/agreement/krippendorff-alpha.js';
import { percentAgreement } from '../src/agreement/percent-agreement.js';
import { quantile } from '../src/agreement/units.js';
import { workerReport } from '../src/agreement/worker-report.js';
import { majorityVote } from '../src/classification/majority-vote.js';
import { encodeAnswers, type AnswerRow } from '../src/encode.js';
import { loadDataset } from './helpers.js';

const close = (actual: number, expected: number, digits = 3) =>
  assert.ok(Math.abs(actual - expected) < 0.5 * 10 ** -digits, `${actual} is not ${expected} to ${digits} decimals`);

/** Reliability data as in the literature: one row per observer, one column per unit, null = no answer. */
function fromMatrix(observers: (number | null)[][]): AnswerRow[] {
  const rows: AnswerRow[] = [];
  observers.forEach((values, o) => values.forEach((value, u) => {
    if (value !== null) rows.push({ task: `unit-${u + 1}`, worker: `observer-${o + 1}`, label: String(value) });
  }));
  return rows;
}

/** Fleiss' layout: per subject, the label of each of its raters (raters differ between subjects). */
function fromSubjects(subjects: number[][]): AnswerRow[] {
  return subjects.flatMap((labels, s) => labels.map((label, r) => ({ task: `subject-${s + 1}`, worker: `rater-${s}-${r}`, label: String(label) })));
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units,
// values 1–5 with missing data. Published: nominal α = 0.743, ordinal α = 0.815, interval α = 0.849.
const krippendorff2011 = fromMatrix([
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
]);

// Fleiss (1971), Table 1: 30 patients, each diagnosed by 6 of the psychiatrists (1 depression,
// 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other). Published: P̄ = 0.556, P̄e = 0.220, κ = 0.430.
const fleiss1971 = fromSubjects([
  [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
]);

describe("Krippendorff's α", () => {
  const data = encodeAnswers(krippendorff2011);

  it("reproduces Krippendorff's worked example at every level of measurement", () => {
    const nominal = krippendorffAlpha(data, { bootstrap: { samples: 0 } });
    close(nominal.value, 0.743);
    assert.equal(nominal.units, 11); // unit 12 has a single value: not pairable
    assert.equal(nominal.values, 40);
    assert.equal(nominal.interval, undefined);
    close(krippendorffAlpha(data, { level: 'ordinal', bootstrap: { samples: 0 } }).value, 0.815);
    close(krippendorffAlpha(data, { level: 'interval', bootstrap: { samples: 0 } }).value, 0.849);
  });

  it('does not change when labels are renamed (nominal) or tasks reordered', () => {
    const renamed = encodeAnswers(krippendorff2011.map((row) => ({ ...row, label: `value-${row.label}` })));
    const reversed = encodeAnswers([...krippendorff2011].reverse());
    const base = krippendorffAlpha(data, { bootstrap: { samples: 0 } }).value;
    close(krippendorffAlpha(renamed, { bootstrap: { samples: 0 } }).value, base, 12);
    close(krippendorffAlpha(reversed, { bootstrap: { samples: 0 } }).value, base, 12);
  });

  it('gives a seeded bootstrap interval around the value', () => {
    const first = krippendorffAlpha(data, { bootstrap: { samples: 500, seed: 7 } });
    const again = krippendorffAlpha(data, { bootstrap: { samples: 500, seed: 7 } });
    const other = krippendorffAlpha(data, { bootstrap: { samples: 500, seed: 8 } });
    assert.deepEqual(first.interval, again.interval);
    assert.notDeepEqual(first.interval, other.interval);
    assert.ok(first.interval!.lower < first.value && first.value < first.interval!.upper, JSON.stringify(first));
    assert.ok(first.interval!.upper <= 1);
    assert.equal(first.interval!.level, 0.95);
  });

  it('is 1 for perfect agreement, undefined without variation, and rejects non-numeric interval labels', () => {
    const perfect = encodeAnswers([
      { task: 'a', worker: 'x', label: '1' }, { task: 'a', worker: 'y', label: '1' },
      { task: 'b', worker: 'x', label: '2' }, { task: 'b', worker: 'y', label: '2' },
    ]);
    assert.equal(krippendorffAlpha(perfect, { bootstrap: { samples: 0 } }).value, 1);
    const constant = encodeAnswers([{ task: 'a', worker: 'x', label: '1' }, { task: 'a', worker: 'y', label: '1' }]);
    assert.ok(Number.isNaN(krippendorffAlpha(constant).value));
    const words = encodeAnswers([{ task: 'a', worker: 'x', label: 'yes' }, { task: 'a', worker: 'y', label: 'no' }]);
    assert.throws(() => krippendorffAlpha(words, { level: 'interval' }), /interval α needs numeric labels, found "no"/);
    assert.throws(() => krippendorffAlpha(words, { level: 'ratio' as never }), /level must be/);
  });
});

describe("Fleiss' κ and percent agreement", () => {
  it("reproduces Fleiss (1971): P̄ = 0.556, P̄e = 0.220, κ = 0.430", () => {
    const result = fleissKappa(encodeAnswers(fleiss1971), { bootstrap: { samples: 0 } });
    close(result.observed!, 0.556);
    close(result.expected!, 0.220);
    close(result.value, 0.430);
    assert.equal(result.units, 30);
    assert.equal(result.values, 180);
    close(percentAgreement(encodeAnswers(fleiss1971), { bootstrap: { samples: 0 } }).value, 0.556);
  });

  it('reproduces the 10 subjects × 14 raters example (Wikipedia, "Fleiss\' kappa"): κ = 0.210', () => {
    const table = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];
    const subjects = table.map((counts) => counts.flatMap((count, k) => Array<number>(count).fill(k + 1)));
    const result = fleissKappa(encodeAnswers(fromSubjects(subjects)), { bootstrap: { samples: 0 } });
    close(result.observed!, 0.378);
    close(result.expected!, 0.213);
    close(result.value, 0.210);
  });

  it('counts a worker once per task and skips tasks with one worker', () => {
    const data = encodeAnswers([
      { task: 'a', worker: 'x', label: '1' }, { task: 'a', worker: 'x', label: '1' }, { task: 'a', worker: 'y', label: '2' },
      { task: 'b', worker: 'x', label: '1' },
    ]);
    const result = percentAgreement(data, { bootstrap: { samples: 0 } });
    assert.equal(result.value, 0);
    assert.equal(result.units, 1);
    assert.equal(result.values, 2);
  });
});

describe("Cohen's κ", () => {
  // The 2 × 2 example of Wikipedia's "Cohen's kappa": 50 proposals, both yes 20, A yes B no 5,
  // A no B yes 10, both no 15: p_o = 0.7, p_e = 0.5, κ = 0.4.
  const rows: AnswerRow[] = [];
  const add = (count: number, a: string, b: string) => {
    for (let i = 0; i < count; i++) {
      const task = `p-${rows.length / 2}`;
      rows.push({ task, worker: 'A', label: a }, { task, worker: 'B', label: b });
    }
  };
  add(20, 'yes', 'yes');
  add(5, 'yes', 'no');
  add(10, 'no', 'yes');
  add(15, 'no', 'no');

  it('reproduces the two-rater textbook example', () => {
    const result = cohenKappa(encodeAnswers(rows), { bootstrap: { samples: 0 } });
    close(result.observed!, 0.7, 12);
    close(result.expected!, 0.5, 12);
    close(result.value, 0.4, 12);
    assert.equal(result.units, 50);
    assert.equal(result.pairs, 1);
  });

  it("picks two workers out of many, or averages every pair (Light's κ)", () => {
    const third = rows.filter((row) => row.worker === 'A').map((row) => ({ ...row, worker: 'C' }));
    const data = encodeAnswers([...rows, ...third]);
    close(cohenKappa(data, { workers: ['A', 'B'], bootstrap: { samples: 0 } }).value, 0.4, 12);
    close(cohenKappa(data, { workers: ['B', 'A'], bootstrap: { samples: 0 } }).value, 0.4, 12);
    const light = cohenKappa(data, { bootstrap: { samples: 200, seed: 1 } });
    // Pairs A–B 0.4, A–C 1 (C copies A), B–C 0.4.
    close(light.value, 0.6, 12);
    assert.equal(light.pairs, 3);
    assert.ok(light.interval!.lower <= 0.6 && light.interval!.upper >= 0.6);
    assert.equal(cohenKappa(data, { minSharedTasks: 51, bootstrap: { samples: 0 } }).pairs, 0);
    assert.throws(() => cohenKappa(data, { workers: ['A', 'Z'] }), /worker "Z" has no answers/);
  });
});

describe('worker report', () => {
  it('measures agreement with the other workers and reports the model accuracy', () => {
    const data = encodeAnswers([
      { task: 't1', worker: 'a', label: 'x' }, { task: 't1', worker: 'b', label: 'x' }, { task: 't1', worker: 'c', label: 'y' },
      { task: 't2', worker: 'a', label: 'y' }, { task: 't2', worker: 'b', label: 'y' }, { task: 't2', worker: 'c', label: 'y' },
      { task: 't3', worker: 'a', label: 'x' }, { task: 't3', worker: 'c', label: 'y' },
      { task: 't4', worker: 'c', label: 'x' },
    ]);
    const model = majorityVote(data);
    const report = workerReport(data, { model });
    assert.deepEqual(report.map(({ worker, answers, shared, agreement }) => ({ worker, answers, shared, agreement })), [
      // a: t1 others {x, y} tie → ½; t2 others {y, y} → 1; t3 others {y} → 0.
      { worker: 'a', answers: 3, shared: 3, agreement: 0.5 },
      // b: t1 others {x, y} → ½; t2 → 1.
      { worker: 'b', answers: 2, shared: 2, agreement: 0.75 },
      // c: t1 others {x, x} → 0; t2 → 1; t3 others {x} → 0; t4 alone, not shared.
      { worker: 'c', answers: 4, shared: 3, agreement: 1 / 3 },
    ]);
    assert.deepEqual(report.map((row) => row.estimatedAccuracy), Array.from(model.workerSkill!));
    const withDs = workerReport(data);
    assert.ok(withDs.every((row) => row.estimatedAccuracy >= 0 && row.estimatedAccuracy <= 1));
  });
});

describe('agreement on a shared dataset', () => {
  it('orders the coefficients sensibly on d_Duck_Identification and finishes the bootstrap quickly', async () => {
    const { data } = await loadDataset('d_Duck_Identification');
    const started = performance.now();
    const alpha = krippendorffAlpha(data, { bootstrap: { samples: 1000, seed: 1 } });
    const fleiss = fleissKappa(data, { bootstrap: { samples: 1000, seed: 1 } });
    const percent = percentAgreement(data, { bootstrap: { samples: 1000, seed: 1 } });
    assert.ok(performance.now() - started < 20_000);
    assert.ok(alpha.value > 0 && alpha.value < 1);
    // For nominal data α and Fleiss' κ differ only by the small-sample correction of D_e.
    assert.ok(Math.abs(alpha.value - fleiss.value) < 0.02, `${alpha.value} vs ${fleiss.value}`);
    assert.ok(percent.value > fleiss.value);
    for (const result of [alpha, fleiss, percent]) assert.ok(result.interval!.lower < result.value && result.value < result.interval!.upper);
  });

  it('interpolates quantiles', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([5], 0.9), 5);
  });
});
