/**
 * The Rust crate's `Camera` (camera.rs): a position, yaw and pitch, and a right-handed perspective
 * with depth in [0, 1] (glam's `perspective_rh`, what WebGPU expects; not reverse-Z: the Rust does
 * not use it). The view matrix looks along {@link direction} with -Y as up, as the Rust does (its
 * comment: "Use -Y as up to flip the world").
 *
 * @module
 */

import { type Mat4, mat4, type Vec3 } from "@astraweave/math";
import { finite, positive, RenderError } from "./error.ts";
import { length3 } from "./length.ts";

/** The smallest aspect ratio used; the Rust clamps with `aspect.max(0.01)`. */
export const MIN_ASPECT = 0.01;

/** What a {@link Camera} is made from; every field has the Rust tests' default. */
export interface CameraOptions {
  /** Eye position (default origin). */
  position?: ArrayLike<number>;
  /** Yaw in radians, around Y (default 0: looking along +X). */
  yaw?: number;
  /** Pitch in radians, positive looks up (default 0). */
  pitch?: number;
  /** Vertical field of view in radians, in (0, π) (default π/3). */
  fovy?: number;
  /** Width ÷ height, > 0; below {@link MIN_ASPECT} it is clamped as the Rust does (default 16/9). */
  aspect?: number;
  /** Near plane distance, > 0 (default 0.1). */
  znear?: number;
  /** Far plane distance, > znear (default 100). */
  zfar?: number;
}

/**
 * Sets `out` to the unit view direction for `yaw` and `pitch`:
 * (cos yaw cos pitch, sin pitch, sin yaw cos pitch).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { direction } from "@astraweave/render";
 * const d = direction(new Float32Array(3), 0, 0);
 * assert.deepEqual([...d], [1, 0, 0]);
 * ```
 */
export function direction(out: Vec3, yaw: number, pitch: number): Vec3 {
  const cp = Math.cos(pitch);
  const x = Math.cos(yaw) * cp, y = Math.sin(pitch), z = Math.sin(yaw) * cp;
  // Already unit length in exact arithmetic; normalized as the Rust does against rounding.
  const inv = 1 / length3(x, y, z);
  out[0] = x * inv;
  out[1] = y * inv;
  out[2] = z * inv;
  return out;
}

/**
 * Sets `out` to glam's `Mat4::look_to_rh(eye, dir, up)`: a right-handed view matrix looking
 * along `dir`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lookToRh } from "@astraweave/render";
 * const m = lookToRh(new Float32Array(16), [0, 0, 5], [0, 0, -1], [0, 1, 0]);
 * assert.equal(m[14], -5); // the eye 5 units back: the origin ends 5 units ahead (-Z)
 * ```
 */
export function lookToRh(
  out: Mat4,
  eye: ArrayLike<number>,
  dir: ArrayLike<number>,
  up: ArrayLike<number>,
): Mat4 {
  let fx = dir[0], fy = dir[1], fz = dir[2];
  const fl = length3(fx, fy, fz);
  if (!(fl > 0)) throw new RenderError("invalid_value", "dir", "must be a non-zero vector");
  fx /= fl, fy /= fl, fz /= fl;
  // s = f × up, normalized; u = s × f.
  let sx = fy * up[2] - fz * up[1], sy = fz * up[0] - fx * up[2], sz = fx * up[1] - fy * up[0];
  const sl = length3(sx, sy, sz);
  if (!(sl > 0)) throw new RenderError("invalid_value", "up", "must not be parallel to dir");
  sx /= sl, sy /= sl, sz /= sl;
  const ux = sy * fz - sz * fy, uy = sz * fx - sx * fz, uz = sx * fy - sy * fx;
  const ex = eye[0], ey = eye[1], ez = eye[2];
  out[0] = sx, out[1] = ux, out[2] = -fx, out[3] = 0;
  out[4] = sy, out[5] = uy, out[6] = -fy, out[7] = 0;
  out[8] = sz, out[9] = uz, out[10] = -fz, out[11] = 0;
  out[12] = -(sx * ex + sy * ey + sz * ez);
  out[13] = -(ux * ex + uy * ey + uz * ez);
  out[14] = fx * ex + fy * ey + fz * ez;
  out[15] = 1;
  return out;
}

/**
 * Sets `out` to glam's `Mat4::perspective_rh`: right-handed, view space looking down -Z, clip
 * depth 0 at `near` and 1 at `far`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { perspectiveRh } from "@astraweave/render";
 * const p = perspectiveRh(new Float32Array(16), Math.PI / 2, 1, 1, 10);
 * assert.equal(p[11], -1); // w = -z
 * assert.ok(Math.abs(p[14] * 1 + p[10] * -1) < 1e-6); // z_clip = 0 at z = -near
 * ```
 */
