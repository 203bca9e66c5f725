/**
 * 4×4 matrices for one-off use: `Float32Array(16)` in column-major order (element (row r,
 * column c) at index `c * 4 + r`, as WebGL and gl-matrix store them), with an `out` parameter.
 * The inverse is a real inverse: a singular matrix is reported, never returned full of NaN.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mat4, quat, vec3 } from "@astraweave/math";
 * const m = mat4.fromRotationTranslationScale(
 *   mat4.create(),
 *   quat.create(),
 *   vec3.fromValues(10, 0, 0),
 *   vec3.fromValues(2, 2, 2),
 * );
 * const p = mat4.transformPoint(vec3.create(), m, vec3.fromValues(1, 1, 1));
 * assert.deepEqual([...p], [12, 2, 2]);
 * ```
 *
 * @module
 */

import { MathError } from "./error.ts";
import type { Quat } from "./quat.ts";
import type { Vec3 } from "./vec3.ts";

/** A 4×4 matrix, column-major, in a `Float32Array` of length 16. */
export type Mat4 = Float32Array;

/** A new identity matrix. */
export function create(): Mat4 {
  return identity(new Float32Array(16));
}

/** Sets `out` to the identity. */
export function identity(out: Mat4): Mat4 {
  out.fill(0);
  out[0] =
    out[5] =
    out[10] =
    out[15] =
      1;
  return out;
}

/** `out = a b` (apply `b`, then `a`). `out` may alias `a` or `b`. */
export function multiply(out: Mat4, a: Mat4, b: Mat4): Mat4 {
  const a00 = a[0], a01 = a[1], a02 = a[2], a03 = a[3];
  const a10 = a[4], a11 = a[5], a12 = a[6], a13 = a[7];
  const a20 = a[8], a21 = a[9], a22 = a[10], a23 = a[11];
  const a30 = a[12], a31 = a[13], a32 = a[14], a33 = a[15];
  // One column of b at a time, read before that column of `out` is written, so `out` may be
  // `b`. Unrolled: the JIT does not unroll the four-column loop, and its counter cost 7%.
  let b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
  out[0] = b0 * a00 + b1 * a10 + b2 * a20 + b3 * a30;
  out[1] = b0 * a01 + b1 * a11 + b2 * a21 + b3 * a31;
  out[2] = b0 * a02 + b1 * a12 + b2 * a22 + b3 * a32;
  out[3] = b0 * a03 + b1 * a13 + b2 * a23 + b3 * a33;
  b0 = b[4], b1 = b[5], b2 = b[6], b3 = b[7];
  out[4] = b0 * a00 + b1 * a10 + b2 * a20 + b3 * a30;
  out[5] = b0 * a01 + b1 * a11 + b2 * a21 + b3 * a31;
  out[6] = b0 * a02 + b1 * a12 + b2 * a22 + b3 * a32;
  out[7] = b0 * a03 + b1 * a13 + b2 * a23 + b3 * a33;
  b0 = b[8], b1 = b[9], b2 = b[10], b3 = b[11];
  out[8] = b0 * a00 + b1 * a10 + b2 * a20 + b3 * a30;
  out[9] = b0 * a01 + b1 * a11 + b2 * a21 + b3 * a31;
  out[10] = b0 * a02 + b1 * a12 + b2 * a22 + b3 * a32;
  out[11] = b0 * a03 + b1 * a13 + b2 * a23 + b3 * a33;
  b0 = b[12], b1 = b[13], b2 = b[14], b3 = b[15];
  out[12] = b0 * a00 + b1 * a10 + b2 * a20 + b3 * a30;
  out[13] = b0 * a01 + b1 * a11 + b2 * a21 + b3 * a31;
  out[14] = b0 * a02 + b1 * a12 + b2 * a22 + b3 * a32;
  out[15] = b0 * a03 + b1 * a13 + b2 * a23 + b3 * a33;
  return out;
}

/** `out = aᵀ`. `out` may alias `a`. */
export function transpose(out: Mat4, a: Mat4): Mat4 {
  if (out === a) {
    let t: number;
    t = a[1], a[1] = a[4], a[4] = t;
    t = a[2], a[2] = a[8], a[8] = t;
    t = a[3], a[3] = a[12], a[12] = t;
    t = a[6], a[6] = a[9], a[9] = t;
    t = a[7], a[7] = a[13], a[13] = t;
    t = a[11], a[11] = a[14], a[14] = t;
    return out;
  }
  // Unrolled: the nested loop with computed indices took twice as long.
  out[0] = a[0], out[1] = a[4], out[2] = a[8], out[3] = a[12];
  out[4] = a[1], out[5] = a[5], out[6] = a[9], out[7] = a[13];
  out[8] = a[2], out[9] = a[6], out[10] = a[10], out[11] = a[14];
  out[12] = a[3], out[13] = a[7], out[14] = a[11], out[15] = a[15];
  return out;
}

