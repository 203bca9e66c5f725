// Version 1 of the world hash, kept so that saves and replay logs recorded with it still verify;
// its algorithm is documented in `hash.ts`. New hashes are version 3. Internal.

import { Writer } from "@astraweave/codec";
import { entityIndex } from "./entity.ts";
import {
  DANGLING,
  fmix32,
  forEachMemberReferences,
  isLive,
  nameWord,
  SEED_A,
  SEED_B,
  worldDigest,
} from "./hash_common.ts";
import { refMapping } from "./ref_mapping.ts";
import { INTERNAL, type Store, storesByName, type World, type WorldState } from "./world.ts";

function mixA(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function mixB(h: number, k: number): number {
  k = Math.imul(k, 0x85ebca77);
  k = (k << 13) | (k >>> 19);
  h ^= Math.imul(k, 0xc2b2ae3d);
  h = (h << 17) | (h >>> 15);
  return (Math.imul(h, 9) + 0x7f4a7c15) | 0;
}

/** Per-slot lanes, reused between calls (hashing is synchronous). */
let laneA = new Int32Array(0);
let laneB = new Int32Array(0);
let shallowA = new Int32Array(0);
let shallowB = new Int32Array(0);
const scratch = new Writer(1024);

function lanes(capacity: number): void {
  if (laneA.length < capacity) {
    laneA = new Int32Array(capacity);
    laneB = new Int32Array(capacity);
  }
}

/**
 * Absorbs the non-reference data of `store`'s members into the lanes. Returns whether a dense
 * value held entity references (absorbed by what they name in step 3).
 */
function absorbStore(store: Store, state: WorldState, la: Int32Array, lb: Int32Array): boolean {
  if (store.count === 0) return false; // nothing to absorb (and maybe no columns allocated)
  const members = store.members;
  const count = store.count;
  const word = nameWord(store.type);
  const fields = store.type.fields;
  // The name word goes in with the first field when that is one word per entity (the usual
  // case): one pass over the members' lanes instead of two.
  const fusedName = store.type.storage === "soa" && fields.length > 0 &&
    wordColumn(store, 0) !== null;
  if (!fusedName) {
    for (let r = 0; r < count; r++) {
      const s = members[r];
      la[s] = mixA(la[s], word);
      lb[s] = mixB(lb[s], word);
    }
    if (store.type.storage === "dense") return absorbDense(store, state, la, lb);
  }
  for (let f = 0; f < fields.length; f++) {
    const words = wordColumn(store, f);
    if (words !== null) {
      if (f === 0) absorbNameAndWords(members, count, word, words, la, lb);
      else absorbWords(members, count, words, la, lb);
    } else if (fields[f].kind !== "entity") { // entity fields wait for step 3
      // f64, u53, i53: the low then the high word of the double.
      const column = store.columns[f];
      const bits = new Int32Array(column.buffer, column.byteOffset, column.length * 2);
      for (let r = 0; r < count; r++) {
        const s = members[r];
        la[s] = mixA(mixA(la[s], bits[2 * s]), bits[2 * s + 1]);
        lb[s] = mixB(mixB(lb[s], bits[2 * s]), bits[2 * s + 1]);
      }
    }
  }
  return false;
}

/**
 * Field `f` of `store` as one 32-bit word per slot (integers of up to 32 bits as `value | 0`
 * reads them, f32 as its bit pattern), or null for a double-width or reference field.
 */
function wordColumn(store: Store, f: number): ArrayLike<number> | null {
  const column = store.columns[f];
  switch (store.type.fields[f].kind) {
    case "entity":
    case "f64":
    case "u53":
    case "i53":
      return null;
    case "f32":
      return new Int32Array(column.buffer, column.byteOffset, column.length);
    default:
      return column;
  }
}

/** Absorbs the name word and then one word per member, in one pass. */
function absorbNameAndWords(
  members: Uint32Array,
  count: number,
  word: number,
  column: ArrayLike<number>,
  la: Int32Array,
  lb: Int32Array,
): void {
  for (let r = 0; r < count; r++) {
    const s = members[r];
    const k = column[s] | 0;
    la[s] = mixA(mixA(la[s], word), k);
    lb[s] = mixB(mixB(lb[s], word), k);
  }
}

function absorbWords(
  members: Uint32Array,
  count: number,
  column: ArrayLike<number>,
  la: Int32Array,
  lb: Int32Array,
): void {
  for (let r = 0; r < count; r++) {
    const s = members[r];
    const k = column[s] | 0;
    la[s] = mixA(la[s], k);
    lb[s] = mixB(lb[s], k);
  }
}

function absorbDense(store: Store, state: WorldState, la: Int32Array, lb: Int32Array): boolean {
  const encode = store.type.schema.encodeInto;
  let references = 0;
  refMapping.write = (target) => {
    references++;
    return isLive(state, target) ? 1 : 0;
  };
  try {
    for (let r = 0; r < store.count; r++) absorbDenseValue(store, r, encode, la, lb);
  } finally {
    refMapping.write = null;
  }
  return references > 0;
}

/** Absorbs dense value `r` of `store`: its postcard bytes as words, then their length. */
function absorbDenseValue(
  store: Store,
  r: number,
  encode: Store["type"]["schema"]["encodeInto"],
  la: Int32Array,
  lb: Int32Array,
): void {
  const s = store.members[r];
  scratch.reset();
  encode(scratch, store.values[r]);
  const bytes = scratch.buf;
  const n = scratch.pos;
  let a = la[s];
  let b = lb[s];
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    a = mixA(a, k);
    b = mixB(b, k);
  }
  if (i < n) {
    let k = 0;
    for (let j = 0; i + j < n; j++) k |= bytes[i + j] << (8 * j);
    a = mixA(a, k);
    b = mixB(b, k);
  }
  la[s] = mixA(a, n);
  lb[s] = mixB(b, n);
}

