/**
 * The LZ4 frame format (spec v1.6.x): what the `lz4` command-line tool reads and writes. A frame
 * is magic 0x184D2204, a descriptor (FLG, BD, optional content size) with a one-byte header
 * checksum, data blocks (each compressed, or stored raw with the size's high bit set, optionally
 * followed by an XXH32 block checksum), an end mark, and an optional XXH32 content checksum.
 * Skippable frames (magic 0x184D2A50 to 0x184D2A5F) are skipped; concatenated frames decode to
 * their concatenated contents, as `lz4 -d` does.
 *
 * Not supported (a `CodecError` of kind `unsupported`): dictionary ids and the legacy format of
 * `lz4 -l`.
 *
 * @module
 */

import { CodecError } from "./error.ts";
import { xxhash32 } from "./xxhash32.ts";
import {
  compressBlockInto,
  decodeBlockInto,
  LZ4_MAX_INPUT_SIZE,
  lz4CompressBound,
  type Lz4DecompressOptions,
  OUTPUT_FULL,
  overflowOffset,
  reserveHashBase,
  resolveMaxSize,
} from "./lz4.ts";

/** The magic number that starts every LZ4 frame. */
export const LZ4_FRAME_MAGIC = 0x184d2204;
const SKIPPABLE_MAGIC = 0x184d2a50;
const LEGACY_MAGIC = 0x184c2102;
const UNCOMPRESSED_BIT = 0x80000000;
const MAX_EXPANSION = 255;

/** The maximum block size of a frame; the `lz4` tool's `-B4` to `-B7`. */
export type Lz4FrameBlockSize = "64KB" | "256KB" | "1MB" | "4MB";

const BLOCK_SIZE_IDS: Record<Lz4FrameBlockSize, number> = {
  "64KB": 4,
  "256KB": 5,
  "1MB": 6,
  "4MB": 7,
};
/** Block size id 4..7 → 64 KiB, 256 KiB, 1 MiB, 4 MiB. */
const blockMaxBytes = (id: number): number => 1 << (8 + 2 * id);

/** Options of {@link lz4FrameCompress}. */
export interface Lz4FrameOptions {
  /** Maximum block size (default "64KB", as lz4_flex; the `lz4` tool's default is "4MB"). */
  blockSize?: Lz4FrameBlockSize;
  /**
   * Independent blocks (default true). False links blocks: a block's matches may reach into
   * the 64 KiB before it, which compresses small blocks better (`lz4 -BD`).
   */
  independentBlocks?: boolean;
  /** An XXH32 checksum after each block (default false; `lz4 -BX`). */
  blockChecksums?: boolean;
  /** An XXH32 checksum of the whole content (default true; `lz4 --no-frame-crc` turns it off). */
  contentChecksum?: boolean;
  /** The content size in the header (default true; `lz4 --content-size`). */
  contentSize?: boolean;
}

