/**
 * Gameplay physics on top of the world, each a step hook: gravity zones (spherical pulls and
 * boxes of other gravity, by priority), ballistic projectiles whose hits are found by raycasts,
 * and buoyancy below a water plane.
 *
 * @module
 */

import { finite, finiteVec3, nonNegative, PhysicsError, positive, type Vec3 } from "./error.ts";
import type { BodyId, PhysicsWorld, QueryFilter, StepHook } from "./world.ts";

/** A sphere that pulls toward its centre (or pushes away, with a negative strength). */
export interface SphereZone {
  /** Discriminant. */
  kind: "sphere";
  /** Centre. */
  center: Vec3;
  /** Radius (above 0). */
  radius: number;
  /** Acceleration toward the centre (m/s²). */
  strength: number;
  /** Where zones overlap, the highest priority wins (default 0). */
  priority?: number;
}

/** An axis-aligned box with its own gravity vector. */
export interface BoxZone {
  /** Discriminant. */
  kind: "box";
  /** Centre. */
  center: Vec3;
  /** Half size per axis (each above 0). */
  halfExtents: Vec3;
  /** Gravity inside (m/s²). */
  gravity: Vec3;
  /** Where zones overlap, the highest priority wins (default 0). */
  priority?: number;
}

/** A region of other gravity. */
export type GravityZone = SphereZone | BoxZone;

/**
 * Gravity zones: inside one, a dynamic body feels the zone's gravity instead of the world's.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { GravityZones, PhysicsWorld } from "@astraweave/physics";
 * const world = await PhysicsWorld.create();
 * const zones = new GravityZones(world);
 * zones.add({ kind: "box", center: { x: 0, y: 0, z: 0 }, halfExtents: { x: 5, y: 5, z: 5 }, gravity: { x: 0, y: 2, z: 0 } });
 * assert.deepEqual(zones.gravityAt({ x: 0, y: 0, z: 0 }), { x: 0, y: 2, z: 0 });
 * assert.deepEqual(zones.gravityAt({ x: 9, y: 0, z: 0 }), world.gravity);
 * world.free();
 * ```
 */
export class GravityZones implements StepHook {
  readonly #world: PhysicsWorld;
  readonly #zones = new Map<number, Required<SphereZone> | Required<BoxZone>>();
  #nextId = 1;

  /** The zones of `world`; registers itself as a step hook. */
  constructor(world: PhysicsWorld) {
    this.#world = world;
    world.addHook(this);
  }

  /** Adds a zone; returns its id. */
  add(zone: GravityZone): number {
    const center = finiteVec3(zone.center, "center");
    const priority = finite(zone.priority ?? 0, "priority");
    let checked: Required<SphereZone> | Required<BoxZone>;
    if (zone.kind === "sphere") {
      checked = {
        kind: "sphere",
        center,
        radius: positive(zone.radius, "radius"),
        strength: finite(zone.strength, "strength"),
        priority,
      };
    } else if (zone.kind === "box") {
      const h = finiteVec3(zone.halfExtents, "halfExtents");
      positive(h.x, "halfExtents.x");
      positive(h.y, "halfExtents.y");
      positive(h.z, "halfExtents.z");
      checked = {
        kind: "box",
        center,
        halfExtents: h,
        gravity: finiteVec3(zone.gravity, "gravity"),
        priority,
      };
    } else {
      throw new PhysicsError("out_of_range", "kind", `zone kind must be sphere or box`);
    }
    const id = this.#nextId++;
    this.#zones.set(id, checked);
    return id;
  }

  /** Removes a zone. */
  remove(id: number): void {
    if (!this.#zones.delete(id)) {
      throw new PhysicsError("unknown_id", "id", `no zone with id ${id}`);
    }
  }

  /** The gravity at `p`: the highest-priority zone containing it (first added on ties), else the world's. */
  gravityAt(p: Vec3): Vec3 {
    let best: Required<SphereZone> | Required<BoxZone> | undefined;
    for (const zone of this.#zones.values()) {
      if ((!best || zone.priority > best.priority) && contains(zone, p)) best = zone;
    }
    if (!best) return this.#world.gravity;
    if (best.kind === "box") return { ...best.gravity };
    const dx = best.center.x - p.x, dy = best.center.y - p.y, dz = best.center.z - p.z;
    const d = Math.hypot(dx, dy, dz);
    if (d === 0) return { x: 0, y: 0, z: 0 };
    const s = best.strength / d;
    return { x: dx * s, y: dy * s, z: dz * s };
  }

