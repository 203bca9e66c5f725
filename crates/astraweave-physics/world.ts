/**
 * `PhysicsWorld`: a Rapier world behind stable ids, validated input, a typed collision-event
 * queue, layer-masked queries, and snapshots that restore to bit-identical stepping.
 *
 * @module
 */

import type {
  Collider,
  EventQueue,
  Ray,
  RayColliderIntersection,
  RigidBody,
  World,
} from "@dimforge/rapier3d-deterministic-compat";
import {
  finite,
  finiteVec3,
  nonNegative,
  PhysicsError,
  positive,
  type Rotation,
  shown,
  unitRotation,
  type Vec3,
} from "./error.ts";
import { crc32 } from "@astraweave/codec";
import { loadRapier, type Rapier } from "./rapier.ts";
import {
  type BoxShape,
  type CapsuleShape,
  colliderDesc,
  queryShape,
  type Shape,
  type SphereShape,
  validateShape,
} from "./shapes.ts";

/** A body's stable id: never reused within a world, kept by snapshots. */
export type BodyId = number;

/** How a body moves: never, by forces and contacts, or where the game puts it. */
export type BodyKind = "static" | "dynamic" | "kinematic";

/** Everything about a new body; only `kind` and `shape` are required. */
export interface BodyOptions {
  /** static, dynamic or kinematic (moved by position, pushes dynamic bodies). */
  kind: BodyKind;
  /** Its collider's shape. */
  shape: Shape;
  /** Where (default the origin). */
  position?: Vec3;
  /** Orientation (default none); normalized on the way in. */
  rotation?: Rotation;
  /** Initial linear velocity of a dynamic body. */
  velocity?: Vec3;
  /** Collision layer, 0 to 15 (default 0). */
  layer?: number;
  /** Layers this body collides with and is found by, a 16-bit mask (default all). */
  mask?: number;
  /** Density (kg/m³, default 1,000: water). */
  density?: number;
  /** Friction coefficient (default 0.5). */
  friction?: number;
  /** Restitution, 0 to 1 (default 0). */
  restitution?: number;
  /** A sensor reports overlaps and never pushes. */
  sensor?: boolean;
  /** Multiplies gravity for this body (default 1). */
  gravityScale?: number;
  /** Continuous collision detection, for fast small bodies. */
  ccd?: boolean;
  /** The persistence-ecs entity this body belongs to, if any. */
  entity?: number;
}

/** A collision between two bodies' colliders started or stopped during a step. */
export interface CollisionEvent {
  /** Whether the contact began or ended. */
  kind: "started" | "stopped";
  /** One body (the lower id). */
  a: BodyId;
  /** The other body. */
  b: BodyId;
}

/** Which bodies a query can find. */
export interface QueryFilter {
  /** Only bodies on these layers (a 16-bit mask; default all). */
  mask?: number;
  /** Never this body (the caster itself, for example). */
  exclude?: BodyId;
}

/** A ray's hit. */
export interface RayHit {
  /** The body hit. */
  body: BodyId;
  /** Distance along the (normalized) direction. */
  distance: number;
  /** World-space point. */
  point: Vec3;
  /** Surface normal at the point. */
  normal: Vec3;
}

/** A convex shape that queries can cast or overlap. */
export type QueryShape = BoxShape | SphereShape | CapsuleShape;

/** A shape cast's first hit. */
export interface ShapeHit {
  /** The body hit. */
  body: BodyId;
  /** Time of impact in units of the cast velocity (distance = time × |velocity|). */
  time: number;
  /** Contact normal on the hit body. */
  normal: Vec3;
}

/** World construction options. */
export interface WorldOptions {
  /** Gravity (m/s², default (0, -9.81, 0)). */
  gravity?: Vec3;
  /** The fixed timestep of one `step()` (seconds, default 1/60). */
  timestep?: number;
}

/** Code that runs inside every `step()`, before or after Rapier steps. */
export interface StepHook {
  /** Before the Rapier step: apply forces, move kinematic bodies. */
  beforeStep?(world: PhysicsWorld, dt: number): void;
  /** After it: read results. */
  afterStep?(world: PhysicsWorld, dt: number): void;
}

