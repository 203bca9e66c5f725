/**
 * Realistic world-snapshot bytes for benchmarks and tests: what an engine's ECS blob looks like, not
 * one repeated byte. Entities in id order with a generation, an f32 position on a random walk around
 * a few clusters, a velocity (zero for the many entities at rest), a rotation quaternion (identity
 * for most), health (full for most), faction, flags, AI state and a target id, then a table of
 * entity names. It compresses the way real snapshots do: the structure and repeated values shrink,
 * the float mantissas do not.
 *
 * @module
 */

import { mulberry32 } from "./random.ts";

const NAMES = ["goblin_archer", "goblin_shaman", "wolf", "merchant", "guard_captain", "villager"];
/** Bytes per entity record below. */
const RECORD = 4 + 2 + 12 + 12 + 16 + 4 + 1 + 1 + 1 + 4;

/**
 * `size` bytes of a world snapshot, the same for the same `seed`.
 *
 * @example
 * ```ts ignore
 * const blob = worldBlob(100 * 1024);
 * ```
 */
export function worldBlob(size: number, seed = 1): Uint8Array {
  const random = mulberry32(seed);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const entities = Math.max(0, Math.floor((size * 0.9 - 8) / RECORD));
  let pos = 0;
  if (size >= 8) {
    out.set([0x45, 0x43, 0x53, 0x31]); // "ECS1"
    view.setUint32(4, entities, true);
    pos = 8;
  }
  const clusters = Array.from(
    { length: 8 },
    () => [random() * 2000 - 1000, random() * 50, random() * 2000 - 1000],
  );
  let id = 1;
  for (let e = 0; e < entities; e++) {
    id += random() < 0.9 ? 1 : 1 + Math.floor(random() * 20); // despawned ids leave gaps
    const [cx, cy, cz] = clusters[Math.floor(random() * clusters.length)];
    const moving = random() < 0.3;
    view.setUint32(pos, id, true);
    view.setUint16(pos + 4, random() < 0.8 ? 0 : Math.floor(random() * 4), true);
    view.setFloat32(pos + 6, cx + (random() - 0.5) * 40, true);
    view.setFloat32(pos + 10, cy + (random() < 0.7 ? 0 : random() * 3), true);
    view.setFloat32(pos + 14, cz + (random() - 0.5) * 40, true);
    for (let k = 0; k < 3; k++) {
      view.setFloat32(pos + 18 + 4 * k, moving ? (random() - 0.5) * 6 : 0, true);
    }
    if (random() < 0.6) {
      view.setFloat32(pos + 42, 1, true); // identity rotation (w = 1)
    } else {
      const angle = random() * Math.PI * 2; // a turn about the vertical axis
      view.setFloat32(pos + 34, 0, true);
      view.setFloat32(pos + 38, Math.sin(angle / 2), true);
      view.setFloat32(pos + 42, Math.cos(angle / 2), true);
    }
    view.setFloat32(pos + 46, random() < 0.75 ? 100 : Math.round(random() * 1000) / 10, true);
    out[pos + 50] = Math.floor(random() * 4); // faction
    out[pos + 51] = random() < 0.8 ? 0b0001 : Math.floor(random() * 16); // flags
    out[pos + 52] = Math.floor(random() * 6); // AI state
    view.setUint32(pos + 53, random() < 0.7 ? 0 : Math.floor(random() * id), true);
    pos += RECORD;
  }
  // The name table fills the rest: length-prefixed names, as a string table would be.
  const utf8 = new TextEncoder();
  while (pos < size) {
    const name = utf8.encode(
      `${NAMES[Math.floor(random() * NAMES.length)]}_${Math.floor(random() * 100)}`,
    );
    out[pos++] = name.length;
    const n = Math.min(name.length, size - pos);
    out.set(name.subarray(0, n), pos);
    pos += n;
  }
  return out;
}
