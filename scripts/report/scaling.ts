/**
 * Scaling: for each parameterized family (same crate, group and family, several declared sizes),
 * the least-squares exponent of log(value) against log(size), its R², the verdict the exponent
 * reads as, and the linear cost model fixed + per-element × n: the original report's "perfect
 * O(1)" and "linear O(n)" become computed. A fixed cost per call bends the log-log line below a
 * slope of 1 (and costs it R²), so a family read as O(log n) or unclear whose linear model fits
 * (see `linearBehindFixedCost`) is reported as "O(n) + fixed cost".
 *
 * @module
 */

import type { ReportConfig } from "./config.ts";
import type { BenchmarkReport, MetricReport, ScalingFit, ScalingVerdict } from "./schema.ts";

/** A least-squares line through (ln size, ln value). */
export interface PowerFit {
  exponent: number;
  intercept: number;
  rSquared: number;
}

/**
 * Fits value = e^intercept × size^exponent by least squares on logs. Needs two or more distinct
 * sizes and positive values. R² is 1 for a perfect fit and for a flat line through equal values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitPowerLaw } from "./scaling.ts";
 * const fit = fitPowerLaw([{ size: 10, value: 100 }, { size: 100, value: 10_000 }, { size: 1000, value: 1e6 }]);
 * assert.ok(Math.abs(fit!.exponent - 2) < 1e-9 && Math.abs(fit!.rSquared - 1) < 1e-9);
 * ```
 */
export function fitPowerLaw(points: { size: number; value: number }[]): PowerFit | null {
  const usable = points.filter((p) => p.size > 0 && p.value > 0);
  if (new Set(usable.map((p) => p.size)).size < 2) return null;
  const xs = usable.map((p) => Math.log(p.size));
  const ys = usable.map((p) => Math.log(p.value));
  const count = usable.length;
  const meanX = xs.reduce((a, b) => a + b, 0) / count;
  const meanY = ys.reduce((a, b) => a + b, 0) / count;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < count; i++) {
    const dx = xs[i] - meanX;
    const dy = ys[i] - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const exponent = sxy / sxx;
  const intercept = meanY - exponent * meanX;
  let residual = 0;
  for (let i = 0; i < count; i++) {
    const error = ys[i] - (intercept + exponent * xs[i]);
    residual += error * error;
  }
  // Equal values: the flat line fits them exactly, though it "explains" no variance.
  const rSquared = syy === 0 ? 1 : Math.max(0, 1 - residual / syy);
  return { exponent, intercept, rSquared };
}

/** The verdict for a family with too few sizes. */
function tooFew(sizes: number): ScalingVerdict {
  return {
    kind: "too few sizes",
    sizes,
    label: `${sizes} size${sizes === 1 ? "" : "s"}: too few for a verdict`,
  };
}

/**
 * Reads an exponent as a complexity class. A flat family is O(1) whatever its R² (a flat line
 * explains no variance, so R² says nothing there); a steeper one needs R² ≥ `minRSquared`. A
 * verdict is low-confidence when R² is under `confidentRSquared` (except O(log n), which is no
 * straight line in log-log) or the exponent lies within `edgeMargin` of a band edge; its label
 * then says "probably".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_CONFIG } from "./config.ts";
 * import { verdictFor } from "./scaling.ts";
 * assert.deepEqual(verdictFor(1.02, 0.99, 4, DEFAULT_CONFIG), {
 *   kind: "complexity",
 *   complexity: "O(n)",
 *   confidence: "high",
 *   label: "O(n)",
 * });
 * assert.equal(verdictFor(1.13, 0.99, 4, DEFAULT_CONFIG).label, "probably O(n log n) (low confidence)");
 * assert.equal(verdictFor(0.02, 0.1, 4, DEFAULT_CONFIG).label, "O(1)");
 * assert.equal(verdictFor(1.02, 0.99, 2, DEFAULT_CONFIG).kind, "too few sizes");
 * ```
 */
