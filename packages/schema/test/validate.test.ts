import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  QuorumValidationError,
  assertValid,
  formatIssues,
  validateAnswerObject,
  validateCrowdClassifierAnswer,
  validateLabelMetadata,
  validateOutputManifestLine,
  validatePayloadItem,
  validatePostAnnotationEvent,
  validatePostAnnotationPayload,
  validatePostAnnotationResponse,
  validatePreAnnotationEvent,
  validatePreAnnotationResponse,
} from '@quorum/schema';

const shared = process.env.QUORUM_SHARED ?? new URL('../../../../shared/', import.meta.url).pathname;
const reference = (name: string): unknown =>
  JSON.parse(readFileSync(`${shared}/gt-reference/${name}`, 'utf8'));

describe('Ground Truth reference examples validate', () => {
  it('pre-annotation events (source and source-ref)', () => {
    for (const name of ['pre-annotation-event.source.json', 'pre-annotation-event.source-ref.json']) {
      const result = validatePreAnnotationEvent(reference(name));
      assert.equal(result.valid, true, `${name}: ${JSON.stringify(result)}`);
    }
  });

  it('pre-annotation responses, documented and doc-Lambda variants', () => {
    for (const name of ['pre-annotation-response.json', 'pre-annotation-response.doc-lambda-variant.json']) {
      assert.equal(validatePreAnnotationResponse(reference(name)).valid, true, name);
    }
  });

  it('post-annotation event, payloads and response', () => {
    assert.equal(validatePostAnnotationEvent(reference('post-annotation-event.json')).valid, true);
    for (const name of [
      'post-annotation-payload.named-entity-recognition.json',
      'post-annotation-payload.bounding-box.json',
      'post-annotation-payload.semantic-segmentation.json',
    ]) {
      const result = validatePostAnnotationPayload(reference(name));
      assert.equal(result.valid, true, `${name}: ${JSON.stringify(result)}`);
    }
    assert.equal(validatePostAnnotationResponse(reference('post-annotation-response.json')).valid, true);
  });

  it('output manifest lines of built-in and custom task types', () => {
    const cases: Array<[string, string]> = [
      ['output-manifest-line.custom.json', 'labeling-job-attribute-name'],
      ['output-manifest-line.image-classification.json', 'species'],
      ['output-manifest-line.text-classification.json', 'mood'],
    ];
    for (const [name, attribute] of cases) {
      const result = validateOutputManifestLine(reference(name), attribute);
      assert.equal(result.valid, true, `${name}: ${JSON.stringify(result)}`);
    }
  });

  it('the crowd-classifier answer of the element page, with a value filled in', () => {
    const [answer] = reference('answer.crowd-classifier.json') as Array<Record<string, unknown>>;
    const filled = { relevance: { label: '4' } };
    assert.ok(answer && '<name>' in answer);
    assert.equal(validateAnswerObject(filled).valid, true);
    assert.equal(validateCrowdClassifierAnswer(filled.relevance).valid, true);
  });
});

describe('invalid values name the path, the problem and the value', () => {
  it('a payload item with a bad annotation', () => {
    const result = validatePayloadItem({
      datasetObjectId: '7',
      dataObject: { content: 'x' },
      annotations: [{ workerId: 'w1', annotationData: { content: '{}' } }, { annotationData: { content: 42 } }],
    });
    assert.equal(result.valid, false);
    if (result.valid) return;
    const paths = result.issues.map((issue) => `${issue.path} ${issue.message}`);
    assert.ok(paths.includes('/annotations/1 is missing the required property "workerId"'), paths.join('\n'));
    assert.ok(paths.includes('/annotations/1/annotationData/content must be of type string'), paths.join('\n'));
    const text = formatIssues(result.issues, 'payload.json item 0', 'payload item');
    assert.match(text, /^payload\.json item 0: payload item is invalid:/);
    assert.match(text, /content must be of type string \(found 42\)/);
  });

  it('a post-annotation event without payload.s3Uri, and a malformed s3Uri', () => {
    const missing = validatePostAnnotationEvent({ labelAttributeName: 'x', payload: {} });
    assert.equal(missing.valid, false);
    const bad = validatePostAnnotationEvent({ labelAttributeName: 'x', payload: { s3Uri: 'https://bucket/key' } });
    assert.equal(bad.valid, false);
    if (!bad.valid) assert.equal(bad.issues[0]?.path, '/payload/s3Uri');
  });

  it('pre-annotation response flags accept booleans and "true"/"false" only', () => {
    assert.equal(validatePreAnnotationResponse({ taskInput: {}, isHumanAnnotationRequired: 'false' }).valid, true);
    assert.equal(validatePreAnnotationResponse({ taskInput: {}, isHumanAnnotationRequired: 'yes' }).valid, false);
    assert.equal(validatePreAnnotationResponse({ isHumanAnnotationRequired: true }).valid, false);
  });

  it('label metadata must use one spelling consistently', () => {
    assert.equal(
      validateLabelMetadata({ type: 'groundTruth/custom', job_name: 'j', creation_date: 'd', 'human-annotated': 'yes' }).valid,
      true,
    );
    assert.equal(validateLabelMetadata({ type: 'groundtruth/text-classification', job_name: 'j' }).valid, false);
    assert.equal(
      validateLabelMetadata({ type: 'groundtruth/x', 'job-name': 'j', 'creation-date': 'd', confidence: 1.5 }).valid,
      false,
    );
  });

  it('a manifest line without metadata', () => {
    const result = validateOutputManifestLine({ source: 'a', mood: '1' }, 'mood');
    assert.deepEqual(result, { valid: false, issues: [{ path: '', message: 'is missing "mood-metadata"' }] });
  });

  it('assertValid throws a QuorumValidationError with every issue', () => {
    assert.throws(
      () => assertValid(validateCrowdClassifierAnswer, { label: 4, extra: true }, 'answer.json', 'classifier answer'),
      (error: unknown) =>
        error instanceof QuorumValidationError &&
        error.issues.length === 2 &&
        error.message.startsWith('answer.json: classifier answer is invalid:'),
    );
    assert.deepEqual(assertValid(validateCrowdClassifierAnswer, { label: '4' }), { label: '4' });
  });
});

describe('validators are precompiled', () => {
  it('the generated module compiles no code at run time', () => {
    const generated = readFileSync(new URL('../src/generated/validators.js', import.meta.url), 'utf8');
    assert.doesNotMatch(generated, /new Function|\beval\(/);
  });
});
