import assert from "node:assert/strict";
const loadLz4Napi = () => import("lz4-napi");
import {
  lz4Compress,
  lz4CompressPrependSize,
  lz4Decompress,
  lz4DecompressSizePrepended,
  lz4UseBackend,
} from "./lz4.ts";
import { lz4UseNative } from "./lz4_native.ts";
import { assertCodecError } from "./testdata/assert_codec_error.ts";
import { firstOffsetAt } from "./testdata/lz4_samples.ts";
import { randomBytes } from "@astraweave/testing/random";
import { saveLikeData } from "@astraweave/testing/save-like";

// Compared with the TypeScript codec: outside withNative, every call stays in TypeScript.
lz4UseBackend("typescript");

/** Runs `fn` with lz4_flex enabled, and always switches it off again. */
async function withNative(fn: () => void | Promise<void>): Promise<void> {
  assert.equal(await lz4UseNative(), true, "lz4-napi loads (needs --allow-ffi)");
  try {
    await fn();
  } finally {
    assert.equal(await lz4UseNative(false), false);
    lz4UseBackend("typescript");
  }
}

Deno.test("lz4 native: 4 KiB and more goes through lz4_flex, byte for byte", async () => {
  const napi = await loadLz4Napi();
  const input = saveLikeData(100_000, 21);
  const flex = new Uint8Array(napi.compressSync(input as Buffer));
  const typescript = lz4CompressPrependSize(input);
  assert.notDeepEqual(
    typescript,
    flex,
    "the two compressors differ, so the check below means something",
  );
  await withNative(() => {
    assert.deepEqual(lz4CompressPrependSize(input), flex);
    assert.deepEqual(lz4Compress(input), flex.subarray(4));
    assert.deepEqual(lz4DecompressSizePrepended(typescript), input);
    assert.deepEqual(lz4Decompress(flex.subarray(4)), input);
    // Small inputs stay in TypeScript, where the native call would cost more than it saves.
    const small = saveLikeData(1000, 22);
    assert.deepEqual(
      lz4CompressPrependSize(small),
      (() => {
        const ts = lz4Compress(small);
        const out = new Uint8Array(ts.length + 4);
        new DataView(out.buffer).setUint32(0, small.length, true);
        out.set(ts, 4);
        return out;
      })(),
    );
  });
  assert.deepEqual(lz4CompressPrependSize(input), typescript, "switched off again");
});

Deno.test("lz4 native: round trips, including incompressible and repetitive input", async () => {
  await withNative(() => {
    for (const input of [new Uint8Array(0), randomBytes(50_000, 2), new Uint8Array(1 << 20)]) {
      assert.deepEqual(lz4DecompressSizePrepended(lz4CompressPrependSize(input)), input);
    }
    // Views into larger buffers, as aw-save passes the data after a file's 16-byte header.
    const input = saveLikeData(30_000, 24);
    const file = new Uint8Array(input.length + 32);
    file.set(input, 16);
    const packed = lz4CompressPrependSize(file.subarray(16, 16 + input.length));
    const saved = new Uint8Array(packed.length + 16);
    saved.set(packed, 16);
    assert.deepEqual(lz4DecompressSizePrepended(saved.subarray(16)), input);
  });
});

Deno.test("lz4 native: hostile input still gives the TypeScript codec's CodecError", async () => {
  const packed = lz4CompressPrependSize(saveLikeData(20_000, 23));
  // The first match offset, right after the first sequence's literals: make it 0, then too far.
  const offsetAt = firstOffsetAt(packed);
  const zeroOffset = packed.slice();
  zeroOffset[offsetAt] = 0;
  zeroOffset[offsetAt + 1] = 0;
  const farOffset = packed.slice();
  farOffset[offsetAt] = 0xff;
  farOffset[offsetAt + 1] = 0xff;
  const truncated = packed.subarray(0, packed.length - 100);
  const expectations: [Uint8Array, "bad_offset" | "truncated" | "size_limit", number][] = [
    [zeroOffset, "bad_offset", offsetAt],
    [farOffset, "bad_offset", offsetAt],
  ];
  const expected = expectations.map(([bytes, kind, offset]) =>
    assertCodecError(() => lz4DecompressSizePrepended(bytes), kind, offset).message
  );
  const truncatedError = assertCodecError(() => lz4DecompressSizePrepended(truncated), "truncated");
  await withNative(() => {
    expectations.forEach(([bytes, kind, offset], i) => {
      const error = assertCodecError(() => lz4DecompressSizePrepended(bytes), kind, offset);
      assert.equal(error.message, expected[i]);
    });
    const error = assertCodecError(() => lz4DecompressSizePrepended(truncated), "truncated");
    assert.equal(error.offset, truncatedError.offset);
    // The limit is checked before lz4_flex could allocate.
    assertCodecError(
      () => lz4DecompressSizePrepended(packed, { maxSize: 19_999 }),
      "size_limit",
      0,
    );
  });
});
