/**
 * The schema of `latest.json` (version 2) and of the history files (`history/<timestamp>.json`,
 * version 2).
 * This file is its documentation; `README.md` beside it gives the overview. All times are
 * nanoseconds per call; all dates are ISO 8601 in UTC.
 *
 * Compatibility: a new optional field keeps version 1; removing or changing the meaning of a field
 * bumps `version`, and readers refuse versions they do not know.
 *
 * This module is the output contract and imports nothing: every other module depends on it.
 *
 * @module
 */

/** `schema` value of `latest.json`. */
export const REPORT_SCHEMA = "astraweave-report";
/** `schema` value of a history file. */
export const HISTORY_SCHEMA = "astraweave-report-history";
/**
 * The `latest.json` version this code writes. Version 2 made scaling verdicts and time categories
 * tagged objects (they were strings) and writes the whole config to `settings`. Saved runs of
 * version 1 are still read as baselines and inputs: their run, coverage and benchmarks are the same.
 */
export const REPORT_VERSION = 2;
/** Report versions a saved `latest.json` may have to be read as a run. */
export const READABLE_REPORT_VERSIONS: readonly number[] = [1, 2];
/**
 * The history file version this code writes. Version 2 writes the benchmarks as columns over a
 * table of strings ({@link HistoryFile}); version 1 wrote one row each ({@link HistoryFileV1}).
 */
export const HISTORY_VERSION = 2;
/** History file versions this code reads. */
export const READABLE_HISTORY_VERSIONS: readonly number[] = [1, 2];

/** A grade, best first. "F" means over budget. */
export type Grade = "A+" | "A" | "B" | "C" | "F";

/** What a benchmark measures: our code, a peer library, or the harness floor (an empty function). */
export type BenchKind = "bench" | "peer" | "floor";

/** Statistics of one measured benchmark, nanoseconds per call (as `deno bench --json` gives them). */
export interface BenchStats {
  /** Measured iterations (batches of 10,000 calls when `highPrecision` is false). */
  n: number;
  min: number;
  max: number;
  avg: number;
  p75: number;
  p99: number;
  p995: number;
  p999: number;
  /** False when the bench was measured in batches because one call took under 10 µs. */
  highPrecision: boolean;
  usedExplicitTimers: boolean;
}

/** A grade band: the lowest headroom (budget ÷ p75) that earns the grade. */
export interface GradeBand {
  grade: Exclude<Grade, "F">;
  minHeadroom: number;
}

/** A time category: benchmarks whose p75 is under `belowNs` (null: everything slower). */
export interface TimeBand {
  label: string;
  belowNs: number | null;
}

/** The complexity classes a scaling fit can read as, smallest first. */
export type Complexity = "O(1)" | "O(log n)" | "O(n)" | "O(n log n)" | "O(n²)" | "worse than O(n²)";

/** A complexity band: fitted exponents under `belowExponent` (null: everything steeper). */
export interface ComplexityBand {
  complexity: Complexity;
  belowExponent: number | null;
}

/**
 * Every number the report's rules and renderers use (`config.ts` holds the defaults); written
 * whole to `settings` so no reader or renderer needs to know a band.
 */
export interface ReportSettings {
  /** Best first; anything under the last band's headroom is "F". */
  bands: GradeBand[];
  /** A result whose p75 is within this factor of the harness floor's p75 is "at floor". */
  floorFactor: number;
  /** Spread (p99 ÷ min) above this marks a result noisy. */
  noisySpread: number;
  /** Default regression threshold as a fraction (0.1 = 10%); benchmarks may declare their own. */
  regressionThreshold: number;
  /** One frame at 60 FPS, in nanoseconds. */
  frameNs: number;
  /** Time categories after "at floor", fastest first; the last one catches everything else. */
  categories: TimeBand[];
  /** Complexity by fitted exponent, smallest first; the last one catches everything else. */
  complexities: ComplexityBand[];
  /** A family needs at least this many distinct sizes for a verdict. */
  minScalingPoints: number;
  /** A fit with R² below this is "unclear" instead of a verdict. */
  minRSquared: number;
  /** A verdict is low-confidence when R² is below this... */
  confidentRSquared: number;
  /** ...or when the exponent lies within this distance of a band edge. */
  edgeMargin: number;
  /**
   * A family the exponent reads as O(log n) is "O(n) + fixed cost" when the linear cost model fits
   * with at most this relative RMS error, and better than a logarithmic one.
   */
  maxModelError: number;
  /** How many of the latest runs each benchmark's p75 series (and the trends) cover. */
  seriesRuns: number;
  /** How many scaling charts the dashboard draws before it says the rest are in the table. */
  scalingCharts: number;
  /** How many of the noisiest results the honesty section names. */
  noisyListed: number;
  /** How many names a list shows before it collapses into counts per crate. */
  listedNames: number;
  /**
   * The machine changed between two runs when the harness floor moved by more than this factor
   * (either way): regressions are then inconclusive unless they clear the shift.
   */
  floorShift: number;
  /** ...or when more than this fraction of the compared results is noisy. */
  noisyShare: number;
}

