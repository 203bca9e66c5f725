/**
 * Clustered lighting, CPU binning (the Rust clustered.rs `bin_lights_cpu`): the view frustum cut
 * into `x × y` screen tiles and `z` depth slices (froxels), each point light (a sphere) listed in
 * every cluster it overlaps, as counts, an exclusive offset scan and one index list, three
 * `Uint32Array`s laid out as the Rust's (and its WGSL kernel's) buffers.
 *
 * Conventions are the Rust's: lights in view space with +z the depth in front of the camera,
 * tile x growing with +x and tile y with +y, depth slices linear between near and far, cluster
 * index `ix + iy·x + iz·x·y`. Where the Rust bins by a screen rectangle of half-size `r/z·f`
 * (smaller than the sphere's projection off-center and near the camera, so it leaves out
 * clusters the light reaches), this tests each light against the view-space bounding box of each
 * candidate froxel ({@link ClusterGrid.froxelBounds}): it never leaves a reached cluster out, and
 * "the clusters a light overlaps" has one answer that the tests check against brute force.
 *
 * @module
 */

import type { SphereSoa } from "./bounds.ts";
import { integerIn, positive, RenderError } from "./error.ts";

/** Cluster grid dimensions. */
export interface ClusterDims {
  /** Tiles across. */
  x: number;
  /** Tiles down. */
  y: number;
  /** Depth slices. */
  z: number;
}

/** The Rust `ClusterConfig::default()` grid: 16 × 9 tiles (16:9) × 24 slices. */
export const DEFAULT_CLUSTER_DIMS: Readonly<ClusterDims> = Object.freeze({ x: 16, y: 9, z: 24 });
/** The most clusters a grid may have (1,048,576): refused above it before allocating. */
export const MAX_CLUSTERS = 1 << 20;
/** The default cap on light-cluster pairs in one binning (16,777,216 indices, 64 MiB). */
export const DEFAULT_MAX_LIGHT_INDICES = 1 << 24;

/** The result of binning: light lists per cluster, ready to upload. */
export interface ClusterBins {
  /** Lights in each cluster. */
  readonly counts: Uint32Array;
  /** Exclusive scan of `counts`: cluster `c`'s lights are `indices[offsets[c] .. offsets[c + 1]]`. */
  readonly offsets: Uint32Array;
  /** Light indices, cluster after cluster, each cluster's in increasing light order. */
  readonly indices: Uint32Array;
}

/** What a {@link ClusterGrid} is made from. */
export interface ClusterGridOptions {
  /** Grid dimensions (default {@link DEFAULT_CLUSTER_DIMS}). */
  dims?: ClusterDims;
  /** Screen width in pixels (its aspect sets the tiles' width). */
  width: number;
  /** Screen height in pixels. */
  height: number;
  /** Near plane distance, > 0. */
  near: number;
  /** Far plane distance, > near. */
  far: number;
  /** Vertical field of view in radians, in (0, π). */
  fovY: number;
}

/**
 * A froxel grid for one camera projection, with each froxel's view-space box precomputed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ClusterGrid, SphereSoa } from "@astraweave/render";
 * const grid = new ClusterGrid({ dims: { x: 4, y: 4, z: 4 }, width: 640, height: 640, near: 1, far: 9, fovY: Math.PI / 2 });
 * const lights = new SphereSoa(1);
 * lights.set(0, 0, 0, 6, 0.5); // on the axis, depth 5.5 to 6.5: slice 2 of [1, 3, 5, 7, 9]
 * const bins = grid.binLights(lights);
 * assert.equal(bins.indices.length, 4); // the four tiles meeting at the center
 * assert.equal(bins.counts[grid.clusterIndex(1, 1, 2)], 1);
 * assert.equal(bins.offsets.at(-1), 4);
 * ```
 */
export class ClusterGrid {
  /** Grid dimensions. */
  readonly dims: Readonly<ClusterDims>;
  /** Number of clusters, `x·y·z`. */
  readonly clusters: number;
  readonly #near: number;
  readonly #far: number;
  // Per slice: view depth range; per (slice, tile column/row): view-space x or y range.
  readonly #zLo: Float64Array;
  readonly #zHi: Float64Array;
  readonly #xLo: Float64Array;
  readonly #xHi: Float64Array;
  readonly #yLo: Float64Array;
  readonly #yHi: Float64Array;

