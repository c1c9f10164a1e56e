/**
 * Columnar encoding of categorical answers. Every consolidation algorithm reads the same input:
 * three parallel `Int32Array`s (task, worker, label index per answer) plus the id tables that map
 * indices back to ids. The encoder interns ids in hash tables over typed arrays and fills growable
 * typed-array columns, so a file of tens of millions of answers never becomes an array of row objects.
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
  taskIndex?: IdLookup;
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


/** Looks ids up by value and lists `[id, index]` pairs: a `Map` satisfies it, and so does {@link IdTable}. */
export interface IdLookup extends Iterable<[string, number]> {
  get(id: string): number | undefined;
  readonly size: number;
}

/**
 * Interns ids: each distinct string gets the next index, and `ids[index]` gives it back. Instead of a
 * `Map` (about 40 bytes per entry on V8, plus a rehash copy at every doubling) it keeps an
 * open-addressing table of `Int32Array` slots (linear probing, at most half full) and each id's
 * 32-bit hash, about 12 bytes per id — on 2M task ids that is ~25 MB instead of ~100 MB. Each new id
 * is stored as its own flat string (see {@link ownString}), never as a slice of a bigger text.
 */
export class IdTable implements IdLookup {
  readonly ids: string[] = [];
  private slots = new Int32Array(1 << 10).fill(-1);
  private hashes = new Int32Array(1 << 9);

  get size(): number {
    return this.ids.length;
  }

  *[Symbol.iterator](): IterableIterator<[string, number]> {
    for (let index = 0; index < this.ids.length; index++) yield [this.ids[index], index];
  }

  /** Index of `id`, or undefined. */
  get(id: string): number | undefined {
    const index = this.find(id, hashOf(id));
    return index < 0 ? undefined : index;
  }

  /** Index of `id`, adding it when new. */
  intern(id: string): number {
    const hash = hashOf(id);
    const found = this.find(id, hash);
    if (found >= 0) return found;
    const index = this.ids.length;
    if (index === this.hashes.length) {
      const grown = new Int32Array(index * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.ids.push(ownString(id));
    this.hashes[index] = hash;
    if ((index + 1) * 2 > this.slots.length) this.grow();
    else this.place(index, hash);
    return index;
  }

  private find(id: string, hash: number): number {
    const { slots, ids } = this;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = slots[slot];
      if (index < 0) return -1;
      if (this.hashes[index] === hash && ids[index] === id) return index;
    }
  }

  private place(index: number, hash: number): void {
    const { slots } = this;
    const mask = slots.length - 1;
    let slot = hash & mask;
    while (slots[slot] >= 0) slot = (slot + 1) & mask;
    slots[slot] = index;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let index = 0; index < this.ids.length; index++) this.place(index, this.hashes[index]);
  }
}

/** FNV-1a over UTF-16 code units, with a final avalanche so linear probing sees well-spread low bits. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash | 0;
}

/**
 * Incremental encoder: `add` rows one at a time (from a stream, a payload, a generator), then
 * `finish`. Task and worker ids are interned in {@link IdTable}s; the answer columns grow in place.
 */
