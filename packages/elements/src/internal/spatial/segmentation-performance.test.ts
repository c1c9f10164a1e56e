/**
 * The budget of issue 7 for segmentation, in Chromium: on a 3000×2000 image, each pointer move of
 * a brush stroke is painted (mask and overlay) in under 16 ms, and the answer PNG is encoded in
 * under 1 s. The scenario (segmentation-scenarios.test.ts) is the benchmark's too; it times each
 * move from the event to the end of its canvas drawing (`performance.measure('quorum:brush-move')`)
 * and again with the drawing read back, which forces Chromium to rasterize it at once.
 */
import { expect } from '@open-wc/testing';
import { measureSegmentation, timingStats } from './segmentation-scenarios.test.js';

const row = (name: string, values: number[]): string => {
  const { p50, p95, max } = timingStats(values);
  return `  ${name.padEnd(40)} p50 ${p50.toFixed(2).padStart(7)}  p95 ${p95.toFixed(2).padStart(7)}  max ${max.toFixed(2).padStart(7)}`;
};

describe('segmentation performance budget', () => {
  it('paints brush moves on a 3000×2000 image in under 16 ms each and encodes the answer PNG in under 1 s', async function (this: { timeout(ms: number): void }) {
    // Making a 6-megapixel image, painting and decoding it takes seconds when other tests share the machine.
    this.timeout(60_000);
    const container = document.createElement('div');
    document.body.append(container);
    // Fewer moves than the benchmark, so the test stays within the runner's 10 s on a busy machine.
    const timings = await measureSegmentation(container, { moves: 120, busyStrokes: 150 });
    container.remove();
    console.log(
      [
        `segmentation performance: ${timings.width}×${timings.height} image, 800 px stage, brush ${timings.brush} px, ${timings.moves.length} + ${timings.rastered.length} moves`,
        row('pointer move → mask + overlay drawn (ms)', timings.moves),
        row('pointer move, rasterized at once (ms)', timings.rastered),
        timings.frameIntervals.length ? row('frame interval during the stroke (ms)', timings.frameIntervals) : '  frame intervals: not measured, the tab is hidden (run this file alone to see them)',
        `  pointerdown (first dab, state saved)     ${timings.firstDab.toFixed(1)} ms`,
        `  pointerup → committed (PNG + events)     ${timings.commit.toFixed(1)} ms`,
        `  answer PNG, stroke mask                  ${timings.encodeStroke.toFixed(1)} ms, ${(timings.strokePngBytes / 1024).toFixed(1)} KiB`,
        `  answer PNG, busy mask (${timings.busyStrokes} strokes)`.padEnd(43) + `${timings.encodeBusy.toFixed(1)} ms, ${(timings.busyPngBytes / 1024).toFixed(1)} KiB`,
        `  undo / redo to the busy mask             ${timings.restoreBusy.toFixed(1)} ms`,
        `  value = answer elsewhere (PNG decode)    ${timings.decodeBusy.toFixed(1)} ms`,
      ].join('\n'),
    );
    // A stall (a garbage collection, another process on a shared two-core machine) is not the
    // brush's cost: the budget is checked at the 95th percentile; the slowest move is printed above.
    expect(timingStats(timings.moves).p95).to.be.below(16);
    expect(timingStats(timings.rastered).p95).to.be.below(16);
    expect(timings.encodeStroke).to.be.below(1000);
    expect(timings.encodeBusy).to.be.below(1000);
  });
});
