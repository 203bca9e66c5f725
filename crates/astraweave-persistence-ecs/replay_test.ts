import assert from "node:assert/strict";
import { mulberry32 as rng } from "@astraweave/testing/random";
import {
  EcsError,
  ENGINE_COMPONENTS,
  entityIndex,
  Health,
  readReplay,
  ReplayRecorder,
  runReplay,
  serializeWorld,
  type StepFunction,
  type World,
  worldHash,
} from "./mod.ts";
import { benchmarkWorld, type DemoInput, demoInput, demoStep } from "./demo.ts";

/** Seeded inputs for a tick: moves, spawns and strikes over a 40 x 40 field. */
function inputsFor(r: () => number): DemoInput[] {
  const out: DemoInput[] = [];
  const cell = () => Math.floor(r() * 40);
  if (r() < 0.3) {
    out.push({ tag: "MoveTeam", value: { team: Math.floor(r() * 4), x: cell(), y: cell() } });
  }
  if (r() < 0.15) {
    out.push({ tag: "Spawn", value: { team: Math.floor(r() * 4), x: cell(), y: cell() } });
  }
  if (r() < 0.05) {
    out.push({ tag: "Strike", value: { x: cell(), y: cell(), radius: 4, damage: 25 } });
  }
  return out;
}

function record(ticks: number, checkpointEvery = 1, seed = 99) {
  const world = benchmarkWorld(100);
  world.tick = 5000;
  const recorder = new ReplayRecorder(world, { inputs: demoInput, checkpointEvery });
  const r = rng(seed);
  let events = 0;
  for (let t = 0; t < ticks; t++) events += recorder.step(inputsFor(r), demoStep).length;
  return { recorder, world, events };
}

const options = { components: ENGINE_COMPONENTS, inputs: demoInput, step: demoStep };

/** demoStep, except that at `atTick` one unit loses a hit point (a nondeterminism to catch). */
const faultyAt = (atTick: number): StepFunction<DemoInput> => (world: World, inputs, tick) => {
  const events = demoStep(world, inputs);
  if (tick === atTick) {
    const victim = world.query(Health)[0];
    world.column(Health, "hp")[entityIndex(victim)] -= 1;
  }
  return events;
};

Deno.test("replay over 1,000 ticks reproduces every checkpoint hash", () => {
  const { recorder, world, events } = record(1000);
  assert.ok(events > 100, `the run did things (${events} events)`);
  const report = runReplay(readReplay(recorder.toBytes()), options);
  assert.equal(report.divergence, null, report.divergence?.message);
  assert.equal(report.ok, true);
  assert.equal(report.ticks, 1000);
  assert.equal(report.checkpoints, 1000);
  assert.equal(report.world.tick, 6000);
  assert.equal(worldHash(report.world), worldHash(world));
});

Deno.test("replay reports an injected nondeterminism at the tick it happened", () => {
  const { recorder } = record(1000);
  const report = runReplay(readReplay(recorder.toBytes()), { ...options, step: faultyAt(5617) });
  assert.equal(report.ok, false);
  const d = report.divergence!;
  assert.equal(d.tick, 5617);
  assert.equal(d.lastVerifiedTick, 5616);
  assert.equal(d.what, "world");
  assert.deepEqual(d.components, ["health"]);
  assert.notEqual(d.actualHash, d.expectedHash);
  assert.equal(report.ticks, 618);
  assert.match(d.message, /^tick 5617 diverges .*components differ: health/);
});

Deno.test("with sparse checkpoints, the divergence is bracketed by checkpoints", () => {
  const { recorder } = record(1000, 10);
  const report = runReplay(readReplay(recorder.toBytes()), { ...options, step: faultyAt(5617) });
  const d = report.divergence!;
  // Checkpoints follow ticks 5009, 5019, ...: the fault at 5617 shows at 5619.
  assert.equal(d.tick, 5619);
  assert.equal(d.lastVerifiedTick, 5609);
  assert.equal(report.checkpoints, 61);
});

Deno.test("replay compares events every tick", () => {
  const { recorder } = record(300);
  const report = runReplay(readReplay(recorder.toBytes()), {
    ...options,
    step: (world, inputs, tick) => {
      const events = demoStep(world, inputs);
      return tick === 5100 ? [...events, { kind: "ghost", data: new Uint8Array(1) }] : events;
    },
  });
  const d = report.divergence!;
  assert.equal(d.tick, 5100);
  assert.equal(d.what, "events");
  assert.equal(d.actualEvents!.length, d.expectedEvents!.length + 1);
});

Deno.test("a log whose starting world does not match its hash is reported at the start", () => {
  const { recorder } = record(3);
  const log = readReplay(recorder.toBytes());
  log.start.worldHash ^= 1n;
  const report = runReplay(log, options);
  assert.equal(report.divergence!.what, "start");
  assert.equal(report.divergence!.tick, 5000);
  assert.equal(report.ticks, 0);
});

