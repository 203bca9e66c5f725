/**
 * Building the report: from documents, declarations, the workspace, the plan and history to the
 * one {@link Report} object every output (latest.json, latest.md, the dashboard, the exports, the
 * terminal table) is rendered from. Pure: it reads and writes no files.
 *
 * @module
 */

import { analyze, AT_FLOOR, floorOf } from "./analyze.ts";
import { compareRuns } from "./compare.ts";
import type { ReportConfig } from "./config.ts";
import { coverageOf, type FileFailure, tierStatuses } from "./coverage.ts";
import type { Manifest } from "./declarations.ts";
import { historyFileName, type SavedRun, toHistoryRun } from "./history.ts";
import { joinMetrics, joinResults, type SourcedDocument } from "./join.ts";
import type { Plan } from "./plan.ts";
import { scalingFits } from "./scaling.ts";
import {
  type BenchmarkReport,
  type CategoryCount,
  type Report,
  REPORT_SCHEMA,
  SCHEMA_VERSION,
} from "./schema.ts";
import { timelineOf } from "./timeline.ts";

/** Everything a report is made from. */
export interface ReportInput {
  date: Date;
  commit: string | null;
  dirty: boolean | null;
  quick: boolean;
  repeats: number;
  source: "run" | "input";
  /** Bench files run, or documents read. */
  inputs: string[];
  documents: SourcedDocument[];
  /** Each bench module's declarations, by origin URL. */
  declarations: ReadonlyMap<string, Manifest>;
  /** Bench files that produced no results, with the reason. */
  fileFailures: FileFailure[];
  /** Workspace crates. */
  members: string[];
  plan: Plan;
  /** Earlier full runs, oldest first. */
  history: SavedRun[];
  /** The run to compare with, or null for none. */
  baseline: SavedRun | null;
  config: ReportConfig;
  /** Workspace root, for short file names. */
  root: string;
  /** Whether this run goes to history (quick runs never do). */
  recordHistory: boolean;
  /** Report only these crates (and the harness floor); null for all. */
  crates?: string[] | null;
}

/** Code-point order: stable across machines (unlike localeCompare) and fast on 10,000 names. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Crate, group, family, then size: a family's sizes read in order. */
function sortBenchmarks(list: BenchmarkReport[]): BenchmarkReport[] {
  return list.sort((a, b) =>
    byText(a.crate, b.crate) || byText(a.group, b.group) ||
    byText(a.family ?? a.name, b.family ?? b.name) ||
    (a.size?.value ?? 0) - (b.size?.value ?? 0) || byText(a.name, b.name)
  );
}

function categoriesOf(benchmarks: BenchmarkReport[], config: ReportConfig): CategoryCount[] {
  const labels = [AT_FLOOR, ...config.categories.map((c) => c.label)];
  const counts = new Map(labels.map((label) => [label, [] as string[]]));
  for (const b of benchmarks) {
    if (b.kind !== "floor" && b.category) counts.get(b.category)?.push(b.id);
  }
  return labels.map((label) => ({
    label,
    count: counts.get(label)!.length,
    ids: counts.get(label)!,
  }));
}

/**
 * Builds the report.
 *
 * @example
 * ```ts ignore
 * import { buildReport } from "./build.ts";
 * const report = buildReport({ ...input });
 * ```
 */
export function buildReport(input: ReportInput): Report {
  const { config, quick } = input;
  const only = input.crates ? new Set(input.crates) : null;
  const measurements = joinResults(input.documents, input.declarations, input.root)
    .filter((m) => !only || m.kind === "floor" || only.has(m.crate));
  const fileFailures = input.fileFailures.filter((f) => !only || only.has(f.crate));
  const floor = quick ? null : floorOf(measurements, config);
  const benchmarks = sortBenchmarks(analyze(measurements, floor, config, quick));
  const metrics = joinMetrics(input.declarations.values()).filter((m) =>
    !only || only.has(m.crate)
  );
  const { coverage, crates } = coverageOf(
    benchmarks,
    input.members,
    fileFailures,
    input.plan,
  );
  const first = input.documents[0]?.document;

  const report: Report = {
    schema: REPORT_SCHEMA,
    version: SCHEMA_VERSION,
    run: {
      date: input.date.toISOString(),
      commit: input.commit,
      dirty: input.dirty,
      runtime: first?.runtime ?? null,
      cpu: first?.cpu ?? null,
      quick,
      repeats: input.repeats,
      source: input.source,
      inputs: input.inputs,
      historyFile: !quick && input.recordHistory ? historyFileName(input.date) : null,
    },
    settings: {
      bands: [...config.bands, { grade: "F", minHeadroom: 0 }],
      floorFactor: config.floorFactor,
      noisySpread: config.noisySpread,
      regressionThreshold: config.regressionThreshold,
      frameNs: config.frameNs,
      maxModelError: config.maxModelError,
    },
    floor,
    coverage,
    crates,
    benchmarks,
    metrics,
    categories: quick ? [] : categoriesOf(benchmarks, config),
    scaling: quick ? [] : scalingFits(benchmarks, metrics, config),
    comparison: null,
    timeline: { runs: [], firstCovered: [], additions: [], additionsByCrate: [], series: {} },
  };
  if (input.baseline) {
    report.comparison = compareRuns({ benchmarks, coverage, quick }, input.baseline, config);
  }

  const runs = report.run.historyFile
    ? [...input.history, { file: report.run.historyFile, run: toHistoryRun(report) }]
    : input.history;
  const keys = benchmarks.filter((b) => b.kind !== "floor").map((b) => b.key);
  const { timeline, tierCompleted } = timelineOf(runs, input.plan, keys);
  report.timeline = timeline;
  report.coverage.tiers = tierStatuses(
    input.plan,
    coverage.covered,
    tierCompleted,
    report.run.date.slice(0, 10),
  );
  return report;
}
