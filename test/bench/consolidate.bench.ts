/**
 * Consolidation speed and memory.
 *
 * 1. The synthetic crowd in memory (test/bench/support/synthetic-crowd.ts, seeded):
 *    200,000 tasks × 5 answers = 1M labels, 5 classes, 500 workers of mixed quality. Majority vote and
 *    Dawid-Skene fit times (median of 3 runs), iterations, accuracy against the generator's truth.
 *    crowd-kit 1.4.1 on a crowd of that size (issue 6): DS 22.7 s, 15 iterations, 95.7 %; MV 1.6 s.
 * 2. Every categorical method on s4_Relevance (98,453 answers), with accuracy against its truth.
 * 3. `quorum aggregate` as a child process (the built CLI: run `npm run build` first) on the 1M crowd
 *    and on a 10M-label crowd written as CSV to a temporary folder: wall time, CPU time and peak RSS,
 *    measured by /usr/bin/time -v when present, otherwise (RSS only) by process.resourceUsage() in the child.
 *
 * 4. Pairwise: Bradley-Terry and NoisyBT on 500,000 synthetic comparisons (2,000 items, 200 workers,
 *    a fifth of whom click the first item 90 % of the time), with the share of item pairs ordered
 *    as the generator's strengths are. 5. Free text: medoids of 20,000 tasks × 10 answers.
 *
 * Wall times are medians; on a shared machine compare the CPU column, which other processes do not inflate.
 *
 * Run: node scripts/bench.mjs consolidate   (QUORUM_BENCH_CLI_TASKS=2000000 sets the big CSV's tasks)
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  aggregateCategorical,
  aggregateText,
  bradleyTerry,
  CATEGORICAL_METHODS,
  noisyBradleyTerry,
  type WorkerPairwiseData,
  encodeAnswersCsv,
  readCsv,
  scoreAgainstTruth,
  type CategoricalData,
  type CategoricalMethod,
  type ClassificationResult,
} from '../../packages/consolidate/src/index.js';
import { ONE_MILLION, syntheticCrowd, writeSyntheticCsv, type CrowdSpec } from './support/synthetic-crowd.js';

interface Row {
  dataset: string;
  step: string;
  answers: number;
  ms: number;
  best?: number;
  /** CPU time (user + system) of the step: on a loaded machine this is the figure that does not depend on the other processes. */
  cpuMs?: number;
  iterations?: string;
  accuracy?: string;
  rssMB?: number;
}

