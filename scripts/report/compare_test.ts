import assert from "node:assert/strict";
import { analyze, floorOf } from "./analyze.ts";
import { classifyChange, compareRuns } from "./compare.ts";
import { DEFAULT_CONFIG } from "./config.ts";
import { coverageOf } from "./coverage.ts";
import { EMPTY_PLAN } from "./plan.ts";
import type { Manifest } from "./declarations.ts";
import { type SavedRun, toHistoryRun } from "./history.ts";
import { joinResults } from "./join.ts";
import type { Coverage, Report } from "./schema.ts";
import { declared, doc, floorDeclared, ok, origin, runInfo } from "./testdata/builders.ts";

const s = (min: number, p75: number) => ({
  n: 10,
  min,
  max: p75 * 1.2,
  avg: p75,
  p75,
  p99: p75 * 1.1,
});

Deno.test("[min, p75] overlap: a change past the threshold is flagged only when the ranges are apart", () => {
  assert.deepEqual(classifyChange({ stats: s(130, 140) }, { stats: s(90, 100) }, 0.1), {
    verdict: "regressed",
    rule: "[min, p75] ranges apart",
  });
  assert.deepEqual(classifyChange({ stats: s(99, 140) }, { stats: s(90, 100) }, 0.1), {
    verdict: "within noise",
    rule: "[min, p75] ranges overlap",
  });
  assert.deepEqual(classifyChange({ stats: s(50, 60) }, { stats: s(90, 100) }, 0.1), {
    verdict: "improved",
    rule: "[min, p75] ranges apart",
  });
  assert.deepEqual(classifyChange({ stats: s(105, 109) }, { stats: s(90, 100) }, 0.1), {
    verdict: "unchanged",
    rule: null,
  });
  // A benchmark's own threshold: 30% slower passes 10% but not 50%.
  assert.equal(
    classifyChange({ stats: s(125, 130) }, { stats: s(90, 100) }, 0.5).verdict,
    "unchanged",
  );
});

Deno.test("repeat spread: with repeats, the repeats and the [min, p75] ranges must both be apart", () => {
  const rule = "repeat spreads and [min, p75] ranges apart (K=3)";
  const noise = "repeat spreads and [min, p75] ranges overlap (K=3)";
  const base = { stats: s(90, 100), repeats: [98, 100, 103] };
  assert.deepEqual(classifyChange({ stats: s(110, 125), repeats: [120, 125, 131] }, base, 0.1), {
    verdict: "regressed",
    rule,
  });
  // Repeats overlap: noise.
  assert.deepEqual(classifyChange({ stats: s(110, 125), repeats: [102, 125, 160] }, base, 0.1), {
    verdict: "within noise",
    rule: noise,
  });
  // Repeats apart, but this run's fastest call is as fast as the baseline's p75: noise too (a
  // machine that got busier between two sessions moves every repeat of one of them).
  assert.deepEqual(classifyChange({ stats: s(95, 125), repeats: [120, 125, 131] }, base, 0.1), {
    verdict: "within noise",
    rule: noise,
  });
  // Only this run repeated: the baseline is its p75 alone.
  assert.equal(
    classifyChange({ stats: s(105, 125), repeats: [121, 125] }, { stats: s(50, 100) }, 0.1).verdict,
    "regressed",
  );
  assert.equal(
    classifyChange({ stats: s(40, 60), repeats: [58, 60] }, {
      stats: s(90, 100),
      repeats: [99, 101],
    }, 0.1).verdict,
    "improved",
  );
});

function reportOf(
  benches: Parameters<typeof doc>[0],
  manifest: Manifest,
): Pick<Report, "benchmarks" | "floor"> & {
  coverage: Omit<Coverage, "tiers" | "engine">;
  quick: boolean;
} {
  const declarations = new Map([[origin("c.bench.ts"), manifest]]);
  const measurements = joinResults([{ source: "t", document: doc(benches) }], declarations, "/ws");
  const benchmarks = analyze(
    measurements,
    floorOf(measurements, DEFAULT_CONFIG),
    DEFAULT_CONFIG,
    false,
  );
  const { coverage } = coverageOf(benchmarks, ["c", "d"], [], EMPTY_PLAN);
  return { benchmarks, coverage, floor: floorOf(measurements, DEFAULT_CONFIG), quick: false };
}

function asBaseline(current: ReturnType<typeof reportOf>, cpu: string | null = null): SavedRun {
  const report = {
    run: runInfo("2026-11-01T00:00:00.000Z", { commit: "base", cpu }),
    ...current,
    floor: { p75: 4, avg: 4, samples: 1, factor: 1.5 },
  } as unknown as Report;
  return { file: "base.json", run: toHistoryRun(report) };
}

const manifest: Manifest = {
  version: 1,
  quick: false,
  benches: [
    floorDeclared,
    declared("c", "g", "steady", { budget: { ns: 1e6, reason: "r" } }),
    declared("c", "g", "slower", { budget: { ns: 1e6, reason: "r" }, threshold: 0.5 }),
    declared("c", "g", "scaled/10", { size: { value: 10, unit: "rooms" }, family: "scaled" }),
    declared("c", "g", "gone"),
    declared("c", "g", "peer", { peer: "lz4js", versus: "steady" }),
    declared("c", "g", "deleted"),
  ],
  metrics: [],
};

