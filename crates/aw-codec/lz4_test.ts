import assert from "node:assert/strict";
import * as lz4js from "lz4js";

const loadLz4Napi = () => import("lz4-napi");
import {
  LZ4_DEFAULT_MAX_SIZE,
  lz4Compress,
  lz4CompressBound,
  lz4CompressPrependSize,
  lz4Decompress,
  lz4DecompressSizePrepended,
  lz4UseBackend,
} from "./lz4.ts";
import { crc32 } from "./crc32.ts";
import { sampleInputs } from "./testdata/lz4_samples.ts";
import { assertCodecError } from "./testdata/assert_codec_error.ts";
import { randomBytes } from "@astraweave/testing/random";
import { saveLikeData } from "@astraweave/testing/save-like";

// These tests are of the TypeScript codec, the fallback: every call stays in TypeScript.
// lz4_wasm_test.ts runs the two WebAssembly backends (the default one among them) through the same
// checks.
lz4UseBackend("typescript");

interface Sequence {
  literals: number;
  /** Output offset where the match starts; -1 for the last, literals-only sequence. */
  matchStart: number;
  matchLength: number;
}

/** Parses a block into its sequences (trusting it: only for blocks our compressor wrote). */
function sequences(block: Uint8Array): Sequence[] {
  const result: Sequence[] = [];
  let p = 0;
  let out = 0;
  const length = (n: number) => {
    if (n !== 15) return n;
    let b;
    do {
      b = block[p++];
      n += b;
    } while (b === 255);
    return n;
  };
  while (true) {
    const token = block[p++];
    const literals = length(token >> 4);
    p += literals;
    out += literals;
    if (p >= block.length) {
      result.push({ literals, matchStart: -1, matchLength: 0 });
      return result;
    }
    p += 2;
    const matchLength = length(token & 15) + 4;
    result.push({ literals, matchStart: out, matchLength });
    out += matchLength;
  }
}

Deno.test("lz4 block: round trips at the edges, raw and size-prepended", () => {
  for (const [name, input] of sampleInputs()) {
    const block = lz4Compress(input);
    assert.ok(block.length <= lz4CompressBound(input.length), name);
    assert.deepEqual(lz4Decompress(block), input, name);
    assert.deepEqual(lz4Decompress(block, { uncompressedSize: input.length }), input, name);
    const prepended = lz4CompressPrependSize(input);
    assert.deepEqual(prepended.subarray(4), block, name);
    assert.equal(new DataView(prepended.buffer).getUint32(0, true), input.length, name);
    assert.deepEqual(lz4DecompressSizePrepended(prepended), input, name);
  }
});

Deno.test("lz4 block: overlapping matches of every period from 1 to 20 bytes", () => {
  // Runs that repeat a short pattern become matches whose offset is below their length: the
  // decoder's word, byte and doubling copies must each repeat the pattern exactly.
  for (let period = 1; period <= 20; period++) {
    for (const runLength of [13, 20, 31, 64, 200]) {
      const pattern = randomBytes(period, period * 1000 + runLength);
      const input = new Uint8Array(20 + runLength + 20);
      input.set(randomBytes(20, runLength));
      for (let i = 0; i < runLength; i++) input[20 + i] = pattern[i % period];
      input.set(randomBytes(20, runLength + 1), 20 + runLength);
      const block = lz4Compress(input);
      if (runLength >= period + 8) {
        assert.ok(sequences(block).length > 1, `period ${period}, run ${runLength}: a match`);
      }
      assert.deepEqual(lz4Decompress(block), input, `period ${period}, run ${runLength}`);
    }
  }
});

Deno.test("lz4 block: 5 MB of save-like data round-trips and compresses", () => {
  const input = saveLikeData(5_000_000, 7);
  const packed = lz4CompressPrependSize(input);
  assert.ok(packed.length < input.length * 0.7, `ratio ${input.length / packed.length}`);
  assert.deepEqual(lz4DecompressSizePrepended(packed), input);
});

