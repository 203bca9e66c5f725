/**
 * The connectivity check: a flood fill over walkable tiles from the first room.
 *
 * @module
 */

import { isWalkable, type TileGrid } from "./grid.ts";
import type { Room } from "./room.ts";

/** What the flood fill found. */
export interface Connectivity {
  /** Whether every room can be reached from room 0 (true when there are no rooms). */
  connected: boolean;
  /** Walkable tiles reached from room 0. */
  reachedTiles: number;
  /** Walkable tiles on the grid. */
  walkableTiles: number;
  /** Indices of the rooms that cannot be reached, in order. */
  unreachableRooms: number[];
}

/**
 * Flood-fills (4-connected) the walkable tiles reachable from the center of `rooms[0]` and reports
 * which rooms were not reached (a room counts as reached when its center tile is). O(width ×
 * height) with an explicit stack, so it never recurses.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkConnectivity, generateDungeon } from "@astraweave/pcg";
 * const dungeon = generateDungeon({ seed: 3, width: 80, height: 25, rooms: 8 });
 * assert.equal(checkConnectivity(dungeon.grid, dungeon.rooms).connected, true);
 * ```
 */
export function checkConnectivity(grid: TileGrid, rooms: readonly Room[]): Connectivity {
  const { tiles, width, height } = grid;
  let walkableTiles = 0;
  for (let i = 0; i < tiles.length; i++) if (isWalkable(tiles[i])) walkableTiles++;
  if (rooms.length === 0) {
    return { connected: true, reachedTiles: 0, walkableTiles, unreachableRooms: [] };
  }
  const reached = new Uint8Array(tiles.length);
  const stack = new Int32Array(walkableTiles + 1);
  let top = 0;
  let reachedTiles = 0;
  const start = rooms[0].center();
  const startIndex = start.y * width + start.x;
  if (isWalkable(grid.get(start.x, start.y))) {
    reached[startIndex] = 1;
    stack[top++] = startIndex;
  }
  while (top > 0) {
    const i = stack[--top];
    reachedTiles++;
    const x = i % width;
    // Each tile is pushed once (marked when pushed), so the stack never exceeds the walkable count.
    if (x > 0 && !reached[i - 1] && isWalkable(tiles[i - 1])) {
      reached[i - 1] = 1;
      stack[top++] = i - 1;
    }
    if (x + 1 < width && !reached[i + 1] && isWalkable(tiles[i + 1])) {
      reached[i + 1] = 1;
      stack[top++] = i + 1;
    }
    if (i >= width && !reached[i - width] && isWalkable(tiles[i - width])) {
      reached[i - width] = 1;
      stack[top++] = i - width;
    }
    if (i + width < width * height && !reached[i + width] && isWalkable(tiles[i + width])) {
      reached[i + width] = 1;
      stack[top++] = i + width;
    }
  }
  const unreachableRooms: number[] = [];
  rooms.forEach((room, index) => {
    const c = room.center();
    if (c.x < 0 || c.y < 0 || c.x >= width || c.y >= height || !reached[c.y * width + c.x]) {
      unreachableRooms.push(index);
    }
  });
  return {
    connected: unreachableRooms.length === 0,
    reachedTiles,
    walkableTiles,
    unreachableRooms,
  };
}
