/**
 * What semantic and instance segmentation share: reading each worker's label image (a PNG whose
 * colours stand for that worker's labels or instances) into one small integer a pixel, and the
 * error conventions for answers that cannot be read.
 */
import type { InputImageProperties } from '@quorum/schema';
import type { WorkerAnswer } from './common.js';
import { decodeBase64, decodePng, PngError, toHexColor } from './png.js';

/** A worker answer, or a whole data object, that could not be used: which one, whose, and why. */
export interface SegmentationError {
  /** The data object, when the caller named it (`datasetObjectId` option, or the payload item). */
  datasetObjectId?: string;
  /** The worker, or `(answer N)` when the answer has no worker id; absent for a data-object-wide problem. */
  workerId?: string;
  message: string;
}

/** Thrown when not one answer of a data object is usable; `errors` says why for each. */
export class SegmentationConsolidationError extends Error {
  constructor(readonly errors: SegmentationError[]) {
    super(errors.map((error) => error.message).join('\n'));
    this.name = 'SegmentationConsolidationError';
  }
}

/** A problem of one worker's answer; it becomes a {@link SegmentationError} naming the worker. */
export class AnswerError extends Error {}

/** `data object X, worker Y`, or `subject` (e.g. "segmentation") when neither is known. */
export function describeWhere(subject: string, datasetObjectId: string | undefined, workerId?: string): string {
  const parts = [datasetObjectId === undefined ? null : `data object ${datasetObjectId}`, workerId === undefined ? null : `worker ${workerId}`].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : subject;
}

/** A colour as one number, `0xrrggbb`, to look it up in a map. */
export function colorKey(red: number, green: number, blue: number): number {
  return (red << 16) | (green << 8) | blue;
}

/**
 * Decodes every answer of one data object with `decode`; an answer without a worker id, a second
 * answer of a worker, one `decode` rejects with an {@link AnswerError}, and one whose image size
 * differs from the first usable answer's become errors naming the worker. Throws a
 * {@link SegmentationConsolidationError} when no answer is usable.
 */
export async function decodeWorkerAnswers<T, D>(
  answers: readonly WorkerAnswer<T>[],
  datasetObjectId: string | undefined,
  subject: string,
  decode: (workerId: string, answer: unknown) => Promise<{ size: InputImageProperties; decoded: D }>,
): Promise<{ decoded: D[]; size: InputImageProperties; errors: SegmentationError[] }> {
  const where = datasetObjectId === undefined ? {} : { datasetObjectId };
  const errors: SegmentationError[] = [];
  const seen = new Set<string>();
  const read: { index: number; workerId: string; shown: string; size: InputImageProperties; decoded: D }[] = [];
  // Errors are reported in the order of the answers, whichever check found them.
  const found: { index: number; error: SegmentationError }[] = [];
  if (!Array.isArray(answers)) throw new TypeError('answers must be an array of {workerId, answer}');
  const failFor = (index: number, shown: string, message: string): void => {
    found.push({ index, error: { ...where, workerId: shown, message: `${describeWhere(subject, datasetObjectId, shown)}: ${message}` } });
  };
  for (const [index, entry] of answers.entries()) {
    const workerId = typeof entry?.workerId === 'string' && entry.workerId ? entry.workerId : '';
    const shown = workerId || `(answer ${index})`;
    if (!workerId) {
      failFor(index, shown, 'the answer has no workerId');
      continue;
    }
    if (seen.has(workerId)) {
      failFor(index, shown, 'the worker answered twice; only the first answer is used');
      continue;
    }
    seen.add(workerId);
    try {
      const answer = await decode(workerId, entry.answer);
      read.push({ index, workerId, shown, size: answer.size, decoded: answer.decoded });
    } catch (error) {
      if (!(error instanceof AnswerError)) throw error;
      failFor(index, shown, error.message);
    }
  }
  // The image size most workers report wins (ties: the size of the smallest worker id), so the
  // result never depends on which worker's answer came first; the others are errors.
  const votes = new Map<string, { count: number; firstWorker: string; size: InputImageProperties }>();
  for (const { workerId, size: answerSize } of read) {
    const key = `${answerSize.width}×${answerSize.height}`;
    const vote = votes.get(key);
    if (!vote) votes.set(key, { count: 1, firstWorker: workerId, size: answerSize });
    else {
      vote.count++;
      if (workerId < vote.firstWorker) vote.firstWorker = workerId;
    }
  }
  const winner = [...votes.values()].sort((a, b) => b.count - a.count || (a.firstWorker < b.firstWorker ? -1 : 1))[0];
  const size: InputImageProperties | null = winner?.size ?? null;
  const decoded: D[] = [];
  for (const answer of read) {
    if (size && (answer.size.width !== size.width || answer.size.height !== size.height)) {
      failFor(answer.index, answer.shown, `the image is ${answer.size.width}×${answer.size.height}, other workers' ${size.width}×${size.height}`);
      continue;
    }
    decoded.push(answer.decoded);
  }
  errors.push(...found.sort((a, b) => a.index - b.index).map(({ error }) => error));
  if (!size || decoded.length === 0) throw new SegmentationConsolidationError(errors.length > 0 ? errors : [{ ...where, message: `${describeWhere(subject, datasetObjectId)}: no answers to consolidate` }]);
  return { decoded, size, errors };
}

