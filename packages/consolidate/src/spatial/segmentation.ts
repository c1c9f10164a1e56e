import type { CrowdSemanticSegmentationAnswer, InputImageProperties, JsonObject, PayloadItem } from '@quorum/schema';
import { mulberry32 } from '../random.js';
import { orderLabels, roundConfidence, type WorkerAnswer } from './common.js';
import { AnswerError, colorKey, decodeLabelImage, decodeWorkerAnswers, describeWhere, SegmentationConsolidationError, type SegmentationError } from './label-image.js';
import { encodeIndexedPng, parseHexColor, toHexColor } from './png.js';

export { SegmentationConsolidationError, type SegmentationError } from './label-image.js';

/** Ground Truth's category10 palette, the colours its segmentation tool gives labels in order. */
export const SEGMENTATION_PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** The class name Ground Truth gives unlabeled pixels in `internal-color-map`. */
export const BACKGROUND_CLASS = 'BACKGROUND';

/** Names this consolidation in errors that name neither a data object nor a worker. */
const SUBJECT = 'segmentation';

/** One entry of `internal-color-map`, as Ground Truth writes it. */
export interface ColorMapEntry {
  'class-name': string;
  'hex-color': string;
  confidence: number;
}

export interface SegmentationConsolidationOptions {
  /** Labels in class order (the job's label categories); class `i + 1` is `labels[i]`. Labels workers used beyond these follow, sorted. */
  labels?: readonly string[];
  /** Names the data object in error messages. */
  datasetObjectId?: string;
  /**
   * How a pixel whose top vote count is shared is decided. `'background'` (default): unlabeled
   * wins when it is among the tied, else the label that comes first in class order — a pixel
   * becomes a label only with a strict plurality over "unlabeled". `'seeded'`: a uniformly random
   * pick among the tied, reproducible with `seed`.
   */
  tieBreak?: 'background' | 'seeded';
  /** Seed of the `'seeded'` tie-break. Default 1. */
  seed?: number;
  /** Colour of unlabeled pixels in the consolidated PNG. Default `#ffffff`, Ground Truth's BACKGROUND colour. */
  backgroundColor?: string;
  /** Output colours by label; other labels take the colour most workers gave them, else the next free palette colour. */
  colors?: Readonly<Record<string, string>>;
}

export interface SegmentationConsolidationResult {
  /** The consolidated label image: an 8-bit palette PNG, palette index = class index (0 = background). Store it and put its URI in `<name>-ref`. */
  png: Uint8Array;
  /** The class of each pixel (0 = background), row by row. */
  classes: Uint8Array;
  inputImageProperties: InputImageProperties;
  /** Class names by index; index 0 is {@link BACKGROUND_CLASS}. */
  classNames: string[];
  /** `internal-color-map` of Ground Truth's output metadata: class index → name, colour, confidence. */
  internalColorMap: Record<string, ColorMapEntry>;
  /**
   * Mean share of the workers who agree with the consolidated class, over the pixels some worker
   * labeled (over all pixels when nobody labeled any), two decimals. Ground Truth gives one
   * confidence per image, repeated in every class of the colour map.
   */
  confidence: number;
  /** Pixels whose top vote was tied (decided by {@link SegmentationConsolidationOptions.tieBreak}). */
  tiedPixels: number;
  /** Workers whose answers were used, in the order given. */
  workerIds: string[];
  /** Answers that could not be used; they do not vote. */
  errors: SegmentationError[];
}

interface DecodedAnswer {
  workerId: string;
  /** Label of each pixel as an index into the worker's own label list + 1 (0 = unlabeled). */
  pixels: Uint8Array;
  labels: string[];
  colors: Map<string, string>;
}

/**
 * Consolidates one data object's semantic segmentation answers by a pixel-wise majority vote.
 *
 * Each worker's `labeledImage` PNG is decoded and every pixel mapped to a label through that
 * worker's own `labelMappings`, by label name — workers whose tools gave one label different
 * colours still vote together. Transparent pixels, and pixels of colour `#ffffff` when no label
 * of that worker has it (Ground Truth's BACKGROUND), are unlabeled. Each pixel then takes the class
 * with the most votes, "unlabeled" included; ties follow `tieBreak`. Ground Truth's built-in
 * consolidation also smooths the votes over neighbouring pixels; this one does not, so a result
 * is exactly explained by the answers.
 *
 * Errors name the data object, the worker and what is wrong: a corrupt or truncated PNG, a PNG
 * whose size differs from `inputImageProperties` (or from the other workers'), a colour that none
 * of the worker's labels has, a malformed `labelMappings`. Such an answer does not vote; when no
 * answer is usable the function throws a {@link SegmentationConsolidationError} holding them all.
 */
