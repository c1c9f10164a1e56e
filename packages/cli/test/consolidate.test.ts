import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatePostAnnotationResponse } from '@quorum/schema';
import { cli, fixture, tempDir } from './helpers.js';

const payload = fixture('fixtures/payload.json');
const event = fixture('fixtures/post-annotation-event.json');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('quorum consolidate', () => {
  for (const method of ['majority', 'gt-dawid-skene'] as const) {
    it(`writes the post-annotation response of the relevance job (${method})`, async () => {
      const { code, stdout, stderr } = await cli('consolidate', '--payload', payload, '--event', event, '--method', method);
      assert.equal(stderr, '');
      assert.equal(code, 0);
      const response = JSON.parse(stdout) as unknown;
      assert.equal(validatePostAnnotationResponse(response).valid, true);
      assert.deepEqual(response, readJson(fixture(`fixtures/expected-response.${method}.json`)));
    });
  }

  it('defaults to Ground Truth\'s Dawid-Skene, and takes the label attribute from the option', async () => {
    const { code, stdout } = await cli('consolidate', '--payload', payload, '--label-attribute', 'relevance', '--categories', '1,2,3,4,5');
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), readJson(fixture('fixtures/expected-response.gt-dawid-skene.json')));
  });

  it('labels every item with a most-voted rating under majority vote', async () => {
    const { stdout } = await cli('consolidate', '--payload', payload, '--event', event, '--method', 'mv');
    const response = JSON.parse(stdout) as Array<{ datasetObjectId: string; consolidatedAnnotation: { content: Record<string, { label?: string; confidence?: number }> } }>;
    const items = readJson(payload) as Array<{ datasetObjectId: string; annotations: Array<{ annotationData: { content: string } }> }>;
    assert.equal(response.length, items.length);
    for (const item of items) {
      const votes = item.annotations.map((annotation) => (JSON.parse(annotation.annotationData.content) as { relevance: { label: string } }).relevance.label);
      const consolidated = response.find((entry) => entry.datasetObjectId === item.datasetObjectId)!;
      const label = consolidated.consolidatedAnnotation.content.relevance!.label!;
      const count = (candidate: string): number => votes.filter((vote) => vote === candidate).length;
      assert.equal(count(label), Math.max(...votes.map(count)), `item ${item.datasetObjectId}`);
      assert.equal(consolidated.consolidatedAnnotation.content['relevance-metadata']!.confidence, count(label) / votes.length);
    }
  });

  it('reports malformed annotations with their data object and worker, keeps the valid ones, exits 1', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'response.json');
      const errorsFile = join(dir, 'errors.json');
      const malformed = fixture('fixtures/payload.malformed.json');
      const { code, stderr } = await cli('consolidate', '--payload', malformed, '--event', event, '--method', 'majority', '--out', out, '--errors', errorsFile);
      assert.equal(code, 1);
      const lines = stderr.trim().split('\n');
      assert.equal(lines.length, 5);
      assert.match(lines[0]!, /payload\.malformed\.json: data object "0" \(item 0\), annotation 1 by worker private\.us-west-2\.7a9b0c1d2e3f4a5b: \/0\/annotations\/1\/annotationData\/content is not valid JSON/);
      assert.match(lines[1]!, /data object "1" \(item 1\), annotation 2 by worker private\.us-west-2\.c0ffee12ab34cd56: .*label "7" is not one of the label categories/);
      assert.match(lines[2]!, /data object "2" \(item 2\), annotation 0: \/2\/annotations\/0\/workerId is missing/);
      assert.match(lines[3]!, /data object "3" \(item 3\): \/3\/annotations is empty/);
      assert.equal(lines[4], '4 problems found');
      // Objects 0–2 keep their two valid annotations; object 3 is reported, so nothing is lost.
      const response = readJson(out) as Array<{ datasetObjectId: string; consolidatedAnnotation: { content: Record<string, { label?: string; 'worker-count'?: number }> } }>;
      assert.deepEqual(response.map((item) => item.datasetObjectId), ['0', '1', '2']);
      assert.deepEqual(response.map((item) => item.consolidatedAnnotation.content['relevance-metadata']!['worker-count']), [2, 2, 2]);
      assert.deepEqual(response.map((item) => item.consolidatedAnnotation.content.relevance!.label), ['5', '4', '1']);
      const errors = readJson(errorsFile) as Array<{ datasetObjectId: string }>;
      assert.deepEqual(errors.map((error) => error.datasetObjectId), ['0', '1', '2', '3']);
    } finally {
      cleanup();
    }
  });

  it('names the file for a missing payload, invalid JSON, a payload that is not an array and a bad event', async () => {
    const missing = await cli('consolidate', '--payload', 'missing.json', '--label-attribute', 'relevance');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /payload file not found: missing\.json/);

    const { dir, cleanup } = tempDir();
    try {
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, '[\n  {"datasetObjectId": "0",\n');
      const badJson = await cli('consolidate', '--payload', broken, '--label-attribute', 'relevance');
      assert.equal(badJson.code, 2);
      assert.match(badJson.stderr, /broken\.json:\d+:\d+: payload is not valid JSON/);

      const object = join(dir, 'object.json');
      writeFileSync(object, '{"datasetObjectId": "0"}');
      const notArray = await cli('consolidate', '--payload', object, '--label-attribute', 'relevance');
      assert.equal(notArray.code, 2);
      assert.match(notArray.stderr, /object\.json: the payload must be a JSON array/);

      const badEvent = join(dir, 'event.json');
      writeFileSync(badEvent, JSON.stringify({ labelAttributeName: 'relevance', payload: { s3Uri: 'not-an-s3-uri' } }));
      const eventResult = await cli('consolidate', '--payload', payload, '--event', badEvent);
      assert.equal(eventResult.code, 2);
      assert.match(eventResult.stderr, /event\.json: post-annotation event is invalid:\n {2}- \/payload\/s3Uri must match/);
    } finally {
      cleanup();
    }
  });

  it('rejects an unknown method and a label attribute that is missing', async () => {
    const method = await cli('consolidate', '--payload', payload, '--label-attribute', 'relevance', '--method', 'median');
    assert.equal(method.code, 2);
    assert.match(method.stderr, /--method must be one of majority, dawid-skene, gt-dawid-skene; got "median"/);
    const attribute = await cli('consolidate', '--payload', payload);
    assert.equal(attribute.code, 2);
    assert.match(attribute.stderr, /give --label-attribute <name> or --event <event\.json>/);
  });
});
