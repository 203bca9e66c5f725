import assert from "node:assert/strict";
import { generateLayout, hilbertIndex, type Layout, maxRoomsThatFit } from "./layout.ts";
import { SeedRng } from "./rng.ts";

const layoutOf = (seed: number, options: Parameters<typeof generateLayout>[1]) =>
  generateLayout(new SeedRng(seed, "rooms"), options);

function assertWellFormed(layout: Layout, gap: number): void {
  const { rooms, width, height } = layout;
  for (const [i, room] of rooms.entries()) {
    assert.ok(room.minX >= 1 && room.minY >= 1, `room ${i} leaves the border for walls`);
    assert.ok(
      room.maxX <= width - 2 && room.maxY <= height - 2,
      `room ${i} inside ${width}x${height}`,
    );
    for (let j = i + 1; j < rooms.length; j++) {
      assert.ok(!room.overlaps(rooms[j], gap), `rooms ${i} and ${j} closer than ${gap}`);
    }
  }
  for (let i = 0; i + 1 < rooms.length; i++) assert.deepEqual(layout.links[i], { a: i, b: i + 1 });
  const keys = new Set(layout.links.map(({ a, b }) => `${a}-${b}`));
  assert.equal(keys.size, layout.links.length, "no duplicate links");
  for (const { a, b } of layout.links) assert.ok(a < b && b < rooms.length);
  assert.equal(layout.placed, rooms.length);
}

Deno.test("generateLayout: deterministic, in bounds, spaced, chained", () => {
  for (const seed of [1, 2, 3, 42]) {
    const options = { width: 100, height: 60, rooms: 25 };
    const a = layoutOf(seed, options);
    const b = layoutOf(seed, options);
    assert.deepEqual(a, b);
    assert.equal(a.placed, 25);
    assert.equal(a.shortfall, undefined);
    assertWellFormed(a, 2);
    // The chain, plus up to rooms / 3 extra links (a repeated draw is dropped).
    assert.ok(a.links.length > 24 && a.links.length <= 24 + 8, `${a.links.length} links`);
  }
  assert.notDeepEqual(
    layoutOf(1, { width: 100, height: 60, rooms: 25 }).rooms,
    layoutOf(2, { width: 100, height: 60, rooms: 25 }).rooms,
  );
});

Deno.test("generateLayout honours sizes, gap, attempts and extra links", () => {
  const layout = layoutOf(9, {
    width: 120,
    height: 80,
    rooms: 30,
    roomMinSize: { x: 4, y: 4 },
    roomMaxSize: { x: 6, y: 5 },
    roomGap: 4,
    extraLinks: 0,
  });
  assertWellFormed(layout, 4);
  assert.equal(layout.links.length, layout.placed - 1);
  for (const room of layout.rooms) {
    const size = room.size();
    assert.ok(size.x >= 4 && size.x <= 6 && size.y >= 4 && size.y <= 5, JSON.stringify(size));
  }
});

Deno.test("chain order follows the Hilbert curve, so chained rooms are near each other", () => {
  const layout = layoutOf(5, { width: 200, height: 100, rooms: 80 });
  const side = 256;
  const keys = layout.rooms.map((r) => hilbertIndex(side, r.center().x, r.center().y));
  for (let i = 1; i < keys.length; i++) assert.ok(keys[i - 1] < keys[i]);
  // Random order would average about a third of the map apart (~75 tiles on 200x100).
  let total = 0;
  for (let i = 1; i < layout.rooms.length; i++) {
    const p = layout.rooms[i - 1].center();
    const q = layout.rooms[i].center();
    total += Math.hypot(p.x - q.x, p.y - q.y);
  }
  assert.ok(
    total / (layout.rooms.length - 1) < 30,
    `mean chain step ${total / (layout.rooms.length - 1)}`,
  );
});

