// Compression on two threads (lz4_parallel.ts): joining an open block with a block of its own, the
// blocks the helper thread makes with the calling thread, and the fallbacks to one thread.
import assert from "node:assert/strict";
import * as lz4js from "lz4js";
import {
  lz4CompressPrependSize,
  lz4CompressPrependSizeAsync,
  lz4DecompressSizePrepended,
  lz4UseBackend,
} from "./lz4.ts";
import { ASYNC_MIN_SIZE } from "./lz4_block_wasm.ts";
import {
  joinBlocks,
  lz4UseThreads,
  PARALLEL_MIN_SIZE,
  parallelHelperReady,
  postPart,
  takeFirstPart,
} from "./lz4_parallel.ts";
import { LZ4_BLOCK_WASM } from "./lz4_block_wasm_bytes.ts";
import { randomBytes } from "@astraweave/testing/random";
import { saveLikeData } from "@astraweave/testing/save-like";
import { worldBlob } from "@astraweave/testing/world-blob";
import { watchEventLoop } from "@astraweave/testing/event-loop";
import { concat } from "./testdata/concat.ts";
import { lz4StorePrependSize } from "./lz4_stored.ts";

const wasm = Uint8Array.fromBase64(LZ4_BLOCK_WASM);

/**
 * Waits (up to 30 s: a thread starting on a loaded machine) until the helper thread is idle and
 * can take half of `data`: a compression of `data` first starts it, or restarts it with room for it.
 */
async function helperReadyFor(data: Uint8Array): Promise<void> {
  lz4CompressPrependSize(data);
  assert.ok(await helperIdle(), "the helper thread did not start");
}

