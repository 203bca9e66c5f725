/**
 * Intent proposal: proposers turn patterns into intents (events the director could make happen),
 * each with a priority, a budget cost and a cooldown key.
 *
 * @module
 */

import { type Pattern, PatternKind } from "./patterns.ts";

/** An event the director could make happen this tick. */
export interface WeaveIntent {
  /** What would happen: `spawn_aid_event`, `spawn_supply_drop`... */
  readonly kind: string;
  /** Higher is more urgent; intents under the configured minimum are never considered. */
  readonly priority: number;
  /** Budget it uses when accepted (a non-negative integer). */
  readonly cost: number;
  /** Intents sharing a key share a cooldown; `""` for none. */
  readonly cooldownKey: string;
  /** Details for the game (which resource, which faction, which patrol). */
  readonly payload: Readonly<Record<string, string>>;
}

/** The optional parts of a {@link WeaveIntent}. */
export interface IntentOptions {
  /** Default 0.5, as in the Rust `WeaveIntent::new`. */
  priority?: number;
  /** Default 1. */
  cost?: number;
  /** Default `""`: no cooldown. */
  cooldownKey?: string;
  /** Default empty. */
  payload?: Readonly<Record<string, string>>;
}

const NO_PAYLOAD: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Builds an intent (the Rust `WeaveIntent::new(kind).with_priority(..)...`).
 *
 * @throws {RangeError} on a non-finite priority or a cost that is not a non-negative integer.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { weaveIntent } from "@astraweave/weaving";
 * const intent = weaveIntent("spawn_merchant", { priority: 0.6, cost: 5, cooldownKey: "merchant" });
 * assert.equal(intent.cost, 5);
 * assert.deepEqual(intent.payload, {});
 * ```
 */
export function weaveIntent(kind: string, options: IntentOptions = {}): WeaveIntent {
  const priority = options.priority ?? 0.5;
  const cost = options.cost ?? 1;
  if (!Number.isFinite(priority)) {
    throw new RangeError(`intent ${kind}: priority must be finite, got ${priority}`);
  }
  if (!Number.isSafeInteger(cost) || cost < 0) {
    throw new RangeError(`intent ${kind}: cost must be a non-negative integer, got ${cost}`);
  }
  return {
    kind,
    priority,
    cost,
    cooldownKey: options.cooldownKey ?? "",
    payload: options.payload ?? NO_PAYLOAD,
  };
}

/** A seeded source of random numbers; `SeedRng` of `@astraweave/pcg` is one. */
export interface RandomStream {
  /** The next uniformly distributed unsigned 32-bit integer. */
  nextU32(): number;
}

/** What a proposer may use besides the patterns. */
export interface ProposalContext {
  /** The director's tick number. */
  readonly tick: number;
  /** The director's seeded stream: the only source of randomness a proposer may use. */
  readonly random: RandomStream;
}

/**
 * A proposer: a plug-in that reads this tick's patterns and appends the intents it proposes to
 * `proposed`. A game registers its own beside the built-in ones.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type IntentProposer, weaveIntent, type WeaveIntent } from "@astraweave/weaving";
 * const lanterns: IntentProposer = {
 *   name: "lanterns",
 *   propose(patterns, _context, proposed) {
 *     for (const p of patterns) {
 *       if (p.kind === "nightfall") proposed.push(weaveIntent("light_lanterns", { priority: p.strength }));
 *     }
 *   },
 * };
 * const proposed: WeaveIntent[] = [];
 * lanterns.propose(
 *   [{ id: "nightfall", kind: "nightfall", subject: "", strength: 0.9 }],
 *   { tick: 0, random: { nextU32: () => 0 } },
 *   proposed,
 * );
 * assert.equal(proposed[0].kind, "light_lanterns");
 * ```
 */
export interface IntentProposer {
  /** The proposer's name, for records and errors. */
  readonly name: string;
  /** Appends the intents proposed for `patterns` to `proposed`. */
  propose(patterns: readonly Pattern[], context: ProposalContext, proposed: WeaveIntent[]): void;
}

