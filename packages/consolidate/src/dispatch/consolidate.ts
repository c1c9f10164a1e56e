import type { ConsolidatedItem, CrowdPairwiseAnswer, JsonObject, JsonValue } from '@quorum/schema';
import { aggregateCategorical, CATEGORICAL_METHODS, type CategoricalMethod } from '../classification/methods.js';
import { hashOf, CategoricalEncoder } from '../encode.js';
import { binaryRelevance, type MultiLabelAnswer } from '../multilabel/binary-relevance.js';
import { bradleyTerry, pairwiseFromAnswers, type PairwiseAnswer } from '../pairwise/bradley-terry.js';
import { bordaCount } from '../ranking/borda.js';
import type { RankingTask, TaskConsensus } from '../ranking/common.js';
import { plackettLuce } from '../ranking/plackett-luce.js';
import { consolidateRatings } from '../ratings/ratings.js';
import { consolidateSpans, type EntitySpan } from '../spans/character-vote.js';
import { consolidateBoundingBoxes, type ConsolidatedBox } from '../spatial/boxes.js';
import { consolidateKeypoints, type ConsolidatedKeypoint } from '../spatial/keypoints.js';
import { consolidateLines, consolidatePolylines } from '../spatial/lines.js';
import { consolidatePolygons, type Vertex } from '../spatial/polygons.js';
import { consolidateSemanticSegmentation, SegmentationConsolidationError, semanticSegmentationManifestFields, type SegmentationError } from '../spatial/segmentation.js';
import { consolidateInstanceSegmentation } from '../spatial/instance-segmentation.js';
import { groundTruthDate } from '../manifest.js';
import { parseJsonPath, resolveJsonPath } from '../lambda/json-path.js';
import { textMedoid } from '../text/medoid.js';
import { checkAttributeConfigs, planFromAnswerSchema, type AnswerKind, type AttributeConfig, type AnswerPlan } from './plan.js';
import { compareItemErrors, isRecord, parsePayloadItems, show, type ItemError, type ParsedItem } from './payload.js';

export interface ConsolidateAnswersOptions {
  /** The job's label attribute name; the consolidated answer object is written under it. */
  labelAttributeName: string;
  /** The template's answer schema (`quorum schema`, `extractAnswerSchema(...).schema`); see {@link planFromAnswerSchema}. */
  schema?: unknown;
  /** The element (tag) that produced each answer key, when known, e.g. from `extractAnswerSchema(...).controls`. */
  elements?: Record<string, string>;
  /** Explicit per-key configs; they replace what the schema says for those keys (and suffice without a schema). */
  attributes?: Record<string, AttributeConfig>;
  /**
   * The job's label categories (the event's `labelCategories`): used as the labels of categorical,
   * multi-label, span, box and keypoint answers whose schema lists none (categories given by the
   * task input).
   */
  labelCategories?: readonly string[];
  /** Seed for the methods with random choices and for the rating bootstrap; default 0. */
  seed?: number;
  /** Bootstrap samples of each rating interval; default 1000, 0 for none. */
  bootstrapSamples?: number;
  /** Method of categorical answers whose config names none; default `gt-ds` (GT-parity Dawid-Skene). */
  categoricalMethod?: CategoricalMethod;
}

/** What {@link consolidateAnswers} returns. */
export interface ConsolidateAnswersResult {
  /** The Lambda response: one item per data object with at least one consolidated answer. */
  response: ConsolidatedItem[];
  errors: ItemError[];
  /** The plan used: the kind and method of each answer key. */
  plan: AnswerPlan;
}

/** One worker's value for one answer key of one data object, as read by the kind's reader. */
interface Entry<T> {
  item: ParsedItem;
  workerId: string;
  annotationIndex: number;
  value: T;
  /** Fields of the worker's value that the method does not use (a classifier's `workerComment`), kept in the metadata. */
  extras?: JsonObject;
}

/** A consolidated answer of one key of one data object. */
interface Outcome {
  value: JsonValue;
  metadata: JsonObject;
  /**
   * Ground Truth's built-in output fields of this answer (`<name>-ref`, `<name>-ref-metadata` of a
   * semantic segmentation): the whole content when it is the object's only consolidated answer.
   */
  builtIn?: JsonObject;
}

type Reader<T> = (value: JsonValue, config: AttributeConfig) => { value: T; extras?: JsonObject } | string;

interface KindHandler<T> {
  read: Reader<T>;
  consolidate: (entries: Entry<T>[], config: AttributeConfig, context: Context) => Map<ParsedItem, Outcome>;
}

interface Context {
  options: ConsolidateAnswersOptions;
  /** Reports a problem with one worker's answer found by an algorithm. */
  fail: (entry: { item: ParsedItem; workerId: string; annotationIndex: number }, message: string) => void;
  /** Reports a problem with a whole data object's answers of this key. */
  failItem: (item: ParsedItem, message: string) => void;
}

/** The answers of one key over the batch. */
interface KeyGroup {
  config: AttributeConfig;
  entries: Entry<unknown>[];
}

/** A batch read and grouped by answer key, ready for the kinds' methods; {@link Batch.finish} builds the response. */
interface Batch {
  plan: AnswerPlan;
  errors: ItemError[];
  byKey: Map<string, KeyGroup>;
  contextFor: (key: string, errors?: ItemError[]) => Context;
  collect: (key: string, group: KeyGroup, outcomes: Map<ParsedItem, Outcome>) => void;
  finish: () => ConsolidateAnswersResult;
}

/**
 * Consolidates a post-annotation payload of any template: each key of the answer object is
 * consolidated by the method its kind calls for (see {@link planFromAnswerSchema} and
 * {@link AnswerKind}), across the whole batch for the methods that learn from it (Dawid-Skene,
 * binary relevance, standardised ratings, Bradley-Terry) and per data object for the others.
 *
 * Response content, per data object (a documented shape for every kind, the same as one worker's
 * answer object where the kind allows it):
 * ```
 * content[labelAttributeName] = {                    // keyed like the answer object
 *   relevance: { label: "4" },                       // categorical, as the classifier answers
 *   topics: { labels: ["a", "c"] },                  // multilabel
 *   stars: { rating: 3.67 },  howMuch: 6.5,          // ratings: the statistic (not rounded); metadata.ratings per worker
 *   preference: { choice: "A" },                     // pairwise: the vote (an even split is "tie"); metadata.choices per worker
 *   order: { responseRankings: [2, 1, 3] },          // ranking: consensus dense ranks
 *   ner: { entities: [...] }, boxes: { boundingBoxes: [...], inputImageProperties }, points: { keypoints: [...], … },
 *   comment: "fine as is",                           // free text: the medoid answer (least edit distance to the others)
 *   masks: { ref, inputImageProperties, instances: [{ color, label, confidence }] },  // instance segmentation (async only)
 *   other: [{ workerId: "w1", value: … }, …],        // pass-through: every answer, nothing chosen
 * }
 * content[labelAttributeName + "-metadata"] = {
 *   "worker-count": 3, "human-annotated": "yes",
 *   answers: { relevance: { kind: "categorical", method: "gt-ds", "class-name": "4", confidence: 0.87, "worker-count": 3 }, … }
 * }
 * ```
 * Each key's metadata names its kind and method and gives what the method measures (confidences,
 * vote counts, intervals, per-object scores) and `extras`: the fields of the workers' values the
 * method does not use (comments, rationales), so nothing a worker wrote is lost.
 *
 * Semantic and instance segmentation answers produce a PNG that has to be stored, so this
 * synchronous function reports each of their data objects as an error that says so; use
 * {@link consolidateAnswersAsync} with `writeObject` (as `postAnnotation` does).
 *
 * A malformed answer of one key is an {@link ItemError} with its `answerName`; the worker's other
 * answers and the other workers still count. A data object is in the response when at least one
 * key was consolidated, and otherwise in the errors. Keys a worker gave that the plan does not know
 * are passed through (a value with `labeledImage` and `labelMappings` is read as a semantic
 * segmentation, one with `labeledImage` and an `instances` array as an instance segmentation).
 * Throws only for bad options or a payload that is not an array.
 */
