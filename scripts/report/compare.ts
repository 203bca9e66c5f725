/**
 * Before and after: this run against a baseline run (the previous full run in history, or a saved
 * `latest.json` or history file). Coverage numbers side by side, benchmarks and crates added and
 * removed, and for every benchmark in both runs its change in p75 and avg.
 *
 * A change is flagged only when it passes the threshold (default 10%, or the benchmark's own) AND
 * lies outside run-to-run noise. `deno bench` keeps no samples, so noise is judged by the ranges
 * it does give, and each change says which rule decided:
 * - "[min, p75] ranges apart" (or "... overlap" when they do, and the change is within noise): a
 *   regression needs this run's min above the baseline's p75, an improvement the reverse.
 * - "repeat spreads and [min, p75] ranges apart (K=n)": with repeats (`--repeat K`, or several
 *   documents) every repeat's p75 of one run must also lie beyond every repeat's p75 of the other.
 *   Repeats run back to back, so their spread shows the noise within a session but not a machine
 *   that got busier between the two sessions; that is why the overlap rule still applies. (Seen
 *   here: with K=2 alone, a slowed CRC32 was caught along with 8 untouched LZ4 and postcard
 *   benchmarks whose peers had slowed as much; with both rules, only the CRC32 benchmarks.)
 *
 * And a comparison knows when the machine changed: when the harness floor moved by more than
 * `floorShift` either way, or more than `noisyShare` of the compared results are noisy, it says so
 * first, and a regression is "inconclusive" unless its factor also clears the floor's shift.
 *
 * @module
 */

import { isAtFloor } from "./analyze.ts";
import type { ReportConfig } from "./config.ts";
import { memberGroupCount } from "./coverage.ts";
import type { SavedRun } from "./history.ts";
import type {
  BenchChange,
  BenchmarkCore,
  BenchmarkReport,
  Comparison,
  Coverage,
  FloorSummary,
  HistoryRun,
  MachineChange,
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
 * import assert from "node:assert/strict";
 * import { classifyChange } from "./compare.ts";
 * const s = (min: number, p75: number) => ({ n: 10, min, max: p75, avg: p75, p75, p99: p75 });
 * const slower = classifyChange({ stats: s(130, 140) }, { stats: s(90, 100) }, 0.1);
 * assert.deepEqual(slower, { verdict: "regressed", rule: "[min, p75] ranges apart" });
 * const overlapping = classifyChange({ stats: s(95, 140) }, { stats: s(90, 100) }, 0.1);
 * assert.deepEqual(overlapping, { verdict: "within noise", rule: "[min, p75] ranges overlap" });
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
  const rule = (relation: "apart" | "overlap") =>
    repeated
      ? `repeat spreads and [min, p75] ranges ${relation} (K=${repeats})`
      : `[min, p75] ranges ${relation}`;
  // Each rule gives a band per run; the change must clear every band.
  const rules = repeated ? [true, false] : [false];
  const apart = (direction: 1 | -1) =>
    rules.every((useRepeats) => {
      const [afterLow, afterHigh] = band(after, useRepeats);
      const [beforeLow, beforeHigh] = band(before, useRepeats);
      return direction === 1 ? afterLow > beforeHigh : afterHigh < beforeLow;
    });
  if (slower && apart(1)) return { verdict: "regressed", rule: rule("apart") };
  if (faster && apart(-1)) return { verdict: "improved", rule: rule("apart") };
  return { verdict: "within noise", rule: rule("overlap") };
}

/**
 * Whether the machine changed between the two runs: the floor moved by more than `floorShift`
 * (either way), more than `noisyShare` of this run's compared results are noisy, or the two ran
 * on different processors.
 */
function machineChange(
  floorNow: FloorSummary | null,
  floorThen: FloorSummary | null,
  cpus: { now: string | null; then: string | null },
  changes: BenchChange[],
  benchmarks: BenchmarkReport[],
  config: ReportConfig,
): MachineChange {
  const floorFactor = floorNow && floorThen && floorThen.p75 > 0
    ? floorNow.p75 / floorThen.p75
    : null;
  const compared = new Set(changes.filter((c) => c.kind === "bench").map((c) => c.key));
  const noisy = benchmarks.filter((b) => compared.has(b.key) && b.noisy).length;
  const reasons: string[] = [];
  if (floorFactor !== null && Math.max(floorFactor, 1 / floorFactor) > config.floorShift) {
    reasons.push(
      `the harness floor moved ×${floorFactor.toFixed(2)} (${floorThen!.p75.toFixed(2)} → ${
        floorNow!.p75.toFixed(2)
      } ns)`,
    );
  }
  if (compared.size > 0 && noisy / compared.size > config.noisyShare) {
    reasons.push(`${noisy} of ${compared.size} compared results are noisy`);
  }
  // Another processor: no single factor says how each benchmark should move, so no regression
  // is conclusive.
  const otherCpu = cpus.now !== null && cpus.then !== null && cpus.now !== cpus.then;
  if (otherCpu) reasons.push(`the processor changed (${cpus.then} → ${cpus.now})`);
  return {
    changed: reasons.length > 0,
    reasons,
    floorFactor,
    noisy,
    compared: compared.size,
    // A regression is conclusive only past the floor's own rise (never less than no rise).
    clears: otherCpu ? Infinity : Math.max(1, floorFactor ?? 1),
  };
}

const ORDER: BenchChange["verdict"][] = [
  "regressed",
  "inconclusive",
  "improved",
  "within noise",
  "unchanged",
  "at floor",
  "not gated",
];

/** Compares this run with a baseline. */
export function compareRuns(
  current: {
    benchmarks: BenchmarkReport[];
    coverage: Pick<Coverage, "members" | "covered" | "percent" | "benchmarks" | "passing">;
    floor: FloorSummary | null;
    quick: boolean;
    /** The processor this run measured on, when known. */
    cpu?: string | null;
  },
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
  let machine: MachineChange | null = null;
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
    machine = machineChange(
      current.floor,
      base.floor,
      { now: current.cpu ?? null, then: base.run.cpu },
      changes,
      current.benchmarks,
      config,
    );
    if (machine.changed) {
      for (const change of changes) {
        const clears = machine.clears * (1 + change.threshold);
        if (change.verdict === "regressed" && change.factorP75 <= clears) {
          change.verdict = "inconclusive";
          change.rule = `${change.rule}, but the machine changed`;
        }
      }
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
        before: memberGroupCount(base.benchmarks, baseMembers),
        after: memberGroupCount(current.benchmarks, nowMembers),
      },
    ],
    added: [...after.keys()].filter((k) => !before.has(k)).sort(),
    removed: [...before.keys()].filter((k) => !after.has(k)).sort(),
    crateAdded: [...crateAfter].filter((c) => !crateBefore.has(c)).sort(),
    crateRemoved: [...crateBefore].filter((c) => !crateAfter.has(c)).sort(),
    changes,
    machine,
    regressed: changes.filter((c) => c.verdict === "regressed").length,
    inconclusive: changes.filter((c) => c.verdict === "inconclusive").length,
    improved: changes.filter((c) => c.verdict === "improved").length,
    timesCompared,
  };
}
