import assert from "node:assert/strict";
import { carveLayout } from "./corridors.ts";
import { isWalkable, Tile, type TileGrid } from "./grid.ts";
import { generateLayout, type Layout } from "./layout.ts";
import { Room } from "./room.ts";
import { SeedRng } from "./rng.ts";
import { checkConnectivity } from "./connectivity.ts";
import { generateDungeon } from "./dungeon.ts";
import { roomBreaches } from "./testdata/breaches.ts";

function layoutWith(width: number, height: number, rooms: Room[]): Layout {
  const links = rooms.slice(1).map((_, i) => ({ a: i, b: i + 1 }));
  return {
    width,
    height,
    rooms,
    links,
    requested: rooms.length,
    placed: rooms.length,
    attempts: 0,
    capacity: 99,
  };
}

const rows = (grid: TileGrid) =>
  Array.from(
    { length: grid.height },
    (_, y) => Array.from({ length: grid.width }, (_, x) => " #.,+"[grid.get(x, y)]).join(""),
  );

Deno.test("rooms sharing rows get a straight corridor with a door in each wall", () => {
  const layout = layoutWith(16, 5, [new Room(1, 1, 3, 3), new Room(11, 1, 14, 3)]);
  const { grid, corridors, doors } = carveLayout(layout, new SeedRng(1));
  assert.equal(doors, 2);
  assert.equal(corridors[0].points.length, 2, "straight: start and end only");
  const row = corridors[0].points[0].y;
  assert.equal(corridors[0].points[1].y, row);
  const expected = rows(grid);
  // The corridor row: floor, door at the wall (x = 4), corridor, door at x = 10, floor.
  assert.equal(expected[row], "#...+,,,,,+....#");
  assert.equal(grid.get(4, row), Tile.Door);
  assert.equal(grid.get(10, row), Tile.Door);
  for (let x = 5; x <= 9; x++) {
    assert.notEqual(grid.get(x, row - 1), Tile.Rock, "wall above the corridor");
    assert.notEqual(grid.get(x, row + 1), Tile.Rock, "wall below the corridor");
  }
});

Deno.test("rooms sharing columns get a straight vertical corridor", () => {
  const layout = layoutWith(7, 16, [new Room(1, 1, 5, 3), new Room(2, 10, 4, 14)]);
  const { grid, corridors, doors } = carveLayout(layout, new SeedRng(2));
  assert.equal(doors, 2);
  const x = corridors[0].points[0].x;
  assert.ok(x >= 2 && x <= 4, "in the shared columns");
  assert.equal(grid.get(x, 4), Tile.Door);
  assert.equal(grid.get(x, 9), Tile.Door);
  for (let y = 5; y <= 8; y++) assert.equal(grid.get(x, y), Tile.Corridor);
});

/** Walkable tiles that are not room floor but touch room floor (4-neighbours): only doors may. */
function openingsBesideFloor(grid: TileGrid): number {
  let openings = 0;
  for (let y = 1; y < grid.height - 1; y++) {
    for (let x = 1; x < grid.width - 1; x++) {
      if (grid.get(x, y) !== Tile.Corridor) continue;
      const touches = [[1, 0], [-1, 0], [0, 1], [0, -1]].some(([dx, dy]) =>
        grid.get(x + dx, y + dy) === Tile.Floor
      );
      if (touches) openings++;
    }
  }
  return openings;
}

Deno.test("two linked rooms anywhere: exactly two doors, and the corridor never runs along their walls", () => {
  for (let seed = 0; seed < 300; seed++) {
    const layout = generateLayout(new SeedRng(seed, "rooms"), { width: 40, height: 24, rooms: 2 });
    if (layout.placed < 2) continue;
    const { grid, doors, corridors } = carveLayout(layout, new SeedRng(seed, "corridors"));
    assert.equal(doors, 2, `seed ${seed}: ${JSON.stringify(corridors[0])}`);
    assert.equal(
      openingsBesideFloor(grid),
      0,
      `seed ${seed}: corridor opens a wall\n${rows(grid).join("\n")}`,
    );
    const [start, ...rest] = corridors[0].points;
    assert.ok(layout.rooms[0].contains(start.x, start.y), "starts inside room a");
    const end = rest.at(-1)!;
    assert.ok(layout.rooms[1].contains(end.x, end.y), "ends inside room b");
  }
});

Deno.test("carving puts walls around everything walkable and keeps the outer ring solid", () => {
  const layout = generateLayout(new SeedRng(3, "rooms"), { width: 90, height: 40, rooms: 18 });
  const { grid } = carveLayout(layout, new SeedRng(3, "corridors"));
  for (let y = 0; y < grid.height; y++) {
    for (let x = 0; x < grid.width; x++) {
      const tile = grid.get(x, y);
      if (x === 0 || y === 0 || x === grid.width - 1 || y === grid.height - 1) {
        assert.ok(!isWalkable(tile), `border (${x}, ${y}) is walkable`);
      }
      if (!isWalkable(tile)) continue;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          assert.notEqual(grid.get(x + dx, y + dy), Tile.Rock, `rock next to (${x}, ${y})`);
        }
      }
    }
  }
  for (const room of layout.rooms) {
    for (let y = room.minY; y <= room.maxY; y++) {
      for (let x = room.minX; x <= room.maxX; x++) assert.equal(grid.get(x, y), Tile.Floor);
    }
  }
});

Deno.test("a corridor whose L would run along a third room's wall detours and enters only by doors", () => {
  // Rooms 0 and 1 are linked and share row 4 only, so their straight corridor would run along row
  // 4: room 2's top wall, opening room 2 over seven tiles. The detour goes around room 2 or
  // straight through it, by doors.
  const rooms = [new Room(2, 4, 4, 4), new Room(20, 4, 22, 8), new Room(8, 5, 14, 8)];
  const layout = { ...layoutWith(26, 12, rooms), links: [{ a: 0, b: 1 }] };
  for (let seed = 0; seed < 50; seed++) {
    const { grid, corridors } = carveLayout(layout, new SeedRng(seed));
    assert.deepEqual(roomBreaches(grid, rooms), [], `seed ${seed}:\n${rows(grid).join("\n")}`);
    const { points } = corridors[0];
    assert.ok(rooms[0].contains(points[0].x, points[0].y));
    assert.ok(rooms[1].contains(points.at(-1)!.x, points.at(-1)!.y));
    for (let i = 1; i < points.length; i++) {
      assert.ok(points[i].x === points[i - 1].x || points[i].y === points[i - 1].y);
    }
    assert.equal(checkConnectivity(grid, rooms.slice(0, 2)).connected, true);
  }
});

Deno.test("corridors never open a room except through a door (1,000 seeds, four densities)", () => {
  const shapes = [
    { width: 80, height: 25, rooms: 10 },
    { width: 60, height: 30, rooms: 14 },
    { width: 120, height: 60, rooms: 60 },
    { width: 40, height: 40, rooms: 40, roomGap: 1 },
  ];
  for (let seed = 0; seed < 1000; seed++) {
    const shape = shapes[seed % shapes.length];
    const dungeon = generateDungeon({ seed, ...shape, encounters: 0 });
    const breaches = roomBreaches(dungeon.grid, dungeon.rooms);
    assert.deepEqual(breaches, [], `seed ${seed} ${JSON.stringify(shape)}`);
    assert.equal(dungeon.connectivity.connected, true, `seed ${seed}`);
  }
});
