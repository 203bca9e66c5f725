/**
 * LZ4 block format: compression and bounds-checked decompression, and the size-prefixed variant
 * that lz4_flex's `compress_prepend_size` / `decompress_size_prepended` use (a u32 little-endian
 * uncompressed size, then one block). The Rust save files (`.awsv`) carry their payload this way.
 *
 * Three implementations of the size-prefixed functions, chosen with {@link lz4UseBackend}: this
 * crate's block codec in C compiled to WebAssembly (`lz4_block_wasm.ts`, the default: synchronous,
 * no permission, the fastest of the candidates measured, see the crate README), lz4_flex compiled
 * to WebAssembly (`lz4_flex.ts`), and this hand-written TypeScript codec, the fallback, and the
 * only decoder of blocks without a size prefix and of frames. `lz4UseNative()` (`lz4_native.ts`)
 * hands them to lz4_flex as a native addon where `--allow-ffi` is granted. Whatever the backend,
 * sizes and limits are checked here first, and input a backend rejects is decoded again here, so
 * every error keeps its kind and offset.
 *
 * Decompression never trusts the input: every literal run and match is checked against the input
 * and output bounds, a match offset of 0 or before the start of the output is an error, and output
 * is limited by the caller (`maxSize`, default {@link LZ4_DEFAULT_MAX_SIZE}). Every failure is a
 * {@link CodecError} with its kind and byte offset. (One difference of the lz4_flex backends:
 * lz4_flex 0.9 decodes a match offset of 0 as a copy of bytes already written, within the declared
 * size, where this codec and the default one say `bad_offset`.)
 *
 * @module
 */

import { CodecError } from "./error.ts";
import { blockWasmCodec } from "./lz4_block_wasm.ts";
import { lz4FlexWasmCodec } from "./lz4_flex.ts";

/** The default output limit of every LZ4 decoder here: 64 MiB. */
export const LZ4_DEFAULT_MAX_SIZE = 64 * 1024 * 1024;

/** The largest input the compressor takes (the reference's LZ4_MAX_INPUT_SIZE). */
export const LZ4_MAX_INPUT_SIZE = 0x7e000000;

const MIN_MATCH = 4;
/** The last 5 bytes of a block are always literals (block format spec, "end of block"). */
const LAST_LITERALS = 5;
/** The last match must start at least 12 bytes before the end of the block. */
const MF_LIMIT = 12;
const MAX_OFFSET = 65535;
/** Runs at least this long are copied with `set`/`copyWithin`; shorter ones byte by byte. */
const BULK_COPY = 32;

/** A compressed block can expand at most 255 times: one 0xFF length byte adds 255 output bytes. */
const MAX_EXPANSION = 255;

const HASH_LOG = 13;
const HASH_SHIFT = 32 - HASH_LOG;
/** After 2^6 failed probes, the match search starts skipping ahead (the reference's skip trigger). */
const SKIP_TRIGGER = 6;

/**
 * Positions of recently seen 4-byte sequences, stored as `base + position`. Each compression
 * reserves a fresh range of bases (see {@link reserveHashBase}), so entries left by earlier calls
 * fall below the current base and read as "no candidate": the table is never cleared per call,
 * which would cost more than compressing a small input.
 */
const hashTable = new Int32Array(1 << HASH_LOG);
let nextHashBase = 1;

/** Reserves `length` positions of the hash table's base range for one compression. */
export function reserveHashBase(length: number): number {
  if (nextHashBase + length >= 0x7fffffff) {
    hashTable.fill(0);
    nextHashBase = 1;
  }
  const base = nextHashBase;
  nextHashBase += length;
  return base;
}

/**
 * The largest compressed size of `length` input bytes (the reference's LZ4_COMPRESSBOUND): what
 * incompressible data takes as one literal run.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lz4CompressBound } from "@astraweave/codec";
 * assert.equal(lz4CompressBound(1000), 1019);
 * ```
 */
export function lz4CompressBound(length: number): number {
  return length + Math.floor(length / 255) + 16;
}

