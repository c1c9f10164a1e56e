import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BoundingBox, CrowdBoundingBoxAnswer } from '@quorum/schema';
import { consolidateBoundingBoxes, intersectionOverUnion } from '../src/spatial/boxes.js';
import type { WorkerAnswer } from '../src/spatial/common.js';
import { readSharedJson } from './helpers.js';

const image = { width: 800, height: 600 };
const box = (label: string, left: number, top: number, width: number, height: number): BoundingBox => ({ label, left, top, width, height });
const answer = (workerId: string, boxes: BoundingBox[]): WorkerAnswer<CrowdBoundingBoxAnswer> => ({ workerId, answer: { boundingBoxes: boxes, inputImageProperties: image } });

/** Three workers, a dog all drew, a cat two drew, and a stray box one drew. Expected values worked out by hand. */
const toy = [
  answer('w1', [box('Dog', 100, 100, 100, 100), box('Cat', 300, 50, 50, 50)]),
  answer('w2', [box('Cat', 302, 52, 50, 50), box('Dog', 110, 100, 100, 100)]),
  answer('w3', [box('Dog', 500, 500, 20, 20), box('Dog', 100, 110, 100, 100)]),
];

const strip = (result: ReturnType<typeof consolidateBoundingBoxes>) => result.boxes.map(({ members: _members, ...rest }) => rest);

describe('intersectionOverUnion', () => {
  it('is the Jaccard index of two boxes', () => {
    assert.equal(intersectionOverUnion(box('a', 0, 0, 10, 10), box('a', 0, 0, 10, 10)), 1);
    assert.equal(intersectionOverUnion(box('a', 0, 0, 10, 10), box('a', 5, 0, 10, 10)), 50 / 150);
    assert.equal(intersectionOverUnion(box('a', 0, 0, 10, 10), box('a', 10, 0, 10, 10)), 0);
    assert.equal(intersectionOverUnion(box('a', 0, 0, 0, 10), box('a', 0, 0, 0, 10)), 0);
  });
});

