/**
 * The world hash: a 64-bit digest of a world's contents that is the same on every run and
 * machine, whatever order the entities were spawned or their components added in, and however the
 * storage happens to be laid out (slots reused, rows swapped). Any change to any field of any
 * component of any entity changes it (up to 64-bit collisions).
 *
 * The hash is versioned ({@link WORLD_HASH_VERSION}): version 3 is the current one; versions 1
 * and 2 are still computed for data recorded with them, so that data keeps verifying. Saves
 * record the version in their metadata (`world_hash_version`; a save without it is version 1),
 * replay logs in their format byte (format 1 holds version 1 hashes, format 2 version 2). The
 * versions give different values for the same world.
 *
 * ## Algorithm (version 3)
 *
 * All arithmetic is modulo 2^32; `N(c)` is the FNV-1a 32-bit hash of component `c`'s name (its
 * UTF-16 code units, low byte then high byte).
 *
 * 1. **Entity digest.** Each live entity gets a digest of two 32-bit lanes `(a, b)`, seeded with
 *    `a = 0x243f6a88`, `b = 0x85a308d3`. Its components are visited in ascending order of their
 *    names (UTF-16 code-unit order); for each component `c`, the lanes absorb its fields in
 *    declaration order, as 32-bit words `k`:
 *    `a = rotl((a ^ k) * 0x9e3779b1 + N(c), 15)`, then `b = b + a`.
 *    The words of a field:
 *    - integer fields of up to 32 bits: the value as a 32-bit two's-complement word;
 *    - `f32`: its IEEE-754 bit pattern; `f64`, `u53`, `i53`: the low then the high word of the
 *      IEEE-754 double that stores it (so `-0` and `0` differ, and NaNs hash by their bits);
 *    - entity references: none here (step 3); a component with no other word (a tag, a component
 *      of references only) absorbs the single word 0;
 *    - dense components: the postcard encoding of the value, as little-endian words (the last one
 *      zero-padded), then its byte length; each entity reference inside the value is encoded as
 *      1 when it names a live entity and 0 otherwise (what it names is absorbed in step 3).
 *
 *    `N(c)` makes the component's identity part of every word it adds, at no extra word per
 *    entity. Lane `a` is a chain of multiply-rotate steps, lane `b` the sum of the states that
 *    chain went through. Each absorption is a bijection of the lanes for a fixed word and
 *    injective in the word for fixed lanes, so changing any one word always changes the digest.
 * 2. **Finalize.** `a' = xmx(a ^ rotl(b, 16), 0x85ebca6b)`, `b' = b + a'`, where `xmx(h, m)` is
 *    `h ^= h >>> 16; h *= m; h ^= h >>> 15` (a bijection of `(a, b)`: `b = b' - a'`, then `a`).
 *    Lane `b` needs no mixing of its own: it is already a sum of mixed states.
 * 3. **References.** When a numeric component has `entityRef` fields, or a dense component's
 *    values hold references, every entity's shallow digest (step 2 applied to its lanes so far)
 *    is computed; then, in component name order, each member absorbs (with the component's
 *    `N(c)`), per reference field or per reference in the value's encoding order, the referenced
 *    entity's shallow digest `a'` then `b'`, or `0x9e3779b9` then `0` when it names no live
 *    entity. So a reference hashes by what it points at, not by handle values.
 * 4. **World.** `A` = sum of all `a'`, `B` = sum of all `b'` (order-independent, and unlike XOR
 *    two equal entities do not cancel), `n` = the number of live entities. Then
 *    `lo = fmix32(A ^ n)`, `hi = fmix32(B ^ rotl(lo, 7) ^ (n * 0x9e3779b9))`, where fmix32 is
 *    MurmurHash3's finalizer, and the hash is `hi * 2^32 + lo` as an unsigned 64-bit bigint.
 *
 * The world's tick is not part of the hash; the saved tick travels beside it.
 *
 * ## Version 2
 *
 * The same four steps, with these differences. Lane `b` is a chain of its own, with its own
 * constants: `b = rotl((b + k) * 0x85ebca77 + fmix32(N(c)), 13)` (lane `a` is as in version 3).
 * Step 2 is `a' = xmx(a ^ rotl(b, 16), 0x85ebca6b)`, `b' = xmx(b, 0xc2b2ae35)`. Version 3 does
 * one multiply per word and one per entity in step 2 where version 2 did two, for the same
 * guarantees.
 *
 * ## Version 1
 *
 * Version 2's steps, with these differences. In step 1 each component first absorbs the word
 * `N(c)` (instead of the constants), a component with no other word absorbs nothing more, and
 * lane `a` absorbs a word `k` with a MurmurHash3 round
 * (`k *= 0xcc9e2d51; k = rotl(k, 15); k *= 0x1b873593; a ^= k; a = rotl(a, 13) * 5 + 0xe6546b64`),
 * lane `b` with the same shape and other constants
 * (`k *= 0x85ebca77; k = rotl(k, 13); k *= 0xc2b2ae3d; b ^= k; b = rotl(b, 17) * 9 + 0x7f4a7c15`).
 * Step 2 is `a' = fmix32(a ^ rotl(b, 16))`, `b' = fmix32(b + a')`. In step 3 each referencing
 * member absorbs `N(c)` before the shallow digests.
 *
 * @module
 */