/** Writes the extra bytes of a length that did not fit its 4-bit token field. */
function writeLengthTail(dst: Uint8Array, dPos: number, rest: number): number {
  for (; rest >= 255; rest -= 255) dst[dPos++] = 255;
  dst[dPos++] = rest;
  return dPos;
}

/** Copies `src[from, to)` to `dst` at `dPos`; returns the new `dPos`. */
function copyLiterals(
  src: Uint8Array,
  from: number,
  to: number,
  dst: Uint8Array,
  dPos: number,
): number {
  if (to - from < BULK_COPY) {
    while (from < to) dst[dPos++] = src[from++];
    return dPos;
  }
  dst.set(src.subarray(from, to), dPos);
  return dPos + (to - from);
}

/**
 * Compresses `src[start, end)` as one LZ4 block into `dst` at `dPos` and returns the end of what it
 * wrote. Matches may reach back to `windowStart` (the block start for an independent block,
 * earlier for the linked blocks of a frame). `dst` needs {@link lz4CompressBound} bytes of room.
 * `base` comes from {@link reserveHashBase} and is shared by the blocks of one frame.
 */
export function compressBlockInto(
  src: Uint8Array,
  start: number,
  end: number,
  windowStart: number,
  dst: Uint8Array,
  dPos: number,
  base: number,
): number {
  const table = hashTable;
  // 4-byte loads through a DataView: faster than four byte loads and shifts.
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  let anchor = start;
  // Blocks under 13 bytes cannot hold a match that respects the end-of-block rules.
  if (end - start > MF_LIMIT) {
    const matchLimit = end - LAST_LITERALS;
    const lastMatchStart = end - MF_LIMIT;
    let ip = start;
    while (true) {
      // Find a 4-byte match; after many misses, step further each probe (incompressible data
      // then costs little).
      let ref = 0;
      let probes = 1 << SKIP_TRIGGER;
      while (ip <= lastMatchStart) {
        const seq = view.getInt32(ip, true);
        const h = Math.imul(seq, 0x9e3779b1) >>> HASH_SHIFT;
        ref = table[h] - base;
        table[h] = base + ip;
        if (ref >= windowStart && ip - ref <= MAX_OFFSET && view.getInt32(ref, true) === seq) break;
        ip += probes++ >> SKIP_TRIGGER;
      }
      if (ip > lastMatchStart) break;
      // Extend the match backwards over literals, then forwards up to the last-literals limit.
      while (ip > anchor && ref > windowStart && src[ip - 1] === src[ref - 1]) {
        ip--;
        ref--;
      }
      const offset = ip - ref;
      let matchEnd = ip + MIN_MATCH;
      ref += MIN_MATCH;
      while (matchEnd <= matchLimit - 4 && view.getInt32(matchEnd) === view.getInt32(ref)) {
        matchEnd += 4;
        ref += 4;
      }
      while (matchEnd < matchLimit && src[matchEnd] === src[ref]) {
        matchEnd++;
        ref++;
      }

      const literals = ip - anchor;
      const tokenPos = dPos++;
      let token: number;
      if (literals >= 15) {
        token = 0xf0;
        dPos = writeLengthTail(dst, dPos, literals - 15);
      } else {
        token = literals << 4;
      }
      dPos = copyLiterals(src, anchor, ip, dst, dPos);
      dst[dPos++] = offset & 0xff;
      dst[dPos++] = offset >>> 8;
      const matchRest = matchEnd - ip - MIN_MATCH;
      if (matchRest >= 15) {
        token |= 15;
        dPos = writeLengthTail(dst, dPos, matchRest - 15);
      } else {
        token |= matchRest;
      }
      dst[tokenPos] = token;

      anchor = ip = matchEnd;
      if (ip > lastMatchStart) break;
      // The reference also remembers the position two bytes back: it finds more matches cheaply.
      const back = ip - 2;
      table[Math.imul(view.getInt32(back, true), 0x9e3779b1) >>> HASH_SHIFT] = base + back;
    }
  }
  // The last sequence: literals only.
  const literals = end - anchor;
  if (literals >= 15) {
    dst[dPos++] = 0xf0;
    dPos = writeLengthTail(dst, dPos, literals - 15);
  } else {
    dst[dPos++] = literals << 4;
  }
  return copyLiterals(src, anchor, end, dst, dPos);
}