Deno.test("compareRuns: identities with parameters, added and removed, verdicts, peers and floor results not gated", () => {
  const before = reportOf([
    ok("c.bench.ts", "harness", "floor", 4),
    ok("c.bench.ts", "g", "steady", 100),
    ok("c.bench.ts", "g", "slower", 100),
    ok("c.bench.ts", "g", "scaled/10", 100),
    ok("c.bench.ts", "g", "gone", 100),
    ok("c.bench.ts", "g", "peer", 100),
    ok("c.bench.ts", "g", "deleted", 4),
  ], manifest);
  const changedManifest: Manifest = {
    ...manifest,
    // Same name, another size: a different benchmark, never matched by accident.
    benches: manifest.benches.map((b) =>
      b.name === "scaled/10" ? { ...b, size: { value: 20, unit: "rooms" } } : b
    ),
  };
  const after = reportOf([
    ok("c.bench.ts", "harness", "floor", 4),
    ok("c.bench.ts", "g", "steady", 200),
    ok("c.bench.ts", "g", "slower", 130),
    ok("c.bench.ts", "g", "scaled/10", 100),
    ok("c.bench.ts", "g", "peer", 400),
    ok("c.bench.ts", "g", "deleted", 5),
    ok("c.bench.ts", "g", "new", 100),
  ], changedManifest);
  const comparison = compareRuns(after, asBaseline(before), DEFAULT_CONFIG);
  assert.deepEqual(comparison.added, ["c/g/new", "c/g/scaled/10 [20 rooms]"]);
  assert.deepEqual(comparison.removed, ["c/g/gone", "c/g/scaled/10 [10 rooms]"]);
  const verdict = (id: string) => comparison.changes.find((c) => c.id === id)?.verdict;
  assert.equal(verdict("c/g/steady"), "regressed");
  assert.equal(verdict("c/g/slower"), "unchanged"); // its own 50% threshold
  assert.equal(verdict("c/g/peer"), "not gated");
  assert.equal(verdict("c/g/deleted"), "at floor");
  assert.equal(comparison.regressed, 1);
  assert.equal(comparison.changes[0].id, "c/g/steady");
  assert.equal(comparison.changes[0].factorP75, 2);
  const benchmarks = comparison.coverage.find((d) => d.label === "benchmarks")!;
  assert.deepEqual([benchmarks.before, benchmarks.after], [6, 6]);
});

Deno.test("quick runs compare coverage but never times", () => {
  const current = reportOf([ok("c.bench.ts", "g", "steady", 900)], manifest);
  const comparison = compareRuns(
    { ...current, quick: true },
    asBaseline(reportOf([ok("c.bench.ts", "g", "steady", 100)], manifest)),
    DEFAULT_CONFIG,
  );
  assert.equal(comparison.timesCompared, false);
  assert.deepEqual(comparison.changes, []);
  assert.equal(
    comparison.coverage.find((d) => d.label === "crates with passing benchmarks")?.after,
    1,
  );
});

Deno.test("a machine change (the floor moved) is said first, and regressions that do not clear it are inconclusive", () => {
  const before = reportOf([
    ok("c.bench.ts", "harness", "floor", 4),
    ok("c.bench.ts", "g", "steady", 100),
    ok("c.bench.ts", "g", "slower", 100),
  ], manifest);
  const after = reportOf([
    ok("c.bench.ts", "harness", "floor", 8),
    ok("c.bench.ts", "g", "steady", 300), // ×3 clears the floor's ×2 (× 1.1): still regressed
    ok("c.bench.ts", "g", "slower", 190), // ×1.9 with a 50% threshold: inside ×2 × 1.5
  ], manifest);
  const comparison = compareRuns(after, asBaseline(before), DEFAULT_CONFIG);
  assert.equal(comparison.machine?.changed, true);
  assert.equal(comparison.machine?.floorFactor, 2);
  assert.match(
    comparison.machine!.reasons[0],
    /^the harness floor moved ×2\.00 \(4\.00 → 8\.00 ns\)$/,
  );
  const change = (id: string) => comparison.changes.find((c) => c.id === id)!;
  assert.equal(change("c/g/steady").verdict, "regressed");
  assert.equal(change("c/g/slower").verdict, "inconclusive");
  assert.match(change("c/g/slower").rule!, /ranges apart, but the machine changed$/);
  assert.deepEqual([comparison.regressed, comparison.inconclusive], [1, 1]);

  const same = compareRuns(
    reportOf([
      ok("c.bench.ts", "harness", "floor", 4.2),
      ok("c.bench.ts", "g", "steady", 300),
    ], manifest),
    asBaseline(before),
    DEFAULT_CONFIG,
  );
  assert.equal(same.machine?.changed, false);
  assert.equal(same.regressed, 1);

  // The same numbers measured on another processor: reported first, nothing conclusive.
  const otherCpu = compareRuns(
    {
      ...reportOf([
        ok("c.bench.ts", "harness", "floor", 4.2),
        ok("c.bench.ts", "g", "steady", 300),
      ], manifest),
      cpu: "Intel(R) Xeon(R) Processor",
    },
    asBaseline(before, "AMD EPYC 7B13"),
    DEFAULT_CONFIG,
  );
  assert.equal(otherCpu.machine?.changed, true);
  assert.deepEqual(otherCpu.machine?.reasons, [
    "the processor changed (AMD EPYC 7B13 → Intel(R) Xeon(R) Processor)",
  ]);
  assert.deepEqual([otherCpu.regressed, otherCpu.inconclusive], [0, 1]);
});
