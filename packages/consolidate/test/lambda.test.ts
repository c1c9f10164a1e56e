/**
 * The Lambda handlers end to end: the real AWS SDK v3 S3 client sends real HTTPS requests, which
 * msw's Node interceptor answers as S3 would (virtual-hosted URLs, XML errors).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, describe, it } from 'node:test';
import { S3Client } from '@aws-sdk/client-s3';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { PayloadItem } from '@quorum/schema';
import {
  createPostAnnotationHandler,
  createPreAnnotationHandler,
  OUTPUT_PREFIX_VARIABLE,
  postAnnotationHandler,
  preAnnotationHandler,
  readS3Text,
  resolveOutputPrefix,
} from '../src/lambda.js';
import type { ItemError } from '../src/lambda/post-annotation.js';
import { parseS3Uri } from '../src/lambda/s3-uri.js';
import { decodePng } from '../src/spatial/png.js';
import { readSharedJson } from './helpers.js';
import { birdAnswers, payloadItem, segmentationAnswer } from './segmentation-payload.js';

const REGION = 'us-west-2';
const BUCKET = 'quorum-gt-output';
/** Objects in the fake bucket, by key. */
const objects = new Map<string, string>();
const requests: string[] = [];
/** Objects written with PutObject, by key, with their content type. */
const puts = new Map<string, { body: Uint8Array; contentType: string | null }>();

const server = setupServer(
  http.get(new RegExp(`^https://${BUCKET}\\.s3\\.${REGION}\\.amazonaws\\.com/`), ({ request }) => {
    const url = new URL(request.url);
    const key = decodeURIComponent(url.pathname.slice(1));
    requests.push(key);
    const body = objects.get(key);
    if (body === undefined) {
      return new HttpResponse(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`,
        { status: 404, headers: { 'Content-Type': 'application/xml' } },
      );
    }
    return new HttpResponse(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
  }),
  http.put(new RegExp(`^https://${BUCKET}\\.s3\\.${REGION}\\.amazonaws\\.com/`), async ({ request }) => {
    const key = decodeURIComponent(new URL(request.url).pathname.slice(1));
    if (key.startsWith('read-only/')) {
      return new HttpResponse('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>', { status: 403, headers: { 'Content-Type': 'application/xml' } });
    }
    puts.set(key, { body: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get('content-type') });
    return new HttpResponse(null, { status: 200, headers: { ETag: '"quorum"' } });
  }),
);

const client = () => new S3Client({ region: REGION, credentials: { accessKeyId: 'AKIDQUORUMTEST', secretAccessKey: 'quorum-test-secret' }, maxAttempts: 1 });

const payload = (): PayloadItem[] => JSON.parse(readFileSync(new URL('./fixtures/relevance-payload.json', import.meta.url), 'utf8'));
/** GT's sample post-annotation event, pointed at a payload in the fake bucket. */
const postEvent = (key: string, labelAttributeName: string, labelCategories: string[]) => ({
  ...(readSharedJson('gt-reference/post-annotation-event.json') as object),
  labelAttributeName,
  labelCategories,
  payload: { s3Uri: `s3://${BUCKET}/${key}` },
});
const eventFor = (key: string) => postEvent(key, 'relevance', ['1', '2', '3', '4', '5']);

/** Serves the fake bucket during the suite and empties it after each test. */
function useFakeS3(): void {
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    objects.clear();
    requests.length = 0;
    puts.clear();
  });
  after(() => server.close());
}

