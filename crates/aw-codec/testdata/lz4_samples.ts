/**
 * LZ4 test inputs and helpers shared by the backends' tests (TypeScript, WebAssembly, native).
 *
 * @module
 */

import { randomBytes } from "@astraweave/testing/random";
import { saveLikeData } from "@astraweave/testing/save-like";

const ascii = (s: string) => new TextEncoder().encode(s);

/** Inputs at the edges of the format: sizes around the end-of-block limits, runs, noise. */
export function sampleInputs(): [string, Uint8Array][] {
  const overlapping = new Uint8Array(5000);
  for (let i = 0; i < overlapping.length; i++) overlapping[i] = "abcdefg".charCodeAt(i % 7);
  const longLiteralsThenMatch = new Uint8Array(2000);
  longLiteralsThenMatch.set(randomBytes(700, 9));
  longLiteralsThenMatch.set(randomBytes(700, 9), 1000); // a 700-byte match 1000 back
  return [
    ["empty", new Uint8Array(0)],
    ["1 byte", new Uint8Array([42])],
    ...[4, 5, 11, 12, 13, 14, 17, 20].map((n): [string, Uint8Array] => [
      `${n} zeros`,
      new Uint8Array(n),
    ]),
    ["text", ascii("the quick brown fox jumps over the lazy dog; ".repeat(50))],
    ["incompressible 100 KB", randomBytes(100_000, 1)],
    ["1 MB of zeros", new Uint8Array(1_000_000)],
    ["period-7 pattern (overlapping matches)", overlapping],
    ["long literal run then long match", longLiteralsThenMatch],
    ["save-like 100 KB", saveLikeData(100_000)],
  ];
}

/**
 * Where the first match offset of a size-prepended block sits: after the size, the first token
 * and its literals (with their extra length bytes). Tests corrupt it to reach `bad_offset`.
 */
export function firstOffsetAt(packed: Uint8Array): number {
  let at = 5;
  let literals = packed[4] >> 4;
  if (literals === 15) {
    do literals += packed[at]; while (packed[at++] === 255);
  }
  return at + literals;
}
