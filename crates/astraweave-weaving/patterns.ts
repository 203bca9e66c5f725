/**
 * Pattern detection: detectors read {@link WorldMetrics} and report the patterns they see, each
 * with a strength in [0, 1]. Every threshold is compared with `>=`, as in the Rust crate.
 *
 * @module
 */

import type { WorldMetrics } from "./metrics.ts";

/** A pattern seen in the world on one tick. */
export interface Pattern {
  /** Unique within a tick: the kind, then `_` and the subject when there is one. */
  readonly id: string;
  /** What was seen: `low_health_cluster`, `resource_scarce`, `faction_conflict`... */
  readonly kind: string;
  /** What it was seen about (a resource, a faction), or `""`. */
  readonly subject: string;
  /** How strong it is, 0 to 1. */
  readonly strength: number;
}

/** Strength bands, for people reading a pattern: under 0.3 weak, under 0.7 moderate, else strong. */
export type PatternStrength = "weak" | "moderate" | "strong";

/**
 * The band of a strength.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { strengthBand } from "@astraweave/weaving";
 * assert.equal(strengthBand(0.29), "weak");
 * assert.equal(strengthBand(0.3), "moderate");
 * assert.equal(strengthBand(0.7), "strong");
 * ```
 */
export function strengthBand(strength: number): PatternStrength {
  if (strength < 0.3) return "weak";
  if (strength < 0.7) return "moderate";
  return "strong";
}

/**
 * A detector: a plug-in that looks at the metrics and appends what it sees to `found`.
 * Appending (instead of returning a new array) keeps the per-tick pipeline free of throwaway
 * arrays. A game registers its own detectors beside the built-in ones.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Pattern, type PatternDetector } from "@astraweave/weaving";
 * const nightfall: PatternDetector = {
 *   name: "nightfall",
 *   detect(metrics, found) {
 *     const darkness = metrics.custom?.darkness ?? 0;
 *     if (darkness >= 0.5) found.push({ id: "nightfall", kind: "nightfall", subject: "", strength: darkness });
 *   },
 * };
 * const found: Pattern[] = [];
 * nightfall.detect({
 *   tick: 0, criticalHealthCount: 0, resourceScarcity: {}, factionTensions: {},
 *   combatEventTicks: [], custom: { darkness: 0.9 },
 * }, found);
 * assert.equal(found[0].strength, 0.9);
 * ```
 */
export interface PatternDetector {
  /** The detector's name, for records and errors. */
  readonly name: string;
  /** Appends the patterns seen in `metrics` to `found`. */
  detect(metrics: WorldMetrics, found: Pattern[]): void;
}

/** Pattern kinds of the built-in detectors. */
export const PatternKind = {
  lowHealthCluster: "low_health_cluster",
  resourceScarce: "resource_scarce",
  factionConflict: "faction_conflict",
  highCombatIntensity: "high_combat_intensity",
} as const;

/** Pattern ids per subject, built once: detectors run every tick and would otherwise concatenate. */
class IdCache {
  readonly #ids = new Map<string, string>();
  constructor(readonly kind: string) {}
  of(subject: string): string {
    let id = this.#ids.get(subject);
    if (id === undefined) {
      id = `${this.kind}_${subject}`;
      this.#ids.set(subject, id);
    }
    return id;
  }
}

function checkThreshold(detector: string, name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${detector}: ${name} must be a finite number >= 0, got ${value}`);
  }
  return value;
}

/**
 * Sees a cluster of badly hurt characters: `criticalHealthCount >= minClusterSize`, with strength
 * `min(count / 10, 1)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LowHealthClusterDetector, type Pattern } from "@astraweave/weaving";
 * const found: Pattern[] = [];
 * new LowHealthClusterDetector({ minClusterSize: 3 }).detect({
 *   tick: 0, criticalHealthCount: 5, resourceScarcity: {}, factionTensions: {}, combatEventTicks: [],
 * }, found);
 * assert.deepEqual(found, [{ id: "low_health_cluster", kind: "low_health_cluster", subject: "", strength: 0.5 }]);
 * ```
 */
export class LowHealthClusterDetector implements PatternDetector {
  readonly name = "low_health_cluster";
  /** Fewest critical characters that count as a cluster. */
  readonly minClusterSize: number;
  /** A detector with the given cluster size. @throws {RangeError} on a negative or non-finite size. */
  constructor(options: { minClusterSize: number }) {
    this.minClusterSize = checkThreshold(this.name, "minClusterSize", options.minClusterSize);
  }
  /** Appends `low_health_cluster` when the cluster is big enough. */
  detect(metrics: WorldMetrics, found: Pattern[]): void {
    const count = metrics.criticalHealthCount;
    if (count >= this.minClusterSize) {
      found.push({
        id: PatternKind.lowHealthCluster,
        kind: PatternKind.lowHealthCluster,
        subject: "",
        strength: Math.min(count / 10, 1),
      });
    }
  }
}

/**
 * Sees scarce resources: one `resource_scarce_<resource>` pattern per resource whose scarcity is
 * `>= threshold`, with strength = scarcity.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Pattern, ResourceScarcityDetector } from "@astraweave/weaving";
 * const found: Pattern[] = [];
 * new ResourceScarcityDetector({ threshold: 0.5 }).detect({
 *   tick: 0, criticalHealthCount: 0, resourceScarcity: { food: 0.8, water: 0.3 },
 *   factionTensions: {}, combatEventTicks: [],
 * }, found);
 * assert.deepEqual(found.map((p) => p.id), ["resource_scarce_food"]);
 * ```
 */
