import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { validateCrowdInstanceSegmentationAnswer, type CrowdInstanceSegmentationAnswer } from '@quorum/schema';
import { consolidateInstanceSegmentation, INSTANCE_PALETTE, type InstanceSegmentationResult } from '../src/spatial/instance-segmentation.js';
import { decodePng, encodeBase64, encodeIndexedPng } from '../src/spatial/png.js';
import { SegmentationConsolidationError } from '../src/spatial/segmentation.js';
import type { WorkerAnswer } from '../src/spatial/common.js';

type Legend = Record<string, [label: string, color: string]>;

const rgba = (color: string, alpha = 255): [number, number, number, number] => [parseInt(color.slice(1, 3), 16), parseInt(color.slice(3, 5), 16), parseInt(color.slice(5, 7), 16), alpha];

/**
 * One worker's answer drawn with characters: '.' is unlabeled, any other character an instance
 * of `legend` (listed in legend order). Encoded as a palette PNG with a transparent entry 0, as
 * `<crowd-instance-segmentation>` submits it.
 */
async function instanceAnswer(workerId: string, picture: string[], legend: Legend): Promise<WorkerAnswer<CrowdInstanceSegmentationAnswer>> {
  const keys = Object.keys(legend);
  const width = picture[0]!.length;
  const indices = Uint8Array.from(picture.join(''), (char) => (char === '.' ? 0 : keys.indexOf(char) + 1));
  const png = await encodeIndexedPng({ width, height: picture.length, indices, palette: [[0, 0, 0, 0], ...keys.map((key) => rgba(legend[key]![1]))] });
  const answer = {
    inputImageProperties: { width, height: picture.length },
    instances: keys.map((key) => ({ color: legend[key]![1], label: legend[key]![0] })),
    labeledImage: { pngImageData: encodeBase64(png) },
  };
  const checked = validateCrowdInstanceSegmentationAnswer(answer);
  assert.ok(checked.valid, 'the toy answer has Ground Truth\'s shape');
  return { workerId, answer };
}

/** An 8-bit RGBA PNG (filter 0) written with node:zlib, independently of src/spatial/png.ts. */
function rgbaPng(width: number, height: number, pixels: [number, number, number, number][]): Uint8Array {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const chunk = (type: string, body: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'latin1');
    let crc = 0xffffffff;
    for (const byte of Buffer.concat([head.subarray(4), body])) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 0);
    return Buffer.concat([head, body, tail]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 6;
  const rows: number[] = [];
  for (let y = 0; y < height; y++) rows.push(0, ...pixels.slice(y * width, (y + 1) * width).flat());
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]));
}

const asPicture = (map: Uint8Array, width: number): string[] => {
  const rows: string[] = [];
  for (let start = 0; start < map.length; start += width) rows.push([...map.subarray(start, start + width)].map((value) => (value === 0 ? '.' : String(value))).join(''));
  return rows;
};

const CAR = '#1f77b4';
const PERSON = '#ff7f0e';
const EXTRA = '#2ca02c';

/**
 * Three workers, 6×6: a car all three painted (slightly differently), a person w3 missed, and
 * an extra car only w2 painted.
 */
async function toyAnswers(): Promise<WorkerAnswer<CrowdInstanceSegmentationAnswer>[]> {
  return Promise.all([
    instanceAnswer('w1', ['aaa...', 'aaa...', 'aaa...', '...bbb', '...bbb', '......'], { a: ['Car', CAR], b: ['Person', PERSON] }),
    instanceAnswer('w2', ['aaa...', 'aaa...', 'aa....', '...bbb', 'c..bbb', 'c..bbb'], { a: ['Car', CAR], b: ['Person', PERSON], c: ['Car', EXTRA] }),
    instanceAnswer('w3', ['aaa...', 'aaa...', '.aa...', '......', '......', '......'], { a: ['Car', CAR] }),
  ]);
}