export function perspectiveRh(
  out: Mat4,
  fovy: number,
  aspect: number,
  near: number,
  far: number,
): Mat4 {
  const h = 1 / Math.tan(fovy * 0.5);
  const r = far / (near - far);
  out.fill(0);
  out[0] = h / aspect;
  out[5] = h;
  out[10] = r;
  out[11] = -1;
  out[14] = r * near;
  return out;
}

/**
 * A perspective camera: position, yaw, pitch, field of view, aspect and clip planes, checked on
 * construction and on every {@link Camera.set}, so its matrices never hold NaN.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mat4, vec3 } from "@astraweave/math";
 * import { Camera } from "@astraweave/render";
 * const camera = new Camera({ position: [0, 0, 0], yaw: 0, pitch: 0, znear: 0.1, zfar: 100 });
 * const vp = camera.viewProjection(mat4.create());
 * const ahead = mat4.transformPoint(vec3.create(), vp, vec3.fromValues(10, 0, 0));
 * assert.ok(ahead[2] > 0 && ahead[2] < 1); // in front of the camera: depth within [0, 1]
 * ```
 */
export class Camera {
  /** Eye position. */
  readonly position: Float32Array = new Float32Array(3);
  #yaw = 0;
  #pitch = 0;
  #fovy = Math.PI / 3;
  #aspect = 16 / 9;
  #znear = 0.1;
  #zfar = 100;
  readonly #dir = new Float32Array(3);
  readonly #scratch = new Float32Array(16);

  /** A camera from `options`; throws a {@link RenderError} naming the first bad field. */
  constructor(options: CameraOptions = {}) {
    this.set(options);
  }

  /**
   * Changes the given fields, all checked before any is applied (nothing changes on error).
   *
   * @throws {RenderError} naming the field: not finite, fovy outside (0, π), aspect ≤ 0,
   * znear ≤ 0, zfar ≤ znear.
   */
  set(options: CameraOptions): this {
    const p = options.position ?? this.position;
    const position = [
      finite("position[0]", p[0]),
      finite("position[1]", p[1]),
      finite("position[2]", p[2]),
    ];
    const yaw = finite("yaw", options.yaw ?? this.#yaw);
    const pitch = finite("pitch", options.pitch ?? this.#pitch);
    const fovy = positive("fovy", options.fovy ?? this.#fovy);
    if (fovy >= Math.PI) {
      throw new RenderError("out_of_range", "fovy", `must be below π radians, got ${fovy}`);
    }
    const aspect = positive("aspect", options.aspect ?? this.#aspect);
    const znear = positive("znear", options.znear ?? this.#znear);
    const zfar = positive("zfar", options.zfar ?? this.#zfar);
    if (!(zfar > znear)) {
      throw new RenderError("out_of_range", "zfar", `must be > znear (${znear}), got ${zfar}`);
    }
    this.position.set(position);
    this.#yaw = yaw, this.#pitch = pitch, this.#fovy = fovy;
    this.#aspect = aspect, this.#znear = znear, this.#zfar = zfar;
    return this;
  }

  /** Yaw in radians. */
  get yaw(): number {
    return this.#yaw;
  }
  /** Pitch in radians. */
  get pitch(): number {
    return this.#pitch;
  }
  /** Vertical field of view in radians. */
  get fovy(): number {
    return this.#fovy;
  }
  /** Width ÷ height as given (the projection clamps it to {@link MIN_ASPECT}). */
  get aspect(): number {
    return this.#aspect;
  }
  /** Near plane distance. */
  get znear(): number {
    return this.#znear;
  }
  /** Far plane distance. */
  get zfar(): number {
    return this.#zfar;
  }

  /** Sets `out` to the view direction (unit length). */
  direction(out: Vec3): Vec3 {
    return direction(out, this.#yaw, this.#pitch);
  }

  /** Sets `out` to the view matrix: `look_to_rh(position, direction, -Y)`. */
  viewMatrix(out: Mat4): Mat4 {
    return lookToRh(out, this.position, this.direction(this.#dir), NEGATIVE_Y);
  }

  /** Sets `out` to the projection matrix: `perspective_rh(fovy, max(aspect, 0.01), znear, zfar)`. */
  projMatrix(out: Mat4): Mat4 {
    return perspectiveRh(
      out,
      this.#fovy,
      Math.max(this.#aspect, MIN_ASPECT),
      this.#znear,
      this.#zfar,
    );
  }

  /** Sets `out` to projection × view (the Rust `vp()`). */
  viewProjection(out: Mat4): Mat4 {
    this.viewMatrix(this.#scratch);
    this.projMatrix(out);
    return mat4.multiply(out, out, this.#scratch);
  }
}

const NEGATIVE_Y = [0, -1, 0] as const;
