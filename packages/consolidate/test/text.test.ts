import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { aggregateText, levenshtein, normalisedEditDistance, textMedoid } from '../src/text/medoid.js';

/** Reference: the full (m + 1) × (n + 1) dynamic programme over code points. */
function reference(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
  }
  return d[x.length][y.length];
}

describe('levenshtein', () => {
  it('gives the textbook distances', () => {
    assert.equal(levenshtein('kitten', 'sitting'), 3);
    assert.equal(levenshtein('flaw', 'lawn'), 2);
    assert.equal(levenshtein('', 'abc'), 3);
    assert.equal(levenshtein('abc', ''), 3);
    assert.equal(levenshtein('', ''), 0);
    assert.equal(levenshtein('same', 'same'), 0);
  });

  it('counts an astral character (a surrogate pair) as one code point', () => {
    assert.equal(levenshtein('a😀b', 'ab'), 1);
    assert.equal(levenshtein('😀', '😃'), 1);
    assert.equal(normalisedEditDistance('😀😀', '😀😃'), 0.5);
  });

  it('agrees with the full dynamic programme, below and above the 32-character bit-parallel limit (property)', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', ' ', 'é', '😀', 'Z');
    const text = fc.array(alphabet, { maxLength: 80 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        assert.equal(levenshtein(a, b), reference(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      }),
      { numRuns: 400 },
    );
  });

  it('handles exactly 32 and 33 distinct characters of pattern', () => {
    const p32 = Array.from({ length: 32 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    const p33 = p32 + 'x';
    const text = [...p32].reverse().join('');
    assert.equal(levenshtein(p32, text), reference(p32, text));
    assert.equal(levenshtein(p33, text), reference(p33, text));
    assert.equal(levenshtein(`${p32}abc`, `zz${p32}`), reference(`${p32}abc`, `zz${p32}`));
  });
});

describe('textMedoid', () => {
  it('picks the answer closest to the others and reports its mean similarity', () => {
    const answers = ['the cat sat', 'the cat sat.', 'a dog ran', 'the cat sat'];
    const result = textMedoid(answers);
    assert.equal(result.text, 'the cat sat');
    assert.equal(result.index, 0);
    // Similarities to the others: 1 (identical), 1 − 1/12, 1 − d('the cat sat', 'a dog ran')/11.
    const expected = (1 + (1 - 1 / 12) + (1 - levenshtein('the cat sat', 'a dog ran') / 11)) / 3;
    assert.ok(Math.abs(result.confidence - expected) < 1e-12, `${result.confidence} vs ${expected}`);
    assert.deepEqual([...result.similarities].map((s) => Math.round(s * 1e9) / 1e9), [1, Math.round((1 - 1 / 12) * 1e9) / 1e9, Math.round((1 - levenshtein('the cat sat', 'a dog ran') / 11) * 1e9) / 1e9, 1]);
  });

  it('gives confidence 0 to a single answer and nothing to no answers', () => {
    assert.deepEqual({ ...textMedoid(['only']), similarities: [] }, { index: 0, text: 'only', confidence: 0, similarities: [] });
    assert.equal(textMedoid([]).text, null);
    assert.equal(textMedoid([]).index, -1);
  });

  it('normalises white space and case only for comparing, and returns the text as written', () => {
    const answers = ['  Hello   World ', 'hello world', 'HELLO WORLD!'];
    const plain = textMedoid(answers);
    const loose = textMedoid(answers, { whitespace: true, caseInsensitive: true });
    assert.equal(loose.confidence > plain.confidence, true);
    assert.equal(normalisedEditDistance('  Hello   World ', 'hello world', { whitespace: true, caseInsensitive: true }), 0);
    // Two answers compare equal; the tie goes to the lowest original text in code-point order.
    assert.equal(loose.text, '  Hello   World ');
    assert.equal(normalisedEditDistance('e\u0301', 'é', { unicode: 'NFC' }), 0);
    assert.equal(normalisedEditDistance('e\u0301', 'é'), 1);
  });

  it('breaks ties by text, not by arrival order (property)', () => {
    const word = fc.constantFrom('ab', 'ba', 'abc', 'xyz', 'AB', '', 'a b');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.nat(1000), (answers, seed) => {
        const shuffled = [...answers].sort((x, y) => ((x.length * 31 + seed) % 7) - ((y.length * 31 + seed) % 7)).reverse();
        const a = textMedoid(answers);
        const b = textMedoid(shuffled);
        assert.equal(a.text, b.text);
        assert.ok(Math.abs(a.confidence - b.confidence) < 1e-12);
      }),
      { numRuns: 200 },
    );
    // Symmetric pair: equal sums, "ab" < "ba" in code-point order whichever comes first.
    assert.equal(textMedoid(['ba', 'ab']).text, 'ab');
    assert.equal(textMedoid(['ab', 'ba']).text, 'ab');
  });

  it('rejects a non-string answer with its index', () => {
    assert.throws(() => textMedoid(['a', 3 as unknown as string]), /answer 1 must be a string/);
  });
});

describe('aggregateText', () => {
  it('consolidates each task, names the worker of the medoid and counts answers', () => {
    const result = aggregateText([
      { task: 't1', worker: 'w1', text: 'Paris' },
      { task: 't2', worker: 'w1', text: 'blue' },
      { task: 't1', worker: 'w2', text: 'paris' },
      { task: 't1', worker: 'w3', text: 'Paris.' },
      { task: 't1', worker: 'w4', text: 'Lyon' },
    ]);
    assert.deepEqual(result.map(({ task, text, worker, answers }) => ({ task, text, worker, answers })), [
      { task: 't1', text: 'Paris', worker: 'w1', answers: 4 },
      { task: 't2', text: 'blue', worker: 'w1', answers: 1 },
    ]);
    assert.equal(result[1].confidence, 0);
  });

  it('rejects a row without text, naming its position', () => {
    assert.throws(() => aggregateText([{ task: 't', worker: 'w', text: 'x' }, { task: 't', worker: 'w2' } as never]), /answer 1: text must be a string/);
  });

  it('handles many answers per task quickly (200 answers of 200 characters: 19,900 distances)', () => {
    let state = 7;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    const base = Array.from({ length: 200 }, () => 'abcdefghij'[Math.floor(random() * 10)]).join('');
    const answers = Array.from({ length: 200 }, () => [...base].map((c) => (random() < 0.05 ? 'z' : c)).join(''));
    const start = performance.now();
    const result = textMedoid(answers);
    const ms = performance.now() - start;
    assert.ok(result.confidence > 0.85, `${result.confidence}`);
    assert.ok(ms < 5000, `${ms} ms`);
  });
});
