/**
 * The whole pipeline: layout, corridors, connectivity check and encounters, each drawing from its
 * own forked stream of one seed.
 *
 * @module
 */

import { checkConnectivity, type Connectivity } from "./connectivity.ts";
import { type CarvedLayout, carveLayout, type Corridor } from "./corridors.ts";
import {
  type Encounter,
  type EncounterOptions,
  type EncounterResult,
  placeEncounters,
} from "./encounters.ts";
import type { TileGrid } from "./grid.ts";
import { generateLayout, type Layout, type LayoutOptions, type RoomLink } from "./layout.ts";
import type { Room } from "./room.ts";
import { SeedRng } from "./rng.ts";

/** What {@link generateDungeon} is asked for. */
export interface DungeonOptions extends Partial<LayoutOptions> {
  /** The seed: a non-negative safe integer or a bigint below 2^64. */
  seed: number | bigint;
  /** Grid width in tiles (default 80). */
  width?: number;
  /** Grid height in tiles (default 25). */
  height?: number;
  /** Rooms to place (default 10). */
  rooms?: number;
  /** Encounters to place (default 12). */
  encounters?: number;
  /** Everything else about encounters (spacing, difficulty, kinds, placement). */
  encounterOptions?: Omit<EncounterOptions, "count">;
}

/** A generated dungeon. */
export interface Dungeon {
  /** The seed, as a u64. */
  seed: bigint;
  /** Grid width in tiles. */
  width: number;
  /** Grid height in tiles. */
  height: number;
  /** The carved map. */
  grid: TileGrid;
  /** Rooms in chain order; room 0 is where the connectivity check starts. */
  rooms: Room[];
  /** The room links: the chain, then the extra links that make loops. */
  links: RoomLink[];
  /** One corridor per link, in link order. */
  corridors: Corridor[];
  /** Door tiles carved. */
  doors: number;
  /** The encounters, in placement order. */
  encounters: Encounter[];
  /** The flood-fill check from room 0: every room reachable, or which are not. */
  connectivity: Connectivity;
  /** How room placement went (see {@link Layout}). */
  roomStats: Pick<Layout, "requested" | "placed" | "attempts" | "capacity" | "shortfall">;
  /** How encounter placement went. */
  encounterStats: Omit<EncounterResult, "encounters">;
}

/**
 * The layers of the streams the pipeline draws from (`new SeedRng(seed, layer)`, the same streams
 * as `new SeedRng(seed, "dungeon").fork("rooms")` and so on).
 * Each stage draws only from its own, so changing one stage's request (say, the encounter count)
 * leaves the others' output unchanged.
 */
export const DUNGEON_LAYERS = {
  rooms: "dungeon::rooms",
  corridors: "dungeon::corridors",
  encounters: "dungeon::encounters",
} as const;

/**
 * Generates a dungeon: rooms by bounded rejection sampling ({@link generateLayout}), corridors
 * with doors ({@link carveLayout}), a flood-fill connectivity check ({@link checkConnectivity})
 * and encounters on room floors ({@link placeEncounters}). The same options give the same dungeon
 * on every platform. A grid that cannot hold the request gives a dungeon with fewer rooms or
 * encounters and says so in `roomStats` / `encounterStats` (`shortfall`).
 *
 * @throws {RangeError} on invalid options (negative counts, bad sizes, a bad seed).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { generateDungeon, renderAscii } from "@astraweave/pcg";
 * const dungeon = generateDungeon({ seed: 42n, width: 80, height: 25, rooms: 10, encounters: 12 });
 * assert.equal(dungeon.connectivity.connected, true);
 * assert.equal(dungeon.rooms.length, 10);
 * assert.equal(renderAscii(dungeon).split("\n").length, 26); // 25 rows, then a final newline
 * ```
 */
export function generateDungeon(options: DungeonOptions): Dungeon {
  const stream = (layer: keyof typeof DUNGEON_LAYERS) =>
    new SeedRng(options.seed, DUNGEON_LAYERS[layer]);
  const layoutRng = stream("rooms");
  const encounterOptions = { ...options.encounterOptions, count: options.encounters ?? 12 };
  const layout = generateLayout(layoutRng, {
    ...options,
    width: options.width ?? 80,
    height: options.height ?? 25,
    rooms: options.rooms ?? 10,
  });
  const carved: CarvedLayout = carveLayout(layout, stream("corridors"));
  const connectivity = checkConnectivity(carved.grid, layout.rooms);
  const { encounters, ...encounterStats } = placeEncounters(
    carved.grid,
    layout.rooms,
    stream("encounters"),
    encounterOptions,
  );
  const { requested, placed, attempts, capacity, shortfall } = layout;
  return {
    seed: layoutRng.seed,
    width: layout.width,
    height: layout.height,
    grid: carved.grid,
    rooms: layout.rooms,
    links: layout.links,
    corridors: carved.corridors,
    doors: carved.doors,
    encounters,
    connectivity,
    roomStats: { requested, placed, attempts, capacity, ...(shortfall ? { shortfall } : {}) },
    encounterStats,
  };
}
