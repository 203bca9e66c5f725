/**
 * What a save holds: `SaveBundleV2` (and the legacy `SaveBundleV1`) with the Rust aw-save's field
 * order and encodings, as postcard schemas. The TypeScript field names are camelCase; the order of
 * the fields in each `struct(...)` below is the wire order and must follow the Rust structs.
 *
 * @module
 */

import {
  bytes,
  CodecError,
  i32,
  i64,
  i8,
  map,
  option,
  Reader,
  type Schema,
  seq,
  string,
  struct,
  tuple,
  u16,
  u32,
  u64,
  u8,
  type Writer,
} from "@astraweave/codec";
import { dateTimeNow, dateTimeProblem, normalizeOffset, type OffsetDateTime } from "./time.ts";
import { randomSaveId, uuidFromBytes, uuidToBytes } from "./uuid.ts";

/** The bundle schema this crate writes (`SAVE_SCHEMA_VERSION` in the Rust crate). */
export const SAVE_SCHEMA_VERSION = 2;

/** The engine's world snapshot: an opaque blob the engine packs, with its tick and hash. */
export interface WorldState {
  /** Simulation tick (u64). */
  tick: bigint;
  /**
   * The engine's snapshot bytes. A decoded bundle's blob is a view of the decompressed payload
   * (no copy).
   */
  ecsBlob: Uint8Array;
  /** Hash of the world state, for a quick equality check (u64). */
  stateHash: bigint;
}

/** A companion's profile. */
export interface CompanionProfile {
  /** Stable id of the companion. */
  id: string;
  /** Display name. */
  name: string;
  /** Level, 0 to 255. */
  level: number;
  /** Skill names. */
  skills: string[];
  /** Facts the companion remembers. */
  facts: string[];
  /** Summaries of past episodes. */
  episodesSummarized: string[];
}

/** One stack of items. */
export interface ItemStack {
  /** The item kind ("sword", "potion"). */
  kind: string;
  /** How many (u32). */
  qty: number;
  /** Attribute values (i64), in the order they appear on the wire. */
  attrs: Map<string, bigint>;
}

/** The player's inventory. */
export interface PlayerInventory {
  /** Currency (u64). */
  credits: bigint;
  /** Item stacks. */
  items: ItemStack[];
}

/** A save, schema version 2: what `.awsv` files of version 2 carry. */
export interface SaveBundleV2 {
  /** Bundle schema version (u16); {@link SAVE_SCHEMA_VERSION} for bundles this crate makes. */
  schema: number;
  /** Unique id of this save (a UUID, lowercase hyphenated). */
  saveId: string;
  /** When the save was made. */
  createdAt: OffsetDateTime;
  /** The player's stable id. */
  playerId: string;
  /** The user-visible slot, 0 to 255. */
  slot: number;
  /** The engine's world snapshot. */
  world: WorldState;
  /** The player's companions. */
  companions: CompanionProfile[];
  /** The player's inventory. */
  inventory: PlayerInventory;
  /** Free-form metadata, in the order it appears on the wire. */
  meta: Map<string, string>;
}

/** A save, schema version 1 (legacy): a single optional companion and no save id. */
export interface SaveBundleV1 {
  /** The player's stable id. */
  playerId: string;
  /** The user-visible slot, 0 to 255. */
  slot: number;
  /** When the save was made. */
  createdAt: OffsetDateTime;
  /** The engine's world snapshot. */
  world: WorldState;
  /** The player's inventory. */
  inventory: PlayerInventory;
  /** The single companion version 1 had, if any. */
  companion: CompanionProfile | null;
  /** Free-form metadata, in the order it appears on the wire. */
  meta: Map<string, string>;
}

/**
 * A schema over another one with a conversion each way: `decode` receives the inner value and the
 * offset where it started (for errors), `encode` returns the inner value to write.
 */
function converted<Inner, Outer>(
  kind: string,
  inner: Schema<Inner>,
  decode: (value: Inner, at: number) => Outer,
  encode: (value: Outer) => Inner,
): Schema<Outer> {
  const readInner = inner.decodeFrom;
  const writeInner = inner.encodeInto;
  // Plain closures, not methods: struct() calls encodeInto and decodeFrom detached from the schema.
  const decodeFrom = (r: Reader) => {
    const at = r.pos;
    return decode(readInner(r), at);
  };
  const encodeInto = (w: Writer, value: Outer) => writeInner(w, encode(value));
  return {
    kind,
    minSize: inner.minSize,
    encodeInto,
    decodeFrom,
    encode: (value) => inner.encode(encode(value)),
    decode: (input, options) => {
      const reader = new Reader(input, options);
      const value = decodeFrom(reader);
      if (!options?.allowTrailing) reader.finish();
      return value;
    },
  };
}

function invalidValue(kind: string, detail: string): CodecError {
  return new CodecError("invalid_value", `${kind}: ${detail}`, -1);
}

/**
 * `uuid::Uuid` in a binary format: a byte array of length 16 (on the wire `10` then 16 bytes).
 * The TypeScript value is the hyphenated text.
 */
export const uuidSchema: Schema<string> = converted(
  "uuid",
  bytes,
  (raw, at) => {
    if (raw.length !== 16) {
      throw new CodecError(
        "out_of_range",
        `a uuid is 16 bytes, this one declares ${raw.length}`,
        at,
      );
    }
    return uuidFromBytes(raw);
  },
  (text) => {
    try {
      return uuidToBytes(text);
    } catch (e) {
      throw invalidValue("uuid", (e as Error).message);
    }
  },
);

/**
 * `time::OffsetDateTime` in a binary format: the tuple (year i32, ordinal u16, hour u8, minute u8,
 * second u8, nanosecond u32, offset hours i8, minutes i8, seconds i8). Decoding checks the ranges
 * `time` checks and normalizes the offset's signs as `time` does.
 */
