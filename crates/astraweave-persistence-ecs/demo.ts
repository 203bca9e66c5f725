/**
 * A sample world and a small deterministic simulation over the engine's components, for examples,
 * tests and benchmarks (`@astraweave/persistence-ecs/demo`): the original's benchmark world
 * ({@link benchmarkWorld}) and one tick of a toy skirmish ({@link demoStep}) whose inputs have a
 * postcard schema ({@link demoInput}), so replays can be recorded and re-run. Not part of the
 * library's main entry point: a game brings its own step function.
 *
 * @module
 */

import { enumOf, i32, type Schema, struct, tuple, u8 } from "@astraweave/codec";
import {
  AiAgent,
  Ammo,
  Cooldowns,
  DesiredPos,
  ENGINE_COMPONENTS,
  Health,
  Position,
  Team,
} from "./components.ts";
import { entityIndex } from "./entity.ts";
import { World } from "./world.ts";

/**
 * The test world of the original's `world_serialization_benchmarks`: `count` entities where about
 * 80% have a position, 60% health, 40% a team, 20% ammo, 10% are AI agents and 5% have cooldowns.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Cooldowns, Position } from "@astraweave/persistence-ecs";
 * import { benchmarkWorld } from "@astraweave/persistence-ecs/demo";
 * const world = benchmarkWorld(100);
 * assert.equal(world.count(Position), 80);
 * assert.equal(world.count(Cooldowns), 5);
 * ```
 */
export function benchmarkWorld(count: number): World {
  const world = new World(ENGINE_COMPONENTS, Math.max(64, count));
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
 * import assert from "node:assert/strict";
 * import { worldHash } from "@astraweave/persistence-ecs";
 * import { benchmarkWorld, demoStep } from "@astraweave/persistence-ecs/demo";
 * const a = benchmarkWorld(50);
 * const b = benchmarkWorld(50);
 * for (const w of [a, b]) demoStep(w, [{ tag: "MoveTeam", value: { team: 1, x: 5, y: 5 } }]);
 * assert.equal(worldHash(a), worldHash(b));
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

// The library's types, which these signatures use, so this entry point's documentation is
// complete on its own.
export type * from "./mod.ts";