function checkStrengthThreshold(proposer: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${proposer}: strengthThreshold must be finite, got ${value}`);
  }
  return value;
}

/** Per-subject cooldown keys and payloads, built once so proposing allocates only the intent. */
class SubjectCache<T> {
  readonly #values = new Map<string, T>();
  constructor(readonly build: (subject: string) => T) {}
  of(subject: string): T {
    let value = this.#values.get(subject);
    if (value === undefined) {
      value = this.build(subject);
      this.#values.set(subject, value);
    }
    return value;
  }
}

const WANDERING_HEALER = Object.freeze({ event_type: "wandering_healer" });

/** What a {@link PatternAnswerProposer} answers, and with what. */
export interface PatternAnswer {
  /** The proposer's name. */
  name: string;
  /** The pattern kind it answers. */
  pattern: string;
  /** The kind of intent it proposes. */
  intent: string;
  /** The intent's cost. */
  cost: number;
  /** The cooldown key for a pattern's subject (computed once per subject). */
  cooldownKey: (subject: string) => string;
  /** The payload for a pattern's subject (computed once per subject). */
  payload: (subject: string) => Readonly<Record<string, string>>;
}

/**
 * Answers each pattern of one kind whose strength is `>= strengthThreshold` with one intent, of
 * priority = strength. The built-in aid, supply-drop and mediator proposers are this; a game can
 * make its own the same way.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PatternAnswerProposer, type WeaveIntent } from "@astraweave/weaving";
 * const bards = new PatternAnswerProposer({
 *   name: "bard", pattern: "faction_conflict", intent: "spawn_bard", cost: 4,
 *   cooldownKey: (faction) => `bard_${faction}`, payload: (faction) => ({ faction }),
 * }, { strengthThreshold: 0.5 });
 * const proposed: WeaveIntent[] = [];
 * bards.propose(
 *   [{ id: "faction_conflict_red", kind: "faction_conflict", subject: "red", strength: 0.7 }],
 *   { tick: 0, random: { nextU32: () => 0 } },
 *   proposed,
 * );
 * assert.deepEqual(proposed, [{
 *   kind: "spawn_bard", priority: 0.7, cost: 4, cooldownKey: "bard_red", payload: { faction: "red" },
 * }]);
 * ```
 */
export class PatternAnswerProposer implements IntentProposer {
  /** The proposer's name. */
  readonly name: string;
  /** Weakest pattern that gets a proposal. */
  readonly strengthThreshold: number;
  readonly #answer: PatternAnswer;
  readonly #keys: SubjectCache<string>;
  readonly #payloads: SubjectCache<Readonly<Record<string, string>>>;

  /** A proposer of `answer` with the given threshold. @throws {RangeError} on a non-finite threshold. */
  constructor(answer: PatternAnswer, options: { strengthThreshold: number }) {
    this.name = answer.name;
    this.strengthThreshold = checkStrengthThreshold(answer.name, options.strengthThreshold);
    this.#answer = answer;
    this.#keys = new SubjectCache(answer.cooldownKey);
    this.#payloads = new SubjectCache(answer.payload);
  }

  /** Appends one intent per strong enough pattern of its kind. */
  propose(patterns: readonly Pattern[], _context: ProposalContext, proposed: WeaveIntent[]): void {
    const { pattern: kind, intent, cost } = this.#answer;
    for (let i = 0; i < patterns.length; i++) {
      const pattern = patterns[i];
      if (pattern.kind === kind && pattern.strength >= this.strengthThreshold) {
        proposed.push({
          kind: intent,
          priority: pattern.strength,
          cost,
          cooldownKey: this.#keys.of(pattern.subject),
          payload: this.#payloads.of(pattern.subject),
        });
      }
    }
  }
}

/**
 * Proposes a wandering healer (`spawn_aid_event`, priority = strength, cost 10, cooldown key
 * `aid_event`) for a `low_health_cluster` of strength `>= strengthThreshold`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AidEventProposer, type WeaveIntent } from "@astraweave/weaving";
 * const proposed: WeaveIntent[] = [];
 * new AidEventProposer({ strengthThreshold: 0.5 }).propose(
 *   [{ id: "low_health_cluster", kind: "low_health_cluster", subject: "", strength: 0.8 }],
 *   { tick: 0, random: { nextU32: () => 0 } },
 *   proposed,
 * );
 * assert.deepEqual(proposed[0], {
 *   kind: "spawn_aid_event", priority: 0.8, cost: 10, cooldownKey: "aid_event",
 *   payload: { event_type: "wandering_healer" },
 * });
 * ```
 */
export class AidEventProposer extends PatternAnswerProposer {
  /** A proposer with the given threshold. @throws {RangeError} on a non-finite threshold. */
  constructor(options: { strengthThreshold: number }) {
    super({
      name: "aid_event",
      pattern: PatternKind.lowHealthCluster,
      intent: "spawn_aid_event",
      cost: 10,
      cooldownKey: () => "aid_event",
      payload: () => WANDERING_HEALER,
    }, options);
  }
}

/**
 * Proposes a supply drop (`spawn_supply_drop`, priority = strength, cost 8, cooldown key
 * `supply_drop_<resource>`) for each `resource_scarce` pattern of strength `>= strengthThreshold`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SupplyDropProposer, type WeaveIntent } from "@astraweave/weaving";
 * const proposed: WeaveIntent[] = [];
 * new SupplyDropProposer({ strengthThreshold: 0.5 }).propose(
 *   [
 *     { id: "resource_scarce_food", kind: "resource_scarce", subject: "food", strength: 0.8 },
 *     { id: "resource_scarce_water", kind: "resource_scarce", subject: "water", strength: 0.3 },
 *   ],
 *   { tick: 0, random: { nextU32: () => 0 } },
 *   proposed,
 * );
 * assert.deepEqual(proposed.map((i) => i.cooldownKey), ["supply_drop_food"]);
 * assert.equal(proposed[0].payload.resource_type, "food");
 * ```
 */
export class SupplyDropProposer extends PatternAnswerProposer {
  /** A proposer with the given threshold. @throws {RangeError} on a non-finite threshold. */
  constructor(options: { strengthThreshold: number }) {
    super({
      name: "supply_drop",
      pattern: PatternKind.resourceScarce,
      intent: "spawn_supply_drop",
      cost: 8,
      cooldownKey: (resource) => `supply_drop_${resource}`,
      payload: (resource) => Object.freeze({ resource_type: resource }),
    }, options);
  }
}

/**
 * Proposes a mediator (`spawn_mediator`, priority = strength, cost 15, cooldown key
 * `mediator_<faction>`) for each `faction_conflict` pattern of strength `>= strengthThreshold`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MediatorProposer, type WeaveIntent } from "@astraweave/weaving";
 * const proposed: WeaveIntent[] = [];
 * new MediatorProposer({ strengthThreshold: 0.6 }).propose(
 *   [{ id: "faction_conflict_red", kind: "faction_conflict", subject: "red", strength: 0.9 }],
 *   { tick: 0, random: { nextU32: () => 0 } },
 *   proposed,
 * );
 * assert.equal(proposed[0].cooldownKey, "mediator_red");
 * assert.equal(proposed[0].cost, 15);
 * ```
 */
export class MediatorProposer extends PatternAnswerProposer {
  /** A proposer with the given threshold. @throws {RangeError} on a non-finite threshold. */
  constructor(options: { strengthThreshold: number }) {
    super({
      name: "mediator",
      pattern: PatternKind.factionConflict,
      intent: "spawn_mediator",
      cost: 15,
      cooldownKey: (faction) => `mediator_${faction}`,
      payload: (faction) => Object.freeze({ faction }),
    }, options);
  }
}

const PATROL_PAYLOADS = [
  Object.freeze({ patrol_type: "looters" }),
  Object.freeze({ patrol_type: "scavengers" }),
] as const;

/**
 * Proposes a patrol (`spawn_patrol`, priority = strength x 0.8, cost 12, cooldown key
 * `scavenger_patrol`) for `high_combat_intensity` of strength `>= strengthThreshold`. The patrol
 * (looters or scavengers) is drawn from the director's seeded stream, one draw per proposal.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ScavengerPatrolProposer, type WeaveIntent } from "@astraweave/weaving";
 * const proposed: WeaveIntent[] = [];
 * new ScavengerPatrolProposer({ strengthThreshold: 0.5 }).propose(
 *   [{ id: "high_combat_intensity", kind: "high_combat_intensity", subject: "", strength: 1 }],
 *   { tick: 0, random: { nextU32: () => 1 } },
 *   proposed,
 * );
 * assert.equal(proposed[0].priority, 0.8);
 * assert.equal(proposed[0].payload.patrol_type, "scavengers");
 * ```
 */
export class ScavengerPatrolProposer implements IntentProposer {
  readonly name = "scavenger_patrol";
  /** Weakest pattern that gets a proposal. */
  readonly strengthThreshold: number;
  /** A proposer with the given threshold. @throws {RangeError} on a non-finite threshold. */
  constructor(options: { strengthThreshold: number }) {
    this.strengthThreshold = checkStrengthThreshold(this.name, options.strengthThreshold);
  }
  /** Appends one patrol per strong enough combat pattern. */
  propose(patterns: readonly Pattern[], context: ProposalContext, proposed: WeaveIntent[]): void {
    for (let i = 0; i < patterns.length; i++) {
      const pattern = patterns[i];
      if (
        pattern.kind === PatternKind.highCombatIntensity &&
        pattern.strength >= this.strengthThreshold
      ) {
        proposed.push({
          kind: "spawn_patrol",
          priority: pattern.strength * 0.8,
          cost: 12,
          cooldownKey: "scavenger_patrol",
          payload: PATROL_PAYLOADS[context.random.nextU32() & 1],
        });
      }
    }
  }
}
