/**
 * Encounters: combat, loot and ambient events placed on floor tiles with a minimum spacing.
 *
 * @module
 */

import { Tile, type TileGrid } from "./grid.ts";
import type { Room } from "./room.ts";
import type { SeedRng } from "./rng.ts";
import { SpacingIndex } from "./spacing.ts";

/** The three kinds of encounter. */
export type EncounterKind = "combat" | "loot" | "ambient";

/** What every encounter has. */
export interface EncounterBase {
  /** Column of its tile. */
  x: number;
  /** Row of its tile. */
  y: number;
  /** In [difficulty.min, difficulty.max) of the options (exactly min when min = max). */
  difficulty: number;
  /** The room it is in, or -1 on a corridor. */
  room: number;
}

/** An encounter placed on the map. */
export type Encounter =
  | EncounterBase & { kind: "combat"; enemy: string; count: number }
  | EncounterBase & { kind: "loot"; item: string }
  | EncounterBase & { kind: "ambient"; event: string };

/** What {@link placeEncounters} is asked for. */
export interface EncounterOptions {
  /** How many encounters to place. */
  count: number;
  /** Smallest Euclidean distance between two encounters, in tiles (default 4). */
  minSpacing?: number;
  /** Difficulty range (default 1 to 5, as in the original). */
  difficulty?: { min: number; max: number };
  /** Relative integer weights of the kinds (default combat 5, loot 3, ambient 2). */
  weights?: Record<EncounterKind, number>;
  /** `"rooms"` (default): room floors only; `"floor"`: room floors and corridors (never doors). */
  placement?: "rooms" | "floor";
  /** Placement attempts allowed per requested encounter (default 10, as in the original). */
  attemptsPerEncounter?: number;
  /** Enemy types for combat (default goblin, orc, skeleton, wolf). */
  enemies?: readonly string[];
  /** Items for loot (default health_potion, mana_potion, gold, weapon). */
  items?: readonly string[];
  /** Event ids for ambient encounters (default merchant, quest_giver, ambient_npc). */
  events?: readonly string[];
}

/** The placed encounters and how placement went. */
export interface EncounterResult {
  /** The encounters, in placement order. */
  encounters: Encounter[];
  /** Encounters asked for. */
  requested: number;
  /** Encounters placed (`encounters.length`). */
  placed: number;
  /** Candidate tiles drawn and tested. */
  attempts: number;
  /** Why fewer than requested were placed; absent when all were. */
  shortfall?: string;
}

const DEFAULTS = {
  minSpacing: 4,
  difficulty: { min: 1, max: 5 },
  weights: { combat: 5, loot: 3, ambient: 2 },
  placement: "rooms",
  attemptsPerEncounter: 10,
  enemies: ["goblin", "orc", "skeleton", "wolf"],
  items: ["health_potion", "mana_potion", "gold", "weapon"],
  events: ["merchant", "quest_giver", "ambient_npc"],
} as const;

/** The resolved options, validated; throws RangeError naming the first bad one. */
export function resolveEncounterOptions(options: EncounterOptions): Required<EncounterOptions> {
  const resolved: Required<EncounterOptions> = {
    count: options.count,
    minSpacing: options.minSpacing ?? DEFAULTS.minSpacing,
    difficulty: options.difficulty ?? DEFAULTS.difficulty,
    weights: options.weights ?? DEFAULTS.weights,
    placement: options.placement ?? DEFAULTS.placement,
    attemptsPerEncounter: options.attemptsPerEncounter ?? DEFAULTS.attemptsPerEncounter,
    enemies: options.enemies ?? DEFAULTS.enemies,
    items: options.items ?? DEFAULTS.items,
    events: options.events ?? DEFAULTS.events,
  };
  const { count, minSpacing, difficulty, weights, placement, attemptsPerEncounter } = resolved;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`encounter count must be a non-negative integer, got ${count}`);
  }
  if (!(minSpacing >= 0) || !Number.isFinite(minSpacing)) {
    throw new RangeError(`minSpacing must be a finite number >= 0, got ${minSpacing}`);
  }
  if (
    !Number.isFinite(difficulty.min) || !Number.isFinite(difficulty.max) ||
    difficulty.min > difficulty.max
  ) {
    throw new RangeError(
      `difficulty needs finite min <= max, got [${difficulty.min}, ${difficulty.max}]`,
    );
  }
  const kinds: EncounterKind[] = ["combat", "loot", "ambient"];
  if (!kinds.every((k) => Number.isSafeInteger(weights[k]) && weights[k] >= 0)) {
    throw new RangeError("weights must be non-negative integers for combat, loot and ambient");
  }
  if (kinds.reduce((sum, k) => sum + weights[k], 0) === 0) {
    throw new RangeError("at least one encounter kind needs a weight above 0");
  }
  if (placement !== "rooms" && placement !== "floor") {
    throw new RangeError(`placement must be "rooms" or "floor", got ${placement}`);
  }
  if (!Number.isSafeInteger(attemptsPerEncounter) || attemptsPerEncounter < 1) {
    throw new RangeError(
      `attemptsPerEncounter must be an integer >= 1, got ${attemptsPerEncounter}`,
    );
  }
  for (const list of ["enemies", "items", "events"] as const) {
    if (resolved[list].length === 0) throw new RangeError(`${list} must not be empty`);
  }
  return resolved;
}

