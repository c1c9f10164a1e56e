import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateOutputManifestLine } from '@quorum/schema';
import { cli, fixture, tempDir } from './helpers.js';

const inputManifest = fixture('fixtures/input.manifest');
const majority = fixture('fixtures/expected-response.majority.json');
const base = ['--label-attribute', 'relevance', '--job-name', 'chatbot-relevance', '--creation-date', '2026-11-23T10:00:00.000Z'];

describe('quorum manifest', () => {
  it('writes each input line with relevance and relevance-metadata (custom workflow)', async () => {
    const { code, stdout, stderr } = await cli('manifest', '--input', inputManifest, '--consolidated', majority, ...base);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.equal(stdout, readFileSync(fixture('fixtures/expected-output.manifest'), 'utf8'));
    const inputs = readFileSync(inputManifest, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(lines.length, inputs.length);
    for (const [index, line] of lines.entries()) {
      assert.equal(validateOutputManifestLine(line, 'relevance').valid, true);
      for (const [key, value] of Object.entries(inputs[index]!)) assert.deepEqual(line[key], value);
      const metadata = line['relevance-metadata'] as Record<string, unknown>;
      assert.equal(metadata.type, 'groundTruth/custom');
      assert.equal(metadata.job_name, 'chatbot-relevance');
      assert.equal(metadata.creation_date, '2026-11-23T10:00:00.000000');
    }
  });

  it('writes the built-in text-classification spelling with the class index', async () => {
    const { code, stdout } = await cli(
      'manifest', '--input', inputManifest, '--consolidated', majority, ...base,
      '--task-type', 'text-classification', '--event', fixture('fixtures/post-annotation-event.json'),
    );
    assert.equal(code, 0);
    const first = JSON.parse(stdout.split('\n')[0]!) as Record<string, unknown>;
    assert.equal(first.relevance, '4');
    assert.deepEqual(Object.keys(first['relevance-metadata'] as object).sort(), [
      'class-name', 'confidence', 'creation-date', 'human-annotated', 'job-name', 'type',
    ]);
    assert.equal((first['relevance-metadata'] as Record<string, unknown>).type, 'groundtruth/text-classification');
    assert.equal(validateOutputManifestLine(first, 'relevance').valid, true);
  });

  it('reports lines without an annotation and malformed lines by line number, and writes the rest', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const input = join(dir, 'input.manifest');
      const lines = readFileSync(inputManifest, 'utf8').trim().split('\n');
      lines[2] = '{"source": broken';
      writeFileSync(input, `${lines.join('\n')}\n{"source": "a ninth line nobody rated"}\n`);
      const { code, stdout, stderr } = await cli('manifest', '--input', input, '--consolidated', majority, ...base);
      assert.equal(code, 1);
      assert.equal(stdout.trim().split('\n').length, 7);
      assert.match(stderr, /input\.manifest: line 3: is not valid JSON/);
      assert.match(stderr, /input\.manifest: line 9, data object "8": has no consolidated annotation/);
      assert.match(stderr, /expected-response\.majority\.json: data object "2": matches no input line/);
      assert.match(stderr, /\n3 problems found\n$/);
    } finally {
      cleanup();
    }
  });

  it('needs the categories for built-in types, a valid date and a valid response', async () => {
    const categories = await cli('manifest', '--input', inputManifest, '--consolidated', majority, ...base, '--task-type', 'image-classification');
    assert.equal(categories.code, 2);
    assert.match(categories.stderr, /give --categories or --event/);
    const date = await cli('manifest', '--input', inputManifest, '--consolidated', majority, '--label-attribute', 'relevance', '--job-name', 'j', '--creation-date', 'yesterday');
    assert.equal(date.code, 2);
    assert.match(date.stderr, /--creation-date must be an ISO date/);
    const { dir, cleanup } = tempDir();
    try {
      const bad = join(dir, 'response.json');
      writeFileSync(bad, JSON.stringify([{ datasetObjectId: 0 }]));
      const response = await cli('manifest', '--input', inputManifest, '--consolidated', bad, ...base);
      assert.equal(response.code, 2);
      assert.match(response.stderr, /response\.json: consolidated response is invalid:\n {2}- \/0 is missing the required property "consolidatedAnnotation"/);
    } finally {
      cleanup();
    }
  });
});
