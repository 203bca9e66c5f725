/**
 * Characters on Rapier's kinematic character controller: walking that slides along walls,
 * climbing slopes up to a maximum angle, stepping up small ledges (autostep), staying glued to
 * the ground going down (snapping), and jumping with coyote time (a jump still works for a short
 * moment after walking off a ledge). Any number of characters share one controller per set of
 * options.
 *
 * @module
 */

import type { KinematicCharacterController } from "@dimforge/rapier3d-deterministic-compat";
import { finite, finiteVec3, nonNegative, PhysicsError, positive, type Vec3 } from "./error.ts";
import type { BodyId, PhysicsWorld, StepHook } from "./world.ts";

/** A new character's shape and movement rules. */
export interface CharacterOptions {
  /** Where its capsule's centre starts. */
  position: Vec3;
  /** Capsule radius (default 0.4 m). */
  radius?: number;
  /** Half the straight part of the capsule (default 0.5 m: 1.8 m tall with the default radius). */
  halfHeight?: number;
  /** Steepest slope it walks up (default 45°). */
  maxSlopeDegrees?: number;
  /** Highest ledge it steps onto without jumping (default 0.3 m; 0 turns autostep off). */
  autostepHeight?: number;
  /** How far below it looks for ground to stay on (default 0.2 m; 0 turns snapping off). */
  snapDistance?: number;
  /** Upward speed of a jump (default 5 m/s). */
  jumpSpeed?: number;
  /** How long after leaving the ground a jump is still allowed (default 0.1 s). */
  coyoteTime?: number;
}

/** What a character is doing after the last step. */
export interface CharacterState {
  /** Capsule centre. */
  position: Vec3;
  /** Standing on something. */
  grounded: boolean;
  /** Its vertical speed (m/s). */
  verticalSpeed: number;
}

interface Character {
  body: BodyId;
  controller: KinematicCharacterController;
  jumpSpeed: number;
  coyoteTime: number;
  walk: Vec3;
  jumpRequested: boolean;
  verticalSpeed: number;
  grounded: boolean;
  sinceGrounded: number;
}

/**
 * The characters of one world, moved inside every `world.step()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Characters, PhysicsWorld } from "@astraweave/physics";
 * const world = await PhysicsWorld.create();
 * world.addBody({ kind: "static", shape: { kind: "box", halfExtents: { x: 50, y: 0.5, z: 50 } } });
 * const characters = new Characters(world);
 * const hero = characters.add({ position: { x: 0, y: 1.5, z: 0 } });
 * characters.walk(hero, { x: 3, y: 0, z: 0 }); // 3 m/s along x
 * for (let i = 0; i < 60; i++) world.step();
 * const { position, grounded } = characters.state(hero);
 * assert.ok(grounded && Math.abs(position.x - 3) < 0.2);
 * world.free();
 * ```
 */
export class Characters implements StepHook {
  readonly #world: PhysicsWorld;
  readonly #characters = new Map<BodyId, Character>();
  readonly #controllers = new Map<string, KinematicCharacterController>();

  /** The characters of `world`; registers itself as a step hook. */
  constructor(world: PhysicsWorld) {
    this.#world = world;
    world.addHook(this);
  }

  /** Number of characters. */
  get count(): number {
    return this.#characters.size;
  }

