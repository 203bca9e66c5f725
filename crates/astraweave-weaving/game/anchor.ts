/**
 * {@link Anchor}: a point of the world whose stability decays, suffers from nearby combat, and is
 * repaired with echoes.
 *
 * @module
 */

import type { AbilityKind } from "./abilities.ts";
import type { EchoCurrency } from "./echo_currency.ts";
import { distanceSquared, type Vec3 } from "./vec3.ts";

/** How an anchor looks and sounds, from its stability. */
export type AnchorState = "perfect" | "stable" | "unstable" | "critical" | "broken";

/**
 * The state of a stability: >= 1 perfect, >= 0.7 stable, >= 0.4 unstable, >= 0.1 critical, else
 * broken.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { anchorState } from "@astraweave/weaving";
 * assert.equal(anchorState(1), "perfect");
 * assert.equal(anchorState(0.7), "stable");
 * assert.equal(anchorState(0.0999), "broken");
 * ```
 */
export function anchorState(stability: number): AnchorState {
  if (stability >= 1) return "perfect";
  if (stability >= 0.7) return "stable";
  if (stability >= 0.4) return "unstable";
  if (stability >= 0.1) return "critical";
  return "broken";
}

/** Stability lost per second of passive decay: 0.01 per minute. */
export const DECAY_PER_SECOND = 0.01 / 60;
/** Stability lost per combat event within the stress radius. */
export const COMBAT_STRESS = 0.05;
/** Stability restored by one repair. */
export const REPAIR_BONUS = 0.3;

/** How to build an {@link Anchor}. */
export interface AnchorOptions {
  /** Identifies the anchor in quests and spawn points. */
  id: number;
  /** Where it stands. */
  position: Vec3;
  /** Starting stability, clamped to [0, 1]; default 1. */
  stability?: number;
  /** Echoes one repair costs; default 5. */
  repairCost?: number;
  /** The ability its first repair unlocks, if any. */
  unlocks?: AbilityKind;
  /** How close the player must be to interact; default 3. */
  proximityRadius?: number;
  /** How close combat must be to stress it; default 20 (the Rust crate stressed every anchor). */
  stressRadius?: number;
}

/** What a repair attempt did. */
export type RepairResult =
  | { readonly repaired: true; readonly stability: number; readonly unlocked?: AbilityKind }
  | { readonly repaired: false; readonly reason: "already_perfect" | "not_enough_echoes" };

/**
 * An anchor. Its state is computed from its stability whenever it is read, so it can never be
 * stale (the Rust crate stored it and skipped it when loading, so loaded anchors read as broken).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Anchor, EchoCurrency } from "@astraweave/weaving";
 * const anchor = new Anchor({ id: 1, position: { x: 0, y: 0, z: 0 }, stability: 0.5, repairCost: 5 });
 * const purse = new EchoCurrency(4);
 * assert.deepEqual(anchor.repair(purse), { repaired: false, reason: "not_enough_echoes" });
 * assert.equal(purse.balance, 4); // a failed repair never charges
 * purse.add(1, "shard");
 * assert.equal(anchor.repair(purse).repaired, true);
 * assert.equal(anchor.state, "stable");
 * ```
 */
export class Anchor {
  /** Identifies the anchor. */
  readonly id: number;
  /** Where it stands. */
  readonly position: Vec3;
  /** Echoes one repair costs. */
  readonly repairCost: number;
  /** The ability its first repair unlocks. */
  readonly unlocks: AbilityKind | undefined;
  /** Interaction radius. */
  readonly proximityRadius: number;
  /** Combat stress radius. */
  readonly stressRadius: number;
  #stability: number;
  #repairs = 0;

  /** A new anchor. @throws {RangeError} on a negative radius or cost. */
  constructor(options: AnchorOptions) {
    const { proximityRadius = 3, stressRadius = 20, repairCost = 5 } = options;
    if (!(proximityRadius >= 0) || !(stressRadius >= 0)) {
      throw new RangeError(`anchor ${options.id}: radii must be >= 0`);
    }
    if (!Number.isSafeInteger(repairCost) || repairCost < 0) {
      throw new RangeError(`anchor ${options.id}: repairCost must be a non-negative integer`);
    }
    this.id = options.id;
    this.position = options.position;
    this.repairCost = repairCost;
    this.unlocks = options.unlocks;
    this.proximityRadius = proximityRadius;
    this.stressRadius = stressRadius;
    this.#stability = Math.min(1, Math.max(0, options.stability ?? 1));
  }

  /** Stability, 0 (broken) to 1 (perfect). */
  get stability(): number {
    return this.#stability;
  }

  /** The state of the current stability. */
  get state(): AnchorState {
    return anchorState(this.#stability);
  }

  /** Repairs done so far. */
  get repairs(): number {
    return this.#repairs;
  }

  /** Passive decay over `seconds`. */
  applyDecay(seconds: number): void {
    this.#stability = Math.max(0, this.#stability - DECAY_PER_SECOND * seconds);
  }

  /**
   * Stress from a combat event at `at`: {@link COMBAT_STRESS} if it happened within the stress
   * radius (inclusive; a zero radius counts only events at the anchor itself). Returns whether
   * the anchor was stressed.
   */
  applyCombatStress(at: Vec3): boolean {
    if (distanceSquared(at, this.position) > this.stressRadius * this.stressRadius) return false;
    this.#stability = Math.max(0, this.#stability - COMBAT_STRESS);
    return true;
  }

  /** Whether `player` is close enough to interact (inclusive). */
  isInProximity(player: Vec3): boolean {
    return distanceSquared(player, this.position) <= this.proximityRadius * this.proximityRadius;
  }

  /**
   * Repairs the anchor (+{@link REPAIR_BONUS}, capped at 1) if it is not perfect and `echoes`
   * covers the cost; only a repair that happens is paid for. The first repair reports the
   * ability the anchor unlocks.
   */
  repair(echoes: EchoCurrency): RepairResult {
    if (this.#stability >= 1) return { repaired: false, reason: "already_perfect" };
    if (!echoes.spend(this.repairCost, `repair anchor ${this.id}`)) {
      return { repaired: false, reason: "not_enough_echoes" };
    }
    this.#stability = Math.min(1, this.#stability + REPAIR_BONUS);
    this.#repairs++;
    return this.#repairs === 1 && this.unlocks !== undefined
      ? { repaired: true, stability: this.#stability, unlocked: this.unlocks }
      : { repaired: true, stability: this.#stability };
  }
}
