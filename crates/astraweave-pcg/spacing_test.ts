import assert from "node:assert/strict";
import { SeedRng } from "./rng.ts";
import { SpacingIndex } from "./spacing.ts";

Deno.test("SpacingIndex agrees with a brute-force distance check", () => {
  const rng = new SeedRng(12, "spacing");
  for (const minSpacing of [0, 0.5, 1, 2.5, 3, 7.9, 12]) {
    const index = new SpacingIndex(64, 40, minSpacing, 400);
    const points: [number, number][] = [];
    for (let i = 0; i < 2000; i++) {
      const x = rng.genRange(0, 64);
      const y = rng.genRange(0, 40);
      const expected = points.every(([px, py]) => {
        const d = Math.hypot(px - x, py - y);
        return d > 0 && d >= minSpacing;
      });
      assert.equal(index.isClear(x, y), expected, `spacing ${minSpacing} at (${x}, ${y})`);
      if (expected && points.length < 400) {
        index.add(x, y);
        points.push([x, y]);
      }
    }
    assert.equal(index.size, points.length);
  }
});

Deno.test("SpacingIndex edges: exact spacing is clear, same tile never is, capacity is enforced", () => {
  const index = new SpacingIndex(10, 10, 3, 2);
  assert.ok(index.isClear(0, 0));
  index.add(0, 0);
  assert.ok(index.isClear(3, 0), "exactly 3 away");
  assert.ok(!index.isClear(2, 2), "2.83 away");
  assert.ok(!index.isClear(0, 0));
  index.add(9, 9);
  assert.throws(() => index.add(5, 5), /full/);
  assert.throws(() => new SpacingIndex(10, 10, -1, 1), RangeError);
  const zero = new SpacingIndex(4, 4, 0, 4);
  zero.add(1, 1);
  assert.ok(!zero.isClear(1, 1) && zero.isClear(1, 2));
});
