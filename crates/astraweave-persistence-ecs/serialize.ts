/**
 * World serialization: a whole world to postcard bytes and back, with entity remapping on load.
 *
 * ## Blob layout (postcard)
 *
 * ```text
 * format        u8      1, or 2 when a dense value holds an entity reference (see below)
 * tick          u64     the world's tick
 * entity_count  varint  live entities; they are numbered 0..n-1 in spawn order ("ordinals")
 * block_count   varint
 * blocks        one per component that at least one entity has, in ascending name order:
 *   name        string
 *   layout      u32     FNV-1a 32 of the component's layout text ("soa(x:i32,y:i32)", "dense(struct)")
 *   count       varint  members
 *   members     count varints: the first member's ordinal, then each gap minus one (ascending)
 *   values      numeric components: column by column, `count` values each, in member order —
 *                 u8/i8 one byte, u16/u32 varint, i16/i32 zigzag varint, f32/f64 little-endian,
 *                 u53 varint, i53 zigzag varint, entity references varint (0: no live entity,
 *                 k + 1: the entity of ordinal k)
 *               dense components: `count` values in the component's schema, in member order;
 *                 in format 2, each entity reference inside them (an `entityRef` anywhere in the
 *                 schema) is written as the numeric columns write theirs (0 or ordinal + 1)
 * ```
 *
 * Format 1 blobs that hold references inside dense values come from before those were remapped:
 * they load with the handles as stored, as they always did.
 *
 * Numeric components go column by column, so the bytes of one field sit together. The blob of a
 * world depends only on its contents and spawn order: loading a blob and serializing the result
 * gives the same bytes back.
 *
 * Loading decodes and checks the whole blob before touching the target world, so a bad blob
 * changes nothing. The loaded entities are new (fresh handles, appended to the target's spawn
 * order), and references between them are remapped to the new handles.
 *
 * @module
 */

import { CodecError, Reader, Writer } from "@astraweave/codec";
import type { AnyComponent, Column, ComponentType, NumericKind } from "./component.ts";
import { type Entity, entityIndex, MAX_ENTITIES, NULL_ENTITY } from "./entity.ts";
import { EcsError } from "./error.ts";
import { fnv1a32 } from "./fnv.ts";
import { isLive } from "./hash_common.ts";
import { refMapping } from "./ref_mapping.ts";
import { INTERNAL, storesByName, World } from "./world.ts";

const FORMAT = 1;
/** The format of a blob whose dense values hold entity references, written as ordinals. */
const FORMAT_DENSE_REFS = 2;

const scratch = new Writer(64 * 1024);
let ordinals = new Int32Array(0);
let memberSlots = new Uint32Array(0);

let starts = new Int32Array(64);

/**
 * Serializes `world` (every live entity, every component, the tick) to a new byte array.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defineComponent, loadWorld, serializeWorld, World } from "@astraweave/persistence-ecs";
 * import { i32 } from "@astraweave/codec";
 *
 * const Health = defineComponent("health", { hp: i32 });
 * const world = new World([Health]);
 * world.insert(world.spawn(), Health, { hp: 42 });
 * world.tick = 7;
 * const blob = serializeWorld(world);
 * const copy = loadWorld(blob, [Health]);
 * assert.equal(copy.tick, 7);
 * assert.deepEqual(copy.get(copy.entities()[0], Health), { hp: 42 });
 * ```
 */
export function serializeWorld(world: World): Uint8Array {
  scratch.reset();
  serializeWorldInto(scratch, world);
  return scratch.toBytes();
}

