import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { validateCrowdInstanceSegmentationAnswer, validateCrowdSemanticSegmentationAnswer, type CrowdSemanticSegmentationAnswer, type PayloadItem } from '@quorum/schema';
import { decodeBase64, decodePng, encodeBase64, encodeIndexedPng, PngError } from '../src/spatial/png.js';
import {
  consolidateSemanticSegmentation,
  consolidateSemanticSegmentationPayload,
  SegmentationConsolidationError,
  semanticSegmentationManifestFields,
} from '../src/spatial/segmentation.js';
import type { WorkerAnswer } from '../src/spatial/common.js';
import { readSharedJson } from './helpers.js';
import { segmentationAnswer } from './segmentation-payload.js';

// ---------------------------------------------------------------- PNG fixtures made with node:zlib

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc(bytes: Buffer): number {
  let value = 0xffffffff;
  for (const byte of bytes) value = crcTable[(value ^ byte) & 0xff]! ^ (value >>> 8);
  return (value ^ 0xffffffff) >>> 0;
}
function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, tail]);
}
/** A PNG written independently of src/spatial/png.ts: node:zlib, and the filter given per row. */
function pngFile(width: number, height: number, colorType: number, depth: number, rows: Buffer[], filters: number[], extra: [string, Buffer][] = [], interlace = 0): Uint8Array {
  const bpp = Math.max(1, (({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType]! * depth) >> 3);
  const filtered: Buffer[] = [];
  let previous: Buffer = Buffer.alloc(rows[0]!.length);
  rows.forEach((row, index) => {
    const filter = filters[index % filters.length]!;
    const out = Buffer.alloc(row.length + 1);
    out[0] = filter;
    for (let i = 0; i < row.length; i++) {
      const a = i >= bpp ? row[i - bpp]! : 0;
      const b = previous[i]!;
      const c = i >= bpp ? previous[i - bpp]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      out[i + 1] = (row[i]! - predictor) & 0xff;
    }
    filtered.push(out);
    previous = row;
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = depth;
  header[9] = colorType;
  header[12] = interlace;
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), ...extra.map(([type, body]) => chunk(type, body)), chunk('IDAT', deflateSync(Buffer.concat(filtered))), chunk('IEND', Buffer.alloc(0))]));
}

type Rgba = [number, number, number, number];
const CLEAR: Rgba = [0, 0, 0, 0];
const hex = (color: string, alpha = 255): Rgba => [parseInt(color.slice(1, 3), 16), parseInt(color.slice(3, 5), 16), parseInt(color.slice(5, 7), 16), alpha];

/** An RGBA PNG of the given pixels (rows of RGBA tuples), cycling through all five filter types. */
function rgbaPng(pixels: Rgba[][]): Uint8Array {
  return pngFile(pixels[0]!.length, pixels.length, 6, 8, pixels.map((row) => Buffer.from(row.flat())), [0, 1, 2, 3, 4]);
}

/** A worker answer whose mask is drawn with characters: '.' unlabeled, else a key of `legend`. */
function answer(workerId: string, picture: string[], legend: Record<string, [label: string, color: string]>): WorkerAnswer<CrowdSemanticSegmentationAnswer> {
  const labelMappings: Record<string, { color: string }> = {};
  for (const [label, color] of Object.values(legend)) labelMappings[label] = { color };
  const pixels = picture.map((row) => [...row].map((char) => (char === '.' ? CLEAR : hex(legend[char]![1]))));
  return {
    workerId,
    answer: {
      inputImageProperties: { width: picture[0]!.length, height: picture.length },
      labelMappings,
      labeledImage: { pngImageData: encodeBase64(rgbaPng(pixels)) },
    },
  };
}

const classesAsPicture = (classes: Uint8Array, width: number): string[] => {
  const rows: string[] = [];
  for (let start = 0; start < classes.length; start += width) rows.push([...classes.subarray(start, start + width)].map((value) => (value === 0 ? '.' : String(value))).join(''));
  return rows;
};

// ---------------------------------------------------------------- PNG

