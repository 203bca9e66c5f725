/**
 * The world: entities with generations, components stored by type, and queries.
 *
 * Storage: each component has a sparse set (slot → row, row → slot) for membership and iteration,
 * and a bit per entity in a mask array for queries. A struct-of-arrays component keeps one typed
 * array per field indexed by entity slot ({@link World.column}); a dense component keeps its values
 * in a packed array by row (swap-removed). Live entities are kept in spawn order: queries and
 * serialization walk that order, so it is the same in a world and in a copy loaded from its blob,
 * whatever slots the two happened to reuse.
 *
 * @module
 */

import {
  type AnyComponent,
  type Column,
  type ComponentType,
  fitsKind,
  kindBytes,
  makeColumn,
} from "./component.ts";
import {
  type Entity,
  entityIndex,
  formatEntity,
  makeEntity,
  MAX_ENTITIES,
  MAX_GENERATION,
} from "./entity.ts";
import { EcsError } from "./error.ts";

const NO_MEMBERS = new Uint32Array(0);

/**
 * The storage of one component in one world. Internal: reached through {@link INTERNAL}.
 *
 * A store allocates its arrays on first use: until then its `sparse` is the world's shared
 * all-absent array, so a world with many registered but unused components costs little to make.
 */
export class Store {
  readonly type: ComponentType;
  /** Registration index: the component's bit in the entity masks. */
  readonly id: number;
  /** Slot → row, -1 when the entity lacks the component. */
  sparse: Int32Array;
  /** Row → slot, rows `[0, count)` valid. */
  members: Uint32Array = NO_MEMBERS;
  count = 0;
  /** Struct-of-arrays columns, indexed by slot (empty for dense components and until allocated). */
  columns: Column[] = [];
  /** Dense values by row (empty for struct-of-arrays components). */
  readonly values: unknown[] = [];
  allocated = false;

  constructor(type: ComponentType, id: number, absent: Int32Array) {
    this.type = type;
    this.id = id;
    this.sparse = absent;
  }

  /** Allocates the arrays for `capacity` slots if not done yet. */
  allocate(capacity: number): void {
    if (this.allocated) return;
    this.allocated = true;
    this.#layOut(capacity);
  }

  grow(capacity: number, absent: Int32Array): void {
    if (!this.allocated) {
      this.sparse = absent;
      return;
    }
    const { sparse, members, columns } = this;
    this.#layOut(capacity);
    this.sparse.set(sparse);
    this.members.set(members);
    for (let i = 0; i < columns.length; i++) this.columns[i].set(columns[i]);
  }

  /**
   * Makes every array of the store, for `capacity` slots, as views of one buffer: one allocation
   * instead of one per array. Widest elements first, so every view's offset stays aligned.
   */
  #layOut(capacity: number): void {
    const fields = this.type.fields;
    const widths = fields.map((f) => kindBytes(f.kind));
    const total = capacity * (8 + widths.reduce((sum, w) => sum + w, 0));
    const buffer = new ArrayBuffer(total);
    const columns: Column[] = new Array(fields.length);
    let offset = 0;
    for (const width of [8, 4, 2, 1]) {
      if (width === 4) {
        this.sparse = new Int32Array(buffer, offset, capacity).fill(-1);
        this.members = new Uint32Array(buffer, offset + 4 * capacity, capacity);
        offset += 8 * capacity;
      }
      for (let i = 0; i < fields.length; i++) {
        if (widths[i] !== width) continue;
        columns[i] = makeColumn(fields[i].kind, capacity, buffer, offset);
        offset += width * capacity;
      }
    }
    this.columns = columns;
  }

  /** Adds `slot` (absent) and returns its row. */
  addSlot(slot: number): number {
    const row = this.count++;
    this.sparse[slot] = row;
    this.members[row] = slot;
    return row;
  }

  /** Removes `slot` (present): the last row moves into its place. */
  removeSlot(slot: number): void {
    const row = this.sparse[slot];
    const last = --this.count;
    if (row !== last) {
      const moved = this.members[last];
      this.members[row] = moved;
      this.sparse[moved] = row;
      if (this.type.storage === "dense") this.values[row] = this.values[last];
    }
    if (this.type.storage === "dense") this.values.length = last;
    this.sparse[slot] = -1;
  }
}

