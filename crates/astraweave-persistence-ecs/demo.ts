/**
 * The component set of the original AstraWeave ECS (`astraweave-core`'s `ecs_components`), for
 * demo worlds, tests and benchmarks: position, health, team, ammo, cooldowns, desired position, AI
 * agent, legacy id (an entity reference), persona and memory. Also a small deterministic
 * simulation over them, for replay.
 *
 * @module
 */

import {
  CodecError,
  enumOf,
  f32,
  f64,
  i32,
  Reader,
  type Schema,
  seq,
  string,
  struct,
  tuple,
  u8,
  Writer,
} from "@astraweave/codec";
import {
  type AnyComponent,
  type ComponentType,
  defineComponent,
  entityRef,
  type NumericComponent,
} from "./component.ts";
import { entityIndex } from "./entity.ts";
import { sortedMap } from "./sorted_map.ts";
import { World } from "./world.ts";

/** `CPos { pos: IVec2 }`: grid position. */
export const Position: NumericComponent<"x" | "y"> = defineComponent("pos", { x: i32, y: i32 });
/** `CHealth { hp: i32 }`. */
export const Health: NumericComponent<"hp"> = defineComponent("health", { hp: i32 });
/** `CTeam { id: u8 }`. */
export const Team: NumericComponent<"id"> = defineComponent("team", { id: u8 });
/** `CAmmo { rounds: i32 }`. */
export const Ammo: NumericComponent<"rounds"> = defineComponent("ammo", { rounds: i32 });
/** `CDesiredPos { pos: IVec2 }`: where the entity is heading. */
export const DesiredPos: NumericComponent<"x" | "y"> = defineComponent("desired_pos", {
  x: i32,
  y: i32,
});
/** `CAiAgent`: a tag. */
export const AiAgent: NumericComponent<never> = defineComponent("ai_agent", {});
/** `CLegacyId { id: Entity }`: a reference to another entity (remapped on load). */
export const LegacyId: NumericComponent<"id"> = defineComponent("legacy_id", { id: entityRef });

/**
 * `CooldownKey` as its display string: `"throw:smoke"` is the `ThrowSmoke` variant (discriminant
 * 0), anything else `Custom(string)` (discriminant 1, then the string), as Rust encodes the enum.
 */
export const cooldownKey: Schema<string> = {
  kind: "enum",
  minSize: 1,
  encodeInto: (w, key) => {
    if (key === "throw:smoke") w.varint32(0);
    else {
      w.varint32(1);
      string.encodeInto(w, key);
    }
  },
  decodeFrom: (r) => {
    const at = r.pos;
    const tag = r.varint32();
    if (tag === 0) return "throw:smoke";
    if (tag === 1) return r.string();
    throw new CodecError("unknown_variant", `CooldownKey discriminant ${tag} is not 0 or 1`, at);
  },
  encode: (key) => {
    const w = new Writer(16);
    cooldownKey.encodeInto(w, key);
    return w.toBytes();
  },
  decode: (bytes) => {
    const r = new Reader(bytes);
    const key = cooldownKey.decodeFrom(r);
    r.finish();
    return key;
  },
};
// Rust's derived Ord on CooldownKey: ThrowSmoke before every Custom, Customs by their string.
const cooldownOrder = (a: string, b: string): number => {
  if (a === b) return 0;
  if (a === "throw:smoke") return -1;
  if (b === "throw:smoke") return 1;
  return a < b ? -1 : 1;
};
/** `CCooldowns { map: BTreeMap<CooldownKey, f32> }`: seconds left per ability. */
export const Cooldowns: ComponentType<{ map: Map<string, number> }> = defineComponent("cooldowns", {
  map: sortedMap(cooldownKey, f32, cooldownOrder),
});

