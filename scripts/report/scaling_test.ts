import assert from "node:assert/strict";
import { DEFAULT_CONFIG } from "./config.ts";
import { fitCostModel, fitPowerLaw, scalingFits, verdictFor } from "./scaling.ts";
import { logTicks, scalingChart } from "./svg.ts";
import type { BenchmarkReport, MetricReport } from "./schema.ts";
import { benchReport, stats } from "./testdata/builders.ts";

const SIZES = [10, 100, 1000, 10_000];

/** A family whose p75 follows `cost(size)`. */
function family(
  cost: (n: number) => number,
  name = "f",
  atFloor: (n: number) => boolean = () => false,
): BenchmarkReport[] {
  return SIZES.map((size) =>
    benchReport(`${name}/${size}`, {
      size: { value: size, unit: "entities" },
      family: name,
      stats: stats(cost(size)),
      atFloor: atFloor(size),
    })
  );
}

const fitOf = (cost: (n: number) => number) => scalingFits(family(cost), [], DEFAULT_CONFIG)[0];

Deno.test("known exponents 0, 1 and 2 are fitted exactly and read as O(1), O(n), O(n²)", () => {
  const constant = fitOf(() => 250);
  assert.equal(constant.exponent, 0);
  assert.equal(constant.rSquared, 1);
  assert.equal(constant.verdict.label, "O(1)");
  const linear = fitOf((n) => 3 * n);
  assert.ok(Math.abs(linear.exponent! - 1) < 1e-12);
  assert.ok(Math.abs(linear.rSquared! - 1) < 1e-12);
  assert.equal(linear.verdict.label, "O(n)");
  const quadratic = fitOf((n) => 0.5 * n * n);
  assert.ok(Math.abs(quadratic.exponent! - 2) < 1e-12);
  assert.equal(quadratic.verdict.label, "O(n²)");
  assert.ok(Math.abs(Math.exp(quadratic.intercept!) - 0.5) < 1e-9);
});

Deno.test("log n and n log n read as themselves over the usual sizes", () => {
  assert.equal(fitOf((n) => 100 * Math.log(n)).verdict.label, "O(log n)");
  assert.equal(fitOf((n) => 10 * n * Math.log(n)).verdict.label, "O(n log n)");
});

Deno.test("a flat family with jitter is O(1) although its R² is low; a steep noisy one is unclear", () => {
  const jitter = [100, 104, 98, 103];
  const flat = scalingFits(family((n) => jitter[SIZES.indexOf(n)]), [], DEFAULT_CONFIG)[0];
  assert.ok(flat.rSquared! < 0.9);
  assert.equal(flat.verdict.label, "O(1)");
  assert.match(verdictFor(1, 0.5, 4, DEFAULT_CONFIG).label, /^unclear \(R² 0\.50\)$/);
});

Deno.test("at-floor points are left out, and too few sizes give no verdict", () => {
  const fit = scalingFits(family((n) => n, "f", (n) => n <= 100), [], DEFAULT_CONFIG)[0];
  assert.equal(fit.excluded, 2);
  assert.equal(fit.points.length, 2);
  assert.equal(fit.verdict.label, "2 sizes: too few for a verdict");
  assert.equal(fitPowerLaw([{ size: 10, value: 1 }, { size: 10, value: 2 }]), null);
});

Deno.test("declared metrics with sizes form families too", () => {
  const metrics: MetricReport[] = SIZES.map((n) => ({
    crate: "net",
    group: "bandwidth",
    name: `delta/${n}`,
    value: 12 * n,
    unit: "bytes",
    size: { value: n, unit: "entities" },
    family: "delta",
  }));
  const [fit] = scalingFits([], metrics, DEFAULT_CONFIG);
  assert.equal(fit.measure, "bytes");
  assert.equal(fit.verdict.label, "O(n)");
});

