/**
 * Reads the JavaScript literals Ground Truth templates write into attributes
 * (`categories="['a', 'b']"`, `exclusion-category="{ text: 'None' }"`, `labels='["x"]'`): JSON plus
 * single-quoted strings, unquoted keys, trailing commas and comments. It evaluates nothing.
 */

/** A value {@link parseJsLiteral} returns. */
export type LiteralValue = string | number | boolean | null | LiteralValue[] | { [key: string]: LiteralValue };

/** A literal that could not be read; `offset` is where in the input the problem is. */
export class LiteralError extends SyntaxError {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'LiteralError';
    this.offset = offset;
  }
}

const MAX_DEPTH = 128;

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };

class Reader {
  position = 0;

  constructor(private readonly text: string) {}

  skipSpace(): void {
    for (;;) {
      const rest = this.text.slice(this.position);
      const space = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
      if (!space) return;
      this.position += space[0].length;
    }
  }

  fail(what: string): never {
    const found = this.position >= this.text.length ? 'the end' : JSON.stringify(this.text[this.position]);
    throw new LiteralError(`expected ${what}, found ${found} at offset ${this.position}`, this.position);
  }

  value(depth: number): LiteralValue {
    if (depth > MAX_DEPTH) throw new LiteralError(`nested deeper than ${MAX_DEPTH} levels`, this.position);
    this.skipSpace();
    const char = this.text[this.position];
    if (char === '[') return this.array(depth);
    if (char === '{') return this.object(depth);
    if (char === '"' || char === "'") return this.string();
    const word = /^(?:true|false|null)\b/.exec(this.text.slice(this.position));
    if (word) {
      this.position += word[0].length;
      return word[0] === 'null' ? null : word[0] === 'true';
    }
    const number = /^[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)/.exec(this.text.slice(this.position));
    if (number) {
      this.position += number[0].length;
      return Number(number[0]);
    }
    return this.fail('a string, number, array, object, true, false or null');
  }

  string(): string {
    const quote = this.text[this.position];
    let result = '';
    this.position++;
    while (this.position < this.text.length) {
      const char = this.text[this.position++]!;
      if (char === quote) return result;
      if (char !== '\\') {
        result += char;
        continue;
      }
      const escaped = this.text[this.position++];
      if (escaped === undefined) break;
      if (escaped === 'u') {
        const hex = /^[0-9a-fA-F]{4}/.exec(this.text.slice(this.position));
        if (!hex) this.fail('four hex digits after \\u');
        result += String.fromCharCode(parseInt(hex[0], 16));
        this.position += 4;
      } else if (escaped === '\n') {
        // A line continuation adds nothing.
      } else {
        result += ESCAPES[escaped] ?? escaped;
      }
    }
    throw new LiteralError(`unterminated string`, this.text.length);
  }

  array(depth: number): LiteralValue[] {
    const items: LiteralValue[] = [];
    this.position++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.position] === ']') {
        this.position++;
        return items;
      }
      items.push(this.value(depth + 1));
      this.skipSpace();
      if (this.text[this.position] === ',') this.position++;
      else if (this.text[this.position] !== ']') this.fail('"," or "]"');
    }
  }

  object(depth: number): { [key: string]: LiteralValue } {
    const result: { [key: string]: LiteralValue } = {};
    this.position++;
    for (;;) {
      this.skipSpace();
      if (this.text[this.position] === '}') {
        this.position++;
        return result;
      }
      let key: string;
      const char = this.text[this.position];
      if (char === '"' || char === "'") {
        key = this.string();
      } else {
        const name = /^[A-Za-z_$][\w$-]*|^\d+/.exec(this.text.slice(this.position));
        if (!name) this.fail('a property name');
        key = name[0];
        this.position += key.length;
      }
      this.skipSpace();
      if (this.text[this.position] !== ':') this.fail('":"');
      this.position++;
      // defineProperty: a key named "__proto__" stays an ordinary key.
      Object.defineProperty(result, key, { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
      this.skipSpace();
      if (this.text[this.position] === ',') this.position++;
      else if (this.text[this.position] !== '}') this.fail('"," or "}"');
    }
  }
}

/**
 * Parses exactly one JSON or JavaScript literal (array, object, string, number, boolean, null).
 * @throws {LiteralError} with the offset of the problem.
 */
export function parseJsLiteral(text: string): LiteralValue {
  const reader = new Reader(text);
  const value = reader.value(0);
  reader.skipSpace();
  if (reader.position < text.length) reader.fail('the end of the literal');
  return value;
}

/**
 * Parses a literal that must be an array of strings, as `categories` and `labels` are. Numbers
 * become strings (`[1, 2]` → `['1', '2']`), as Ground Truth shows them.
 * @throws {LiteralError} when it is anything else.
 */
export function parseStringList(text: string): string[] {
  const value = parseJsLiteral(text);
  if (!Array.isArray(value)) throw new LiteralError(`expected an array such as ['a', 'b']`, 0);
  return value.map((item, index) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number') return String(item);
    throw new LiteralError(`item ${index} must be a string, not ${item === null ? 'null' : typeof item}`, 0);
  });
}
