/**
 * The SDK's world: the Rust SDK's three seeded entities on the 20 x 10 grid, a clock, a tick
 * counter, per-entity cooldowns, snapshots and deltas as JSON text, and a journal that lets a plan
 * run all-or-nothing.
 *
 * Entity state lives in small arrays (struct of arrays, one slot per entity in snapshot order:
 * team, then id), so a snapshot is one pass of string building and the journal one copy loop.
 * Plain arrays of small integers, not typed arrays: a world is created often and holds three
 * entities, and allocating a typed array costs far more than filling a three-element array.
 * Health and ammo are i32 as in the Rust world, and saturate instead of wrapping.
 *
 * @module
 */

import { type Cell, inBounds, ObstacleGrid } from "./grid.ts";

/** Options of a new world. */
export interface WorldOptions {
  /** Blocked cells. Each must be inside the grid and not under a seeded entity. */
  obstacles?: readonly Cell[];
}

/** One entity as snapshots and deltas show it. */
export interface EntityState {
  /** Entity id (u32; the seeds are 1, 2, 3). */
  id: number;
  /** Column. */
  x: number;
  /** Row. */
  y: number;
  /** Team (0 player, 1 companion, 2 enemy in the seed). */
  team: number;
  /** Health (i32); 0 or less is down. */
  hp: number;
  /** Rounds of ammunition (i32). */
  ammo: number;
}

/** A snapshot, as the JSON of {@link Sdk.snapshot} parses. */
export interface Snapshot {
  /** Simulated seconds since creation. */
  t: number;
  /** Ticks since creation. */
  tick: number;
  /** Every entity, ordered by team, then id. */
  entities: EntityState[];
}

/** A delta, as the JSON of {@link Sdk.delta} parses. */
export interface Delta {
  /** Simulated seconds since creation. */
  t: number;
  /** Entities that differ from the previous delta (all of them in the first). */
  changed: EntityState[];
  /** Ids of entities gone since the previous delta. */
  removed: number[];
}

/** The Rust SDK's seed: id, name, x, y, team, hp, ammo; already in (team, id) order. */
const SEED = [
  [1, "P", 2, 2, 0, 100, 0],
  [2, "C", 3, 2, 1, 80, 10],
  [3, "E", 7, 2, 2, 60, 0],
] as const;

/** Seconds a Throw of one item blocks the next Throw of it. */
export const THROW_COOLDOWN = 8;

const I32_MIN = -0x8000_0000;
const I32_MAX = 0x7fff_ffff;
/** Clamps to the i32 range, so hp and ammo keep the Rust types' range without wrapping. */
export const saturateI32 = (value: number): number =>
  value < I32_MIN ? I32_MIN : value > I32_MAX ? I32_MAX : value;

/** Why world options were refused (the SDK turns it into AW_ERR_PARAM). */
export class WorldOptionsError extends Error {
  override name = "WorldOptionsError";
}

const NO_OBSTACLES = new ObstacleGrid();

/** Copies positions, health and ammo into `to`, as x[], y[], hp[], ammo[]. */
function copyState(w: World, to: number[]): void {
  const n = w.count;
  for (let i = 0; i < n; i++) {
    to[i] = w.xs[i];
    to[n + i] = w.ys[i];
    to[2 * n + i] = w.hps[i];
    to[3 * n + i] = w.ammos[i];
  }
}

/** One world. Create it through the SDK (`Sdk.createWorld`), which hands out handles. */
export class World {
  /** Simulated seconds, f64: an f32 clock (the Rust one) adds a 16 ms tick as 15.6 ms from
   * 2^13 s (2.3 hours), as 31.3 ms from 2^18 s (3 days), and not at all from 2^19 s (6 days). */
  t = 0;
  /** Ticks since creation (the Rust snapshot always says 0). */
  tick = 0;
  readonly obstacles: ObstacleGrid;
  readonly count: number;
  // Entity state. Plans change it only after begin(), which also invalidates the snapshot cache.
  readonly ids: readonly number[];
  readonly names: readonly string[];
  readonly teams: readonly number[];
  readonly xs: number[];
  readonly ys: number[];
  readonly hps: number[];
  readonly ammos: number[];
  /** Per entity: cooldown key ("throw:smoke") to seconds left; keys are dropped at 0. */
  readonly cooldowns: (Map<string, number> | undefined)[];
  #activeCooldowns = 0;

  // The previous delta's view of each entity (valid once #deltaEmitted).
  readonly #prev: number[];
  #deltaEmitted = false;

  // The entities' part of the snapshot, valid while #version is #entitiesVersion.
  #version = 0;
  #entitiesVersion = -1;
  #entitiesJson = "";

  // The journal: state before the running plan.
  readonly #saved: number[];
  #savedCooldowns: Map<string, number> | undefined;
  #savedCooldownEntity = -1;

