// The two WebAssembly LZ4 backends, this crate's codec (`wasm/lz4_block.c`, the default) and
// lz4_flex (lz4-wasm-nodejs), through the checks the TypeScript codec passes (lz4_test.ts): round
// trips, interop both ways with the TypeScript codec, lz4js, lz4_flex native and the Rust save
// fixtures, every truncation, and hostile input. The fuzzing is in lz4_fuzz_test.ts.
import assert from "node:assert/strict";
import * as lz4js from "lz4js";
import {
  lz4Backend,
  type Lz4BackendName,
  lz4Compress,
  lz4CompressPrependSize,
  lz4Decompress,
  lz4DecompressSizePrepended,
  lz4UseBackend,
  setBlockCodecBackend,
} from "./lz4.ts";
import { CodecError } from "./error.ts";
import { blockWasmCodec } from "./lz4_block_wasm.ts";
import { lz4FlexWasmCodec } from "./lz4_flex.ts";
import { assertCodecError } from "./testdata/assert_codec_error.ts";
import { firstOffsetAt, sampleInputs } from "./testdata/lz4_samples.ts";
import { saveLikeData } from "@astraweave/testing/save-like";

const loadLz4Napi = () => import("lz4-napi");

type Selectable = Exclude<Lz4BackendName, "native">;

/** `fn`'s result with the backend `name`; the backend in use before is back afterwards. */
function withBackend<T>(name: Selectable, fn: () => T): T {
  const before = lz4Backend() as Selectable;
  assert.ok(lz4UseBackend(name));
  try {
    return fn();
  } finally {
    lz4UseBackend(before);
  }
}

const inTypeScript = <T>(fn: () => T): T => withBackend("typescript", fn);

const backends = [["wasm", blockWasmCodec!], ["lz4_flex_wasm", lz4FlexWasmCodec!]] as const;

Deno.test("lz4 wasm: this crate's codec is the default backend, with no permission needed", async () => {
  assert.equal(lz4Backend(), "wasm");
  assert.ok(blockWasmCodec);
  assert.ok(lz4FlexWasmCodec);
  // A child with no permission at all compresses and decompresses through WebAssembly.
  const code = `
    import { lz4Backend, lz4CompressPrependSize, lz4DecompressSizePrepended } from "${
    new URL("./mod.ts", import.meta.url).href
  }";
    const data = new Uint8Array(50_000).map((_, i) => (i * 7) % 251);
    const back = lz4DecompressSizePrepended(lz4CompressPrependSize(data));
    console.log(lz4Backend(), back.every((b, i) => b === data[i]));`;
  const { code: status, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      "--no-prompt",
      `--config=${new URL("../../deno.json", import.meta.url).pathname}`,
      code,
    ],
  }).output();
  assert.equal(status, 0, new TextDecoder().decode(stderr));
  assert.equal(new TextDecoder().decode(stdout).trim(), "wasm true");
});

