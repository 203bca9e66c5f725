/**
 * Three-component vectors for one-off use: `Float32Array(3)` values and gl-matrix-style functions
 * that write into an `out` parameter and return it, so a hot path allocates nothing. Arithmetic
 * happens in doubles and is rounded once when stored. For many vectors at once use the
 * struct-of-arrays batch API ({@link Vec3Soa}), which is where the speed is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { vec3 } from "@astraweave/math";
 * const up = vec3.fromValues(0, 1, 0);
 * const right = vec3.fromValues(1, 0, 0);
 * assert.deepEqual([...vec3.cross(vec3.create(), right, up)], [0, 0, 1]);
 * assert.equal(vec3.dot(up, right), 0);
 * ```
 *
 * @module
 */

/** A three-component vector: x, y, z in a `Float32Array` of length 3. */
export type Vec3 = Float32Array;

/** A new zero vector. */
export function create(): Vec3 {
  return new Float32Array(3);
}

/** A new vector (x, y, z). */
export function fromValues(x: number, y: number, z: number): Vec3 {
  const out = new Float32Array(3);
  out[0] = x;
  out[1] = y;
  out[2] = z;
  return out;
}

/** Sets `out` to (x, y, z). */
export function set(out: Vec3, x: number, y: number, z: number): Vec3 {
  out[0] = x;
  out[1] = y;
  out[2] = z;
  return out;
}

/** `out = a + b`. */
export function add(out: Vec3, a: Vec3, b: Vec3): Vec3 {
  out[0] = a[0] + b[0];
  out[1] = a[1] + b[1];
  out[2] = a[2] + b[2];
  return out;
}

/** `out = a - b`. */
export function subtract(out: Vec3, a: Vec3, b: Vec3): Vec3 {
  out[0] = a[0] - b[0];
  out[1] = a[1] - b[1];
  out[2] = a[2] - b[2];
  return out;
}

/** `out = a × s`. */
export function scale(out: Vec3, a: Vec3, s: number): Vec3 {
  out[0] = a[0] * s;
  out[1] = a[1] * s;
  out[2] = a[2] * s;
  return out;
}

/**
 * `out = a + b × s`: one step of `position += velocity × dt`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { vec3 } from "@astraweave/math";
 * const p = vec3.fromValues(1, 2, 3);
 * vec3.scaleAndAdd(p, p, vec3.fromValues(2, 0, -4), 0.5);
 * assert.deepEqual([...p], [2, 2, 1]);
 * ```
 */
export function scaleAndAdd(out: Vec3, a: Vec3, b: Vec3, s: number): Vec3 {
  out[0] = a[0] + b[0] * s;
  out[1] = a[1] + b[1] * s;
  out[2] = a[2] + b[2] * s;
  return out;
}

/** The dot product of `a` and `b`. */
export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** `out = a × b` (right-handed cross product). `out` may alias `a` or `b`. */
export function cross(out: Vec3, a: Vec3, b: Vec3): Vec3 {
  const ax = a[0], ay = a[1], az = a[2];
  const bx = b[0], by = b[1], bz = b[2];
  out[0] = ay * bz - az * by;
  out[1] = az * bx - ax * bz;
  out[2] = ax * by - ay * bx;
  return out;
}

/** The Euclidean length of `a`. */
export function length(a: Vec3): number {
  return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
}

/**
 * `out = a / |a|`. The zero vector normalizes to the zero vector (defined, never NaN), as in
 * glam's `normalize_or_zero`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { vec3 } from "@astraweave/math";
 * const unit = vec3.normalize(vec3.create(), vec3.fromValues(0, 3, 4));
 * assert.ok(Math.abs(vec3.length(unit) - 1) < 1e-6);
 * assert.deepEqual([...vec3.normalize(vec3.create(), vec3.create())], [0, 0, 0]);
 * ```
 */
export function normalize(out: Vec3, a: Vec3): Vec3 {
  const x = a[0], y = a[1], z = a[2];
  const squared = x * x + y * y + z * z;
  const inverse = squared > 0 ? 1 / Math.sqrt(squared) : 0;
  out[0] = x * inverse;
  out[1] = y * inverse;
  out[2] = z * inverse;
  return out;
}

/** `out = a + (b - a) × t`. */
export function lerp(out: Vec3, a: Vec3, b: Vec3, t: number): Vec3 {
  out[0] = a[0] + (b[0] - a[0]) * t;
  out[1] = a[1] + (b[1] - a[1]) * t;
  out[2] = a[2] + (b[2] - a[2]) * t;
  return out;
}
