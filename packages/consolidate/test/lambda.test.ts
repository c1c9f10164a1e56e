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
  postAnnotationHandler,
  preAnnotationHandler,
  readS3Text,
} from '../src/lambda.js';
import type { ItemError } from '../src/lambda/post-annotation.js';
import { parseS3Uri } from '../src/lambda/s3-uri.js';
import { readSharedJson } from './helpers.js';

const REGION = 'us-west-2';
const BUCKET = 'quorum-gt-output';
/** Objects in the fake bucket, by key. */
const objects = new Map<string, string>();
const requests: string[] = [];

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
);

const client = () => new S3Client({ region: REGION, credentials: { accessKeyId: 'AKIDQUORUMTEST', secretAccessKey: 'quorum-test-secret' }, maxAttempts: 1 });

const payload = (): PayloadItem[] => JSON.parse(readFileSync(new URL('./fixtures/relevance-payload.json', import.meta.url), 'utf8'));
const eventFor = (key: string) => ({
  ...(readSharedJson('gt-reference/post-annotation-event.json') as object),
  labelAttributeName: 'relevance',
  labelCategories: ['1', '2', '3', '4', '5'],
  payload: { s3Uri: `s3://${BUCKET}/${key}` },
});

describe('Lambda handlers', () => {
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    objects.clear();
    requests.length = 0;
  });
  after(() => server.close());

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
