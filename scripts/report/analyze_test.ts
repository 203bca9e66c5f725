import assert from "node:assert/strict";
import { analyze, floorOf, isAtFloor } from "./analyze.ts";
import { DEFAULT_CONFIG, gradeFor, weakestGrade } from "./config.ts";
import type { Manifest } from "./declarations.ts";
import { joinResults, UNGROUPED } from "./join.ts";
import { declared, doc, failed, floorDeclared, ok, origin, stats } from "./testdata/builders.ts";

const config = DEFAULT_CONFIG;

Deno.test("grades at the band edges: an edge belongs to the band above", () => {
  const cases: [number, string][] = [
    [5, "A+"],
    [4.9999, "A"],
    [2, "A"],
    [1.9999, "B"],
    [1.25, "B"],
    [1.2499, "C"],
    [1, "C"],
    [0.9999, "F"],
    [0.01, "F"],
  ];
  for (const [headroom, grade] of cases) {
    assert.equal(gradeFor(headroom, config), grade, `headroom ${headroom}`);
  }
  assert.equal(weakestGrade(["A+", "C", "A"]), "C");
  assert.equal(weakestGrade([]), null);
});

Deno.test("the floor rule: within 1.5× of the floor is at floor, just above is not", () => {
  const floor = { p75: 4, avg: 4, samples: 1, factor: 1.5 };
  assert.equal(isAtFloor(6, floor), true);
  assert.equal(isAtFloor(6.0001, floor), false);
  assert.equal(isAtFloor(1, null), false);
});

function run(benches: Parameters<typeof doc>[0], manifest: Manifest | null, quick = false) {
  const declarations = new Map<string, Manifest>(
    manifest ? [[origin("c.bench.ts"), manifest]] : [],
  );
  const measurements = joinResults([{ source: "t", document: doc(benches) }], declarations, "/ws");
  const floor = quick ? null : floorOf(measurements, config);
  return { floor, reports: analyze(measurements, floor, config, quick) };
}

const manifest = (...benches: Manifest["benches"]): Manifest => ({
  version: 1,
  quick: false,
  benches: [floorDeclared, ...benches],
  metrics: [],
});

Deno.test("grades, headroom, capacity and throughput come from the declaration and p75", () => {
  const { reports, floor } = run(
    [
      ok("c.bench.ts", "harness", "floor", 4),
      ok("c.bench.ts", "codec", "encode/1KB", 1000),
      ok("c.bench.ts", "codec", "slow", 3000),
      ok("c.bench.ts", "codec", "unbudgeted", 500),
    ],
    manifest(
      declared("c", "codec", "encode/1KB", {
        budget: { ns: 5000, reason: "r" },
        throughput: { bytes: 1000, elements: 10 },
      }),
      declared("c", "codec", "slow", { budget: { ns: 2000, reason: "r" } }),
      declared("c", "codec", "unbudgeted"),
    ),
  );
  assert.equal(floor?.p75, 4);
  const [floorRow, encode, slow, unbudgeted] = reports;
  assert.equal(floorRow.kind, "floor");
  assert.equal(floorRow.crate, "harness");
  assert.equal(encode.headroom, 5);
  assert.equal(encode.grade, "A+");
  assert.equal(encode.capacity60fps, 16_666); // 16,666.67: five significant digits, rounded down
  assert.deepEqual(encode.throughputPerSecond, { bytes: 1e9, elements: 1e7 });
  assert.equal(slow.headroom, 0.66666); // 2000 ÷ 3000 to five significant digits, down
  assert.equal(slow.grade, "F");
  assert.equal(unbudgeted.grade, null);
  assert.equal(unbudgeted.headroom, null);
  assert.equal(unbudgeted.category?.label, "under 1 µs");
});