/** Whether the helper thread is idle, waiting up to 30 s for it to be. */
async function helperIdle(): Promise<boolean> {
  for (let i = 0; i < 3000 && !parallelHelperReady(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return parallelHelperReady();
}

/** The size-prefixed block that one thread makes of `data`. */
function oneThread(data: Uint8Array): Uint8Array {
  lz4UseThreads(false);
  try {
    return lz4CompressPrependSize(data);
  } finally {
    lz4UseThreads(true);
  }
}

/** Where two byte arrays first differ (-1 when equal): failures name it, not a diff of megabytes. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function assertSameBytes(actual: Uint8Array, expected: Uint8Array, what = "bytes"): void {
  const at = firstDifference(actual, expected);
  assert.ok(
    at < 0,
    `${what}: ${actual.length} bytes against ${expected.length}, first difference at ${at}`,
  );
}

/** A block of literals only: what an LZ4 block of a short input is. */
const literalsOnly = (bytes: Uint8Array) => lz4StorePrependSize(bytes).subarray(4);

Deno.test("lz4 parallel: joining pending literals to a block's first sequence, at every length form", () => {
  // Pending and own literal counts around 15 (the token's limit) and 15 + 255 (a second length
  // byte); the joined block must decode to the first part's output, the pending literals, then the
  // second block's output.
  // An open first part: one literal 0, then a match of 15 + 75 + 4 = 94 bytes at offset 1.
  const first = new Uint8Array([0x1f, 0, 1, 0, 75]);
  const firstOutput = 95;
  const repeat = new TextEncoder().encode("0123456789abcdef".repeat(20)); // 16 literals, then a match
  for (const own of [0, 1, 14, 15, 16, 269, 270, 300]) {
    const second = lz4CompressPrependSize(concat(randomBytes(own, own), repeat)).subarray(4);
    for (const pendingLength of [0, 1, 5, 13, 14, 15, 16, 254, 255, 256, 269, 270, 600]) {
      const pending = randomBytes(pendingLength, pendingLength + 1);
      const expected = concat(new Uint8Array(firstOutput), pending, randomBytes(own, own), repeat);
      const joined = joinBlocks(expected.length, first, pending, second);
      assert.deepEqual(
        lz4DecompressSizePrepended(joined),
        expected,
        `${pendingLength} pending literals, ${own} of the block's own`,
      );
    }
  }
  // A second part that is one literal-only sequence (a short input) takes them too.
  assert.deepEqual(
    Array.from(
      joinBlocks(
        23,
        new Uint8Array(0),
        new Uint8Array(20).fill(9),
        literalsOnly(new Uint8Array([1, 2, 3])),
      ),
    ),
    [23, 0, 0, 0, 0xf0, 8, ...Array(20).fill(9), 1, 2, 3],
  );
});

Deno.test("lz4 parallel: two-part blocks decode to their input here, in lz4js and in lz4_flex", async () => {
  const napi = await import("lz4-napi");
  const inputs: [string, Uint8Array][] = [
    ["world blob 100 KB", worldBlob(100 * 1024)],
    ["save-like 64 KiB (the smallest split)", saveLikeData(PARALLEL_MIN_SIZE)],
    ["save-like 1 MB", saveLikeData(1_000_000)],
    ["incompressible 200 KB", randomBytes(200_000, 3)],
    ["zeros 300 KB (one long match across the halves)", new Uint8Array(300_000)],
    ["halves that repeat each other", concat(randomBytes(50_000, 4), randomBytes(50_000, 4))],
  ];
  for (const [name, data] of inputs) {
    const single = oneThread(data);
    await helperReadyFor(data);
    const packed = lz4CompressPrependSize(data);
    assertSameBytes(lz4DecompressSizePrepended(packed), data, name);
    const out = new Uint8Array(data.length);
    const n = lz4js.decompressBlock(packed.subarray(4), out, 0, packed.length - 4, 0);
    assert.equal(n, data.length, `${name}: lz4js decodes the whole block`);
    assertSameBytes(out, data, `${name}: lz4js`);
    assertSameBytes(new Uint8Array(napi.uncompressSync(packed)), data, `${name}: lz4_flex`);
    // Input without matches is one run of literals however it is cut, and a second half that
    // repeats the first is one match into the dictionary; the others show the cut.
    if (!name.startsWith("incompressible") && !name.startsWith("halves")) {
      assert.ok(firstDifference(packed, single) >= 0, `${name}: not compressed in two parts`);
    }
    // The second half's matches reach into the first through its dictionary: hardly larger.
    assert.ok(
      packed.length <= single.length * 1.01 + 64,
      `${name}: ${packed.length} bytes in two parts, ${single.length} in one`,
    );
  }
});

/** A fresh instance of the codec's module, with room for `bytes` bytes past its heap base. */
function handCodec(bytes: number) {
  const codec = new WebAssembly.Instance(new WebAssembly.Module(wasm)).exports as unknown as {
    memory: WebAssembly.Memory;
    __heap_base: WebAssembly.Global;
    lz4_compress(...args: number[]): number;
    lz4_pending_literals(): number;
  };
  codec.memory.grow(Math.ceil(bytes / 65536));
  return { codec, base: codec.__heap_base.value as number };
}

Deno.test("lz4 parallel: the helper thread makes the same first part as the calling thread", async () => {
  const data = worldBlob(300 * 1024);
  const half = data.subarray(0, data.length >> 1);
  await helperReadyFor(data);
  assert.ok(postPart(half));
  // Waited for until done (not taken back), so the helper's own block is what comes back.
  await helperIdle();
  const fromHelper = takeFirstPart(30_000);
  assert.ok(fromHelper, "the helper's block");
  const { codec, base } = handCodec(2 * half.length + 4096);
  new Uint8Array(codec.memory.buffer, base, half.length).set(half);
  const out = base + half.length + 16;
  const written = codec.lz4_compress(base, 0, half.length, out, 1, 1);
  assertSameBytes(fromHelper.block, new Uint8Array(codec.memory.buffer, out, written));
  assert.equal(fromHelper.pending, codec.lz4_pending_literals());
});

/** The two-part block of `data` as the calling thread alone makes it, from the module's exports. */
function twoPartsByHand(data: Uint8Array): Uint8Array {
  const { codec, base } = handCodec(3 * data.length + 65536);
  const split = data.length >>> 1;
  const out = base + data.length + 16;
  new Uint8Array(codec.memory.buffer, base, data.length).set(data);
  const first = codec.lz4_compress(base, 0, split, out, 1, 1);
  const pending = codec.lz4_pending_literals();
  const from = Math.max(0, split - 65535);
  const at = out + first + 16;
  const second = codec.lz4_compress(base + from, split - from, data.length - from, at, 1, 0);
  return joinBlocks(
    data.length,
    new Uint8Array(codec.memory.buffer, out, first),
    data.subarray(pending, split),
    new Uint8Array(codec.memory.buffer, at, second),
  );
}

Deno.test("lz4 parallel: the block is the same whichever thread made each half", async () => {
  for (const data of [worldBlob(100 * 1024), saveLikeData(500_000), randomBytes(70_000, 6)]) {
    const expected = twoPartsByHand(data);
    await helperReadyFor(data);
    assertSameBytes(lz4CompressPrependSize(data), expected);
    // A half given up on at once keeps the helper busy or was taken back: the caller then
    // compresses both halves, or the helper takes the next half; the block is the same.
    postPart(data.subarray(0, data.length >> 1));
    takeFirstPart(0);
    assertSameBytes(lz4CompressPrependSize(data), expected);
    await helperReadyFor(data);
    assertSameBytes(lz4CompressPrependSize(data), expected);
  }
});

Deno.test("lz4 parallel: below the threshold, with threads off, or in TypeScript, one block", async () => {
  const small = saveLikeData(PARALLEL_MIN_SIZE - 1);
  const single = oneThread(small);
  await helperReadyFor(saveLikeData(PARALLEL_MIN_SIZE));
  assertSameBytes(lz4CompressPrependSize(small), single);
  const data = saveLikeData(200_000);
  assert.ok(firstDifference(oneThread(data), lz4CompressPrependSize(data)) >= 0);
  assertSameBytes(lz4DecompressSizePrepended(oneThread(data)), data);
  lz4UseBackend("typescript");
  try {
    assertSameBytes(lz4DecompressSizePrepended(lz4CompressPrependSize(data)), data);
  } finally {
    lz4UseBackend("wasm");
  }
});

/** What a child Deno with no permission prints running `code` (after importing the codec). */
async function childOutput(code: string): Promise<string> {
  const imports = `
    import {
      lz4CompressPrependSize,
      lz4CompressPrependSizeAsync,
      lz4DecompressSizePrepended,
    } from "${new URL("./mod.ts", import.meta.url).href}";
    import * as parallel from "${new URL("./lz4_parallel.ts", import.meta.url).href}";
    const data = new Uint8Array(300_000).map((_, i) => (i * 7) % 251 ^ (i >> 9));
    const roundTrips = () => lz4DecompressSizePrepended(lz4CompressPrependSize(data))
      .every((b, i) => b === data[i]);
    const settle = async () => {
      for (let i = 0; i < 3000 && !parallel.parallelHelperReady(); i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
    };`;
  const { code: status, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      "--no-prompt",
      `--config=${new URL("../../deno.json", import.meta.url).pathname}`,
      imports + code,
    ],
    env: { NO_COLOR: "1" },
  }).output();
  const text = new TextDecoder();
  assert.equal(status, 0, text.decode(stderr));
  return text.decode(stdout).trim();
}

