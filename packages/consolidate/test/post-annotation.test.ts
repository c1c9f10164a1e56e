import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { QuorumValidationError, validatePostAnnotationResponse, type PayloadItem } from '@quorum/schema';
import { consolidatePayload, jobNameOf, postAnnotation, type ItemError, type PostAnnotationObjectWriter, type PostAnnotationResult } from '../src/lambda/post-annotation.js';
import { birdAnswers, payloadItem } from './segmentation-payload.js';
import { readFixture, readSharedJson } from './helpers.js';

const CATEGORIES = ['1', '2', '3', '4', '5'];
const payload = (): PayloadItem[] => JSON.parse(readFileSync(new URL('./fixtures/relevance-payload.json', import.meta.url), 'utf8'));
const options = { labelAttributeName: 'relevance', labelCategories: CATEGORIES };

function labels(result: PostAnnotationResult): Record<string, unknown> {
  return Object.fromEntries(
    result.response.map((item) => [item.datasetObjectId, (item.consolidatedAnnotation.content.relevance as { label: string }).label]),
  );
}

/**
 * Every data object of the payload is in the response or has an item-level error (one without an
 * annotationIndex) with its index — never both, never neither — and response ids are unique.
 */
function assertNothingLost(input: unknown[], result: PostAnnotationResult): void {
  const answered = result.response.map((item) => item.datasetObjectId);
  assert.equal(new Set(answered).size, answered.length, 'response ids are unique');
  const unreported: string[] = [];
  input.forEach((item, index) => {
    const reported = result.errors.some((error) => error.index === index && error.annotationIndex === undefined);
    if (reported) return;
    const id = (item as { datasetObjectId?: unknown })?.datasetObjectId;
    assert.ok(id !== undefined && answered.includes(String(id)), `item ${index} is neither consolidated nor reported`);
    unreported.push(String(id));
  });
  assert.deepEqual(unreported, answered, 'the response holds exactly the unreported items, in payload order');
}

