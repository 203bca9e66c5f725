/**
 * Optional native acceleration of the size-prefixed LZ4 block functions: lz4_flex (the Rust crate
 * that writes the `.awsv` saves) compiled to a Node-API addon, the npm package `lz4-napi`.
 *
 * Measured on save-like data (crate README): decompression 1.6 to 3.7 times faster than the
 * TypeScript codec at 10 KB and 100 KB and 3 to 6 times at 1 MB, compression up to 3 times;
 * its blocks are byte-identical to what the Rust side writes. It needs `--allow-ffi` and a
 * prebuilt binary for the platform, so it is opt-in, and everything works without it.
 *
 * @module
 */

import { setBlockCodecBackend } from "./lz4.ts";

const view = (buffer: Uint8Array): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/**
 * Makes {@link lz4CompressPrependSize}, {@link lz4Compress} and
 * {@link lz4DecompressSizePrepended} use lz4_flex for inputs of 4 KiB and more (below that, the
 * call into native code costs more than it saves). Declared sizes are still checked against
 * `maxSize` before lz4_flex runs, and input it rejects is decoded again by the TypeScript codec,
 * so errors stay {@link CodecError}s with kind and offset. Frames always use the TypeScript codec.
 *
 * Resolves to false, changing nothing, when the addon cannot be loaded: no FFI permission (it is
 * checked first, so Deno never prompts), or no prebuilt binary for this platform.
 * `lz4UseNative(false)` goes back to the default backend (see `lz4Backend`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lz4CompressPrependSize, lz4DecompressSizePrepended, lz4UseNative } from "@astraweave/codec";
 * const native = await lz4UseNative();
 * assert.equal(typeof native, "boolean"); // true with --allow-ffi, false without
 * const packed = lz4CompressPrependSize(new Uint8Array(100_000));
 * assert.equal(lz4DecompressSizePrepended(packed).length, 100000);
 * await lz4UseNative(false);
 * ```
 */
export async function lz4UseNative(enable = true): Promise<boolean> {
  if (!enable) {
    setBlockCodecBackend(undefined);
    return false;
  }
  if ((await Deno.permissions.query({ name: "ffi" })).state !== "granted") return false;
  let napi: typeof import("lz4-napi");
  try {
    // Imported here, so that importing the codec loads no third-party module.
    napi = await import("lz4-napi");
  } catch {
    return false; // no prebuilt addon for this platform
  }
  setBlockCodecBackend({
    name: "native",
    // Below this the call into native code costs more than it saves.
    minSize: 4096,
    // lz4-napi declares Buffer parameters but reads any Uint8Array.
    compressPrependSize: (bytes) => view(napi.compressSync(bytes as Buffer)),
    decompressSizePrepended: (bytes) => view(napi.uncompressSync(bytes)),
  });
  return true;
}