Deno.test("lz4 block: compression obeys the end-of-block rules of the block format", () => {
  for (const [name, input] of sampleInputs()) {
    const seqs = sequences(lz4Compress(input));
    const last = seqs[seqs.length - 1];
    assert.equal(last.matchStart, -1, `${name}: ends with literals`);
    if (input.length < 13) {
      assert.equal(seqs.length, 1, `${name}: under 13 bytes, literals only`);
      continue;
    }
    assert.ok(last.literals >= 5, `${name}: the last 5 bytes are literals`);
    for (const s of seqs.slice(0, -1)) {
      assert.ok(s.matchStart <= input.length - 12, `${name}: a match starts 12+ bytes before end`);
      assert.ok(s.matchStart + s.matchLength <= input.length - 5, `${name}: match ends 5+ before`);
    }
  }
  // Highly repetitive data really is compressed to a few long matches.
  const zeros = sequences(lz4Compress(new Uint8Array(1_000_000)));
  assert.ok(zeros.length <= 3, `${zeros.length} sequences for 1 MB of zeros`);
});

Deno.test("lz4 block: the Rust save fixtures decode (header CRC, size prefix, bundle start)", () => {
  const dir = new URL("../../fixtures/aw-save-rust/", import.meta.url);
  const names = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith(".awsv"));
  assert.equal(names.length, 5);
  for (const name of names) {
    const file = Deno.readFileSync(new URL(name, dir));
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    assert.equal(new TextDecoder().decode(file.subarray(0, 4)), "ASVS");
    assert.equal(view.getUint16(4, true), 2, "version");
    assert.equal(file[6], 1, "codec LZ4");
    const data = file.subarray(16);
    assert.equal(view.getUint32(8, true), data.length, "data_len");
    assert.equal(crc32(data), view.getUint32(12, true), "crc32 over data");
    const payload = lz4DecompressSizePrepended(data);
    assert.equal(payload.length, view.getUint32(16, true));
    // postcard(SaveBundleV2) starts with schema 2, then the save id: length 16 and the uuid that
    // the file name carries.
    assert.equal(payload[0], 2, "schema");
    assert.equal(payload[1], 16, "uuid length");
    const uuid = name.slice(-41, -5).replaceAll("-", "");
    const hex = [...payload.subarray(2, 18)].map((b) => b.toString(16).padStart(2, "0")).join("");
    assert.equal(hex, uuid, name);
    const text = new TextDecoder().decode(payload);
    assert.ok(text.includes("test_player"), name);
    if (name.startsWith("slot05")) {
      for (const word of ["Echo Prime", "sword", "potion", "difficulty", "hard", "chapter"]) {
        assert.ok(text.includes(word), `${name} holds ${word}`);
      }
    }
    // Our compressor's output of the same payload reads back the same.
    assert.deepEqual(lz4DecompressSizePrepended(lz4CompressPrependSize(payload)), payload);
  }
});

Deno.test("lz4 block: interop with lz4js's block functions in both directions", () => {
  for (const [name, input] of sampleInputs()) {
    if (input.length === 0) continue; // lz4js's decoder cannot read an empty block's lone token
    const ours = lz4Compress(input);
    const decoded = new Uint8Array(input.length);
    assert.equal(lz4js.decompressBlock(ours, decoded, 0, ours.length, 0), input.length, name);
    assert.deepEqual(decoded, input, name);

    const theirs = new Uint8Array(lz4CompressBound(input.length));
    const size = lz4js.compressBlock(input, theirs, 0, input.length, new Uint32Array(1 << 16));
    if (size === 0) continue; // lz4js gives up on blocks it cannot shrink
    assert.deepEqual(lz4Decompress(theirs.subarray(0, size)), input, name);
  }
});

Deno.test("lz4 block: interop with lz4_flex (lz4-napi) in both directions", async () => {
  const napi = await loadLz4Napi();
  for (const [name, input] of sampleInputs()) {
    const ours = lz4CompressPrependSize(input);
    assert.deepEqual(new Uint8Array(napi.uncompressSync(ours)), input, `lz4_flex reads ${name}`);
    const theirs = new Uint8Array(napi.compressSync(input as Buffer));
    assert.deepEqual(lz4DecompressSizePrepended(theirs), input, `we read lz4_flex's ${name}`);
  }
});

