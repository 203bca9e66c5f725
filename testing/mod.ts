/**
 * Test support shared by the crates' tests and the bench inputs: one seeded PRNG, seeded
 * mutators that turn valid inputs into hostile ones (for each crate's `hostile_test.ts`),
 * realistic save-like and world-blob bytes, a temporary directory that is always removed, and a
 * watch on the event loop.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mulberry32 } from "@astraweave/testing";
 * const a = mulberry32(7), b = mulberry32(7);
 * assert.equal(a(), b());
 * ```
 *
 * @module
 */

export * from "./event_loop.ts";
export * from "./hostile.ts";
export * from "./random.ts";
export * from "./save_like.ts";
export * from "./temp_dir.ts";
export * from "./world_blob.ts";
