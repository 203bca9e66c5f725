/**
 * The game layer: anchors, echo currency, abilities, quests, the enemy spawner, and a level that
 * ticks them together.
 *
 * @module
 */

export * from "./vec3.ts";
export * from "./echo_currency.ts";
export * from "./anchor.ts";
export * from "./abilities.ts";
export * from "./quests.ts";
export * from "./spawner.ts";
export * from "./level.ts";
