/**
 * Drafts: a form's field states kept in `sessionStorage`, so a reload (or a crash of the tab)
 * does not lose a worker's answers. A draft is stored under the page URL and a task key, carries
 * a format version, and anything that does not parse as this version is ignored and removed.
 */
import type { FormSnapshot } from './history.js';

/** Bumped when the stored format changes; drafts of another version are dropped. */
export const DRAFT_VERSION = 1;

const KEY_PREFIX = 'quorum-draft';

/**
 * Identifies this page load. A draft is restored by a later load of the page (a reload), not by
 * the page that saved it: a form rendered again in the same page (a test, a single-page app)
 * starts from its template, not from what another form there saved.
 */
export const PAGE_LOAD_ID = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** What is stored, as JSON. */
interface StoredDraft {
  version: typeof DRAFT_VERSION;
  savedAt: number;
  /** {@link PAGE_LOAD_ID} of the page that saved it. */
  page: string;
  fields: Record<string, string | null>;
}

/** The storage key: page URL without its fragment, and the task key. */
export function draftStorageKey(taskKey: string, url: string = location.href): string {
  return `${KEY_PREFIX}:${url.split('#')[0]}:${taskKey}`;
}

/** A short, stable hash (FNV-1a, 32 bit) of a task's rendered content, used as its default task key. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** `sessionStorage`, or null where it is unavailable (sandboxed frames, privacy modes). */
export function draftStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function serializeDraft(snapshot: FormSnapshot, now: number): string {
  const draft: StoredDraft = { version: DRAFT_VERSION, savedAt: now, page: PAGE_LOAD_ID, fields: Object.fromEntries(snapshot) };
  return JSON.stringify(draft);
}

/** The outcome of reading a stored draft. */
export type ParsedDraft = { ok: true; page: string; fields: Map<string, string | null> } | { ok: false; reason: string };

/** Parses a stored draft; never throws, whatever is in storage. */
export function parseDraft(text: string): ParsedDraft {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `it is not JSON (${(error as Error).message})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, reason: 'it is not an object' };
  const { version, fields, page } = data as Partial<StoredDraft>;
  if (version !== DRAFT_VERSION) return { ok: false, reason: `its version is ${JSON.stringify(version)}, not ${DRAFT_VERSION}` };
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return { ok: false, reason: '"fields" is not an object' };
  const result = new Map<string, string | null>();
  for (const [key, state] of Object.entries(fields)) {
    if (state !== null && typeof state !== 'string') return { ok: false, reason: `field "${key}" holds ${typeof state}, not a string or null` };
    result.set(key, state);
  }
  return { ok: true, page: typeof page === 'string' ? page : '', fields: result };
}
