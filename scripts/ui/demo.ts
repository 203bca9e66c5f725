/**
 * The page's demo scene: a bandit camp that drives a {@link HudManager} through time, so the HUD
 * has something to show. Bandits hit the player every few seconds, a companion hits the bandits,
 * the player drinks a potion when low, a quest counts the bandits defeated, and the minimap shows
 * the camp's points of interest while the player walks a slow circle. No DOM: the page reads the
 * HUD and the actors' screen positions each frame.
 *
 * @module
 */

import { type Faction, HudManager } from "@astraweave/ui/state";

/** An actor of the scene, at a position given as fractions of the scene's width and height. */
export interface Actor {
  /** Enemy-bar id. */
  readonly id: number;
  /** Display name. */
  readonly name: string;
  /** Faction. */
  readonly faction: Faction;
  /** Horizontal position, 0 (left) to 1 (right). */
  readonly fx: number;
  /** Vertical position, 0 (top) to 1 (bottom). */
  readonly fy: number;
  /** Health. */
  health: number;
  /** Full health. */
  readonly maxHealth: number;
  /** Seconds until it is back after being defeated (0: present). */
  respawn: number;
}

/** What a save of the demo holds. */
export interface DemoState {
  /** Scene time, s. */
  time: number;
  /** Player health, mana, stamina. */
  player: { health: number; mana: number; stamina: number };
  /** Bandits defeated so far. */
  defeated: number;
  /** Whether the quartermaster was talked to. */
  talked: boolean;
}

/** The quest of the demo. */
export const QUEST_ID = "camp";
/** Bandits to defeat for the quest. */
export const BANDITS_TO_DEFEAT = 6;

const BANDIT_HIT_EVERY = 2.4;
const COMPANION_HIT_EVERY = 1.3;
const WALK_SECONDS = 60;

/**
 * The demo scene.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DemoScene } from "./demo.ts";
 * const demo = new DemoScene({ random: () => 0.5 });
 * demo.resize(1280, 720);
 * for (let i = 0; i < 300; i++) demo.update(1 / 60);
 * assert.ok(demo.hud.player.health.target < 100);
 * assert.ok(demo.hud.damageNumbers.count > 0);
 * ```
 */
export class DemoScene {
  /** The HUD the scene drives. */
  readonly hud: HudManager;
  /** The actors with health bars. */
  readonly actors: Actor[];
  /** Scene time, s. */
  time = 0;
  /** Player stats. */
  readonly player = { health: 100, mana: 100, stamina: 100 };
  /** Bandits defeated. */
  defeated = 0;
  /** Whether the quartermaster was talked to. */
  talked = false;
  #width = 1280;
  #height = 720;
  #banditTimer = 1.2;
  #companionTimer = 0.6;
  readonly #random: () => number;

