import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CrowdPolygonAnswer, Polygon } from '@quorum/schema';
import { consolidatePolygons, polygonArea, polygonIoU, type Vertex } from '../src/spatial/polygons.js';
import type { WorkerAnswer } from '../src/spatial/common.js';
import { shuffle } from './helpers.js';

const image = { width: 800, height: 600 };
const rect = (left: number, top: number, width: number, height: number): Vertex[] => [
  { x: left, y: top },
  { x: left + width, y: top },
  { x: left + width, y: top + height },
  { x: left, y: top + height },
];
const polygon = (label: string, vertices: Vertex[]): Polygon => ({ label, vertices });
const answer = (workerId: string, polygons: Polygon[]): WorkerAnswer<CrowdPolygonAnswer> => ({ workerId, answer: { polygons, inputImageProperties: image } });

describe('polygonIoU and polygonArea', () => {
  it('are exact for polygons with vertices on whole pixels', () => {
    assert.equal(polygonArea(rect(0, 0, 10, 10)), 100);
    // Right triangle: 10 × 10 / 2.
    assert.equal(polygonArea([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 10 }]), 50);
    assert.equal(polygonIoU(rect(0, 0, 10, 10), rect(0, 0, 10, 10)), 1);
    assert.equal(polygonIoU(rect(0, 0, 10, 10), rect(5, 0, 10, 10)), 50 / 150);
    assert.equal(polygonIoU(rect(0, 0, 10, 10), rect(10, 0, 10, 10)), 0);
    // A triangle inside the square covers half of it.
    assert.equal(polygonIoU(rect(0, 0, 10, 10), [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 10 }]), 0.5);
  });

  it('handles non-convex and self-intersecting polygons (even-odd rule)', () => {
    // An L shape: 10×10 square minus its 5×5 top-right quarter.
    const lShape = [{ x: 0, y: 0 }, { x: 5, y: 0 }, { x: 5, y: 5 }, { x: 10, y: 5 }, { x: 10, y: 10 }, { x: 0, y: 10 }];
    assert.equal(polygonArea(lShape), 75);
    assert.equal(polygonIoU(lShape, rect(0, 0, 10, 10)), 0.75);
    // A bow tie: two triangles of 25 meeting at (5, 5).
    const bowTie = [{ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 10, y: 0 }, { x: 0, y: 10 }];
    assert.equal(polygonArea(bowTie), 50);
    assert.equal(polygonIoU(bowTie, rect(0, 0, 10, 10)), 0.5);
  });

  it('is symmetric and agrees with box IoU on rectangles (property)', () => {
    const box = fc.record({ left: fc.integer({ min: 0, max: 50 }), top: fc.integer({ min: 0, max: 50 }), width: fc.integer({ min: 1, max: 40 }), height: fc.integer({ min: 1, max: 40 }) });
    fc.assert(
      fc.property(box, box, (a, b) => {
        const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
        const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
        const inter = w > 0 && h > 0 ? w * h : 0;
        const expected = inter / (a.width * a.height + b.width * b.height - inter);
        const ra = rect(a.left, a.top, a.width, a.height);
        const rb = rect(b.left, b.top, b.width, b.height);
        assert.ok(Math.abs(polygonIoU(ra, rb) - expected) < 1e-9);
        assert.equal(polygonIoU(ra, rb), polygonIoU(rb, ra));
      }),
    );
  });
});

/** Three workers: a car all drew (slightly shifted), and a tree only one drew. Expected values worked out by hand. */
const toy = [
  answer('w1', [polygon('Car', rect(100, 100, 100, 100))]),
  answer('w2', [polygon('Car', rect(105, 100, 100, 100))]),
  answer('w3', [polygon('Tree', [{ x: 400, y: 400 }, { x: 450, y: 400 }, { x: 425, y: 300 }]), polygon('Car', rect(100, 110, 100, 100))]),
];

