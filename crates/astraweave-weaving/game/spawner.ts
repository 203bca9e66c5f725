/**
 * {@link EnemySpawner}: waves of enemies at spawn points, harder as anchors break.
 *
 * @module
 */

import { SeedRng } from "@astraweave/pcg";
import type { Anchor } from "./anchor.ts";
import type { Vec3 } from "./vec3.ts";

/** Enemy kinds, by wave: standard from wave 1, riftstalkers from 3, sentinels from 6, bosses. */
export type EnemyArchetype = "standard" | "riftstalker" | "sentinel" | "void_boss";

/** A place enemies appear. */
export interface SpawnPoint {
  /** Its id, from {@link EnemySpawner.addSpawnPoint}. */
  readonly id: number;
  /** Its centre. */
  readonly position: Vec3;
  /** Enemies appear within this distance of `position` (0: exactly there). */
  readonly radius: number;
  /** The anchor it guards, if any: spawn points of broken or critical anchors go first. */
  readonly anchorId?: number;
}

/** An enemy to create. */
export interface SpawnRequest {
  /** Where it appears. */
  readonly position: Vec3;
  /** What it is. */
  readonly archetype: EnemyArchetype;
  /** The spawn point it came from. */
  readonly spawnPointId: number;
  /** The anchor that spawn point guards. */
  readonly anchorId: number | undefined;
  /** The wave it belongs to. */
  readonly wave: number;
}

/** Spawner settings; the defaults are the Rust crate's. */
export interface SpawnerOptions {
  /** Seed of the spawner's stream (positions and archetypes). */
  seed: number | bigint;
  /** Seconds before the first wave; default 5. */
  firstWaveSeconds?: number;
  /** Seconds between waves; default 30. */
  waveIntervalSeconds?: number;
  /** Enemies in wave 1 at difficulty 1; default 3. */
  baseEnemiesPerWave?: number;
  /** Most enemies alive at once; default 20. */
  maxAlive?: number;
}

/**
 * Difficulty from the anchors: 1 + 0.5 per broken anchor + 0.25 per critical one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Anchor, difficultyFor } from "@astraweave/weaving";
 * const at = { x: 0, y: 0, z: 0 };
 * const anchors = [0, 0.2, 0.9].map((stability, id) => new Anchor({ id, position: at, stability }));
 * assert.equal(difficultyFor(anchors), 1.75);
 * ```
 */
export function difficultyFor(anchors: readonly Anchor[]): number {
  let difficulty = 1;
  for (const anchor of anchors) {
    const state = anchor.state;
    if (state === "broken") difficulty += 0.5;
    else if (state === "critical") difficulty += 0.25;
  }
  return difficulty;
}

/**
 * Spawns a wave every 30 s from 5 s: `round((base + 0.5 x (wave - 1)) x difficulty)` enemies
 * (at least 1), never more than `maxAlive` alive. Positions and archetypes come from a seeded
 * stream (the Rust spawner drew from the thread's generator, so no two runs agreed), and a zero
 * radius spawns at the point itself (the Rust one panicked on an empty range).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { EnemySpawner } from "@astraweave/weaving";
 * const spawner = new EnemySpawner({ seed: 1 });
 * spawner.addSpawnPoint({ x: 0, y: 0, z: 0 }, 0);
 * assert.deepEqual(spawner.update(4.9, [], 0), []);
 * const wave = spawner.update(0.1, [], 0);
 * assert.equal(wave.length, 3);
 * assert.deepEqual(wave[0].position, { x: 0, y: 0, z: 0 });
 * assert.equal(spawner.wave, 2);
 * ```
 */
export class EnemySpawner {
  readonly #random: SeedRng;
  readonly #points: SpawnPoint[] = [];
  readonly #interval: number;
  readonly #base: number;
  /** Most enemies alive at once. */
  readonly maxAlive: number;
  #timer: number;
  #wave = 1;
  #difficulty = 1;

