import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { LiteralSyntaxError, parseLiteral, parseStringArray, type LiteralValue } from './literal.js';

/** The error parseLiteral throws for `input`; fails the test when it does not throw. */
function syntaxError(input: string, parse: (text: string) => unknown = parseLiteral): LiteralSyntaxError {
  try {
    parse(input);
  } catch (error) {
    expect(error).to.be.instanceOf(LiteralSyntaxError);
    expect(error).to.be.instanceOf(SyntaxError);
    return error as LiteralSyntaxError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

/** Writes a value the way a template author might: single quotes, bare keys, trailing commas, comments. */
function toJavaScriptLiteral(value: LiteralValue, style: number): string {
  const space = style % 2 === 0 ? ' ' : '\n  ';
  const trailing = style % 3 === 0 ? ',' : '';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${space}${value.map((item) => toJavaScriptLiteral(item, style + 1)).join(`,${space}`)}${trailing}${space}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{ /* empty */ }';
    const keys = entries.map(([key, item]) => {
      const bareKey = /^[A-Za-z_$][\w$]*$/.test(key) && style % 2 === 0 ? key : quote(key, style);
      return `${bareKey}: ${toJavaScriptLiteral(item, style + 1)}`;
    });
    return `{${space}${keys.join(`,${space}`)}${trailing}${space}}`;
  }
  if (typeof value === 'string') return quote(value, style);
  return String(value);
}

function quote(text: string, style: number): string {
  if (style % 2 === 0) return JSON.stringify(text);
  const escaped = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${escaped}'`;
}

describe('parseLiteral', () => {
  it("reads Ground Truth's categories attribute: single quotes and spaces", () => {
    expect(parseLiteral("['1', '2', '3', '4', '5']")).to.deep.equal(['1', '2', '3', '4', '5']);
  });

  it('reads JSON', () => {
    expect(parseLiteral('{"labels": [{"label": "Car"}, {"label": "Bus"}], "n": 2, "ok": true, "none": null}')).to.deep.equal({
      labels: [{ label: 'Car' }, { label: 'Bus' }],
      n: 2,
      ok: true,
      none: null,
    });
  });

  it('reads double and single quotes mixed, trailing commas and several lines', () => {
    const input = `[
      'Positive',
      "Negative",
      'Neutral', // the rest
      /* a comment */ "N/A",
    ]`;
    expect(parseLiteral(input)).to.deep.equal(['Positive', 'Negative', 'Neutral', 'N/A']);
  });

  it("reads objects with unquoted keys, like exclusion-category=\"{ text: 'None of the above' }\"", () => {
    expect(parseLiteral("{ text: 'None of the above' }")).to.deep.equal({ text: 'None of the above' });
    expect(parseLiteral("[{label: 'Car', color: '#f00',}, {label: 'Bus'},]")).to.deep.equal([
      { label: 'Car', color: '#f00' },
      { label: 'Bus' },
    ]);
  });

  it('reads identifier keys with $, _ and letters beyond ASCII, quoted keys, and number keys', () => {
    expect(parseLiteral("{ café: 1, $x: 2, _y3: 3, 'a b': 4, 5: 'five', 1.5: 'x' }")).to.deep.equal({
      café: 1,
      $x: 2,
      _y3: 3,
      'a b': 4,
      5: 'five',
      '1.5': 'x',
    });
  });

  it('reads numbers: integers, signs, fractions, exponents, leading dots and hexadecimal', () => {
    expect(parseLiteral('[0, -7, +3, 1.5, .25, 5., 1e3, -2.5E-2, 0x1F, -0x10]')).to.deep.equal([0, -7, 3, 1.5, 0.25, 5, 1000, -0.025, 31, -16]);
  });

  it('reads booleans and null, at the top level too', () => {
    expect(parseLiteral('true')).to.equal(true);
    expect(parseLiteral(' false ')).to.equal(false);
    expect(parseLiteral('null')).to.equal(null);
    expect(parseLiteral("'just a string'")).to.equal('just a string');
    expect(parseLiteral('42')).to.equal(42);
  });

  it('reads escapes: \\n \\t \\\\ quotes \\x \\u \\u{…} and line continuations', () => {
    expect(parseLiteral(String.raw`'a\nb\tc\\d\'e\"f'`)).to.equal('a\nb\tc\\d\'e"f');
    expect(parseLiteral(String.raw`"\x41\u00e9\u{1F600}\/\0"`)).to.equal('Aé😀/\0');
    expect(parseLiteral("'one \\\ntwo'")).to.equal('one two');
  });

  it('keeps a "__proto__" key as an ordinary key and pollutes nothing', () => {
    const value = parseLiteral('{"__proto__": {"polluted": true}, constructor: 1}') as Record<string, unknown>;
    expect(Object.keys(value)).to.deep.equal(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    expect(JSON.stringify(value)).to.equal('{"__proto__":{"polluted":true},"constructor":1}');
  });

  it('later duplicate keys win, as in JavaScript', () => {
    expect(parseLiteral("{a: 1, a: 2}")).to.deep.equal({ a: 2 });
  });

  it('reads back any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(parseLiteral(JSON.stringify(value))).to.deep.equal(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });

  it('reads back any value written as a JavaScript literal (quotes, bare keys, trailing commas, comments)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(5), (value, style) => {
        const normalized = JSON.parse(JSON.stringify(value)) as LiteralValue;
        expect(parseLiteral(toJavaScriptLiteral(normalized, style))).to.deep.equal(normalized);
      }),
      { numRuns: 300 },
    );
  });

  it('runs no code: identifiers, calls and template literals are rejected', () => {
    expect(syntaxError('alert(1)').reason).to.equal('Unexpected identifier "alert" (strings need quotes)');
    expect(syntaxError("[window.location]").reason).to.contain('identifier "window"');
    expect(syntaxError('[`${1}`]').reason).to.contain('Template literals');
    expect(syntaxError('[(1)]').reason).to.equal('Unexpected "(", expected a value');
  });
});