interface BodyRecord {
  body: RigidBody;
  collider: Collider;
  kind: BodyKind;
  entity: number | undefined;
}

const DEFAULT_GRAVITY: Vec3 = { x: 0, y: -9.81, z: 0 };
const SNAPSHOT_MAGIC = 0x53505741; // "AWPS" little-endian
/**
 * Version 2 writes the metadata in binary; version 1 (JSON metadata) is still read: saved games
 * carry snapshots.
 */
const SNAPSHOT_VERSION = 2;
/** magic u32, version u8, metadata length u32, CRC32 u32 of everything after the header. */
const HEADER_BYTES = 13;
/** Version 2 metadata: next id f64, steps f64, body count u32, then one record per body. */
const METADATA_FIXED_BYTES = 20;
/** id f64, Rapier body handle f64, collider handle f64, entity f64 (-1: none), kind u8. */
const BODY_RECORD_BYTES = 33;
const hex = (n: number) => n.toString(16).padStart(8, "0");
const BODY_KINDS: readonly unknown[] = ["static", "dynamic", "kinematic"];
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isHandle = (v: unknown): v is number => typeof v === "number" && !Number.isNaN(v);

/** Whether parsed snapshot metadata has the shape `snapshot()` writes. */
function isMetadata(meta: unknown): meta is SnapshotMetadata {
  if (meta === null || typeof meta !== "object") return false;
  const { nextId, steps, bodies } = meta as Record<string, unknown>;
  return isId(nextId) && isId(steps) && Array.isArray(bodies) &&
    bodies.every((b) =>
      // Rapier's handles are numbers holding an index and a generation, not integers.
      Array.isArray(b) && b.length === 5 && isId(b[0]) && b[0] < nextId && isHandle(b[1]) &&
      isHandle(b[2]) && BODY_KINDS.includes(b[3]) && (b[4] === null || isId(b[4]))
    );
}

interface SnapshotMetadata {
  nextId: number;
  steps: number;
  bodies: [number, number, number, BodyKind, number | null][];
}

/**
 * Version 2's binary metadata as the object version 1's JSON parses to, for {@link isMetadata}
 * to check both alike (a length that is not a whole number of records is the wrong shape).
 */
function readMetadata(view: DataView, at: number, length: number): unknown {
  if (length < METADATA_FIXED_BYTES) return null;
  const count = view.getUint32(at + 16, true);
  if (length !== METADATA_FIXED_BYTES + count * BODY_RECORD_BYTES) return null;
  const bodies = new Array(count);
  for (let i = 0, r = at + METADATA_FIXED_BYTES; i < count; i++, r += BODY_RECORD_BYTES) {
    const entity = view.getFloat64(r + 24, true);
    bodies[i] = [
      view.getFloat64(r, true),
      view.getFloat64(r + 8, true),
      view.getFloat64(r + 16, true),
      BODY_KINDS[view.getUint8(r + 32)],
      entity === -1 ? null : entity,
    ];
  }
  return { nextId: view.getFloat64(at, true), steps: view.getFloat64(at + 8, true), bodies };
}
const ALL_LAYERS = 0xffff;

function groups(layer: number, mask: number): number {
  return ((((1 << layer) & ALL_LAYERS) << 16) | (mask & ALL_LAYERS)) >>> 0;
}

function checkLayer(layer: number | undefined, field: string): number {
  const value = layer ?? 0;
  if (!Number.isInteger(value) || value < 0 || value > 15) {
    throw new PhysicsError(
      "out_of_range",
      field,
      `${field} must be an integer 0 to 15, got ${shown(layer)}`,
    );
  }
  return value;
}

function checkMask(mask: number | undefined, field: string): number {
  const value = mask ?? ALL_LAYERS;
  if (!Number.isInteger(value) || value < 0 || value > ALL_LAYERS) {
    throw new PhysicsError(
      "out_of_range",
      field,
      `${field} must be a 16-bit mask, got ${shown(mask)}`,
    );
  }
  return value;
}

