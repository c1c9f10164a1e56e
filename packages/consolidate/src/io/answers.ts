import { CategoricalEncoder, type CategoricalData, type EncodeOptions } from '../encode.js';
import { CsvColumns, CsvError, CsvParser } from './csv.js';
import { JsonLinesError, LineSplitter, parseLine } from './jsonl.js';
import { textChunks, type TextSource } from './text-source.js';

/** Options of the answer-file encoders: how to encode, and how to name and report bad records. */
export interface AnswerFileOptions extends EncodeOptions {
  /** Name of the file or stream, used in error messages (`answers.csv:12: …`). */
  sourceName?: string;
  /**
   * Called for a bad record (wrong field count, empty or missing task/worker/label, a label outside
   * `labels`, a line that is not JSON), which is then skipped. Without it the first bad record
   * throws. A bad CSV header or broken quoting always throws: the rest of the file cannot be trusted.
   */
  onError?: (error: CsvError | JsonLinesError) => void;
}

const ANSWER_COLUMNS = ['task', 'worker', 'label'] as const;

/**
 * Reads `task,worker,label` CSV (header line first, other columns ignored; RFC 4180 quoting) straight
 * into {@link CategoricalData}. Chunks are parsed synchronously and each record goes to the encoder
 * without a row object, so a file of tens of millions of answers streams in at a few hundred
 * thousand lines per chunk and only the id tables and the typed columns stay in memory.
 */
export async function encodeAnswersCsv(source: TextSource, options: AnswerFileOptions = {}): Promise<CategoricalData> {
  const encoder = new CategoricalEncoder(options);
  const columns = new CsvColumns(ANSWER_COLUMNS, options);
  const parser = new CsvParser(options.sourceName);
  const onRecord = (fields: string[], line: number): void => {
    if (!columns.accept(fields, line)) return;
    const positions = columns.positions;
    const label = fields[positions[2]];
    addAnswer(encoder, fields[positions[0]], fields[positions[1]], label, () => new CsvError(unknownLabel(encoder, label), line, options.sourceName), options);
  };
  for await (const chunk of textChunks(source)) parser.push(chunk, onRecord);
  parser.end(onRecord);
  columns.finish();
  return encoder.finish();
}

/**
 * Reads JSON Lines answers — one object per line with `task`, `worker` and `label`, each a string
 * or a number (numbers become their decimal text) — straight into {@link CategoricalData}. Blank
 * lines are skipped; other properties are ignored.
 */
export async function encodeAnswersJsonLines(source: TextSource, options: AnswerFileOptions = {}): Promise<CategoricalData> {
  const encoder = new CategoricalEncoder(options);
  const splitter = new LineSplitter();
  const fail = (message: string, line: number): void => {
    const error = new JsonLinesError(message, line, options.sourceName);
    if (!options.onError) throw error;
    options.onError(error);
  };
  const onLine = (text: string, line: number): void => {
    const parsed = parseLine(text, line, options);
    if (!parsed) return;
    const value = parsed.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(`expected an object {"task", "worker", "label"}, found ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`, line);
      return;
    }
    const record = value as Record<string, unknown>;
    const ids: string[] = [];
    for (const name of ANSWER_COLUMNS) {
      const id = record[name];
      if (typeof id === 'string' && id !== '') ids.push(id);
      else if (typeof id === 'number' && Number.isFinite(id)) ids.push(String(id));
      else {
        fail(`"${name}" must be a non-empty string or a number, found ${id === undefined ? 'nothing' : JSON.stringify(id)}`, line);
        return;
      }
    }
    addAnswer(encoder, ids[0], ids[1], ids[2], () => new JsonLinesError(unknownLabel(encoder, ids[2]), line, options.sourceName), options);
  };
  for await (const chunk of textChunks(source)) splitter.push(chunk, onLine);
  splitter.end(onLine);
  return encoder.finish();
}

function addAnswer(
  encoder: CategoricalEncoder,
  task: string,
  worker: string,
  label: string,
  labelError: () => CsvError | JsonLinesError,
  options: AnswerFileOptions,
): void {
  if (encoder.hasLabel(label)) {
    encoder.add(task, worker, label);
    return;
  }
  const error = labelError();
  if (!options.onError) throw error;
  options.onError(error);
}

function unknownLabel(encoder: CategoricalEncoder, label: string): string {
  return `label "${label}" is not one of the labels ${JSON.stringify(encoder.labelIds)}`;
}
