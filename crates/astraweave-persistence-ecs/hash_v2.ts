// Version 2 of the world hash, kept so that saves and replay logs recorded with it still verify;
// its algorithm is documented in `hash.ts`. New hashes are version 3. Internal.

import { Writer } from "@astraweave/codec";
import { entityIndex } from "./entity.ts";
import {
  DANGLING,
  fmix32,
  forEachMemberReferences,
  isLive,
  NO_WORDS,
  planOf,
  SEED_A,
  SEED_B,
  type SmallColumn,
  worldDigest,
} from "./hash_common.ts";
import { refMapping } from "./ref_mapping.ts";
import { INTERNAL, type Store, storesByName, type World, type WorldState } from "./world.ts";

/** Lane `a` absorbs word `k` for the component whose constant is `n`. */
function mixA(a: number, k: number, n: number): number {
  a = (Math.imul(a ^ k, 0x9e3779b1) + n) | 0;
  return (a << 15) | (a >>> 17);
}

/** Lane `b` absorbs word `k` for the component whose constant is `n`. */
function mixB(b: number, k: number, n: number): number {
  b = (Math.imul(b + k, 0x85ebca77) + n) | 0;
  return (b << 13) | (b >>> 19);
}

/** Lane `a` of an entity digest, finalized: `a' = xmx(a ^ rotl(b, 16), 0x85ebca6b)`. */
function finalA(a: number, b: number): number {
  return xmx(a ^ ((b << 16) | (b >>> 16)), 0x85ebca6b);
}

/** Lane `b` of an entity digest, finalized: `b' = xmx(b, 0xc2b2ae35)`. */
function finalB(b: number): number {
  return xmx(b, 0xc2b2ae35);
}

/** Xorshift, multiply, xorshift: `h ^= h >>> 16; h *= m; h ^= h >>> 15`. */
function xmx(h: number, m: number): number {
  h = Math.imul(h ^ (h >>> 16), m);
  return h ^ (h >>> 15);
}

/** Entity lanes by slot, reused between calls (hashing is synchronous). */
let laneA = new Int32Array(0);
let laneB = new Int32Array(0);
/** Shallow digests by slot (step 3). */
let shallowA = new Int32Array(0);
let shallowB = new Int32Array(0);
const scratch = new Writer(1024);

/**
 * Absorbs the non-reference data of `store`'s members into the lanes. Returns whether the members
 * hold entity references (absorbed by what they name in step 3): reference fields, or references
 * inside dense values.
 */
function absorbStore(store: Store, state: WorldState, la: Int32Array, lb: Int32Array): boolean {
  if (store.count === 0) return false; // nothing to absorb (and maybe no columns allocated)
  const members = store.members;
  const count = store.count;
  const plan = planOf(store);
  const { words, strides, offsets, small } = plan;
  const na = plan.name;
  const nb = fmix32(na);
  if (store.type.storage === "dense") return absorbDense(store, state, la, lb, na, nb);
  const n = words.length;
  if (n === 0) absorbConstant(members, count, 0, na, nb, la, lb);
  let i = 0;
  while (i < n) {
    if (small[i] !== null) {
      absorbSmall(members, count, small[i]!, na, nb, la, lb);
      i++;
    } else if (i + 1 < n && small[i + 1] === null) {
      absorbTwo(
        members,
        count,
        words[i],
        strides[i],
        offsets[i],
        words[i + 1],
        strides[i + 1],
        offsets[i + 1],
        na,
        nb,
        la,
        lb,
      );
      i += 2;
    } else {
      absorbTwo(members, count, words[i], strides[i], offsets[i], NO_WORDS, 0, -1, na, nb, la, lb);
      i++;
    }
  }
  return plan.referenceFields;
}

/** Absorbs the word `k` into every member (a component with no word of its own). */
function absorbConstant(
  members: Uint32Array,
  count: number,
  k: number,
  na: number,
  nb: number,
  la: Int32Array,
  lb: Int32Array,
): void {
  for (let r = 0; r < count; r++) {
    const s = members[r];
    la[s] = mixA(la[s], k, na);
    lb[s] = mixB(lb[s], k, nb);
  }
}

/**
 * Absorbs word `stride0 * slot + offset0` of `words0`, then (unless `offset1` is -1) word
 * `stride1 * slot + offset1` of `words1`: two word columns in one pass over the lanes.
 */
function absorbTwo(
  members: Uint32Array,
  count: number,
  words0: Int32Array,
  stride0: number,
  offset0: number,
  words1: Int32Array,
  stride1: number,
  offset1: number,
  na: number,
  nb: number,
  la: Int32Array,
  lb: Int32Array,
): void {
  if (offset1 < 0) {
    for (let r = 0; r < count; r++) {
      const s = members[r];
      const k = words0[stride0 * s + offset0];
      la[s] = mixA(la[s], k, na);
      lb[s] = mixB(lb[s], k, nb);
    }
    return;
  }
  for (let r = 0; r < count; r++) {
    const s = members[r];
    const k0 = words0[stride0 * s + offset0];
    const k1 = words1[stride1 * s + offset1];
    la[s] = mixA(mixA(la[s], k0, na), k1, na);
    lb[s] = mixB(mixB(lb[s], k0, nb), k1, nb);
  }
}

