import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatePostAnnotationResponse } from '@quorum/schema';
import { cli, repoRoot, tempDir } from './helpers.js';

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const jsonl = (records: unknown[]) => records.map((record) => JSON.stringify(record)).join('\n') + '\n';

/** A review template with a rating, a pairwise preference, a multi-select, boxes and a comment. */
const TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-rating name="stars" max="5" allow-comment></crowd-rating>
  <crowd-pairwise name="preference" response-a="{{ task.input.response_a }}" response-b="{{ task.input.response_b }}" rationale></crowd-pairwise>
  <crowd-classifier-multi-select name="issues" categories="['factual', 'tone', 'length']" header="Issues"></crowd-classifier-multi-select>
  <crowd-radio-group>
    <crowd-radio-button name="verdict" value="keep">Keep</crowd-radio-button>
    <crowd-radio-button name="verdict" value="drop">Drop</crowd-radio-button>
  </crowd-radio-group>
  <crowd-text-area name="comment"></crowd-text-area>
</crowd-form>
`;

const WORKERS = ['w1', 'w2', 'w3'];
const inputs = [
  { prompt: 'Reset my password', response: 'Settings → Security.', response_a: 'Settings → Security.', response_b: 'I cannot help.' },
  { prompt: 'Translate "merci"', response: 'thanks', response_a: 'thanks', response_b: 'thank you' },
];
const answers = [
  [
    { stars: { rating: 5, comment: 'exact' }, preference: { choice: 'A' }, issues: { labels: [] }, verdict: { keep: true, drop: false }, comment: 'good' },
    { stars: { rating: 4 }, preference: { choice: 'A', rationale: 'A answers' }, issues: { labels: ['length'] }, verdict: { keep: true, drop: false } },
    { stars: { rating: 5 }, preference: { choice: 'B' }, issues: { labels: [] }, verdict: { keep: false, drop: true } },
  ],
  [
    { stars: { rating: 2 }, preference: { choice: 'B' }, issues: { labels: ['tone'] }, verdict: { keep: false, drop: true } },
    { stars: { rating: 3 }, preference: { choice: 'B' }, issues: { labels: ['tone', 'factual'] }, verdict: { keep: false, drop: true } },
    { stars: 'not an answer', preference: { choice: 'tie' }, issues: { labels: ['tone'] }, verdict: { keep: false, drop: true } },
  ],
];
const payload = answers.map((byWorker, i) => ({
  datasetObjectId: String(i),
  dataObject: { content: inputs[i]!.prompt },
  annotations: byWorker.map((answer, w) => ({ workerId: WORKERS[w]!, annotationData: { content: JSON.stringify(answer) } })),
}));

function setUp() {
  const { dir, cleanup } = tempDir();
  const files = {
    template: join(dir, 'review.liquid.html'),
    payload: join(dir, 'payload.json'),
    input: join(dir, 'input.manifest'),
    response: join(dir, 'response.json'),
    schema: join(dir, 'answer.schema.json'),
    errors: join(dir, 'errors.json'),
    manifest: join(dir, 'output.manifest'),
    out: join(dir, 'out.jsonl'),
  };
  writeFileSync(files.template, TEMPLATE);
  writeFileSync(files.payload, JSON.stringify(payload));
  writeFileSync(files.input, jsonl(inputs));
  return { dir, cleanup, files };
}

describe('quorum consolidate --template/--schema', () => {
  it('consolidates every answer of the template by its kind, reporting the malformed one', async () => {
    const { cleanup, files } = setUp();
    try {
      const run = await cli('consolidate', '--payload', files.payload, '--template', files.template, '--label-attribute', 'review', '--bootstrap', '0', '--out', files.response, '--errors', files.errors);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /payload\.json: data object "1" \(item 1\), annotation 2 by worker w3: \/1\/annotations\/2\/annotationData\/content answer "stars" must be \{"rating": <number>\}, found "not an answer"/);
      const response = readJson(files.response) as Array<{ consolidatedAnnotation: { content: Record<string, Record<string, unknown>> } }>;
      assert.equal(validatePostAnnotationResponse(response).valid, true);
      assert.deepEqual(response[0]!.consolidatedAnnotation.content.review, {
        stars: { rating: 14 / 3 },
        preference: { choice: 'A' },
        issues: { labels: [] },
        verdict: { keep: true, drop: false },
        comment: 'good',
      });
      assert.deepEqual(response[1]!.consolidatedAnnotation.content.review!.issues, { labels: ['tone'] });
      const answersMetadata = response[0]!.consolidatedAnnotation.content['review-metadata']!.answers as Record<string, { kind: string; element?: string }>;
      assert.deepEqual(Object.fromEntries(Object.entries(answersMetadata).map(([key, meta]) => [key, [meta.kind, meta.element]])), {
        stars: ['rating', 'crowd-rating'],
        preference: ['pairwise', 'crowd-pairwise'],
        issues: ['multilabel', 'crowd-classifier-multi-select'],
        verdict: ['categorical', 'crowd-radio-button'],
        comment: ['free-text', 'crowd-text-area'],
      });
      assert.deepEqual((readJson(files.errors) as Array<{ datasetObjectId: string }>).map((error) => error.datasetObjectId), ['1']);
    } finally {
      cleanup();
    }
  });

  it('reads the schema quorum schema writes, elements included; without them, radio buttons are read as checkboxes and a note says so', async () => {
    const { cleanup, files } = setUp();
    try {
      assert.equal((await cli('schema', files.template, '--out', files.schema)).code, 0);
      const consolidate = async (): Promise<{ stderr: string; review: Record<string, unknown>; meta: Record<string, { kind: string; method: string }> }> => {
        const run = await cli('consolidate', '--payload', files.payload, '--schema', files.schema, '--label-attribute', 'review', '--bootstrap', '0', '--statistic', 'median', '--method', 'mv');
        const response = JSON.parse(run.stdout) as Array<{ consolidatedAnnotation: { content: Record<string, Record<string, unknown>> } }>;
        const content = response[0]!.consolidatedAnnotation.content;
        return { stderr: run.stderr, review: content.review!, meta: content['review-metadata']!.answers as Record<string, { kind: string; method: string }> };
      };
      const withElements = await consolidate();
      assert.doesNotMatch(withElements.stderr, /note: "verdict"/);
      assert.deepEqual(withElements.review.stars, { rating: 5 });
      assert.deepEqual(withElements.review.verdict, { keep: true, drop: false });
      assert.deepEqual([withElements.meta.stars!.method, withElements.meta.verdict!.kind], ['median', 'categorical']);

      const schema = readJson(files.schema) as Record<string, unknown>;
      delete schema['x-quorum-elements'];
      writeFileSync(files.schema, JSON.stringify(schema));
      const withoutElements = await consolidate();
      assert.match(withoutElements.stderr, /answer\.schema\.json: note: "verdict" is an object of booleans/);
      assert.deepEqual(withoutElements.review.verdict, { keep: true, drop: false });
      assert.equal(withoutElements.meta.verdict!.kind, 'multilabel');
    } finally {
      cleanup();
    }
  });

  it('checks the new options', async () => {
    const { cleanup, files } = setUp();
    try {
      const both = await cli('consolidate', '--payload', files.payload, '--schema', files.schema, '--template', files.template, '--label-attribute', 'r');
      assert.match(both.stderr, /give --schema or --template, not both/);
      const statistic = await cli('consolidate', '--payload', files.payload, '--statistic', 'median', '--label-attribute', 'r');
      assert.match(statistic.stderr, /--statistic applies to --schema or --template/);
      const method = await cli('consolidate', '--payload', files.payload, '--template', files.template, '--label-attribute', 'r', '--method', 'median');
      assert.match(method.stderr, /--method must be one of majority, .*zbs; got "median"/);
      const ranking = await cli('consolidate', '--payload', files.payload, '--template', files.template, '--label-attribute', 'r', '--ranking', 'kemeny');
      assert.match(ranking.stderr, /--ranking must be borda or plackett-luce; got "kemeny"/);
    } finally {
      cleanup();
    }
  });
});

describe('quorum export from consolidated output', () => {
  it('reward rows from a consolidate response joined with its input manifest', async () => {
    const { cleanup, files } = setUp();
    try {
      await cli('consolidate', '--payload', files.payload, '--template', files.template, '--label-attribute', 'review', '--bootstrap', '0', '--out', files.response);
      const run = await cli('export', '--format', 'reward', '--from', files.response, '--input', files.input, '--label-attribute', 'review', '--answer-name', 'stars', '--bootstrap', '0', '--out', files.out);
      assert.equal(run.stderr, '');
      assert.equal(run.code, 0);
      const rows = readFileSync(files.out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.deepEqual(rows.map((row) => [row.id, row.prompt, row.response, row.score, row.ratings]), [
        ['0', 'Reset my password', 'Settings → Security.', 14 / 3, 3],
        ['1', 'Translate "merci"', 'thanks', 2.5, 2],
      ]);
    } finally {
      cleanup();
    }
  });

  it('DPO pairs from the output manifest of the pairwise answer; asks which answer when there are several', async () => {
    const { cleanup, files } = setUp();
    try {
      await cli('consolidate', '--payload', files.payload, '--template', files.template, '--label-attribute', 'review', '--bootstrap', '0', '--out', files.response);
      assert.equal((await cli('manifest', '--input', files.input, '--consolidated', files.response, '--label-attribute', 'review', '--job-name', 'j', '--out', files.manifest)).code, 0);
      const ambiguous = await cli('export', '--format', 'dpo', '--from', files.manifest, '--label-attribute', 'review');
      assert.match(ambiguous.stderr, /output\.manifest:1: has several rating or pairwise answers \(stars, preference\); give --answer-name/);
      const run = await cli('export', '--format', 'dpo', '--from', files.manifest, '--label-attribute', 'review', '--answer-name', 'preference', '--min-agreement', '0.6', '--out', files.out);
      assert.equal(run.stderr, '');
      const rows = readFileSync(files.out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.deepEqual(rows.map((row) => [row.prompt, row.chosen, row.rejected, row.annotators]), [
        ['Reset my password', 'Settings → Security.', 'I cannot help.', 3],
        ['Translate "merci"', 'thank you', 'thanks', 3],
      ]);
      assert.match(run.stdout, /^2 preference pairs from 2 pairwise judgements/);
    } finally {
      cleanup();
    }
  });

  it('says what is missing in consolidated input', async () => {
    const { cleanup, files } = setUp();
    try {
      await cli('consolidate', '--payload', files.payload, '--template', files.template, '--label-attribute', 'review', '--bootstrap', '0', '--out', files.response);
      const noInput = await cli('export', '--format', 'reward', '--from', files.response, '--label-attribute', 'review');
      assert.match(noInput.stderr, /is a consolidated response; give --input <input\.manifest>/);
      const stray = await cli('export', '--format', 'reward', '--from', files.response, '--answer-name', 'stars');
      assert.match(stray.stderr, /--answer-name applies to consolidated output: give --label-attribute too/);
      const wrongAttribute = await cli('export', '--format', 'reward', '--from', files.response, '--input', files.input, '--label-attribute', 'rating', '--answer-name', 'stars');
      assert.match(wrongAttribute.stderr, /input\.manifest:1: has no "rating" \(the consolidated answers\); is --label-attribute right\?/);
      assert.equal(wrongAttribute.code, 2);
    } finally {
      cleanup();
    }
  });
});

describe('quorum manifest: built-in output of consolidated boxes', () => {
  it('writes object-detection lines from GT\'s bounding-box payload consolidated with --schema', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const schema = join(dir, 'schema.json');
      writeFileSync(schema, JSON.stringify({ type: 'object', properties: { boundingBox: { type: 'object', properties: { boundingBoxes: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' } } } }, inputImageProperties: { type: 'object' } } } } }));
      const shared = join(process.env.QUORUM_SHARED ?? join(repoRoot, '../shared'), 'gt-reference/post-annotation-payload.bounding-box.json');
      const response = join(dir, 'response.json');
      assert.equal((await cli('consolidate', '--payload', shared, '--schema', schema, '--label-attribute', 'bird-box', '--categories', 'Bird', '--out', response)).code, 0);
      const input = join(dir, 'input.manifest');
      writeFileSync(input, jsonl([{ 'source-ref': 's3://DOC-EXAMPLE-BUCKET/gt-input-data/images/bird1.jpg' }]));
      const run = await cli('manifest', '--input', input, '--consolidated', response, '--label-attribute', 'bird-box', '--job-name', 'birds', '--task-type', 'object-detection', '--categories', 'Bird', '--creation-date', '2026-11-23T10:00:00Z');
      assert.equal(run.stderr, '');
      assert.deepEqual(JSON.parse(run.stdout), {
        'source-ref': 's3://DOC-EXAMPLE-BUCKET/gt-input-data/images/bird1.jpg',
        'bird-box': { image_size: [{ width: 3745, height: 2497, depth: 3 }], annotations: [{ class_id: 0, left: 583, top: 302, width: 1375, height: 2052 }] },
        'bird-box-metadata': { objects: [{ confidence: 1 }], 'class-map': { '0': 'Bird' }, type: 'groundtruth/object-detection', 'job-name': 'birds', 'human-annotated': 'yes', 'creation-date': '2026-11-23T10:00:00.000000' },
      });
    } finally {
      cleanup();
    }
  });
});
