/**
 * Level-of-detail selection by projected screen size (the Rust `LODSelector` of
 * nanite_visibility.rs): an object whose bounding sphere covers fewer pixels than
 * `lodError × lodBias` gets a coarser level, one per halving of its projected size.
 *
 * @module
 */

import type { SphereSoa } from "./bounds.ts";
import { atLeast, finite, integerIn, positive, RenderError } from "./error.ts";
import { length3 } from "./length.ts";

/**
 * Picks a level of detail (0 = full detail) from a bounding sphere's projected size.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LodSelector } from "@astraweave/render";
 * const lod = new LodSelector(1080, Math.PI / 2);
 * assert.equal(lod.selectLod([0, 0, -10], 1, 16, [0, 0, 0], 5), 0); // 54 px: full detail
 * assert.equal(lod.selectLod([0, 0, -1000], 1, 16, [0, 0, 0], 5), 4); // 0.54 px: log2(16 / 0.54) = 4.9
assert.equal(lod.selectLod([0, 0, -1000], 1, 16, [0, 0, 0], 2), 2); // capped
 * ```
 */
export class LodSelector {
  /** Screen height in pixels. */
  readonly screenHeight: number;
  /** Vertical field of view in radians. */
  readonly fov: number;
  /** Multiplies every error threshold (the Rust default 1). */
  readonly lodBias: number;
  readonly #pixelsPerUnit: number;

  /**
   * A selector for a screen `screenHeight` pixels high with vertical field of view `fov`.
   *
   * @throws {RenderError} naming the field: not finite, ≤ 0, or fov ≥ π.
   */
  constructor(screenHeight: number, fov: number, lodBias = 1) {
    this.screenHeight = positive("screenHeight", screenHeight);
    this.fov = positive("fov", fov);
    if (fov >= Math.PI) {
      throw new RenderError("out_of_range", "fov", `must be below π radians, got ${fov}`);
    }
    this.lodBias = positive("lodBias", lodBias);
    this.#pixelsPerUnit = screenHeight * 0.5 / Math.tan(fov * 0.5);
  }

  /**
   * Projected radius in pixels of a sphere of `radius` at `distance` (the whole screen height at
   * distance ≤ 0, as the Rust does).
   */
  projectedSize(radius: number, distance: number): number {
    return distance <= 0 ? this.screenHeight : (radius / distance) * this.#pixelsPerUnit;
  }

  /**
   * The Rust `select_lod`: 0 when the projected size reaches `lodError × lodBias`, else
   * `trunc(|log2(size / threshold)|)`, at most `maxLod`.
   */
  selectLod(
    center: ArrayLike<number>,
    radius: number,
    lodError: number,
    camera: ArrayLike<number>,
    maxLod: number,
  ): number {
    const distance = length3(center[0] - camera[0], center[1] - camera[1], center[2] - camera[2]);
    return this.#level(this.projectedSize(radius, distance), lodError * this.lodBias, maxLod);
  }

  /**
   * {@link LodSelector.selectLod} for every sphere, written into `levels`: the same levels,
   * found from squared distances and the highest bit of an integer instead of a square root and
   * a log2 per object.
   *
   * @throws {RenderError} when `levels` is shorter than `spheres`, or a parameter is bad.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { LodSelector, SphereSoa } from "@astraweave/render";
   * const spheres = new SphereSoa(2);
   * spheres.set(0, 0, 0, -10, 1);
   * spheres.set(1, 0, 0, -1000, 1);
   * const levels = new Uint8Array(2);
   * new LodSelector(1080, Math.PI / 2).selectLods(spheres, 16, [0, 0, 0], 5, levels);
   * assert.deepEqual([...levels], [0, 4]);
   * ```
   */
  selectLods(
    spheres: SphereSoa,
    lodError: number,
    camera: ArrayLike<number>,
    maxLod: number,
    levels: Uint8Array,
  ): Uint8Array {
    atLeast("levels", levels, spheres.length);
    integerIn("maxLod", maxLod, 0, 255);
    const threshold = positive("lodError", lodError) * this.lodBias;
    const cx = finite("camera[0]", camera[0]);
    const cy = finite("camera[1]", camera[1]);
    const cz = finite("camera[2]", camera[2]);
    // q = (threshold / projected size)² = (threshold d / (r ppu))², from the squared distance
    // without a square root. Level k is reached once threshold / size ≥ 2^k, that is q ≥ 4^k:
    // half the index of q's highest bit, read with clz32 (no log2, no branch per level).
    const scale = (threshold / this.#pixelsPerUnit) ** 2;
    const { x, y, z, radius } = spheres;
    for (let i = 0; i < spheres.length; i++) {
      const dx = x[i] - cx, dy = y[i] - cy, dz = z[i] - cz;
      const distanceSquared = dx * dx + dy * dy + dz * dz;
      const r = radius[i];
      const q = distanceSquared * scale / (r * r);
      if (r > 0 && distanceSquared > 0 && q < 0x1_0000_0000) {
        levels[i] = Math.min(maxLod, Math.max(0, (31 - Math.clz32(q)) >> 1));
      } else {
        // At the camera, a radius of zero, below zero or NaN, or level 16 and up: the Rust's
        // formula as it is.
        const size = this.projectedSize(r, Math.sqrt(distanceSquared));
        levels[i] = this.#level(size, threshold, maxLod);
      }
    }
    return levels;
  }

  #level(size: number, threshold: number, maxLod: number): number {
    if (!(size < threshold)) return 0;
    // Rust's `as u32` truncates, saturates Infinity (size 0) to the cap, and turns NaN (a
    // negative radius) into 0.
    const level = Math.trunc(Math.abs(Math.log2(size / threshold)));
    return Math.min(Number.isNaN(level) ? 0 : level, maxLod);
  }
}
