/**
 * Batch operations over struct-of-arrays columns ({@link Vec3Soa}, {@link QuatSoa},
 * {@link TransformSoa}): plain counted loops over `Float32Array`s, locals for every column, no
 * allocation, so V8 compiles each to a tight loop. Each function checks once that the columns
 * have the same length, then runs; `out` may be one of the inputs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { batch, Vec3Soa } from "@astraweave/math";
 * const positions = new Vec3Soa(3);
 * const velocities = new Vec3Soa(3);
 * velocities.x.fill(2);
 * batch.integrate(positions, velocities, 0.5);
 * assert.deepEqual([...positions.x], [1, 1, 1]);
 * ```
 *
 * @module
 */

import { acosUnit, sinArc } from "./arc.ts";
import type { Mat4 } from "./mat4.ts";
import { SLERP_LINEAR_BELOW } from "./quat.ts";
import { type QuatSoa, sameLength, type TransformSoa, type Vec3Soa } from "./soa.ts";

/** `out[i] = a[i] · b[i]`. */
export function dot(a: Vec3Soa, b: Vec3Soa, out: Float32Array): Float32Array {
  const n = a.length;
  sameLength(n, b, out);
  const ax = a.x, ay = a.y, az = a.z, bx = b.x, by = b.y, bz = b.z;
  for (let i = 0; i < n; i++) out[i] = ax[i] * bx[i] + ay[i] * by[i] + az[i] * bz[i];
  return out;
}

/** `out[i] = a[i] × b[i]`. */
export function cross(a: Vec3Soa, b: Vec3Soa, out: Vec3Soa): Vec3Soa {
  const n = a.length;
  sameLength(n, b, out);
  const ax = a.x, ay = a.y, az = a.z, bx = b.x, by = b.y, bz = b.z;
  const ox = out.x, oy = out.y, oz = out.z;
  for (let i = 0; i < n; i++) {
    const x1 = ax[i], y1 = ay[i], z1 = az[i], x2 = bx[i], y2 = by[i], z2 = bz[i];
    ox[i] = y1 * z2 - z1 * y2;
    oy[i] = z1 * x2 - x1 * z2;
    oz[i] = x1 * y2 - y1 * x2;
  }
  return out;
}

/** `out[i] = |a[i]|`. */
export function length(a: Vec3Soa, out: Float32Array): Float32Array {
  const n = a.length;
  sameLength(n, out);
  const ax = a.x, ay = a.y, az = a.z;
  for (let i = 0; i < n; i++) {
    const x = ax[i], y = ay[i], z = az[i];
    out[i] = Math.sqrt(x * x + y * y + z * z);
  }
  return out;
}

/** `out[i] = a[i] / |a[i]|`; zero vectors stay zero (never NaN). */
export function normalize(a: Vec3Soa, out: Vec3Soa): Vec3Soa {
  const n = a.length;
  sameLength(n, out);
  const ax = a.x, ay = a.y, az = a.z, ox = out.x, oy = out.y, oz = out.z;
  for (let i = 0; i < n; i++) {
    const x = ax[i], y = ay[i], z = az[i];
    const squared = x * x + y * y + z * z;
    const inverse = squared > 0 ? 1 / Math.sqrt(squared) : 0;
    ox[i] = x * inverse;
    oy[i] = y * inverse;
    oz[i] = z * inverse;
  }
  return out;
}

/** `out[i] = a[i] + b[i]`. */
export function add(a: Vec3Soa, b: Vec3Soa, out: Vec3Soa): Vec3Soa {
  const n = a.length;
  sameLength(n, b, out);
  const ax = a.x, ay = a.y, az = a.z, bx = b.x, by = b.y, bz = b.z;
  const ox = out.x, oy = out.y, oz = out.z;
  for (let i = 0; i < n; i++) {
    ox[i] = ax[i] + bx[i];
    oy[i] = ay[i] + by[i];
    oz[i] = az[i] + bz[i];
  }
  return out;
}

