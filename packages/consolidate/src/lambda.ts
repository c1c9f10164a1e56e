/**
 * Ground Truth Lambda handlers (entry `@quorum/consolidate/lambda`). This is the only module that
 * imports the AWS SDK, so the main entry stays free of it and runs in browsers.
 *
 * Lambda configuration: handler `index.preAnnotationHandler` / `index.postAnnotationHandler` when the
 * deployed `index.js` re-exports these, e.g. `export { postAnnotationHandler } from '@quorum/consolidate/lambda';`.
 */
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ConsolidatedItem, DataObject, PostAnnotationEvent } from '@quorum/schema';
import { postAnnotation, type ItemError, type PostAnnotationObjectWriter, type PostAnnotationOptions } from './lambda/post-annotation.js';
import { explainPreAnnotation, type PreAnnotationOptions, type PreAnnotationOutput } from './lambda/pre-annotation.js';
import { compileRouting, type RoutingDecision } from './lambda/routing.js';
import { parseS3Uri } from './lambda/s3-uri.js';

export type { PreAnnotationOptions, PreAnnotationOutput } from './lambda/pre-annotation.js';

export interface PreAnnotationHandlerOptions extends PreAnnotationOptions {
  /**
   * Receives each routing decision with the rules that fired. Default: when routing options are set,
   * one JSON line per object on `console.log` (`{"level":"info","source":"@quorum/consolidate",
   * "event":"routing",…}`), so CloudWatch Logs Insights can count why objects went to people; with no
   * routing options, nothing is logged.
   */
  onDecision?: (decision: RoutingDecision, context: { labelingJobArn?: string; dataObject: DataObject }) => void;
}

/**
 * Creates a pre-annotation handler; see `preAnnotation` for the options. The routing options are
 * checked here, once, so a misconfigured Lambda fails at cold start with the name of the bad option.
 */
export function createPreAnnotationHandler(options: PreAnnotationHandlerOptions = {}): (event: unknown) => Promise<PreAnnotationOutput> {
  const { onDecision, ...preOptions } = options;
  const { taskInput: _t, isHumanAnnotationRequired: custom, responseFlag: _r, ...routing } = preOptions;
  if (!custom) compileRouting(routing);
  const routed = Object.keys(routing).length > 0 && custom === undefined;
  const report = onDecision ?? (routed ? logDecision : undefined);
  return async (event) => {
    const { response, decision } = explainPreAnnotation(event, preOptions);
    if (report) {
      const record = event as { labelingJobArn?: unknown; dataObject: DataObject };
      report(decision, { ...(typeof record.labelingJobArn === 'string' && { labelingJobArn: record.labelingJobArn }), dataObject: record.dataObject });
    }
    return response;
  };
}

function logDecision(decision: RoutingDecision, context: { labelingJobArn?: string; dataObject: DataObject }): void {
  const { dataObject } = context;
  const source = (dataObject as Record<string, unknown>)['source-ref'] ?? undefined;
  console.log(
    JSON.stringify({
      level: 'info',
      source: '@quorum/consolidate',
      event: 'routing',
      ...(context.labelingJobArn && { labelingJobArn: context.labelingJobArn }),
      ...(typeof source === 'string' && { 'source-ref': source }),
      ...decision,
    }),
  );
}

export interface PostAnnotationHandlerOptions extends Omit<PostAnnotationOptions, 'readPayload'> {
  /** S3 client used to read the payload and annotation objects; default `new S3Client({})` (region from the Lambda environment). */
  s3Client?: S3Client;
  /**
   * Receives the item errors of a batch. Default: each error is written with `console.error` as one
   * JSON line (`{"level":"error","source":"@quorum/consolidate",…}`), which CloudWatch Logs Insights
   * can filter and count.
   */
  onErrors?: (errors: ItemError[], context: { labelingJobArn?: string; payloadUri?: string }) => void;
  /**
   * Where consolidated semantic and instance segmentation label images are written, `s3://bucket/prefix/`; each
   * is `<prefix><datasetObjectId>_<creation date>.png`. Default: the environment variable
   * `QUORUM_OUTPUT_PREFIX`, else Ground Truth's own location for them,
   * `<event.outputConfig>/consolidated-annotation/output/` (the job's `…/annotations` folder), else
   * the same folder found from the payload URI (`…/annotations/consolidated-annotation/
   * consolidation-request/…`). Ignored when `writeObject` is given.
   */
  outputPrefix?: string;
}

/** The environment variable holding the default output prefix of consolidated label images. */
export const OUTPUT_PREFIX_VARIABLE = 'QUORUM_OUTPUT_PREFIX';

/**
 * The `s3://` prefix consolidated label images of this event go under (ends with `/`), in the order
 * of {@link PostAnnotationHandlerOptions.outputPrefix}; throws an error naming every way to set it.
 */
