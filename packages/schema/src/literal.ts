/**
 * A safe reader for the JavaScript literals that Ground Truth templates put in attributes:
 * `categories="['Cat', 'Dog',]"`, `exclusion-category="{ text: 'None of the above' }"`,
 * `labels='[{"label": "Car"}]'`. It accepts JSON and the JavaScript literal syntax around it
 * (single quotes, unquoted keys, trailing commas, comments) and nothing that runs code:
 * no identifiers other than `true`, `false` and `null`, no expressions, no `eval`.
 *
 * It lives here, beside the answer contracts, because the elements (reading attributes in the
 * browser) and the template compiler (linting and extracting answer schemas at build time) must
 * read an attribute the same way; both import it from `@quorum/schema`.
 */

/** A value that {@link parseLiteral} can return. */
export type LiteralValue = string | number | boolean | null | LiteralValue[] | { [key: string]: LiteralValue };

/** Deeper nesting than this is refused, so a hostile attribute cannot exhaust the stack. */
const MAX_DEPTH = 256;

/** Raised for malformed input; `offset`, `line` and `column` (1-based) point at the problem. */
export class LiteralSyntaxError extends SyntaxError {
  /** Offset in UTF-16 code units from the start of the input. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** The problem alone, without position or excerpt. */
  readonly reason: string;

  constructor(reason: string, input: string, offset: number, what?: string) {
    const { line, column, excerpt } = locate(input, offset);
    super(`${what ? `${what}: ` : ''}${reason} at line ${line}, column ${column}.\n${excerpt}`);
    this.name = 'LiteralSyntaxError';
    this.reason = reason;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }
}

/** Options of {@link parseLiteral}. */
export interface ParseLiteralOptions {
  /** Names the input in error messages, e.g. `categories of <crowd-classifier name="x">`. */
  what?: string;
}

/**
 * Parses one JavaScript or JSON literal: an array, object, string, number, `true`, `false` or
 * `null`, with whitespace and comments around it.
 *
 * @throws {LiteralSyntaxError} when the input is not exactly one such literal.
 */
export function parseLiteral(input: string, options: ParseLiteralOptions = {}): LiteralValue {
  return new LiteralParser(input, options.what).parseDocument();
}

/**
 * Parses a literal that must be an array of strings, such as a `categories` attribute. Numbers
 * are accepted and turned into strings (`[1, 2]` → `['1', '2']`), because templates write them.
 *
 * @throws {LiteralSyntaxError} when the input is malformed or holds anything else.
 */
export function parseStringArray(input: string, options: ParseLiteralOptions = {}): string[] {
  const parser = new LiteralParser(input, options.what);
  const value = parser.parseDocument();
  if (!Array.isArray(value)) {
    throw new LiteralSyntaxError(`Expected an array such as ['a', 'b'], found ${describeValue(value)}`, input, parser.firstValueOffset, options.what);
  }
  return value.map((item, index) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number') return String(item);
    throw new LiteralSyntaxError(
      `Item ${index} must be a string, found ${describeValue(item)}`,
      input,
      parser.itemOffsets[index] ?? 0,
      options.what,
    );
  });
}

function describeValue(value: LiteralValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function locate(input: string, offset: number): { line: number; column: number; excerpt: string } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < input.length; index++) {
    const char = input[index];
    if (char === '\n' || (char === '\r' && input[index + 1] !== '\n') || char === '\u2028' || char === '\u2029') {
      line++;
      lineStart = index + 1;
    }
  }
  const lineEndMatch = /[\r\n\u2028\u2029]/.exec(input.slice(lineStart));
  const lineText = input.slice(lineStart, lineEndMatch ? lineStart + lineEndMatch.index : input.length);
  const column = offset - lineStart + 1;
  // Long lines are cut to a window around the column so the caret stays readable.
  const windowStart = Math.max(0, column - 41);
  const shown = lineText.slice(windowStart, windowStart + 80);
  const prefix = windowStart > 0 ? '…' : '';
  const caret = ' '.repeat(prefix.length + column - 1 - windowStart) + '^';
  return { line, column, excerpt: `  ${prefix}${shown}\n  ${caret}` };
}

const WHITESPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
const IDENTIFIER_START = /[\p{ID_Start}$_]/u;
const IDENTIFIER_PART = /[\p{ID_Continue}$\u200c\u200d]/u;
const NUMBER = /^[+-]?(?:(?:0[xX][0-9a-fA-F]+)|(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))/;
const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };

class LiteralParser {
  private offset = 0;
  private depth = 0;
  /** Offset of the top-level value, for errors about its type. */
  firstValueOffset = 0;
  /** Offsets of the items of a top-level array, for errors about one item. */
  readonly itemOffsets: number[] = [];

  constructor(
    private readonly input: string,
    private readonly what: string | undefined,
  ) {}

  parseDocument(): LiteralValue {
    this.skipBlank();
    if (this.offset >= this.input.length) this.fail('Expected a value such as [...] or {...}, found nothing');
    this.firstValueOffset = this.offset;
    const value = this.parseValue(true);
    this.skipBlank();
    if (this.offset < this.input.length) this.fail(`Unexpected ${this.describeHere()} after the end of the value`);
    return value;
  }

  private parseValue(topLevel = false): LiteralValue {
    const char = this.input[this.offset];
    if (char === '[') return this.parseArray(topLevel);
    if (char === '{') return this.parseObject();
    if (char === '"' || char === "'") return this.parseString();
    if (char === '`') this.fail('Template literals (`...`) are not supported; use single or double quotes');
    if (char !== undefined && /[0-9.+-]/.test(char)) return this.parseNumber();
    if (char !== undefined && IDENTIFIER_START.test(char)) {
      const start = this.offset;
      const word = this.readIdentifier();
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
      this.offset = start;
      const hint = word === 'undefined' || word === 'NaN' || word === 'Infinity' ? ` (${word} has no JSON form; use null or a number)` : ' (strings need quotes)';
      this.fail(`Unexpected identifier "${word}"${hint}`);
    }
    if (char === undefined) this.fail('Unexpected end of input, expected a value');
    this.fail(`Unexpected ${this.describeHere()}, expected a value`);
  }

  private parseArray(topLevel: boolean): LiteralValue[] {
    this.enter();
    this.offset++;
    const items: LiteralValue[] = [];
    for (;;) {
      this.skipBlank();
      const char = this.input[this.offset];
      if (char === ']') break;
      if (char === undefined) this.fail('Unclosed array, expected "]"');
      if (char === ',') this.fail('Unexpected ",": empty array items are not supported');
      if (topLevel) this.itemOffsets.push(this.offset);
      items.push(this.parseValue());
      this.skipBlank();
      if (this.input[this.offset] === ',') {
        this.offset++;
        continue;
      }
      if (this.input[this.offset] === ']') break;
      this.fail(this.offset >= this.input.length ? 'Unclosed array, expected "]"' : `Unexpected ${this.describeHere()}, expected "," or "]"`);
    }
    this.offset++;
    this.depth--;
    return items;
  }

  private parseObject(): { [key: string]: LiteralValue } {
    this.enter();
    this.offset++;
    const object: { [key: string]: LiteralValue } = {};
    for (;;) {
      this.skipBlank();
      const char = this.input[this.offset];
      if (char === '}') break;
      const key = this.parseKey();
      this.skipBlank();
      if (this.input[this.offset] !== ':') this.fail(`Unexpected ${this.describeHere()}, expected ":" after the key "${key}"`);
      this.offset++;
      this.skipBlank();
      // defineProperty, not assignment: a key named "__proto__" must stay an ordinary key.
      Object.defineProperty(object, key, { value: this.parseValue(), enumerable: true, writable: true, configurable: true });
      this.skipBlank();
      if (this.input[this.offset] === ',') {
        this.offset++;
        continue;
      }
      if (this.input[this.offset] === '}') break;
      this.fail(this.offset >= this.input.length ? 'Unclosed object, expected "}"' : `Unexpected ${this.describeHere()}, expected "," or "}"`);
    }
    this.offset++;
    this.depth--;
    return object;
  }

  private parseKey(): string {
    const char = this.input[this.offset];
    if (char === '"' || char === "'") return this.parseString();
    if (char !== undefined && IDENTIFIER_START.test(char)) return this.readIdentifier();
    if (char !== undefined && /[0-9.]/.test(char)) return String(this.parseNumber());
    if (char === undefined) this.fail('Unclosed object, expected a key or "}"');
    this.fail(`Unexpected ${this.describeHere()}, expected a key or "}"`);
  }