describe('parseLiteral errors', () => {
  const cases: { input: string; reason: string; line: number; column: number }[] = [
    { input: "['a', 'b'", reason: 'Unclosed array, expected "]"', line: 1, column: 10 },
    { input: "['a' 'b']", reason: 'Unexpected "\'", expected "," or "]"', line: 1, column: 6 },
    { input: "['a', b]", reason: 'Unexpected identifier "b" (strings need quotes)', line: 1, column: 7 },
    { input: '"abc', reason: 'Unterminated string, expected a closing "', line: 1, column: 1 },
    { input: "['a\nb']", reason: 'Line break inside a string; write \\n instead', line: 1, column: 4 },
    { input: '[1,,2]', reason: 'Unexpected ",": empty array items are not supported', line: 1, column: 4 },
    { input: '{a 1}', reason: 'Unexpected "1", expected ":" after the key "a"', line: 1, column: 4 },
    { input: '{a: 1', reason: 'Unclosed object, expected "}"', line: 1, column: 6 },
    { input: '{,}', reason: 'Unexpected ",", expected a key or "}"', line: 1, column: 2 },
    { input: '[1] x', reason: 'Unexpected "x" after the end of the value', line: 1, column: 5 },
    { input: '', reason: 'Expected a value such as [...] or {...}, found nothing', line: 1, column: 1 },
    { input: '   ', reason: 'Expected a value such as [...] or {...}, found nothing', line: 1, column: 4 },
    { input: '[undefined]', reason: 'Unexpected identifier "undefined" (undefined has no JSON form; use null or a number)', line: 1, column: 2 },
    { input: '[NaN]', reason: 'Unexpected identifier "NaN" (NaN has no JSON form; use null or a number)', line: 1, column: 2 },
    { input: '[1.2.3]', reason: 'Unexpected "." in a number', line: 1, column: 5 },
    { input: '[12abc]', reason: 'Unexpected "a" in a number', line: 1, column: 4 },
    { input: '[-]', reason: 'Unexpected "-", expected a number', line: 1, column: 2 },
    { input: "'\\x4'", reason: 'Invalid escape, expected 2 hexadecimal digits', line: 1, column: 2 },
    { input: "'\\u12'", reason: 'Invalid escape, expected 4 hexadecimal digits', line: 1, column: 2 },
    { input: "'\\u{110000}'", reason: 'Invalid \\u{...} escape', line: 1, column: 2 },
    { input: "'\\01'", reason: 'Octal escapes are not supported; use \\u', line: 1, column: 2 },
    { input: '[1 /* open', reason: 'Unclosed comment, expected "*/"', line: 1, column: 4 },
    { input: "[\n  'a',\n  b\n]", reason: 'Unexpected identifier "b" (strings need quotes)', line: 3, column: 3 },
    { input: "[\r\n'a',\r\n'b' 'c']", reason: 'Unexpected "\'", expected "," or "]"', line: 3, column: 5 },
    { input: '[😀]', reason: 'Unexpected "😀", expected a value', line: 1, column: 2 },
  ];
  for (const { input, reason, line, column } of cases) {
    it(`rejects ${JSON.stringify(input)}: ${reason} (${line}:${column})`, () => {
      const error = syntaxError(input);
      expect(error.reason).to.equal(reason);
      expect([error.line, error.column]).to.deep.equal([line, column]);
      expect(error.message).to.contain(`at line ${line}, column ${column}`);
    });
  }

  it('points at the problem with a caret under an excerpt of the line', () => {
    const error = syntaxError("['cat', 'dog' 'bird']");
    expect(error.message.split('\n').slice(1)).to.deep.equal(["  ['cat', 'dog' 'bird']", '                ^']);
    expect(error.offset).to.equal(14);
  });

  it('keeps the caret readable on very long lines', () => {
    const input = `[${"'x', ".repeat(100)}oops]`;
    const [, excerpt, caret] = syntaxError(input).message.split('\n') as [string, string, string];
    expect(excerpt.length).to.be.lessThan(90);
    expect(excerpt[caret.indexOf('^')]).to.equal('o');
  });

  it('names the input when told what it is', () => {
    const error = syntaxError("['a',", (text) => parseLiteral(text, { what: 'categories of <crowd-classifier name="q">' }));
    expect(error.message).to.match(/^categories of <crowd-classifier name="q">: Unclosed array/);
  });

  it('refuses nesting deeper than 256 levels instead of overflowing the stack', () => {
    expect(parseLiteral(`${'['.repeat(256)}${']'.repeat(256)}`)).to.be.an('array');
    expect(syntaxError('['.repeat(100000)).reason).to.equal('Nesting deeper than 256 levels');
  });
});

describe('parseStringArray', () => {
  it('returns strings and turns numbers into strings', () => {
    expect(parseStringArray("['a', \"b\", 3, 4.5]")).to.deep.equal(['a', 'b', '3', '4.5']);
  });

  it('rejects anything but an array, naming what it found', () => {
    const error = syntaxError("{ text: 'x' }", parseStringArray);
    expect(error.reason).to.equal("Expected an array such as ['a', 'b'], found an object");
    expect(error.column).to.equal(1);
    expect(syntaxError("  'a'", parseStringArray).reason).to.equal('Expected an array such as [\'a\', \'b\'], found string "a"');
  });

  it('rejects items that are not strings or numbers, pointing at the item', () => {
    const error = syntaxError("['a', {label: 'b'}, 'c']", parseStringArray);
    expect(error.reason).to.equal('Item 1 must be a string, found an object');
    expect(error.column).to.equal(7);
    expect(syntaxError("['a', null]", parseStringArray).reason).to.equal('Item 1 must be a string, found null');
    expect(syntaxError('[true]', parseStringArray).reason).to.equal('Item 0 must be a string, found boolean true');
  });
});