  constructor(options: WorldOptions = {}) {
    this.count = SEED.length;
    this.ids = SEED.map((s) => s[0]);
    this.names = SEED.map((s) => s[1]);
    this.xs = SEED.map((s) => s[2]);
    this.ys = SEED.map((s) => s[3]);
    this.teams = SEED.map((s) => s[4]);
    this.hps = SEED.map((s) => s[5]);
    this.ammos = SEED.map((s) => s[6]);
    this.cooldowns = SEED.map(() => undefined);
    this.#prev = new Array(this.count * 4).fill(0);
    this.#saved = new Array(this.count * 4).fill(0);
    const obstacles = options.obstacles ?? [];
    // Worlds without obstacles share one grid that nothing ever blocks.
    this.obstacles = obstacles.length === 0 ? NO_OBSTACLES : new ObstacleGrid();
    for (const cell of obstacles) {
      if (typeof cell !== "object" || cell === null || !inBounds(cell.x, cell.y)) {
        throw new WorldOptionsError(
          `obstacle ${JSON.stringify(cell)} is not an integer cell {x, y} inside (0,0)-(19,9)`,
        );
      }
      const under = this.indexAt(cell.x, cell.y);
      if (under >= 0) {
        throw new WorldOptionsError(
          `obstacle at (${cell.x},${cell.y}) would cover entity #${this.ids[under]}`,
        );
      }
      this.obstacles.block(cell.x, cell.y);
    }
  }

  /** The slot of entity `id`, or -1. */
  indexOf(id: number): number {
    for (let i = 0; i < this.count; i++) if (this.ids[i] === id) return i;
    return -1;
  }

  /** The slot of the first entity standing on (x, y), or -1. */
  indexAt(x: number, y: number): number {
    for (let i = 0; i < this.count; i++) if (this.xs[i] === x && this.ys[i] === y) return i;
    return -1;
  }

  /** Advances the clock by `dt` seconds (checked by the caller) and counts down cooldowns. */
  advance(dt: number): void {
    this.t += dt;
    this.tick++;
    if (this.#activeCooldowns === 0) return;
    let active = 0;
    for (const map of this.cooldowns) {
      if (map === undefined) continue;
      for (const [key, left] of map) {
        if (left - dt > 0) {
          map.set(key, left - dt);
          active++;
        } else map.delete(key);
      }
    }
    this.#activeCooldowns = active;
  }

  /** Seconds left on `key` for entity slot `i` (0 when none). */
  cooldownLeft(i: number, key: string): number {
    return this.cooldowns[i]?.get(key) ?? 0;
  }

  /** Starts cooldown `key` for entity slot `i`, journalled so a failed plan undoes it. */
  startCooldown(i: number, key: string, seconds: number): void {
    if (this.#savedCooldownEntity !== i) {
      this.#savedCooldownEntity = i;
      this.#savedCooldowns = new Map(this.cooldowns[i]);
    }
    const map = this.cooldowns[i] ??= new Map();
    if (!map.has(key)) this.#activeCooldowns++;
    map.set(key, seconds);
  }

  /** Records the state a plan may change, so {@link rollback} can restore it. */
  begin(): void {
    this.#version++; // a plan may change any entity
    copyState(this, this.#saved);
    this.#savedCooldownEntity = -1;
    this.#savedCooldowns = undefined;
  }

  /** Restores the state recorded by {@link begin}. */
  rollback(): void {
    const n = this.count;
    const s = this.#saved;
    for (let i = 0; i < n; i++) {
      this.xs[i] = s[i];
      this.ys[i] = s[n + i];
      this.hps[i] = s[2 * n + i];
      this.ammos[i] = s[3 * n + i];
    }
    if (this.#savedCooldowns !== undefined) {
      const i = this.#savedCooldownEntity;
      this.#activeCooldowns += this.#savedCooldowns.size - (this.cooldowns[i]?.size ?? 0);
      this.cooldowns[i] = this.#savedCooldowns;
    }
    this.#savedCooldownEntity = -1;
    this.#savedCooldowns = undefined;
  }

  #entityJson(i: number): string {
    return `{"id":${this.ids[i]},"x":${this.xs[i]},"y":${this.ys[i]},"team":${this.teams[i]},"hp":${
      this.hps[i]
    },"ammo":${this.ammos[i]}}`;
  }

  /** The snapshot as JSON text: `{"t","tick","entities":[...]}`, entities by team, then id. */
  snapshotJson(): string {
    if (this.#entitiesVersion !== this.#version) {
      let entities = "";
      for (let i = 0; i < this.count; i++) {
        if (i > 0) entities += ",";
        entities += this.#entityJson(i);
      }
      this.#entitiesJson = entities;
      this.#entitiesVersion = this.#version;
    }
    return `{"t":${this.t},"tick":${this.tick},"entities":[${this.#entitiesJson}]}`;
  }

  /**
   * The delta as JSON text: `{"t","changed":[...],"removed":[ids]}` against the previous delta of
   * this world (callback or call: they share one baseline, as in the Rust SDK); the first lists
   * every entity. This world never despawns an entity, so `removed` is empty until it can.
   */
  deltaJson(): string {
    const n = this.count;
    const prev = this.#prev;
    let changed = "";
    for (let i = 0; i < n; i++) {
      if (
        !this.#deltaEmitted || prev[i] !== this.xs[i] || prev[n + i] !== this.ys[i] ||
        prev[2 * n + i] !== this.hps[i] || prev[3 * n + i] !== this.ammos[i]
      ) {
        if (changed !== "") changed += ",";
        changed += this.#entityJson(i);
      }
    }
    copyState(this, prev);
    this.#deltaEmitted = true;
    return `{"t":${this.t},"changed":[${changed}],"removed":[]}`;
  }
}
