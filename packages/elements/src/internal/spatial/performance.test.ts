/**
 * The budget of issue 7: 1,000 boxes on a 4000×3000 image, dragging one box keeps frames under
 * 16 ms in Chromium. 120 pointer moves are sent one after the other, the browser getting a turn
 * between them; the time from each event to the end of its canvas drawing is marked with
 * `performance.measure('quorum:drag-move')` (visible in a DevTools trace) and checked. When the
 * tab is visible (this file run alone), the drag is repeated one move per animation frame and the
 * gaps between frames are printed too; the test runner's second tab is hidden and gets no frames.
 */
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import type { BoundingBox } from '@quorum/schema';
import { defineElements } from '../../define.js';
import type { CrowdBoundingBox } from '../../crowd-bounding-box/crowd-bounding-box.js';
import { mount } from '../testing.test.js';
import { makeLargeImageUrl, pointerAtClient, clientPoint, stageOf } from './testing.test.js';
import { percentile, thousandBoxes } from '../performance-scenarios.test.js';

defineElements();

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));
/** Yields to the browser without waiting for a frame (a message is not throttled in hidden tabs). */
const yieldToBrowser = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

describe('spatial performance budget', () => {
  it('drags one of 1,000 boxes on a 4000×3000 image with each move drawn in under 16 ms', async () => {
    const src = await makeLargeImageUrl(4000, 3000);
    const host = await mount<HTMLDivElement>(html`<div style="width: 800px; --quorum-spatial-max-height: 600px">
      <crowd-bounding-box name="b" src=${src} header="Label cars and people" labels="['Car', 'Person']"></crowd-bounding-box>
    </div>`);
    const element = host.querySelector('crowd-bounding-box') as CrowdBoundingBox;
    await element.updateComplete;
    expect(element.imageSize).to.deep.equal({ width: 4000, height: 3000 });
    element.boundingBoxes = thousandBoxes();
    await element.updateComplete;
    stageOf(element).scrollIntoView({ block: 'start' });

    const target = element.boundingBoxes[512] as BoundingBox;
    const start = clientPoint(element, { x: target.left + target.width / 2, y: target.top + target.height / 2 });
    let t0 = performance.now();
    pointerAtClient(element, 'pointerdown', start);
    await element.updateComplete;
    const selectMs = performance.now() - t0;
    expect(element.selectedShapeIndex).to.equal(512);

    const moves: number[] = [];
    const move = (step: number): void => {
      const begin = performance.now();
      pointerAtClient(element, 'pointermove', { x: start.x - step * 2, y: start.y + step });
      const end = performance.now();
      performance.measure('quorum:drag-move', { start: begin, end });
      moves.push(end - begin);
    };
    for (let step = 1; step <= 120; step++) {
      await yieldToBrowser();
      move(step);
    }
    const frames: number[] = [];
    if (document.visibilityState === 'visible') {
      // The runner may open another tab meanwhile, which hides this one and stops its frames.
      const hidden = new Promise<null>((resolve) => document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && resolve(null)));
      let lastFrame = await Promise.race([nextFrame(), hidden]);
      for (let step = 119; step >= 0 && lastFrame !== null; step--) {
        const frame = await Promise.race([nextFrame(), hidden]);
        if (frame === null) {
          frames.length = 0;
          break;
        }
        frames.push(frame - lastFrame);
        lastFrame = frame;
        move(step);
      }
      for (let step = 1; step <= 120; step++) {
        await yieldToBrowser();
        move(step);
      }
    }
    t0 = performance.now();
    pointerAtClient(element, 'pointerup', { x: start.x - 240, y: start.y + 120 });
    await element.updateComplete;
    const commitMs = performance.now() - t0;

    const scale = element.viewTransform.scale;
    const moved = element.boundingBoxes[512] as BoundingBox;
    expect(target.left - moved.left).to.be.closeTo(240 / scale, 1 / scale + 1);
    expect(element.boundingBoxes).to.have.length(1000);

    const center = clientPoint(element, { x: 2000, y: 1500 });
    t0 = performance.now();
    stageOf(element).dispatchEvent(new WheelEvent('wheel', { deltaY: -100, clientX: center.x, clientY: center.y, bubbles: true, cancelable: true }));
    const zoomMs = performance.now() - t0;

    const rows = {
      'pointer move → drawn (ms)': { p50: percentile(moves, 50), p95: percentile(moves, 95), max: Math.max(...moves) },
    };
    const frameRow = frames.length
      ? `  ${'frame interval during drag (ms)'.padEnd(34)} p50 ${percentile(frames, 50).toFixed(2).padStart(6)}  p95 ${percentile(frames, 95).toFixed(2).padStart(6)}  max ${Math.max(...frames).toFixed(2).padStart(6)}`
      : '  frame intervals: not measured, the tab is hidden (run this file alone to measure them)';
    console.log(
      [
        `spatial performance: 1,000 boxes, 4000×3000 image, 800×600 stage, ${moves.length} moves`,
        ...Object.entries(rows).map(([name, row]) => `  ${name.padEnd(34)} p50 ${row.p50.toFixed(2).padStart(6)}  p95 ${row.p95.toFixed(2).padStart(6)}  max ${row.max.toFixed(2).padStart(6)}`),
        frameRow,
        `  select a box (pointerdown → rendered)  ${selectMs.toFixed(2)} ms`,
        `  drop (pointerup → list re-rendered)     ${commitMs.toFixed(2)} ms`,
        `  wheel zoom (full repaint)               ${zoomMs.toFixed(2)} ms`,
      ].join('\n'),
    );
    // One stall (a garbage collection, another process on a shared two-core machine) is not the
    // drag's cost, so the check is on all moves but the slowest; the slowest is printed above.
    const sorted = [...moves].sort((a, b) => a - b);
    expect(sorted[sorted.length - 2]).to.be.below(16);
    expect(rows['pointer move → drawn (ms)'].p95).to.be.below(8);
  });
});