  /** Adds a character (a kinematic capsule body) and returns its body id. */
  add(options: CharacterOptions): BodyId {
    const radius = positive(options.radius ?? 0.4, "radius");
    const halfHeight = positive(options.halfHeight ?? 0.5, "halfHeight");
    const slope = finite(options.maxSlopeDegrees ?? 45, "maxSlopeDegrees");
    if (slope <= 0 || slope >= 90) {
      throw new PhysicsError(
        "out_of_range",
        "maxSlopeDegrees",
        `maxSlopeDegrees must be between 0 and 90, got ${slope}`,
      );
    }
    const autostep = nonNegative(options.autostepHeight ?? 0.3, "autostepHeight");
    const snap = nonNegative(options.snapDistance ?? 0.2, "snapDistance");
    const jumpSpeed = nonNegative(options.jumpSpeed ?? 5, "jumpSpeed");
    const coyoteTime = nonNegative(options.coyoteTime ?? 0.1, "coyoteTime");
    const body = this.#world.addBody({
      kind: "kinematic",
      shape: { kind: "capsule", radius, halfHeight },
      position: finiteVec3(options.position, "position"),
    });
    this.#characters.set(body, {
      body,
      controller: this.#controller(slope, autostep, snap, radius),
      jumpSpeed,
      coyoteTime,
      walk: { x: 0, y: 0, z: 0 },
      jumpRequested: false,
      verticalSpeed: 0,
      grounded: false,
      sinceGrounded: Infinity,
    });
    return body;
  }

  /** Removes a character and its body (its body may already have been removed from the world). */
  remove(id: BodyId): void {
    this.#get(id);
    this.#characters.delete(id);
    if (this.#world.has(id)) this.#world.removeBody(id);
  }

  /** Sets the horizontal velocity it walks with from now on (m/s; y is ignored). */
  walk(id: BodyId, velocity: Vec3): void {
    const v = finiteVec3(velocity, "velocity");
    this.#get(id).walk = { x: v.x, y: 0, z: v.z };
  }

  /** Asks for a jump at the next step (taken if grounded or within coyote time). */
  jump(id: BodyId): void {
    this.#get(id).jumpRequested = true;
  }

  /** Where it is and whether it stands on something. */
  state(id: BodyId): CharacterState {
    const c = this.#get(id);
    return {
      position: this.#world.position(id),
      grounded: c.grounded,
      verticalSpeed: c.verticalSpeed,
    };
  }

  /** @internal Moves every character (a step hook). */
  beforeStep(world: PhysicsWorld, dt: number): void {
    const gravity = world.gravity.y;
    for (const c of this.#characters.values()) {
      if (!world.has(c.body)) {
        // Its body was removed through the world: the character goes with it.
        this.#characters.delete(c.body);
        continue;
      }
      if (c.jumpRequested && c.sinceGrounded <= c.coyoteTime) {
        c.verticalSpeed = c.jumpSpeed;
        c.sinceGrounded = Infinity; // one jump per take-off
      } else if (!c.grounded || c.verticalSpeed > 0) {
        c.verticalSpeed += gravity * dt;
      } else {
        // On the ground: snapping keeps contact; a downward push would eat into the walk.
        c.verticalSpeed = 0;
      }
      c.jumpRequested = false;
      const collider = world.collider(c.body);
      c.controller.computeColliderMovement(collider, {
        x: c.walk.x * dt,
        y: c.verticalSpeed * dt,
        z: c.walk.z * dt,
      });
      const moved = c.controller.computedMovement();
      const at = world.rigidBody(c.body).translation();
      world.rigidBody(c.body).setNextKinematicTranslation({
        x: at.x + moved.x,
        y: at.y + moved.y,
        z: at.z + moved.z,
      });
      c.grounded = c.controller.computedGrounded();
      if (c.grounded) {
        c.sinceGrounded = 0;
        if (c.verticalSpeed < 0) c.verticalSpeed = 0;
      } else {
        c.sinceGrounded += dt;
        // A ceiling stops the rise.
        if (c.verticalSpeed > 0 && moved.y < c.verticalSpeed * dt * 0.5) c.verticalSpeed = 0;
      }
    }
  }

  #controller(
    slope: number,
    autostep: number,
    snap: number,
    radius: number,
  ): KinematicCharacterController {
    const key = `${slope}/${autostep}/${snap}/${radius}`;
    let controller = this.#controllers.get(key);
    if (!controller) {
      controller = this.#world.raw.createCharacterController(0.01);
      controller.setMaxSlopeClimbAngle((slope * Math.PI) / 180);
      controller.setMinSlopeSlideAngle((slope * Math.PI) / 180);
      if (autostep > 0) controller.enableAutostep(autostep, radius / 2, false);
      if (snap > 0) controller.enableSnapToGround(snap);
      controller.setApplyImpulsesToDynamicBodies(true);
      this.#controllers.set(key, controller);
    }
    return controller;
  }

  #get(id: BodyId): Character {
    const c = this.#characters.get(id);
    if (!c) throw new PhysicsError("unknown_id", "id", `no character with id ${id}`);
    return c;
  }
}