/** Appends the blob of `world` to `w` (reuse one writer to avoid allocating per save). */
export function serializeWorldInto(w: Writer, world: World): void {
  const order = world.entities();
  const state = world[INTERNAL];
  const n = order.length;
  if (ordinals.length < state.capacity) ordinals = new Int32Array(state.capacity);
  const ordinalOf = ordinals;
  for (let i = 0; i < n; i++) ordinalOf[entityIndex(order[i])] = i;

  // Members of every component in spawn order, in one pass over the entities' component bits:
  // store k's members go to memberSlots[start[k] .. start[k] + count).
  const stores = state.stores;
  if (starts.length < 2 * stores.length + 1) starts = new Int32Array(4 * stores.length + 2);
  const start = starts; // start[k]: where store k's members begin; fill[k]: where the next goes
  const fill = starts.subarray(stores.length + 1);
  start[0] = 0;
  for (let k = 0; k < stores.length; k++) {
    fill[k] = start[k];
    start[k + 1] = start[k] + stores[k].count;
  }
  if (memberSlots.length < start[stores.length]) {
    memberSlots = new Uint32Array(start[stores.length]);
  }
  const slotsOut = memberSlots;
  const words = state.maskWords;
  const masks = state.masks;
  for (let i = 0; i < n; i++) {
    const slot = entityIndex(order[i]);
    for (let wd = 0; wd < words; wd++) {
      let bits = masks[slot * words + wd];
      while (bits !== 0) {
        const low = bits & -bits;
        const k = (wd << 5) + 31 - Math.clz32(low);
        slotsOut[fill[k]++] = slot;
        bits ^= low;
      }
    }
  }

  const formatAt = w.pos;
  w.u8(FORMAT);
  w.varintNumber(world.tick);
  w.varintNumber(n);
  const byName = storesByName(stores);
  let denseReferences = 0;
  let present = 0;
  for (const store of byName) if (store.count > 0) present++;
  w.varintNumber(present);
  for (const store of byName) {
    if (store.count === 0) continue;
    const from = start[store.id];
    const count = store.count;
    const end = from + count; // this store's member slots: slotsOut[from, end)
    w.string(store.type.name);
    w.varint32(layoutId(store.type));
    w.varintNumber(count);
    let previous = -1;
    for (let r = from; r < end; r++) {
      const ordinal = ordinalOf[slotsOut[r]];
      w.varint32(ordinal - previous - 1);
      previous = ordinal;
    }
    if (store.type.storage === "soa") {
      const fields = store.type.fields;
      for (let f = 0; f < fields.length; f++) {
        writeColumn(w, fields[f].kind, store.columns[f], slotsOut, from, end, ordinalOf, world);
      }
    } else {
      const encode = store.type.schema.encodeInto;
      const sparse = store.sparse;
      refMapping.write = (target) => {
        denseReferences++;
        return isLive(state, target) ? ordinalOf[entityIndex(target)] + 1 : 0;
      };
      try {
        for (let r = from; r < end; r++) encode(w, store.values[sparse[slotsOut[r]]]);
      } finally {
        refMapping.write = null;
      }
    }
  }
  if (denseReferences > 0) w.buf[formatAt] = FORMAT_DENSE_REFS;
}

function writeColumn(
  w: Writer,
  kind: NumericKind,
  column: Column,
  members: Uint32Array,
  from: number,
  end: number,
  ordinalOf: Int32Array,
  world: World,
): void {
  // One loop per kind, so each loop body is monomorphic.
  switch (kind) {
    case "u8":
    case "i8":
      for (let r = from; r < end; r++) w.u8(column[members[r]] & 0xff);
      return;
    case "u16":
    case "u32":
      for (let r = from; r < end; r++) w.varint32(column[members[r]]);
      return;
    case "i16":
    case "i32":
      for (let r = from; r < end; r++) {
        const v = column[members[r]];
        w.varint32(((v << 1) ^ (v >> 31)) >>> 0);
      }
      return;
    case "f32":
      for (let r = from; r < end; r++) w.f32(column[members[r]]);
      return;
    case "f64":
      for (let r = from; r < end; r++) w.f64(column[members[r]]);
      return;
    case "u53":
      for (let r = from; r < end; r++) w.varintNumber(column[members[r]]);
      return;
    case "i53":
      for (let r = from; r < end; r++) {
        const v = column[members[r]];
        w.varintNumber(v >= 0 ? v * 2 : -v * 2 - 1);
      }
      return;
    case "entity": {
      const state = world[INTERNAL];
      for (let r = from; r < end; r++) {
        const target = column[members[r]];
        w.varintNumber(isLive(state, target) ? ordinalOf[entityIndex(target)] + 1 : 0);
      }
      return;
    }
  }
}

