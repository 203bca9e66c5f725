/**
 * Before and after: this run against a baseline run (the previous full run in history, or a saved
 * `latest.json` or history file). Coverage numbers side by side, benchmarks and crates added and
 * removed, and for every benchmark in both runs its change in p75 and avg.
 *
 * A change is flagged only when it passes the threshold (default 10%, or the benchmark's own) AND
 * lies outside run-to-run noise. `deno bench` keeps no samples, so noise is judged by the ranges
 * it does give, and each change says which rule decided:
 * - "[min, p75] overlap": a regression needs this run's min above the baseline's p75 (the two
 *   runs' [min, p75] ranges do not overlap), an improvement the reverse.
 * - "repeat spread (K=n) and [min, p75] overlap": with repeats (`--repeat K`, or several
 *   documents) every repeat's p75 of one run must also lie beyond every repeat's p75 of the other.
 *   Repeats run back to back, so their spread shows the noise within a session but not a machine
 *   that got busier between the two sessions; that is why the overlap rule still applies. (Seen
 *   here: with K=2 alone, a slowed CRC32 was caught along with 8 untouched LZ4 and postcard
 *   benchmarks whose peers had slowed as much; with both rules, only the CRC32 benchmarks.)
 *
 * @module
 */

import { isAtFloor } from "./analyze.ts";
import type { ReportConfig } from "./config.ts";
import type { SavedRun } from "./history.ts";
import type {
  BenchChange,
  BenchmarkCore,
  BenchmarkReport,
  Comparison,
  Coverage,
  HistoryRun,
} from "./schema.ts";

type Stats = NonNullable<BenchmarkCore["stats"]>;

/**
 * The noise band of one run's benchmark: with repeats, the range of their p75s (a run without
 * repeats is its p75 alone); without, its [min, p75].
 */
function band(run: { stats: Stats; repeats?: number[] }, repeated: boolean): [number, number] {
  if (!repeated) return [run.stats.min, run.stats.p75];
  const values = run.repeats && run.repeats.length > 1 ? run.repeats : [run.stats.p75];
  return [Math.min(...values), Math.max(...values)];
}

/**
 * Classifies one benchmark's change.
 *
 * @example
 * ```ts
 * import { classifyChange } from "./compare.ts";
 * const s = (min: number, p75: number) => ({ n: 10, min, max: p75, avg: p75, p75, p99: p75 });
 * const slower = classifyChange({ stats: s(130, 140) }, { stats: s(90, 100) }, 0.1);
 * console.assert(slower.verdict === "regressed" && slower.rule === "[min, p75] overlap");
 * const overlapping = classifyChange({ stats: s(95, 140) }, { stats: s(90, 100) }, 0.1);
 * console.assert(overlapping.verdict === "within noise");
 * ```
 */
export function classifyChange(
  after: { stats: Stats; repeats?: number[] },
  before: { stats: Stats; repeats?: number[] },
  threshold: number,
): { verdict: "regressed" | "improved" | "unchanged" | "within noise"; rule: string | null } {
  const factor = after.stats.p75 / before.stats.p75;
  const slower = factor > 1 + threshold;
  const faster = factor < 1 - threshold;
  if (!slower && !faster) return { verdict: "unchanged", rule: null };
  const repeated = (after.repeats?.length ?? 0) > 1 || (before.repeats?.length ?? 0) > 1;
  const repeats = Math.max(after.repeats?.length ?? 1, before.repeats?.length ?? 1);
  const rule = repeated
    ? `repeat spread (K=${repeats}) and [min, p75] overlap`
    : "[min, p75] overlap";
  // Each rule gives a band per run; the change must clear every band.
  const rules = repeated ? [true, false] : [false];
  const apart = (direction: 1 | -1) =>
    rules.every((useRepeats) => {
      const [afterLow, afterHigh] = band(after, useRepeats);
      const [beforeLow, beforeHigh] = band(before, useRepeats);
      return direction === 1 ? afterLow > beforeHigh : afterHigh < beforeLow;
    });
  if (slower && apart(1)) return { verdict: "regressed", rule };
  if (faster && apart(-1)) return { verdict: "improved", rule };
  return { verdict: "within noise", rule };
}

