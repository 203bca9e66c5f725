/**
 * Fuzzing the LZ4 decoders with random and mutated input: the block, the size-prepended block in
 * each backend (TypeScript, lz4_flex in WebAssembly, lz4_flex native) and the frame. Every case either decodes (valid
 * input to exactly what was compressed, and never more than the limit) or fails with a
 * CodecError whose offset lies inside the input. Seeded: set AW_CODEC_FUZZ_SEED to rerun a seed
 * that a failure message names.
 */

import assert from "node:assert/strict";
import { CodecError } from "./error.ts";
import {
  lz4Compress,
  lz4CompressPrependSize,
  lz4Decompress,
  type Lz4DecompressOptions,
  lz4DecompressSizePrepended,
  lz4UseBackend,
} from "./lz4.ts";
import { lz4FrameCompress, lz4FrameDecompress } from "./lz4_frame.ts";
import { lz4UseNative } from "./lz4_native.ts";
import { xxhash32 } from "./xxhash32.ts";
import { mulberry32, randomBytes } from "@astraweave/testing/random";
import { saveLikeData } from "@astraweave/testing/save-like";

const CASES = 10_000;
const MAX_SIZE = 256 * 1024;
const SEED = (() => {
  try {
    return Number(Deno.env.get("AW_CODEC_FUZZ_SEED") ?? 0x5eed);
  } catch {
    return 0x5eed; // no --allow-env
  }
})();

// The corpora are compressed by the TypeScript codec; each target picks its decoder's backend.
lz4UseBackend("typescript");

const plainInputs = [
  new Uint8Array(0),
  new Uint8Array([1]),
  new TextEncoder().encode("abcabcabcabcabcabcabcabcabcabc hello hello hello"),
  new Uint8Array(3000),
  randomBytes(300, 1),
  saveLikeData(2000, 2),
  saveLikeData(70_000, 3), // more than one 64 KB frame block
];

type Random = () => number;
const int = (random: Random, n: number) => Math.floor(random() * n);

/** One to four random edits: bit flips, special bytes, truncation, insertion, deletion, copies. */
function mutate(random: Random, input: Uint8Array): Uint8Array {
  let bytes = input.slice();
  const edits = 1 + int(random, 4);
  for (let e = 0; e < edits; e++) {
    const at = int(random, bytes.length + 1);
    switch (int(random, 7)) {
      case 0:
        if (at < bytes.length) bytes[at] ^= 1 << int(random, 8);
        break;
      case 1:
        if (at < bytes.length) bytes[at] = [0, 0xff, 0x0f, 0xf0, 0x80, 1][int(random, 6)];
        break;
      case 2:
        if (at < bytes.length) bytes[at] = int(random, 256);
        break;
      case 3:
        bytes = bytes.slice(0, at);
        break;
      case 4: {
        const inserted = randomBytes(1 + int(random, 8), int(random, 1 << 30));
        const next = new Uint8Array(bytes.length + inserted.length);
        next.set(bytes.subarray(0, at));
        next.set(inserted, at);
        next.set(bytes.subarray(at), at + inserted.length);
        bytes = next;
        break;
      }
      case 5: {
        const end = Math.min(bytes.length, at + 1 + int(random, 16));
        const next = new Uint8Array(bytes.length - (end - at));
        next.set(bytes.subarray(0, at));
        next.set(bytes.subarray(end), at);
        bytes = next;
        break;
      }
      case 6: {
        // Copy a range over another place: plausible-looking but misplaced sequences.
        const from = int(random, bytes.length + 1);
        const n = Math.min(bytes.length - from, bytes.length - at, 1 + int(random, 32));
        if (n > 0) bytes.copyWithin(at, from, from + n);
        break;
      }
    }
  }
  return bytes;
}

