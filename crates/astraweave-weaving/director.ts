/**
 * The director: each tick, detectors see patterns in the world metrics, proposers turn them into
 * intents, and the adjudicator decides; the tick's record says what was seen, proposed and decided.
 *
 * @module
 */

import { SeedRng } from "@astraweave/pcg";
import { Adjudicator, type Decision } from "./adjudicator.ts";
import { defaultConfig, type WeaveConfig } from "./config.ts";
import {
  AidEventProposer,
  type IntentProposer,
  MediatorProposer,
  ScavengerPatrolProposer,
  SupplyDropProposer,
  type WeaveIntent,
} from "./intents.ts";
import type { WorldMetrics } from "./metrics.ts";
import {
  CombatIntensityDetector,
  FactionConflictDetector,
  LowHealthClusterDetector,
  type Pattern,
  type PatternDetector,
  ResourceScarcityDetector,
} from "./patterns.ts";

/** What one tick of the director saw and decided. */
export interface TickRecord {
  /** The director's tick number, from 0. */
  readonly tick: number;
  /** The budget of the tick. */
  readonly budget: number;
  /** Budget spent by the accepted intents. */
  readonly budgetSpent: number;
  /** The patterns the detectors saw, in detector order. */
  readonly patterns: readonly Pattern[];
  /** One decision per proposed intent, in the order the adjudicator walked them. */
  readonly decisions: readonly Decision[];
}

/**
 * The four built-in detectors, with the thresholds of `config`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { builtInDetectors, defaultConfig } from "@astraweave/weaving";
 * assert.deepEqual(
 *   builtInDetectors(defaultConfig()).map((d) => d.name),
 *   ["low_health_cluster", "resource_scarcity", "faction_conflict", "combat_intensity"],
 * );
 * ```
 */
export function builtInDetectors(config: WeaveConfig): PatternDetector[] {
  const d = config.detectors;
  return [
    new LowHealthClusterDetector({ minClusterSize: d.lowHealthMinCluster }),
    new ResourceScarcityDetector({ threshold: d.scarcityThreshold }),
    new FactionConflictDetector({ threshold: d.factionTensionThreshold }),
    new CombatIntensityDetector({
      eventsThreshold: d.combatEventsThreshold,
      windowTicks: d.combatWindowTicks,
    }),
  ];
}

/**
 * The four built-in proposers, with the thresholds of `config`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { builtInProposers, defaultConfig } from "@astraweave/weaving";
 * assert.deepEqual(
 *   builtInProposers(defaultConfig()).map((p) => p.name),
 *   ["aid_event", "supply_drop", "mediator", "scavenger_patrol"],
 * );
 * ```
 */
export function builtInProposers(config: WeaveConfig): IntentProposer[] {
  const p = config.proposers;
  return [
    new AidEventProposer({ strengthThreshold: p.aidThreshold }),
    new SupplyDropProposer({ strengthThreshold: p.supplyDropThreshold }),
    new MediatorProposer({ strengthThreshold: p.mediatorThreshold }),
    new ScavengerPatrolProposer({ strengthThreshold: p.patrolThreshold }),
  ];
}

/** How to build a {@link WeaveDirector}. */
export interface DirectorOptions {
  /** Default {@link defaultConfig}. */
  config?: WeaveConfig;
  /** Seed of the stream proposers draw from (u64: a safe integer or a bigint); default 0. */
  seed?: number | bigint;
  /** Replaces the built-in detectors; spread {@link builtInDetectors} in to add to them. */
  detectors?: readonly PatternDetector[];
  /** Replaces the built-in proposers; spread {@link builtInProposers} in to add to them. */
  proposers?: readonly IntentProposer[];
}

/**
 * The emergent-event director. Deterministic: the same config, seed and metrics sequence give
 * the same records. Its only randomness is a PCG32 stream of `@astraweave/pcg` (layer
 * `"weaving"` of the seed).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeDecision, WeaveDirector } from "@astraweave/weaving";
 * const director = new WeaveDirector({ seed: 7 });
 * const metrics = {
 *   tick: 0, criticalHealthCount: 6, resourceScarcity: { food: 0.9 },
 *   factionTensions: { north: 0.8 }, combatEventTicks: [],
 * };
 * const first = director.tick(metrics);
 * assert.deepEqual(
 *   first.decisions.map((d) => `${d.intent.kind} ${describeDecision(d)}`),
 *   [
 *     "spawn_supply_drop accepted",
 *     "spawn_mediator rejected: over budget by 3",
 *     "spawn_aid_event accepted",
 *   ],
 * );
 * assert.equal(first.budgetSpent, 18);
 * const second = director.tick({ ...metrics, tick: 1 });
 * assert.equal(describeDecision(second.decisions[0]), "rejected: cooling down, 599 ticks left");
 * ```
 */
export class WeaveDirector {
  /** The configuration in force. */
  readonly config: WeaveConfig;
  /** The adjudicator (its cooldowns can be read between ticks). */
  readonly adjudicator: Adjudicator;
  readonly #detectors: readonly PatternDetector[];
  readonly #proposers: readonly IntentProposer[];
  readonly #context: { tick: number; random: SeedRng };

  /**
   * A director at tick 0 with no cooldowns running.
   * @throws {RangeError} on a configuration value out of range or a bad seed.
   */
  constructor(options: DirectorOptions = {}) {
    this.config = options.config ?? defaultConfig();
    this.adjudicator = new Adjudicator(this.config);
    this.#detectors = options.detectors ?? builtInDetectors(this.config);
    this.#proposers = options.proposers ?? builtInProposers(this.config);
    this.#context = { tick: -1, random: new SeedRng(options.seed ?? 0, "weaving") };
  }

  /** Ticks run so far. */
  get ticks(): number {
    return this.#context.tick + 1;
  }

  /** Runs one tick over `metrics` and returns its record. */
  tick(metrics: WorldMetrics): TickRecord {
    const context = this.#context;
    context.tick++;
    const adjudicator = this.adjudicator;
    adjudicator.beginTick();
    const patterns: Pattern[] = [];
    for (let i = 0; i < this.#detectors.length; i++) this.#detectors[i].detect(metrics, patterns);
    const intents: WeaveIntent[] = [];
    for (let i = 0; i < this.#proposers.length; i++) {
      this.#proposers[i].propose(patterns, context, intents);
    }
    const decisions = adjudicator.adjudicate(intents);
    return {
      tick: context.tick,
      budget: this.config.budgetPerTick,
      budgetSpent: adjudicator.budgetSpent,
      patterns,
      decisions,
    };
  }
}
