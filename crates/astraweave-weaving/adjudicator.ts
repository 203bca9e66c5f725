/**
 * The adjudicator: picks which proposed intents happen this tick, under a budget, cooldowns and a
 * minimum priority, and records why each one did or did not.
 *
 * @module
 */

import type { WeaveIntent } from "./intents.ts";

/** Cooldown of a key that neither it nor its family is configured for, in ticks (as in Rust). */
export const UNKNOWN_COOLDOWN_TICKS = 300;

/** The rules the adjudicator applies; part of the director's configuration. */
export interface AdjudicationRules {
  /** Budget available each tick (a non-negative integer). */
  readonly budgetPerTick: number;
  /** Intents with a lower priority are rejected without further checks. */
  readonly minPriority: number;
  /** Cooldown in ticks by key or by key family (`mediator` covers `mediator_north`). */
  readonly cooldowns: Readonly<Record<string, number>>;
}

/** An accepted intent: its budget is spent and its cooldown started. */
export interface Accepted {
  /** Always "accepted". */
  readonly outcome: "accepted";
  /** The intent decided on. */
  readonly intent: WeaveIntent;
  /** The cooldown started for its key, in ticks (0 when it has no key). */
  readonly cooldownTicks: number;
  /** Budget left after it. */
  readonly budgetLeft: number;
}

/** Rejected: its priority is under the minimum. */
export interface BelowMinPriority {
  /** Always "below_min_priority". */
  readonly outcome: "below_min_priority";
  /** The intent decided on. */
  readonly intent: WeaveIntent;
  /** The minimum it missed. */
  readonly minPriority: number;
}

/** Rejected: its cooldown key is still cooling down. */
export interface CoolingDown {
  /** Always "cooling_down". */
  readonly outcome: "cooling_down";
  /** The intent decided on. */
  readonly intent: WeaveIntent;
  /** Ticks until the key is free again. */
  readonly ticksLeft: number;
}

/** Rejected: it costs more than the budget left when its turn came. */
export interface OverBudget {
  /** Always "over_budget". */
  readonly outcome: "over_budget";
  /** The intent decided on. */
  readonly intent: WeaveIntent;
  /** How much more budget it needed. */
  readonly overBy: number;
}

/** What happened to one intent. */
export type Decision = Accepted | BelowMinPriority | CoolingDown | OverBudget;

/**
 * One line for a person: "accepted", or "rejected: " and the reason.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeDecision, weaveIntent } from "@astraweave/weaving";
 * const intent = weaveIntent("spawn_mediator", { cost: 15 });
 * assert.equal(
 *   describeDecision({ outcome: "cooling_down", intent, ticksLeft: 120 }),
 *   "rejected: cooling down, 120 ticks left",
 * );
 * assert.equal(describeDecision({ outcome: "over_budget", intent, overBy: 3 }), "rejected: over budget by 3");
 * ```
 */
export function describeDecision(decision: Decision): string {
  switch (decision.outcome) {
    case "accepted":
      return "accepted";
    case "below_min_priority":
      return `rejected: below min priority ${decision.minPriority}`;
    case "cooling_down":
      return `rejected: cooling down, ${decision.ticksLeft} tick${
        decision.ticksLeft === 1 ? "" : "s"
      } left`;
    case "over_budget":
      return `rejected: over budget by ${decision.overBy}`;
  }
}

/** Priority descending, then cost ascending, then kind ascending (code-unit order). */
function compareIntents(a: WeaveIntent, b: WeaveIntent): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.cost !== b.cost) return a.cost - b.cost;
  return a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
}

/** Runs this long are sorted by insertion before merging; most ticks have fewer intents. */
const RUN = 8;

/**
 * A stable sorted copy of `intents` in walk order. A merge sort written out here, because
 * `Array.prototype.sort` calls its comparator through a generic call that the JIT cannot inline:
 * measured at about half its time on 100 intents in Deno 2.9.6, and the sort is most of the
 * adjudicator's work on a busy tick.
 */