describe('consolidatePayload', () => {
  it('consolidates the scenario: three workers rate relevance 1–5', () => {
    const input = payload();
    const result = consolidatePayload(input, { ...options, method: 'majority-vote' });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(labels(result), { '0': '4', '1': '2', '2': '1', '3': '5' });
    const [first] = result.response;
    assert.deepEqual(first, {
      datasetObjectId: '0',
      consolidatedAnnotation: {
        content: {
          relevance: { label: '4' },
          'relevance-metadata': {
            'class-name': '4',
            confidence: 2 / 3,
            'human-annotated': 'yes',
            'consolidation-method': 'majority-vote',
            'worker-count': 3,
          },
        },
      },
    });
    assert.ok(validatePostAnnotationResponse(result.response).valid);
    assertNothingLost(input, result);
  });

  it('defaults to gt-dawid-skene: rounded confidence, 0.00 for a single worker', () => {
    const result = consolidatePayload(payload(), options);
    const metadata = (id: string) =>
      result.response.find((item) => item.datasetObjectId === id)!.consolidatedAnnotation.content['relevance-metadata'] as Record<string, unknown>;
    assert.equal(metadata('3').confidence, 0);
    assert.equal(metadata('3')['worker-count'], 1);
    assert.equal(metadata('1')['consolidation-method'], 'gt-dawid-skene');
    const confidence = metadata('1').confidence as number;
    assert.ok(confidence > 0.5 && confidence <= 1 && Math.round(confidence * 100) / 100 === confidence, `confidence ${confidence}`);
    assert.deepEqual(labels(result), { '0': '4', '1': '2', '2': '1', '3': '5' });
  });

  it('consolidates the batch jointly, so Dawid-Skene learns workers across objects', () => {
    const fixture = readFixture('reliable-minority.json');
    const byTask = new Map<string, PayloadItem>();
    for (const [task, worker, label] of fixture.answers) {
      if (!byTask.has(task)) byTask.set(task, { datasetObjectId: task, dataObject: { content: task }, annotations: [] });
      byTask.get(task)!.annotations.push({ workerId: worker, annotationData: { content: JSON.stringify({ animal: { label } }) } });
    }
    const input = [...byTask.values()];
    assert.deepEqual(labels2(consolidatePayload(input, { labelAttributeName: 'animal', method: 'majority-vote' })), fixture.expected.majorityVote);
    assert.deepEqual(labels2(consolidatePayload(input, { labelAttributeName: 'animal', method: 'dawid-skene' })), fixture.expected.dawidSkene);

    function labels2(result: PostAnnotationResult) {
      return Object.fromEntries(result.response.map((item) => [item.datasetObjectId, (item.consolidatedAnnotation.content.animal as { label: string }).label]));
    }
  });

  it('reports malformed annotations with ids and paths and still consolidates the rest', () => {
    const input: unknown[] = payload();
    const items = input as PayloadItem[];
    items[0].annotations[1].annotationData.content = '{"relevance": {"label": "4"'; // truncated JSON
    items[1].annotations[0].annotationData.content = JSON.stringify({ relevance: { label: '6' } });
    delete (items[1].annotations[2] as Partial<PayloadItem['annotations'][number]>).workerId;
    items[2].annotations = [];
    items[3].annotations.push({ workerId: 'private.us-west-2.w2', annotationData: { content: JSON.stringify({ relevance: { label: '1' } }) } });
    input.push(
      { dataObject: {}, annotations: [] },
      { datasetObjectId: '0', dataObject: {}, annotations: [] },
      'not an object',
      { datasetObjectId: '7', dataObject: {}, annotations: [{ workerId: 'w9', annotationData: { content: '{"comment":"no rating"}' } }] },
      { datasetObjectId: '8', dataObject: {}, annotations: [{ workerId: 'w9', annotationData: { s3Uri: 's3://bucket/a.json' } }] },
      { datasetObjectId: 9, dataObject: {}, annotations: [{ workerId: 'w9', annotationData: { content: '[{"relevance":{"label":"3"}}]' } }] },
    );
    const result = consolidatePayload(input, options);
    // Object 0 is left with a 4 and a 5: a genuine tie, so only the unambiguous ones are checked.
    const { '0': tied, ...rest } = labels(result);
    assert.ok(tied === '4' || tied === '5', `object 0: ${String(tied)}`);
    assert.deepEqual(rest, { '1': '2', '3': '5', '9': '3' });
    const brief = result.errors.map(({ datasetObjectId, index, workerId, annotationIndex, path }) => ({ datasetObjectId, index, workerId, annotationIndex, path }));
    const strip = (error: Partial<ItemError>) => JSON.parse(JSON.stringify(error));
    assert.deepEqual(brief.map(strip), [
      { datasetObjectId: '0', index: 0, workerId: 'private.us-west-2.w2', annotationIndex: 1, path: '/0/annotations/1/annotationData/content' },
      { datasetObjectId: '1', index: 1, workerId: 'private.us-west-2.w1', annotationIndex: 0, path: '/1/annotations/0/annotationData/content' },
      { datasetObjectId: '1', index: 1, annotationIndex: 2, path: '/1/annotations/2/workerId' },
      { datasetObjectId: '2', index: 2, path: '/2/annotations' },
      { datasetObjectId: '3', index: 3, workerId: 'private.us-west-2.w2', annotationIndex: 1, path: '/3/annotations/1/workerId' },
      { index: 4, path: '/4/datasetObjectId' },
      { datasetObjectId: '0', index: 5, path: '/5/datasetObjectId' },
      { index: 6, path: '/6' },
      { datasetObjectId: '7', index: 7, workerId: 'w9', annotationIndex: 0, path: '/7/annotations/0/annotationData/content' },
      { datasetObjectId: '7', index: 7, path: '/7/annotations' },
      { datasetObjectId: '8', index: 8, workerId: 'w9', annotationIndex: 0, path: '/8/annotations/0/annotationData/s3Uri' },
      { datasetObjectId: '8', index: 8, path: '/8/annotations' },
    ]);
    const messages = result.errors.map((error) => error.message);
    assert.match(messages[0], /is not valid JSON/);
    assert.match(messages[1], /label "6" is not one of the label categories \["1","2","3","4","5"\]/);
    assert.match(messages[2], /is missing or empty/);
    assert.match(messages[3], /is empty; there is nothing to consolidate/);
    assert.match(messages[4], /annotated this object more than once/);
    assert.match(messages[6], /repeats the id of item 0/);
    assert.match(messages[8], /holds no classifier answer/);
    assert.match(messages[10], /was not loaded/);
    const worker1 = result.response.find((item) => item.datasetObjectId === '1')!;
    assert.equal((worker1.consolidatedAnnotation.content['relevance-metadata'] as { 'worker-count': number })['worker-count'], 1);
    assertNothingLost(input, result);
  });

  it('chooses the answer by answerName, and asks for it when an answer object holds several classifiers', () => {
    const input = payload();
    for (const item of input) {
      for (const annotation of item.annotations) {
        const answer = JSON.parse(annotation.annotationData.content!);
        annotation.annotationData.content = JSON.stringify({ ...answer, fluency: { label: '1' }, comment: 'ok' });
      }
    }
    const ambiguous = consolidatePayload(input, options);
    assert.equal(ambiguous.response.length, 0);
    assert.match(ambiguous.errors[0].message, /several classifier answers \(relevance, fluency\); set answerName/);
    assert.deepEqual(labels(consolidatePayload(input, { ...options, answerName: 'relevance' })), { '0': '4', '1': '2', '2': '1', '3': '5' });
    const missing = consolidatePayload(input, { ...options, answerName: 'accuracy' });
    assert.match(missing.errors[0].message, /has no answer named "accuracy"/);
  });

  it('collects labels when no categories are given', () => {
    const result = consolidatePayload(payload(), { labelAttributeName: 'relevance', method: 'majority-vote' });
    assert.deepEqual(labels(result), { '0': '4', '1': '2', '2': '1', '3': '5' });
  });

  it('reports Ground Truth\'s non-classification payloads instead of dropping them', () => {
    for (const file of ['named-entity-recognition', 'bounding-box', 'semantic-segmentation']) {
      const input = readSharedJson(`gt-reference/post-annotation-payload.${file}.json`) as PayloadItem[];
      const result = consolidatePayload(input, { labelAttributeName: 'labeling-job-attribute-name' });
      assert.deepEqual(result.response, []);
      assert.equal(result.errors[0].datasetObjectId, input[0].datasetObjectId);
      assert.match(result.errors[0].message, /holds no classifier answer/);
      assertNothingLost(input, result);
    }
  });

  it('throws only when the payload is not an array', () => {
    assert.throws(() => consolidatePayload({ items: [] }, options), (error: QuorumValidationError) => {
      assert.ok(error instanceof QuorumValidationError);
      assert.match(error.message, /post-annotation payload: payload is invalid:\n {2}- \(root\) must be an array of data objects/);
      return true;
    });
    assert.throws(() => consolidatePayload([], { labelAttributeName: '' }), /labelAttributeName/);
    assert.throws(() => consolidatePayload([], { ...options, method: 'mace' as 'dawid-skene' }), /method must be/);
    assert.deepEqual(consolidatePayload([], options), { response: [], errors: [] });
  });
});

