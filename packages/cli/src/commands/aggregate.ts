import { createWriteStream } from 'node:fs';
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import {
  aggregateCategorical,
  CATEGORICAL_METHODS,
  CsvColumns,
  CsvError,
  CsvParser,
  encodeAnswersCsv,
  encodeAnswersJsonLines,
  JsonLinesError,
  textChunks,
  type CategoricalData,
  type CategoricalMethod,
  type DuplicatePolicy,
} from '@quorum/consolidate';
import type { CliIo, Command, OptionValues } from '../command.js';
import { CliError, ExitCode } from '../errors.js';
import { writeOutput } from '../files.js';

/** A record that was skipped, with the file and line it came from. */
export interface RecordProblem {
  file: string;
  line: number;
  message: string;
}

/** How many skipped records are printed on stderr; all of them go to `--errors`. */
const PRINTED_PROBLEMS = 20;
const READ_CHUNK = 1 << 20;

/**
 * Problems found while reading the inputs of a command. Each is printed (up to a limit, then a
 * count) and, with `--errors`, written in full as JSON, so every skipped record is accounted for.
 */
export class ProblemLog {
  readonly problems: RecordProblem[] = [];

  /** Records a skipped CSV or JSON Lines record from `file`. */
  add(file: string, error: CsvError | JsonLinesError): void {
    const prefix = `${error.source ?? 'line '}${error.source ? ':' : ''}${error.line}: `;
    const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    this.problems.push({ file, line: error.line, message });
  }

  /** Prints the problems on stderr and writes them to `errorsPath` when given. */
  async report(io: CliIo, errorsPath: string | undefined): Promise<void> {
    const { problems } = this;
    for (const problem of problems.slice(0, PRINTED_PROBLEMS)) io.stderr.write(`${problem.file}:${problem.line}: ${problem.message}\n`);
    if (problems.length > PRINTED_PROBLEMS) {
      io.stderr.write(`… and ${problems.length - PRINTED_PROBLEMS} more${errorsPath ? ` (all in ${errorsPath})` : ' (give --errors <file> to list all)'}\n`);
    }
    if (problems.length > 0) io.stderr.write(`${problems.length} record${problems.length === 1 ? ' was' : 's were'} skipped\n`);
    if (errorsPath) await writeOutput(errorsPath, `${JSON.stringify(problems, null, 2)}\n`, io.stdout);
  }
}

/**
 * A one-line progress display on stderr, drawn only when stderr is a terminal (so logs and pipes
 * never receive carriage returns) and at most every 200 ms.
 */
export class Progress {
  private readonly enabled: boolean;
  private last = 0;
  private shown = false;

  constructor(private readonly io: CliIo) {
    this.enabled = (io.stderr as { isTTY?: boolean }).isTTY === true;
  }

  /** Shows `text`, unless the previous update is less than 200 ms old (`force` draws anyway). */
  update(text: string, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 200) return;
    this.last = now;
    this.shown = true;
    this.io.stderr.write(`\r\x1b[K${text}`);
  }

  /** Removes the progress line. */
  clear(): void {
    if (!this.enabled || !this.shown) return;
    this.io.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}

/**
 * Streams a file's bytes, reporting the share read so far. One buffer is reused for every chunk:
 * each consumer decodes a chunk into text before asking for the next, so no chunk is needed after
 * that, and a large file does not leave hundreds of megabytes of spent read buffers waiting for the
 * garbage collector (a stream allocates a fresh buffer per chunk).
 */
