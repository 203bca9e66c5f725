import assert from "node:assert/strict";
import { DEFAULT_LAYOUT } from "./layout.ts";
import { findRow, materialize, NetWorld, tablesEqual } from "./table.ts";

Deno.test("world: spawn, set, get, despawn keep ids sorted and never reuse them", () => {
  const world = new NetWorld(DEFAULT_LAYOUT, 2);
  const ids = Array.from({ length: 10 }, (_, i) => world.spawn({ x: i, y: 0, z: 0, health: 100 }));
  assert.deepEqual(ids, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(world.despawn(4), true);
  assert.equal(world.despawn(4), false);
  assert.equal(world.despawn(1), true);
  assert.equal(world.spawn({ x: 0, y: 0, z: 0, health: 1 }), 11);
  assert.deepEqual(Array.from(world.ids.subarray(0, world.count)), [2, 3, 5, 6, 7, 8, 9, 10, 11]);
  world.set(5, { y: -2.5, health: 42 });
  assert.deepEqual(world.get(5), { x: 4, y: -2.5, z: 0, health: 42 });
  assert.equal(world.get(4), undefined);
  assert.throws(() => world.set(4, { x: 1 }), /no entity 4/);
  assert.equal(world.has(11), true);
});

Deno.test("world: a capture is an immutable copy", () => {
  const world = new NetWorld(DEFAULT_LAYOUT);
  const id = world.spawn({ x: 1, y: 2, z: 3, health: 4 });
  const snap = world.capture(7);
  world.set(id, { x: 100 });
  world.spawn({ x: 0, y: 0, z: 0, health: 0 });
  assert.equal(snap.tick, 7);
  assert.equal(snap.count, 1);
  assert.deepEqual(Array.from(snap.values), [100, 200, 300, 4]);
  assert.equal(findRow(snap, id), 0);
  assert.equal(findRow(snap, 2), -1);
  assert.ok(!tablesEqual(snap, world.capture(8)));
});

Deno.test("materialize: copies the selected rows in order", () => {
  const world = new NetWorld(DEFAULT_LAYOUT);
  for (let i = 0; i < 5; i++) world.spawn({ x: i, y: 0, z: 0, health: i });
  const snap = world.capture(0);
  const t = materialize({ table: snap, rows: Uint32Array.of(1, 3, 4, 0), count: 3 });
  assert.deepEqual(Array.from(t.ids), [2, 4, 5]);
  assert.deepEqual(Array.from(t.values), [100, 0, 0, 1, 300, 0, 0, 3, 400, 0, 0, 4]);
});

Deno.test("world: capture can recycle an unused snapshot's memory", () => {
  const world = new NetWorld(DEFAULT_LAYOUT);
  const id = world.spawn({ x: 1, y: 2, z: 3, health: 4 });
  const old = world.capture(1);
  world.set(id, { x: 5 });
  const next = world.capture(2, old);
  assert.equal(next.values.buffer, old.values.buffer, "same count: the memory is reused");
  assert.deepEqual(Array.from(next.values), [500, 200, 300, 4]);
  assert.equal(next.tick, 2);
  world.spawn({ x: 0, y: 0, z: 0, health: 0 });
  const grown = world.capture(3, next);
  assert.notEqual(grown.values.buffer, next.values.buffer, "another count: fresh memory");
  assert.ok(tablesEqual(grown, world.capture(4)));
});
