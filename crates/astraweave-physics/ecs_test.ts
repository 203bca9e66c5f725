import assert from "node:assert/strict";
import { i32 } from "@astraweave/codec";
import { defineComponent, PersistenceManager, World } from "@astraweave/persistence-ecs";
import { withTempDir } from "@astraweave/testing/temp-dir";
import { PhysicsError, PhysicsWorld } from "./mod.ts";
import { PHYSICS_COMPONENTS, PhysicsBody, restorePhysics, storePhysics } from "./ecs.ts";

const Label = defineComponent("label", { n: i32 });

Deno.test("a saved game carries its physics: loaded entities map to their bodies and stepping continues bit for bit", () =>
  withTempDir(async (root) => {
    const ecs = new World([Label, ...PHYSICS_COMPONENTS]);
    // Dead entities first, so the saved handles differ from the ones a load hands out.
    for (let i = 0; i < 5; i++) ecs.despawn(ecs.spawn());
    const physics = await PhysicsWorld.create();
    physics.addBody({
      kind: "static",
      shape: { kind: "box", halfExtents: { x: 10, y: 0.5, z: 10 } },
    });
    for (let n = 0; n < 20; n++) {
      const entity = ecs.spawn();
      ecs.insert(entity, Label, { n });
      physics.addBody({
        kind: "dynamic",
        shape: { kind: "sphere", radius: 0.3 },
        position: { x: (n % 5) - 2, y: 2 + Math.floor(n / 5), z: 0.1 * n },
        entity,
      });
    }
    for (let i = 0; i < 30; i++) physics.step();
    storePhysics(ecs, physics);
    const games = new PersistenceManager({
      root,
      player: "ann",
      components: [Label, ...PHYSICS_COMPONENTS],
      world: ecs,
    });
    await games.saveGame(1);
    for (let i = 0; i < 60; i++) physics.step();

    const { world: loaded } = await games.loadGame(1);
    const restored = (await restorePhysics(loaded))!;
    for (let i = 0; i < 60; i++) restored.step();
    for (const entity of loaded.query(Label)) {
      const { n } = loaded.get(entity, Label)!;
      const body = restored.bodyOf(entity)!;
      assert.equal(restored.entityOf(body), entity);
      // The same body as before the save: labels were given in body order, after the floor.
      assert.equal(body, n + 2);
      assert.deepEqual(restored.position(body), physics.position(body));
      assert.deepEqual(restored.rotation(body), physics.rotation(body));
    }
    physics.free();
    restored.free();
  }));

Deno.test("restorePhysics: nothing stored gives undefined; an entity naming a missing body is an error", async () => {
  const ecs = new World(PHYSICS_COMPONENTS);
  assert.equal(await restorePhysics(ecs), undefined);
  const physics = await PhysicsWorld.create();
  storePhysics(ecs, physics);
  ecs.insert(ecs.spawn(), PhysicsBody, { body: 77 });
  await assert.rejects(
    restorePhysics(ecs),
    (e) => e instanceof PhysicsError && e.kind === "unknown_id" && /body 77/.test(e.message),
  );
  const dead = ecs.spawn();
  physics.addBody({ kind: "static", shape: { kind: "sphere", radius: 1 }, entity: dead });
  ecs.despawn(dead);
  assert.throws(() => storePhysics(ecs, physics), /not alive/);
  physics.free();
});
