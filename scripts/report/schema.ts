/**
 * The schema of `latest.json` (version 1) and of the history files (`history/<timestamp>.json`).
 * This file is its documentation; `README.md` beside it gives the overview. All times are
 * nanoseconds per call; all dates are ISO 8601 in UTC.
 *
 * Compatibility: a new optional field keeps version 1; removing or changing the meaning of a field
 * bumps `version`, and readers refuse versions they do not know.
 *
 * @module
 */

import type { Grade } from "./config.ts";
import type { BenchKind } from "./join.ts";
import type { BenchStats } from "./parse.ts";

/** `schema` value of `latest.json`. */
export const REPORT_SCHEMA = "astraweave-report";
/** `schema` value of a history file. */
export const HISTORY_SCHEMA = "astraweave-report-history";
/** The version written by this code, and the only one it reads. */
export const SCHEMA_VERSION = 1;

/** Where and how the run was made. */
export interface RunInfo {
  /** When the report was made (UTC, ISO 8601). */
  date: string;
  /** `git rev-parse HEAD` of the workspace, or null outside git. */
  commit: string | null;
  /** Whether the work tree had uncommitted changes; null outside git. */
  dirty: boolean | null;
  /** `runtime` of the deno bench documents ("Deno/2.9.6 x86_64-unknown-linux-gnu"). */
  runtime: string | null;
  /** `cpu` of the deno bench documents. */
  cpu: string | null;
  /** A quick run proves the benches run; its times are not measurements and it is never in history. */
  quick: boolean;
  /** How many times the suite ran (`--repeat`), or how many documents held the same benchmarks. */
  repeats: number;
  /** "run": the benches ran now; "input": saved `deno bench --json` documents were read. */
  source: "run" | "input";
  /** The bench files run, or the documents read. */
  inputs: string[];
  /** The history file this run was written to (its name), or null (quick runs, `--no-history`). */
  historyFile: string | null;
}

/** The subset of {@link BenchStats} kept in history files. */
export type HistoryStats = Pick<BenchStats, "n" | "min" | "max" | "avg" | "p75" | "p99">;

/** One benchmark as every reader needs it: identity, declaration, status and statistics. */
export interface BenchmarkCore {
  /** "crate/group/name". */
  id: string;
  /** Identity across runs: `id` plus the declared size, if any ("c/g/n [100 rooms]"). */
  key: string;
  crate: string;
  group: string;
  name: string;
  kind: BenchKind;
  /** Declared size parameter of a scaling family. */
  size?: { value: number; unit: string };
  /** Declared budget per call. */
  budget?: { ns: number; reason: string };
  /** "ok" when every result passed; "failed" when any failed. */
  status: "ok" | "failed";
  /** Statistics (merged over repeats: min of minimums, max of maximums, median of the rest). */
  stats?: HistoryStats | BenchStats;
  /** p75 of each repeat, when there was more than one. */
  repeats?: number[];
}

/** A benchmark in `latest.json`: the core, the rest of its declaration, and what the report made of it. */
export interface BenchmarkReport extends BenchmarkCore {
  /** The bench module ("bench/aw-codec.bench.ts"). */
  file: string;
  /** Whether the module declared it through `bench/_define.ts`. */
  declared: boolean;
  family?: string;
  throughput?: { bytes?: number; elements?: number };
  peer?: string;
  versus?: string;
  /** Declared regression threshold (fraction); the run's default applies otherwise. */
  threshold?: number;
  stats?: BenchStats;
  /** The first failure's error, when `status` is "failed". */
  error?: { name: string; message: string };
  /** How many results failed (of `repeats` or documents). */
  failures: number;
  /** p75 within `floorFactor` × the harness floor: likely optimized away; shown as "≤ floor". */
  atFloor: boolean;
  /** p99 ÷ min. */
  spread: number | null;
  /** Spread above the configured threshold. */
  noisy: boolean;
  /** Time category label ("at floor", "under 100 ns", ...); null in quick runs and for failures. */
  category: string | null;
  /** budget ÷ p75 (p75 never below the floor); null without a budget, for peers, in quick runs. */
  headroom: number | null;
  /** Grade from the bands; null when not graded. */
  grade: Grade | null;
  /** Calls that fit in one 60 FPS frame: 16.67 ms ÷ p75 (p75 never below the floor). */
  capacity60fps: number | null;
  /** Declared work per call ÷ p75, per second. */
  throughputPerSecond: { bytes?: number; elements?: number } | null;
  /** For a peer benchmark with `versus`: peer p75 ÷ our p75 (above 1: ours is faster). */
  peerRatio: number | null;
}

