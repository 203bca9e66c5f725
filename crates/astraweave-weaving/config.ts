/**
 * The director's configuration: the Rust `WeaveConfig` keys (`budget_per_tick`, `min_priority`,
 * `[cooldowns]`) plus the detector and proposer thresholds, read from and written to TOML.
 *
 * @module
 */

import { parse, stringify, TomlError } from "smol-toml";
import type { AdjudicationRules } from "./adjudicator.ts";

/** Thresholds of the built-in detectors. */
export interface DetectorThresholds {
  /** `low_health_min_cluster`: fewest critical characters that make a cluster (default 3). */
  lowHealthMinCluster: number;
  /** `scarcity_threshold`: lowest scarcity that counts (default 0.5). */
  scarcityThreshold: number;
  /** `faction_tension_threshold`: lowest tension that counts (default 0.6). */
  factionTensionThreshold: number;
  /** `combat_events_threshold`: fewest combat events in the window (default 10). */
  combatEventsThreshold: number;
  /** `combat_window_ticks`: the combat window in ticks (default 300, 5 s at 60 Hz). */
  combatWindowTicks: number;
}

/** Strength thresholds of the built-in proposers. */
export interface ProposerThresholds {
  /** `aid_threshold` (default 0.5). */
  aidThreshold: number;
  /** `supply_drop_threshold` (default 0.5). */
  supplyDropThreshold: number;
  /** `mediator_threshold` (default 0.6). */
  mediatorThreshold: number;
  /** `patrol_threshold` (default 0.5). */
  patrolThreshold: number;
}

/** Everything that tunes the director. */
export interface WeaveConfig extends AdjudicationRules {
  /** `budget_per_tick` (default 20). */
  readonly budgetPerTick: number;
  /** `min_priority` (default 0.3). */
  readonly minPriority: number;
  /**
   * `[cooldowns]`, in ticks, by key or family. When the table is given it replaces the defaults
   * as a whole: a designer can remove a key.
   */
  readonly cooldowns: Readonly<Record<string, number>>;
  /** `[detectors]`. */
  readonly detectors: Readonly<DetectorThresholds>;
  /** `[proposers]`. */
  readonly proposers: Readonly<ProposerThresholds>;
}

/**
 * The defaults: the Rust `WeaveConfig::default()` (budget 20, min priority 0.3, cooldowns
 * aid_event 300, supply_drop_food 600, supply_drop_water 600, mediator 900, scavenger_patrol 450)
 * and the thresholds of the Rust crate's tests.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultConfig } from "@astraweave/weaving";
 * const config = defaultConfig();
 * assert.equal(config.budgetPerTick, 20);
 * assert.equal(config.cooldowns.mediator, 900);
 * ```
 */
export function defaultConfig(): WeaveConfig {
  return {
    budgetPerTick: 20,
    minPriority: 0.3,
    cooldowns: {
      aid_event: 300,
      supply_drop_food: 600,
      supply_drop_water: 600,
      mediator: 900,
      scavenger_patrol: 450,
    },
    detectors: {
      lowHealthMinCluster: 3,
      scarcityThreshold: 0.5,
      factionTensionThreshold: 0.6,
      combatEventsThreshold: 10,
      combatWindowTicks: 300,
    },
    proposers: {
      aidThreshold: 0.5,
      supplyDropThreshold: 0.5,
      mediatorThreshold: 0.6,
      patrolThreshold: 0.5,
    },
  };
}

/** A configuration that cannot be used: names the key (dotted path) and, when known, its line. */
export class ConfigError extends Error {
  /** Always "ConfigError". */
  override name = "ConfigError";
  /** The dotted key (`cooldowns.mediator`), or `""` for a TOML syntax error. */
  readonly key: string;
  /** 1-based line of the key in the TOML text, when there is one. */
  readonly line: number | undefined;
  /** Builds the message `line N: <problem>` (or just the problem without a line). */
  constructor(problem: string, key: string, line: number | undefined) {
    super(line === undefined ? problem : `line ${line}: ${problem}`);
    this.key = key;
    this.line = line;
  }
}

type Kind = "integer" | "number";

