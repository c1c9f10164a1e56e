import {
  QuorumValidationError,
  validatePostAnnotationEvent,
  type ConsolidatedItem,
  type JsonObject,
  type PostAnnotationEvent,
} from '@quorum/schema';
import { dawidSkene } from '../classification/dawid-skene.js';
import { majorityVote } from '../classification/majority-vote.js';
import type { ClassificationResult } from '../classification/types.js';
import { CategoricalEncoder, type CategoricalData } from '../encode.js';

/** How the annotations of a batch are consolidated. */
export type ConsolidationMethod = 'majority-vote' | 'dawid-skene' | 'gt-dawid-skene';

/**
 * One problem with one data object or one annotation of the payload. Nothing is dropped silently:
 * every data object ends up in the response or has an error with `index` (and its id when it has one).
 */
export interface ItemError {
  /** The data object's id, when the item has a usable one. */
  datasetObjectId?: string;
  /** Position of the data object in the payload array. */
  index: number;
  workerId?: string;
  /** Position of the annotation in the item's `annotations`, for annotation-level errors. */
  annotationIndex?: number;
  /** JSON pointer into the payload, e.g. `/3/annotations/1/annotationData/content`. */
  path: string;
  message: string;
}

export interface ConsolidateOptions {
  /** The job's label attribute name; the consolidated label is written under it. */
  labelAttributeName: string;
  /** Allowed labels in order (the event's `labelCategories`); answers with another label become errors. */
  labelCategories?: readonly string[];
  /**
   * Default `gt-dawid-skene`: Dawid-Skene in Ground Truth parity mode (confidence rounded to 2 places,
   * 0.00 for a single worker). `dawid-skene`: full Dawid-Skene. `majority-vote`: ties broken at
   * random with `seed`, as Ground Truth describes for majority voting.
   */
  method?: ConsolidationMethod;
  /**
   * Key of the answer object that holds the classifier answer (the `name` of the `<crowd-classifier>`).
   * Default: the only key whose value is an object with a string `label`.
   */
  answerName?: string;
  /** Seed of the majority-vote tie-break; default 0 (reproducible). */
  seed?: number;
}

/** What {@link consolidatePayload} and {@link postAnnotation} return. */
export interface PostAnnotationResult {
  /** The Lambda response: one consolidated item per data object with at least one valid annotation. */
  response: ConsolidatedItem[];
  errors: ItemError[];
}

/**
 * Consolidates a post-annotation payload (the file at `payload.s3Uri`) of a classification job.
 *
 * Each annotation's `annotationData.content` is a worker's answer object as a JSON string, e.g.
 * `{"relevance":{"label":"4"}}`. All objects of the batch are consolidated jointly, so Dawid-Skene
 * learns each worker's confusion matrix from every object the worker labelled in the batch.
 *
 * Output per data object (Quorum's format; Ground Truth adds its own metadata in the output manifest):
 * ```
 * content[labelAttributeName] = { label: "4" }            // same shape as one worker's classifier answer
 * content[labelAttributeName + "-metadata"] = {
 *   "class-name": "4", confidence: 0.87, "human-annotated": "yes",
 *   "consolidation-method": "gt-dawid-skene", "worker-count": 3 }
 * ```
 * A malformed annotation (content that is not JSON, a missing workerId, a label outside
 * `labelCategories`, no classifier answer, a second annotation by the same worker) becomes an
 * {@link ItemError} and the object's other annotations are still used; an object left with no valid
 * annotation is reported, not dropped. Throws only when the payload is not an array, since then no
 * object can be identified.
 */
export function consolidatePayload(payload: unknown, options: ConsolidateOptions): PostAnnotationResult {
  return consolidate(payload, options, new Map());
}

