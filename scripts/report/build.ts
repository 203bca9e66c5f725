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
import { coverageOf, type FileFailure } from "./coverage.ts";
import type { Manifest } from "./declarations.ts";
import { historyFileName, type SavedRun, toHistoryRun } from "./history.ts";
import { joinMetrics, joinResults, type SourcedDocument } from "./join.ts";
import type { Plan } from "./plan.ts";
import { significant } from "./precision.ts";
import { scalingFits } from "./scaling.ts";
import {
  type BenchmarkReport,
  type CategoryCount,
  type Coverage,
  type Report,
  REPORT_SCHEMA,
  REPORT_VERSION,
  type RunInfo,
} from "./schema.ts";
import { engineCoverage, tierCompletion, tierStatuses } from "./tiers.ts";
import { timelineOf } from "./timeline.ts";

/** Everything a report is made from. */
export interface ReportInput {
  date: Date;
  commit: string | null;
  dirty: boolean | null;
  quick: boolean;
  repeats: number;
  source: "run" | "input";
  /** Whether every bench file ran, unfiltered and not quick. */
  full: boolean;
  /** For an imported run, when the imported run was measured (if the input says). */
  measured?: string;
  /** Seconds per bench file, when they ran. */
  fileSeconds?: Record<string, number>;
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
  const labels = [AT_FLOOR.label, ...config.categories.map((c) => c.label)];
  const counts = new Map(labels.map((label) => [label, [] as string[]]));
  for (const b of benchmarks) {
    if (b.kind !== "floor" && b.category) counts.get(b.category.label)?.push(b.id);
  }
  return labels.map((label) => ({
    label,
    count: counts.get(label)!.length,
    ids: counts.get(label)!,
  }));
}

/**
 * Builds the report in one pass: measurements, analysis, coverage, the run's own history entry,
 * the timeline and tiers from history plus this run, and the comparison.
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
  const measuredFloor = quick ? null : floorOf(measurements, config);
  const benchmarks = sortBenchmarks(analyze(measurements, measuredFloor, config, quick));
  // The floor judged the results as measured; the report keeps it as precisely as their statistics.
  const floor = measuredFloor &&
    { ...measuredFloor, p75: significant(measuredFloor.p75), avg: significant(measuredFloor.avg) };
  const metrics = joinMetrics(input.declarations.values()).filter((m) =>
    !only || only.has(m.crate)
  );
  const { coverage: counted, crates } = coverageOf(
    benchmarks,
    input.members,
    fileFailures,
    input.plan,
  );
  const first = input.documents[0]?.document;
  const run: RunInfo = {
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
    full: input.full,
  };
  if (input.measured) run.measured = input.measured;
  if (input.fileSeconds) run.fileSeconds = input.fileSeconds;

  // This run joins the timeline and the tiers only when it is recorded in history.
  const history = run.historyFile
    ? [...input.history, {
      file: run.historyFile,
      // In memory, this run's own records serve as its history entry: copying 10,000 of them to
      // drop fields nothing here reads would only feed the collector.
      run: { ...toHistoryRun({ run, floor, coverage: counted, benchmarks: [] }), benchmarks },
    }]
    : input.history;
  const coverage: Coverage = {
    ...counted,
    tiers: tierStatuses(
      input.plan,
      counted.covered,
      tierCompletion(history, input.plan),
      run.date.slice(0, 10),
    ),
    engine: engineCoverage(input.plan, counted.members, counted.covered),
  };
  const keys = benchmarks.filter((b) => b.kind !== "floor").map((b) => b.key);
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    run,
    settings: structuredClone(config),
    floor,
    coverage,
    crates,
    benchmarks,
    metrics,
    categories: quick ? [] : categoriesOf(benchmarks, config),
    scaling: quick ? [] : scalingFits(benchmarks, metrics, config),
    comparison: input.baseline
      ? compareRuns({ benchmarks, coverage, floor, quick, cpu: run.cpu }, input.baseline, config)
      : null,
    timeline: timelineOf(history, keys, config.seriesRuns),
  };
}
