/**
 * Instancing on the CPU: visible instances grouped into draw batches by mesh and material
 * (the Rust culling.rs `batch_visible_instances`, ordered by (mesh, material) as its `BTreeMap`),
 * per-instance model matrices written into one `Float32Array` in batch order (the Rust
 * instancing.rs `InstanceRaw`, 16 floats, column-major), and the indirect draw commands for them.
 *
 * @module
 */

import type { TransformSoa } from "@astraweave/math";
import { checkCount } from "./bounds.ts";
import { atLeast, integerIn, RenderError } from "./error.ts";

/** Floats per instance in the transform buffer: one column-major 4×4 model matrix. */
export const INSTANCE_FLOATS = 16;
/** `u32`s per indirect draw command: vertex count, instance count, first vertex, first instance. */
export const INDIRECT_COMMAND_WORDS = 4;

/**
 * Draw batches: batch `b` draws mesh `meshId[b]` with material `materialId[b]` for the instances
 * `instances[firstInstance[b] .. firstInstance[b + 1]]`, kept in the order they were given.
 */
export interface DrawBatches {
  /** Number of batches. */
  readonly length: number;
  /** Mesh id of each batch; batches are sorted by (mesh, material). */
  readonly meshId: Uint32Array;
  /** Material id of each batch. */
  readonly materialId: Uint32Array;
  /** Where each batch starts in `instances`; `length + 1` entries, the last the total. */
  readonly firstInstance: Uint32Array;
  /** Instance indices, batch after batch. */
  readonly instances: Uint32Array;
}

/**
 * Groups the first `count` indices of `visible` by (mesh, material) into {@link DrawBatches}.
 * Every instance lands in exactly one batch, batches sorted by mesh then material, instances in
 * each batch in their order in `visible`. Linear: a counting sort over the batches seen.
 *
 * @throws {RenderError} when `count` exceeds `visible`, the id columns differ in length, or an
 * index is past them (bounds-checked, naming `visible[i]`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { batchVisibleInstances } from "@astraweave/render";
 * const mesh = new Uint32Array([7, 3, 7, 3]);
 * const material = new Uint32Array([0, 1, 0, 0]);
 * const batches = batchVisibleInstances(new Uint32Array([0, 1, 2, 3]), 4, mesh, material);
 * assert.deepEqual([...batches.meshId], [3, 3, 7]);
 * assert.deepEqual([...batches.materialId], [0, 1, 0]);
 * assert.deepEqual([...batches.firstInstance], [0, 1, 2, 4]);
 * assert.deepEqual([...batches.instances], [3, 1, 0, 2]);
 * ```
 */
export function batchVisibleInstances(
  visible: Uint32Array,
  count: number,
  meshIds: Uint32Array,
  materialIds: Uint32Array,
): DrawBatches {
  integerIn("count", count, 0, visible.length);
  if (meshIds.length !== materialIds.length) {
    throw new RenderError(
      "length_mismatch",
      "materialIds",
      `has ${materialIds.length} elements, meshIds ${meshIds.length}`,
    );
  }
  const objects = meshIds.length;
  // Batch slot of each visible instance, in first-seen order; keyed mesh → material → slot.
  const slotOf = new Uint32Array(count);
  const byMesh = new Map<number, Map<number, number>>();
  const slotMesh: number[] = [], slotMaterial: number[] = [], slotCount: number[] = [];
  for (let i = 0; i < count; i++) {
    const index = visible[i];
    if (index >= objects) {
      throw new RenderError("out_of_range", `visible[${i}]`, `${index} is past ${objects} objects`);
    }
    const mesh = meshIds[index], material = materialIds[index];
    let byMaterial = byMesh.get(mesh);
    if (byMaterial === undefined) byMesh.set(mesh, byMaterial = new Map());
    let slot = byMaterial.get(material);
    if (slot === undefined) {
      slot = slotMesh.length;
      byMaterial.set(material, slot);
      slotMesh.push(mesh), slotMaterial.push(material), slotCount.push(0);
    }
    slotOf[i] = slot;
    slotCount[slot]++;
  }
  const length = slotMesh.length;
  const order = Array.from({ length }, (_, s) => s).sort((a, b) =>
    slotMesh[a] - slotMesh[b] || slotMaterial[a] - slotMaterial[b]
  );
  const meshId = new Uint32Array(length), materialId = new Uint32Array(length);
  const firstInstance = new Uint32Array(length + 1);
  const cursor = new Uint32Array(length); // write position of each slot
  for (let b = 0, at = 0; b < length; b++) {
    const slot = order[b];
    meshId[b] = slotMesh[slot], materialId[b] = slotMaterial[slot];
    firstInstance[b] = cursor[slot] = at;
    at += slotCount[slot];
  }
  firstInstance[length] = count;
  const instances = new Uint32Array(count);
  for (let i = 0; i < count; i++) instances[cursor[slotOf[i]]++] = visible[i];
  return { length, meshId, materialId, firstInstance, instances };
}

