/**
 * Columnar encoding of categorical answers. Every consolidation algorithm reads the same input:
 * three parallel `Int32Array`s (task, worker, label index per answer) plus the id tables that map
 * indices back to ids. The encoder grows its typed arrays by doubling, so a file of tens of
 * millions of answers never becomes an array of row objects.
 */

/** Answers in columnar form. `task[i]`, `worker[i]`, `label[i]` describe answer `i < count`. */
export interface CategoricalData {
  /** Task ids by task index (first-seen order). */
  tasks: string[];
  /** Worker ids by worker index (first-seen order). */
  workers: string[];
  /** Label ids by label index: the fixed order given in `labels`, otherwise sorted (see {@link EncodeOptions.labels}). */
  labels: string[];
  task: Int32Array;
  worker: Int32Array;
  label: Int32Array;
  /** Number of answers; the arrays may be longer (spare capacity) and only `[0, count)` is meaningful. */
  count: number;
}

/** One answer row, as read from a `task,worker,label` CSV file or a payload. */
export interface AnswerRow {
  task: string;
  worker: string;
  label: string;
}

/**
 * What to do when the same worker answered the same task more than once. The truth-inference
 * datasets contain such repeats (mostly exact duplicate rows).
 * - `keep` (default): every row is one vote, so a repeated answer weighs twice. This is what most
 *   published loaders do when they read the raw files.
 * - `first` / `last`: keep one answer per (task, worker), the first or the last row in input order.
 */
export type DuplicatePolicy = 'keep' | 'first' | 'last';

export interface EncodeOptions {
  /**
   * Fixed label order (e.g. the job's `labelCategories`). A row whose label is not listed throws.
   * Without it, labels are collected from the rows and sorted — numerically when every label is a
   * number, otherwise by code point — so the label order (and with it every "lowest label index"
   * tie-break) does not depend on row order.
   */
  labels?: readonly string[];
  /** Repeated (task, worker) pairs; default `keep`. See {@link DuplicatePolicy}. */
  duplicates?: DuplicatePolicy;
}

const INITIAL_CAPACITY = 1024;

/**
 * Incremental encoder: `add` rows one at a time (from a stream, a payload, a generator), then
 * `finish`. Ids are interned in `Map`s; the answer columns are typed arrays that double when full.
 */
export class CategoricalEncoder {
  private readonly taskIndex = new Map<string, number>();
  private readonly workerIndex = new Map<string, number>();
  private readonly labelIndex = new Map<string, number>();
  private readonly tasks: string[] = [];
  private readonly workers: string[] = [];
  private readonly labels: string[] = [];
  private readonly fixedLabels: boolean;
  private task = new Int32Array(INITIAL_CAPACITY);
  private worker = new Int32Array(INITIAL_CAPACITY);
  private label = new Int32Array(INITIAL_CAPACITY);
  private count = 0;
  private finished = false;

  constructor(private readonly options: EncodeOptions = {}) {
    this.fixedLabels = options.labels !== undefined;
    for (const label of options.labels ?? []) {
      if (typeof label !== 'string') throw new TypeError(`labels must be strings, found ${JSON.stringify(label)}`);
      if (this.labelIndex.has(label)) throw new Error(`labels lists "${label}" twice`);
      this.labelIndex.set(label, this.labels.length);
      this.labels.push(label);
    }
  }

  /** Number of answers added so far. */
  get size(): number {
    return this.count;
  }

  /** Adds one answer. Throws when a fixed label order is set and `label` is not in it. */
  add(task: string, worker: string, label: string): void {
    if (this.finished) throw new Error('CategoricalEncoder.add called after finish()');
    let labelId = this.labelIndex.get(label);
    if (labelId === undefined) {
      if (this.fixedLabels) {
        throw new RangeError(
          `answer ${this.count} (task "${task}", worker "${worker}"): label "${label}" is not one of ${JSON.stringify(this.labels)}`,
        );
      }
      labelId = this.labels.length;
      this.labelIndex.set(label, labelId);
      this.labels.push(label);
    }
    let taskId = this.taskIndex.get(task);
    if (taskId === undefined) {
      taskId = this.tasks.length;
      this.taskIndex.set(task, taskId);
      this.tasks.push(task);
    }
    let workerId = this.workerIndex.get(worker);
    if (workerId === undefined) {
      workerId = this.workers.length;
      this.workerIndex.set(worker, workerId);
      this.workers.push(worker);
    }
    if (this.count === this.task.length) this.grow();
    this.task[this.count] = taskId;
    this.worker[this.count] = workerId;
    this.label[this.count] = labelId;
    this.count++;
  }

