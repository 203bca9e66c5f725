// Test helpers: seeded random demo worlds, rebuilding a world in another order, and comparing two
// worlds' contents. Not part of the public API.

import {
  AiAgent,
  Ammo,
  Cooldowns,
  DesiredPos,
  ENGINE_COMPONENTS,
  Health,
  LegacyId,
  Memory,
  Persona,
  Position,
  Team,
} from "../components.ts";
import type { AnyComponent } from "../component.ts";
import { type Entity, NULL_ENTITY } from "../entity.ts";
import { World } from "../world.ts";
import { mulberry32 } from "@astraweave/testing/random";

const WORDS = ["alpha", "beta", "gamma", "δέλτα", "смерч", "火", "🚀rocket", "", "x".repeat(40)];

/**
 * A world of `count` spawned entities (about a tenth despawned again, leaving reused slots), each
 * with a random subset of the demo components and random values, including references to other
 * entities (some left dangling by the despawns).
 */
export function randomWorld(seed: number, count: number): World {
  const r = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)];
  const world = new World(ENGINE_COMPONENTS, 16);
  const spawned: Entity[] = [];
  for (let i = 0; i < count; i++) {
    const e = world.spawn();
    spawned.push(e);
    if (r() < 0.8) {
      world.insert(e, Position, { x: int(-1e6, 1e6), y: int(-(2 ** 31), 2 ** 31 - 1) });
    }
    if (r() < 0.6) world.insert(e, Health, { hp: int(-50, 150) });
    if (r() < 0.4) world.insert(e, Team, { id: int(0, 255) });
    if (r() < 0.3) world.insert(e, Ammo, { rounds: int(0, 99) });
    if (r() < 0.3) world.insert(e, DesiredPos, { x: int(-100, 100), y: int(-100, 100) });
    if (r() < 0.1) world.insert(e, AiAgent, {});
    if (r() < 0.1) {
      const map = new Map<string, number>();
      for (let k = int(0, 3); k > 0; k--) {
        map.set(r() < 0.3 ? "throw:smoke" : pick(WORDS), Math.fround(r() * 10));
      }
      world.insert(e, Cooldowns, { map });
    }
    if (r() < 0.05) {
      world.insert(e, Persona, {
        profile: {
          name: pick(WORDS),
          personality_traits: [pick(WORDS), pick(WORDS)],
          background: pick(WORDS),
        },
      });
    }
    if (r() < 0.05) {
      world.insert(e, Memory, {
        facts: [{
          id: pick(WORDS),
          content: pick(WORDS),
          confidence: Math.fround(r()),
          timestamp: r() * 1e9,
        }],
        episodes: r() < 0.5
          ? []
          : [{ id: "ep", description: pick(WORDS), timestamp: -r(), importance: Math.fround(r()) }],
      });
    }
    if (i > 0 && r() < 0.15) world.insert(e, LegacyId, { id: pick(spawned) });
    // Churn: drop a component now and then, and despawn some earlier entity.
    if (r() < 0.05 && world.has(e, Position)) world.remove(e, Position);
    if (r() < 0.1) {
      const victim = pick(spawned);
      if (world.isAlive(victim)) world.despawn(victim);
    }
  }
  world.tick = int(0, 1e6);
  return world;
}

/**
 * The same contents as `world`, built another way: entities spawned in a shuffled order into a
 * world whose slots were churned first, components registered and inserted in shuffled orders.
 * Only the spawn order differs, so the hash must not change.
 */
export function rebuildShuffled(world: World, seed: number): World {
  const r = mulberry32(seed);
  const shuffle = <T>(xs: T[]) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  };
  const components = shuffle([...world.components()]);
  const out = new World(components);
  // Occupy and free slots so the copy's slots (and rows) differ from the original's.
  const junk = Array.from({ length: 37 }, () => out.spawn());
  for (const e of junk) {
    out.insert(e, Health, { hp: 1 });
    out.insert(e, Memory, { facts: [], episodes: [] });
  }
  for (const e of shuffle(junk)) out.despawn(e);
  const originals = shuffle([...world.entities()]);
  const copyOf = new Map<Entity, Entity>();
  for (const e of originals) copyOf.set(e, out.spawn());
  for (const c of shuffle([...components])) {
    for (const e of originals) {
      const v = world.get(e, c);
      if (v === undefined) continue;
      if (c === LegacyId) {
        const target = (v as { id: Entity }).id;
        out.insert(copyOf.get(e)!, LegacyId, { id: copyOf.get(target) ?? NULL_ENTITY });
      } else out.insert(copyOf.get(e)!, c, structuredClone(v));
    }
  }
  out.tick = world.tick;
  return out;
}

/**
 * Each entity of `world` (in spawn order) as a plain object of its components; references are
 * replaced by the referenced entity's position in spawn order (or -1), so two worlds with equal
 * contents and order give deep-equal descriptions whatever their handles.
 */
export function describe(world: World): Record<string, unknown>[] {
  const order = world.entities();
  const ordinal = new Map(order.map((e, i) => [e, i]));
  return order.map((e) => {
    const out: Record<string, unknown> = {};
    for (const c of world.components() as AnyComponent[]) {
      const v = world.get(e, c);
      if (v === undefined) continue;
      out[c.name] = c === LegacyId ? { id: ordinal.get((v as { id: Entity }).id) ?? -1 } : v;
    }
    return out;
  });
}
