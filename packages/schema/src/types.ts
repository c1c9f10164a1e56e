/**
 * TypeScript types for every Quorum contract. Each type mirrors a JSON Schema in
 * `packages/schema/schemas/`; the validators in `./validate.ts` check data against
 * those schemas, and the tests check both against Ground Truth's documented examples.
 */

/** Answer of one `<crowd-classifier>`: the chosen category. */
export interface CrowdClassifierAnswer {
  label: string;
}

/** JSON value as it appears in answers and manifests. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * What `<crowd-form>` submits: one entry per named control, keyed by its `name`,
 * e.g. `{"relevance": {"label": "4"}}`. Ground Truth posts it as `taskAnswers = JSON.stringify([answer])`.
 */
export type AnswerObject = { [name: string]: JsonValue };

/**
 * One line of an input manifest (and `dataObject` of the Lambda events): `source` holds inline data,
 * `source-ref` an S3 URI; any other keys are the team's own fields.
 */
export interface DataObject {
  source?: JsonValue;
  'source-ref'?: string;
  [key: string]: JsonValue | undefined;
}

/** Request Ground Truth sends to a pre-annotation Lambda. */
export interface PreAnnotationEvent {
  version: string;
  labelingJobArn: string;
  dataObject: DataObject;
}

/**
 * Response of a pre-annotation Lambda. `isHumanAnnotationRequired` defaults to true. Ground Truth's own
 * example Lambda returns `humanAnnotationRequired: "true"` instead; both spellings, as booleans or as
 * the strings "true"/"false", are accepted on input. Quorum always writes the documented form.
 */
export interface PreAnnotationResponse {
  taskInput: JsonObject;
  isHumanAnnotationRequired?: boolean;
}

/** The accepted input variants of a pre-annotation response (see {@link PreAnnotationResponse}). */
export interface PreAnnotationResponseInput {
  taskInput: JsonObject;
  isHumanAnnotationRequired?: boolean | 'true' | 'false';
  humanAnnotationRequired?: boolean | 'true' | 'false';
}

/** Request Ground Truth sends to a post-annotation (consolidation) Lambda. */
export interface PostAnnotationEvent {
  version: string;
  labelingJobArn: string;
  labelCategories?: string[];
  labelAttributeName: string;
  roleArn: string;
  payload: { s3Uri: string };
  outputConfig?: string;
}

/** One worker's annotation in the post-annotation payload. `content` is the answer object as a JSON string. */
export interface PayloadAnnotation {
  workerId: string;
  annotationData: { content?: string; s3Uri?: string };
}

/** One data object in the post-annotation payload file (the file at `payload.s3Uri`). */
export interface PayloadItem {
  datasetObjectId: string;
  dataObject: { s3Uri?: string; content?: string; [key: string]: JsonValue | undefined };
  annotations: PayloadAnnotation[];
}

/** The post-annotation payload file: an array of data objects with their annotations. */
export type PostAnnotationPayload = PayloadItem[];

/** One consolidated data object in the post-annotation Lambda response. */
export interface ConsolidatedItem {
  datasetObjectId: string;
  consolidatedAnnotation: { content: JsonObject };
}

/** Response of a post-annotation Lambda. */
export type PostAnnotationResponse = ConsolidatedItem[];

/** `<labelAttributeName>-metadata` as written by built-in task types (`type: "groundtruth/<task>"`). */
export interface BuiltInLabelMetadata {
  type: string;
  'job-name': string;
  'human-annotated': 'yes' | 'no';
  'creation-date': string;
  'class-name'?: string;
  confidence?: number;
  [key: string]: JsonValue | undefined;
}

/** `<labelAttributeName>-metadata` as written by custom workflows (`type: "groundTruth/custom"`). */
export interface CustomLabelMetadata {
  type: string;
  job_name: string;
  'human-annotated': 'yes' | 'no';
  creation_date: string;
  'class-name'?: string;
  confidence?: number;
  [key: string]: JsonValue | undefined;
}

export type LabelMetadata = BuiltInLabelMetadata | CustomLabelMetadata;

/** One line of an output manifest: the input line plus `<name>` and `<name>-metadata`. */
export type OutputManifestLine = { [key: string]: JsonValue };
