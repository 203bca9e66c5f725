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
  const slots = slotTable(count);
  // Batch slot of each visible instance, in first-seen order.
  const slotOf = new Uint32Array(count);
  let length = 0;
  for (let i = 0; i < count; i++) {
    const index = visible[i];
    if (index >= objects) {
      throw new RenderError("out_of_range", `visible[${i}]`, `${index} is past ${objects} objects`);
    }
    const slot = slots.find(meshIds[index], materialIds[index], length);
    if (slot === length) length++;
    slotOf[i] = slot;
    slots.count[slot]++;
  }
  const { mesh: slotMesh, material: slotMaterial, count: slotCount } = slots;
  const order = new Uint32Array(length);
  for (let s = 0; s < length; s++) order[s] = s;
  order.sort((a, b) => slotMesh[a] - slotMesh[b] || slotMaterial[a] - slotMaterial[b]);
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
 * The (mesh, material) → batch slot table of {@link batchVisibleInstances}: open addressing over
 * typed arrays, kept between calls (a frame batches again every frame) and grown when a call has
 * more instances than it holds. A hash slot is in use only when its stamp is the current call's,
 * so a new call starts empty without clearing.
 */
class SlotTable {
  /** Mesh, material and instance count of each batch slot, in first-seen order. */
  mesh: Uint32Array;
  material: Uint32Array;
  count: Uint32Array;
  #bucketSlot: Uint32Array;
  #bucketStamp: Uint32Array;
  #stamp = 0;
  #mask: number;

  constructor(instances: number) {
    let buckets = 16;
    while (buckets < instances * 2) buckets *= 2; // at most half full: short probe runs
    this.#mask = buckets - 1;
    this.#bucketSlot = new Uint32Array(buckets);
    this.#bucketStamp = new Uint32Array(buckets);
    this.mesh = new Uint32Array(buckets >>> 1);
    this.material = new Uint32Array(buckets >>> 1);
    this.count = new Uint32Array(buckets >>> 1);
  }

  /** Whether the table has room for `instances` distinct slots. */
  fits(instances: number): boolean {
    return instances * 2 <= this.#mask + 1;
  }

  /** Empties the table: a new stamp, so every bucket reads as free. */
  clear(): void {
    if (++this.#stamp === 0xffff_ffff) {
      this.#bucketStamp.fill(0);
      this.#stamp = 1;
    }
  }

  /** The slot of (mesh, material), made as slot `next` (count 0) when it is new. */
  find(mesh: number, material: number, next: number): number {
    const stamp = this.#stamp, mask = this.#mask;
    let h = (Math.imul(mesh, 0x9e3779b1) ^ Math.imul(material + 0x7f4a7c15, 0x85ebca77)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
    for (;; h = (h + 1) & mask) {
      if (this.#bucketStamp[h] !== stamp) {
        this.#bucketStamp[h] = stamp;
        this.#bucketSlot[h] = next;
        this.mesh[next] = mesh, this.material[next] = material, this.count[next] = 0;
        return next;
      }
      const slot = this.#bucketSlot[h];
      if (this.mesh[slot] === mesh && this.material[slot] === material) return slot;
    }
  }
}

let sharedSlots: SlotTable | undefined;

/** The shared slot table, emptied, with room for `instances` slots. */
function slotTable(instances: number): SlotTable {
  if (sharedSlots === undefined || !sharedSlots.fits(instances)) {
    sharedSlots = new SlotTable(instances);
  }
  sharedSlots.clear();
  return sharedSlots;
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