export function consolidateAnswers(payload: unknown, options: ConsolidateAnswersOptions, failed: ReadonlyMap<string, ItemError> = new Map()): ConsolidateAnswersResult {
  const batch = readBatch(payload, options, failed);
  for (const [key, group] of batch.byKey) {
    if (SEGMENTATION_KINDS.has(group.config.kind)) {
      const { failItem } = batch.contextFor(key);
      const what = group.config.kind === 'semantic-segmentation' ? 'a semantic' : 'an instance';
      for (const item of new Set(group.entries.map((entry) => entry.item))) {
        failItem(item, `${what} segmentation is consolidated into a PNG label image that must be stored; consolidateAnswers is synchronous and stores nothing: use consolidateAnswersAsync (or postAnnotation) with writeObject`);
      }
      continue;
    }
    batch.collect(key, group, HANDLERS[group.config.kind].consolidate(group.entries, withLabels(group.config, options), batch.contextFor(key)));
  }
  return batch.finish();
}

/**
 * Stores one consolidated label image and returns where it is (an `s3://` URI, a file path, a URL):
 * that reference is written in the response (`<name>-ref`). `name` is a file name in Ground Truth's
 * style, `<datasetObjectId>_<creation date>.png` (with `_<answer name>` after the id when a template
 * has several segmentations); the writer chooses the folder or prefix. A rejection becomes an error
 * of that data object.
 */
export type ObjectWriter = (name: string, bytes: Uint8Array, contentType: string, context: { datasetObjectId: string; answerName: string }) => Promise<string>;

export interface ConsolidateAnswersAsyncOptions extends ConsolidateAnswersOptions {
  /** Stores the PNG of each consolidated semantic or instance segmentation; without it, each such data object is an error naming it. */
  writeObject?: ObjectWriter;
  /** `job-name` written in the segmentation metadata (Ground Truth writes `labeling-job/<name>`); omitted when not given. */
  jobName?: string;
  /** `creation-date` of the segmentation metadata and the timestamp of the file names; default now. */
  creationDate?: Date;
  /** How many label images are consolidated and stored at once; default 8. */
  concurrency?: number;
}

/**
 * {@link consolidateAnswers}, with the kinds that need asynchronous work: semantic segmentation
 * answers are decoded, voted pixel by pixel ({@link consolidateSemanticSegmentation}) and the
 * label image is stored with `writeObject`; instance segmentation answers are decoded, their
 * instances matched across workers by mask IoU and voted pixel by pixel
 * ({@link consolidateInstanceSegmentation}), and their label image stored the same way. The other
 * kinds are consolidated synchronously first, exactly as {@link consolidateAnswers} does; only the
 * segmentations are awaited.
 *
 * A data object whose only answer is a semantic segmentation gets Ground Truth's built-in output as
 * its content (labelAttributeName gets `-ref` appended when it lacks it, as Ground Truth requires):
 * ```
 * { "<name>-ref": "<reference returned by writeObject>",
 *   "<name>-ref-metadata": { "internal-color-map": { "0": { "class-name": "BACKGROUND", "hex-color": "#ffffff", confidence }, … },
 *     type: "groundtruth/semantic-segmentation", "human-annotated": "yes", "creation-date", "job-name" } }
 * ```
 * Within a template with other answers, the segmentation is `{ref, inputImageProperties}` under its
 * key, with `internal-color-map` and `confidence` in its metadata. An instance segmentation (Ground
 * Truth has no built-in output for it) is always under its key:
 * ```
 * { ref, inputImageProperties, instances: [{ color: "#1f77b4", label: "Car", confidence: 0.9 }, …] }
 * ```
 * with, in its metadata, the method, the IoU threshold, each consolidated instance's worker count
 * and the groups not kept (`dropped`: label, reason, confidence, worker count). Without
 * `writeObject`, or when a write fails, the data object's segmentation is an error that says so.
 */