/** A benchmark's time category: at the harness floor, or a band of {@link ReportSettings.categories}. */
export type Category =
  | { kind: "at floor"; label: "at floor" }
  | { kind: "band"; label: string; belowNs: number | null };

/** What a scaling family's fit says, tagged by kind; `label` is the wording every output uses. */
export type ScalingVerdict =
  | {
    kind: "complexity";
    complexity: Complexity;
    /** "low" when R² is under `confidentRSquared` or the exponent is near a band edge. */
    confidence: "high" | "low";
    label: string;
  }
  | { kind: "linear with fixed cost"; confidence: "high" | "low"; label: string }
  | { kind: "unclear"; rSquared: number; label: string }
  | { kind: "too few sizes"; sizes: number; label: string };

/** Where and how the run was made. */
export interface RunInfo {
  /**
   * When the figures were measured (UTC, ISO 8601): now for a run; for an import, the imported
   * run's own date (a bench document's file time).
   */
  date: string;
  /** `git rev-parse HEAD` of the workspace (an import: the imported run's), or null. */
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
  /**
   * "run": the benches ran now; "input": saved documents (`deno bench --json`, history files,
   * `latest.json`) were read, and every figure is imported from them.
   */
  source: "run" | "input";
  /** The bench files run, or the documents read. */
  inputs: string[];
  /**
   * Whether every bench file of the workspace ran, unfiltered and not quick: only such runs go to
   * history unless `--record` asks. Absent in history files written before it existed (they were
   * all full runs).
   */
  full?: boolean;
  /** For an imported run: the date the imported run was measured (its provenance). */
  measured?: string;
  /** Seconds each bench file took (a run that ran them): the next run's estimate of time left. */
  fileSeconds?: Record<string, number>;
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
  /**
   * Statistics (merged over repeats: min of minimums, max of maximums, median of the rest), times
   * to five significant digits; what the report derives from them was computed before rounding.
   */
  stats?: HistoryStats | BenchStats;
  /** p75 of each repeat, when there was more than one (five significant digits). */
  repeats?: number[];
}

/**
 * A benchmark in `latest.json`: the core, the rest of its declaration, and what the report made of
 * it. Its ratios and rates (headroom, capacity, throughput, peer ratio) have five significant
 * digits, rounded down (grades and bands read the same); they and its spread were computed from
 * the statistics before rounding.
 */