/**
 * A physics world over Rapier. Create it with {@link PhysicsWorld.create} (Rapier's WebAssembly
 * initializes once per process) and call {@link PhysicsWorld.free} when done: Rapier's memory
 * lives outside JavaScript's garbage collector.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PhysicsWorld } from "@astraweave/physics";
 * const world = await PhysicsWorld.create();
 * world.addBody({ kind: "static", shape: { kind: "box", halfExtents: { x: 10, y: 0.5, z: 10 } } });
 * const ball = world.addBody({
 *   kind: "dynamic",
 *   shape: { kind: "sphere", radius: 0.5 },
 *   position: { x: 0, y: 5, z: 0 },
 * });
 * for (let i = 0; i < 180; i++) world.step();
 * assert.ok(Math.abs(world.position(ball).y - 1) < 0.05); // resting on the floor
 * assert.ok(world.drainEvents().some((e) => e.kind === "started" && e.b === ball));
 * world.free();
 * ```
 */
export class PhysicsWorld {
  /** The Rapier module. */
  readonly rapier: Rapier;
  /**
   * The underlying Rapier world, for what this wrapper does not cover (Rapier's own API).
   *
   * @ignore
   */
  readonly raw: World;
  readonly #events: EventQueue;
  readonly #bodies = new Map<BodyId, BodyRecord>();
  readonly #byCollider = new Map<number, BodyId>();
  readonly #byEntity = new Map<number, BodyId>();
  readonly #hooks: StepHook[] = [];
  readonly #forced = new Set<BodyRecord>();
  #pending: CollisionEvent[] = [];
  #nextId: BodyId = 1;
  #stepCount = 0;
  #freed = false;

  private constructor(rapier: Rapier, raw: World) {
    this.rapier = rapier;
    this.raw = raw;
    this.#events = new rapier.EventQueue(true);
  }

  /** A new empty world. */
  static async create(options: WorldOptions = {}): Promise<PhysicsWorld> {
    const gravity = finiteVec3(options.gravity ?? DEFAULT_GRAVITY, "gravity");
    const timestep = positive(options.timestep ?? 1 / 60, "timestep");
    const rapier = await loadRapier();
    const world = new PhysicsWorld(rapier, new rapier.World(gravity));
    world.raw.timestep = timestep;
    return world;
  }

  /** Gravity (m/s²). */
  get gravity(): Vec3 {
    const { x, y, z } = this.raw.gravity;
    return { x, y, z };
  }

  /** Seconds per step. */
  get timestep(): number {
    return this.raw.timestep;
  }

  /** Steps taken since creation (kept by snapshots). */
  get steps(): number {
    return this.#stepCount;
  }

  /** Number of bodies. */
  get bodyCount(): number {
    return this.#bodies.size;
  }

