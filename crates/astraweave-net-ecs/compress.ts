/**
 * Payload compression: LZ4 (aw-codec's block with a u32 size prefix) on snapshot payloads above a
 * size threshold, kept only when it actually saves bytes. Small deltas stay raw: LZ4 cannot
 * shrink a few dozen bytes of varints, and trying costs time on every client every tick.
 *
 * @module
 */

import { lz4CompressPrependSize, lz4DecompressSizePrepended } from "@astraweave/codec";

/** Payloads below this many bytes are sent raw (default of the server's `compressThreshold`). */
export const DEFAULT_COMPRESS_THRESHOLD = 128;

/** A payload as it goes on the wire. */
export interface WirePayload {
  /** The payload as sent. */
  bytes: Uint8Array;
  /** Whether `bytes` is LZ4-compressed (with a size prefix). */
  compressed: boolean;
}

/**
 * Compresses `raw` when it is at least `threshold` bytes and LZ4 makes it smaller. `raw` is
 * returned as is otherwise (so copy it if its buffer is reused).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compressPayload, decompressPayload } from "@astraweave/net-ecs";
 * const raw = new Uint8Array(1000).fill(7);
 * const wire = compressPayload(raw, 128);
 * assert.equal(wire.compressed, true);
 * assert.ok(wire.bytes.length < 100);
 * assert.deepEqual(decompressPayload(wire.bytes, true, 4096), raw);
 * ```
 */
export function compressPayload(raw: Uint8Array, threshold: number): WirePayload {
  if (raw.length < threshold) return { bytes: raw, compressed: false };
  const packed = lz4CompressPrependSize(raw);
  return packed.length < raw.length
    ? { bytes: packed, compressed: true }
    : { bytes: raw, compressed: false };
}

/**
 * The raw payload of a wire payload: decompressed (refusing to produce more than `maxSize` bytes,
 * a `size_limit` CodecError) when `compressed`, the bytes themselves otherwise.
 */
export function decompressPayload(
  bytes: Uint8Array,
  compressed: boolean,
  maxSize: number,
): Uint8Array {
  return compressed ? lz4DecompressSizePrepended(bytes, { maxSize }) : bytes;
}
