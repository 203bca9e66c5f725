import assert from "node:assert/strict";
import { mat4, quat, TransformSoa, vec3 } from "@astraweave/math";
import { mulberry32 } from "@astraweave/testing/random";
import {
  batchVisibleInstances,
  buildIndirectCommands,
  INSTANCE_FLOATS,
  writeInstanceTransforms,
} from "./mod.ts";

const random = mulberry32(7);
const below = (n: number) => Math.floor(random() * n);

Deno.test("batchVisibleInstances: every visible instance exactly once, in its batch (seeded)", () => {
  for (let round = 0; round < 40; round++) {
    const objects = 1 + below(2000);
    const meshes = Uint32Array.from({ length: objects }, () => below(20) * 1_000_000_007 % 2 ** 32);
    const materials = Uint32Array.from({ length: objects }, () => below(5));
    const visible = Uint32Array.from({ length: objects }, (_, i) => i).filter(() => random() < 0.6);
    const count = below(visible.length + 1);
    const batches = batchVisibleInstances(visible, count, meshes, materials);

    assert.equal(batches.firstInstance[batches.length], count);
    assert.deepEqual(
      [...batches.instances].sort((a, b) => a - b),
      [...visible.subarray(0, count)].sort((a, b) => a - b),
    );
    const seenKeys = new Set<string>();
    for (let b = 0; b < batches.length; b++) {
      if (b > 0) {
        const order = batches.meshId[b - 1] - batches.meshId[b] ||
          batches.materialId[b - 1] - batches.materialId[b];
        assert.ok(order < 0, "batches sorted by (mesh, material), no duplicates");
      }
      const members = batches.instances.subarray(
        batches.firstInstance[b],
        batches.firstInstance[b + 1],
      );
      assert.ok(members.length > 0);
      for (const i of members) {
        assert.equal(meshes[i], batches.meshId[b]);
        assert.equal(materials[i], batches.materialId[b]);
      }
      // Kept in the order of `visible`, which is increasing here.
      assert.deepEqual([...members], [...members].sort((a, b) => a - b));
      seenKeys.add(`${batches.meshId[b]}/${batches.materialId[b]}`);
    }
    const expectedKeys = new Set(
      [...visible.subarray(0, count)].map((i) => `${meshes[i]}/${materials[i]}`),
    );
    assert.deepEqual(seenKeys, expectedKeys);
  }
});

Deno.test("batchVisibleInstances: a batch per instance, and a call after a refused one", () => {
  // Every instance its own (mesh, material), ids spread over the whole u32 range.
  const count = 5000;
  const meshes = Uint32Array.from({ length: count }, (_, i) => (i * 2_654_435_761) >>> 0);
  const materials = Uint32Array.from({ length: count }, (_, i) => 0xffff_ffff - i);
  const visible = Uint32Array.from({ length: count }, (_, i) => count - 1 - i);
  const all = batchVisibleInstances(visible, count, meshes, materials);
  assert.equal(all.length, count);
  for (let b = 1; b < count; b++) assert.ok(all.meshId[b - 1] < all.meshId[b]);
  assert.deepEqual([...all.firstInstance], Array.from({ length: count + 1 }, (_, b) => b));

  // A call refused halfway leaves nothing behind for the next one.
  const bad = Uint32Array.from([0, 1, 9]);
  assert.throws(() => batchVisibleInstances(bad, 3, new Uint32Array(2), new Uint32Array(2)));
  const two = batchVisibleInstances(bad, 2, new Uint32Array([4, 4]), new Uint32Array([1, 1]));
  assert.deepEqual([two.length, ...two.meshId, ...two.materialId, ...two.instances], [
    1,
    4,
    1,
    0,
    1,
  ]);
});

Deno.test("writeInstanceTransforms equals mat4.fromRotationTranslationScale per instance", () => {
  const n = 64;
  const transforms = new TransformSoa(n);
  for (let i = 0; i < n; i++) {
    transforms.position.set(i, random() * 10, random() * 10, random() * 10);
    const q = quat.normalize(
      quat.create(),
      quat.fromValues(random() - 0.5, random() - 0.5, random() - 0.5, random() - 0.5),
    );
    transforms.rotation.set(i, q[0], q[1], q[2], q[3]);
    transforms.scale.set(i, 0.5 + random(), 0.5 + random(), 0.5 + random());
  }
  const order = Uint32Array.from({ length: n }, () => below(n));
  const out = new Float32Array(n * INSTANCE_FLOATS);
  writeInstanceTransforms(transforms, order, n, out);
  const m = mat4.create();
  for (let k = 0; k < n; k++) {
    const i = order[k];
    mat4.fromRotationTranslationScale(
      m,
      transforms.rotation.get(i, quat.create()),
      transforms.position.get(i, vec3.create()),
      transforms.scale.get(i, vec3.create()),
    );
    assert.deepEqual(out.subarray(k * 16, k * 16 + 16), m);
  }
});

Deno.test("buildIndirectCommands: instance counts sum to the instances, first instance is the offset", () => {
  const meshes = Uint32Array.from({ length: 300 }, () => below(10));
  const batches = batchVisibleInstances(
    Uint32Array.from({ length: 300 }, (_, i) => i),
    300,
    meshes,
    new Uint32Array(300),
  );
  const commands = buildIndirectCommands(
    batches,
    Uint32Array.from({ length: 10 }, (_, i) => 3 * (i + 1)),
    Uint32Array.from({ length: 10 }, (_, i) => 100 * i),
  );
  let sum = 0;
  for (let b = 0; b < batches.length; b++) {
    const mesh = batches.meshId[b];
    assert.deepEqual(
      [...commands.subarray(b * 4, b * 4 + 4)],
      [3 * (mesh + 1), commands[b * 4 + 1], 100 * mesh, sum],
    );
    sum += commands[b * 4 + 1];
  }
  assert.equal(sum, 300);
});