  /** @internal Replaces world gravity by zone gravity on every awake dynamic body inside a zone. */
  beforeStep(world: PhysicsWorld): void {
    if (this.#zones.size === 0) return;
    const g = world.gravity;
    for (const id of world.bodyIds()) {
      if (world.kindOf(id) !== "dynamic") continue;
      const body = world.rigidBody(id);
      if (body.isSleeping()) continue;
      const zone = this.gravityAt(body.translation());
      if (zone.x === g.x && zone.y === g.y && zone.z === g.z) continue;
      const scale = body.gravityScale();
      const m = body.mass();
      world.addForce(id, {
        x: m * (zone.x - g.x * scale),
        y: m * (zone.y - g.y * scale),
        z: m * (zone.z - g.z * scale),
      });
    }
  }
}

function contains(zone: Required<SphereZone> | Required<BoxZone>, p: Vec3): boolean {
  const dx = p.x - zone.center.x, dy = p.y - zone.center.y, dz = p.z - zone.center.z;
  if (zone.kind === "sphere") return dx * dx + dy * dy + dz * dz <= zone.radius * zone.radius;
  const h = zone.halfExtents;
  return Math.abs(dx) <= h.x && Math.abs(dy) <= h.y && Math.abs(dz) <= h.z;
}

/** A projectile to fire. */
export interface ProjectileOptions {
  /** Muzzle position. */
  position: Vec3;
  /** Initial velocity (m/s). */
  velocity: Vec3;
  /** Multiplies world gravity (default 1; 0 flies straight). */
  gravityScale?: number;
  /** Seconds before it expires unhit (default 5). */
  maxLifetime?: number;
  /** Layers it can hit, and a body it never hits (its shooter). */
  filter?: QueryFilter;
}

/** A projectile's hit, found by a raycast along its path during a step. */
export interface ProjectileHit {
  /** The projectile. */
  projectile: number;
  /** The body it hit. */
  body: BodyId;
  /** Where. */
  point: Vec3;
  /** Surface normal there. */
  normal: Vec3;
  /** Velocity at impact. */
  velocity: Vec3;
}

interface Projectile {
  p: Vec3;
  v: Vec3;
  gravityScale: number;
  left: number;
  filter: QueryFilter;
}

/**
 * Ballistic projectiles: each step moves one along its exact parabola for the step
 * (p += v dt + ½ g dt², v += g dt) and raycasts the segment it swept, so fast projectiles never
 * tunnel through thin walls. Hits are queued; a projectile that hits is removed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PhysicsWorld, Projectiles } from "@astraweave/physics";
 * const world = await PhysicsWorld.create();
 * const wall = world.addBody({ kind: "static", shape: { kind: "box", halfExtents: { x: 0.05, y: 5, z: 5 } }, position: { x: 10, y: 0, z: 0 } });
 * const projectiles = new Projectiles(world);
 * projectiles.fire({ position: { x: 0, y: 0, z: 0 }, velocity: { x: 300, y: 0, z: 0 }, gravityScale: 0 });
 * for (let i = 0; i < 3; i++) world.step(); // 5 m per step: the second one crosses the wall
 * assert.equal(projectiles.drainHits()[0].body, wall);
 * world.free();
 * ```
 */
export class Projectiles implements StepHook {
  readonly #world: PhysicsWorld;
  readonly #live = new Map<number, Projectile>();
  #hits: ProjectileHit[] = [];
  #nextId = 1;

  /** The projectiles of `world`; registers itself as a step hook. */
  constructor(world: PhysicsWorld) {
    this.#world = world;
    world.addHook(this);
  }

  /** Projectiles in flight. */
  get count(): number {
    return this.#live.size;
  }

  /** Fires one; returns its id. */
  fire(options: ProjectileOptions): number {
    const id = this.#nextId++;
    this.#live.set(id, {
      p: finiteVec3(options.position, "position"),
      v: finiteVec3(options.velocity, "velocity"),
      gravityScale: finite(options.gravityScale ?? 1, "gravityScale"),
      left: positive(options.maxLifetime ?? 5, "maxLifetime"),
      filter: options.filter ?? {},
    });
    return id;
  }

  /** Where projectile `id` is, or undefined once it hit or expired. */
  position(id: number): Vec3 | undefined {
    const p = this.#live.get(id)?.p;
    return p && { ...p };
  }

  /** The hits since the last call, in the order they happened. */
  drainHits(): ProjectileHit[] {
    const hits = this.#hits;
    this.#hits = [];
    return hits;
  }

  /**
   * @internal Advances every projectile by one step, after the world's step: Rapier's queries see
   * the world as of its last step, so this is when they see bodies added since.
   */
  afterStep(world: PhysicsWorld, dt: number): void {
    const g = world.gravity;
    for (const [id, shot] of this.#live) {
      const gx = g.x * shot.gravityScale,
        gy = g.y * shot.gravityScale,
        gz = g.z * shot.gravityScale;
      const d = {
        x: shot.v.x * dt + 0.5 * gx * dt * dt,
        y: shot.v.y * dt + 0.5 * gy * dt * dt,
        z: shot.v.z * dt + 0.5 * gz * dt * dt,
      };
      const length = Math.hypot(d.x, d.y, d.z);
      const hit = length > 0 ? world.raycast(shot.p, d, length, shot.filter) : null;
      if (hit) {
        const t = (hit.distance / length) * dt;
        this.#hits.push({
          projectile: id,
          body: hit.body,
          point: hit.point,
          normal: hit.normal,
          velocity: { x: shot.v.x + gx * t, y: shot.v.y + gy * t, z: shot.v.z + gz * t },
        });
        this.#live.delete(id);
        continue;
      }
      shot.p = { x: shot.p.x + d.x, y: shot.p.y + d.y, z: shot.p.z + d.z };
      shot.v = { x: shot.v.x + gx * dt, y: shot.v.y + gy * dt, z: shot.v.z + gz * dt };
      shot.left -= dt;
      if (shot.left <= 0) this.#live.delete(id);
    }
  }
}

