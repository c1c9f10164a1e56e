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
import { consolidateAnswersAsync, type ConsolidateAnswersOptions } from '../dispatch/consolidate.js';
import type { AnswerPlan } from '../dispatch/plan.js';
import { annotationKey, compareItemErrors, idOf, isRecord, parsePayloadItems, type ItemError } from '../dispatch/payload.js';

export type { ItemError } from '../dispatch/payload.js';

/** How the annotations of a batch are consolidated. */
export type ConsolidationMethod = 'majority-vote' | 'dawid-skene' | 'gt-dawid-skene';

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
  /** With a schema or attribute configs: how each answer key was consolidated. */
  plan?: AnswerPlan;
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

export interface PostAnnotationOptions
  extends Omit<ConsolidateOptions, 'labelAttributeName' | 'labelCategories'>,
    Pick<ConsolidateAnswersOptions, 'schema' | 'elements' | 'attributes' | 'bootstrapSamples'> {
  /**
   * Reads an `s3://` object: the payload file, and annotation data stored by reference. May return the
   * text (parsed as JSON for the payload) or already-parsed JSON. The Lambda entry
   * (`@quorum/consolidate/lambda`) passes one backed by the AWS SDK; tests and other hosts pass their own.
   */
  readPayload?: (s3Uri: string) => Promise<unknown>;
  /** Overrides the event's `labelCategories`. */
  labelCategories?: readonly string[];
  /**
   * How many annotation objects are read at once when annotations are stored by s3Uri, and how many
   * segmentation label images are consolidated and stored at once; default 8.
   */
  concurrency?: number;
  /**
   * Stores the PNG label image of each consolidated semantic or instance segmentation (with `schema` or
   * `attributes`) and returns its reference (an `s3://` URI), written as `<labelAttributeName>-ref`.
   * The Lambda handler passes one that writes to S3 with `PutObjectCommand`. Without it, each data
   * object with a segmentation is an item error that says so.
   */
  writeObject?: PostAnnotationObjectWriter;
  /** `creation-date` of segmentation metadata and the timestamp in label image names; default now. */
  creationDate?: Date;
}

/**
 * Stores one consolidated label image: `name` is `<datasetObjectId>_<creation date>.png` (Ground
 * Truth's naming), the context says which object, which answer and which event it belongs to.
 * Resolves to the reference written in the response.
 */
export type PostAnnotationObjectWriter = (
  name: string,
  bytes: Uint8Array,
  contentType: string,
  context: { datasetObjectId: string; answerName: string; event: PostAnnotationEvent },
) => Promise<string>;

/** `labeling-job/<name>` from a labeling job ARN, as Ground Truth writes `job-name`; undefined for anything else. */
export function jobNameOf(labelingJobArn: string): string | undefined {
  return /^arn:[^:]+:sagemaker:[^:]*:[^:]*:(labeling-job\/.+)$/u.exec(labelingJobArn)?.[1];
}

/**
 * Post-annotation step of a Ground Truth custom workflow: validates the event, reads the payload with
 * `options.readPayload`, loads annotations given by `annotationData.s3Uri` (Ground Truth documents
 * `content` or `s3Uri`; its example code also reads `s3uri`), then consolidates with the event's
 * `labelAttributeName` and `labelCategories`: with `schema` (the template's answer schema) or
 * `attributes`, every answer of the template by its kind ({@link consolidateAnswers}); without them,
 * the one classifier answer ({@link consolidatePayload}, Quorum's original classification format).
 *
 * Throws (the whole batch cannot be processed) when the event is invalid, the payload cannot be read
 * or parsed, or it is not an array. An annotation object that cannot be read becomes an item error.
 */
