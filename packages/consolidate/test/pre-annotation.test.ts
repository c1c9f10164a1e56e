import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QuorumValidationError } from '@quorum/schema';
import { normalizePreAnnotationResponse, preAnnotation } from '../src/lambda/pre-annotation.js';
import { readSharedJson } from './helpers.js';

describe('preAnnotation', () => {
  for (const file of ['pre-annotation-event.source.json', 'pre-annotation-event.source-ref.json']) {
    it(`passes the data object through as taskInput for ${file}`, () => {
      const event = readSharedJson(`gt-reference/${file}`) as { dataObject: object };
      const response = preAnnotation(event);
      assert.deepEqual(response, { taskInput: event.dataObject, isHumanAnnotationRequired: true });
      assert.notEqual(response.taskInput, event.dataObject, 'a copy, so a handler cannot alter the event');
    });
  }

  it('builds taskInput and the routing decision with the given functions', () => {
    const event = readSharedJson('gt-reference/pre-annotation-event.source.json');
    const response = preAnnotation(event, {
      taskInput: (dataObject) => ({ taskObject: dataObject.source ?? dataObject['source-ref'] ?? null }),
      isHumanAnnotationRequired: (dataObject) => typeof dataObject.source === 'string' && dataObject.source.length > 0,
    });
    assert.deepEqual(response, readSharedJson('gt-reference/pre-annotation-response.json'));
  });

  it('carries the scenario\'s fields to task.input', () => {
    const response = preAnnotation({
      version: '2018-10-16',
      labelingJobArn: 'arn:aws:sagemaker:us-west-2:111122223333:labeling-job/rate',
      dataObject: { source: 'What is the boiling point of water?', answer: '100 °C at sea level.' },
    });
    assert.equal(response.taskInput.answer, '100 °C at sea level.');
  });

  it('says which field of a malformed event is wrong', () => {
    assert.throws(
      () => preAnnotation({ version: '2018-10-16', labelingJobArn: 'arn' }),
      (error: QuorumValidationError) => {
        assert.ok(error instanceof QuorumValidationError);
        assert.match(error.message, /pre-annotation event: event is invalid/);
        assert.match(error.message, /dataObject/);
        return true;
      },
    );
    assert.throws(() => preAnnotation({ version: 1, labelingJobArn: 'arn', dataObject: {} }), /\/version must be of type string/);
    assert.throws(() => preAnnotation(null), QuorumValidationError);
  });

  it('checks what the callbacks return', () => {
    const event = readSharedJson('gt-reference/pre-annotation-event.source.json');
    assert.throws(() => preAnnotation(event, { taskInput: () => ['x'] as never }), /taskInput must return a JSON object, found an array/);
    assert.throws(() => preAnnotation(event, { isHumanAnnotationRequired: () => 'yes' as never }), /must return a boolean, found "yes"/);
  });
});

describe('normalizePreAnnotationResponse', () => {
  it('reads the documented form', () => {
    const response = readSharedJson('gt-reference/pre-annotation-response.json');
    assert.deepEqual(normalizePreAnnotationResponse(response), response);
  });

  it('reads the variant returned by Ground Truth\'s example Lambda', () => {
    const variant = readSharedJson('gt-reference/pre-annotation-response.doc-lambda-variant.json') as { taskInput: object };
    assert.deepEqual(normalizePreAnnotationResponse(variant), { taskInput: variant.taskInput, isHumanAnnotationRequired: true });
  });

  it('reads flags as strings in any case, and defaults to true', () => {
    const taskInput = { a: 1 };
    assert.equal(normalizePreAnnotationResponse({ taskInput, humanAnnotationRequired: 'False' }).isHumanAnnotationRequired, false);
    assert.equal(normalizePreAnnotationResponse({ taskInput, isHumanAnnotationRequired: 'false' }).isHumanAnnotationRequired, false);
    assert.equal(normalizePreAnnotationResponse({ taskInput, isHumanAnnotationRequired: false }).isHumanAnnotationRequired, false);
    assert.equal(normalizePreAnnotationResponse({ taskInput }).isHumanAnnotationRequired, true);
  });

  it('rejects contradictions and non-flags, naming the field', () => {
    assert.throws(
      () => normalizePreAnnotationResponse({ taskInput: {}, isHumanAnnotationRequired: true, humanAnnotationRequired: 'false' }),
      /\/humanAnnotationRequired contradicts isHumanAnnotationRequired/,
    );
    assert.throws(() => normalizePreAnnotationResponse({ taskInput: {}, isHumanAnnotationRequired: 'yes' }), /isHumanAnnotationRequired/);
    assert.throws(() => normalizePreAnnotationResponse({ isHumanAnnotationRequired: true }), /taskInput/);
    assert.throws(() => normalizePreAnnotationResponse('true'), QuorumValidationError);
  });
});
