import assert from "node:assert/strict";
import { Room } from "./room.ts";

Deno.test("Room center and size follow the original (integer center, size = max - min)", () => {
  const room = new Room(0, 0, 10, 20);
  assert.deepEqual(room.center(), { x: 5, y: 10 });
  assert.deepEqual(room.size(), { x: 10, y: 20 });
  assert.equal(room.area, 11 * 21);
  assert.deepEqual(new Room(3, 4, 6, 9).center(), { x: 4, y: 6 }, "odd sums round down");
  assert.deepEqual(
    new Room(-7, -7, -4, -4).center(),
    { x: -5, y: -5 },
    "toward zero, as Rust divides",
  );
  assert.deepEqual(new Room(2, 2, 2, 2).size(), { x: 0, y: 0 });
});

Deno.test("Room.contains is inclusive on every edge and false one tile out", () => {
  const room = new Room(0, 0, 10, 10);
  for (
    const [x, y] of [[5, 5], [0, 0], [10, 10], [0, 10], [10, 0], [0, 5], [10, 5], [5, 0], [5, 10]]
  ) {
    assert.ok(room.contains(x, y), `(${x}, ${y})`);
  }
  for (const [x, y] of [[-1, 5], [11, 5], [5, -1], [5, 11], [-1, -1], [11, 11]]) {
    assert.ok(!room.contains(x, y), `(${x}, ${y})`);
  }
});

Deno.test("Room.overlaps: shared edge or corner counts, adjacency does not, margin widens", () => {
  const a = new Room(0, 0, 4, 4);
  const cases: [Room, boolean, string][] = [
    [new Room(4, 0, 8, 4), true, "shares column 4"],
    [new Room(4, 4, 8, 8), true, "shares the corner tile"],
    [new Room(5, 0, 8, 4), false, "adjacent column"],
    [new Room(0, 5, 4, 9), false, "adjacent row"],
    [new Room(5, 5, 9, 9), false, "diagonal neighbour"],
    [new Room(1, 1, 2, 2), true, "inside"],
    [new Room(-5, -5, 10, 10), true, "around"],
    [new Room(-3, 2, 10, 3), true, "crossing"],
  ];
  for (const [b, expected, why] of cases) {
    assert.equal(a.overlaps(b), expected, why);
    assert.equal(b.overlaps(a), expected, `${why} (symmetric)`);
  }
  assert.ok(a.overlaps(new Room(5, 0, 8, 4), 1), "adjacent is within 1");
  assert.ok(!a.overlaps(new Room(6, 0, 8, 4), 1), "one tile between is not within 1");
  assert.ok(a.overlaps(new Room(6, 0, 8, 4), 2));
  assert.ok(!a.overlaps(new Room(6, 6, 8, 8), 1), "margin needs both axes");
  assert.ok(a.overlaps(new Room(6, 6, 8, 8), 2));
});

Deno.test("Room rejects reversed or fractional bounds", () => {
  assert.throws(() => new Room(5, 0, 4, 4), RangeError);
  assert.throws(() => new Room(0, 5, 4, 4), RangeError);
  assert.throws(() => new Room(0.5, 0, 4, 4), RangeError);
  assert.throws(() => new Room(0, 0, Number.NaN, 4), RangeError);
});
