/**
 * Benchmarks of astraweave-persistence-ecs, in the groups of the Rust original
 * (`persistence_ecs_benchmarks.rs`, `world_serialization_benchmarks.rs`), measuring this crate's
 * real functions: the world blob, the world hash, replay, and saves through aw-save on disk.
 * bitECS's struct-of-arrays serializer pair is the peer, on the same 1,000 entities and fields.
 *
 * @module
 */

import { createSoADeserializer, createSoASerializer } from "bitecs/serialization";
import { benchCrate, consume, frameShare, ns, us } from "@astraweave/bench-protocol";
import {
  Ammo,
  deserializeWorld,
  DesiredPos,
  ENGINE_COMPONENTS,
  Health,
  loadWorld,
  PersistenceManager,
  Position,
  readReplay,
  ReplayRecorder,
  runReplay,
  serializeWorld,
  Team,
  World,
  worldHash,
} from "@astraweave/persistence-ecs";
import { benchmarkWorld, demoInput, demoStep } from "@astraweave/persistence-ecs/demo";

const bench = benchCrate("astraweave-persistence-ecs");
const entities = (n: number) => ({ value: n, unit: "entities" });

// ---------------------------------------------------------------------------------------------
// ecs_serialization: one component value, and batches of entities with the full numeric set.

const position = { x: 12, y: -7 };
const positionBytes = Position.schema.encode(position);
const health = { hp: 87 };
const healthBytes = Health.schema.encode(health);
const single = [
  ["position", Position, position, positionBytes],
  ["health", Health, health, healthBytes],
] as const;
for (const [label, component, value, bytes] of single) {
  bench({
    group: "ecs_serialization",
    name: `single_component/serialize_${label}`,
    budget: ns(500, "one component value: far below a microsecond, as in the Rust original"),
    fn: () => consume((component.schema.encode as (v: unknown) => Uint8Array)(value)),
  });
  bench({
    group: "ecs_serialization",
    name: `single_component/deserialize_${label}`,
    budget: ns(500, "one component value: far below a microsecond, as in the Rust original"),
    fn: () => consume(component.schema.decode(bytes)),
  });
}

const NUMERIC = [Position, Health, Team, Ammo, DesiredPos];
/** `n` entities, each with position, health, team, ammo and desired position. */
function numericWorld(n: number): World {
  const world = new World(NUMERIC, n);
  for (let i = 0; i < n; i++) {
    const e = world.spawn();
    const x = ((i * 7919) % 1000) - 500;
    const y = ((i * 104729) % 1000) - 500;
    world.insert(e, Position, { x, y });
    world.insert(e, Health, { hp: 100 - (i % 100) });
    world.insert(e, Team, { id: i % 4 });
    world.insert(e, Ammo, { rounds: 30 - (i % 30) });
    world.insert(e, DesiredPos, { x: y, y: x });
  }
  return world;
}

for (const n of [10, 50, 100, 500, 1000]) {
  const world = numericWorld(n);
  const blob = serializeWorld(world);
  const target = new World(NUMERIC, n);
  bench({
    group: "ecs_serialization",
    name: `entity_batch/serialize/${n}`,
    budget: us(Math.max(10, n * 0.686), "the Rust original's 0.686 µs per entity (at least 10 µs)"),
    size: entities(n),
    throughput: { elements: n },
    fn: () => consume(serializeWorld(world)),
  });
  bench({
    group: "ecs_serialization",
    name: `entity_batch/deserialize/${n}`,
    budget: us(Math.max(20, n * 1.504), "the Rust original's 1.504 µs per entity (at least 20 µs)"),
    size: entities(n),
    throughput: { elements: n },
    fn: () => {
      target.clear();
      consume(deserializeWorld(blob, target));
    },
  });
}

// ---------------------------------------------------------------------------------------------
// world_hash and world_serialization: the original's benchmark world (80% position, 60% health...).

const HASH_BUDGET_1000 = us(
  15,
  "1.5 times the Rust original's 10.1 µs for 1,000 entities (world hash version 3)",
);
for (const n of [10, 50, 100, 500, 1000]) {
  const world = benchmarkWorld(n);
  bench({
    group: "world_hash",
    name: `calculation/${n}`,
    budget: n === 1000 ? HASH_BUDGET_1000 : undefined,
    size: entities(n),
    throughput: { elements: n },
    fn: () => consume(worldHash(world)),
  });
}