/** Returned by {@link decodeBlockInto} when the output would pass `dEnd`. */
export const OUTPUT_FULL = -1;
/** The input offset of the sequence that did not fit, after {@link decodeBlockInto} returned OUTPUT_FULL. */
export let overflowOffset = 0;

function truncatedLength(offset: number): CodecError {
  return new CodecError("truncated", "LZ4 input ends inside a length", offset);
}

/**
 * Decodes the LZ4 block `src[sPos, sEnd)` into `dst` at `dPos`, writing no further than `dEnd`,
 * and returns the end of the output. Matches may reach back to `dLow` and no further (the block's
 * own start for independent blocks). Returns {@link OUTPUT_FULL} when the output would pass
 * `dEnd` (the caller decides whether that is a size limit, a malformed block, or a reason to
 * grow the buffer and decode again); throws a {@link CodecError} for malformed input.
 */
export function decodeBlockInto(
  src: Uint8Array,
  sPos: number,
  sEnd: number,
  dst: Uint8Array,
  dPos: number,
  dEnd: number,
  dLow: number,
): number {
  // Word copies need 16 bytes of room on both sides; near the ends, copy byte by byte.
  const sView = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const dView = new DataView(dst.buffer, dst.byteOffset, dst.byteLength);
  const sFast = sEnd - 16;
  const dFast = dEnd - 16;
  while (true) {
    if (sPos >= sEnd) {
      throw new CodecError(
        "truncated",
        "LZ4 block ends where a sequence should start (a block ends with literals)",
        sPos,
      );
    }
    const sequenceStart = sPos;
    const token = src[sPos++];

    let literals = token >>> 4;
    if (literals === 15) {
      let b: number;
      do {
        if (sPos >= sEnd) throw truncatedLength(sPos);
        b = src[sPos++];
        literals += b;
      } while (b === 255);
    }
    if (literals !== 0) {
      if (literals > sEnd - sPos) {
        throw new CodecError(
          "truncated",
          `LZ4 literal run of ${literals} bytes passes the end of the input`,
          sPos,
        );
      }
      if (literals > dEnd - dPos) {
        overflowOffset = sequenceStart;
        return OUTPUT_FULL;
      }
      if (literals <= 16 && sPos <= sFast && dPos <= dFast) {
        // Short run: copy 16 bytes as four words and advance by the real length. The extra bytes
        // land in output not yet written (inside dEnd), which the next sequences overwrite.
        dView.setInt32(dPos, sView.getInt32(sPos));
        dView.setInt32(dPos + 4, sView.getInt32(sPos + 4));
        dView.setInt32(dPos + 8, sView.getInt32(sPos + 8));
        dView.setInt32(dPos + 12, sView.getInt32(sPos + 12));
        sPos += literals;
        dPos += literals;
      } else if (literals < BULK_COPY) {
        const literalsEnd = sPos + literals;
        while (sPos < literalsEnd) dst[dPos++] = src[sPos++];
      } else {
        dst.set(src.subarray(sPos, sPos + literals), dPos);
        sPos += literals;
        dPos += literals;
      }
    }
    if (sPos === sEnd) return dPos; // the last sequence has literals only

    if (sEnd - sPos < 2) {
      throw new CodecError("truncated", "LZ4 input ends inside a match offset", sPos);
    }
    const offset = src[sPos] | (src[sPos + 1] << 8);
    if (offset === 0) throw new CodecError("bad_offset", "LZ4 match offset 0", sPos);
    if (offset > dPos - dLow) {
      throw new CodecError(
        "bad_offset",
        `LZ4 match offset ${offset} reaches before the start of the output (${
          dPos - dLow
        } bytes written)`,
        sPos,
      );
    }
    sPos += 2;
    let length = token & 15;
    if (length === 15) {
      let b: number;
      do {
        if (sPos >= sEnd) throw truncatedLength(sPos);
        b = src[sPos++];
        length += b;
      } while (b === 255);
    }
    length += MIN_MATCH;
    if (length > dEnd - dPos) {
      overflowOffset = sequenceStart;
      return OUTPUT_FULL;
    }

    const from = dPos - offset;
    if (length <= 16 && offset >= 4 && dPos <= dFast) {
      // Short match: word by word in order. With the offset at least 4, each word reads only bytes
      // already written, so overlapping matches repeat their pattern correctly.
      dView.setInt32(dPos, dView.getInt32(from));
      dView.setInt32(dPos + 4, dView.getInt32(from + 4));
      if (length > 8) {
        dView.setInt32(dPos + 8, dView.getInt32(from + 8));
        dView.setInt32(dPos + 12, dView.getInt32(from + 12));
      }
      dPos += length;
    } else if (length < BULK_COPY) {
      // Byte by byte also repeats the pattern correctly when the match overlaps its own output.
      const matchEnd = dPos + length;
      let m = from;
      while (dPos < matchEnd) dst[dPos++] = dst[m++];
    } else if (offset >= length) {
      dst.copyWithin(dPos, from, from + length);
      dPos += length;
    } else {
      // An overlapping run (offset 1 repeats a byte): copy the period, then double what is copied.
      // `dPos - from` stays a multiple of the period, so each copy continues the pattern.
      let left = length;
      while (left > 0) {
        const n = Math.min(left, dPos - from);
        dst.copyWithin(dPos, from, from + n);
        dPos += n;
        left -= n;
      }
    }
  }
}