describe('consolidateInstanceSegmentation: toy answers with known results', () => {
  it('matches instances across workers, votes each mask, drops what one worker alone painted', async () => {
    const result = await consolidateInstanceSegmentation(await toyAnswers(), { datasetObjectId: 'img-1' });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.workerIds, ['w1', 'w2', 'w3']);
    assert.deepEqual(result.inputImageProperties, { width: 6, height: 6 });
    // Car: 9, 8 and 8 pixels; every pixel of the 3×3 square has 2 or 3 votes. IoUs 1, 8/9, 8/9.
    // Person: 6 and 9 pixels; a two-worker group keeps what both painted (6). IoUs 1, 6/9.
    assert.deepEqual(result.instances, [
      { color: INSTANCE_PALETTE[0], label: 'Car', confidence: 0.93, workerCount: 3, pixelCount: 9, members: [{ workerId: 'w1', instanceIndex: 0 }, { workerId: 'w2', instanceIndex: 0 }, { workerId: 'w3', instanceIndex: 0 }] },
      { color: INSTANCE_PALETTE[1], label: 'Person', confidence: 0.56, workerCount: 2, pixelCount: 6, members: [{ workerId: 'w1', instanceIndex: 1 }, { workerId: 'w2', instanceIndex: 1 }] },
    ]);
    assert.deepEqual(result.dropped, [{ label: 'Car', reason: 'agreement', confidence: 0.33, workerCount: 1, pixelCount: 2, members: [{ workerId: 'w2', instanceIndex: 2 }] }]);
    assert.deepEqual(asPicture(result.instanceMap, 6), ['111...', '111...', '111...', '...222', '...222', '......']);
  });

  it('writes a palette PNG: transparent unlabeled, then the instance colours in order', async () => {
    const result = await consolidateInstanceSegmentation(await toyAnswers());
    const image = await decodePng(result.png, { keepIndices: true });
    assert.ok('indices' in image);
    assert.deepEqual([...image.indices], [...result.instanceMap]);
    assert.deepEqual([...image.palette], [255, 255, 255, 0, ...rgba(CAR), ...rgba(PERSON)]);
    // The consolidated answer reads back as a worker's answer would: one instance per colour.
    const again = await consolidateInstanceSegmentation([
      { workerId: 'consensus', answer: { inputImageProperties: result.inputImageProperties, instances: result.instances.map(({ color, label }) => ({ color, label })), labeledImage: { pngImageData: encodeBase64(result.png) } } },
    ]);
    assert.deepEqual([...again.instanceMap], [...result.instanceMap]);
  });

  it('an IoU exactly at the threshold matches; just under it does not', async () => {
    const legend: Legend = { a: ['Car', CAR] };
    const empty = await instanceAnswer('w3', ['......', '......', '......', '......', '......', '......'], {});
    const square = await instanceAnswer('w1', ['aaa...', 'aaa...', 'aaa...', '......', '......', '......'], legend);
    // Shifted one column: 6 shared pixels of 12, IoU 0.5.
    const shifted = await instanceAnswer('w2', ['.aaa..', '.aaa..', '.aaa..', '......', '......', '......'], legend);
    const at = await consolidateInstanceSegmentation([square, shifted, empty]);
    assert.deepEqual(at.instances.map(({ workerCount, pixelCount, confidence }) => ({ workerCount, pixelCount, confidence })), [{ workerCount: 2, pixelCount: 6, confidence: 0.44 }]);
    assert.deepEqual(at.dropped, []);
    // One pixel more: 6 of 13, IoU 0.46. Each is now one worker of three.
    const under = await instanceAnswer('w2', ['.aaa..', '.aaa..', '.aaa..', '......', '......', '.....a'], legend);
    const below = await consolidateInstanceSegmentation([square, under, empty]);
    assert.deepEqual(below.instances, []);
    assert.deepEqual(below.dropped.map(({ reason, workerCount, pixelCount, confidence }) => ({ reason, workerCount, pixelCount, confidence })), [
      { reason: 'agreement', workerCount: 1, pixelCount: 9, confidence: 0.33 },
      { reason: 'agreement', workerCount: 1, pixelCount: 10, confidence: 0.33 },
    ]);
    assert.deepEqual(asPicture(below.instanceMap, 6), ['......', '......', '......', '......', '......', '......']);
    // A lower threshold matches them again.
    assert.equal((await consolidateInstanceSegmentation([square, under, empty], { iouThreshold: 0.45 })).instances.length, 1);
  });

  it('never matches instances of different labels, nor two instances of one worker', async () => {
    const answers = await Promise.all([
      instanceAnswer('w1', ['aa....', 'aa....'], { a: ['Car', CAR] }),
      instanceAnswer('w2', ['aa....', 'aa....'], { a: ['Truck', CAR] }),
      // w3 split the car in two; each half has IoU 0.5 with w4's car, and only the first (by position) joins it.
      instanceAnswer('w3', ['..ab..', '..ab..'], { a: ['Car', CAR], b: ['Car', PERSON] }),
      instanceAnswer('w4', ['..aa..', '..aa..'], { a: ['Car', CAR] }),
    ]);
    const result = await consolidateInstanceSegmentation(answers);
    const summary = (list: { label: string; members: { workerId: string; instanceIndex: number }[] }[]) => list.map(({ label, members }) => `${label}:${members.map((m) => `${m.workerId}#${m.instanceIndex}`).join('+')}`);
    assert.deepEqual(summary(result.instances), ['Car:w3#0+w4#0']);
    assert.deepEqual(summary(result.dropped), ['Car:w1#0', 'Truck:w2#0', 'Car:w3#1']);
    assert.deepEqual(result.dropped.map((group) => group.reason), ['agreement', 'agreement', 'agreement']);
    // The pair keeps the pixels both painted.
    assert.deepEqual(asPicture(result.instanceMap, 6), ['..1...', '..1...']);
  });

  it('resolves overlaps by vote share, ties by the first member; an instance left without pixels is dropped', async () => {
    const car: Legend = { a: ['Car', CAR] };
    const person: Legend = { p: ['Person', PERSON] };
    const five = await Promise.all([
      instanceAnswer('a', ['aaa...'], car),
      instanceAnswer('b', ['aaa...'], car),
      instanceAnswer('c', ['aaa...'], car),
      instanceAnswer('d', ['..ppp.'], person),
      instanceAnswer('e', ['..ppp.'], person),
    ]);
    const shares = await consolidateInstanceSegmentation(five, { minAgreement: 0.4 });
    assert.deepEqual(asPicture(shares.instanceMap, 6), ['11122.'], 'pixel 2: 3 of 5 workers say car, 2 of 5 person');
    // Person: 2 of 5 workers, each mask 3 pixels against the 2 kept: IoU 2/3.
    assert.deepEqual(shares.instances.map(({ label, confidence, pixelCount }) => [label, confidence, pixelCount]), [['Car', 0.6, 3], ['Person', 0.27, 2]]);

    const four = await Promise.all([
      instanceAnswer('w1', ['aaa...'], car),
      instanceAnswer('w2', ['aaa...'], car),
      instanceAnswer('w3', ['..ppp.'], person),
      instanceAnswer('w4', ['..ppp.'], person),
    ]);
    assert.deepEqual(asPicture((await consolidateInstanceSegmentation(four)).instanceMap, 6), ['11122.'], 'a 2–2 tie goes to the group of w1');
    const renamed = four.map((answer, i) => ({ ...answer, workerId: ['z1', 'z2', 'a3', 'a4'][i]! }));
    assert.deepEqual(asPicture((await consolidateInstanceSegmentation(renamed)).instanceMap, 6), ['11222.'], '… and to the group of a3 when its workers sort first');

    const swallowed = await Promise.all([...five.slice(0, 3), instanceAnswer('d', ['..p...'], person), instanceAnswer('e', ['..p...'], person)]);
    const result = await consolidateInstanceSegmentation(swallowed, { minAgreement: 0.4 });
    assert.deepEqual(result.instances.map((instance) => instance.label), ['Car']);
    assert.deepEqual(result.dropped.map(({ label, reason, pixelCount, confidence }) => ({ label, reason, pixelCount, confidence })), [{ label: 'Person', reason: 'overlapped', pixelCount: 1, confidence: 0.4 }]);
  });

  it('keeps at most 255 instances, those drawn by the most workers, with distinct colours; the rest are dropped', async () => {
    const many = async (workerId: string, first: number) => {
      const indices = new Uint8Array(32 * 16);
      const palette: [number, number, number, number][] = [[0, 0, 0, 0]];
      const instances = [];
      for (let k = 0; k < 255; k++) {
        indices[first + k] = k + 1;
        const color = `#${(0x100000 + first * 256 + k).toString(16).padStart(6, '0')}`;
        palette.push(rgba(color));
        instances.push({ color, label: 'Dot' });
      }
      const png = await encodeIndexedPng({ width: 32, height: 16, indices, palette });
      return { workerId, answer: { inputImageProperties: { width: 32, height: 16 }, instances, labeledImage: { pngImageData: encodeBase64(png) } } };
    };
    // w1's last dot is w2's first, so that group has two workers and is kept before any single dot.
    const [w1, w2] = await Promise.all([many('w1', 1), many('w2', 255)]);
    const result = await consolidateInstanceSegmentation([w1!, w2!], { minAgreement: 0 });
    assert.equal(result.instances.length, 255);
    assert.equal(result.dropped.length, 254);
    assert.ok(result.dropped.every((group) => group.reason === 'limit' && group.workerCount === 1));
    assert.deepEqual(result.instances.find((instance) => instance.workerCount === 2)?.members, [{ workerId: 'w1', instanceIndex: 254 }, { workerId: 'w2', instanceIndex: 0 }]);
    const colors = result.instances.map((instance) => instance.color);
    assert.equal(new Set(colors).size, 255);
    assert.ok(!colors.includes('#ffffff'));
    assert.deepEqual(colors.slice(0, 20), INSTANCE_PALETTE);
  });

  it('reads RGBA PNGs too: white is unlabeled unless an instance has it, as are transparent pixels', async () => {
    const white: [number, number, number, number] = [255, 255, 255, 255];
    const clear: [number, number, number, number] = [9, 9, 9, 0];
    const png = rgbaPng(3, 1, [rgba(CAR), white, clear]);
    const answer = { inputImageProperties: { width: 3, height: 1 }, instances: [{ color: CAR, label: 'Car' }], labeledImage: { pngImageData: encodeBase64(png) } };
    const result = await consolidateInstanceSegmentation([{ workerId: 'w1', answer }]);
    assert.deepEqual([...result.instanceMap], [1, 0, 0]);
    const whiteInstance = { ...answer, instances: [{ color: CAR, label: 'Car' }, { color: '#FFFFFF', label: 'Sheet' }] };
    const both = await consolidateInstanceSegmentation([{ workerId: 'w1', answer: whiteInstance }]);
    assert.deepEqual([...both.instanceMap], [1, 2, 0]);
    assert.deepEqual(both.instances.map((instance) => instance.label), ['Car', 'Sheet']);
  });
});

