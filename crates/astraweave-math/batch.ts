/**
 * Batch operations over struct-of-arrays columns ({@link Vec3Soa}, {@link QuatSoa},
 * {@link TransformSoa}): plain counted loops over `Float32Array`s, locals for every column, no
 * allocation, so V8 compiles each to a tight loop. Each function checks once that the columns
 * have the same length, then runs; `out` may be one of the inputs. {@link composeHierarchy}
 * works the same way on columns of a hierarchy that hold several floats per slot.
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

import { acosUnit, sinAcos, sinArc } from "./arc.ts";
import type { Mat4 } from "./mat4.ts";
import type { Vec3 } from "./vec3.ts";
import { SLERP_LINEAR_BELOW } from "./quat.ts";
import { MathError } from "./error.ts";
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
 * One semi-implicit Euler step under a uniform acceleration (gravity), in place and in one pass:
 * `velocities[i] += acceleration × dt`, then `positions[i] += velocities[i] × dt` with the new
 * velocity. The same results, bit for bit, as `integrate` with a column full of `acceleration`
 * followed by `integrate(positions, velocities, dt)`, without reading that column or making a
 * second pass over the velocities.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { batch, vec3, Vec3Soa } from "@astraweave/math";
 * const positions = new Vec3Soa(2), velocities = new Vec3Soa(2);
 * batch.step(positions, velocities, vec3.fromValues(0, -8, 0), 0.5);
 * assert.deepEqual([velocities.y[1], positions.y[1]], [-4, -2]);
 * ```
 */
