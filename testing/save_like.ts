/**
 * Deterministic "save-like" bytes for LZ4 tests and benchmarks: records shaped like a game
 * save's postcard payload (entity ids, generations, f32 positions on a random walk, health,
 * names and tags from a small vocabulary, inventory items with quantities). It compresses the way
 * real saves do, somewhere between a single repeated byte and noise.
 *
 * @module
 */

import { mulberry32 } from "./random.ts";

const NAMES = [
  "goblin_archer",
  "goblin_shaman",
  "companion_1",
  "Echo Prime",
  "merchant",
  "guard_captain",
  "wolf",
  "skeleton_warrior",
  "villager",
  "blacksmith",
];
const TAGS = ["hostile", "friendly", "quest_giver", "elite", "patrolling", "sleeping", "burning"];
const ITEMS = ["sword", "potion", "arrow", "gold_coin", "health_elixir", "iron_ore", "scroll"];

/**
 * `size` bytes of save-like records, the same for the same `seed`.
 *
 * @example
 * ```ts ignore
 * const data = saveLikeData(100_000);
 * ```
 */
export function saveLikeData(size: number, seed = 1): Uint8Array {
  const random = mulberry32(seed);
  const out = new Uint8Array(size + 512);
  const view = new DataView(out.buffer);
  const utf8 = new TextEncoder();
  let pos = 0;
  const varint = (v: number) => {
    while (v > 0x7f) {
      out[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    out[pos++] = v;
  };
  const string = (s: string) => {
    const bytes = utf8.encode(s);
    varint(bytes.length);
    out.set(bytes, pos);
    pos += bytes.length;
  };
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  let id = 1000;
  let x = 0, y = 0, z = 0;
  while (pos < size) {
    id += 1 + Math.floor(random() * 3);
    varint(id);
    out[pos++] = Math.floor(random() * 4); // generation
    x += random() * 4 - 2;
    y = Math.round(random() * 2) * 0.5;
    z += random() * 4 - 2;
    for (const v of [x, y, z]) {
      view.setFloat32(pos, v, true);
      pos += 4;
    }
    view.setFloat32(pos, pick([100, 75.5, 50, 100, 12.25, 100]), true);
    pos += 4;
    string(random() < 0.3 ? `${pick(NAMES)}_${Math.floor(random() * 100)}` : pick(NAMES));
    const tags = Math.floor(random() * 3);
    varint(tags);
    for (let i = 0; i < tags; i++) string(pick(TAGS));
    const items = Math.floor(random() * 3);
    varint(items);
    for (let i = 0; i < items; i++) {
      string(pick(ITEMS));
      varint(Math.floor(random() * 20));
    }
  }
  return out.slice(0, size);
}