async function* fileChunks(path: string, progress: Progress, label: string): AsyncGenerator<Uint8Array> {
  let size = 0;
  let handle: FileHandle;
  try {
    size = (await stat(path)).size;
    handle = await open(path, 'r');
  } catch (error) {
    throw openError(path, label, error);
  }
  let read = 0;
  const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  progress.update(`reading ${path} 0 %`, true);
  const buffer = new Uint8Array(READ_CHUNK);
  try {
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
      } catch (error) {
        throw openError(path, label, error);
      }
      if (bytesRead === 0) break;
      read += bytesRead;
      progress.update(`reading ${path} ${size > 0 ? Math.floor((read / size) * 100) : 100} % (${megabytes(read)} of ${megabytes(size)})`);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

function openError(path: string, label: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CliError(`${label} file not found: ${path}`);
  if (code === 'EISDIR') return new CliError(`${label} must be a file, but ${path} is a directory`);
  return new CliError(`cannot read ${label} file ${path}: ${(error as Error).message}`);
}

/** `csv` or `jsonl`, from `--format` or the file name. */
function answerFormat(path: string, format: string | undefined): 'csv' | 'jsonl' {
  const chosen = format ?? { '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' }[extname(path).toLowerCase()];
  if (chosen === 'csv' || chosen === 'jsonl') return chosen;
  if (format !== undefined) throw new CliError(`--format must be csv or jsonl, not "${format}"`);
  throw new CliError(`cannot tell the format of ${path} from its name: give --format csv or --format jsonl`);
}

/** Options shared by the commands that read answer files. */
export const answerFileOptions = {
  format: { type: 'string' },
  labels: { type: 'string' },
  duplicates: { type: 'string' },
  errors: { type: 'string' },
} as const;

export const answerFileUsage = [
  '  --format csv|jsonl        format of the answers (default: from the extension .csv, .jsonl, .ndjson)',
  '  --labels <a,b,…>          the allowed labels in order (default: as seen, sorted; numerically if all',
  '                            are numbers). A row with another label is skipped and reported',
  '  --duplicates keep|first|last  repeated answers of one worker to one task: keep all as votes',
  '                            (default), or only the first or last',
  '  --errors <file>           also write every skipped record as a JSON array {file, line, message}',
];

/**
 * Reads `task,worker,label` answers (CSV with a header, or JSON Lines objects) from `path` into
 * columnar data without holding the file's text: bad records go to `problems`; a bad header,
 * broken quoting or an unreadable file throw a CliError naming the file and line.
 */
export async function readAnswerFile(path: string, values: OptionValues, problems: ProblemLog, progress: Progress, keepIndex = false): Promise<CategoricalData> {
  const format = answerFormat(path, values.format as string | undefined);
  const duplicates = (values.duplicates as string | undefined) ?? 'keep';
  if (!['keep', 'first', 'last'].includes(duplicates)) throw new CliError(`--duplicates must be keep, first or last, not "${duplicates}"`);
  const labels = (values.labels as string | undefined)?.split(',').map((label) => label.trim());
  const options = {
    sourceName: path,
    duplicates: duplicates as DuplicatePolicy,
    keepIndex,
    ...(labels ? { labels } : {}),
    onError: (error: CsvError | JsonLinesError) => problems.add(path, error),
  };
  try {
    const source = fileChunks(path, progress, 'answers');
    const data = format === 'csv' ? await encodeAnswersCsv(source, options) : await encodeAnswersJsonLines(source, options);
    if (data.count === 0) throw new CliError(`${path}: no answers to aggregate${problems.problems.length ? ' (every record was skipped, see above)' : ''}`);
    return data;
  } catch (error) {
    if (error instanceof CsvError || error instanceof JsonLinesError) throw new CliError(error.message);
    if (error instanceof TypeError && /encoded data was not valid/.test(error.message)) throw new CliError(`${path}: the file is not valid UTF-8 text`);
    throw error;
  } finally {
    progress.clear();
  }
}

/**
 * Streams a CSV file with a header naming `columns`, handing each valid record's values (in the
 * order of `columns`) to `onRow` synchronously; bad records go to `problems`.
 */
async function readColumns(
  path: string,
  columns: readonly string[],
  role: string,
  problems: ProblemLog,
  progress: Progress,
  onRow: (values: string[], line: number) => void,
): Promise<void> {
  const checker = new CsvColumns(columns, { sourceName: path, onError: (error) => problems.add(path, error) });
  const parser = new CsvParser(path);
  const onRecord = (fields: string[], line: number) => {
    if (checker.accept(fields, line)) onRow(checker.positions.map((position) => fields[position]!), line);
  };
  try {
    for await (const chunk of textChunks(fileChunks(path, progress, role))) parser.push(chunk, onRecord);
    parser.end(onRecord);
    checker.finish();
  } catch (error) {
    if (error instanceof CsvError) throw new CliError(error.message);
    if (error instanceof TypeError && /encoded data was not valid/.test(error.message)) throw new CliError(`${path}: the file is not valid UTF-8 text`);
    throw error;
  } finally {
    progress.clear();
  }
}

/** Reads a two-column CSV into a map; a key listed again with another value is a problem (the first value is kept). */
async function readPairs(path: string, columns: readonly [string, string], role: string, problems: ProblemLog, progress: Progress): Promise<Map<string, string>> {
  const pairs = new Map<string, string>();
  const [keyColumn, valueColumn] = columns;
  await readColumns(path, columns, role, problems, progress, ([key, value], line) => {
    const previous = pairs.get(key!);
    if (previous === undefined) pairs.set(key!, value!);
    else if (previous !== value) {
      problems.problems.push({ file: path, line, message: `${keyColumn} "${key}" is listed again with ${valueColumn} "${value}" (was "${previous}"); the first is used` });
    }
  });
  return pairs;
}

/** Accuracy of `labels` against a truth CSV, streamed: true labels are kept per task index, not as a map of ids. */
async function scoreTruthFile(
  path: string,
  data: CategoricalData,
  labels: Int32Array,
  problems: ProblemLog,
  progress: Progress,
): Promise<{ evaluated: number; correct: number; unanswered: number }> {
  const NOT_A_LABEL = -2;
  const truth = new Int32Array(data.tasks.length).fill(-1);
  const labelIndex = new Map(data.labels.map((label, k) => [label, k]));
  const taskIndex = data.taskIndex ?? new Map(data.tasks.map((task, t) => [task, t]));
  let unanswered = 0;
  await readColumns(path, ['task', 'label'], 'truth', problems, progress, ([task, label], line) => {
    const t = taskIndex.get(task!);
    if (t === undefined) {
      unanswered++;
      return;
    }
    const k = labelIndex.get(label!) ?? NOT_A_LABEL;
    if (truth[t] === -1) truth[t] = k;
    else if (truth[t] !== k) problems.problems.push({ file: path, line, message: `task "${task}" is listed again with another label, "${label}"; the first is used` });
  });
  let evaluated = 0;
  let correct = 0;
  for (let t = 0; t < truth.length; t++) {
    if (truth[t] === -1) continue;
    evaluated++;
    if (labels[t] >= 0 && labels[t] === truth[t]) correct++;
  }
  return { evaluated, correct, unanswered };
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes text pieces to a file or standard output, waiting whenever the stream's buffer is full. */
async function writeStreamed(path: string | undefined, stdout: NodeJS.WritableStream, pieces: Iterable<string>): Promise<void> {
  let stream: NodeJS.WritableStream = stdout;
  let failure: Error | undefined;
  if (path) {
    try {
      await mkdir(dirname(resolve(path)), { recursive: true });
    } catch (error) {
      throw new CliError(`cannot write ${path}: ${(error as Error).message}`);
    }
    stream = createWriteStream(resolve(path));
  }
  const onError = (error: Error) => (failure = error);
  stream.on('error', onError);
  try {
    for (const piece of pieces) {
      if (failure) break;
      if (!stream.write(piece)) {
        await new Promise<void>((done) => {
          const finish = () => {
            stream.off('drain', finish);
            stream.off('error', finish);
            done();
          };
          stream.once('drain', finish);
          stream.once('error', finish);
        });
      }
    }
    if (path && !failure) await new Promise<void>((done) => stream.end(done));
  } finally {
    stream.off('error', onError);
  }
  if (failure) throw new CliError(`cannot write ${path ?? 'standard output'}: ${failure.message}`);
}

/** The labels as CSV `task,label,confidence`, in pieces of about 1 MB. */
function* labelsCsv(data: CategoricalData, labels: Int32Array, confidence: Float64Array): Generator<string> {
  let text = 'task,label,confidence\n';
  for (let t = 0; t < data.tasks.length; t++) {
    const label = labels[t] < 0 ? '' : csvField(data.labels[labels[t]]);
    text += `${csvField(data.tasks[t])},${label},${Math.round(confidence[t] * 1e6) / 1e6}\n`;
    if (text.length >= 1 << 20) {
      yield text;
      text = '';
    }
  }
  yield text;
}

const methodNames: Record<CategoricalMethod, string> = {
  mv: 'majority vote',
  wmv: 'weighted majority vote',
  ds: 'Dawid-Skene',
  ds1: 'one-coin Dawid-Skene',
  'gt-ds': 'Ground Truth\'s Dawid-Skene',
  glad: 'GLAD',
  mace: 'MACE',
  wawa: 'Wawa',
  zbs: 'zero-based skill',
};

export const aggregateCommand: Command = {
  name: 'aggregate',
  summary: 'consolidate task,worker,label answers (CSV or JSON Lines) into one label per task',
  usage: [
    `Usage: quorum aggregate <answers.csv|answers.jsonl> --method <${CATEGORICAL_METHODS.join('|')}>`,
    '                        [--truth truth.csv] [--out labels.csv]',
    '',
    'Reads answers — CSV with a header naming task, worker and label (other columns ignored), or JSON',
    'Lines objects {"task", "worker", "label"} — as a stream, consolidates them and writes CSV',
    'task,label,confidence (confidence to 6 decimal places). Records that cannot be read are reported',
    'on stderr with file:line and skipped; the exit code is then 1.',
    '',
    'Methods: mv majority vote · wmv weighted majority vote (needs --weights or --gold) · ds Dawid-Skene',
    '· ds1 one-coin Dawid-Skene · gt-ds Ground Truth\'s Dawid-Skene · glad GLAD · mace MACE · wawa Wawa',
    '· zbs zero-based skill (see the @quorum/consolidate README for each one\'s defaults).',
    '',
    'Options:',
    '  --method <name>           the consolidation method (required)',
    '  --truth <file>            CSV task,label of known labels: prints the accuracy on the tasks that',
    '                            have one, and their count',
    '  --out <file>              write the labels here (default: standard output; the summary then goes',
    '                            to stderr)',
    '  --weights <file>          wmv: CSV worker,weight (workers not listed weigh 1)',
    '  --gold <file>             wmv: CSV task,label of gold tasks, from which worker weights are learned',
    '  --seed <n>                seed of MACE\'s random restarts',
    ...answerFileUsage,
  ].join('\n'),
  options: {
    method: { type: 'string', short: 'm' },
    truth: { type: 'string', short: 't' },
    out: { type: 'string', short: 'o' },
    weights: { type: 'string' },
    gold: { type: 'string' },
    seed: { type: 'string' },
    ...answerFileOptions,
  },
  required: ['method'],
  operands: { name: 'answers file', min: 1, max: 1 },
  async run(values, positionals, io) {
    const [answersPath] = positionals as [string];
    const method = values.method as CategoricalMethod;
    if (!CATEGORICAL_METHODS.includes(method)) throw new CliError(`--method must be one of ${CATEGORICAL_METHODS.join(', ')}; got "${method}"`);
    if (method === 'wmv' && !values.weights === !values.gold) throw new CliError('--method wmv needs --weights <file> or --gold <file> (one of them)');
    if (method !== 'wmv' && (values.weights || values.gold)) throw new CliError('--weights and --gold are options of --method wmv');
    let seed: number | undefined;
    if (values.seed !== undefined) {
      seed = Number(values.seed);
      if (!Number.isInteger(seed)) throw new CliError(`--seed must be an integer, not "${String(values.seed)}"`);
    }
    const problems = new ProblemLog();
    const progress = new Progress(io);
    const data = await readAnswerFile(answersPath, values, problems, progress, values.truth !== undefined);

    let weights: Map<string, number> | undefined;
    if (values.weights) {
      const weightsPath = values.weights as string;
      weights = new Map();
      const rows = await readPairs(weightsPath, ['worker', 'weight'], 'weights', problems, progress);
      for (const [worker, text] of rows) {
        const weight = Number(text);
        if (!Number.isFinite(weight) || weight < 0 || text.trim() === '') {
          throw new CliError(`${weightsPath}: the weight of worker "${worker}" must be a number ≥ 0, not "${text}"`);
        }
        weights.set(worker, weight);
      }
    }
    const gold = values.gold ? await readPairs(values.gold as string, ['task', 'label'], 'gold', problems, progress) : undefined;

    progress.update(`${method}: fitting ${data.count} answers…`, true);
    const started = performance.now();
    let result;
    try {
      result = aggregateCategorical(data, method, { ...(weights ? { weights } : {}), ...(gold ? { gold } : {}), ...(seed !== undefined ? { seed } : {}) });
    } catch (error) {
      if (error instanceof RangeError) throw new CliError(error.message);
      throw error;
    } finally {
      progress.clear();
    }
    const seconds = (performance.now() - started) / 1000;

    const outPath = values.out as string | undefined;
    await writeStreamed(outPath, io.stdout, labelsCsv(data, result.labels, result.confidence));

    const summary = outPath ? io.stdout : io.stderr;
    const fit = result.iterations > 0 ? `; ${result.iterations} iteration${result.iterations === 1 ? '' : 's'}, ${result.converged ? 'converged' : 'stopped at the limit'}` : '';
    summary.write(
      `${method} (${methodNames[method]}): ${data.count} answers, ${data.tasks.length} tasks, ${data.workers.length} workers, ` +
        `${data.labels.length} labels${fit}; fit in ${seconds.toFixed(3)} s${outPath ? `; labels written to ${outPath}` : ''}\n`,
    );
    if (values.truth) {
      const truthPath = values.truth as string;
      const score = await scoreTruthFile(truthPath, data, result.labels, problems, progress);
      const noAnswers = score.unanswered > 0 ? `; ${score.unanswered} truth rows are for tasks without answers` : '';
      if (score.evaluated === 0) {
        summary.write(`accuracy: no task in ${truthPath} has answers${noAnswers}\n`);
      } else {
        summary.write(`accuracy ${((score.correct / score.evaluated) * 100).toFixed(2)} % on ${score.evaluated} tasks with truth (${score.correct} correct)${noAnswers}\n`);
      }
    }
    await problems.report(io, values.errors as string | undefined);
    return problems.problems.length > 0 ? ExitCode.partial : ExitCode.ok;
  },
};
