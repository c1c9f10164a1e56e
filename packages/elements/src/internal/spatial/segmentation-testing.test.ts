/**
 * Helpers for the segmentation elements' browser tests. This file has no tests of its own.
 */
import { sendKeys } from '@web/test-runner-commands';
import type { JsonObject } from '@quorum/schema';
import { defineClasses } from '../definition.js';
import { runControlContract, type ControlContract } from '../control-contract.test.js';
import { CrowdSemanticSegmentation } from '../../crowd-semantic-segmentation/crowd-semantic-segmentation.js';
import { CrowdInstanceSegmentation } from '../../crowd-instance-segmentation/crowd-instance-segmentation.js';
import type { SegmentationAnnotator } from './segmentation-annotator.js';
import type { Point } from './geometry.js';
import { clientPoint, pointerAt, stageOf } from './testing.test.js';

/**
 * Defines the two segmentation elements (the lead registers them in the spatial bundle; until then
 * `defineElements()` does not know them).
 */
export function defineSegmentationElements(): void {
  defineClasses([CrowdSemanticSegmentation, CrowdInstanceSegmentation]);
}

/** The stage (image region) inside a segmentation element's shadow root. */
export const segmentationStage: (element: SegmentationAnnotator) => HTMLElement = stageOf;

/** Viewport coordinates of an image point under the element's current zoom and pan. */
export const segmentationClientPoint: (element: SegmentationAnnotator, point: Point) => Point = clientPoint;

/** Dispatches a script-made mouse pointer event on the stage at an image point. */
export function pointerOnImage(element: SegmentationAnnotator, type: string, point: Point, pointerId = 1, extra: PointerEventInit = {}): void {
  pointerAt(element, type, point, pointerId, { pointerType: 'mouse', ...extra });
}

/** A press-drag-release through image points (a brush stroke with the brush tool). */
export async function strokeOnImage(element: SegmentationAnnotator, points: readonly Point[]): Promise<void> {
  segmentationStage(element).scrollIntoView({ block: 'center' });
  const [first, ...rest] = points as [Point, ...Point[]];
  pointerOnImage(element, 'pointerdown', first);
  for (const point of rest) pointerOnImage(element, 'pointermove', point);
  pointerOnImage(element, 'pointerup', rest[rest.length - 1] ?? first);
  await element.updateComplete;
}

/**
 * Decodes a base64 PNG with Chromium's own decoder (not Quorum's), without colour conversion or
 * premultiplication, so a test sees the exact bytes any image tool would.
 */
export async function decodeWithBrowser(base64: string): Promise<ImageData> {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

/** The distinct RGBA colours of an ImageData, as `#rrggbbaa` strings with their pixel counts. */
export function colorCounts(image: ImageData): Map<string, number> {
  const counts = new Map<string, number>();
  const data = image.data;
  for (let at = 0; at < data.length; at += 4) {
    const key = `#${[data[at], data[at + 1], data[at + 2], data[at + 3]].map((value) => (value as number).toString(16).padStart(2, '0')).join('')}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** A PNG (base64) of a width × height image painted by `paint` on a canvas, via the browser's encoder. */
export async function canvasPngBase64(width: number, height: number, paint: (context: CanvasRenderingContext2D) => void): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  paint(context);
  return canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
}

/**
 * The form-control contract of a segmentation element. Both elements are answered the same way:
 * Space at the keyboard cursor (which starts on the centre pixel) or a one-pixel stroke there,
 * so `expectedAnswer` is the answer with that one pixel painted with the first label.
 */
export function runSegmentationContract<T extends SegmentationAnnotator>(tag: string, template: ControlContract<T>['template'], expectedAnswer: JsonObject, centre: Point): void {
  runControlContract<T>({
    tag,
    template,
    answerWithKeyboard: async () => {
      await sendKeys({ press: 'Space' });
    },
    answerWithPointer: async (element) => {
      await strokeOnImage(element, [centre]);
    },
    setValueFromCode: (element) => {
      element.value = expectedAnswer;
    },
    expectedAnswer,
    expectedFormValue: JSON.stringify(expectedAnswer),
    expectedValue: expectedAnswer,
  });
}
