import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateOutputManifestLine, type ConsolidatedItem } from '@quorum/schema';
import { consolidatePayload } from '../src/lambda/post-annotation.js';
import { buildOutputManifest, groundTruthDate } from '../src/manifest.js';
import { readSharedJson } from './helpers.js';

const date = new Date('2020-10-18T22:18:13.527Z');
const item = (datasetObjectId: string, content: ConsolidatedItem['consolidatedAnnotation']['content']): ConsolidatedItem => ({
  datasetObjectId,
  consolidatedAnnotation: { content },
});

describe('buildOutputManifest', () => {
  it('writes Ground Truth\'s custom-workflow line (compare output-manifest-line.custom.json)', () => {
    const reference = readSharedJson('gt-reference/output-manifest-line.custom.json') as Record<string, unknown>;
    const attribute = 'labeling-job-attribute-name';
    const response = [item('0', { [attribute]: reference[attribute] as never })];
    const { lines, errors } = buildOutputManifest([JSON.stringify({ source: reference.source })], response, {
      labelAttributeName: attribute,
      jobName: 'labeling-job-name',
      creationDate: date,
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(lines, [
      {
        ...reference,
        [`${attribute}-metadata`]: { type: 'groundTruth/custom', job_name: 'labeling-job-name', 'human-annotated': 'yes', creation_date: '2020-10-18T22:18:13.527000' },
      },
    ]);
    assert.ok(validateOutputManifestLine(lines[0], attribute).valid);
  });

  it('writes the scenario\'s classification as a custom line with the consolidated metadata', () => {
    const payload = [1, 2].map((n) => ({
      datasetObjectId: String(n - 1),
      dataObject: { content: `question ${n}` },
      annotations: ['a', 'b', 'c'].map((workerId) => ({ workerId, annotationData: { content: JSON.stringify({ relevance: { label: String(n + 2) } }) } })),
    }));
    const { response } = consolidatePayload(payload, { labelAttributeName: 'relevance', labelCategories: ['1', '2', '3', '4', '5'] });
    const { lines, errors } = buildOutputManifest(
      [{ source: 'question 1', answer: 'A' }, { source: 'question 2', answer: 'B' }],
      response,
      { labelAttributeName: 'relevance', jobName: 'rate-answers', creationDate: date },
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(lines[1], {
      source: 'question 2',
      answer: 'B',
      relevance: { label: '4' },
      'relevance-metadata': {
        'class-name': '4',
        confidence: (response[1].consolidatedAnnotation.content['relevance-metadata'] as { confidence: number }).confidence,
        'human-annotated': 'yes',
        'consolidation-method': 'gt-dawid-skene',
        'worker-count': 3,
        type: 'groundTruth/custom',
        job_name: 'rate-answers',
        creation_date: '2020-10-18T22:18:13.527000',
      },
    });
    for (const line of lines) assert.ok(validateOutputManifestLine(line, 'relevance').valid);
  });

  for (const [taskType, file, attribute, categories] of [
    ['text-classification', 'output-manifest-line.text-classification.json', 'mood', ['negative', 'positive']],
    ['image-classification', 'output-manifest-line.image-classification.json', 'species', ['dog', 'cat']],
  ] as const) {
    it(`writes the built-in ${taskType} line exactly like ${file}`, () => {
      const reference = readSharedJson(`gt-reference/${file}`) as Record<string, Record<string, unknown>>;
      const metadata = reference[`${attribute}-metadata`];
      const input = { ...reference };
      delete input[attribute];
      delete input[`${attribute}-metadata`];
      const response = [
        item('0', {
          [attribute]: { label: metadata['class-name'] as string },
          [`${attribute}-metadata`]: { 'class-name': metadata['class-name'] as string, confidence: metadata.confidence as number },
        }),
      ];
      const { lines, errors } = buildOutputManifest([input], response, {
        labelAttributeName: attribute,
        jobName: metadata['job-name'] as string,
        creationDate: new Date(`${metadata['creation-date'] as string}Z`),
        taskType,
        labelCategories: categories,
      });
      assert.deepEqual(errors, []);
      // The reference keeps the microseconds Ground Truth wrote; a Date holds milliseconds.
      assert.deepEqual(lines, [{ ...reference, [`${attribute}-metadata`]: { ...metadata, 'creation-date': groundTruthDate(new Date(`${metadata['creation-date'] as string}Z`)) } }]);
      assert.equal(typeof lines[0][attribute], 'string');
      assert.ok(validateOutputManifestLine(lines[0], attribute).valid);
    });
  }

  it('matches by an id field when given, and reports every line or item it cannot write', () => {
    const response = [
      item('a', { rating: { label: '2' } }),
      item('b', { rating: { label: '9' } }),
      item('zzz', { rating: { label: '1' } }),
      item('a', { rating: { label: '3' } }),
    ];
    const { lines, errors } = buildOutputManifest(
      ['{"id":"a"}', '{"id":"b"}', '{"id":"c"}', '{"id":', '[1]', '{"noid":1}'],
      response,
      { labelAttributeName: 'rating', jobName: 'j', creationDate: date, idField: 'id', taskType: 'text-classification', labelCategories: ['1', '2', '3'] },
    );
    assert.deepEqual(lines.map((line) => [line.id, line.rating]), [['a', '1']]);
    assert.deepEqual(
      errors.map(({ line, datasetObjectId }) => [line, datasetObjectId]),
      [[undefined, 'a'], [1, 'b'], [2, 'c'], [3, undefined], [4, undefined], [5, undefined], [undefined, 'zzz']],
    );
    assert.match(errors[0].message, /more than once/);
    assert.match(errors[1].message, /label "9" is not one of the label categories/);
    assert.match(errors[2].message, /no consolidated annotation/);
    assert.match(errors[3].message, /not valid JSON/);
    assert.match(errors[4].message, /not a JSON object/);
    assert.match(errors[5].message, /no id field/);
    assert.match(errors[6].message, /matches no input line/);
  });

  it('uses the 0-based line index as id by default, skipping blank lines', () => {
    const { lines, errors } = buildOutputManifest('{"source":"x"}\n{"source":"y"}\n'.split('\n'), [item('1', { r: { label: 'ok' } })], {
      labelAttributeName: 'r',
      jobName: 'j',
      creationDate: date,
    });
    assert.deepEqual(lines.map((line) => line.source), ['y']);
    assert.deepEqual(errors.map((error) => error.line), [0]);
  });

  it('checks its options', () => {
    assert.throws(() => buildOutputManifest([], [], { labelAttributeName: 'x', jobName: 'j', taskType: 'text-classification' }), /needs labelCategories/);
    assert.throws(() => buildOutputManifest([], [], { labelAttributeName: '', jobName: 'j' }), /labelAttributeName/);
    assert.throws(() => groundTruthDate(new Date('nope')), /invalid Date/);
  });
});
