import assert from "node:assert/strict";
import { i32, string, Writer } from "@astraweave/codec";
import { describe, randomWorld } from "./testdata/random_world.ts";
import { mulberry32 as rng } from "@astraweave/testing/random";
import {
  defineComponent,
  deserializeWorld,
  EcsError,
  ENGINE_COMPONENTS,
  entityRef,
  Health,
  LegacyId,
  loadWorld,
  NULL_ENTITY,
  Position,
  serializeWorld,
  World,
  worldHash,
} from "./mod.ts";
import { benchmarkWorld } from "./demo.ts";

Deno.test("random worlds round-trip exactly, up to 5,000 entities", () => {
  for (const [seed, count] of [[1, 0], [2, 1], [3, 10], [4, 500], [5, 5000]]) {
    const world = randomWorld(seed, count);
    const blob = serializeWorld(world);
    const loaded = loadWorld(blob, ENGINE_COMPONENTS);
    assert.equal(loaded.entityCount, world.entityCount, `seed ${seed}`);
    assert.equal(loaded.tick, world.tick);
    assert.deepEqual(describe(loaded), describe(world), `seed ${seed}: contents and order`);
    assert.equal(worldHash(loaded), worldHash(world));
    assert.deepEqual(serializeWorld(loaded), blob, "re-serializing gives the same bytes");
  }
});

Deno.test("loading remaps entities and references into a world that has entities", () => {
  const source = new World([Position, LegacyId]);
  const a = source.spawn();
  const b = source.spawn();
  const gone = source.spawn();
  source.insert(a, Position, { x: 1, y: 2 });
  source.insert(b, LegacyId, { id: a });
  source.insert(a, LegacyId, { id: b }); // a cycle
  const c = source.spawn();
  source.insert(c, LegacyId, { id: gone });
  source.despawn(gone); // c's reference dangles
  const blob = serializeWorld(source);

  const target = new World([Position, LegacyId, Health]);
  const resident = target.spawn();
  target.insert(resident, Position, { x: 9, y: 9 });
  const { entities } = deserializeWorld(blob, target);
  assert.equal(target.entityCount, 4);
  const [a2, b2, c2] = entities;
  assert.notEqual(a2, resident);
  assert.deepEqual(target.get(a2, Position), { x: 1, y: 2 });
  assert.equal(target.get(b2, LegacyId)!.id, a2);
  assert.equal(target.get(a2, LegacyId)!.id, b2);
  assert.equal(target.get(c2, LegacyId)!.id, NULL_ENTITY, "a dangling reference stays dangling");
  assert.deepEqual(target.get(resident, Position), { x: 9, y: 9 }, "residents untouched");
  assert.deepEqual(target.query(Position), [resident, a2], "loaded entities come after");
});

Deno.test("the blob layout is the documented one", () => {
  const Hp = defineComponent("hp", { hp: i32 });
  const Name = defineComponent("name", string);
  const world = new World([Name, Hp]);
  world.tick = 300;
  world.spawn();
  const e1 = world.spawn();
  const e2 = world.spawn();
  world.insert(e1, Hp, { hp: -1 });
  world.insert(e2, Hp, { hp: 64 });
  world.insert(e2, Name, "ab");
  const enc = (s: string) => [s.length, ...new TextEncoder().encode(s)];
  // The layout fingerprint: FNV-1a 32 over the layout text's UTF-16 code units, as a varint.
  const layout = (text: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ (text.charCodeAt(i) & 0xff), 0x01000193);
      h = Math.imul(h ^ (text.charCodeAt(i) >>> 8), 0x01000193);
    }
    const w = new Writer();
    w.varint32(h >>> 0);
    return [...w.toBytes()];
  };
  assert.deepEqual([...serializeWorld(world)], [
    1, // format
    0xac,
    0x02, // tick 300
    3, // entities
    2, // blocks, by name: "hp", "name"
    ...enc("hp"),
    ...layout("soa(hp:i32)"),
    2,
    1,
    0, // members: ordinal 1, then gap 0 (ordinal 2)
    0x01,
    0x80,
    0x01, // zigzag(-1) = 1, zigzag(64) = 128
    ...enc("name"),
    ...layout("dense(string)"),
    1,
    2, // one member: ordinal 2
    ...enc("ab"),
  ]);
});

