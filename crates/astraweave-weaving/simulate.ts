/**
 * Simulation: runs the director over a stream of metrics (scripted, or a seeded random walk) and
 * sums up what it did. The `weave` command and the long-run tests use it.
 *
 * @module
 */

import { SeedRng } from "@astraweave/pcg";
import type { Decision } from "./adjudicator.ts";
import { defaultConfig, type WeaveConfig } from "./config.ts";
import { type TickRecord, WeaveDirector } from "./director.ts";
import type { WorldMetrics } from "./metrics.ts";

/** The world on one tick as a script writes it: combat as a count of events on this tick. */
export interface MetricsFrame {
  /** As in {@link WorldMetrics}. */
  criticalHealthCount: number;
  /** As in {@link WorldMetrics}. */
  resourceScarcity: Readonly<Record<string, number>>;
  /** As in {@link WorldMetrics}. */
  factionTensions: Readonly<Record<string, number>>;
  /** Combat events that happen on this tick. */
  combatEvents: number;
}

/**
 * Turns frames into {@link WorldMetrics}, remembering the ticks of combat events for as long as a
 * combat window can reach back.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MetricsTimeline } from "@astraweave/weaving";
 * const timeline = new MetricsTimeline(2);
 * const frame = { criticalHealthCount: 0, resourceScarcity: {}, factionTensions: {}, combatEvents: 1 };
 * timeline.next(frame);
 * timeline.next(frame);
 * assert.deepEqual(timeline.next(frame).combatEventTicks, [1, 2]);
 * ```
 */
export class MetricsTimeline {
  #tick = -1;
  #events: number[] = [];
  /** Keeps events of the last `horizonTicks` ticks (a detector's combat window). */
  constructor(readonly horizonTicks: number) {}

  /** The metrics of the next tick (from 0). */
  next(frame: MetricsFrame): WorldMetrics {
    const tick = ++this.#tick;
    const oldest = tick - this.horizonTicks;
    let drop = 0;
    while (drop < this.#events.length && this.#events[drop] <= oldest) drop++;
    // A fresh array each tick: the metrics handed out earlier stay as they were.
    const events = this.#events.slice(drop);
    for (let i = 0; i < frame.combatEvents; i++) events.push(tick);
    this.#events = events;
    return {
      tick,
      criticalHealthCount: frame.criticalHealthCount,
      resourceScarcity: frame.resourceScarcity,
      factionTensions: frame.factionTensions,
      combatEventTicks: events,
    };
  }
}

const RESOURCES = ["food", "water", "medicine"] as const;
const FACTIONS = ["north", "south", "east"] as const;

/**
 * A seeded random walk of the world: scarcities and tensions drift in [0, 1], the critical
 * count drifts in 0 to 12, and combat comes in bursts. Same seed, same frames.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { randomFrames } from "@astraweave/weaving";
 * const a = randomFrames(5);
 * const b = randomFrames(5);
 * for (let i = 0; i < 100; i++) assert.deepEqual(a(), b());
 * ```
 */
export function randomFrames(seed: number | bigint): () => MetricsFrame {
  const rng = new SeedRng(seed, "weaving::metrics");
  const drift = (value: number, step: number) =>
    Math.min(1, Math.max(0, value + (rng.nextFloat() * 2 - 1) * step));
  const scarcity: Record<string, number> = {};
  const tension: Record<string, number> = {};
  for (const r of RESOURCES) scarcity[r] = rng.nextFloat();
  for (const f of FACTIONS) tension[f] = rng.nextFloat();
  let critical = rng.nextBounded(13);
  let combat = 0;
  return () => {
    for (const r of RESOURCES) scarcity[r] = drift(scarcity[r], 0.05);
    for (const f of FACTIONS) tension[f] = drift(tension[f], 0.04);
    critical = Math.min(12, Math.max(0, critical + rng.nextBounded(3) - 1));
    // A burst starts about once per 200 ticks and fades over a few dozen ticks.
    combat = rng.nextBounded(200) === 0 ? 1 : combat * 0.97;
    const events = rng.nextFloat() < combat ? 1 + rng.nextBounded(2) : 0;
    return {
      criticalHealthCount: critical,
      resourceScarcity: { ...scarcity },
      factionTensions: { ...tension },
      combatEvents: events,
    };
  };
}

/** A metrics script that cannot be used; the message names the entry and field. */
export class ScriptError extends Error {
  /** Always "ScriptError". */
  override name = "ScriptError";
}

/**
 * Most combat events one frame may hold: the timeline keeps one entry per event for a whole
 * combat window, so 2^32 events on one tick ran for seconds and then threw a RangeError.
 */
export const MAX_COMBAT_EVENTS_PER_FRAME = 10_000;

function scriptNumber(where: string, value: unknown, integer: boolean, max = Infinity): number {
  if (
    typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > max ||
    (integer && !Number.isSafeInteger(value))
  ) {
    const range = max === Infinity ? ">= 0" : `from 0 to ${max}`;
    throw new ScriptError(
      `${where} must be ${integer ? "an integer" : "a number"} ${range}, got ${
        JSON.stringify(value)
      }`,
    );
  }
  return value;
}

function scriptMap(where: string, value: unknown): Record<string, number> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ScriptError(`${where} must be an object of numbers`);
  }
  const map: Record<string, number> = {};
  for (const [name, level] of Object.entries(value)) {
    map[name] = scriptNumber(`${where}.${name}`, level, false);
  }
  return map;
}

