import assert from "node:assert/strict";
import { crateTable, tierTable, tierTiming } from "./tables.ts";
import type { TierStatus } from "./schema.ts";

const tier = (completed: string | null, daysLate: number | null): TierStatus => ({
  name: "Tier 1",
  crates: ["a", "b"],
  covered: completed ? ["a", "b"] : ["a"],
  target: daysLate === null ? null : "2026-12-11",
  completed,
  daysLate,
});

Deno.test("tier timing: ahead, behind, on the day, due, overdue, undated", () => {
  assert.equal(tierTiming(tier("2026-12-08", -3)), "ahead by 3 days");
  assert.equal(tierTiming(tier("2026-12-12", 1)), "behind by 1 day");
  assert.equal(tierTiming(tier("2026-12-11", 0)), "on the day");
  assert.equal(tierTiming(tier(null, -14)), "open, due in 14 days");
  assert.equal(tierTiming(tier(null, 2)), "open, overdue by 2 days");
  assert.equal(tierTiming(tier(null, null)), "no target date");
  assert.deepEqual(tierTable([tier(null, -14)]).rows, [[
    "Tier 1",
    "1 of 2",
    "b",
    "2026-12-11",
    "not yet",
    "open, due in 14 days",
  ]]);
});

Deno.test("crate rows say what is not an engine crate, and why a crate is deferred", () => {
  const base = {
    tier: null,
    benchmarks: 2,
    passing: 0,
    failed: 2,
    peers: 0,
    groups: [],
    grade: null,
    failures: [],
  };
  const { rows } = crateTable([
    {
      ...base,
      crate: "aw-ui",
      member: true,
      status: "deferred",
      reason: "all 2 benchmarks failed",
    },
    { ...base, crate: "report-pipeline", member: false, status: "covered", passing: 2, failed: 0 },
  ]);
  assert.deepEqual(rows.map((r) => [r[0], r[2]]), [
    ["aw-ui", "deferred: all 2 benchmarks failed"],
    ["report-pipeline (not an engine crate)", "covered"],
  ]);
});