function assertRejected(blob: Uint8Array, kind: string, world: World) {
  const before = serializeWorld(world);
  const count = world.entityCount;
  assert.throws(
    () => deserializeWorld(blob, world),
    (e) => e instanceof EcsError && e.kind === kind,
  );
  assert.equal(world.entityCount, count, "a rejected blob adds nothing");
  assert.deepEqual(serializeWorld(world), before);
}

Deno.test("bad blobs are rejected with a clear error and change nothing", () => {
  const blob = serializeWorld(randomWorld(8, 60));
  const target = new World(ENGINE_COMPONENTS);
  target.insert(target.spawn(), Health, { hp: 3 });
  for (let end = 0; end < blob.length; end++) {
    assertRejected(blob.subarray(0, end), "bad_blob", target);
  }
  assertRejected(Uint8Array.of(...blob, 0), "bad_blob", target); // trailing byte
  assertRejected(Uint8Array.of(3, ...blob.subarray(1)), "bad_blob", target); // format
  assertRejected(blob, "unknown_component", new World([Position]));
  const Other = defineComponent("pos", { x: i32, y: i32, z: i32 });
  assertRejected(blob, "bad_blob", new World([...ENGINE_COMPONENTS.slice(1), Other]));
  // An entity count beyond the limit costs nothing to reject.
  assertRejected(Uint8Array.of(1, 0, 0xff, 0xff, 0xff, 0xff, 0x0f, 0), "bad_blob", target);
  assert.throws(() => deserializeWorld(blob, target, { maxEntities: 10 }), /above 10/);
});

Deno.test("fuzz: damaged blobs load or fail cleanly, never leaving a half-loaded world", () => {
  const r = rng(0xf022);
  const Ref = defineComponent("ref", { to: entityRef });
  const source = benchmarkWorld(40);
  source.register(Ref);
  const es = source.entities();
  for (let i = 0; i < 10; i++) source.insert(es[i], Ref, { to: es[(i * 7) % 40] });
  const blob = serializeWorld(source);
  const components = [...ENGINE_COMPONENTS, Ref];
  let loaded = 0;
  for (let i = 0; i < 500; i++) {
    const damaged = blob.slice();
    for (let flips = 1 + Math.floor(r() * 3); flips > 0; flips--) {
      damaged[Math.floor(r() * damaged.length)] = Math.floor(r() * 256);
    }
    const world = new World(components);
    try {
      const { entities } = deserializeWorld(damaged, world);
      loaded++;
      for (const e of world.query(Ref)) {
        const to = world.get(e, Ref)!.to;
        assert.ok(to === NULL_ENTITY || entities.includes(to), "references stay inside");
      }
    } catch (e) {
      assert.ok(e instanceof EcsError, `${e}`);
      assert.equal(world.entityCount, 0);
    }
  }
  assert.ok(loaded > 0 && loaded < 500, `${loaded} of 500 damaged blobs still decoded`);
});

Deno.test("the original's benchmark world is compact", () => {
  const blob = serializeWorld(benchmarkWorld(1000));
  // The Rust blob of this world is 15,495 bytes; columns and ordinal gaps need far fewer.
  assert.ok(blob.length < 8000, `${blob.length} bytes`);
  assert.equal(loadWorld(blob, ENGINE_COMPONENTS).count(Position), 800);
});

Deno.test("a blob loads into a world whose components are registered in another order", () => {
  const world = randomWorld(9, 400);
  const reversed = [...ENGINE_COMPONENTS].reverse();
  const loaded = loadWorld(serializeWorld(world), reversed);
  assert.deepEqual(loaded.components(), reversed);
  assert.deepEqual(describe(loaded), describe(world));
  assert.equal(worldHash(loaded), worldHash(world));
  assert.deepEqual(serializeWorld(loaded), serializeWorld(world));
});
