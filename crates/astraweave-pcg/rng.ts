/**
 * {@link SeedRng}: the seeded, forkable random number generator every part of the crate draws from.
 *
 * @module
 */

import { fnv1a64, SplitMix64 } from "./mix.ts";
import { Pcg32 } from "./pcg32.ts";
import { joinU64, splitU64 } from "./u64.ts";

const TWO_POW_32 = 4294967296;

/**
 * A deterministic generator for one named layer of generation: PCG32 (see {@link Pcg32}) seeded
 * from a 64-bit seed and the layer's name.
 *
 * **Stream derivation.** For seed `s` and layer `L` (the root layer is `""`): `k = FNV-1a64(UTF-8
 * of L)`; a SplitMix64 seeded with `s XOR k` gives two outputs, `initState` then `initSeq`; the
 * stream is `pcg32_srandom_r(initState, initSeq)`. So a stream depends only on the seed and the
 * layer's name: never on how much its parent has drawn, nor on which other layers exist.
 * (The Rust original forked by drawing a sub-seed from the parent, which made a child stream
 * depend on the parent's history; this version keeps the layers of a dungeon independent, so
 * changing the encounter count cannot move a room.)
 *
 * **Forks compose:** `fork("a").fork("b")` is the layer `"a::b"`, the same stream as `fork("a::b")`.
 *
 * **Seeds** are u64: a non-negative safe integer (up to 2^53 - 1) or a bigint below 2^64. Text
 * seeds (decimal or `0x` hex) go through {@link parseSeed}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SeedRng } from "@astraweave/pcg";
 * const rng = new SeedRng(42n);
 * const rooms = rng.fork("dungeon").fork("rooms"); // layer "dungeon::rooms"
 * const die = rooms.genRange(1, 7); // 1..6, no modulo bias
 * const roll = rooms.genFloatRange(0.5, 2); // [0.5, 2)
 * const deck = rooms.shuffle([1, 2, 3, 4, 5]);
 * assert.ok(Number.isInteger(die) && die >= 1 && die <= 6);
 * assert.ok(roll >= 0.5 && roll < 2);
 * assert.deepEqual(deck.toSorted(), [1, 2, 3, 4, 5]);
 * // The same seed and layer give the same stream.
 * assert.equal(new SeedRng(42n, "dungeon::rooms").genRange(1, 7), die);
 * ```
 */
export class SeedRng extends Pcg32 {
  /** The layer name: `""` for the root, `"dungeon::rooms"` for a fork of a fork. */
  readonly layer: string;
  readonly #seed: number | bigint;

  /** A generator for `layer` (default the root layer) of `seed`. */
  constructor(seed: number | bigint, layer = "") {
    super(0, 0);
    const [seedHi, seedLo] = splitU64(seed, "seed");
    const [keyHi, keyLo] = fnv1a64(layer);
    const mixer = SplitMix64.fromHalves(seedHi ^ keyHi, seedLo ^ keyLo);
    mixer.advance();
    const stateHi = mixer.outHi;
    const stateLo = mixer.outLo;
    mixer.advance();
    this.seedFromHalves(stateHi, stateLo, mixer.outHi, mixer.outLo);
    this.#seed = seed;
    this.layer = layer;
  }

  /** The seed, as a bigint. */
  get seed(): bigint {
    const [hi, lo] = splitU64(this.#seed, "seed");
    return joinU64(hi, lo);
  }

  /**
   * An independent generator for the sub-layer `name` of this layer (`"parent::name"`). Forking
   * neither reads nor advances this generator.
   *
   * @throws {RangeError} on an empty name.
   */
  fork(name: string): SeedRng {
    if (name.length === 0) {
      throw new RangeError("fork needs a non-empty layer name");
    }
    return new SeedRng(
      this.#seed,
      this.layer.length === 0 ? name : `${this.layer}::${name}`,
    );
  }

  /**
   * A uniformly distributed integer in [lo, hi), without modulo bias (rejection, see
   * {@link Pcg32.nextBounded}).
   *
   * @throws {RangeError} unless lo and hi are safe integers with lo < hi and hi - lo ≤ 2^32.
   */
  genRange(lo: number, hi: number): number {
    const span = hi - lo;
    if (
      !Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) ||
      !(span > 0 && span <= TWO_POW_32)
    ) {
      throw new RangeError(
        `genRange needs integers lo < hi with hi - lo <= 2^32, got [${lo}, ${hi})`,
      );
    }
    return lo + this.nextBounded(span);
  }

  /**
   * A uniformly distributed float in [lo, hi). A result that rounds up to `hi` is drawn again, so
   * `hi` is never returned.
   *
   * @throws {RangeError} unless lo and hi are finite with lo < hi and a finite difference.
   */
  genFloatRange(lo: number, hi: number): number {
    const span = hi - lo;
    if (!(lo < hi) || !Number.isFinite(span)) {
      throw new RangeError(
        `genFloatRange needs finite lo < hi, got [${lo}, ${hi})`,
      );
    }
    for (;;) {
      const value = lo + span * this.nextFloat();
      if (value < hi) return value;
    }
  }

  /** A fair coin: the top bit of one output. */
  genBool(): boolean {
    return this.nextU32() >= 0x80000000;
  }

  /**
   * `true` with probability `p`: one 53-bit float compared with `p`, so 0 is never and 1 is
   * always true (one draw either way).
   *
   * @throws {RangeError} unless 0 ≤ p ≤ 1.
   */
  genBoolWithProb(p: number): boolean {
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`probability must be in [0, 1], got ${p}`);
    }
    return this.nextFloat() < p;
  }

  /** A uniformly chosen element, or `undefined` for an empty array (which draws nothing). */
  choose<T>(items: ArrayLike<T>): T | undefined {
    return items.length === 0 ? undefined : items[this.nextBounded(items.length)];
  }

  /**
   * Shuffles `items` in place (Fisher–Yates from the last index down, as the reference PCG demo
   * deals cards) and returns it.
   */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length; i > 1; i--) {
      const j = this.nextBounded(i);
      const picked = items[j];
      items[j] = items[i - 1];
      items[i - 1] = picked;
    }
    return items;
  }
}

/**
 * Parses a seed written as decimal digits or `0x` hex digits into a u64 bigint.
 *
 * @throws {RangeError} naming the problem: empty, not a number, negative, or above 2^64 - 1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSeed } from "@astraweave/pcg";
 * assert.equal(parseSeed("18446744073709551615"), 18446744073709551615n);
 * assert.equal(parseSeed("0xDEADBEEF"), 3735928559n);
 * assert.throws(() => parseSeed("-1"), RangeError);
 * ```
 */
export function parseSeed(text: string): bigint {
  const trimmed = text.trim();
  if (/^-\s*(\d|0x)/i.test(trimmed)) {
    throw new RangeError(`seed must not be negative, got "${text}"`);
  }
  if (!/^(\d+|0x[0-9a-f]+)$/i.test(trimmed)) {
    throw new RangeError(
      `seed must be a decimal or 0x-hex integer, got "${text}"`,
    );
  }
  const value = BigInt(trimmed);
  if (value >= 1n << 64n) {
    throw new RangeError(`seed must be at most 2^64 - 1, got ${text}`);
  }
  return value;
}