export function verdictFor(
  exponent: number,
  rSquared: number,
  sizes: number,
  config: Pick<
    ReportConfig,
    "complexities" | "minScalingPoints" | "minRSquared" | "confidentRSquared" | "edgeMargin"
  >,
): ScalingVerdict {
  if (sizes < config.minScalingPoints) return tooFew(sizes);
  const bands = config.complexities;
  const below = (edge: number | null) => edge === null || exponent < edge;
  if (below(bands[0].belowExponent)) {
    return {
      kind: "complexity",
      complexity: bands[0].complexity,
      confidence: "high",
      label: bands[0].complexity,
    };
  }
  if (rSquared < config.minRSquared) {
    return { kind: "unclear", rSquared, label: `unclear (R² ${rSquared.toFixed(2)})` };
  }
  const index = bands.findIndex((band) => below(band.belowExponent));
  const band = bands[index];
  const edges = [bands[index - 1]?.belowExponent, band.belowExponent]
    .filter((edge): edge is number => typeof edge === "number");
  // log n is no straight line on log-log axes, so its R² says less: only the edges count there.
  const straight = band.complexity !== "O(log n)";
  const confident = (!straight || rSquared >= config.confidentRSquared) &&
    edges.every((edge) => Math.abs(exponent - edge) > config.edgeMargin);
  return {
    kind: "complexity",
    complexity: band.complexity,
    confidence: confident ? "high" : "low",
    label: confident ? band.complexity : `probably ${band.complexity} (low confidence)`,
  };
}

/** An affine cost model: value = fixed + perUnit × g(size). */
export interface CostModel {
  /** The fixed part, in the family's unit (ns for times). */
  fixed: number;
  /** The part per unit of g(size): per element when g(n) = n. */
  perUnit: number;
  /** Root mean square of the relative errors (0.05 = the model is 5% off on average). */
  error: number;
}

/**
 * Fits value = fixed + perUnit × g(size) with both parts non-negative, by least squares on the
 * relative error (so every size counts alike). `g` defaults to n: the fixed cost per call and
 * the cost per element, which the log-log exponent cannot tell apart (10 µs + 20 ns × n over
 * n = 10 to 2,000 has a log-log slope near 0.5, yet it is linear).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitCostModel } from "./scaling.ts";
 * const points = [10, 100, 1000, 2000].map((n) => ({ size: n, value: 10_000 + 20 * n }));
 * const model = fitCostModel(points)!;
 * assert.deepEqual([Math.round(model.fixed), Math.round(model.perUnit)], [10_000, 20]);
 * ```
 */
export function fitCostModel(
  points: { size: number; value: number }[],
  g: (size: number) => number = (n) => n,
): CostModel | null {
  const usable = points.filter((p) => p.size > 0 && p.value > 0);
  if (new Set(usable.map((p) => p.size)).size < 2) return null;
  // Weights 1/value²: minimizing Σ w (value - model)² minimizes the relative errors.
  let sw = 0, swg = 0, swt = 0, swgg = 0, swgt = 0;
  for (const { size, value } of usable) {
    const w = 1 / (value * value);
    const x = g(size);
    sw += w;
    swg += w * x;
    swt += w * value;
    swgg += w * x * x;
    swgt += w * x * value;
  }
  const det = sw * swgg - swg * swg;
  let fixed = swt / sw;
  let perUnit = 0;
  if (det > 0) {
    perUnit = (sw * swgt - swg * swt) / det;
    fixed = (swt - perUnit * swg) / sw;
    // Costs do not shrink with size, and nothing costs less than nothing: clamp to the boundary
    // and refit the remaining part alone.
    if (perUnit < 0) [fixed, perUnit] = [swt / sw, 0];
    else if (fixed < 0) [fixed, perUnit] = [0, swgt / swgg];
  }
  let squares = 0;
  for (const { size, value } of usable) {
    const relative = (value - fixed - perUnit * g(size)) / value;
    squares += relative * relative;
  }
  return { fixed, perUnit, error: Math.sqrt(squares / usable.length) };
}

/**
 * Whether a family that the exponent reads as O(log n) (or as unclear) is linear with a fixed cost
 * instead: the
 * linear model fits within `maxError`, fits better than fixed + c × ln n, and its per-element part
 * is at least half the cost at the largest size (so it is growth, not noise on a constant).
 */