import { Writer } from "@astraweave/codec";
import { entityIndex } from "./entity.ts";
import { EcsError } from "./error.ts";
import {
  DANGLING,
  forEachMemberReferences,
  isLive,
  planOf,
  SEED_A,
  SEED_B,
  type SmallColumn,
  worldDigest,
} from "./hash_common.ts";
import { worldHashV1 } from "./hash_v1.ts";
import { worldHashV2 } from "./hash_v2.ts";
import { refMapping } from "./ref_mapping.ts";
import { INTERNAL, type Store, storesByName, type World, type WorldState } from "./world.ts";

export { componentHashes } from "./hash_v1.ts";

/** The version of the world hash that {@link worldHash} computes by default. */
export const WORLD_HASH_VERSION = 3;

/**
 * A version of the world hash: 1 and 2 for data recorded before version 3, 3 for the current one.
 */
export type WorldHashVersion = 1 | 2 | 3;

/** Lane `a` absorbs word `k` for the component whose name word is `n` (lane `b` adds the result). */
function mix(a: number, k: number, n: number): number {
  a = (Math.imul(a ^ k, 0x9e3779b1) + n) | 0;
  return (a << 15) | (a >>> 17);
}

/** Lane `a` of an entity digest, finalized: `a' = xmx(a ^ rotl(b, 16), 0x85ebca6b)`. */
function finalA(a: number, b: number): number {
  return xmx(a ^ ((b << 16) | (b >>> 16)), 0x85ebca6b);
}

/** Lane `b` of an entity digest, finalized: `b' = b + a'`. */
function finalB(b: number, finalizedA: number): number {
  return (b + finalizedA) | 0;
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
/** The encodings of a dense store's values, each zero-padded to whole words, and their lengths. */
const scratch = new Writer(1024);
let scratchWords = new Int32Array(scratch.buf.buffer);
let encodedLengths = new Int32Array(64);

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
  if (store.type.storage === "dense") return absorbDense(store, state, la, lb, plan.name);
  const { name, words, strides, offsets, small } = plan;
  const n = words.length;
  if (n === 0) absorbConstant(members, count, name, la, lb);
  let i = 0;
  while (i < n) {
    const column = small[i];
    if (column !== null) {
      absorbSmall(members, count, column, name, la, lb);
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
        name,
        la,
        lb,
      );
      i += 2;
    } else {
      absorbTwo(members, count, words[i], strides[i], offsets[i], words[i], 0, -1, name, la, lb);
      i++;
    }
  }
  return plan.referenceFields;
}

/** Absorbs the word 0 into every member (a component with no word of its own). */
function absorbConstant(
  members: Uint32Array,
  count: number,
  name: number,
  la: Int32Array,
  lb: Int32Array,
): void {
  for (let r = 0; r < count; r++) {
    const s = members[r];
    const a = mix(la[s], 0, name);
    la[s] = a;
    lb[s] = (lb[s] + a) | 0;
  }
}