describe('consolidatePolygons', () => {
  it('groups by mask IoU and returns the medoid with confidence = share × mean IoU (toy data, known answer)', () => {
    const result = consolidatePolygons(toy);
    // IoU w1–w2 = 9500/10500 = 0.905, w1–w3 = 9000/11000 = 0.818, w2–w3 = 8550/11450 = 0.747.
    // Mean IoU to the others: w1 0.862, w2 0.826, w3 0.782 → w1 is the medoid.
    assert.deepEqual(result.polygons, [
      {
        label: 'Car',
        vertices: rect(100, 100, 100, 100),
        confidence: 0.86,
        workerCount: 3,
        members: [
          { workerId: 'w1', polygonIndex: 0, chosen: true },
          { workerId: 'w2', polygonIndex: 0, chosen: false },
          { workerId: 'w3', polygonIndex: 1, chosen: false },
        ],
      },
    ]);
    assert.deepEqual(result.dropped, [
      { label: 'Tree', vertices: [{ x: 400, y: 400 }, { x: 450, y: 400 }, { x: 425, y: 300 }], confidence: 0.33, workerCount: 1, members: [{ workerId: 'w3', polygonIndex: 0, chosen: true }] },
    ]);
    assert.equal(result.workerCount, 3);
    assert.deepEqual(result.inputImageProperties, image);
    assert.deepEqual(result.errors, []);
  });

  it('never puts two polygons of one worker in one group', () => {
    const result = consolidatePolygons([
      answer('a', [polygon('Car', rect(0, 0, 100, 100)), polygon('Car', rect(2, 0, 100, 100))]),
      answer('b', [polygon('Car', rect(1, 0, 100, 100))]),
    ]);
    const groups = [...result.polygons, ...result.dropped];
    assert.equal(groups.length, 2);
    for (const group of groups) assert.equal(new Set(group.members.map((member) => member.workerId)).size, group.members.length);
    assert.equal(groups.reduce((sum, group) => sum + group.members.length, 0), 3, 'every polygon is in the result');
  });

  it('keeps polygons of different labels apart and lists labels in the given order', () => {
    const result = consolidatePolygons(
      [answer('a', [polygon('Car', rect(0, 0, 10, 10)), polygon('Bus', rect(0, 0, 10, 10))]), answer('b', [polygon('Car', rect(0, 0, 10, 10)), polygon('Bus', rect(0, 0, 10, 10))])],
      { labels: ['Car', 'Bus'] },
    );
    assert.deepEqual(result.polygons.map((consolidated) => [consolidated.label, consolidated.workerCount, consolidated.confidence]), [['Car', 2, 1], ['Bus', 2, 1]]);
  });

  it('reports malformed answers with data object, worker and problem, and uses the rest', () => {
    const result = consolidatePolygons(
      [
        answer('good', [polygon('Car', rect(0, 0, 10, 10))]),
        answer('short', [polygon('Car', [{ x: 0, y: 0 }, { x: 1, y: 1 }])]),
        { workerId: 'nan', answer: { polygons: [{ label: 'Car', vertices: [{ x: 0, y: 0 }, { x: Number.NaN, y: 0 }, { x: 3, y: 3 }] }], inputImageProperties: image } },
        { workerId: 'none', answer: { inputImageProperties: image } as unknown as CrowdPolygonAnswer },
      ],
      { dataObjectId: 's3://bucket/img-7.jpg' },
    );
    assert.equal(result.workerCount, 1);
    assert.deepEqual(
      result.errors.map((error) => [error.dataObjectId, error.workerId]),
      [['s3://bucket/img-7.jpg', 'short'], ['s3://bucket/img-7.jpg', 'nan'], ['s3://bucket/img-7.jpg', 'none']],
    );
    assert.match(result.errors[0]?.message ?? '', /^data object s3:\/\/bucket\/img-7\.jpg, worker short: polygons\[0\] has 2 vertices, needs at least 3/);
    assert.match(result.errors[1]?.message ?? '', /vertex 1/);
    assert.match(result.errors[2]?.message ?? '', /no polygons array/);
  });

  it('rejects bad options', () => {
    assert.throws(() => consolidatePolygons(toy, { iouThreshold: 0 }), /iouThreshold/);
    assert.throws(() => consolidatePolygons(toy, { minAgreement: 2 }), /minAgreement/);
  });

  it('does not depend on worker order, polygon order or label names (property)', () => {
    const shape = fc.record({
      label: fc.constantFrom('A', 'B', 'C'),
      left: fc.integer({ min: 0, max: 60 }),
      top: fc.integer({ min: 0, max: 60 }),
      width: fc.integer({ min: 5, max: 40 }),
      height: fc.integer({ min: 5, max: 40 }),
    });
    const workers = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), shapes: fc.array(shape, { maxLength: 4 }) }), { minLength: 1, maxLength: 5, selector: (worker) => worker.id });
    fc.assert(
      fc.property(workers, fc.infiniteStream(fc.nat()), (list, randoms) => {
        const build = (rename: (label: string) => string, order: typeof list) =>
          order.map((worker) => answer(worker.id, worker.shapes.map((s) => polygon(rename(s.label), rect(s.left, s.top, s.width, s.height)))));
        const base = consolidatePolygons(build((label) => label, list));
        const random = randoms[Symbol.iterator]();
        const shuffled = shuffle(list.map((worker) => ({ ...worker, shapes: shuffleKeepingIndex(worker.shapes, random) })), random);
        const renamed = consolidatePolygons(build((label) => `x-${label}`, shuffled.map((worker) => ({ id: worker.id, shapes: worker.shapes.map((entry) => entry.shape) }))));
        const describeShape = (workers: readonly { id: string; shapes: readonly { left: number; top: number; width: number; height: number }[] }[], workerId: string, index: number): string =>
          JSON.stringify(workers.find((worker) => worker.id === workerId)?.shapes[index] ?? null);
        const canonical = (result: ReturnType<typeof consolidatePolygons>, unname: (label: string) => string, workers: Parameters<typeof describeShape>[0]) =>
          [...result.polygons, ...result.dropped]
            .map((group) => ({
              label: unname(group.label),
              vertices: group.vertices,
              confidence: group.confidence,
              workerCount: group.workerCount,
              members: group.members.map((member) => `${member.workerId}:${describeShape(workers, member.workerId, member.polygonIndex)}${member.chosen ? '*' : ''}`).sort(),
            }))
            .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
        const shuffledWorkers = shuffled.map((worker) => ({ id: worker.id, shapes: worker.shapes.map((entry) => entry.shape) }));
        assert.deepEqual(canonical(renamed, (label) => label.slice(2), shuffledWorkers), canonical(base, (label) => label, list));
        assert.deepEqual(renamed.errors, base.errors);
      }),
      { numRuns: 60 },
    );
  });
});

/** Shuffles shapes and remembers where each came from, to compare member indices afterwards. */
function shuffleKeepingIndex<T>(items: readonly T[], random: Iterator<number>): { shape: T; index: number }[] {
  return shuffle(items.map((shape, index) => ({ shape, index })), random);
}
