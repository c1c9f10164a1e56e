/** Guards that keep a second copy of a Quorum entry from defining or announcing anything again. */
import { warnOnce } from './warn.js';

/** Set on `globalThis` by the first copy of the core elements (the core bundle or the npm register entry). */
export const CORE_LOADED_KEY = 'quorum.elements.registered';

/** Set on `globalThis` by the first copy of the spatial bundle. */
export const SPATIAL_LOADED_KEY = 'quorum.elements.spatial-registered';

/**
 * Marks the entry behind `key` as loaded in this page and returns true, or, when a copy was
 * loaded before, warns with `message` and returns false.
 */
export function claimLoad(key: string, message: string): boolean {
  const symbol = Symbol.for(key);
  const globals = globalThis as unknown as Record<symbol, true | undefined>;
  if (globals[symbol]) {
    warnOnce(globalThis, 'loaded-twice', message, key);
    return false;
  }
  globals[symbol] = true;
  return true;
}
