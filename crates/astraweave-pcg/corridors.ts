/**
 * Carving a layout into a tile grid: room floors with walls around them, then one corridor per
 * link, with a door wherever a corridor passes through a room's wall.
 *
 * @module
 */

import { crossesWallsHeadOn, DetourSearch } from "./detour.ts";
import { isWalkable, Tile, TileGrid } from "./grid.ts";
import type { Layout } from "./layout.ts";
import type { Room, Vec2 } from "./room.ts";
import type { SeedRng } from "./rng.ts";

/**
 * One carved corridor between linked rooms `a` and `b`: the tiles on the straight segments from
 * `points[0]` (inside room a) through an optional bend to the last point (inside room b).
 */
export interface Corridor {
  /** The index of the room it starts in. */
  a: number;
  /** The index of the room it ends in. */
  b: number;
  /**
   * Corner points: start, each bend, end; consecutive points share a row or a column. Usually
   * an L (one bend) or straight; a detour around rooms has more bends.
   */
  points: Vec2[];
}

/** A layout carved into tiles. */
export interface CarvedLayout {
  /** Rooms, walls, corridors and doors as tiles. */
  grid: TileGrid;
  /** One corridor per room link, in link order. */
  corridors: Corridor[];
  /** Door tiles made. */
  doors: number;
}

// One search for every layout: its buffers are reused from one dungeon to the next.
const detours = new DetourSearch();

/**
 * Carves `layout` into a new grid. Each link gets an L-shaped (or straight) corridor between a
 * random tile of each room, routed so that it leaves and enters both rooms straight through a wall:
 * a straight corridor where the rooms share columns or rows, otherwise an L whose bend lies
 * outside both rooms' walls. Where a corridor crosses a room wall, the wall tile becomes a `Door`.
 * Every rock tile next to a carved tile becomes `Wall`.
 *
 * Corridors may cross other rooms and corridors (they join them), but never open a room except
 * through a door: an L that would run along any room's wall is replaced by the other L between
 * the same two tiles or, when that one would too, by the shortest detour that crosses walls only
 * head-on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { carveLayout, generateLayout, SeedRng, Tile } from "@astraweave/pcg";
 * const rng = new SeedRng(7);
 * const layout = generateLayout(rng.fork("rooms"), { width: 60, height: 30, rooms: 6 });
 * const { grid, corridors } = carveLayout(layout, rng.fork("corridors"));
 * assert.equal(corridors.length, layout.links.length);
 * assert.equal(grid.get(layout.rooms[0].minX, layout.rooms[0].minY), Tile.Floor);
 * ```
 */
export function carveLayout(layout: Layout, rng: SeedRng): CarvedLayout {
  const grid = new TileGrid(layout.width, layout.height);
  const { tiles, width } = grid;
  for (const room of layout.rooms) {
    for (let y = room.minY - 1; y <= room.maxY + 1; y++) {
      for (let x = room.minX - 1; x <= room.maxX + 1; x++) {
        const i = y * width + x;
        tiles[i] = room.contains(x, y) ? Tile.Floor : tiles[i] === Tile.Rock ? Tile.Wall : tiles[i];
      }
    }
  }
  let path = new Int32Array(layout.width + layout.height);
  const corridors: Corridor[] = [];
  let doors = 0;
  for (const { a, b } of layout.links) {
    let points = routeCorridor(rng, layout.rooms[a], layout.rooms[b]);
    let length = tracePath(width, points, path);
    if (!crossesWallsHeadOn(grid, path, length)) {
      // The other L between the same tiles often clears every wall (and costs no search).
      const start = points[0];
      const end = points[points.length - 1];
      const other = points.length === 3 && points[1].x === end.x
        ? [start, { x: start.x, y: end.y }, end]
        : [start, { x: end.x, y: start.y }, end];
      length = tracePath(width, other, path);
      const around = crossesWallsHeadOn(grid, path, length)
        ? other
        : detours.route(grid, start, end);
      if (around !== undefined) {
        points = around;
        const needed = pathLength(points);
        if (needed > path.length) path = new Int32Array(needed);
      }
      length = tracePath(width, points, path);
    }
    corridors.push({ a, b, points });
    doors += carvePath(grid, path, length);
  }
  return { grid, corridors, doors };
}

/** A room's bounds in a frame whose first axis (u) is the corridor's first leg. */
interface Frame {
  minU: number;
  minV: number;
  maxU: number;
  maxV: number;
}

const frameOf = (room: Room, transposed: boolean): Frame =>
  transposed
    ? { minU: room.minY, minV: room.minX, maxU: room.maxY, maxV: room.maxX }
    : { minU: room.minX, minV: room.minY, maxU: room.maxX, maxV: room.maxY };

