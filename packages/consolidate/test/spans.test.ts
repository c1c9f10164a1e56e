import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { consolidateSpans, type EntityAnnotation, type EntitySpan } from '../src/spans/character-vote.js';

const shared = process.env.QUORUM_SHARED ?? new URL('../../../../shared/', import.meta.url).pathname;
const worker = (workerId: string, ...entities: [number, number, string][]): EntityAnnotation => ({
  workerId,
  answer: { entities: entities.map(([startOffset, endOffset, label]) => ({ startOffset, endOffset, label })) },
});
const spans = (result: ReturnType<typeof consolidateSpans>): [number, number, string][] =>
  result.entities.map((e) => [e.startOffset, e.endOffset, e.label]);

describe('consolidateSpans', () => {
  it('reproduces the Ground Truth NER example (one worker)', () => {
    const payload = JSON.parse(readFileSync(`${shared}gt-reference/post-annotation-payload.named-entity-recognition.json`, 'utf8')) as {
      dataObject: { content: string };
      annotations: { workerId: string; annotationData: { content: string } }[];
    }[];
    const [item] = payload;
    const annotations = item.annotations.map((a) => ({
      workerId: a.workerId,
      answer: (JSON.parse(a.annotationData.content) as Record<string, { entities: EntitySpan[] }>)['crowd-entity-annotation'],
    }));
    const result = consolidateSpans(annotations, { text: item.dataObject.content });
    assert.deepEqual(result.errors, []);
    assert.equal(result.workers, 1);
    assert.deepEqual(
      result.entities.map((e) => [e.label, e.text, e.confidence]),
      [['verb', 'Sift', 1], ['number', '3', 1], ['object', 'flour', 1], ['object', 'bowl', 1]],
    );
    assert.deepEqual(spans(result), annotations[0].answer.entities.map((e) => [e.startOffset, e.endOffset, e.label]));
  });

  it('keeps the characters most workers agree on', () => {
    const result = consolidateSpans(
      [worker('a', [0, 10, 'PER']), worker('b', [2, 10, 'PER']), worker('c', [2, 12, 'PER'], [20, 25, 'LOC'])],
      { minAgreement: 0.6 },
    );
    assert.deepEqual(spans(result), [[2, 10, 'PER']]);
    assert.equal(result.entities[0].confidence, 1);
    assert.equal(result.entities[0].maxVotes, 3);
    const loose = consolidateSpans([worker('a', [0, 10, 'PER']), worker('b', [2, 10, 'PER']), worker('c', [2, 12, 'PER'])], { minAgreement: 0.3 });
    assert.deepEqual(spans(loose), [[0, 12, 'PER']]);
    // chars 0–1 one vote, 2–9 three, 10–11 one: (2·1 + 8·3 + 2·1) / (12 · 3)
    assert.ok(Math.abs(loose.entities[0].confidence - 28 / 36) < 1e-12);
  });

  it('votes per label, so disagreeing labels split or drop', () => {
    const result = consolidateSpans([worker('a', [0, 5, 'ORG']), worker('b', [0, 5, 'PER']), worker('c', [0, 5, 'PER'])], { minAgreement: 0.51 });
    assert.deepEqual(spans(result), [[0, 5, 'PER']]);
    const even = consolidateSpans([worker('a', [0, 5, 'ORG']), worker('b', [0, 5, 'PER'])]);
    assert.deepEqual(spans(even), [[0, 5, 'ORG'], [0, 5, 'PER']]);
  });

  it("counts a worker's overlapping spans once and an empty answer as a no", () => {
    const result = consolidateSpans([worker('a', [0, 6, 'X'], [4, 9, 'X']), worker('b')], { minAgreement: 0.5 });
    assert.deepEqual(spans(result), [[0, 9, 'X']]);
    assert.equal(result.entities[0].confidence, 0.5);
    assert.equal(consolidateSpans([worker('a', [0, 6, 'X'], [4, 9, 'X']), worker('b')], { minAgreement: 0.51 }).entities.length, 0);
  });

  it('reports malformed entities with worker and index and keeps the rest', () => {
    const result = consolidateSpans(
      [
        {
          workerId: 'a',
          answer: { entities: [{ startOffset: 0, endOffset: 4, label: 'X' }, { startOffset: 5, endOffset: 3, label: 'X' }, null as unknown as EntitySpan, { startOffset: 0, endOffset: 40, label: 'X' }] },
        },
        { workerId: 'b', answer: {} as { entities: EntitySpan[] } },
        worker('a', [0, 4, 'X']),
        worker('c', [0, 2, 'Y']),
      ],
      { text: 'abcdefghij', labels: ['X'] },
    );
    assert.deepEqual(result.errors.map((e) => [e.workerId, e.index]), [['a', 1], ['a', 2], ['a', 3], ['b', -1], ['a', -1], ['c', 0]]);
    assert.match(result.errors[2].message, /beyond the text/);
    assert.match(result.errors[5].message, /not one of/);
    assert.equal(result.workers, 2);
    assert.deepEqual(spans(result), [[0, 4, 'X']]);
    assert.throws(() => consolidateSpans([], { minAgreement: 0 }), /minAgreement/);
  });

  it('matches a per-character count and ignores worker order (property)', () => {
    const answers = fc.array(
      fc.array(fc.record({ start: fc.nat(15), length: fc.integer({ min: 1, max: 6 }), label: fc.constantFrom('A', 'B') }), { maxLength: 4 }),
      { minLength: 1, maxLength: 5 },
    );
    fc.assert(
      fc.property(answers, fc.constantFrom(0.2, 0.5, 0.51, 1), (lists, minAgreement) => {
        const annotations = lists.map((list, w) => worker(`w${w}`, ...list.map((s): [number, number, string] => [s.start, s.start + s.length, s.label])));
        const result = consolidateSpans(annotations, { minAgreement });
        // Reference: per character and label, who covers it.
        for (const label of ['A', 'B']) {
          for (let c = 0; c < 22; c++) {
            const votes = lists.filter((list) => list.some((s) => s.label === label && s.start <= c && c < s.start + s.length)).length;
            const kept = votes > 0 && votes >= minAgreement * lists.length * (1 - 1e-12);
            const covered = result.entities.some((e) => e.label === label && e.startOffset <= c && c < e.endOffset);
            assert.equal(covered, kept, `label ${label} char ${c}`);
          }
        }
        const reversed = consolidateSpans([...annotations].reverse(), { minAgreement });
        assert.deepEqual(reversed.entities, result.entities);
      }),
      { numRuns: 150 },
    );
  });
});
