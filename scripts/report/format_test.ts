import assert from "node:assert/strict";
import {
  formatChange,
  formatCount,
  formatFactor,
  formatMeasured,
  formatNs,
  formatPercent,
  formatRate,
} from "./format.ts";

Deno.test("formatNs picks the unit after rounding and never prints picoseconds", () => {
  assert.equal(formatNs(4.2683), "4.27 ns");
  assert.equal(formatNs(99.873), "99.9 ns");
  assert.equal(formatNs(999.6), "1 µs");
  assert.equal(formatNs(3091.55), "3.09 µs");
  assert.equal(formatNs(1_014_653), "1.01 ms");
  assert.equal(formatNs(2.5e9), "2.5 s");
  for (const tiny of [0, 0.001, 0.5, 0.999]) assert.equal(formatNs(tiny), "< 1 ns");
  assert.equal(formatNs(Number.NaN), "n/a");
});

Deno.test("at-floor results print as ≤ floor, not as a number", () => {
  assert.equal(formatMeasured(0.3, true), "≤ floor");
  assert.equal(formatMeasured(5, false), "5 ns");
});

Deno.test("rates, counts, factors, changes and percentages", () => {
  assert.equal(formatRate(2.5e9, "B/s"), "2.5 GB/s");
  assert.equal(formatRate(999_999, "B/s"), "1 MB/s");
  assert.equal(formatCount(1_234_567.9), "1,234,567");
  assert.equal(formatFactor(1.24999), "×1.25");
  assert.equal(formatChange(1.25), "+25%");
  assert.equal(formatChange(0.95), "−5%");
  assert.equal(formatPercent(2, 9), "22.2%");
  assert.equal(formatPercent(1, 0), "n/a");
});
