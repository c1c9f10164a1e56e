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
 * Streams a JSON Lines text (one JSON value per line, LF or CRLF, as Ground Truth manifests are).
 * Blank lines are skipped; line numbers count every line, so an error points at the line in an editor.
 */
export async function* readJsonLines(source: TextSource, options: JsonLinesOptions = {}): AsyncGenerator<JsonLine> {
  let rest = '';
  let line = 0;
  let first = true;
  for await (let chunk of textChunks(source)) {
    if (first) {
      first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    rest += chunk;
    let start = 0;
    let newline: number;
    while ((newline = rest.indexOf('\n', start)) !== -1) {
      line++;
      const parsed = parseLine(rest.slice(start, newline), line, options);
      start = newline + 1;
      if (parsed) yield parsed;
    }
    rest = rest.slice(start);
  }
  if (rest !== '') {
    const parsed = parseLine(rest, line + 1, options);
    if (parsed) yield parsed;
  }
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

function parseLine(text: string, line: number, options: JsonLinesOptions): JsonLine | undefined {
  const content = text.endsWith('\r') ? text.slice(0, -1) : text;
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
