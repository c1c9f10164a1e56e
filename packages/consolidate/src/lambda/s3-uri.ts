/** Bucket and key of an `s3://bucket/key` URI. */
export interface S3Location {
  bucket: string;
  key: string;
}

/**
 * Bucket names as S3 allows them (3–63 characters). Upper case and underscores are accepted because
 * legacy buckets and AWS's own documentation placeholders (`DOC-EXAMPLE-BUCKET`) use them.
 */
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]$/;

/**
 * Splits `s3://bucket/key`. The key is everything after the first `/` following the bucket, taken
 * literally: spaces, Unicode, `%`, `+` and nested `a/b/c` paths are kept exactly as given, because
 * Ground Truth passes keys unencoded and `%` is a legal key character. Throws a `TypeError` that
 * quotes the URI when it is not an S3 URI, has no valid bucket, or has no key.
 */
export function parseS3Uri(uri: string): S3Location {
  if (typeof uri !== 'string') throw new TypeError(`expected an s3://bucket/key URI string, found ${typeof uri}`);
  const match = /^s3:\/\/([^/]*)\/(.*)$/s.exec(uri);
  if (!match) throw new TypeError(`"${uri}" is not an S3 URI; expected s3://bucket/key`);
  const [, bucket, key] = match;
  if (!BUCKET.test(bucket)) throw new TypeError(`"${uri}" has an invalid bucket name "${bucket}"`);
  if (key === '') throw new TypeError(`"${uri}" has no object key after the bucket`);
  return { bucket, key };
}
