// Polygon and polyline consolidation speed (issue 7): synthetic jobs where each of 5 workers traces
// the same objects with jitter and a different number of vertices, as people do, on a 1920×1080
// image. Prints the time per data object and per shape pair compared, and checks that every
// object was recovered (each group has all 5 workers). Run: node scripts/bench.mjs polygons
import { performance } from 'node:perf_hooks';
import type { CrowdPolygonAnswer, CrowdPolylineAnswer } from '@quorum/schema';
import { consolidatePolygons, polygonIoU } from '../../packages/consolidate/src/spatial/polygons.js';
import { consolidatePolylines } from '../../packages/consolidate/src/spatial/lines.js';
import type { WorkerAnswer } from '../../packages/consolidate/src/spatial/common.js';

const IMAGE = { width: 1920, height: 1080 };
const WORKERS = 5;

/** A deterministic generator (mulberry32), so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Objects laid out on a grid so they do not overlap; each worker traces each with 12–30 vertices. */
function polygonJob(objects: number, seed: number): WorkerAnswer<CrowdPolygonAnswer>[] {
  const next = random(seed);
  const columns = Math.ceil(Math.sqrt(objects * (IMAGE.width / IMAGE.height)));
  const cell = IMAGE.width / columns;
  return Array.from({ length: WORKERS }, (_, worker) => ({
    workerId: `worker-${worker}`,
    answer: {
      inputImageProperties: IMAGE,
      polygons: Array.from({ length: objects }, (_, index) => {
        const cx = (index % columns) * cell + cell / 2;
        const cy = Math.floor(index / columns) * cell + cell / 2;
        const radius = cell * 0.35;
        const count = 12 + Math.floor(next() * 19);
        return {
          label: index % 3 === 0 ? 'car' : 'person',
          vertices: Array.from({ length: count }, (_, k) => {
            const angle = (k / count) * Math.PI * 2;
            const r = radius * (0.92 + next() * 0.16);
            return { x: Math.round(cx + Math.cos(angle) * r), y: Math.round(cy + Math.sin(angle) * r) };
          }),
        };
      }),
    },
  }));
}

function polylineJob(lines: number, seed: number): WorkerAnswer<CrowdPolylineAnswer>[] {
  const next = random(seed);
  return Array.from({ length: WORKERS }, (_, worker) => ({
    workerId: `worker-${worker}`,
    answer: {
      inputImageProperties: IMAGE,
      polylines: Array.from({ length: lines }, (_, index) => {
        const y = ((index + 0.5) / lines) * IMAGE.height;
        const count = 4 + Math.floor(next() * 8);
        return { label: 'lane', vertices: Array.from({ length: count }, (_, k) => ({ x: Math.round((k / (count - 1)) * IMAGE.width), y: Math.round(y + (next() - 0.5) * 6) })) };
      }),
    },
  }));
}

function time<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

const rows: string[][] = [];
let failed = false;
for (const objects of [10, 40, 100]) {
  const job = polygonJob(objects, objects);
  const shapes = WORKERS * objects;
  const { result, ms } = time(() => consolidatePolygons(job));
  const pairs = (shapes * (shapes - WORKERS)) / 2;
  const complete = result.polygons.length === objects && result.polygons.every((group) => group.workerCount === WORKERS);
  failed ||= !complete;
  rows.push([`polygons, ${objects} objects × ${WORKERS} workers`, ms.toFixed(1), ((ms * 1000) / pairs).toFixed(2), complete ? 'yes' : 'NO']);
}
for (const lines of [10, 40, 100]) {
  const job = polylineJob(lines, lines);
  const shapes = WORKERS * lines;
  const { result, ms } = time(() => consolidatePolylines(job));
  const pairs = (shapes * (shapes - WORKERS)) / 2;
  const complete = result.lines.length === lines && result.lines.every((group) => group.workerCount === WORKERS);
  failed ||= !complete;
  rows.push([`polylines, ${lines} paths × ${WORKERS} workers`, ms.toFixed(1), ((ms * 1000) / pairs).toFixed(2), complete ? 'yes' : 'NO']);
}
// One IoU of two large overlapping polygons (the rows are capped at 1024, whatever the size).
const big = polygonJob(1, 7).map((worker) => worker.answer.polygons[0]?.vertices ?? []);
const iou = time(() => {
  let sum = 0;
  for (let i = 0; i < 200; i++) sum += polygonIoU(big[0] ?? [], big[1] ?? []);
  return sum;
});
rows.push(['polygonIoU, two ~700 px polygons (per call)', (iou.ms / 200).toFixed(3), '', '']);

const header = ['case (one data object)', 'ms', 'µs / pair', 'all recovered'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
const line = (cells: readonly string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
console.log(line(header));
for (const row of rows) console.log(line(row));
if (failed) {
  console.error('some objects were not recovered by all workers');
  process.exit(1);
}
