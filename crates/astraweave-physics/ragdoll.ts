/**
 * Ragdolls: a humanoid of eleven capsules (pelvis, torso, head, upper and lower arms and legs)
 * held by ten spherical joints, on its own collision layer so its parts do not fight each other.
 *
 * @module
 */

import type { ImpulseJoint } from "@dimforge/rapier3d-deterministic-compat";
import { finiteVec3, PhysicsError, positive, shown, type Vec3 } from "./error.ts";
import type { BodyId, PhysicsWorld } from "./world.ts";

/** A ragdoll's parts and joints. */
export interface Ragdoll {
  /** Body ids by part name. */
  parts: Record<RagdollPart, BodyId>;
  /** The joints, each between a parent and a child part. */
  joints: RagdollJoint[];
}

/** One joint of a ragdoll. */
export interface RagdollJoint {
  /** The part nearer the pelvis. */
  parent: RagdollPart;
  /** The part it holds. */
  child: RagdollPart;
  /**
   * Rapier's spherical joint (its own API: anchors, motors, limits).
   *
   * @ignore
   */
  joint: ImpulseJoint;
}

/** The parts of a humanoid ragdoll. */
export type RagdollPart =
  | "pelvis"
  | "torso"
  | "head"
  | "upperArmL"
  | "lowerArmL"
  | "upperArmR"
  | "lowerArmR"
  | "upperLegL"
  | "lowerLegL"
  | "upperLegR"
  | "lowerLegR";

/** Ragdoll construction options. */
export interface RagdollOptions {
  /** Where the pelvis centre starts. */
  position: Vec3;
  /** Size factor (1: about 1.8 m tall). */
  scale?: number;
  /** Collision layer of the parts (default 15); parts never collide with that layer. */
  layer?: number;
}

// name, parent, centre (x, y), half height, radius: one metre-scale humanoid, pelvis at 0.
const BONES: [RagdollPart, RagdollPart | null, number, number, number, number][] = [
  ["pelvis", null, 0, 0, 0.1, 0.15],
  ["torso", "pelvis", 0, 0.45, 0.15, 0.15],
  ["head", "torso", 0, 0.87, 0.05, 0.12],
  ["upperArmL", "torso", -0.28, 0.5, 0.13, 0.06],
  ["lowerArmL", "upperArmL", -0.28, 0.14, 0.13, 0.05],
  ["upperArmR", "torso", 0.28, 0.5, 0.13, 0.06],
  ["lowerArmR", "upperArmR", 0.28, 0.14, 0.13, 0.05],
  ["upperLegL", "pelvis", -0.1, -0.42, 0.15, 0.07],
  ["lowerLegL", "upperLegL", -0.1, -0.88, 0.15, 0.06],
  ["upperLegR", "pelvis", 0.1, -0.42, 0.15, 0.07],
  ["lowerLegR", "upperLegR", 0.1, -0.88, 0.15, 0.06],
];

/**
 * Builds a ragdoll in `world`. Each joint's anchor is the point where child meets parent: the
 * top end of the child's capsule.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRagdoll, PhysicsWorld } from "@astraweave/physics";
 * const world = await PhysicsWorld.create();
 * const ragdoll = createRagdoll(world, { position: { x: 0, y: 3, z: 0 } });
 * assert.equal(Object.keys(ragdoll.parts).length, 11);
 * assert.equal(ragdoll.joints.length, 10);
 * world.free();
 * ```
 */
export function createRagdoll(world: PhysicsWorld, options: RagdollOptions): Ragdoll {
  const origin = finiteVec3(options.position, "position");
  const s = positive(options.scale ?? 1, "scale");
  const layer = options.layer ?? 15;
  if (!Number.isInteger(layer) || layer < 0 || layer > 15) {
    throw new PhysicsError(
      "out_of_range",
      "layer",
      `layer must be an integer 0 to 15, got ${shown(layer)}`,
    );
  }
  const mask = 0xffff & ~(1 << layer);
  const parts = {} as Record<RagdollPart, BodyId>;
  const centre = {} as Record<RagdollPart, Vec3>;
  const joints: Ragdoll["joints"] = [];
  for (const [name, parent, x, y, halfHeight, radius] of BONES) {
    centre[name] = { x: origin.x + x * s, y: origin.y + y * s, z: origin.z };
    parts[name] = world.addBody({
      kind: "dynamic",
      shape: { kind: "capsule", halfHeight: halfHeight * s, radius: radius * s },
      position: centre[name],
      layer,
      mask,
      density: 985, // about a human body's
    });
    if (parent) {
      const top = { x: centre[name].x, y: centre[name].y + (halfHeight + radius) * s, z: origin.z };
      const local = (part: RagdollPart) => ({
        x: top.x - centre[part].x,
        y: top.y - centre[part].y,
        z: top.z - centre[part].z,
      });
      const data = world.rapier.JointData.spherical(local(parent), local(name));
      const joint = world.raw.createImpulseJoint(
        data,
        world.rigidBody(parts[parent]),
        world.rigidBody(parts[name]),
        true,
      );
      joint.setContactsEnabled(false);
      joints.push({ parent, child: name, joint });
    }
  }
  return { parts, joints };
}
