/**
 * The first screen: what a lead reads in ten seconds, as one list of lines that `latest.md`, the
 * terminal and the dashboard all show at the top. Where the run came from, coverage of the
 * workspace and of the engine (before → after), tier status, whether the machine changed, what is
 * over budget, what regressed, what got faster, the slowest benchmark per crate. Long lists
 * collapse into counts per crate.
 *
 * @module
 */

import { formatCount, formatFactor, formatMeasured, formatNs, formatPercent } from "./format.ts";
import type { Report } from "./schema.ts";
import { tierTiming } from "./tables.ts";

/** One line of the summary, with how it should stand out. */
export interface SummaryLine {
  tone: "bad" | "warn" | "good" | "plain";
  text: string;
}

/**
 * Names, or when there are more than `limit`, the first (the worst, in a sorted list) and counts
 * per crate ("first a/g/x ×2.1; 120 in aw-codec, 95 in aw-save").
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { collapseIds } from "./summary.ts";
 * assert.equal(collapseIds(["a/g/x", "a/g/y"], 5), "a/g/x, a/g/y");
 * assert.equal(collapseIds(["a/g/x", "a/g/y", "b/g/z"], 2), "first a/g/x; 2 in a, 1 in b");
 * assert.equal(collapseIds(["a/g/x", "a/g/y", "b/g/z"], 2, "worst"), "worst a/g/x; 2 in a, 1 in b");
 * ```
 */
