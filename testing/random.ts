/**
 * Seeded randomness for the workspace's tests, fuzzing and benchmark inputs: the same seed gives
 * the same values on every run and platform, so a failure reproduces from its seed. Test support
 * only: no crate's public API depends on it.
 *
 * @module
 */

/** mulberry32: a small, fast PRNG with 32 bits of state; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` random bytes from `seed`. */
export function randomBytes(length: number, seed: number): Uint8Array {
  const random = mulberry32(seed);
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (random() * 256) | 0;
  return bytes;
}
