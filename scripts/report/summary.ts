/**
 * The first screen: what a lead reads in ten seconds, as one list of lines that `latest.md`, the
 * terminal and the dashboard all show at the top. Where the run came from, coverage of the
 * workspace and of the engine (before → after), tier status, whether the machine changed, what is
 * over budget, what regressed, what got faster, the slowest benchmark per crate. Long lists
 * collapse into counts per crate.
 *
 * @module
 */

import { formatFactor, formatMeasured, formatNs, formatPercent } from "./format.ts";
import type { Report } from "./schema.ts";
import { tierTiming } from "./tables.ts";

/** One line of the summary, with how it should stand out. */
export interface SummaryLine {
  tone: "bad" | "warn" | "good" | "plain";
  text: string;
}

/**
 * Names, or counts per crate when there are more than `limit` ("215 removed: 120 in aw-codec, 95
 * in aw-save").
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { collapseIds } from "./summary.ts";
 * assert.equal(collapseIds(["a/g/x", "a/g/y"], 5), "a/g/x, a/g/y");
 * assert.equal(collapseIds(["a/g/x", "a/g/y", "b/g/z"], 2), "2 in a, 1 in b");
 * ```
 */
export function collapseIds(ids: readonly string[], limit: number): string {
  if (ids.length <= limit) return ids.join(", ");
  const perCrate = new Map<string, number>();
  for (const id of ids) {
    const crate = id.slice(0, id.indexOf("/"));
    perCrate.set(crate, (perCrate.get(crate) ?? 0) + 1);
  }
  return [...perCrate].sort(([, a], [, b]) => b - a).map(([crate, n]) => `${n} in ${crate}`)
    .join(", ");
}

/** Where the figures come from: this run, or imported from files (and when those were measured). */
export function provenance(report: Report): string {
  const { run } = report;
  if (run.source === "input") {
    return `imported: read from ${run.inputs.join(", ")}${
      run.measured ? ` (measured ${run.measured.slice(0, 16).replace("T", " ")} UTC)` : ""
    }, not measured in this run`;
  }
  if (run.quick) return "quick run: proves the benches run; its times are not measurements";
  return `measured in this run${run.full ? " (every bench file)" : " (some bench files)"}`;
}

/** The summary lines of a report. */
export function summaryLines(report: Report): SummaryLine[] {
  const { run, coverage, comparison, settings } = report;
  const lines: SummaryLine[] = [];
  const limit = settings.listedNames;
  lines.push({
    tone: run.source === "input" || run.quick ? "warn" : "plain",
    text: provenance(report),
  });

  const before = comparison?.coverage.find((c) => c.label === "crates with passing benchmarks");
  const was = before && before.before !== coverage.covered.length
    ? `${formatPercent(before.before, comparison!.coverage[0].before)} → `
    : "";
  lines.push({
    tone: "plain",
    text: `coverage: ${was}${
      formatPercent(coverage.covered.length, coverage.members.length)
    } of ${coverage.members.length} workspace crates (${coverage.covered.length} covered)${
      coverage.engine
        ? `; ${coverage.engine.covered} of ${coverage.engine.total} engine crates (${
          formatPercent(coverage.engine.covered, coverage.engine.total)
        })${
          coverage.engine.oursOnly.length
            ? `, plus ${coverage.engine.oursOnly.join(", ")} of ours`
            : ""
        }`
        : ""
    }`,
  });
  for (const tier of coverage.tiers) {
    const missing = tier.crates.length - tier.covered.length;
    lines.push({
      tone: tier.completed ? "good" : tier.daysLate !== null && tier.daysLate > 0 ? "bad" : "plain",
      text: `${tier.name}: ${tier.covered.length} of ${tier.crates.length} crates covered${
        missing ? ` (${missing} to go)` : ""
      }, ${tierTiming(tier)}${tier.target ? ` (target ${tier.target})` : ""}`,
    });
  }
  if (run.quick) return lines;

  if (comparison?.machine?.changed) {
    lines.push({
      tone: "warn",
      text: `the machine changed since ${comparison.baseline.file}: ${
        comparison.machine.reasons.join("; ")
      }; regressions that do not clear the shift are inconclusive`,
    });
  }
  const over = report.benchmarks.filter((b) => b.grade === "F");
  lines.push(
    over.length
      ? {
        tone: "bad",
        text: `over budget (${over.length}): ${collapseIds(over.map((b) => b.id), limit)}`,
      }
      : { tone: "good", text: "no benchmark over budget" },
  );
  if (comparison?.timesCompared) {
    const ids = (verdict: string) =>
      comparison.changes.filter((c) => c.verdict === verdict && c.kind === "bench").map((c) =>
        `${c.id} ${formatFactor(c.factorP75)}`
      );
    const regressed = ids("regressed");
    const inconclusive = ids("inconclusive");
    const improved = ids("improved");
    lines.push(
      regressed.length
        ? {
          tone: "bad",
          text: `regressed against ${comparison.baseline.file} (${regressed.length}): ${
            collapseIds(regressed, limit)
          }`,
        }
        : { tone: "good", text: `nothing regressed against ${comparison.baseline.file}` },
    );
    if (inconclusive.length) {
      lines.push({
        tone: "warn",
        text: `inconclusive (${inconclusive.length}, the machine changed): ${
          collapseIds(inconclusive, limit)
        }`,
      });
    }
    if (improved.length) {
      lines.push({
        tone: "good",
        text: `faster (${improved.length}): ${collapseIds(improved, limit)}`,
      });
    }
    if (comparison.added.length || comparison.removed.length) {
      lines.push({
        tone: "plain",
        text: `benchmarks added ${comparison.added.length}${
          comparison.added.length ? ` (${collapseIds(comparison.added, limit)})` : ""
        }, removed ${comparison.removed.length}${
          comparison.removed.length ? ` (${collapseIds(comparison.removed, limit)})` : ""
        }`,
      });
    }
  }
  const slowest = report.crates.flatMap((c) => {
    const top = c.groups.map((g) => g.slowest && { group: g.group, ...g.slowest })
      .filter((s) => s !== null).sort((a, b) => b!.p75 - a!.p75)[0];
    return top
      ? [`${c.crate} ${top.group}/${top.name} ${formatMeasured(top.p75, top.atFloor)}`]
      : [];
  });
  if (slowest.length) {
    lines.push({ tone: "plain", text: `slowest per crate: ${slowest.join("; ")}` });
  }
  if (report.floor) {
    lines.push({ tone: "plain", text: `harness floor ${formatNs(report.floor.p75)} per call` });
  }
  return lines;
}
