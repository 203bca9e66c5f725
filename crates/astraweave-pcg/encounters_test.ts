import assert from "node:assert/strict";
import { generateDungeon } from "./dungeon.ts";
import { type Encounter, placeEncounters } from "./encounters.ts";
import { Tile, TileGrid } from "./grid.ts";
import { Room } from "./room.ts";
import { SeedRng } from "./rng.ts";

const dungeon = generateDungeon({ seed: 77, width: 120, height: 60, rooms: 30, encounters: 0 });
const place = (seed: number, options: Parameters<typeof placeEncounters>[3]) =>
  placeEncounters(dungeon.grid, dungeon.rooms, new SeedRng(seed, "encounters"), options);

function minDistance(encounters: Encounter[]): number {
  let min = Infinity;
  for (let i = 0; i < encounters.length; i++) {
    for (let j = i + 1; j < encounters.length; j++) {
      min = Math.min(
        min,
        Math.hypot(encounters[i].x - encounters[j].x, encounters[i].y - encounters[j].y),
      );
    }
  }
  return min;
}

Deno.test("encounters keep their spacing, stand on room floor, in their room, within difficulty", () => {
  for (const minSpacing of [0, 1, 2.5, 4, 7]) {
    for (let seed = 0; seed < 10; seed++) {
      const result = place(seed, { count: 40, minSpacing, difficulty: { min: 2, max: 4 } });
      assert.ok(result.placed > 0);
      assert.ok(
        minDistance(result.encounters) >= Math.max(minSpacing, 1),
        `spacing ${minSpacing} seed ${seed}`,
      );
      for (const e of result.encounters) {
        assert.equal(dungeon.grid.get(e.x, e.y), Tile.Floor, "on room floor");
        assert.ok(dungeon.rooms[e.room].contains(e.x, e.y), "in the room it names");
        assert.ok(e.difficulty >= 2 && e.difficulty < 4, `difficulty ${e.difficulty}`);
      }
    }
  }
});

Deno.test("encounter details come from the configured lists and kinds follow the weights", () => {
  const result = place(1, { count: 300, minSpacing: 1 });
  assert.equal(result.placed, 300);
  const counts = { combat: 0, loot: 0, ambient: 0 };
  for (const e of result.encounters) {
    counts[e.kind]++;
    if (e.kind === "combat") {
      assert.ok(["goblin", "orc", "skeleton", "wolf"].includes(e.enemy));
      assert.ok(e.count >= 1 && e.count <= 3);
    } else if (e.kind === "loot") {
      assert.ok(["health_potion", "mana_potion", "gold", "weapon"].includes(e.item));
    } else assert.ok(["merchant", "quest_giver", "ambient_npc"].includes(e.event));
  }
  // Default weights 5 : 3 : 2 over 300 draws: 150, 90, 60 expected.
  assert.ok(
    Math.abs(counts.combat - 150) < 30 && Math.abs(counts.loot - 90) < 25 &&
      Math.abs(counts.ambient - 60) < 22,
    JSON.stringify(counts),
  );

  const only = place(2, {
    count: 20,
    weights: { combat: 0, loot: 1, ambient: 0 },
    items: ["key"],
    difficulty: { min: 3, max: 3 },
  });
  assert.ok(
    only.encounters.every((e) => e.kind === "loot" && e.item === "key" && e.difficulty === 3),
  );
});

Deno.test('placement "floor" also uses corridors (room -1) and never doors; "rooms" never corridors', () => {
  const onFloor = place(3, { count: 400, minSpacing: 1, placement: "floor" });
  const inCorridors = onFloor.encounters.filter((e) => e.room === -1);
  assert.ok(inCorridors.length > 0, "some encounters in corridors");
  for (const e of onFloor.encounters) {
    const tile = dungeon.grid.get(e.x, e.y);
    assert.equal(tile, e.room === -1 ? Tile.Corridor : Tile.Floor);
  }
  const inRooms = place(3, { count: 400, minSpacing: 1 });
  assert.ok(
    inRooms.encounters.every((e) => e.room >= 0 && dungeon.grid.get(e.x, e.y) === Tile.Floor),
  );
});

Deno.test("encounter placement is deterministic per stream", () => {
  assert.deepEqual(place(9, { count: 30 }), place(9, { count: 30 }));
  assert.notDeepEqual(place(9, { count: 30 }).encounters, place(10, { count: 30 }).encounters);
});

Deno.test("impossible spacing and counts end within the attempt bound and say why", () => {
  const sparse = place(4, { count: 50, minSpacing: 60, attemptsPerEncounter: 5 });
  assert.ok(sparse.placed < 50 && sparse.placed >= 1);
  assert.equal(sparse.attempts, 250);
  assert.match(
    sparse.shortfall!,
    /^placed \d+ of 50 encounters in 250 attempts: not enough floor tiles 60 apart/,
  );

  const tiny = new TileGrid(5, 5);
  tiny.set(2, 2, Tile.Floor);
  const crowded = placeEncounters(tiny, [new Room(2, 2, 2, 2)], new SeedRng(1), {
    count: 1_000_000_000,
    minSpacing: 0,
  });
  assert.equal(crowded.placed, 1);
  assert.match(crowded.shortfall!, /only 1 candidate floor tiles/);

  const none = placeEncounters(new TileGrid(5, 5), [], new SeedRng(1), { count: 3 });
  assert.deepEqual(none.encounters, []);
  assert.equal(none.attempts, 0);
  assert.match(none.shortfall!, /placed 0 of 3 encounters: no floor tiles/);
  assert.equal(
    placeEncounters(new TileGrid(5, 5), [], new SeedRng(1), { count: 0 }).shortfall,
    undefined,
  );
});

Deno.test("invalid encounter options throw RangeError naming the option", () => {
  assert.throws(() => place(1, { count: -1 }), /count must be a non-negative integer/);
  assert.throws(() => place(1, { count: 1.5 }), /count/);
  assert.throws(() => place(1, { count: 1, minSpacing: -1 }), /minSpacing/);
  assert.throws(() => place(1, { count: 1, minSpacing: Number.NaN }), /minSpacing/);
  assert.throws(() => place(1, { count: 1, difficulty: { min: 5, max: 1 } }), /difficulty/);
  assert.throws(
    () => place(1, { count: 1, weights: { combat: 0, loot: 0, ambient: 0 } }),
    /weight above 0/,
  );
  assert.throws(
    () => place(1, { count: 1, weights: { combat: 0.5, loot: 0, ambient: 0 } }),
    /non-negative integers/,
  );
  assert.throws(() => place(1, { count: 1, placement: "ceiling" as "rooms" }), /placement/);
  assert.throws(() => place(1, { count: 1, attemptsPerEncounter: 0 }), /attemptsPerEncounter/);
  assert.throws(() => place(1, { count: 1, enemies: [] }), /enemies must not be empty/);
});
