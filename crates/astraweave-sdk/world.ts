/**
 * The SDK's world: the Rust SDK's three seeded entities on the 20 x 10 grid, a clock, a tick
 * counter, per-entity cooldowns, snapshots and deltas as JSON text, and a journal that lets a plan
 * run all-or-nothing.
 *
 * Entity state lives in typed arrays (struct of arrays, one slot per entity in snapshot order:
 * team, then id), so a snapshot is one pass of string building and the journal is six `set` calls.
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

/** One world. Create it through the SDK (`Sdk.createWorld`), which hands out handles. */
export class World {
  /** Simulated seconds (f64: the Rust f32 clock stops advancing 16 ms ticks after ~36 hours). */
  t = 0;
  /** Ticks since creation (the Rust snapshot always says 0). */
  tick = 0;
  readonly obstacles: ObstacleGrid = new ObstacleGrid();
  readonly count: number;
  // Entity state. Plans change it only after begin(), which also invalidates the snapshot cache.
  readonly ids: Uint32Array;
  readonly names: readonly string[];
  readonly teams: Uint8Array;
  readonly xs: Int32Array;
  readonly ys: Int32Array;
  readonly hps: Int32Array;
  readonly ammos: Int32Array;
  /** Per entity: cooldown key ("throw:smoke") to seconds left; keys are dropped at 0. */
  readonly cooldowns: Map<string, number>[];
  #activeCooldowns = 0;

  // The previous delta's view of each entity (valid once #deltaEmitted).
  readonly #prev: Int32Array;
  #deltaEmitted = false;

  // The entities' part of the snapshot, valid while #version is #entitiesVersion.
  #version = 0;
  #entitiesVersion = -1;
  #entitiesJson = "";

  // The journal: state before the running plan.
  readonly #saved: Int32Array;
  #savedCooldowns: Map<string, number> | undefined;
  #savedCooldownEntity = -1;

  constructor(options: WorldOptions = {}) {
    this.count = SEED.length;
    this.ids = Uint32Array.from(SEED, (s) => s[0]);
    this.names = SEED.map((s) => s[1]);
    this.xs = Int32Array.from(SEED, (s) => s[2]);
    this.ys = Int32Array.from(SEED, (s) => s[3]);
    this.teams = Uint8Array.from(SEED, (s) => s[4]);
    this.hps = Int32Array.from(SEED, (s) => s[5]);
    this.ammos = Int32Array.from(SEED, (s) => s[6]);
    this.cooldowns = SEED.map(() => new Map());
    this.#prev = new Int32Array(this.count * 4);
    this.#saved = new Int32Array(this.count * 4);
    for (const cell of options.obstacles ?? []) {
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
    return this.cooldowns[i].get(key) ?? 0;
  }

  /** Starts cooldown `key` for entity slot `i`, journalled so a failed plan undoes it. */
  startCooldown(i: number, key: string, seconds: number): void {
    if (this.#savedCooldownEntity !== i) {
      this.#savedCooldownEntity = i;
      this.#savedCooldowns = new Map(this.cooldowns[i]);
    }
    const map = this.cooldowns[i];
    if (!map.has(key)) this.#activeCooldowns++;
    map.set(key, seconds);
  }

  /** Records the state a plan may change, so {@link rollback} can restore it. */
  begin(): void {
    this.#version++; // a plan may change any entity
    const n = this.count;
    this.#saved.set(this.xs, 0);
    this.#saved.set(this.ys, n);
    this.#saved.set(this.hps, 2 * n);
    this.#saved.set(this.ammos, 3 * n);
    this.#savedCooldownEntity = -1;
    this.#savedCooldowns = undefined;
  }

  /** Restores the state recorded by {@link begin}. */
  rollback(): void {
    const n = this.count;
    const s = this.#saved;
    this.xs.set(s.subarray(0, n));
    this.ys.set(s.subarray(n, 2 * n));
    this.hps.set(s.subarray(2 * n, 3 * n));
    this.ammos.set(s.subarray(3 * n, 4 * n));
    if (this.#savedCooldowns !== undefined) {
      const i = this.#savedCooldownEntity;
      this.#activeCooldowns += this.#savedCooldowns.size - this.cooldowns[i].size;
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
    prev.set(this.xs, 0);
    prev.set(this.ys, n);
    prev.set(this.hps, 2 * n);
    prev.set(this.ammos, 3 * n);
    this.#deltaEmitted = true;
    return `{"t":${this.t},"changed":[${changed}],"removed":[]}`;
  }
}
