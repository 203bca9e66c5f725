import assert from "node:assert/strict";
import { f32, i32, seq, string, u8 } from "@astraweave/codec";
import {
  defineComponent,
  EcsError,
  entityGeneration,
  entityIndex,
  NULL_ENTITY,
  World,
} from "./mod.ts";

const Pos = defineComponent("pos", { x: i32, y: i32 });
const Hp = defineComponent("hp", { hp: i32 });
const Team = defineComponent("team", { id: u8 });
const Speed = defineComponent("speed", { v: f32 });
const Tag = defineComponent("tag", {});
const Names = defineComponent("names", seq(string));

const throwsKind = (fn: () => unknown, kind: string) =>
  assert.throws(fn, (e) => e instanceof EcsError && e.kind === kind);

Deno.test("component storage: numeric fields are struct-of-arrays, others dense", () => {
  assert.equal(Pos.storage, "soa");
  assert.equal(Pos.layout, "soa(x:i32,y:i32)");
  assert.equal(Tag.storage, "soa");
  assert.equal(Names.storage, "dense");
  const Mixed = defineComponent("mixed", { hp: i32, name: string });
  assert.equal(Mixed.storage, "dense");
  assert.deepEqual(Mixed.schema.decode(Mixed.schema.encode({ hp: -3, name: "a" })), {
    hp: -3,
    name: "a",
  });
});

Deno.test("stale handles are detected after despawn and slot reuse", () => {
  const world = new World([Pos]);
  const a = world.spawn();
  world.insert(a, Pos, { x: 1, y: 2 });
  world.despawn(a);
  assert.equal(world.isAlive(a), false);
  assert.equal(world.has(a, Pos), false);
  const b = world.spawn(); // reuses a's slot with the next generation
  assert.equal(entityIndex(b), entityIndex(a));
  assert.equal(entityGeneration(b), entityGeneration(a) + 1);
  assert.notEqual(a, b);
  assert.equal(world.has(b, Pos), false, "the new entity does not inherit components");
  throwsKind(() => world.get(a, Pos), "stale_entity");
  throwsKind(() => world.insert(a, Pos, { x: 0, y: 0 }), "stale_entity");
  throwsKind(() => world.remove(a, Pos), "stale_entity");
  throwsKind(() => world.despawn(a), "stale_entity");
  assert.equal(world.isAlive(NULL_ENTITY), false);
  assert.equal(world.isAlive(b + 1), false, "a handle of a slot never used");
  assert.equal(new World().isAlive(b), false, "a handle from another world's slot");
});

Deno.test("insert checks values against field kinds and registration", () => {
  const world = new World([Pos, Team]);
  const e = world.spawn();
  throwsKind(() => world.insert(e, Pos, { x: 1.5, y: 0 }), "invalid_value");
  throwsKind(() => world.insert(e, Pos, { x: 2 ** 31, y: 0 }), "invalid_value");
  throwsKind(() => world.insert(e, Team, { id: 256 }), "invalid_value");
  throwsKind(() => world.insert(e, Pos, { x: 1 } as { x: number; y: number }), "invalid_value");
  assert.equal(world.has(e, Pos), false, "a rejected insert adds nothing");
  throwsKind(() => world.insert(e, Hp, { hp: 1 }), "unknown_component");
  throwsKind(() => world.register(defineComponent("pos", { z: i32 })), "duplicate_component");
  world.register(Pos); // the same type again is fine
});

Deno.test("insert, get, replace, remove and despawn", () => {
  const world = new World([Pos, Names, Speed]);
  const e = world.spawn();
  world.insert(e, Pos, { x: -7, y: 9 });
  world.insert(e, Speed, { v: 0.1 });
  const names = ["a", "b"];
  world.insert(e, Names, names);
  assert.deepEqual(world.get(e, Pos), { x: -7, y: 9 });
  assert.equal(world.get(e, Speed)!.v, Math.fround(0.1), "f32 fields round to single precision");
  assert.equal(world.get(e, Names), names, "dense values are stored by reference");
  world.insert(e, Pos, { x: 1, y: 1 });
  assert.deepEqual(world.get(e, Pos), { x: 1, y: 1 });
  assert.equal(world.count(Pos), 1);
  assert.equal(world.remove(e, Pos), true);
  assert.equal(world.remove(e, Pos), false);
  assert.equal(world.get(e, Pos), undefined);
  world.despawn(e);
  assert.equal(world.count(Names), 0);
  assert.equal(world.entityCount, 0);
});

