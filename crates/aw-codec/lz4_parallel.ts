/**
 * LZ4 compression of large inputs on two threads, for the WebAssembly backend: a helper thread (a
 * worker with its own instance of the same WebAssembly module) compresses the first half of the
 * input while the calling thread compresses the second, and the two parts are joined into one
 * block. The block is an ordinary LZ4 block that every decoder reads, and about as small as one
 * thread's (0.1% larger for a 100 KB save): the second half is compressed with the 64 KiB before
 * it as its dictionary, through a sparser table of that part (every eighth position: a repeat of
 * the dictionary is still found within eight bytes, at an eighth of the cost of hashing it all).
 *
 * How two parts make one block: the first part is compressed "open" (`lz4_compress` with `open`
 * set), so it ends after its last match and leaves its trailing literals pending. The second part
 * is an ordinary block of its own. Its first sequence is rewritten to carry the pending literals in
 * front of its own ({@link joinBlocks}); every match offset stays valid, since an offset counts
 * back from where the match is in the output, and the second part's dictionary is exactly what
 * precedes it there.
 *
 * The threads share a `SharedArrayBuffer` and meet with `Atomics.wait` and `Atomics.notify`: the
 * call stays synchronous, and a hand-off costs about 5 µs. The helper is started on the first large
 * input and does not keep the process alive. Whenever it cannot take a half (starting, still busy
 * with a half given up on, or failed) or the system gives it no core in time (it has not started
 * the half when the caller is done with the other, or is not done about as long after), the caller
 * compresses that half itself, the same way: the block depends only on the input, not on which
 * thread made which half, and a busy machine costs little more than compressing on one thread.
 *
 * The asynchronous call (`lz4CompressPrependSizeAsync`) hands both halves to helpers, the second
 * to a second helper ({@link postPart} with `reserve`, slots 0 and 1), and waits for their blocks
 * with `Atomics.waitAsync` ({@link awaitPart}), so the caller's event loop runs meanwhile.
 *
 * @module
 */

import { Worker } from "node:worker_threads";
import { lz4CompressBound } from "./lz4.ts";
import { LZ4_BLOCK_WASM } from "./lz4_block_wasm_bytes.ts";

/** Inputs of this size and more are compressed on two threads (below, the hand-off does not pay). */
export const PARALLEL_MIN_SIZE = 64 * 1024;
/** How far back an LZ4 match reaches: the second part's dictionary is this much of the first. */
export const WINDOW = 65535;
/**
 * The largest first part the helper takes: its shared buffer is sized for the largest part seen,
 * up to this; the calling thread compresses larger ones itself.
 */
const MAX_PART = 16 * 1024 * 1024;
/**
 * The first helper's room: halves of inputs up to 2 MiB. A larger half replaces the helper with one
 * of twice the room or more (starting a worker blocks the calling thread for 40 to 100 ms here).
 */
const FIRST_CAPACITY = 1024 * 1024;

// The control words at the start of the shared buffer. The helper sleeps on BELL (rung for each
// part posted, and to stop it), the caller on STATE.
const STATE = 0;
const INPUT_LENGTH = 1;
const OUTPUT_LENGTH = 2;
const PENDING = 3;
const BELL = 4;
const STOP = 5;
/** 1 when the posted part is to be compressed as a closed block (the last part of an input). */
const CLOSED = 6;
/** Where the posted part's own bytes start: the bytes before are its dictionary. */
const START = 7;
const CONTROL_WORDS = 8;
const CONTROL_BYTES = 4 * CONTROL_WORDS;
/**
 * Where the helper's block starts in the shared buffer (after the input) and in its memory: 4 bytes
 * past a multiple of 8, as in the result, where it follows the 4-byte size. Copies out of a shared
 * buffer are fast only between addresses equally aligned (measured: 27 KB in 1.6 µs, or 8.6 µs
 * misaligned).
 */
const outputAt = (capacity: number) => CONTROL_BYTES + capacity + 4;
// The helper's states, after 0 while it starts (a new shared buffer is zeroed).
const IDLE = 1;
const POSTED = 2;
const RUNNING = 3;
const DONE = 4;
const FAILED = 5;

/** The compress bound of an LZ4 block of `n` bytes plus the compressor's 8 bytes of slack. */
export const blockBound = (n: number): number => lz4CompressBound(n) + 8;