/** The state of a world that serialization and hashing read. Not part of the public API. */
export interface WorldState {
  capacity: number;
  /** Slots ever used: `[0, slots)` may be live. */
  slots: number;
  /** Live entities. */
  live: number;
  /** Current generation of each slot. */
  generations: Uint32Array;
  /** 1 where the slot holds a live entity. */
  alive: Uint8Array;
  /** 32-bit words of component bits per entity slot. */
  maskWords: number;
  masks: Uint32Array;
  stores: Store[];
}

const nameOrders = new WeakMap<Store[], Store[]>();
/** A world's stores in ascending name order, cached until another component is registered. */
export function storesByName(stores: Store[]): Store[] {
  let sorted = nameOrders.get(stores);
  if (sorted === undefined || sorted.length !== stores.length) {
    sorted = stores.slice().sort((x, y) => (x.type.name < y.type.name ? -1 : 1));
    nameOrders.set(stores, sorted);
  }
  return sorted;
}

/**
 * A world's per-slot arrays for `capacity` slots, as views of one buffer (allocating an
 * ArrayBuffer costs far more than filling it, and a world is often made just to load into):
 * generations (all 1), the all-absent sparse array (all -1), `maskWords` mask words per slot, and
 * the live flags.
 */
function slotArrays(
  capacity: number,
  maskWords: number,
): [Uint32Array, Int32Array, Uint32Array, Uint8Array] {
  const buffer = new ArrayBuffer(capacity * (9 + 4 * maskWords));
  return [
    new Uint32Array(buffer, 0, capacity).fill(1),
    new Int32Array(buffer, 4 * capacity, capacity).fill(-1),
    new Uint32Array(buffer, 8 * capacity, capacity * maskWords),
    new Uint8Array(buffer, (8 + 4 * maskWords) * capacity, capacity),
  ];
}

/** Key of a world's internal state (for this crate's serialization and hashing modules). */
export const INTERNAL: unique symbol = Symbol("astraweave.world");

interface CachedQuery {
  version: number;
  stores: Store[];
  result: Entity[];
}

/**
 * An ECS world: spawn entities, attach components, query them in a deterministic order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defineComponent, World } from "@astraweave/persistence-ecs";
 * import { i32 } from "@astraweave/codec";
 *
 * const Health = defineComponent("health", { hp: i32 });
 * const world = new World([Health]);
 * const a = world.spawn();
 * const b = world.spawn();
 * world.insert(a, Health, { hp: 10 });
 * world.insert(b, Health, { hp: 20 });
 * world.despawn(a);
 * assert.deepEqual(world.query(Health).map((e) => world.get(e, Health)!.hp), [20]);
 * assert.equal(world.isAlive(a), false);
 * ```
 */
export class World {
  /** The simulation tick; saved with the world and restored by `loadWorld`. */
  tick = 0;

  #capacity: number;
  #generations: Uint32Array;
  #alive: Uint8Array;
  #free: number[] = [];
  #nextSlot = 0;
  #live = 0;
  #maskWords = 1;
  #masks: Uint32Array;
  /** All -1: the `sparse` array of every store not allocated yet. */
  #absent: Int32Array;
  #stores: Store[] = [];
  #byType = new Map<ComponentType, Store>();
  #byName = new Map<string, Store>();
  /** Live entities in spawn order; despawned ones are dropped lazily ({@link #orderDead}). */
  #order: Entity[] = [];
  #orderDead = 0;
  #version = 0;
  #queries = new Map<string, CachedQuery>();
  #state: WorldState;

  /** Creates a world with `components` registered, room for `capacity` entities before growing. */
  constructor(components: Iterable<AnyComponent> = [], capacity = 64) {
    this.#capacity = Math.max(1, Math.min(capacity, MAX_ENTITIES));
    [this.#generations, this.#absent, this.#masks, this.#alive] = slotArrays(this.#capacity, 1);
    this.#state = {
      capacity: this.#capacity,
      slots: 0,
      live: 0,
      generations: this.#generations,
      alive: this.#alive,
      maskWords: this.#maskWords,
      masks: this.#masks,
      stores: this.#stores,
    };
    for (const c of components) this.register(c);
  }

