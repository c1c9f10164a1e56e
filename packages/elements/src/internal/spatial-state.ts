/**
 * Whether the spatial bundle has run in this page, shared by every copy of Quorum in it: the
 * core bundle waits on it, the spatial bundle (or the npm entry that defines everything) sets it.
 */
import { sharedState } from './shared.js';

interface SpatialState {
  /** The tags the spatial elements were defined under, once they are; null before. */
  defined: readonly string[] | null;
  /** Called once with {@link defined} when it is set. */
  waiting: Array<(tags: readonly string[]) => void>;
}

/** The page's spatial state. */
export function spatialState(): SpatialState {
  return sharedState<SpatialState>('spatial.v1', () => ({ defined: null, waiting: [] }));
}

/** Records that the spatial elements are defined (under `tags`) and wakes whoever waits for them. */
export function markSpatialDefined(tags: readonly string[]): void {
  const state = spatialState();
  if (state.defined) return;
  state.defined = tags;
  for (const wake of state.waiting.splice(0)) wake(tags);
}

/** Resolves with the spatial tags once the spatial elements are defined. */
export function whenSpatialDefined(): Promise<readonly string[]> {
  const state = spatialState();
  const defined = state.defined;
  return defined ? Promise.resolve(defined) : new Promise((resolve) => state.waiting.push(resolve));
}
