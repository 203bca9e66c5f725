/**
 * CRC32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of `.awsv` save files, as
 * crc32fast and zlib compute it.
 *
 * Backed by `node:zlib`'s native `crc32`, which runs at memory speed; the pure-JS `crc-32` package
 * is the benchmark baseline (see `bench/aw-codec.bench.ts`). Deno has had regressions in its
 * `node:zlib` layer, so `crc32_test.ts` pins known answers.
 *
 * @module
 */

import { crc32 as zlibCrc32 } from "node:zlib";

/**
 * The CRC32 of `bytes`, as an unsigned 32-bit number. Pass the CRC of the bytes before as
 * `previous` to continue a running checksum over data that arrives in pieces.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { crc32 } from "@astraweave/codec";
 * const bytes = new TextEncoder().encode("123456789");
 * assert.equal(crc32(bytes), 0xcbf43926);
 * // In two pieces: the same checksum.
 * assert.equal(crc32(bytes.subarray(4), crc32(bytes.subarray(0, 4))), 0xcbf43926);
 * ```
 */
export function crc32(bytes: Uint8Array, previous = 0): number {
  return zlibCrc32(bytes, previous) >>> 0;
}
