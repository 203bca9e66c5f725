import assert from "node:assert/strict";
import { toActionBenchmark, toBmf } from "./exports.ts";
import type { BenchmarkReport, Report } from "./schema.ts";
import { benchReport, stats } from "./testdata/builders.ts";

function bench(name: string, more: Partial<BenchmarkReport> = {}): BenchmarkReport {
  return benchReport(name, {
    stats: stats(1000, { min: 900, avg: 1010, p99: 1500 }),
    spread: 1.6,
    category: { kind: "band", label: "under 10 µs", belowNs: 1e4 },
    headroom: 2,
    grade: "A",
    capacity60fps: 1,
    budget: { ns: 2000, reason: "r" },
    ...more,
  });
}

const report = (quick = false) => ({
  run: { quick },
  benchmarks: [
    bench("plain"),
    bench("io", { throughput: { bytes: 4096, elements: 16 } }),
    bench("deleted", { atFloor: true }),
    bench("broken", { status: "failed", stats: undefined, error: { name: "Error", message: "x" } }),
  ],
} as unknown as Report);

/** The Bencher Metric Format JSON schema: object → object → {value: number, lower_value?, upper_value?}. */
function assertBmf(data: unknown) {
  assert.equal(typeof data, "object");
  for (const [benchmark, measures] of Object.entries(data as object)) {
    assert.ok(benchmark.length > 0 && benchmark.length <= 1024);
    assert.equal(typeof measures, "object");
    for (const [measure, metric] of Object.entries(measures as object)) {
      assert.ok(measure.length > 0 && measure.length <= 64);
      assert.equal(typeof metric.value, "number");
      for (const key of Object.keys(metric)) {
        assert.ok(["value", "lower_value", "upper_value"].includes(key), key);
      }
      assert.ok(
        metric.lower_value <= metric.value && metric.value <= metric.upper_value,
        `${benchmark} ${measure} bounds`,
      );
    }
  }
}

Deno.test("BMF: latency in ns with bounds, throughput where declared, nothing unresolved", () => {
  const bmf = JSON.parse(JSON.stringify(toBmf(report())));
  assertBmf(bmf);
  assert.deepEqual(Object.keys(bmf), ["c/g/plain", "c/g/io"]);
  assert.deepEqual(bmf["c/g/plain"], {
    latency: { value: 1010, lower_value: 900, upper_value: 1500 },
  });
  assert.deepEqual(Object.keys(bmf["c/g/io"]), ["latency", "throughput", "throughput-bytes"]);
  // Rates to five significant digits, like the times they come from: 15,841,584.158… elements/s.
  assert.equal(bmf["c/g/io"].throughput.value, 15_842_000);
  assert.equal(bmf["c/g/io"]["throughput-bytes"].upper_value, 4_551_100_000);
  assert.deepEqual(toBmf(report(true)), {});
});

Deno.test("github-action-benchmark: customSmallerIsBetter entries {name, unit, value, range, extra}", () => {
  const entries = JSON.parse(JSON.stringify(toActionBenchmark(report())));
  assert.ok(Array.isArray(entries));
  for (const entry of entries) {
    // github-action-benchmark's BenchmarkResult: name, value, unit required; range and extra strings.
    assert.deepEqual(Object.keys(entry).sort(), ["extra", "name", "range", "unit", "value"]);
    assert.equal(typeof entry.name, "string");
    assert.equal(entry.unit, "ns");
    assert.equal(typeof entry.value, "number");
    assert.match(entry.range, /^± \d/);
    assert.equal(typeof entry.extra, "string");
  }
  assert.deepEqual(entries.map((e: { name: string }) => e.name), ["c/g/plain", "c/g/io"]);
  assert.equal(entries[0].value, 1000); // p75, what the report grades
  assert.equal(entries[0].range, "± 300");
  assert.match(entries[0].extra, /budget 2 µs, grade A/);
  assert.deepEqual(toActionBenchmark(report(true)), []);
});