/**
 * The helper thread's program. It runs the same WebAssembly module as the calling thread and lays
 * memory out the same way (input at `__heap_base`, output after it).
 */
const HELPER_SOURCE = `
import { workerData } from "node:worker_threads";
const { shared, wasm, capacity } = workerData;
const control = new Int32Array(shared, 0, ${CONTROL_WORDS});
const input = new Uint8Array(shared, ${CONTROL_BYTES}, capacity);
const output = new Uint8Array(shared, ${CONTROL_BYTES} + capacity + 4);
try {
  const codec = new WebAssembly.Instance(new WebAssembly.Module(wasm)).exports;
  const base = codec.__heap_base.value;
  const out = base + ((capacity + 15) & ~15) + 4;
  const need = out + output.length - codec.memory.buffer.byteLength;
  if (need > 0) codec.memory.grow(Math.ceil(need / 65536));
  Atomics.store(control, ${STATE}, ${IDLE});
  for (let rung = 0; ; ) {
    Atomics.wait(control, ${BELL}, rung);
    rung = Atomics.load(control, ${BELL});
    if (Atomics.load(control, ${STOP}) !== 0) break;
    // The caller takes back a part that this thread has not started (see takeFirstPart).
    if (Atomics.compareExchange(control, ${STATE}, ${POSTED}, ${RUNNING}) !== ${POSTED}) continue;
    const length = control[${INPUT_LENGTH}];
    new Uint8Array(codec.memory.buffer, base, length).set(input.subarray(0, length));
    const closed = control[${CLOSED}] === 1;
    const written = codec.lz4_compress(base, control[${START}], length, out, 1, closed ? 0 : 1);
    output.set(new Uint8Array(codec.memory.buffer, out, written));
    control[${OUTPUT_LENGTH}] = written;
    control[${PENDING}] = codec.lz4_pending_literals();
    Atomics.store(control, ${STATE}, ${DONE});
    Atomics.notify(control, ${STATE});
  }
} catch {
  Atomics.store(control, ${STATE}, ${FAILED});
  Atomics.notify(control, ${STATE});
}
`;

/** A helper thread: its worker, and the shared buffer the two threads meet in. */
export interface Helper {
  control: Int32Array;
  input: Uint8Array;
  output: Uint8Array;
  capacity: number;
  worker: Worker;
  /**
   * Whether an asynchronous compression waits for this helper's part: no other caller posts to it
   * (nor drops the part's result) until that compression ends the reservation
   * ({@link endReservation}).
   */
  reserved: boolean;
}

/**
 * The helpers: the first takes the first half of every large input (the synchronous call's, and
 * the asynchronous call's); the second, started by the first asynchronous call, the asynchronous
 * call's second half.
 */
const helpers: (Helper | undefined)[] = [undefined, undefined];
let enabled = true;

/**
 * Starts a helper whose shared buffer holds first parts of up to `capacity` bytes, running the
 * WebAssembly module `wasm` (this crate's codec; tests give it a broken one).
 */
export function startHelper(
  capacity: number,
  wasm: Uint8Array = Uint8Array.fromBase64(LZ4_BLOCK_WASM),
  slot = 0,
): void {
  const shared = new SharedArrayBuffer(outputAt(capacity) + blockBound(capacity));
  let worker: Worker;
  try {
    worker = new Worker(
      new URL(`data:text/javascript,${encodeURIComponent(HELPER_SOURCE)}`),
      { workerData: { shared, wasm, capacity } },
    );
  } catch {
    enabled = false; // no workers here: one thread from now on
    return;
  }
  worker.unref();
  const started: Helper = {
    control: new Int32Array(shared, 0, CONTROL_WORDS),
    input: new Uint8Array(shared, CONTROL_BYTES, capacity),
    output: new Uint8Array(shared, outputAt(capacity)),
    capacity,
    worker,
    reserved: false,
  };
  worker.on("error", () => giveUp(started));
  helpers[slot] = started;
}

/** Rings the helper's bell: a part is posted, or it is to stop. */
function ring(control: Int32Array): void {
  Atomics.add(control, BELL, 1);
  Atomics.notify(control, BELL);
}