export async function consolidateSemanticSegmentation(
  answers: readonly WorkerAnswer<CrowdSemanticSegmentationAnswer>[],
  options: SegmentationConsolidationOptions = {},
): Promise<SegmentationConsolidationResult> {
  const tieBreak = options.tieBreak ?? 'background';
  if (tieBreak !== 'background' && tieBreak !== 'seeded') throw new RangeError(`tieBreak must be 'background' or 'seeded', got ${String(tieBreak)}`);
  const background = parseHexColor(options.backgroundColor ?? '#ffffff');
  if (!background) throw new RangeError(`backgroundColor must be #rrggbb, got ${options.backgroundColor}`);
  const { decoded, size, errors } = await decodeWorkerAnswers(answers, options.datasetObjectId, SUBJECT, decodeAnswer);

  const classNames = [BACKGROUND_CLASS, ...orderLabels(decoded.flatMap((answer) => answer.labels), options.labels ?? [])];
  if (classNames.length > 256) throw new RangeError(`${classNames.length - 1} labels; a segmentation PNG holds at most 255`);
  const classOf = new Map(classNames.map((name, index) => [name, index]));
  const votes = decoded.map((answer) => {
    const table = Uint8Array.from([0, ...answer.labels.map((label) => classOf.get(label) as number)]);
    const out = new Uint8Array(answer.pixels.length);
    for (let pixel = 0; pixel < out.length; pixel++) out[pixel] = table[answer.pixels[pixel] as number] as number;
    return out;
  });

  const pixelCount = size.width * size.height;
  const classes = new Uint8Array(pixelCount);
  const counts = new Int32Array(classNames.length);
  const random = tieBreak === 'seeded' ? mulberry32(options.seed ?? 1) : null;
  const workerCount = votes.length;
  let agreementSum = 0;
  let contested = 0;
  let tiedPixels = 0;
  let allAgreementSum = 0;
  for (let pixel = 0; pixel < pixelCount; pixel++) {
    const first = (votes[0] as Uint8Array)[pixel] as number;
    let unanimous = true;
    for (let worker = 1; worker < workerCount; worker++) {
      if ((votes[worker] as Uint8Array)[pixel] !== first) {
        unanimous = false;
        break;
      }
    }
    if (unanimous) {
      classes[pixel] = first;
      allAgreementSum += 1;
      if (first !== 0) {
        agreementSum += 1;
        contested++;
      }
      continue;
    }
    counts.fill(0);
    for (let worker = 0; worker < workerCount; worker++) counts[(votes[worker] as Uint8Array)[pixel] as number]!++;
    let best = 0;
    let top = counts[0] as number;
    let ties = 1;
    for (let label = 1; label < counts.length; label++) {
      const count = counts[label] as number;
      if (count > top) {
        top = count;
        best = label;
        ties = 1;
      } else if (count === top && count > 0) {
        ties++;
        // Background (index 0) or the earlier label stays unless the pick is random.
        if (random && random() * ties < 1) best = label;
      }
    }
    if (ties > 1) tiedPixels++;
    classes[pixel] = best;
    agreementSum += top / workerCount;
    allAgreementSum += top / workerCount;
    contested++;
  }
  const confidence = roundConfidence(contested > 0 ? agreementSum / contested : allAgreementSum / pixelCount);
  const colors = chooseColors(classNames, decoded, options.colors ?? {}, toHexColor(...background));
  const palette = colors.map((hex) => [...(parseHexColor(hex) as [number, number, number]), 255] as const);
  const png = await encodeIndexedPng({ width: size.width, height: size.height, indices: classes, palette });
  const internalColorMap: Record<string, ColorMapEntry> = {};
  classNames.forEach((name, index) => {
    internalColorMap[String(index)] = { 'class-name': name, 'hex-color': colors[index] as string, confidence };
  });
  return { png, classes, inputImageProperties: size, classNames, internalColorMap, confidence, tiedPixels, workerIds: decoded.map((answer) => answer.workerId), errors };
}

