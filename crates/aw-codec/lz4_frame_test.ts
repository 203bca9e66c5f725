import assert from "node:assert/strict";
import * as lz4js from "lz4js";
import { lz4FrameCompress, lz4FrameDecompress, type Lz4FrameOptions } from "./lz4_frame.ts";
import { xxhash32 } from "./xxhash32.ts";
import { assertCodecError } from "./testdata/assert_codec_error.ts";
import { randomBytes } from "@astraweave/testing/random";
import { saveLikeData } from "@astraweave/testing/save-like";
import { concat } from "./testdata/concat.ts";

const ascii = (s: string) => new TextEncoder().encode(s);

const inputs: [string, Uint8Array][] = [
  ["empty", new Uint8Array(0)],
  ["1 byte", new Uint8Array([7])],
  ["save-like 300 KB", saveLikeData(300_000, 3)],
  ["incompressible 100 KB", randomBytes(100_000, 5)],
  ["1 MB of zeros", new Uint8Array(1_000_000)],
  ["exactly two 64 KB blocks", saveLikeData(2 * 65536, 4)],
];

const optionSets: Lz4FrameOptions[] = [
  {},
  { independentBlocks: false },
  { blockSize: "256KB", blockChecksums: true },
  { blockSize: "4MB", contentSize: false, contentChecksum: false },
  { blockSize: "1MB", independentBlocks: false, blockChecksums: true, contentSize: false },
];

/** Rewrites a frame's descriptor byte(s) and recomputes the header checksum. */
function patchHeader(frame: Uint8Array, patch: (f: Uint8Array) => void): Uint8Array {
  const copy = frame.slice();
  patch(copy);
  const descriptorEnd = 6 + (copy[4] & 0x08 ? 8 : 0);
  copy[descriptorEnd] = (xxhash32(copy.subarray(4, descriptorEnd)) >>> 8) & 0xff;
  return copy;
}

Deno.test("lz4 frame: round trips with every option", () => {
  for (const [name, input] of inputs) {
    for (const options of optionSets) {
      const frame = lz4FrameCompress(input, options);
      assert.deepEqual(lz4FrameDecompress(frame), input, `${name} ${JSON.stringify(options)}`);
    }
  }
});

