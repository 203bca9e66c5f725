import assert from "node:assert/strict";
import type { SavedRun } from "./history.ts";
import type { Plan } from "./plan.ts";
import { HISTORY_SCHEMA, HISTORY_VERSION } from "./schema.ts";
import { timelineOf } from "./timeline.ts";
import { tierCompletion } from "./tiers.ts";
import { runInfo } from "./testdata/builders.ts";

const plan: Plan = {
  tiers: [{ name: "Tier 1", crates: ["a", "b"], target: "2026-12-05" }, {
    name: "Tier 2",
    crates: ["c"],
    target: null,
  }],
  nonCrates: {},
  engine: [],
};

function saved(date: string, covered: string[], benches: [string, string, number][]): SavedRun {
  return {
    file: `${date}.json`,
    run: {
      schema: HISTORY_SCHEMA,
      version: HISTORY_VERSION,
      run: runInfo(date, { commit: "abc" }),
      floor: null,
      coverage: {
        members: ["a", "b", "c"],
        covered,
        percent: (covered.length / 3) * 100,
        benchmarks: benches.length,
        passing: benches.length,
      },
      benchmarks: benches.map(([crate, name, p75]) => ({
        id: `${crate}/g/${name}`,
        key: `${crate}/g/${name}`,
        crate,
        group: "g",
        name,
        kind: "bench",
        status: "ok",
        stats: { n: 1, min: p75, max: p75, avg: p75, p75, p99: p75 },
      })),
    },
  };
}

const history = [
  saved("2026-12-01T10:00:00.000Z", ["a"], [["a", "x", 10]]),
  saved("2026-12-01T15:00:00.000Z", ["a"], [["a", "x", 11], ["a", "y", 5]]),
  saved("2026-12-03T09:00:00.000Z", ["a", "b"], [["a", "x", 12], ["b", "z", 7]]),
  saved("2026-12-04T09:00:00.000Z", ["a", "b"], [["a", "x", 13], ["b", "z", 8], ["b", "w", 9]]),
];

Deno.test("timeline: runs, first coverage per crate, additions per day and per crate", () => {
  const timeline = timelineOf(history, ["a/g/x", "b/g/z", "a/g/new"], 30);
  assert.deepEqual(timeline.runs.map((r) => [r.date.slice(0, 10), r.benchmarks, r.covered]), [
    ["2026-12-01", 1, 1],
    ["2026-12-01", 2, 1],
    ["2026-12-03", 2, 2],
    ["2026-12-04", 3, 2],
  ]);
  assert.deepEqual(timeline.firstCovered, [{ crate: "a", date: "2026-12-01" }, {
    crate: "b",
    date: "2026-12-03",
  }]);
  assert.deepEqual(timeline.additions, [
    { day: "2026-12-01", added: 2, byCrate: { a: 2 } },
    { day: "2026-12-03", added: 1, byCrate: { b: 1 } },
    { day: "2026-12-04", added: 1, byCrate: { b: 1 } },
  ]);
  assert.deepEqual(timeline.additionsByCrate, [{ crate: "a", added: 2 }, { crate: "b", added: 2 }]);
  assert.deepEqual(timeline.series["a/g/x"], [10, 11, 12, 13]);
  assert.deepEqual(timeline.series["b/g/z"], [null, null, 7, 8]);
  assert.deepEqual(timeline.series["a/g/new"], [null, null, null, null]);
});

Deno.test("a tier is complete on the first run covering all its crates", () => {
  const tierCompleted = tierCompletion(history, plan);
  assert.equal(tierCompleted.get("Tier 1"), "2026-12-03");
  assert.equal(tierCompleted.get("Tier 2"), null);
});

Deno.test("series cover the last 30 runs only", () => {
  const runs = Array.from(
    { length: 35 },
    (_, i) =>
      saved(new Date(Date.UTC(2026, 10, 1) + i * 86_400_000).toISOString(), ["a"], [[
        "a",
        "x",
        i + 1,
      ]]),
  );
  const timeline = timelineOf(runs, ["a/g/x"], 30);
  assert.equal(timeline.runs.length, 35);
  assert.deepEqual(timeline.series["a/g/x"], Array.from({ length: 30 }, (_, i) => i + 6));
});

Deno.test("per-crate trend: geometric mean of p75 against each benchmark's first run", () => {
  const runs = [
    saved("2026-12-01T00:00:00Z", ["a"], [["a", "x", 10], ["a", "y", 100]]),
    saved("2026-12-02T00:00:00Z", ["a"], [["a", "x", 5], ["a", "y", 200]]),
    saved("2026-12-03T00:00:00Z", ["a"], [["a", "x", 5], ["a", "y", 50], ["a", "z", 7]]),
  ];
  const [trend] = timelineOf(runs, [], 30).trend;
  assert.equal(trend.crate, "a");
  // Run 2: x ×0.5, y ×2 → 1; run 3: x ×0.5, y ×0.5 → 0.5 (z is new there: not counted).
  assert.deepEqual(trend.points.map((p) => [p.factor.toFixed(3), p.benchmarks]), [
    ["1.000", 2],
    ["0.500", 2],
  ]);
});
