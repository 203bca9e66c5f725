/**
 * The default LZ4 backend: this crate's own block codec in C (`wasm/lz4_block.c`), compiled to
 * WebAssembly and shipped as bytes (`lz4_block_wasm_bytes.ts`, built by `wasm/build.sh`).
 * Synchronous, and needs no permission. It writes the same size-prepended blocks as lz4_flex
 * (any valid LZ4 block decodes the same everywhere; the bytes of a block may differ from
 * lz4_flex's) and its decoder rejects what the TypeScript decoder rejects.
 *
 * The module has no allocator: the input goes at the start of the free memory (`__heap_base`), the
 * output right after it, and the memory grows to fit. After a call that needed more than
 * {@link KEEP_MEMORY} the instance is dropped, so one large save does not pin its memory.
 *
 * @module
 */

import { LZ4_BLOCK_WASM } from "./lz4_block_wasm_bytes.ts";
import type { BlockCodecBackend } from "./lz4.ts";
import {
  awaitPart,
  blockBound,
  endReservation,
  type Helper,
  joinBlocks,
  type OpenBlock,
  PARALLEL_MIN_SIZE,
  parallelEnabled,
  postPart,
  takeFirstPart,
  WINDOW,
} from "./lz4_parallel.ts";

interface Lz4BlockExports {
  memory: WebAssembly.Memory;
  __heap_base: WebAssembly.Global;
  lz4_compress(
    src: number,
    start: number,
    length: number,
    dst: number,
    acceleration: number,
    open: number,
  ): number;
  lz4_pending_literals(): number;
  lz4_decompress(src: number, srcLength: number, dst: number, dstLength: number): number;
}

/** Memory kept between calls; an instance that grew past it is replaced on the next call. */
const KEEP_MEMORY = 32 * 1024 * 1024;
const PAGE = 65536;

let module: WebAssembly.Module | undefined;
let instance: Lz4BlockExports | undefined;

/** The instance, with at least `bytes` of memory past `__heap_base`; the address of that memory. */
function reserve(bytes: number): [Lz4BlockExports, number] {
  module ??= new WebAssembly.Module(Uint8Array.fromBase64(LZ4_BLOCK_WASM));
  const exports = instance ??= new WebAssembly.Instance(module)
    .exports as unknown as Lz4BlockExports;
  const base = exports.__heap_base.value as number;
  const missing = base + bytes - exports.memory.buffer.byteLength;
  if (missing > 0) exports.memory.grow(Math.ceil(missing / PAGE));
  return [exports, base];
}

/** Forgets an instance whose memory grew past {@link KEEP_MEMORY}. */
function release(exports: Lz4BlockExports): void {
  if (exports.memory.buffer.byteLength > KEEP_MEMORY) instance = undefined;
}

/** `n` rounded up to a multiple of 16, where the output starts after an input of `n` bytes. */
const align16 = (n: number) => (n + 15) & ~15;

function compressPrependSize(bytes: Uint8Array): Uint8Array {
  const length = bytes.length;
  const inParts = length >= PARALLEL_MIN_SIZE && parallelEnabled();
  // The format's bound, plus the 4-byte prefix and 8 bytes for the 8-byte literal copies; twice
  // for an input compressed in two parts, whose halves may both be compressed here.
  const [exports, base] = reserve(align16(length) + 4 + (inParts ? 2 : 1) * blockBound(length));
  const out = base + align16(length);
  new Uint8Array(exports.memory.buffer, base, length).set(bytes);
  if (inParts) {
    // The helper thread compresses the first half; this thread the second, with what precedes it
    // in reach of a match as its dictionary.
    const split = length >>> 1;
    const posted = postPart(bytes.subarray(0, split));
    const started = performance.now();
    const from = Math.max(0, split - WINDOW);
    const second = exports.lz4_compress(base + from, split - from, length - from, out, 1, 0);
    // The helper started within a wake-up of this thread and runs as fast: it is done within a
    // quarter of this thread's time (plus a wake-up), or the system took its core away, and this
    // thread compresses the first half too, the same way (the block is the same whichever thread
    // made it). On a busy machine that costs at most a quarter more than one thread.
    let first = posted ? takeFirstPart(0.03 + 0.25 * (performance.now() - started)) : undefined;
    if (!first) {
      const at = out + align16(second);
      const written = exports.lz4_compress(base, 0, split, at, 1, 1);
      first = {
        block: new Uint8Array(exports.memory.buffer, at, written),
        pending: exports.lz4_pending_literals(),
      };
    }
    const packed = joinBlocks(
      length,
      first.block,
      bytes.subarray(first.pending, split),
      new Uint8Array(exports.memory.buffer, out, second),
    );
    release(exports);
    return packed;
  }
  const blockLength = exports.lz4_compress(base, 0, length, out + 4, 1, 0);
  new DataView(exports.memory.buffer).setUint32(out, length, true);
  const packed = new Uint8Array(exports.memory.buffer, out, 4 + blockLength).slice();
  release(exports);
  return packed;
}