export class CategoricalEncoder {
  private readonly taskTable = new IdTable();
  private readonly workerTable = new IdTable();
  private readonly labelIndex = new Map<string, number>();
  private readonly tasks = this.taskTable.ids;
  private readonly workers = this.workerTable.ids;
  private readonly labels: string[] = [];
  private readonly fixedLabels: boolean;
  // One growable column per field (see Int32Column): grown in place, and finish() copies each to its
  // exact size and releases the growable memory at once, so the peak stays near one copy of the data.
  private readonly taskColumn = new Int32Column();
  private readonly workerColumn = new Int32Column();
  private readonly labelColumn = new Int32Column();
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
    const taskId = this.taskTable.intern(task);
    const workerId = this.workerTable.intern(worker);
    const at = this.count;
    if (at === this.taskColumn.array.length) {
      this.taskColumn.grow();
      this.workerColumn.grow();
      this.labelColumn.grow();
    }
    this.taskColumn.array[at] = taskId;
    this.workerColumn.array[at] = workerId;
    this.labelColumn.array[at] = labelId;
    this.count++;
  }

  /** Ends encoding: applies the duplicate policy and the label order, and trims the arrays. */
  finish(): CategoricalData {
    if (this.finished) throw new Error('CategoricalEncoder.finish called twice');
    this.finished = true;
    let count = this.count;
    let task = this.taskColumn.take(count);
    let worker = this.workerColumn.take(count);
    let label = this.labelColumn.take(count);
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
    return { tasks: this.tasks, workers: this.workers, labels, task, worker, label, count, ...(this.options.keepIndex ? { taskIndex: this.taskTable } : {}) };
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


/** Largest column a resizable buffer may grow to: 2^30 answers (4 GB), reserved as address space only. */
const MAX_COLUMN_BYTES = 2 ** 32;
const INITIAL_COLUMN_LENGTH = 1 << 16;

/**
 * A growable `Int32Array` column. Where the platform has resizable `ArrayBuffer`s (ES2024: Node 20,
 * current browsers) the column grows in place and `take` copies it to an exact-size array and shrinks
 * the buffer to 0 bytes, which returns its memory immediately — a doubling array or a list of blocks
 * instead leaves the old memory to the garbage collector, and on 10M answers that was 120 MB of
 * columns lingering beside their copies. Elsewhere it doubles a plain array. The resizable view is
 * only written during encoding; algorithms get the plain copy (reads through a resizable buffer are
 * slower in V8's optimised code).
 */
class Int32Column {
  array: Int32Array;
  private readonly buffer: (ArrayBuffer & { resize(byteLength: number): void }) | undefined;

  constructor() {
    this.buffer = resizableBuffer(INITIAL_COLUMN_LENGTH * 4);
    this.array = this.buffer ? new Int32Array(this.buffer) : new Int32Array(INITIAL_COLUMN_LENGTH);
  }

  grow(): void {
    const length = this.array.length * 2;
    if (this.buffer) {
      if (length * 4 > MAX_COLUMN_BYTES) throw new RangeError(`more than ${MAX_COLUMN_BYTES / 4} answers do not fit in one column`);
      this.buffer.resize(length * 4); // the view tracks the buffer's length
    } else {
      const grown = new Int32Array(length);
      grown.set(this.array);
      this.array = grown;
    }
  }

  /** The first `count` values as a plain exact-size array; the column is empty afterwards. */
  take(count: number): Int32Array {
    const result = this.buffer || this.array.length !== count ? this.array.slice(0, count) : this.array;
    this.buffer?.resize(0);
    this.array = new Int32Array(0);
    return result;
  }
}

function resizableBuffer(byteLength: number): (ArrayBuffer & { resize(byteLength: number): void }) | undefined {
  if (typeof (ArrayBuffer.prototype as { resize?: unknown }).resize !== 'function') return undefined;
  try {
    const Resizable = ArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => ArrayBuffer & { resize(byteLength: number): void };
    return new Resizable(byteLength, { maxByteLength: MAX_COLUMN_BYTES });
  } catch {
    return undefined; // the platform refused to reserve the address space: fall back to doubling
  }
}

/**
 * A flat copy of `value` that shares no memory with a larger string. Ids cut out of a file chunk are
 * slices that keep the whole chunk alive (V8 slices strings of 13 characters and more); interning
 * them as such would keep the file's text in memory, one chunk per new id. (`(' ' + value).slice(1)`
 * also detaches, but leaves a slice of a one-longer copy: two objects per id instead of one.)
 */
function ownString(value: string): string {
  if (value.length < 13) return value;
  let copy = '';
  for (let k = 0; k < value.length; k += 4096) copy += String.fromCharCode.apply(null, toCodeUnits(value, k, Math.min(value.length, k + 4096)));
  return copy;
}

const codeUnits: number[] = [];
function toCodeUnits(value: string, from: number, to: number): number[] {
  codeUnits.length = to - from;
  for (let k = from; k < to; k++) codeUnits[k - from] = value.charCodeAt(k);
  return codeUnits;
}