function sortIntents(intents: readonly WeaveIntent[]): WeaveIntent[] {
  const n = intents.length;
  let from = intents.slice();
  for (let start = 0; start < n; start += RUN) {
    const end = Math.min(start + RUN, n);
    for (let i = start + 1; i < end; i++) {
      const item = from[i];
      let j = i - 1;
      while (j >= start && compareIntents(from[j], item) > 0) {
        from[j + 1] = from[j];
        j--;
      }
      from[j + 1] = item;
    }
  }
  if (n <= RUN) return from;
  let to: WeaveIntent[] = new Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let low = 0; low < n; low += 2 * width) {
      const middle = Math.min(low + width, n);
      const high = Math.min(low + 2 * width, n);
      let left = low;
      let right = middle;
      let out = low;
      // Taking from the left on ties keeps the sort stable.
      while (left < middle && right < high) {
        to[out++] = compareIntents(from[right], from[left]) < 0 ? from[right++] : from[left++];
      }
      while (left < middle) to[out++] = from[left++];
      while (right < high) to[out++] = from[right++];
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}

/**
 * Resolves the cooldown of `key` in `cooldowns`: the key itself, else its family (the key with
 * trailing `_part`s removed, longest first: `supply_drop_stone` tries `supply_drop`, then
 * `supply`), else {@link UNKNOWN_COOLDOWN_TICKS}. The Rust adjudicator looked up the exact key
 * only, so `mediator_north` never found `mediator = 900` and cooled down for 300 ticks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveCooldown } from "@astraweave/weaving";
 * const cooldowns = { mediator: 900, supply_drop_food: 600 };
 * assert.equal(resolveCooldown(cooldowns, "mediator_north"), 900);
 * assert.equal(resolveCooldown(cooldowns, "supply_drop_food"), 600);
 * assert.equal(resolveCooldown(cooldowns, "supply_drop_stone"), 300);
 * ```
 */
export function resolveCooldown(cooldowns: Readonly<Record<string, number>>, key: string): number {
  for (let candidate = key;;) {
    if (Object.hasOwn(cooldowns, candidate)) return cooldowns[candidate];
    const cut = candidate.lastIndexOf("_");
    if (cut <= 0) return UNKNOWN_COOLDOWN_TICKS;
    candidate = candidate.slice(0, cut);
  }
}

function checkRules(rules: AdjudicationRules): void {
  if (!Number.isSafeInteger(rules.budgetPerTick) || rules.budgetPerTick < 0) {
    throw new RangeError(
      `budgetPerTick must be a non-negative integer, got ${rules.budgetPerTick}`,
    );
  }
  if (!Number.isFinite(rules.minPriority)) {
    throw new RangeError(`minPriority must be finite, got ${rules.minPriority}`);
  }
  for (const [key, ticks] of Object.entries(rules.cooldowns)) {
    if (!Number.isSafeInteger(ticks) || ticks < 0) {
      throw new RangeError(`cooldown ${key} must be a non-negative integer, got ${ticks}`);
    }
  }
}

/**
 * Tracks the budget of the current tick and the cooldowns, and decides.
 *
 * A tick is {@link beginTick} (budget back to full, every cooldown one tick shorter) then
 * {@link adjudicate}. An intent accepted on tick `t` with cooldown `c` blocks its key on ticks
 * `t` to `t + c - 1` (and for the rest of tick `t` even when `c` is 0: one per key per tick).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Adjudicator, weaveIntent } from "@astraweave/weaving";
 * const adjudicator = new Adjudicator({ budgetPerTick: 20, minPriority: 0.3, cooldowns: { mediator: 900 } });
 * adjudicator.beginTick();
 * const [decision] = adjudicator.adjudicate([
 *   weaveIntent("spawn_mediator", { priority: 0.9, cost: 15, cooldownKey: "mediator_north" }),
 * ]);
 * assert.equal(decision.outcome, "accepted");
 * assert.equal(adjudicator.cooldownRemaining("mediator_north"), 900);
 * ```
 */
export class Adjudicator {
  /** The rules in force. */
  readonly rules: AdjudicationRules;
  readonly #cooldowns = new Map<string, number>();
  /** Resolved durations by key: the rules never change, and keys repeat every tick. */
  readonly #durations = new Map<string, number>();
  #spent = 0;

  /**
   * An adjudicator with no cooldowns running.
   * @throws {RangeError} on a budget or cooldown that is not a non-negative integer.
   */
  constructor(rules: AdjudicationRules) {
    checkRules(rules);
    this.rules = rules;
  }

  /** Starts a tick: the budget is full again and every cooldown is one tick shorter. */
  beginTick(): void {
    this.#spent = 0;
    for (const [key, ticks] of this.#cooldowns) {
      if (ticks <= 1) this.#cooldowns.delete(key);
      else this.#cooldowns.set(key, ticks - 1);
    }
  }

  /** Whether `key` is cooling down. */
  isOnCooldown(key: string): boolean {
    return this.#cooldowns.has(key);
  }

