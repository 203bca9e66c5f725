import assert from "node:assert/strict";
import { crc32 } from "@astraweave/codec";
import { mulberry32 } from "@astraweave/testing/random";
import { type BodyId, PhysicsError, PhysicsWorld } from "./mod.ts";

/** A floor and `n` spheres in a loose pile, seeded by position only (no randomness needed). */
async function pile(n: number): Promise<{ world: PhysicsWorld; balls: BodyId[] }> {
  const world = await PhysicsWorld.create();
  world.addBody({ kind: "static", shape: { kind: "box", halfExtents: { x: 20, y: 0.5, z: 20 } } });
  const balls: BodyId[] = [];
  for (let i = 0; i < n; i++) {
    balls.push(world.addBody({
      kind: "dynamic",
      shape: i % 2
        ? { kind: "sphere", radius: 0.4 }
        : { kind: "box", halfExtents: { x: 0.35, y: 0.35, z: 0.35 } },
      position: {
        x: (i % 7) * 0.9 - 3,
        y: 2 + Math.floor(i / 49) * 0.9,
        z: (Math.floor(i / 7) % 7) * 0.9 - 3,
      },
      rotation: { x: 0.1 * (i % 3), y: 0, z: 0, w: 1 },
    }));
  }
  return { world, balls };
}

function state(world: PhysicsWorld, ids: BodyId[]): number[] {
  return ids.flatMap((id) => {
    const p = world.position(id), q = world.rotation(id), v = world.velocity(id);
    return [p.x, p.y, p.z, q.x, q.y, q.z, q.w, v.x, v.y, v.z];
  });
}

Deno.test("snapshot and restore: 100 steps after a restore equal 100 steps of the original, bit for bit", async () => {
  const { world, balls } = await pile(150);
  for (let i = 0; i < 100; i++) world.step();
  const snapshot = world.snapshot();
  for (let i = 0; i < 100; i++) world.step();
  const expected = state(world, balls);

  const restored = await PhysicsWorld.restore(snapshot);
  assert.equal(restored.steps, 100);
  assert.equal(restored.bodyCount, 151);
  for (let i = 0; i < 100; i++) restored.step();
  const actual = state(restored, balls);
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(Object.is(actual[i], expected[i]), `value ${i}: ${actual[i]} vs ${expected[i]}`);
  }
  // It really moved: the pile settled between the snapshot and now.
  assert.notDeepEqual(state(await PhysicsWorld.restore(snapshot), balls), expected);
  world.free();
  restored.free();
});

Deno.test("a restored world keeps ids and entity links; new ids continue after the old ones", async () => {
  const world = await PhysicsWorld.create();
  const a = world.addBody({ kind: "dynamic", shape: { kind: "sphere", radius: 1 }, entity: 42 });
  const b = world.addBody({
    kind: "static",
    shape: { kind: "sphere", radius: 1 },
    position: { x: 5, y: 0, z: 0 },
  });
  world.removeBody(b);
  const restored = await PhysicsWorld.restore(world.snapshot());
  assert.equal(restored.bodyOf(42), a);
  assert.equal(restored.entityOf(a), 42);
  assert.equal(restored.has(b), false);
  const c = restored.addBody({ kind: "static", shape: { kind: "sphere", radius: 1 } });
  assert.equal(c, b + 1, "ids are never reused");
  world.free();
  restored.free();
});

/** `good` with its version and metadata replaced, and a correct checksum. */
function forgeSnapshot(good: Uint8Array, version: number, meta: Uint8Array | string): Uint8Array {
  const view = new DataView(good.buffer, good.byteOffset, good.byteLength);
  const metaLength = view.getUint32(5, true);
  const metaBytes = typeof meta === "string" ? new TextEncoder().encode(meta) : meta;
  const rest = good.subarray(13 + metaLength);
  const out = new Uint8Array(13 + metaBytes.length + rest.length);
  out.set(good.subarray(0, 4));
  out[4] = version;
  const outView = new DataView(out.buffer);
  outView.setUint32(5, metaBytes.length, true);
  out.set(metaBytes, 13);
  out.set(rest, 13 + metaBytes.length);
  outView.setUint32(9, crc32(out.subarray(13)), true);
  return out;
}

