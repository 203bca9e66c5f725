/**
 * Physics in saved games: the physics state travels inside a persistence-ecs world, so saving the
 * world (`PersistenceManager.saveGame`, `serializeWorld`) saves its physics, and loading it gives
 * back a physics world that steps exactly as the saved one would have.
 *
 * The snapshot sits in a {@link PhysicsState} component on one entity; each entity with a body
 * carries a {@link PhysicsBody} component naming it. Loading a world gives entities new handles
 * (persistence-ecs remaps them), so {@link restorePhysics} relinks bodies and entities through
 * those components rather than trusting the handles stored in the snapshot.
 *
 * @module
 */

import { bytes, u32 } from "@astraweave/codec";
import {
  type ComponentType,
  defineComponent,
  type Entity,
  type NumericComponent,
  type World as EcsWorld,
} from "@astraweave/persistence-ecs";
import { PhysicsError } from "./error.ts";
import { PhysicsWorld } from "./world.ts";

/** On an entity that has a body: the body's id in the physics world. */
export const PhysicsBody: NumericComponent<"body"> = defineComponent("physics_body", { body: u32 });

/** On one entity of the world: the physics world's snapshot bytes. */
export const PhysicsState: ComponentType<Uint8Array> = defineComponent("physics_state", bytes);

/** The components to register in a persistence-ecs world that carries physics. */
export const PHYSICS_COMPONENTS = [PhysicsBody, PhysicsState] as const;

/**
 * Writes `physics` into `ecs`: its snapshot into the {@link PhysicsState} entity (spawned the
 * first time), and a {@link PhysicsBody} on every entity linked to a body. Returns the state's
 * entity. Call it right before saving the ECS world.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorld, serializeWorld, World } from "@astraweave/persistence-ecs";
 * import { PhysicsWorld } from "@astraweave/physics";
 * import { PHYSICS_COMPONENTS, restorePhysics, storePhysics } from "@astraweave/physics/ecs";
 * const ecs = new World(PHYSICS_COMPONENTS);
 * const physics = await PhysicsWorld.create();
 * const crate = ecs.spawn();
 * physics.addBody({ kind: "dynamic", shape: { kind: "sphere", radius: 1 }, entity: crate });
 * storePhysics(ecs, physics);
 * const loaded = loadWorld(serializeWorld(ecs), PHYSICS_COMPONENTS);
 * const restored = await restorePhysics(loaded);
 * assert.equal(restored?.bodyCount, 1);
 * physics.free();
 * restored?.free();
 * ```
 */
export function storePhysics(ecs: EcsWorld, physics: PhysicsWorld): Entity {
  for (const entity of ecs.query(PhysicsBody)) ecs.remove(entity, PhysicsBody);
  for (const id of physics.bodyIds()) {
    const entity = physics.entityOf(id);
    if (entity === undefined) continue;
    if (!ecs.isAlive(entity)) {
      throw new PhysicsError(
        "unknown_id",
        "entity",
        `body ${id} is linked to entity ${entity}, which is not alive`,
      );
    }
    ecs.insert(entity, PhysicsBody, { body: id });
  }
  const holder = ecs.query(PhysicsState)[0] ?? ecs.spawn();
  ecs.insert(holder, PhysicsState, physics.snapshot());
  return holder;
}

/**
 * The physics world stored in `ecs` by {@link storePhysics}, restored and relinked to the
 * entities now carrying each {@link PhysicsBody}; undefined when the world carries no physics.
 *
 * @throws {PhysicsError} `bad_snapshot` when the stored bytes are not a snapshot, `unknown_id`
 * when an entity names a body the snapshot does not have.
 */
export async function restorePhysics(ecs: EcsWorld): Promise<PhysicsWorld | undefined> {
  const holder = ecs.query(PhysicsState)[0];
  if (holder === undefined) return undefined;
  const physics = await PhysicsWorld.restore(ecs.get(holder, PhysicsState)!);
  for (const id of physics.bodyIds()) physics.linkEntity(id, undefined);
  for (const entity of ecs.query(PhysicsBody)) {
    const { body } = ecs.get(entity, PhysicsBody)!;
    if (!physics.has(body)) {
      physics.free();
      throw new PhysicsError(
        "unknown_id",
        "body",
        `entity ${entity} names body ${body}, which the snapshot does not have`,
      );
    }
    physics.linkEntity(body, entity);
  }
  return physics;
}