describe('INSTANCE_PALETTE', () => {
  it('is the colour list of <crowd-instance-segmentation> (INSTANCE_COLORS), which consolidate cannot import', () => {
    const source = (path: string) => readFileSync(new URL(`../../elements/src/${path}`, import.meta.url), 'utf8');
    const colorsOf = (text: string, name: string): string[] => {
      const line = text.split('\n').find((candidate) => candidate.startsWith(`export const ${name} =`));
      assert.ok(line, `${name} is declared on one line`);
      return [...(line.includes('...LABEL_COLORS') ? colorsOf(source('internal/spatial/labels.ts'), 'LABEL_COLORS') : []), ...(line.match(/#[0-9a-f]{6}/gi) ?? [])];
    };
    assert.deepEqual(INSTANCE_PALETTE, colorsOf(source('crowd-instance-segmentation/crowd-instance-segmentation.ts'), 'INSTANCE_COLORS'));
  });
});

describe('consolidateInstanceSegmentation: errors name the data object, the worker and what', () => {
  it('an unusable answer does not vote; the others still do', async () => {
    const [w1, w2, w3] = await toyAnswers();
    const strayColor = { workerId: 'w4', answer: { ...w1!.answer, instances: [{ color: CAR, label: 'Car' }] } };
    const sameColor = { workerId: 'w5', answer: { ...w1!.answer, instances: [{ color: CAR, label: 'Car' }, { color: '#1F77B4', label: 'Person' }] } };
    const wrongSize = await instanceAnswer('w6', ['aa', 'aa'], { a: ['Car', CAR] });
    const liar = { workerId: 'w7', answer: { ...w1!.answer, inputImageProperties: { width: 5, height: 6 } } };
    const corrupt = { workerId: 'w8', answer: { ...w1!.answer, labeledImage: { pngImageData: encodeBase64(new Uint8Array([1, 2, 3])) } } };
    const noList = { workerId: 'w9', answer: { ...w1!.answer, instances: undefined } as unknown as CrowdInstanceSegmentationAnswer };
    const result = await consolidateInstanceSegmentation([w1!, strayColor, sameColor, wrongSize, liar, corrupt, noList, { workerId: '', answer: w1!.answer }, { ...w2!, workerId: 'w1' }, w2!, w3!], { datasetObjectId: 'img-9' });
    assert.deepEqual(result.workerIds, ['w1', 'w2', 'w3']);
    assert.deepEqual(result.errors.map((error) => [error.datasetObjectId, error.workerId]), [
      ['img-9', 'w4'], ['img-9', 'w5'], ['img-9', 'w6'], ['img-9', 'w7'], ['img-9', 'w8'], ['img-9', 'w9'], ['img-9', '(answer 7)'], ['img-9', 'w1'],
    ]);
    const messages = result.errors.map((error) => error.message);
    assert.equal(messages[0], 'data object img-9, worker w4: pixel (3, 3) has colour #ff7f0e, which no instance has (0: Car #1f77b4)');
    assert.equal(messages[1], 'data object img-9, worker w5: instances[0] and instances[1] share the colour #1F77B4, so their pixels cannot be told apart');
    assert.equal(messages[2], "data object img-9, worker w6: the image is 2×2, other workers' 6×6");
    assert.equal(messages[3], 'data object img-9, worker w7: the labeled image is 6×6 but inputImageProperties says 5×6');
    assert.match(messages[4]!, /^data object img-9, worker w8: labeledImage\.pngImageData is not a readable PNG: not a PNG file/);
    assert.equal(messages[5], 'data object img-9, worker w9: instances is missing or not an array');
    assert.equal(messages[6], 'data object img-9, worker (answer 7): the answer has no workerId');
    assert.equal(messages[7], 'data object img-9, worker w1: the worker answered twice; only the first answer is used');
    // The toy result, untouched by the bad answers.
    assert.deepEqual(result.instances, (await consolidateInstanceSegmentation([w1!, w2!, w3!])).instances);
  });

  it('throws a SegmentationConsolidationError with every reason when no answer is usable', async () => {
    const [w1] = await toyAnswers();
    const bad = { workerId: 'w2', answer: { ...w1!.answer, labeledImage: {} } as unknown as CrowdInstanceSegmentationAnswer };
    await assert.rejects(consolidateInstanceSegmentation([bad, { workerId: 'w3', answer: null as never }], { datasetObjectId: 'x' }), (error: unknown) => {
      assert.ok(error instanceof SegmentationConsolidationError);
      assert.deepEqual(error.errors.map((entry) => entry.message), ['data object x, worker w2: labeledImage.pngImageData is missing', 'data object x, worker w3: the answer is not an object']);
      return true;
    });
    await assert.rejects(consolidateInstanceSegmentation([], { datasetObjectId: 'x' }), /data object x: no answers to consolidate/);
  });

  it('rejects bad options', async () => {
    const answers = await toyAnswers();
    await assert.rejects(consolidateInstanceSegmentation(answers, { iouThreshold: 0 }), RangeError);
    await assert.rejects(consolidateInstanceSegmentation(answers, { minAgreement: 1.5 }), RangeError);
  });
});

// ---------------------------------------------------------------- properties

const SIZE = 6;
const LABELS = ['x', 'y'];

interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
  label: number;
}
interface WorkerDraw {
  /** Per true object: painted or not, and the shift of its rectangle. */
  objects: { painted: boolean; dx: number; dy: number }[];
  extra: Rect | null;
}

const rect = fc.record({ left: fc.integer({ min: 0, max: SIZE - 1 }), top: fc.integer({ min: 0, max: SIZE - 1 }), width: fc.integer({ min: 1, max: 4 }), height: fc.integer({ min: 1, max: 4 }), label: fc.integer({ min: 0, max: 1 }) });
const scene = fc.integer({ min: 1, max: 3 }).chain((objects) =>
  fc.record({
    truth: fc.array(rect, { minLength: objects, maxLength: objects }),
    workers: fc.array(
      fc.record({
        objects: fc.array(fc.record({ painted: fc.boolean(), dx: fc.integer({ min: -1, max: 1 }), dy: fc.integer({ min: -1, max: 1 }) }), { minLength: objects, maxLength: objects }),
        extra: fc.option(rect, { nil: null }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
);

/** The workers' answers of a scene: each paints its shifted copies of the true objects (later ones on top), then its extra one. */
async function sceneAnswers(truth: Rect[], workers: WorkerDraw[], labels: readonly string[]): Promise<WorkerAnswer<CrowdInstanceSegmentationAnswer>[]> {
  return Promise.all(
    workers.map(async (worker, w) => {
      const shapes = [...worker.objects.flatMap((object, o) => (object.painted ? [{ ...truth[o]!, left: truth[o]!.left + object.dx, top: truth[o]!.top + object.dy }] : [])), ...(worker.extra ? [worker.extra] : [])];
      const indices = new Uint8Array(SIZE * SIZE);
      shapes.forEach((shape, s) => {
        for (let y = Math.max(0, shape.top); y < Math.min(SIZE, shape.top + shape.height); y++) for (let x = Math.max(0, shape.left); x < Math.min(SIZE, shape.left + shape.width); x++) indices[y * SIZE + x] = s + 1;
      });
      const png = await encodeIndexedPng({ width: SIZE, height: SIZE, indices, palette: [[0, 0, 0, 0], ...shapes.map((_, s) => rgba(INSTANCE_PALETTE[s]!))] });
      return {
        workerId: `worker-${w}`,
        answer: { inputImageProperties: { width: SIZE, height: SIZE }, instances: shapes.map((shape, s) => ({ color: INSTANCE_PALETTE[s]!, label: labels[shape.label]! })), labeledImage: { pngImageData: encodeBase64(png) } },
      };
    }),
  );
}

const withoutWorkerOrder = ({ workerIds, ...rest }: InstanceSegmentationResult) => ({ ...rest, workerIds: [...workerIds].sort() });

describe('consolidateInstanceSegmentation: properties', () => {
  it('the order of the workers does not change the result', async () => {
    await fc.assert(
      fc.asyncProperty(scene, fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 }), async ({ truth, workers }, keys) => {
        const answers = await sceneAnswers(truth, workers, LABELS);
        // A permutation: by random key, ties in reverse order.
        const shuffled = answers.map((answer, index) => ({ answer, index })).sort((a, b) => keys[a.index]! - keys[b.index]! || b.index - a.index).map(({ answer }) => answer);
        assert.deepEqual(withoutWorkerOrder(await consolidateInstanceSegmentation(shuffled)), withoutWorkerOrder(await consolidateInstanceSegmentation(answers)));
      }),
      { numRuns: 60 },
    );
  });

  it('renaming the labels renames them in the result and changes nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(scene, async ({ truth, workers }) => {
        const original = await consolidateInstanceSegmentation(await sceneAnswers(truth, workers, LABELS));
        // The new names sort the other way round, so any dependence on label order would show.
        const renamed = await consolidateInstanceSegmentation(await sceneAnswers(truth, workers, ['zebra', 'aardvark']));
        const back = (label: string) => (label === 'zebra' ? 'x' : 'y');
        assert.deepEqual(
          { ...renamed, instances: renamed.instances.map((instance) => ({ ...instance, label: back(instance.label) })), dropped: renamed.dropped.map((group) => ({ ...group, label: back(group.label) })) },
          original,
        );
      }),
      { numRuns: 60 },
    );
  });

  it('every painted instance is in exactly one kept or dropped group; masks never overlap', async () => {
    await fc.assert(
      fc.asyncProperty(scene, fc.double({ min: 0.1, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), async ({ truth, workers }, iouThreshold, minAgreement) => {
        const answers = await sceneAnswers(truth, workers, LABELS);
        const result = await consolidateInstanceSegmentation(answers, { iouThreshold, minAgreement });
        const seen = [...result.instances, ...result.dropped].flatMap((group) => group.members.map((member) => `${member.workerId}#${member.instanceIndex}`));
        const painted: string[] = [];
        for (const { workerId, answer } of answers) {
          const image = await decodePng(Uint8Array.from(Buffer.from(answer.labeledImage.pngImageData, 'base64')), { keepIndices: true });
          assert.ok('indices' in image);
          answer.instances.forEach((_, index) => {
            if (image.indices.includes(index + 1)) painted.push(`${workerId}#${index}`);
          });
        }
        assert.deepEqual([...seen].sort(), [...painted].sort());
        for (const group of [...result.instances, ...result.dropped]) assert.equal(new Set(group.members.map((member) => member.workerId)).size, group.members.length, 'one worker per group');
        result.instances.forEach((instance, index) => {
          assert.equal(result.instanceMap.filter((value) => value === index + 1).length, instance.pixelCount);
          assert.ok(instance.workerCount / answers.length >= minAgreement);
          assert.ok(instance.confidence >= 0 && instance.confidence <= 1);
        });
      }),
      { numRuns: 80 },
    );
  });
});