/** Fixes a frame's header checksum (when the header is still there) so mutations reach deeper. */
function fixHeaderChecksum(frame: Uint8Array): void {
  if (frame.length < 7) return;
  const end = 6 + (frame[4] & 0x08 ? 8 : 0) + (frame[4] & 0x01 ? 4 : 0);
  if (frame.length > end) frame[end] = (xxhash32(frame.subarray(4, end)) >>> 8) & 0xff;
}

interface Target {
  name: string;
  decode: (bytes: Uint8Array, options: Lz4DecompressOptions) => Uint8Array;
  /** Valid encodings of plainInputs, paired with their content. */
  corpus: [encoded: Uint8Array, plain: Uint8Array][];
  /** Random input shaped for this decoder. */
  random: (random: Random) => Uint8Array;
  /** Adjusts a mutated input (frames: fix the header checksum half the time). */
  after?: (random: Random, bytes: Uint8Array) => void;
  /** The backend of the size-prepended functions (default: TypeScript). */
  backend?: "wasm" | "lz4_flex_wasm" | "native";
  /**
   * Whether every input the backend decodes must decode to the same bytes in TypeScript, and every
   * input it rejects be rejected there too (lz4_flex differs on offset 0, so not for it).
   */
  sameAsTypeScript?: boolean;
}

/** Random bytes behind a u32 size prefix, mostly a plausible one at or above `minSize`. */
function randomPrepended(random: Random, minSize: number): Uint8Array {
  const bytes = randomBytes(4 + int(random, 400), int(random, 1 << 30));
  if (random() < 0.8) new DataView(bytes.buffer).setUint32(0, minSize + int(random, 5000), true);
  return bytes;
}

const targets: Target[] = [
  {
    name: "block",
    decode: lz4Decompress,
    corpus: plainInputs.map((p) => [lz4Compress(p), p]),
    random: (random) => randomBytes(int(random, 400), int(random, 1 << 30)),
  },
  {
    name: "size-prepended block (TypeScript)",
    decode: lz4DecompressSizePrepended,
    corpus: plainInputs.map((p) => [lz4CompressPrependSize(p), p]),
    // Mostly a plausible size, so the block itself gets decoded.
    random: (random) => randomPrepended(random, 0),
  },
  {
    // Inputs of 4 KiB and more, which lz4UseNative hands to lz4_flex.
    name: "size-prepended block (native lz4_flex)",
    decode: lz4DecompressSizePrepended,
    corpus: [
      new Uint8Array(4096),
      randomBytes(5000, 8),
      saveLikeData(10_000, 9),
      saveLikeData(70_000, 10),
    ].map((p) => [lz4CompressPrependSize(p), p]),
    random: (random) => randomPrepended(random, 4096),
    backend: "native",
  },
  ...(["wasm", "lz4_flex_wasm"] as const).map((backend, index): Target => ({
    // Inputs of 1 KiB and more, which the WebAssembly backends take.
    name: `size-prepended block (${backend})`,
    decode: lz4DecompressSizePrepended,
    corpus: [
      new Uint8Array(1024),
      randomBytes(3000, 11 + 4 * index),
      saveLikeData(10_000, 12 + 4 * index),
      saveLikeData(70_000, 13 + 4 * index),
    ].map((p) => [lz4CompressPrependSize(p), p]),
    random: (random) => randomPrepended(random, 1024),
    backend,
    sameAsTypeScript: backend === "wasm",
  })),
  {
    name: "frame",
    decode: lz4FrameDecompress,
    corpus: plainInputs.flatMap((p) =>
      [
        [lz4FrameCompress(p), p],
        [lz4FrameCompress(p, { contentChecksum: false, contentSize: false }), p],
        [lz4FrameCompress(p, { independentBlocks: false, contentChecksum: false }), p],
        [lz4FrameCompress(p, { blockChecksums: true }), p],
      ] as [Uint8Array, Uint8Array][]
    ),
    random: (random) => {
      const bytes = randomBytes(int(random, 400), int(random, 1 << 30));
      if (bytes.length >= 7 && random() < 0.8) {
        new DataView(bytes.buffer).setUint32(0, 0x184d2204, true);
        bytes[4] = 0x40 | (bytes[4] & 0x3c); // version 1, random flags
        bytes[5] = (4 + int(random, 4)) << 4;
        fixHeaderChecksum(bytes);
      }
      return bytes;
    },
    after: (random, bytes) => {
      if (random() < 0.5) fixHeaderChecksum(bytes);
    },
  },
];