export class ResourceScarcityDetector implements PatternDetector {
  readonly name = "resource_scarcity";
  /** Lowest scarcity that counts. */
  readonly threshold: number;
  readonly #ids = new IdCache(PatternKind.resourceScarce);
  /** A detector with the given threshold. @throws {RangeError} on a negative or non-finite threshold. */
  constructor(options: { threshold: number }) {
    this.threshold = checkThreshold(this.name, "threshold", options.threshold);
  }
  /** Appends one pattern per scarce resource, in the order the metrics list them. */
  detect(metrics: WorldMetrics, found: Pattern[]): void {
    const scarcity = metrics.resourceScarcity;
    for (const resource in scarcity) {
      const value = scarcity[resource];
      if (value >= this.threshold) {
        found.push({
          id: this.#ids.of(resource),
          kind: PatternKind.resourceScarce,
          subject: resource,
          strength: value,
        });
      }
    }
  }
}

/**
 * Sees factions in conflict: one `faction_conflict_<faction>` pattern per faction whose tension is
 * `>= threshold`, with strength = tension.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FactionConflictDetector, type Pattern } from "@astraweave/weaving";
 * const found: Pattern[] = [];
 * new FactionConflictDetector({ threshold: 0.6 }).detect({
 *   tick: 0, criticalHealthCount: 0, resourceScarcity: {},
 *   factionTensions: { red: 0.9, blue: 0.4 }, combatEventTicks: [],
 * }, found);
 * assert.deepEqual(found.map((p) => [p.subject, p.strength]), [["red", 0.9]]);
 * ```
 */
export class FactionConflictDetector implements PatternDetector {
  readonly name = "faction_conflict";
  /** Lowest tension that counts. */
  readonly threshold: number;
  readonly #ids = new IdCache(PatternKind.factionConflict);
  /** A detector with the given threshold. @throws {RangeError} on a negative or non-finite threshold. */
  constructor(options: { threshold: number }) {
    this.threshold = checkThreshold(this.name, "threshold", options.threshold);
  }
  /** Appends one pattern per tense faction, in the order the metrics list them. */
  detect(metrics: WorldMetrics, found: Pattern[]): void {
    const tensions = metrics.factionTensions;
    for (const faction in tensions) {
      const value = tensions[faction];
      if (value >= this.threshold) {
        found.push({
          id: this.#ids.of(faction),
          kind: PatternKind.factionConflict,
          subject: faction,
          strength: value,
        });
      }
    }
  }
}

/**
 * Sees heavy combat: counts the combat events in the last `windowTicks` ticks (those at ticks
 * `t` with `metrics.tick - windowTicks < t <= metrics.tick`; the Rust detector ignored its window
 * and counted everything it was given) and reports `high_combat_intensity` when the count is
 * `>= eventsThreshold`, with strength `min(count / (2 x eventsThreshold), 1)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CombatIntensityDetector, type Pattern } from "@astraweave/weaving";
 * const found: Pattern[] = [];
 * const detector = new CombatIntensityDetector({ eventsThreshold: 2, windowTicks: 10 });
 * // Tick 0 is outside the window (91..100); the other three are inside.
 * detector.detect({
 *   tick: 100, criticalHealthCount: 0, resourceScarcity: {}, factionTensions: {},
 *   combatEventTicks: [0, 91, 95, 100],
 * }, found);
 * assert.equal(found[0].strength, 0.75);
 * ```
 */
export class CombatIntensityDetector implements PatternDetector {
  readonly name = "combat_intensity";
  /** Fewest events inside the window that count as heavy combat. */
  readonly eventsThreshold: number;
  /** Length of the window in ticks. */
  readonly windowTicks: number;
  /**
   * A detector with the given threshold and window.
   * @throws {RangeError} on a threshold that is not a positive integer or a negative window.
   */
  constructor(options: { eventsThreshold: number; windowTicks: number }) {
    if (!Number.isSafeInteger(options.eventsThreshold) || options.eventsThreshold < 1) {
      throw new RangeError(
        `${this.name}: eventsThreshold must be an integer >= 1, got ${options.eventsThreshold}`,
      );
    }
    this.eventsThreshold = options.eventsThreshold;
    this.windowTicks = checkThreshold(this.name, "windowTicks", options.windowTicks);
  }
  /** Appends `high_combat_intensity` when enough events fall inside the window. */
  detect(metrics: WorldMetrics, found: Pattern[]): void {
    const now = metrics.tick;
    const oldest = now - this.windowTicks;
    const events = metrics.combatEventTicks;
    let count = 0;
    for (let i = 0; i < events.length; i++) {
      const at = events[i];
      if (at > oldest && at <= now) count++;
    }
    if (count >= this.eventsThreshold) {
      found.push({
        id: PatternKind.highCombatIntensity,
        kind: PatternKind.highCombatIntensity,
        subject: "",
        strength: Math.min(count / (2 * this.eventsThreshold), 1),
      });
    }
  }
}