/** How one worker's colours read: colour key → position in the worker's list, and the list described for an error. */
export interface ColorTable {
  byColor: ReadonlyMap<number, number>;
  /** Ends the message of a pixel whose colour is in no list, e.g. `no label in labelMappings has (Sky #2ca02c)`. */
  describeMissing(): string;
}

/** `#ffffff`: Ground Truth's BACKGROUND colour, read as unlabeled when no colour of the worker's list has it. */
const WHITE = 0xffffff;

/**
 * Reads one worker's answer into a value per pixel: 0 for unlabeled, k + 1 for the colour at
 * position k of the worker's list. `readColors` reads that list from the answer object (throwing
 * {@link AnswerError} when it is malformed); it runs after `inputImageProperties` is checked and
 * before the PNG is decoded, so the first problem of an answer is the one reported. Transparent
 * pixels are unlabeled, and so are `#ffffff` pixels when no listed colour is white; any other
 * colour not in the list is an error naming the pixel. With `countPixels`, also counts the pixels
 * of each value (`counts[0]`, unlabeled, only for opaque pixels); otherwise `counts` is empty.
 */
export async function decodeLabelImage<C extends ColorTable>(
  answer: unknown,
  readColors: (record: Record<string, unknown>) => C,
  { countPixels = false }: { countPixels?: boolean } = {},
): Promise<{ size: InputImageProperties; colors: C; values: Uint8Array; counts: Int32Array }> {
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) throw new AnswerError('the answer is not an object');
  const record = answer as Record<string, unknown>;
  const properties = record.inputImageProperties as Record<string, unknown> | undefined;
  const width = properties?.width;
  const height = properties?.height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) < 1 || (height as number) < 1) {
    throw new AnswerError(`inputImageProperties must hold positive integer width and height, found ${JSON.stringify(properties)}`);
  }
  const colors = readColors(record);
  const { byColor } = colors;
  const data = (record.labeledImage as Record<string, unknown> | undefined)?.pngImageData;
  if (typeof data !== 'string' || data === '') throw new AnswerError('labeledImage.pngImageData is missing');
  let image;
  try {
    image = await decodePng(decodeBase64(data), { keepIndices: true });
  } catch (error) {
    if (error instanceof PngError) throw new AnswerError(`labeledImage.pngImageData is not a readable PNG: ${error.message}`);
    throw error;
  }
  if (image.width !== width || image.height !== height) {
    throw new AnswerError(`the labeled image is ${image.width}×${image.height} but inputImageProperties says ${String(width)}×${String(height)}`);
  }
  const values = new Uint8Array(image.width * image.height);
  const counts = new Int32Array(countPixels ? byColor.size + 1 : 0);
  const unknownColor = (pixel: number, red: number, green: number, blue: number): AnswerError =>
    new AnswerError(`pixel (${pixel % image.width}, ${Math.floor(pixel / image.width)}) has colour ${toHexColor(red, green, blue)}, which ${colors.describeMissing()}`);
  const valueOf = (key: number): number => {
    const index = byColor.get(key);
    return index !== undefined ? index + 1 : key === WHITE ? 0 : -1;
  };
  if ('indices' in image) {
    // A palette image: each palette entry is looked up once.
    const { indices, palette } = image;
    const table = new Int16Array(palette.length / 4);
    for (let entry = 0; entry < table.length; entry++) {
      const at = entry * 4;
      table[entry] = palette[at + 3] === 0 ? 0 : valueOf(colorKey(palette[at] as number, palette[at + 1] as number, palette[at + 2] as number));
    }
    for (let pixel = 0; pixel < values.length; pixel++) {
      const value = table[indices[pixel] as number] as number;
      if (value < 0) {
        const at = (indices[pixel] as number) * 4;
        throw unknownColor(pixel, palette[at] as number, palette[at + 1] as number, palette[at + 2] as number);
      }
      values[pixel] = value;
      if (countPixels) counts[value]!++;
    }
  } else {
    const rgba = image.rgba;
    let lastKey = -1;
    let lastValue = 0;
    for (let pixel = 0; pixel < values.length; pixel++) {
      const at = pixel * 4;
      if (rgba[at + 3] === 0) continue;
      const key = colorKey(rgba[at] as number, rgba[at + 1] as number, rgba[at + 2] as number);
      if (key !== lastKey) {
        const value = valueOf(key);
        if (value < 0) throw unknownColor(pixel, rgba[at] as number, rgba[at + 1] as number, rgba[at + 2] as number);
        lastKey = key;
        lastValue = value;
      }
      values[pixel] = lastValue;
      if (countPixels) counts[lastValue]!++;
    }
  }
  return { size: { width: image.width, height: image.height }, colors, values, counts };
}
