/**
 * {@link Level}: the game layer's pieces ticking together: anchors decay, the spawner sends
 * waves, enemies walk to their anchors and strain them, kills pay echoes and advance quests.
 *
 * @module
 */

import { Abilities } from "./abilities.ts";
import type { Anchor } from "./anchor.ts";
import { EchoCurrency } from "./echo_currency.ts";
import type { Quest, QuestEvent } from "./quests.ts";
import { type EnemyArchetype, EnemySpawner, type SpawnerOptions } from "./spawner.ts";
import { distanceSquared, type Vec3 } from "./vec3.ts";

/** Hit points by archetype. */
export const ENEMY_HEALTH: Readonly<Record<EnemyArchetype, number>> = Object.freeze({
  standard: 100,
  riftstalker: 60,
  sentinel: 200,
  void_boss: 500,
});

/**
 * Echoes a kill pays: riftstalker 1 and sentinel 2 as in the Rust crate; standard 1; the void
 * boss 5 (the Rust crate names no reward for it).
 */
export const KILL_REWARD: Readonly<Record<EnemyArchetype, number>> = Object.freeze({
  standard: 1,
  riftstalker: 1,
  sentinel: 2,
  void_boss: 5,
});

/** Enemy walking speed, units per second. */
export const ENEMY_SPEED = 3;
/** An enemy this close to its anchor strains it instead of walking. */
export const ENEMY_REACH = 2;
/** Seconds between an enemy's strains of its anchor. */
export const ENEMY_ATTACK_SECONDS = 1;

/** An enemy in the level. */
export interface Enemy {
  /** Unique in the level. */
  readonly id: number;
  /** What it is. */
  readonly archetype: EnemyArchetype;
  /** Hit points left. */
  health: number;
  /** Where it is. */
  position: Vec3;
  /** The anchor it heads for, if any. */
  readonly anchorId: number | undefined;
  /** Seconds until it can strain its anchor again. */
  attackCooldown: number;
}

/** What one {@link Level.update} did. */
export interface LevelUpdate {
  /** Enemies that appeared. */
  readonly spawned: readonly Enemy[];
  /** Quests completed since the previous update, rewarded now. */
  readonly completedQuests: readonly Quest[];
}

/** How to build a {@link Level}. */
export interface LevelOptions {
  /** The level's anchors. */
  anchors: readonly Anchor[];
  /** Spawn points: where, how far around, and which anchor each guards. */
  spawnPoints?: readonly { position: Vec3; radius: number; anchorId?: number }[];
  /** Spawner settings. */
  spawner: SpawnerOptions;
  /** Quests to track; default none. */
  quests?: readonly Quest[];
  /** Starting echoes; default 0. */
  echoes?: number;
}

/**
 * A level. `update(seconds)` ticks everything that moves with time: anchor decay, the ability
 * cooldowns, the spawner and the enemies (the Rust level update ticked none of them). Completed
 * quests are returned by the call that completed them and stay in {@link quests}, so nothing that
 * reads them later finds them gone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Anchor, Level, starterQuests } from "@astraweave/weaving";
 * const origin = { x: 0, y: 0, z: 0 };
 * const level = new Level({
 *   anchors: [new Anchor({ id: 0, position: origin, stability: 0.05 })],
 *   spawnPoints: [{ position: { x: 10, y: 0, z: 0 }, radius: 0, anchorId: 0 }],
 *   spawner: { seed: 3 },
 *   quests: starterQuests(origin),
 * });
 * const { spawned } = level.update(5);
 * assert.equal(spawned.length, 5); // round(3 x 1.5): the anchor is broken
 * level.killEnemy(spawned[0].id);
 * assert.equal(level.echoes.balance, 1);
 * assert.equal(level.quests[1].objectives[0].done, 1);
 * ```
 */
export class Level {
  /** The anchors. */
  readonly anchors: readonly Anchor[];
  /** The player's echoes. */
  readonly echoes: EchoCurrency;
  /** The player's abilities. */
  readonly abilities: Abilities = new Abilities();
  /** The spawner. */
  readonly spawner: EnemySpawner;
  /** All quests, complete or not. */
  readonly quests: readonly Quest[];
  /** Maximum health gained from quest rewards. */
  bonusMaxHealth = 0;
  readonly #enemies = new Map<number, Enemy>();
  readonly #rewarded = new Set<Quest>();
  #nextEnemy = 0;

