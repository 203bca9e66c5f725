/**
 * Input sequence numbers: u32 on the wire, 0 reserved for "none yet", and after 0xFFFFFFFF comes
 * 1 again. Which of two numbers is newer is decided by serial-number arithmetic (RFC 1982): the one
 * ahead by less than half the number space. So a stream never freezes at the top of the range (a
 * client that announces 0xFFFFFFFF goes on with 1, 2...), and at 60 inputs a second the halfway
 * point is a year away.
 *
 * @module
 */

/** The largest sequence number; the next one is 1. */
export const MAX_SEQUENCE = 0xffff_ffff;

const HALF = 0x8000_0000;

/**
 * The sequence number after `seq` (1 after 0xFFFFFFFF; 0 is never used).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nextSequence } from "@astraweave/net-ecs";
 * assert.equal(nextSequence(41), 42);
 * assert.equal(nextSequence(0xffff_ffff), 1);
 * ```
 */
export function nextSequence(seq: number): number {
  return seq >= MAX_SEQUENCE ? 1 : seq + 1;
}

/**
 * Whether sequence number `a` is newer than `b`: ahead of it by less than 2^31, counting across
 * the wrap. Every number is newer than 0 ("none yet"), and 0 is newer than nothing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sequenceNewer } from "@astraweave/net-ecs";
 * assert.equal(sequenceNewer(5, 4), true);
 * assert.equal(sequenceNewer(4, 5), false);
 * assert.equal(sequenceNewer(2, 0xffff_fffe), true); // across the wrap
 * assert.equal(sequenceNewer(0xffff_ffff, 0), true);
 * ```
 */
export function sequenceNewer(a: number, b: number): boolean {
  if (a === 0) return false;
  if (b === 0) return true;
  const ahead = (a - b) >>> 0;
  return ahead !== 0 && ahead < HALF;
}
