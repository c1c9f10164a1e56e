import type { AnswerRow } from '../encode.js';
import { textChunks, type TextSource } from './text-source.js';

/** A malformed CSV record or header; `line` is 1-based, counted in the source text. */
export class CsvError extends Error {
  override name = 'CsvError';
  constructor(
    message: string,
    readonly line: number,
    readonly source?: string,
  ) {
    super(`${source ? `${source}:` : 'line '}${line}: ${message}`);
  }
}

/** One parsed record with the 1-based line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

export interface CsvOptions {
  /** Name of the file or stream, used in error messages (`answers.csv:12: …`). */
  sourceName?: string;
  /**
   * Called for a malformed data record, which is then skipped. Without it the first malformed record
   * throws. Header errors and broken quoting always throw: the rest of the file cannot be trusted.
   */
  onError?: (error: CsvError) => void;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Streams RFC 4180 CSV records: comma separator, fields optionally in double quotes (a quote inside
 * is doubled), records ending in LF, CRLF or CR, line breaks allowed inside quoted fields, a leading
 * UTF-8 BOM ignored, blank lines skipped. Chunks may split a record, a quoted field or a CRLF anywhere.
 */
export async function* parseCsv(source: TextSource, options: Pick<CsvOptions, 'sourceName'> = {}): AsyncGenerator<CsvRecord> {
  const fail = (message: string, line: number) => new CsvError(message, line, options.sourceName);
  let fields: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let afterQuote = false; // just read a quote inside a quoted field: either "" or the closing quote
  let wasQuoted = false; // current field was quoted (so text after its closing quote is an error)
  let pendingCr = false;
  let line = 1;
  let recordLine = 1;
  let first = true;

  const endRecord = (): CsvRecord | undefined => {
    fields.push(field);
    const record = fields.length === 1 && fields[0] === '' && !wasQuoted ? undefined : { fields, line: recordLine };
    fields = [];
    field = '';
    wasQuoted = false;
    return record;
  };

  for await (let chunk of textChunks(source)) {
    if (first) {
      first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let start = 0; // start of the unconsumed plain text of the current field in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (pendingCr) {
        pendingCr = false;
        if (code === LF) {
          start = i + 1;
          continue;
        }
      }
      if (quoted) {
        if (afterQuote) {
          afterQuote = false;
          if (code === QUOTE) {
            field += '"';
            start = i + 1;
            continue;
          }
          quoted = false; // the previous quote closed the field; fall through to the unquoted rules
        } else {
          if (code === QUOTE) {
            field += chunk.slice(start, i);
            afterQuote = true;
            start = i + 1;
          } else if (code === LF) {
            line++;
          }
          continue;
        }
      }
      if (code === COMMA) {
        if (!wasQuoted) field += chunk.slice(start, i);
        fields.push(field);
        field = '';
        wasQuoted = false;
        start = i + 1;
      } else if (code === LF || code === CR) {
        if (!wasQuoted) field += chunk.slice(start, i);
        const record = endRecord();
        line++;
        recordLine = line;
        if (code === CR) pendingCr = true;
        start = i + 1;
        if (record) yield record;
      } else if (code === QUOTE) {
        if (wasQuoted || field !== '' || i > start) throw fail('a quote may only start a field; quote the whole field and double inner quotes', line);
        quoted = true;
        wasQuoted = true;
        start = i + 1;
      } else if (wasQuoted) {
        throw fail(`unexpected text after the closing quote of field ${fields.length + 1}`, line);
      }
    }
    if (quoted && !afterQuote) field += chunk.slice(start);
    else if (!quoted && !wasQuoted) field += chunk.slice(start);
  }
  if (quoted && !afterQuote) throw fail('a quoted field is not closed before the end of the input', recordLine);
  const record = endRecord();
  if (record) yield record;
}

/** A data record keyed by the requested column names, with its line. */
export type CsvRow<Column extends string> = { [name in Column]: string } & { line: number };

/**
 * Reads a CSV file with a header line and yields, per data record, the requested columns by name.
 * The header must contain every requested column (any order, other columns ignored); a record must
 * have as many fields as the header and a non-empty value in each requested column.
 */
export async function* readCsv<Column extends string>(
  source: TextSource,
  columns: readonly Column[],
  options: CsvOptions = {},
): AsyncGenerator<CsvRow<Column>> {
  let header: string[] | undefined;
  let positions: number[] = [];
  for await (const record of parseCsv(source, options)) {
    if (!header) {
      header = record.fields.map((name) => name.trim());
      const missing = columns.filter((column) => !header!.includes(column));
      if (missing.length > 0) {
        throw new CsvError(
          `the header must name the columns ${columns.join(', ')}; missing ${missing.join(', ')} in "${record.fields.join(',')}"`,
          record.line,
          options.sourceName,
        );
      }
      positions = columns.map((column) => header!.indexOf(column));
      continue;
    }
    let message: string | undefined;
    if (record.fields.length !== header.length) {
      message = `expected ${header.length} fields (${header.join(',')}), found ${record.fields.length}`;
    } else {
      const empty = columns.find((_, index) => record.fields[positions[index]] === '');
      if (empty !== undefined) message = `column ${empty} is empty`;
    }
    if (message !== undefined) {
      const error = new CsvError(message, record.line, options.sourceName);
      if (!options.onError) throw error;
      options.onError(error);
      continue;
    }
    const row = { line: record.line } as CsvRow<Column>;
    columns.forEach((column, index) => ((row as Record<string, string | number>)[column] = record.fields[positions[index]]));
    yield row;
  }
  if (!header) throw new CsvError('the input is empty; expected a header line', 1, options.sourceName);
}

/** Streams `task,worker,label` answer rows (the truth-inference dataset format) with their lines. */
export function readAnswersCsv(source: TextSource, options?: CsvOptions): AsyncGenerator<AnswerRow & { line: number }> {
  return readCsv(source, ['task', 'worker', 'label'] as const, options);
}