const DETECTOR_KEYS: Record<string, keyof DetectorThresholds> = {
  low_health_min_cluster: "lowHealthMinCluster",
  scarcity_threshold: "scarcityThreshold",
  faction_tension_threshold: "factionTensionThreshold",
  combat_events_threshold: "combatEventsThreshold",
  combat_window_ticks: "combatWindowTicks",
};
const DETECTOR_KINDS: Record<keyof DetectorThresholds, { kind: Kind; min: number }> = {
  lowHealthMinCluster: { kind: "integer", min: 0 },
  scarcityThreshold: { kind: "number", min: 0 },
  factionTensionThreshold: { kind: "number", min: 0 },
  combatEventsThreshold: { kind: "integer", min: 1 },
  combatWindowTicks: { kind: "integer", min: 0 },
};

const PROPOSER_KEYS: Record<string, keyof ProposerThresholds> = {
  aid_threshold: "aidThreshold",
  supply_drop_threshold: "supplyDropThreshold",
  mediator_threshold: "mediatorThreshold",
  patrol_threshold: "patrolThreshold",
};

/**
 * The configuration as TOML (through `smol-toml`); {@link configFromToml} reads it back equal.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configFromToml, configToToml, defaultConfig } from "@astraweave/weaving";
 * const text = configToToml(defaultConfig());
 * assert.match(text, /^budget_per_tick = 20$/m);
 * assert.deepEqual(configFromToml(text), defaultConfig());
 * ```
 */
export function configToToml(config: WeaveConfig): string {
  const detectors: Record<string, number> = {};
  for (const [toml, field] of Object.entries(DETECTOR_KEYS)) {
    detectors[toml] = config.detectors[field];
  }
  const proposers: Record<string, number> = {};
  for (const [toml, field] of Object.entries(PROPOSER_KEYS)) {
    proposers[toml] = config.proposers[field];
  }
  return stringify({
    budget_per_tick: config.budgetPerTick,
    min_priority: config.minPriority,
    cooldowns: { ...config.cooldowns },
    detectors,
    proposers,
  });
}

/**
 * Reads a configuration from TOML. Keys left out keep their defaults ({@link defaultConfig}); a
 * `[cooldowns]` table replaces the default cooldowns as a whole.
 *
 * @throws {ConfigError} on a TOML syntax error, an unknown key, a value of the wrong type or out
 * of range: the message names the key and its line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configFromToml } from "@astraweave/weaving";
 * const config = configFromToml("budget_per_tick = 30\n[cooldowns]\nmediator = 600\n");
 * assert.equal(config.budgetPerTick, 30);
 * assert.deepEqual(config.cooldowns, { mediator: 600 });
 * assert.throws(
 *   () => configFromToml("budget_per_tick = 30\nbudget = 2\n"),
 *   { name: "ConfigError", message: 'line 2: unknown key "budget"' },
 * );
 * assert.throws(
 *   () => configFromToml('[cooldowns]\nmediator = "long"\n'),
 *   { message: 'line 2: "cooldowns.mediator" must be an integer >= 0, got a string ("long")' },
 * );
 * ```
 */
