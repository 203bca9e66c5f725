/**
 * The tables that both `latest.md` and the dashboard show, as text: headers, rows, and which
 * columns hold numbers (right-aligned). Each renderer only decides the markup.
 *
 * @module
 */

import { formatFactor, formatMBps, formatMeasured, formatNs, formatRate } from "./format.ts";
import type {
  BenchmarkReport,
  CrateReport,
  EngineCoverage,
  Grade,
  ReportSettings,
  ScalingFit,
  TierStatus,
} from "./schema.ts";

/** A table as text. */
export interface TextTable {
  headers: string[];
  rows: string[][];
  /** Indexes of the numeric columns. */
  numeric: number[];
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * "ahead by 3 days", "behind by 2 days", "open, due in 5 days", "open, overdue by 1 day", "on the
 * day".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tierTiming } from "./tables.ts";
 * const tier = { name: "T", crates: [], covered: [], target: "2026-12-11", completed: "2026-12-08", daysLate: -3 };
 * assert.equal(tierTiming(tier), "ahead by 3 days");
 * ```
 */
export function tierTiming(tier: TierStatus): string {
  if (tier.daysLate === null) return "no target date";
  const days = Math.abs(tier.daysLate);
  if (tier.completed) {
    if (tier.daysLate === 0) return "on the day";
    return tier.daysLate < 0
      ? `ahead by ${plural(days, "day")}`
      : `behind by ${plural(days, "day")}`;
  }
  if (tier.daysLate <= 0) return `open, due in ${plural(days, "day")}`;
  return `open, overdue by ${plural(days, "day")}`;
}

/** One row per crate; crates that are not workspace members say so. */
export function crateTable(crates: CrateReport[]): TextTable {
  return {
    headers: ["crate", "tier", "status", "benchmarks", "passing", "failed", "groups", "grade"],
    rows: crates.map((c) => [
      c.member ? c.crate : `${c.crate} (not an engine crate)`,
      c.tier ?? "",
      c.reason ? `${c.status}: ${c.reason}` : c.status,
      String(c.benchmarks),
      String(c.passing),
      String(c.failed),
      String(c.groups.length),
      c.grade ?? "",
    ]),
    numeric: [3, 4, 5, 6],
  };
}

/** One row per tier of the plan. */
export function tierTable(tiers: TierStatus[]): TextTable {
  return {
    headers: ["tier", "covered", "missing", "target", "completed", "timing"],
    rows: tiers.map((t) => [
      t.name,
      `${t.covered.length} of ${t.crates.length}`,
      t.crates.filter((c) => !t.covered.includes(c)).join(", ") || "none",
      t.target ?? "",
      t.completed ?? "not yet",
      tierTiming(t),
    ]),
    numeric: [],
  };
}

/**
 * A family's linear cost model in words: a fixed part, then a rate for times ("12.3 µs + 500
 * MB/s") or a per-element part for metrics ("40 bytes + 4.3 bytes × n"), with its error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatLinearModel } from "./tables.ts";
 * const linear = { fixed: 12_300, perUnit: 2, error: 0.04 };
 * assert.equal(formatLinearModel({ measure: "time", unit: "bytes", linear }), "12.3 µs + 500 MB/s (±4%)");
 * ```
 */
export function formatLinearModel(f: Pick<ScalingFit, "measure" | "unit" | "linear">): string {
  const m = f.linear;
  if (!m) return "";
  const time = f.measure === "time";
  const amount = (
    v: number,
  ) => (time ? formatNs(v) : formatRate(v, ` ${f.measure}`).replace("  ", " "));
  const growth = m.perUnit === 0
    ? ""
    : time
    ? ` + ${
      f.unit === "bytes" ? formatMBps(1e9 / m.perUnit) : formatRate(1e9 / m.perUnit, `${f.unit}/s`)
    }`
    : ` + ${amount(m.perUnit)} × n`;
  return `${amount(m.fixed)}${growth} (±${Math.round(m.error * 100)}%)`;
}

/**
 * Tables already made, by list of fits: `latest.md` and the dashboard show the same table of
 * every family (2,500 rows of formatted fits in a 10,000-benchmark run) from one report, which is
 * not changed once built.
 */
const madeScalingTables = new WeakMap<ScalingFit[], TextTable>();

/** One row per scaling family. */
export function scalingTable(fits: ScalingFit[]): TextTable {
  let made = madeScalingTables.get(fits);
  if (!made) madeScalingTables.set(fits, made = makeScalingTable(fits));
  return made;
}

function makeScalingTable(fits: ScalingFit[]): TextTable {
  return {
    headers: [
      "crate",
      "group",
      "family",
      "measure",
      "sizes",
      "exponent",
      "R²",
      "fixed + linear",
      "verdict",
    ],
    rows: fits.map((f) => [
      f.crate,
      f.group,
      f.family,
      f.measure,
      `${f.points.map((p) => p.size).join(", ")} ${f.unit}${
        f.excluded ? ` (${f.excluded} left out: at floor or zero)` : ""
      }`,
      f.exponent === null ? "" : f.exponent.toFixed(2),
      f.rSquared === null ? "" : f.rSquared.toFixed(3),
      formatLinearModel(f),
      f.verdict.label,
    ]),
    numeric: [5, 6],
  };
}

/** A number cell: its text and the value it sorts by (null: empty). */
export interface NumberCell {
  text: string;
  value: number | null;
}

/** One benchmark of the grade table, as both `latest.md` and the dashboard show it. */
export interface GradeRow {
  id: string;
  /** Identity across runs (the key of its history series). */
  key: string;
  crate: string;
  group: string;
  name: string;
  failed: boolean;
  avg: NumberCell;
  p75: NumberCell;
  budget: NumberCell;
  headroom: NumberCell;
  grade: Grade | null;
  spread: NumberCell;
  /** Failure, at floor, noisy, peer library, no budget. */
  notes: string;
  /** Why this budget. */
  reason: string;
}

const cell = (value: number | null | undefined, text: string): NumberCell => ({
  text,
  value: value ?? null,
});

/**
 * Rows already made, by benchmark list and quick flag: `latest.md` and the dashboard render the
 * same 10,000 rows from one report, which is not changed once built.
 */
const madeRows = [new WeakMap<BenchmarkReport[], GradeRow[]>(), new WeakMap()];

/** A row's notes: failure, at floor, noisy, peer library; joined by "; ". */
function notesOf(b: BenchmarkReport): string {
  let notes = b.status === "failed" ? `failed: ${b.error?.message ?? ""}` : "";
  const add = (note: string) => notes = notes ? `${notes}; ${note}` : note;
  if (b.atFloor) add("at floor: likely optimized away");
  if (b.noisy) add("noisy");
  if (b.kind === "peer") {
    add(`peer library ${b.peer ?? ""}${b.peerRatio ? ` (${formatFactor(b.peerRatio)} ours)` : ""}`);
  }
  return notes;
}

/** The grade table's rows: every benchmark but the floor (times left empty in quick runs). */
export function gradeRows(benchmarks: BenchmarkReport[], quick: boolean): GradeRow[] {
  const made = madeRows[quick ? 1 : 0];
  let rows = made.get(benchmarks);
  if (!rows) made.set(benchmarks, rows = makeGradeRows(benchmarks, quick));
  return rows;
}

function makeGradeRows(benchmarks: BenchmarkReport[], quick: boolean): GradeRow[] {
  const rows: GradeRow[] = [];
  for (const b of benchmarks) {
    if (b.kind === "floor") continue;
    const stats = b.status === "ok" && !quick ? b.stats : undefined;
    const notes = notesOf(b);
    rows.push({
      id: b.id,
      key: b.key,
      crate: b.crate,
      group: b.group,
      name: b.name,
      failed: b.status === "failed",
      avg: cell(stats?.avg, stats ? formatMeasured(stats.avg, b.atFloor) : ""),
      p75: cell(stats?.p75, stats ? formatMeasured(stats.p75, b.atFloor) : ""),
      budget: cell(
        b.budget?.ns,
        b.budget ? formatNs(b.budget.ns) : b.kind === "bench" ? "no budget" : "",
      ),
      headroom: cell(
        b.headroom,
        b.headroom === null ? "" : `${b.atFloor ? "≥ " : ""}${formatFactor(b.headroom)}`,
      ),
      grade: b.grade,
      spread: cell(b.spread, b.spread === null ? "" : formatFactor(b.spread)),
      notes,
      reason: b.budget?.reason ?? "",
    });
  }
  return rows;
}

/**
 * The grade bands in words, from the report's settings.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_CONFIG } from "./config.ts";
 * import { gradeBandsText } from "./tables.ts";
 * assert.equal(gradeBandsText(DEFAULT_CONFIG), "A+ ≥ 5×, A ≥ 2×, B ≥ 1.25×, C ≥ 1×, F over budget");
 * ```
 */
export function gradeBandsText(settings: Pick<ReportSettings, "bands">): string {
  return [...settings.bands.map((b) => `${b.grade} ≥ ${b.minHeadroom}×`), "F over budget"].join(
    ", ",
  );
}

/**
 * The engine's crate inventory: each crate with its tier (or "unplanned") and whether it is a
 * workspace crate and covered here; crates of ours the engine lacks are in a last row, apart.
 */
export function engineTable(engine: EngineCoverage): TextTable {
  const rows = engine.crates.map((c) => [
    c.crate,
    c.tier,
    c.covered ? "covered" : c.member ? "in workspace, not covered" : "not ported",
  ]);
  if (engine.oursOnly.length) {
    rows.push([engine.oursOnly.join(", "), "ours (not an engine crate)", "counted apart"]);
  }
  return { headers: ["engine crate", "tier", "here"], rows, numeric: [] };
}