export interface PostAnnotationOptions extends Omit<ConsolidateOptions, 'labelAttributeName' | 'labelCategories'> {
  /**
   * Reads an `s3://` object: the payload file, and annotation data stored by reference. May return the
   * text (parsed as JSON for the payload) or already-parsed JSON. The Lambda entry
   * (`@quorum/consolidate/lambda`) passes one backed by the AWS SDK; tests and other hosts pass their own.
   */
  readPayload?: (s3Uri: string) => Promise<unknown>;
  /** Overrides the event's `labelCategories`. */
  labelCategories?: readonly string[];
  /** How many annotation objects are read at once when annotations are stored by s3Uri; default 8. */
  concurrency?: number;
}

/**
 * Post-annotation step of a Ground Truth custom workflow: validates the event, reads the payload with
 * `options.readPayload`, loads annotations given by `annotationData.s3Uri` (Ground Truth documents
 * `content` or `s3Uri`; its example code also reads `s3uri`), then runs {@link consolidatePayload}
 * with the event's `labelAttributeName` and `labelCategories`.
 *
 * Throws (the whole batch cannot be processed) when the event is invalid, the payload cannot be read
 * or parsed, or it is not an array. An annotation object that cannot be read becomes an item error.
 */
export async function postAnnotation(event: unknown, options: PostAnnotationOptions = {}): Promise<PostAnnotationResult> {
  const checked = validatePostAnnotationEvent(event);
  if (!checked.valid) throw new QuorumValidationError(checked.issues, 'post-annotation event', 'event');
  const { payload, labelAttributeName, labelCategories } = checked.value as PostAnnotationEvent;
  const read = options.readPayload;
  if (!read) {
    throw new TypeError(
      `postAnnotation needs options.readPayload to load ${payload.s3Uri}; the Lambda handlers in @quorum/consolidate/lambda read it from S3`,
    );
  }
  let loaded: unknown;
  try {
    loaded = await read(payload.s3Uri);
  } catch (cause) {
    throw new Error(`could not read the post-annotation payload ${payload.s3Uri}: ${(cause as Error).message}`, { cause });
  }
  if (typeof loaded === 'string') {
    try {
      loaded = JSON.parse(loaded);
    } catch (cause) {
      throw new Error(`the post-annotation payload ${payload.s3Uri} is not valid JSON: ${(cause as Error).message}`, { cause });
    }
  }
  const failed = new Map<string, ItemError>();
  const resolved = await resolveAnnotationUris(loaded, read, failed, options.concurrency ?? 8);
  return consolidate(
    resolved,
    {
      ...options,
      labelAttributeName,
      labelCategories: options.labelCategories ?? (labelCategories && labelCategories.length > 0 ? labelCategories : undefined),
    },
    failed,
  );
}

type UnknownRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is UnknownRecord =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Key of an annotation in `failed`: `<item index>/<annotation index>`. */
const annotationKey = (index: number, annotationIndex: number) => `${index}/${annotationIndex}`;

/**
 * Returns a copy of the payload in which every annotation given only by `s3Uri` carries the object's
 * text as `content`. Read failures are recorded in `failed` and reported in place of that annotation.
 */