/** The consolidation of one payload item, or why it failed. */
export type SegmentationItemResult =
  | { datasetObjectId: string; ok: true; result: SegmentationConsolidationResult }
  | { datasetObjectId: string; ok: false; errors: SegmentationError[] };

export interface SegmentationPayloadOptions extends Omit<SegmentationConsolidationOptions, 'datasetObjectId'> {
  /** The key of the answer in each worker's answer object (the element's `name`); by default the one key whose value has a `labeledImage`. */
  answerName?: string;
}

/**
 * Consolidates a post-annotation payload (the file at `payload.s3Uri`) of semantic segmentation
 * answers, item by item: every item is in the result, consolidated or with the errors that
 * stopped it. Unparsable `annotationData.content` and answers without a segmentation are worker
 * errors naming the data object and the worker; `annotationData.s3Uri` (content stored apart)
 * must be fetched by the caller first.
 */
export async function consolidateSemanticSegmentationPayload(payload: readonly PayloadItem[], options: SegmentationPayloadOptions = {}): Promise<SegmentationItemResult[]> {
  const results: SegmentationItemResult[] = [];
  for (const [itemIndex, item] of payload.entries()) {
    const datasetObjectId = typeof item?.datasetObjectId === 'string' ? item.datasetObjectId : `(item ${itemIndex})`;
    const answers: WorkerAnswer<CrowdSemanticSegmentationAnswer>[] = [];
    const parseErrors: SegmentationError[] = [];
    for (const [index, annotation] of (Array.isArray(item?.annotations) ? item.annotations : []).entries()) {
      const workerId = typeof annotation?.workerId === 'string' && annotation.workerId ? annotation.workerId : `(annotation ${index})`;
      const fail = (message: string): void => {
        parseErrors.push({ datasetObjectId, workerId, message: `${describeWhere(SUBJECT, datasetObjectId, workerId)}: ${message}` });
      };
      const content = annotation?.annotationData?.content;
      if (typeof content !== 'string') {
        fail('annotationData.content is missing (content stored at annotationData.s3Uri must be fetched first)');
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(content);
      } catch (error) {
        fail(`annotationData.content is not JSON (${(error as Error).message})`);
        continue;
      }
      const answer = pickAnswer(parsed, options.answerName);
      if (typeof answer === 'string') {
        fail(answer);
        continue;
      }
      answers.push({ workerId, answer });
    }
    if (answers.length === 0) {
      results.push({ datasetObjectId, ok: false, errors: parseErrors.length > 0 ? parseErrors : [{ datasetObjectId, message: `${describeWhere(SUBJECT, datasetObjectId)}: no annotations` }] });
      continue;
    }
    try {
      const result = await consolidateSemanticSegmentation(answers, { ...options, datasetObjectId });
      result.errors.unshift(...parseErrors);
      results.push({ datasetObjectId, ok: true, result });
    } catch (error) {
      if (!(error instanceof SegmentationConsolidationError)) throw error;
      results.push({ datasetObjectId, ok: false, errors: [...parseErrors, ...error.errors] });
    }
  }
  return results;
}

export interface SegmentationManifestOptions {
  /** The labeling job's name (`job-name`). */
  jobName: string;
  /** `creation-date`; default now, in Ground Truth's format (ISO without the zone, microseconds). */
  creationDate?: string;
}

/**
 * The two output-manifest fields of Ground Truth's built-in semantic segmentation:
 * `<name>-ref` (the URI where the caller stored {@link SegmentationConsolidationResult.png}) and
 * `<name>-ref-metadata` with `internal-color-map`, `type: "groundtruth/semantic-segmentation"`,
 * `human-annotated`, `creation-date` and `job-name`. Ground Truth requires segmentation label
 * attribute names to end in `-ref`; one that does not gets it appended.
 */
export function semanticSegmentationManifestFields(labelAttributeName: string, uri: string, result: SegmentationConsolidationResult, options: SegmentationManifestOptions): JsonObject {
  const name = labelAttributeName.endsWith('-ref') ? labelAttributeName : `${labelAttributeName}-ref`;
  const colorMap: JsonObject = {};
  for (const [index, entry] of Object.entries(result.internalColorMap)) colorMap[index] = { ...entry };
  return {
    [name]: uri,
    [`${name}-metadata`]: {
      'internal-color-map': colorMap,
      type: 'groundtruth/semantic-segmentation',
      'human-annotated': 'yes',
      'creation-date': options.creationDate ?? new Date().toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$1000'),
      'job-name': options.jobName,
    },
  };
}