Deno.test("lz4 parallel: the helper thread runs without any permission, and the process ends", async () => {
  const code = `
    lz4CompressPrependSize(data);
    await settle();
    console.log(parallel.parallelHelperReady(), roundTrips());`;
  assert.equal(await childOutput(code), "true true");
});

Deno.test("lz4 parallel: a helper that fails to start turns threads off, and nothing else", async () => {
  // A helper whose module is not WebAssembly: its thread reports the failure.
  const code = `
    parallel.startHelper(1 << 20, new Uint8Array([1, 2, 3]));
    for (let i = 0; i < 3000 && parallel.parallelEnabled(); i++) {
      parallel.postPart(data.subarray(0, 100_000));
      await new Promise((r) => setTimeout(r, 10));
    }
    console.log(parallel.parallelEnabled(), roundTrips());`;
  assert.equal(await childOutput(code), "false true");
});

// The asynchronous call (lz4CompressPrependSizeAsync): the halves on two helper threads while the
// caller's event loop runs on.

/**
 * Waits until both helper threads are idle and can take the halves of `data`: an asynchronous
 * compression of `data` first starts them, or restarts them with room for it.
 */
async function helperReadyForWhole(data: Uint8Array): Promise<void> {
  await lz4CompressPrependSizeAsync(data);
  assert.ok(await helperIdle(), "the helper thread did not start");
}

Deno.test("lz4 async: the helper threads make the synchronous call's block", async () => {
  const napi = await import("lz4-napi");
  const inputs: [string, Uint8Array][] = [
    ["world blob 1 MB", worldBlob(1024 * 1024)],
    ["world blob 8 MB", worldBlob(8 * 1024 * 1024)],
    ["save-like, the smallest taken", saveLikeData(ASYNC_MIN_SIZE)],
    ["incompressible 1.2 MB", randomBytes(1_200_000, 5)],
    ["zeros 2 MB", new Uint8Array(2_000_000)],
  ];
  for (const [name, data] of inputs) {
    await helperReadyForWhole(data);
    const watch = watchEventLoop();
    const packed = await lz4CompressPrependSizeAsync(data);
    // The caller's event loop ran while the helpers worked: a call that compressed at once would
    // have let no turn run. Checked on the 8 MB input, whose halves take the helpers 10 ms and
    // more: smaller ones may be done before the caller looks, if the system gives the helpers the
    // cores first (zeros and incompressible input take them microseconds).
    const turned = watch.stop().turns;
    if (name.endsWith("8 MB")) assert.ok(turned > 0, `${name}: no turn of the event loop ran`);
    assertSameBytes(packed, lz4CompressPrependSize(data), name);
    assertSameBytes(lz4DecompressSizePrepended(packed), data, name);
    assertSameBytes(new Uint8Array(napi.uncompressSync(packed)), data, `${name}: lz4_flex`);
  }
});