/** Options for {@link deserializeWorld}. */
export interface LoadOptions {
  /** The most entities a blob may declare (default 1,048,576): bounds what hostile bytes cost. */
  maxEntities?: number;
}

/** What {@link deserializeWorld} added. */
export interface LoadResult {
  /** The new entities, in the blob's order (the saved world's spawn order). */
  entities: Entity[];
  /** The tick the blob was saved at. */
  tick: number;
}

interface DecodedBlock {
  type: ComponentType;
  /** Where the block's member ordinals start in {@link decodedOrdinals}, and how many. */
  firstOrdinal: number;
  count: number;
  /** Where each numeric column's values start in {@link decoded}. */
  columns: number[];
  values: unknown[];
  /** Dense values holding entity references: where their bytes are, to decode them again. */
  references?: { start: number; end: number };
}

/**
 * Numeric values of the blob being loaded, column after column. Each value takes at least one
 * byte of the blob, so the blob's length bounds how many there are.
 */
let decoded = new Float64Array(0);
let decodedCount = 0;
/** Member ordinals of the blob being loaded, block after block (also bounded by its length). */
let decodedOrdinals = new Uint32Array(0);
let ordinalCount = 0;
/** Slots of one block's members while it is applied. */
let slotScratch = new Uint32Array(0);

const layoutIds = new WeakMap<ComponentType, number>();
/** The u32 fingerprint of a component's layout text, as blobs store it. */
function layoutId(type: ComponentType): number {
  let id = layoutIds.get(type);
  if (id === undefined) {
    id = fnv1a32(type.layout) >>> 0;
    layoutIds.set(type, id);
  }
  return id;
}

/**
 * Adds the entities of a blob to `world` as new entities, remapping references between them.
 * Every component the blob names must be registered in `world` with the same layout. The whole
 * blob is decoded and checked first: on any error (an {@link EcsError} of kind `bad_blob` or
 * `unknown_component`) the world is unchanged.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defineComponent, deserializeWorld, entityRef, serializeWorld, World } from "@astraweave/persistence-ecs";
 *
 * const Follows = defineComponent("follows", { leader: entityRef });
 * const source = new World([Follows]);
 * const leader = source.spawn();
 * source.insert(source.spawn(), Follows, { leader });
 *
 * const target = new World([Follows]);
 * target.spawn(); // already has an entity: loaded ones get other handles
 * const { entities } = deserializeWorld(serializeWorld(source), target);
 * assert.equal(target.get(entities[1], Follows)!.leader, entities[0]);
 * ```
 */