function decompressSizePrepended(bytes: Uint8Array): Uint8Array {
  // The public function has checked the declared size against maxSize and the block's length.
  const size = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  const length = bytes.length - 4;
  const [exports, base] = reserve(align16(length) + size);
  const out = base + align16(length);
  new Uint8Array(exports.memory.buffer, base, length).set(bytes.subarray(4));
  const written = exports.lz4_decompress(base, length, out, size);
  if (written !== size) {
    release(exports);
    throw new Error("malformed LZ4 block");
  }
  const plain = new Uint8Array(exports.memory.buffer, out, size).slice();
  release(exports);
  return plain;
}

/**
 * Inputs at least this large are compressed by the asynchronous call on the helper threads. Below,
 * the synchronous call holds the caller for 3 ms at most here, a fifth of a frame at 60 FPS.
 */
export const ASYNC_MIN_SIZE = 1024 * 1024;

/**
 * {@link compressPrependSize} without holding the calling thread: the two halves go to two helper
 * threads, compressed as the synchronous call compresses them (the same block), while the caller's
 * event loop runs on (timers, I/O, messages), and the caller joins them. Smaller inputs, and inputs
 * the helpers cannot take (threads off, a helper starting or busy with another such call), are
 * compressed at once. `bytes` is copied before this returns.
 */
function compressPrependSizeAsync(bytes: Uint8Array): Promise<Uint8Array> {
  const length = bytes.length;
  if (length >= ASYNC_MIN_SIZE && parallelEnabled()) {
    const split = length >>> 1;
    const from = Math.max(0, split - WINDOW);
    // The second half first: a second helper that is not there yet (the first such call starts
    // it) leaves nothing to take back.
    const second = postPart(bytes.subarray(from), {
      closed: true,
      start: split - from,
      reserve: true,
      slot: 1,
    });
    const first = second && postPart(bytes.subarray(0, split), { reserve: true });
    if (second && first) return joinHalves(length, split, first, second);
    if (second) endReservation(second);
  }
  return Promise.resolve(compressPrependSize(bytes));
}

/** The block of the halves that `first` and `second` took, joined and prefixed. */
async function joinHalves(
  length: number,
  split: number,
  first: Helper,
  second: Helper,
): Promise<Uint8Array> {
  try {
    const [a, b] = await Promise.all([awaitPart(first), awaitPart(second)]);
    // A helper that failed or was stopped: its half is compressed here, from its copy of it.
    const open = a ?? compressHere(first.input.subarray(0, split), 0, true);
    const from = Math.max(0, split - WINDOW);
    const closed = b ?? compressHere(second.input.subarray(0, length - from), split - from, false);
    return joinBlocks(length, open.block, first.input.subarray(open.pending, split), closed.block);
  } finally {
    endReservation(first);
    endReservation(second);
  }
}

/** `input` from `start` (what precedes it its dictionary) compressed here as one block, copied. */
function compressHere(input: Uint8Array, start: number, open: boolean): OpenBlock {
  const [exports, base] = reserve(align16(input.length) + blockBound(input.length));
  const out = base + align16(input.length);
  new Uint8Array(exports.memory.buffer, base, input.length).set(input);
  const written = exports.lz4_compress(base, start, input.length, out, 1, open ? 1 : 0);
  const block = new Uint8Array(exports.memory.buffer, out, written).slice();
  const pending = open ? exports.lz4_pending_literals() : input.length;
  release(exports);
  return { block, pending };
}

/**
 * This crate's LZ4 block codec in WebAssembly, as a block codec backend. `undefined` where
 * WebAssembly is unavailable.
 */
export const blockWasmCodec: BlockCodecBackend | undefined = (() => {
  try {
    reserve(0);
  } catch {
    return undefined;
  }
  return {
    name: "wasm",
    // Below 1 KiB the copies into and out of Wasm memory cost about what the codec saves.
    minSize: 1024,
    compressPrependSize,
    compressPrependSizeAsync,
    decompressSizePrepended,
  };
})();