/** Options of the LZ4 decoders. */
export interface Lz4DecompressOptions {
  /**
   * The largest output accepted, in bytes (default {@link LZ4_DEFAULT_MAX_SIZE}, 64 MiB). Input
   * that declares or decodes to more fails with a `size_limit` {@link CodecError} before the
   * memory is allocated.
   */
  maxSize?: number;
}

/** Options of {@link lz4Decompress}. */
export interface Lz4BlockDecompressOptions extends Lz4DecompressOptions {
  /**
   * The exact uncompressed size, when the caller stored it elsewhere: the output is allocated
   * once and a block that decodes to another size is an error. Without it the output grows as
   * needed, up to `maxSize`.
   */
  uncompressedSize?: number;
}

/** Validates `maxSize` (a programming error, so a RangeError rather than a CodecError). */
export function resolveMaxSize(options: Lz4DecompressOptions | undefined): number {
  const maxSize = options?.maxSize ?? LZ4_DEFAULT_MAX_SIZE;
  if (!Number.isSafeInteger(maxSize) || maxSize < 0) {
    throw new RangeError(`maxSize must be a non-negative integer, got ${maxSize}`);
  }
  return maxSize;
}

/** Refuses an input longer than the format takes. */
export function checkInputSize(length: number): void {
  if (length > LZ4_MAX_INPUT_SIZE) {
    throw new CodecError(
      "invalid_value",
      `LZ4 input of ${length} bytes exceeds the format's limit of ${LZ4_MAX_INPUT_SIZE}`,
      -1,
    );
  }
}

/** The implementations of the size-prefixed block functions: see {@link lz4Backend}. */
export type Lz4BackendName = "typescript" | "wasm" | "lz4_flex_wasm" | "native";

/**
 * Another implementation of the size-prefixed block functions (in WebAssembly, or lz4_flex as a
 * native addon), used for inputs of `minSize` bytes and more. The TypeScript codec still checks
 * sizes and limits first, and names the error and offset of input that the backend rejects.
 */
