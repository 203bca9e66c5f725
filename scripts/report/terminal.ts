/**
 * The compact table printed to the terminal after a run. Colour only when asked for (the CLI asks
 * when stdout is a terminal and NO_COLOR is unset).
 *
 * @module
 */

import { styleText } from "node:util";
import { formatChange, formatFactor, formatMeasured, formatNs, formatPercent } from "./format.ts";
import type { Comparison, Report } from "./schema.ts";
import { type SummaryLine, summaryLines } from "./summary.ts";

type Style = Parameters<typeof styleText>[0];

/** Whether stdout wants colour: a terminal, and NO_COLOR unset (https://no-color.org). */
export function wantsColor(): boolean {
  let noColor = false;
  try {
    noColor = (Deno.env.get("NO_COLOR") ?? "") !== "";
  } catch {
    // Without env permission, colour stays on for a terminal.
  }
  return !noColor && Deno.stdout.isTerminal();
}

function pad(text: string, width: number, right = false): string {
  const length = [...text].length;
  if (length >= width) return text;
  return right ? " ".repeat(width - length) + text : text + " ".repeat(width - length);
}

const GRADE_STYLE: Record<string, Style> = {
  "A+": "green",
  A: "green",
  B: "cyan",
  C: "yellow",
  F: "red",
};

/**
 * Renders the summary: one header line, one line per crate, and the lines that need attention.
 *
 * @example
 * ```ts ignore
 * import { renderTerminal } from "./terminal.ts";
 * console.log(renderTerminal(report, false));
 * ```
 */
export function renderTerminal(report: Report, color: boolean): string {
  const paint = (
    style: Style,
    text: string,
  ) => (color ? styleText(style, text, { validateStream: false }) : text);
  const { run, coverage, floor } = report;
  const lines: string[] = [];
  const when = run.date.slice(0, 16).replace("T", " ");
  lines.push(
    paint(
      "bold",
      `AstraWeave benchmark report — ${
        run.quick
          ? "QUICK RUN (not measurements)"
          : run.source === "input"
          ? "imported run"
          : run.full
          ? "full run"
          : "partial run"
      }, ${when} UTC`,
    ) +
      (run.commit ? `, commit ${run.commit.slice(0, 12)}${run.dirty ? "+" : ""}` : ""),
  );
  const summary = [
    `coverage ${coverage.covered.length} of ${coverage.members.length} crates (${
      formatPercent(coverage.covered.length, coverage.members.length)
    })`,
    `${coverage.benchmarks} benchmarks (${coverage.passing} passing, ${coverage.failed} failed)`,
  ];
  if (!run.quick) summary.unshift(floor ? `floor ${formatNs(floor.p75)}` : "no floor benchmark");
  lines.push(summary.join(" · "), "");
  const tone: Record<SummaryLine["tone"], Style> = {
    bad: "red",
    warn: "yellow",
    good: "green",
    plain: "reset",
  };
  for (const s of summaryLines(report)) lines.push(paint(tone[s.tone], `• ${s.text}`));
  lines.push("");

  const headers = ["crate", "status", "bench", "ok", "fail", "groups", "grade", "slowest p75"];
  const rows = report.crates.filter((c) => c.member || c.benchmarks > 0).map((c) => {
    const slowest = run.quick ? undefined : c.groups.map((g) => g.slowest).filter((s) => s !== null)
      .sort((a, b) => b!.p75 - a!.p75)[0];
    return [
      c.member ? c.crate : `${c.crate} (other)`,
      c.status,
      String(c.benchmarks),
      String(c.passing),
      String(c.failed),
      String(c.groups.length),
      c.grade ?? "",
      slowest ? formatMeasured(slowest.p75, slowest.atFloor) : "",
    ];
  });
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]].length)));
  const right = new Set([2, 3, 4, 5, 7]);
  const line = (cells: string[]) =>
    cells.map((text, i) => pad(text, widths[i], right.has(i))).join("  ");
  lines.push(paint("dim", line(headers)));
  for (const row of rows) {
    const cells = row.map((text, i) => pad(text, widths[i], right.has(i)));
    if (row[6]) cells[6] = paint(GRADE_STYLE[row[6]] ?? "reset", cells[6]);
    if (row[1] === "deferred") cells[1] = paint("yellow", cells[1]);
    if (row[4] !== "0") cells[4] = paint("red", cells[4]);
    lines.push(cells.join("  "));
  }
  lines.push("");
  for (const d of coverage.deferred) {
    lines.push(paint("yellow", `deferred  ${d.crate}: ${d.reason}`));
  }
  for (const b of report.benchmarks) {
    if (b.status === "failed") {
      lines.push(paint("red", `failed    ${b.id}: ${b.error?.message ?? ""}`));
    }
  }
  for (const b of report.benchmarks) {
    if (b.grade === "F" && b.stats && b.budget) {
      lines.push(
        paint(
          "red",
          `over budget  ${b.id}: p75 ${formatNs(b.stats.p75)} > budget ${formatNs(b.budget.ns)} (${
            formatFactor(b.stats.p75 / b.budget.ns)
          })`,
        ),
      );
    }
  }
  const comparison = report.comparison;
  if (comparison?.timesCompared) {
    lines.push(
      `against ${comparison.baseline.file}: ${comparison.regressed} regressed, ${comparison.inconclusive} inconclusive, ${comparison.improved} improved, ` +
        `${comparison.added.length} added, ${comparison.removed.length} removed`,
    );
  }
  return lines.join("\n").trimEnd();
}

/**
 * A comparison as a table, the way critcmp shows criterion runs: one row per benchmark in both
 * runs (changed ones first), p75 before and after, the factor and the verdict with its rule;
 * machine-change warnings first.
 */
export function renderComparison(comparison: Comparison, color: boolean): string {
  const paint = (style: Style, text: string) =>
    color ? styleText(style, text, { validateStream: false }) : text;
  const lines = [`B against A = ${comparison.baseline.file} (${comparison.baseline.date})`];
  for (const reason of comparison.machine?.reasons ?? []) {
    lines.push(paint("yellow", `warning: the machine changed: ${reason}`));
  }
  const headers = ["benchmark", "A p75", "B p75", "change", "verdict", "decided by"];
  const rows = comparison.changes.map((c) => [
    c.key,
    formatNs(c.before.p75),
    formatNs(c.after.p75),
    `${formatChange(c.factorP75)} (${formatFactor(c.factorP75)})`,
    c.verdict,
    c.rule ?? "",
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]].length)));
  const line = (cells: string[]) =>
    cells.map((text, i) => pad(text, widths[i], i >= 1 && i <= 3)).join("  ").trimEnd();
  lines.push("", paint("dim", line(headers)));
  const style: Record<string, Style> = {
    regressed: "red",
    improved: "green",
    inconclusive: "yellow",
  };
  for (const row of rows) lines.push(style[row[4]] ? paint(style[row[4]], line(row)) : line(row));
  lines.push(
    "",
    `${comparison.regressed} regressed, ${comparison.inconclusive} inconclusive, ${comparison.improved} improved, ${comparison.changes.length} compared; ${comparison.added.length} only in B, ${comparison.removed.length} only in A`,
  );
  return lines.join("\n");
}
