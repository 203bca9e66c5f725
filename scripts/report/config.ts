/**
 * Every rule of the report that is a number lives here, in one config: grade bands, the floor
 * rule, the noise mark, the regression threshold, the time categories, the scaling verdicts, the
 * machine-change rule, and how much the renderers list. Reports write it whole to `settings`.
 *
 * @module
 */

import { FRAME_NS } from "@astraweave/bench-protocol";
import type { Grade, ReportSettings } from "./schema.ts";

/** All grades, best first. */
export const GRADES: readonly Grade[] = ["A+", "A", "B", "C", "F"];

/** The numbers the report's rules use: the settings every report writes (see `schema.ts`). */
export type ReportConfig = ReportSettings;

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
  // The frame the bench files' budgets are shares of: one definition for both.
  frameNs: FRAME_NS,
  categories: [
    { label: "under 100 ns", belowNs: 100 },
    { label: "under 1 µs", belowNs: 1e3 },
    { label: "under 10 µs", belowNs: 1e4 },
    { label: "under 1 ms", belowNs: 1e6 },
    { label: "1 ms and over", belowNs: null },
  ],
  // log-log slope of the cost curves over the sizes benchmarks use (10 to 10^6): log n has a local
  // slope of 1/ln n (0.07 to 0.4), n log n of 1 + 1/ln n (1.07 to 1.4).
  complexities: [
    { complexity: "O(1)", belowExponent: 0.1 },
    { complexity: "O(log n)", belowExponent: 0.5 },
    { complexity: "O(n)", belowExponent: 1.1 },
    { complexity: "O(n log n)", belowExponent: 1.5 },
    { complexity: "O(n²)", belowExponent: 2.5 },
    { complexity: "worse than O(n²)", belowExponent: null },
  ],
  minScalingPoints: 3,
  minRSquared: 0.9,
  // A slope 0.05 from an edge (1.12 between O(n) and O(n log n)) is one noisy point away from the
  // other verdict; so is a line that explains under 98% of the variance.
  confidentRSquared: 0.98,
  edgeMargin: 0.05,
  maxModelError: 0.15,
  seriesRuns: 30,
  scalingCharts: 48,
  noisyListed: 15,
  listedNames: 6,
  // The floor of one machine moves by up to ~1.2x between runs; 1.43x was a different machine load.
  floorShift: 1.25,
  noisyShare: 0.5,
});

/**
 * The grade for a headroom (budget ÷ measured time). Band edges count as inside the band.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_CONFIG, gradeFor } from "./config.ts";
 * assert.equal(gradeFor(5, DEFAULT_CONFIG), "A+");
 * assert.equal(gradeFor(1.2499, DEFAULT_CONFIG), "C");
 * assert.equal(gradeFor(0.99, DEFAULT_CONFIG), "F");
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
 * import assert from "node:assert/strict";
 * import { weakestGrade } from "./config.ts";
 * assert.equal(weakestGrade(["A+", "B", "A"]), "B");
 * assert.equal(weakestGrade([]), null);
 * ```
 */
export function weakestGrade(grades: Iterable<Grade>): Grade | null {
  let worst = -1;
  for (const grade of grades) worst = Math.max(worst, GRADES.indexOf(grade));
  return worst < 0 ? null : GRADES[worst];
}
