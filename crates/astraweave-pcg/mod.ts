/**
 * astraweave-pcg: seeded, reproducible dungeon generation that a person can look at.
 *
 * - {@link SeedRng}: PCG32 seeded from a 64-bit seed, forkable into named layers
 *   (`"dungeon::rooms"`); the same seed gives the same numbers on every platform.
 * - {@link Room}, {@link generateLayout}: rooms by bounded rejection sampling, linked in a chain
 *   with extra links for loops.
 * - {@link carveLayout}: a tile grid with walls, corridors and doors; {@link checkConnectivity}
 *   proves every room reachable.
 * - {@link placeEncounters}: combat, loot and ambient encounters with spacing and difficulty.
 * - {@link generateDungeon}: all of it from one seed, each stage on its own stream.
 * - {@link renderAscii}, {@link renderSvg}, {@link dungeonToJson}: views for people and tools.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { generateDungeon, renderAscii } from "@astraweave/pcg";
 * const dungeon = generateDungeon({ seed: 42n, width: 80, height: 25, rooms: 10, encounters: 12 });
 * assert.equal(dungeon.connectivity.connected, true);
 * assert.match(renderAscii(dungeon), /^[ #.+CLA\n]+$/);
 * ```
 *
 * @module
 */

export { Pcg32 } from "./pcg32.ts";
export { parseSeed, SeedRng } from "./rng.ts";
export { Room, type Vec2 } from "./room.ts";
export { isWalkable, Tile, TileGrid } from "./grid.ts";
export {
  generateLayout,
  hilbertIndex,
  type Layout,
  type LayoutOptions,
  MAX_GRID_SIDE,
  MAX_GRID_TILES,
  maxRoomsThatFit,
  roomFitProblem,
  type RoomLink,
} from "./layout.ts";
export { type CarvedLayout, carveLayout, type Corridor } from "./corridors.ts";
export { checkConnectivity, type Connectivity } from "./connectivity.ts";
export {
  type Encounter,
  type EncounterBase,
  type EncounterKind,
  type EncounterOptions,
  type EncounterResult,
  placeEncounters,
} from "./encounters.ts";
export { type Dungeon, DUNGEON_LAYERS, type DungeonOptions, generateDungeon } from "./dungeon.ts";
export { type Drawable, dungeonToJson, renderAscii, renderSvg, type SvgOptions } from "./render.ts";
export { SpacingIndex } from "./spacing.ts";
