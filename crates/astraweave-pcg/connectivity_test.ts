import assert from "node:assert/strict";
import { checkConnectivity } from "./connectivity.ts";
import { Tile, TileGrid } from "./grid.ts";
import { Room } from "./room.ts";

function carveRoom(grid: TileGrid, room: Room): void {
  for (let y = room.minY; y <= room.maxY; y++) {
    for (let x = room.minX; x <= room.maxX; x++) grid.set(x, y, Tile.Floor);
  }
}

Deno.test("an unlinked room is reported unreachable", () => {
  const grid = new TileGrid(20, 8);
  const rooms = [new Room(1, 1, 4, 4), new Room(10, 1, 14, 5)];
  rooms.forEach((room) => carveRoom(grid, room));
  const result = checkConnectivity(grid, rooms);
  assert.equal(result.connected, false);
  assert.deepEqual(result.unreachableRooms, [1]);
  assert.equal(result.reachedTiles, 16);
  assert.equal(result.walkableTiles, 16 + 25);

  // Link them with a corridor and a door: now connected, every walkable tile reached.
  for (let x = 5; x <= 9; x++) grid.set(x, 2, x === 5 ? Tile.Door : Tile.Corridor);
  const linked = checkConnectivity(grid, rooms);
  assert.equal(linked.connected, true);
  assert.deepEqual(linked.unreachableRooms, []);
  assert.equal(linked.reachedTiles, linked.walkableTiles);
});

Deno.test("diagonal contact does not connect (4-connected fill)", () => {
  const grid = new TileGrid(6, 6);
  const rooms = [new Room(1, 1, 2, 2), new Room(3, 3, 4, 4)];
  rooms.forEach((room) => carveRoom(grid, room));
  assert.deepEqual(checkConnectivity(grid, rooms).unreachableRooms, [1]);
});

Deno.test("no rooms is trivially connected; a room whose center is rock is unreachable", () => {
  const grid = new TileGrid(10, 10);
  assert.equal(checkConnectivity(grid, []).connected, true);
  const rooms = [new Room(1, 1, 3, 3), new Room(5, 5, 7, 7)];
  carveRoom(grid, rooms[0]);
  const result = checkConnectivity(grid, rooms);
  assert.deepEqual(result.unreachableRooms, [1]);
  assert.deepEqual(
    checkConnectivity(grid, [rooms[1], rooms[0]]).unreachableRooms,
    [0, 1],
    "start on rock",
  );
});

Deno.test("a long serpentine passage fills without recursion", () => {
  const size = 401;
  const grid = new TileGrid(size, size);
  let walkable = 0;
  // Rows 1, 3, 5... are open; they join alternately at the right and left ends.
  for (let y = 1; y < size - 1; y += 2) {
    for (let x = 1; x < size - 1; x++) {
      grid.set(x, y, Tile.Corridor);
      walkable++;
    }
    if (y + 2 < size - 1) {
      grid.set(((y - 1) / 2) % 2 === 0 ? size - 2 : 1, y + 1, Tile.Corridor);
      walkable++;
    }
  }
  const rooms = [new Room(1, 1, 1, 1), new Room(size - 2, size - 2, size - 2, size - 2)];
  const result = checkConnectivity(grid, rooms);
  assert.equal(result.connected, true);
  assert.equal(result.reachedTiles, walkable);
});
