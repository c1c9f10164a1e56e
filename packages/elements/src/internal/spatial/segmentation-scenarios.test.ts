/**
 * The segmentation budget scenario, shared by the browser test (segmentation-performance.test.ts)
 * and the benchmark (test/bench/segmentation.bench.ts, which bundles this file into a page).
 * It needs nothing from the test runner. This file has no tests of its own.
 */
import type { JsonValue } from '@quorum/schema';
import { defineClasses } from '../definition.js';
import { CrowdSemanticSegmentation } from '../../crowd-semantic-segmentation/crowd-semantic-segmentation.js';
import type { Point } from './geometry.js';
import { makeLargeImageUrl, pointerAt } from './testing.test.js';

export interface SegmentationTimings {
  width: number;
  height: number;
  brush: number;
  /** Per pointer move: event → mask painted and overlay drawn (canvas commands issued), ms. */
  moves: number[];
  /** Per pointer move with the overlay read back (forces rasterization at once), ms. */
  rastered: number[];
  /** Intervals between the frames of a frame-paced stroke (empty when the page has no frames, e.g. a hidden tab), ms. */
  frameIntervals: number[];
  firstDab: number;
  /** pointerup → answer (PNG) computed and events fired, ms. */
  commit: number;
  /** Reading `value` after the stroke changed the mask: PNG encode + base64 + answer, ms. */
  encodeStroke: number;
  strokePngBytes: number;
  /** The same for a busy mask (`busyStrokes` strokes of three labels over the image), ms. */
  encodeBusy: number;
  busyStrokes: number;
  busyPngBytes: number;
  /** `value = answer` of the busy mask on the element that encoded it (undo, redo): remembered mask + overlay redraw, ms. */
  restoreBusy: number;
  /** `value = answer` of the busy mask on another element: base64 + PNG decode + colour mapping + overlay redraw, ms. */
  decodeBusy: number;
}

/** Yields to the browser without waiting for a frame (messages are not throttled in hidden tabs). */
function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

function pointer(element: CrowdSemanticSegmentation, type: string, point: Point): void {
  pointerAt(element, type, point, 1, { pointerType: 'mouse' });
}

export interface SegmentationScenarioOptions {
  width?: number;
  height?: number;
  /** Brush diameter in image pixels. Default 80. */
  brush?: number;
  /** Pace the second stroke one move a frame (a visible page; the benchmark). Default false: moves follow each other. */
  framePaced?: boolean;
  /** Pointer moves of the first stroke (the second has half as many). Default 240. */
  moves?: number;
  /** Strokes painted from code for the busy mask. Default 400. */
  busyStrokes?: number;
}

/**
 * Paints brush strokes on a 3000 × 2000 image in `<crowd-semantic-segmentation>` (an 800 px
 * stage in `container`) and times them, then times the answer PNG both ways.
 */