function hasReferences(store: Store): boolean {
  return store.count > 0 && store.type.fields.some((f) => f.kind === "entity");
}

/**
 * Absorbs the references of `store` (its reference fields, or the references inside its dense
 * values in encoding order) by the referenced entities' shallow digests.
 */
function absorbReferences(store: Store, state: WorldState, la: Int32Array, lb: Int32Array): void {
  const word = nameWord(store.type);
  forEachMemberReferences(store, (s, targets) => {
    let a = mixA(la[s], word);
    let b = mixB(lb[s], word);
    for (const target of targets) {
      const t = entityIndex(target);
      if (isLive(state, target)) {
        a = mixA(mixA(a, shallowA[t]), shallowB[t]);
        b = mixB(mixB(b, shallowA[t]), shallowB[t]);
      } else {
        a = mixA(mixA(a, DANGLING), 0);
        b = mixB(mixB(b, DANGLING), 0);
      }
    }
    la[s] = a;
    lb[s] = b;
  });
}

/** Finalizes slot `s` into `outA`/`outB`. */
function finalize(
  a: number,
  b: number,
  s: number,
  outA: Int32Array,
  outB: Int32Array,
): void {
  const fa = fmix32(a ^ ((b << 16) | (b >>> 16)));
  outA[s] = fa;
  outB[s] = fmix32((b + fa) | 0);
}

/** Version 1 of the world hash (algorithm in `hash.ts`). */
export function worldHashV1(world: World): bigint {
  const state = world[INTERNAL];
  const slots = state.slots;
  lanes(slots);
  const la = laneA;
  const lb = laneB;
  const alive = state.alive;
  la.fill(SEED_A, 0, slots);
  lb.fill(SEED_B, 0, slots);
  const stores = storesByName(state.stores);
  const referencing: Store[] = [];
  for (const store of stores) {
    if (absorbStore(store, state, la, lb) || hasReferences(store)) referencing.push(store);
  }
  const references = referencing.length > 0;

  if (references) {
    if (shallowA.length < slots) {
      shallowA = new Int32Array(la.length);
      shallowB = new Int32Array(la.length);
    }
    for (let s = 0; s < slots; s++) {
      if (alive[s] === 1) finalize(la[s], lb[s], s, shallowA, shallowB);
    }
    for (const store of referencing) absorbReferences(store, state, la, lb);
  }

  let sumA = 0;
  let sumB = 0;
  for (let s = 0; s < slots; s++) {
    if (alive[s] !== 1) continue;
    const a = la[s];
    const b = lb[s];
    const fa = fmix32(a ^ ((b << 16) | (b >>> 16)));
    sumA = (sumA + fa) | 0;
    sumB = (sumB + fmix32((b + fa) | 0)) | 0;
  }
  return worldDigest(sumA, sumB, state.live);
}

/**
 * Per-component digests, for telling which components differ between two worlds whose hashes
 * differ (replay uses it). Each is order-independent over the component's members, like the world
 * hash, but covers that component alone: its members' values (a reference field counts only
 * whether it points at a live entity), not which entity holds which value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { componentHashes, defineComponent, World } from "@astraweave/persistence-ecs";
 * import { i32 } from "@astraweave/codec";
 * const Health = defineComponent("health", { hp: i32 });
 * const world = new World([Health]);
 * world.insert(world.spawn(), Health, { hp: 5 });
 * assert.deepEqual([...componentHashes(world).keys()], ["health"]);
 * ```
 */
export function componentHashes(world: World): Map<string, bigint> {
  const state = world[INTERNAL];
  lanes(state.slots);
  const la = laneA;
  const lb = laneB;
  const out = new Map<string, bigint>();
  for (const store of storesByName(state.stores)) {
    const members = store.members;
    for (let r = 0; r < store.count; r++) {
      la[members[r]] = SEED_A;
      lb[members[r]] = SEED_B;
    }
    absorbStore(store, state, la, lb);
    const refFields = store.type.fields.map((f, i) => (f.kind === "entity" ? i : -1))
      .filter((i) => i >= 0);
    let sumA = 0;
    let sumB = 0;
    for (let r = 0; r < store.count; r++) {
      const s = members[r];
      let a = la[s];
      let b = lb[s];
      for (const f of refFields) {
        const live = isLive(state, store.columns[f][s]) ? 1 : 0;
        a = mixA(a, live);
        b = mixB(b, live);
      }
      const fa = fmix32(a ^ ((b << 16) | (b >>> 16)));
      sumA = (sumA + fa) | 0;
      sumB = (sumB + fmix32((b + fa) | 0)) | 0;
    }
    out.set(store.type.name, worldDigest(sumA, sumB, store.count));
  }
  return out;
}
