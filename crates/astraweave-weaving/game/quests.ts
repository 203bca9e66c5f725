/**
 * Quests made of objectives (kill, repair, fetch, explore) that advance on game events.
 *
 * @module
 */

import type { AbilityKind } from "./abilities.ts";
import type { EnemyArchetype } from "./spawner.ts";
import { distanceSquared, type Vec3 } from "./vec3.ts";

/** What an objective asks for. */
export type ObjectiveSpec =
  | {
    readonly kind: "kill";
    readonly count: number;
    /** Only kills of this archetype count; any when absent. */
    readonly archetype?: EnemyArchetype;
  }
  | {
    readonly kind: "repair";
    /** Distinct anchors to bring to `minStability` or above. */
    readonly count: number;
    readonly minStability: number;
  }
  | { readonly kind: "fetch"; readonly item: string; readonly count: number }
  | { readonly kind: "explore"; readonly target: Vec3; readonly radius: number };

/** Something that happened in the game that objectives may count. */
export type QuestEvent =
  | { readonly kind: "kill"; readonly archetype: EnemyArchetype }
  | { readonly kind: "repair"; readonly anchorId: number; readonly stability: number }
  | { readonly kind: "pickup"; readonly item: string; readonly count: number }
  | { readonly kind: "move"; readonly position: Vec3 };

/** What finishing a quest gives. */
export interface QuestReward {
  /** Echoes paid. */
  readonly echoes: number;
  /** An ability unlocked. */
  readonly ability?: AbilityKind;
  /** Maximum health gained. */
  readonly maxHealth?: number;
}

/** One objective and how far along it is. */
export class Objective {
  /** What it asks for. */
  readonly spec: ObjectiveSpec;
  #done = 0;
  readonly #repaired = new Set<number>();

  /** A fresh objective. @throws {RangeError} on a count under 1 or a negative radius. */
  constructor(spec: ObjectiveSpec) {
    if (spec.kind === "explore" ? !(spec.radius >= 0) : !(spec.count >= 1)) {
      throw new RangeError(`${spec.kind} objective: count must be >= 1 and radius >= 0`);
    }
    this.spec = spec;
  }

  /** How much is needed. */
  get required(): number {
    return this.spec.kind === "explore" ? 1 : this.spec.count;
  }

  /** How much is done, at most {@link required}. */
  get done(): number {
    return this.#done;
  }

  /** Done ÷ required, 0 to 1. */
  get progress(): number {
    return this.#done / this.required;
  }

  /** Whether it is complete. */
  get complete(): boolean {
    return this.#done >= this.required;
  }

  /** Counts `event` if it is one this objective wants; returns whether progress moved. */
  apply(event: QuestEvent): boolean {
    if (this.complete) return false;
    const spec = this.spec;
    const before = this.#done;
    switch (spec.kind) {
      case "kill":
        if (
          event.kind === "kill" &&
          (spec.archetype === undefined || spec.archetype === event.archetype)
        ) this.#done++;
        break;
      case "repair":
        if (event.kind === "repair" && event.stability >= spec.minStability) {
          this.#repaired.add(event.anchorId);
          this.#done = this.#repaired.size;
        }
        break;
      case "fetch":
        if (event.kind === "pickup" && event.item === spec.item) {
          this.#done = Math.min(spec.count, this.#done + Math.max(0, event.count));
        }
        break;
      case "explore":
        if (
          event.kind === "move" &&
          distanceSquared(event.position, spec.target) <= spec.radius * spec.radius
        ) this.#done = 1;
        break;
    }
    return this.#done !== before;
  }
}

/**
 * A quest: objectives that all must be completed, and a reward.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Quest } from "@astraweave/weaving";
 * const quest = new Quest("gather", [
 *   { kind: "fetch", item: "shard", count: 5 },
 *   { kind: "explore", target: { x: 0, y: 0, z: 0 }, radius: 5 },
 * ], { echoes: 200, ability: "echo_shield" });
 * quest.apply({ kind: "pickup", item: "shard", count: 5 });
 * assert.equal(quest.progress, 0.5);
 * quest.apply({ kind: "move", position: { x: 3, y: 0, z: 4 } });
 * assert.equal(quest.complete, true);
 * ```
 */
export class Quest {
  /** Its objectives, in order. */
  readonly objectives: readonly Objective[];

  /** A quest with fresh objectives. */
  constructor(
    readonly id: string,
    objectives: readonly ObjectiveSpec[],
    readonly reward: QuestReward,
  ) {
    this.objectives = objectives.map((spec) => new Objective(spec));
  }

  /** Mean progress of the objectives, 0 to 1. */
  get progress(): number {
    let sum = 0;
    for (const objective of this.objectives) sum += objective.progress;
    return this.objectives.length === 0 ? 1 : sum / this.objectives.length;
  }

  /** Whether every objective is complete. */
  get complete(): boolean {
    return this.objectives.every((objective) => objective.complete);
  }

  /** Offers `event` to every objective; returns whether any progress moved. */
  apply(event: QuestEvent): boolean {
    let moved = false;
    for (const objective of this.objectives) moved = objective.apply(event) || moved;
    return moved;
  }
}

/**
 * The Rust crate's three starter quests: repair 3 anchors to 0.8 or more (100 echoes and
 * EchoDash); kill 10 enemies (150 echoes and +25 maximum health); fetch 5 shards and explore the
 * centre, within 5 units of `centre` (200 echoes and EchoShield).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { starterQuests } from "@astraweave/weaving";
 * assert.deepEqual(starterQuests({ x: 0, y: 0, z: 0 }).map((q) => q.reward.echoes), [100, 150, 200]);
 * ```
 */
export function starterQuests(centre: Vec3): Quest[] {
  return [
    new Quest("stabilize_anchors", [{ kind: "repair", count: 3, minStability: 0.8 }], {
      echoes: 100,
      ability: "echo_dash",
    }),
    new Quest("clear_corruption", [{ kind: "kill", count: 10 }], { echoes: 150, maxHealth: 25 }),
    new Quest("restore_beacon", [
      { kind: "fetch", item: "echo_shard", count: 5 },
      { kind: "explore", target: centre, radius: 5 },
    ], { echoes: 200, ability: "echo_shield" }),
  ];
}