Deno.test("lz4 block: hostile input gives a CodecError with kind and offset", () => {
  const prepended = (size: number, ...block: number[]) =>
    new Uint8Array([size & 255, (size >> 8) & 255, (size >> 16) & 255, size >>> 24, ...block]);
  const a = 0x61;
  // Size prefix shorter than 4 bytes.
  assertCodecError(() => lz4DecompressSizePrepended(new Uint8Array([1, 0])), "truncated", 2);
  // A 4-byte header alone cannot make us allocate: the limit, and what the block can hold.
  assertCodecError(
    () => lz4DecompressSizePrepended(prepended(0xffffffff, 0x00)),
    "size_limit",
    0,
  );
  assertCodecError(
    () => lz4DecompressSizePrepended(prepended(1000, 0x10, a), { maxSize: 2 ** 40 }),
    "malformed",
    0,
  );
  // Empty block, and a block that ends after a match instead of with literals.
  assertCodecError(() => lz4DecompressSizePrepended(prepended(0)), "truncated", 4);
  assertCodecError(() => lz4Decompress(new Uint8Array([0x10, a, 1, 0])), "truncated", 4);
  // Match offset 0, and an offset before the start of the output.
  assertCodecError(() => lz4Decompress(new Uint8Array([0x10, a, 0, 0, 0x00])), "bad_offset", 2);
  assertCodecError(() => lz4Decompress(new Uint8Array([0x10, a, 2, 0, 0x00])), "bad_offset", 2);
  assertCodecError(() => lz4Decompress(new Uint8Array([0x00, 1, 0, 0x00])), "bad_offset", 1);
  // Literals past the end of the input; lengths and offsets cut short.
  assertCodecError(() => lz4Decompress(new Uint8Array([0x50, a, a])), "truncated", 1);
  assertCodecError(() => lz4Decompress(new Uint8Array([0xf0, 255])), "truncated", 2);
  assertCodecError(() => lz4Decompress(new Uint8Array([0x1f, a, 1])), "truncated", 2);
  assertCodecError(() => lz4Decompress(new Uint8Array([0x1f, a, 1, 0])), "truncated", 4);
  // More or less output than declared.
  assertCodecError(
    () => lz4DecompressSizePrepended(prepended(3, 0x50, a, a, a, a, a)),
    "malformed",
    4,
  );
  assertCodecError(() => lz4DecompressSizePrepended(prepended(10, 0x20, a, a)), "malformed", 7);
  // Output beyond the caller's limit when the size is not declared.
  const block = lz4Compress(new Uint8Array(100_000));
  assert.equal(lz4Decompress(block, { maxSize: 100_000 }).length, 100_000);
  assertCodecError(() => lz4Decompress(block, { maxSize: 99_999 }), "size_limit");
  assertCodecError(
    () => lz4Decompress(block, { uncompressedSize: 100_000, maxSize: 99_999 }),
    "size_limit",
    0,
  );
});

Deno.test("lz4 block: the default output limit and option checks", () => {
  assert.equal(LZ4_DEFAULT_MAX_SIZE, 64 * 1024 * 1024);
  const big = lz4CompressPrependSize(new Uint8Array(LZ4_DEFAULT_MAX_SIZE + 1));
  assertCodecError(() => lz4DecompressSizePrepended(big), "size_limit", 0);
  assert.equal(
    lz4DecompressSizePrepended(big, { maxSize: LZ4_DEFAULT_MAX_SIZE + 1 }).length,
    LZ4_DEFAULT_MAX_SIZE + 1,
  );
  assert.throws(() => lz4Decompress(new Uint8Array([0]), { maxSize: -1 }), RangeError);
  assert.throws(() => lz4Decompress(new Uint8Array([0]), { maxSize: 1.5 }), RangeError);
  assert.throws(() => lz4Decompress(new Uint8Array([0]), { uncompressedSize: -2 }), RangeError);
});

Deno.test("lz4 block: compressor state does not leak between calls", () => {
  // The hash table is reused across calls; a stale entry must never become a match.
  const first = randomBytes(50_000, 3);
  const second = randomBytes(50_000, 4);
  second.set(first.subarray(0, 20_000), 30_000);
  lz4Compress(first);
  const block = lz4Compress(second);
  assert.deepEqual(lz4Decompress(block), second);
  for (const s of sequences(block)) {
    if (s.matchStart >= 0) assert.ok(s.matchStart >= 4, "no match before data exists");
  }
});
