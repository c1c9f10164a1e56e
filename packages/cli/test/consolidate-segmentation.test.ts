import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePng, encodeBase64, encodeIndexedPng } from '@quorum/consolidate';
import { validateOutputManifestLine, validatePostAnnotationResponse } from '@quorum/schema';
import { cli, tempDir } from './helpers.js';

const TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-semantic-segmentation name="seg" src="{{ task.input.taskObject | grant_read_access }}" header="Paint the bird" labels="['Bird']"></crowd-semantic-segmentation>
</crowd-form>
`;

/** A 2×2 crowd-semantic-segmentation answer; `true` pixels are painted Bird (#2ca02c). */
async function mask(pixels: boolean[]): Promise<Record<string, unknown>> {
  const png = await encodeIndexedPng({ width: 2, height: 2, indices: Uint8Array.from(pixels.map(Number)), palette: [[255, 255, 255, 255], [0x2c, 0xa0, 0x2c, 255]] });
  return { inputImageProperties: { width: 2, height: 2 }, labelMappings: { Bird: { color: '#2ca02c' } }, labeledImage: { pngImageData: encodeBase64(png) } };
}

async function setUp() {
  const { dir, cleanup } = tempDir();
  const masks = [await mask([true, true, false, false]), await mask([true, false, false, false]), await mask([true, true, false, true])];
  const payload = [
    { datasetObjectId: '0', dataObject: { 's3Uri': 's3://quorum-labels/images/0.jpg' }, annotations: masks.map((seg, i) => ({ workerId: `w${i}`, annotationData: { content: JSON.stringify({ seg }) } })) },
    { datasetObjectId: '1', dataObject: { 's3Uri': 's3://quorum-labels/images/1.jpg' }, annotations: [{ workerId: 'w0', annotationData: { content: JSON.stringify({ seg: { ...masks[0], labeledImage: { pngImageData: 'bm9wZQ==' } } }) } }] },
  ];
  const files = { template: join(dir, 'seg.liquid.html'), payload: join(dir, 'payload.json'), response: join(dir, 'response.json'), errors: join(dir, 'errors.json'), input: join(dir, 'input.manifest'), manifest: join(dir, 'output.manifest'), images: join(dir, 'labels') };
  writeFileSync(files.template, TEMPLATE);
  writeFileSync(files.payload, JSON.stringify(payload));
  writeFileSync(files.input, '{"source-ref":"s3://quorum-labels/images/0.jpg"}\n{"source-ref":"s3://quorum-labels/images/1.jpg"}\n');
  return { cleanup, files };
}

const common = (files: { payload: string; template: string }) => ['consolidate', '--payload', files.payload, '--template', files.template, '--label-attribute', 'birds'];

describe('quorum consolidate: semantic segmentation', () => {
  it('writes the consolidated label images into --out-dir and references them; quorum manifest writes the built-in line', async () => {
    const { cleanup, files } = await setUp();
    try {
      const run = await cli(...common(files), '--out-dir', files.images, '--output-prefix', 's3://quorum-labels/labels', '--job-name', 'labeling-job/birds', '--out', files.response, '--errors', files.errors);
      assert.equal(run.code, 1, run.stderr);
      const [name, ...others] = readdirSync(files.images);
      assert.deepEqual(others, []);
      assert.match(name!, /^0_\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\.png$/);
      const image = await decodePng(new Uint8Array(readFileSync(join(files.images, name!))), { keepIndices: true });
      assert.ok('indices' in image);
      assert.deepEqual([...image.indices], [1, 1, 0, 0], 'the pixel-wise majority of the three masks');

      const response = JSON.parse(readFileSync(files.response, 'utf8'));
      assert.equal(validatePostAnnotationResponse(response).valid, true);
      const content = response[0].consolidatedAnnotation.content;
      assert.equal(content['birds-ref'], `s3://quorum-labels/labels/${name}`);
      assert.deepEqual(content['birds-ref-metadata']['internal-color-map']['1'], { 'class-name': 'Bird', 'hex-color': '#2ca02c', confidence: 0.78 });
      assert.equal(content['birds-ref-metadata']['job-name'], 'labeling-job/birds');
      const errors = JSON.parse(readFileSync(files.errors, 'utf8')) as { datasetObjectId: string; message: string }[];
      assert.deepEqual(errors.map((error) => error.datasetObjectId), ['1', '1'], 'the object with a corrupt mask is reported, not dropped');
      assert.match(run.stderr, /payload\.json: data object "1".*not a readable PNG/);

      const manifest = await cli('manifest', '--input', files.input, '--consolidated', files.response, '--label-attribute', 'birds', '--job-name', 'labeling-job/birds', '--task-type', 'semantic-segmentation', '--out', files.manifest);
      assert.equal(manifest.code, 1, 'line 2 has no consolidated annotation');
      const [line] = readFileSync(files.manifest, 'utf8').trim().split('\n').map((text) => JSON.parse(text));
      assert.deepEqual(Object.keys(line), ['source-ref', 'birds-ref', 'birds-ref-metadata']);
      assert.equal(line['birds-ref'], `s3://quorum-labels/labels/${name}`);
      assert.equal(line['birds-ref-metadata'].type, 'groundtruth/semantic-segmentation');
      assert.equal(validateOutputManifestLine(line, 'birds-ref').valid, true);
    } finally {
      cleanup();
    }
  });

  it('records local paths without --output-prefix, and names --out-dir when it is missing', async () => {
    const { cleanup, files } = await setUp();
    try {
      const local = await cli(...common(files), '--out-dir', files.images, '--out', files.response);
      assert.equal(local.code, 1);
      const content = JSON.parse(readFileSync(files.response, 'utf8'))[0].consolidatedAnnotation.content;
      assert.equal(content['birds-ref'], join(files.images, readdirSync(files.images)[0]!));

      const missing = await cli(...common(files), '--out', files.response);
      assert.equal(missing.code, 1);
      assert.deepEqual(JSON.parse(readFileSync(files.response, 'utf8')), []);
      assert.match(missing.stderr, /data object "0".*could not be stored: give --out-dir <dir> to write 0_.*\.png/);

      const prefixAlone = await cli(...common(files), '--output-prefix', 's3://quorum-labels/x');
      assert.equal(prefixAlone.code, 2);
      assert.match(prefixAlone.stderr, /give --out-dir too/);
      const badPrefix = await cli(...common(files), '--out-dir', files.images, '--output-prefix', 'b/x');
      assert.match(badPrefix.stderr, /--output-prefix: .* is not an S3 URI/);
      const withoutTemplate = await cli('consolidate', '--payload', files.payload, '--label-attribute', 'birds', '--out-dir', files.images);
      assert.match(withoutTemplate.stderr, /--out-dir applies to --schema or --template/);
    } finally {
      cleanup();
    }
  });
});
