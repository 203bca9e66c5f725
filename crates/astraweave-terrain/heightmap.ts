/**
 * {@link Heightmap}: a square grid of heights in a `Float32Array`, row by row (z rows of x).
 *
 * @module
 */

import { finite, integerIn, positive, TerrainError } from "./errors.ts";

/**
 * Largest heightmap side: 4,096 × 4,096 heights are 64 MiB; a larger request is refused before
 * anything is allocated.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Heightmap, MAX_RESOLUTION } from "@astraweave/terrain";
 * assert.throws(() => new Heightmap(MAX_RESOLUTION + 1), /resolution must be an integer from 2 to 4096/);
 * ```
 */
export const MAX_RESOLUTION = 4096;

/**
 * Heights on a `resolution` × `resolution` grid; `data[z * resolution + x]`. `minHeight` and
 * `maxHeight` follow every change made through the methods; after writing `data` directly, call
 * {@link Heightmap.recalculateBounds}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Heightmap } from "@astraweave/terrain";
 * const map = new Heightmap(3);
 * map.set(1, 0, 10);
 * assert.equal(map.get(1, 0), 10);
 * assert.equal(map.maxHeight, 10);
 * assert.equal(map.sampleBilinear(0.5, 0), 5);
 * ```
 */
export class Heightmap {
  /** Heights per side. */
  readonly resolution: number;
  /** The heights, `resolution²` of them, row by row. */
  readonly data: Float32Array;
  /** Lowest height (0 for a new map, as in the Rust crate). */
  minHeight = 0;
  /** Highest height. */
  maxHeight = 0;

