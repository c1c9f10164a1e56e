/**
 * Seeded pseudo-random numbers for reproducible tie-breaking.
 *
 * The generator is Mulberry32 (Tommy Ettinger, public domain): a 32-bit state advanced by a Weyl
 * increment and passed through an xorshift-multiply mix. It is fast, has a period of 2^32 and is
 * good enough to pick among tied labels; it is not for cryptography. The same seed gives the same
 * sequence on every platform because it only uses 32-bit integer operations (`Math.imul`, `>>>`).
 */
export function mulberry32(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, found ${seed}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
