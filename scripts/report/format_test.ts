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

Deno.test("three significant digits read as String of the rounded double would print them", () => {
  const reference = (value: number) => {
    const scale = value >= 100 ? 1 : value >= 10 ? 10 : 100;
    return `×${String(Math.round(value * scale) / scale)}`;
  };
  // Every hundredth to 1,000 (each digit pattern and carry: 9.995, 99.95, 999.5), then values
  // spread over twelve orders of magnitude from a fixed seed, with zero and negatives.
  const values = Array.from({ length: 100_001 }, (_, i) => i / 100);
  let state = 7;
  for (let i = 0; i < 100_000; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    values.push(Math.exp((state / 2 ** 32) * 28 - 9));
  }
  values.push(9.995, 99.95, 999.5, 0.004, 0.005, 0, -0.5, -12.345);
  for (const value of values) assert.equal(formatFactor(value), reference(value), `${value}`);
});