export interface BlockCodecBackend {
  /** Which backend this is. */
  name: Exclude<Lz4BackendName, "typescript">;
  /** Below this many uncompressed bytes the TypeScript codec is faster than the call. */
  minSize: number;
  /** lz4_flex's `compress_prepend_size`. */
  compressPrependSize(bytes: Uint8Array): Uint8Array;
  /**
   * The same, without holding the calling thread for a large input; `bytes` is copied before it
   * returns. Backends without it compress at once ({@link lz4CompressPrependSizeAsync}).
   */
  compressPrependSizeAsync?(bytes: Uint8Array): Promise<Uint8Array>;
  /** lz4_flex's `decompress_size_prepended`; throws on malformed input (any error type). */
  decompressSizePrepended(bytes: Uint8Array): Uint8Array;
}
/** The default backend: this crate's codec in WebAssembly where WebAssembly runs (see the README). */
const defaultBackend: BlockCodecBackend | undefined = blockWasmCodec;
let backend: BlockCodecBackend | undefined = defaultBackend;

/**
 * Installs a backend; `undefined` goes back to the default ({@link lz4Backend}). Used by
 * `lz4UseNative`; applications choose with {@link lz4UseBackend}.
 */
export function setBlockCodecBackend(codec: BlockCodecBackend | undefined): void {
  backend = codec ?? defaultBackend;
}

/**
 * Chooses the backend of the size-prefixed block functions: `"wasm"` (the default: this crate's
 * codec in WebAssembly), `"lz4_flex_wasm"` (lz4_flex in WebAssembly) or `"typescript"` (every call
 * in TypeScript; the fallback, and the one codec for frames). Returns whether the backend asked
 * for is now in use (false for a WebAssembly one where WebAssembly is unavailable). For
 * `"native"`, see `lz4UseNative`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lz4Backend, lz4CompressPrependSize, lz4UseBackend } from "@astraweave/codec";
 * assert.equal(lz4UseBackend("typescript"), true);
 * assert.equal(lz4Backend(), "typescript");
 * const packed = lz4CompressPrependSize(new Uint8Array(5000));
 * assert.equal(lz4UseBackend("wasm"), true);
 * assert.equal(lz4Backend(), "wasm");
 * assert.deepEqual(packed.subarray(0, 4), new Uint8Array([0x88, 0x13, 0, 0]));
 * ```
 */
export function lz4UseBackend(name: "typescript" | "wasm" | "lz4_flex_wasm"): boolean {
  if (name === "typescript") {
    backend = undefined;
    return true;
  }
  backend = name === "wasm" ? blockWasmCodec : lz4FlexWasmCodec;
  return backend !== undefined;
}

/**
 * The backend of the size-prefixed block functions now: `"wasm"` by default (this crate's codec
 * in WebAssembly: the fastest that is safe on hostile input and needs no permission),
 * `"lz4_flex_wasm"` after `lz4UseBackend("lz4_flex_wasm")`, `"native"` after `lz4UseNative()`,
 * `"typescript"` after `lz4UseBackend("typescript")` or where WebAssembly
 * is unavailable. Frames, and blocks without a size prefix, are always decoded in TypeScript.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lz4Backend } from "@astraweave/codec";
 * assert.equal(lz4Backend(), "wasm");
 * ```
 */
export function lz4Backend(): Lz4BackendName {
  return backend?.name ?? "typescript";
}

/** Reused output buffer of the compressors, so a call allocates only its exact-size result. */
let scratch = new Uint8Array(0);
/** Larger scratch buffers are not kept between calls. */
const SCRATCH_KEEP = 4 * 1024 * 1024;

function compressWithPrefix(bytes: Uint8Array, prefix: boolean): Uint8Array {
  checkInputSize(bytes.length);
  if (backend !== undefined && bytes.length >= backend.minSize) {
    try {
      const packed = backend.compressPrependSize(bytes);
      return prefix ? packed : packed.subarray(4);
    } catch (e) {
      // A RangeError: WebAssembly memory cannot grow to hold the input and its bound (inputs of
      // about 2 GiB); the TypeScript compressor below takes it.
      if (!(e instanceof RangeError)) throw e;
    }
  }
  const headerSize = prefix ? 4 : 0;
  const bound = headerSize + lz4CompressBound(bytes.length);
  let dst = scratch;
  if (dst.length < bound) {
    dst = new Uint8Array(bound);
    if (bound <= SCRATCH_KEEP) scratch = dst;
  }
  if (prefix) {
    const n = bytes.length;
    dst[0] = n & 0xff;
    dst[1] = (n >>> 8) & 0xff;
    dst[2] = (n >>> 16) & 0xff;
    dst[3] = n >>> 24;
  }
  const base = reserveHashBase(bytes.length);
  const end = compressBlockInto(bytes, 0, bytes.length, 0, dst, headerSize, base);
  return dst.slice(0, end);
}