Deno.test("hilbertIndex is a bijection whose consecutive indices are neighbouring cells", () => {
  assert.deepEqual([[0, 0], [0, 1], [1, 1], [1, 0]].map(([x, y]) => hilbertIndex(2, x, y)), [
    0,
    1,
    2,
    3,
  ]);
  const side = 16;
  const cellAt = new Array<[number, number]>(side * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const d = hilbertIndex(side, x, y);
      assert.equal(cellAt[d], undefined, `index ${d} used twice`);
      cellAt[d] = [x, y];
    }
  }
  for (let d = 1; d < side * side; d++) {
    const [x0, y0] = cellAt[d - 1];
    const [x1, y1] = cellAt[d];
    assert.equal(Math.abs(x0 - x1) + Math.abs(y0 - y1), 1, `step ${d}`);
  }
});

Deno.test("a grid too small for any room: nothing placed, no attempts, and the result says why", () => {
  const layout = layoutOf(1, { width: 5, height: 5, rooms: 3 });
  assert.equal(layout.placed, 0);
  assert.equal(layout.attempts, 0);
  assert.equal(layout.capacity, 0);
  assert.match(
    layout.shortfall!,
    /placed 0 of 3 rooms: the smallest room \(4x3 tiles plus a wall around it\) does not fit a 5x5 grid/,
  );
  assert.equal(layoutOf(1, { width: 5, height: 5, rooms: 0 }).shortfall, undefined);
});

Deno.test("requests above capacity stop at the bound with a clear shortfall", () => {
  // Exactly one 4x3 room (plus walls) fits a 7x6 grid: the first attempt always succeeds and no
  // attempt is wasted on rooms that cannot fit.
  const single = layoutOf(1, { width: 7, height: 6, rooms: 50 });
  assert.equal(single.capacity, 1);
  assert.equal(single.placed, 1);
  assert.equal(single.attempts, 1);
  assert.match(
    single.shortfall!,
    /placed 1 of 50 rooms in 1 attempts: at most 1 rooms of at least 4x3 tiles, 2 apart, fit a 7x6 grid/,
  );

  const crowded = layoutOf(2, { width: 80, height: 25, rooms: 60, attemptsPerRoom: 20 });
  assert.ok(crowded.capacity >= 60 && crowded.placed < 60);
  // Every room given up used all its attempts; every placed room used at least one.
  assert.ok(crowded.attempts <= 60 * 20);
  assert.ok(crowded.attempts >= crowded.placed + (60 - crowded.placed) * 20);
  assert.match(crowded.shortfall!, /too crowded \(20 attempts per room\)/);
  assertWellFormed(crowded, 2);
});

Deno.test("maxRoomsThatFit is an upper bound the sampler never beats", () => {
  const options = {
    width: 30,
    height: 14,
    rooms: 1000,
    roomMinSize: { x: 1, y: 1 },
    roomMaxSize: { x: 1, y: 1 },
    roomGap: 1,
  };
  const bound = maxRoomsThatFit(options);
  // Boxes of (2 + 1) x (2 + 1) in a 29 x 13 area: floor(377 / 9) = 41.
  assert.equal(bound, 41);
  for (const seed of [1, 2, 3]) assert.ok(layoutOf(seed, options).placed <= bound);
});

Deno.test("invalid layout options throw RangeError naming the option", () => {
  const base = { width: 50, height: 30, rooms: 5 };
  assert.throws(
    () => layoutOf(1, { ...base, rooms: -1 }),
    /rooms must be an integer at least 0, got -1/,
  );
  assert.throws(() => layoutOf(1, { ...base, rooms: 2.5 }), /rooms/);
  assert.throws(() => layoutOf(1, { ...base, width: 0 }), /width/);
  assert.throws(() => layoutOf(1, { ...base, height: 20_000 }), /height/);
  assert.throws(
    () => layoutOf(1, { ...base, width: 10_000, height: 10_000 }),
    /at most 16777216 tiles/,
  );
  assert.throws(
    () => layoutOf(1, { ...base, roomMinSize: { x: 5, y: 2 }, roomMaxSize: { x: 4, y: 5 } }),
    /roomMaxSize.x/,
  );
  assert.throws(() => layoutOf(1, { ...base, roomGap: 0 }), /roomGap/);
  assert.throws(() => layoutOf(1, { ...base, attemptsPerRoom: 0 }), /attemptsPerRoom/);
  assert.throws(() => layoutOf(1, { ...base, extraLinks: -2 }), /extraLinks/);
});