/** `CompanionProfile`. */
export interface CompanionProfile {
  /** The companion's name. */
  name: string;
  /** Traits, in order. */
  personality_traits: string[];
  /** Free text. */
  background: string;
}
/** `Fact`: something a companion knows. */
export interface Fact {
  /** Identifier. */
  id: string;
  /** What is known. */
  content: string;
  /** 0 to 1 (f32). */
  confidence: number;
  /** When it was learned (f64 seconds). */
  timestamp: number;
}
/** `Episode`: something a companion lived through. */
export interface Episode {
  /** Identifier. */
  id: string;
  /** What happened. */
  description: string;
  /** When (f64 seconds). */
  timestamp: number;
  /** How much it matters (f32). */
  importance: number;
}
/** The schema of {@link CompanionProfile}. */
export const companionProfile: Schema<CompanionProfile> = struct({
  name: string,
  personality_traits: seq(string),
  background: string,
});
/** `CPersona { profile: CompanionProfile }`. */
export const Persona: ComponentType<{ profile: CompanionProfile }> = defineComponent("persona", {
  profile: companionProfile,
});

/** The schema of {@link Fact}. */
export const fact: Schema<Fact> = struct({
  id: string,
  content: string,
  confidence: f32,
  timestamp: f64,
});
/** The schema of {@link Episode}. */
export const episode: Schema<Episode> = struct({
  id: string,
  description: string,
  timestamp: f64,
  importance: f32,
});
/** `CMemory { facts, episodes }`: optional, on companions only. */
export const Memory: ComponentType<{ facts: Fact[]; episodes: Episode[] }> = defineComponent(
  "memory",
  { facts: seq(fact), episodes: seq(episode) },
);

/** Every demo component. */
export const DEMO_COMPONENTS: readonly AnyComponent[] = [
  Position,
  Health,
  Team,
  Ammo,
  Cooldowns,
  DesiredPos,
  AiAgent,
  LegacyId,
  Persona,
  Memory,
];

/**
 * The test world of the original's `world_serialization_benchmarks`: `count` entities where about
 * 80% have a position, 60% health, 40% a team, 20% ammo, 10% are AI agents and 5% have cooldowns.
 *
 * @example
 * ```ts
 * import { benchmarkWorld, Cooldowns, Position } from "@astraweave/persistence-ecs";
 * const world = benchmarkWorld(100);
 * console.log(world.count(Position), world.count(Cooldowns)); // 80 5
 * ```
 */
export function benchmarkWorld(count: number): World {
  const world = new World(DEMO_COMPONENTS, Math.max(64, count));
  for (let i = 0; i < count; i++) {
    const e = world.spawn();
    if (i % 5 !== 0) world.insert(e, Position, { x: i % 100, y: Math.trunc(i / 100) });
    if (i % 5 < 3) world.insert(e, Health, { hp: 100 - (i % 100) });
    if (i % 5 < 2) world.insert(e, Team, { id: i % 4 });
    if (i % 5 === 0) world.insert(e, Ammo, { rounds: 30 - (i % 30) });
    if (i % 10 === 0) world.insert(e, AiAgent, {});
    if (i % 20 === 0) {
      world.insert(e, Cooldowns, { map: new Map([["throw:smoke", Math.fround((i % 10) * 0.1)]]) });
    }
  }
  return world;
}

// ---------------------------------------------------------------------------------------------
// A deterministic simulation over the demo components, for replay.

/** One player command of the demo simulation. */
export type DemoInput =
  | { tag: "Spawn"; value: { team: number; x: number; y: number } }
  | { tag: "MoveTeam"; value: { team: number; x: number; y: number } }
  | { tag: "Strike"; value: { x: number; y: number; radius: number; damage: number } };

/** The postcard schema of {@link DemoInput}. */
export const demoInput: Schema<DemoInput> = enumOf({
  Spawn: struct({ team: u8, x: i32, y: i32 }),
  MoveTeam: struct({ team: u8, x: i32, y: i32 }),
  Strike: struct({ x: i32, y: i32, radius: i32, damage: i32 }),
}) as Schema<DemoInput>;