const FRAME_FIELDS = new Set([
  "criticalHealthCount",
  "resourceScarcity",
  "factionTensions",
  "combatEvents",
]);

/**
 * Reads a metrics script: a JSON array of frames, each an object with any of
 * `criticalHealthCount`, `resourceScarcity`, `factionTensions` and `combatEvents` (missing ones
 * are 0 or empty).
 *
 * @throws {ScriptError} naming the entry and the field that is wrong.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseMetricsScript } from "@astraweave/weaving";
 * const [frame] = parseMetricsScript([{ criticalHealthCount: 5 }]);
 * assert.deepEqual(frame, { criticalHealthCount: 5, resourceScarcity: {}, factionTensions: {}, combatEvents: 0 });
 * assert.throws(() => parseMetricsScript([{ combatEvents: -1 }]), /frame 0: combatEvents must be an integer from 0 to 10000/);
 * ```
 */
export function parseMetricsScript(json: unknown): MetricsFrame[] {
  if (!Array.isArray(json) || json.length === 0) {
    throw new ScriptError("a metrics script must be a non-empty JSON array of frames");
  }
  // Array.from, not map: map skips the holes of a sparse array and would return them.
  return Array.from(json, (entry: unknown, index) => {
    const where = `frame ${index}`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      throw new ScriptError(`${where} must be an object`);
    }
    const fields = entry as Record<string, unknown>;
    for (const name of Object.keys(fields)) {
      if (!FRAME_FIELDS.has(name)) throw new ScriptError(`${where}: unknown field "${name}"`);
    }
    return {
      criticalHealthCount: scriptNumber(
        `${where}: criticalHealthCount`,
        fields.criticalHealthCount ?? 0,
        true,
      ),
      resourceScarcity: scriptMap(`${where}: resourceScarcity`, fields.resourceScarcity),
      factionTensions: scriptMap(`${where}: factionTensions`, fields.factionTensions),
      combatEvents: scriptNumber(
        `${where}: combatEvents`,
        fields.combatEvents ?? 0,
        true,
        MAX_COMBAT_EVENTS_PER_FRAME,
      ),
    };
  });
}

/** What a simulation did, summed over its ticks. */
export interface SimulationSummary {
  /** Ticks run. */
  ticks: number;
  /** Intents accepted, by kind (sorted by kind). */
  fired: Record<string, number>;
  /** Intents rejected, by outcome. */
  rejected: Record<Exclude<Decision["outcome"], "accepted">, number>;
  /** Budget spent over all ticks. */
  budgetSpent: number;
  /** Budget available over all ticks. */
  budgetAvailable: number;
  /** Most budget spent in one tick. */
  peakTickSpend: number;
}

/** How to run {@link simulate}. */
export interface SimulationOptions {
  /** Ticks to run. */
  ticks: number;
  /** Seeds the director's stream, and the random walk when there is no script. */
  seed: number | bigint;
  /** Default {@link defaultConfig}. */
  config?: WeaveConfig;
  /** Frames to play in order, again from the start when they run out; default a random walk. */
  script?: readonly MetricsFrame[];
  /** Called with each tick's record, in order. */
  onTick?: (record: TickRecord, metrics: WorldMetrics) => void;
}

/**
 * Runs the director for `ticks` ticks and sums up what it did.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { simulate } from "@astraweave/weaving";
 * const summary = simulate({ ticks: 3, seed: 1, script: [{
 *   criticalHealthCount: 10, resourceScarcity: {}, factionTensions: {}, combatEvents: 0,
 * }] });
 * // The healer fires on tick 0, then its 300-tick cooldown holds.
 * assert.deepEqual(summary.fired, { spawn_aid_event: 1 });
 * assert.equal(summary.rejected.cooling_down, 2);
 * ```
 */
export function simulate(options: SimulationOptions): SimulationSummary {
  const config = options.config ?? defaultConfig();
  const director = new WeaveDirector({ config, seed: options.seed });
  const timeline = new MetricsTimeline(config.detectors.combatWindowTicks);
  const script = options.script;
  const random = script === undefined ? randomFrames(options.seed) : undefined;
  const fired: Record<string, number> = {};
  const rejected = { below_min_priority: 0, cooling_down: 0, over_budget: 0 };
  let budgetSpent = 0;
  let peakTickSpend = 0;
  for (let tick = 0; tick < options.ticks; tick++) {
    const frame = random ? random() : script![tick % script!.length];
    const metrics = timeline.next(frame);
    const record = director.tick(metrics);
    for (const decision of record.decisions) {
      if (decision.outcome === "accepted") {
        fired[decision.intent.kind] = (fired[decision.intent.kind] ?? 0) + 1;
      } else rejected[decision.outcome]++;
    }
    budgetSpent += record.budgetSpent;
    peakTickSpend = Math.max(peakTickSpend, record.budgetSpent);
    options.onTick?.(record, metrics);
  }
  const sortedFired: Record<string, number> = {};
  for (const kind of Object.keys(fired).sort()) sortedFired[kind] = fired[kind];
  return {
    ticks: options.ticks,
    fired: sortedFired,
    rejected,
    budgetSpent,
    budgetAvailable: config.budgetPerTick * options.ticks,
    peakTickSpend,
  };
}