export function collapseIds(ids: readonly string[], limit: number, lead = "first"): string {
  if (ids.length <= limit) return ids.join(", ");
  const perCrate = new Map<string, number>();
  for (const id of ids) {
    const crate = id.slice(0, id.indexOf("/"));
    perCrate.set(crate, (perCrate.get(crate) ?? 0) + 1);
  }
  return `${lead} ${ids[0]}; ${
    [...perCrate].sort(([, a], [, b]) => b - a).map(([crate, n]) => `${n} in ${crate}`).join(", ")
  }`;
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
  const over = report.benchmarks.filter((b) => b.grade === "F")
    .sort((a, b) => a.headroom! - b.headroom!);
  lines.push(
    over.length
      ? {
        tone: "bad",
        text: `over budget (${over.length}): ${collapseIds(over.map((b) => b.id), limit, "worst")}`,
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
    const improved = ids("improved").reverse(); // biggest gain first
    lines.push(
      regressed.length
        ? {
          tone: "bad",
          text: `regressed against ${comparison.baseline.file} (${regressed.length}): ${
            collapseIds(regressed, limit, "worst")
          }`,
        }
        : { tone: "good", text: `nothing regressed against ${comparison.baseline.file}` },
    );
    if (inconclusive.length) {
      lines.push({
        tone: "warn",
        text: `inconclusive (${inconclusive.length}, the machine changed): ${
          collapseIds(inconclusive, limit, "largest")
        }`,
      });
    }
    if (improved.length) {
      lines.push({
        tone: "good",
        text: `faster (${improved.length}): ${collapseIds(improved, limit, "biggest gain")}`,
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

/**
 * A peer comparison in words that say which side is faster: "ours 8.3× faster than crc-32",
 * "lz4js 1.4× faster than ours", "ours and JSON equal".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { peerWording } from "./summary.ts";
 * assert.equal(peerWording(8.31, "crc-32"), "ours 8.31× faster than crc-32");
 * assert.equal(peerWording(0.5, "lz4js"), "lz4js 2× faster than ours");
 * ```
 */
export function peerWording(peerRatio: number, peer: string): string {
  const factor = (value: number) => formatFactor(value).replace(/^×(.*)$/, "$1×");
  if (Math.abs(peerRatio - 1) < 0.005) return `ours and ${peer} equal`;
  return peerRatio > 1
    ? `ours ${factor(peerRatio)} faster than ${peer}`
    : `${peer} ${factor(1 / peerRatio)} faster than ours`;
}

const measuredIndex = new WeakMap<Report, Map<string, Report["benchmarks"]>>();

/** A report's measured benchmarks by crate, built once per report (renderers ask per crate). */
function measuredByCrate(report: Report): Map<string, Report["benchmarks"]> {
  let index = measuredIndex.get(report);
  if (!index) {
    index = new Map();
    for (const b of report.benchmarks) {
      if (b.status !== "ok" || !b.stats) continue;
      const list = index.get(b.crate);
      if (list) list.push(b);
      else index.set(b.crate, [b]);
    }
    measuredIndex.set(report, index);
  }
  return index;
}

/**
 * A crate's highlights, computed as the original report gave them by hand: its fastest and
 * slowest benchmarks with their capacity in a 60 FPS frame, its best headroom, and how it
 * compares with each peer library measured against it.
 */
export function crateHighlights(report: Report, crate: string): string[] {
  let cached = highlightCache.get(report);
  if (!cached) highlightCache.set(report, cached = new Map());
  let lines = cached.get(crate);
  if (!lines) cached.set(crate, lines = highlightsOf(report, crate));
  return lines;
}

// latest.md and the dashboard both show the highlights: computed once per report and crate.
const highlightCache = new WeakMap<Report, Map<string, string[]>>();

function highlightsOf(report: Report, crate: string): string[] {
  const rows = measuredByCrate(report).get(crate) ?? [];
  // One pass, no sort: the first fastest, the last slowest and the first best headroom, as a
  // stable sort would have put them (a crate may have thousands of rows).
  let fastest: Report["benchmarks"][number] | undefined;
  let slowest: Report["benchmarks"][number] | undefined;
  let best: Report["benchmarks"][number] | undefined;
  let ours = 0;
  for (const b of rows) {
    if (b.kind === "bench") {
      ours++;
      const p75 = b.stats!.p75;
      if (!fastest || p75 < fastest.stats!.p75) fastest = b;
      if (!slowest || p75 >= slowest.stats!.p75) slowest = b;
    }
    if (b.headroom !== null && (!best || b.headroom > best.headroom!)) best = b;
  }
  const lines: string[] = [];
  const described = (b: Report["benchmarks"][number]) =>
    `${b.group}/${b.name} ${formatMeasured(b.stats!.p75, b.atFloor)}${
      b.capacity60fps === null
        ? ""
        : `, ${b.atFloor ? "≥ " : ""}${formatCount(b.capacity60fps)} per 60 FPS frame`
    }`;
  if (fastest) lines.push(`fastest: ${described(fastest)}`);
  if (slowest && ours > 1) lines.push(`slowest: ${described(slowest)}`);
  if (best) {
    lines.push(
      `best headroom: ${best.group}/${best.name} ${best.atFloor ? "≥ " : ""}${
        formatFactor(best.headroom!).replace(/^×(.*)$/, "$1×")
      } under budget`,
    );
  }
  const byPeer = new Map<string, Report["benchmarks"]>();
  for (const b of rows.filter((b) => b.kind === "peer" && b.peerRatio !== null)) {
    const name = b.peer ?? b.name;
    byPeer.set(name, [...(byPeer.get(name) ?? []), b]);
  }
  for (const [peer, list] of byPeer) {
    if (list.length <= 2) {
      for (const b of list) {
        lines.push(`${b.group}/${b.versus}: ${peerWording(b.peerRatio!, peer)}`);
      }
      continue;
    }
    // Many comparisons with one library: the range, and how often ours is faster.
    const sorted = [...list].sort((a, b) => a.peerRatio! - b.peerRatio!);
    const faster = list.filter((b) => b.peerRatio! > 1).length;
    const end = (b: Report["benchmarks"][number]) =>
      `${peerWording(b.peerRatio!, peer)} (${b.group}/${b.versus})`;
    lines.push(
      `vs ${peer}: ours faster in ${faster} of ${list.length}; from ${end(sorted[0])} to ${
        end(sorted.at(-1)!)
      }`,
    );
  }
  return lines;
}
