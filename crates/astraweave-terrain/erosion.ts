/**
 * The simple erosion passes of the Rust crate's `erosion.rs`: thermal erosion (material slides
 * off slopes steeper than the talus angle) and its hydraulic pass (a slope-speed filter).
 *
 * @module
 */

import { finite, integerIn, nonNegative, TerrainError } from "./errors.ts";
import type { Heightmap } from "./heightmap.ts";

/**
 * Most passes one erosion call may run.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Heightmap, MAX_EROSION_ITERATIONS, thermalErosion } from "@astraweave/terrain";
 * assert.throws(() => thermalErosion(new Heightmap(4), MAX_EROSION_ITERATIONS + 1, 30), /iterations/);
 * ```
 */
export const MAX_EROSION_ITERATIONS = 10_000;

/**
 * Strongest hydraulic erosion accepted (the Rust default is 0.3); beyond it heights run away.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Heightmap, hydraulicErosion, MAX_HYDRAULIC_STRENGTH } from "@astraweave/terrain";
 * assert.throws(() => hydraulicErosion(new Heightmap(4), MAX_HYDRAULIC_STRENGTH * 2), /strength must be at most 100/);
 * ```
 */
export const MAX_HYDRAULIC_STRENGTH = 100;

/**
 * Thermal erosion: on each pass, every interior cell higher than a neighbour by more than
 * `tan(talusDegrees)` gives half of its largest such difference, shared equally, to all its lower
 * neighbours. The pass reads the heights as they were when it started and writes all moves after,
 * so the result does not depend on the order cells are visited, and material is conserved: the
 * sum of heights changes only by Float32 rounding (tested within 1e-6 of the total per pass).
 *
 * Differences from the Rust function: the angle is in degrees (the Rust one took `tan` of a
 * radian value its tests wrote as degrees, 30 → tan(30 rad) = -6.4, so every slope moved);
 * and moves are applied after the scan (the Rust one moved material in place while scanning, and
 * lost it where raised neighbours were no longer lower).
 *
 * @throws {TerrainError} for iterations outside 0 to {@link MAX_EROSION_ITERATIONS} or an angle
 * outside [0, 90).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Heightmap, thermalErosion } from "@astraweave/terrain";
 * const map = new Heightmap(5);
 * map.set(2, 2, 80);
 * thermalErosion(map, 10, 30);
 * assert.ok(map.get(2, 2) < 80);
 * assert.ok(Math.abs(map.data.reduce((a, b) => a + b) - 80) < 1e-3); // conserved
 * ```
 */
export function thermalErosion(map: Heightmap, iterations: number, talusDegrees: number): void {
  integerIn("iterations", iterations, 0, MAX_EROSION_ITERATIONS);
  const angle = finite("talusDegrees", talusDegrees);
  if (angle < 0 || angle >= 90) {
    throw new TerrainError("talusDegrees", talusDegrees, "must be from 0 up to (not) 90 degrees");
  }
  const talus = Math.tan((angle * Math.PI) / 180);
  const r = map.resolution;
  const heights = map.data;
  const start = new Float32Array(heights.length);
  for (let pass = 0; pass < iterations; pass++) {
    start.set(heights);
    for (let z = 1; z < r - 1; z++) {
      // The 3 × 3 window's heights: rows above (u), here (m) and below (l), columns x - 1 (a), x
      // (b) and x + 1 (c); a step along x reads the three of the new column only.
      let i = z * r + 1;
      let ua = start[i - r - 1], ub = start[i - r];
      let ma = start[i - 1], mb = start[i];
      let la = start[i + r - 1], lb = start[i + r];
      for (let x = 1; x < r - 1; x++, i++) {
        const uc = start[i - r + 1], mc = start[i + 1], lc = start[i + r + 1];
        // The 8 neighbours written out, in the order their shares are added (row above, left
        // and right, row below): Float32 sums depend on the order, and the results are pinned.
        const d0 = mb - ua;
        const d1 = mb - ub;
        const d2 = mb - uc;
        const d3 = mb - ma;
        const d4 = mb - mc;
        const d5 = mb - la;
        const d6 = mb - lb;
        const d7 = mb - lc;
        ua = ub;
        ub = uc;
        ma = mb;
        mb = mc;
        la = lb;
        lb = lc;
        // The largest difference past the talus slope is the largest difference, if that one
        // passes it (a max without a branch per neighbour; the talus is 0 or more).
        const maxDiff = Math.max(d0, d1, d2, d3, d4, d5, d6, d7);
        if (!(maxDiff > talus)) continue;
        const lower = (d0 > 0 ? 1 : 0) + (d1 > 0 ? 1 : 0) + (d2 > 0 ? 1 : 0) + (d3 > 0 ? 1 : 0) +
          (d4 > 0 ? 1 : 0) + (d5 > 0 ? 1 : 0) + (d6 > 0 ? 1 : 0) + (d7 > 0 ? 1 : 0);
        const material = maxDiff * 0.5;
        const share = material / lower;
        heights[i] -= material;
        if (d0 > 0) heights[i - r - 1] += share;
        if (d1 > 0) heights[i - r] += share;
        if (d2 > 0) heights[i - r + 1] += share;
        if (d3 > 0) heights[i - 1] += share;
        if (d4 > 0) heights[i + 1] += share;
        if (d5 > 0) heights[i + r - 1] += share;
        if (d6 > 0) heights[i + r] += share;
        if (d7 > 0) heights[i + r + 1] += share;
      }
    }
  }
  map.recalculateBounds();
}