/** A declared non-time figure (bytes on the wire, blob size). */
export interface MetricReport {
  crate: string;
  group: string;
  name: string;
  value: number;
  unit: string;
  note?: string;
  size?: { value: number; unit: string };
  family?: string;
}

/** The harness floor of the run: an empty function, measured in every bench process. */
export interface FloorSummary {
  /** Median p75 over the processes, ns. */
  p75: number;
  avg: number;
  /** How many processes measured it. */
  samples: number;
  /** Results at or under `factor` × `p75` are at floor. */
  factor: number;
}

/** A crate that has bench results but could not be reported normally. */
export interface Deferral {
  crate: string;
  /** "12 type errors", "all 12 benchmarks failed", "bench process failed: ...". */
  reason: string;
  file?: string;
}

/** A tier of the plan and how far it is. */
export interface TierStatus {
  name: string;
  crates: string[];
  covered: string[];
  /** Target date (YYYY-MM-DD). */
  target: string | null;
  /** Date of the first full run in which every crate of the tier was covered (YYYY-MM-DD). */
  completed: string | null;
  /** completed − target in days (negative: ahead); for an open tier, today − target. */
  daysLate: number | null;
  note?: string;
}

/** Coverage of the workspace's crates by passing benchmarks. */
export interface Coverage {
  /** Workspace members (from the root deno.json). */
  members: string[];
  /** Members with at least one passing benchmark of their own. */
  covered: string[];
  /** covered ÷ members × 100 (0 when there are no members). */
  percent: number;
  /** Benchmarks of member crates (ours and peers). */
  benchmarks: number;
  passing: number;
  failed: number;
  groups: number;
  deferred: Deferral[];
  tiers: TierStatus[];
  /** Crates with benchmarks that are not workspace members (the pipeline's own, saved samples). */
  others: string[];
}

/** The key results of one group. */
export interface GroupSummary {
  group: string;
  benchmarks: number;
  fastest: { name: string; p75: number; atFloor: boolean } | null;
  slowest: { name: string; p75: number; atFloor: boolean } | null;
}

/** One crate. */
export interface CrateReport {
  crate: string;
  member: boolean;
  tier: string | null;
  /** "covered", "deferred", "no passing benchmarks", or "not benchmarked" (no bench file). */
  status: "covered" | "deferred" | "no passing benchmarks" | "not benchmarked";
  reason?: string;
  benchmarks: number;
  passing: number;
  failed: number;
  peers: number;
  groups: GroupSummary[];
  /** Weakest grade of its graded benchmarks. */
  grade: Grade | null;
  failures: { id: string; message: string }[];
}

/** Benchmarks per time category. */
export interface CategoryCount {
  label: string;
  count: number;
  ids: string[];
}

/** A fitted scaling family. */
export interface ScalingFit {
  crate: string;
  group: string;
  family: string;
  /** "time" for benchmarks, or the unit of a declared metric family. */
  measure: string;
  unit: string;
  points: { size: number; value: number; id: string }[];
  /** Points left out of the fit: at floor, or a zero size or value (no logarithm). */
  excluded: number;
  /** Least-squares slope of log(value) against log(size); null with fewer than 2 points. */
  exponent: number | null;
  /** Intercept of that fit (natural logs), for drawing the line. */
  intercept: number | null;
  rSquared: number | null;
  /**
   * The linear cost model value = fixed + perUnit × size (both non-negative, least squares on
   * relative error) with its relative RMS error; null with fewer than 2 sizes. A new field in
   * schema version 1 (added without a version bump: readers that do not know it lose nothing).
   */
  linear: { fixed: number; perUnit: number; error: number } | null;
  /**
   * "O(n)" etc. from the exponent, "O(n) + fixed cost" when a family the exponent reads as
   * O(log n) is linear behind a fixed cost, or a reason there is none ("2 sizes: too few",
   * "unclear (R² 0.62)").
   */
  verdict: string;
}