/** Absorbs an 8- or 16-bit column (its values as 32-bit words: sign-extended when signed). */
function absorbSmall(
  members: Uint32Array,
  count: number,
  column: SmallColumn,
  na: number,
  nb: number,
  la: Int32Array,
  lb: Int32Array,
): void {
  for (let r = 0; r < count; r++) {
    const s = members[r];
    const k = column[s];
    la[s] = mixA(la[s], k, na);
    lb[s] = mixB(lb[s], k, nb);
  }
}

/** Absorbs the dense values (step 1); returns whether any held an entity reference. */
function absorbDense(
  store: Store,
  state: WorldState,
  la: Int32Array,
  lb: Int32Array,
  na: number,
  nb: number,
): boolean {
  const encode = store.type.schema.encodeInto;
  denseReferences = 0;
  denseState = state;
  refMapping.write = liveWord;
  try {
    for (let r = 0; r < store.count; r++) {
      scratch.reset();
      encode(scratch, store.values[r]);
      absorbBytes(scratch.buf, scratch.pos, store.members[r], la, lb, na, nb);
    }
  } finally {
    refMapping.write = null;
    denseState = null;
  }
  return denseReferences > 0;
}

/** What {@link liveWord} counts and reads while a dense store is absorbed (no closure per call). */
let denseReferences = 0;
let denseState: WorldState | null = null;

/** A reference inside a dense value encodes as 1 when it names a live entity, else 0. */
function liveWord(target: number): number {
  denseReferences++;
  return isLive(denseState!, target) ? 1 : 0;
}

/** Absorbs `n` bytes as little-endian words (the last zero-padded), then `n`, into slot `s`. */
function absorbBytes(
  bytes: Uint8Array,
  n: number,
  s: number,
  la: Int32Array,
  lb: Int32Array,
  na: number,
  nb: number,
): void {
  let a = la[s];
  let b = lb[s];
  let p = 0;
  for (; p + 4 <= n; p += 4) {
    const k = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
    a = mixA(a, k, na);
    b = mixB(b, k, nb);
  }
  if (p < n) {
    let k = 0;
    for (let j = 0; p + j < n; j++) k |= bytes[p + j] << (8 * j);
    a = mixA(a, k, na);
    b = mixB(b, k, nb);
  }
  la[s] = mixA(a, n, na);
  lb[s] = mixB(b, n, nb);
}

/**
 * Absorbs the references of `store` (its reference fields, or the references inside its dense
 * values in encoding order) by the referenced entities' shallow digests.
 */
function absorbReferences(store: Store, state: WorldState, la: Int32Array, lb: Int32Array): void {
  const na = planOf(store).name;
  const nb = fmix32(na);
  forEachMemberReferences(store, (s, targets) => {
    let a = la[s];
    let b = lb[s];
    for (const target of targets) {
      const t = entityIndex(target);
      const live = isLive(state, target);
      const sa = live ? shallowA[t] : DANGLING;
      const sb = live ? shallowB[t] : 0;
      a = mixA(mixA(a, sa, na), sb, na);
      b = mixB(mixB(b, sa, nb), sb, nb);
    }
    la[s] = a;
    lb[s] = b;
  });
}

/** Version 2 of the world hash (algorithm in `hash.ts`). */
export function worldHashV2(world: World): bigint {
  const state = world[INTERNAL];
  const slots = state.slots;
  if (laneA.length < slots) {
    laneA = new Int32Array(state.capacity);
    laneB = new Int32Array(state.capacity);
  }
  const la = laneA;
  const lb = laneB;
  la.fill(SEED_A, 0, slots);
  lb.fill(SEED_B, 0, slots);
  let referencing: Store[] | null = null;
  for (const store of storesByName(state.stores)) {
    if (absorbStore(store, state, la, lb)) (referencing ??= []).push(store);
  }
  const alive = state.alive;
  if (referencing !== null) {
    if (shallowA.length < slots) {
      shallowA = new Int32Array(state.capacity);
      shallowB = new Int32Array(state.capacity);
    }
    for (let s = 0; s < slots; s++) {
      if (alive[s] !== 1) continue;
      shallowA[s] = finalA(la[s], lb[s]);
      shallowB[s] = finalB(lb[s]);
    }
    for (const store of referencing) absorbReferences(store, state, la, lb);
  }
  // Every slot is summed, dead ones too: they still hold the seeds (no component has them), so
  // their share is taken back out in one step instead of testing each slot.
  const dead = slots - state.live;
  let sumA = -Math.imul(dead, finalA(SEED_A, SEED_B));
  let sumB = -Math.imul(dead, finalB(SEED_B));
  for (let s = 0; s < slots; s++) {
    const b = lb[s];
    sumA = (sumA + finalA(la[s], b)) | 0;
    sumB = (sumB + finalB(b)) | 0;
  }
  return worldDigest(sumA, sumB, state.live);
}