/**
 * Absorbs word `stride0 * slot + offset0` of `words0`, then (unless `offset1` is -1) word
 * `stride1 * slot + offset1` of `words1`: two word columns in one pass over the lanes. Single
 * columns come here too. Columns of one word per slot (every 32-bit field) get loops without the
 * index arithmetic: about 10% of the whole hash of the benchmark world each (measured in V8, as
 * was the shape of this dispatch: called from {@link absorbStore} directly, the one-word loop
 * measured slower).
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
  name: number,
  la: Int32Array,
  lb: Int32Array,
): void {
  if (stride0 === 1 && stride1 === 1 && offset1 === 0) {
    // Two 32-bit fields, each its own column: the common case, with the index arithmetic gone.
    for (let r = 0; r < count; r++) {
      const s = members[r];
      const a0 = mix(la[s], words0[s], name);
      const a1 = mix(a0, words1[s], name);
      la[s] = a1;
      lb[s] = (lb[s] + a0 + a1) | 0;
    }
    return;
  }
  if (offset1 < 0) {
    if (stride0 === 1) absorbOne(members, count, words0, name, la, lb);
    else {
      for (let r = 0; r < count; r++) {
        const s = members[r];
        const a = mix(la[s], words0[stride0 * s + offset0], name);
        la[s] = a;
        lb[s] = (lb[s] + a) | 0;
      }
    }
    return;
  }
  for (let r = 0; r < count; r++) {
    const s = members[r];
    const a0 = mix(la[s], words0[stride0 * s + offset0], name);
    const a1 = mix(a0, words1[stride1 * s + offset1], name);
    la[s] = a1;
    lb[s] = (lb[s] + a0 + a1) | 0;
  }
}

/** Absorbs a column of one 32-bit word per slot. */
function absorbOne(
  members: Uint32Array,
  count: number,
  words: Int32Array,
  name: number,
  la: Int32Array,
  lb: Int32Array,
): void {
  for (let r = 0; r < count; r++) {
    const s = members[r];
    const a = mix(la[s], words[s], name);
    la[s] = a;
    lb[s] = (lb[s] + a) | 0;
  }
}

/** Absorbs an 8- or 16-bit column (its values as 32-bit words: sign-extended when signed). */
function absorbSmall(
  members: Uint32Array,
  count: number,
  column: SmallColumn,
  name: number,
  la: Int32Array,
  lb: Int32Array,
): void {
  for (let r = 0; r < count; r++) {
    const s = members[r];
    const a = mix(la[s], column[s], name);
    la[s] = a;
    lb[s] = (lb[s] + a) | 0;
  }
}

/**
 * Absorbs the dense values (step 1); returns whether any held an entity reference. The values are
 * encoded first, one after the other, each zero-padded to whole words, then absorbed as words
 * read straight from the encoding buffer.
 */
function absorbDense(
  store: Store,
  state: WorldState,
  la: Int32Array,
  lb: Int32Array,
  name: number,
): boolean {
  const encode = store.type.schema.encodeInto;
  const count = store.count;
  const values = store.values;
  if (encodedLengths.length < count) {
    encodedLengths = new Int32Array(Math.max(count, 2 * encodedLengths.length));
  }
  const lengths = encodedLengths;
  denseReferences = 0;
  denseState = state;
  refMapping.write = liveWord;
  scratch.reset();
  try {
    for (let r = 0; r < count; r++) {
      const start = scratch.pos;
      encode(scratch, values[r]);
      const end = scratch.pos;
      lengths[r] = end - start;
      padToWord(end);
    }
  } finally {
    refMapping.write = null;
    denseState = null;
  }
  if (scratchWords.buffer !== scratch.buf.buffer) scratchWords = new Int32Array(scratch.buf.buffer);
  const words = scratchWords;
  const members = store.members;
  let p = 0;
  for (let r = 0; r < count; r++) {
    const s = members[r];
    const length = lengths[r];
    const end = p + ((length + 3) >> 2);
    let a = la[s];
    let b = lb[s];
    for (; p < end; p++) {
      a = mix(a, words[p], name);
      b = (b + a) | 0;
    }
    a = mix(a, length, name);
    la[s] = a;
    lb[s] = (b + a) | 0;
  }
  return denseReferences > 0;
}

