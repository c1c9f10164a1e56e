/**
 * Turns an S3 URI into a URL a worker's browser can load, as Ground Truth's `grant_read_access`
 * filter does with a short-lived presigned URL. May be asynchronous (e.g. an AWS SDK presigner).
 */
export type UrlSigner = (url: string) => string | Promise<string>;

/** What `grant_read_access` writes for a URL it will not let through (`javascript:`, `data:`, junk). */
export const BLOCKED_URL = 'about:blank#blocked';

// S3 bucket naming rules: 3–63 characters of lower-case letters, digits, dots and hyphens,
// beginning and ending with a letter or digit.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Percent-encodes one key segment the way S3 (SigV4) does: everything but `A-Z a-z 0-9 - . _ ~`. */
function encodeKeySegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The offline stand-in for Ground Truth's signer: `s3://bucket/key` becomes the object's
 * path-style URL `https://s3.amazonaws.com/bucket/key`, or undefined when `uri` is not an S3 URI.
 *
 * Path style is what Ground Truth's documentation shows for this filter, and unlike the
 * virtual-hosted form (`https://bucket.s3.amazonaws.com/key`) it stays valid over HTTPS for bucket
 * names that contain dots. The key is taken as the raw object key (as `aws s3` prints it), so each
 * `/`-separated segment is percent-encoded and a literal `%` in a key stays a `%` (`%25`).
 * A URI without a valid bucket or without a key is not an object URL and gives undefined.
 */
export function s3ObjectUrl(uri: string): string | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/i.exec(uri.trim());
  if (!match) return undefined;
  const [, bucket, key] = match as unknown as [string, string, string];
  if (!BUCKET_NAME.test(bucket)) return undefined;
  return `https://s3.amazonaws.com/${bucket}/${key.split('/').map(encodeKeySegment).join('/')}`;
}

/** The URL normalised by the browser's own parser when it is http(s), otherwise undefined. */
export function httpUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
}

function checkSigned(signed: unknown, uri: string): string {
  const checked = typeof signed === 'string' ? httpUrl(signed) : undefined;
  if (checked === undefined) {
    throw new Error(`grant_read_access: the signer returned ${JSON.stringify(signed)} for ${uri}; it must return an http(s) URL`);
  }
  return checked;
}

/**
 * Ground Truth's `grant_read_access`: an S3 URI goes through `signer` (by default
 * {@link s3ObjectUrl}, which needs no network); an http(s) URL passes unchanged (normalised); any
 * other value — `javascript:`, `data:`, `vbscript:`, a relative path, a non-string — becomes
 * {@link BLOCKED_URL}, so a hostile input cannot turn an `src` or `href` into script.
 * The result is synchronous unless the signer returns a promise. A signer that gives anything but
 * an http(s) URL is a bug in the signer and throws.
 */
export function grantReadAccess(value: unknown, signer?: UrlSigner): string | Promise<string> {
  if (typeof value !== 'string') return BLOCKED_URL;
  const trimmed = value.trim();
  if (!/^s3:\/\//i.test(trimmed)) return httpUrl(trimmed) ?? BLOCKED_URL;
  if (signer === undefined) return s3ObjectUrl(trimmed) ?? BLOCKED_URL;
  const signed = signer(trimmed);
  return typeof signed === 'string' ? checkSigned(signed, trimmed) : Promise.resolve(signed).then((url) => checkSigned(url, trimmed));
}