  /**
   * Registers a component type (idempotent for the same type). Names are unique per world.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { defineComponent, World } from "@astraweave/persistence-ecs";
   * const Tag = defineComponent("tag", {});
   * const world = new World();
   * world.register(Tag);
   * assert.deepEqual(world.components().map((c) => c.name), ["tag"]);
   * ```
   */
  register(type: AnyComponent): void {
    const t = type as ComponentType;
    if (this.#byType.has(t)) return;
    if (this.#byName.has(t.name)) {
      throw new EcsError(
        "duplicate_component",
        `another component named "${t.name}" is already registered`,
      );
    }
    const id = this.#stores.length;
    if (id >> 5 >= this.#maskWords) this.#widenMasks(this.#maskWords + 1);
    const store = new Store(t, id, this.#absent);
    this.#stores.push(store);
    this.#byType.set(t, store);
    this.#byName.set(t.name, store);
  }

  /** The registered component types, in registration order. */
  components(): ComponentType[] {
    return this.#stores.map((s) => s.type);
  }

  /** The registered component named `name`, if any. */
  componentNamed(name: string): ComponentType | undefined {
    return this.#byName.get(name)?.type;
  }

  /** The number of live entities. */
  get entityCount(): number {
    return this.#live;
  }

  /** Creates an entity with no components. */
  spawn(): Entity {
    let slot: number;
    if (this.#free.length > 0) slot = this.#free.pop()!;
    else {
      if (this.#nextSlot >= this.#capacity) this.#grow();
      slot = this.#nextSlot++;
    }
    this.#alive[slot] = 1;
    this.#live++;
    const entity = makeEntity(slot, this.#generations[slot]);
    this.#order.push(entity);
    this.#version++;
    return entity;
  }

  /** Whether `entity` names a live entity of this world. */
  isAlive(entity: Entity): boolean {
    const slot = entityIndex(entity);
    return slot < this.#nextSlot && this.#alive[slot] === 1 &&
      makeEntity(slot, this.#generations[slot]) === entity;
  }

  /** Destroys `entity` and its components. A stale handle is an error. */
  despawn(entity: Entity): void {
    const slot = this.#slotOf(entity);
    const words = this.#maskWords;
    for (let w = 0; w < words; w++) {
      let bits = this.#masks[slot * words + w];
      while (bits !== 0) {
        const low = bits & -bits;
        this.#stores[(w << 5) + 31 - Math.clz32(low)].removeSlot(slot);
        bits ^= low;
      }
      this.#masks[slot * words + w] = 0;
    }
    this.#alive[slot] = 0;
    this.#live--;
    this.#orderDead++;
    this.#version++;
    const generation = this.#generations[slot] + 1;
    this.#generations[slot] = generation;
    // A slot whose generation is used up is retired: reusing it could repeat an old handle.
    if (generation <= MAX_GENERATION) this.#free.push(slot);
  }

  /** Live entities in spawn order (a loaded world keeps its blob's order). */
  entities(): readonly Entity[] {
    this.#compactOrder();
    return this.#order;
  }

  /**
   * Adds `component` to `entity` with `value`, or replaces its value. Numeric fields are checked
   * against their kind (an `i32` field rejects 1.5 and 2^31); dense values are stored by reference.
   */
  insert<T>(entity: Entity, component: ComponentType<T>, value: T): void {
    const slot = this.#slotOf(entity);
    const store = this.#store(component);
    store.allocate(this.#capacity);
    const type = store.type;
    if (type.storage === "soa") {
      const fields = type.fields;
      for (let i = 0; i < fields.length; i++) {
        const v = (value as Record<string, unknown>)[fields[i].name];
        if (!fitsKind(fields[i].kind, v)) {
          throw new EcsError(
            "invalid_value",
            `${type.name}.${fields[i].name} is ${fields[i].kind}, got ${String(v)}`,
          );
        }
      }
      for (let i = 0; i < fields.length; i++) {
        store.columns[i][slot] = (value as Record<string, number>)[fields[i].name];
      }
      if (store.sparse[slot] < 0) this.#attach(store, slot);
    } else {
      const row = store.sparse[slot];
      if (row >= 0) store.values[row] = value;
      else store.values[this.#attach(store, slot)] = value;
    }
  }

  /** Removes `component` from `entity`; returns whether it had it. */
  remove(entity: Entity, component: AnyComponent): boolean {
    const slot = this.#slotOf(entity);
    const store = this.#store(component);
    if (store.sparse[slot] < 0) return false;
    store.removeSlot(slot);
    this.#masks[slot * this.#maskWords + (store.id >> 5)] &= ~(1 << (store.id & 31));
    this.#version++;
    return true;
  }

  /** Whether `entity` is live and has `component`. */
  has(entity: Entity, component: AnyComponent): boolean {
    return this.isAlive(entity) && this.#store(component).sparse[entityIndex(entity)] >= 0;
  }

  /**
   * The value of `component` on `entity`, or `undefined` when it has none. A numeric component's
   * value is a new object read from its columns; a dense component's is the stored object itself.
   */
  get<T>(entity: Entity, component: ComponentType<T>): T | undefined {
    const slot = this.#slotOf(entity);
    const store = this.#store(component);
    const row = store.sparse[slot];
    if (row < 0) return undefined;
    if (store.type.storage === "dense") return store.values[row] as T;
    const out: Record<string, number> = {};
    const fields = store.type.fields;
    for (let i = 0; i < fields.length; i++) out[fields[i].name] = store.columns[i][slot];
    return out as T;
  }

  /**
   * The typed array of one field of a numeric component, indexed by `entityIndex(entity)`: the
   * fast path for systems. Writing it changes the world without checks. The array is replaced when
   * the world grows, so fetch it again after spawning.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { defineComponent, entityIndex, World } from "@astraweave/persistence-ecs";
   * import { f32 } from "@astraweave/codec";
   * const Velocity = defineComponent("velocity", { dx: f32 });
   * const world = new World([Velocity]);
   * const e = world.spawn();
   * world.insert(e, Velocity, { dx: 1 });
   * const dx = world.column(Velocity, "dx");
   * for (const q of world.query(Velocity)) dx[entityIndex(q)] *= 2;
   * assert.deepEqual(world.get(e, Velocity), { dx: 2 });
   * ```
   */
  column<K extends string>(component: ComponentType<Record<K, number>>, field: K): Column {
    const store = this.#store(component);
    store.allocate(this.#capacity);
    const i = store.type.fields.findIndex((f) => f.name === field);
    if (i < 0) {
      throw new EcsError(
        "invalid_value",
        `${store.type.name} has no numeric field "${field}"`,
      );
    }
    return store.columns[i];
  }

  /** How many live entities have `component`. */
  count(component: AnyComponent): number {
    return this.#store(component).count;
  }

  /**
   * The live entities that have every one of `components`, in spawn order. The array is cached
   * until the next structural change (spawn, despawn, a component added or removed): do not
   * modify it, and copy it if the loop that reads it changes the world's structure.
   */
  query(...components: AnyComponent[]): readonly Entity[] {
    const stores = components.map((c) => this.#store(c));
    const key = stores.map((s) => s.id).join(",");
    let cached = this.#queries.get(key);
    if (cached === undefined) {
      cached = { version: -1, stores, result: [] };
      this.#queries.set(key, cached);
    }
    if (cached.version !== this.#version) {
      cached.result = this.#match(stores);
      cached.version = this.#version;
    }
    return cached.result;
  }

  /** Despawns every entity (components stay registered; stale handles stay stale). */
  clear(): void {
    for (const e of this.entities().slice()) this.despawn(e);
  }

  /**
   * Internal state for this crate's serialization and hashing; not part of the public API.
   *
   * @ignore
   */
  get [INTERNAL](): WorldState {
    // One object per world, refreshed on each read: hashing reads it on every call and should
    // not allocate.
    const state = this.#state;
    state.capacity = this.#capacity;
    state.slots = this.#nextSlot;
    state.live = this.#live;
    state.generations = this.#generations;
    state.alive = this.#alive;
    state.maskWords = this.#maskWords;
    state.masks = this.#masks;
    return state;
  }

  /** Adds `count` entities at once (for loading); returns their handles in order. */
  spawnMany(count: number): Entity[] {
    this.reserve(this.#live + count);
    const out = new Array<Entity>(count);
    for (let i = 0; i < count; i++) out[i] = this.spawn();
    return out;
  }

  /**
   * Attaches `component` to the first `count` live slots of `slots`, whose values the caller then
   * writes (columns by slot, dense values by the returned first row onward). For loading: the slots
   * must be live and lack the component.
   */
  attachMany(component: AnyComponent, slots: ArrayLike<number>, count = slots.length): number {
    const store = this.#store(component);
    const first = store.count;
    for (let i = 0; i < count; i++) this.#attach(store, slots[i]);
    return first;
  }

  #attach(store: Store, slot: number): number {
    store.allocate(this.#capacity);
    this.#masks[slot * this.#maskWords + (store.id >> 5)] |= 1 << (store.id & 31);
    this.#version++;
    return store.addSlot(slot);
  }

  #match(stores: Store[]): Entity[] {
    const order = this.entities();
    const out: Entity[] = [];
    if (stores.length === 0) return order.slice();
    const words = this.#maskWords;
    const need = new Uint32Array(words);
    for (const s of stores) need[s.id >> 5] |= 1 << (s.id & 31);
    const masks = this.#masks;
    outer: for (let i = 0; i < order.length; i++) {
      const base = entityIndex(order[i]) * words;
      for (let w = 0; w < words; w++) {
        if ((masks[base + w] & need[w]) !== need[w]) continue outer;
      }
      out.push(order[i]);
    }
    return out;
  }

  #compactOrder(): void {
    if (this.#orderDead === 0) return;
    this.#order = this.#order.filter((e) => this.isAlive(e));
    this.#orderDead = 0;
  }

  #slotOf(entity: Entity): number {
    if (!this.isAlive(entity)) {
      throw new EcsError(
        "stale_entity",
        `entity ${formatEntity(entity)} is not alive (despawned, or from another world)`,
      );
    }
    return entityIndex(entity);
  }

  #store(component: AnyComponent): Store {
    const store = this.#byType.get(component as ComponentType);
    if (store === undefined) {
      throw new EcsError(
        "unknown_component",
        `component "${(component as ComponentType)?.name}" is not registered in this world`,
      );
    }
    return store;
  }

  /** Makes room for `entities` live entities without growing again (one allocation per array). */
  reserve(entities: number): void {
    const needed = Math.min(this.#nextSlot + Math.max(0, entities - this.#live), MAX_ENTITIES);
    if (needed > this.#capacity) this.#grow(needed);
  }

  #grow(atLeast = this.#capacity + 1): void {
    if (this.#capacity >= MAX_ENTITIES) {
      throw new EcsError("capacity", `a world holds at most ${MAX_ENTITIES} entity slots`);
    }
    const capacity = Math.min(Math.max(this.#capacity * 2, atLeast), MAX_ENTITIES);
    const [generations, absent, masks, alive] = slotArrays(capacity, this.#maskWords);
    generations.set(this.#generations);
    masks.set(this.#masks);
    alive.set(this.#alive);
    this.#generations = generations;
    this.#absent = absent;
    this.#masks = masks;
    this.#alive = alive;
    for (const s of this.#stores) s.grow(capacity, absent);
    this.#capacity = capacity;
  }

  #widenMasks(words: number): void {
    const masks = new Uint32Array(this.#capacity * words);
    for (let slot = 0; slot < this.#capacity; slot++) {
      for (let w = 0; w < this.#maskWords; w++) {
        masks[slot * words + w] = this.#masks[slot * this.#maskWords + w];
      }
    }
    this.#masks = masks;
    this.#maskWords = words;
  }
}
