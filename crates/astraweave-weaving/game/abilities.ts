/**
 * The player's two echo abilities, with cooldowns and echo costs.
 *
 * @module
 */

import type { EchoCurrency } from "./echo_currency.ts";

/** The abilities. */
export type AbilityKind = "echo_dash" | "echo_shield";

/** What an ability costs and does. */
export interface AbilitySpec {
  /** Seconds between uses. */
  readonly cooldownSeconds: number;
  /** Echoes per use. */
  readonly cost: number;
  /** Seconds its effect lasts (0 for an instant). */
  readonly durationSeconds: number;
}

/**
 * EchoDash: cooldown 1 s, cost 10 (damage 30 over 10 units, for the game to apply). EchoShield:
 * cooldown 5 s, lasts 3 s, cost 15, halves damage taken.
 */
export const ABILITIES: Readonly<Record<AbilityKind, AbilitySpec>> = Object.freeze({
  echo_dash: Object.freeze({ cooldownSeconds: 1, cost: 10, durationSeconds: 0 }),
  echo_shield: Object.freeze({ cooldownSeconds: 5, cost: 15, durationSeconds: 3 }),
});

/** Damage taken while the shield is up is multiplied by this. */
export const SHIELD_DAMAGE_FACTOR = 0.5;

/** What an activation attempt did; anything but "activated" charges nothing. */
export type Activation = "activated" | "locked" | "cooling_down" | "not_enough_echoes";

/**
 * One player's abilities: which are unlocked, their cooldowns, and the shield's remaining time.
 * Time only moves through {@link update}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Abilities, EchoCurrency } from "@astraweave/weaving";
 * const abilities = new Abilities(["echo_dash", "echo_shield"]);
 * const echoes = new EchoCurrency(40);
 * assert.equal(abilities.activate("echo_shield", echoes), "activated");
 * assert.equal(abilities.damageTaken(20), 10);
 * abilities.update(3);
 * assert.equal(abilities.damageTaken(20), 20);
 * assert.equal(abilities.activate("echo_shield", echoes), "cooling_down");
 * abilities.update(2);
 * assert.equal(abilities.activate("echo_shield", echoes), "activated");
 * assert.equal(echoes.balance, 10);
 * ```
 */
export class Abilities {
  readonly #unlocked = new Set<AbilityKind>();
  #dashCooldown = 0;
  #shieldCooldown = 0;
  #shieldLeft = 0;

  /** A player with `unlocked` abilities, none cooling down. */
  constructor(unlocked: Iterable<AbilityKind> = []) {
    for (const kind of unlocked) this.#unlocked.add(kind);
  }

  /** Unlocks `kind` (an anchor's first repair, a quest reward). */
  unlock(kind: AbilityKind): void {
    this.#unlocked.add(kind);
  }

  /** Whether `kind` is unlocked. */
  isUnlocked(kind: AbilityKind): boolean {
    return this.#unlocked.has(kind);
  }

  /** Seconds until `kind` can be used again. */
  cooldownLeft(kind: AbilityKind): number {
    return kind === "echo_dash" ? this.#dashCooldown : this.#shieldCooldown;
  }

  /** Whether the shield is up. */
  get shieldActive(): boolean {
    return this.#shieldLeft > 0;
  }

  /** Advances time by `seconds` (>= 0). */
  update(seconds: number): void {
    this.#dashCooldown = Math.max(0, this.#dashCooldown - seconds);
    this.#shieldCooldown = Math.max(0, this.#shieldCooldown - seconds);
    this.#shieldLeft = Math.max(0, this.#shieldLeft - seconds);
  }

  /** Uses `kind`, paying its cost from `echoes`, if it is unlocked, ready and affordable. */
  activate(kind: AbilityKind, echoes: EchoCurrency): Activation {
    if (!this.#unlocked.has(kind)) return "locked";
    if (this.cooldownLeft(kind) > 0) return "cooling_down";
    const spec = ABILITIES[kind];
    if (!echoes.spend(spec.cost, kind)) return "not_enough_echoes";
    if (kind === "echo_dash") {
      this.#dashCooldown = spec.cooldownSeconds;
    } else {
      this.#shieldCooldown = spec.cooldownSeconds;
      this.#shieldLeft = spec.durationSeconds;
    }
    return "activated";
  }

  /** The damage a hit of `amount` does, after the shield. */
  damageTaken(amount: number): number {
    return this.#shieldLeft > 0 ? amount * SHIELD_DAMAGE_FACTOR : amount;
  }
}