export const offsetDateTimeSchema: Schema<OffsetDateTime> = converted(
  "OffsetDateTime",
  tuple(i32, u16, u8, u8, u8, u32, i8, i8, i8),
  (
    [year, ordinal, hour, minute, second, nanosecond, offsetHours, offsetMinutes, offsetSeconds],
    at,
  ) => {
    const value: OffsetDateTime = {
      year,
      ordinal,
      hour,
      minute,
      second,
      nanosecond,
      offsetHours,
      offsetMinutes,
      offsetSeconds,
    };
    const problem = dateTimeProblem(value);
    if (problem) throw new CodecError("out_of_range", `OffsetDateTime ${problem}`, at);
    return normalizeOffset(value);
  },
  (v): [number, number, number, number, number, number, number, number, number] => {
    const problem = dateTimeProblem(v);
    if (problem) throw invalidValue("OffsetDateTime", problem);
    const n = normalizeOffset(v);
    return [
      n.year,
      n.ordinal,
      n.hour,
      n.minute,
      n.second,
      n.nanosecond,
      n.offsetHours,
      n.offsetMinutes,
      n.offsetSeconds,
    ];
  },
);

/** `WorldState { tick: u64, ecs_blob: Vec<u8>, state_hash: u64 }`. */
export const worldStateSchema: Schema<WorldState> = struct({
  tick: u64,
  ecsBlob: bytes,
  stateHash: u64,
});

/** `CompanionProfile { id, name, level: u8, skills, facts, episodes_summarized }`. */
export const companionProfileSchema: Schema<CompanionProfile> = struct({
  id: string,
  name: string,
  level: u8,
  skills: seq(string),
  facts: seq(string),
  episodesSummarized: seq(string),
});

/** `ItemStack { kind: String, qty: u32, attrs: HashMap<String, i64> }`. */
export const itemStackSchema: Schema<ItemStack> = struct({
  kind: string,
  qty: u32,
  attrs: map(string, i64),
});

/** `PlayerInventory { credits: u64, items: Vec<ItemStack> }`. */
export const playerInventorySchema: Schema<PlayerInventory> = struct({
  credits: u64,
  items: seq(itemStackSchema),
});

/** `SaveBundleV2`, field for field in the Rust crate's order. */
export const saveBundleV2Schema: Schema<SaveBundleV2> = struct({
  schema: u16,
  saveId: uuidSchema,
  createdAt: offsetDateTimeSchema,
  playerId: string,
  slot: u8,
  world: worldStateSchema,
  companions: seq(companionProfileSchema),
  inventory: playerInventorySchema,
  meta: map(string, string),
});

/** `SaveBundleV1`, field for field in the Rust crate's order. */
export const saveBundleV1Schema: Schema<SaveBundleV1> = struct({
  playerId: string,
  slot: u8,
  createdAt: offsetDateTimeSchema,
  world: worldStateSchema,
  inventory: playerInventorySchema,
  companion: option(companionProfileSchema),
  meta: map(string, string),
});

/**
 * The V2 bundle of a V1 bundle, as the Rust `SaveBundleV1::into_v2` makes it: schema 2, a new random
 * save id, the single companion (if any) as the companion list, everything else unchanged.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dateTimeNow, migrateV1ToV2 } from "@astraweave/save";
 * const v2 = migrateV1ToV2({
 *   playerId: "ann",
 *   slot: 1,
 *   createdAt: dateTimeNow(),
 *   world: { tick: 600n, ecsBlob: new Uint8Array(0), stateHash: 0n },
 *   inventory: { credits: 50n, items: [] },
 *   companion: { id: "c1", name: "Echo", level: 3, skills: [], facts: [], episodesSummarized: [] },
 *   meta: new Map(),
 * });
 * assert.equal(v2.schema, 2);
 * assert.equal(v2.companions[0].name, "Echo");
 * ```
 */
export function migrateV1ToV2(v1: SaveBundleV1): SaveBundleV2 {
  return {
    schema: SAVE_SCHEMA_VERSION,
    saveId: randomSaveId(),
    createdAt: v1.createdAt,
    playerId: v1.playerId,
    slot: v1.slot,
    world: v1.world,
    companions: v1.companion ? [v1.companion] : [],
    inventory: v1.inventory,
    meta: v1.meta,
  };
}

/** Fields of {@link createBundle}: the player id, and anything else to set. */
export type BundleInit = Partial<Omit<SaveBundleV2, "world" | "inventory">> & {
  playerId: string;
  world?: Partial<WorldState>;
  inventory?: Partial<PlayerInventory>;
};

/**
 * A new bundle: schema {@link SAVE_SCHEMA_VERSION}, a random save id, created now, slot 0, an empty
 * world, no companions, an empty inventory and no metadata, each overridden by `init`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createBundle } from "@astraweave/save";
 * const bundle = createBundle({ playerId: "ann", slot: 2, world: { tick: 42n } });
 * assert.equal(bundle.slot, 2);
 * assert.equal(bundle.world.tick, 42n);
 * assert.equal(bundle.world.ecsBlob.length, 0);
 * ```
 */
export function createBundle(init: BundleInit): SaveBundleV2 {
  const { world, inventory, ...rest } = init;
  return {
    schema: SAVE_SCHEMA_VERSION,
    saveId: randomSaveId(),
    createdAt: dateTimeNow(),
    slot: 0,
    companions: [],
    meta: new Map(),
    ...rest,
    world: { tick: 0n, ecsBlob: new Uint8Array(0), stateHash: 0n, ...world },
    inventory: { credits: 0n, items: [], ...inventory },
  };
}
