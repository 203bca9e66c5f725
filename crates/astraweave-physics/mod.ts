/**
 * Game physics on Rapier (its deterministic WebAssembly build): a world of bodies behind stable
 * ids that map to persistence-ecs entities, validated input (a typed {@link PhysicsError}, never
 * a NaN inside the simulation or a WebAssembly trap), collision events, raycasts, shape casts and
 * overlaps by layer mask, a character controller for many characters, gravity zones,
 * projectiles, buoyancy, ragdolls, a raycast vehicle, and snapshots that restore to bit-identical
 * stepping. Saved games carry their physics through the bridge module `@astraweave/physics/ecs`
 * (its signatures use persistence-ecs's types, documented there).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PhysicsWorld } from "@astraweave/physics";
 * const world = await PhysicsWorld.create({ gravity: { x: 0, y: -9.81, z: 0 } });
 * const floor = world.addBody({ kind: "static", shape: { kind: "box", halfExtents: { x: 5, y: 0.5, z: 5 } } });
 * world.step(); // queries see the world as of its last step
 * const hit = world.raycast({ x: 0, y: 10, z: 0 }, { x: 0, y: -1, z: 0 }, 100);
 * assert.equal(hit?.body, floor);
 * assert.equal(hit?.distance, 9.5);
 * world.free();
 * ```
 *
 * @module
 */

export {
  type BodyId,
  type BodyKind,
  type BodyOptions,
  type CollisionEvent,
  PhysicsWorld,
  type QueryFilter,
  type QueryShape,
  type RayHit,
  type ShapeHit,
  type StepHook,
  type WorldOptions,
} from "./world.ts";
export { PhysicsError, type PhysicsErrorKind, type Rotation, type Vec3 } from "./error.ts";
export type {
  BoxShape,
  CapsuleShape,
  HeightfieldShape,
  Shape,
  SphereShape,
  TrimeshShape,
} from "./shapes.ts";
export { type CharacterOptions, Characters, type CharacterState } from "./characters.ts";
export {
  type BoxZone,
  Buoyancy,
  type GravityZone,
  GravityZones,
  type ProjectileHit,
  type ProjectileOptions,
  Projectiles,
  type SphereZone,
  type WaterOptions,
} from "./gameplay.ts";
export {
  createRagdoll,
  type Ragdoll,
  type RagdollJoint,
  type RagdollOptions,
  type RagdollPart,
} from "./ragdoll.ts";
export { type DriveInput, Vehicle, type VehicleOptions } from "./vehicle.ts";
export { loadRapier, type Rapier } from "./rapier.ts";
