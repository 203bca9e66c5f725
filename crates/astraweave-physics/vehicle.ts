/**
 * A four-wheeled raycast vehicle on Rapier's `DynamicRayCastVehicleController`: a box chassis,
 * suspension rays for wheels, engine force, steering of the front wheels and brakes. Forward is
 * +x, up +y.
 *
 * @module
 */

import type { DynamicRayCastVehicleController } from "@dimforge/rapier3d-deterministic-compat";
import { finite, finiteVec3, nonNegative, PhysicsError, positive, type Vec3 } from "./error.ts";
import type { BodyId, PhysicsWorld, StepHook } from "./world.ts";

/** Below this forward speed (m/s), a held brake with no engine force parks the car. */
const HOLD_BELOW = 0.3;

/** Vehicle construction options. */
export interface VehicleOptions {
  /** Where the chassis centre starts. */
  position: Vec3;
  /** Chassis half size (default 2 × 0.3 × 1 m: a 4 m car). */
  halfExtents?: Vec3;
  /** Chassis density (default 200 kg/m³: 960 kg with the default size). */
  density?: number;
  /** Wheel radius (default 0.4 m). */
  wheelRadius?: number;
  /** Suspension rest length (default 0.3 m). */
  suspensionRestLength?: number;
}

/** What the driver asks for. */
export interface DriveInput {
  /** Engine force on each wheel (N; negative reverses). */
  engineForce?: number;
  /** Front-wheel steering angle (radians, positive turns toward +z... left when facing +x). */
  steering?: number;
  /** Brake force on each wheel (N, 0 or more). */
  brake?: number;
}

/**
 * A vehicle in a world, updated inside every `world.step()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PhysicsWorld, Vehicle } from "@astraweave/physics";
 * const world = await PhysicsWorld.create();
 * world.addBody({ kind: "static", shape: { kind: "box", halfExtents: { x: 100, y: 0.5, z: 100 } } });
 * const car = new Vehicle(world, { position: { x: 0, y: 1.5, z: 0 } });
 * car.drive({ engineForce: 800 });
 * for (let i = 0; i < 120; i++) world.step();
 * assert.ok(car.speed() > 1 && world.position(car.chassis).x > 1);
 * world.free();
 * ```
 */
export class Vehicle implements StepHook {
  /** The chassis body. */
  readonly chassis: BodyId;
  readonly #controller: DynamicRayCastVehicleController;
  readonly #world: PhysicsWorld;
  readonly #unhook: () => void;
  #holding = false;
  #removed = false;

  /** Builds the chassis and four wheels; registers itself as a step hook. */
  constructor(world: PhysicsWorld, options: VehicleOptions) {
    const h = finiteVec3(options.halfExtents ?? { x: 2, y: 0.3, z: 1 }, "halfExtents");
    const radius = positive(options.wheelRadius ?? 0.4, "wheelRadius");
    const rest = positive(options.suspensionRestLength ?? 0.3, "suspensionRestLength");
    this.chassis = world.addBody({
      kind: "dynamic",
      shape: { kind: "box", halfExtents: h },
      position: finiteVec3(options.position, "position"),
      density: positive(options.density ?? 200, "density"),
    });
    this.#controller = world.raw.createVehicleController(world.rigidBody(this.chassis));
    // Front left, front right, rear left, rear right; forward is +x, the axle runs along z.
    for (const [x, z] of [[0.7, -1], [0.7, 1], [-0.7, -1], [-0.7, 1]]) {
      this.#controller.addWheel(
        { x: x * h.x, y: -h.y, z: z * h.z },
        { x: 0, y: -1, z: 0 },
        { x: 0, y: 0, z: 1 },
        rest,
        radius,
      );
    }
    this.#world = world;
    this.#unhook = world.addHook(this);
  }

  /** Whether the vehicle is gone (removed, or its chassis removed from the world). */
  get removed(): boolean {
    return this.#removed;
  }

  /** Removes the vehicle: its controller and, if still there, its chassis. */
  remove(): void {
    if (this.#removed) return;
    this.#removed = true;
    this.#unhook();
    this.#world.raw.removeVehicleController(this.#controller);
    if (this.#world.has(this.chassis)) this.#world.removeBody(this.chassis);
  }

  /** Sets engine force, steering and brakes until the next call. */
  drive(input: DriveInput): void {
    if (this.#removed) {
      throw new PhysicsError("unknown_id", "vehicle", "the vehicle was removed");
    }
    const force = finite(input.engineForce ?? 0, "engineForce");
    const steering = finite(input.steering ?? 0, "steering");
    const brake = nonNegative(input.brake ?? 0, "brake");
    this.#holding = brake > 0 && force === 0;
    for (let wheel = 0; wheel < 4; wheel++) {
      this.#controller.setWheelEngineForce(wheel, force);
      this.#controller.setWheelBrake(wheel, brake);
      this.#controller.setWheelSteering(wheel, wheel < 2 ? steering : 0);
    }
  }

  /** Forward speed (m/s). */
  speed(): number {
    return this.#controller.currentVehicleSpeed();
  }

  /** How many wheels touch the ground. */
  wheelsInContact(): number {
    let n = 0;
    for (let wheel = 0; wheel < 4; wheel++) if (this.#controller.wheelIsInContact(wheel)) n++;
    return n;
  }

  /** @internal Updates suspension and wheel forces. */
  beforeStep(world: PhysicsWorld, dt: number): void {
    if (!world.has(this.chassis)) {
      // The chassis was removed through the world: updating the controller would trap in Rapier.
      this.remove();
      return;
    }
    this.#controller.updateVehicle(dt);
    // Rapier's brake impulse oscillates around standstill: measured here, a braked car stops,
    // then creeps backwards to 2 m/s within 2 s. A held brake at walking speed parks the chassis.
    if (this.#holding && Math.abs(this.#controller.currentVehicleSpeed()) < HOLD_BELOW) {
      const body = world.rigidBody(this.chassis);
      const v = body.linvel();
      body.setLinvel({ x: 0, y: v.y, z: 0 }, true);
      body.setAngvel({ x: 0, y: 0, z: 0 }, true);
    }
  }
}