/**
 * Ends a helper: it leaves its loop when it next wakes (now, or after the part it is compressing),
 * and its thread ends with it. (`terminate()` alone does not wake a thread asleep in
 * `Atomics.wait`: each replaced helper stayed behind, asleep, with its memory.)
 */
function stop(ended: Helper): void {
  Atomics.store(ended.control, STOP, 1);
  ring(ended.control);
  void ended.worker.terminate();
}

/** Stops using threads after a helper failed (it could not start, or its module did not run). */
function giveUp(failed: Helper): void {
  stop(failed);
  const slot = helpers.indexOf(failed);
  if (slot < 0) return;
  helpers[slot] = undefined;
  enabled = false;
}

/** Whether large inputs are compressed in two parts (see {@link lz4UseThreads}). */
export const parallelEnabled = (): boolean => enabled;

/** How {@link postPart} hands a part over. */
export interface PartOptions {
  /** Compress the part as a closed block (the last part of an input), not an open one. */
  closed?: boolean;
  /** Where the part's own bytes start: the bytes before are its dictionary. */
  start?: number;
  /** Reserve the helper for {@link awaitPart} (see {@link Helper.reserved}). */
  reserve?: boolean;
  /** Which helper: 0, the first (the default), or 1. */
  slot?: number;
}

/**
 * Hands a helper thread `part` to compress as the open first part of a block (or as `options`
 * say), if the helper is ready to take it; returns the helper that took it. The first call for a
 * slot starts its helper (unless {@link lz4UseThreads} did), and a part larger than a helper's
 * room replaces it with a larger one.
 */
export function postPart(part: Uint8Array, options: PartOptions = {}): Helper | undefined {
  const { closed = false, start = 0, reserve = false, slot = 0 } = options;
  let helper = helpers[slot];
  if (!enabled || helper?.reserved || part.length > MAX_PART) return undefined;
  if (helper && helper.capacity < part.length) {
    stop(helper);
    helper = helpers[slot] = undefined;
  }
  if (!helper) {
    startHelper(Math.max(FIRST_CAPACITY, 2 ** Math.ceil(Math.log2(part.length))), undefined, slot);
    return undefined;
  }
  const { control } = helper;
  // A part given up on may have finished since: its result is dropped.
  Atomics.compareExchange(control, STATE, DONE, IDLE);
  const state = Atomics.load(control, STATE);
  if (state === FAILED) giveUp(helper);
  if (state !== IDLE) return undefined;
  helper.input.set(part);
  control[INPUT_LENGTH] = part.length;
  control[CLOSED] = closed ? 1 : 0;
  control[START] = start;
  helper.reserved = reserve;
  Atomics.store(control, STATE, POSTED);
  ring(control);
  return helper;
}

/** The helper's open block of a first part: where its pending literals start, in the part. */
export interface OpenBlock {
  /** The block's sequences, a view of the shared buffer valid until the next post. */
  block: Uint8Array;
  /** Where in the part the literals after the block's last match start. */
  pending: number;
}

/**
 * The helper's block of the part posted last, or `undefined` when the caller is to compress the
 * part itself: when the helper has not started it (the system gave its thread no core: the part is
 * taken back), or has not finished it within `timeoutMs` (it is given up on, and its block dropped
 * when it comes).
 */
export function takeFirstPart(timeoutMs: number): OpenBlock | undefined {
  const h = helpers[0];
  if (!h) return undefined;
  const { control } = h;
  if (Atomics.compareExchange(control, STATE, POSTED, IDLE) === POSTED) return undefined;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const state = Atomics.load(control, STATE);
    if (state === DONE) break;
    const left = deadline - performance.now();
    if (state !== RUNNING || left <= 0) return undefined;
    Atomics.wait(control, STATE, RUNNING, left);
  }
  const open = { block: h.output.subarray(0, control[OUTPUT_LENGTH]), pending: control[PENDING] };
  Atomics.store(control, STATE, IDLE);
  return open;
}

/** How long {@link awaitPart} waits at a time before it looks whether the helper was stopped. */
const WAIT_MS = 100;

/**
 * The block of the part that `h` took with `reserve`, once it is done (a view of the shared
 * buffer, valid until {@link endReservation}), or `undefined` when the helper failed or was stopped
 * before it finished: then its copy of the part (`h.input`) is the caller's to compress itself.
 * Waits without blocking the thread (`Atomics.waitAsync`), however long the system keeps the helper
 * from its part: the caller's thread is free meanwhile.
 */
