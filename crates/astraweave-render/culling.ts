/**
 * Batch frustum culling over struct-of-arrays bounds (the CPU path of the Rust culling.rs,
 * `cpu_frustum_cull`): the indices of the visible objects, in order, written into a
 * `Uint32Array` ready to upload, and the count returned. No allocation per call.
 *
 * Bounds holding NaN are kept (a NaN comparison never says "outside"), as in the Rust: culling
 * never loses an object it cannot judge.
 *
 * @module
 */

import type { AabbSoa, SphereSoa } from "./bounds.ts";
import { atLeast } from "./error.ts";
import type { Frustum } from "./frustum.ts";

/**
 * Writes the indices of the boxes `frustum` keeps into `visible` (in index order) and returns
 * how many; the same answer as {@link Frustum.testAabb} per box.
 *
 * @throws {RenderError} `length_mismatch` when `visible` is shorter than `boxes`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mat4 } from "@astraweave/math";
 * import { AabbSoa, Camera, cullAabbs, Frustum } from "@astraweave/render";
 * const frustum = Frustum.fromViewProjection(new Camera({ yaw: 0 }).viewProjection(mat4.create()));
 * const boxes = new AabbSoa(3);
 * boxes.set(0, 10, 0, 0, 1, 1, 1); // ahead
 * boxes.set(1, -10, 0, 0, 1, 1, 1); // behind
 * boxes.set(2, 20, 0, 0, 1, 1, 1); // ahead
 * const visible = new Uint32Array(boxes.length);
 * const count = cullAabbs(frustum, boxes, visible);
 * assert.deepEqual([...visible.subarray(0, count)], [0, 2]);
 * ```
 */
export function cullAabbs(frustum: Frustum, boxes: AabbSoa, visible: Uint32Array): number {
  const n = boxes.length;
  atLeast("visible", visible, n);
  const { centerX, centerY, centerZ, extentX, extentY, extentZ } = boxes;
  const p = frustum.planes;
  // Planes in locals, and their absolute normals: the loop reads only the six columns.
  const a0 = p[0], b0 = p[1], c0 = p[2], d0 = p[3];
  const a1 = p[4], b1 = p[5], c1 = p[6], d1 = p[7];
  const a2 = p[8], b2 = p[9], c2 = p[10], d2 = p[11];
  const a3 = p[12], b3 = p[13], c3 = p[14], d3 = p[15];
  const a4 = p[16], b4 = p[17], c4 = p[18], d4 = p[19];
  const a5 = p[20], b5 = p[21], c5 = p[22], d5 = p[23];
  const A0 = Math.abs(a0), B0 = Math.abs(b0), C0 = Math.abs(c0);
  const A1 = Math.abs(a1), B1 = Math.abs(b1), C1 = Math.abs(c1);
  const A2 = Math.abs(a2), B2 = Math.abs(b2), C2 = Math.abs(c2);
  const A3 = Math.abs(a3), B3 = Math.abs(b3), C3 = Math.abs(c3);
  const A4 = Math.abs(a4), B4 = Math.abs(b4), C4 = Math.abs(c4);
  const A5 = Math.abs(a5), B5 = Math.abs(b5), C5 = Math.abs(c5);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = centerX[i], y = centerY[i], z = centerZ[i];
    const ex = Math.abs(extentX[i]), ey = Math.abs(extentY[i]), ez = Math.abs(extentZ[i]);
    if (a0 * x + b0 * y + c0 * z + d0 < -(A0 * ex + B0 * ey + C0 * ez)) continue;
    if (a1 * x + b1 * y + c1 * z + d1 < -(A1 * ex + B1 * ey + C1 * ez)) continue;
    if (a2 * x + b2 * y + c2 * z + d2 < -(A2 * ex + B2 * ey + C2 * ez)) continue;
    if (a3 * x + b3 * y + c3 * z + d3 < -(A3 * ex + B3 * ey + C3 * ez)) continue;
    if (a4 * x + b4 * y + c4 * z + d4 < -(A4 * ex + B4 * ey + C4 * ez)) continue;
    if (a5 * x + b5 * y + c5 * z + d5 < -(A5 * ex + B5 * ey + C5 * ez)) continue;
    visible[count++] = i;
  }
  return count;
}

/**
 * Writes the indices of the spheres `frustum` keeps into `visible` (in index order) and returns
 * how many; the same answer as {@link Frustum.testSphere} per sphere.
 *
 * @throws {RenderError} `length_mismatch` when `visible` is shorter than `spheres`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mat4 } from "@astraweave/math";
 * import { Camera, cullSpheres, Frustum, SphereSoa } from "@astraweave/render";
 * const frustum = Frustum.fromViewProjection(new Camera({ yaw: 0 }).viewProjection(mat4.create()));
 * const spheres = new SphereSoa(2);
 * spheres.set(0, -10, 0, 0, 1); // behind
 * spheres.set(1, 10, 0, 0, 1); // ahead
 * const visible = new Uint32Array(2);
 * assert.equal(cullSpheres(frustum, spheres, visible), 1);
 * assert.equal(visible[0], 1);
 * ```
 */
export function cullSpheres(frustum: Frustum, spheres: SphereSoa, visible: Uint32Array): number {
  const n = spheres.length;
  atLeast("visible", visible, n);
  const { x: xs, y: ys, z: zs, radius } = spheres;
  const p = frustum.planes;
  const a0 = p[0], b0 = p[1], c0 = p[2], d0 = p[3];
  const a1 = p[4], b1 = p[5], c1 = p[6], d1 = p[7];
  const a2 = p[8], b2 = p[9], c2 = p[10], d2 = p[11];
  const a3 = p[12], b3 = p[13], c3 = p[14], d3 = p[15];
  const a4 = p[16], b4 = p[17], c4 = p[18], d4 = p[19];
  const a5 = p[20], b5 = p[21], c5 = p[22], d5 = p[23];
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i], y = ys[i], z = zs[i], r = -radius[i];
    if (a0 * x + b0 * y + c0 * z + d0 < r) continue;
    if (a1 * x + b1 * y + c1 * z + d1 < r) continue;
    if (a2 * x + b2 * y + c2 * z + d2 < r) continue;
    if (a3 * x + b3 * y + c3 * z + d3 < r) continue;
    if (a4 * x + b4 * y + c4 * z + d4 < r) continue;
    if (a5 * x + b5 * y + c5 * z + d5 < r) continue;
    visible[count++] = i;
  }
  return count;
}
