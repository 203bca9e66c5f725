import assert from "node:assert/strict";
import { selectInterest } from "./interest.ts";
import { DEFAULT_LAYOUT } from "./layout.ts";
import { NetWorld } from "./table.ts";

function worldAt(xs: number[]): NetWorld {
  const world = new NetWorld(DEFAULT_LAYOUT);
  for (const x of xs) world.spawn({ x, y: 0, z: 0, health: 1 });
  return world;
}

Deno.test("interest: the radius selects, the leave radius keeps, the focus is always in", () => {
  const snap = worldAt([0, 9.99, 10.5, 12, -3, 500]).capture(0);
  const rows = new Uint32Array(snap.count);
  const area = { center: { x: 0, y: 0, z: 0 }, radius: 10, leaveRadius: 11, focusId: 6 };
  let n = selectInterest(snap, DEFAULT_LAYOUT, area, null, rows);
  assert.deepEqual(Array.from(rows.subarray(0, n)), [0, 1, 4, 5]);
  // Entity 3 (x = 10.5) was already in view: inside the leave radius it stays.
  const previous = { table: snap, rows: Uint32Array.of(2, 3), count: 2 };
  n = selectInterest(snap, DEFAULT_LAYOUT, area, previous, rows);
  assert.deepEqual(Array.from(rows.subarray(0, n)), [0, 1, 2, 4, 5]);
  // Infinite radius: everything.
  n = selectInterest(snap, DEFAULT_LAYOUT, { ...area, radius: Infinity }, null, rows);
  assert.equal(n, 6);
});

Deno.test("interest: distance is measured in 3D world units", () => {
  const world = new NetWorld(DEFAULT_LAYOUT);
  world.spawn({ x: 3, y: 4, z: 0, health: 1 }); // distance 5
  world.spawn({ x: 3, y: 4, z: 1, health: 1 }); // distance √26 ≈ 5.1
  const snap = world.capture(0);
  const rows = new Uint32Array(2);
  const area = { center: { x: 0, y: 0, z: 0 }, radius: 5, leaveRadius: 5, focusId: 0 };
  assert.equal(selectInterest(snap, DEFAULT_LAYOUT, area, null, rows), 1);
});