describe('consolidateBoundingBoxes', () => {
  it('averages matched boxes per label, with confidence = share of workers × mean IoU (toy data, known answer)', () => {
    const result = consolidateBoundingBoxes(toy);
    assert.deepEqual(strip(result), [
      // Cat: two of three workers; member IoUs 0.924 each → 2/3 × 0.924.
      { label: 'Cat', left: 301, top: 51, width: 50, height: 50, confidence: 0.62, workerCount: 2 },
      // Dog: mean edges (103.3, 103.3, 203.3, 203.3); member IoUs 0.888, 0.822, 0.822.
      { label: 'Dog', left: 103, top: 103, width: 100, height: 100, confidence: 0.84, workerCount: 3 },
    ]);
    assert.deepEqual(consolidateBoundingBoxes(toy, { labels: ['Dog', 'Cat'] }).boxes.map((consolidated) => consolidated.label), ['Dog', 'Cat']);
    assert.deepEqual(result.boxes[1]?.members, [
      { workerId: 'w1', boxIndex: 0 },
      { workerId: 'w2', boxIndex: 1 },
      { workerId: 'w3', boxIndex: 1 },
    ]);
    assert.deepEqual(result.dropped.map(({ members, ...rest }) => ({ ...rest, members })), [
      { label: 'Dog', left: 500, top: 500, width: 20, height: 20, confidence: 0.33, workerCount: 1, members: [{ workerId: 'w3', boxIndex: 0 }] },
    ]);
    assert.deepEqual(result.inputImageProperties, image);
    assert.equal(result.workerCount, 3);
    assert.deepEqual(result.errors, []);
  });

  it('keeps one-of-three boxes when minAgreement allows it', () => {
    const result = consolidateBoundingBoxes(toy, { minAgreement: 0.3 });
    assert.equal(result.boxes.length, 3);
    assert.equal(result.dropped.length, 0);
  });

  it('never merges two boxes of one worker, matching the other worker to the closer one', () => {
    const result = consolidateBoundingBoxes([
      answer('a', [box('Dog', 0, 0, 100, 100), box('Dog', 5, 5, 100, 100)]),
      answer('b', [box('Dog', 2, 2, 100, 100)]),
    ]);
    assert.deepEqual(strip(result), [
      { label: 'Dog', left: 1, top: 1, width: 100, height: 100, confidence: 0.96, workerCount: 2 },
      { label: 'Dog', left: 5, top: 5, width: 100, height: 100, confidence: 0.5, workerCount: 1 },
    ]);
  });

  it('matches boxes only at or above the IoU threshold, and only within a label', () => {
    const pair = [answer('a', [box('Car', 0, 0, 100, 100)]), answer('b', [box('Car', 25, 0, 100, 100)])];
    // IoU = 75·100 / (20000 − 7500) = 0.6.
    assert.equal(consolidateBoundingBoxes(pair, { iouThreshold: 0.6 }).boxes.length, 1);
    assert.equal(consolidateBoundingBoxes(pair, { iouThreshold: 0.61 }).boxes.length, 2);
    const labels = consolidateBoundingBoxes([answer('a', [box('Car', 0, 0, 100, 100)]), answer('b', [box('Bus', 0, 0, 100, 100)])]);
    assert.deepEqual(labels.boxes.map((consolidated) => [consolidated.label, consolidated.workerCount]), [['Bus', 1], ['Car', 1]]);
  });

  it('gives the same result whatever the order of workers and of their boxes', () => {
    const expected = consolidateBoundingBoxes(toy);
    const reversed = [...toy].reverse().map(({ workerId, answer: { boundingBoxes, inputImageProperties } }) => ({ workerId, answer: { boundingBoxes: [...boundingBoxes].reverse(), inputImageProperties } }));
    const result = consolidateBoundingBoxes(reversed);
    assert.deepEqual(strip(result), strip(expected));
    assert.deepEqual(result.boxes.map((consolidated) => consolidated.members.map((member) => member.workerId)), expected.boxes.map((consolidated) => consolidated.members.map((member) => member.workerId)));
  });

  it('reports unusable answers by worker and consolidates the rest', () => {
    const result = consolidateBoundingBoxes([
      toy[0] as WorkerAnswer<CrowdBoundingBoxAnswer>,
      { workerId: '', answer: { boundingBoxes: [], inputImageProperties: image } },
      { workerId: 'w1', answer: { boundingBoxes: [], inputImageProperties: image } },
      { workerId: 'bad', answer: { boundingBoxes: [{ label: 'Dog', left: 'x' } as unknown as BoundingBox], inputImageProperties: image } },
      { workerId: 'other-image', answer: { boundingBoxes: [], inputImageProperties: { width: 10, height: 10 } } },
      { workerId: 'no-list', answer: {} as CrowdBoundingBoxAnswer },
    ]);
    assert.deepEqual(result.errors, [
      { workerId: '(answer 1)', message: 'answer 1 has no workerId' },
      { workerId: 'w1', message: 'worker w1 answered twice; only the first answer is used' },
      { workerId: 'bad', message: 'boundingBoxes[0] has left "x", not a number' },
      { workerId: 'other-image', message: 'reports an image of 10×10, others 800×600' },
      { workerId: 'no-list', message: 'the answer has no boundingBoxes array' },
    ]);
    assert.equal(result.workerCount, 1);
    assert.equal(result.boxes.length, 2);
  });

  it("consolidates Ground Truth's bounding-box payload example (one worker: the box itself)", () => {
    const payload = readSharedJson('gt-reference/post-annotation-payload.bounding-box.json') as {
      annotations: { workerId: string; annotationData: { content: string } }[];
    }[];
    const [item] = payload;
    assert.ok(item);
    const answers = item.annotations.map((annotation) => ({ workerId: annotation.workerId, answer: JSON.parse(annotation.annotationData.content).boundingBox as CrowdBoundingBoxAnswer }));
    const result = consolidateBoundingBoxes(answers);
    assert.deepEqual(strip(result), [{ label: 'Bird', left: 583, top: 302, width: 1375, height: 2052, confidence: 1, workerCount: 1 }]);
    assert.deepEqual(result.inputImageProperties, { width: 3745, height: 2497 });
  });

  it('refuses thresholds outside their range', () => {
    assert.throws(() => consolidateBoundingBoxes(toy, { iouThreshold: 0 }), /iouThreshold must be in \(0, 1\]/);
    assert.throws(() => consolidateBoundingBoxes(toy, { minAgreement: 2 }), /minAgreement must be in \[0, 1\]/);
  });
});