  /** Ends encoding: applies the duplicate policy and the label order, and trims the arrays. */
  finish(): CategoricalData {
    if (this.finished) throw new Error('CategoricalEncoder.finish called twice');
    this.finished = true;
    let { task, worker, label, count } = this;
    let labels = this.labels;
    if (!this.fixedLabels) {
      const order = sortedLabelOrder(labels);
      if (order.some((from, to) => from !== to)) {
        const remap = new Int32Array(labels.length);
        order.forEach((from, to) => (remap[from] = to));
        for (let i = 0; i < count; i++) label[i] = remap[label[i]];
        labels = order.map((from) => this.labels[from]);
      }
    }
    const policy = this.options.duplicates ?? 'keep';
    if (policy !== 'keep') {
      const keep = duplicateMask(task, worker, count, this.tasks.length, this.workers.length, policy);
      let kept = 0;
      for (let i = 0; i < count; i++) {
        if (keep[i]) {
          task[kept] = task[i];
          worker[kept] = worker[i];
          label[kept] = label[i];
          kept++;
        }
      }
      count = kept;
    }
    task = task.slice(0, count);
    worker = worker.slice(0, count);
    label = label.slice(0, count);
    return { tasks: this.tasks, workers: this.workers, labels, task, worker, label, count };
  }

  private grow(): void {
    const capacity = this.task.length * 2;
    const grown = (from: Int32Array) => {
      const to = new Int32Array(capacity);
      to.set(from);
      return to;
    };
    this.task = grown(this.task);
    this.worker = grown(this.worker);
    this.label = grown(this.label);
  }
}

/**
 * Encodes answer rows into {@link CategoricalData}. Repeated (task, worker) pairs are kept as
 * separate votes unless `options.duplicates` says otherwise.
 */
export function encodeAnswers(rows: Iterable<AnswerRow>, options?: EncodeOptions): CategoricalData {
  const encoder = new CategoricalEncoder(options);
  for (const row of rows) encoder.add(row.task, row.worker, row.label);
  return encoder.finish();
}

/** Like {@link encodeAnswers} for an async source, e.g. {@link readAnswersCsv} over a file stream. */
export async function encodeAnswersAsync(
  rows: AsyncIterable<AnswerRow> | Iterable<AnswerRow>,
  options?: EncodeOptions,
): Promise<CategoricalData> {
  const encoder = new CategoricalEncoder(options);
  for await (const row of rows) encoder.add(row.task, row.worker, row.label);
  return encoder.finish();
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Permutation `order[newIndex] = oldIndex` that sorts labels numerically when all are numbers, else by code point. */
function sortedLabelOrder(labels: readonly string[]): number[] {
  const order = labels.map((_, index) => index);
  if (labels.every((label) => NUMBER.test(label))) {
    order.sort((a, b) => Number(labels[a]) - Number(labels[b]) || compareCodePoints(labels[a], labels[b]));
  } else {
    order.sort((a, b) => compareCodePoints(labels[a], labels[b]));
  }
  return order;
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Marks the answers to keep under a `first`/`last` policy in O(answers + tasks + workers): answers are
 * bucketed by task (a stable counting sort), and a per-worker stamp finds repeats within a task.
 */
function duplicateMask(
  task: Int32Array,
  worker: Int32Array,
  count: number,
  taskCount: number,
  workerCount: number,
  policy: 'first' | 'last',
): Uint8Array {
  const offsets = new Int32Array(taskCount + 1);
  for (let i = 0; i < count; i++) offsets[task[i] + 1]++;
  for (let t = 0; t < taskCount; t++) offsets[t + 1] += offsets[t];
  const byTask = new Int32Array(count);
  const cursor = offsets.slice(0, taskCount);
  for (let i = 0; i < count; i++) byTask[cursor[task[i]]++] = i;

  const keep = new Uint8Array(count);
  const stampTask = new Int32Array(workerCount).fill(-1);
  const stampAnswer = new Int32Array(workerCount);
  for (let t = 0; t < taskCount; t++) {
    for (let j = offsets[t]; j < offsets[t + 1]; j++) {
      const i = byTask[j];
      const w = worker[i];
      if (stampTask[w] !== t) {
        stampTask[w] = t;
        stampAnswer[w] = i;
        keep[i] = 1;
      } else if (policy === 'last') {
        keep[stampAnswer[w]] = 0;
        stampAnswer[w] = i;
        keep[i] = 1;
      }
    }
  }
  return keep;
}
