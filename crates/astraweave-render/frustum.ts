/**
 * View frustums as six planes from a view-projection matrix (Gribb-Hartmann), and the sphere and
 * box tests of the Rust culling.rs and nanite_visibility.rs.
 *
 * @module
 */

import type { Mat4 } from "@astraweave/math";
import { length3 } from "./length.ts";

/** Plane order in {@link Frustum.planes}, as in the Rust. */
export const PLANE_NAMES = ["left", "right", "bottom", "top", "near", "far"] as const;

/**
 * Six planes `(a, b, c, d)` with unit normals pointing inside, in one `Float32Array(24)` laid out
 * as the Rust `FrustumPlanes` (ready to upload as a uniform of six `vec4<f32>`). A point `p` is
 * inside a plane when `a px + b py + c pz + d >= 0`.
 *
 * Clip depth is taken as [0, 1] (glam's `perspective_rh`, WebGPU): the near plane is the third
 * row alone. The Rust uses row 4 + row 3, the [-1, 1] (OpenGL) near plane, which with its own
 * [0, 1] projection keeps objects between about znear/2 and znear; see the crate README.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mat4 } from "@astraweave/math";
 * import { Camera, Frustum } from "@astraweave/render";
 * const camera = new Camera({ yaw: 0, znear: 0.1, zfar: 100 }); // looking along +X
 * const frustum = Frustum.fromViewProjection(camera.viewProjection(mat4.create()));
 * assert.ok(frustum.containsPoint(10, 0, 0));
 * assert.ok(!frustum.containsPoint(-10, 0, 0)); // behind the camera
 * ```
 */
export class Frustum {
  /** left, right, bottom, top, near, far: `(a, b, c, d)` each. */
  readonly planes: Float32Array = new Float32Array(24);

  /** A frustum from the view-projection matrix `m` (column-major). */
  static fromViewProjection(m: Mat4): Frustum {
    return new Frustum().setFromViewProjection(m);
  }

  /** Sets the planes from the view-projection matrix `m` (column-major), no allocation. */
  setFromViewProjection(m: Mat4): this {
    // Row r of m is (m[r], m[4 + r], m[8 + r], m[12 + r]).
    const p = this.planes;
    for (let i = 0; i < 4; i++) {
      const row0 = m[i * 4], row1 = m[i * 4 + 1], row2 = m[i * 4 + 2], row3 = m[i * 4 + 3];
      p[i] = row3 + row0; // left
      p[4 + i] = row3 - row0; // right
      p[8 + i] = row3 + row1; // bottom
      p[12 + i] = row3 - row1; // top
      p[16 + i] = row2; // near: z_clip >= 0
      p[20 + i] = row3 - row2; // far: z_clip <= w
    }
    for (let o = 0; o < 24; o += 4) {
      const len = length3(p[o], p[o + 1], p[o + 2]);
      // A degenerate plane stays as it is, as in the Rust.
      if (len > 0) {
        p[o] /= len, p[o + 1] /= len, p[o + 2] /= len, p[o + 3] /= len;
      }
    }
    return this;
  }

  /** Whether the point is inside (or on) all six planes. */
  containsPoint(x: number, y: number, z: number): boolean {
    const p = this.planes;
    for (let o = 0; o < 24; o += 4) {
      if (p[o] * x + p[o + 1] * y + p[o + 2] * z + p[o + 3] < 0) return false;
    }
    return true;
  }

  /**
   * The Rust `test_sphere`: false only when the sphere lies wholly outside one plane. A sphere
   * touching a plane from outside (distance = -radius) is kept.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { mat4 } from "@astraweave/math";
   * import { Camera, Frustum } from "@astraweave/render";
   * const camera = new Camera({ yaw: 0, znear: 1, zfar: 100 });
   * const frustum = Frustum.fromViewProjection(camera.viewProjection(mat4.create()));
   * assert.ok(frustum.testSphere(0, 0, 0, 1.5)); // reaches past the near plane at x = 1
   * assert.ok(!frustum.testSphere(0, 0, 0, 0.5));
   * ```
   */
  testSphere(x: number, y: number, z: number, radius: number): boolean {
    const p = this.planes;
    for (let o = 0; o < 24; o += 4) {
      if (p[o] * x + p[o + 1] * y + p[o + 2] * z + p[o + 3] < -radius) return false;
    }
    return true;
  }

  /**
   * The Rust `FrustumPlanes::test_aabb`: false only when the box (center, half extents) lies
   * wholly outside one plane; extents are taken by absolute value, as in the Rust.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { mat4 } from "@astraweave/math";
   * import { Camera, Frustum } from "@astraweave/render";
   * const camera = new Camera({ yaw: 0, znear: 1, zfar: 100 });
   * const frustum = Frustum.fromViewProjection(camera.viewProjection(mat4.create()));
   * assert.ok(frustum.testAabb(100, 0, 0, 1, 1, 1)); // straddles the far plane
   * assert.ok(!frustum.testAabb(102, 0, 0, 1, 1, 1)); // wholly past it
   * ```
   */
  testAabb(
    cx: number,
    cy: number,
    cz: number,
    ex: number,
    ey: number,
    ez: number,
  ): boolean {
    const p = this.planes;
    ex = Math.abs(ex), ey = Math.abs(ey), ez = Math.abs(ez);
    for (let o = 0; o < 24; o += 4) {
      const a = p[o], b = p[o + 1], c = p[o + 2];
      const dist = a * cx + b * cy + c * cz + p[o + 3];
      const radius = ex * Math.abs(a) + ey * Math.abs(b) + ez * Math.abs(c);
      if (dist < -radius) return false;
    }
    return true;
  }
}
