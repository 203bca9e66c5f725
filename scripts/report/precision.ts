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
  if (value <= 0 || !Number.isFinite(value)) return value;
  const exponent = Math.floor(Math.log10(value)) - 4;
  // Powers of ten above 1 are exact; dividing by an inexact 0.001 would not be.
  if (exponent >= 0) return Math.round(value / 10 ** exponent) * 10 ** exponent;
  return Math.round(value * 10 ** -exponent) / 10 ** -exponent;
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
