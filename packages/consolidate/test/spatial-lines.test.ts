import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CrowdLineAnswer, CrowdPolylineAnswer, Polyline } from '@quorum/schema';
import { consolidateLines, consolidatePolylines, polylineDistance } from '../src/spatial/lines.js';
import type { WorkerAnswer } from '../src/spatial/common.js';
import { shuffle } from './helpers.js';

const image = { width: 1000, height: 1000 };
const diagonal = Math.hypot(1000, 1000);
const path = (label: string, ...points: [number, number][]): Polyline => ({ label, vertices: points.map(([x, y]) => ({ x, y })) });
const lines = (workerId: string, shapes: Polyline[]): WorkerAnswer<CrowdLineAnswer> => ({ workerId, answer: { lines: shapes, inputImageProperties: image } });
const polylines = (workerId: string, shapes: Polyline[]): WorkerAnswer<CrowdPolylineAnswer> => ({ workerId, answer: { polylines: shapes, inputImageProperties: image } });

describe('polylineDistance', () => {
  it('is the Fréchet distance between the paths, whatever their direction or vertex count', () => {
    assert.equal(polylineDistance(path('a', [0, 0], [100, 0]).vertices, path('a', [0, 3], [100, 3]).vertices), 3);
    assert.equal(polylineDistance(path('a', [0, 0], [100, 0]).vertices, path('a', [100, 3], [0, 3]).vertices), 3);
    assert.ok(polylineDistance(path('a', [0, 0], [100, 0]).vertices, path('a', [0, 0], [50, 0], [100, 0]).vertices) < 1e-9);
    // Same end points, but one path detours 40 pixels up in the middle.
    const detour = polylineDistance(path('a', [0, 0], [100, 0]).vertices, path('a', [0, 0], [50, 40], [100, 0]).vertices);
    assert.ok(detour > 38 && detour <= 40, `detour distance ${detour}`);
  });

  it('is symmetric (property)', () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 6 }), fc.array(point, { minLength: 2, maxLength: 6 }), (a, b) => {
        const pa = path('x', ...a).vertices;
        const pb = path('x', ...b).vertices;
        assert.ok(Math.abs(polylineDistance(pa, pb) - polylineDistance(pb, pa)) < 1e-9);
      }),
    );
  });
});

describe('consolidateLines', () => {
  it('groups by distance / image diagonal and returns the medoid (toy data, known answer)', () => {
    const result = consolidateLines([
      lines('w1', [path('Lane', [0, 0], [100, 0])]),
      lines('w2', [path('Lane', [100, 2], [0, 2]), path('Lane', [500, 900], [900, 900])]),
      lines('w3', [path('Lane', [0, 5], [100, 5])]),
    ]);
    // Similarity = 1 − d / (0.05 × diagonal): w1–w2 d=2, w1–w3 d=5, w2–w3 d=3.
    const s = (d: number): number => 1 - d / (0.05 * diagonal);
    // Mean to the others: w1 (s2+s5)/2, w2 (s2+s3)/2, w3 (s5+s3)/2 → w2 is the medoid.
    const confidence = Math.round(((s(2) + s(3)) / 2) * 100) / 100;
    assert.equal(result.diagonal, diagonal);
    assert.deepEqual(result.lines, [
      {
        label: 'Lane',
        vertices: [{ x: 100, y: 2 }, { x: 0, y: 2 }],
        confidence,
        workerCount: 3,
        members: [
          { workerId: 'w1', lineIndex: 0, chosen: false },
          { workerId: 'w2', lineIndex: 0, chosen: true },
          { workerId: 'w3', lineIndex: 0, chosen: false },
        ],
      },
    ]);
    assert.equal(confidence, 0.96);
    assert.deepEqual(result.dropped.map((group) => [group.workerCount, group.confidence, group.members]), [[1, 0.33, [{ workerId: 'w2', lineIndex: 1, chosen: true }]]]);
  });

  it('rejects a line with other than two vertices, naming data object and worker', () => {
    const result = consolidateLines([lines('ok', [path('L', [0, 0], [1, 1])]), lines('bad', [path('L', [0, 0], [1, 1], [2, 2])])], { dataObjectId: 'obj-3' });
    assert.equal(result.workerCount, 1);
    assert.equal(result.errors.length, 1);
    assert.equal(result.errors[0]?.workerId, 'bad');
    assert.equal(result.errors[0]?.dataObjectId, 'obj-3');
    assert.match(result.errors[0]?.message ?? '', /^data object obj-3, worker bad: lines\[0\] has 3 vertices, at most 2/);
  });
});