/**
 * The Rust crate's hydraulic erosion (`Heightmap::apply_hydraulic_erosion`), ported as it is:
 * 10 passes; each gives every cell `strength × 0.01` of water, derives a velocity from the
 * discrete Laplacian of height plus water (dt 1.2, damping 0.99), then lowers cells whose speed
 * passes 0.05 by `speed × 0.3 × strength × 0.1` and raises the others by `speed × 0.3 ×
 * strength × 0.05`. It is a slope filter, not a water simulation: water and velocity start from
 * zero on every pass and never move, and mass is not conserved (what the Rust one does, which
 * `WorldGenerator` runs on every chunk). Heights stay finite for finite input.
 *
 * @throws {TerrainError} for a strength that is not a number from 0 to
 * {@link MAX_HYDRAULIC_STRENGTH}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Heightmap, hydraulicErosion } from "@astraweave/terrain";
 * const map = new Heightmap(8);
 * map.set(4, 4, 20);
 * hydraulicErosion(map, 1);
 * assert.ok(map.get(4, 4) < 20);
 * ```
 */
export function hydraulicErosion(map: Heightmap, strength: number): void {
  if (nonNegative("strength", strength) > MAX_HYDRAULIC_STRENGTH) {
    throw new TerrainError("strength", strength, `must be at most ${MAX_HYDRAULIC_STRENGTH}`);
  }
  const r = map.resolution;
  const d = map.data;
  // The Rust pass refills water and zeroes the velocities at its start and reads each once, so
  // neither needs a grid: the water is one Float32 value, a velocity is rounded to Float32 as
  // it was stored, and only the speeds wait (in full precision) to be applied. Evaporation only
  // touched water the next pass refilled, so it changes nothing. A row's heights change once
  // the speeds of the row below it are known: every speed still reads the heights of the pass's
  // start, as in the Rust's two loops, in one sweep of the grid.
  const water = Math.fround(strength * 0.01);
  const speeds = new Float64Array(d.length);
  for (let pass = 0; pass < 10; pass++) {
    for (let z = 1; z < r - 1; z++) {
      hydraulicSpeeds(d, speeds, r, z, water);
      if (z > 1) hydraulicApply(d, speeds, r, z - 1, strength);
    }
    if (r > 2) hydraulicApply(d, speeds, r, r - 2, strength);
  }
  map.recalculateBounds();
}

/** The speeds of the interior of row z (dt 1.2, damping 0.99). */
function hydraulicSpeeds(
  d: Float32Array,
  speeds: Float64Array,
  r: number,
  z: number,
  water: number,
): void {
  for (let i = z * r + 1, end = z * r + r - 1; i < end; i++) {
    const total = d[i] + water;
    const left = d[i - 1] + water;
    const right = d[i + 1] + water;
    const up = d[i - r] + water;
    const down = d[i + r] + water;
    const vx = Math.fround(((1.2 * (left - total + right - total)) / 2) * 0.99);
    const vz = Math.fround(((1.2 * (up - total + down - total)) / 2) * 0.99);
    speeds[i] = Math.sqrt(vx * vx + vz * vz);
  }
}

/** Lowers the interior cells of row z faster than 0.05 and raises the others (deposition 0.3). */
function hydraulicApply(
  d: Float32Array,
  speeds: Float64Array,
  r: number,
  z: number,
  strength: number,
): void {
  for (let i = z * r + 1, end = z * r + r - 1; i < end; i++) {
    const speed = speeds[i];
    if (speed > 0.05) d[i] -= speed * 0.3 * strength * 0.1;
    else d[i] += speed * 0.3 * strength * 0.05;
  }
}
