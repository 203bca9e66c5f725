/**
 * Animated bars: the player's health, mana and stamina, and the enemies' health. A new value starts
 * a 0.4 s tween from what the bar shows now: ease-in-out when it rises (healing), ease-out-cubic
 * when it falls (damage, which also flashes the bar for 0.2 s). The tween starts only when the
 * value changes: the Rust HUD set the target every frame, which restarted the tween each frame
 * (an exponential approach instead of 0.4 s) and kept the flash on.
 *
 * @module
 */

/** Seconds a bar takes to reach a new value. */
export const TWEEN_SECONDS = 0.4;
/** Seconds a bar flashes after damage. */
export const FLASH_SECONDS = 0.2;
/** The flash's peak intensity (the Rust HUD's 0.6). */
export const FLASH_INTENSITY = 0.6;

/**
 * Ease-in-out (quadratic): slow, fast, slow.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { easeInOutQuad } from "./bars.ts";
 * assert.deepEqual([0, 0.5, 1].map(easeInOutQuad), [0, 0.5, 1]);
 * ```
 */
export function easeInOutQuad(t: number): number {
  return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}

/**
 * Ease-out (cubic): fast, then slow.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { easeOutCubic } from "./bars.ts";
 * assert.equal(easeOutCubic(0.5), 0.875);
 * ```
 */
export function easeOutCubic(t: number): number {
  return 1 - (1 - t) ** 3;
}

/**
 * A bar that tweens to each new value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AnimatedBar } from "./bars.ts";
 * const health = new AnimatedBar(100);
 * health.set(60); // damage
 * health.update(0.1);
 * assert.ok(health.shown < 100 && health.shown > 60);
 * assert.ok(health.flash > 0);
 * health.update(0.3);
 * assert.equal(health.shown, 60);
 * assert.equal(health.flash, 0);
 * ```
 */
export class AnimatedBar {
  /** The bar's full value. */
  max: number;
  /** The value the bar is heading to. */
  target: number;
  /** The value the bar shows now. */
  shown: number;
  #from: number;
  #elapsed = TWEEN_SECONDS;
  #rising = false;
  #flashLeft = 0;

  /** A full bar of `max` (or at `value`). */
  constructor(max: number, value: number = max) {
    this.max = max;
    this.target = this.shown = this.#from = clamp(value, 0, max);
  }