Deno.test("frames of every length prefix size read back: 1, 2 and 3 bytes", () => {
  const world = benchmarkWorld(3000);
  const recorder = new ReplayRecorder(world, { inputs: demoInput, checkpointEvery: 2 });
  const blob = serializeWorld(world);
  assert.ok(blob.length >= 1 << 14, `the start frame needs a 3-byte prefix (${blob.length})`);
  const kinds = ["", "x".repeat(200)]; // one short frame, one over 127 bytes
  for (const kind of kinds) recorder.step([], () => [{ kind, data: new Uint8Array(0) }]);
  const log = readReplay(recorder.toBytes());
  assert.deepEqual(log.start.world, blob);
  assert.equal(log.start.worldHash, worldHash(world));
  assert.deepEqual(log.ticks.map((t) => t.events[0].kind), kinds);
  assert.equal(log.ticks[1].checkpoint?.hash, worldHash(world));
});

Deno.test("ticks recorded while an append is under way reach the file with the next append", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/run.awrp`;
    const recorder = new ReplayRecorder(benchmarkWorld(20), { inputs: demoInput });
    const r = rng(9);
    recorder.step(inputsFor(r), demoStep);
    const appending = recorder.appendTo(path);
    for (let t = 0; t < 30; t++) recorder.step(inputsFor(r), demoStep); // long frames too
    await appending;
    await recorder.appendTo(path);
    const file = await Deno.readFile(path);
    assert.deepEqual(file, recorder.toBytes());
    assert.equal(readReplay(file).ticks.length, 31);
    assert.deepEqual(recorder.takePending(), new Uint8Array(0), "appended bytes are not pending");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("logs append to a file, and a torn tail is detected or dropped on request", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/run.awrp`;
    const world = benchmarkWorld(50);
    const recorder = new ReplayRecorder(world, { inputs: demoInput });
    const r = rng(5);
    for (let t = 0; t < 60; t++) {
      recorder.step(inputsFor(r), demoStep);
      if (t % 25 === 0) await recorder.appendTo(path);
    }
    await recorder.appendTo(path);
    const file = await Deno.readFile(path);
    assert.deepEqual(file, recorder.toBytes());
    assert.equal(runReplay(readReplay(file), options).ok, true);

    const torn = file.subarray(0, file.length - 3);
    assert.throws(() => readReplay(torn), (e) => e instanceof EcsError && e.kind === "bad_blob");
    const recovered = readReplay(torn, { tolerateTornTail: true });
    assert.equal(recovered.ticks.length, 59);
    assert.ok(recovered.droppedTailBytes > 0);
    assert.equal(runReplay(recovered, options).ok, true);

    const again = new ReplayRecorder(world, { inputs: demoInput });
    await assert.rejects(() => again.appendTo(path), /already holds data/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("damaged logs fail with bad_blob, never another error (seeded fuzz)", () => {
  const { recorder } = record(20);
  const bytes = recorder.toBytes();
  const r = rng(77);
  let rejected = 0;
  for (let i = 0; i < 300; i++) {
    const damaged = bytes.slice();
    damaged[5 + Math.floor(r() * (damaged.length - 5))] ^= 1 + Math.floor(r() * 255);
    try {
      runReplay(readReplay(damaged), options);
    } catch (e) {
      assert.ok(e instanceof EcsError, String(e));
      rejected++;
    }
  }
  assert.ok(rejected > 0);
  assert.throws(() => readReplay(new Uint8Array([1, 2, 3])), /not a replay log/);
});

/**
 * Replays a log recorded by an earlier implementation (`testdata/<name>`: benchmarkWorld(40) from
 * tick 100, six ticks, a checkpoint every two ticks) and checks that it verifies with the hashes
 * of its own `version`, and that a faulty run is still caught; returns the faulty run's report.
 */
function replayOldLog(name: string, format: number, version: 1 | 2) {
  const file = Deno.readFileSync(new URL(`./testdata/${name}`, import.meta.url));
  assert.equal(file[4], format);
  const log = readReplay(file);
  assert.equal(log.hashVersion, version);
  assert.equal(log.ticks.length, 6);
  const start = benchmarkWorld(40);
  assert.equal(log.start.worldHash, worldHash(start, version));
  assert.notEqual(log.start.worldHash, worldHash(start));
  const report = runReplay(log, options);
  assert.equal(report.divergence, null, report.divergence?.message);
  assert.equal(report.checkpoints, 3);
  const faulty = runReplay(log, { ...options, step: faultyAt(103) });
  assert.equal(faulty.divergence?.tick, 103);
  assert.equal(faulty.divergence?.what, "world");
  return faulty;
}

Deno.test("a log recorded before world hash version 2 still replays and verifies", () => {
  // Recorded by the first implementation (format 1, version 1 hashes, six ticks of demo inputs).
  const faulty = replayOldLog("replay_hash_v1.awrp", 1, 1);
  assert.equal(faulty.divergence?.lastVerifiedTick, 101);

  // New logs are format 3, with version 3 hashes; other formats are refused.
  const { recorder, world } = record(2);
  const bytes = recorder.toBytes();
  assert.equal(bytes[4], 3);
  assert.equal(readReplay(bytes).hashVersion, 3);
  assert.equal(readReplay(bytes).ticks[1].checkpoint?.hash, worldHash(world));
  const future = bytes.slice();
  future[4] = 4;
  assert.throws(
    () => readReplay(future),
    (e) => e instanceof EcsError && e.kind === "bad_blob" && /format 4/.test(e.message),
  );
});

Deno.test("a log recorded before world hash version 3 still replays and verifies", () => {
  // Recorded by the version 2 implementation (format 2, six ticks of inputsFor(rng(7))).
  replayOldLog("replay_hash_v2.awrp", 2, 2);
});