/** Zero-pads the scratch encoding, which ends at `end`, to a whole number of words. */
function padToWord(end: number): void {
  // Three zero bytes, of which the padding is the first 0 to 3: cheaper than a fill() call.
  scratch.reserve(3);
  const buf = scratch.buf;
  buf[end] = 0;
  buf[end + 1] = 0;
  buf[end + 2] = 0;
  scratch.pos = end + (-end & 3);
}

/** What {@link liveWord} counts and reads while a dense store is absorbed (no closure per call). */
let denseReferences = 0;
let denseState: WorldState | null = null;

/** A reference inside a dense value encodes as 1 when it names a live entity, else 0. */
function liveWord(target: number): number {
  denseReferences++;
  return isLive(denseState!, target) ? 1 : 0;
}

/**
 * Absorbs the references of `store` (its reference fields, or the references inside its dense
 * values in encoding order) by the referenced entities' shallow digests.
 */
function absorbReferences(store: Store, state: WorldState, la: Int32Array, lb: Int32Array): void {
  const name = planOf(store).name;
  forEachMemberReferences(store, (s, targets) => {
    let a = la[s];
    let b = lb[s];
    for (const target of targets) {
      const t = entityIndex(target);
      const live = isLive(state, target);
      const a0 = mix(a, live ? shallowA[t] : DANGLING, name);
      a = mix(a0, live ? shallowB[t] : 0, name);
      b = (b + a0 + a) | 0;
    }
    la[s] = a;
    lb[s] = b;
  });
}

/**
 * The deterministic 64-bit hash of a world's contents (algorithm in the module docs), by default
 * of the current version; versions 1 and 2 compute the hashes that data recorded before version
 * 3 holds.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defineComponent, World, worldHash } from "@astraweave/persistence-ecs";
 * import { i32 } from "@astraweave/codec";
 *
 * const Health = defineComponent("health", { hp: i32 });
 * const build = (hps: number[]) => {
 *   const w = new World([Health]);
 *   for (const hp of hps) w.insert(w.spawn(), Health, { hp });
 *   return w;
 * };
 * assert.equal(worldHash(build([1, 2])), worldHash(build([2, 1])));
 * assert.notEqual(worldHash(build([1, 2])), worldHash(build([1, 3])));
 * assert.notEqual(worldHash(build([1, 2]), 2), worldHash(build([1, 2]), 3));
 * ```
 */
export function worldHash(world: World, version: WorldHashVersion = WORLD_HASH_VERSION): bigint {
  if (version === 1) return worldHashV1(world);
  if (version === 2) return worldHashV2(world);
  if (version !== 3) {
    throw new EcsError("invalid_value", `world hash version ${version} is not 1, 2 or 3`);
  }
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
      const a = finalA(la[s], lb[s]);
      shallowA[s] = a;
      shallowB[s] = finalB(lb[s], a);
    }
    for (const store of referencing) absorbReferences(store, state, la, lb);
  }
  // Every slot is summed, dead ones too: they still hold the seeds (no component has them), so
  // their share is taken back out in one step instead of testing each slot.
  const dead = slots - state.live;
  const seedA = finalA(SEED_A, SEED_B);
  let sumA = -Math.imul(dead, seedA);
  let sumB = -Math.imul(dead, finalB(SEED_B, seedA));
  for (let s = 0; s < slots; s++) {
    const a = finalA(la[s], lb[s]);
    sumA = (sumA + a) | 0;
    sumB = (sumB + finalB(lb[s], a)) | 0;
  }
  return worldDigest(sumA, sumB, state.live);
}

/**
 * A hash as 16 lowercase hex digits.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatHash } from "@astraweave/persistence-ecs";
 * assert.equal(formatHash(255n), "00000000000000ff");
 * ```
 */
export function formatHash(hash: bigint): string {
  return hash.toString(16).padStart(16, "0");
}