export function step(
  positions: Vec3Soa,
  velocities: Vec3Soa,
  acceleration: Vec3,
  dt: number,
): Vec3Soa {
  const n = positions.length;
  sameLength(n, velocities);
  const px = positions.x, py = positions.y, pz = positions.z;
  const vx = velocities.x, vy = velocities.y, vz = velocities.z;
  const dvx = acceleration[0] * dt, dvy = acceleration[1] * dt, dvz = acceleration[2] * dt;
  for (let i = 0; i < n; i++) {
    // Rounded as the stored velocity is, so positions move exactly as a second pass would.
    const x = Math.fround(vx[i] + dvx), y = Math.fround(vy[i] + dvy);
    const z = Math.fround(vz[i] + dvz);
    vx[i] = x, vy[i] = y, vz[i] = z;
    px[i] += x * dt;
    py[i] += y * dt;
    pz[i] += z * dt;
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

/** Quaternions per pass of {@link slerp}: its two weight columns stay in the L1 cache. */
const SLERP_CHUNK = 256;
// The weights of a and b for one chunk, in doubles as the single-rotation slerp keeps them.
const slerpWeightA = new Float64Array(SLERP_CHUNK);
const slerpWeightB = new Float64Array(SLERP_CHUNK);

/**
 * `out[i] = slerp(a[i], b[i], t)` along the shorter arc, as `quat.slerp`, bit for bit.
 *
 * In three passes over each chunk of 256 rotations: the cosines, the weights from them, then
 * each component. One loop doing all three holds twelve columns and the arc's polynomials at once,
 * more than the machine has registers for: its minimum was 10 to 20% above this one's, and above
 * calling `quat.slerp` once per rotation.
 */
export function slerp(a: QuatSoa, b: QuatSoa, t: number, out: QuatSoa): QuatSoa {
  const n = a.length;
  sameLength(n, b, out);
  const ax = a.x, ay = a.y, az = a.z, aw = a.w, bx = b.x, by = b.y, bz = b.z, bw = b.w;
  const ox = out.x, oy = out.y, oz = out.z, ow = out.w;
  const wa = slerpWeightA, wb = slerpWeightB;
  for (let start = 0; start < n; start += SLERP_CHUNK) {
    const end = Math.min(n, start + SLERP_CHUNK);
    // Every cosine of the chunk is read before any of its outputs is written: `out` may be `a`.
    for (let i = start, k = 0; i < end; i++, k++) {
      wa[k] = ax[i] * bx[i] + ay[i] * by[i] + az[i] * bz[i] + aw[i] * bw[i];
    }
    slerpWeights(end - start, t, wa, wb);
    blend(start, end, wa, wb, ax, bx, ox);
    blend(start, end, wa, wb, ay, by, oy);
    blend(start, end, wa, wb, az, bz, oz);
    blend(start, end, wa, wb, aw, bw, ow);
  }
  return out;
}

/** Turns the first `count` cosines in `wa` into the weights of a (in `wa`) and of b (in `wb`). */
function slerpWeights(count: number, t: number, wa: Float64Array, wb: Float64Array): void {
  for (let k = 0; k < count; k++) {
    let cosine = wa[k];
    // q and -q are one rotation: flip b's weight instead of b, to take the short way.
    const sign = cosine < 0 ? -1 : 1;
    cosine *= sign;
    const clamped = cosine < 1 ? cosine : 1;
    const theta = acosUnit(clamped);
    if (theta > SLERP_LINEAR_BELOW) {
      // sin θ from the cosine, in parallel with the arc cosine rather than after it.
      const inverseSine = 1 / sinAcos(clamped);
      wa[k] = sinArc((1 - t) * theta) * inverseSine;
      wb[k] = sinArc(t * theta) * inverseSine * sign;
    } else {
      wa[k] = 1 - t;
      wb[k] = t * sign;
    }
  }
}

/** `out[i] = wa[k] p[i] + wb[k] q[i]` for i from `start` to `end`, k from 0. */
function blend(
  start: number,
  end: number,
  wa: Float64Array,
  wb: Float64Array,
  p: Float32Array,
  q: Float32Array,
  out: Float32Array,
): void {
  for (let i = start, k = 0; i < end; i++, k++) out[i] = wa[k] * p[i] + wb[k] * q[i];
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

/**
 * The world matrices of a transform hierarchy kept bitECS-style, in typed-array columns indexed
 * by slot: for each of the first `count` slots listed in `slots`, sets the 16 floats of `world`
 * from slot × 16 to the parent's world matrix × translate(t) × rotate(q) × scale(s), where t, q
 * and s are the slot's 3, 4 and 3 floats of `translation`, `rotation` (a unit quaternion x, y, z,
 * w) and `scale`, and the parent is `parents[slot]` (negative for a root, whose world matrix is
 * its model matrix alone). List parents before their children, as a scene update visits them.
 *
 * One loop for the whole update, with no call per node, no local matrix and no views, where
 * `fromRotationTranslationScale` and `multiply` per node build and read one. The local matrix
 * stays in doubles, so each world matrix is rounded to float32 once where the two-step product
 * rounds twice: within 1e-6 (of the matrix's largest entry) of a double-precision product, and
 * closer to it than the two-step product. World matrices are affine (last row 0, 0, 0, 1) as this
 * function writes them; the parent's last row is not read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { batch } from "@astraweave/math";
 * // Slot 0: a root at x = 10, scaled by 2. Slot 1: its child at y = 1.
 * const parents = Int32Array.of(-1, 0);
 * const translation = Float32Array.of(10, 0, 0, 0, 1, 0);
 * const rotation = Float32Array.of(0, 0, 0, 1, 0, 0, 0, 1);
 * const scale = Float32Array.of(2, 2, 2, 1, 1, 1);
 * const world = new Float32Array(32);
 * batch.composeHierarchy(world, Int32Array.of(0, 1), 2, parents, translation, rotation, scale);
 * assert.deepEqual([...world.subarray(28, 31)], [10, 2, 0]); // the child's world position
 * ```
 *
 * @throws {MathError} `length_mismatch` unless the columns hold the same number of slots
 * (16, 3, 4 and 3 floats and one parent each); `out_of_range` for a `count` past `slots`, or a
 * listed slot or its parent that is not a slot of the columns. Nothing is written then.
 */
export function composeHierarchy(
  world: Float32Array,
  slots: Int32Array,
  count: number,
  parents: Int32Array,
  translation: Float32Array,
  rotation: Float32Array,
  scale: Float32Array,
): Float32Array {
  const n = parents.length;
  if (
    world.length !== n * 16 || translation.length !== n * 3 || rotation.length !== n * 4 ||
    scale.length !== n * 3
  ) {
    throw new MathError(
      "length_mismatch",
      `hierarchy columns differ: ${n} parents, ${world.length} world floats (16 each), ` +
        `${translation.length} translation (3), ${rotation.length} rotation (4), ` +
        `${scale.length} scale (3)`,
    );
  }
  if (!Number.isInteger(count) || count < 0 || count > slots.length) {
    throw new MathError("out_of_range", `count must be 0 to ${slots.length}, got ${count}`);
  }
  for (let k = 0; k < count; k++) {
    const slot = slots[k];
    if (slot < 0 || slot >= n || parents[slot] >= n) {
      throw new MathError(
        "out_of_range",
        `slots[${k}] is ${slot}, parent ${parents[slot]}: the columns hold ${n} slots`,
      );
    }
  }
  for (let k = 0; k < count; k++) {
    const slot = slots[k];
    const r = slot * 4, s = slot * 3, o = slot * 16;
    const x = rotation[r], y = rotation[r + 1], z = rotation[r + 2], w = rotation[r + 3];
    const x2 = x + x, y2 = y + y, z2 = z + z;
    const xx = x * x2, xy = x * y2, xz = x * z2;
    const yy = y * y2, yz = y * z2, zz = z * z2;
    const wx = w * x2, wy = w * y2, wz = w * z2;
    const sx = scale[s], sy = scale[s + 1], sz = scale[s + 2];
    // The local matrix's rotation-scale columns and translation, as fromRotationTranslationScale.
    const b00 = (1 - (yy + zz)) * sx, b01 = (xy + wz) * sx, b02 = (xz - wy) * sx;
    const b10 = (xy - wz) * sy, b11 = (1 - (xx + zz)) * sy, b12 = (yz + wx) * sy;
    const b20 = (xz + wy) * sz, b21 = (yz - wx) * sz, b22 = (1 - (xx + yy)) * sz;
    const tx = translation[s], ty = translation[s + 1], tz = translation[s + 2];
    const parent = parents[slot];
    if (parent < 0) {
      world[o] = b00, world[o + 1] = b01, world[o + 2] = b02;
      world[o + 4] = b10, world[o + 5] = b11, world[o + 6] = b12;
      world[o + 8] = b20, world[o + 9] = b21, world[o + 10] = b22;
      world[o + 12] = tx, world[o + 13] = ty, world[o + 14] = tz;
    } else {
      const p = parent * 16;
      const a00 = world[p], a01 = world[p + 1], a02 = world[p + 2];
      const a10 = world[p + 4], a11 = world[p + 5], a12 = world[p + 6];
      const a20 = world[p + 8], a21 = world[p + 9], a22 = world[p + 10];
      world[o] = a00 * b00 + a10 * b01 + a20 * b02;
      world[o + 1] = a01 * b00 + a11 * b01 + a21 * b02;
      world[o + 2] = a02 * b00 + a12 * b01 + a22 * b02;
      world[o + 4] = a00 * b10 + a10 * b11 + a20 * b12;
      world[o + 5] = a01 * b10 + a11 * b11 + a21 * b12;
      world[o + 6] = a02 * b10 + a12 * b11 + a22 * b12;
      world[o + 8] = a00 * b20 + a10 * b21 + a20 * b22;
      world[o + 9] = a01 * b20 + a11 * b21 + a21 * b22;
      world[o + 10] = a02 * b20 + a12 * b21 + a22 * b22;
      world[o + 12] = a00 * tx + a10 * ty + a20 * tz + world[p + 12];
      world[o + 13] = a01 * tx + a11 * ty + a21 * tz + world[p + 13];
      world[o + 14] = a02 * tx + a12 * ty + a22 * tz + world[p + 14];
    }
    world[o + 3] = world[o + 7] = world[o + 11] = 0;
    world[o + 15] = 1;
  }
  return world;
}
