/**
 * PCG32 (PCG-XSH-RR 64/32), M. E. O'Neill, "PCG: A Family of Simple Fast Space-Efficient
 * Statistically Good Algorithms for Random Number Generation" (2014), as implemented by
 * `pcg32_random_r`, `pcg32_srandom_r` and `pcg32_boundedrand_r` of the reference pcg-c-basic.
 *
 * The 64-bit state lives in two u32 halves, so no BigInt is on the hot path and only exact
 * integer operations are used: the same seed gives the same numbers on every platform.
 *
 * Reference output (`pcg32-demo`, seeded with initstate 42 and initseq 54), checked in
 * `pcg32_test.ts` together with the demo's coins, dice and card deal:
 * `0xa15c02b7 0x7b47f409 0xba1d3330 0x83d2f293 0xbfa4784b 0xcbed606e`.
 *
 * @module
 */

import { mulHi64, splitU64 } from "./u64.ts";

// The LCG multiplier 6364136223846793005 = 0x5851f42d_4c957f2d.
const MUL_HI = 0x5851f42d;
const MUL_LO = 0x4c957f2d;
const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * The PCG32 generator exactly as the reference C code defines it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Pcg32 } from "@astraweave/pcg";
 * const rng = new Pcg32(42, 54);
 * assert.equal(rng.nextU32().toString(16), "a15c02b7"); // the reference demo's first number
 * ```
 */
export class Pcg32 {
  #stateHi = 0;
  #stateLo = 0;
  #incHi = 0;
  #incLo = 1;

  /**
   * Seeds as `pcg32_srandom_r(initState, initSeq)`: `initSeq` selects one of 2^63 streams.
   * Both are u64 values: non-negative safe integers or bigints below 2^64.
   */
  constructor(initState: number | bigint, initSeq: number | bigint) {
    const [stateHi, stateLo] = splitU64(initState, "initState");
    const [seqHi, seqLo] = splitU64(initSeq, "initSeq");
    this.seedFromHalves(stateHi, stateLo, seqHi, seqLo);
  }

  /** `pcg32_srandom_r` with both arguments given as u32 halves. */
  protected seedFromHalves(
    stateHi: number,
    stateLo: number,
    seqHi: number,
    seqLo: number,
  ): void {
    this.#stateHi = 0;
    this.#stateLo = 0;
    // inc = (initseq << 1) | 1
    this.#incHi = ((seqHi << 1) | (seqLo >>> 31)) >>> 0;
    this.#incLo = ((seqLo << 1) | 1) >>> 0;
    this.nextU32();
    const sumLo = this.#stateLo + stateLo;
    this.#stateLo = sumLo >>> 0;
    this.#stateHi = (this.#stateHi + stateHi + (sumLo >= TWO_POW_32 ? 1 : 0)) >>> 0;
    this.nextU32();
  }

  /** The next 32-bit output (`pcg32_random_r`), an integer in [0, 2^32). */
  nextU32(): number {
    const hi = this.#stateHi;
    const lo = this.#stateLo;
    // state = state * MUL + inc (mod 2^64)
    const productLo = Math.imul(lo, MUL_LO) >>> 0;
    const productHi = mulHi64(hi, lo, MUL_HI, MUL_LO);
    const sumLo = productLo + this.#incLo;
    this.#stateLo = sumLo >>> 0;
    this.#stateHi = (productHi + this.#incHi + (sumLo >= TWO_POW_32 ? 1 : 0)) >>> 0;
    // Output from the old state: xorshifted = ((old >> 18) ^ old) >> 27, rotated by old >> 59.
    const xorHi = hi ^ (hi >>> 18);
    const xorLo = lo ^ ((lo >>> 18) | (hi << 14));
    const xorshifted = (xorLo >>> 27) | (xorHi << 5);
    const rot = hi >>> 27;
    return ((xorshifted >>> rot) | (xorshifted << (-rot & 31))) >>> 0;
  }

  /**
   * An integer in [0, bound) without modulo bias (`pcg32_boundedrand_r`): outputs below
   * 2^32 mod bound are rejected, so every residue is equally likely. `bound` is an integer in
   * [1, 2^32]; at most half the draws are rejected in the worst case, usually almost none.
   */
  nextBounded(bound: number): number {
    // (2^32 - bound) mod bound, the count of outputs that would overrepresent the low residues.
    const threshold = (TWO_POW_32 - bound) % bound;
    for (;;) {
      const r = this.nextU32();
      if (r >= threshold) return r % bound;
    }
  }

  /**
   * A float in [0, 1) with 53 random bits: two outputs form a u64 (first one high), whose top 53
   * bits are scaled by 2^-53, so every value is a multiple of 2^-53.
   */
  nextFloat(): number {
    const high = this.nextU32();
    const low = this.nextU32();
    return (high * 2097152 + (low >>> 11)) * TWO_POW_MINUS_53;
  }
}