/** The water of a {@link Buoyancy}. */
export interface WaterOptions {
  /** Height of the water plane (default 0). */
  level?: number;
  /** Density of the water (kg/m³, default 1,000). */
  density?: number;
  /** Drag per unit of submerged fraction (1/s, default 1): damps bobbing. */
  linearDrag?: number;
}

interface Floater {
  volume: number;
  halfHeight: number;
}

/**
 * Buoyancy below a water plane: a floating body gets an upward force ρ g V_submerged (the
 * submerged fraction estimated from how far its centre is below the surface against its half
 * height) and a drag proportional to that fraction. A body lighter than water floats, a heavier
 * one sinks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Buoyancy, PhysicsWorld } from "@astraweave/physics";
 * const world = await PhysicsWorld.create();
 * const water = new Buoyancy(world, { level: 0 });
 * const crate = world.addBody({ kind: "dynamic", shape: { kind: "box", halfExtents: { x: 0.5, y: 0.5, z: 0.5 } }, density: 500, position: { x: 0, y: 2, z: 0 } });
 * water.add(crate);
 * for (let i = 0; i < 600; i++) world.step();
 * assert.ok(Math.abs(world.position(crate).y) < 0.1); // half under water, as ρ_box / ρ_water = 0.5
 * world.free();
 * ```
 */
export class Buoyancy implements StepHook {
  readonly #floaters = new Map<BodyId, Floater>();
  readonly #world: PhysicsWorld;
  /** Height of the water plane. */
  readonly level: number;
  /** Water density. */
  readonly density: number;
  /** Drag per unit of submerged fraction. */
  readonly linearDrag: number;

  /** Water for `world`; registers itself as a step hook. */
  constructor(world: PhysicsWorld, options: WaterOptions = {}) {
    this.#world = world;
    this.level = finite(options.level ?? 0, "level");
    this.density = positive(options.density ?? 1000, "density");
    this.linearDrag = nonNegative(options.linearDrag ?? 1, "linearDrag");
    world.addHook(this);
  }

  /**
   * Makes a dynamic body float. Its volume comes from its collider; its half height, used for the
   * submerged fraction, defaults to half the cube root of that volume.
   */
  add(id: BodyId, options: { halfHeight?: number } = {}): void {
    if (this.#world.kindOf(id) !== "dynamic") {
      throw new PhysicsError(
        "out_of_range",
        "id",
        `body ${id} is not dynamic: only dynamic bodies float`,
      );
    }
    const volume = this.#world.collider(id).volume();
    this.#floaters.set(id, {
      volume,
      halfHeight: positive(options.halfHeight ?? Math.cbrt(volume) / 2, "halfHeight"),
    });
  }

  /** Stops a body floating. */
  remove(id: BodyId): void {
    this.#floaters.delete(id);
  }

  /** @internal Applies buoyancy and drag. */
  beforeStep(world: PhysicsWorld): void {
    const g = Math.hypot(world.gravity.x, world.gravity.y, world.gravity.z);
    for (const [id, f] of this.#floaters) {
      if (!world.has(id)) {
        this.#floaters.delete(id);
        continue;
      }
      const body = world.rigidBody(id);
      const y = body.translation().y;
      const fraction = Math.min(
        1,
        Math.max(0, (this.level - (y - f.halfHeight)) / (2 * f.halfHeight)),
      );
      if (fraction === 0) continue;
      const v = body.linvel();
      const drag = this.linearDrag * fraction * body.mass();
      world.addForce(id, {
        x: -drag * v.x,
        y: this.density * g * f.volume * fraction - drag * v.y,
        z: -drag * v.z,
      });
    }
  }
}
