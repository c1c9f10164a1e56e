/**
 * The speed budgets of the elements as scenarios that run in a page, shared by the browser tests
 * (which check them on every run) and `test/bench/elements-browser.bench.ts` (which runs them on
 * the shipped bundle in a visible page and prints the figures). They need no test framework:
 * elements must be defined by the caller, and a wrong result throws. This file has no tests of its own.
 *
 * Each step is also marked with `performance.measure('quorum:…')`, so a DevTools trace shows it.
 */
import type { BoundingBox } from '@quorum/schema';
import type { CrowdBoundingBox } from '../crowd-bounding-box/crowd-bounding-box.js';
import type { CrowdEntityAnnotation } from '../crowd-entity-annotation/crowd-entity-annotation.js';
import { clientPoint, makeLargeImageUrl, pointerAtClient, stageOf } from './spatial/testing.test.js';

/** The value at percentile `p` (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

async function timed(name: string, action: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await action();
  const end = performance.now();
  performance.measure(name, { start, end });
  return end - start;
}

function waitForElement<T extends HTMLElement>(container: HTMLElement, markup: string, tag: string): Promise<T> {
  container.innerHTML = markup;
  const element = container.querySelector(tag);
  if (!element) throw new Error(`The markup has no <${tag}>: ${markup.slice(0, 80)}`);
  return customElements.whenDefined(tag).then(async () => {
    await (element as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    return element as T;
  });
}

/** Timings of {@link measureEntityAnnotation}, in milliseconds, one per span. */
export interface EntityAnnotationTimings {
  characters: number;
  /** Shift+Ctrl+Right over a word → selection drawn. */
  select: number[];
  /** Enter → the entity in the answer and its label drawn. */
  label: number[];
}

/**
 * `<crowd-entity-annotation>` on a 100,000-character text with ten entities already labelled:
 * for seven occurrences of "Jane" spread over the text, from its first sentence to its last,
 * the worker moves there with the keyboard, selects the word (Shift+Ctrl+Right) and labels it
 * (Enter). Each of the two steps is timed from the key event to the updated answer and DOM
 * (layout flushed). The element is rendered into `container`, which must be in the document.
 */
export async function measureEntityAnnotation(container: HTMLElement): Promise<EntityAnnotationTimings> {
  const words = 'The quick brown fox from Acme Corp met Jane Doe in Paris on 4 May. ';
  const text = words.repeat(Math.ceil(100_000 / words.length)).slice(0, 100_000);
  const element = await waitForElement<CrowdEntityAnnotation>(container, `<crowd-entity-annotation name="ner" header="Label people and organisations" labels="['org', 'person']"></crowd-entity-annotation>`, 'crowd-entity-annotation');
  element.text = text;
  for (let index = 0; index < 200; index += 20) element.annotate(index * 67 + 25, index * 67 + 34, 'org');
  await element.updateComplete;
  const region = element.shadowRoot?.querySelector<HTMLElement>('.text');
  if (!region) throw new Error('<crowd-entity-annotation> has no text region');
  region.focus();
  const key = (init: KeyboardEventInit): void => {
    region.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true, cancelable: true, ...init }));
  };
  const drawn = async (action: () => void): Promise<void> => {
    action();
    await element.updateComplete;
    region.getBoundingClientRect();
  };
  const select: number[] = [];
  const label: number[] = [];
  for (const sentence of [0, 200, 400, 600, 800, 1_000, 1_450]) {
    // Ctrl+Right goes to the end of each word: 15 words a sentence, 8 to the end of "met", then the space.
    key({ key: 'Home' });
    for (let press = 0; press < sentence * 15 + 8; press++) key({ key: 'ArrowRight', ctrlKey: true });
    key({ key: 'ArrowRight' });
    await element.updateComplete;
    const jane = sentence * words.length + 39;
    select.push(await timed('quorum:entity-select', () => drawn(() => key({ key: 'ArrowRight', shiftKey: true, ctrlKey: true }))));
    label.push(await timed('quorum:entity-label', () => drawn(() => key({ key: 'Enter' }))));
    if (!element.entities.some((entity) => entity.startOffset === jane && entity.endOffset === jane + 4)) {
      throw new Error(`"Jane" at ${jane} was not labelled; entities: ${JSON.stringify(element.entities.slice(-3))}`);
    }
  }
  return { characters: text.length, select, label };
}