Deno.test("dense rows stay with their entities through swap-removal", () => {
  const world = new World([Names]);
  const es = Array.from({ length: 10 }, (_, i) => {
    const e = world.spawn();
    world.insert(e, Names, [`n${i}`]);
    return e;
  });
  for (const i of [0, 5, 9, 3]) world.remove(es[i], Names);
  world.despawn(es[7]);
  for (const [i, e] of es.entries()) {
    if ([0, 5, 9, 3, 7].includes(i)) continue;
    assert.deepEqual(world.get(e, Names), [`n${i}`]);
  }
  assert.equal(world.count(Names), 5);
});

Deno.test("queries return matching entities in spawn order and follow structural changes", () => {
  const world = new World([Pos, Hp, Tag]);
  const es = Array.from({ length: 6 }, () => world.spawn());
  for (const e of es) world.insert(e, Pos, { x: 0, y: 0 });
  for (const i of [5, 1, 3]) world.insert(es[i], Hp, { hp: i });
  assert.deepEqual(world.query(Pos, Hp), [es[1], es[3], es[5]]);
  assert.equal(world.query(Pos, Hp), world.query(Pos, Hp), "cached while nothing changes");
  world.remove(es[3], Hp);
  assert.deepEqual(world.query(Hp), [es[1], es[5]]);
  world.despawn(es[1]);
  const late = world.spawn(); // reuses es[1]'s slot but was spawned last
  world.insert(late, Hp, { hp: 0 });
  world.insert(late, Pos, { x: 0, y: 0 });
  assert.deepEqual(world.query(Pos, Hp), [es[5], late]);
  assert.deepEqual(world.query(Tag), []);
  assert.deepEqual(world.query(), world.entities());
});

Deno.test("growth keeps values; columns give direct access", () => {
  const world = new World([Pos], 2);
  const es = Array.from({ length: 1000 }, (_, i) => {
    const e = world.spawn();
    world.insert(e, Pos, { x: i, y: i - 500 });
    return e;
  });
  const xs = world.column(Pos, "x");
  for (const e of world.query(Pos)) xs[entityIndex(e)] += 1;
  for (const [i, e] of es.entries()) assert.deepEqual(world.get(e, Pos), { x: i + 1, y: i - 500 });
  throwsKind(() => world.column(Pos, "z" as "x"), "invalid_value");
});

Deno.test("more than 32 components widen the entity masks", () => {
  const many = Array.from({ length: 70 }, (_, i) => defineComponent(`c${i}`, { v: i32 }));
  const world = new World(many.slice(0, 10));
  const e = world.spawn();
  world.insert(e, many[3], { v: 3 });
  for (const c of many.slice(10)) world.register(c); // after entities exist
  world.insert(e, many[40], { v: 40 });
  world.insert(e, many[69], { v: 69 });
  const f = world.spawn();
  world.insert(f, many[69], { v: -1 });
  assert.deepEqual(world.query(many[3], many[69]), [e]);
  assert.deepEqual(world.query(many[69]), [e, f]);
  world.despawn(e);
  assert.equal(world.count(many[40]), 0);
  assert.deepEqual(world.query(many[69]), [f]);
});

Deno.test("clear despawns everything and keeps registrations", () => {
  const world = new World([Pos]);
  const e = world.spawn();
  world.insert(e, Pos, { x: 1, y: 1 });
  world.clear();
  assert.equal(world.entityCount, 0);
  assert.equal(world.isAlive(e), false);
  assert.deepEqual(world.components(), [Pos]);
});