export async function consolidateAnswersAsync(payload: unknown, options: ConsolidateAnswersAsyncOptions, failed: ReadonlyMap<string, ItemError> = new Map()): Promise<ConsolidateAnswersResult> {
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, found ${concurrency}`);
  if (options.writeObject !== undefined && typeof options.writeObject !== 'function') throw new TypeError('writeObject must be a function (name, bytes, contentType, context) => Promise<reference>');
  const batch = readBatch(payload, options, failed);
  const timestamp = groundTruthDate(options.creationDate ?? new Date());
  const segmentationKeys = [...batch.byKey].filter(([, group]) => SEGMENTATION_KINDS.has(group.config.kind)).map(([key]) => key);
  const pending: { key: string; group: KeyGroup; errors: ItemError[]; outcomes: Promise<Map<ParsedItem, Outcome>> }[] = [];
  for (const [key, group] of batch.byKey) {
    if (SEGMENTATION_KINDS.has(group.config.kind)) {
      // Errors of asynchronous keys are kept apart and added in key order, so reports do not depend on timing.
      const errors: ItemError[] = [];
      const context = batch.contextFor(key, errors);
      const naming = { timestamp, withKey: segmentationKeys.length > 1 };
      const method = group.config.kind === 'semantic-segmentation' ? semanticMethod(options, timestamp) : instanceMethod;
      pending.push({ key, group, errors, outcomes: consolidateSegmentations(group.entries as Entry<JsonObject>[], withLabels(group.config, options), key, context, options, method, naming, concurrency) });
      continue;
    }
    batch.collect(key, group, HANDLERS[group.config.kind].consolidate(group.entries, withLabels(group.config, options), batch.contextFor(key)));
  }
  for (const { key, group, errors, outcomes } of pending) {
    batch.collect(key, group, await outcomes);
    batch.errors.push(...errors);
  }
  return batch.finish();
}

function readBatch(payload: unknown, options: ConsolidateAnswersOptions, failed: ReadonlyMap<string, ItemError>): Batch {
  const { labelAttributeName } = options;
  if (typeof labelAttributeName !== 'string' || labelAttributeName === '') throw new TypeError('labelAttributeName must be a non-empty string');
  if (!Array.isArray(payload)) throw new TypeError('the post-annotation payload must be an array of data objects ({datasetObjectId, dataObject, annotations})');
  if (options.categoricalMethod !== undefined && !CATEGORICAL_METHODS.includes(options.categoricalMethod)) {
    throw new TypeError(`categoricalMethod must be one of ${CATEGORICAL_METHODS.join(', ')}, found ${JSON.stringify(options.categoricalMethod)}`);
  }
  const plan = buildPlan(options);
  const { items, errors } = parsePayloadItems(payload, failed);

  // Collect each key's entries over the batch, in payload order.
  const byKey = new Map<string, KeyGroup>();
  const unplanned = new Map<string, AttributeConfig>();
  const configFor = (key: string, raw: JsonValue): AttributeConfig => {
    // Own keys only: an answer key such as "toString" or "__proto__" is data, not a plan entry.
    const direct = Object.hasOwn(plan.attributes, key) ? plan.attributes[key] : undefined;
    if (direct) return direct;
    const matched = plan.patterns.find(({ pattern }) => new RegExp(pattern, 'u').test(key));
    if (matched) return matched.config;
    // A key the plan does not know keeps the kind its first value suggests, so all its answers go together.
    let config = unplanned.get(key);
    if (!config) unplanned.set(key, (config = { kind: unplannedKind(raw), shape: 'object' }));
    return config;
  };
  for (const item of items) {
    for (const annotation of item.annotations) {
      const where = { datasetObjectId: item.id, index: item.index, workerId: annotation.workerId, annotationIndex: annotation.annotationIndex, path: `/${item.index}/annotations/${annotation.annotationIndex}/annotationData/content` };
      for (const [key, config] of Object.entries(plan.attributes)) {
        if (config.required && !Object.hasOwn(annotation.answer, key)) errors.push({ ...where, answerName: key, message: `has no answer "${key}", which the template always submits` });
      }
      for (const [key, raw] of Object.entries(annotation.answer)) {
        const config = configFor(key, raw);
        const read = HANDLERS[config.kind].read(raw, withLabels(config, options));
        if (typeof read === 'string') {
          errors.push({ ...where, answerName: key, message: `answer "${key}" ${read}` });
          continue;
        }
        let group = byKey.get(key);
        if (!group) byKey.set(key, (group = { config, entries: [] }));
        group.entries.push({ item, workerId: annotation.workerId, annotationIndex: annotation.annotationIndex, value: read.value, ...(read.extras && { extras: read.extras }) });
      }
    }
  }

  const results = new Map<ParsedItem, Map<string, Outcome>>();
  const contextFor = (key: string, sink: ItemError[] = errors): Context => ({
    options,
    fail: (entry, message) =>
      sink.push({ datasetObjectId: entry.item.id, index: entry.item.index, workerId: entry.workerId, annotationIndex: entry.annotationIndex, answerName: key, path: `/${entry.item.index}/annotations/${entry.annotationIndex}/annotationData/content`, message: `answer "${key}" ${message}` }),
    failItem: (item, message) => sink.push({ datasetObjectId: item.id, index: item.index, answerName: key, path: `/${item.index}/annotations`, message: `answers "${key}": ${message}` }),
  });
  const collect = (key: string, { config, entries }: KeyGroup, outcomes: Map<ParsedItem, Outcome>): void => {
    const extrasByItem = new Map<ParsedItem, JsonObject[]>();
    for (const entry of entries) {
      if (!entry.extras) continue;
      let list = extrasByItem.get(entry.item);
      if (!list) extrasByItem.set(entry.item, (list = []));
      list.push({ workerId: entry.workerId, ...entry.extras });
    }
    for (const [item, outcome] of outcomes) {
      const extras = extrasByItem.get(item) ?? [];
      const metadata: JsonObject = { kind: config.kind, ...(config.element && { element: config.element }), ...outcome.metadata, ...(extras.length > 0 && { extras }) };
      let forItem = results.get(item);
      if (!forItem) results.set(item, (forItem = new Map()));
      forItem.set(key, { ...outcome, metadata });
    }
  };
  const finish = (): ConsolidateAnswersResult => {
    const response: ConsolidatedItem[] = [];
    for (const item of items) {
      const outcomes = results.get(item);
      // Every worker submitted an empty answer object (an image tool with nothing drawn submits no
      // key): that is the workers' answer, "nothing here", not a failure to consolidate.
      if ((!outcomes || outcomes.size === 0) && item.annotations.length > 0 && item.annotations.every((annotation) => Object.keys(annotation.answer).length === 0)) {
        response.push({
          datasetObjectId: item.id,
          consolidatedAnnotation: {
            content: { [labelAttributeName]: {}, [`${labelAttributeName}-metadata`]: { 'worker-count': item.annotations.length, 'human-annotated': 'yes', answers: {} } },
          },
        });
        continue;
      }
      if (!outcomes || outcomes.size === 0) {
        errors.push({ datasetObjectId: item.id, index: item.index, path: `/${item.index}/annotations`, message: 'no answer of this object could be consolidated (see the errors for its annotations)' });
        continue;
      }
      const only = outcomes.size === 1 ? [...outcomes.values()][0]! : undefined;
      if (only?.builtIn) {
        response.push({ datasetObjectId: item.id, consolidatedAnnotation: { content: only.builtIn } });
        continue;
      }
      const value: JsonObject = {};
      const answers: JsonObject = {};
      for (const key of orderedKeys(item, plan, outcomes)) {
        defineOwn(value, key, outcomes.get(key)!.value);
        defineOwn(answers, key, outcomes.get(key)!.metadata);
      }
      response.push({
        datasetObjectId: item.id,
        consolidatedAnnotation: {
          content: { [labelAttributeName]: value, [`${labelAttributeName}-metadata`]: { 'worker-count': item.annotations.length, 'human-annotated': 'yes', answers } },
        },
      });
    }
    errors.sort(compareItemErrors);
    return { response, errors, plan };
  };
  return { plan, errors, byKey, contextFor, collect, finish };
}

/** Plan keys first (schema order), then keys only the workers gave, in the order first seen. */
function orderedKeys(item: ParsedItem, plan: AnswerPlan, outcomes: Map<string, Outcome>): string[] {
  const keys = Object.keys(plan.attributes).filter((key) => outcomes.has(key));
  for (const annotation of item.annotations) for (const key of Object.keys(annotation.answer)) if (outcomes.has(key) && !keys.includes(key)) keys.push(key);
  return keys;
}

function buildPlan(options: ConsolidateAnswersOptions): AnswerPlan {
  if (options.schema === undefined && options.attributes === undefined) {
    throw new TypeError('consolidateAnswers needs the answer schema (schema) or per-answer configs (attributes) to know how to consolidate each answer');
  }
  const plan = options.schema === undefined ? { attributes: {}, patterns: [], notes: [] } : planFromAnswerSchema(options.schema, options.elements ?? {});
  if (options.attributes) {
    const explicit = checkAttributeConfigs(options.attributes);
    for (const [key, config] of Object.entries(explicit)) {
      defineOwn(plan.attributes, key, { ...config, ...(Object.hasOwn(plan.attributes, key) && plan.attributes[key]?.required && config.required === undefined && { required: true }) });
    }
  }
  return plan;
}

const LABELLED: ReadonlySet<AnswerKind> = new Set(['categorical', 'multilabel', 'spans', 'boxes', 'keypoints', 'polygons', 'lines', 'polylines', 'semantic-segmentation']);

function withLabels(config: AttributeConfig, options: ConsolidateAnswersOptions): AttributeConfig {
  if (config.labels || !LABELLED.has(config.kind) || !options.labelCategories || options.labelCategories.length === 0) return config;
  // A boolean map's keys are its own options, not the job's categories.
  if (config.shape === 'boolean-map') return config;
  return { ...config, labels: [...options.labelCategories] };
}

// --- readers ------------------------------------------------------------------------------------

/** Splits an object value into the fields the method uses and the rest (kept as extras). */
function split(value: JsonObject, used: readonly string[]): JsonObject | undefined {
  const rest = Object.entries(value).filter(([key]) => !used.includes(key));
  return rest.length > 0 ? Object.fromEntries(rest) : undefined;
}

function readLabel(value: JsonValue, config: AttributeConfig): { value: string; extras?: JsonObject } | string {
  let label: string;
  let extras: JsonObject | undefined;
  if (config.shape === 'string') {
    if (typeof value !== 'string') return `must be a string, found ${show(value)}`;
    label = value;
  } else if (config.shape === 'boolean-map') {
    if (!isRecord(value) || !Object.values(value).every((v) => typeof v === 'boolean')) return `must be an object of booleans, found ${show(value)}`;
    const chosen = Object.keys(value).filter((key) => value[key] === true);
    if (chosen.length !== 1) return `must have exactly one option chosen (true), found ${chosen.length === 0 ? 'none' : JSON.stringify(chosen)}`;
    label = chosen[0]!;
  } else {
    if (!isRecord(value) || typeof value.label !== 'string') return `must be {"label": "<category>"}, found ${show(value)}`;
    label = value.label;
    extras = split(value as JsonObject, ['label']);
  }
  if (config.labels && config.shape !== 'boolean-map' && !config.labels.includes(label)) return `label "${label}" is not one of ${JSON.stringify(config.labels)}`;
  return extras ? { value: label, extras } : { value: label };
}

function readLabels(value: JsonValue, config: AttributeConfig): { value: string[]; extras?: JsonObject } | string {
  let labels: string[];
  let extras: JsonObject | undefined;
  if (config.shape === 'boolean-map') {
    if (!isRecord(value) || !Object.values(value).every((v) => typeof v === 'boolean')) return `must be an object of booleans, found ${show(value)}`;
    labels = Object.keys(value).filter((key) => value[key] === true);
  } else {
    if (!isRecord(value) || !Array.isArray(value.labels) || !value.labels.every((label) => typeof label === 'string')) return `must be {"labels": ["<label>", …]}, found ${show(value)}`;
    labels = value.labels as string[];
    extras = split(value as JsonObject, ['labels']);
  }
  const unknown = config.labels && config.shape !== 'boolean-map' ? labels.filter((label) => !config.labels!.includes(label)) : [];
  if (unknown.length > 0) return `labels ${JSON.stringify(unknown)} are not among ${JSON.stringify(config.labels)}`;
  return extras ? { value: labels, extras } : { value: labels };
}

function readNumber(value: JsonValue, config: AttributeConfig): { value: number; extras?: JsonObject } | string {
  let raw: JsonValue | undefined = value;
  let extras: JsonObject | undefined;
  if (config.shape !== 'number' && isRecord(value)) {
    raw = value.rating;
    extras = split(value as JsonObject, ['rating']);
  }
  // Native range and number inputs submit their value as a string.
  const number = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof number !== 'number' || !Number.isFinite(number)) return config.shape === 'number' ? `must be a number, found ${show(value)}` : `must be {"rating": <number>}, found ${show(value)}`;
  return extras ? { value: number, extras } : { value: number };
}

const CHOICES = ['A', 'B', 'tie', 'both-bad'];

function readPreference(value: JsonValue): { value: CrowdPairwiseAnswer; extras?: JsonObject } | string {
  if (!isRecord(value) || typeof value.choice !== 'string' || !CHOICES.includes(value.choice)) return `must be {"choice": "A" | "B" | "tie" | "both-bad"}, found ${show(value)}`;
  if (value.dimensions !== undefined) {
    if (!isRecord(value.dimensions)) return `dimensions must be an object {"<dimension>": {"choice": …}}`;
    for (const [name, preference] of Object.entries(value.dimensions)) {
      if (!isRecord(preference) || typeof preference.choice !== 'string' || !CHOICES.includes(preference.choice)) return `dimension "${name}" must be {"choice": "A" | "B" | "tie" | "both-bad"}, found ${show(preference as JsonValue)}`;
    }
  }
  const extras = split(value as JsonObject, ['choice', 'dimensions']);
  return extras ? { value: value as unknown as CrowdPairwiseAnswer, extras } : { value: value as unknown as CrowdPairwiseAnswer };
}

interface RankingValue {
  /** Ranks per dimension (one for crowd-ranking). */
  dimensions: number[][];
  /** Dimension names of crowd-text-ranking, when given. */
  names: (string | undefined)[];
  ordinal: boolean;
}

function readRanking(value: JsonValue): { value: RankingValue; extras?: JsonObject } | string {
  if (!isRecord(value)) return `must be {"responseRankings": [...]} or {"ordinalRankingDimensions": [...]}, found ${show(value)}`;
  const isRanks = (ranks: unknown): ranks is number[] => Array.isArray(ranks) && ranks.length > 0 && ranks.every((rank) => Number.isInteger(rank) && (rank as number) >= 1);
  if (Array.isArray(value.ordinalRankingDimensions)) {
    const dimensions: number[][] = [];
    const names: (string | undefined)[] = [];
    for (const [d, dimension] of value.ordinalRankingDimensions.entries()) {
      if (!isRecord(dimension) || !isRanks(dimension.responseRankings)) return `ordinalRankingDimensions[${d}] must be {"responseRankings": [1-based ranks]}, found ${show(dimension as JsonValue)}`;
      dimensions.push(dimension.responseRankings);
      names.push(typeof dimension.name === 'string' ? dimension.name : undefined);
    }
    if (dimensions.length === 0) return 'has no ranking dimension';
    return { value: { dimensions, names, ordinal: true } };
  }
  if (!isRanks(value.responseRankings)) return `must be {"responseRankings": [1-based ranks]}, found ${show(value)}`;
  const extras = split(value as JsonObject, ['responseRankings']);
  const ranking = { dimensions: [value.responseRankings], names: [undefined], ordinal: false };
  return extras ? { value: ranking, extras } : { value: ranking };
}

/**
 * An answer with a list of shapes. `checkLabels`: reject the whole answer for a label outside the
 * labels (boxes and keypoints, whose algorithms take any label); span voting skips only the bad entity.
 */
function readListAnswer(field: string, checkLabels: boolean): Reader<JsonObject> {
  return (value, config) => {
    if (!isRecord(value) || !Array.isArray(value[field])) return `must be an object with a "${field}" array, found ${show(value)}`;
    if (checkLabels && config.labels) {
      const unknown = (value[field] as unknown[]).map((entry) => (isRecord(entry) ? entry.label : undefined)).filter((label) => typeof label === 'string' && !config.labels!.includes(label));
      if (unknown.length > 0) return `uses labels ${JSON.stringify([...new Set(unknown)])} that are not among ${JSON.stringify(config.labels)}`;
    }
    return { value: value as JsonObject };
  };
}

const keepAll: Reader<JsonValue> = (value) => ({ value });

// --- consolidation per kind -----------------------------------------------------------------------

const round = (value: number, places = 4): number => (Number.isFinite(value) ? Math.round(value * 10 ** places) / 10 ** places : value);

function byItem<T>(entries: Entry<T>[]): Map<ParsedItem, Entry<T>[]> {
  const groups = new Map<ParsedItem, Entry<T>[]>();
  for (const entry of entries) {
    let group = groups.get(entry.item);
    if (!group) groups.set(entry.item, (group = []));
    group.push(entry);
  }
  return groups;
}

const categorical: KindHandler<string> = {
  read: readLabel,
  consolidate(entries, config, { options }) {
    const encoder = new CategoricalEncoder(config.labels ? { labels: config.labels } : {});
    for (const entry of entries) encoder.add(entry.item.id, entry.workerId, entry.value);
    const data = encoder.finish();
    const method = config.method ?? options.categoricalMethod ?? 'gt-ds';
    const result = aggregateCategorical(data, method, { seed: options.seed ?? 0 });
    const taskIndex = new Map(data.tasks.map((task, t) => [task, t]));
    const outcomes = new Map<ParsedItem, Outcome>();
    for (const [item, group] of byItem(entries)) {
      const t = taskIndex.get(item.id)!;
      const label = data.labels[result.labels[t]!]!;
      let value: JsonValue;
      if (config.shape === 'string') value = label;
      else if (config.shape === 'boolean-map') {
        const keys = [...new Set([...(config.labels ?? []), ...group.flatMap((entry) => [entry.value])])];
        value = Object.fromEntries(keys.map((key) => [key, key === label]));
      } else value = { label };
      outcomes.set(item, { value, metadata: { method, 'class-name': label, confidence: round(result.confidence[t]!), 'worker-count': group.length } });
    }
    return outcomes;
  },
};

const multilabel: KindHandler<string[]> = {
  read: readLabels,
  consolidate(entries, config, { options, fail }) {
    const method = config.method ?? 'mv';
    const answers: MultiLabelAnswer[] = entries.map((entry) => ({ task: entry.item.id, worker: entry.workerId, labels: entry.value }));
    const result = binaryRelevance(answers, { method, seed: options.seed ?? 0, ...(config.labels && config.shape !== 'boolean-map' && { labels: config.labels }) });
    for (const error of result.errors) fail(entries[error.index]!, error.message);
    const taskIndex = new Map(result.tasks.map((task, t) => [task, t]));
    const L = result.labels.length;
    const outcomes = new Map<ParsedItem, Outcome>();
    for (const [item, group] of byItem(entries)) {
      const t = taskIndex.get(item.id);
      if (t === undefined) continue;
      const chosen = result.labels.filter((_, l) => result.selected[t * L + l] === 1);
      const confidenceMap = Object.fromEntries(result.labels.map((label, l) => [label, round(result.probability[t * L + l]!, 2)]));
      let value: JsonValue;
      if (config.shape === 'boolean-map') {
        const keys = [...new Set([...(config.labels ?? []), ...result.labels, ...group.flatMap((entry) => entry.value)])];
        value = Object.fromEntries(keys.map((key) => [key, chosen.includes(key)]));
      } else value = { labels: chosen };
      outcomes.set(item, { value, metadata: { method: `binary-relevance/${method}`, 'confidence-map': confidenceMap, 'worker-count': group.length } });
    }
    return outcomes;
  },
};

const rating: KindHandler<number> = {
  read: readNumber,
  consolidate(entries, config, { options }) {
    const encoder = new CategoricalEncoder({ duplicates: 'keep' });
    for (const entry of entries) encoder.add(entry.item.id, entry.workerId, String(entry.value));
    const data = encoder.finish();
    const statistic = config.statistic ?? 'mean';
    const result = consolidateRatings(data, statistic, { bootstrap: { samples: options.bootstrapSamples ?? 1000, seed: options.seed ?? 0 } });
    const taskIndex = new Map(data.tasks.map((task, t) => [task, t]));
    const outcomes = new Map<ParsedItem, Outcome>();
    for (const [item, group] of byItem(entries)) {
      const t = taskIndex.get(item.id)!;
      const estimate = result.estimates[t]!;
      const metadata: JsonObject = { method: statistic, 'worker-count': group.length, ratings: Object.fromEntries(group.map((entry) => [entry.workerId, entry.value])), sd: round(result.spread[t]!) };
      if (result.lower && result.upper) Object.assign(metadata, { lower: round(result.lower[t]!), upper: round(result.upper[t]!) });
      outcomes.set(item, { value: config.shape === 'number' ? estimate : { rating: estimate }, metadata });
    }
    return outcomes;
  },
};

/** The most frequent choice; an even split between different choices is a tie. */
function plurality(counts: Record<string, number>): string {
  const top = Math.max(...Object.values(counts));
  const leaders = CHOICES.filter((choice) => counts[choice] === top);
  return leaders.length === 1 ? leaders[0]! : 'tie';
}

const pairwise: KindHandler<CrowdPairwiseAnswer> = {
  read: readPreference,
  consolidate(entries, config, { failItem }) {
    const paths = config.items ? { a: parseJsonPath(config.items.a), b: parseJsonPath(config.items.b) } : undefined;
    const itemIds = new Map<ParsedItem, { a: string; b: string }>();
    for (const item of new Set(entries.map((entry) => entry.item))) {
      let ids = { a: `${item.id}/A`, b: `${item.id}/B` };
      if (paths) {
        const [a] = resolveJsonPath(item.dataObject, paths.a);
        const [b] = resolveJsonPath(item.dataObject, paths.b);
        if ((typeof a === 'string' || typeof a === 'number') && (typeof b === 'string' || typeof b === 'number') && String(a) !== String(b)) ids = { a: String(a), b: String(b) };
        else failItem(item, `the data object has no two distinct item ids at ${paths.a.text} and ${paths.b.text} (found ${show(a as JsonValue)} and ${show(b as JsonValue)}); its responses are scored as items of their own`);
      }
      itemIds.set(item, ids);
    }
    const answers: PairwiseAnswer[] = entries.map((entry) => ({ itemA: itemIds.get(entry.item)!.a, itemB: itemIds.get(entry.item)!.b, answer: entry.value, workerId: entry.workerId }));
    const { data } = pairwiseFromAnswers(answers);
    const fit = data.count > 0 ? bradleyTerry(data) : undefined;
    const index = new Map(data.items.map((id, i) => [id, i]));
    const outcomes = new Map<ParsedItem, Outcome>();
    for (const [item, group] of byItem(entries)) {
      const votes: Record<string, number> = { A: 0, B: 0, tie: 0, 'both-bad': 0 };
      for (const entry of group) votes[entry.value.choice]!++;
      const value: JsonObject = { choice: plurality(votes) };
      const dimensionNames = [...new Set(group.flatMap((entry) => Object.keys(entry.value.dimensions ?? {})))];
      const dimensionVotes: JsonObject = {};
      if (dimensionNames.length > 0) {
        const dimensions: JsonObject = {};
        for (const name of dimensionNames) {
          const counts: Record<string, number> = { A: 0, B: 0, tie: 0, 'both-bad': 0 };
          for (const entry of group) {
            const choice = entry.value.dimensions?.[name]?.choice;
            if (choice) counts[choice]!++;
          }
          dimensions[name] = { choice: plurality(counts) };
          dimensionVotes[name] = counts;
        }
        value.dimensions = dimensions;
      }
      const metadata: JsonObject = {
        method: 'vote',
        votes,
        choices: Object.fromEntries(group.map((entry) => [entry.workerId, entry.value.choice])),
        agreement: round(Math.max(...Object.values(votes)) / group.length, 2),
        'worker-count': group.length,
      };
      if (dimensionNames.length > 0) metadata['dimension-votes'] = dimensionVotes;
      const ids = itemIds.get(item)!;
      const a = index.get(ids.a);
      const b = index.get(ids.b);
      if (fit && a !== undefined && b !== undefined) {
        const scoreA = fit.scores[a]!;
        const scoreB = fit.scores[b]!;
        metadata['bradley-terry'] = { 'item-a': ids.a, 'item-b': ids.b, 'score-a': round(scoreA), 'score-b': round(scoreB), 'probability-a': round(1 / (1 + Math.exp(scoreB - scoreA))), 'rank-a': fit.ranks[a]!, 'rank-b': fit.ranks[b]! };
      }
      outcomes.set(item, { value, metadata });
    }
    return outcomes;
  },
};

const ranking: KindHandler<RankingValue> = {
  read: readRanking,
  consolidate(entries, config, { fail }) {
    const method = config.rankingMethod ?? 'borda';
    const groups = byItem(entries);
    const dimensionCount = Math.max(...entries.map((entry) => entry.value.dimensions.length));
    const perDimension: Map<string, TaskConsensus>[] = [];
    for (let d = 0; d < dimensionCount; d++) {
      const tasks: RankingTask[] = [];
      const origin: Entry<RankingValue>[][] = [];
      for (const [item, group] of groups) {
        const usable = group.filter((entry) => entry.value.dimensions[d] !== undefined);
        if (usable.length === 0) continue;
        tasks.push({ id: item.id, rankings: usable.map((entry) => ({ workerId: entry.workerId, responseRankings: entry.value.dimensions[d]! })) });
        origin.push(usable);
      }
      const result = method === 'plackett-luce' ? plackettLuce(tasks) : bordaCount(tasks);
      const taskIndex = new Map(tasks.map((task, t) => [task.id, t]));
      for (const error of result.errors) {
        const entry = origin[taskIndex.get(error.taskId) ?? -1]?.find((candidate) => candidate.workerId === error.workerId);
        if (entry) fail(entry, `dimension ${d}: ${error.message}`);
      }
      perDimension.push(new Map(result.tasks.map((task) => [task.id, task])));
    }
    const outcomes = new Map<ParsedItem, Outcome>();
    for (const [item, group] of groups) {
      const consensus = perDimension.map((results) => results.get(item.id));
      if (consensus.every((task) => task === undefined)) continue;
      const ordinal = group.some((entry) => entry.value.ordinal);
      const names = group.find((entry) => entry.value.ordinal)?.value.names ?? [];
      const ranks = consensus.map((task) => (task ? [...task.ranks] : []));
      const value: JsonObject = ordinal
        ? { ordinalRankingDimensions: ranks.map((responseRankings, d) => ({ ...(names[d] !== undefined && { name: names[d]! }), responseRankings })) }
        : { responseRankings: ranks[0]! };
      const metadata: JsonObject = {
        method,
        scores: consensus.map((task) => (task ? [...task.scores].map((score) => round(score)) : [])),
        rankings: consensus.map((task) => task?.rankings ?? 0),
        'worker-count': group.length,
      };
      outcomes.set(item, { value, metadata });
    }
    return outcomes;
  },
};

const spans: KindHandler<JsonObject> = {
  read: readListAnswer('entities', false),
  consolidate(entries, config, { fail }) {
    const outcomes = new Map<ParsedItem, Outcome>();
    for (const [item, group] of byItem(entries)) {
      const text = typeof item.dataObject.content === 'string' ? item.dataObject.content : typeof item.dataObject.source === 'string' ? item.dataObject.source : undefined;
      const result = consolidateSpans(
        group.map((entry) => ({ workerId: entry.workerId, answer: entry.value as unknown as { entities: EntitySpan[] } })),
        { ...(config.labels && { labels: config.labels }), ...(text !== undefined && { text }), ...(config.minAgreement !== undefined && { minAgreement: config.minAgreement }) },
      );
      for (const error of result.errors) {
        const entry = group.find((candidate) => candidate.workerId === error.workerId);
        if (entry) fail(entry, error.index >= 0 ? `entity ${error.index}: ${error.message}` : error.message);
      }
      if (result.workers === 0) continue;
      outcomes.set(item, {
        value: { entities: result.entities.map(({ startOffset, endOffset, label }) => ({ startOffset, endOffset, label })) },
        metadata: { method: 'character-vote', entities: result.entities.map((entity) => ({ confidence: round(entity.confidence, 2) })), 'worker-count': result.workers },
      });
    }
    return outcomes;
  },
};

/** The result every drawing-tool consolidator shares: kept and dropped shapes, the image size, errors. */
interface SpatialResult<S> {
  kept: S[];
  dropped: number;
  inputImageProperties: { height: number; width: number } | null;
  workerCount: number;
  errors: { workerId: string; message: string }[];
  /** Metadata of this tool, after `dropped`. */
  metadata?: JsonObject;
}

/**
 * Boxes, keypoints, polygons, lines and polylines: consolidated per data object by `run`; the
 * answer lists each kept object as `project` makes it, the metadata its confidence.
 */
function spatial<S extends { confidence: number }>(
  field: 'boundingBoxes' | 'keypoints' | 'polygons' | 'lines' | 'polylines',
  method: string,
  project: (kept: S) => JsonObject,
  run: (answers: { workerId: string; answer: never }[], options: { labels?: string[]; minAgreement?: number }, dataObjectId: string) => SpatialResult<S>,
): KindHandler<JsonObject> {
  return {
    read: readListAnswer(field, true),
    consolidate(entries, config, { fail }) {
      const outcomes = new Map<ParsedItem, Outcome>();
      for (const [item, group] of byItem(entries)) {
        const result = run(
          group.map((entry) => ({ workerId: entry.workerId, answer: entry.value as never })),
          { ...(config.labels && { labels: config.labels }), ...(config.minAgreement !== undefined && { minAgreement: config.minAgreement }) },
          item.id,
        );
        for (const error of result.errors) {
          const entry = group.find((candidate) => candidate.workerId === error.workerId);
          if (entry) fail(entry, error.message);
        }
        if (result.workerCount === 0) continue;
        outcomes.set(item, {
          value: { [field]: result.kept.map(project), ...(result.inputImageProperties && { inputImageProperties: { ...result.inputImageProperties } }) },
          metadata: { method, objects: result.kept.map((shape) => ({ confidence: shape.confidence })), dropped: result.dropped, ...result.metadata, 'worker-count': result.workerCount },
        });
      }
      return outcomes;
    },
  };
}

const boxes = spatial(
  'boundingBoxes',
  'iou-match',
  ({ height, label, left, top, width }: ConsolidatedBox) => ({ height, label, left, top, width }),
  (answers, options) => {
    const result = consolidateBoundingBoxes(answers, options);
    return { ...result, kept: result.boxes, dropped: result.dropped.length };
  },
);
const keypoints = spatial(
  'keypoints',
  'distance-match',
  ({ label, x, y }: ConsolidatedKeypoint) => ({ label, x, y }),
  (answers, options) => {
    const result = consolidateKeypoints(answers, options);
    return { ...result, kept: result.keypoints, dropped: result.dropped.length, metadata: { 'max-distance': round(result.maxDistance, 2) } };
  },
);

/** Polygons, lines and polylines: each group's medoid kept with its agreement; errors name the data object. */
const vertexShape = ({ label, vertices }: { label: string; vertices: Vertex[]; confidence: number }): JsonObject => ({ label, vertices: vertices.map(({ x, y }) => ({ x, y })) });
const polygons = spatial('polygons', 'iou-medoid', vertexShape, (answers, options, dataObjectId) => {
  const result = consolidatePolygons(answers, { ...options, dataObjectId });
  return { ...result, kept: result.polygons, dropped: result.dropped.length };
});
const lines = spatial('lines', 'distance-medoid', vertexShape, (answers, options, dataObjectId) => {
  const result = consolidateLines(answers, { ...options, dataObjectId });
  return { ...result, kept: result.lines, dropped: result.dropped.length };
});
const polylines = spatial('polylines', 'distance-medoid', vertexShape, (answers, options, dataObjectId) => {
  const result = consolidatePolylines(answers, { ...options, dataObjectId });
  return { ...result, kept: result.lines, dropped: result.dropped.length };
});

/** Answers without a method: every worker's value is kept, in payload order; nothing is chosen. */
function keepEvery(method: string, note: string): KindHandler<JsonValue> {
  return {
    read: keepAll,
    consolidate(entries) {
      const outcomes = new Map<ParsedItem, Outcome>();
      for (const [item, group] of byItem(entries)) {
        outcomes.set(item, { value: group.map((entry) => ({ workerId: entry.workerId, value: entry.value })), metadata: { method, note, 'worker-count': group.length } });
      }
      return outcomes;
    },
  };
}

const freeText: KindHandler<string> = {
  read: (value) => (typeof value === 'string' ? { value } : `must be a string, found ${show(value)}`),
  consolidate(entries) {
    const outcomes = new Map<ParsedItem, Outcome>();
    for (const [item, group] of byItem(entries)) {
      // textMedoid breaks ties by text, so the order workers answered in does not matter.
      const medoid = textMedoid(group.map((entry) => entry.value));
      outcomes.set(item, {
        value: medoid.text,
        metadata: {
          method: 'medoid',
          confidence: round(medoid.confidence, 2),
          'worker-id': group[medoid.index]!.workerId,
          answers: group.map((entry, i) => ({ workerId: entry.workerId, value: entry.value, similarity: round(medoid.similarities[i]!, 2) })),
          'worker-count': group.length,
        },
      });
    }
    return outcomes;
  },
};

/** Reads a semantic segmentation answer; the PNG and colours are checked when it is decoded, per worker. */
const readSegmentation: Reader<JsonObject> = (value) =>
  isRecord(value) && isRecord(value.labeledImage) && isRecord(value.labelMappings)
    ? { value: value as JsonObject }
    : `must be a semantic segmentation {"inputImageProperties", "labelMappings", "labeledImage": {"pngImageData"}}, found ${show(value)}`;

/** Reads an instance segmentation answer; the PNG and colours are checked when it is decoded, per worker. */
const readInstanceSegmentation: Reader<JsonObject> = (value) =>
  isRecord(value) && isRecord(value.labeledImage) && Array.isArray(value.instances)
    ? { value: value as JsonObject }
    : `must be an instance segmentation {"inputImageProperties", "instances": [{"color", "label"}], "labeledImage": {"pngImageData"}}, found ${show(value)}`;

/** Kinds whose consolidation is a PNG to store, done by {@link consolidateSegmentations}. */
const SEGMENTATION_KINDS: ReadonlySet<AnswerKind> = new Set(['semantic-segmentation', 'instance-segmentation']);

/** The kind of a key the plan does not know, from its first value: segmentations are recognised by shape. */
function unplannedKind(raw: JsonValue): AnswerKind {
  if (!isRecord(raw) || !isRecord(raw.labeledImage)) return 'pass-through';
  if (isRecord(raw.labelMappings)) return 'semantic-segmentation';
  if (Array.isArray(raw.instances)) return 'instance-segmentation';
  return 'pass-through';
}

/** The synchronous half of a segmentation handler; consolidation goes through {@link consolidateSegmentations}. */
function asyncOnly(kind: AnswerKind, read: Reader<JsonObject>): KindHandler<JsonObject> {
  return {
    read,
    consolidate() {
      throw new Error(`${kind} is consolidated asynchronously (consolidateSegmentations)`);
    },
  };
}

/** One data object's segmentation, consolidated: the label image to store, the workers' problems, and the outcome once stored. */
interface ConsolidatedMask {
  png: Uint8Array;
  errors: SegmentationError[];
  outcome: (reference: string) => Outcome;
}

type MaskMethod = (answers: { workerId: string; answer: never }[], config: AttributeConfig, datasetObjectId: string) => Promise<ConsolidatedMask>;

/** Semantic segmentation: pixel-wise vote, with Ground Truth's built-in `-ref` fields. */
function semanticMethod(options: ConsolidateAnswersAsyncOptions, timestamp: string): MaskMethod {
  return async (answers, config, datasetObjectId) => {
    const result = await consolidateSemanticSegmentation(answers, { ...(config.labels && { labels: config.labels }), datasetObjectId });
    return {
      png: result.png,
      errors: result.errors,
      outcome: (reference) => {
        const fields = semanticSegmentationManifestFields(options.labelAttributeName, reference, result, { jobName: options.jobName ?? '', creationDate: timestamp });
        const refName = Object.keys(fields)[0]!;
        const builtInMetadata = fields[`${refName}-metadata`] as JsonObject;
        if (options.jobName === undefined) delete builtInMetadata['job-name'];
        return {
          value: { ref: reference, inputImageProperties: { ...result.inputImageProperties } },
          metadata: {
            method: 'pixel-vote',
            'internal-color-map': builtInMetadata['internal-color-map']!,
            confidence: result.confidence,
            'tied-pixels': result.tiedPixels,
            'worker-count': result.workerIds.length,
          },
          builtIn: fields,
        };
      },
    };
  };
}

/** Instance segmentation: instances matched by mask IoU, each voted pixel by pixel; no built-in output exists for it. */
const instanceMethod: MaskMethod = async (answers, config, datasetObjectId) => {
  const iouThreshold = config.iouThreshold ?? 0.5;
  const result = await consolidateInstanceSegmentation(answers, { iouThreshold, ...(config.minAgreement !== undefined && { minAgreement: config.minAgreement }), datasetObjectId });
  return {
    png: result.png,
    errors: result.errors,
    outcome: (reference) => ({
      value: { ref: reference, inputImageProperties: { ...result.inputImageProperties }, instances: result.instances.map(({ color, label, confidence }) => ({ color, label, confidence })) },
      metadata: {
        method: 'mask-iou-vote',
        'iou-threshold': iouThreshold,
        objects: result.instances.map((instance) => ({ 'worker-count': instance.workerCount, 'pixel-count': instance.pixelCount })),
        dropped: result.dropped.map(({ label, reason, confidence, workerCount }) => ({ label, reason, confidence, 'worker-count': workerCount })),
        'worker-count': result.workerIds.length,
      },
    }),
  };
};

/**
 * Consolidates each data object's segmentations of one key with `method` and stores the label
 * image, at most `concurrency` objects at a time. Worker answers that cannot be used are errors of
 * those workers; an object with no usable answer, without a writer or whose write fails is an
 * error of the object.
 */
async function consolidateSegmentations(
  entries: Entry<JsonObject>[],
  config: AttributeConfig,
  key: string,
  { fail, failItem }: Context,
  options: ConsolidateAnswersAsyncOptions,
  method: MaskMethod,
  naming: { timestamp: string; withKey: boolean },
  concurrency: number,
): Promise<Map<ParsedItem, Outcome>> {
  const groups = [...byItem(entries)];
  const settled: (Outcome | undefined)[] = new Array(groups.length);
  const itemErrors: (() => void)[][] = groups.map(() => []);
  const { writeObject } = options;
  // File-name-safe text; text that had to change gets a hash of the original, so that ids such as
  // "img/1" and "img_1" (or two non-Latin ids) never share a file.
  const safe = (text: string): string => {
    const cleaned = text.replace(/[^\w.-]/gu, '_');
    return cleaned === text ? text : `${cleaned}-${(hashOf(text) >>> 0).toString(16).padStart(8, '0')}`;
  };
  const one = async (g: number): Promise<void> => {
    const [item, group] = groups[g]!;
    const later = itemErrors[g]!;
    const report = (workerId: string | undefined, message: string) => {
      const entry = group.find((candidate) => candidate.workerId === workerId);
      later.push(() => (entry ? fail(entry, message) : failItem(item, message)));
    };
    let result: ConsolidatedMask;
    try {
      result = await method(
        group.map((entry) => ({ workerId: entry.workerId, answer: entry.value as never })),
        config,
        item.id,
      );
    } catch (error) {
      if (!(error instanceof SegmentationConsolidationError)) throw error;
      for (const problem of error.errors) report(problem.workerId, problem.message);
      return;
    }
    for (const problem of result.errors) report(problem.workerId, problem.message);
    if (!writeObject) {
      report(undefined, 'the consolidated label image (a PNG) was not stored: no object writer is configured (give writeObject to consolidateAnswersAsync or postAnnotation; the Lambda handler of @quorum/consolidate/lambda writes to S3)');
      return;
    }
    const name = `${safe(item.id)}${naming.withKey ? `_${safe(key)}` : ''}_${naming.timestamp}.png`;
    let reference: unknown;
    try {
      reference = await writeObject(name, result.png, 'image/png', { datasetObjectId: item.id, answerName: key });
    } catch (error) {
      report(undefined, `the consolidated label image ${name} could not be stored: ${(error as Error).message}`);
      return;
    }
    if (typeof reference !== 'string' || reference === '') {
      report(undefined, `writeObject returned ${show(reference as JsonValue)} for ${name}, not the reference (URI or path) of the stored image`);
      return;
    }
    settled[g] = result.outcome(reference);
  };
  let next = 0;
  const worker = async () => {
    while (next < groups.length) await one(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker));
  const outcomes = new Map<ParsedItem, Outcome>();
  groups.forEach(([item], g) => {
    for (const report of itemErrors[g]!) report();
    const outcome = settled[g];
    if (outcome) outcomes.set(item, outcome);
  });
  return outcomes;
}

const HANDLERS: Record<AnswerKind, KindHandler<unknown>> = {
  categorical,
  multilabel,
  rating,
  pairwise,
  ranking,
  spans,
  boxes,
  keypoints,
  polygons,
  lines,
  polylines,
  'free-text': freeText,
  'semantic-segmentation': asyncOnly('semantic-segmentation', readSegmentation),
  'instance-segmentation': asyncOnly('instance-segmentation', readInstanceSegmentation),
  'pass-through': keepEvery('pass-through', 'no consolidation method for this answer: every answer is kept'),
} as unknown as Record<AnswerKind, KindHandler<unknown>>;

/** Sets an own property even when the key is `__proto__` (plain assignment would set the prototype). */
function defineOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
