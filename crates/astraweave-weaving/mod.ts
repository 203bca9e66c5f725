/**
 * `@astraweave/weaving`: an emergent-event director that explains every decision it makes.
 *
 * Each tick, detectors see patterns in the game's {@link WorldMetrics} (a cluster of badly hurt
 * characters, scarce food, a faction conflict, heavy combat), proposers turn them into intents (a
 * wandering healer, a supply drop, a mediator, a patrol), and an {@link Adjudicator} picks which
 * ones happen under a budget, cooldowns and a minimum priority. Every tick returns a
 * {@link TickRecord} that says what happened to each intent and why. Detectors and proposers are
 * plug-ins; the configuration is TOML; the same metrics, configuration and seed always give the
 * same decisions.
 *
 * A small game layer comes with it: anchors, echo currency, abilities, quest objectives and an
 * enemy spawner.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configFromToml, formatDecisionTable, WeaveDirector } from "@astraweave/weaving";
 * const config = configFromToml("budget_per_tick = 30\n[cooldowns]\nmediator = 900\n");
 * const director = new WeaveDirector({ config, seed: 42 });
 * const record = director.tick({
 *   tick: 0, criticalHealthCount: 0, resourceScarcity: {},
 *   factionTensions: { north: 0.9, south: 0.7 }, combatEventTicks: [],
 * });
 * assert.deepEqual(record.decisions.map((d) => d.outcome), ["accepted", "accepted"]);
 * assert.equal(director.adjudicator.cooldownRemaining("mediator_south"), 900);
 * assert.match(formatDecisionTable(record), /mediator_north/);
 * ```
 *
 * @module
 */

export * from "./metrics.ts";
export * from "./patterns.ts";
export * from "./intents.ts";
export * from "./adjudicator.ts";
export * from "./config.ts";
export * from "./director.ts";
export * from "./explain.ts";
export * from "./simulate.ts";
export * from "./game/mod.ts";