const rows: Row[] = [];
const gc = (globalThis as { gc?: () => void }).gc;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `run` `repeat` times and records the median (and best) wall time. */
function measure(dataset: string, step: string, answers: number, run: () => ClassificationResult, score: (result: ClassificationResult) => string, repeat = 1): ClassificationResult {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let result!: ClassificationResult;
  for (let r = 0; r < repeat; r++) {
    gc?.();
    const cpu = process.cpuUsage();
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  rows.push({
    dataset,
    step,
    answers,
    ms: times[Math.floor(times.length / 2)]!,
    cpuMs: cpuTimes[Math.floor(cpuTimes.length / 2)]!,
    ...(repeat > 1 ? { best: times[0] } : {}),
    iterations: result.iterations > 0 ? `${result.iterations}${result.converged ? '' : ' (limit)'}` : '',
    accuracy: score(result),
  });
  return result;
}

function sharedPath(relative: string): string {
  const base = process.env.QUORUM_SHARED ?? fileURLToPath(new URL('../../../shared/', import.meta.url));
  const path = `${base.replace(/\/$/, '')}/${relative}`;
  if (!existsSync(path)) throw new Error(`shared data not found: ${path} (set QUORUM_SHARED)`);
  return path;
}

const percent = (value: number) => `${(value * 100).toFixed(2)} %`;

// --- 1. the 1M-label synthetic crowd, in memory ----------------------------------------------------
{
  const started = performance.now();
  const { data, truth } = syntheticCrowd(ONE_MILLION);
  rows.push({ dataset: 'synthetic 1M', step: 'generate (typed arrays)', answers: data.count, ms: performance.now() - started });
  const score = (result: ClassificationResult) => {
    let correct = 0;
    for (let t = 0; t < truth.length; t++) if (result.labels[t] === truth[t]) correct++;
    return percent(correct / truth.length);
  };
  for (const method of ['mv', 'ds', 'gt-ds', 'ds1', 'wawa'] as const) {
    measure('synthetic 1M', method, data.count, () => aggregateCategorical(data, method), score, 3);
  }
  rows.push({ dataset: 'synthetic 1M', step: 'peak RSS of this process so far', answers: data.count, ms: NaN, rssMB: process.resourceUsage().maxRSS / 1024 });
}

// --- 2. every method on s4_Relevance -------------------------------------------------------------
{
  const answersPath = sharedPath('datasets/truth-inference/s4_Relevance.answers.csv');
  const truthPath = sharedPath('datasets/truth-inference/s4_Relevance.truth.csv');
  const started = performance.now();
  const data: CategoricalData = await encodeAnswersCsv(createReadStream(answersPath));
  rows.push({ dataset: 's4_Relevance', step: 'read CSV + encode', answers: data.count, ms: performance.now() - started });
  const truth = new Map<string, string>();
  for await (const row of readCsv(createReadStream(truthPath), ['task', 'label'])) truth.set(row.task, row.label);
  // wmv learns weights from every fifth truth task (as the accuracy test does) and is scored on all.
  const gold = new Map([...truth].filter((_, index) => index % 5 === 0));
  for (const method of CATEGORICAL_METHODS) {
    measure(
      's4_Relevance',
      method === 'wmv' ? 'wmv (gold: 1/5 of truth)' : method,
      data.count,
      () => aggregateCategorical(data, method as CategoricalMethod, method === 'wmv' ? { gold } : {}),
      (result) => percent(scoreAgainstTruth(data, result.labels, truth).accuracy),
    );
  }
}

// --- 4. pairwise: Bradley-Terry and NoisyBT --------------------------------------------------------------
{
  let state = 12345;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296);
  const items = 2000;
  const workers = 200;
  const comparisons = 500_000;
  const strength = Float64Array.from({ length: items }, () => 3 * (random() * 2 - 1));
  const data: WorkerPairwiseData = {
    items: Array.from({ length: items }, (_, i) => `item-${i}`),
    workers: Array.from({ length: workers }, (_, w) => `worker-${w}`),
    a: new Int32Array(comparisons),
    b: new Int32Array(comparisons),
    outcome: new Uint8Array(comparisons),
    worker: new Int32Array(comparisons),
    count: comparisons,
  };
  for (let c = 0; c < comparisons; c++) {
    const i = Math.floor(random() * items);
    let j = Math.floor(random() * (items - 1));
    if (j >= i) j++;
    const w = Math.floor(random() * workers);
    const clicker = w % 5 === 0;
    const aWins = clicker && random() < 0.9 ? true : random() < 1 / (1 + Math.exp(strength[j]! - strength[i]!));
    data.a[c] = i;
    data.b[c] = j;
    data.worker[c] = w;
    data.outcome[c] = aWins ? 0 : 1;
  }
  const ordered = (scores: Float64Array) => {
    let right = 0;
    for (let k = 0; k < 20_000; k++) {
      const i = Math.floor(random() * items);
      const j = Math.floor(random() * items);
      if (i !== j && (scores[i]! - scores[j]!) * (strength[i]! - strength[j]!) > 0) right++;
      else if (i === j) k--;
    }
    return percent(right / 20_000);
  };
  for (const [step, run] of [['Bradley-Terry (MM)', () => bradleyTerry(data)], ['NoisyBT (EM)', () => noisyBradleyTerry(data)]] as const) {
    gc?.();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = run();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    rows.push({ dataset: 'pairwise 500k', step, answers: comparisons, ms, cpuMs: (used.user + used.system) / 1000, iterations: `${result.iterations}${result.converged ? '' : ' (limit)'}`, accuracy: `${ordered(result.scores)} pairs` });
  }
}

// --- 5. free text: medoid per task ---------------------------------------------------------------------
{
  let state = 99;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296);
  const words = ['the', 'cat', 'sat', 'on', 'a', 'mat', 'dog', 'ran', 'to', 'red', 'house', 'quickly'];
  const textAnswers: { task: string; worker: string; text: string }[] = [];
  for (let t = 0; t < 20_000; t++) {
    const base = Array.from({ length: 8 }, () => words[Math.floor(random() * words.length)]).join(' ');
    for (let w = 0; w < 10; w++) textAnswers.push({ task: `t${t}`, worker: `w${w}`, text: [...base].map((c) => (random() < 0.05 ? 'x' : c)).join('') });
  }
  gc?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = aggregateText(textAnswers);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const meanConfidence = result.reduce((sum, r) => sum + r.confidence, 0) / result.length;
  rows.push({ dataset: 'text 20k × 10', step: 'medoid (normalised edit distance)', answers: textAnswers.length, ms, cpuMs: (used.user + used.system) / 1000, accuracy: `mean agreement ${meanConfidence.toFixed(3)}` });
}