export async function measureSegmentation(container: HTMLElement, options: SegmentationScenarioOptions = {}): Promise<SegmentationTimings> {
  const { width = 3000, height = 2000, brush = 80, framePaced = false, moves: moveCount = 240, busyStrokes = 400 } = options;
  defineClasses([CrowdSemanticSegmentation]);
  const src = await makeLargeImageUrl(width, height);
  container.innerHTML = '';
  const host = document.createElement('div');
  host.style.cssText = 'width: 800px; --quorum-spatial-max-height: 600px';
  const element = document.createElement('crowd-semantic-segmentation');
  element.setAttribute('name', 'segmentation');
  element.setAttribute('header', 'Label roads, buildings and sky');
  element.setAttribute('labels', "['Road', 'Building', 'Sky']");
  element.setAttribute('src', src);
  host.append(element);
  container.append(host);
  await element.updateComplete;
  if (!element.imageSize) throw new Error('the image did not load');
  element.brushSize = brush;
  (element.shadowRoot?.querySelector('.stage') as HTMLElement).scrollIntoView({ block: 'start' });

  const moves: number[] = [];
  const path = Array.from({ length: moveCount }, (_, step) => ({ x: 200 + step * (2600 / moveCount), y: height / 2 + Math.sin(step / 12) * (height * 0.3) }));
  let t0 = performance.now();
  pointer(element, 'pointerdown', path[0] as Point);
  const firstDab = performance.now() - t0;
  for (const point of path.slice(1)) {
    await yieldToBrowser();
    const begin = performance.now();
    pointer(element, 'pointermove', point);
    const end = performance.now();
    performance.measure('quorum:brush-move', { start: begin, end });
    moves.push(end - begin);
  }
  t0 = performance.now();
  pointer(element, 'pointerup', path[path.length - 1] as Point);
  const commit = performance.now() - t0;
  await element.updateComplete;

  // A second stroke, one move a frame when the page draws frames, each move's drawing read back.
  const overlay = element.shadowRoot?.querySelector('.mask-layer') as HTMLCanvasElement;
  const overlayContext = overlay.getContext('2d') as CanvasRenderingContext2D;
  const rastered: number[] = [];
  const frameIntervals: number[] = [];
  const framed = framePaced && document.visibilityState === 'visible';
  element.dispatchEvent(new KeyboardEvent('keydown', { key: '2', bubbles: true, composed: true }));
  pointer(element, 'pointerdown', { x: 200, y: height * 0.15 });
  let lastFrame = framed ? await new Promise<number>((resolve) => requestAnimationFrame(resolve)) : 0;
  const secondMoves = Math.floor(moveCount / 2);
  for (let step = 1; step < secondMoves; step++) {
    if (framed) {
      const frame = await Promise.race([new Promise<number>((resolve) => requestAnimationFrame(resolve)), new Promise<number>((resolve) => setTimeout(() => resolve(-1), 200))]);
      if (frame > 0) {
        frameIntervals.push(frame - lastFrame);
        lastFrame = frame;
      }
    } else {
      await yieldToBrowser();
    }
    const begin = performance.now();
    pointer(element, 'pointermove', { x: 200 + step * (2400 / secondMoves), y: height * 0.15 + step * (600 / secondMoves) });
    overlayContext.getImageData(overlay.width >> 1, overlay.height >> 1, 1, 1);
    rastered.push(performance.now() - begin);
  }
  pointer(element, 'pointerup', { x: 2600, y: height * 0.15 + 600 });
  await element.updateComplete;

  // paintStroke from code leaves the answer to be encoded on the next read.
  element.paintStroke([{ x: 10.5, y: 10.5 }], 5, 3);
  t0 = performance.now();
  const strokeAnswer = element.value as { labeledImage: { pngImageData: string } };
  const encodeStroke = performance.now() - t0;

  let seed = 5;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let stroke = 0; stroke < busyStrokes; stroke++) {
    const from = { x: random() * width, y: random() * height };
    element.paintStroke([from, { x: from.x + (random() - 0.5) * 600, y: from.y + (random() - 0.5) * 400 }], 10 + random() * 80, 1 + Math.floor(random() * 3));
  }
  t0 = performance.now();
  const busyAnswer = element.value as { labeledImage: { pngImageData: string } };
  const encodeBusy = performance.now() - t0;
  const busyMask = element.maskData as Uint8Array;
  // Undo and redo give back answers this element encoded (it remembers their masks) …
  element.value = null;
  t0 = performance.now();
  element.value = busyAnswer as unknown as JsonValue;
  const restoreBusy = performance.now() - t0;
  // … an answer from elsewhere (initial-value, a draft of another page load) is decoded.
  const other = document.createElement('crowd-semantic-segmentation');
  other.setAttribute('name', 'other');
  other.setAttribute('header', 'The same task in another page');
  other.setAttribute('labels', "['Road', 'Building', 'Sky']");
  other.setAttribute('src', src);
  host.append(other);
  await other.updateComplete;
  t0 = performance.now();
  other.value = busyAnswer as unknown as JsonValue;
  const decodeBusy = performance.now() - t0;
  for (const restored of [element.maskData as Uint8Array, other.maskData as Uint8Array]) {
    if (restored.length !== busyMask.length || restored.some((value, index) => value !== busyMask[index])) throw new Error('the busy mask did not survive its PNG round trip');
  }
  host.remove();
  URL.revokeObjectURL(src);
  const bytes = (base64: string): number => Math.floor((base64.length * 3) / 4);
  return {
    width,
    height,
    brush,
    moves,
    rastered,
    frameIntervals,
    firstDab,
    commit,
    encodeStroke,
    strokePngBytes: bytes(strokeAnswer.labeledImage.pngImageData),
    encodeBusy,
    busyStrokes,
    busyPngBytes: bytes(busyAnswer.labeledImage.pngImageData),
    restoreBusy,
    decodeBusy,
  };
}

/** p50, p95 and max of a list of timings. */
export function timingStats(values: readonly number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return { p50: at(50), p95: at(95), max: sorted[sorted.length - 1] ?? NaN };
}
