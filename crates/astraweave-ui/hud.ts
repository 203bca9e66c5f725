/**
 * {@link HudManager}: the in-game HUD's whole state, advanced by `update(dt)`: the player's bars,
 * enemies' bars, damage numbers, notifications, the quest tracker, the minimap, the tooltip and
 * dialogue shown, the accessibility options and which parts are visible. The page draws it; a game
 * drives it (set values when they change, call `update` once a frame).
 *
 * @module
 */

import {
  type AccessibilityOptions,
  checkAccessibility,
  DEFAULT_ACCESSIBILITY,
} from "./accessibility.ts";
import { EnemyBars, PlayerBars } from "./bars.ts";
import { DamageNumbers, type DamageNumbersOptions } from "./damage_numbers.ts";
import { DialogueRunner, type DialogueTree } from "./dialogue.ts";
import { Minimap } from "./minimap.ts";
import { Notifications } from "./notifications.ts";
import { QuestTracker } from "./quests.ts";
import type { Tooltip } from "./tooltip.ts";

/** Which HUD parts are shown (all but dialogue and debug at first, as in the Rust HUD). */
export interface HudVisibility {
  /** Player bars. */
  health: boolean;
  /** Enemy bars. */
  enemyBars: boolean;
  /** Damage numbers. */
  damageNumbers: boolean;
  /** Notifications. */
  notifications: boolean;
  /** Quest tracker. */
  questTracker: boolean;
  /** Minimap. */
  minimap: boolean;
  /** Dialogue box. */
  dialogue: boolean;
  /** Debug overlay. */
  debug: boolean;
}

/** Options of a {@link HudManager}. */
export interface HudOptions {
  /** The player's maxima (default 100 each). */
  playerMax?: { health: number; mana: number; stamina: number };
  /** Options of the damage numbers (capacity, random source). */
  damageNumbers?: DamageNumbersOptions;
  /** How many notifications show at once (default 5). */
  notificationLimit?: number;
}

/**
 * The HUD's state.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HudManager } from "./hud.ts";
 * const hud = new HudManager();
 * hud.player.setStats({ health: 80, mana: 100, stamina: 100 });
 * hud.damageNumbers.spawn(20, 640, 300);
 * hud.quests.add({ id: "q", title: "First steps", objectives: [{ id: "walk", text: "Walk", target: 1 }] });
 * hud.quests.progress("q", "walk");
 * hud.update(1 / 60);
 * assert.equal(hud.notifications.list[0].text, "Quest complete: First steps");
 * assert.equal(hud.damageNumbers.count, 1);
 * ```
 */
export class HudManager {
  /** The player's bars. */
  readonly player: PlayerBars;
  /** Enemies' bars. */
  readonly enemies: EnemyBars = new EnemyBars();
  /** Damage numbers. */
  readonly damageNumbers: DamageNumbers;
  /** Notifications. */
  readonly notifications: Notifications;
  /** Quests (a completed quest shows a "quest complete" notification). */
  readonly quests: QuestTracker;
  /** The minimap. */
  readonly minimap: Minimap = new Minimap();
  /** Which parts are shown. */
  readonly visible: HudVisibility = {
    health: true,
    enemyBars: true,
    damageNumbers: true,
    notifications: true,
    questTracker: true,
    minimap: true,
    dialogue: false,
    debug: false,
  };
  /** The tooltip shown and where, or null. */
  tooltip: { tooltip: Tooltip; x: number; y: number } | null = null;
  #dialogue: DialogueRunner | null = null;
  #accessibility: AccessibilityOptions = DEFAULT_ACCESSIBILITY;
  #time = 0;

  /** A HUD with full bars and nothing else. */
  constructor(options: HudOptions = {}) {
    this.player = new PlayerBars(options.playerMax ?? { health: 100, mana: 100, stamina: 100 });
    this.damageNumbers = new DamageNumbers(options.damageNumbers);
    this.notifications = new Notifications(options.notificationLimit);
    this.quests = new QuestTracker((quest) =>
      this.notifications.push(`Quest complete: ${quest.title}`, "questComplete")
    );
  }

  /** Seconds of HUD time so far (the sum of `update`'s `dt`). */
  get time(): number {
    return this.#time;
  }

  /** The dialogue shown, or null. */
  get dialogue(): DialogueRunner | null {
    return this.#dialogue;
  }

  /** Shows a dialogue from its start (and the dialogue box). */
  startDialogue(tree: DialogueTree): DialogueRunner {
    this.#dialogue = new DialogueRunner(tree);
    this.visible.dialogue = true;
    return this.#dialogue;
  }

  /** Closes the dialogue box. */
  endDialogue(): void {
    this.#dialogue = null;
    this.visible.dialogue = false;
  }

  /** The accessibility options. */
  get accessibility(): AccessibilityOptions {
    return this.#accessibility;
  }

  /**
   * Sets the accessibility options.
   *
   * @throws {UiError} `invalid_setting` for an unknown colour mode or a scale out of range.
   */
  setAccessibility(options: AccessibilityOptions): void {
    this.#accessibility = checkAccessibility(options);
  }

  /** Advances everything by `dt` seconds (a negative or non-finite `dt` counts as 0). */
  update(dt: number): void {
    const step = dt > 0 && Number.isFinite(dt) ? dt : 0;
    this.#time += step;
    this.player.update(step);
    this.enemies.update(step);
    this.damageNumbers.update(step);
    this.notifications.update(step);
    this.minimap.update(step);
    if (this.#dialogue?.ended) this.endDialogue();
  }
}
