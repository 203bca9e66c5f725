/**
 * Vector math for the engine, laid out for the machine: a small value API for one-off use
 * (`vec3`, `quat`, `mat4` as `Float32Array`s with gl-matrix-style `out` parameters) and the batch
 * API that matters, struct-of-arrays columns ({@link Vec3Soa}, {@link QuatSoa},
 * {@link TransformSoa}) with loops over whole batches ({@link batch}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { batch, mat4, Vec3Soa } from "@astraweave/math";
 * const points = new Vec3Soa(1000);
 * points.x.fill(1);
 * const moved = new Vec3Soa(1000);
 * const translate = mat4.create();
 * translate[12] = 5; // x + 5
 * batch.transformPoints(translate, points, moved);
 * assert.equal(moved.x[999], 6);
 * ```
 *
 * @module
 */

export * as vec3 from "./vec3.ts";
export * as quat from "./quat.ts";
export * as mat4 from "./mat4.ts";
export * as batch from "./batch.ts";
export type { Vec3 } from "./vec3.ts";
export type { Quat } from "./quat.ts";
export type { Mat4 } from "./mat4.ts";
export { QuatSoa, TransformSoa, Vec3Soa } from "./soa.ts";
export { MathError, type MathErrorKind } from "./error.ts";
