/**
 * Struct-of-arrays bounds: boxes (center, half extents) and spheres (center, radius), one
 * `Float32Array` column per component, as the batch culling and LOD loops read them.
 *
 * @module
 */

import type { Mat4 } from "@astraweave/math";
import { RenderError } from "./error.ts";

/** The most objects one bounds set holds (16,777,216): refused above it before allocating. */
export const MAX_OBJECTS = 1 << 24;

/** Throws unless `length` is an integer in [0, {@link MAX_OBJECTS}]. */
export function checkCount(field: string, length: number): number {
  if (!Number.isInteger(length) || length < 0 || length > MAX_OBJECTS) {
    throw new RenderError(
      "out_of_range",
      field,
      `must be an integer in [0, ${MAX_OBJECTS}], got ${length}`,
    );
  }
  return length;
}

/**
 * `length` axis-aligned boxes as center and half extents (the Rust `InstanceAABB` without its
 * padding; box `i`'s instance index is `i`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AabbSoa } from "@astraweave/render";
 * const boxes = new AabbSoa(2);
 * boxes.set(1, 0, 0, -10, 1, 1, 1);
 * assert.equal(boxes.centerZ[1], -10);
 * ```
 */
export class AabbSoa {
  /** Number of boxes. */
  readonly length: number;
  /** Center x of each box. */
  readonly centerX: Float32Array;
  /** Center y of each box. */
  readonly centerY: Float32Array;
  /** Center z of each box. */
  readonly centerZ: Float32Array;
  /** Half extent along x of each box. */
  readonly extentX: Float32Array;
  /** Half extent along y of each box. */
  readonly extentY: Float32Array;
  /** Half extent along z of each box. */
  readonly extentZ: Float32Array;

  /** `length` zero boxes; throws a {@link RenderError} above {@link MAX_OBJECTS}. */
  constructor(length: number) {
    this.length = checkCount("length", length);
    this.centerX = new Float32Array(length);
    this.centerY = new Float32Array(length);
    this.centerZ = new Float32Array(length);
    this.extentX = new Float32Array(length);
    this.extentY = new Float32Array(length);
    this.extentZ = new Float32Array(length);
  }

  /** Sets box `i` (no check: a hot-path setter, like a typed array's). */
  set(i: number, cx: number, cy: number, cz: number, ex: number, ey: number, ez: number): void {
    this.centerX[i] = cx, this.centerY[i] = cy, this.centerZ[i] = cz;
    this.extentX[i] = ex, this.extentY[i] = ey, this.extentZ[i] = ez;
  }

  /**
   * Sets box `i` to the world box of the local box [min, max] under `transform` (the Rust
   * `InstanceAABB::from_transform`). The Rust transforms the eight corners; the absolute value of
   * the 3×3 part applied to the half extents gives the same box in one step (Arvo, 1990).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { mat4, quat, vec3 } from "@astraweave/math";
   * import { AabbSoa } from "@astraweave/render";
   * const q = quat.setAxisAngle(quat.create(), vec3.fromValues(0, 0, 1), Math.PI / 4);
   * const m = mat4.fromRotationTranslationScale(mat4.create(), q, vec3.fromValues(5, 10, -20), vec3.fromValues(1, 1, 1));
   * const boxes = new AabbSoa(1);
   * boxes.setFromTransform(0, m, [-1, -1, -1], [1, 1, 1]);
   * assert.ok(Math.abs(boxes.extentX[0] - Math.SQRT2) < 1e-6);
   * assert.equal(boxes.centerX[0], 5);
   * ```
   */
  setFromTransform(
    i: number,
    transform: Mat4,
    min: ArrayLike<number>,
    max: ArrayLike<number>,
  ): void {
    const lx = (min[0] + max[0]) * 0.5, ly = (min[1] + max[1]) * 0.5, lz = (min[2] + max[2]) * 0.5;
    const hx = (max[0] - min[0]) * 0.5, hy = (max[1] - min[1]) * 0.5, hz = (max[2] - min[2]) * 0.5;
    const m = transform;
    this.centerX[i] = m[0] * lx + m[4] * ly + m[8] * lz + m[12];
    this.centerY[i] = m[1] * lx + m[5] * ly + m[9] * lz + m[13];
    this.centerZ[i] = m[2] * lx + m[6] * ly + m[10] * lz + m[14];
    this.extentX[i] = Math.abs(m[0]) * hx + Math.abs(m[4]) * hy + Math.abs(m[8]) * hz;
    this.extentY[i] = Math.abs(m[1]) * hx + Math.abs(m[5]) * hy + Math.abs(m[9]) * hz;
    this.extentZ[i] = Math.abs(m[2]) * hx + Math.abs(m[6]) * hy + Math.abs(m[10]) * hz;
  }
}

/**
 * `length` bounding spheres as center and radius.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SphereSoa } from "@astraweave/render";
 * const spheres = new SphereSoa(1);
 * spheres.set(0, 1, 2, 3, 0.5);
 * assert.equal(spheres.radius[0], 0.5);
 * ```
 */
export class SphereSoa {
  /** Number of spheres. */
  readonly length: number;
  /** Center x of each sphere. */
  readonly x: Float32Array;
  /** Center y of each sphere. */
  readonly y: Float32Array;
  /** Center z of each sphere. */
  readonly z: Float32Array;
  /** Radius of each sphere. */
  readonly radius: Float32Array;

  /** `length` zero spheres; throws a {@link RenderError} above {@link MAX_OBJECTS}. */
  constructor(length: number) {
    this.length = checkCount("length", length);
    this.x = new Float32Array(length);
    this.y = new Float32Array(length);
    this.z = new Float32Array(length);
    this.radius = new Float32Array(length);
  }

  /** Sets sphere `i` (no check: a hot-path setter, like a typed array's). */
  set(i: number, x: number, y: number, z: number, radius: number): void {
    this.x[i] = x, this.y[i] = y, this.z[i] = z, this.radius[i] = radius;
  }
}
