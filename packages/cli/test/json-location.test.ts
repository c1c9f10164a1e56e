import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { locateJsonError } from '../src/json-location.js';
import { lineAndColumn } from '../src/files.js';

describe('locateJsonError', () => {
  it('accepts every value JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        assert.equal(locateJsonError(JSON.stringify(value, null, pretty ? 2 : undefined)), undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with JSON.parse on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json().map((json) => json.slice(0, Math.max(0, json.length - 1)))), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        assert.equal(locateJsonError(text) === undefined, valid, JSON.stringify(text));
      }),
      { numRuns: 500 },
    );
  });

  it('points at the offending character', () => {
    const cases: Array<[string, number, number]> = [
      ['{\n  "source": "x",\n  "answer": oops\n}', 3, 13],
      ['[1, 2,]', 1, 7],
      ['{"a": 1} x', 1, 10],
      ['{"a": "unterminated', 1, 20],
      ['{"a": "tab\there"}', 1, 11],
      ['', 1, 1],
    ];
    for (const [text, line, column] of cases) {
      const offset = locateJsonError(text);
      assert.notEqual(offset, undefined, text);
      assert.deepEqual(lineAndColumn(text, offset!), { line, column }, text);
    }
  });
});