  /**
   * A grid for `options`.
   *
   * @throws {RenderError} naming the field: dimensions not integers in [1, 4096] or more than
   * {@link MAX_CLUSTERS} clusters, sizes not positive, far ≤ near, fovY outside (0, π).
   */
  constructor(options: ClusterGridOptions) {
    const dims = options.dims ?? DEFAULT_CLUSTER_DIMS;
    const dx = integerIn("dims.x", dims.x, 1, 4096);
    const dy = integerIn("dims.y", dims.y, 1, 4096);
    const dz = integerIn("dims.z", dims.z, 1, 4096);
    if (dx * dy * dz > MAX_CLUSTERS) {
      throw new RenderError(
        "out_of_range",
        "dims",
        `${dx}×${dy}×${dz} is more than ${MAX_CLUSTERS} clusters`,
      );
    }
    const width = positive("width", options.width);
    const height = positive("height", options.height);
    const near = positive("near", options.near);
    const far = positive("far", options.far);
    if (!(far > near)) {
      throw new RenderError("out_of_range", "far", `must be > near (${near}), got ${far}`);
    }
    const fovY = positive("fovY", options.fovY);
    if (fovY >= Math.PI) {
      throw new RenderError("out_of_range", "fovY", `must be below π radians, got ${fovY}`);
    }
    this.dims = Object.freeze({ x: dx, y: dy, z: dz });
    this.clusters = dx * dy * dz;
    this.#near = near;
    this.#far = far;
    // View-space half-size at depth 1 across each axis (the Rust's 1/fx and 1/fy).
    const halfY = Math.tan(0.5 * fovY), halfX = halfY * (width / height);
    this.#zLo = new Float64Array(dz);
    this.#zHi = new Float64Array(dz);
    this.#xLo = new Float64Array(dz * dx);
    this.#xHi = new Float64Array(dz * dx);
    this.#yLo = new Float64Array(dz * dy);
    this.#yHi = new Float64Array(dz * dy);
    for (let iz = 0; iz < dz; iz++) {
      const z0 = near + (far - near) * iz / dz, z1 = near + (far - near) * (iz + 1) / dz;
      this.#zLo[iz] = z0;
      this.#zHi[iz] = z1;
      spans(dx, halfX, z0, z1, this.#xLo, this.#xHi, iz * dx);
      spans(dy, halfY, z0, z1, this.#yLo, this.#yHi, iz * dy);
    }
  }

  /** The index of cluster (ix, iy, iz): `ix + iy·x + iz·x·y`, as the Rust. */
  clusterIndex(ix: number, iy: number, iz: number): number {
    return ix + iy * this.dims.x + iz * this.dims.x * this.dims.y;
  }

  /**
   * Sets `out` to cluster `index`'s view-space box: min x, y, z then max x, y, z.
   *
   * @throws {RenderError} when `index` is not a cluster.
   */
  froxelBounds<T extends Float64Array | Float32Array>(index: number, out: T): T {
    integerIn("index", index, 0, this.clusters - 1);
    const { x: dx, y: dy } = this.dims;
    const ix = index % dx, iy = Math.floor(index / dx) % dy, iz = Math.floor(index / (dx * dy));
    out[0] = this.#xLo[iz * dx + ix], out[1] = this.#yLo[iz * dy + iy], out[2] = this.#zLo[iz];
    out[3] = this.#xHi[iz * dx + ix], out[4] = this.#yHi[iz * dy + iy], out[5] = this.#zHi[iz];
    return out;
  }

  /**
   * Lists every light in every cluster whose box it overlaps (distance from the center to the
   * box ≤ radius). Two passes as the Rust (count, then fill), so nothing is allocated beyond the
   * three results and the per-cluster write cursors.
   *
   * @throws {RenderError} `invalid_value` naming `lights.x[i]` (or y, z, radius) for a position
   * that is not finite or a radius that is negative or not finite; `out_of_range` when the
   * pairs would exceed `maxIndices`, found before the index list is allocated.
   */
  binLights(lights: SphereSoa, maxIndices: number = DEFAULT_MAX_LIGHT_INDICES): ClusterBins {
    integerIn("maxIndices", maxIndices, 0, 2 ** 32 - 1);
    checkLights(lights);
    const counts = new Uint32Array(this.clusters);
    const total = this.#visit(lights, counts, null, null);
    if (total > maxIndices) {
      throw new RenderError(
        "out_of_range",
        "lights",
        `${total} light-cluster pairs exceed maxIndices ${maxIndices}`,
      );
    }
    const offsets = new Uint32Array(this.clusters + 1);
    for (let c = 0; c < this.clusters; c++) offsets[c + 1] = offsets[c] + counts[c];
    const indices = new Uint32Array(total);
    this.#visit(lights, new Uint32Array(this.clusters), offsets, indices);
    return { counts, offsets, indices };
  }

  /**
   * Visits every (light, cluster) overlap: counts them into `cursor` when `indices` is null,
   * else writes the light at `offsets[c] + cursor[c]++`. Returns the number of overlaps.
   */
  #visit(
    lights: SphereSoa,
    cursor: Uint32Array,
    offsets: Uint32Array | null,
    indices: Uint32Array | null,
  ): number {
    const { x: dx, y: dy, z: dz } = this.dims;
    const near = this.#near, far = this.#far, depth = far - near;
    const zLo = this.#zLo, zHi = this.#zHi, xLo = this.#xLo, xHi = this.#xHi;
    const yLo = this.#yLo, yHi = this.#yHi;
    const { x: lx, y: ly, z: lz, radius } = lights;
    let total = 0;
    for (let li = 0; li < lights.length; li++) {
      const cx = lx[li], cy = ly[li], cz = lz[li], r = radius[li], r2 = r * r;
      // Shortcuts skip only what is farther than r by a margin, and candidate slices are one
      // wider each side, so the squared-distance test alone decides every pair brute force
      // would accept, rounding included.
      const slack = r * 1e-6 + 1e-12;
      if (near - cz > r + slack || cz - far > r + slack) continue;
      const iz0 = Math.max(0, Math.floor((cz - r - near) / depth * dz) - 1);
      const iz1 = Math.min(dz - 1, Math.floor((cz + r - near) / depth * dz) + 1);
      for (let iz = iz0; iz <= iz1; iz++) {
        const ez = Math.max(zLo[iz] - cz, 0, cz - zHi[iz]);
        if (ez > r + slack) continue;
        const sz = ez * ez;
        for (let iy = 0; iy < dy; iy++) {
          const t = iz * dy + iy;
          const ey = Math.max(yLo[t] - cy, 0, cy - yHi[t]);
          if (ey > r + slack) continue;
          const syz = sz + ey * ey;
          const row = iy * dx + iz * dx * dy;
          for (let ix = 0; ix < dx; ix++) {
            const s = iz * dx + ix;
            const ex = Math.max(xLo[s] - cx, 0, cx - xHi[s]);
            if (syz + ex * ex > r2) continue;
            const c = row + ix;
            if (indices === null) cursor[c]++;
            else indices[offsets![c] + cursor[c]++] = li;
            total++;
          }
        }
      }
    }
    return total;
  }
}

/**
 * Fills `lo[at + i]`, `hi[at + i]` with the view-space span of tile `i` of `n` across an axis
 * whose half-size at depth 1 is `half`, over depths [z0, z1] (z0 > 0).
 */
function spans(
  n: number,
  half: number,
  z0: number,
  z1: number,
  lo: Float64Array,
  hi: Float64Array,
  at: number,
): void {
  for (let i = 0; i < n; i++) {
    const a = (-1 + 2 * i / n) * half, b = (-1 + 2 * (i + 1) / n) * half;
    // a·z is smallest at the near depth when a ≥ 0 and at the far depth when a < 0.
    lo[at + i] = Math.min(a * z0, a * z1);
    hi[at + i] = Math.max(b * z0, b * z1);
  }
}

function checkLights(lights: SphereSoa): void {
  const { x, y, z, radius } = lights;
  for (let i = 0; i < lights.length; i++) {
    if (!Number.isFinite(x[i])) throw bad(`lights.x[${i}]`, x[i]);
    if (!Number.isFinite(y[i])) throw bad(`lights.y[${i}]`, y[i]);
    if (!Number.isFinite(z[i])) throw bad(`lights.z[${i}]`, z[i]);
    if (!(radius[i] >= 0) || radius[i] === Infinity) throw bad(`lights.radius[${i}]`, radius[i]);
  }
}

const bad = (field: string, value: number) =>
  new RenderError("invalid_value", field, `must be finite (a radius also ≥ 0), got ${value}`);
