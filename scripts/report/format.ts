/**
 * Formatting of times, rates, factors and percentages for every output of the report. Times are
 * never printed below one nanosecond: the harness cannot resolve them (see the honesty rules in
 * `README.md`).
 *
 * @module
 */

import { powerOfTen } from "./precision.ts";

const TIME_UNITS: ReadonlyArray<readonly [number, string]> = [
  [1e9, "s"],
  [1e6, "ms"],
  [1e3, "µs"],
  [1, "ns"],
];

/**
 * `value` (1 ≤ value < 1000) to three significant digits, without trailing zeros: the text of
 * `Math.round(value * scale) / scale` for a scale of 1, 10 or 100. Plain arithmetic: the report
 * formats tens of thousands of numbers, and toFixed/toPrecision with a regular expression cost more
 * than the rest of the Markdown together. The digits are written from the integer, as String of
 * that double would print them (its shortest form is that decimal), at about half the cost.
 */
function sig3(value: number): string {
  if (value >= 100) return String(Math.round(value));
  if (!(value >= 0)) return String(Math.round(value * 100) / 100);
  const scale = value >= 10 ? 10 : 100;
  const scaled = Math.round(value * scale);
  const whole = Math.floor(scaled / scale);
  const fraction = scaled - whole * scale;
  if (fraction === 0) return String(whole);
  if (scale === 10) return `${whole}.${fraction}`;
  if (fraction % 10 === 0) return `${whole}.${fraction / 10}`;
  return `${whole}.${fraction < 10 ? "0" : ""}${fraction}`;
}

/** `value` rounded to three significant digits (as a number). */
function round3(value: number): number {
  const exponent = Math.floor(Math.log10(value)) - 2;
  // Powers of ten above 1 are exact; dividing by an inexact 0.001 would not be.
  if (exponent >= 0) {
    const scale = powerOfTen(exponent);
    return Math.round(value / scale) * scale;
  }
  const scale = powerOfTen(-exponent);
  return Math.round(value * scale) / scale;
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/**
 * A duration given in nanoseconds, in the largest unit that keeps it at or above 1, to three
 * significant digits. Anything under 1 ns prints as "< 1 ns": never a picosecond figure.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatNs } from "./format.ts";
 * assert.equal(formatNs(4.2683), "4.27 ns");
 * assert.equal(formatNs(1_014_653), "1.01 ms");
 * assert.equal(formatNs(0.3), "< 1 ns");
 * ```
 */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return "n/a";
  if (ns < 1) return "< 1 ns";
  // Round to three significant digits before choosing the unit, so 999.6 ns prints as "1 µs".
  const rounded = round3(ns);
  for (const [scale, unit] of TIME_UNITS) {
    if (rounded >= scale) return `${sig3(rounded / scale)} ${unit}`;
  }
  return `${sig3(rounded)} ns`;
}

const SI: ReadonlyArray<readonly [number, string]> = [
  [1e12, "T"],
  [1e9, "G"],
  [1e6, "M"],
  [1e3, "k"],
];

/**
 * A rate with an SI prefix: `formatRate(2.5e9, "B/s")` is "2.5 GB/s".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatRate } from "./format.ts";
 * assert.equal(formatRate(2.5e9, "B/s"), "2.5 GB/s");
 * assert.equal(formatRate(512, "elem/s"), "512 elem/s");
 * ```
 */
export function formatRate(value: number, unit: string): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value <= 0) return `0 ${unit}`;
  const rounded = round3(value);
  for (const [scale, prefix] of SI) {
    if (rounded >= scale) return `${sig3(rounded / scale)} ${prefix}${unit}`;
  }
  return `${sig3(value)} ${unit}`;
}

/**
 * Bytes per second, always in MB/s (10^6 bytes), so every byte rate of the report reads on one
 * scale: 2.5 GB/s is "2,500 MB/s", 512 KB/s is "0.512 MB/s".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatMBps } from "./format.ts";
 * assert.equal(formatMBps(2.5e9), "2,500 MB/s");
 * assert.equal(formatMBps(512_000), "0.512 MB/s");
 * ```
 */
export function formatMBps(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond)) return "n/a";
  const mb = bytesPerSecond / 1e6;
  const digits = mb >= 100 ? 0 : mb >= 10 ? 1 : 3 - Math.max(0, Math.floor(Math.log10(mb)) + 1);
  return `${
    mb.toLocaleString("en-US", {
      maximumFractionDigits: Math.max(0, digits),
      minimumFractionDigits: 0,
    })
  } MB/s`;
}

/**
 * A count with thousands separators, rounded down (capacity is whole calls).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatCount } from "./format.ts";
 * assert.equal(formatCount(1234567.8), "1,234,567");
 * ```
 */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  // Grouping by hand: toLocaleString is slow enough to show in a 10,000-benchmark report.
  const digits = String(Math.floor(Math.abs(value)));
  let text = "";
  for (let end = digits.length; end > 0; end -= 3) {
    text = digits.slice(Math.max(0, end - 3), end) + (text ? "," + text : "");
  }
  return value < 0 ? `-${text}` : text;
}

/**
 * A factor such as a headroom or a speed ratio: "×2.35".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatFactor } from "./format.ts";
 * assert.equal(formatFactor(2.345), "×2.35");
 * ```
 */
export function formatFactor(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  return `×${sig3(value)}`;
}

/**
 * A time factor (after ÷ before) in words, as {@link formatFactor} shows it: "same" when it reads
 * ×1, so a table never says "×1 (faster)".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatFactor, speedWord } from "./format.ts";
 * assert.equal(`${formatFactor(0.9996)} (${speedWord(0.9996)})`, "×1 (same)");
 * assert.equal(speedWord(0.95), "faster");
 * assert.equal(speedWord(1.01), "slower");
 * ```
 */
export function speedWord(factor: number): "faster" | "slower" | "same" {
  if (sig3(factor) === "1") return "same";
  return factor < 1 ? "faster" : "slower";
}

/**
 * A signed percentage change from a factor: 1.25 is "+25%", 0.8 is "−20%".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatChange } from "./format.ts";
 * assert.equal(formatChange(1.25), "+25%");
 * assert.equal(formatChange(0.8), "−20%");
 * ```
 */
export function formatChange(factor: number): string {
  if (!Number.isFinite(factor)) return "n/a";
  const percent = (factor - 1) * 100;
  const text = Math.abs(percent) >= 10
    ? Math.abs(percent).toFixed(0)
    : trimZeros(Math.abs(percent).toFixed(1));
  return `${percent < 0 ? "−" : "+"}${text}%`;
}

/**
 * A percentage of a whole: `formatPercent(2, 9)` is "22.2%".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatPercent } from "./format.ts";
 * assert.equal(formatPercent(2, 9), "22.2%");
 * assert.equal(formatPercent(0, 0), "n/a");
 * ```
 */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return "n/a";
  return `${trimZeros(((part / whole) * 100).toFixed(1))}%`;
}

/**
 * A measured time under the honesty rule: a result at the harness floor prints as "≤ floor",
 * never as a number smaller than what the harness can resolve.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatMeasured } from "./format.ts";
 * assert.equal(formatMeasured(4.1, true), "≤ floor");
 * assert.equal(formatMeasured(292.8, false), "293 ns");
 * ```
 */
export function formatMeasured(ns: number, atFloor: boolean): string {
  return atFloor ? "≤ floor" : formatNs(ns);
}
