/**
 * Ground Truth Lambda handlers (entry `@quorum/consolidate/lambda`). This is the only module that
 * imports the AWS SDK, so the main entry stays free of it and runs in browsers.
 *
 * Lambda configuration: handler `index.preAnnotationHandler` / `index.postAnnotationHandler` when the
 * deployed `index.js` re-exports these, e.g. `export { postAnnotationHandler } from '@quorum/consolidate/lambda';`.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ConsolidatedItem, PreAnnotationResponse } from '@quorum/schema';
import { postAnnotation, type ItemError, type PostAnnotationOptions } from './lambda/post-annotation.js';
import { preAnnotation, type PreAnnotationOptions } from './lambda/pre-annotation.js';
import { parseS3Uri } from './lambda/s3-uri.js';

export type { PreAnnotationOptions } from './lambda/pre-annotation.js';

/** Creates a pre-annotation handler; see `preAnnotation` for the options. */
export function createPreAnnotationHandler(options: PreAnnotationOptions = {}): (event: unknown) => Promise<PreAnnotationResponse> {
  return async (event) => preAnnotation(event, options);
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
}

/**
 * Creates a post-annotation (consolidation) handler. It reads `payload.s3Uri` and any annotation
 * `s3Uri` with `GetObjectCommand`, consolidates with `postAnnotation`, reports item errors through
 * `onErrors`, and returns the response for every valid data object. An event that cannot be
 * processed at all (invalid event, unreadable or malformed payload) throws, so the Lambda invocation
 * fails visibly instead of returning an empty batch.
 */
export function createPostAnnotationHandler(
  options: PostAnnotationHandlerOptions = {},
): (event: unknown) => Promise<ConsolidatedItem[]> {
  const { s3Client, onErrors = logErrors, ...rest } = options;
  let client = s3Client;
  return async (event) => {
    client ??= new S3Client({});
    const s3 = client;
    const { response, errors } = await postAnnotation(event, { ...rest, readPayload: (uri) => readS3Text(s3, uri) });
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
    const error = cause as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = error.$metadata?.httpStatusCode;
    throw new Error(`S3 GetObject ${uri} failed: ${error.name ?? 'Error'}${status ? ` (HTTP ${status})` : ''}: ${error.message ?? ''}`.trim(), {
      cause,
    });
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
