import { aggregateCategorical, type AggregateOptions, type CategoricalMethod } from '../classification/methods.js';
import type { ClassificationResult } from '../classification/types.js';
import type { CategoricalData } from '../encode.js';

/** One worker's multi-select answer to one task (`crowd-classifier-multi-select`, `crowd-image-classifier-multi-select`). */
export interface MultiLabelAnswer {
  task: string;
  worker: string;
  labels: readonly string[];
}

export interface BinaryRelevanceOptions extends AggregateOptions {
  /**
   * The categorical method run on each label's yes/no data: a short name of `aggregateCategorical`
   * (default `mv`; `ds` for Dawid-Skene) or any function from {@link CategoricalData} to a result.
   */
  method?: CategoricalMethod | ((data: CategoricalData) => ClassificationResult);
  /**
   * The job's categories: fixes the label order, and an answer naming another label is an error.
   * Default: every label seen, sorted by code point.
   */
  labels?: readonly string[];
}

/** An answer set aside: its index in the input, task, worker and why. */
export interface MultiLabelError {
  index: number;
  task: string;
  worker: string;
  message: string;
}

export interface BinaryRelevanceResult {
  /** Task ids by task index (first-seen order). */
  tasks: string[];
  /** Label ids by label index. */
  labels: string[];
  /** `selected[t * L + l]` is 1 when task `t` gets label `l`. */
  selected: Uint8Array;
  /** `probability[t * L + l]`: the method's posterior that label `l` applies to task `t`. */
  probability: Float64Array;
  /** The method's confidence in its yes/no decision, `T × L`. */
  confidence: Float64Array;
  /** The method's result per label (yes/no data: label index 0 = no, 1 = yes). */
  perLabel: ClassificationResult[];
  errors: MultiLabelError[];
}

const NO_YES = ['no', 'yes'];

/**
 * Binary relevance (Tsoumakas & Katakis, "Multi-label classification: an overview", IJDWM 3(3), 2007;
 * for crowd answers e.g. Duan, Oyama, Sato & Kurihara, "Separate or joint? Estimation of multiple labels
 * from crowdsourced annotations", Expert Systems with Applications 41(13), 2014): every label becomes
 * its own yes/no question — a worker who answered a task says "yes" to the labels they selected and
 * "no" to all others — and the chosen categorical method consolidates each question independently.
 * A task's consolidated labels are those whose question came out "yes".
 *
 * The yes/no data are `CategoricalData` with labels `['no', 'yes']` sharing one task and worker
 * encoding, so ties go to "no" (the methods break ties toward the lowest label index): a label
 * needs more support than opposition. A label repeated within an answer counts once. An answer
 * without a `labels` array, with a non-string label or with a label outside `options.labels` is
 * reported and left out entirely, since dropping only the bad label would turn it into a "no".
 */
export function binaryRelevance(answers: Iterable<MultiLabelAnswer>, options: BinaryRelevanceOptions = {}): BinaryRelevanceResult {
  const errors: MultiLabelError[] = [];
  const taskIndex = new Map<string, number>();
  const workerIndex = new Map<string, number>();
  const tasks: string[] = [];
  const workers: string[] = [];
  const fixed = options.labels !== undefined;
  const labelSet = new Set<string>(options.labels ?? []);
  if (fixed && labelSet.size !== options.labels!.length) throw new RangeError(`labels has duplicates: ${JSON.stringify(options.labels)}`);
  const rowTask: number[] = [];
  const rowWorker: number[] = [];
  const rowLabels: string[][] = [];
  let index = 0;
  for (const answer of answers) {
    const i = index++;
    const task = typeof answer?.task === 'string' ? answer.task : '';
    const worker = typeof answer?.worker === 'string' ? answer.worker : '';
    const fail = (message: string): void => {
      errors.push({ index: i, task, worker, message });
    };
    if (!task || !worker) {
      fail('task and worker must be non-empty strings');
      continue;
    }
    const chosen = answer.labels;
    if (!Array.isArray(chosen)) {
      fail('the answer has no labels array');
      continue;
    }
    const bad = chosen.findIndex((label) => typeof label !== 'string' || (fixed && !labelSet.has(label)));
    if (bad >= 0) {
      fail(`labels[${bad}] ${JSON.stringify(chosen[bad])} is not ${fixed ? `one of ${JSON.stringify(options.labels)}` : 'a string'}`);
      continue;
    }
    if (!fixed) for (const label of chosen) labelSet.add(label);
    let t = taskIndex.get(task);
    if (t === undefined) taskIndex.set(task, (t = tasks.push(task) - 1));
    let w = workerIndex.get(worker);
    if (w === undefined) workerIndex.set(worker, (w = workers.push(worker) - 1));
    rowTask.push(t);
    rowWorker.push(w);
    rowLabels.push([...new Set(chosen)]);
  }

  const labels = fixed ? [...options.labels!] : [...labelSet].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const labelIndex = new Map(labels.map((label, l) => [label, l]));
  const count = rowTask.length;
  const task = Int32Array.from(rowTask);
  const worker = Int32Array.from(rowWorker);
  const L = labels.length;
  // yes[r * L + l] = 1 when answer r selected label l.
  const yes = new Uint8Array(count * L);
  rowLabels.forEach((chosen, r) => {
    for (const label of chosen) yes[r * L + labelIndex.get(label)!] = 1;
  });

  const method = options.method ?? 'mv';
  const run = typeof method === 'function' ? method : (data: CategoricalData) => aggregateCategorical(data, method, options);
  const T = tasks.length;
  const selected = new Uint8Array(T * L);
  const probability = new Float64Array(T * L);
  const confidence = new Float64Array(T * L);
  const perLabel: ClassificationResult[] = [];
  for (let l = 0; l < L; l++) {
    const label = new Int32Array(count);
    for (let r = 0; r < count; r++) label[r] = yes[r * L + l];
    const result = run({ tasks, workers, labels: NO_YES, task, worker, label, count });
    if (result.labels.length !== T || result.posteriors.length !== T * 2) {
      throw new RangeError(`the method returned ${result.labels.length} labels and ${result.posteriors.length} posteriors for ${T} tasks × 2`);
    }
    for (let t = 0; t < T; t++) {
      selected[t * L + l] = result.labels[t] === 1 ? 1 : 0;
      probability[t * L + l] = result.posteriors[t * 2 + 1];
      confidence[t * L + l] = result.confidence[t];
    }
    perLabel.push(result);
  }
  return { tasks, labels, selected, probability, confidence, perLabel, errors };
}

/** The consolidated labels of each task, as ids: task id → the labels selected (in label order). */
export function decodeMultiLabel(result: BinaryRelevanceResult): Map<string, string[]> {
  const L = result.labels.length;
  return new Map(result.tasks.map((task, t) => [task, result.labels.filter((_, l) => result.selected[t * L + l] === 1)]));
}
