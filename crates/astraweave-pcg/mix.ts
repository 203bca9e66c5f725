/**
 * The two published mixers that turn a seed and a layer name into a PCG32 stream:
 *
 * - **FNV-1a 64** (Fowler, Noll, Vo) over the UTF-8 bytes of the name. Reference values:
 *   `""` → `0xcbf29ce484222325`, `"a"` → `0xaf63dc4c8601ec8c`, `"foobar"` → `0x85944171f73967e8`.
 * - **SplitMix64** (Steele, Lea, Flood 2014; Vigna's `splitmix64.c`). Reference outputs for seed
 *   1234567: 6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431,
 *   16408922859458223821; for seed 0 the first is `0xe220a8397b1dcdaf`.
 *
 * Both are tested against those values in `mix_test.ts`.
 *
 * @module
 */

import { joinU64, mulHi64, splitU64 } from "./u64.ts";

// The FNV state while hashing: module variables rather than a closure, so a fork allocates nothing
// here.
let fnvHi = 0;
let fnvLo = 0;

function fnvByte(byte: number): void {
  fnvLo = (fnvLo ^ byte) >>> 0;
  // h *= 0x00000100_000001b3
  const nextHi = mulHi64(fnvHi, fnvLo, 0x100, 0x1b3);
  fnvLo = Math.imul(fnvLo, 0x1b3) >>> 0;
  fnvHi = nextHi;
}

/** FNV-1a 64 of the UTF-8 encoding of `text`, as `[hi, lo]`. */
export function fnv1a64(text: string): [hi: number, lo: number] {
  fnvHi = 0xcbf29ce4;
  fnvLo = 0x84222325;
  // UTF-8 by hand: names are short and this avoids a TextEncoder allocation per fork.
  for (let i = 0; i < text.length; i++) {
    let c = text.codePointAt(i)!;
    if (c > 0xffff) i++; // the low surrogate belongs to this code point
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // a lone surrogate encodes as U+FFFD
    if (c < 0x80) fnvByte(c);
    else if (c < 0x800) {
      fnvByte(0xc0 | (c >>> 6));
      fnvByte(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      fnvByte(0xe0 | (c >>> 12));
      fnvByte(0x80 | ((c >>> 6) & 0x3f));
      fnvByte(0x80 | (c & 0x3f));
    } else {
      fnvByte(0xf0 | (c >>> 18));
      fnvByte(0x80 | ((c >>> 12) & 0x3f));
      fnvByte(0x80 | ((c >>> 6) & 0x3f));
      fnvByte(0x80 | (c & 0x3f));
    }
  }
  return [fnvHi, fnvLo];
}

/**
 * SplitMix64: a 64-bit counter advanced by the golden-ratio increment and passed through a
 * bijective finalizer. Used to spread a seed over PCG32's state and stream selector.
 */
export class SplitMix64 {
  #hi = 0;
  #lo = 0;
  /** High half of the last output of {@link advance}. */
  outHi = 0;
  /** Low half of the last output of {@link advance}. */
  outLo = 0;

  constructor(seed: number | bigint = 0) {
    if (seed !== 0) [this.#hi, this.#lo] = splitU64(seed, "SplitMix64 seed");
  }

  /** A generator whose state is the u64 `hi:lo`. */
  static fromHalves(hi: number, lo: number): SplitMix64 {
    const mixer = new SplitMix64();
    mixer.#hi = hi >>> 0;
    mixer.#lo = lo >>> 0;
    return mixer;
  }

  /** Computes the next output into {@link outHi} and {@link outLo} (no allocation). */
  advance(): void {
    // state += 0x9e3779b9_7f4a7c15
    const sumLo = this.#lo + 0x7f4a7c15;
    this.#lo = sumLo >>> 0;
    this.#hi = (this.#hi + 0x9e3779b9 + (sumLo > 0xffffffff ? 1 : 0)) >>> 0;
    let hi = this.#hi;
    let lo = this.#lo;
    // z = (z ^ (z >> 30)) * 0xbf58476d_1ce4e5b9
    lo = (lo ^ ((lo >>> 30) | (hi << 2))) >>> 0;
    hi = (hi ^ (hi >>> 30)) >>> 0;
    let nextHi = mulHi64(hi, lo, 0xbf58476d, 0x1ce4e5b9);
    lo = Math.imul(lo, 0x1ce4e5b9) >>> 0;
    hi = nextHi;
    // z = (z ^ (z >> 27)) * 0x94d049bb_133111eb
    lo = (lo ^ ((lo >>> 27) | (hi << 5))) >>> 0;
    hi = (hi ^ (hi >>> 27)) >>> 0;
    nextHi = mulHi64(hi, lo, 0x94d049bb, 0x133111eb);
    lo = Math.imul(lo, 0x133111eb) >>> 0;
    hi = nextHi;
    // z ^ (z >> 31)
    this.outLo = (lo ^ ((lo >>> 31) | (hi << 1))) >>> 0;
    this.outHi = (hi ^ (hi >>> 31)) >>> 0;
  }

  /** The next 64-bit output as a bigint. */
  next(): bigint {
    this.advance();
    return joinU64(this.outHi, this.outLo);
  }
}