describe('PNG codec', () => {
  it('decodes RGBA with every filter type, written by node:zlib', async () => {
    const pixels: Rgba[][] = [
      [hex('#1f77b4'), hex('#ff7f0e'), CLEAR],
      [hex('#2ca02c'), hex('#2ca02c'), hex('#d62728', 128)],
      [CLEAR, hex('#9467bd'), hex('#ffffff')],
      [hex('#010203'), hex('#fefdfc'), hex('#808080')],
      [hex('#123456'), hex('#654321'), hex('#abcdef')],
    ];
    const image = await decodePng(rgbaPng(pixels));
    assert.equal(image.width, 3);
    assert.equal(image.height, 5);
    assert.deepEqual([...image.rgba], pixels.flat(2));
  });

  it('decodes palette, grey, 16-bit and 1-bit images with tRNS', async () => {
    const palette = pngFile(2, 2, 3, 8, [Buffer.from([0, 1]), Buffer.from([2, 0])], [0, 2], [['PLTE', Buffer.from([255, 255, 255, 31, 119, 180, 255, 127, 14])], ['tRNS', Buffer.from([0])]]);
    assert.deepEqual([...(await decodePng(palette)).rgba], [255, 255, 255, 0, 31, 119, 180, 255, 255, 127, 14, 255, 255, 255, 255, 0]);
    const sixteen = pngFile(1, 1, 2, 16, [Buffer.from([0x1f, 0xff, 0x77, 0x00, 0xb4, 0x80])], [0]);
    assert.deepEqual([...(await decodePng(sixteen)).rgba], [0x1f, 0x77, 0xb4, 255]);
    const bits = pngFile(10, 1, 0, 1, [Buffer.from([0b10100000, 0b01000000])], [0], [['tRNS', Buffer.from([0, 0])]]);
    assert.deepEqual([...(await decodePng(bits)).rgba].filter((_, index) => index % 4 === 3), [255, 0, 255, 0, 0, 0, 0, 0, 0, 255]);
    assert.deepEqual([...(await decodePng(bits)).rgba].filter((_, index) => index % 4 === 0), [255, 0, 255, 0, 0, 0, 0, 0, 0, 255]);
  });

  it('decodes an Adam7-interlaced image', async () => {
    const width = 5;
    const height = 6;
    const value = (x: number, y: number): number => (x * 37 + y * 11) & 0xff;
    const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
    const raw: Buffer[] = [];
    for (const [x0, y0, dx, dy] of passes) {
      for (let y = y0!; y < height; y += dy!) {
        const row: number[] = [0];
        for (let x = x0!; x < width; x += dx!) row.push(value(x, y));
        if (row.length > 1) raw.push(Buffer.from(row));
      }
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header[8] = 8;
    header[12] = 1;
    const file = new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(raw))), chunk('IEND', Buffer.alloc(0))]));
    const image = await decodePng(file);
    const grey = [...image.rgba].filter((_, index) => index % 4 === 0);
    assert.deepEqual(grey, Array.from({ length: width * height }, (_, index) => value(index % width, Math.floor(index / width))));
  });

  it('round-trips its own palette PNGs exactly', async () => {
    const indices = Uint8Array.from({ length: 300 * 200 }, (_, index) => (index % 300 < 150 ? 1 : Math.floor(index / 300) % 3));
    const file = await encodeIndexedPng({ width: 300, height: 200, indices, palette: [[255, 255, 255, 0], [31, 119, 180, 255], [255, 127, 14, 255]] });
    const image = await decodePng(file);
    for (let pixel = 0; pixel < indices.length; pixel++) {
      const expected = [[255, 255, 255, 0], [31, 119, 180, 255], [255, 127, 14, 255]][indices[pixel]!]!;
      assert.deepEqual([...image.rgba.subarray(pixel * 4, pixel * 4 + 4)], expected, `pixel ${pixel}`);
    }
    assert.ok(file.length < 2000, `a 300×200 mask of runs compresses well (${file.length} bytes)`);
  });

  it('says what is wrong with a broken file', async () => {
    const good = rgbaPng([[hex('#1f77b4')]]);
    await assert.rejects(decodePng(new Uint8Array([1, 2, 3])), (error: Error) => error instanceof PngError && /signature/.test(error.message));
    const flipped = good.slice();
    flipped[40] = flipped[40]! ^ 0xff;
    await assert.rejects(decodePng(flipped), /CRC of chunk/);
    await assert.rejects(decodePng(good.subarray(0, good.length - 20)), /truncated/);
    const lying = pngFile(2, 2, 6, 8, [Buffer.alloc(8)], [0]);
    await assert.rejects(decodePng(lying), /truncated image data/);
    assert.throws(() => decodeBase64('iVBOR...'), /not base64: character "\." at position 5/);
    assert.deepEqual([...decodeBase64(`data:image/png;base64,${encodeBase64(Uint8Array.from([1, 2, 3, 4]))}`)], [1, 2, 3, 4]);
  });
});

