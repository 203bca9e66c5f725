// Hostile and unlucky input: every hole found in this crate gets a test here. Work is asserted by
// counts (attempts, links, placements), never by time.
import assert from "node:assert/strict";
import {
  generateDungeon,
  generateLayout,
  MAX_GRID_SIDE,
  maxRoomsThatFit,
  parseSeed,
  placeEncounters,
  SeedRng,
} from "./mod.ts";

Deno.test("a request far over the grid's capacity costs what the capacity allows, not what was asked", () => {
  // Once 35 s: the extra links were derived from the rooms asked for (a third of a billion).
  for (const rooms of [1_000_000_000, Number.MAX_SAFE_INTEGER]) {
    const options = { width: 80, height: 25, rooms };
    const layout = generateLayout(new SeedRng(1, "rooms"), options);
    const capacity = maxRoomsThatFit(options);
    assert.equal(layout.capacity, capacity);
    assert.ok(layout.placed <= capacity);
    assert.ok(layout.attempts <= capacity * 100, `${layout.attempts} attempts`);
    assert.ok(layout.links.length <= 3 * layout.placed, `${layout.links.length} links`);
    assert.match(layout.shortfall!, /at most \d+ rooms/);
    // It draws exactly what asking for the capacity draws: the next number agrees.
    const asked = new SeedRng(1, "rooms");
    const fitting = new SeedRng(1, "rooms");
    generateLayout(asked, options);
    generateLayout(fitting, { ...options, rooms: capacity });
    assert.equal(asked.nextU32(), fitting.nextU32());
  }
});

Deno.test("an explicit huge extraLinks stops at the links that exist", () => {
  const layout = generateLayout(new SeedRng(2, "rooms"), {
    width: 80,
    height: 25,
    rooms: 8,
    extraLinks: 1e12,
  });
  // The chain, plus at most 2 * rooms - 5 distinct extra links.
  assert.ok(layout.links.length <= layout.placed - 1 + 2 * layout.placed - 5);
  const keys = new Set(layout.links.map(({ a, b }) => `${a}-${b}`));
  assert.equal(keys.size, layout.links.length, "no link twice");
});

Deno.test("nonsense sizes and counts are RangeErrors naming the option", () => {
  const cases: [Record<string, number>, RegExp][] = [
    [{ width: NaN }, /width must be an integer/],
    [{ width: Infinity }, /width must be an integer/],
    [{ width: 1.5 }, /width must be an integer/],
    [{ width: -1 }, /width must be an integer/],
    [{ width: MAX_GRID_SIDE + 1 }, /width must be an integer in \[1, 10000\]/],
    [{ width: 10_000, height: 10_000 }, /at most 16777216 tiles/],
    [{ rooms: -1 }, /rooms must be an integer/],
    [{ rooms: 2 ** 53 }, /rooms must be an integer/],
    [{ encounters: -1 }, /encounter count must be a non-negative integer/],
    [{ roomGap: 0 }, /roomGap must be an integer/],
    [{ attemptsPerRoom: 0 }, /attemptsPerRoom must be an integer/],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => generateDungeon({ seed: 1, ...options }), RangeError);
    assert.throws(() => generateDungeon({ seed: 1, ...options }), message, JSON.stringify(options));
  }
});

Deno.test("seeds: anything but 0 to 2^64 - 1 in decimal or 0x-hex is refused, long input included", () => {
  for (
    const text of ["", " ", "0x", "1e3", "+5", "0b101", "١٢", "12 34", "0x-1", "1".repeat(10_000)]
  ) {
    assert.throws(() => parseSeed(text), RangeError, JSON.stringify(text.slice(0, 20)));
  }
  assert.throws(() => generateDungeon({ seed: -1 }), RangeError);
  assert.throws(() => generateDungeon({ seed: 2n ** 64n }), RangeError);
  assert.throws(() => generateDungeon({ seed: 0.5 }), RangeError);
});

Deno.test("a huge encounter count is bounded by the floor tiles there are", () => {
  const dungeon = generateDungeon({ seed: 3, width: 40, height: 20, rooms: 3, encounters: 0 });
  let floor = 0;
  for (const room of dungeon.rooms) floor += room.area;
  const result = placeEncounters(dungeon.grid, dungeon.rooms, new SeedRng(3, "e"), {
    count: Number.MAX_SAFE_INTEGER,
  });
  assert.ok(result.placed <= floor);
  assert.ok(result.attempts <= floor * 10, `${result.attempts} attempts`);
  assert.match(result.shortfall!, /only \d+ candidate floor tiles/);
});

// Corridors opening rooms without a door: see corridors_test.ts (1,000 seeds). The dungeon
// command's hostile input (negative numbers, impossible requests, relative paths): see
// scripts/dungeon_test.ts.