/**
 * Compresses `bytes` into one LZ4 block (no size, no frame): what lz4_flex's `compress` and the
 * reference's `LZ4_compress_default` produce. Store the uncompressed size yourself, or use
 * {@link lz4CompressPrependSize}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lz4Compress, lz4Decompress } from "@astraweave/codec";
 * const text = new TextEncoder().encode("abcabcabcabcabcabcabcabcabcabc");
 * const block = lz4Compress(text);
 * assert.ok(block.length < text.length);
 * assert.equal(new TextDecoder().decode(lz4Decompress(block)), "abc".repeat(10));
 * ```
 */
export function lz4Compress(bytes: Uint8Array): Uint8Array {
  return compressWithPrefix(bytes, false);
}

/**
 * Compresses `bytes` into a u32 little-endian uncompressed size followed by one LZ4 block:
 * byte-compatible with lz4_flex's `compress_prepend_size`, the payload format of `.awsv` saves.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lz4CompressPrependSize } from "@astraweave/codec";
 * const packed = lz4CompressPrependSize(new Uint8Array(1000));
 * assert.equal(packed.length, 18);
 * assert.deepEqual(packed.subarray(0, 4), new Uint8Array([232, 3, 0, 0]));
 * ```
 */
export function lz4CompressPrependSize(bytes: Uint8Array): Uint8Array {
  return compressWithPrefix(bytes, true);
}

/**
 * {@link lz4CompressPrependSize} without holding the calling thread: with the default backend and
 * threads on (`lz4UseThreads`), the two halves of an input of 1 MiB or more are compressed on two
 * helper threads while the caller's event loop runs on (timers, I/O, messages), so a large save
 * does not cost a game its frames. The block is the synchronous call's, byte for byte. `bytes` is
 * copied before this returns, so the caller may reuse it at once. Smaller inputs, other backends,
 * and inputs the helpers cannot take (threads off, a helper starting, or busy with another such
 * call) are compressed at once, as by {@link lz4CompressPrependSize}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lz4CompressPrependSizeAsync, lz4DecompressSizePrepended } from "@astraweave/codec";
 * const data = new Uint8Array(2_000_000).map((_, i) => (i * 7) % 251);
 * const packed = await lz4CompressPrependSizeAsync(data);
 * assert.deepEqual(lz4DecompressSizePrepended(packed), data);
 * ```
 */
export function lz4CompressPrependSizeAsync(bytes: Uint8Array): Promise<Uint8Array> {
  checkInputSize(bytes.length);
  const codec = backend;
  if (codec?.compressPrependSizeAsync !== undefined && bytes.length >= codec.minSize) {
    try {
      return codec.compressPrependSizeAsync(bytes);
    } catch (e) {
      // As in compressWithPrefix: memory for the input cannot be had; TypeScript takes it.
      if (!(e instanceof RangeError)) throw e;
    }
  }
  return Promise.resolve(compressWithPrefix(bytes, true));
}

/**
 * Decodes a block whose exact output size is known; offsets in errors are relative to `src`.
 * `blockStart` 4 means `src` is size-prefixed, which a backend can take as it is.
 */
