/**
 * {@link WorldMetrics}: the summary of the game world that the director reads each tick.
 *
 * @module
 */

/**
 * What the game tells the director about its world on one tick. Detectors read it; nothing
 * writes it. Games with their own detectors put what those read in {@link WorldMetrics.custom}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type WorldMetrics } from "@astraweave/weaving";
 * const metrics: WorldMetrics = {
 *   tick: 120,
 *   criticalHealthCount: 4,
 *   resourceScarcity: { food: 0.8, water: 0.2 },
 *   factionTensions: { north: 0.7 },
 *   combatEventTicks: [100, 110, 119],
 * };
 * assert.equal(metrics.resourceScarcity.food, 0.8);
 * ```
 */
export interface WorldMetrics {
  /** The game tick these metrics describe; combat events are counted in a window ending here. */
  tick: number;
  /** Characters at critical health (the Rust crate's "<= 20% health"). */
  criticalHealthCount: number;
  /** Scarcity of each resource, 0 (plenty) to 1 (none left), by resource name. */
  resourceScarcity: Readonly<Record<string, number>>;
  /** Tension of each faction, 0 (calm) to 1 (open conflict), by faction name. */
  factionTensions: Readonly<Record<string, number>>;
  /** The ticks at which recent combat events (hits, kills) happened, in any order. */
  combatEventTicks: readonly number[];
  /** Anything a game's own detectors read, by name. */
  custom?: Readonly<Record<string, number>>;
}
