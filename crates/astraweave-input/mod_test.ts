import assert from "node:assert/strict";
import { sum } from "./mod.ts";

Deno.test("sum: known answers", () => {
  assert.equal(sum([]), 0);
  assert.equal(sum(new Float64Array([1, 2, 3.5])), 6.5);
  assert.equal(sum([1e308, -1e308, 1]), 1);
});