export async function postAnnotation(event: unknown, options: PostAnnotationOptions = {}): Promise<PostAnnotationResult> {
  const checked = validatePostAnnotationEvent(event);
  if (!checked.valid) throw new QuorumValidationError(checked.issues, 'post-annotation event', 'event');
  const checkedEvent = checked.value as PostAnnotationEvent;
  const { payload, labelAttributeName, labelCategories } = checkedEvent;
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
  const categories = options.labelCategories ?? (labelCategories && labelCategories.length > 0 ? labelCategories : undefined);
  if (options.schema !== undefined || options.attributes !== undefined) {
    if (!Array.isArray(resolved)) throw notAnArray();
    const { writeObject } = options;
    const jobName = jobNameOf(checkedEvent.labelingJobArn);
    return consolidateAnswersAsync(
      resolved,
      {
        labelAttributeName,
        ...(writeObject && { writeObject: (name, bytes, contentType, context) => writeObject(name, bytes, contentType, { ...context, event: checkedEvent }) }),
        ...(jobName && { jobName }),
        ...(options.creationDate && { creationDate: options.creationDate }),
        ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
        ...(options.schema !== undefined && { schema: options.schema }),
        ...(options.elements && { elements: options.elements }),
        ...(options.attributes && { attributes: options.attributes }),
        ...(categories && { labelCategories: categories }),
        ...(options.seed !== undefined && { seed: options.seed }),
        ...(options.bootstrapSamples !== undefined && { bootstrapSamples: options.bootstrapSamples }),
        // The classification method option carries over to the categorical answers.
        ...(options.method !== undefined && { categoricalMethod: ({ 'majority-vote': 'mv', 'dawid-skene': 'ds', 'gt-dawid-skene': 'gt-ds' } as const)[options.method] }),
      },
      failed,
    );
  }
  return consolidate(
    resolved,
    {
      ...options,
      labelAttributeName,
      labelCategories: categories,
    },
    failed,
  );
}

type UnknownRecord = Record<string, unknown>;

function notAnArray(): QuorumValidationError {
  return new QuorumValidationError(
    [{ path: '', message: 'must be an array of data objects ({datasetObjectId, dataObject, annotations})' }],
    'post-annotation payload',
    'payload',
  );
}

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

function consolidate(payload: unknown, options: ConsolidateOptions, failed: Map<string, ItemError>): PostAnnotationResult {
  const { labelAttributeName } = options;
  if (typeof labelAttributeName !== 'string' || labelAttributeName === '') {
    throw new TypeError('labelAttributeName must be a non-empty string');
  }
  const method = options.method ?? 'gt-dawid-skene';
  if (!['majority-vote', 'dawid-skene', 'gt-dawid-skene'].includes(method)) {
    throw new RangeError(`method must be "majority-vote", "dawid-skene" or "gt-dawid-skene", found ${JSON.stringify(method)}`);
  }
  if (!Array.isArray(payload)) throw notAnArray();
  const categories = options.labelCategories;
  const categorySet = categories ? new Set(categories) : undefined;
  const encoder = new CategoricalEncoder(categories ? { labels: categories } : {});
  const { items, errors } = parsePayloadItems(payload, failed);
  const consolidated: { id: string; workerCount: number }[] = [];
  for (const item of items) {
    let workerCount = 0;
    for (const { workerId, annotationIndex, answer } of item.annotations) {
      const reading = readClassifierAnswer(answer, options, categorySet);
      if (typeof reading !== 'string') {
        errors.push({ datasetObjectId: item.id, index: item.index, workerId, annotationIndex, path: `/${item.index}/annotations/${annotationIndex}/annotationData/content`, message: reading.message });
        continue;
      }
      encoder.add(item.id, workerId, reading);
      workerCount++;
    }
    if (workerCount === 0) {
      errors.push({ datasetObjectId: item.id, index: item.index, path: `/${item.index}/annotations`, message: 'has no valid annotation (see the errors for its annotations); there is nothing to consolidate' });
      continue;
    }
    consolidated.push({ id: item.id, workerCount });
  }
  errors.sort(compareItemErrors);

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

/** The label of the classifier answer in a parsed answer object, or what is wrong with it. */
function readClassifierAnswer(answer: Record<string, unknown>, options: ConsolidateOptions, categories: Set<string> | undefined): string | { message: string } {
  let name = options.answerName;
  if (name === undefined) {
    const candidates = Object.keys(answer).filter((key) => {
      const value = answer[key];
      return isRecord(value) && typeof value.label === 'string';
    });
    if (candidates.length === 0) {
      return { message: `holds no classifier answer (an object with a string "label") among its keys ${JSON.stringify(Object.keys(answer))}` };
    }
    if (candidates.length > 1) {
      return { message: `holds several classifier answers (${candidates.join(', ')}); set answerName to choose one` };
    }
    name = candidates[0];
  }
  const value = answer[name];
  if (value === undefined) return { message: `has no answer named "${name}" (keys: ${JSON.stringify(Object.keys(answer))})` };
  if (!isRecord(value) || typeof value.label !== 'string') return { message: `answer "${name}" must be {"label": "<category>"}, found ${JSON.stringify(value)}` };
  if (categories && !categories.has(value.label)) return { message: `label "${value.label}" is not one of the label categories ${JSON.stringify([...categories])}` };
  return value.label;
}