/** Version 2 metadata: next id, steps, count, then [id, body, collider, entity, kind] records. */
function binaryMetadata(
  nextId: number,
  steps: number,
  bodies: [number, number, number, number, number][],
  count = bodies.length,
): Uint8Array {
  const out = new Uint8Array(20 + bodies.length * 33);
  const view = new DataView(out.buffer);
  view.setFloat64(0, nextId, true);
  view.setFloat64(8, steps, true);
  view.setUint32(16, count, true);
  bodies.forEach(([id, body, collider, entity, kind], i) => {
    const at = 20 + i * 33;
    view.setFloat64(at, id, true);
    view.setFloat64(at + 8, body, true);
    view.setFloat64(at + 16, collider, true);
    view.setFloat64(at + 24, entity, true);
    view.setUint8(at + 32, kind);
  });
  return out;
}

Deno.test("a version 1 snapshot (JSON metadata, as saved games before version 2 hold) still restores and steps alike", async () => {
  const { world, balls } = await pile(60);
  world.linkEntity(balls[3], 77);
  for (let i = 0; i < 40; i++) world.step();
  const current = world.snapshot();
  assert.equal(current[4], 2);
  const json = JSON.stringify({
    nextId: balls[balls.length - 1] + 1,
    steps: world.steps,
    bodies: world.bodyIds().map((id) => [
      id,
      world.rigidBody(id).handle,
      world.collider(id).handle,
      world.kindOf(id),
      world.entityOf(id) ?? null,
    ]),
  });
  const fromV1 = await PhysicsWorld.restore(forgeSnapshot(current, 1, json));
  const fromV2 = await PhysicsWorld.restore(current);
  assert.equal(fromV1.steps, 40);
  assert.equal(fromV1.bodyOf(77), balls[3]);
  for (let i = 0; i < 50; i++) {
    fromV1.step();
    fromV2.step();
  }
  assert.deepEqual(state(fromV1, balls), state(fromV2, balls));
  for (const w of [world, fromV1, fromV2]) w.free();
});

Deno.test("bad snapshots are PhysicsErrors naming the problem", async () => {
  const world = await PhysicsWorld.create();
  world.addBody({ kind: "dynamic", shape: { kind: "sphere", radius: 1 } });
  const good = world.snapshot();
  const isBad = (pattern: RegExp) => (e: unknown) =>
    e instanceof PhysicsError && e.kind === "bad_snapshot" && pattern.test(e.message);
  await assert.rejects(PhysicsWorld.restore(new Uint8Array(4)), isBad(/too short/));
  const wrongMagic = good.slice();
  wrongMagic[0] ^= 0xff;
  await assert.rejects(PhysicsWorld.restore(wrongMagic), isBad(/bad magic/));
  const wrongVersion = good.slice();
  wrongVersion[4] = 9;
  await assert.rejects(PhysicsWorld.restore(wrongVersion), isBad(/unknown version 9/));
  await assert.rejects(PhysicsWorld.restore(good.subarray(0, 30)), isBad(/truncated|metadata/));
  // A valid header and checksum around metadata of the wrong shape: version 1 (JSON) ...
  for (
    const meta of [
      "{}",
      "null",
      '{"nextId":2,"steps":0,"bodies":[1]}',
      '{"nextId":1,"steps":0,"bodies":[[5,0,0,"dynamic",null]]}',
    ]
  ) {
    const forged = forgeSnapshot(good, 1, meta);
    await assert.rejects(PhysicsWorld.restore(forged), isBad(/wrong shape/), meta);
  }
  await assert.rejects(PhysicsWorld.restore(forgeSnapshot(good, 1, "{")), isBad(/metadata/));
  // ... and version 2 (binary): too short, a count that disagrees with the length, an id past
  // the next id, an unknown kind, an entity that is not an id, a step count that is not one.
  const [handle, collider] = [world.rigidBody(1).handle, world.collider(1).handle];
  for (
    const [why, meta] of [
      ["short", new Uint8Array(12)],
      ["count", binaryMetadata(2, 0, [[1, handle, collider, -1, 1]], 2)],
      ["id", binaryMetadata(1, 0, [[5, handle, collider, -1, 1]])],
      ["kind", binaryMetadata(2, 0, [[1, handle, collider, -1, 7]])],
      ["entity", binaryMetadata(2, 0, [[1, handle, collider, -2, 1]])],
      ["steps", binaryMetadata(2, 0.5, [[1, handle, collider, -1, 1]])],
    ] as const
  ) {
    const forged = forgeSnapshot(good, 2, meta);
    await assert.rejects(PhysicsWorld.restore(forged), isBad(/wrong shape/), why);
  }
  // The same records, well formed, restore.
  const valid = forgeSnapshot(good, 2, binaryMetadata(2, 0, [[1, handle, collider, 9, 1]]));
  const restored = await PhysicsWorld.restore(valid);
  assert.equal(restored.bodyOf(9), 1);
  restored.free();
  const metaLength = new DataView(good.buffer).getUint32(5, true);
  const cut = good.slice(0, 13 + metaLength + 64);
  await assert.rejects(PhysicsWorld.restore(cut), isBad(/checksum mismatch/));
  world.free();
});