/**
 * Places up to `count` encounters by bounded rejection sampling: draw a candidate floor tile
 * uniformly (room floors, plus corridors with `placement: "floor"`), keep it when no encounter is
 * closer than `minSpacing` (and none is on the same tile), then draw its kind by weight, its
 * details and its difficulty. Spacing is checked in a {@link SpacingIndex}, O(1) per attempt. At most
 * `count × attemptsPerEncounter` attempts; the result says how many were placed. Draws only from
 * `rng`.
 *
 * @throws {RangeError} on invalid options.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { generateDungeon, placeEncounters, SeedRng } from "@astraweave/pcg";
 * const dungeon = generateDungeon({ seed: 5, width: 80, height: 25, rooms: 8, encounters: 0 });
 * const result = placeEncounters(dungeon.grid, dungeon.rooms, new SeedRng(5, "encounters"), {
 *   count: 6,
 *   minSpacing: 5,
 *   difficulty: { min: 2, max: 4 },
 * });
 * assert.equal(result.placed, 6);
 * assert.ok(result.encounters.every((e) => e.difficulty >= 2 && e.difficulty < 4));
 * ```
 */
export function placeEncounters(
  grid: TileGrid,
  rooms: readonly Room[],
  rng: SeedRng,
  options: EncounterOptions,
): EncounterResult {
  const resolved = resolveEncounterOptions(options);
  const { count: requested, minSpacing, difficulty, weights, attemptsPerEncounter } = resolved;
  const { tiles, width, height } = grid;

  // Candidate tiles, with the room each lies in.
  let capacity = 0;
  for (const room of rooms) capacity += room.area;
  let corridorTiles = 0;
  if (resolved.placement === "floor") {
    for (let i = 0; i < tiles.length; i++) if (tiles[i] === Tile.Corridor) corridorTiles++;
  }
  const candidateTile = new Int32Array(capacity + corridorTiles);
  const candidateRoom = new Int32Array(capacity + corridorTiles);
  let candidates = 0;
  rooms.forEach((room, r) => {
    for (let y = room.minY; y <= room.maxY; y++) {
      for (let x = room.minX; x <= room.maxX; x++) {
        if (grid.get(x, y) !== Tile.Floor) continue;
        candidateTile[candidates] = y * width + x;
        candidateRoom[candidates++] = r;
      }
    }
  });
  if (corridorTiles > 0) {
    for (let i = 0; i < tiles.length; i++) {
      if (tiles[i] !== Tile.Corridor) continue;
      candidateTile[candidates] = i;
      candidateRoom[candidates++] = -1;
    }
  }

  const encounters: Encounter[] = [];
  if (candidates === 0 || requested === 0) {
    return {
      encounters,
      requested,
      placed: 0,
      attempts: 0,
      ...(requested > 0
        ? { shortfall: `placed 0 of ${requested} encounters: no floor tiles to place them on` }
        : {}),
    };
  }

  // No more encounters than candidate tiles can be placed: size the index and the attempts by that.
  const target = Math.min(requested, candidates);
  const spacing = new SpacingIndex(width, height, minSpacing, target);
  const totalWeight = weights.combat + weights.loot + weights.ambient;
  const maxAttempts = target * attemptsPerEncounter;
  let attempts = 0;

  while (encounters.length < target && attempts < maxAttempts) {
    attempts++;
    const c = rng.genRange(0, candidates);
    const index = candidateTile[c];
    const x = index % width;
    const y = (index - x) / width;
    if (!spacing.isClear(x, y)) continue;
    spacing.add(x, y);
    encounters.push(makeEncounter(rng, resolved, totalWeight, x, y, candidateRoom[c], difficulty));
  }

  const result: EncounterResult = { encounters, requested, placed: encounters.length, attempts };
  if (encounters.length < requested) {
    result.shortfall =
      `placed ${encounters.length} of ${requested} encounters in ${attempts} attempts: ` +
      (requested > candidates
        ? `there are only ${candidates} candidate floor tiles`
        : `not enough floor tiles ${minSpacing} apart (${attemptsPerEncounter} attempts per encounter)`);
  }
  return result;
}

function makeEncounter(
  rng: SeedRng,
  options: Required<EncounterOptions>,
  totalWeight: number,
  x: number,
  y: number,
  room: number,
  range: { min: number; max: number },
): Encounter {
  const { weights } = options;
  const pick = rng.genRange(0, totalWeight);
  const base = { x, y, difficulty: 0, room };
  let encounter: Encounter;
  if (pick < weights.combat) {
    encounter = {
      kind: "combat",
      ...base,
      enemy: rng.choose(options.enemies)!,
      count: rng.genRange(1, 4),
    };
  } else if (pick < weights.combat + weights.loot) {
    encounter = { kind: "loot", ...base, item: rng.choose(options.items)! };
  } else {
    encounter = { kind: "ambient", ...base, event: rng.choose(options.events)! };
  }
  encounter.difficulty = range.min === range.max
    ? range.min
    : rng.genFloatRange(range.min, range.max);
  return encounter;
}