  private parseString(): string {
    const quote = this.input[this.offset];
    const start = this.offset;
    this.offset++;
    let text = '';
    for (;;) {
      const char = this.input[this.offset];
      if (char === undefined) {
        this.offset = start;
        this.fail(`Unterminated string, expected a closing ${quote}`);
      }
      if (char === quote) {
        this.offset++;
        return text;
      }
      if (char === '\n' || char === '\r') this.fail('Line break inside a string; write \\n instead');
      if (char === '\\') {
        text += this.readEscape();
        continue;
      }
      text += char;
      this.offset++;
    }
  }

  private readEscape(): string {
    const escapeStart = this.offset;
    this.offset++;
    const char = this.input[this.offset];
    if (char === undefined) this.fail('Unterminated string, expected a character after "\\"');
    this.offset++;
    if (char in SIMPLE_ESCAPES) {
      if (char === '0' && /[0-9]/.test(this.input[this.offset] ?? '')) {
        this.offset = escapeStart;
        this.fail('Octal escapes are not supported; use \\u');
      }
      return SIMPLE_ESCAPES[char] as string;
    }
    if (char === 'x') return this.readHexEscape(2, escapeStart);
    if (char === 'u') {
      if (this.input[this.offset] === '{') {
        const close = this.input.indexOf('}', this.offset);
        const hex = close < 0 ? '' : this.input.slice(this.offset + 1, close);
        const codePoint = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
        if (!(codePoint <= 0x10ffff)) {
          this.offset = escapeStart;
          this.fail('Invalid \\u{...} escape');
        }
        this.offset = close + 1;
        return String.fromCodePoint(codePoint);
      }
      return this.readHexEscape(4, escapeStart);
    }
    // A backslash before a line break continues the string on the next line, as in JavaScript.
    if (char === '\r' && this.input[this.offset] === '\n') {
      this.offset++;
      return '';
    }
    if (char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029') return '';
    if (/[1-9]/.test(char)) {
      this.offset = escapeStart;
      this.fail('Octal escapes are not supported; use \\u');
    }
    return char;
  }

  private readHexEscape(length: number, escapeStart: number): string {
    const hex = this.input.slice(this.offset, this.offset + length);
    if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) {
      this.offset = escapeStart;
      this.fail(`Invalid escape, expected ${length} hexadecimal digits`);
    }
    this.offset += length;
    return String.fromCharCode(parseInt(hex, 16));
  }

  private parseNumber(): number {
    const match = NUMBER.exec(this.input.slice(this.offset));
    if (!match) this.fail(`Unexpected ${this.describeHere()}, expected a number`);
    const text = match[0];
    const next = this.input[this.offset + text.length];
    if (next !== undefined && (IDENTIFIER_PART.test(next) || next === '.')) {
      this.offset += text.length;
      this.fail(`Unexpected ${this.describeHere()} in a number`);
    }
    this.offset += text.length;
    const unsigned = text.replace(/^[+-]/, '');
    const magnitude = /^0[xX]/.test(unsigned) ? parseInt(unsigned.slice(2), 16) : Number(unsigned);
    return text.startsWith('-') ? -magnitude : magnitude;
  }

  private readIdentifier(): string {
    const start = this.offset;
    this.offset++;
    while (this.offset < this.input.length && IDENTIFIER_PART.test(this.input[this.offset] as string)) this.offset++;
    return this.input.slice(start, this.offset);
  }

  private skipBlank(): void {
    for (;;) {
      const char = this.input[this.offset];
      if (char === undefined) return;
      if (WHITESPACE.test(char)) {
        this.offset++;
      } else if (char === '/' && this.input[this.offset + 1] === '/') {
        while (this.offset < this.input.length && !/[\n\r\u2028\u2029]/.test(this.input[this.offset] as string)) this.offset++;
      } else if (char === '/' && this.input[this.offset + 1] === '*') {
        const end = this.input.indexOf('*/', this.offset + 2);
        if (end < 0) this.fail('Unclosed comment, expected "*/"');
        this.offset = end + 2;
      } else {
        return;
      }
    }
  }

  private enter(): void {
    this.depth++;
    if (this.depth > MAX_DEPTH) this.fail(`Nesting deeper than ${MAX_DEPTH} levels`);
  }

  private describeHere(): string {
    const codePoint = this.input.codePointAt(this.offset);
    if (codePoint === undefined) return 'end of input';
    return JSON.stringify(String.fromCodePoint(codePoint));
  }

  private fail(reason: string): never {
    throw new LiteralSyntaxError(reason, this.input, this.offset, this.what);
  }
}