  /** A fresh scene. */
  constructor(options: { random?: () => number } = {}) {
    this.#random = options.random ?? Math.random;
    this.hud = new HudManager({ damageNumbers: { random: this.#random } });
    this.actors = [
      {
        id: 1,
        name: "Bandit",
        faction: "Hostile",
        fx: 0.42,
        fy: 0.38,
        health: 60,
        maxHealth: 60,
        respawn: 0,
      },
      {
        id: 2,
        name: "Bandit archer",
        faction: "Hostile",
        fx: 0.6,
        fy: 0.3,
        health: 45,
        maxHealth: 45,
        respawn: 0,
      },
      {
        id: 3,
        name: "Bandit chief",
        faction: "Hostile",
        fx: 0.7,
        fy: 0.48,
        health: 120,
        maxHealth: 120,
        respawn: 0,
      },
      {
        id: 4,
        name: "Wolf",
        faction: "Neutral",
        fx: 0.25,
        fy: 0.55,
        health: 40,
        maxHealth: 40,
        respawn: 0,
      },
      {
        id: 5,
        name: "Mira",
        faction: "Friendly",
        fx: 0.33,
        fy: 0.68,
        health: 80,
        maxHealth: 80,
        respawn: 0,
      },
    ];
    const { minimap, quests } = this.hud;
    minimap.addPoi("danger", 150, -100, "Bandit camp");
    minimap.addPoi("objective", 260, 90, "Supply cache");
    minimap.addPoi("vendor", -190, 60, "Quartermaster");
    minimap.addPoi("waypoint", -60, -330, "North gate");
    minimap.addPoi("objective", 900, 400, "Smugglers' cove");
    quests.add({
      id: QUEST_ID,
      title: "Clear the bandit camp",
      objectives: [
        { id: "bandits", text: "Defeat bandits", target: BANDITS_TO_DEFEAT },
        { id: "talk", text: "Report to the quartermaster", target: 1 },
      ],
    });
    this.#syncEnemies();
  }

  /** Sets the scene's size in px (enemy bars and damage numbers are placed in it). */
  resize(width: number, height: number): void {
    this.#width = width;
    this.#height = height;
    this.#syncEnemies();
  }

  /** Where actor `actor` is on screen, px. */
  screenOf(actor: Actor): { x: number; y: number } {
    return { x: actor.fx * this.#width, y: actor.fy * this.#height };
  }

  /** The player's attack (the bound attack key): hits the first hostile bandit present. */
  attack(): void {
    if (this.player.stamina < 10) {
      this.hud.notifications.push("Too tired to attack", "warning");
      return;
    }
    this.player.stamina -= 10;
    const target = this.actors.find((a) => a.faction === "Hostile" && a.respawn === 0);
    if (target) this.#hit(target, 12 + Math.floor(this.#random() * 10), this.#random() < 0.2);
    this.hud.player.setStats(this.player);
  }

  /** The interact key: talks to the quartermaster (a dialogue with choices). */
  interact(): void {
    if (this.hud.dialogue) return;
    this.hud.startDialogue({
      start: "greet",
      nodes: {
        greet: {
          speaker: "Quartermaster",
          text: "Back from the camp already? What news?",
          choices: [
            { text: "The bandits are scattering.", next: "report" },
            { text: "Nothing yet.", next: "later" },
          ],
        },
        report: {
          speaker: "Quartermaster",
          text: "Good work. Take these supplies.",
          choices: [{ text: "Thanks.", next: null }],
        },
        later: { speaker: "Quartermaster", text: "Then get back out there.", choices: [] },
      },
    });
  }

  /** Called when the player picks a dialogue choice. */
  choose(index: number): void {
    const dialogue = this.hud.dialogue;
    if (!dialogue) return;
    const before = dialogue.current;
    if (before && before.choices.length === 0) dialogue.advance();
    else dialogue.choose(index);
    if (dialogue.history.includes("report") && !this.talked) {
      this.talked = true;
      this.hud.quests.progress(QUEST_ID, "talk");
      this.player.mana = 100;
      this.hud.player.setStats(this.player);
    }
  }

  /** Advances the scene and its HUD by `dt` seconds. */
  update(dt: number): void {
    this.time += dt;
    const { hud } = this;
    this.#banditTimer -= dt;
    if (this.#banditTimer <= 0) {
      this.#banditTimer += BANDIT_HIT_EVERY;
      const damage = 5 + Math.floor(this.#random() * 9);
      this.player.health = Math.max(0, this.player.health - damage);
      hud.damageNumbers.spawn(damage, this.#width * 0.5, this.#height * 0.78, "damage");
      hud.minimap.ping(150, -100);
      if (this.player.health < 35) {
        this.player.health = Math.min(100, this.player.health + 40);
        hud.notifications.push("You drink a healing potion");
        hud.damageNumbers.spawn(40, this.#width * 0.5, this.#height * 0.74, "heal");
      }
    }
    this.#companionTimer -= dt;
    if (this.#companionTimer <= 0) {
      this.#companionTimer += COMPANION_HIT_EVERY;
      const target = this.actors.find((a) => a.faction === "Hostile" && a.respawn === 0);
      if (target) this.#hit(target, 6 + Math.floor(this.#random() * 8), false);
    }
    for (const actor of this.actors) {
      if (actor.respawn > 0) {
        actor.respawn = Math.max(0, actor.respawn - dt);
        if (actor.respawn === 0) actor.health = actor.maxHealth;
      }
    }
    this.player.mana = Math.min(100, this.player.mana + 2 * dt);
    this.player.stamina = Math.min(100, this.player.stamina + 8 * dt);
    hud.player.setStats({
      health: this.player.health,
      mana: Math.floor(this.player.mana),
      stamina: Math.floor(this.player.stamina),
    });
    const angle = (this.time / WALK_SECONDS) * 2 * Math.PI;
    hud.minimap.setPlayer(100 * Math.cos(angle), 100 * Math.sin(angle), angle + Math.PI / 2);
    this.#syncEnemies();
    hud.update(dt);
  }

  /** The scene as a save holds it. */
  snapshot(): DemoState {
    return {
      time: this.time,
      player: { ...this.player },
      defeated: this.defeated,
      talked: this.talked,
    };
  }

  /** Restores a saved scene. */
  restore(state: DemoState): void {
    this.time = state.time;
    Object.assign(this.player, state.player);
    this.defeated = state.defeated;
    this.talked = state.talked;
    const quest = this.hud.quests.get(QUEST_ID)!;
    quest.objectives[0].current = Math.min(BANDITS_TO_DEFEAT, state.defeated);
    quest.objectives[1].current = state.talked ? 1 : 0;
    this.hud.player.setStats(this.player);
    this.hud.notifications.push("Game loaded");
  }

  #hit(target: Actor, amount: number, critical: boolean): void {
    const damage = critical ? amount * 2 : amount;
    target.health = Math.max(0, target.health - damage);
    const { x, y } = this.screenOf(target);
    this.hud.damageNumbers.spawn(damage, x, y - 64, critical ? "critical" : "damage");
    if (target.health === 0) {
      target.respawn = 4;
      this.defeated++;
      if (this.defeated <= BANDITS_TO_DEFEAT) this.hud.quests.progress(QUEST_ID, "bandits");
      this.hud.notifications.push(`${target.name} defeated`);
    }
  }

  #syncEnemies(): void {
    for (const actor of this.actors) {
      if (actor.respawn > 0) {
        this.hud.enemies.remove(actor.id);
        continue;
      }
      const { x, y } = this.screenOf(actor);
      this.hud.enemies.upsert(actor.id, {
        faction: actor.faction,
        health: actor.health,
        maxHealth: actor.maxHealth,
        x,
        y: y - 44,
      });
    }
  }
}
