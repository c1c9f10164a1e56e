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

/** Receives one parsed record: its fields and the 1-based line it starts on. */
export type CsvRecordHandler = (fields: string[], line: number) => void;

/**
 * Incremental RFC 4180 parser: `push` chunks of text in order, then `end`. Records are handed to a
 * callback synchronously, so a caller that only needs a few fields per record (the answer encoder)
 * pays no promise or object per record. Rules as in {@link parseCsv}.
 */
export class CsvParser {
  private fields: string[] = [];
  private field = '';
  private quoted = false; // inside a quoted field
  private afterQuote = false; // just read a quote inside a quoted field: either "" or the closing quote
  private wasQuoted = false; // current field was quoted (so text after its closing quote is an error)
  private pendingCr = false;
  private line = 1;
  private recordLine = 1;
  private first = true;

  constructor(private readonly sourceName?: string) {}

  /** Parses the next chunk of text; complete records go to `onRecord`. Throws a {@link CsvError} for broken quoting. */
  push(text: string, onRecord: CsvRecordHandler): void {
    let chunk = text;
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let { field, quoted, afterQuote, wasQuoted, pendingCr, line } = this;
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
        this.fields.push(field);
        field = '';
        wasQuoted = false;
        start = i + 1;
      } else if (code === LF || code === CR) {
        if (!wasQuoted) field += chunk.slice(start, i);
        const fields = this.fields;
        fields.push(field);
        const recordLine = this.recordLine;
        const blank = fields.length === 1 && field === '' && !wasQuoted;
        this.fields = [];
        field = '';
        wasQuoted = false;
        line++;
        this.recordLine = line;
        if (code === CR) pendingCr = true;
        start = i + 1;
        if (!blank) {
          // Saved first: the handler may throw, and the parser must stay consistent for the caller.
          Object.assign(this, { field, quoted, afterQuote, wasQuoted, pendingCr, line });
          onRecord(fields, recordLine);
        }
      } else if (code === QUOTE) {
        if (wasQuoted || field !== '' || i > start) throw this.fail('a quote may only start a field; quote the whole field and double inner quotes', line);
        quoted = true;
        wasQuoted = true;
        start = i + 1;
      } else if (wasQuoted) {
        throw this.fail(`unexpected text after the closing quote of field ${this.fields.length + 1}`, line);
      }
    }
    if (quoted && !afterQuote) field += chunk.slice(start);
    else if (!quoted && !wasQuoted) field += chunk.slice(start);
    Object.assign(this, { field, quoted, afterQuote, wasQuoted, pendingCr, line });
  }

  /** Ends the input: emits a last record without a line break, or throws if a quoted field is still open. */
  end(onRecord: CsvRecordHandler): void {
    if (this.quoted && !this.afterQuote) throw this.fail('a quoted field is not closed before the end of the input', this.recordLine);
    const fields = this.fields;
    fields.push(this.field);
    this.fields = [];
    this.field = '';
    const blank = fields.length === 1 && fields[0] === '' && !this.wasQuoted;
    this.wasQuoted = false;
    if (!blank) onRecord(fields, this.recordLine);
  }

  private fail(message: string, line: number): CsvError {
    return new CsvError(message, line, this.sourceName);
  }
}

/**
 * Streams RFC 4180 CSV records: comma separator, fields optionally in double quotes (a quote inside
 * is doubled), records ending in LF, CRLF or CR, line breaks allowed inside quoted fields, a leading
 * UTF-8 BOM ignored, blank lines skipped. Chunks may split a record, a quoted field or a CRLF anywhere.
 */
export async function* parseCsv(source: TextSource, options: Pick<CsvOptions, 'sourceName'> = {}): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(options.sourceName);
  let batch: CsvRecord[] = [];
  const collect: CsvRecordHandler = (fields, line) => batch.push({ fields, line });
  for await (const chunk of textChunks(source)) {
    let failure: unknown;
    try {
      parser.push(chunk, collect);
    } catch (error) {
      failure = error;
    }
    // Records before a broken one still reach the consumer before the error.
    const records = batch;
    batch = [];
    yield* records;
    if (failure !== undefined) throw failure;
  }
  parser.end(collect);
  yield* batch;
}

/** A data record keyed by the requested column names, with its line. */
export type CsvRow<Column extends string> = { [name in Column]: string } & { line: number };

/**
 * Checks the header and each data record against the requested columns and hands on the requested
 * fields by position: the shared rules of {@link readCsv} and the answer encoders.
 * The header must contain every requested column (any order, other columns ignored); a record must
 * have as many fields as the header and a non-empty value in each requested column.
 */
export class CsvColumns {
  private header: string[] | undefined;
  /** `positions[j]`: index in a record of the j-th requested column. */
  positions: number[] = [];

  constructor(
    private readonly columns: readonly string[],
    private readonly options: CsvOptions,
  ) {}

  /** True once the header line has been read. */
  get hasHeader(): boolean {
    return this.header !== undefined;
  }

  /**
   * Takes the next record. Returns true for a valid data record, false for the header or a record
   * reported to `onError`; throws for a bad header, or a bad record without `onError`.
   */
  accept(fields: string[], line: number): boolean {
    const header = this.header;
    if (!header) {
      const names = fields.map((name) => name.trim());
      const missing = this.columns.filter((column) => !names.includes(column));
      if (missing.length > 0) {
        throw new CsvError(
          `the header must name the columns ${this.columns.join(', ')}; missing ${missing.join(', ')} in "${fields.join(',')}"`,
          line,
          this.options.sourceName,
        );
      }
      this.header = names;
      this.positions = this.columns.map((column) => names.indexOf(column));
      return false;
    }
    let message: string | undefined;
    if (fields.length !== header.length) {
      message = `expected ${header.length} fields (${header.join(',')}), found ${fields.length}`;
    } else {
      const empty = this.positions.findIndex((position) => fields[position] === '');
      if (empty !== -1) message = `column ${this.columns[empty]} is empty`;
    }
    if (message === undefined) return true;
    const error = new CsvError(message, line, this.options.sourceName);
    if (!this.options.onError) throw error;
    this.options.onError(error);
    return false;
  }

  /** Throws if the input ended before a header line. */
  finish(): void {
    if (!this.header) throw new CsvError('the input is empty; expected a header line', 1, this.options.sourceName);
  }
}

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
  const checker = new CsvColumns(columns, options);
  for await (const record of parseCsv(source, options)) {
    if (!checker.accept(record.fields, record.line)) continue;
    const row = { line: record.line } as CsvRow<Column>;
    columns.forEach((column, index) => ((row as Record<string, string | number>)[column] = record.fields[checker.positions[index]]));
    yield row;
  }
  checker.finish();
}

/** Streams `task,worker,label` answer rows (the truth-inference dataset format) with their lines. */
export function readAnswersCsv(source: TextSource, options?: CsvOptions): AsyncGenerator<AnswerRow & { line: number }> {
  return readCsv(source, ['task', 'worker', 'label'] as const, options);
}