  /**
   * Heads to `value` (clamped to 0..max). Setting the value it already heads to does nothing, so a
   * game may call this every frame.
   */
  set(value: number): void {
    const next = clamp(value, 0, this.max);
    if (next === this.target) return;
    this.#from = this.shown;
    this.#elapsed = 0;
    this.#rising = next > this.shown;
    if (!this.#rising) this.#flashLeft = FLASH_SECONDS;
    this.target = next;
  }

  /** Advances the tween and the flash by `dt` seconds. */
  update(dt: number): void {
    if (this.#flashLeft > 0) this.#flashLeft = Math.max(0, this.#flashLeft - dt);
    if (this.#elapsed >= TWEEN_SECONDS) return;
    this.#elapsed = Math.min(TWEEN_SECONDS, this.#elapsed + dt);
    const t = this.#elapsed / TWEEN_SECONDS;
    const eased = this.#rising ? easeInOutQuad(t) : easeOutCubic(t);
    this.shown = t >= 1 ? this.target : this.#from + (this.target - this.#from) * eased;
  }

  /** What the bar shows, 0 to 1. */
  get fraction(): number {
    return this.max > 0 ? this.shown / this.max : 0;
  }

  /** The flash's intensity now: {@link FLASH_INTENSITY} right after damage, fading to 0. */
  get flash(): number {
    return (this.#flashLeft / FLASH_SECONDS) * FLASH_INTENSITY;
  }

  /** Whether the bar is still moving or flashing. */
  get animating(): boolean {
    return this.#elapsed < TWEEN_SECONDS || this.#flashLeft > 0;
  }
}

/**
 * The player's health, mana and stamina bars.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PlayerBars } from "./bars.ts";
 * const player = new PlayerBars({ health: 100, mana: 50, stamina: 80 });
 * player.setStats({ health: 70, mana: 50, stamina: 80 });
 * player.update(1);
 * assert.equal(player.health.shown, 70);
 * ```
 */
export class PlayerBars {
  /** Health. */
  readonly health: AnimatedBar;
  /** Mana. */
  readonly mana: AnimatedBar;
  /** Stamina. */
  readonly stamina: AnimatedBar;

  /** Full bars of these maxima. */
  constructor(max: { health: number; mana: number; stamina: number }) {
    this.health = new AnimatedBar(max.health);
    this.mana = new AnimatedBar(max.mana);
    this.stamina = new AnimatedBar(max.stamina);
  }

  /** Sets the three values (each starts a tween only if it changed). */
  setStats(stats: { health: number; mana: number; stamina: number }): void {
    this.health.set(stats.health);
    this.mana.set(stats.mana);
    this.stamina.set(stats.stamina);
  }

  /** Advances the three bars by `dt` seconds. */
  update(dt: number): void {
    this.health.update(dt);
    this.mana.update(dt);
    this.stamina.update(dt);
  }
}

/** An enemy's faction, which colours its bar. */
export type Faction = "Hostile" | "Neutral" | "Friendly";

/** An enemy's health bar over its head. */
export interface EnemyBar {
  /** The enemy's id. */
  readonly id: number;
  /** Its faction. */
  faction: Faction;
  /** Its health bar. */
  readonly bar: AnimatedBar;
  /** Screen x of the bar's centre, in pixels. */
  x: number;
  /** Screen y of the bar's centre, in pixels. */
  y: number;
}

/** What a game reports about an enemy each frame. */
export interface EnemyUpdate {
  /** The enemy's faction. */
  faction: Faction;
  /** Its health. */
  health: number;
  /** Its full health. */
  maxHealth: number;
  /** Screen x of its head, pixels. */
  x: number;
  /** Screen y of its head, pixels. */
  y: number;
}

/**
 * The enemies' health bars, by id.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { EnemyBars } from "./bars.ts";
 * const enemies = new EnemyBars();
 * enemies.upsert(7, { faction: "Hostile", health: 40, maxHealth: 40, x: 100, y: 50 });
 * enemies.upsert(7, { faction: "Hostile", health: 10, maxHealth: 40, x: 104, y: 50 });
 * enemies.update(1);
 * assert.equal(enemies.get(7)?.bar.shown, 10);
 * enemies.remove(7);
 * assert.equal(enemies.count, 0);
 * ```
 */
export class EnemyBars {
  readonly #list: EnemyBar[] = [];
  readonly #index = new Map<number, number>();

  /** How many enemies have bars. */
  get count(): number {
    return this.#list.length;
  }

  /** The bars, in no particular order (do not modify the array). */
  get all(): readonly EnemyBar[] {
    return this.#list;
  }

  /** Enemy `id`'s bar. */
  get(id: number): EnemyBar | undefined {
    const i = this.#index.get(id);
    return i === undefined ? undefined : this.#list[i];
  }

  /** Adds enemy `id`, or updates its bar's target, faction and position. */
  upsert(id: number, enemy: EnemyUpdate): void {
    let entry = this.get(id);
    if (entry === undefined) {
      entry = {
        id,
        faction: enemy.faction,
        bar: new AnimatedBar(enemy.maxHealth, enemy.health),
        x: enemy.x,
        y: enemy.y,
      };
      this.#index.set(id, this.#list.length);
      this.#list.push(entry);
      return;
    }
    entry.faction = enemy.faction;
    entry.bar.max = enemy.maxHealth;
    entry.bar.set(enemy.health);
    entry.x = enemy.x;
    entry.y = enemy.y;
  }

  /** Removes enemy `id`'s bar (a swap with the last, so removal is O(1)). */
  remove(id: number): void {
    const i = this.#index.get(id);
    if (i === undefined) return;
    const last = this.#list.pop()!;
    this.#index.delete(id);
    if (last.id !== id) {
      this.#list[i] = last;
      this.#index.set(last.id, i);
    }
  }

  /** Advances every bar by `dt` seconds. */
  update(dt: number): void {
    const list = this.#list;
    for (let i = 0; i < list.length; i++) list[i].bar.update(dt);
  }
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