export function configFromToml(text: string): WeaveConfig {
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const problem = error.message.split("\n")[0].replace(/^Invalid TOML document: /, "");
      throw new ConfigError(`TOML syntax error: ${problem}`, "", error.line);
    }
    throw error;
  }
  const lines = new KeyLines(text);
  const fail = (path: string[], problem: string): never => {
    throw new ConfigError(problem, path.join("."), lines.find(path));
  };
  const scalar = (path: string[], value: unknown, kind: Kind, min: number): number => {
    const ok = typeof value === "number" && Number.isFinite(value) && value >= min &&
      (kind === "number" || Number.isSafeInteger(value));
    if (!ok) {
      const wanted = kind === "integer" ? "an integer" : "a number";
      const range = min === -Infinity ? "" : ` >= ${min}`;
      fail(path, `"${path.join(".")}" must be ${wanted}${range}, got ${describeValue(value)}`);
    }
    return value as number;
  };
  const table = (path: string[], value: unknown): Record<string, unknown> => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      fail(path, `"${path.join(".")}" must be a table, got ${describeValue(value)}`);
    }
    return value as Record<string, unknown>;
  };

  const defaults = defaultConfig();
  let budgetPerTick = defaults.budgetPerTick;
  let minPriority = defaults.minPriority;
  let cooldowns: Record<string, number> = { ...defaults.cooldowns };
  const detectors = { ...defaults.detectors };
  const proposers = { ...defaults.proposers };

  for (const [key, value] of Object.entries(document)) {
    if (key === "budget_per_tick") {
      budgetPerTick = scalar([key], value, "integer", 0);
    } else if (key === "min_priority") {
      minPriority = scalar([key], value, "number", -Infinity);
    } else if (key === "cooldowns") {
      cooldowns = {};
      for (const [name, ticks] of Object.entries(table([key], value))) {
        // Assigning it would set the object's prototype instead of adding a cooldown.
        if (name === "__proto__") fail([key, name], `"${key}.${name}" cannot be a cooldown key`);
        cooldowns[name] = scalar([key, name], ticks, "integer", 0);
      }
    } else if (key === "detectors") {
      for (const [name, raw] of Object.entries(table([key], value))) {
        const field = Object.hasOwn(DETECTOR_KEYS, name) ? DETECTOR_KEYS[name] : undefined;
        if (field === undefined) fail([key, name], `unknown key "${key}.${name}"`);
        const { kind, min } = DETECTOR_KINDS[field!];
        detectors[field!] = scalar([key, name], raw, kind, min);
      }
    } else if (key === "proposers") {
      for (const [name, raw] of Object.entries(table([key], value))) {
        const field = Object.hasOwn(PROPOSER_KEYS, name) ? PROPOSER_KEYS[name] : undefined;
        if (field === undefined) fail([key, name], `unknown key "${key}.${name}"`);
        proposers[field!] = scalar([key, name], raw, "number", -Infinity);
      }
    } else {
      fail([key], `unknown key "${key}"`);
    }
  }
  return { budgetPerTick, minPriority, cooldowns, detectors, proposers };
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return `a string (${JSON.stringify(value)})`;
  if (typeof value === "boolean") return `a boolean (${value})`;
  if (typeof value === "number") return `${value}`;
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "a date";
  return "a table";
}

const BARE_OR_QUOTED_KEY = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*/y;

/**
 * Finds the line of a key in TOML text, for error messages. smol-toml reports positions for
 * syntax errors only, so after a successful parse this walks the lines once, following table
 * headers and dotted keys. It reads keys, not values: a multi-line string whose lines look like
 * keys could mislead it, and then the message names a wrong line, never a wrong key.
 */
class KeyLines {
  readonly #lines = new Map<string, number>();

  constructor(text: string) {
    let table: string[] = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const header = /^\s*\[\[?\s*([^[\]]+?)\s*\]\]?\s*(?:#.*)?$/.exec(line);
      if (header) {
        table = readDottedKey(header[1]) ?? [];
        this.#remember(table, i + 1);
        continue;
      }
      const eq = line.indexOf("=");
      if (eq <= 0 || /^\s*#/.test(line)) continue;
      const key = readDottedKey(line.slice(0, eq));
      if (key) this.#remember([...table, ...key], i + 1);
    }
  }

  #remember(path: string[], line: number): void {
    const id = path.join("\u0000");
    if (!this.#lines.has(id)) this.#lines.set(id, line);
  }

  /** The line of `path`, or of its nearest enclosing table found, or undefined. */
  find(path: string[]): number | undefined {
    for (let n = path.length; n > 0; n--) {
      const line = this.#lines.get(path.slice(0, n).join("\u0000"));
      if (line !== undefined) return line;
    }
    return undefined;
  }
}

function readDottedKey(text: string): string[] | undefined {
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    BARE_OR_QUOTED_KEY.lastIndex = at;
    const match = BARE_OR_QUOTED_KEY.exec(text);
    if (!match) return undefined;
    parts.push(match[1] ?? match[2] ?? match[3]);
    at = BARE_OR_QUOTED_KEY.lastIndex;
    if (at === text.length) return parts;
    if (text[at] !== ".") return undefined;
    at++;
  }
}
