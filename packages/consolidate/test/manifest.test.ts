import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateOutputManifestLine, type ConsolidatedItem } from '@quorum/schema';
import { consolidatePayload } from '../src/lambda/post-annotation.js';
import { consolidateAnswers } from '../src/dispatch/consolidate.js';
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

  // Shapes from Ground Truth's "Output data" page (sms-data-output.md): multi-label, bounding box and NER lines.
  it('writes the built-in multi-label, object-detection and NER lines from consolidated answer objects', () => {
    const attribute = 'labels';
    const common = { 'job-name': 'labeling-job/x', 'human-annotated': 'yes', 'creation-date': '2020-10-18T22:18:13.527000' };
    const write = (taskType: 'image-classification-multilabel' | 'object-detection' | 'named-entity-recognition', payload: unknown[], schema: object, labelCategories?: string[], input: Array<string | object> = [{ 'source-ref': 's3://b/example_image.jpg' }]) => {
      const { response, errors } = consolidateAnswers(payload, { labelAttributeName: attribute, schema, ...(labelCategories && { labelCategories }), bootstrapSamples: 0 });
      assert.deepEqual(errors, []);
      const result = buildOutputManifest(input, response, { labelAttributeName: attribute, jobName: 'labeling-job/x', creationDate: date, taskType, ...(labelCategories && { labelCategories }) });
      assert.deepEqual(result.errors, []);
      return result.lines[0]!;
    };
    const annotations = (answers: object[]) => answers.map((answer, i) => ({ workerId: `w${i}`, annotationData: { content: JSON.stringify(answer) } }));

    const multi = write(
      'image-classification-multilabel',
      [{ datasetObjectId: '0', dataObject: {}, annotations: annotations([{ tags: { labels: ['bicycle', 'person'] } }, { tags: { labels: ['person', 'bicycle', 'clothing'] } }, { tags: { labels: ['bicycle'] } }]) }],
      { type: 'object', properties: { tags: { type: 'object', properties: { labels: { type: 'array', items: { type: 'string' } } } } } },
      ['person', 'bicycle', 'dog', 'clothing'],
    );
    assert.deepEqual(multi, {
      'source-ref': 's3://b/example_image.jpg',
      labels: [0, 1],
      'labels-metadata': { 'class-map': { '0': 'person', '1': 'bicycle' }, 'confidence-map': { '0': 0.67, '1': 1 }, type: 'groundtruth/image-classification-multilabel', ...common },
    });

    const box = (left: number, label: string) => ({ height: 128, label, left, top: 134, width: 61 });
    const detection = write(
      'object-detection',
      [{ datasetObjectId: '0', dataObject: {}, annotations: annotations([1, 2].map(() => ({ annotatedResult: { boundingBoxes: [box(111, 'dog'), box(300, 'bone')], inputImageProperties: { width: 500, height: 400 } } }))) }],
      { type: 'object', properties: { annotatedResult: { type: 'object', properties: { boundingBoxes: { type: 'array' }, inputImageProperties: { type: 'object' } } } } },
      ['dog', 'cat', 'bird', 'fish', 'toy', 'bone'],
    );
    assert.deepEqual(detection.labels, { image_size: [{ width: 500, height: 400, depth: 3 }], annotations: [{ class_id: 0, left: 111, top: 134, width: 61, height: 128 }, { class_id: 5, left: 300, top: 134, width: 61, height: 128 }] });
    assert.deepEqual(detection['labels-metadata'], { objects: [{ confidence: 1 }, { confidence: 1 }], 'class-map': { '0': 'dog', '5': 'bone' }, type: 'groundtruth/object-detection', ...common });

    const ner = readSharedJson('gt-reference/post-annotation-payload.named-entity-recognition.json') as unknown[];
    const spans = write('named-entity-recognition', ner, { type: 'object', properties: { 'crowd-entity-annotation': { type: 'object', properties: { entities: { type: 'array' } } } } }, ['verb', 'number', 'object'], ['', { source: 'Sift 3 cups of flour into the bowl.' }]);
    assert.deepEqual(spans.labels, {
      annotations: {
        labels: [{ label: 'verb' }, { label: 'number' }, { label: 'object' }],
        entities: [
          { label: 'verb', startOffset: 0, endOffset: 4 },
          { label: 'number', startOffset: 5, endOffset: 6 },
          { label: 'object', startOffset: 15, endOffset: 20 },
          { label: 'object', startOffset: 30, endOffset: 34 },
        ],
      },
    });
    // One worker: Ground Truth writes confidence 0 for every entity.
    assert.deepEqual(spans['labels-metadata'], { entities: [0, 0, 0, 0].map((confidence) => ({ confidence })), type: 'groundtruth/text-span', ...common });
  });

  it('writes a classification line from an answer-object content, choosing the answer by name', () => {
    const content = { r: { relevance: { label: 'b' }, other: { label: 'x' } }, 'r-metadata': { answers: { relevance: { confidence: 0.75 } } } };
    const options = { labelAttributeName: 'r', jobName: 'j', creationDate: date, taskType: 'text-classification' as const, labelCategories: ['a', 'b'] };
    const ambiguous = buildOutputManifest([{ source: 's' }], [item('0', content)], options);
    assert.match(ambiguous.errors[0]!.message, /several answers that are a label \(relevance, other\); set answerName/);
    const { lines } = buildOutputManifest([{ source: 's' }], [item('0', content)], { ...options, answerName: 'relevance' });
    assert.deepEqual(lines[0]!.r, '1');
    assert.deepEqual(lines[0]!['r-metadata'], { 'class-name': 'b', confidence: 0.75, type: 'groundtruth/text-classification', 'job-name': 'j', 'human-annotated': 'yes', 'creation-date': '2020-10-18T22:18:13.527000' });
  });

  it('writes the built-in semantic-segmentation line from either content form', () => {
    const colorMap = { '0': { 'class-name': 'BACKGROUND', 'hex-color': '#ffffff', confidence: 0.9 }, '1': { 'class-name': 'road', 'hex-color': '#f28333', confidence: 0.9 } };
    const response = [
      item('0', { 'city-streets-ref': 's3://b/out/0.png', 'city-streets-ref-metadata': { 'internal-color-map': colorMap, type: 'groundtruth/semantic-segmentation', 'job-name': 'old', 'creation-date': 'old', 'human-annotated': 'yes' } }),
      item('1', { 'city-streets': { seg: { ref: 's3://b/out/1.png', inputImageProperties: { width: 2, height: 2 } }, ok: { label: 'yes' } }, 'city-streets-metadata': { answers: { seg: { kind: 'semantic-segmentation', 'internal-color-map': colorMap } } } }),
      item('2', { 'city-streets-ref': 's3://b/out/2.png' }),
    ];
    const inputs = ['{"source-ref":"s3://b/in/0.png"}', '{"source-ref":"s3://b/in/1.png"}', '{"source-ref":"s3://b/in/2.png"}'];
    const { lines, errors } = buildOutputManifest(inputs, response, { labelAttributeName: 'city-streets', jobName: 'label-city-streets', taskType: 'semantic-segmentation', creationDate: date });
    const metadata = { 'internal-color-map': colorMap, type: 'groundtruth/semantic-segmentation', 'job-name': 'label-city-streets', 'human-annotated': 'yes', 'creation-date': '2020-10-18T22:18:13.527000' };
    assert.deepEqual(lines, [
      { 'source-ref': 's3://b/in/0.png', 'city-streets-ref': 's3://b/out/0.png', 'city-streets-ref-metadata': metadata },
      { 'source-ref': 's3://b/in/1.png', 'city-streets-ref': 's3://b/out/1.png', 'city-streets-ref-metadata': metadata },
    ]);
    assert.deepEqual(errors, [{ line: 2, datasetObjectId: '2', message: 'the consolidated content has "city-streets-ref" but no internal-color-map in "city-streets-ref-metadata"' }]);
    for (const line of lines) assert.equal(validateOutputManifestLine(line, 'city-streets-ref').valid, true);
  });

  it('checks its options', () => {
    assert.throws(() => buildOutputManifest([], [], { labelAttributeName: 'x', jobName: 'j', taskType: 'text-classification' }), /needs labelCategories/);
    assert.throws(() => buildOutputManifest([], [], { labelAttributeName: '', jobName: 'j' }), /labelAttributeName/);
    assert.throws(() => groundTruthDate(new Date('nope')), /invalid Date/);
  });
});