  /**
   * A flat map of `resolution` × `resolution` zeros, or of `data` (copied from nothing: the
   * array is kept) when given.
   *
   * @throws {TerrainError} for a resolution outside 2 to {@link MAX_RESOLUTION}, or `data` of the
   * wrong length or with a non-finite height.
   */
  constructor(resolution: number, data?: Float32Array) {
    this.resolution = integerIn("resolution", resolution, 2, MAX_RESOLUTION);
    if (data === undefined) {
      this.data = new Float32Array(resolution * resolution);
      return;
    }
    if (!(data instanceof Float32Array) || data.length !== resolution * resolution) {
      throw new TerrainError(
        "data",
        data instanceof Float32Array ? data.length : data,
        `must be a Float32Array of resolution² = ${resolution * resolution} heights`,
      );
    }
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) {
        throw new TerrainError(`data[${i}]`, data[i], "must be finite");
      }
    }
    this.data = data;
    this.recalculateBounds();
  }

  #index(x: number, z: number): number {
    integerIn("x", x, 0, this.resolution - 1);
    integerIn("z", z, 0, this.resolution - 1);
    return z * this.resolution + x;
  }

  /**
   * The height at grid point (x, z).
   *
   * @throws {TerrainError} when x or z is not an integer inside the grid.
   */
  get(x: number, z: number): number {
    return this.data[this.#index(x, z)];
  }

  /**
   * Sets the height at (x, z) and widens the bounds to include it.
   *
   * @throws {TerrainError} outside the grid or for a non-finite height.
   */
  set(x: number, z: number, height: number): void {
    const index = this.#index(x, z);
    finite("height", height);
    this.data[index] = height;
    if (height < this.minHeight) this.minHeight = height;
    if (height > this.maxHeight) this.maxHeight = height;
  }

  /** Recomputes `minHeight` and `maxHeight` from `data`. */
  recalculateBounds(): void {
    const data = this.data;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < data.length; i++) {
      const h = data[i];
      if (h < min) min = h;
      if (h > max) max = h;
    }
    this.minHeight = min;
    this.maxHeight = max;
  }

  /**
   * The height between grid points, bilinearly: `u` along x and `v` along z in grid units,
   * clamped to the grid.
   *
   * @throws {TerrainError} when u or v is not finite.
   */
  sampleBilinear(u: number, v: number): number {
    const last = this.resolution - 1;
    const x = Math.min(Math.max(finite("u", u), 0), last);
    const z = Math.min(Math.max(finite("v", v), 0), last);
    const x0 = Math.min(Math.floor(x), last - 1);
    const z0 = Math.min(Math.floor(z), last - 1);
    const fx = x - x0;
    const fz = z - z0;
    const d = this.data;
    const i = z0 * this.resolution + x0;
    const h0 = d[i] * (1 - fx) + d[i + 1] * fx;
    const h1 = d[i + this.resolution] * (1 - fx) + d[i + this.resolution + 1] * fx;
    return h0 * (1 - fz) + h1 * fz;
  }

  /**
   * The unit surface normal at (x, z) from central differences, with `spacing` metres between
   * grid points, written to `out` as [x, y, z] (y up).
   *
   * @throws {TerrainError} outside the grid or for a spacing not above 0.
   */
  normalAt(
    x: number,
    z: number,
    spacing: number,
    out: Float32Array = new Float32Array(3),
  ): Float32Array {
    this.#index(x, z);
    positive("spacing", spacing);
    const r = this.resolution;
    const d = this.data;
    const left = d[z * r + Math.max(x - 1, 0)];
    const right = d[z * r + Math.min(x + 1, r - 1)];
    const up = d[Math.max(z - 1, 0) * r + x];
    const down = d[Math.min(z + 1, r - 1) * r + x];
    const dx = (right - left) / (2 * spacing);
    const dz = (down - up) / (2 * spacing);
    const length = Math.hypot(dx, 1, dz);
    out[0] = -dx / length;
    out[1] = 1 / length;
    out[2] = -dz / length;
    return out;
  }

  /**
   * Vertex positions of the grid as a mesh, [x, y, z] per point, `chunkSize` metres across,
   * starting at (originX, originZ).
   *
   * @throws {TerrainError} for a chunk size not above 0 or a non-finite origin.
   */
  vertices(chunkSize: number, originX = 0, originZ = 0): Float32Array {
    const step = positive("chunkSize", chunkSize) / (this.resolution - 1);
    finite("originX", originX);
    finite("originZ", originZ);
    const r = this.resolution;
    const out = new Float32Array(r * r * 3);
    for (let z = 0, o = 0; z < r; z++) {
      for (let x = 0; x < r; x++, o += 3) {
        out[o] = originX + x * step;
        out[o + 1] = this.data[z * r + x];
        out[o + 2] = originZ + z * step;
      }
    }
    return out;
  }

  /** Triangle indices of the grid: two triangles per cell, as the Rust crate winds them. */
  indices(): Uint32Array {
    const r = this.resolution;
    const out = new Uint32Array((r - 1) * (r - 1) * 6);
    let o = 0;
    for (let z = 0; z < r - 1; z++) {
      for (let x = 0; x < r - 1; x++) {
        const base = z * r + x;
        out[o++] = base;
        out[o++] = base + 1;
        out[o++] = base + r;
        out[o++] = base + 1;
        out[o++] = base + r + 1;
        out[o++] = base + r;
      }
    }
    return out;
  }

  /**
   * `iterations` passes of a 3 × 3 smoothing (centre weight 4, four neighbours 1 each) over the
   * interior; the border stays.
   *
   * @throws {TerrainError} for iterations outside 0 to 10,000.
   */
  smooth(iterations: number): void {
    integerIn("iterations", iterations, 0, 10_000);
    const r = this.resolution;
    const previous = new Float32Array(this.data.length);
    const d = this.data;
    for (let pass = 0; pass < iterations; pass++) {
      previous.set(d);
      for (let z = 1; z < r - 1; z++) {
        for (let x = 1; x < r - 1; x++) {
          const i = z * r + x;
          d[i] = (previous[i - 1] + previous[i + 1] + previous[i - r] + previous[i + r] +
            previous[i] * 4) / 8;
        }
      }
    }
    this.recalculateBounds();
  }

  /** A copy with its own data. */
  clone(): Heightmap {
    return new Heightmap(this.resolution, this.data.slice());
  }
}
