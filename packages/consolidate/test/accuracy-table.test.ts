/**
 * Accuracy parity with crowd-kit on the truth-inference datasets (../shared/datasets/truth-inference).
 * crowd-kit's figures and their source are in fixtures/crowd-kit-accuracy.json. Every method × dataset
 * must reach crowd-kit − max(0.5 pp, one truth task), with no exceptions.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { dawidSkene } from '../src/classification/dawid-skene.js';
import { glad } from '../src/classification/glad.js';
import { goldMajorityVote } from '../src/classification/gold-majority-vote.js';
import { mace } from '../src/classification/mace.js';
import { majorityVote } from '../src/classification/majority-vote.js';
import { oneCoinDawidSkene } from '../src/classification/one-coin-dawid-skene.js';
import type { ClassificationResult } from '../src/classification/types.js';
import { wawa } from '../src/classification/wawa.js';
import { weightedMajorityVote } from '../src/classification/weighted-majority-vote.js';
import { zeroBasedSkill } from '../src/classification/zero-based-skill.js';
import type { CategoricalData } from '../src/encode.js';
import { accuracy, loadDataset, TRUTH_INFERENCE_DATASETS } from './helpers.js';

interface CrowdKitTable {
  methods: string[];
  accuracy: Record<string, Record<string, number>>;
}
const crowdKit = JSON.parse(readFileSync(new URL('./fixtures/crowd-kit-accuracy.json', import.meta.url), 'utf8')) as CrowdKitTable;

const methods: Record<string, (data: CategoricalData) => ClassificationResult> = {
  mv: (data) => majorityVote(data),
  ds: (data) => dawidSkene(data),
  ds1: (data) => oneCoinDawidSkene(data),
  glad: (data) => glad(data),
  mace: (data) => mace(data),
  wawa: (data) => wawa(data),
  zbs: (data) => zeroBasedSkill(data),
};

/** Tasks whose top vote count (or top weighted vote) is shared by several labels: where tie-breaking decides. */
function tiedTasks(data: CategoricalData, posteriors: Float64Array, truth: Map<string, string>): number {
  const K = data.labels.length;
  let tied = 0;
  data.tasks.forEach((task, t) => {
    if (!truth.has(task)) return;
    const row = posteriors.subarray(t * K, (t + 1) * K);
    const top = Math.max(...row);
    if (row.filter((p) => Math.abs(p - top) <= 1e-12 * Math.max(1, top)).length > 1) tied++;
  });
  return tied;
}

const table: string[] = [];

describe('accuracy parity with crowd-kit 1.4.1', () => {
  after(() => console.log(['', 'dataset | method | Quorum % | crowd-kit % | tied tasks', ...table].join('\n')));

  it('covers every method of the crowd-kit table', () => {
    assert.deepEqual(Object.keys(methods), crowdKit.methods);
  });

  for (const name of TRUTH_INFERENCE_DATASETS) {
    it(name, async () => {
      const { data, truth } = await loadDataset(name);
      const reference = crowdKit.accuracy[name]!;
      const failures: string[] = [];
      for (const [method, run] of Object.entries(methods)) {
        const result = run(data);
        const { accuracy: ours, evaluated } = accuracy(data, result.labels, truth);
        assert.equal(evaluated, reference.truthTasks, `${name}: tasks with truth and answers`);
        const percent = ours * 100;
        const theirs = reference[method]!;
        const ties = method === 'mv' || method === 'wawa' ? String(tiedTasks(data, result.posteriors, truth)) : '';
        table.push(`${name} | ${method} | ${percent.toFixed(2)} | ${theirs.toFixed(2)} | ${ties}`);
        const threshold = theirs - Math.max(0.5, 100 / evaluated);
        if (percent < threshold - 1e-9) failures.push(`${method} ${percent.toFixed(2)} % < ${threshold.toFixed(2)} % (crowd-kit ${theirs})`);
      }
      assert.deepEqual(failures, []);
    });
  }

  it('gold majority vote and gold-weighted majority vote are at least as good as majority vote on held-out tasks', async () => {
    for (const name of ['d_sentiment', 's4_Dog_data', 's4_Relevance'] as const) {
      const { data, truth } = await loadDataset(name);
      // Every fifth truth task (in file order) is gold; the others are held out for scoring.
      const gold = new Map<string, string>();
      const heldOut = new Map<string, string>();
      [...truth].forEach(([task, label], index) => (index % 5 === 0 ? gold : heldOut).set(task, label));
      const mv = accuracy(data, majorityVote(data).labels, heldOut);
      const slack = Math.max(0.005, 1 / mv.evaluated);
      for (const [method, result] of [
        ['gold MV', goldMajorityVote(data, { gold })],
        ['gold-weighted MV', weightedMajorityVote(data, { gold })],
      ] as const) {
        const ours = accuracy(data, result.labels, heldOut);
        table.push(`${name} (80 % held out) | ${method} | ${(ours.accuracy * 100).toFixed(2)} | MV ${(mv.accuracy * 100).toFixed(2)} |`);
        assert.ok(ours.accuracy >= mv.accuracy - slack, `${name} ${method}: ${ours.accuracy} < MV ${mv.accuracy}`);
      }
    }
  });
});