/** A benchmark compared with the baseline. */
export interface BenchChange {
  key: string;
  id: string;
  crate: string;
  kind: BenchKind;
  before: { p75: number; avg: number; min: number };
  after: { p75: number; avg: number; min: number };
  /** after ÷ before. */
  factorP75: number;
  factorAvg: number;
  threshold: number;
  /** "regressed" and "improved" pass the threshold and lie outside noise. */
  verdict: "regressed" | "improved" | "unchanged" | "within noise" | "at floor" | "not gated";
  /** Which noise rule decided: "repeat spread (K=3)" or "[min, p75] overlap". */
  rule: string | null;
}

/** Coverage numbers, before and after. */
export interface CoverageDelta {
  label: string;
  before: number;
  after: number;
}

/** This run against a baseline run. */
export interface Comparison {
  /** The baseline's file name and date. */
  baseline: { file: string; date: string; commit: string | null; quick: boolean };
  coverage: CoverageDelta[];
  added: string[];
  removed: string[];
  crateAdded: string[];
  crateRemoved: string[];
  changes: BenchChange[];
  regressed: number;
  improved: number;
  /** Times are not compared when either run is quick. */
  timesCompared: boolean;
}

/** One run in the timeline. */
export interface TimelineRun {
  date: string;
  file: string;
  commit: string | null;
  benchmarks: number;
  passing: number;
  covered: number;
  members: number;
  percent: number;
}

/** The project's history of full runs. */
export interface Timeline {
  runs: TimelineRun[];
  /** Date each crate first had a passing benchmark. */
  firstCovered: { crate: string; date: string }[];
  /** Benchmarks first seen on each day, in total and per crate. */
  additions: { day: string; added: number; byCrate: Record<string, number> }[];
  /** Benchmarks first seen, per crate over all history. */
  additionsByCrate: { crate: string; added: number }[];
  /** p75 per run over the last 30 runs, for each benchmark of this run (oldest first, null where it had none). */
  series: Record<string, (number | null)[]>;
}

/** `latest.json`. */
export interface Report {
  schema: typeof REPORT_SCHEMA;
  version: typeof SCHEMA_VERSION;
  run: RunInfo;
  /** The numbers the rules used (see config.ts). */
  settings: {
    bands: { grade: Grade; minHeadroom: number }[];
    floorFactor: number;
    noisySpread: number;
    regressionThreshold: number;
    frameNs: number;
    /** Relative error within which the linear cost model can overrule an O(log n) reading. */
    maxModelError: number;
  };
  floor: FloorSummary | null;
  coverage: Coverage;
  crates: CrateReport[];
  benchmarks: BenchmarkReport[];
  metrics: MetricReport[];
  categories: CategoryCount[];
  scaling: ScalingFit[];
  comparison: Comparison | null;
  timeline: Timeline;
}

/** One full run, compact, as the pipeline holds it in memory (see {@link HistoryFile} for disk). */
export interface HistoryRun {
  schema: typeof HISTORY_SCHEMA;
  version: typeof SCHEMA_VERSION;
  run: RunInfo;
  floor: FloorSummary | null;
  coverage: {
    members: string[];
    covered: string[];
    percent: number;
    benchmarks: number;
    passing: number;
  };
  /** Each benchmark's identity, status and statistics (no budget: history is about times). */
  benchmarks: (Omit<BenchmarkCore, "budget"> & { stats?: HistoryStats })[];
}

/** The columns of a history file's benchmark rows, in order. */
export const HISTORY_COLUMNS = [
  "crate",
  "group",
  "name",
  "kind",
  "status",
  "size",
  "unit",
  "n",
  "min",
  "max",
  "avg",
  "p75",
  "p99",
  "repeats",
] as const;

/** One benchmark in a history file: values in {@link HISTORY_COLUMNS} order, null where absent. */
export type HistoryRow = [
  crate: string,
  group: string,
  name: string,
  kind: BenchKind,
  status: "ok" | "failed",
  size: number | null,
  unit: string | null,
  n: number | null,
  min: number | null,
  max: number | null,
  avg: number | null,
  p75: number | null,
  p99: number | null,
  repeats: number[] | null,
];

/**
 * A history file on disk (`history/<UTC time>.json`): {@link HistoryRun} with its benchmarks as
 * rows under a `columns` header (half the bytes of objects, and twice as fast to parse: a report
 * reads every history file). Times have five significant digits.
 */
export interface HistoryFile extends Omit<HistoryRun, "benchmarks"> {
  columns: typeof HISTORY_COLUMNS;
  benchmarks: HistoryRow[];
}