Deno.test("fuzz: 500 snapshots with random bytes changed are all refused by the checksum, never trap", async () => {
  const world = await PhysicsWorld.create();
  world.addBody({ kind: "static", shape: { kind: "box", halfExtents: { x: 5, y: 0.5, z: 5 } } });
  for (let i = 0; i < 10; i++) {
    world.addBody({
      kind: "dynamic",
      shape: { kind: "sphere", radius: 0.3 },
      position: { x: i, y: 2, z: 0 },
    });
  }
  for (let i = 0; i < 10; i++) world.step();
  const good = world.snapshot();
  const random = mulberry32(2026);
  for (let i = 0; i < 500; i++) {
    const bytes = good.slice();
    const flips = 1 + Math.floor(random() * 8);
    for (let f = 0; f < flips; f++) {
      const at = 13 + Math.floor(random() * (bytes.length - 13));
      bytes[at] ^= 1 + Math.floor(random() * 255); // always a change
    }
    await assert.rejects(
      PhysicsWorld.restore(bytes),
      (e) => e instanceof PhysicsError && /checksum mismatch/.test(e.message),
    );
  }
  // The module is unharmed: the original still restores and steps.
  const restored = await PhysicsWorld.restore(good);
  restored.step();
  assert.equal(restored.bodyCount, 11);
  world.free();
  restored.free();
  restored.free(); // a second free is harmless
});

