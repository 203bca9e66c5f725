/**
 * Test-only BigInt transcriptions of the reference C code for PCG32, SplitMix64 and FNV-1a 64.
 * They share nothing with the u32-halves implementations they check, so an arithmetic slip in
 * either shows up as a disagreement.
 *
 * @module
 */

const MASK_64 = (1n << 64n) - 1n;

/** `pcg32_srandom_r(initState, initSeq)`, returning `pcg32_random_r`. */
export function referencePcg32(
  initState: bigint,
  initSeq: bigint,
): () => number {
  let state = 0n;
  const inc = ((initSeq << 1n) | 1n) & MASK_64;
  const next = () => {
    const old = state;
    state = (old * 6364136223846793005n + inc) & MASK_64;
    const xorshifted = Number((((old >> 18n) ^ old) >> 27n) & 0xffffffffn);
    const rot = Number(old >> 59n);
    return ((xorshifted >>> rot) | (xorshifted << (-rot & 31))) >>> 0;
  };
  next();
  state = (state + initState) & MASK_64;
  next();
  return next;
}

/** SplitMix64 seeded with `seed`, returning its `next()`. */
export function referenceSplitMix64(seed: bigint): () => bigint {
  let state = seed & MASK_64;
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK_64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
    return z ^ (z >> 31n);
  };
}

/** FNV-1a 64 over the UTF-8 bytes of `text` (TextEncoder). */
export function referenceFnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h = ((h ^ BigInt(byte)) * 0x100000001b3n) & MASK_64;
  }
  return h;
}

/** The stream of layer `layer` of `seed`, derived as `SeedRng` documents it. */
export function referenceSeedRng(seed: bigint, layer: string): () => number {
  const mixer = referenceSplitMix64(seed ^ referenceFnv1a64(layer));
  const initState = mixer();
  const initSeq = mixer();
  return referencePcg32(initState, initSeq);
}
