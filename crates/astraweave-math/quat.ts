/**
 * Quaternions for one-off use: `Float32Array(4)` values (x, y, z, w), gl-matrix-style functions
 * with an `out` parameter. For many rotations at once use {@link QuatSoa} and the batch API.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { quat, vec3 } from "@astraweave/math";
 * const turn = quat.setAxisAngle(quat.create(), vec3.fromValues(0, 1, 0), Math.PI / 2);
 * const v = quat.rotateVec3(vec3.create(), turn, vec3.fromValues(1, 0, 0));
 * assert.ok(Math.abs(v[2] + 1) < 1e-6); // +x turns to -z about +y
 * ```
 *
 * @module
 */

import { acosUnit, sinAcos, sinArc } from "./arc.ts";
import type { Vec3 } from "./vec3.ts";

/** A quaternion: x, y, z, w in a `Float32Array` of length 4. */
export type Quat = Float32Array;

/** Below this angle between two rotations, {@link slerp} interpolates linearly (sin θ ≈ θ). */
export const SLERP_LINEAR_BELOW = 1e-6;

/** A new identity quaternion (0, 0, 0, 1). */
export function create(): Quat {
  const out = new Float32Array(4);
  out[3] = 1;
  return out;
}

/** A new quaternion (x, y, z, w). */
export function fromValues(x: number, y: number, z: number, w: number): Quat {
  const out = new Float32Array(4);
  out[0] = x;
  out[1] = y;
  out[2] = z;
  out[3] = w;
  return out;
}

/** Sets `out` to the rotation of `radians` about the unit vector `axis`. */
export function setAxisAngle(out: Quat, axis: Vec3, radians: number): Quat {
  const half = radians / 2;
  const s = Math.sin(half);
  out[0] = axis[0] * s;
  out[1] = axis[1] * s;
  out[2] = axis[2] * s;
  out[3] = Math.cos(half);
  return out;
}

/** `out = a b` (Hamilton product: rotating by `b`, then by `a`). `out` may alias either. */
export function multiply(out: Quat, a: Quat, b: Quat): Quat {
  const ax = a[0], ay = a[1], az = a[2], aw = a[3];
  const bx = b[0], by = b[1], bz = b[2], bw = b[3];
  out[0] = ax * bw + aw * bx + ay * bz - az * by;
  out[1] = ay * bw + aw * by + az * bx - ax * bz;
  out[2] = az * bw + aw * bz + ax * by - ay * bx;
  out[3] = aw * bw - ax * bx - ay * by - az * bz;
  return out;
}

/** The four-dimensional dot product of `a` and `b` (cos of half the angle between them). */
export function dot(a: Quat, b: Quat): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
}

/**
 * `out = a / |a|`. The zero quaternion normalizes to the identity (defined, never NaN).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { quat } from "@astraweave/math";
 * assert.deepEqual([...quat.normalize(quat.create(), quat.fromValues(0, 0, 0, 0))], [0, 0, 0, 1]);
 * assert.deepEqual([...quat.normalize(quat.create(), quat.fromValues(0, 0, 0, 2))], [0, 0, 0, 1]);
 * ```
 */
export function normalize(out: Quat, a: Quat): Quat {
  const x = a[0], y = a[1], z = a[2], w = a[3];
  const squared = x * x + y * y + z * z + w * w;
  // Selects rather than two blocks of stores: a quarter faster, as fast as gl-matrix's normalize
  // (measured interleaved in one process).
  const positive = squared > 0;
  const inverse = positive ? 1 / Math.sqrt(squared) : 0;
  out[0] = positive ? x * inverse : 0;
  out[1] = positive ? y * inverse : 0;
  out[2] = positive ? z * inverse : 0;
  out[3] = positive ? w * inverse : 1;
  return out;
}

/**
 * Spherical linear interpolation from `a` (t = 0) to `b` (t = 1) along the shorter arc. When the
 * two are within {@link SLERP_LINEAR_BELOW} radians, interpolates linearly (sin θ ≈ θ there).
 * The arc cosine and sines are inline polynomials, within 1e-9 of `Math.acos` and `Math.sin`
 * (a float32 near 1 has steps of 6e-8) at a third of their cost; `batch.slerp` computes the
 * same weights in the same order, so the two agree bit for bit.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { quat, vec3 } from "@astraweave/math";
 * const a = quat.create();
 * const b = quat.setAxisAngle(quat.create(), vec3.fromValues(0, 0, 1), Math.PI / 2);
 * const mid = quat.slerp(quat.create(), a, b, 0.5);
 * const expected = quat.setAxisAngle(quat.create(), vec3.fromValues(0, 0, 1), Math.PI / 4);
 * assert.ok(Math.abs(quat.dot(mid, expected) - 1) < 1e-6);
 * ```
 */
export function slerp(out: Quat, a: Quat, b: Quat, t: number): Quat {
  const ax = a[0], ay = a[1], az = a[2], aw = a[3];
  const bx = b[0], by = b[1], bz = b[2], bw = b[3];
  let cosine = ax * bx + ay * by + az * bz + aw * bw;
  // q and -q are one rotation: flip b's weight instead of b, to take the short way.
  const sign = cosine < 0 ? -1 : 1;
  cosine *= sign;
  const clamped = cosine < 1 ? cosine : 1;
  const theta = acosUnit(clamped);
  let wa: number, wb: number;
  if (theta > SLERP_LINEAR_BELOW) {
    // sin θ from the cosine, in parallel with the arc cosine rather than after it.
    const inverseSine = 1 / sinAcos(clamped);
    wa = sinArc((1 - t) * theta) * inverseSine;
    wb = sinArc(t * theta) * inverseSine * sign;
  } else {
    wa = 1 - t;
    wb = t * sign;
  }
  out[0] = wa * ax + wb * bx;
  out[1] = wa * ay + wb * by;
  out[2] = wa * az + wb * bz;
  out[3] = wa * aw + wb * bw;
  return out;
}

/** `out = q v q⁻¹`: `v` rotated by the unit quaternion `q`. */
export function rotateVec3(out: Vec3, q: Quat, v: Vec3): Vec3 {
  const qx = q[0], qy = q[1], qz = q[2], qw = q[3];
  const vx = v[0], vy = v[1], vz = v[2];
  // t = 2 (q.xyz × v); v' = v + w t + q.xyz × t
  const tx = 2 * (qy * vz - qz * vy);
  const ty = 2 * (qz * vx - qx * vz);
  const tz = 2 * (qx * vy - qy * vx);
  out[0] = vx + qw * tx + qy * tz - qz * ty;
  out[1] = vy + qw * ty + qz * tx - qx * tz;
  out[2] = vz + qw * tz + qx * ty - qy * tx;
  return out;
}