describe('consolidatePolylines', () => {
  it('matches paths drawn with different vertex counts, never two of one worker, and keeps far ones apart', () => {
    const result = consolidatePolylines([
      polylines('a', [path('Road', [0, 0], [200, 0], [200, 200]), path('Road', [0, 10], [200, 10], [200, 210])]),
      polylines('b', [path('Road', [0, 1], [100, 1], [200, 1], [201, 100], [201, 200])]),
      polylines('c', [path('Road', [600, 600], [700, 700])]),
    ]);
    const groups = [...result.lines, ...result.dropped];
    for (const group of groups) assert.equal(new Set(group.members.map((member) => member.workerId)).size, group.members.length);
    assert.equal(groups.reduce((sum, group) => sum + group.members.length, 0), 4, 'every path is in the result');
    const shared = groups.find((group) => group.workerCount === 2);
    assert.deepEqual(shared?.members.map((member) => `${member.workerId}${member.lineIndex}`).sort(), ['a0', 'b0']);
    // Two of three workers drew it: kept; the others are dropped groups of one.
    assert.deepEqual(result.lines.map((group) => group.workerCount), [2]);
    assert.deepEqual(result.dropped.map((group) => group.workerCount), [1, 1]);
  });

  it('falls back to the paths’ own extent without an image size', () => {
    const result = consolidatePolylines([
      { workerId: 'a', answer: { polylines: [path('R', [0, 0], [30, 40])] } as unknown as CrowdPolylineAnswer },
      { workerId: 'b', answer: { polylines: [path('R', [0, 1], [30, 41])] } as unknown as CrowdPolylineAnswer },
    ]);
    assert.equal(result.diagonal, Math.hypot(30, 41));
    assert.equal(result.lines.length, 1);
  });

  it('rejects bad options', () => {
    assert.throws(() => consolidatePolylines([], { maxDistance: 0 }), /maxDistance/);
    assert.throws(() => consolidatePolylines([], { minAgreement: -1 }), /minAgreement/);
  });

  it('does not depend on worker order, path order or label names (property)', () => {
    const shape = fc.record({
      label: fc.constantFrom('A', 'B'),
      points: fc.array(fc.tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 })), { minLength: 2, maxLength: 4 }),
    });
    const workers = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), shapes: fc.array(shape, { maxLength: 3 }) }), { minLength: 1, maxLength: 4, selector: (worker) => worker.id });
    fc.assert(
      fc.property(workers, fc.infiniteStream(fc.nat()), (list, randoms) => {
        const random = randoms[Symbol.iterator]();
        const build = (rename: (label: string) => string, order: typeof list) => order.map((worker) => polylines(worker.id, worker.shapes.map((s) => path(rename(s.label), ...s.points))));
        const shuffled = shuffle(list.map((worker) => ({ ...worker, shapes: shuffle(worker.shapes, random) })), random);
        const base = consolidatePolylines(build((label) => label, list));
        const renamed = consolidatePolylines(build((label) => `z${label}`, shuffled));
        const canonical = (result: ReturnType<typeof consolidatePolylines>, unname: (label: string) => string, source: typeof list) =>
          [...result.lines, ...result.dropped]
            .map((group) => ({
              label: unname(group.label),
              vertices: group.vertices,
              confidence: group.confidence,
              members: group.members
                .map((member) => `${member.workerId}:${JSON.stringify(source.find((worker) => worker.id === member.workerId)?.shapes[member.lineIndex]?.points)}${member.chosen ? '*' : ''}`)
                .sort(),
            }))
            .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
        assert.deepEqual(canonical(renamed, (label) => label.slice(1), shuffled), canonical(base, (label) => label, list));
      }),
      { numRuns: 60 },
    );
  });
});