/** `out[i] = a[i] × s`. */
export function scale(a: Vec3Soa, s: number, out: Vec3Soa): Vec3Soa {
  const n = a.length;
  sameLength(n, out);
  const ax = a.x, ay = a.y, az = a.z, ox = out.x, oy = out.y, oz = out.z;
  for (let i = 0; i < n; i++) {
    ox[i] = ax[i] * s;
    oy[i] = ay[i] * s;
    oz[i] = az[i] * s;
  }
  return out;
}

/**
 * `positions[i] += velocities[i] × dt`, in place: the movement step of a physics tick (the
 * Rust benches' `movement` and `physics_tick`).
 */
export function integrate(positions: Vec3Soa, velocities: Vec3Soa, dt: number): Vec3Soa {
  const n = positions.length;
  sameLength(n, velocities);
  const px = positions.x, py = positions.y, pz = positions.z;
  const vx = velocities.x, vy = velocities.y, vz = velocities.z;
  for (let i = 0; i < n; i++) {
    px[i] += vx[i] * dt;
    py[i] += vy[i] * dt;
    pz[i] += vz[i] * dt;
  }
  return positions;
}

/**
 * `output[i] = m input[i]` for points (w = 1). The matrix is read once into locals; an affine
 * matrix (last row 0, 0, 0, 1, the usual model matrix) takes a loop without the divide by w.
 */
export function transformPoints(m: Mat4, input: Vec3Soa, output: Vec3Soa): Vec3Soa {
  const n = input.length;
  sameLength(n, output);
  const m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3];
  const m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
  const m8 = m[8], m9 = m[9], m10 = m[10], m11 = m[11];
  const m12 = m[12], m13 = m[13], m14 = m[14], m15 = m[15];
  const ix = input.x, iy = input.y, iz = input.z, ox = output.x, oy = output.y, oz = output.z;
  if (m3 === 0 && m7 === 0 && m11 === 0 && m15 === 1) {
    for (let i = 0; i < n; i++) {
      const x = ix[i], y = iy[i], z = iz[i];
      ox[i] = m0 * x + m4 * y + m8 * z + m12;
      oy[i] = m1 * x + m5 * y + m9 * z + m13;
      oz[i] = m2 * x + m6 * y + m10 * z + m14;
    }
    return output;
  }
  for (let i = 0; i < n; i++) {
    const x = ix[i], y = iy[i], z = iz[i];
    // As mat4.transformPoint: a w of 0 is taken as 1, so no NaN comes out.
    const w = m3 * x + m7 * y + m11 * z + m15 || 1;
    ox[i] = (m0 * x + m4 * y + m8 * z + m12) / w;
    oy[i] = (m1 * x + m5 * y + m9 * z + m13) / w;
    oz[i] = (m2 * x + m6 * y + m10 * z + m14) / w;
  }
  return output;
}

/** `out[i] = a[i] b[i]` (Hamilton product). */
export function quatMultiply(a: QuatSoa, b: QuatSoa, out: QuatSoa): QuatSoa {
  const n = a.length;
  sameLength(n, b, out);
  const ax = a.x, ay = a.y, az = a.z, aw = a.w, bx = b.x, by = b.y, bz = b.z, bw = b.w;
  const ox = out.x, oy = out.y, oz = out.z, ow = out.w;
  for (let i = 0; i < n; i++) {
    const x1 = ax[i], y1 = ay[i], z1 = az[i], w1 = aw[i];
    const x2 = bx[i], y2 = by[i], z2 = bz[i], w2 = bw[i];
    ox[i] = x1 * w2 + w1 * x2 + y1 * z2 - z1 * y2;
    oy[i] = y1 * w2 + w1 * y2 + z1 * x2 - x1 * z2;
    oz[i] = z1 * w2 + w1 * z2 + x1 * y2 - y1 * x2;
    ow[i] = w1 * w2 - x1 * x2 - y1 * y2 - z1 * z2;
  }
  return out;
}