  /** A spawner with no spawn points. @throws {RangeError} on a non-positive interval. */
  constructor(options: SpawnerOptions) {
    const {
      firstWaveSeconds = 5,
      waveIntervalSeconds = 30,
      baseEnemiesPerWave = 3,
      maxAlive = 20,
    } = options;
    if (!(waveIntervalSeconds > 0)) throw new RangeError("waveIntervalSeconds must be > 0");
    this.#random = new SeedRng(options.seed, "weaving::spawner");
    this.#timer = firstWaveSeconds;
    this.#interval = waveIntervalSeconds;
    this.#base = baseEnemiesPerWave;
    this.maxAlive = maxAlive;
  }

  /** The next wave's number, from 1. */
  get wave(): number {
    return this.#wave;
  }

  /** Seconds until the next wave. */
  get timeUntilWave(): number {
    return this.#timer;
  }

  /** The difficulty of the last wave. */
  get difficulty(): number {
    return this.#difficulty;
  }

  /** Adds a spawn point and returns its id. @throws {RangeError} on a negative radius. */
  addSpawnPoint(position: Vec3, radius: number, anchorId?: number): number {
    if (!(radius >= 0)) throw new RangeError(`spawn point radius must be >= 0, got ${radius}`);
    const id = this.#points.length;
    this.#points.push({ id, position, radius, anchorId });
    return id;
  }

  /** Advances `seconds`; returns the wave's spawn requests when one is due, else nothing. */
  update(seconds: number, anchors: readonly Anchor[], alive: number): SpawnRequest[] {
    this.#timer -= seconds;
    if (this.#timer > 0) return [];
    this.#timer += this.#interval;
    return this.spawnWave(anchors, alive);
  }

  /** Spawns the next wave now (and counts it), whatever the timer says. */
  spawnWave(anchors: readonly Anchor[], alive: number): SpawnRequest[] {
    const wave = this.#wave++;
    this.#difficulty = difficultyFor(anchors);
    const size = Math.max(1, Math.round((this.#base + 0.5 * (wave - 1)) * this.#difficulty));
    const count = Math.min(size, Math.max(0, this.maxAlive - alive));
    const points = this.#pointsFor(anchors);
    const requests: SpawnRequest[] = [];
    if (points.length === 0) return requests;
    for (let i = 0; i < count; i++) {
      const point = points[i % points.length];
      requests.push({
        position: this.#positionNear(point),
        archetype: this.archetypeFor(wave),
        spawnPointId: point.id,
        anchorId: point.anchorId,
        wave,
      });
    }
    return requests;
  }

  /**
   * An archetype for `wave`, drawn from the stream: waves 1-2 standard; 3-5 30% riftstalkers;
   * 6-9 20% sentinels, 30% riftstalkers; 10 on: 25% sentinels, 35% riftstalkers, and on every
   * fifth wave a 25% chance of the void boss.
   */
  archetypeFor(wave: number): EnemyArchetype {
    const random = this.#random;
    if (wave >= 10 && wave % 5 === 0 && random.nextFloat() < 0.25) return "void_boss";
    if (wave <= 2) return "standard";
    const roll = random.nextFloat();
    if (wave <= 5) return roll < 0.3 ? "riftstalker" : "standard";
    if (wave <= 9) return roll < 0.2 ? "sentinel" : roll < 0.5 ? "riftstalker" : "standard";
    return roll < 0.25 ? "sentinel" : roll < 0.6 ? "riftstalker" : "standard";
  }

  /** Spawn points of broken or critical anchors if there are any, else all of them. */
  #pointsFor(anchors: readonly Anchor[]): SpawnPoint[] {
    const troubled = new Set<number>();
    for (const anchor of anchors) {
      if (anchor.state === "broken" || anchor.state === "critical") troubled.add(anchor.id);
    }
    const near = this.#points.filter((p) => p.anchorId !== undefined && troubled.has(p.anchorId));
    return near.length > 0 ? near : this.#points;
  }

  #positionNear(point: SpawnPoint): Vec3 {
    if (point.radius === 0) return point.position;
    const angle = this.#random.nextFloat() * 2 * Math.PI;
    const distance = this.#random.nextFloat() * point.radius;
    return {
      x: point.position.x + Math.cos(angle) * distance,
      y: point.position.y,
      z: point.position.z + Math.sin(angle) * distance,
    };
  }
}