// --- 3. `quorum aggregate` in a child process on generated CSV files ---------------------------------
const cliBin = join(repoRoot, 'packages/cli/bin/quorum.js');
if (!existsSync(join(repoRoot, 'packages/cli/dist/main.js'))) throw new Error('packages/cli/dist is missing: run `npm run build` first');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
// Without /usr/bin/time the child reports its own peak RSS as it exits.
const rssProbe = `data:text/javascript,process.on('exit',()=>process.stderr.write('peak-rss-kb '+process.resourceUsage().maxRSS+'\\n'))`;

function runCli(dataset: string, step: string, answers: number, args: string[]): string {
  const command = timeBin ? [timeBin, '-v', process.execPath, cliBin, ...args] : [process.execPath, '--import', rssProbe, cliBin, ...args];
  const started = performance.now();
  const child = spawnSync(command[0]!, command.slice(1), { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`${command.join(' ')} exited with ${child.status}:\n${child.stderr}`);
  const rssKb = Number((timeBin ? /Maximum resident set size \(kbytes\): (\d+)/ : /peak-rss-kb (\d+)/).exec(child.stderr)?.[1]);
  const cpuSeconds = timeBin
    ? Number(/User time \(seconds\): ([\d.]+)/.exec(child.stderr)?.[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(child.stderr)?.[1])
    : NaN;
  const accuracy = /accuracy (\d+\.\d+ %)/.exec(child.stdout)?.[1] ?? '';
  const iterations = /; (\d+) iterations?, (converged|stopped)/.exec(child.stdout);
  rows.push({ dataset, step, answers, ms, cpuMs: cpuSeconds * 1000, rssMB: rssKb / 1024, accuracy, iterations: iterations ? `${iterations[1]}${iterations[2] === 'converged' ? '' : ' (limit)'}` : '' });
  return child.stdout;
}

const dir = mkdtempSync(join(tmpdir(), 'quorum-bench-'));
try {
  const big: CrowdSpec = { ...ONE_MILLION, tasks: Number(process.env.QUORUM_BENCH_CLI_TASKS ?? 2_000_000), seed: 10 };
  for (const [name, spec] of [['1M', ONE_MILLION], [`${(big.tasks * big.answersPerTask) / 1e6}M`, big]] as const) {
    const answersPath = join(dir, `answers-${name}.csv`);
    const truthPath = join(dir, `truth-${name}.csv`);
    const started = performance.now();
    await writeSyntheticCsv(spec, answersPath, truthPath);
    const answers = spec.tasks * spec.answersPerTask;
    const megabytes = (statSync(answersPath).size / 2 ** 20).toFixed(0);
    rows.push({ dataset: `CSV ${name} (${megabytes} MB)`, step: 'write synthetic CSV', answers, ms: performance.now() - started });
    for (const method of ['mv', 'ds'] as const) {
      runCli(`CSV ${name} (${megabytes} MB)`, `quorum aggregate --method ${method} --truth`, answers, [
        'aggregate', answersPath, '--method', method, '--truth', truthPath, '--out', join(dir, `labels-${name}-${method}.csv`),
      ]);
    }
    rmSync(answersPath);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// --- report ------------------------------------------------------------------------------------------
const table = rows.map((row) => ({
  dataset: row.dataset,
  step: row.step,
  answers: row.answers.toLocaleString('en-US'),
  'wall ms': Number.isNaN(row.ms) ? '' : row.ms.toFixed(0),
  'best ms': row.best === undefined ? '' : row.best.toFixed(0),
  'CPU ms': row.cpuMs === undefined || Number.isNaN(row.cpuMs) ? '' : row.cpuMs.toFixed(0),
  'answers/s': Number.isNaN(row.ms) ? '' : Math.round(row.answers / (row.ms / 1000)).toLocaleString('en-US'),
  iterations: row.iterations ?? '',
  accuracy: row.accuracy ?? '',
  'peak RSS MB': row.rssMB === undefined ? '' : row.rssMB.toFixed(0),
}));
console.log(`Node ${process.version}, ${gc ? 'GC before each step' : 'no --expose-gc'}; peak RSS of the CLI rows measured by ${timeBin ? '/usr/bin/time -v' : 'process.resourceUsage() in the child'}`);
console.table(table);
