/**
 * Exports for tools that do not read Deno's format: Bencher Metric Format (`bmf.json`) and
 * github-action-benchmark's `customSmallerIsBetter` (`github-action-benchmark.json`).
 *
 * Both carry only what was resolved: failed benchmarks and results at the harness floor are left
 * out (a number under the floor is not a measurement), and quick runs are not exported at all.
 * The harness floor itself is exported, so a tracker can follow the machine.
 *
 * @module
 */

import { formatNs } from "./format.ts";
import { significant } from "./precision.ts";
import type { BenchmarkReport, Report } from "./schema.ts";

/** One BMF metric: a value with optional bounds. */
export interface BmfMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

/** Bencher Metric Format: benchmark name → measure slug → metric. */
export type Bmf = Record<string, Record<string, BmfMetric>>;

/** One entry of github-action-benchmark's `customSmallerIsBetter` input. */
export interface ActionBenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

function exported(
  report: Report,
): (BenchmarkReport & { stats: NonNullable<BenchmarkReport["stats"]> })[] {
  if (report.run.quick) return [];
  return report.benchmarks.filter((
    b,
  ): b is BenchmarkReport & { stats: NonNullable<BenchmarkReport["stats"]> } =>
    b.status === "ok" && b.stats !== undefined && !b.atFloor
  );
}

/**
 * Work per call ÷ time per call, as a BMF metric: the fastest call gives the highest rate. Rates
 * have five significant digits, as the times they come from do.
 */
function rate(work: number, avg: number, min: number, upper: number): BmfMetric {
  return {
    value: significant((work * 1e9) / avg),
    lower_value: significant((work * 1e9) / upper),
    upper_value: significant((work * 1e9) / min),
  };
}

/**
 * Bencher Metric Format. `latency` is in nanoseconds: value = avg, lower = min, upper = p99 (or
 * avg when p99 is below it). Declared throughput adds `throughput` (elements per second: Bencher's
 * built-in measure, operations/s) and `throughput-bytes` (bytes per second), each computed from
 * the same three times.
 *
 * @example
 * ```ts ignore
 * import { toBmf } from "./exports.ts";
 * const bmf = toBmf(report); // { "aw-codec/crc32/crc32/100KB": { latency: { value, lower_value, upper_value } } }
 * ```
 */
export function toBmf(report: Report): Bmf {
  const bmf: Bmf = {};
  for (const b of exported(report)) {
    const { avg, min, p99 } = b.stats;
    const upper = Math.max(p99, avg);
    const measures: Record<string, BmfMetric> = {
      latency: { value: avg, lower_value: min, upper_value: upper },
    };
    if (b.throughput?.elements) {
      measures.throughput = rate(b.throughput.elements, avg, min, upper);
    }
    if (b.throughput?.bytes) {
      measures["throughput-bytes"] = rate(b.throughput.bytes, avg, min, upper);
    }
    bmf[b.id] = measures;
  }
  return bmf;
}

/**
 * github-action-benchmark `customSmallerIsBetter` entries: value = p75 in ns (what the report
 * grades), range = "± half of p99 − min", extra = the other statistics, the budget and grade.
 *
 * @example
 * ```ts ignore
 * import { toActionBenchmark } from "./exports.ts";
 * const entries = toActionBenchmark(report); // [{ name, unit: "ns", value, range, extra }]
 * ```
 */
export function toActionBenchmark(report: Report): ActionBenchmarkEntry[] {
  return exported(report).map((b) => {
    const { avg, min, max, p75, p99, n } = b.stats;
    const extra = [
      `avg ${formatNs(avg)}, min ${formatNs(min)}, p99 ${formatNs(p99)}, max ${
        formatNs(max)
      }, n ${n}`,
      b.kind === "floor"
        ? "harness floor: an empty function"
        : b.budget
        ? `budget ${formatNs(b.budget.ns)}${b.grade ? `, grade ${b.grade}` : ""}`
        : b.kind === "peer"
        ? `peer library ${b.peer}`
        : "no budget",
    ];
    if (b.noisy) extra.push("noisy");
    return {
      name: b.id,
      unit: "ns",
      value: p75,
      range: `± ${Number(((p99 - min) / 2).toPrecision(3))}`,
      extra: extra.join("\n"),
    };
  });
}