Deno.test("a result at the floor is never shown faster than the floor: headroom and capacity use the floor", () => {
  const { reports } = run(
    [ok("c.bench.ts", "harness", "floor", 4), ok("c.bench.ts", "g", "deleted", 2)],
    manifest(declared("c", "g", "deleted", { budget: { ns: 100, reason: "r" } })),
  );
  const deleted = reports[1];
  assert.equal(deleted.atFloor, true);
  assert.deepEqual(deleted.category, { kind: "at floor", label: "at floor" });
  assert.equal(deleted.headroom, 25); // 100 ÷ 4, not 100 ÷ 2
  assert.equal(deleted.capacity60fps, 4_166_600); // 1e9 / 60 / 4 to five significant digits, down
});

Deno.test("spread is p99 ÷ min, and over the threshold is noisy", () => {
  const { reports } = run(
    [
      ok("c.bench.ts", "g", "steady", 100, { min: 60, p99: 180 }),
      ok("c.bench.ts", "g", "jumpy", 100, { min: 50, p99: 151 }),
    ],
    null,
  );
  assert.equal(reports[0].spread, 3); // the edge is not over it
  assert.equal(reports[0].noisy, false);
  assert.equal(reports[1].spread, 151 / 50);
  assert.equal(reports[1].noisy, true);
});

Deno.test("peers are never graded; their ratio is peer p75 ÷ ours", () => {
  const { reports } = run(
    [ok("c.bench.ts", "lz4", "compress", 100), ok("c.bench.ts", "lz4", "lz4js compress", 350)],
    manifest(
      declared("c", "lz4", "compress", { budget: { ns: 1000, reason: "r" } }),
      declared("c", "lz4", "lz4js compress", {
        peer: "lz4js",
        versus: "compress",
        budget: { ns: 1, reason: "ignored" },
      }),
    ),
  );
  const peer = reports.find((r) => r.kind === "peer")!;
  assert.equal(peer.grade, null);
  assert.equal(peer.peerRatio, 3.5);
});

Deno.test("null groups become 'ungrouped'; undeclared results are attributed to their file", () => {
  const { reports } = run([ok("aw-save.bench.ts", null, "alloc", 50)], null);
  assert.equal(reports[0].group, UNGROUPED);
  assert.equal(reports[0].crate, "aw-save");
  assert.equal(reports[0].id, "aw-save/ungrouped/alloc");
  assert.equal(reports[0].file, "bench/aw-save.bench.ts");
});

Deno.test("duplicates from several documents merge into one benchmark with repeats", () => {
  const documents = [10, 30, 20].map((p75) => ({
    source: `${p75}`,
    document: doc([ok("c.bench.ts", "g", "x", p75)]),
  }));
  const [m] = joinResults(documents, new Map(), "/ws");
  assert.equal(m.samples.length, 3);
  const [report] = analyze([m], null, config, false);
  assert.deepEqual(report.repeats, [10, 30, 20]);
  assert.equal(report.stats?.p75, 20); // the median
  assert.equal(report.stats?.min, 9); // the minimum of the minimums
  assert.equal(report.stats?.n, 300);
});

Deno.test("failures are kept with their message, and a mix of pass and fail is 'failed'", () => {
  const documents = [
    {
      source: "a",
      document: doc([ok("c.bench.ts", "g", "x", 10), failed("c.bench.ts", "g", "y", "deliberate")]),
    },
    { source: "b", document: doc([failed("c.bench.ts", "g", "x", "flaky")]) },
  ];
  const reports = analyze(joinResults(documents, new Map(), "/ws"), null, config, false);
  const x = reports.find((r) => r.name === "x")!;
  assert.equal(x.status, "failed");
  assert.equal(x.error?.message, "flaky");
  assert.equal(x.grade, null);
  assert.equal(reports.find((r) => r.name === "y")!.error?.message, "deliberate");
});

Deno.test("quick runs derive nothing from their times", () => {
  const { reports, floor } = run(
    [ok("c.bench.ts", "harness", "floor", 4), ok("c.bench.ts", "g", "x", 1e6)],
    manifest(declared("c", "g", "x", { budget: { ns: 1, reason: "r" } })),
    true,
  );
  assert.equal(floor, null);
  const x = reports[1];
  assert.deepEqual(x.stats, stats(1e6));
  assert.equal(x.grade, null);
  assert.equal(x.headroom, null);
  assert.equal(x.category, null);
});
