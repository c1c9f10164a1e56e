/**
 * State that every copy of Quorum in a page must share. The drop-in bundle is split in two
 * self-contained files (the core and the lazily loaded spatial elements), each with its own copy
 * of Lit and of these modules; a page may also mix a bundle with the npm package. A module-level
 * variable would then exist once per copy, so a control from one copy could never find a form
 * from the other. Such state lives on `globalThis` under a `Symbol.for` key instead: the first
 * copy creates it, every later copy uses the same object.
 *
 * The key carries a format version: a copy that changes the shape of the state bumps it, and two
 * incompatible copies then keep separate state instead of breaking each other.
 */
export function sharedState<T extends object>(key: string, create: () => T): T {
  const symbol = Symbol.for(`quorum.elements.${key}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return (store[symbol] ??= create());
}