// ---------------------------------------------------------------- consolidation

const legendA = { c: ['Cat', '#1f77b4'], d: ['Dog', '#ff7f0e'] } as Record<string, [string, string]>;
/** Worker 3's tool gave the labels other colours: they still vote by name. */
const legendB = { c: ['Cat', '#ff7f0e'], d: ['Dog', '#2ca02c'] } as Record<string, [string, string]>;

const toy = [
  answer('w1', ['cc..', 'cc.d', '...d'], legendA),
  answer('w2', ['cc..', 'c..d', '..dd'], legendA),
  answer('w3', ['c...', 'cc.d', 'd.dd'], legendB),
];

describe('consolidateSemanticSegmentation', () => {
  it('takes the pixel-wise majority, mapping colours to labels per worker (toy data, known answer)', async () => {
    const result = await consolidateSemanticSegmentation(toy, { labels: ['Cat', 'Dog'] });
    assert.deepEqual(result.classNames, ['BACKGROUND', 'Cat', 'Dog']);
    assert.deepEqual(classesAsPicture(result.classes, 4), ['11..', '11.2', '..22']);
    // Pixels some worker labeled, with the share agreeing with the result: (0,0) 1, (1,0) 2/3,
    // (0,1) 1, (1,1) 2/3, (3,1) 1, (0,2) 2/3 (unlabeled wins), (2,2) 2/3, (3,2) 1 → 0.83.
    const shares = [1, 2 / 3, 1, 2 / 3, 1, 2 / 3, 2 / 3, 1];
    assert.equal(result.confidence, Math.round((shares.reduce((a, b) => a + b) / shares.length) * 100) / 100);
    assert.equal(result.confidence, 0.83);
    assert.deepEqual(result.internalColorMap, {
      0: { 'class-name': 'BACKGROUND', 'hex-color': '#ffffff', confidence: result.confidence },
      1: { 'class-name': 'Cat', 'hex-color': '#1f77b4', confidence: result.confidence },
      2: { 'class-name': 'Dog', 'hex-color': '#ff7f0e', confidence: result.confidence },
    });
    assert.deepEqual(result.workerIds, ['w1', 'w2', 'w3']);
    assert.deepEqual(result.errors, []);
    assert.equal(result.tiedPixels, 0);
    const png = await decodePng(result.png);
    assert.deepEqual([png.width, png.height], [4, 3]);
    assert.deepEqual([...png.rgba.subarray(0, 4)], [31, 119, 180, 255]);
    assert.deepEqual([...png.rgba.subarray(2 * 4, 3 * 4)], [255, 255, 255, 255]);
    assert.deepEqual([...png.rgba.subarray(7 * 4, 8 * 4)], [255, 127, 14, 255]);
  });

  it('breaks ties for "unlabeled", or by class order, by default; seeded picks are reproducible', async () => {
    const two = [answer('a', ['cd', 'c.'], legendA), answer('b', ['.c', 'd.'], legendA)];
    const byDefault = await consolidateSemanticSegmentation(two, { labels: ['Cat', 'Dog'] });
    // (0,0): Cat vs unlabeled → unlabeled. (1,0): Dog vs Cat → Cat (first label). (0,1): Cat vs Dog → Cat.
    assert.deepEqual(classesAsPicture(byDefault.classes, 2), ['.1', '1.']);
    assert.equal(byDefault.tiedPixels, 3);
    const reversed = await consolidateSemanticSegmentation(two, { labels: ['Dog', 'Cat'] });
    assert.deepEqual(classesAsPicture(reversed.classes, 2), ['.1', '1.']);
    assert.deepEqual(reversed.classNames, ['BACKGROUND', 'Dog', 'Cat']);
    const seeded = await consolidateSemanticSegmentation(two, { tieBreak: 'seeded', seed: 7 });
    const again = await consolidateSemanticSegmentation(two, { tieBreak: 'seeded', seed: 7 });
    assert.deepEqual([...seeded.classes], [...again.classes]);
    const picks = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) picks.add([...(await consolidateSemanticSegmentation(two, { tieBreak: 'seeded', seed })).classes].join());
    assert.ok(picks.size > 1, 'different seeds pick differently among tied classes');
  });

  it('does not depend on the order of the workers or of the labels in labelMappings', async () => {
    const forward = await consolidateSemanticSegmentation(toy);
    const backward = await consolidateSemanticSegmentation([...toy].reverse());
    assert.deepEqual([...forward.classes], [...backward.classes]);
    assert.equal(forward.confidence, backward.confidence);
    assert.deepEqual(forward.internalColorMap, backward.internalColorMap);
  });

  it('gives a label the colour most workers gave it, and never two classes one colour', async () => {
    const result = await consolidateSemanticSegmentation([...toy, answer('w4', ['....', '....', '....'], legendB)]);
    // Cat: #1f77b4 ×2 and #ff7f0e ×2, Dog: #ff7f0e ×2 and #2ca02c ×2; equal counts go to the smaller hex code.
    assert.equal(result.internalColorMap[1]?.['hex-color'], '#1f77b4');
    assert.equal(result.internalColorMap[2]?.['hex-color'], '#2ca02c');
    const chosen = await consolidateSemanticSegmentation(toy, { colors: { Dog: '#000000' }, backgroundColor: '#101010' });
    assert.equal(chosen.internalColorMap[2]?.['hex-color'], '#000000');
    assert.equal(chosen.internalColorMap[0]?.['hex-color'], '#101010');
  });

  it('reports a bad answer with the data object, the worker and what is wrong, and consolidates the rest', async () => {
    const wrongSize = answer('w4', ['cc', 'cc'], legendA);
    const unknownColor = answer('w5', ['c...', '....', '....'], { c: ['Cat', '#1f77b4'] });
    unknownColor.answer.labelMappings = { Cat: { color: '#d62728' } };
    const corrupt = answer('w6', ['c...', '....', '....'], legendA);
    const bytes = decodeBase64(corrupt.answer.labeledImage.pngImageData);
    bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 0x55;
    corrupt.answer.labeledImage.pngImageData = encodeBase64(bytes);
    const lying: WorkerAnswer<CrowdSemanticSegmentationAnswer> = { workerId: 'w7', answer: { ...toy[0]!.answer, inputImageProperties: { width: 5, height: 3 } } };
    const result = await consolidateSemanticSegmentation([...toy, wrongSize, unknownColor, corrupt, lying, toy[0]!], { datasetObjectId: 'img-9' });
    assert.deepEqual(classesAsPicture(result.classes, 4), ['11..', '11.2', '..22']);
    assert.deepEqual(
      result.errors.map((error) => [error.datasetObjectId, error.workerId]),
      [['img-9', 'w4'], ['img-9', 'w5'], ['img-9', 'w6'], ['img-9', 'w7'], ['img-9', 'w1']],
    );
    const messages = result.errors.map((error) => error.message);
    assert.match(messages[0]!, /^data object img-9, worker w4: the image is 2×2, other workers' 4×3$/);
    assert.match(messages[1]!, /worker w5: pixel \(0, 0\) has colour #1f77b4, which no label in labelMappings has \(Cat #d62728\)/);
    assert.match(messages[2]!, /worker w6: labeledImage.pngImageData is not a readable PNG: corrupt: the CRC of chunk IDAT/);
    assert.match(messages[3]!, /worker w7: the labeled image is 4×3 but inputImageProperties says 5×3/);
    assert.match(messages[4]!, /worker w1: the worker answered twice/);
  });

  it('reads palette PNGs (as the Quorum element writes them): unused palette entries do not matter, used unknown ones are errors', async () => {
    const indices = Uint8Array.from([1, 1, 0, 3, 0, 0]);
    const palette: [number, number, number, number][] = [[0, 0, 0, 0], [31, 119, 180, 255], [1, 2, 3, 255], [255, 255, 255, 255]];
    const png = encodeBase64(await encodeIndexedPng({ width: 3, height: 2, indices, palette }));
    const make = (workerId: string, data: string): WorkerAnswer<CrowdSemanticSegmentationAnswer> => ({
      workerId,
      answer: { inputImageProperties: { width: 3, height: 2 }, labelMappings: { Cat: { color: '#1F77B4' } }, labeledImage: { pngImageData: data } },
    });
    const result = await consolidateSemanticSegmentation([make('p1', png), make('p2', png)]);
    assert.deepEqual(classesAsPicture(result.classes, 3), ['11.', '...']);
    const bad = encodeBase64(await encodeIndexedPng({ width: 3, height: 2, indices: Uint8Array.from([1, 2, 0, 0, 0, 0]), palette }));
    const mixed = await consolidateSemanticSegmentation([make('p1', png), make('p3', bad)], { datasetObjectId: 'd' });
    assert.match(mixed.errors[0]!.message, /^data object d, worker p3: pixel \(1, 0\) has colour #010203, which no label in labelMappings has \(Cat #1f77b4\)$/);
  });

  it('throws with every reason when no answer is usable', async () => {
    const broken = answer('w1', ['c'], legendA);
    broken.answer.labeledImage.pngImageData = 'iVBOR';
    await assert.rejects(consolidateSemanticSegmentation([broken], { datasetObjectId: 'x' }), (error: Error) => {
      assert.ok(error instanceof SegmentationConsolidationError);
      assert.equal(error.errors.length, 1);
      assert.match(error.message, /data object x, worker w1: labeledImage.pngImageData is not a readable PNG/);
      return true;
    });
  });

  it('reads unlabeled pixels as transparent or white (GT BACKGROUND) and consolidates a large image quickly', async () => {
    const width = 600;
    const height = 400;
    const rows = (shift: number): Rgba[][] =>
      Array.from({ length: height }, (_, y) => Array.from({ length: width }, (_, x) => (x + shift < 300 ? hex('#1f77b4') : y < 200 ? hex('#ffffff') : CLEAR)));
    const answers = [0, 2, 4].map((shift, index) => ({
      workerId: `w${index}`,
      answer: { inputImageProperties: { width, height }, labelMappings: { Cat: { color: '#1f77b4' } }, labeledImage: { pngImageData: encodeBase64(rgbaPng(rows(shift))) } },
    }));
    const started = performance.now();
    const result = await consolidateSemanticSegmentation(answers);
    const elapsed = performance.now() - started;
    assert.equal(result.classes[297], 1);
    assert.equal(result.classes[298], 0, 'two of three workers stopped before column 298');
    assert.equal(result.classes.reduce((sum, value) => sum + value, 0), 298 * height);
    assert.ok(elapsed < 5000, `600×400 × 3 workers took ${elapsed.toFixed(0)} ms`);
  });
});

describe('semantic segmentation payloads', () => {
  it('reports the gt-reference payload (its PNG is truncated in the docs) against data object and worker', async () => {
    const payload = readSharedJson('gt-reference/post-annotation-payload.semantic-segmentation.json') as PayloadItem[];
    const [item] = await consolidateSemanticSegmentationPayload(payload);
    assert.ok(item && !item.ok);
    assert.equal(item.datasetObjectId, '2');
    assert.equal(item.errors.length, 1);
    assert.equal(item.errors[0]?.workerId, 'private.us-west-2.ab1234c5678a919d0');
    assert.match(item.errors[0]!.message, /^data object 2, worker private\.us-west-2\.ab1234c5678a919d0: labeledImage\.pngImageData is not a readable PNG: not base64: character "\."/);
  });

  it('consolidates the gt-reference answer shape once it carries a real PNG, and writes the manifest fields', async () => {
    const reference = readSharedJson('gt-reference/answer.crowd-semantic-segmentation.json') as { 'crowd-semantic-segmentation': CrowdSemanticSegmentationAnswer };
    const shape = reference['crowd-semantic-segmentation'];
    const { width, height } = { width: 302, height: 200 };
    const bird = hex(shape.labelMappings.Bird!.color);
    const png = rgbaPng(Array.from({ length: height }, (_, y) => Array.from({ length: width }, (_, x) => (x > 100 && x < 200 && y > 50 && y < 150 ? bird : CLEAR))));
    const content = (workerId: string) => ({
      workerId,
      annotationData: { content: JSON.stringify({ 'crowd-semantic-segmentation': { ...shape, inputImageProperties: { width, height }, labeledImage: { pngImageData: encodeBase64(png) } } }) },
    });
    const payload = [
      { datasetObjectId: '2', dataObject: { 's3Uri': 's3://b/bird3.jpg' }, annotations: [content('w1'), content('w2'), { workerId: 'w3', annotationData: { content: '{not json' } }] },
      { datasetObjectId: '3', dataObject: { 's3Uri': 's3://b/none.jpg' }, annotations: [] },
    ] as unknown as PayloadItem[];
    const results = await consolidateSemanticSegmentationPayload(payload);
    assert.equal(results.length, 2, 'every item is in the result');
    const first = results[0]!;
    assert.ok(first.ok);
    assert.equal(first.result.classes.reduce((sum, value) => sum + value, 0), 99 * 99);
    assert.equal(first.result.confidence, 1);
    assert.match(first.result.errors[0]!.message, /^data object 2, worker w3: annotationData.content is not JSON/);
    assert.deepEqual(results[1], { datasetObjectId: '3', ok: false, errors: [{ datasetObjectId: '3', message: 'data object 3: no annotations' }] });
    const fields = semanticSegmentationManifestFields('birds', 's3://out/2.png', first.result, { jobName: 'label-birds', creationDate: '2026-11-23T17:00:00.000000' });
    assert.deepEqual(fields, {
      'birds-ref': 's3://out/2.png',
      'birds-ref-metadata': {
        'internal-color-map': {
          0: { 'class-name': 'BACKGROUND', 'hex-color': '#ffffff', confidence: 1 },
          1: { 'class-name': 'Bird', 'hex-color': '#2ca02c', confidence: 1 },
        },
        type: 'groundtruth/semantic-segmentation',
        'human-annotated': 'yes',
        'creation-date': '2026-11-23T17:00:00.000000',
        'job-name': 'label-birds',
      },
    });
    assert.ok('city-ref' in semanticSegmentationManifestFields('city-ref', 'u', first.result, { jobName: 'j' }));
  });
});

describe('segmentation answer schemas', () => {
  it('accept the gt-reference answer shape with a real PNG, and name the truncated documentation PNG', () => {
    const reference = readSharedJson('gt-reference/answer.crowd-semantic-segmentation.json') as { 'crowd-semantic-segmentation': CrowdSemanticSegmentationAnswer };
    const shape = reference['crowd-semantic-segmentation'];
    const truncated = validateCrowdSemanticSegmentationAnswer(shape);
    assert.ok(!truncated.valid);
    assert.deepEqual(truncated.issues.map((issue) => issue.path), ['/labeledImage/pngImageData']);
    const real = { ...shape, labeledImage: { pngImageData: encodeBase64(rgbaPng([[hex('#2ca02c')]])) } };
    assert.ok(validateCrowdSemanticSegmentationAnswer(real).valid);
    assert.ok(!validateCrowdSemanticSegmentationAnswer({ ...real, labelMappings: { Bird: { color: 'green' } } }).valid);
  });

  it('accept the documented instance segmentation shape (a label once per instance) and refuse a missing colour', () => {
    const answer = {
      inputImageProperties: { height: 533, width: 800 },
      instances: [
        { color: '#1f77b4', label: '<Label 1>' },
        { color: '#2ca02c', label: '<Label 1>' },
        { color: '#ff7f0e', label: '<Label 3>' },
      ],
      labeledImage: { pngImageData: encodeBase64(rgbaPng([[hex('#2ca02c')]])) },
    };
    assert.ok(validateCrowdInstanceSegmentationAnswer(answer).valid);
    const broken = validateCrowdInstanceSegmentationAnswer({ ...answer, instances: [{ label: 'x' }] });
    assert.ok(!broken.valid);
    assert.equal(broken.issues[0]?.path, '/instances/0');
  });
});

describe('image size across workers', () => {
  it('the size most workers report wins, whatever the order of the answers', async () => {
    const odd = await segmentationAnswer(2, ['Tree', 'Tree', 'Tree', 'Tree']);
    const bird = await segmentationAnswer(3, ['Bird', 'Bird', 'Bird', null, null, null]);
    for (const order of [['w0', 'w1', 'w2'], ['w2', 'w1', 'w0']]) {
      const answers = order.map((workerId) => ({ workerId, answer: (workerId === 'w0' ? odd : bird) as unknown as CrowdSemanticSegmentationAnswer }));
      const result = await consolidateSemanticSegmentation(answers);
      assert.deepEqual(result.inputImageProperties, { width: 3, height: 2 }, `order ${order.join(',')}`);
      assert.deepEqual(result.classNames.slice(1), ['Bird']);
      assert.deepEqual(result.errors.map((error) => error.workerId), ['w0']);
      assert.match(result.errors[0]!.message, /the image is 2×2, other workers' 3×2/);
    }
  });
});
