import assert from "node:assert/strict";
import { crossesWallsHeadOn, DetourSearch } from "./detour.ts";
import { Tile, TileGrid } from "./grid.ts";
import { Room } from "./room.ts";

/** A grid with the floors of `rooms` carved. */
function gridWith(width: number, height: number, rooms: Room[]): TileGrid {
  const grid = new TileGrid(width, height);
  for (const room of rooms) {
    for (let y = room.minY; y <= room.maxY; y++) {
      for (let x = room.minX; x <= room.maxX; x++) grid.set(x, y, Tile.Floor);
    }
  }
  return grid;
}

/** The tile indices along the axis-aligned segments through `points`. */
function tilePath(grid: TileGrid, points: { x: number; y: number }[]): Int32Array {
  const tiles: number[] = [points[0].y * grid.width + points[0].x];
  for (let p = 1; p < points.length; p++) {
    let { x, y } = points[p - 1];
    while (x !== points[p].x || y !== points[p].y) {
      x += Math.sign(points[p].x - x);
      y += Math.sign(points[p].y - y);
      tiles.push(y * grid.width + x);
    }
  }
  return Int32Array.from(tiles);
}

Deno.test("crossesWallsHeadOn: straight through a wall yes, along it or turning on it no", () => {
  // Room floor x 5..9, y 5..7; its top wall is row 4.
  const grid = gridWith(20, 12, [new Room(5, 5, 9, 7)]);
  const head = tilePath(grid, [{ x: 7, y: 6 }, { x: 7, y: 1 }]);
  assert.equal(crossesWallsHeadOn(grid, head, head.length), true);
  const along = tilePath(grid, [{ x: 7, y: 6 }, { x: 7, y: 4 }, { x: 12, y: 4 }]);
  assert.equal(crossesWallsHeadOn(grid, along, along.length), false);
  // Diagonal corners of the wall ring touch no floor: passing them is fine.
  const corner = tilePath(grid, [{ x: 7, y: 6 }, { x: 7, y: 2 }, { x: 10, y: 2 }, {
    x: 10,
    y: 4,
  }, { x: 12, y: 4 }]);
  assert.equal(crossesWallsHeadOn(grid, corner, corner.length), true);
});

Deno.test("DetourSearch: the route around a room keeps off its walls, and is deterministic", () => {
  // Start and goal on row 4, which is the top wall of the middle room: the straight line would
  // run along it.
  const rooms = [new Room(2, 3, 3, 5), new Room(20, 3, 21, 5), new Room(8, 5, 14, 8)];
  const grid = gridWith(26, 12, rooms);
  const search = new DetourSearch();
  const route = search.route(grid, { x: 3, y: 4 }, { x: 20, y: 4 })!;
  assert.deepEqual(route[0], { x: 3, y: 4 });
  assert.deepEqual(route.at(-1), { x: 20, y: 4 });
  const path = tilePath(grid, route);
  assert.equal(crossesWallsHeadOn(grid, path, path.length), true);
  for (const index of path) {
    const x = index % grid.width;
    const y = (index - x) / grid.width;
    assert.ok(x >= 1 && y >= 1 && x < grid.width - 1 && y < grid.height - 1, "off the outer ring");
  }
  // The same question gets the same answer, from a reused or a new search.
  assert.deepEqual(search.route(grid, { x: 3, y: 4 }, { x: 20, y: 4 }), route);
  assert.deepEqual(new DetourSearch().route(grid, { x: 3, y: 4 }, { x: 20, y: 4 }), route);
});

Deno.test("DetourSearch: no route when the goal cannot be reached", () => {
  // Routes keep off the grid's outer ring, and this goal lies on it.
  const grid = gridWith(7, 7, [new Room(1, 1, 1, 1), new Room(6, 5, 6, 5)]);
  assert.equal(new DetourSearch().route(grid, { x: 1, y: 1 }, { x: 6, y: 5 }), undefined);
});