Deno.test("lz4 frame: byte-exact known frames (as lz4 1.9.4 writes them)", () => {
  // `printf abc | lz4 -c` and `printf '' | lz4 -c`: FLG 0x64 (version 1, independent blocks,
  // content checksum), BD 0x40 (64 KB), header checksum 0xA7; "abc" stored raw; XXH32 content
  // checksums 0x32D153FF and 0x02CC5D05.
  const abc = [
    0x04,
    0x22,
    0x4d,
    0x18,
    0x64,
    0x40,
    0xa7,
    0x03,
    0x00,
    0x00,
    0x80,
    0x61,
    0x62,
    0x63,
    0x00,
    0x00,
    0x00,
    0x00,
    0xff,
    0x53,
    0xd1,
    0x32,
  ];
  const empty = [0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7, 0, 0, 0, 0, 0x05, 0x5d, 0xcc, 0x02];
  assert.deepEqual([...lz4FrameCompress(ascii("abc"), { contentSize: false })], abc);
  assert.deepEqual([...lz4FrameCompress(new Uint8Array(0), { contentSize: false })], empty);
  assert.deepEqual(lz4FrameDecompress(new Uint8Array(abc)), ascii("abc"));
  assert.deepEqual(lz4FrameDecompress(new Uint8Array(empty)), new Uint8Array(0));
  // With the content size: FLG gains 0x08, the size follows BD.
  const sized = lz4FrameCompress(ascii("abc"));
  assert.equal(sized[4], 0x6c);
  assert.deepEqual([...sized.subarray(6, 14)], [3, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(sized[14], (xxhash32(sized.subarray(4, 14)) >>> 8) & 0xff);
});

Deno.test("lz4 frame: interop with lz4js in both directions", () => {
  for (const [name, input] of inputs) {
    // No block checksums: lz4js 0.2.0 reads a block checksum before the block instead of after.
    const ours = lz4FrameCompress(input);
    assert.deepEqual(new Uint8Array(lz4js.decompress(ours, input.length)), input, name);
    assert.deepEqual(lz4FrameDecompress(lz4js.compress(input)), input, name);
  }
});

/** Runs the `lz4` command; a missing command fails the test with what to install. */
async function lz4Command(args: string[]): Promise<void> {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command("lz4", { args, stdout: "piped", stderr: "piped" }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(
        "the `lz4` command is not installed: these interop tests need Debian's lz4 package " +
          "(apt-get install lz4; .ci/run installs it)",
      );
    }
    throw e;
  }
  if (!output.success) {
    throw new Error(`lz4 ${args.join(" ")} failed: ${new TextDecoder().decode(output.stderr)}`);
  }
}

Deno.test("lz4 frame: the lz4 command reads our frames", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "aw-codec-lz4-" });
  try {
    for (const [name, input] of inputs) {
      for (const [i, options] of optionSets.entries()) {
        const packed = `${dir}/in.lz4`;
        const unpacked = `${dir}/out.bin`;
        Deno.writeFileSync(packed, lz4FrameCompress(input, options));
        await lz4Command(["-d", "-f", "-q", packed, unpacked]);
        assert.deepEqual(Deno.readFileSync(unpacked), input, `${name} with option set ${i}`);
      }
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("lz4 frame: we read the lz4 command's frames, verifying checksums", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "aw-codec-lz4-" });
  const flagSets = [
    [],
    ["-BD", "-B4"],
    ["--content-size", "-BX"],
    ["--no-frame-crc"],
    ["-9", "-BD", "-B4", "-BX"],
    ["-12", "-B5", "--content-size"],
    ["--fast=5"],
  ];
  try {
    for (const [name, input] of inputs) {
      Deno.writeFileSync(`${dir}/in.bin`, input);
      for (const flags of flagSets) {
        await lz4Command([...flags, "-f", "-q", `${dir}/in.bin`, `${dir}/in.lz4`]);
        const frame = Deno.readFileSync(`${dir}/in.lz4`);
        assert.deepEqual(lz4FrameDecompress(frame), input, `${name} with lz4 ${flags.join(" ")}`);
      }
    }
    // Damaged checksums are caught: a block checksum (-BX), the content checksum.
    const input = saveLikeData(200_000, 9);
    Deno.writeFileSync(`${dir}/in.bin`, input);
    await lz4Command(["-BX", "-B4", "-f", "-q", `${dir}/in.bin`, `${dir}/in.lz4`]);
    const frame = Deno.readFileSync(`${dir}/in.lz4`);
    const blockDamaged = frame.slice();
    blockDamaged[20] ^= 0x01; // inside the first block's data
    assertCodecError(() => lz4FrameDecompress(blockDamaged), "checksum_mismatch");
    const contentDamaged = frame.slice();
    contentDamaged[frame.length - 2] ^= 0x80;
    assertCodecError(
      () => lz4FrameDecompress(contentDamaged),
      "checksum_mismatch",
      frame.length - 4,
    );
    // Two files compressed separately and concatenated decode as lz4 -d does: one after another.
    await lz4Command(["-f", "-q", `${dir}/in.bin`, `${dir}/a.lz4`]);
    const twice = concat(Deno.readFileSync(`${dir}/a.lz4`), Deno.readFileSync(`${dir}/a.lz4`));
    assert.deepEqual(lz4FrameDecompress(twice), concat(input, input));
    // The legacy format (lz4 -l) is refused by name.
    await lz4Command(["-l", "-f", "-q", `${dir}/in.bin`, `${dir}/legacy.lz4`]);
    assertCodecError(
      () => lz4FrameDecompress(Deno.readFileSync(`${dir}/legacy.lz4`)),
      "unsupported",
      0,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("lz4 frame: skippable frames are skipped, concatenated frames joined", () => {
  const skippable = new Uint8Array([0x5a, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 9, 9, 9]);
  const a = lz4FrameCompress(ascii("first "));
  const b = lz4FrameCompress(ascii("second"), { independentBlocks: false });
  assert.deepEqual(lz4FrameDecompress(concat(skippable, a, skippable, b)), ascii("first second"));
  assert.deepEqual(lz4FrameDecompress(skippable), new Uint8Array(0));
  assertCodecError(() => lz4FrameDecompress(skippable.subarray(0, 10)), "truncated", 8);
  assertCodecError(() => lz4FrameDecompress(skippable.subarray(0, 6)), "truncated", 4);
  // Bytes after a frame that are not a frame.
  assertCodecError(() => lz4FrameDecompress(concat(a, ascii("junk"))), "bad_magic", a.length);
  assertCodecError(() => lz4FrameDecompress(concat(a, ascii("ju"))), "truncated", a.length);
});

Deno.test("lz4 frame: hostile headers give a CodecError with kind and offset", () => {
  const frame = lz4FrameCompress(ascii("header tests ".repeat(10)), { contentSize: false });
  assertCodecError(() => lz4FrameDecompress(new Uint8Array(0)), "truncated", 0);
  assertCodecError(() => lz4FrameDecompress(frame.subarray(0, 6)), "truncated", 4);
  assertCodecError(() => lz4FrameDecompress(ascii("PK\x03\x04 zip")), "bad_magic", 0);
  const version = patchHeader(frame, (f) => f[4] = (f[4] & 0x3f) | 0x80);
  assertCodecError(() => lz4FrameDecompress(version), "unsupported", 4);
  assertCodecError(
    () => lz4FrameDecompress(patchHeader(frame, (f) => f[4] |= 0x02)),
    "malformed",
    4,
  );
  assertCodecError(
    () => lz4FrameDecompress(patchHeader(frame, (f) => f[4] |= 0x01)),
    "unsupported",
    4,
  );
  assertCodecError(
    () => lz4FrameDecompress(patchHeader(frame, (f) => f[5] |= 0x01)),
    "malformed",
    5,
  );
  assertCodecError(
    () => lz4FrameDecompress(patchHeader(frame, (f) => f[5] = 0x30)),
    "malformed",
    5,
  );
  const badChecksum = frame.slice();
  badChecksum[6] ^= 0xff;
  assertCodecError(() => lz4FrameDecompress(badChecksum), "checksum_mismatch", 6);
});

Deno.test("lz4 frame: hostile sizes and blocks give a CodecError with kind and offset", () => {
  const input = saveLikeData(150_000, 11);
  const sized = lz4FrameCompress(input);
  // A declared content size above the limit fails before anything is allocated.
  assertCodecError(() => lz4FrameDecompress(sized, { maxSize: 149_999 }), "size_limit", 6);
  assert.equal(lz4FrameDecompress(sized, { maxSize: 150_000 }).length, 150_000);
  const huge = patchHeader(sized, (f) => f[13] = 0x7f);
  assertCodecError(
    () => lz4FrameDecompress(huge, { maxSize: Number.MAX_SAFE_INTEGER }),
    "size_limit",
    6,
  );
  // A declared size that the blocks do not match.
  const short = patchHeader(sized, (f) => f[6] -= 1);
  assertCodecError(() => lz4FrameDecompress(short), "malformed");
  const long = patchHeader(sized, (f) => f[6] += 1);
  assertCodecError(() => lz4FrameDecompress(long), "malformed");
  // Without a declared size, the limit applies to what the blocks produce.
  const unsized = lz4FrameCompress(input, { contentSize: false });
  assertCodecError(() => lz4FrameDecompress(unsized, { maxSize: 100_000 }), "size_limit");
  // A block larger than the frame's block maximum (64 KB), and a block cut short.
  const oversized = unsized.slice();
  new DataView(oversized.buffer).setUint32(7, 65537, true);
  assertCodecError(() => lz4FrameDecompress(oversized), "malformed", 7);
  assertCodecError(() => lz4FrameDecompress(unsized.subarray(0, 100)), "truncated", 11);
  assertCodecError(() => lz4FrameDecompress(unsized.subarray(0, 9)), "truncated", 7);
  // The content checksum missing at the end.
  assertCodecError(
    () => lz4FrameDecompress(unsized.subarray(0, unsized.length - 2)),
    "truncated",
    unsized.length - 4,
  );
  // Linked blocks read as independent: the second block's matches reach into the first.
  const linked = lz4FrameCompress(new Uint8Array(200_000), { independentBlocks: false });
  assert.equal(lz4FrameDecompress(linked).length, 200_000);
  assertCodecError(
    () => lz4FrameDecompress(patchHeader(linked, (f) => f[4] |= 0x20)),
    "bad_offset",
  );
});

Deno.test("lz4 frame: option checks", () => {
  assert.throws(
    () => lz4FrameCompress(new Uint8Array(1), { blockSize: "2MB" as "1MB" }),
    RangeError,
  );
  assert.throws(() => lz4FrameDecompress(new Uint8Array(4), { maxSize: -1 }), RangeError);
});