async function decodeAnswer(workerId: string, answer: unknown): Promise<{ size: InputImageProperties; decoded: DecodedAnswer }> {
  const image = await decodeLabelImage(answer, (record) => {
    const mappings = record.labelMappings;
    if (!mappings || typeof mappings !== 'object' || Array.isArray(mappings)) throw new AnswerError('labelMappings is missing or not an object');
    const labels: string[] = [];
    const colors = new Map<string, string>();
    const byColor = new Map<number, number>();
    for (const [label, mapping] of Object.entries(mappings as Record<string, unknown>)) {
      const color = (mapping as Record<string, unknown> | null)?.color;
      const rgb = typeof color === 'string' ? parseHexColor(color) : null;
      if (!rgb) throw new AnswerError(`labelMappings[${JSON.stringify(label)}].color must be #rrggbb, found ${JSON.stringify(color)}`);
      const key = colorKey(...rgb);
      const other = byColor.get(key);
      if (other !== undefined) throw new AnswerError(`labels ${JSON.stringify(labels[other])} and ${JSON.stringify(label)} share the colour ${color}, so their pixels cannot be told apart`);
      byColor.set(key, labels.length);
      labels.push(label);
      colors.set(label, (color as string).toLowerCase());
    }
    const describeMissing = (): string => `no label in labelMappings has (${labels.map((name) => `${name} ${colors.get(name)}`).join(', ') || 'none'})`;
    return { byColor, labels, colors, describeMissing };
  });
  return { size: image.size, decoded: { workerId, pixels: image.values, labels: image.colors.labels, colors: image.colors.colors } };
}

function pickAnswer(parsed: unknown, name: string | undefined): CrowdSemanticSegmentationAnswer | string {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'annotationData.content is not a JSON object';
  const record = parsed as Record<string, unknown>;
  if (name !== undefined) {
    return name in record ? (record[name] as CrowdSemanticSegmentationAnswer) : `the answer has no key ${JSON.stringify(name)} (keys: ${Object.keys(record).join(', ') || 'none'})`;
  }
  const candidates = Object.keys(record).filter((key) => {
    const value = record[key];
    return value !== null && typeof value === 'object' && 'labeledImage' in value;
  });
  if (candidates.length === 1) return record[candidates[0] as string] as CrowdSemanticSegmentationAnswer;
  if (candidates.length === 0) return `the answer has no semantic segmentation (no key holds a labeledImage; keys: ${Object.keys(record).join(', ') || 'none'})`;
  return `the answer has several segmentations (${candidates.join(', ')}); pass answerName to choose one`;
}

/** Output colours: given ones, else the colour most workers gave the label, else a free palette colour; never two classes alike. */
function chooseColors(classNames: readonly string[], answers: readonly DecodedAnswer[], given: Readonly<Record<string, string>>, background: string): string[] {
  const taken = new Set<string>([background]);
  const colors: string[] = [background];
  const pending: number[] = [];
  classNames.forEach((name, index) => {
    if (index === 0) return;
    const explicit = given[name];
    if (explicit !== undefined) {
      if (!parseHexColor(explicit)) throw new RangeError(`colors[${JSON.stringify(name)}] must be #rrggbb, got ${explicit}`);
      const color = explicit.toLowerCase();
      if (taken.has(color)) throw new RangeError(`colors[${JSON.stringify(name)}] ${color} is already the colour of another class or of the background`);
      taken.add(color);
      colors[index] = color;
    } else {
      pending.push(index);
    }
  });
  for (const index of pending) {
    const name = classNames[index] as string;
    const tally = new Map<string, number>();
    for (const answer of answers) {
      const color = answer.colors.get(name);
      if (color) tally.set(color, (tally.get(color) ?? 0) + 1);
    }
    const ranked = [...tally].filter(([color]) => !taken.has(color)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const color = ranked[0]?.[0] ?? SEGMENTATION_PALETTE.find((candidate) => !taken.has(candidate)) ?? freeColor(taken);
    taken.add(color);
    colors[index] = color;
  }
  return colors;
}

/** A colour not yet taken, for label sets larger than the palette. */
function freeColor(taken: ReadonlySet<string>): string {
  for (let value = 1; ; value = (value + 0x9e3779) & 0xffffff) {
    const color = toHexColor(value >> 16, (value >> 8) & 0xff, value & 0xff);
    if (!taken.has(color)) return color;
  }
}