export function deserializeWorld(
  bytes: Uint8Array,
  world: World,
  options: LoadOptions = {},
): LoadResult {
  const maxEntities = Math.min(options.maxEntities ?? 1 << 20, MAX_ENTITIES);
  let tick: number;
  let n: number;
  const blocks: DecodedBlock[] = [];
  if (decoded.length < bytes.length) {
    decoded = new Float64Array(bytes.length);
    decodedOrdinals = new Uint32Array(bytes.length);
  }
  decodedCount = 0;
  ordinalCount = 0;
  try {
    const r = new Reader(bytes);
    const format = r.u8();
    if (format !== FORMAT && format !== FORMAT_DENSE_REFS) {
      throw new EcsError(
        "bad_blob",
        `world blob format ${format} is not ${FORMAT} or ${FORMAT_DENSE_REFS}`,
      );
    }
    tick = r.u64Number();
    n = r.u64Number();
    if (n > maxEntities) {
      throw new EcsError("bad_blob", `world blob declares ${n} entities, above ${maxEntities}`);
    }
    const blockCount = r.length(3, "component blocks");
    const seen = new Set<string>();
    const entityCount = n;
    // Format 2: a reference in a dense value is 0 or an ordinal + 1; checked now, remapped below.
    refMapping.read = format === FORMAT_DENSE_REFS
      ? (value, at) => {
        if (value > entityCount) {
          throw new CodecError(
            "out_of_range",
            `entity reference ${value} is above the blob's ${entityCount} entities`,
            at,
          );
        }
        return value;
      }
      : null;
    for (let b = 0; b < blockCount; b++) blocks.push(readBlock(r, world, n, seen));
    r.finish();
  } catch (e) {
    if (e instanceof CodecError) {
      throw new EcsError("bad_blob", `world blob: ${e.message}`, { cause: e });
    }
    throw e;
  } finally {
    refMapping.read = null;
  }
  if (world.entityCount + n > MAX_ENTITIES) {
    throw new EcsError("capacity", `loading ${n} entities would exceed ${MAX_ENTITIES}`);
  }

  const entities = world.spawnMany(n);
  const stores = world[INTERNAL].stores;
  for (const block of blocks) {
    const count = block.count;
    const slots = slotScratch.length >= count ? slotScratch : (slotScratch = new Uint32Array(n));
    for (let i = 0; i < count; i++) {
      slots[i] = entityIndex(entities[decodedOrdinals[block.firstOrdinal + i]]);
    }
    const first = world.attachMany(block.type as AnyComponent, slots, count);
    const store = stores.find((s) => s.type === block.type)!;
    if (block.type.storage === "soa") {
      const fields = block.type.fields;
      for (let f = 0; f < fields.length; f++) {
        const column = store.columns[f];
        const from = block.columns[f];
        if (fields[f].kind === "entity") {
          for (let i = 0; i < count; i++) {
            const ref = decoded[from + i];
            column[slots[i]] = ref === 0 ? NULL_ENTITY : entities[ref - 1];
          }
        } else {
          for (let i = 0; i < count; i++) column[slots[i]] = decoded[from + i];
        }
      }
    } else {
      if (block.references !== undefined) {
        // Decode the values again (they decoded once already: this cannot fail), now mapping
        // each reference to the loaded entity's handle.
        const { start, end } = block.references;
        const r = new Reader(bytes.subarray(start, end));
        const decode = block.type.schema.decodeFrom;
        refMapping.read = (value) => (value === 0 ? NULL_ENTITY : entities[value - 1]);
        try {
          for (let i = 0; i < count; i++) block.values[i] = decode(r);
        } finally {
          refMapping.read = null;
        }
      }
      for (let i = 0; i < count; i++) store.values[first + i] = block.values[i];
    }
  }
  return { entities, tick };
}