export async function awaitPart(h: Helper): Promise<OpenBlock | undefined> {
  const { control } = h;
  for (;;) {
    const state = Atomics.load(control, STATE);
    if (state === DONE) break;
    if ((state !== POSTED && state !== RUNNING) || !helpers.includes(h)) return undefined;
    const { async, value } = Atomics.waitAsync(control, STATE, state, WAIT_MS);
    if (!async) continue;
    // Deno's event loop does not count a pending waitAsync as work: with nothing else pending it
    // ended with this promise unresolved. A timer as long as the wait keeps it running.
    const keepAlive = setTimeout(() => {}, WAIT_MS);
    try {
      await value;
    } finally {
      clearTimeout(keepAlive);
    }
  }
  return { block: h.output.subarray(0, control[OUTPUT_LENGTH]), pending: control[PENDING] };
}

/**
 * Ends the reservation of the part `h` took with `reserve`: the helper is free for the next part
 * (a block it has not finished is dropped when it comes).
 */
export function endReservation(h: Helper): void {
  h.reserved = false;
  Atomics.compareExchange(h.control, STATE, DONE, IDLE);
}

/**
 * Switches the compression of large inputs (64 KiB and more) on two threads on or off; it is on by
 * default, for the WebAssembly backend. Off, every block is compressed on the calling thread (a
 * helper thread already started stays parked, costing no CPU): for applications that keep every
 * other core busy themselves. Either way the blocks decode the same everywhere.
 *
 * On, the helper thread starts now if it has not. Starting it blocks the calling thread for 40 to
 * 100 ms on the 2-core machine here, once per process: by default that happens at the first large
 * compression, so a game that saves large worlds calls `lz4UseThreads(true)` while it loads.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lz4CompressPrependSize, lz4DecompressSizePrepended, lz4UseThreads } from "@astraweave/codec";
 * lz4UseThreads(false);
 * const data = new Uint8Array(200_000).map((_, i) => (i * 31) % 97);
 * assert.deepEqual(lz4DecompressSizePrepended(lz4CompressPrependSize(data)), data);
 * lz4UseThreads(true);
 * ```
 */
export function lz4UseThreads(on: boolean): void {
  enabled = on;
  if (on && !helpers[0]) startHelper(FIRST_CAPACITY);
}

/**
 * Whether the helper thread is started and free for the next part (idle, or done with a part that
 * was abandoned): for tests, which wait for it.
 */
export function parallelHelperReady(): boolean {
  if (!enabled || helpers[0] === undefined) return false;
  return helpers.every((h) => {
    if (h === undefined) return true;
    const state = Atomics.load(h.control, STATE);
    return !h.reserved && (state === IDLE || state === DONE);
  });
}

/**
 * One size-prefixed block of `size` bytes from an open first part (`first`, whose trailing
 * literals `pending` it did not write) and a second part compressed as a block of its own
 * (`second`): the pending literals go in front of the second part's first sequence's literals.
 */
export function joinBlocks(
  size: number,
  first: Uint8Array,
  pending: Uint8Array,
  second: Uint8Array,
): Uint8Array {
  const token = second[0];
  let literals = token >> 4;
  let skip = 1; // the second part's first token and literal length bytes, rewritten here
  if (literals === 15) {
    let b: number;
    do {
      b = second[skip++];
      literals += b;
    } while (b === 255);
  }
  literals += pending.length;
  const lengthBytes = literals >= 15 ? Math.floor((literals - 15) / 255) + 1 : 0;
  const out = new Uint8Array(
    4 + first.length + 1 + lengthBytes + pending.length + second.length - skip,
  );
  new DataView(out.buffer).setUint32(0, size, true);
  out.set(first, 4);
  let o = 4 + first.length;
  if (literals >= 15) {
    out[o++] = 0xf0 | (token & 15);
    let rest = literals - 15;
    for (; rest >= 255; rest -= 255) out[o++] = 255;
    out[o++] = rest;
  } else {
    out[o++] = (literals << 4) | (token & 15);
  }
  out.set(pending, o);
  out.set(second.subarray(skip), o + pending.length);
  return out;
}