/**
 * Writes the model matrix (translate × rotate × scale, column-major, the Rust
 * `InstanceRaw::from_transform`) of transform `order[k]` at `out[16k .. 16k + 16]` for the first
 * `count` entries of `order`: one buffer to upload as instance-rate vertex data.
 *
 * @throws {RenderError} when `count` exceeds `order`, `out` is too short, or an index is past
 * `transforms`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { TransformSoa } from "@astraweave/math";
 * import { writeInstanceTransforms } from "@astraweave/render";
 * const transforms = new TransformSoa(2);
 * transforms.position.set(1, 5, 6, 7);
 * const out = new Float32Array(16);
 * writeInstanceTransforms(transforms, new Uint32Array([1]), 1, out);
 * assert.deepEqual([...out.subarray(12)], [5, 6, 7, 1]);
 * ```
 */
export function writeInstanceTransforms(
  transforms: TransformSoa,
  order: Uint32Array,
  count: number,
  out: Float32Array,
): Float32Array {
  integerIn("count", count, 0, order.length);
  atLeast("out", out, count * INSTANCE_FLOATS);
  const n = transforms.length;
  const { position, rotation, scale } = transforms;
  const tx = position.x, ty = position.y, tz = position.z;
  const qx = rotation.x, qy = rotation.y, qz = rotation.z, qw = rotation.w;
  const sx = scale.x, sy = scale.y, sz = scale.z;
  for (let k = 0, o = 0; k < count; k++, o += INSTANCE_FLOATS) {
    const i = order[k];
    if (i >= n) {
      throw new RenderError("out_of_range", `order[${k}]`, `${i} is past ${n} transforms`);
    }
    const x = qx[i], y = qy[i], z = qz[i], w = qw[i];
    const x2 = x + x, y2 = y + y, z2 = z + z;
    const xx = x * x2, xy = x * y2, xz = x * z2, yy = y * y2, yz = y * z2, zz = z * z2;
    const wx = w * x2, wy = w * y2, wz = w * z2;
    const a = sx[i], b = sy[i], c = sz[i];
    out[o] = (1 - (yy + zz)) * a;
    out[o + 1] = (xy + wz) * a;
    out[o + 2] = (xz - wy) * a;
    out[o + 3] = 0;
    out[o + 4] = (xy - wz) * b;
    out[o + 5] = (1 - (xx + zz)) * b;
    out[o + 6] = (yz + wx) * b;
    out[o + 7] = 0;
    out[o + 8] = (xz + wy) * c;
    out[o + 9] = (yz - wx) * c;
    out[o + 10] = (1 - (xx + yy)) * c;
    out[o + 11] = 0;
    out[o + 12] = tx[i];
    out[o + 13] = ty[i];
    out[o + 14] = tz[i];
    out[o + 15] = 1;
  }
  return out;
}

/**
 * The indirect draw commands of `batches` (the Rust `build_indirect_commands_cpu`), four `u32`s
 * each: vertex count and first vertex from the per-mesh columns, the batch's instance count, and
 * its first instance. The Rust writes first instance 0 (one instance buffer per batch); here all
 * batches share one buffer in batch order, so it is the batch's offset.
 *
 * @throws {RenderError} when a batch's mesh id is past the per-mesh columns.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { batchVisibleInstances, buildIndirectCommands } from "@astraweave/render";
 * const batches = batchVisibleInstances(new Uint32Array([0, 1, 2]), 3, new Uint32Array([1, 0, 1]), new Uint32Array(3));
 * const commands = buildIndirectCommands(batches, new Uint32Array([36, 6]), new Uint32Array([0, 36]));
 * assert.deepEqual([...commands], [36, 1, 0, 0, 6, 2, 36, 1]);
 * ```
 */
export function buildIndirectCommands(
  batches: DrawBatches,
  meshVertexCount: Uint32Array,
  meshFirstVertex: Uint32Array,
): Uint32Array {
  const commands = new Uint32Array(checkCount("batches.length", batches.length) * 4);
  const meshes = Math.min(meshVertexCount.length, meshFirstVertex.length);
  for (let b = 0, o = 0; b < batches.length; b++, o += INDIRECT_COMMAND_WORDS) {
    const mesh = batches.meshId[b];
    if (mesh >= meshes) {
      throw new RenderError("out_of_range", `meshId[${b}]`, `${mesh} is past ${meshes} meshes`);
    }
    commands[o] = meshVertexCount[mesh];
    commands[o + 1] = batches.firstInstance[b + 1] - batches.firstInstance[b];
    commands[o + 2] = meshFirstVertex[mesh];
    commands[o + 3] = batches.firstInstance[b];
  }
  return commands;
}