/** 1,000 boxes in a 40 × 25 grid of 100 × 120 cells, sizes varied by a fixed pseudo-random sequence. */
export function thousandBoxes(): BoundingBox[] {
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const boxes: BoundingBox[] = [];
  for (let row = 0; row < 25; row++) {
    for (let column = 0; column < 40; column++) {
      boxes.push({ label: random() < 0.5 ? 'Car' : 'Person', left: column * 100 + 5, top: row * 120 + 5, width: 40 + Math.round(random() * 50), height: 50 + Math.round(random() * 60) });
    }
  }
  return boxes;
}

/** Timings of {@link measureBoxDrag}, in milliseconds. */
export interface BoxDragTimings {
  /** Per animation frame: its pointer move → the frame rendered (script, canvas drawing, style, layout, paint). */
  frameWork: number[];
  /** Time between consecutive animation frames during the drag (bound below by the display rate). */
  frameInterval: number[];
  /** pointerdown on a box → selected and rendered. */
  select: number;
  /** pointerup → the moved box in the answer, list re-rendered. */
  drop: number;
}

/**
 * `<crowd-bounding-box>` with 1,000 boxes on a 4000×3000 image in an 800×600 stage: the worker
 * presses on box 512 and drags it for `frames` animation frames, one pointer move per frame, as a
 * browser delivers a real drag. Needs a visible page (a hidden tab gets no frames). Checks that
 * the box moved by the drag's distance and that no box was lost.
 */
export async function measureBoxDrag(container: HTMLElement, frames = 120): Promise<BoxDragTimings> {
  if (document.visibilityState !== 'visible') throw new Error('measureBoxDrag needs a visible page: a hidden one draws no animation frames.');
  const src = await makeLargeImageUrl(4000, 3000);
  container.style.width = '800px';
  container.style.setProperty('--quorum-spatial-max-height', '600px');
  const element = await waitForElement<CrowdBoundingBox>(container, `<crowd-bounding-box name="b" header="Label cars and people" labels="['Car', 'Person']"></crowd-bounding-box>`, 'crowd-bounding-box');
  const loaded = new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error('the 4000×3000 image did not load within 20 s')), 20_000);
    const check = (): void => {
      if (element.imageSize?.width === 4000) {
        clearTimeout(deadline);
        resolve();
      } else {
        setTimeout(check, 20);
      }
    };
    check();
  });
  element.src = src;
  await loaded;
  element.boundingBoxes = thousandBoxes();
  await element.updateComplete;
  stageOf(element).scrollIntoView({ block: 'start' });

  const target = element.boundingBoxes[512] as BoundingBox;
  const start = clientPoint(element, { x: target.left + target.width / 2, y: target.top + target.height / 2 });
  const select = await timed('quorum:box-select', async () => {
    pointerAtClient(element, 'pointerdown', start);
    await element.updateComplete;
  });
  if (element.selectedShapeIndex !== 512) throw new Error(`pressing on box 512 selected ${element.selectedShapeIndex}`);

  const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));
  // A task posted during a frame's animation callbacks runs once that frame's style, layout and
  // paint are done, so move → task is the main thread's whole work for the frame.
  const afterRendering = (): Promise<void> =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  const frameWork: number[] = [];
  const frameInterval: number[] = [];
  let previous = await nextFrame();
  for (let step = 1; step <= frames; step++) {
    const frame = await nextFrame();
    frameInterval.push(frame - previous);
    previous = frame;
    frameWork.push(
      await timed('quorum:box-drag-frame', async () => {
        pointerAtClient(element, 'pointermove', { x: start.x - step * 2, y: start.y + step });
        await element.updateComplete;
        await afterRendering();
      }),
    );
  }
  const drop = await timed('quorum:box-drop', async () => {
    pointerAtClient(element, 'pointerup', { x: start.x - frames * 2, y: start.y + frames });
    await element.updateComplete;
  });
  const scale = element.viewTransform.scale;
  const moved = element.boundingBoxes[512] as BoundingBox;
  const expectedShift = (frames * 2) / scale;
  if (Math.abs(target.left - moved.left - expectedShift) > 1 / scale + 1) {
    throw new Error(`box 512 moved ${target.left - moved.left} image pixels left, expected about ${expectedShift.toFixed(1)}`);
  }
  if (element.boundingBoxes.length !== 1000) throw new Error(`${element.boundingBoxes.length} boxes after the drag, expected 1,000`);
  return { frameWork, frameInterval, select, drop };
}