function decodeExact(
  src: Uint8Array,
  blockStart: number,
  size: number,
  maxSize: number,
): Uint8Array {
  const blockLength = src.length - blockStart;
  if (size > maxSize) {
    throw new CodecError(
      "size_limit",
      `LZ4 uncompressed size ${size} exceeds the limit of ${maxSize} bytes`,
      0,
    );
  }
  if (size > blockLength * MAX_EXPANSION) {
    throw new CodecError(
      "malformed",
      `LZ4 uncompressed size ${size} is more than a ${blockLength}-byte block can hold`,
      0,
    );
  }
  if (backend !== undefined && blockStart === 4 && size >= backend.minSize) {
    try {
      const out = backend.decompressSizePrepended(src);
      if (out.length === size) return out;
    } catch {
      // Rejected: decode again below, which names the error and its offset.
    }
  }
  const out = new Uint8Array(size);
  const end = decodeBlockInto(src, blockStart, src.length, out, 0, size, 0);
  if (end === OUTPUT_FULL) {
    throw new CodecError(
      "malformed",
      `LZ4 block decodes to more than its declared ${size} bytes`,
      overflowOffset,
    );
  }
  if (end !== size) {
    throw new CodecError(
      "malformed",
      `LZ4 block decodes to ${end} bytes, ${size} were declared`,
      src.length,
    );
  }
  return out;
}

/**
 * Decompresses one LZ4 block (as {@link lz4Compress} or lz4_flex's `compress` make). Without
 * `uncompressedSize`, the output grows as needed up to `maxSize`.
 *
 * @throws {CodecError} on malformed input or output beyond `maxSize`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CodecError, lz4Compress, lz4Decompress } from "@astraweave/codec";
 * const block = lz4Compress(new Uint8Array(10_000));
 * assert.equal(lz4Decompress(block).length, 10000);
 * assert.throws(
 *   () => lz4Decompress(block, { maxSize: 1000 }),
 *   (e) => e instanceof CodecError && e.kind === "size_limit",
 * );
 * ```
 */
export function lz4Decompress(block: Uint8Array, options?: Lz4BlockDecompressOptions): Uint8Array {
  const maxSize = resolveMaxSize(options);
  const size = options?.uncompressedSize;
  if (size !== undefined) {
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new RangeError(`uncompressedSize must be a non-negative integer, got ${size}`);
    }
    return decodeExact(block, 0, size, maxSize);
  }
  const ceiling = Math.min(maxSize, block.length * MAX_EXPANSION);
  // Most data compresses less than 4:1. When the guess is short, decode again into twice the
  // room: the total work stays within twice a single pass.
  let capacity = Math.min(ceiling, Math.max(256, block.length * 4));
  while (true) {
    const out = new Uint8Array(capacity);
    const end = decodeBlockInto(block, 0, block.length, out, 0, capacity, 0);
    if (end !== OUTPUT_FULL) return end === capacity ? out : out.slice(0, end);
    if (capacity >= ceiling) {
      throw new CodecError(
        "size_limit",
        `LZ4 block decodes to more than the limit of ${maxSize} bytes`,
        overflowOffset,
      );
    }
    capacity = Math.min(ceiling, capacity * 2);
  }
}

/**
 * Decompresses a u32 little-endian size followed by one LZ4 block: byte-compatible with
 * lz4_flex's `decompress_size_prepended`. The declared size is checked against `maxSize` (and
 * against what the block could possibly hold) before anything is allocated.
 *
 * @throws {CodecError} on malformed input or a declared size beyond `maxSize`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lz4CompressPrependSize, lz4DecompressSizePrepended } from "@astraweave/codec";
 * const text = new TextEncoder().encode("save game, save game, save game");
 * const packed = lz4CompressPrependSize(text);
 * assert.equal(
 *   new TextDecoder().decode(lz4DecompressSizePrepended(packed)),
 *   "save game, save game, save game",
 * );
 * ```
 */
export function lz4DecompressSizePrepended(
  bytes: Uint8Array,
  options?: Lz4DecompressOptions,
): Uint8Array {
  const maxSize = resolveMaxSize(options);
  if (bytes.length < 4) {
    throw new CodecError(
      "truncated",
      `LZ4 size prefix needs 4 bytes, the input has ${bytes.length}`,
      bytes.length,
    );
  }
  const size = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
  return decodeExact(bytes, 4, size, maxSize);
}