const SIZES = [10, 100, 500, 1000, 2000];
for (const n of SIZES) {
  const world = benchmarkWorld(n);
  const blob = serializeWorld(world);
  const scale = n / 1000;
  bench({
    group: "world_serialization",
    name: `serialize/${n}`,
    budget: n >= 1000 ? us(686 * scale, "the Rust original's 0.686 ms per 1,000") : undefined,
    size: entities(n),
    throughput: { elements: n },
    fn: () => consume(serializeWorld(world)),
  });
  bench({
    group: "world_serialization",
    name: `deserialize/${n}`,
    budget: n >= 1000 ? us(1504 * scale, "the Rust original's 1.504 ms per 1,000") : undefined,
    size: entities(n),
    throughput: { elements: n },
    fn: () => consume(loadWorld(blob, ENGINE_COMPONENTS)),
  });
  bench({
    group: "world_serialization",
    name: `roundtrip/${n}`,
    budget: n >= 1000
      ? us(2190 * scale, "the Rust original's serialize plus deserialize")
      : undefined,
    size: entities(n),
    throughput: { elements: n },
    fn: () => consume(loadWorld(serializeWorld(world), ENGINE_COMPONENTS)),
  });
  bench({
    group: "world_serialization",
    name: `hash/${n}`,
    budget: n >= 1000
      ? us(30 * scale, "three times the Rust original's 10.1 µs per 1,000")
      : undefined,
    size: entities(n),
    throughput: { elements: n },
    fn: () => consume(worldHash(world)),
  });
  bench.metric({
    group: "world_serialization",
    name: `blob_size/${n}`,
    value: blob.length,
    unit: "bytes",
    note: `${(blob.length / n).toFixed(2)} bytes per entity (the Rust blob: about 15.5)`,
    size: entities(n),
  });
}

// The peer: bitECS's SoA serializer and deserializer on the same 1,000 entities and numeric
// fields (all five components on every entity), against our serialize + deserialize of them.
{
  const n = 1000;
  const world = numericWorld(n);
  const target = new World(NUMERIC, n);
  const columns = (names: string[], make: (n: number) => Int32Array | Uint8Array) =>
    Object.fromEntries(names.map((f) => [f, make(n)]));
  const pos = columns(["x", "y"], (k) => new Int32Array(k));
  const hp = columns(["hp"], (k) => new Int32Array(k));
  const team = columns(["id"], (k) => new Uint8Array(k));
  const ammo = columns(["rounds"], (k) => new Int32Array(k));
  const desired = columns(["x", "y"], (k) => new Int32Array(k));
  const ids: number[] = [];
  for (const e of world.entities()) {
    const i = ids.length;
    ids.push(i);
    const p = world.get(e, Position)!;
    [pos.x[i], pos.y[i]] = [p.x, p.y];
    hp.hp[i] = world.get(e, Health)!.hp;
    team.id[i] = world.get(e, Team)!.id;
    ammo.rounds[i] = world.get(e, Ammo)!.rounds;
    const d = world.get(e, DesiredPos)!;
    [desired.x[i], desired.y[i]] = [d.x, d.y];
  }
  const stores = [pos, hp, team, ammo, desired];
  const serialize = createSoASerializer(stores, { buffer: new ArrayBuffer(1 << 20) });
  const deserialize = createSoADeserializer(stores);
  bench({
    group: "world_serialization",
    name: "numeric_roundtrip/1000",
    budget: us(2190, "the Rust original's serialize plus deserialize of 1,000 (sparser) entities"),
    throughput: { elements: n },
    fn: () => {
      const blob = serializeWorld(world);
      target.clear();
      consume(deserializeWorld(blob, target));
    },
  });
  bench({
    group: "world_serialization",
    name: "bitECS soa_roundtrip/1000",
    peer: "bitECS",
    versus: "numeric_roundtrip/1000",
    throughput: { elements: n },
    fn: () => {
      const packet = serialize(ids);
      deserialize(packet);
      consume(packet);
    },
  });
  bench.metric({
    group: "world_serialization",
    name: "numeric_blob_size/1000",
    value: serializeWorld(world).length,
    unit: "bytes",
    note: `bitECS's SoA packet of the same data: ${serialize(ids).byteLength} bytes`,
  });
}

// ---------------------------------------------------------------------------------------------
// replay: recording (encoding tick frames), reading a log, and re-running ticks.