describe('Lambda handlers', () => {
  useFakeS3();

  it('post-annotation: reads the payload from S3 and returns the consolidated response', async () => {
    objects.set('rate-answers/annotations/consolidated-annotation/consolidation-request/iteration-1/2024-01-01_00:00:00.json', JSON.stringify(payload()));
    const handler = createPostAnnotationHandler({ s3Client: client(), method: 'majority-vote' });
    const response = await handler(eventFor('rate-answers/annotations/consolidated-annotation/consolidation-request/iteration-1/2024-01-01_00:00:00.json'));
    assert.deepEqual(
      response.map((item) => [item.datasetObjectId, (item.consolidatedAnnotation.content.relevance as { label: string }).label]),
      [['0', '4'], ['1', '2'], ['2', '1'], ['3', '5']],
    );
    assert.equal(requests.length, 1);
  });

  it('post-annotation: resolves annotations stored by s3Uri, with spaces and Unicode in keys', async () => {
    const input = payload();
    input[2].annotations.forEach((annotation, j) => {
      const key = `worker responses/2/réponse ${j}+%.json`;
      objects.set(key, annotation.annotationData.content!);
      annotation.annotationData = { s3Uri: `s3://${BUCKET}/${key}` };
    });
    objects.set('batch 1/payload.json', JSON.stringify(input));
    const reported: ItemError[][] = [];
    const handler = createPostAnnotationHandler({ s3Client: client(), onErrors: (errors) => reported.push(errors) });
    const response = await handler(eventFor('batch 1/payload.json'));
    assert.equal(response.length, 4);
    assert.equal((response[2].consolidatedAnnotation.content.relevance as { label: string }).label, '1');
    assert.deepEqual(reported, []);
    assert.deepEqual(requests.sort(), ['batch 1/payload.json', 'worker responses/2/réponse 0+%.json', 'worker responses/2/réponse 1+%.json', 'worker responses/2/réponse 2+%.json']);
  });

  it('post-annotation: logs item errors as JSON lines and still answers for the valid objects', async () => {
    const input = payload();
    input[0].annotations[0].annotationData.content = 'not json';
    input[1].annotations[0].annotationData = { s3Uri: `s3://${BUCKET}/gone.json` };
    objects.set('p.json', JSON.stringify(input));
    const logged: string[] = [];
    const original = console.error;
    console.error = (line: string) => logged.push(line);
    try {
      const response = await createPostAnnotationHandler({ s3Client: client() })(eventFor('p.json'));
      assert.equal(response.length, 4);
    } finally {
      console.error = original;
    }
    const records = logged.map((line) => JSON.parse(line));
    assert.deepEqual(
      records.map(({ level, source, datasetObjectId, path, labelingJobArn, payloadUri }) => ({ level, source, datasetObjectId, path, labelingJobArn, payloadUri })),
      [
        { level: 'error', source: '@quorum/consolidate', datasetObjectId: '0', path: '/0/annotations/0/annotationData/content', labelingJobArn: 'arn:aws:sagemaker:us-west-2:111122223333:labeling-job/labeling-job-name', payloadUri: `s3://${BUCKET}/p.json` },
        { level: 'error', source: '@quorum/consolidate', datasetObjectId: '1', path: '/1/annotations/0/annotationData/s3Uri', labelingJobArn: 'arn:aws:sagemaker:us-west-2:111122223333:labeling-job/labeling-job-name', payloadUri: `s3://${BUCKET}/p.json` },
      ],
    );
    assert.match(records[1].message, /could not read s3:\/\/quorum-gt-output\/gone\.json: S3 GetObject s3:\/\/quorum-gt-output\/gone\.json failed: NoSuchKey \(HTTP 404\)/);
  });

  it('post-annotation: a missing payload object fails the invocation with a clear error', async () => {
    const handler = createPostAnnotationHandler({ s3Client: client() });
    await assert.rejects(
      handler(eventFor('no/such/payload.json')),
      /could not read the post-annotation payload s3:\/\/quorum-gt-output\/no\/such\/payload\.json: S3 GetObject .* failed: NoSuchKey \(HTTP 404\)/,
    );
    await assert.rejects(handler({ labelAttributeName: 'x' }), /post-annotation event: event is invalid:[\s\S]*payload/);
  });

  it('the default postAnnotationHandler builds its S3 client from the Lambda environment', async () => {
    const environment = { AWS_REGION: REGION, AWS_ACCESS_KEY_ID: 'AKIDQUORUMTEST', AWS_SECRET_ACCESS_KEY: 'quorum-test-secret' };
    const saved = Object.fromEntries(Object.keys(environment).map((name) => [name, process.env[name]]));
    Object.assign(process.env, environment);
    try {
      objects.set('default.json', JSON.stringify(payload()));
      const response = await postAnnotationHandler(eventFor('default.json'));
      const metadata = response[3].consolidatedAnnotation.content['relevance-metadata'] as Record<string, unknown>;
      assert.equal(metadata['consolidation-method'], 'gt-dawid-skene');
      assert.equal(metadata.confidence, 0);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('readS3Text rejects malformed URIs before calling S3', async () => {
    await assert.rejects(readS3Text(client(), 'https://bucket/key'), /is not an S3 URI/);
    assert.equal(requests.length, 0);
  });

  it('pre-annotation handlers return the documented response', async () => {
    const event = readSharedJson('gt-reference/pre-annotation-event.source.json') as { dataObject: object };
    assert.deepEqual(await preAnnotationHandler(event), { taskInput: event.dataObject, isHumanAnnotationRequired: true });
    const routed = createPreAnnotationHandler({ isHumanAnnotationRequired: () => false });
    assert.equal((await routed(event)).isHumanAnnotationRequired, false);
    await assert.rejects(preAnnotationHandler({}), /pre-annotation event/);
  });
});

describe('Lambda handlers: every answer type through the real handler path', () => {
  useFakeS3();

  it('GT\'s bounding-box payload, dispatched on the template\'s answer schema', async () => {
    objects.set('boxes/payload.json', JSON.stringify(readSharedJson('gt-reference/post-annotation-payload.bounding-box.json')));
    const schema = { type: 'object', properties: { boundingBox: { type: 'object', properties: { boundingBoxes: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' } } } }, inputImageProperties: { type: 'object' } } } } };
    const handler = createPostAnnotationHandler({ s3Client: client(), schema, onErrors: (errors) => assert.fail(JSON.stringify(errors)) });
    const response = await handler(postEvent('boxes/payload.json', 'bird-boxes', ['Bird']));
    assert.deepEqual(response, [
      {
        datasetObjectId: '0',
        consolidatedAnnotation: {
          content: {
            'bird-boxes': { boundingBox: { boundingBoxes: [{ height: 2052, label: 'Bird', left: 583, top: 302, width: 1375 }], inputImageProperties: { height: 2497, width: 3745 } } },
            'bird-boxes-metadata': { 'worker-count': 1, 'human-annotated': 'yes', answers: { boundingBox: { kind: 'boxes', method: 'iou-match', objects: [{ confidence: 1 }], dropped: 0, 'worker-count': 1 } } },
          },
        },
      },
    ]);
  });

  it('GT\'s NER payload with its annotations stored by s3Uri, and the segmentation payload passed through', async () => {
    const ner = readSharedJson('gt-reference/post-annotation-payload.named-entity-recognition.json') as PayloadItem[];
    objects.set('ner/worker-0.json', ner[0].annotations[0].annotationData.content!);
    ner[0].annotations[0].annotationData = { s3Uri: `s3://${BUCKET}/ner/worker-0.json` };
    objects.set('ner/payload.json', JSON.stringify(ner));
    const schema = { type: 'object', properties: { 'crowd-entity-annotation': { type: 'object', properties: { entities: { type: 'array', items: { type: 'object', properties: { label: { enum: ['verb', 'number', 'object'] } } } } } } } };
    const response = await createPostAnnotationHandler({ s3Client: client(), schema })(postEvent('ner/payload.json', 'recipe-ner', []));
    const content = response[0].consolidatedAnnotation.content as Record<string, Record<string, { entities: unknown[] }>>;
    assert.equal(content['recipe-ner']['crowd-entity-annotation'].entities.length, 4);
    assert.deepEqual(requests.sort(), ['ner/payload.json', 'ner/worker-0.json']);

    // GT's example is consolidated as a segmentation; its PNG is truncated in the docs, so the object is reported, not dropped.
    objects.set('seg/payload.json', JSON.stringify(readSharedJson('gt-reference/post-annotation-payload.semantic-segmentation.json')));
    const reported: ItemError[] = [];
    const passed = await createPostAnnotationHandler({ s3Client: client(), attributes: {}, onErrors: (errors) => reported.push(...errors) })(postEvent('seg/payload.json', 'birds-ref', []));
    assert.deepEqual(passed, []);
    assert.deepEqual(reported.map((error) => [error.datasetObjectId, error.workerId, error.answerName]), [
      ['2', 'private.us-west-2.ab1234c5678a919d0', 'crowd-semantic-segmentation'],
      ['2', undefined, undefined],
    ]);
    assert.match(reported[0]!.message, /answer "crowd-semantic-segmentation" data object 2, worker private\.us-west-2\.ab1234c5678a919d0: labeledImage\.pngImageData is not a readable PNG/);
    assert.equal(puts.size, 0);
  });

  it('a toy payload per answer type: ratings, pairwise, ranking, multi-select, free text', async () => {
    const answers = [
      { stars: { rating: 4 }, pref: { choice: 'A' }, order: { responseRankings: [1, 2] }, tags: { labels: ['a'] }, note: 'x' },
      { stars: { rating: 2 }, pref: { choice: 'A' }, order: { responseRankings: [2, 1] }, tags: { labels: ['a', 'b'] }, note: 'y' },
      { stars: { rating: 3 }, pref: { choice: 'B' }, order: { responseRankings: [1, 2] }, tags: { labels: ['b', 'a'] } },
    ];
    objects.set('toy.json', JSON.stringify([{ datasetObjectId: '0', dataObject: { content: 'q' }, annotations: answers.map((answer, i) => ({ workerId: `w${i}`, annotationData: { content: JSON.stringify(answer) } })) }]));
    const schema = {
      type: 'object',
      properties: {
        stars: { type: 'object', properties: { rating: { type: 'integer' } } },
        pref: { type: 'object', properties: { choice: { enum: ['A', 'B', 'tie', 'both-bad'] } } },
        order: { type: 'object', properties: { responseRankings: { type: 'array' } } },
        tags: { type: 'object', properties: { labels: { type: 'array', items: { enum: ['a', 'b'] } } } },
        note: { type: 'string' },
      },
    };
    const [item] = await createPostAnnotationHandler({ s3Client: client(), schema, bootstrapSamples: 0 })(postEvent('toy.json', 'review', []));
    assert.deepEqual(item.consolidatedAnnotation.content.review, {
      stars: { rating: 3 },
      pref: { choice: 'A' },
      order: { responseRankings: [1, 2] },
      tags: { labels: ['a', 'b'] },
      note: 'x',
    });
  });

  it('pre-annotation: routing options, with each decision logged as a JSON line', async () => {
    const logged: string[] = [];
    const original = console.log;
    console.log = (line: string) => logged.push(line);
    try {
      const handler = createPreAnnotationHandler({ escalate: [{ name: 'angry', path: 'sentiment', op: '<', value: -0.5 }], sampling: { rate: 0 } });
      const base = { version: '2018-10-16', labelingJobArn: 'arn:aws:sagemaker:us-west-2:111122223333:labeling-job/chats' };
      assert.deepEqual(await handler({ ...base, dataObject: { 'source-ref': 's3://c/1.json', sentiment: -0.9 } }), { taskInput: { 'source-ref': 's3://c/1.json', sentiment: -0.9 }, isHumanAnnotationRequired: true });
      assert.equal((await handler({ ...base, dataObject: { 'source-ref': 's3://c/2.json', sentiment: 0.4 } })).isHumanAnnotationRequired, false);
    } finally {
      console.log = original;
    }
    const records = logged.map((line) => JSON.parse(line));
    assert.deepEqual(records.map((r) => [r.event, r['source-ref'], r.humanAnnotationRequired, r.reasons[0].name]), [
      ['routing', 's3://c/1.json', true, 'angry'],
      ['routing', 's3://c/2.json', false, 'default'],
    ]);
    assert.equal(records[0].labelingJobArn, 'arn:aws:sagemaker:us-west-2:111122223333:labeling-job/chats');
    assert.throws(() => createPreAnnotationHandler({ sampling: { rate: -1 } }), /sampling\.rate must be a number from 0 to 1/, 'bad options fail at cold start');
  });
});

describe('Lambda handlers: semantic segmentation, label images written to S3', () => {
  useFakeS3();

  const JOB = 'out/birds/annotations';
  const PAYLOAD_KEY = `${JOB}/consolidated-annotation/consolidation-request/iteration-1/2026-11-23_10:00:00.json`;
  const creationDate = new Date('2026-11-23T10:00:00.123Z');
  const segEvent = (extra: object = {}) => ({ ...postEvent(PAYLOAD_KEY, 'birds', ['Bird', 'Tree']), ...extra });
  const schema = { type: 'object', properties: { seg: { type: 'object', 'x-quorum-element': 'crowd-semantic-segmentation', properties: { inputImageProperties: { type: 'object' }, labelMappings: { type: 'object' }, labeledImage: { type: 'object' } } } } };

  /** Stores a payload whose object "0" has the toy bird masks, one of them by s3Uri. */
  async function storeBirdPayload(extraItems: Record<string, unknown>[] = []): Promise<void> {
    const item = payloadItem('0', (await birdAnswers()).map((seg) => ({ seg })));
    const annotations = item.annotations as { annotationData: { content?: string; s3Uri?: string } }[];
    objects.set('worker-responses/0/w2.json', annotations[2]!.annotationData.content!);
    annotations[2]!.annotationData = { s3Uri: `s3://${BUCKET}/worker-responses/0/w2.json` };
    objects.set(PAYLOAD_KEY, JSON.stringify([item, ...extraItems]));
  }

  it('consolidates the masks, PUTs the PNG where Ground Truth puts its own, and answers in the built-in shape', async () => {
    await storeBirdPayload();
    const handler = createPostAnnotationHandler({ s3Client: client(), schema, creationDate, onErrors: (errors) => assert.fail(JSON.stringify(errors)) });
    const response = await handler(segEvent());
    const key = `${JOB}/consolidated-annotation/output/0_2026-11-23T10:00:00.123000.png`;
    const colorMap = {
      '0': { 'class-name': 'BACKGROUND', 'hex-color': '#ffffff', confidence: 0.78 },
      '1': { 'class-name': 'Bird', 'hex-color': '#2ca02c', confidence: 0.78 },
      // Tree was used by no worker: it takes the first palette colour no class has.
      '2': { 'class-name': 'Tree', 'hex-color': '#1f77b4', confidence: 0.78 },
    };
    assert.deepEqual(response, [
      {
        datasetObjectId: '0',
        consolidatedAnnotation: {
          content: {
            'birds-ref': `s3://${BUCKET}/${key}`,
            'birds-ref-metadata': {
              'internal-color-map': colorMap,
              type: 'groundtruth/semantic-segmentation',
              'human-annotated': 'yes',
              'creation-date': '2026-11-23T10:00:00.123000',
              'job-name': 'labeling-job/labeling-job-name',
            },
          },
        },
      },
    ]);
    assert.deepEqual([...puts.keys()], [key]);
    assert.equal(puts.get(key)!.contentType, 'image/png');
    const image = await decodePng(puts.get(key)!.body, { keepIndices: true });
    assert.ok('indices' in image);
    assert.deepEqual([image.width, image.height, [...image.indices]], [2, 2, [1, 1, 0, 0]]);
    assert.deepEqual([...image.palette.slice(4, 7)], [0x2c, 0xa0, 0x2c], 'class 1 is painted in Bird\'s colour');
    assert.deepEqual(requests.sort(), [PAYLOAD_KEY, 'worker-responses/0/w2.json']);
  });

  it('writes under outputConfig, the outputPrefix option or QUORUM_OUTPUT_PREFIX when given', async () => {
    await storeBirdPayload();
    await createPostAnnotationHandler({ s3Client: client(), schema, creationDate })(segEvent({ outputConfig: `s3://${BUCKET}/configured/annotations` }));
    await createPostAnnotationHandler({ s3Client: client(), schema, creationDate, outputPrefix: `s3://${BUCKET}/by-option` })(segEvent());
    const saved = process.env[OUTPUT_PREFIX_VARIABLE];
    process.env[OUTPUT_PREFIX_VARIABLE] = `s3://${BUCKET}/by-env/`;
    try {
      await createPostAnnotationHandler({ s3Client: client(), schema, creationDate })(segEvent({ outputConfig: `s3://${BUCKET}/configured/annotations` }));
    } finally {
      if (saved === undefined) delete process.env[OUTPUT_PREFIX_VARIABLE];
      else process.env[OUTPUT_PREFIX_VARIABLE] = saved;
    }
    assert.deepEqual([...puts.keys()], [
      'configured/annotations/consolidated-annotation/output/0_2026-11-23T10:00:00.123000.png',
      'by-option/0_2026-11-23T10:00:00.123000.png',
      'by-env/0_2026-11-23T10:00:00.123000.png',
    ]);
    assert.throws(() => createPostAnnotationHandler({ outputPrefix: 'bucket/prefix' }), /not an S3 URI/, 'a bad prefix fails at cold start');
    assert.throws(() => resolveOutputPrefix({ payload: { s3Uri: 's3://b-1/elsewhere/payload.json' } }, undefined), /no output location for consolidated label images: .*set the handler option outputPrefix or the environment variable QUORUM_OUTPUT_PREFIX/);
  });

  it('reports, per data object, a failed PUT and masks that cannot be used; the other objects are answered', async () => {
    const corrupt = payloadItem('1', [{ seg: { ...(await segmentationAnswer(2, ['Bird', null, null, null])), labeledImage: { pngImageData: 'bm90IGEgcG5n' } } }]);
    const tree = payloadItem('2', [{ seg: await segmentationAnswer(2, ['Tree', 'Tree', 'Tree', null]) }]);
    await storeBirdPayload([corrupt, tree]);
    const reported: ItemError[] = [];
    const response = await createPostAnnotationHandler({ s3Client: client(), schema, creationDate, onErrors: (errors) => reported.push(...errors) })(segEvent());
    assert.deepEqual(response.map((item) => item.datasetObjectId), ['0', '2']);
    assert.deepEqual(reported.map((error) => [error.datasetObjectId, error.workerId, error.answerName]), [['1', 'w0', 'seg'], ['1', undefined, undefined]]);
    assert.match(reported[0]!.message, /data object 1, worker w0: labeledImage\.pngImageData is not a readable PNG/);

    reported.length = 0;
    puts.clear();
    const denied = await createPostAnnotationHandler({ s3Client: client(), schema, creationDate, outputPrefix: `s3://${BUCKET}/read-only/`, onErrors: (errors) => reported.push(...errors) })(segEvent());
    assert.deepEqual(denied, []);
    const putFailures = reported.filter((error) => /could not be stored/.test(error.message));
    assert.deepEqual(putFailures.map((error) => error.datasetObjectId), ['0', '2']);
    assert.match(putFailures[0]!.message, new RegExp(`answers "seg": the consolidated label image 0_2026-11-23T10:00:00\\.123000\\.png could not be stored: S3 PutObject s3://${BUCKET}/read-only/0_2026-11-23T10:00:00\\.123000\\.png failed: AccessDenied \\(HTTP 403\\)`));
    assert.deepEqual(new Set(reported.map((error) => error.datasetObjectId)), new Set(['0', '1', '2']), 'every object is reported');
  });

  it('a template with a segmentation and a classifier keeps the answer-object form, with the image by reference', async () => {
    const masks = await birdAnswers();
    const quality = ['good', 'good', 'bad'];
    objects.set(PAYLOAD_KEY, JSON.stringify([payloadItem('0', masks.map((seg, i) => ({ seg, quality: { label: quality[i] } })))]));
    const mixed = { type: 'object', properties: { ...schema.properties, quality: { type: 'object', properties: { label: { enum: ['good', 'bad'] } } } } };
    const [item] = await createPostAnnotationHandler({ s3Client: client(), schema: mixed, creationDate, method: 'majority-vote', labelCategories: undefined })({ ...segEvent(), labelCategories: [] });
    const content = item!.consolidatedAnnotation.content as { birds: Record<string, Record<string, unknown>>; 'birds-metadata': { answers: Record<string, Record<string, unknown>> } };
    const key = `${JOB}/consolidated-annotation/output/0_2026-11-23T10:00:00.123000.png`;
    assert.deepEqual(content.birds, { seg: { ref: `s3://${BUCKET}/${key}`, inputImageProperties: { width: 2, height: 2 } }, quality: { label: 'good' } });
    const seg = content['birds-metadata'].answers.seg!;
    assert.deepEqual([seg.kind, seg.element, seg.method, seg.confidence, seg['worker-count']], ['semantic-segmentation', 'crowd-semantic-segmentation', 'pixel-vote', 0.78, 3]);
    assert.deepEqual(Object.values(seg['internal-color-map'] as object).map((entry: { 'class-name': string }) => entry['class-name']), ['BACKGROUND', 'Bird']);
    assert.ok(puts.has(key));
  });
});

describe('parseS3Uri', () => {
  it('splits bucket and key, keeping the key literally', () => {
    assert.deepEqual(parseS3Uri('s3://DOC-EXAMPLE-BUCKET/annotations.json'), { bucket: 'DOC-EXAMPLE-BUCKET', key: 'annotations.json' });
    assert.deepEqual(parseS3Uri('s3://my.bucket/a/b c/ünï%20code+😀.json'), { bucket: 'my.bucket', key: 'a/b c/ünï%20code+😀.json' });
    assert.deepEqual(parseS3Uri('s3://b-1/dir/'), { bucket: 'b-1', key: 'dir/' });
    assert.deepEqual(parseS3Uri('s3://bucket/line\nbreak'), { bucket: 'bucket', key: 'line\nbreak' });
  });

  it('names what is wrong with a malformed URI', () => {
    assert.throws(() => parseS3Uri('https://bucket.s3.amazonaws.com/key'), /"https:\/\/bucket\.s3\.amazonaws\.com\/key" is not an S3 URI; expected s3:\/\/bucket\/key/);
    assert.throws(() => parseS3Uri('s3://bucket'), /is not an S3 URI/);
    assert.throws(() => parseS3Uri('s3://bucket/'), /has no object key/);
    assert.throws(() => parseS3Uri('s3:///key'), /invalid bucket name ""/);
    assert.throws(() => parseS3Uri('s3://a/key'), /invalid bucket name "a"/);
    assert.throws(() => parseS3Uri('s3://bad bucket/key'), /invalid bucket name/);
    assert.throws(() => parseS3Uri(42 as unknown as string), /found number/);
  });
});
