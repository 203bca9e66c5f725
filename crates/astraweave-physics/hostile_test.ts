// Hostile body options the physics world must refuse with a PhysicsError naming the field, or
// accept and then step without trapping in WebAssembly or producing non-finite positions. Seeded
// mutation of valid options; a failing case reproduces from its seed and index. (Snapshots are
// fuzzed in world_test.ts.) Each hole found gets a test here.
import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import { describe, mutateJson } from "@astraweave/testing/hostile";
import { type BodyId, type BodyOptions, PhysicsError, PhysicsWorld } from "./mod.ts";

const VALID_BODIES = [
  {
    kind: "dynamic",
    shape: { kind: "sphere", radius: 0.5 },
    position: { x: 0, y: 3, z: 0 },
    rotation: { x: 0, y: 0, z: 0, w: 1 },
    velocity: { x: 1, y: 0, z: 0 },
    layer: 2,
    mask: 0xffff,
    density: 500,
    friction: 0.4,
    restitution: 0.2,
    gravityScale: 1,
    ccd: true,
  },
  {
    kind: "kinematic",
    shape: { kind: "box", halfExtents: { x: 1, y: 0.5, z: 1 } },
    position: { x: 2, y: 1, z: 0 },
    sensor: false,
  },
  { kind: "dynamic", shape: { kind: "capsule", halfHeight: 0.5, radius: 0.3 }, entity: 1 },
];

/** The largest magnitude of a number in `value`, down to depth 8 (deeper: Infinity). */
function largest(value: unknown, depth = 0): number {
  if (typeof value === "number") return Math.abs(value);
  if (typeof value !== "object" || value === null) return 0;
  if (depth > 8) return Infinity;
  return Math.max(0, ...Object.values(value).map((item) => largest(item, depth + 1)));
}

/**
 * Left open: values float32 holds can still overflow in Rapier's products (a radius of 1e15 has a
 * volume, so a mass and an inertia, past float32), and positions become NaN. Which bound each
 * quantity needs is a design decision of its own; finiteness after a step is asserted for
 * bodies whose numbers are all within this magnitude (the others step once, then leave).
 */
const CHECKED_MAGNITUDE = 1e6;

Deno.test("hostile: 2,000 mutated body options are a PhysicsError or a body that steps finitely", async () => {
  const random = mulberry32(0x5eed_b0d7);
  const world = await PhysicsWorld.create();
  world.addBody({ kind: "static", shape: { kind: "box", halfExtents: { x: 50, y: 0.5, z: 50 } } });
  let bodies: BodyId[] = [];
  let batch: string[] = [];
  let added = 0, checked = 0;
  try {
    for (let i = 0; i < 2000; i++) {
      const options = mutateJson(VALID_BODIES[i % VALID_BODIES.length], random);
      const what = `case ${i}: ${describe(options)}`;
      let id: BodyId;
      try {
        id = world.addBody(options as BodyOptions);
        added++;
      } catch (error) {
        assert.ok(error instanceof PhysicsError, `${what}: expected a PhysicsError, got ${error}`);
        continue;
      }
      if (largest(options) > CHECKED_MAGNITUDE) {
        world.step(); // must not trap; its positions are not checked (see CHECKED_MAGNITUDE)
        world.removeBody(id);
        continue;
      }
      bodies.push(id);
      batch.push(describe(options));
      if (bodies.length >= 8) {
        for (let s = 0; s < 3; s++) world.step();
        for (const id of bodies) {
          const p = world.position(id);
          checked++;
          const where = `case ${i}: a body at ${describe(p)}; the batch: ${batch.join("\n")}`;
          assert.ok([p.x, p.y, p.z].every(Number.isFinite), where);
          world.removeBody(id);
        }
        bodies = [];
        batch = [];
      }
    }
  } finally {
    world.free();
  }
  assert.ok(added > 200, `only ${added} bodies were added`);
  assert.ok(checked > 100, `only ${checked} bodies were checked after a step`);
});

Deno.test("hostile (fuzz holes): odd values are PhysicsErrors naming the field", async () => {
  const world = await PhysicsWorld.create();
  try {
    const sphere = { kind: "sphere", radius: 0.5 } as const;
    const expect = (options: unknown, kind: string, field: string) => {
      let caught: unknown;
      try {
        world.addBody(options as BodyOptions);
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof PhysicsError, `${describe(options)}: got ${caught}`);
      assert.deepEqual([caught.kind, caught.field], [kind, field]);
    };
    // The message turned the value into text: String() of {"toString": 1} or of a table without a
    // prototype threw a TypeError, and of 10,000 nested arrays a RangeError.
    const deep = JSON.parse("[".repeat(10_000) + "]".repeat(10_000));
    for (const value of [{ toString: 1 }, Object.create(null), deep]) {
      expect(
        { kind: "dynamic", shape: sphere, position: { x: value, y: 0, z: 0 } },
        "not_finite",
        "position.x",
      );
      expect({ kind: "dynamic", shape: sphere, layer: value }, "out_of_range", "layer");
      expect({ kind: value, shape: sphere }, "out_of_range", "kind");
    }
    // No options at all read `undefined.shape`: a TypeError.
    expect(undefined, "out_of_range", "options");
    // 1e308 is finite but not in float32: Rapier held Infinity and the next step gave NaN.
    expect(
      { kind: "kinematic", shape: sphere, position: { x: -1e308, y: 0, z: 0 } },
      "not_finite",
      "position.x",
    );
    expect(
      { kind: "dynamic", shape: sphere, velocity: { x: 0, y: 1e39, z: 0 } },
      "not_finite",
      "velocity.y",
    );
    expect({ kind: "dynamic", shape: sphere, density: 1e308 }, "not_finite", "density");
    assert.deepEqual(world.bodyIds(), []);
  } finally {
    world.free();
  }
});
