/**
 * The CI gate (`--check`): the benchmarks over budget and the regressions of a report, one line
 * each. Inconclusive regressions (the machine changed) are printed but do not fail the gate.
 *
 * @module
 */

import { formatFactor, formatNs } from "./format.ts";
import type { Comparison, Report } from "./schema.ts";

/** The regressions of a comparison as gate lines. */
export function regressionLines(comparison: Comparison | null): string[] {
  return (comparison?.changes ?? []).filter((c) => c.verdict === "regressed").map((change) =>
    `regressed    ${change.key}: p75 ${formatNs(change.after.p75)}, baseline ${
      formatNs(change.before.p75)
    }, ${formatFactor(change.factorP75)} (${change.rule})`
  );
}

/** The offenders of the gate, one line each: over budget, then regressed. */
export function gateOffenders(report: Report): string[] {
  if (report.run.quick) return [];
  const lines: string[] = [];
  for (const b of report.benchmarks) {
    if (b.grade === "F" && b.stats && b.budget) {
      lines.push(
        `over budget  ${b.id}: p75 ${formatNs(b.stats.p75)}, budget ${formatNs(b.budget.ns)}, ${
          formatFactor(b.stats.p75 / b.budget.ns)
        }`,
      );
    }
  }
  return [...lines, ...regressionLines(report.comparison)];
}
