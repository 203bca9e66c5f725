/**
 * astraweave-input: a new AstraWeave crate (replace this line with what it does)
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sum } from "@astraweave/input";
 * assert.equal(sum(new Float64Array([1, 2, 3.5])), 6.5);
 * ```
 *
 * @module
 */

/**
 * The sum of `values`: the example function this crate starts with. Replace it with the crate's
 * API, keeping a documented, asserting example on every export.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sum } from "@astraweave/input";
 * assert.equal(sum([]), 0);
 * ```
 */
export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}