/**
 * The corridor's corner points from a tile of `from` to a tile of `to`. Works in a frame where the
 * first leg runs along u at a fixed v (inside `from`'s v-range) and the second along v at a fixed
 * u (inside `to`'s u-range), so both legs cross the rooms' walls head-on.
 */
function routeCorridor(rng: SeedRng, from: Room, to: Room): Vec2[] {
  const overlapX = from.minX <= to.maxX && to.minX <= from.maxX;
  const overlapY = from.minY <= to.maxY && to.minY <= from.maxY;
  let transposed: boolean;
  if (overlapX || overlapY) {
    // Straight: the first leg has length zero, along the axis where the rooms share tiles.
    transposed = overlapY;
  } else {
    // An L: the first leg's axis must separate the rooms by at least two tiles, so the second leg
    // (in `to`'s range on that axis) stays clear of `from`'s wall. Rooms placed with a gap >= 1
    // are that far apart on at least one axis.
    const clearX = to.minX - from.maxX >= 2 || from.minX - to.maxX >= 2;
    const clearY = to.minY - from.maxY >= 2 || from.minY - to.maxY >= 2;
    transposed = clearX && clearY ? rng.genBool() : !clearX;
  }
  const f = frameOf(from, transposed);
  const t = frameOf(to, transposed);
  let pu: number, qu: number;
  if (f.minU <= t.maxU && t.minU <= f.maxU) {
    pu = qu = rng.genRange(Math.max(f.minU, t.minU), Math.min(f.maxU, t.maxU) + 1);
  } else {
    pu = rng.genRange(f.minU, f.maxU + 1);
    qu = rng.genRange(t.minU, t.maxU + 1);
  }
  // The first leg runs along row pv: keep it off `to`'s wall rows when `from` has another row.
  let lowV = f.minV;
  let highV = f.maxV;
  if (highV > lowV && (t.maxV + 1 === lowV)) lowV++;
  if (highV > lowV && (t.minV - 1 === highV)) highV--;
  const pv = rng.genRange(lowV, highV + 1);
  const qv = rng.genRange(t.minV, t.maxV + 1);
  const corners = [[pu, pv], [qu, pv], [qu, qv]].filter((c, i, all) =>
    i === 0 || c[0] !== all[i - 1][0] || c[1] !== all[i - 1][1]
  );
  return corners.map(([u, v]) => (transposed ? { x: v, y: u } : { x: u, y: v }));
}

/** The number of tiles on the axis-aligned segments through `points`. */
function pathLength(points: Vec2[]): number {
  let length = 1;
  for (let p = 1; p < points.length; p++) {
    length += Math.abs(points[p].x - points[p - 1].x) + Math.abs(points[p].y - points[p - 1].y);
  }
  return length;
}

/** Writes the tile indices along `points` (axis-aligned segments) to `path`; returns how many. */
function tracePath(width: number, points: Vec2[], path: Int32Array): number {
  let length = 0;
  path[length++] = points[0].y * width + points[0].x;
  for (let p = 1; p < points.length; p++) {
    const { x: x0, y: y0 } = points[p - 1];
    const { x: x1, y: y1 } = points[p];
    const step = x0 === x1 ? (y1 > y0 ? width : -width) : (x1 > x0 ? 1 : -1);
    const count = Math.abs(x1 - x0) + Math.abs(y1 - y0);
    let index = y0 * width + x0;
    for (let s = 0; s < count; s++) path[length++] = index += step;
  }
  return length;
}

/**
 * Carves the tiles `path[0..length)`. Rock and wall become corridor; a wall entered from or left
 * for a room's floor becomes a door. Returns the number of doors made.
 */
function carvePath(grid: TileGrid, path: Int32Array, length: number): number {
  const { tiles, width } = grid;
  let doors = 0;
  for (let i = 0; i < length; i++) {
    const index = path[i];
    const tile = tiles[index];
    if (isWalkable(tile)) continue;
    const nextToFloor = (i > 0 && tiles[path[i - 1]] === Tile.Floor) ||
      (i + 1 < length && tiles[path[i + 1]] === Tile.Floor);
    if (tile === Tile.Wall && nextToFloor) {
      tiles[index] = Tile.Door;
      doors++;
    } else {
      tiles[index] = Tile.Corridor;
    }
    // Corridors never reach the grid's outer ring (their ends are inside rooms), so all eight
    // neighbours exist.
    for (let dy = -width; dy <= width; dy += width) {
      for (let dx = -1; dx <= 1; dx++) {
        if (tiles[index + dy + dx] === Tile.Rock) tiles[index + dy + dx] = Tile.Wall;
      }
    }
  }
  return doors;
}