Deno.test("bad input names the field and never reaches Rapier", async () => {
  const world = await PhysicsWorld.create();
  const check = (kind: string, field: string) => (e: unknown) =>
    e instanceof PhysicsError && e.kind === kind && e.field === field;
  const sphere = { kind: "sphere", radius: 1 } as const;
  assert.throws(
    () => world.addBody({ kind: "dynamic", shape: sphere, position: { x: 0, y: NaN, z: 0 } }),
    check("not_finite", "position.y"),
  );
  assert.throws(
    () => world.addBody({ kind: "dynamic", shape: sphere, velocity: { x: Infinity, y: 0, z: 0 } }),
    check("not_finite", "velocity.x"),
  );
  assert.throws(
    () => world.addBody({ kind: "dynamic", shape: { kind: "sphere", radius: 0 } }),
    check("not_positive", "shape.radius"),
  );
  assert.throws(
    () =>
      world.addBody({
        kind: "dynamic",
        shape: { kind: "box", halfExtents: { x: 1, y: -1, z: 1 } },
      }),
    check("not_positive", "shape.halfExtents.y"),
  );
  assert.throws(
    () =>
      world.addBody({ kind: "dynamic", shape: { kind: "capsule", halfHeight: 1, radius: NaN } }),
    check("not_finite", "shape.radius"),
  );
  assert.throws(
    () =>
      world.addBody({
        kind: "static",
        shape: {
          kind: "heightfield",
          rows: 2,
          cols: 2,
          heights: new Float32Array(4),
          scale: { x: 1, y: 1, z: 1 },
        },
      }),
    check("out_of_range", "shape.heights"),
  );
  assert.throws(
    () =>
      world.addBody({
        kind: "static",
        shape: { kind: "trimesh", vertices: new Float32Array(9), indices: Uint32Array.of(0, 1, 3) },
      }),
    check("out_of_range", "shape.indices[2]"),
  );
  assert.throws(
    () => world.addBody({ kind: "dynamic", shape: sphere, rotation: { x: 0, y: 0, z: 0, w: 0 } }),
    check("out_of_range", "rotation"),
  );
  assert.throws(
    () => world.addBody({ kind: "dynamic", shape: sphere, layer: 16 }),
    check("out_of_range", "layer"),
  );
  assert.throws(
    () => world.addBody({ kind: "dynamic", shape: sphere, density: 0 }),
    check("not_positive", "density"),
  );
  assert.throws(
    () => world.addBody({ kind: "floating" as unknown as "static", shape: sphere }),
    check("out_of_range", "kind"),
  );
  assert.throws(() => world.position(999), check("unknown_id", "id"));
  assert.throws(() => world.removeBody(999), check("unknown_id", "id"));
  const ball = world.addBody({ kind: "dynamic", shape: sphere, entity: 7 });
  assert.throws(
    () => world.addBody({ kind: "dynamic", shape: sphere, entity: 7 }),
    check("out_of_range", "entity"),
  );
  assert.throws(
    () => world.setVelocity(ball, { x: 0, y: NaN, z: 0 }),
    check("not_finite", "velocity.y"),
  );
  assert.throws(
    () => world.applyImpulse(ball, { x: 0, y: 0, z: -Infinity }),
    check("not_finite", "impulse.z"),
  );
  assert.throws(
    () => world.raycast({ x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: 0 }, 10),
    check("out_of_range", "direction"),
  );
  assert.throws(
    () => world.raycast({ x: 0, y: 0, z: 0 }, { x: 1, y: 0, z: 0 }, -1),
    check("not_positive", "maxDistance"),
  );
  await assert.rejects(PhysicsWorld.create({ timestep: 0 }), check("not_positive", "timestep"));
  // Nothing bad got in: the world still steps to finite positions.
  for (let i = 0; i < 10; i++) world.step();
  assert.ok(Number.isFinite(world.position(ball).y));
  world.free();
});

Deno.test("collision events: started when a ball lands, stopped when it is lifted away", async () => {
  const world = await PhysicsWorld.create();
  const floor = world.addBody({
    kind: "static",
    shape: { kind: "box", halfExtents: { x: 5, y: 0.5, z: 5 } },
  });
  const ball = world.addBody({
    kind: "dynamic",
    shape: { kind: "sphere", radius: 0.5 },
    position: { x: 0, y: 2, z: 0 },
  });
  for (let i = 0; i < 60; i++) world.step();
  assert.deepEqual(world.drainEvents(), [{ kind: "started", a: floor, b: ball }]);
  assert.deepEqual(world.drainEvents(), []);
  world.setPosition(ball, { x: 0, y: 10, z: 0 });
  world.step();
  assert.deepEqual(world.drainEvents(), [{ kind: "stopped", a: floor, b: ball }]);
  world.free();
});