describe('postAnnotation', () => {
  const event = readSharedJson('gt-reference/post-annotation-event.json') as { payload: { s3Uri: string } } & Record<string, unknown>;
  const scenarioEvent = { ...event, labelAttributeName: 'relevance', labelCategories: CATEGORIES };

  it('stores segmentation label images with writeObject, which is told the event', async () => {
    const masks = await birdAnswers();
    const input = [payloadItem('0', masks.map((seg) => ({ seg }))), payloadItem('1', [{ seg: masks[0] }])];
    const calls: [string, string, string, string][] = [];
    const writeObject: PostAnnotationObjectWriter = async (name, _bytes, contentType, { datasetObjectId, answerName, event: received }) => {
      calls.push([name, contentType, `${datasetObjectId}/${answerName}`, received.labelingJobArn]);
      return `s3://out/${name}`;
    };
    const segEvent = { ...event, labelAttributeName: 'birds-ref', labelCategories: ['Bird'] };
    const result = await postAnnotation(segEvent, { readPayload: async () => input, attributes: { seg: { kind: 'semantic-segmentation' } }, writeObject, creationDate: new Date('2026-11-23T00:00:00Z'), concurrency: 1 });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(calls, [
      ['0_2026-11-23T00:00:00.000000.png', 'image/png', '0/seg', event.labelingJobArn],
      ['1_2026-11-23T00:00:00.000000.png', 'image/png', '1/seg', event.labelingJobArn],
    ]);
    const content = result.response[1]!.consolidatedAnnotation.content;
    assert.equal(content['birds-ref'], 's3://out/1_2026-11-23T00:00:00.000000.png', 'a name that ends in -ref is kept');
    assert.equal((content['birds-ref-metadata'] as Record<string, unknown>)['job-name'], 'labeling-job/labeling-job-name');
    const unwritten = await postAnnotation(segEvent, { readPayload: async () => input, attributes: { seg: { kind: 'semantic-segmentation' } } });
    assert.deepEqual(unwritten.response, []);
    assertNothingLost(input, unwritten);
    assert.match(unwritten.errors[0]!.message, /no object writer is configured/);
    await assert.rejects(postAnnotation(segEvent, { readPayload: async () => input, attributes: {}, concurrency: 0 }), /concurrency must be a positive integer/);
  });

  it('jobNameOf reads labeling-job/<name> from a labeling job ARN', () => {
    assert.equal(jobNameOf('arn:aws:sagemaker:us-west-2:111122223333:labeling-job/my-cat-job'), 'labeling-job/my-cat-job');
    assert.equal(jobNameOf('arn:aws:sagemaker:us-west-2:111122223333:processing-job/x'), undefined);
  });

  it('reads the payload with readPayload and uses the event\'s label attribute and categories', async () => {
    const reads: string[] = [];
    const result = await postAnnotation(scenarioEvent, {
      readPayload: async (uri) => {
        reads.push(uri);
        return JSON.stringify(payload());
      },
    });
    assert.deepEqual(reads, ['s3://DOC-EXAMPLE-BUCKET/annotations.json']);
    assert.deepEqual(labels(result), { '0': '4', '1': '2', '2': '1', '3': '5' });
  });

  it('applies the event\'s labelCategories (Ground Truth\'s example categories reject ratings)', async () => {
    const result = await postAnnotation(event, { readPayload: async () => payload() });
    assert.equal(result.response.length, 0);
    assert.match(result.errors[0].message, /label "4" is not one of the label categories \["Ex Category1","Ex Category2","Ex Category3"\]/);
    assert.equal(result.errors.filter((error) => error.annotationIndex === undefined).length, 4);
  });

  it('loads annotations stored by s3Uri (and the s3uri spelling of Ground Truth\'s sample code)', async () => {
    const input = payload();
    const objects = new Map<string, string>();
    input[0].annotations.forEach((annotation, j) => {
      const uri = `s3://quorum-bucket/worker-response/0/${j}.json`;
      objects.set(uri, annotation.annotationData.content!);
      annotation.annotationData = j === 2 ? ({ s3uri: uri } as never) : { s3Uri: uri };
    });
    input[1].annotations[0].annotationData = { s3Uri: 's3://quorum-bucket/missing.json' };
    const result = await postAnnotation(scenarioEvent, {
      readPayload: async (uri) => {
        if (uri === scenarioEvent.payload.s3Uri) return input;
        const text = objects.get(uri);
        if (text === undefined) throw new Error('NoSuchKey');
        return text;
      },
      method: 'majority-vote',
    });
    assert.deepEqual(labels(result), { '0': '4', '1': '2', '2': '1', '3': '5' });
    assert.deepEqual(result.errors, [
      {
        datasetObjectId: '1',
        index: 1,
        workerId: 'private.us-west-2.w1',
        annotationIndex: 0,
        path: '/1/annotations/0/annotationData/s3Uri',
        message: 'could not read s3://quorum-bucket/missing.json: NoSuchKey',
      },
    ]);
  });

  it('throws a clear error when the event or payload cannot be used at all', async () => {
    const readPayload = async () => payload();
    await assert.rejects(postAnnotation({ ...event, payload: {} }, { readPayload }), /post-annotation event: event is invalid:\n.*\/payload is missing the required property "s3Uri"/);
    await assert.rejects(postAnnotation({ ...event, labelAttributeName: undefined }, { readPayload }), /labelAttributeName/);
    await assert.rejects(postAnnotation({ ...event, payload: { s3Uri: 'https://x/y' } }, { readPayload }), /\/payload\/s3Uri must match/);
    await assert.rejects(postAnnotation(event, {}), /needs options\.readPayload to load s3:\/\/DOC-EXAMPLE-BUCKET\/annotations\.json/);
    await assert.rejects(
      postAnnotation(event, { readPayload: async () => { throw new Error('AccessDenied'); } }),
      /could not read the post-annotation payload s3:\/\/DOC-EXAMPLE-BUCKET\/annotations\.json: AccessDenied/,
    );
    await assert.rejects(postAnnotation(event, { readPayload: async () => '[{' }), /payload s3:\/\/DOC-EXAMPLE-BUCKET\/annotations\.json is not valid JSON/);
    await assert.rejects(postAnnotation(event, { readPayload: async () => ({}) }), /must be an array of data objects/);
  });
});