for (const [backend, codec] of backends) {
  Deno.test(`lz4 ${backend}: round trips at the edges; small inputs stay in TypeScript`, () =>
    withBackend(backend, () => {
      for (const [name, input] of sampleInputs()) {
        assert.deepEqual(lz4DecompressSizePrepended(lz4CompressPrependSize(input)), input, name);
        assert.deepEqual(lz4Decompress(lz4Compress(input)), input, name);
      }
      // Below minSize the TypeScript compressor runs: its output is the TypeScript codec's.
      const small = saveLikeData(codec.minSize - 1, 3);
      assert.deepEqual(
        lz4CompressPrependSize(small),
        inTypeScript(() => lz4CompressPrependSize(small)),
      );
      const large = saveLikeData(100_000, 3);
      assert.notDeepEqual(
        lz4CompressPrependSize(large),
        inTypeScript(() => lz4CompressPrependSize(large)),
      );
    }));

  Deno.test(`lz4 ${backend}: interop with the TypeScript codec, lz4js and lz4_flex native, both ways`, async () => {
    const napi = await loadLz4Napi();
    withBackend(backend, () => {
      for (const [name, input] of sampleInputs()) {
        const wasm = lz4CompressPrependSize(input);
        const ts = inTypeScript(() => lz4CompressPrependSize(input));
        assert.deepEqual(
          inTypeScript(() => lz4DecompressSizePrepended(wasm)),
          input,
          `TS reads ${backend}'s ${name}`,
        );
        assert.deepEqual(lz4DecompressSizePrepended(ts), input, `${backend} reads TS's ${name}`);
        assert.deepEqual(
          new Uint8Array(napi.uncompressSync(wasm)),
          input,
          `lz4_flex native reads ${backend}'s ${name}`,
        );
        const native = new Uint8Array(napi.compressSync(input as Buffer));
        assert.deepEqual(
          lz4DecompressSizePrepended(native),
          input,
          `${backend} reads lz4_flex native's ${name}`,
        );
        if (input.length === 0) continue; // lz4js cannot read an empty block's lone token
        const decoded = new Uint8Array(input.length);
        const block = wasm.subarray(4);
        assert.equal(lz4js.decompressBlock(block, decoded, 0, block.length, 0), input.length, name);
        assert.deepEqual(decoded, input, `lz4js reads ${backend}'s ${name}`);
      }
    });
  });

  Deno.test(`lz4 ${backend}: the Rust save fixtures' payloads decode as with the TypeScript codec`, () =>
    withBackend(backend, () => {
      const dir = new URL("../../fixtures/aw-save-rust/", import.meta.url);
      for (const entry of Deno.readDirSync(dir)) {
        if (!entry.name.endsWith(".awsv")) continue;
        const data = Deno.readFileSync(new URL(entry.name, dir)).subarray(16);
        const payload = lz4DecompressSizePrepended(data);
        assert.deepEqual(payload, inTypeScript(() => lz4DecompressSizePrepended(data)), entry.name);
        assert.deepEqual(lz4DecompressSizePrepended(lz4CompressPrependSize(payload)), payload);
      }
    }));

  Deno.test(`lz4 ${backend}: every truncation fails with the TypeScript codec's CodecError`, () =>
    withBackend(backend, () => {
      const packed = lz4CompressPrependSize(saveLikeData(20_000, 5));
      for (let end = 0; end < packed.length; end++) {
        const cut = packed.subarray(0, end);
        let expected: CodecError | undefined;
        try {
          inTypeScript(() => lz4DecompressSizePrepended(cut));
        } catch (e) {
          expected = e as CodecError;
        }
        assert.ok(expected instanceof CodecError, `TypeScript rejects the cut at ${end}`);
        const error = assertCodecError(() => lz4DecompressSizePrepended(cut), expected.kind);
        assert.equal(error.offset, expected.offset, `cut at ${end}`);
        assert.equal(error.message, expected.message);
      }
    }));

  Deno.test(`lz4 ${backend}: hostile input: limits before allocation, errors as CodecError`, () =>
    withBackend(backend, () => {
      const packed = lz4CompressPrependSize(saveLikeData(20_000, 23));
      // The declared size is checked before the backend could allocate it.
      assertCodecError(
        () => lz4DecompressSizePrepended(packed, { maxSize: 19_999 }),
        "size_limit",
        0,
      );
      const huge = packed.slice();
      new DataView(huge.buffer).setUint32(0, 0xffffffff, true);
      assertCodecError(
        () => lz4DecompressSizePrepended(huge, { maxSize: 2 ** 40 }),
        "malformed",
        0,
      );
      // The first match offset, right after the first sequence's literals.
      const offsetAt = firstOffsetAt(packed);
      const farOffset = packed.slice();
      farOffset[offsetAt] = 0xff;
      farOffset[offsetAt + 1] = 0xff;
      assertCodecError(() => lz4DecompressSizePrepended(farOffset), "bad_offset", offsetAt);
      const zeroOffset = packed.slice();
      zeroOffset[offsetAt] = 0;
      zeroOffset[offsetAt + 1] = 0;
      assertCodecError(
        () => inTypeScript(() => lz4DecompressSizePrepended(zeroOffset)),
        "bad_offset",
        offsetAt,
      );
      if (backend === "wasm") {
        // The format forbids a match offset of 0: the default codec rejects it as TypeScript does.
        assertCodecError(() => lz4DecompressSizePrepended(zeroOffset), "bad_offset", offsetAt);
      } else {
        // A known difference: lz4_flex 0.9 decodes it as a copy of bytes already written. The
        // output stays within the declared size; only the CRC of a save file can tell.
        assert.equal(lz4DecompressSizePrepended(zeroOffset).length, 20_000);
      }
      // After many rejected inputs the backend still works.
      assert.equal(lz4DecompressSizePrepended(packed).length, 20_000);
      assert.equal(lz4Backend(), backend);
    }));
}

