/**
 * Columnar encoding of categorical answers. Every consolidation algorithm reads the same input:
 * three parallel `Int32Array`s (task, worker, label index per answer) plus the id tables that map
 * indices back to ids. The encoder fills fixed-size typed-array blocks, so a file of tens of
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
  /** Task id → task index, when encoded with `keepIndex` (saves rebuilding it to look up tasks by id). */
  taskIndex?: ReadonlyMap<string, number>;
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
  /** Keep the encoder's task id → index map in the result as `taskIndex`; default false (it is then freed). */
  keepIndex?: boolean;
}

const BLOCK_SIZE = 1 << 16;

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
  // Answers go into fixed-size blocks rather than one doubling array: finish() then allocates each
  // column at its exact size and frees that column's blocks, so the peak stays near one copy of the data.
  private readonly taskBlocks: Int32Array[] = [];
  private readonly workerBlocks: Int32Array[] = [];
  private readonly labelBlocks: Int32Array[] = [];
  private task = new Int32Array(BLOCK_SIZE);
  private worker = new Int32Array(BLOCK_SIZE);
  private label = new Int32Array(BLOCK_SIZE);
  private used = 0;
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

  /** Whether `add` accepts `label`: always without a fixed label order, otherwise only the listed labels. */
  hasLabel(label: string): boolean {
    return !this.fixedLabels || this.labelIndex.has(label);
  }

  /** The labels seen so far (or the fixed order), in insertion order. */
  get labelIds(): readonly string[] {
    return this.labels;
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
      const id = ownString(label);
      labelId = this.labels.length;
      this.labelIndex.set(id, labelId);
      this.labels.push(id);
    }
    let taskId = this.taskIndex.get(task);
    if (taskId === undefined) {
      const id = ownString(task);
      taskId = this.tasks.length;
      this.taskIndex.set(id, taskId);
      this.tasks.push(id);
    }
    let workerId = this.workerIndex.get(worker);
    if (workerId === undefined) {
      const id = ownString(worker);
      workerId = this.workers.length;
      this.workerIndex.set(id, workerId);
      this.workers.push(id);
    }
    if (this.used === BLOCK_SIZE) this.nextBlock();
    const at = this.used++;
    this.task[at] = taskId;
    this.worker[at] = workerId;
    this.label[at] = labelId;
    this.count++;
  }

  /** Ends encoding: applies the duplicate policy and the label order, and trims the arrays. */
  finish(): CategoricalData {
    if (this.finished) throw new Error('CategoricalEncoder.finish called twice');
    this.finished = true;
    let count = this.count;
    let task = concatBlocks(this.taskBlocks, this.task, this.used, count);
    let worker = concatBlocks(this.workerBlocks, this.worker, this.used, count);
    let label = concatBlocks(this.labelBlocks, this.label, this.used, count);
    this.task = this.worker = this.label = new Int32Array(0);
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
      if (kept < count) {
        task = task.slice(0, kept);
        worker = worker.slice(0, kept);
        label = label.slice(0, kept);
      }
      count = kept;
    }
    return { tasks: this.tasks, workers: this.workers, labels, task, worker, label, count, ...(this.options.keepIndex ? { taskIndex: this.taskIndex } : {}) };
  }

  private nextBlock(): void {
    this.taskBlocks.push(this.task);
    this.workerBlocks.push(this.worker);
    this.labelBlocks.push(this.label);
    this.task = new Int32Array(BLOCK_SIZE);
    this.worker = new Int32Array(BLOCK_SIZE);
    this.label = new Int32Array(BLOCK_SIZE);
    this.used = 0;
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

/** Copies full blocks plus the first `used` entries of the last one into one array, emptying `blocks` as it goes. */
function concatBlocks(blocks: Int32Array[], last: Int32Array, used: number, count: number): Int32Array {
  const all = new Int32Array(count);
  let offset = 0;
  for (let b = 0; b < blocks.length; b++) {
    all.set(blocks[b], offset);
    offset += blocks[b].length;
  }
  blocks.length = 0;
  all.set(last.subarray(0, used), offset);
  return all;
}

/**
 * A copy of `value` that shares no memory with a larger string. Ids cut out of a file chunk are
 * slices that keep the whole chunk alive (V8 slices strings of 13 characters and more); interning
 * them as such would keep the file's text in memory, one chunk per new id.
 */
function ownString(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}