function replayLog(ticks: number): Uint8Array {
  const recorder = new ReplayRecorder(new World(), { inputs: demoInput, checkpointEvery: 1 << 30 });
  const payload = new Uint8Array(32);
  for (let t = 0; t < ticks; t++) {
    recorder.step(
      [{ tag: "MoveTeam", value: { team: t % 4, x: t, y: -t } }],
      () => [{ kind: `event_type_${t % 10}`, data: payload }],
    );
  }
  return recorder.toBytes();
}
for (const n of [10, 50, 100, 500]) {
  const log = replayLog(n);
  bench({
    group: "replay",
    name: `operations/serialize/${n}`,
    budget: us(Math.max(20, n * 2), "2 µs per recorded tick (at least 20 µs): 0.01% of a frame"),
    size: { value: n, unit: "ticks" },
    throughput: { elements: n },
    fn: () => consume(replayLog(n)),
  });
  bench({
    group: "replay",
    name: `operations/deserialize/${n}`,
    budget: us(Math.max(20, n * 2), "2 µs per recorded tick (at least 20 µs): 0.01% of a frame"),
    size: { value: n, unit: "ticks" },
    throughput: { bytes: log.length, elements: n },
    fn: () => consume(readReplay(log)),
  });
}
{
  const ticks = 100;
  const recorder = new ReplayRecorder(benchmarkWorld(100), { inputs: demoInput });
  for (let t = 0; t < ticks; t++) {
    recorder.step([{ tag: "Spawn", value: { team: t % 4, x: t % 40, y: 3 } }], demoStep);
  }
  const log = readReplay(recorder.toBytes());
  const options = { components: ENGINE_COMPONENTS, inputs: demoInput, step: demoStep };
  bench({
    group: "replay",
    name: "tick_advance/100_ticks_verified",
    budget: frameShare(
      1,
      "100 replayed ticks of 100+ entities, each checked: 1% of a frame per tick",
    ),
    throughput: { elements: ticks },
    fn: () => consume(runReplay(log, options)),
  });
}

// ---------------------------------------------------------------------------------------------
// Disk: save_load_cycle, persistence_manager, scaling. Saves go through aw-save (fsync, rename).

const root = Deno.makeTempDirSync({ prefix: "persistence-ecs-bench-" });
globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));

const DISK_BUDGET = frameShare(1, "a save runs off the tick loop; still within one frame");

async function diskFamily(group: string, label: string, sizes: number[]) {
  for (const n of sizes) {
    const world = benchmarkWorld(n);
    const saver = new PersistenceManager({
      root,
      player: `${group}-save-${n}`,
      components: ENGINE_COMPONENTS,
      world,
    });
    const loader = new PersistenceManager({
      root,
      player: `${group}-load-${n}`,
      components: ENGINE_COMPONENTS,
      world,
    });
    await loader.saveGame(0);
    bench({
      group,
      name: `${label}save/${n}`,
      budget: DISK_BUDGET,
      size: entities(n),
      throughput: { elements: n },
      // Only the save is timed; removing the file afterwards keeps the slot and index small.
      fn: async (b) => {
        b.start();
        const saved = await saver.saveGame(0);
        b.end();
        consume(saved);
        await saver.saves.deleteSlot(saver.player, 0);
      },
    });
    bench({
      group,
      name: `${label}load/${n}`,
      budget: DISK_BUDGET,
      size: entities(n),
      throughput: { elements: n },
      fn: async () => consume(await loader.loadGame(0)),
    });
  }
}
await diskFamily("save_load_cycle", "full_pipeline/", [10, 50, 100, 500]);
await diskFamily("scaling", "entity_count/full_", [100, 500, 1000, 5000]);

{
  const games = new PersistenceManager({
    root,
    player: "manager",
    components: ENGINE_COMPONENTS,
    world: benchmarkWorld(100),
  });
  for (let slot = 0; slot < 5; slot++) await games.saveGame(slot);
  bench({
    group: "persistence_manager",
    name: "operations/list_saves",
    budget: us(500, "reading index.json of five saves"),
    fn: async () => consume(await games.listSaves()),
  });
  bench({
    group: "persistence_manager",
    name: "operations/load_game",
    budget: DISK_BUDGET,
    fn: async () => consume(await games.loadGame(0)),
  });
  bench({
    group: "persistence_manager",
    name: "operations/save_game",
    budget: DISK_BUDGET,
    fn: async (b) => {
      b.start();
      const saved = await games.saveGame(9);
      b.end();
      consume(saved);
      await games.saves.deleteSlot(games.player, 9);
    },
  });
}
