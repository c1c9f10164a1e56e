/**
 * Seeded synthetic crowd for the consolidation benchmarks: the same seed gives the same answers on
 * every machine (Mulberry32, 32-bit integer arithmetic only).
 *
 * - Each task has a true label drawn from a skewed class prior (class k ∝ 0.7^k), so "always answer
 *   the most common class" is a tempting but wrong strategy.
 * - Workers of mixed quality: 55 % reliable (accuracy uniform in [0.75, 0.95]), 25 % noisy
 *   ([0.45, 0.75]), 10 % spammers (uniform random answers), 10 % confusers (accuracy in [0.6, 0.8],
 *   and when wrong they answer the next class, c + 1 mod K, instead of a random wrong one — the
 *   structured error that only a full confusion matrix models).
 * - Each task is answered by `answersPerTask` distinct workers picked uniformly.
 */
import { createWriteStream } from 'node:fs';
import { mulberry32, type CategoricalData } from '../../../packages/consolidate/src/index.js';

export interface CrowdSpec {
  tasks: number;
  answersPerTask: number;
  classes: number;
  workers: number;
  seed: number;
}

/** The benchmark size: 200,000 tasks × 5 answers = 1M labels, 5 classes, 500 workers. */
export const ONE_MILLION: CrowdSpec = { tasks: 200_000, answersPerTask: 5, classes: 5, workers: 500, seed: 6 };

export interface SyntheticCrowd {
  data: CategoricalData;
  /** True label index per task. */
  truth: Int32Array;
}

interface WorkerModel {
  accuracy: Float64Array;
  spammer: Uint8Array;
  confuser: Uint8Array;
}

function workerModel(spec: CrowdSpec, random: () => number): WorkerModel {
  const accuracy = new Float64Array(spec.workers);
  const spammer = new Uint8Array(spec.workers);
  const confuser = new Uint8Array(spec.workers);
  for (let w = 0; w < spec.workers; w++) {
    const kind = random();
    if (kind < 0.55) accuracy[w] = 0.75 + 0.2 * random();
    else if (kind < 0.8) accuracy[w] = 0.45 + 0.3 * random();
    else if (kind < 0.9) {
      spammer[w] = 1;
      accuracy[w] = 1 / spec.classes;
    } else {
      confuser[w] = 1;
      accuracy[w] = 0.6 + 0.2 * random();
    }
  }
  return { accuracy, spammer, confuser };
}

function classSampler(classes: number): (u: number) => number {
  const cumulative = new Float64Array(classes);
  let total = 0;
  for (let k = 0; k < classes; k++) total += 0.7 ** k;
  let sum = 0;
  for (let k = 0; k < classes; k++) cumulative[k] = (sum += 0.7 ** k / total);
  return (u) => {
    let k = 0;
    while (k < classes - 1 && u >= cumulative[k]) k++;
    return k;
  };
}

type Emit = (task: number, worker: number, label: number) => void;

/**
 * A generator of the crowd task by task: `next(emit)` calls `emit(task, worker, label)` for each
 * answer of the next task and returns false when every task is done. Shared by the in-memory and
 * the CSV generators so both describe the same crowd; the truth fills in as tasks are generated.
 */
function crowdGenerator(spec: CrowdSpec): { truth: Int32Array; next(emit: Emit): boolean } {
  const random = mulberry32(spec.seed);
  const model = workerModel(spec, random);
  const sampleClass = classSampler(spec.classes);
  const K = spec.classes;
  const truth = new Int32Array(spec.tasks);
  const chosen = new Int32Array(spec.answersPerTask);
  let t = 0;
  const next = (emit: Emit): boolean => {
    if (t === spec.tasks) return false;
    const trueLabel = sampleClass(random());
    truth[t] = trueLabel;
    for (let j = 0; j < spec.answersPerTask; j++) {
      let w: number;
      do w = Math.floor(random() * spec.workers);
      while (chosen.subarray(0, j).includes(w));
      chosen[j] = w;
      let answer: number;
      if (model.spammer[w]) answer = Math.floor(random() * K);
      else if (random() < model.accuracy[w]) answer = trueLabel;
      else if (model.confuser[w]) answer = (trueLabel + 1) % K;
      else {
        const wrong = Math.floor(random() * (K - 1));
        answer = wrong >= trueLabel ? wrong + 1 : wrong;
      }
      emit(t, w, answer);
    }
    t++;
    return true;
  };
  return { truth, next };
}

const taskId = (t: number) => `task-${String(t).padStart(8, '0')}`;
const workerId = (w: number) => `worker-${String(w).padStart(4, '0')}`;
const labelId = (k: number) => String(k + 1);

/** The crowd straight into typed arrays (ids as the CSV writes them). */
export function syntheticCrowd(spec: CrowdSpec): SyntheticCrowd {
  const count = spec.tasks * spec.answersPerTask;
  const task = new Int32Array(count);
  const worker = new Int32Array(count);
  const label = new Int32Array(count);
  let i = 0;
  const emit: Emit = (t, w, k) => {
    task[i] = t;
    worker[i] = w;
    label[i] = k;
    i++;
  };
  const { truth, next } = crowdGenerator(spec);
  while (next(emit));
  const data: CategoricalData = {
    tasks: Array.from({ length: spec.tasks }, (_, t) => taskId(t)),
    workers: Array.from({ length: spec.workers }, (_, w) => workerId(w)),
    labels: Array.from({ length: spec.classes }, (_, k) => labelId(k)),
    task,
    worker,
    label,
    count,
  };
  return { data, truth };
}

/** Writes the crowd as `task,worker,label` CSV and its truth as `task,label` CSV, streaming. */
export async function writeSyntheticCsv(spec: CrowdSpec, answersPath: string, truthPath: string): Promise<void> {
  const write = async (path: string, pieces: () => Generator<string>) => {
    const out = createWriteStream(path);
    for (const piece of pieces()) {
      if (!out.write(piece)) await new Promise<void>((done) => out.once('drain', () => done()));
    }
    await new Promise<void>((done) => out.end(() => done()));
  };
  const { truth, next } = crowdGenerator(spec);
  await write(answersPath, function* () {
    let text = 'task,worker,label\n';
    const emit: Emit = (t, w, k) => (text += `${taskId(t)},${workerId(w)},${labelId(k)}\n`);
    while (next(emit)) {
      if (text.length >= 1 << 20) {
        yield text;
        text = '';
      }
    }
    yield text;
  });
  await write(truthPath, function* () {
    let text = 'task,label\n';
    for (let t = 0; t < truth.length; t++) {
      text += `${taskId(t)},${labelId(truth[t])}\n`;
      if (text.length >= 1 << 20) {
        yield text;
        text = '';
      }
    }
    yield text;
  });
}
