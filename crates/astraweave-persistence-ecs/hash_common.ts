// What both versions of the world hash share: the component name words, MurmurHash3's finalizer,
// the live check, the walk over a component's references and the packing of the result. Internal (the algorithms are documented in
// `hash.ts`).

import { Writer } from "@astraweave/codec";
import { type ComponentType, kindBytes } from "./component.ts";
import { entityIndex } from "./entity.ts";
import { fnv1a32 } from "./fnv.ts";
import { refMapping } from "./ref_mapping.ts";
import type { Store, WorldState } from "./world.ts";

/** Lane seeds of an entity digest. */
export const SEED_A = 0x243f6a88;
/** Lane seeds of an entity digest. */
export const SEED_B = 0x85a308d3 | 0;
/** The word of a reference to no live entity, and the entity-count multiplier. */
export const DANGLING = 0x9e3779b9 | 0;

const nameWords = new WeakMap<ComponentType, number>();

/** FNV-1a 32 of the component's name, cached per component type. */
export function nameWord(type: ComponentType): number {
  let w = nameWords.get(type);
  if (w === undefined) {
    w = fnv1a32(type.name);
    nameWords.set(type, w);
  }
  return w;
}

/** MurmurHash3's 32-bit finalizer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Whether `entity` is live in the world `state` describes. */
export function isLive(state: WorldState, entity: number): boolean {
  const slot = entityIndex(entity);
  return slot < state.slots && state.alive[slot] === 1 &&
    state.generations[slot] * 0x400000 + slot === entity;
}

/**
 * The world digest from the sums of the entity digests' lanes and the live entity count:
 * `lo = fmix32(A ^ n)`, `hi = fmix32(B ^ rotl(lo, 7) ^ (n * 0x9e3779b9))`, as `hi * 2^32 + lo`.
 */
export function worldDigest(sumA: number, sumB: number, n: number): bigint {
  const lo = fmix32(sumA ^ n) >>> 0;
  const hi = fmix32(sumB ^ ((lo << 7) | (lo >>> 25)) ^ Math.imul(n, DANGLING)) >>> 0;
  return u64(hi, lo);
}

/** Packs the two 32-bit halves into a u64 with one bigint allocation. */
const packer = new DataView(new ArrayBuffer(8));
function u64(hi: number, lo: number): bigint {
  packer.setUint32(0, lo, true);
  packer.setUint32(4, hi, true);
  return packer.getBigUint64(0, true);
}

const referenceScratch = new Writer(1024);

/**
 * Calls `visit(slot, targets)` for each member of `store` with the entities it references: its
 * reference fields in field order, or the references inside its dense value in encoding order.
 * `targets` is reused between calls.
 */
export function forEachMemberReferences(
  store: Store,
  visit: (slot: number, targets: readonly number[]) => void,
): void {
  const fields = store.type.fields;
  const dense = store.type.storage === "dense";
  const targets: number[] = [];
  if (dense) {
    refMapping.write = (target) => {
      targets.push(target);
      return 0;
    };
  }
  try {
    for (let r = 0; r < store.count; r++) {
      const s = store.members[r];
      targets.length = 0;
      if (dense) {
        referenceScratch.reset();
        store.type.schema.encodeInto(referenceScratch, store.values[r]);
      } else {
        for (let f = 0; f < fields.length; f++) {
          if (fields[f].kind === "entity") targets.push(store.columns[f][s]);
        }
      }
      visit(s, targets);
    }
  } finally {
    refMapping.write = null;
  }
}

/**
 * How one component's members are absorbed: its name word, and its word columns in field order
 * as 32-bit views (one word per slot, or two for a double) or 8/16-bit columns. Cached per store
 * until its columns are reallocated.
 */
export interface Plan {
  columns: Store["columns"];
  name: number;
  /** Word sources in absorption order: a view, its stride and offset (words per slot, which). */
  words: Int32Array[];
  strides: number[];
  offsets: number[];
  /** For each source, the 8/16-bit column to read instead of `words` (null: read `words`). */
  small: (SmallColumn | null)[];
  /** Whether the component has entity reference fields (absorbed in step 3). */
  referenceFields: boolean;
}

export type SmallColumn = Uint8Array | Int8Array | Uint16Array | Int16Array;

const plans = new WeakMap<Store, Plan>();
export const NO_WORDS = new Int32Array(0);

export function planOf(store: Store): Plan {
  let plan = plans.get(store);
  if (plan !== undefined && plan.columns === store.columns) return plan;
  plan = {
    columns: store.columns,
    name: nameWord(store.type),
    words: [],
    strides: [],
    offsets: [],
    small: [],
    referenceFields: store.type.fields.some((f) => f.kind === "entity"),
  };
  const fields = store.type.fields;
  for (let f = 0; f < fields.length; f++) {
    const kind = fields[f].kind;
    if (kind === "entity") continue; // step 3
    const column = store.columns[f];
    const bytes = kindBytes(kind);
    if (bytes < 4) {
      plan.words.push(NO_WORDS);
      plan.strides.push(0);
      plan.offsets.push(0);
      plan.small.push(column as SmallColumn);
      continue;
    }
    const words = new Int32Array(column.buffer, column.byteOffset, column.byteLength >> 2);
    for (let offset = 0; offset < bytes >> 2; offset++) {
      plan.words.push(words);
      plan.strides.push(bytes >> 2);
      plan.offsets.push(offset);
      plan.small.push(null);
    }
  }
  plans.set(store, plan);
  return plan;
}
