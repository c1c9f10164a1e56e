import { textChunks, type TextSource } from './text-source.js';

/** A line of a JSON Lines file that is not valid JSON; `line` is 1-based. */
export class JsonLinesError extends Error {
  override name = 'JsonLinesError';
  constructor(
    message: string,
    readonly line: number,
    readonly source?: string,
  ) {
    super(`${source ? `${source}:` : 'line '}${line}: ${message}`);
  }
}

/** One parsed line with its 1-based line number. */
export interface JsonLine {
  line: number;
  value: unknown;
}

export interface JsonLinesOptions {
  /** Name of the file or stream, used in error messages (`input.manifest:3: …`). */
  sourceName?: string;
  /** Called for a line that is not valid JSON, which is then skipped; without it the first bad line throws. */
  onError?: (error: JsonLinesError) => void;
}

/**
 * Splits streamed text into lines (LF or CRLF), synchronously per chunk, numbering every line from 1.
 * Only the unfinished last line of a chunk is carried over to the next one.
 */
export class LineSplitter {
  private rest = '';
  private line = 0;
  private first = true;

  /** Hands every complete line of `chunk` (without its line break) to `onLine`. */
  push(chunk: string, onLine: (text: string, line: number) => void): void {
    let text = chunk;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    let newline = text.indexOf('\n');
    if (newline === -1) {
      this.rest += text;
      return;
    }
    // The carried-over start of a line is completed by this chunk's first line.
    const head = this.rest + text.slice(0, newline);
    this.rest = '';
    onLine(stripCr(head), ++this.line);
    start = newline + 1;
    while ((newline = text.indexOf('\n', start)) !== -1) {
      onLine(stripCr(text.slice(start, newline)), ++this.line);
      start = newline + 1;
    }
    this.rest = text.slice(start);
  }

  /** Hands the last line to `onLine` when the text does not end with a line break. */
  end(onLine: (text: string, line: number) => void): void {
    if (this.rest !== '') onLine(stripCr(this.rest), ++this.line);
    this.rest = '';
  }
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/**
 * Streams a JSON Lines text (one JSON value per line, LF or CRLF, as Ground Truth manifests are).
 * Blank lines are skipped; line numbers count every line, so an error points at the line in an editor.
 */
export async function* readJsonLines(source: TextSource, options: JsonLinesOptions = {}): AsyncGenerator<JsonLine> {
  const splitter = new LineSplitter();
  let batch: JsonLine[] = [];
  const collect = (text: string, line: number) => {
    const parsed = parseLine(text, line, options);
    if (parsed) batch.push(parsed);
  };
  for await (const chunk of textChunks(source)) {
    let failure: unknown;
    try {
      splitter.push(chunk, collect);
    } catch (error) {
      failure = error;
    }
    // Lines before a bad one still reach the consumer before the error, as with a line-by-line reader.
    const lines = batch;
    batch = [];
    yield* lines;
    if (failure !== undefined) throw failure;
  }
  splitter.end(collect);
  yield* batch;
}

/** Parses a whole JSON Lines text at once; same rules as {@link readJsonLines}. */
export function parseJsonLines(text: string, options: JsonLinesOptions = {}): JsonLine[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const parsed: JsonLine[] = [];
  lines.forEach((content, index) => {
    const entry = parseLine(content, index + 1, options);
    if (entry) parsed.push(entry);
  });
  return parsed;
}

/** Parses one line (a trailing CR is ignored); a blank line gives undefined, a bad one throws or goes to `onError`. */
export function parseLine(text: string, line: number, options: JsonLinesOptions): JsonLine | undefined {
  const content = stripCr(text);
  if (content.trim() === '') return undefined;
  try {
    return { line, value: JSON.parse(content) };
  } catch (cause) {
    const error = new JsonLinesError(`not valid JSON (${(cause as Error).message})`, line, options.sourceName);
    if (!options.onError) throw error;
    options.onError(error);
    return undefined;
  }
}
