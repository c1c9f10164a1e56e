import type { JsonObject, JsonValue } from '@quorum/schema';

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
  /** The answer key (element name) concerned, for errors about one answer of a submission. */
  answerName?: string;
  /** JSON pointer into the payload, e.g. `/3/annotations/1/annotationData/content`. */
  path: string;
  message: string;
}

/** Orders errors by item, then annotation, with an item's own errors after its annotations' (a stable sort keeps the rest). */
export function compareItemErrors(a: ItemError, b: ItemError): number {
  if (a.index !== b.index) return a.index - b.index;
  const left = a.annotationIndex ?? Number.MAX_SAFE_INTEGER;
  const right = b.annotationIndex ?? Number.MAX_SAFE_INTEGER;
  return left - right;
}

/** One worker's parsed submission to one data object. */
export interface ParsedAnnotation {
  workerId: string;
  annotationIndex: number;
  /** The answer object (the bare object; GT's one-element array form is unwrapped). */
  answer: JsonObject;
}

/** A data object of the payload with its well-formed annotations. */
export interface ParsedItem {
  id: string;
  index: number;
  dataObject: JsonObject;
  annotations: ParsedAnnotation[];
  /** How many annotations the item had, valid or not. */
  annotationCount: number;
}

type UnknownRecord = Record<string, unknown>;

export const isRecord = (value: unknown): value is UnknownRecord => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Key of an annotation in a map of already-known failures: `<item index>/<annotation index>`. */
export const annotationKey = (index: number, annotationIndex: number): string => `${index}/${annotationIndex}`;

/** The item's `datasetObjectId` as a string, when usable. */
export function idOf(item: UnknownRecord): string | undefined {
  const id = item.datasetObjectId;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return undefined;
}

/**
 * Reads every item and annotation of a post-annotation payload: ids, worker ids and the answer JSON
 * of each annotation. What is malformed becomes an {@link ItemError} (an item without an id, a
 * repeated id, content that is not a JSON object, a missing worker id, a second annotation by the
 * same worker); the other annotations of the item are kept. `failed` holds errors found earlier
 * (annotation objects that could not be read from S3), reported in place of those annotations.
 */
export function parsePayloadItems(payload: readonly unknown[], failed: ReadonlyMap<string, ItemError> = new Map()): { items: ParsedItem[]; errors: ItemError[] } {
  const errors: ItemError[] = [];
  const items: ParsedItem[] = [];
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
      errors.push({ datasetObjectId: id, index, path: `${path}/datasetObjectId`, message: `repeats the id of item ${earlier}; only the first item with this id is consolidated` });
      return;
    }
    firstIndexOfId.set(id, index);
    if (!Array.isArray(item.annotations)) {
      errors.push({ datasetObjectId: id, index, path: `${path}/annotations`, message: 'must be an array of annotations' });
      return;
    }
    const workers = new Set<string>();
    const annotations: ParsedAnnotation[] = [];
    item.annotations.forEach((annotation: unknown, annotationIndex) => {
      const known = failed.get(annotationKey(index, annotationIndex));
      if (known) {
        errors.push(known);
        return;
      }
      const workerId = isRecord(annotation) && typeof annotation.workerId === 'string' && annotation.workerId !== '' ? annotation.workerId : undefined;
      const report = (subpath: string, message: string) =>
        errors.push({ datasetObjectId: id, index, ...(workerId && { workerId }), annotationIndex, path: `${path}/annotations/${annotationIndex}${subpath}`, message });
      const reading = readAnswerObject(annotation);
      if ('message' in reading) return report(reading.path, reading.message);
      if (workers.has(reading.workerId)) {
        return report('/workerId', `worker "${reading.workerId}" annotated this object more than once; only the first annotation is used`);
      }
      workers.add(reading.workerId);
      annotations.push({ workerId: reading.workerId, annotationIndex, answer: reading.answer });
    });
    if (annotations.length === 0) {
      errors.push({
        datasetObjectId: id,
        index,
        path: `${path}/annotations`,
        message: item.annotations.length === 0 ? 'is empty; there is nothing to consolidate' : 'has no valid annotation (see the errors for its annotations); there is nothing to consolidate',
      });
      return;
    }
    items.push({ id, index, dataObject: isRecord(item.dataObject) ? (item.dataObject as JsonObject) : {}, annotations, annotationCount: item.annotations.length });
  });
  return { items, errors };
}

/** Extracts the worker id and the answer object of one payload annotation, or says what is wrong and where. */
export function readAnswerObject(annotation: unknown): { workerId: string; answer: JsonObject } | { path: string; message: string } {
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
  if (!isRecord(answer)) return { path: at, message: "must hold a JSON object (the worker's answer object)" };
  return { workerId, answer: answer as JsonObject };
}

/** A short JSON rendering of a value for messages (long values are cut). */
export function show(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