/** `out[i] = a[i] / |a[i]|`; zero quaternions become the identity (never NaN). */
export function quatNormalize(a: QuatSoa, out: QuatSoa): QuatSoa {
  const n = a.length;
  sameLength(n, out);
  const ax = a.x, ay = a.y, az = a.z, aw = a.w, ox = out.x, oy = out.y, oz = out.z, ow = out.w;
  for (let i = 0; i < n; i++) {
    const x = ax[i], y = ay[i], z = az[i], w = aw[i];
    const squared = x * x + y * y + z * z + w * w;
    if (squared > 0) {
      const inverse = 1 / Math.sqrt(squared);
      ox[i] = x * inverse;
      oy[i] = y * inverse;
      oz[i] = z * inverse;
      ow[i] = w * inverse;
    } else {
      ox[i] = oy[i] = oz[i] = 0;
      ow[i] = 1;
    }
  }
  return out;
}

/** `out[i] = slerp(a[i], b[i], t)` along the shorter arc, as `quat.slerp`, bit for bit. */
export function slerp(a: QuatSoa, b: QuatSoa, t: number, out: QuatSoa): QuatSoa {
  const n = a.length;
  sameLength(n, b, out);
  const ax = a.x, ay = a.y, az = a.z, aw = a.w, bx = b.x, by = b.y, bz = b.z, bw = b.w;
  const ox = out.x, oy = out.y, oz = out.z, ow = out.w;
  for (let i = 0; i < n; i++) {
    const x1 = ax[i], y1 = ay[i], z1 = az[i], w1 = aw[i];
    const x2 = bx[i], y2 = by[i], z2 = bz[i], w2 = bw[i];
    let cosine = x1 * x2 + y1 * y2 + z1 * z2 + w1 * w2;
    // q and -q are one rotation: flip b's weight instead of b, to take the short way.
    const sign = cosine < 0 ? -1 : 1;
    cosine *= sign;
    const theta = acosUnit(cosine < 1 ? cosine : 1);
    let wa: number, wb: number;
    if (theta > SLERP_LINEAR_BELOW) {
      const inverseSine = 1 / sinArc(theta);
      wa = sinArc((1 - t) * theta) * inverseSine;
      wb = sinArc(t * theta) * inverseSine * sign;
    } else {
      wa = 1 - t;
      wb = t * sign;
    }
    ox[i] = wa * x1 + wb * x2;
    oy[i] = wa * y1 + wb * y2;
    oz[i] = wa * z1 + wb * z2;
    ow[i] = wa * w1 + wb * w2;
  }
  return out;
}

/**
 * `out[i] = position[i] + rotation[i] (scale[i] ∘ points[i])`: transform `i` applied to point
 * `i` (scale, then rotate, then translate, as a model matrix does).
 */
export function applyTransforms(
  transforms: TransformSoa,
  points: Vec3Soa,
  out: Vec3Soa,
): Vec3Soa {
  const n = transforms.length;
  sameLength(n, points, out);
  const { position, rotation, scale: s } = transforms;
  const tx = position.x, ty = position.y, tz = position.z;
  const qx = rotation.x, qy = rotation.y, qz = rotation.z, qw = rotation.w;
  const sx = s.x, sy = s.y, sz = s.z;
  const px = points.x, py = points.y, pz = points.z, ox = out.x, oy = out.y, oz = out.z;
  for (let i = 0; i < n; i++) {
    const vx = px[i] * sx[i], vy = py[i] * sy[i], vz = pz[i] * sz[i];
    const x = qx[i], y = qy[i], z = qz[i], w = qw[i];
    const cx = 2 * (y * vz - z * vy), cy = 2 * (z * vx - x * vz), cz = 2 * (x * vy - y * vx);
    ox[i] = vx + w * cx + y * cz - z * cy + tx[i];
    oy[i] = vy + w * cy + z * cx - x * cz + ty[i];
    oz[i] = vz + w * cz + x * cy - y * cx + tz[i];
  }
  return out;
}
