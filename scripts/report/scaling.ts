/**
 * Scaling: for each parameterized family (same crate, group and family, several declared sizes),
 * the least-squares exponent of log(value) against log(size), its R², and the verdict the
 * exponent reads as: the original report's "perfect O(1)" and "linear O(n)" become computed.
 *
 * @module
 */

import type { ReportConfig } from "./config.ts";
import type { BenchmarkReport, MetricReport, ScalingFit } from "./schema.ts";

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
 * import { fitPowerLaw } from "./scaling.ts";
 * const fit = fitPowerLaw([{ size: 10, value: 100 }, { size: 100, value: 10_000 }, { size: 1000, value: 1e6 }]);
 * console.assert(Math.abs(fit!.exponent - 2) < 1e-9 && Math.abs(fit!.rSquared - 1) < 1e-9);
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

/**
 * Reads an exponent as a complexity class. A flat family is O(1) whatever its R² (a flat line
 * explains no variance, so R² says nothing there); a steeper one needs R² ≥ `minRSquared`.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG } from "./config.ts";
 * import { verdictFor } from "./scaling.ts";
 * console.assert(verdictFor(1.02, 0.99, 4, DEFAULT_CONFIG) === "O(n)");
 * console.assert(verdictFor(0.02, 0.1, 4, DEFAULT_CONFIG) === "O(1)");
 * console.assert(verdictFor(1.02, 0.99, 2, DEFAULT_CONFIG) === "2 sizes: too few for a verdict");
 * ```
 */
export function verdictFor(
  exponent: number,
  rSquared: number,
  sizes: number,
  config: Pick<ReportConfig, "verdicts" | "minScalingPoints" | "minRSquared">,
): string {
  if (sizes < config.minScalingPoints) {
    return `${sizes} size${sizes === 1 ? "" : "s"}: too few for a verdict`;
  }
  const [flat] = config.verdicts;
  if (exponent < flat.belowExponent) return flat.verdict;
  if (rSquared < config.minRSquared) return `unclear (R² ${rSquared.toFixed(2)})`;
  for (const band of config.verdicts) if (exponent < band.belowExponent) return band.verdict;
  return config.verdicts.at(-1)!.verdict;
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
  return {
    ...head,
    points: kept.map(({ size, value, id }) => ({ size, value, id })),
    excluded: points.length - kept.length,
    exponent: fit?.exponent ?? null,
    intercept: fit?.intercept ?? null,
    rSquared: fit?.rSquared ?? null,
    verdict: fit
      ? verdictFor(fit.exponent, fit.rSquared, sizes, config)
      : `${sizes} size${sizes === 1 ? "" : "s"}: too few for a verdict`,
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
  const families = new Map<
    string,
    { head: Parameters<typeof fitFamily>[0]; points: FamilyPoint[] }
  >();
  const add = (head: Parameters<typeof fitFamily>[0], point: FamilyPoint) => {
    const key = `${head.measure}\u0000${head.crate}\u0000${head.group}\u0000${head.family}`;
    let family = families.get(key);
    if (!family) families.set(key, family = { head, points: [] });
    family.points.push(point);
  };
  for (const b of benchmarks) {
    if (!b.size || !b.family || b.kind === "floor" || b.status !== "ok" || !b.stats) continue;
    add(
      { crate: b.crate, group: b.group, family: b.family, measure: "time", unit: b.size.unit },
      {
        size: b.size.value,
        value: b.stats.p75,
        id: b.id,
        excluded: b.atFloor || !loggable(b.size.value, b.stats.p75),
      },
    );
  }
  for (const m of metrics) {
    if (!m.size || !m.family) continue;
    add(
      { crate: m.crate, group: m.group, family: m.family, measure: m.unit, unit: m.size.unit },
      {
        size: m.size.value,
        value: m.value,
        id: `${m.crate}/${m.group}/${m.name}`,
        excluded: !loggable(m.size.value, m.value),
      },
    );
  }
  return [...families.values()]
    .filter((f) => f.points.length > 1)
    .map((f) => fitFamily(f.head, f.points, config));
}