Deno.test("lz4 async: below the threshold, or with threads off, compressed at once", async () => {
  const small = saveLikeData(ASYNC_MIN_SIZE - 1);
  await helperReadyFor(small);
  const expected = lz4CompressPrependSize(small);
  assert.ok(await helperIdle());
  assertSameBytes(await lz4CompressPrependSizeAsync(small), expected, "below the threshold");
  const large = saveLikeData(2 * ASYNC_MIN_SIZE);
  lz4UseThreads(false);
  try {
    assertSameBytes(await lz4CompressPrependSizeAsync(large), oneThread(large), "threads off");
  } finally {
    lz4UseThreads(true);
  }
});

Deno.test("lz4 async: the input is copied before the call returns", async () => {
  const data = saveLikeData(3 * ASYNC_MIN_SIZE);
  const original = data.slice();
  await helperReadyForWhole(data);
  const pending = lz4CompressPrependSizeAsync(data);
  data.fill(0x55); // the caller reuses its buffer at once
  assertSameBytes(lz4DecompressSizePrepended(await pending), original);
});

Deno.test("lz4 async: while a call holds the helpers, other calls compress at once, each its own block", async () => {
  const inputs = [1, 2, 3].map((seed) => saveLikeData(2 * ASYNC_MIN_SIZE + seed * 1000, seed));
  const between = saveLikeData(PARALLEL_MIN_SIZE * 2, 9);
  await helperReadyForWhole(inputs[2]);
  const expected = lz4CompressPrependSize(between);
  assert.ok(await helperIdle());
  const pending = inputs.map((data) => lz4CompressPrependSizeAsync(data));
  // The first call holds the helper threads: a synchronous call compresses both halves itself.
  assertSameBytes(lz4CompressPrependSize(between), expected, "a synchronous call between");
  const packed = await Promise.all(pending);
  packed.forEach((p, i) => assertSameBytes(lz4DecompressSizePrepended(p), inputs[i], `call ${i}`));
  assert.ok(await helperIdle(), "the helper threads are free again");
});

/**
 * A WebAssembly module with the codec's exports whose `lz4_compress` traps (`unreachable`): a
 * helper running it starts, takes its part, and fails in the middle of it.
 */
const TRAPPING_CODEC = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // magic, version
  // types: (i32 × 6) -> i32, () -> i32
  ...[0x01, 0x0f, 0x02, 0x60, 0x06, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f],
  ...[0x60, 0x00, 0x01, 0x7f],
  ...[0x03, 0x03, 0x02, 0x00, 0x01], // functions: lz4_compress, lz4_pending_literals
  ...[0x05, 0x03, 0x01, 0x00, 0x01], // one page of memory
  ...[0x06, 0x07, 0x01, 0x7f, 0x00, 0x41, 0x80, 0x08, 0x0b], // __heap_base = 1024
  ...[0x07, 0x3e, 0x04], // exports
  ...[0x06, ...new TextEncoder().encode("memory"), 0x02, 0x00],
  ...[0x0b, ...new TextEncoder().encode("__heap_base"), 0x03, 0x00],
  ...[0x0c, ...new TextEncoder().encode("lz4_compress"), 0x00, 0x00],
  ...[0x14, ...new TextEncoder().encode("lz4_pending_literals"), 0x00, 0x01],
  // code: unreachable; i32.const 0
  ...[0x0a, 0x0a, 0x02, 0x03, 0x00, 0x00, 0x0b, 0x04, 0x00, 0x41, 0x00, 0x0b],
]);

Deno.test("lz4 async: a helper that fails in the middle of its half has the half compressed by the caller", async () => {
  assert.ok(WebAssembly.validate(TRAPPING_CODEC));
  const code = `
    const large = new Uint8Array(2_500_000).map((_, i) => (i * 7) % 251 ^ (i >> 9));
    const expected = lz4CompressPrependSize(large); // starts the first helper
    parallel.startHelper(1 << 21, new Uint8Array([${TRAPPING_CODEC.join(",")}]), 1);
    await settle();
    const packed = await lz4CompressPrependSizeAsync(large);
    const same = packed.length === expected.length && packed.every((b, i) => b === expected[i]);
    console.log(parallel.parallelHelperReady(), parallel.parallelEnabled(), same);`;
  // The second helper took its half and failed (it is not ready: a helper never posted to would
  // be), its half was compressed here into the same block, and threads stay on until the next
  // post finds the failure (then they go off, as for a helper that fails to start).
  assert.equal(await childOutput(code), "false true true");
});