function readBlock(r: Reader, world: World, n: number, seen: Set<string>): DecodedBlock {
  const name = r.string();
  const layout = r.varint32();
  const type = world.componentNamed(name);
  if (type === undefined) {
    throw new EcsError(
      "unknown_component",
      `world blob has component "${name}", which this world has not registered`,
    );
  }
  if (layoutId(type) !== layout) {
    throw new EcsError(
      "bad_blob",
      `world blob stores "${name}" with another layout than the registered ${type.layout}`,
    );
  }
  if (seen.has(name)) throw new EcsError("bad_blob", `world blob has "${name}" twice`);
  seen.add(name);
  const at = r.pos;
  const count = r.length(1, `"${name}" members`);
  if (count > n) {
    throw new EcsError("bad_blob", `"${name}" has ${count} members but the blob ${n} entities`);
  }
  const firstOrdinal = ordinalCount;
  let ordinal = -1;
  for (let i = 0; i < count; i++) {
    ordinal += r.varint32() + 1;
    if (ordinal >= n) {
      throw new CodecError(
        "out_of_range",
        `"${name}" member ordinal ${ordinal} is not below the entity count ${n}`,
        at,
      );
    }
    decodedOrdinals[ordinalCount++] = ordinal;
  }
  const block: DecodedBlock = { type, firstOrdinal, count, columns: [], values: [] };
  if (type.storage === "soa") {
    for (const field of type.fields) {
      block.columns.push(decodedCount);
      readColumn(r, field.kind, count, n);
    }
  } else {
    const decode = type.schema.decodeFrom;
    const start = r.pos;
    const read = refMapping.read;
    let references = 0;
    if (read !== null) {
      refMapping.read = (value, at) => {
        references++;
        return read(value, at);
      };
    }
    try {
      for (let i = 0; i < count; i++) block.values.push(decode(r));
    } finally {
      refMapping.read = read;
    }
    if (references > 0) block.references = { start, end: r.pos };
  }
  return block;
}

/**
 * Decodes `count` values of `kind` into {@link decoded} from {@link decodedCount} on. Every kind
 * fits a double exactly, so one scratch array serves all columns of a blob.
 */
function readColumn(r: Reader, kind: NumericKind, count: number, n: number): void {
  const out = decoded;
  const start = decodedCount;
  const end = start + count;
  switch (kind) {
    case "u8":
      for (let i = start; i < end; i++) out[i] = r.u8();
      break;
    case "i8":
      for (let i = start; i < end; i++) out[i] = r.i8();
      break;
    case "u16":
      for (let i = start; i < end; i++) out[i] = r.varint32(16);
      break;
    case "u32":
      for (let i = start; i < end; i++) out[i] = r.varint32(32);
      break;
    case "i16":
    case "i32": {
      const bits = kind === "i16" ? 16 : 32;
      for (let i = start; i < end; i++) {
        const u = r.varint32(bits);
        out[i] = (u >>> 1) ^ -(u & 1);
      }
      break;
    }
    case "f32":
      for (let i = start; i < end; i++) out[i] = r.f32();
      break;
    case "f64":
      for (let i = start; i < end; i++) out[i] = r.f64();
      break;
    case "u53":
      for (let i = start; i < end; i++) out[i] = r.u64Number();
      break;
    case "i53":
      for (let i = start; i < end; i++) {
        const u = r.u64Number();
        out[i] = u % 2 === 0 ? u / 2 : -(u + 1) / 2;
      }
      break;
    case "entity":
      for (let i = start; i < end; i++) {
        const at = r.pos;
        const ref = r.u64Number();
        if (ref > n) {
          throw new CodecError(
            "out_of_range",
            `entity reference ${ref - 1} is not below the entity count ${n}`,
            at,
          );
        }
        out[i] = ref;
      }
      break;
  }
  decodedCount = end;
}

/**
 * Loads a blob into a new world with `components` registered, and restores its tick.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadWorld, serializeWorld, World } from "@astraweave/persistence-ecs";
 * const world = new World();
 * world.spawn();
 * assert.equal(loadWorld(serializeWorld(world), []).entityCount, 1);
 * ```
 */
export function loadWorld(
  bytes: Uint8Array,
  components: Iterable<AnyComponent>,
  options?: LoadOptions,
): World {
  const world = new World(components, declaredEntities(bytes, options));
  world.tick = deserializeWorld(bytes, world, options).tick;
  return world;
}

/** The entity count a blob declares (clamped to the load limit), to size a world once. */
function declaredEntities(bytes: Uint8Array, options: LoadOptions = {}): number {
  try {
    const r = new Reader(bytes);
    r.u8();
    r.u64Number();
    return Math.min(r.u64Number(), options.maxEntities ?? 1 << 20);
  } catch {
    return 64; // a bad blob: deserializeWorld reports it
  }
}
