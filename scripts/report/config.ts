/**
 * Every rule of the report that is a number lives here, in one config: grade bands, the floor
 * rule, the noise mark, the regression threshold, the time categories and the scaling verdicts.
 *
 * @module
 */

/** A grade, best first. "F" means over budget. */
export type Grade = "A+" | "A" | "B" | "C" | "F";

/** All grades, best first. */
export const GRADES: readonly Grade[] = ["A+", "A", "B", "C", "F"];

/** A grade band: the lowest headroom (budget ÷ p75) that earns the grade. */
export interface GradeBand {
  grade: Exclude<Grade, "F">;
  minHeadroom: number;
}

/** A time category: benchmarks whose p75 is under `belowNs` (and not in an earlier category). */
export interface TimeCategory {
  label: string;
  belowNs: number;
}

/** A scaling verdict: fitted exponents under `belowExponent` (and not in an earlier verdict). */
export interface ScalingVerdict {
  verdict: string;
  belowExponent: number;
}

/** The numbers the report's rules use. */
export interface ReportConfig {
  /** Best first; anything under the last band's headroom is "F". */
  bands: GradeBand[];
  /** A result whose p75 is within this factor of the harness floor's p75 is "at floor". */
  floorFactor: number;
  /** Spread (p99 ÷ min) above this marks a result noisy (default 3). */
  noisySpread: number;
  /** Default regression threshold as a fraction (0.1 = 10%); benchmarks may declare their own. */
  regressionThreshold: number;
  /** One frame at 60 FPS, in nanoseconds. */
  frameNs: number;
  /** Time categories after "at floor", fastest first; the last one catches everything else. */
  categories: TimeCategory[];
  /** Scaling verdicts by fitted exponent, smallest first; the last one catches everything else. */
  verdicts: ScalingVerdict[];
  /** A family needs at least this many distinct sizes for a verdict. */
  minScalingPoints: number;
  /** A fit with R² below this is reported as "unclear" instead of a verdict. */
  minRSquared: number;
  /**
   * A family the exponent reads as O(log n) is "O(n) + fixed cost" when the linear cost model fits
   * with at most this relative RMS error (default 0.15), and better than a logarithmic one.
   */
  maxModelError: number;
}

/** The defaults (issue 3): A+ ≥ 5×, A ≥ 2×, B ≥ 1.25×, C ≥ 1×, F over budget. */
export const DEFAULT_CONFIG: Readonly<ReportConfig> = Object.freeze<ReportConfig>({
  bands: [
    { grade: "A+", minHeadroom: 5 },
    { grade: "A", minHeadroom: 2 },
    { grade: "B", minHeadroom: 1.25 },
    { grade: "C", minHeadroom: 1 },
  ],
  floorFactor: 1.5,
  // p99 ÷ min of per-call samples reaches 2 to 3 on a shared 2-core machine without anything
  // being wrong; above 3 the spread is worth a look.
  noisySpread: 3,
  regressionThreshold: 0.1,
  frameNs: 1e9 / 60,
  categories: [
    { label: "under 100 ns", belowNs: 100 },
    { label: "under 1 µs", belowNs: 1e3 },
    { label: "under 10 µs", belowNs: 1e4 },
    { label: "under 1 ms", belowNs: 1e6 },
    { label: "1 ms and over", belowNs: Infinity },
  ],
  // log-log slope of the cost curves over the sizes benchmarks use (10 to 10^6): log n has a local
  // slope of 1/ln n (0.07 to 0.4), n log n of 1 + 1/ln n (1.07 to 1.4).
  verdicts: [
    { verdict: "O(1)", belowExponent: 0.1 },
    { verdict: "O(log n)", belowExponent: 0.5 },
    { verdict: "O(n)", belowExponent: 1.1 },
    { verdict: "O(n log n)", belowExponent: 1.5 },
    { verdict: "O(n²)", belowExponent: 2.5 },
    { verdict: "worse than O(n²)", belowExponent: Infinity },
  ],
  minScalingPoints: 3,
  minRSquared: 0.9,
  maxModelError: 0.15,
});

/**
 * The grade for a headroom (budget ÷ measured time). Band edges count as inside the band.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFIG, gradeFor } from "./config.ts";
 * console.assert(gradeFor(5, DEFAULT_CONFIG) === "A+");
 * console.assert(gradeFor(1.2499, DEFAULT_CONFIG) === "C");
 * console.assert(gradeFor(0.99, DEFAULT_CONFIG) === "F");
 * ```
 */
export function gradeFor(headroom: number, config: Pick<ReportConfig, "bands">): Grade {
  for (const band of config.bands) {
    if (headroom >= band.minHeadroom) return band.grade;
  }
  return "F";
}

/**
 * The weakest of some grades, or null when there are none.
 *
 * @example
 * ```ts
 * import { weakestGrade } from "./config.ts";
 * console.assert(weakestGrade(["A+", "B", "A"]) === "B");
 * console.assert(weakestGrade([]) === null);
 * ```
 */
export function weakestGrade(grades: Iterable<Grade>): Grade | null {
  let worst = -1;
  for (const grade of grades) worst = Math.max(worst, GRADES.indexOf(grade));
  return worst < 0 ? null : GRADES[worst];
}
