/**
 * astraweave-render, its CPU-side core: what a WebGPU renderer in TypeScript feeds the GPU, as
 * typed arrays ready to upload. A {@link Camera} gives view and projection matrices (right-handed,
 * depth [0, 1]); a {@link Frustum} holds their six planes; {@link cullAabbs} and
 * {@link cullSpheres} write visible-index lists over struct-of-arrays bounds; {@link LodSelector}
 * picks levels of detail by projected size; {@link batchVisibleInstances},
 * {@link writeInstanceTransforms} and {@link buildIndirectCommands} make instanced draws; a
 * {@link ClusterGrid} bins point lights into froxel clusters. The GPU side (wgpu pipelines,
 * shaders, passes) is not here: see the README.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mat4 } from "@astraweave/math";
 * import { AabbSoa, Camera, cullAabbs, Frustum } from "@astraweave/render";
 * const camera = new Camera({ position: [0, 2, 0], yaw: 0, fovy: Math.PI / 3, aspect: 16 / 9 });
 * const frustum = Frustum.fromViewProjection(camera.viewProjection(mat4.create()));
 * const boxes = new AabbSoa(2);
 * boxes.set(0, 20, 2, 0, 1, 1, 1);
 * boxes.set(1, 0, 2, 20, 1, 1, 1); // to the side, outside a 60° view
 * const visible = new Uint32Array(2);
 * assert.deepEqual([...visible.subarray(0, cullAabbs(frustum, boxes, visible))], [0]);
 * ```
 *
 * @module
 */

// The math types this API takes and returns, so its documentation links them.
export type { Mat4, QuatSoa, TransformSoa, Vec3, Vec3Soa } from "@astraweave/math";
export { RenderError, type RenderErrorKind } from "./error.ts";
export {
  Camera,
  type CameraOptions,
  direction,
  lookToRh,
  MIN_ASPECT,
  perspectiveRh,
} from "./camera.ts";
export { Frustum, PLANE_NAMES } from "./frustum.ts";
export { AabbSoa, MAX_OBJECTS, SphereSoa } from "./bounds.ts";
export { cullAabbs, cullSpheres } from "./culling.ts";
export { LodSelector } from "./lod.ts";
export {
  batchVisibleInstances,
  buildIndirectCommands,
  type DrawBatches,
  INDIRECT_COMMAND_WORDS,
  INSTANCE_FLOATS,
  writeInstanceTransforms,
} from "./instancing.ts";
export {
  type ClusterBins,
  type ClusterDims,
  ClusterGrid,
  type ClusterGridOptions,
  DEFAULT_CLUSTER_DIMS,
  DEFAULT_MAX_LIGHT_INDICES,
  MAX_CLUSTERS,
} from "./clustered.ts";
export {
  COMPRESSED_VERTEX_BYTES,
  compressVertices,
  type DecompressedVertices,
  decompressVertices,
  NORMAL_OFFSET,
  octDecode,
  octEncode,
  STANDARD_VERTEX_BYTES,
  UV_OFFSET,
} from "./vertex_compression.ts";