function memberGroups(benchmarks: BenchmarkCore[], members: Set<string>): number {
  return new Set(
    benchmarks.filter((b) => members.has(b.crate) && b.kind !== "floor").map((b) =>
      `${b.crate}/${b.group}`
    ),
  ).size;
}

const ORDER: BenchChange["verdict"][] = [
  "regressed",
  "improved",
  "within noise",
  "unchanged",
  "at floor",
  "not gated",
];

/** Compares this run with a baseline. */
export function compareRuns(
  current: { benchmarks: BenchmarkReport[]; coverage: Coverage; quick: boolean },
  baseline: SavedRun,
  config: ReportConfig,
): Comparison {
  const base: HistoryRun = baseline.run;
  const before = new Map(base.benchmarks.filter((b) => b.kind !== "floor").map((b) => [b.key, b]));
  const after = new Map(
    current.benchmarks.filter((b) => b.kind !== "floor").map((b) => [b.key, b]),
  );
  const crates = (list: Iterable<BenchmarkCore>) => new Set([...list].map((b) => b.crate));
  const crateBefore = crates(before.values());
  const crateAfter = crates(after.values());
  const timesCompared = !current.quick && !base.run.quick;

  const changes: BenchChange[] = [];
  if (timesCompared) {
    for (const [key, now] of after) {
      const then = before.get(key);
      if (!then?.stats || !now.stats || then.status !== "ok" || now.status !== "ok") continue;
      const threshold = now.threshold ?? config.regressionThreshold;
      const pick = (s: Stats) => ({ p75: s.p75, avg: s.avg, min: s.min });
      const change: BenchChange = {
        key,
        id: now.id,
        crate: now.crate,
        kind: now.kind,
        before: pick(then.stats),
        after: pick(now.stats),
        factorP75: now.stats.p75 / then.stats.p75,
        factorAvg: now.stats.avg / then.stats.avg,
        threshold,
        verdict: "not gated",
        rule: null,
      };
      if (now.kind === "bench") {
        if (now.atFloor || isAtFloor(then.stats.p75, base.floor)) change.verdict = "at floor";
        else {
          Object.assign(
            change,
            classifyChange({ stats: now.stats, repeats: now.repeats }, {
              stats: then.stats,
              repeats: then.repeats,
            }, threshold),
          );
        }
      }
      changes.push(change);
    }
    changes.sort((a, b) =>
      ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict) || b.factorP75 - a.factorP75
    );
  }

  const baseMembers = new Set(base.coverage.members);
  const nowMembers = new Set(current.coverage.members);
  return {
    baseline: {
      file: baseline.file,
      date: base.run.date,
      commit: base.run.commit,
      quick: base.run.quick,
    },
    coverage: [
      {
        label: "crates in workspace",
        before: base.coverage.members.length,
        after: nowMembers.size,
      },
      {
        label: "crates with passing benchmarks",
        before: base.coverage.covered.length,
        after: current.coverage.covered.length,
      },
      { label: "coverage %", before: base.coverage.percent, after: current.coverage.percent },
      { label: "benchmarks", before: base.coverage.benchmarks, after: current.coverage.benchmarks },
      {
        label: "passing benchmarks",
        before: base.coverage.passing,
        after: current.coverage.passing,
      },
      {
        label: "groups",
        before: memberGroups(base.benchmarks, baseMembers),
        after: memberGroups(current.benchmarks, nowMembers),
      },
    ],
    added: [...after.keys()].filter((k) => !before.has(k)).sort(),
    removed: [...before.keys()].filter((k) => !after.has(k)).sort(),
    crateAdded: [...crateAfter].filter((c) => !crateBefore.has(c)).sort(),
    crateRemoved: [...crateBefore].filter((c) => !crateAfter.has(c)).sort(),
    changes,
    regressed: changes.filter((c) => c.verdict === "regressed").length,
    improved: changes.filter((c) => c.verdict === "improved").length,
    timesCompared,
  };
}