Deno.test("a zero size or value has no logarithm: left out of the fit and the chart, nothing breaks", () => {
  const withZero = [0, ...SIZES];
  const benches = withZero.map((size, i) => ({
    ...family((n) => n)[0],
    id: `c/g/f/${i}`,
    size: { value: size, unit: "sources" },
    stats: stats(size === 0 ? 7 : 3 * size),
  }));
  const metrics: MetricReport[] = SIZES.map((n, i) => ({
    crate: "net",
    group: "bandwidth",
    name: `idle/${n}`,
    value: i === 0 ? 0 : n,
    unit: "bytes",
    size: { value: n, unit: "clients" },
    family: "idle",
  }));
  const [time, bytes] = scalingFits(benches, metrics, DEFAULT_CONFIG);
  assert.equal(time.excluded, 1);
  assert.equal(time.verdict.label, "O(n)");
  assert.equal(bytes.excluded, 1);
  assert.equal(bytes.points.length, 3);
  for (const [i, fit] of [time, bytes].entries()) {
    const svg = scalingChart({ ...fit, key: "k", title: "t" }, i);
    assert.equal(svg.match(/class="mark"/g)?.length, fit.points.length);
  }
  assert.deepEqual(logTicks(0, 10), [1, 10]);
  assert.deepEqual(logTicks(1000, 1000), [1000, 2000, 5000, 10000]);
});

Deno.test("a fixed cost per call does not make a linear family read as O(log n)", () => {
  // 20 µs + 20 ns per element over 10 to 10,000: the log-log slope is 0.34, with R² 0.82.
  const fit = fitOf((n) => 20_000 + 20 * n);
  assert.ok(fit.exponent! > 0.1 && fit.exponent! < 0.5, `exponent ${fit.exponent}`);
  assert.equal(
    verdictFor(fit.exponent!, fit.rSquared!, 4, DEFAULT_CONFIG).label,
    "unclear (R² 0.82)",
  );
  assert.equal(fit.verdict.label, "O(n) + fixed cost");
  assert.ok(
    Math.abs(fit.linear!.fixed - 20_000) < 1e-6 && Math.abs(fit.linear!.perUnit - 20) < 1e-9,
  );
  assert.ok(fit.linear!.error < 1e-12);
  // A real logarithm stays one: the linear model does not fit it.
  const log = fitOf((n) => 100 + 800 * Math.log(n));
  assert.equal(log.verdict.label, "O(log n)");
  assert.ok(log.linear!.error > DEFAULT_CONFIG.maxModelError);
  // Noise on a constant is not growth: the per-element part must carry the cost at the largest size.
  const flatish = fitOf((n) => (n === 10_000 ? 1_300 : 1_000 + n / 100));
  assert.notEqual(flatish.verdict.label, "O(n) + fixed cost");
});

Deno.test("the linear cost model is clamped to non-negative parts", () => {
  const shrinking = fitCostModel(SIZES.map((n) => ({ size: n, value: 1e6 / n })))!;
  assert.equal(shrinking.perUnit, 0);
  assert.ok(shrinking.fixed > 0);
  const proportional = fitCostModel(SIZES.map((n) => ({ size: n, value: 3 * n })))!;
  assert.ok(Math.abs(proportional.fixed) < 1e-9 && Math.abs(proportional.perUnit - 3) < 1e-9);
  assert.equal(fitCostModel([{ size: 5, value: 1 }]), null);
});

Deno.test("scaling verdicts are tagged; a fit near a band edge or with a weak R² is low-confidence", () => {
  assert.deepEqual(verdictFor(2, 0.999, 4, DEFAULT_CONFIG), {
    kind: "complexity",
    complexity: "O(n²)",
    confidence: "high",
    label: "O(n²)",
  });
  const edge = verdictFor(1.12, 0.999, 4, DEFAULT_CONFIG);
  assert.equal(edge.kind === "complexity" && edge.confidence, "low");
  assert.equal(edge.label, "probably O(n log n) (low confidence)");
  const weak = verdictFor(1.3, 0.95, 4, DEFAULT_CONFIG);
  assert.equal(weak.kind === "complexity" && weak.confidence, "low");
  assert.deepEqual(verdictFor(1, 0.99, 2, DEFAULT_CONFIG), {
    kind: "too few sizes",
    sizes: 2,
    label: "2 sizes: too few for a verdict",
  });
});