async function resolveAnnotationUris(
  payload: unknown,
  read: (s3Uri: string) => Promise<unknown>,
  failed: Map<string, ItemError>,
  concurrency: number,
): Promise<unknown> {
  if (!Array.isArray(payload)) return payload;
  const jobs: (() => Promise<void>)[] = [];
  const copy = payload.map((item: unknown, index) => {
    if (!isRecord(item) || !Array.isArray(item.annotations)) return item;
    const datasetObjectId = idOf(item);
    const annotations = item.annotations.map((annotation: unknown, annotationIndex) => {
      if (!isRecord(annotation) || !isRecord(annotation.annotationData)) return annotation;
      const data = annotation.annotationData;
      const uri = data.s3Uri ?? data.s3uri;
      if (data.content !== undefined || typeof uri !== 'string') return annotation;
      const resolved: UnknownRecord = { ...annotation, annotationData: { ...data } };
      jobs.push(async () => {
        try {
          const text = await read(uri);
          (resolved.annotationData as UnknownRecord).content = typeof text === 'string' ? text : JSON.stringify(text);
        } catch (cause) {
          failed.set(annotationKey(index, annotationIndex), {
            ...(datasetObjectId !== undefined && { datasetObjectId }),
            index,
            ...(typeof annotation.workerId === 'string' && { workerId: annotation.workerId }),
            annotationIndex,
            path: `/${index}/annotations/${annotationIndex}/annotationData/${data.s3Uri !== undefined ? 's3Uri' : 's3uri'}`,
            message: `could not read ${uri}: ${(cause as Error).message}`,
          });
        }
      });
      return resolved;
    });
    return { ...item, annotations };
  });
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, found ${concurrency}`);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return copy;
}

function idOf(item: UnknownRecord): string | undefined {
  const id = item.datasetObjectId;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return undefined;
}

function consolidate(payload: unknown, options: ConsolidateOptions, failed: Map<string, ItemError>): PostAnnotationResult {
  const { labelAttributeName } = options;
  if (typeof labelAttributeName !== 'string' || labelAttributeName === '') {
    throw new TypeError('labelAttributeName must be a non-empty string');
  }
  const method = options.method ?? 'gt-dawid-skene';
  if (!['majority-vote', 'dawid-skene', 'gt-dawid-skene'].includes(method)) {
    throw new RangeError(`method must be "majority-vote", "dawid-skene" or "gt-dawid-skene", found ${JSON.stringify(method)}`);
  }
  if (!Array.isArray(payload)) {
    throw new QuorumValidationError(
      [{ path: '', message: 'must be an array of data objects ({datasetObjectId, dataObject, annotations})' }],
      'post-annotation payload',
      'payload',
    );
  }
  const categories = options.labelCategories;
  const categorySet = categories ? new Set(categories) : undefined;
  const encoder = new CategoricalEncoder(categories ? { labels: categories } : {});
  const errors: ItemError[] = [];
  const consolidated: { id: string; workerCount: number }[] = [];
  const firstIndexOfId = new Map<string, number>();

  payload.forEach((item: unknown, index) => {
    const path = `/${index}`;
    if (!isRecord(item)) {
      errors.push({ index, path, message: 'must be an object with datasetObjectId, dataObject and annotations' });
      return;
    }
    const id = idOf(item);
    if (id === undefined) {
      errors.push({ index, path: `${path}/datasetObjectId`, message: 'is missing or not a non-empty string; the object cannot be returned' });
      return;
    }
    const earlier = firstIndexOfId.get(id);
    if (earlier !== undefined) {
      errors.push({
        datasetObjectId: id,
        index,
        path: `${path}/datasetObjectId`,
        message: `repeats the id of item ${earlier}; only the first item with this id is consolidated`,
      });
      return;
    }
    firstIndexOfId.set(id, index);
    if (!Array.isArray(item.annotations)) {
      errors.push({ datasetObjectId: id, index, path: `${path}/annotations`, message: 'must be an array of annotations' });
      return;
    }
    const workers = new Set<string>();
    item.annotations.forEach((annotation: unknown, annotationIndex) => {
      const known = failed.get(annotationKey(index, annotationIndex));
      if (known) {
        errors.push(known);
        return;
      }
      const reading = readAnnotation(annotation, options, categorySet);
      const base = `${path}/annotations/${annotationIndex}`;
      const workerId = isRecord(annotation) && typeof annotation.workerId === 'string' ? annotation.workerId : undefined;
      const report = (subpath: string, message: string) =>
        errors.push({ datasetObjectId: id, index, ...(workerId && { workerId }), annotationIndex, path: base + subpath, message });
      if ('message' in reading) {
        report(reading.path, reading.message);
        return;
      }
      if (workers.has(reading.workerId)) {
        report('/workerId', `worker "${reading.workerId}" annotated this object more than once; only the first annotation is used`);
        return;
      }
      workers.add(reading.workerId);
      encoder.add(id, reading.workerId, reading.label);
    });
    if (workers.size === 0) {
      errors.push({
        datasetObjectId: id,
        index,
        path: `${path}/annotations`,
        message:
          item.annotations.length === 0
            ? 'is empty; there is nothing to consolidate'
            : 'has no valid annotation (see the errors for its annotations); there is nothing to consolidate',
      });
      return;
    }
    consolidated.push({ id, workerCount: workers.size });
  });

  const data = encoder.finish();
  const result = runMethod(data, method, options.seed ?? 0);
  const taskIndex = new Map(data.tasks.map((task, t) => [task, t]));
  const response: ConsolidatedItem[] = consolidated.map(({ id, workerCount }) => {
    const t = taskIndex.get(id)!;
    const label = data.labels[result.labels[t]];
    const content: JsonObject = {
      [labelAttributeName]: { label },
      [`${labelAttributeName}-metadata`]: {
        'class-name': label,
        confidence: result.confidence[t],
        'human-annotated': 'yes',
        'consolidation-method': method,
        'worker-count': workerCount,
      },
    };
    return { datasetObjectId: id, consolidatedAnnotation: { content } };
  });
  return { response, errors };
}

function runMethod(data: CategoricalData, method: ConsolidationMethod, seed: number): ClassificationResult {
  switch (method) {
    case 'majority-vote':
      return majorityVote(data, { tieBreak: 'random', seed });
    case 'dawid-skene':
      return dawidSkene(data);
    case 'gt-dawid-skene':
      return dawidSkene(data, { mode: 'gt-parity' });
  }
}

type AnnotationReading = { workerId: string; label: string } | { path: string; message: string };

/** Extracts (workerId, label) from one payload annotation, or says what is wrong and where. */
function readAnnotation(
  annotation: unknown,
  options: ConsolidateOptions,
  categories: Set<string> | undefined,
): AnnotationReading {
  if (!isRecord(annotation)) return { path: '', message: 'must be an object with workerId and annotationData' };
  const { workerId, annotationData } = annotation;
  if (typeof workerId !== 'string' || workerId === '') {
    return { path: '/workerId', message: 'is missing or empty; every annotation needs the id of the worker who made it' };
  }
  if (!isRecord(annotationData)) return { path: '/annotationData', message: 'must be an object with content or s3Uri' };
  const { content } = annotationData;
  if (content === undefined) {
    const uri = annotationData.s3Uri ?? annotationData.s3uri;
    return typeof uri === 'string'
      ? { path: '/annotationData/s3Uri', message: `refers to ${uri}, which was not loaded; postAnnotation loads it with readPayload` }
      : { path: '/annotationData', message: 'has neither content nor s3Uri' };
  }
  const at = '/annotationData/content';
  if (typeof content !== 'string') return { path: at, message: 'must be a string holding the answer object as JSON' };
  let answer: unknown;
  try {
    answer = JSON.parse(content);
  } catch (cause) {
    return { path: at, message: `is not valid JSON (${(cause as Error).message})` };
  }
  // The element reference pages show answers wrapped in a one-element array; accept that form too.
  if (Array.isArray(answer) && answer.length === 1) answer = answer[0];
  if (!isRecord(answer)) return { path: at, message: 'must hold a JSON object (the worker\'s answer object)' };

  let name = options.answerName;
  if (name === undefined) {
    const candidates = Object.keys(answer).filter((key) => {
      const value = answer[key];
      return isRecord(value) && typeof value.label === 'string';
    });
    if (candidates.length === 0) {
      return { path: at, message: `holds no classifier answer (an object with a string "label") among its keys ${JSON.stringify(Object.keys(answer))}` };
    }
    if (candidates.length > 1) {
      return { path: at, message: `holds several classifier answers (${candidates.join(', ')}); set answerName to choose one` };
    }
    name = candidates[0];
  }
  const value = answer[name];
  if (value === undefined) {
    return { path: at, message: `has no answer named "${name}" (keys: ${JSON.stringify(Object.keys(answer))})` };
  }
  if (!isRecord(value) || typeof value.label !== 'string') {
    return { path: at, message: `answer "${name}" must be {"label": "<category>"}, found ${JSON.stringify(value)}` };
  }
  if (categories && !categories.has(value.label)) {
    return { path: at, message: `label "${value.label}" is not one of the label categories ${JSON.stringify([...categories])}` };
  }
  return { workerId, label: value.label };
}