function linearBehindFixedCost(
  points: { size: number; value: number }[],
  linear: CostModel,
  maxError: number,
): boolean {
  const logarithmic = fitCostModel(points, Math.log);
  const largest = Math.max(...points.map((p) => p.size));
  return linear.error <= maxError && (!logarithmic || linear.error < logarithmic.error) &&
    linear.perUnit * largest >= linear.fixed;
}

/** A point a log-log fit (and chart) can hold: both coordinates positive and finite. */
const loggable = (size: number, value: number) =>
  size > 0 && value > 0 && Number.isFinite(size) && Number.isFinite(value);

interface FamilyPoint {
  size: number;
  value: number;
  id: string;
  excluded: boolean;
}

function fitFamily(
  head: { crate: string; group: string; family: string; measure: string; unit: string },
  points: FamilyPoint[],
  config: ReportConfig,
): ScalingFit {
  const kept = points.filter((p) => !p.excluded).sort((a, b) => a.size - b.size);
  const sizes = new Set(kept.map((p) => p.size)).size;
  const fit = fitPowerLaw(kept);
  const linear = fitCostModel(kept);
  let verdict = fit ? verdictFor(fit.exponent, fit.rSquared, sizes, config) : tooFew(sizes);
  // A bent log-log line reads as O(log n), or as unclear when the bend costs the line its R².
  const bent = verdict.kind === "unclear" ||
    (verdict.kind === "complexity" && verdict.complexity === "O(log n)");
  if (bent && linear && linearBehindFixedCost(kept, linear, config.maxModelError)) {
    verdict = { kind: "linear with fixed cost", confidence: "high", label: "O(n) + fixed cost" };
  }
  return {
    ...head,
    points: kept.map(({ size, value, id }) => ({ size, value, id })),
    excluded: points.length - kept.length,
    exponent: fit?.exponent ?? null,
    intercept: fit?.intercept ?? null,
    rSquared: fit?.rSquared ?? null,
    linear,
    verdict,
  };
}

/**
 * The scaling fits of a run: one per family of passing timed benchmarks with declared sizes
 * and one per family of declared metrics with sizes. Left out of a fit: at-floor points (their
 * times are not resolved) and points with a zero size or value (a "0 sources" case has no
 * logarithm). Families with a single member are not families.
 */
export function scalingFits(
  benchmarks: BenchmarkReport[],
  metrics: MetricReport[],
  config: ReportConfig,
): ScalingFit[] {
  type Head = Parameters<typeof fitFamily>[0];
  // In order of first appearance. Found by measure, crate, group and family in nested maps: no key
  // string is built and hashed, and no head made, for each of 10,000 benchmarks.
  const families: { head: Head; points: FamilyPoint[] }[] = [];
  const index = new Map<string, Map<string, Map<string, Map<string, FamilyPoint[]>>>>();
  const pointsOf = (
    measure: string,
    crate: string,
    group: string,
    family: string,
    unit: string,
  ): FamilyPoint[] => {
    let byCrate = index.get(measure);
    if (!byCrate) index.set(measure, byCrate = new Map());
    let byGroup = byCrate.get(crate);
    if (!byGroup) byCrate.set(crate, byGroup = new Map());
    let byFamily = byGroup.get(group);
    if (!byFamily) byGroup.set(group, byFamily = new Map());
    let points = byFamily.get(family);
    if (!points) {
      byFamily.set(family, points = []);
      // A family's unit is its first member's.
      families.push({ head: { crate, group, family, measure, unit }, points });
    }
    return points;
  };
  for (const b of benchmarks) {
    if (!b.size || !b.family || b.kind === "floor" || b.status !== "ok" || !b.stats) continue;
    pointsOf("time", b.crate, b.group, b.family, b.size.unit).push({
      size: b.size.value,
      value: b.stats.p75,
      id: b.id,
      excluded: b.atFloor || !loggable(b.size.value, b.stats.p75),
    });
  }
  for (const m of metrics) {
    if (!m.size || !m.family) continue;
    pointsOf(m.unit, m.crate, m.group, m.family, m.size.unit).push({
      size: m.size.value,
      value: m.value,
      id: `${m.crate}/${m.group}/${m.name}`,
      excluded: !loggable(m.size.value, m.value),
    });
  }
  return families
    .filter((f) => f.points.length > 1)
    .map((f) => fitFamily(f.head, f.points, config));
}
