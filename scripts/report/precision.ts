/**
 * How precisely the report keeps times: five significant digits, in history files and in
 * `latest.json` alike. The harness resolves nothing finer (its floor is a few nanoseconds, and
 * run-to-run noise is percents), and five digits take a third of the characters of a full double.
 *
 * @module
 */

import type { BenchStats } from "./schema.ts";

/**
 * `value` to five significant digits: 1 part in 10,000, far finer than any threshold or noise band.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { significant } from "./precision.ts";
 * assert.equal(significant(5000.0967383384705), 5000.1);
 * assert.equal(significant(123_456_789), 123_460_000);
 * assert.equal(significant(4.2683333), 4.2683);
 * ```
 */
export function significant(value: number): number {
  return fiveDigits(value, false);
}

/**
 * `value` to five significant digits, rounded down: for a figure kept as a bound or compared with
 * thresholds (calls that fit in a frame, headroom against the grade bands). Any rounding to fewer
 * digits, and any comparison with a threshold of five digits or fewer, gives the same answer for
 * the kept value as for `value`: 0.999996 stays under 1, and 99.9996 calls a frame stay 99 whole.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { significantDown } from "./precision.ts";
 * assert.equal(significantDown(0.9999961), 0.99999);
 * assert.equal(significantDown(318.4591), 318.45);
 * assert.equal(significantDown(4_166_666.7), 4_166_600);
 * assert.equal(significantDown(0.29), 0.29); // a value already of five digits is kept as it is
 * ```
 */
export function significantDown(value: number): number {
  return fiveDigits(value, true);
}

/**
 * `value` to five significant digits, the nearest (or, with `down`, the nearest not above `value`:
 * one unit of the fifth digit less when the nearest is above it).
 */
function fiveDigits(value: number, down: boolean): number {
  if (value <= 0 || !Number.isFinite(value)) return value;
  const exponent = Math.floor(Math.log10(value)) - 4;
  // Powers of ten above 1 are exact; dividing by an inexact 0.001 would not be.
  if (exponent >= 0) {
    const scale = powerOfTen(exponent);
    const units = Math.round(value / scale);
    const rounded = units * scale;
    return down && rounded > value ? (units - 1) * scale : rounded;
  }
  const scale = powerOfTen(-exponent);
  const units = Math.round(value * scale);
  const rounded = units / scale;
  return down && rounded > value ? (units - 1) / scale : rounded;
}

/** `10 ** k` for k from 0 to 22 (each exact in a double), computed once. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * `10 ** k` for an integer `k` ≥ 0: from a table up to 10^22 (the same doubles `**` gives), as
 * every time is rounded (70,000 times in a 10,000-benchmark report) and `**` costs more than the
 * rest of the rounding.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { powerOfTen } from "./precision.ts";
 * assert.equal(powerOfTen(3), 1000);
 * assert.equal(powerOfTen(30), 1e30);
 * ```
 */
export function powerOfTen(k: number): number {
  return k < POWERS_OF_TEN.length ? POWERS_OF_TEN[k] : 10 ** k;
}

/**
 * A benchmark's statistics as the report keeps them: times to five {@link significant} digits,
 * counts and flags as they are.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { significantStats } from "./precision.ts";
 * const kept = significantStats({ n: 10, min: 1.234567, max: 9.87654321, avg: 2.0000001,
 *   p75: 2.3456789, p99: 3, p995: 4, p999: 5, highPrecision: true, usedExplicitTimers: false });
 * assert.deepEqual([kept.min, kept.max, kept.avg, kept.p75], [1.2346, 9.8765, 2, 2.3457]);
 * ```
 */
export function significantStats(stats: BenchStats): BenchStats {
  return {
    n: stats.n,
    min: significant(stats.min),
    max: significant(stats.max),
    avg: significant(stats.avg),
    p75: significant(stats.p75),
    p99: significant(stats.p99),
    p995: significant(stats.p995),
    p999: significant(stats.p999),
    highPrecision: stats.highPrecision,
    usedExplicitTimers: stats.usedExplicitTimers,
  };
}