export function resolveOutputPrefix(event: Pick<PostAnnotationEvent, 'outputConfig' | 'payload'>, outputPrefix: string | undefined = process.env[OUTPUT_PREFIX_VARIABLE] || undefined): string {
  const withSlash = (prefix: string) => (prefix.endsWith('/') ? prefix : `${prefix}/`);
  if (outputPrefix !== undefined) {
    parseS3Uri(`${withSlash(outputPrefix)}x`);
    return withSlash(outputPrefix);
  }
  if (typeof event.outputConfig === 'string' && event.outputConfig.startsWith('s3://')) return `${withSlash(event.outputConfig)}consolidated-annotation/output/`;
  const marker = '/annotations/consolidated-annotation/';
  const at = event.payload.s3Uri.lastIndexOf(marker);
  if (at > 0) return `${event.payload.s3Uri.slice(0, at + marker.length)}output/`;
  throw new Error(
    `no output location for consolidated label images: the event has no outputConfig and its payload URI ${event.payload.s3Uri} is not under …${marker}; set the handler option outputPrefix or the environment variable ${OUTPUT_PREFIX_VARIABLE} to an s3://bucket/prefix/`,
  );
}

/** A writer that puts each label image under the event's output prefix with `PutObjectCommand`. */
export function createS3ObjectWriter(client: S3Client, outputPrefix?: string): PostAnnotationObjectWriter {
  return async (name, bytes, contentType, { event }) => {
    const uri = `${resolveOutputPrefix(event, outputPrefix)}${name}`;
    const { bucket, key } = parseS3Uri(uri);
    try {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: contentType }));
    } catch (cause) {
      throw new Error(describeS3Failure('PutObject', uri, cause), { cause });
    }
    return uri;
  };
}

function describeS3Failure(operation: string, uri: string, cause: unknown): string {
  const error = cause as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = error.$metadata?.httpStatusCode;
  return `S3 ${operation} ${uri} failed: ${error.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}: ${error.message ?? ''}`.trim();
}

/**
 * Creates a post-annotation (consolidation) handler. It reads `payload.s3Uri` and any annotation
 * `s3Uri` with `GetObjectCommand`, consolidates with `postAnnotation`, writes consolidated semantic
 * segmentation label images with `PutObjectCommand` (see `outputPrefix`), reports item errors through
 * `onErrors`, and returns the response for every valid data object. An event that cannot be
 * processed at all (invalid event, unreadable or malformed payload) throws, so the Lambda invocation
 * fails visibly instead of returning an empty batch.
 */
export function createPostAnnotationHandler(
  options: PostAnnotationHandlerOptions = {},
): (event: unknown) => Promise<ConsolidatedItem[]> {
  const { s3Client, onErrors = logErrors, outputPrefix, writeObject, ...rest } = options;
  if (outputPrefix !== undefined) resolveOutputPrefix({ payload: { s3Uri: '' } }, outputPrefix);
  let client = s3Client;
  return async (event) => {
    client ??= new S3Client({});
    const s3 = client;
    const { response, errors } = await postAnnotation(event, { ...rest, readPayload: (uri) => readS3Text(s3, uri), writeObject: writeObject ?? createS3ObjectWriter(s3, outputPrefix) });
    if (errors.length > 0) {
      const record = event as { labelingJobArn?: unknown; payload?: { s3Uri?: unknown } };
      onErrors(errors, {
        ...(typeof record.labelingJobArn === 'string' && { labelingJobArn: record.labelingJobArn }),
        ...(typeof record.payload?.s3Uri === 'string' && { payloadUri: record.payload.s3Uri }),
      });
    }
    return response;
  };
}

/** Reads an `s3://bucket/key` object as UTF-8 text; a failure names the URI and S3's error code. */
export async function readS3Text(client: S3Client, uri: string): Promise<string> {
  const { bucket, key } = parseS3Uri(uri);
  let body;
  try {
    ({ Body: body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
  } catch (cause) {
    throw new Error(describeS3Failure('GetObject', uri, cause), { cause });
  }
  if (!body) throw new Error(`S3 GetObject ${uri} returned no body`);
  return body.transformToString('utf-8');
}

function logErrors(errors: ItemError[], context: { labelingJobArn?: string; payloadUri?: string }): void {
  for (const error of errors) {
    console.error(JSON.stringify({ level: 'error', source: '@quorum/consolidate', ...context, ...error }));
  }
}

/** Pre-annotation handler with default options: `taskInput` is the data object. */
export const preAnnotationHandler = createPreAnnotationHandler();

/** Post-annotation handler with default options: `gt-dawid-skene`, S3 client from the Lambda environment. */
export const postAnnotationHandler = createPostAnnotationHandler();
