import assert from "node:assert/strict";
import { buildReport } from "./build.ts";
import { DEFAULT_CONFIG } from "./config.ts";
import type { Manifest } from "./declarations.ts";
import { renderOutputs } from "./outputs.ts";
import { significant } from "./precision.ts";
import type { Report } from "./schema.ts";
import { declared, doc, floorDeclared, ok, origin } from "./testdata/builders.ts";

/** A report of one module: the floor and benchmarks of crate "c" with the given p75 and budget. */
function reportOf(benches: [name: string, p75: number, budgetNs: number][]): Report {
  const manifest: Manifest = {
    version: 1,
    quick: false,
    benches: [
      floorDeclared,
      ...benches.map(([name, , ns]) => declared("c", "g", name, { budget: { ns, reason: "t" } })),
    ],
    metrics: [],
  };
  const document = doc([
    ok("c.bench.ts", "harness", "floor", 4.123456789),
    ...benches.map(([name, p75]) => ok("c.bench.ts", "g", name, p75)),
  ]);
  return buildReport({
    date: new Date("2026-12-01T00:00:00Z"),
    commit: null,
    dirty: null,
    quick: false,
    repeats: 1,
    source: "input",
    full: false,
    inputs: ["t.json"],
    documents: [{ source: "t.json", document }],
    declarations: new Map([[origin("c.bench.ts"), manifest]]),
    fileFailures: [],
    members: ["c"],
    plan: { tiers: [], nonCrates: {}, engine: [] },
    history: [],
    baseline: null,
    config: DEFAULT_CONFIG,
    root: "/ws",
    recordHistory: false,
  });
}

Deno.test("latest.json keeps statistics to five significant digits", () => {
  const report = reportOf([["encode", 1234.56789, 10_000], ["decode", 98_765.4321, 1e6]]);
  const latest = JSON.parse(renderOutputs(report).find(([name]) => name === "latest.json")![1]);
  const encode = latest.benchmarks.find((b: { name: string }) => b.name === "encode");
  // builders.stats: min 0.9 × p75, max 1.3 ×, avg = p75, p99 1.1 ×, p995 1.2 ×, p999 1.3 ×.
  assert.deepEqual(
    [encode.stats.min, encode.stats.avg, encode.stats.p75, encode.stats.p99, encode.stats.n],
    [1111.1, 1234.6, 1234.6, 1358, 100],
  );
  assert.deepEqual([latest.floor.p75, latest.floor.avg], [4.1235, 4.1235]);
  for (const b of latest.benchmarks) {
    for (const key of ["min", "max", "avg", "p75", "p99", "p995", "p999"]) {
      assert.equal(b.stats[key], significant(b.stats[key]), `${b.id} ${key}`);
      const digits = String(b.stats[key]).replace(".", "").replace(/^0+|0+$/g, "");
      assert.ok(digits.length <= 5, `${b.id} ${key}: ${b.stats[key]}`);
    }
  }
});

Deno.test("grades come from the measured p75, not the rounded one", () => {
  // 100,000.4 ns against a 100,000 ns budget is over it (F), though it rounds to 100,000 (C).
  const [over] = reportOf([["edge", 100_000.4, 100_000]]).benchmarks.filter((b) =>
    b.kind === "bench"
  );
  assert.equal(over.stats?.p75, 100_000);
  assert.equal(over.grade, "F");
  assert.ok(over.headroom! < 1);
});
