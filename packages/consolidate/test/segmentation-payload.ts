import { encodeBase64, encodeIndexedPng } from '../src/spatial/png.js';

/** Colours of the toy labels, as a worker's segmentation tool would give them. */
export const TOY_COLORS: Record<string, string> = { Bird: '#2ca02c', Tree: '#ff7f0e' };

const rgb = (hex: string): [number, number, number, number] => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16), 255];

/**
 * One worker's crowd-semantic-segmentation answer for a `width`-pixel-wide mask given as label
 * names per pixel (`null` = unpainted), encoded as an indexed PNG with white as background.
 */
export async function segmentationAnswer(width: number, pixels: (string | null)[]): Promise<Record<string, unknown>> {
  const labels = [...new Set(pixels.filter((pixel): pixel is string => pixel !== null))].sort();
  const palette = [[255, 255, 255, 255] as const, ...labels.map((label) => rgb(TOY_COLORS[label]!))];
  const indices = Uint8Array.from(pixels.map((pixel) => (pixel === null ? 0 : labels.indexOf(pixel) + 1)));
  const png = await encodeIndexedPng({ width, height: pixels.length / width, indices, palette });
  return {
    inputImageProperties: { width, height: pixels.length / width },
    labelMappings: Object.fromEntries(labels.map((label) => [label, { color: TOY_COLORS[label] }])),
    labeledImage: { pngImageData: encodeBase64(png) },
  };
}

/** A payload item whose workers `w0`, `w1`, … gave these answer objects. */
export function payloadItem(datasetObjectId: string, answers: Record<string, unknown>[]): Record<string, unknown> {
  return {
    datasetObjectId,
    dataObject: { 's3Uri': `s3://DOC-EXAMPLE-BUCKET/images/${datasetObjectId}.jpg` },
    annotations: answers.map((answer, i) => ({ workerId: `w${i}`, annotationData: { content: JSON.stringify(answer) } })),
  };
}

/**
 * Three workers' 2×2 masks of a bird whose pixel-wise majority is `[Bird, Bird, -, -]`: the
 * top-right pixel is Bird 2 to 1 and the bottom-right unlabeled 2 to 1.
 */
export async function birdAnswers(): Promise<Record<string, unknown>[]> {
  return Promise.all([
    segmentationAnswer(2, ['Bird', 'Bird', null, null]),
    segmentationAnswer(2, ['Bird', null, null, null]),
    segmentationAnswer(2, ['Bird', 'Bird', null, 'Bird']),
  ]);
}