  /** The ids of every body, in creation order. */
  bodyIds(): BodyId[] {
    return [...this.#bodies.keys()];
  }

  /** Adds a body with one collider and returns its id. */
  addBody(options: BodyOptions): BodyId {
    const { rapier } = this;
    if (typeof options !== "object" || options === null) {
      throw new PhysicsError("out_of_range", "options", "body options must be an object");
    }
    validateShape(options.shape);
    const position = finiteVec3(options.position ?? { x: 0, y: 0, z: 0 }, "position");
    const rotation = unitRotation(options.rotation, "rotation");
    const layer = checkLayer(options.layer, "layer");
    const mask = checkMask(options.mask, "mask");
    const density = positive(options.density ?? 1000, "density");
    const friction = nonNegative(options.friction ?? 0.5, "friction");
    const restitution = nonNegative(options.restitution ?? 0, "restitution");
    if (restitution > 1) {
      throw new PhysicsError(
        "out_of_range",
        "restitution",
        `restitution must be 0 to 1, got ${restitution}`,
      );
    }
    const gravityScale = finite(options.gravityScale ?? 1, "gravityScale");
    const velocity = options.velocity ? finiteVec3(options.velocity, "velocity") : undefined;
    if (options.entity !== undefined) {
      if (!Number.isSafeInteger(options.entity) || options.entity < 0) {
        throw new PhysicsError(
          "out_of_range",
          "entity",
          `entity must be an entity id, got ${shown(options.entity)}`,
        );
      }
      if (this.#byEntity.has(options.entity)) {
        throw new PhysicsError(
          "out_of_range",
          "entity",
          `entity ${options.entity} already has a body`,
        );
      }
    }
    let bodyDesc;
    switch (options.kind) {
      case "static":
        bodyDesc = rapier.RigidBodyDesc.fixed();
        break;
      case "dynamic":
        bodyDesc = rapier.RigidBodyDesc.dynamic().setGravityScale(gravityScale);
        if (velocity) bodyDesc.setLinvel(velocity.x, velocity.y, velocity.z);
        if (options.ccd) bodyDesc.setCcdEnabled(true);
        break;
      case "kinematic":
        bodyDesc = rapier.RigidBodyDesc.kinematicPositionBased();
        break;
      default:
        throw new PhysicsError(
          "out_of_range",
          "kind",
          `kind must be static, dynamic or kinematic, got ${shown(options.kind)}`,
        );
    }
    const kind: BodyKind = options.kind;
    bodyDesc.setTranslation(position.x, position.y, position.z).setRotation(rotation);
    const body = this.raw.createRigidBody(bodyDesc);
    const desc = colliderDesc(rapier, options.shape)
      .setDensity(density)
      .setFriction(friction)
      .setRestitution(restitution)
      .setSensor(options.sensor ?? false)
      .setCollisionGroups(groups(layer, mask))
      .setActiveEvents(rapier.ActiveEvents.COLLISION_EVENTS);
    const collider = this.raw.createCollider(desc, body);
    const id = this.#nextId++;
    this.#bodies.set(id, { body, collider, kind, entity: options.entity });
    this.#byCollider.set(collider.handle, id);
    if (options.entity !== undefined) this.#byEntity.set(options.entity, id);
    return id;
  }

  /** Removes a body (its collider and joints go with it). */
  removeBody(id: BodyId): void {
    const record = this.#record(id);
    this.#byCollider.delete(record.collider.handle);
    if (record.entity !== undefined) this.#byEntity.delete(record.entity);
    this.#bodies.delete(id);
    this.#forced.delete(record);
    this.raw.removeRigidBody(record.body);
  }

  /** Whether `id` names a body of this world. */
  has(id: BodyId): boolean {
    return this.#bodies.has(id);
  }

  /**
   * The Rapier rigid body of `id` (for joints and controllers; Rapier's own API).
   *
   * @ignore
   */
  rigidBody(id: BodyId): RigidBody {
    return this.#record(id).body;
  }

  /**
   * The Rapier collider of `id` (Rapier's own API).
   *
   * @ignore
   */
  collider(id: BodyId): Collider {
    return this.#record(id).collider;
  }

  /** How `id` moves. */
  kindOf(id: BodyId): BodyKind {
    return this.#record(id).kind;
  }

  /** The body of a collider handle, if it is one of ours. */
  bodyOfCollider(handle: number): BodyId | undefined {
    return this.#byCollider.get(handle);
  }

  /** The persistence-ecs entity of a body, if it has one. */
  entityOf(id: BodyId): number | undefined {
    return this.#record(id).entity;
  }

  /**
   * Links body `id` to a persistence-ecs entity, or unlinks it (`undefined`): entity handles
   * change when a saved world is loaded, and {@link restorePhysics} relinks through this.
   */
  linkEntity(id: BodyId, entity: number | undefined): void {
    const record = this.#record(id);
    if (entity !== undefined) {
      if (!Number.isSafeInteger(entity) || entity < 0) {
        throw new PhysicsError(
          "out_of_range",
          "entity",
          `entity must be an entity id, got ${shown(entity)}`,
        );
      }
      const owner = this.#byEntity.get(entity);
      if (owner !== undefined && owner !== id) {
        throw new PhysicsError(
          "out_of_range",
          "entity",
          `entity ${entity} already has body ${owner}`,
        );
      }
    }
    if (record.entity !== undefined) this.#byEntity.delete(record.entity);
    record.entity = entity;
    if (entity !== undefined) this.#byEntity.set(entity, id);
  }

  /** The body of a persistence-ecs entity, if it has one. */
  bodyOf(entity: number): BodyId | undefined {
    return this.#byEntity.get(entity);
  }

  /** Position of `id`. */
  position(id: BodyId): Vec3 {
    const { x, y, z } = this.#record(id).body.translation();
    return { x, y, z };
  }

  /** Rotation of `id`. */
  rotation(id: BodyId): Rotation {
    const { x, y, z, w } = this.#record(id).body.rotation();
    return { x, y, z, w };
  }

  /** Linear velocity of `id`. */
  velocity(id: BodyId): Vec3 {
    const { x, y, z } = this.#record(id).body.linvel();
    return { x, y, z };
  }

  /** Mass of `id` (kg; 0 for static and kinematic bodies). */
  mass(id: BodyId): number {
    return this.#record(id).body.mass();
  }

  /** Whether `id` is asleep (at rest, skipped by the solver until something wakes it). */
  isSleeping(id: BodyId): boolean {
    return this.#record(id).body.isSleeping();
  }

  /** Teleports `id`; a kinematic body moves there during the next step, pushing what it meets. */
  setPosition(id: BodyId, position: Vec3): void {
    const p = finiteVec3(position, "position");
    const record = this.#record(id);
    if (record.kind === "kinematic") record.body.setNextKinematicTranslation(p);
    else record.body.setTranslation(p, true);
  }

  /** Sets the linear velocity of a dynamic body. */
  setVelocity(id: BodyId, velocity: Vec3): void {
    this.#record(id).body.setLinvel(finiteVec3(velocity, "velocity"), true);
  }

  /** Applies an impulse (N·s) at the centre of mass of a dynamic body. */
  applyImpulse(id: BodyId, impulse: Vec3): void {
    this.#record(id).body.applyImpulse(finiteVec3(impulse, "impulse"), true);
  }

  /** Adds a force (N) that lasts for the next step only. */
  addForce(id: BodyId, force: Vec3): void {
    const record = this.#record(id);
    record.body.addForce(finiteVec3(force, "force"), true);
    this.#forced.add(record);
  }

  /** Registers code to run inside every step; returns a function that removes it. */
  addHook(hook: StepHook): () => void {
    this.#hooks.push(hook);
    return () => {
      const at = this.#hooks.indexOf(hook);
      if (at >= 0) this.#hooks.splice(at, 1);
    };
  }

  /**
   * Advances the world by one timestep: hooks before, Rapier's step, hooks after. Collision
   * events are queued for {@link PhysicsWorld.drainEvents}; forces added for this step are
   * cleared after it.
   */
  step(): void {
    const dt = this.raw.timestep;
    // A copy: a hook may remove itself (a vehicle whose chassis was removed) while they run.
    const hooks = this.#hooks.slice();
    for (const hook of hooks) hook.beforeStep?.(this, dt);
    this.raw.step(this.#events);
    this.#stepCount++;
    this.#events.drainCollisionEvents((h1, h2, started) => {
      const a = this.#byCollider.get(h1), b = this.#byCollider.get(h2);
      if (a === undefined || b === undefined) return;
      this.#pending.push({
        kind: started ? "started" : "stopped",
        a: Math.min(a, b),
        b: Math.max(a, b),
      });
    });
    // Rapier keeps added forces until they are reset: reset just the bodies that got one.
    for (const record of this.#forced) record.body.resetForces(false);
    this.#forced.clear();
    for (const hook of hooks) hook.afterStep?.(this, dt);
  }

  /** The collision events since the last call, oldest first. */
  drainEvents(): CollisionEvent[] {
    const events = this.#pending;
    this.#pending = [];
    return events;
  }

  /**
   * The first body a ray meets within `maxDistance`, or null. Queries see the world as of its
   * last step (Rapier updates its acceleration structure there): a body added since is found
   * after the next `step()`.
   */
  raycast(
    origin: Vec3,
    direction: Vec3,
    maxDistance: number,
    filter: QueryFilter = {},
  ): RayHit | null {
    const ray = this.#ray(origin, direction);
    positive(maxDistance, "maxDistance");
    const hit = this.raw.castRayAndGetNormal(
      ray,
      maxDistance,
      true,
      undefined,
      this.#queryGroups(filter),
      undefined,
      this.#excluded(filter),
    );
    return hit && this.#rayHit(ray, hit);
  }

  /** Every body a ray meets within `maxDistance`, nearest first. */
  raycastAll(
    origin: Vec3,
    direction: Vec3,
    maxDistance: number,
    filter: QueryFilter = {},
  ): RayHit[] {
    const ray = this.#ray(origin, direction);
    positive(maxDistance, "maxDistance");
    const hits: RayHit[] = [];
    this.raw.intersectionsWithRay(
      ray,
      maxDistance,
      true,
      (hit) => {
        const found = this.#rayHit(ray, hit);
        if (found) hits.push(found);
        return true;
      },
      undefined,
      this.#queryGroups(filter),
      undefined,
      this.#excluded(filter),
    );
    return hits.sort((p, q) => p.distance - q.distance || p.body - q.body);
  }

  /** Sweeps `shape` from `position` along `velocity` for up to `maxTime`; the first hit or null. */
  shapeCast(
    shape: QueryShape,
    position: Vec3,
    velocity: Vec3,
    maxTime: number,
    filter: QueryFilter = {},
  ): ShapeHit | null {
    validateShape(shape);
    const hit = this.raw.castShape(
      finiteVec3(position, "position"),
      { x: 0, y: 0, z: 0, w: 1 },
      finiteVec3(velocity, "velocity"),
      queryShape(this.rapier, shape),
      0,
      positive(maxTime, "maxTime"),
      true,
      undefined,
      this.#queryGroups(filter),
      undefined,
      this.#excluded(filter),
    );
    if (!hit) return null;
    const body = this.#byCollider.get(hit.collider.handle);
    if (body === undefined) return null;
    return {
      body,
      time: hit.time_of_impact,
      normal: { x: hit.normal2.x, y: hit.normal2.y, z: hit.normal2.z },
    };
  }

  /** The bodies whose colliders overlap `shape` placed at `position`, in id order. */
  overlap(shape: QueryShape, position: Vec3, filter: QueryFilter = {}): BodyId[] {
    validateShape(shape);
    const found: BodyId[] = [];
    this.raw.intersectionsWithShape(
      finiteVec3(position, "position"),
      { x: 0, y: 0, z: 0, w: 1 },
      queryShape(this.rapier, shape),
      (collider) => {
        const body = this.#byCollider.get(collider.handle);
        if (body !== undefined) found.push(body);
        return true;
      },
      undefined,
      this.#queryGroups(filter),
      undefined,
      this.#excluded(filter),
    );
    return found.sort((p, q) => p - q);
  }

  /**
   * The whole state as bytes: Rapier's world snapshot (bodies, colliders, joints, contacts,
   * solver state) and this wrapper's ids, under a CRC32. {@link PhysicsWorld.restore} gives a
   * world that steps bit-identically. Hooks (game systems) are not part of it: register them
   * again.
   *
   * Snapshots are trusted data: the checksum refuses corrupted bytes, but Rapier's own decoder is
   * not hardened against bytes crafted to pass it (fuzzed here, corrupted world states decode and
   * then trap inside WebAssembly when stepped). Keep them where saves are kept.
   */
  snapshot(): Uint8Array {
    const metaLength = METADATA_FIXED_BYTES + this.#bodies.size * BODY_RECORD_BYTES;
    const rapier = this.raw.takeSnapshot();
    const out = new Uint8Array(HEADER_BYTES + metaLength + rapier.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, SNAPSHOT_MAGIC, true);
    view.setUint8(4, SNAPSHOT_VERSION);
    view.setUint32(5, metaLength, true);
    let at = HEADER_BYTES;
    view.setFloat64(at, this.#nextId, true);
    view.setFloat64(at + 8, this.#stepCount, true);
    view.setUint32(at + 16, this.#bodies.size, true);
    at += METADATA_FIXED_BYTES;
    for (const [id, record] of this.#bodies) {
      view.setFloat64(at, id, true);
      view.setFloat64(at + 8, record.body.handle, true);
      view.setFloat64(at + 16, record.collider.handle, true);
      view.setFloat64(at + 24, record.entity ?? -1, true);
      view.setUint8(at + 32, BODY_KINDS.indexOf(record.kind));
      at += BODY_RECORD_BYTES;
    }
    out.set(rapier, at);
    view.setUint32(9, crc32(out.subarray(HEADER_BYTES)), true);
    return out;
  }

  /**
   * A world from {@link PhysicsWorld.snapshot} bytes.
   *
   * @throws {PhysicsError} `bad_snapshot` when the bytes are not a snapshot of this version or
   * fail the checksum.
   */
  static async restore(bytes: Uint8Array): Promise<PhysicsWorld> {
    const bad = (why: string) =>
      new PhysicsError("bad_snapshot", "snapshot", `not a physics snapshot: ${why}`);
    if (!(bytes instanceof Uint8Array) || bytes.length < HEADER_BYTES) throw bad("too short");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== SNAPSHOT_MAGIC) throw bad("bad magic");
    const version = view.getUint8(4);
    if (version !== 1 && version !== SNAPSHOT_VERSION) throw bad(`unknown version ${version}`);
    const metaLength = view.getUint32(5, true);
    if (HEADER_BYTES + metaLength > bytes.length) throw bad("truncated");
    const expected = view.getUint32(9, true), got = crc32(bytes.subarray(HEADER_BYTES));
    if (expected !== got) {
      throw bad(`checksum mismatch (expected ${hex(expected)}, got ${hex(got)})`);
    }
    let meta: unknown;
    if (version === 1) {
      try {
        meta = JSON.parse(
          new TextDecoder("utf-8", { fatal: true }).decode(
            bytes.subarray(HEADER_BYTES, HEADER_BYTES + metaLength),
          ),
        );
      } catch (error) {
        throw bad(`metadata: ${(error as Error).message}`);
      }
    } else {
      meta = readMetadata(view, HEADER_BYTES, metaLength);
    }
    if (!isMetadata(meta)) throw bad("metadata has the wrong shape");
    const rapier = await loadRapier();
    let raw: World | null | undefined;
    try {
      raw = rapier.World.restoreSnapshot(bytes.subarray(HEADER_BYTES + metaLength));
    } catch (error) {
      throw bad(`world: ${(error as Error).message}`);
    }
    if (!raw) throw bad("world state does not decode");
    const world = new PhysicsWorld(rapier, raw);
    world.#nextId = meta.nextId;
    world.#stepCount = meta.steps;
    for (const [id, bodyHandle, colliderHandle, kind, entity] of meta.bodies) {
      const body = raw.getRigidBody(bodyHandle);
      const collider = raw.getCollider(colliderHandle);
      if (!body || !collider) throw bad(`body ${id} is missing from the world state`);
      world.#bodies.set(id, { body, collider, kind, entity: entity ?? undefined });
      world.#byCollider.set(colliderHandle, id);
      if (entity !== null) world.#byEntity.set(entity, id);
    }
    return world;
  }

  /** Frees Rapier's memory; the world cannot be used afterwards (a second call does nothing). */
  free(): void {
    if (this.#freed) return;
    this.#freed = true;
    this.#events.free();
    this.raw.free();
  }

  #record(id: BodyId): BodyRecord {
    const record = this.#bodies.get(id);
    if (!record) throw new PhysicsError("unknown_id", "id", `no body with id ${id}`);
    return record;
  }

  /** A Rapier ray hit as ours, or null when the collider is not one of our bodies'. */
  #rayHit(ray: Ray, hit: RayColliderIntersection): RayHit | null {
    const body = this.#byCollider.get(hit.collider.handle);
    if (body === undefined) return null;
    return {
      body,
      distance: hit.timeOfImpact,
      point: ray.pointAt(hit.timeOfImpact),
      normal: { x: hit.normal.x, y: hit.normal.y, z: hit.normal.z },
    };
  }

  #ray(origin: Vec3, direction: Vec3): Ray {
    const o = finiteVec3(origin, "origin");
    const d = finiteVec3(direction, "direction");
    const length = Math.hypot(d.x, d.y, d.z);
    if (length === 0) {
      throw new PhysicsError("out_of_range", "direction", "direction is the zero vector");
    }
    return new this.rapier.Ray(o, { x: d.x / length, y: d.y / length, z: d.z / length });
  }

  #queryGroups(filter: QueryFilter): number {
    return ((ALL_LAYERS << 16) | checkMask(filter.mask, "mask")) >>> 0;
  }

  #excluded(filter: QueryFilter): RigidBody | undefined {
    return filter.exclude === undefined ? undefined : this.#record(filter.exclude).body;
  }
}