const u32 = (b: Uint8Array, i: number): number =>
  (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

function putU32(b: Uint8Array, i: number, v: number): void {
  b[i] = v & 0xff;
  b[i + 1] = (v >>> 8) & 0xff;
  b[i + 2] = (v >>> 16) & 0xff;
  b[i + 3] = v >>> 24;
}

/** The header checksum: the second byte of the XXH32 of the descriptor. */
const headerChecksum = (descriptor: Uint8Array): number => (xxhash32(descriptor) >>> 8) & 0xff;

/**
 * Compresses `bytes` into one LZ4 frame that the `lz4` command-line tool (and every LZ4 frame
 * decoder) reads.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lz4FrameCompress, lz4FrameDecompress } from "@astraweave/codec";
 * const text = new TextEncoder().encode("frame ".repeat(100));
 * const frame = lz4FrameCompress(text, { blockChecksums: true });
 * assert.deepEqual(frame.subarray(0, 4), new Uint8Array([4, 34, 77, 24]));
 * assert.equal(new TextDecoder().decode(lz4FrameDecompress(frame)), "frame ".repeat(100));
 * ```
 */
export function lz4FrameCompress(bytes: Uint8Array, options: Lz4FrameOptions = {}): Uint8Array {
  const blockSizeId = BLOCK_SIZE_IDS[options.blockSize ?? "64KB"];
  if (blockSizeId === undefined) {
    throw new RangeError(`blockSize must be 64KB, 256KB, 1MB or 4MB, got ${options.blockSize}`);
  }
  const independent = options.independentBlocks ?? true;
  const blockChecksums = options.blockChecksums ?? false;
  const contentChecksum = options.contentChecksum ?? true;
  const contentSize = options.contentSize ?? true;
  const length = bytes.length;
  if (length > LZ4_MAX_INPUT_SIZE) {
    throw new CodecError("invalid_value", `LZ4 frame input of ${length} bytes is too large`, -1);
  }

  const blockMax = blockMaxBytes(blockSizeId);
  // Header (at most 15 bytes), then per block a size, room for its compressed form even when it
  // ends up stored raw, and a checksum; then the end mark and the content checksum.
  const fullBlocks = Math.floor(length / blockMax);
  const rest = length - fullBlocks * blockMax;
  const dst = new Uint8Array(
    15 + fullBlocks * (8 + lz4CompressBound(blockMax)) + (rest ? 8 + lz4CompressBound(rest) : 0) +
      8,
  );

  putU32(dst, 0, LZ4_FRAME_MAGIC);
  dst[4] = 0x40 | (independent ? 0x20 : 0) | (blockChecksums ? 0x10 : 0) |
    (contentSize ? 0x08 : 0) | (contentChecksum ? 0x04 : 0);
  dst[5] = blockSizeId << 4;
  let pos = 6;
  if (contentSize) {
    putU32(dst, 6, length >>> 0);
    putU32(dst, 10, Math.floor(length / 0x100000000));
    pos = 14;
  }
  dst[pos] = headerChecksum(dst.subarray(4, pos));
  pos++;

  const base = reserveHashBase(length);
  for (let start = 0; start < length; start += blockMax) {
    const end = Math.min(length, start + blockMax);
    const dataStart = pos + 4;
    // Linked blocks may match anywhere behind (the compressor keeps offsets within 64 KiB).
    const compressedEnd = compressBlockInto(
      bytes,
      start,
      end,
      independent ? start : 0,
      dst,
      dataStart,
      base,
    );
    let size = compressedEnd - dataStart;
    if (size >= end - start) {
      // Incompressible: store the block raw, flagged by the size's high bit.
      size = end - start;
      dst.set(bytes.subarray(start, end), dataStart);
      putU32(dst, pos, (size | UNCOMPRESSED_BIT) >>> 0);
    } else {
      putU32(dst, pos, size);
    }
    pos = dataStart + size;
    if (blockChecksums) {
      putU32(dst, pos, xxhash32(dst.subarray(dataStart, pos)));
      pos += 4;
    }
  }
  putU32(dst, pos, 0); // end mark
  pos += 4;
  if (contentChecksum) {
    putU32(dst, pos, xxhash32(bytes));
    pos += 4;
  }
  return dst.slice(0, pos);
}

/** The decoder's output: a buffer that grows by doubling, up to the caller's limit. */
class Output {
  buf: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }
  /** Makes the capacity at least `needed` (which the caller has checked against the limit). */
  ensure(needed: number, maxSize: number): void {
    if (needed <= this.buf.length) return;
    const next = new Uint8Array(Math.min(maxSize, Math.max(needed, this.buf.length * 2)));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
}

function truncated(what: string, offset: number): CodecError {
  return new CodecError("truncated", `LZ4 frame input ends inside ${what}`, offset);
}

/**
 * Decodes the frame at `pos` (its magic already checked) into `out`; returns where the input
 * after the frame starts.
 */
function decodeFrame(src: Uint8Array, pos: number, out: Output, maxSize: number): number {
  pos += 4;
  if (src.length - pos < 3) throw truncated("the frame descriptor", pos);
  const descriptorStart = pos;
  const flg = src[pos];
  const bd = src[pos + 1];
  if (flg >>> 6 !== 1) {
    throw new CodecError("unsupported", `LZ4 frame version ${flg >>> 6} (only 1 exists)`, pos);
  }
  if (flg & 0x02) throw new CodecError("malformed", "LZ4 frame FLG reserved bit is set", pos);
  if (flg & 0x01) {
    throw new CodecError("unsupported", "LZ4 frame needs a dictionary (dictionary id set)", pos);
  }
  if (bd & 0x8f) throw new CodecError("malformed", "LZ4 frame BD reserved bits are set", pos + 1);
  const blockSizeId = (bd >>> 4) & 7;
  if (blockSizeId < 4) {
    throw new CodecError(
      "malformed",
      `LZ4 frame block size id ${blockSizeId} (valid: 4 to 7)`,
      pos + 1,
    );
  }
  const blockMax = blockMaxBytes(blockSizeId);
  const independent = (flg & 0x20) !== 0;
  const blockChecksums = (flg & 0x10) !== 0;
  const hasContentSize = (flg & 0x08) !== 0;
  const contentChecksum = (flg & 0x04) !== 0;
  pos += 2;

  const frameStart = out.length;
  // Where this frame's output must end: its declared size, or the caller's limit.
  let limit = maxSize;
  let contentSize = -1;
  if (hasContentSize) {
    if (src.length - pos < 9) throw truncated("the content size", pos);
    const high = u32(src, pos + 4);
    contentSize = u32(src, pos) + high * 0x100000000;
    if (high >= 0x200000 || contentSize > maxSize - frameStart) {
      throw new CodecError(
        "size_limit",
        `LZ4 frame content size ${contentSize} exceeds the limit of ${maxSize} bytes`,
        pos,
      );
    }
    limit = frameStart + contentSize;
    pos += 8;
  }
  const expected = headerChecksum(src.subarray(descriptorStart, pos));
  if (src[pos] !== expected) {
    throw new CodecError(
      "checksum_mismatch",
      `LZ4 frame header checksum 0x${src[pos].toString(16)}, expected 0x${expected.toString(16)}`,
      pos,
    );
  }
  pos++;
  if (hasContentSize) {
    // Allocate the declared size at once, but never more than the rest of the input could
    // decode to: a forged header alone cannot make us allocate.
    out.ensure(frameStart + Math.min(contentSize, (src.length - pos) * MAX_EXPANSION), maxSize);
  }

  while (true) {
    if (src.length - pos < 4) throw truncated("a block size", pos);
    const sizeAt = pos;
    const word = u32(src, pos);
    pos += 4;
    const size = word & 0x7fffffff;
    // 0 is the end mark; the reference decoder also ends on a size of 0 with the high bit set.
    if (size === 0) break;
    if (size > blockMax) {
      throw new CodecError(
        "malformed",
        `LZ4 frame block of ${size} bytes exceeds the frame's block maximum of ${blockMax}`,
        sizeAt,
      );
    }
    if (src.length - pos < size + (blockChecksums ? 4 : 0)) throw truncated("a block", pos);
    if (blockChecksums) {
      const stored = u32(src, pos + size);
      const actual = xxhash32(src.subarray(pos, pos + size));
      if (stored !== actual) {
        throw new CodecError(
          "checksum_mismatch",
          `LZ4 block checksum 0x${stored.toString(16)}, computed 0x${actual.toString(16)}`,
          pos + size,
        );
      }
    }
    const dStart = out.length;
    if (word & UNCOMPRESSED_BIT) {
      if (size > limit - dStart) throw overLimit(hasContentSize, contentSize, maxSize, sizeAt);
      out.ensure(dStart + size, maxSize);
      out.buf.set(src.subarray(pos, pos + size), dStart);
      out.length = dStart + size;
    } else {
      const blockLimit = Math.min(blockMax, size * MAX_EXPANSION);
      const room = Math.min(blockLimit, limit - dStart);
      out.ensure(dStart + room, maxSize);
      const end = decodeBlockInto(
        src,
        pos,
        pos + size,
        out.buf,
        dStart,
        dStart + room,
        independent ? dStart : frameStart,
      );
      if (end === OUTPUT_FULL) {
        if (room === blockLimit) {
          throw new CodecError(
            "malformed",
            `LZ4 frame block decodes to more than the block maximum of ${blockMax} bytes`,
            overflowOffset,
          );
        }
        throw overLimit(hasContentSize, contentSize, maxSize, overflowOffset);
      }
      out.length = end;
    }
    pos += size + (blockChecksums ? 4 : 0);
  }

  if (hasContentSize && out.length - frameStart !== contentSize) {
    throw new CodecError(
      "malformed",
      `LZ4 frame content is ${out.length - frameStart} bytes, its header declares ${contentSize}`,
      pos - 4,
    );
  }
  if (contentChecksum) {
    if (src.length - pos < 4) throw truncated("the content checksum", pos);
    const stored = u32(src, pos);
    const actual = xxhash32(out.buf.subarray(frameStart, out.length));
    if (stored !== actual) {
      throw new CodecError(
        "checksum_mismatch",
        `LZ4 content checksum 0x${stored.toString(16)}, computed 0x${actual.toString(16)}`,
        pos,
      );
    }
    pos += 4;
  }
  return pos;
}

function overLimit(
  hasContentSize: boolean,
  contentSize: number,
  maxSize: number,
  offset: number,
): CodecError {
  return hasContentSize
    ? new CodecError(
      "malformed",
      `LZ4 frame content is larger than its declared ${contentSize} bytes`,
      offset,
    )
    : new CodecError(
      "size_limit",
      `LZ4 frame content exceeds the limit of ${maxSize} bytes`,
      offset,
    );
}

/**
 * Decompresses LZ4 frames (as the `lz4` tool writes them): every frame in `bytes`, one after
 * another, with skippable frames skipped. Header, block and content checksums are verified when
 * present; output is limited to `maxSize` bytes (default 64 MiB).
 *
 * @throws {CodecError} on malformed input, a checksum mismatch (`checksum_mismatch`), output
 * beyond `maxSize` (`size_limit`), or a feature this codec lacks (`unsupported`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CodecError, lz4FrameCompress, lz4FrameDecompress } from "@astraweave/codec";
 * const frame = lz4FrameCompress(new TextEncoder().encode("hello, frame"));
 * assert.equal(new TextDecoder().decode(lz4FrameDecompress(frame)), "hello, frame");
 * frame[frame.length - 1] ^= 1; // damage the content checksum
 * assert.throws(
 *   () => lz4FrameDecompress(frame),
 *   (e) => e instanceof CodecError && e.kind === "checksum_mismatch",
 * );
 * ```
 */
export function lz4FrameDecompress(bytes: Uint8Array, options?: Lz4DecompressOptions): Uint8Array {
  const maxSize = resolveMaxSize(options);
  if (bytes.length < 4) throw truncated("the magic number", 0);
  // Capacity comes with the first frame: its exact content size when declared.
  const out = new Output(0);
  let pos = 0;
  while (pos < bytes.length) {
    if (bytes.length - pos < 4) throw truncated("the magic number", pos);
    const magic = u32(bytes, pos);
    if (magic === LZ4_FRAME_MAGIC) {
      pos = decodeFrame(bytes, pos, out, maxSize);
    } else if (((magic & 0xfffffff0) >>> 0) === SKIPPABLE_MAGIC) {
      if (bytes.length - pos < 8) throw truncated("a skippable frame's size", pos + 4);
      const size = u32(bytes, pos + 4);
      if (size > bytes.length - pos - 8) throw truncated("a skippable frame", pos + 8);
      pos += 8 + size;
    } else if (magic === LEGACY_MAGIC) {
      throw new CodecError("unsupported", "LZ4 legacy frame format (lz4 -l)", pos);
    } else {
      throw new CodecError(
        "bad_magic",
        `0x${magic.toString(16).padStart(8, "0")} is not an LZ4 frame magic number`,
        pos,
      );
    }
  }
  return out.length === out.buf.length ? out.buf : out.buf.slice(0, out.length);
}