Deno.test("lz4 wasm: the default codec's memory: a size it cannot hold is refused, and a large call is let go", () => {
  const codec = blockWasmCodec!;
  // 4 GiB declared, called directly (the public functions refuse it first): the memory cannot
  // grow that far, the call throws, and the next calls work.
  const bomb = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x10, 0x61]);
  assert.throws(() => codec.decompressSizePrepended(bomb), RangeError);
  const data = saveLikeData(50_000, 31);
  assert.deepEqual(codec.decompressSizePrepended(codec.compressPrependSize(data)), data);
  // 40 MB, past the memory an instance keeps: the next call starts a fresh instance and works.
  const large = new Uint8Array(40_000_000).map((_, i) => (i >> 9) & 0xff);
  assert.deepEqual(codec.decompressSizePrepended(codec.compressPrependSize(large)), large);
  assert.deepEqual(codec.decompressSizePrepended(codec.compressPrependSize(data)), data);
});

Deno.test("lz4 wasm: a trap inside lz4_flex leaves a working backend", () => {
  // 4 GiB declared: lz4_flex's allocation fails and the module traps. The public functions refuse
  // such a size before calling it; called directly, the trap must not break later calls.
  const codec = lz4FlexWasmCodec!;
  const bomb = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x10, 0x61]);
  assert.throws(() => codec.decompressSizePrepended(bomb), WebAssembly.RuntimeError);
  const data = saveLikeData(50_000, 31);
  assert.deepEqual(codec.decompressSizePrepended(codec.compressPrependSize(data)), data);
  assert.deepEqual(
    withBackend("lz4_flex_wasm", () => lz4DecompressSizePrepended(lz4CompressPrependSize(data))),
    data,
  );
});

Deno.test("lz4 wasm: input too large for WebAssembly memory is compressed in TypeScript", () => {
  // A backend whose memory cannot grow, as the default one's cannot past 4 GiB (inputs of about
  // 2 GiB): the compressor falls back to TypeScript; any other error still reaches the caller.
  const data = saveLikeData(5000, 41);
  const outOfMemory = (): Uint8Array => {
    throw new RangeError("WebAssembly.Memory.grow(): Maximum memory size exceeded");
  };
  try {
    setBlockCodecBackend({ ...blockWasmCodec!, compressPrependSize: outOfMemory });
    assert.deepEqual(
      lz4CompressPrependSize(data),
      inTypeScript(() => lz4CompressPrependSize(data)),
    );
    setBlockCodecBackend({
      ...blockWasmCodec!,
      compressPrependSize: () => {
        throw new TypeError("a bug");
      },
    });
    assert.throws(() => lz4CompressPrependSize(data), TypeError);
  } finally {
    setBlockCodecBackend(undefined);
  }
  assert.equal(lz4Backend(), "wasm");
});