/** An event the demo simulation reports: what happened, and its postcard payload. */
export interface DemoEvent {
  /** "spawn", "hit" or "death". */
  kind: string;
  /** Postcard `(team u8, x i32, y i32)` of the entity concerned. */
  data: Uint8Array;
}

const where = tuple(u8, i32, i32);

/**
 * One tick of the demo simulation: applies `inputs`, moves every unit one step toward its desired
 * position, lets units with ammo shoot the first enemy (in spawn order) within 3 cells, and
 * removes the dead. Reports spawns, hits and deaths (team and cell, never handles, so a replay on a
 * loaded copy reports the same bytes). Deterministic: no clock, no randomness, spawn-order queries.
 *
 * @example
 * ```ts
 * import { benchmarkWorld, demoStep, worldHash } from "@astraweave/persistence-ecs";
 * const a = benchmarkWorld(50);
 * const b = benchmarkWorld(50);
 * for (const w of [a, b]) demoStep(w, [{ tag: "MoveTeam", value: { team: 1, x: 5, y: 5 } }]);
 * console.log(worldHash(a) === worldHash(b)); // true
 * ```
 */
export function demoStep(world: World, inputs: readonly DemoInput[]): DemoEvent[] {
  const events: DemoEvent[] = [];
  for (const input of inputs) {
    if (input.tag === "Spawn") {
      const { team, x, y } = input.value;
      const e = world.spawn();
      world.insert(e, Position, { x, y });
      world.insert(e, DesiredPos, { x, y });
      world.insert(e, Health, { hp: 100 });
      world.insert(e, Team, { id: team });
      world.insert(e, Ammo, { rounds: 20 });
      events.push({ kind: "spawn", data: where.encode([team, x, y]) });
    } else if (input.tag === "MoveTeam") {
      const { team, x, y } = input.value;
      const teams = world.column(Team, "id");
      for (const e of world.query(Team, DesiredPos)) {
        if (teams[entityIndex(e)] === team) world.insert(e, DesiredPos, { x, y });
      }
    } else {
      const { x, y, radius, damage } = input.value;
      const px = world.column(Position, "x");
      const py = world.column(Position, "y");
      const hp = world.column(Health, "hp");
      for (const e of world.query(Position, Health)) {
        const s = entityIndex(e);
        if (Math.abs(px[s] - x) + Math.abs(py[s] - y) <= radius) hp[s] -= damage;
      }
    }
  }

  const px = world.column(Position, "x");
  const py = world.column(Position, "y");
  const dx = world.column(DesiredPos, "x");
  const dy = world.column(DesiredPos, "y");
  for (const e of world.query(Position, DesiredPos)) {
    const s = entityIndex(e);
    px[s] += Math.sign(dx[s] - px[s]);
    py[s] += Math.sign(dy[s] - py[s]);
  }

  const team = world.column(Team, "id");
  const ammo = world.column(Ammo, "rounds");
  const hp = world.column(Health, "hp");
  const shooters = world.query(Position, Team, Ammo);
  const targets = world.query(Position, Team, Health);
  for (const shooter of shooters) {
    const s = entityIndex(shooter);
    if (ammo[s] <= 0) continue;
    for (const target of targets) {
      const t = entityIndex(target);
      if (team[t] === team[s] || hp[t] <= 0) continue;
      if (Math.abs(px[t] - px[s]) + Math.abs(py[t] - py[s]) > 3) continue;
      ammo[s] -= 1;
      hp[t] -= 10;
      events.push({ kind: "hit", data: where.encode([team[t], px[t], py[t]]) });
      break;
    }
  }

  for (const e of world.query(Health).slice()) {
    const s = entityIndex(e);
    if (hp[s] > 0) continue;
    const t = world.has(e, Team) ? team[s] : 255;
    const x = world.has(e, Position) ? px[s] : 0;
    const y = world.has(e, Position) ? py[s] : 0;
    world.despawn(e);
    events.push({ kind: "death", data: where.encode([t, x, y]) });
  }
  return events;
}