export interface BenchmarkReport extends BenchmarkCore {
  /** The bench module ("bench/aw-codec.bench.ts"). */
  file: string;
  /** Whether the module declared it through `@astraweave/bench-protocol`. */
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
  /** Time category; null in quick runs and for failures. */
  category: Category | null;
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
  /** Median p75 over the processes, ns (five significant digits, like every kept time). */
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

/** Coverage of the engine's crate inventory (the plan's `[engine]` list). */
export interface EngineCoverage {
  /** Engine crates in the inventory. */
  total: number;
  /** Engine crates with passing benchmarks here. */
  covered: number;
  /** covered ÷ total × 100. */
  percent: number;
  /** Every engine crate: its tier ("unplanned" when in none), whether it is a member here, covered. */
  crates: { crate: string; tier: string; member: boolean; covered: boolean }[];
  /** Workspace crates the engine does not have (aw-codec), counted apart. */
  oursOnly: string[];
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
  /** Coverage of the engine's crates; null when the plan lists none. */
  engine: EngineCoverage | null;
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
   * The complexity the exponent reads as, "O(n) + fixed cost" when a family the exponent reads as
   * O(log n) is linear behind a fixed cost, or why there is none (too few sizes, unclear fit).
   */
  verdict: ScalingVerdict;
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
  /**
   * "regressed" and "improved" pass the threshold and lie outside noise; "inconclusive" would be a
   * regression, but the machine changed and the factor does not clear the shift.
   */
  verdict:
    | "regressed"
    | "inconclusive"
    | "improved"
    | "unchanged"
    | "within noise"
    | "at floor"
    | "not gated";
  /** Which noise rule decided, and whether the ranges were apart ("[min, p75] ranges apart"). */
  rule: string | null;
}

/** Whether the machine changed between a run and its baseline, and why. */
export interface MachineChange {
  changed: boolean;
  /** One line per reason ("the harness floor moved ×1.43 (4.70 → 6.72 ns)"). */
  reasons: string[];
  /** This run's floor ÷ the baseline's; null when either has none. */
  floorFactor: number | null;
  /** Noisy results among the compared ones. */
  noisy: number;
  compared: number;
  /**
   * The factor a regression must pass (times its threshold) to stay conclusive; infinite when the
   * processor changed (written to JSON as null).
   */
  clears: number;
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
  /** Null when times were not compared. */
  machine: MachineChange | null;
  regressed: number;
  inconclusive: number;
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
  /**
   * Per crate, per run where it had benchmarks seen before: the geometric mean over those
   * benchmarks of p75 ÷ their p75 in the run they first appeared in (below 1: faster than then).
   */
  trend: { crate: string; points: { date: string; factor: number; benchmarks: number }[] }[];
}

/** `latest.json`. */
export interface Report {
  schema: typeof REPORT_SCHEMA;
  version: typeof REPORT_VERSION;
  run: RunInfo;
  /** The numbers the rules used (see config.ts): the whole config. */
  settings: ReportSettings;
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
  version: typeof HISTORY_VERSION;
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

/** The columns of a version 1 history file's benchmark rows, in order. */
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

/**
 * One benchmark in a version 1 history file: values in {@link HISTORY_COLUMNS} order, null where
 * absent.
 */
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
 * A version 1 history file: {@link HistoryRun} with its benchmarks as rows under a `columns` header
 * (half the bytes of objects, and twice as fast to parse). Still read; no longer written.
 */
export interface HistoryFileV1 extends Omit<HistoryRun, "benchmarks" | "version"> {
  version: 1;
  columns: typeof HISTORY_COLUMNS;
  benchmarks: HistoryRow[];
}

/**
 * The benchmarks of a history file (version 2), as columns of `count` cells each, in one order.
 * Text is an index into the file's `strings`; times have five significant digits; null where a
 * benchmark has none (a size, statistics of a failure).
 */
export interface HistoryColumns {
  count: number;
  crate: number[];
  group: number[];
  name: number[];
  /** A {@link BenchKind}. */
  kind: number[];
  /** "ok" or "failed". */
  status: number[];
  size: (number | null)[];
  unit: (number | null)[];
  n: (number | null)[];
  min: (number | null)[];
  max: (number | null)[];
  avg: (number | null)[];
  p75: (number | null)[];
  p99: (number | null)[];
  /** p75 of each repeat; the column is left out when no benchmark has repeats. */
  repeats?: (number[] | null)[];
}

/**
 * A history file on disk (`history/<UTC time>.json`, version 2): {@link HistoryRun} with its
 * benchmarks as {@link HistoryColumns} and each distinct text (crate, group, name, kind, status,
 * unit) once in `strings`. A report reads every history file: columns of numbers parse without
 * an object or array per benchmark, and a hundred crate names are a hundred strings, not a
 * thousand. Times have five significant digits.
 */
export interface HistoryFile extends Omit<HistoryRun, "benchmarks"> {
  strings: string[];
  benchmarks: HistoryColumns;
}