  /** Ticks until `key` is free (0 when it is). */
  cooldownRemaining(key: string): number {
    return this.#cooldowns.get(key) ?? 0;
  }

  /** The keys cooling down and their remaining ticks, in the order they started. */
  activeCooldowns(): ReadonlyMap<string, number> {
    return this.#cooldowns;
  }

  /** Whether `cost` fits in the budget left this tick. */
  hasBudget(cost: number): boolean {
    return this.#spent + cost <= this.rules.budgetPerTick;
  }

  /** Budget spent this tick. */
  get budgetSpent(): number {
    return this.#spent;
  }

  /** Budget left this tick. */
  get budgetRemaining(): number {
    return this.rules.budgetPerTick - this.#spent;
  }

  /** The cooldown an accepted intent with `key` starts (see {@link resolveCooldown}). */
  cooldownFor(key: string): number {
    let ticks = this.#durations.get(key);
    if (ticks === undefined) {
      ticks = resolveCooldown(this.rules.cooldowns, key);
      this.#durations.set(key, ticks);
    }
    return ticks;
  }

  /**
   * Decides on `intents` and returns one decision per intent, in the order they were walked:
   * priority descending, cost ascending, kind ascending. Intents under the minimum priority are
   * rejected; each other one is rejected when its key is cooling down or its cost exceeds the
   * budget left, and accepted otherwise (spending its cost and starting its cooldown). A rejected
   * intent never stops the walk: a cheaper one further down may still fit.
   *
   * @throws {RangeError} when an intent's cost is not a non-negative integer or its priority is
   * not finite; nothing is decided then, and the budget and cooldowns are as they were.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Adjudicator, describeDecision, weaveIntent } from "@astraweave/weaving";
   * const adjudicator = new Adjudicator({ budgetPerTick: 20, minPriority: 0.3, cooldowns: {} });
   * adjudicator.beginTick();
   * const decisions = adjudicator.adjudicate([
   *   weaveIntent("c", { priority: 0.5, cost: 5 }),
   *   weaveIntent("b", { priority: 0.8, cost: 10 }),
   *   weaveIntent("a", { priority: 0.9, cost: 15 }),
   *   weaveIntent("d", { priority: 0.1, cost: 1 }),
   * ]);
   * assert.deepEqual(
   *   decisions.map((d) => `${d.intent.kind} ${describeDecision(d)}`),
   *   ["a accepted", "b rejected: over budget by 5", "c accepted", "d rejected: below min priority 0.3"],
   * );
   * ```
   */
  adjudicate(intents: readonly WeaveIntent[]): Decision[] {
    // Intents can come from a game's own proposers: check them all before anything changes.
    for (let i = 0; i < intents.length; i++) {
      const { kind, cost, priority } = intents[i];
      if (!Number.isSafeInteger(cost) || cost < 0 || !Number.isFinite(priority)) {
        throw new RangeError(
          `intent ${kind}: cost must be a non-negative integer and priority finite, ` +
            `got cost ${cost}, priority ${priority}`,
        );
      }
    }
    const order = sortIntents(intents);
    const { budgetPerTick, minPriority } = this.rules;
    const decisions: Decision[] = new Array(order.length);
    for (let i = 0; i < order.length; i++) {
      const intent = order[i];
      const key = intent.cooldownKey;
      if (!(intent.priority >= minPriority)) {
        decisions[i] = { outcome: "below_min_priority", intent, minPriority };
        continue;
      }
      if (key !== "") {
        const ticksLeft = this.#cooldowns.get(key);
        if (ticksLeft !== undefined) {
          decisions[i] = { outcome: "cooling_down", intent, ticksLeft };
          continue;
        }
      }
      const after = this.#spent + intent.cost;
      if (after > budgetPerTick) {
        decisions[i] = { outcome: "over_budget", intent, overBy: after - budgetPerTick };
        continue;
      }
      this.#spent = after;
      let cooldownTicks = 0;
      if (key !== "") {
        cooldownTicks = this.cooldownFor(key);
        this.#cooldowns.set(key, cooldownTicks);
      }
      decisions[i] = {
        outcome: "accepted",
        intent,
        cooldownTicks,
        budgetLeft: budgetPerTick - after,
      };
    }
    return decisions;
  }

  /** Forgets every cooldown and the budget spent (a new game). */
  reset(): void {
    this.#cooldowns.clear();
    this.#spent = 0;
  }
}
