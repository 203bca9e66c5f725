// What both versions of the world hash share: the component name words, MurmurHash3's finalizer,
// the live check, the walk over a component's references and the packing of the result. Internal (the algorithms are documented in
// `hash.ts`).

import { Writer } from "@astraweave/codec";
import type { ComponentType } from "./component.ts";
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