/** The determinant of `a`. */
export function determinant(a: Mat4): number {
  const [s0, s1, s2, s3, s4, s5, c0, c1, c2, c3, c4, c5] = minors(a);
  return s0 * c5 - s1 * c4 + s2 * c3 + s3 * c2 - s4 * c1 + s5 * c0;
}

/** The twelve 2×2 minors of the Laplace expansion by the first two and last two columns. */
function minors(a: Mat4): number[] {
  const a00 = a[0], a01 = a[1], a02 = a[2], a03 = a[3];
  const a10 = a[4], a11 = a[5], a12 = a[6], a13 = a[7];
  const a20 = a[8], a21 = a[9], a22 = a[10], a23 = a[11];
  const a30 = a[12], a31 = a[13], a32 = a[14], a33 = a[15];
  return [
    a00 * a11 - a01 * a10,
    a00 * a12 - a02 * a10,
    a00 * a13 - a03 * a10,
    a01 * a12 - a02 * a11,
    a01 * a13 - a03 * a11,
    a02 * a13 - a03 * a12,
    a20 * a31 - a21 * a30,
    a20 * a32 - a22 * a30,
    a20 * a33 - a23 * a30,
    a21 * a32 - a22 * a31,
    a21 * a33 - a23 * a31,
    a22 * a33 - a23 * a32,
  ];
}

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * `out = a⁻¹`, or null when `a` is singular (determinant 0, or not finite) or its inverse does not
 * fit in float32 (an entry would be infinite), leaving `out` untouched. {@link inverse} throws instead.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mat4 } from "@astraweave/math";
 * const scaleTwo = mat4.create();
 * scaleTwo[0] = scaleTwo[5] = scaleTwo[10] = 2;
 * assert.equal(mat4.invert(mat4.create(), scaleTwo)?.[0], 0.5);
 * assert.equal(mat4.invert(mat4.create(), new Float32Array(16)), null);
 * ```
 */
export function invert(out: Mat4, a: Mat4): Mat4 | null {
  const a00 = a[0], a01 = a[1], a02 = a[2], a03 = a[3];
  const a10 = a[4], a11 = a[5], a12 = a[6], a13 = a[7];
  const a20 = a[8], a21 = a[9], a22 = a[10], a23 = a[11];
  const a30 = a[12], a31 = a[13], a32 = a[14], a33 = a[15];
  const s0 = a00 * a11 - a01 * a10, s1 = a00 * a12 - a02 * a10, s2 = a00 * a13 - a03 * a10;
  const s3 = a01 * a12 - a02 * a11, s4 = a01 * a13 - a03 * a11, s5 = a02 * a13 - a03 * a12;
  const c0 = a20 * a31 - a21 * a30, c1 = a20 * a32 - a22 * a30, c2 = a20 * a33 - a23 * a30;
  const c3 = a21 * a32 - a22 * a31, c4 = a21 * a33 - a23 * a31, c5 = a22 * a33 - a23 * a32;
  const det = s0 * c5 - s1 * c4 + s2 * c3 + s3 * c2 - s4 * c1 + s5 * c0;
  const inv = 1 / det;
  // A finite determinant means finite entries: an infinite one made it infinite, `inv` 0 and the
  // result NaN.
  if (det === 0 || !Number.isFinite(det) || !Number.isFinite(inv)) return null;
  const r0 = (a11 * c5 - a12 * c4 + a13 * c3) * inv;
  const r1 = (a02 * c4 - a01 * c5 - a03 * c3) * inv;
  const r2 = (a31 * s5 - a32 * s4 + a33 * s3) * inv;
  const r3 = (a22 * s4 - a21 * s5 - a23 * s3) * inv;
  const r4 = (a12 * c2 - a10 * c5 - a13 * c1) * inv;
  const r5 = (a00 * c5 - a02 * c2 + a03 * c1) * inv;
  const r6 = (a32 * s2 - a30 * s5 - a33 * s1) * inv;
  const r7 = (a20 * s5 - a22 * s2 + a23 * s1) * inv;
  const r8 = (a10 * c4 - a11 * c2 + a13 * c0) * inv;
  const r9 = (a01 * c2 - a00 * c4 - a03 * c0) * inv;
  const r10 = (a30 * s4 - a31 * s2 + a33 * s0) * inv;
  const r11 = (a21 * s2 - a20 * s4 - a23 * s0) * inv;
  const r12 = (a11 * c1 - a10 * c3 - a12 * c0) * inv;
  const r13 = (a00 * c3 - a01 * c1 + a02 * c0) * inv;
  const r14 = (a31 * s1 - a30 * s3 - a32 * s0) * inv;
  const r15 = (a20 * s3 - a21 * s1 + a22 * s0) * inv;
  // A nearly singular matrix has an inverse past the float32 range: that is no inverse either.
  if (
    !(
      Math.abs(r0) <= FLOAT32_MAX &&
      Math.abs(r1) <= FLOAT32_MAX &&
      Math.abs(r2) <= FLOAT32_MAX &&
      Math.abs(r3) <= FLOAT32_MAX &&
      Math.abs(r4) <= FLOAT32_MAX &&
      Math.abs(r5) <= FLOAT32_MAX &&
      Math.abs(r6) <= FLOAT32_MAX &&
      Math.abs(r7) <= FLOAT32_MAX &&
      Math.abs(r8) <= FLOAT32_MAX &&
      Math.abs(r9) <= FLOAT32_MAX &&
      Math.abs(r10) <= FLOAT32_MAX &&
      Math.abs(r11) <= FLOAT32_MAX &&
      Math.abs(r12) <= FLOAT32_MAX &&
      Math.abs(r13) <= FLOAT32_MAX &&
      Math.abs(r14) <= FLOAT32_MAX &&
      Math.abs(r15) <= FLOAT32_MAX
    )
  ) {
    return null;
  }
  out[0] = r0;
  out[1] = r1;
  out[2] = r2;
  out[3] = r3;
  out[4] = r4;
  out[5] = r5;
  out[6] = r6;
  out[7] = r7;
  out[8] = r8;
  out[9] = r9;
  out[10] = r10;
  out[11] = r11;
  out[12] = r12;
  out[13] = r13;
  out[14] = r14;
  out[15] = r15;
  return out;
}

/**
 * `a⁻¹` as a new matrix.
 *
 * @throws {MathError} `singular_matrix` when `a` has no inverse.
 */
export function inverse(a: Mat4): Mat4 {
  const out = invert(new Float32Array(16), a);
  if (!out) {
    throw new MathError("singular_matrix", `mat4 is singular (determinant ${determinant(a)})`);
  }
  return out;
}

/** Sets `out` to translate(t) × rotate(q) × scale(s): the usual model matrix of a transform. */
export function fromRotationTranslationScale(out: Mat4, q: Quat, t: Vec3, s: Vec3): Mat4 {
  const x = q[0], y = q[1], z = q[2], w = q[3];
  const x2 = x + x, y2 = y + y, z2 = z + z;
  const xx = x * x2, xy = x * y2, xz = x * z2;
  const yy = y * y2, yz = y * z2, zz = z * z2;
  const wx = w * x2, wy = w * y2, wz = w * z2;
  const sx = s[0], sy = s[1], sz = s[2];
  out[0] = (1 - (yy + zz)) * sx;
  out[1] = (xy + wz) * sx;
  out[2] = (xz - wy) * sx;
  out[3] = 0;
  out[4] = (xy - wz) * sy;
  out[5] = (1 - (xx + zz)) * sy;
  out[6] = (yz + wx) * sy;
  out[7] = 0;
  out[8] = (xz + wy) * sz;
  out[9] = (yz - wx) * sz;
  out[10] = (1 - (xx + yy)) * sz;
  out[11] = 0;
  out[12] = t[0];
  out[13] = t[1];
  out[14] = t[2];
  out[15] = 1;
  return out;
}

/**
 * `out = m p` for the point `p` (w = 1), divided by the resulting w when it is neither 0 nor 1
 * (a projective matrix); a w of 0 is taken as 1, as gl-matrix does, so no NaN comes out.
 */
export function transformPoint(out: Vec3, m: Mat4, p: Vec3): Vec3 {
  const x = p[0], y = p[1], z = p[2];
  const w = m[3] * x + m[7] * y + m[11] * z + m[15] || 1;
  out[0] = (m[0] * x + m[4] * y + m[8] * z + m[12]) / w;
  out[1] = (m[1] * x + m[5] * y + m[9] * z + m[13]) / w;
  out[2] = (m[2] * x + m[6] * y + m[10] * z + m[14]) / w;
  return out;
}
