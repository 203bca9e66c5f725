/**
 * Stored LZ4 blocks: a block of one sequence holding its input as literals, with no match (what
 * deflate calls a stored block). Every LZ4 decoder reads one, lz4_flex and the reference included,
 * so a stored block can stand wherever a compressed one is expected: it trades size (the input
 * plus one byte per 255) for speed (writing one is a copy, and reading one needs no copy at all).
 *
 * @module
 */

import { checkInputSize } from "./lz4.ts";

/** Bytes of a literal run's length beyond the token: 15 in the token, then bytes of 255 and a rest. */
function lengthBytes(n: number): number {
  return n < 15 ? 0 : Math.floor((n - 15) / 255) + 1;
}

/**
 * `bytes` as a u32 little-endian size followed by a stored LZ4 block (literals only): what
 * {@link lz4CompressPrependSize} makes, without compressing. {@link lz4DecompressSizePrepended}, and
 * lz4_flex's `decompress_size_prepended`, read it back; {@link lz4StoredLiterals} reads it without
 * a copy.
 *
 * @throws {CodecError} `invalid_value` for an input longer than the format takes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lz4DecompressSizePrepended, lz4StorePrependSize } from "@astraweave/codec";
 * const text = new TextEncoder().encode("save game, save game, save game");
 * const stored = lz4StorePrependSize(text);
 * assert.equal(stored.length, 4 + 2 + text.length); // size, token, one length byte, literals
 * assert.deepEqual(lz4DecompressSizePrepended(stored), text);
 * ```
 */
export function lz4StorePrependSize(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  checkInputSize(n);
  const extra = lengthBytes(n);
  const out = new Uint8Array(5 + extra + n);
  out[0] = n & 0xff;
  out[1] = (n >>> 8) & 0xff;
  out[2] = (n >>> 16) & 0xff;
  out[3] = n >>> 24;
  if (extra === 0) {
    out[4] = n << 4;
  } else {
    out[4] = 0xf0;
    let rest = n - 15;
    let at = 5;
    for (; rest >= 255; rest -= 255) out[at++] = 255;
    out[at] = rest;
  }
  out.set(bytes, 5 + extra);
  return out;
}

/**
 * The literals of a size-prefixed stored LZ4 block (as {@link lz4StorePrependSize} writes), as a
 * view of `bytes` (no copy); `null` when `bytes` is anything else: a compressed block, a block of
 * another size than its prefix declares, or not a block at all. A `null` says nothing about whether
 * `bytes` is valid: decode it with {@link lz4DecompressSizePrepended} to know.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import {
 *   lz4CompressPrependSize,
 *   lz4StoredLiterals,
 *   lz4StorePrependSize,
 * } from "@astraweave/codec";
 * const data = new Uint8Array(1000).fill(7);
 * const stored = lz4StorePrependSize(data);
 * const literals = lz4StoredLiterals(stored);
 * assert.deepEqual(literals, data);
 * assert.equal(literals?.buffer, stored.buffer); // a view, not a copy
 * assert.equal(lz4StoredLiterals(lz4CompressPrependSize(data)), null);
 * ```
 */
export function lz4StoredLiterals(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 5) return null;
  const size = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
  // The token's match half is not read: a block's last sequence has no match, and decoders pass
  // over it, so a stored block from another writer may hold any value there.
  let literals = bytes[4] >>> 4;
  let at = 5;
  if (literals === 15) {
    let b: number;
    do {
      if (at >= bytes.length) return null;
      b = bytes[at++];
      literals += b;
    } while (b === 255 && literals <= size);
  }
  return literals === size && bytes.length - at === size ? bytes.subarray(at) : null;
}