  /** A level with no enemies yet. */
  constructor(options: LevelOptions) {
    this.anchors = options.anchors;
    this.echoes = new EchoCurrency(options.echoes ?? 0);
    this.spawner = new EnemySpawner(options.spawner);
    for (const point of options.spawnPoints ?? []) {
      this.spawner.addSpawnPoint(point.position, point.radius, point.anchorId);
    }
    this.quests = options.quests ?? [];
  }

  /** The enemies alive, in spawn order. */
  get enemies(): readonly Enemy[] {
    return [...this.#enemies.values()];
  }

  /** Advances the level by `seconds`. */
  update(seconds: number): LevelUpdate {
    for (const anchor of this.anchors) anchor.applyDecay(seconds);
    this.abilities.update(seconds);
    const spawned: Enemy[] = [];
    for (const request of this.spawner.update(seconds, this.anchors, this.#enemies.size)) {
      const enemy: Enemy = {
        id: this.#nextEnemy++,
        archetype: request.archetype,
        health: ENEMY_HEALTH[request.archetype],
        position: request.position,
        anchorId: request.anchorId,
        attackCooldown: 0,
      };
      this.#enemies.set(enemy.id, enemy);
      spawned.push(enemy);
    }
    for (const enemy of this.#enemies.values()) this.#moveEnemy(enemy, seconds);
    return { spawned, completedQuests: this.#rewardCompleted() };
  }

  /** Damages enemy `id`; kills it at 0 health. Returns whether it died. */
  damageEnemy(id: number, amount: number): boolean {
    const enemy = this.#enemies.get(id);
    if (enemy === undefined) return false;
    enemy.health -= amount;
    if (enemy.health > 0) return false;
    return this.killEnemy(id);
  }

  /**
   * Kills enemy `id`: pays its echoes, stresses anchors within their stress radius of where it
   * fell, and counts the kill for quests. Returns false when there is no such enemy.
   */
  killEnemy(id: number): boolean {
    const enemy = this.#enemies.get(id);
    if (enemy === undefined) return false;
    this.#enemies.delete(id);
    this.echoes.add(KILL_REWARD[enemy.archetype], `kill ${enemy.archetype}`);
    for (const anchor of this.anchors) anchor.applyCombatStress(enemy.position);
    this.record({ kind: "kill", archetype: enemy.archetype });
    return true;
  }

  /** Repairs anchor `id` with the player's echoes, unlocking its ability on the first repair. */
  repairAnchor(id: number): boolean {
    const anchor = this.anchors.find((a) => a.id === id);
    if (anchor === undefined) return false;
    const result = anchor.repair(this.echoes);
    if (!result.repaired) return false;
    if (result.unlocked) this.abilities.unlock(result.unlocked);
    this.record({ kind: "repair", anchorId: id, stability: result.stability });
    return true;
  }

  /** Offers `event` to every quest not yet complete. */
  record(event: QuestEvent): void {
    for (const quest of this.quests) if (!quest.complete) quest.apply(event);
  }

  #moveEnemy(enemy: Enemy, seconds: number): void {
    enemy.attackCooldown = Math.max(0, enemy.attackCooldown - seconds);
    const anchor = enemy.anchorId === undefined
      ? undefined
      : this.anchors.find((a) => a.id === enemy.anchorId);
    if (anchor === undefined) return;
    const target = anchor.position;
    const gap = Math.sqrt(distanceSquared(enemy.position, target));
    if (gap <= ENEMY_REACH) {
      if (enemy.attackCooldown === 0) {
        anchor.applyCombatStress(enemy.position);
        enemy.attackCooldown = ENEMY_ATTACK_SECONDS;
      }
      return;
    }
    const step = Math.min(ENEMY_SPEED * seconds, gap - ENEMY_REACH) / gap;
    const { x, y, z } = enemy.position;
    enemy.position = {
      x: x + (target.x - x) * step,
      y: y + (target.y - y) * step,
      z: z + (target.z - z) * step,
    };
  }

  #rewardCompleted(): Quest[] {
    const completed: Quest[] = [];
    for (const quest of this.quests) {
      if (!quest.complete || this.#rewarded.has(quest)) continue;
      this.#rewarded.add(quest);
      const { echoes, ability, maxHealth } = quest.reward;
      this.echoes.add(echoes, `quest ${quest.id}`);
      if (ability) this.abilities.unlock(ability);
      if (maxHealth) this.bonusMaxHealth += maxHealth;
      completed.push(quest);
    }
    return completed;
  }
}
