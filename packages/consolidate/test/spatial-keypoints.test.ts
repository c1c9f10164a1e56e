import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CrowdKeypointAnswer, Keypoint } from '@quorum/schema';
import type { WorkerAnswer } from '../src/spatial/common.js';
import { consolidateKeypoints } from '../src/spatial/keypoints.js';
import { readSharedJson } from './helpers.js';

const image = { width: 1000, height: 1000 };
const point = (label: string, x: number, y: number): Keypoint => ({ label, x, y });
const answer = (workerId: string, keypoints: Keypoint[]): WorkerAnswer<CrowdKeypointAnswer> => ({ workerId, answer: { inputImageProperties: image, keypoints } });
const strip = (result: ReturnType<typeof consolidateKeypoints>) => result.keypoints.map(({ members: _members, ...rest }) => rest);

/** Three workers mark a nose and an eye; one puts the eye far off. Expected values worked out by hand. */
const toy = [
  answer('w1', [point('nose', 100, 100), point('eye', 200, 200)]),
  answer('w2', [point('eye', 210, 200), point('nose', 104, 103)]),
  answer('w3', [point('nose', 98, 97), point('eye', 400, 400)]),
];

describe('consolidateKeypoints', () => {
  it('clusters each label within 2% of the image diagonal and averages (toy data, known answer)', () => {
    const result = consolidateKeypoints(toy);
    assert.ok(Math.abs(result.maxDistance - 28.284) < 0.001);
    assert.deepEqual(strip(result), [
      // eye: two of three within 10 px; mean distance 5 → 2/3 × (1 − 5 / 28.28).
      { label: 'eye', x: 205, y: 200, confidence: 0.55, workerCount: 2 },
      // nose: centroid (100.67, 100); mean distance 3.06 → 1 × (1 − 3.06 / 28.28).
      { label: 'nose', x: 101, y: 100, confidence: 0.89, workerCount: 3 },
    ]);
    assert.deepEqual(result.dropped.map(({ members: _members, ...rest }) => rest), [{ label: 'eye', x: 400, y: 400, confidence: 0.33, workerCount: 1 }]);
    assert.deepEqual(result.keypoints[0]?.members, [
      { workerId: 'w1', pointIndex: 1 },
      { workerId: 'w2', pointIndex: 0 },
    ]);
  });

  it('keeps two points of one worker apart even when close, and honours maxDistance', () => {
    const result = consolidateKeypoints([answer('a', [point('eye', 10, 10), point('eye', 14, 10)]), answer('b', [point('eye', 11, 10)])], { maxDistance: 5 });
    assert.deepEqual(strip(result), [
      { label: 'eye', x: 11, y: 10, confidence: 0.9, workerCount: 2 },
      { label: 'eye', x: 14, y: 10, confidence: 0.5, workerCount: 1 },
    ]);
    assert.equal(consolidateKeypoints([answer('a', [point('eye', 0, 0)]), answer('b', [point('eye', 6, 0)])], { maxDistance: 5 }).keypoints.length, 2);
  });

  it('gives the same result whatever the order of workers and points', () => {
    const reversed = [...toy].reverse().map(({ workerId, answer: { inputImageProperties, keypoints } }) => ({ workerId, answer: { inputImageProperties, keypoints: [...keypoints].reverse() } }));
    assert.deepEqual(strip(consolidateKeypoints(reversed)), strip(consolidateKeypoints(toy)));
  });

  it("returns Ground Truth's documented keypoint answer unchanged when two workers agree on it", () => {
    const [documented] = readSharedJson('gt-reference/answer.crowd-keypoint.json') as [{ crowdKeypoint: CrowdKeypointAnswer }];
    assert.ok(documented);
    const result = consolidateKeypoints([
      { workerId: 'a', answer: documented.crowdKeypoint },
      { workerId: 'b', answer: documented.crowdKeypoint },
    ]);
    const expected = [...documented.crowdKeypoint.keypoints].sort((p, q) => (p.label === q.label ? p.y - q.y || p.x - q.x : p.label < q.label ? -1 : 1));
    assert.deepEqual(result.keypoints.map(({ label, x, y }) => ({ label, x, y })), expected);
    assert.ok(result.keypoints.every((consolidated) => consolidated.confidence === 1 && consolidated.workerCount === 2));
  });

  it('reports malformed answers by worker and uses 10 px without an image size', () => {
    const result = consolidateKeypoints([
      { workerId: 'a', answer: { keypoints: [point('x', 1, 1)] } as CrowdKeypointAnswer },
      { workerId: 'b', answer: { keypoints: [{ label: 'x', x: 1 } as Keypoint] } as CrowdKeypointAnswer },
    ]);
    assert.equal(result.maxDistance, 10);
    assert.deepEqual(result.errors, [{ workerId: 'b', message: 'keypoints[0] has y null, not a number' }]);
    assert.equal(result.keypoints.length, 1);
  });
});
