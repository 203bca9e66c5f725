import assert from "node:assert/strict";
import { type Dungeon, generateDungeon } from "./dungeon.ts";
import { isWalkable, Tile } from "./grid.ts";
import { dungeonToJson, renderAscii } from "./render.ts";

/** Checks what must hold of every dungeon; returns nothing, throws with the seed on a violation. */
function assertSound(d: Dungeon, label: string): void {
  const { grid, rooms, connectivity } = d;
  assert.ok(connectivity.connected, `${label}: rooms ${connectivity.unreachableRooms} unreachable`);
  assert.equal(
    connectivity.reachedTiles,
    connectivity.walkableTiles,
    `${label}: walkable tiles cut off`,
  );
  const { tiles, width, height } = grid;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const tile = tiles[y * width + x];
      if (!isWalkable(tile)) continue;
      assert.ok(
        x > 0 && y > 0 && x < width - 1 && y < height - 1,
        `${label}: walkable border tile`,
      );
      for (let i = -1; i <= 1; i++) {
        assert.notEqual(
          tiles[(y - 1) * width + x + i],
          Tile.Rock,
          `${label}: unwalled (${x}, ${y})`,
        );
        assert.notEqual(
          tiles[(y + 1) * width + x + i],
          Tile.Rock,
          `${label}: unwalled (${x}, ${y})`,
        );
        assert.notEqual(tiles[y * width + x + i], Tile.Rock, `${label}: unwalled (${x}, ${y})`);
      }
      if (tile === Tile.Door) {
        const besideFloor = tiles[y * width + x - 1] === Tile.Floor ||
          tiles[y * width + x + 1] === Tile.Floor ||
          tiles[(y - 1) * width + x] === Tile.Floor || tiles[(y + 1) * width + x] === Tile.Floor;
        assert.ok(besideFloor, `${label}: door at (${x}, ${y}) opens onto no room`);
      }
    }
  }
  for (const e of d.encounters) {
    assert.equal(grid.get(e.x, e.y), Tile.Floor, `${label}: encounter off the floor`);
  }
  assert.equal(d.corridors.length, d.links.length);
  assert.equal(rooms.length, d.roomStats.placed);
}

Deno.test("every dungeon of 1,000 seeds at four sizes is connected, walled and sound", () => {
  const sizes = [
    { width: 40, height: 20, rooms: 5, encounters: 6 },
    { width: 80, height: 25, rooms: 10, encounters: 12 },
    { width: 120, height: 60, rooms: 30, encounters: 40 },
    { width: 200, height: 100, rooms: 84, encounters: 150 },
  ];
  for (const size of sizes) {
    let roomsPlaced = 0;
    for (let seed = 0; seed < 1000; seed++) {
      const d = generateDungeon({ seed, ...size });
      assertSound(d, `seed ${seed} ${size.width}x${size.height}`);
      roomsPlaced += d.roomStats.placed;
    }
    // The sizes are chosen so the rooms fit; the sampler should nearly always place them all.
    assert.ok(
      roomsPlaced >= 0.98 * 1000 * size.rooms,
      `${size.width}x${size.height}: ${roomsPlaced} rooms`,
    );
  }
});

Deno.test("changing only the encounters leaves the layout byte for byte unchanged", () => {
  for (const seed of [1, 2, 3n, 0xffffffffffffffffn]) {
    const base = generateDungeon({ seed, width: 100, height: 50, rooms: 20, encounters: 0 });
    for (
      const variant of [{ encounters: 5 }, { encounters: 60 }, {
        encounters: 30,
        encounterOptions: { minSpacing: 9, placement: "floor" as const },
      }]
    ) {
      const other = generateDungeon({ seed, width: 100, height: 50, rooms: 20, ...variant });
      assert.deepEqual(other.grid.tiles, base.grid.tiles);
      assert.deepEqual(other.rooms, base.rooms);
      assert.deepEqual(other.links, base.links);
      assert.deepEqual(other.corridors, base.corridors);
      assert.ok(other.encounters.length > 0);
    }
    // And the encounters themselves depend on the count only through how many are drawn.
    const few = generateDungeon({ seed, width: 100, height: 50, rooms: 20, encounters: 5 });
    const many = generateDungeon({ seed, width: 100, height: 50, rooms: 20, encounters: 60 });
    assert.deepEqual(many.encounters.slice(0, 5), few.encounters);
  }
});

Deno.test("same options, same dungeon; another seed, another dungeon", () => {
  const options = { seed: 123456789012345678n, width: 90, height: 40, rooms: 16, encounters: 20 };
  assert.equal(dungeonToJson(generateDungeon(options)), dungeonToJson(generateDungeon(options)));
  assert.notEqual(
    renderAscii(generateDungeon(options)),
    renderAscii(generateDungeon({ ...options, seed: 1n })),
  );
  assert.equal(generateDungeon({ seed: 7 }).seed, 7n);
});

Deno.test("golden dungeon: seed 42 on 60x20 matches the committed map", async () => {
  const d = generateDungeon({ seed: 42, width: 60, height: 20, rooms: 6, encounters: 8 });
  const golden = await Deno.readTextFile(new URL("./testdata/seed42_60x20.txt", import.meta.url));
  assert.equal(renderAscii(d), golden);
});

Deno.test("a grid that cannot hold the request gives a result that says so, not an error", () => {
  const d = generateDungeon({ seed: 1, width: 5, height: 5, rooms: 4, encounters: 3 });
  assert.equal(d.roomStats.placed, 0);
  assert.equal(d.roomStats.capacity, 0);
  assert.match(d.roomStats.shortfall!, /does not fit a 5x5 grid/);
  assert.equal(d.connectivity.connected, true);
  assert.equal(d.encounters.length, 0);
  assert.match(d.encounterStats.shortfall!, /no floor tiles/);
  assert.equal(renderAscii(d), "     \n".repeat(5));
});

Deno.test("invalid dungeon options throw RangeError", () => {
  assert.throws(() => generateDungeon({ seed: -1 }), /seed/);
  assert.throws(() => generateDungeon({ seed: 1, rooms: -2 }), /rooms/);
  assert.throws(() => generateDungeon({ seed: 1, encounters: -2 }), /count/);
  assert.throws(() => generateDungeon({ seed: 1, width: 2.5 }), /width/);
});