const hex = (bytes: Uint8Array) =>
  [...bytes.subarray(0, 64)].map((b) => b.toString(16).padStart(2, "0")).join("") +
  (bytes.length > 64 ? `... (${bytes.length} bytes)` : "");

for (const [index, target] of targets.entries()) {
  Deno.test(`lz4 fuzz: ${target.name} decoder, ${CASES} random and mutated inputs`, async () => {
    if (target.backend === "native") {
      assert.ok(await lz4UseNative(), "lz4-napi loads (needs --allow-ffi)");
    } else {
      assert.ok(lz4UseBackend(target.backend ?? "typescript"));
    }
    try {
      fuzz(target, SEED + index);
    } finally {
      await lz4UseNative(false);
      lz4UseBackend("typescript");
    }
  });
}

/** What the TypeScript codec makes of `input`: its output, or its error. */
function inTypeScript(target: Target, input: Uint8Array): Uint8Array | CodecError {
  lz4UseBackend("typescript");
  try {
    return target.decode(input, { maxSize: MAX_SIZE });
  } catch (e) {
    return e as CodecError;
  } finally {
    lz4UseBackend(target.backend as "wasm");
  }
}

function fuzz(target: Target, seed: number): void {
  const random = mulberry32(seed);
  const outcomes = { valid: 0, decoded: 0, rejected: 0 };
  for (let i = 0; i < CASES; i++) {
    const kind = random();
    let input: Uint8Array;
    let expected: Uint8Array | undefined;
    if (kind < 0.1) {
      [input, expected] = target.corpus[int(random, target.corpus.length)];
    } else if (kind < 0.4) {
      input = target.random(random);
    } else {
      input = mutate(random, target.corpus[int(random, target.corpus.length)][0]);
      target.after?.(random, input);
    }
    const where = `case ${i}, AW_CODEC_FUZZ_SEED=${SEED}: input ${hex(input)}`;
    const reference = target.sameAsTypeScript ? inTypeScript(target, input) : undefined;
    try {
      const output = target.decode(input, { maxSize: MAX_SIZE });
      assert.ok(output.length <= MAX_SIZE, `output above the limit; ${where}`);
      if (reference !== undefined) {
        assert.ok(reference instanceof Uint8Array, `TypeScript rejects what decoded; ${where}`);
        assert.deepEqual(output, reference, `TypeScript decodes otherwise; ${where}`);
      }
      if (expected) {
        assert.deepEqual(output, expected, `valid input must round-trip; ${where}`);
        outcomes.valid++;
      } else {
        outcomes.decoded++;
      }
    } catch (e) {
      if (!(e instanceof CodecError)) {
        throw new Error(`not a CodecError: ${e}; ${where}`, { cause: e });
      }
      assert.ok(expected === undefined, `valid input rejected: ${e.message}; ${where}`);
      if (reference !== undefined) {
        assert.ok(reference instanceof CodecError, `TypeScript decodes what failed; ${where}`);
        assert.equal(e.kind, reference.kind, where);
      }
      assert.ok(
        Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= input.length,
        `offset ${e.offset} outside the input: ${e.message}; ${where}`,
      );
      outcomes.rejected++;
    }
  }
  // The mix must exercise both outcomes, or the fuzzer is not reaching the decoder.
  assert.ok(outcomes.valid > CASES * 0.05, JSON.stringify(outcomes));
  assert.ok(outcomes.rejected > CASES * 0.3, JSON.stringify(outcomes));
}