Deno.test("queries: raycast first and all hits, shape cast, overlap, by layer mask and exclusion", async () => {
  const world = await PhysicsWorld.create({ gravity: { x: 0, y: 0, z: 0 } });
  const box = (x: number, layer: number) =>
    world.addBody({
      kind: "static",
      shape: { kind: "box", halfExtents: { x: 0.5, y: 0.5, z: 0.5 } },
      position: { x, y: 0, z: 0 },
      layer,
    });
  const near = box(3, 0), middle = box(6, 1), far = box(9, 2);
  world.step();
  const origin = { x: 0, y: 0, z: 0 }, right = { x: 2, y: 0, z: 0 }; // not unit: normalized
  assert.equal(world.raycast(origin, right, 100)?.body, near);
  assert.equal(world.raycast(origin, right, 100)?.distance, 2.5);
  assert.deepEqual(world.raycast(origin, right, 100)?.normal, { x: -1, y: 0, z: 0 });
  assert.equal(world.raycast(origin, right, 2), null, "out of reach");
  assert.equal(world.raycast(origin, right, 100, { mask: 0b110 })?.body, middle);
  assert.equal(world.raycast(origin, right, 100, { exclude: near })?.body, middle);
  assert.deepEqual(world.raycastAll(origin, right, 100).map((h) => [h.body, h.distance]), [
    [near, 2.5],
    [middle, 5.5],
    [far, 8.5],
  ]);
  assert.deepEqual(world.raycastAll(origin, right, 100, { mask: 0b101 }).map((h) => h.body), [
    near,
    far,
  ]);
  const cast = world.shapeCast({ kind: "sphere", radius: 0.5 }, origin, { x: 1, y: 0, z: 0 }, 100, {
    mask: 0b100,
  });
  assert.equal(cast?.body, far);
  assert.ok(
    Math.abs(cast!.time - 8) < 1e-3,
    `sphere touches the far box after 8 m, got ${cast?.time}`,
  );
  assert.deepEqual(
    world.overlap({ kind: "box", halfExtents: { x: 2, y: 1, z: 1 } }, { x: 4.5, y: 0, z: 0 }),
    [near, middle],
  );
  assert.deepEqual(world.overlap({ kind: "sphere", radius: 1 }, { x: 20, y: 0, z: 0 }), []);
  world.free();
});

Deno.test("layers: bodies whose masks exclude each other pass through; others collide", async () => {
  const world = await PhysicsWorld.create();
  world.addBody({
    kind: "static",
    shape: { kind: "box", halfExtents: { x: 5, y: 0.5, z: 5 } },
    layer: 1,
  });
  const ghost = world.addBody({
    kind: "dynamic",
    shape: { kind: "sphere", radius: 0.5 },
    position: { x: -2, y: 3, z: 0 },
    layer: 2,
    mask: 0b100,
  });
  const solid = world.addBody({
    kind: "dynamic",
    shape: { kind: "sphere", radius: 0.5 },
    position: { x: 2, y: 3, z: 0 },
    layer: 2,
  });
  for (let i = 0; i < 90; i++) world.step();
  assert.ok(world.position(ghost).y < -2, "the ghost fell through the floor");
  assert.ok(Math.abs(world.position(solid).y - 1) < 0.05, "the solid ball rests on it");
  world.free();
});

Deno.test("heightfield and trimesh: a ball rests on the terrain's height; a ray finds the mesh", async () => {
  const world = await PhysicsWorld.create();
  // A 4 x 4 cell field, 20 m square, flat at height 2 (heights × scale.y).
  world.addBody({
    kind: "static",
    shape: {
      kind: "heightfield",
      rows: 4,
      cols: 4,
      heights: new Float32Array(25).fill(0.5),
      scale: { x: 20, y: 4, z: 20 },
    },
  });
  const ball = world.addBody({
    kind: "dynamic",
    shape: { kind: "sphere", radius: 0.5 },
    position: { x: 1, y: 6, z: 1 },
  });
  const ramp = world.addBody({
    kind: "static",
    shape: {
      kind: "trimesh",
      vertices: Float32Array.of(20, 0, 0, 30, 5, 0, 20, 0, 10),
      indices: Uint32Array.of(0, 1, 2),
    },
  });
  for (let i = 0; i < 120; i++) world.step();
  assert.ok(Math.abs(world.position(ball).y - 2.5) < 0.05, `ball at ${world.position(ball).y}`);
  const hit = world.raycast({ x: 25, y: 10, z: 1 }, { x: 0, y: -1, z: 0 }, 20);
  assert.equal(hit?.body, ramp);
  assert.ok(Math.abs(hit!.point.y - 2.5) < 1e-4);
  world.free();
});
