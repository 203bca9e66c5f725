import assert from "node:assert/strict";
import { Loopback } from "./_loopback.ts";
import { DEFAULT_LAYOUT } from "./layout.ts";
import type { InputCommand } from "./protocol.ts";
import { SeededRandom } from "./rng.ts";
import { NetServer } from "./server.ts";
import { materialize, tablesEqual, wholeView } from "./table.ts";

const F = DEFAULT_LAYOUT.fieldCount;

function randomCommand(rng: SeededRandom): InputCommand {
  return { moveX: rng.int(-127, 127), moveY: rng.int(-127, 127), moveZ: 0, buttons: 0 };
}

/** Whether the client's predicted avatar equals the server's avatar. */
function predictionMatches(
  server: NetServer,
  clientAvatar: number,
  predicted: Int32Array,
): boolean {
  const row = server.world.rowOf(clientAvatar);
  for (let k = 0; k < F; k++) if (server.world.values[row * F + k] !== predicted[k]) return false;
  return true;
}

Deno.test("client/server: first a full snapshot, then deltas against the acknowledged one", () => {
  const server = new NetServer();
  const npc = server.world.spawn({ x: 1, y: 2, z: 3, health: 100 });
  const net = new Loopback(server, 1);
  const client = net.connect();
  net.run(12);
  const stats = server.clientStats(client.clientId)!;
  assert.equal(stats.bandwidth.fullSnapshots, 1);
  assert.equal(stats.bandwidth.deltaSnapshots, 3);
  assert.deepEqual(client.get(npc), { x: 1, y: 2, z: 3, health: 100 });
  server.world.set(npc, { x: 1.5 });
  net.run(4); // the next network tick, plus one step of latency
  assert.deepEqual(client.get(npc), { x: 1.5, y: 2, z: 3, health: 100 });
  assert.ok(tablesEqual(client.table, materialize(wholeView(server.world.capture(0)))));
  assert.equal(client.report().protocolErrors, 0);
});

Deno.test("client/server: with 30% of snapshots lost, deltas use older acknowledged bases and stay exact", () => {
  const rng = new SeededRandom(3);
  const server = new NetServer({ snapshotLoss: 0.3, seed: 9 });
  const ids = Array.from(
    { length: 50 },
    () => server.world.spawn({ x: 0, y: 0, z: 0, health: 100 }),
  );
  const net = new Loopback(server, 2);
  const client = net.connect();
  let checked = 0;
  client.onSnapshot = (c) => {
    assert.ok(tablesEqual(c.table, server.sentTable(c.clientId, c.lastAppliedId)!));
    checked++;
  };
  net.run(600, () => {
    for (const id of ids) if (rng.chance(0.1)) server.world.set(id, { x: rng.range(-50, 50) });
    if (rng.chance(0.05)) ids.push(server.world.spawn({ x: 1, y: 1, z: 1, health: 1 }));
    if (rng.chance(0.05)) server.world.despawn(ids.splice(rng.int(0, ids.length - 1), 1)[0]);
  });
  const stats = server.stats();
  assert.ok(stats.snapshotsDropped > 30, `${stats.snapshotsDropped} dropped`);
  assert.ok(checked > 100);
  // Delta bases older than the newest snapshot are in use: some deltas span more than one tick.
  assert.equal(client.basesMissing, 0);
  assert.ok(stats.clients[0].bandwidth.deltaSnapshots > 100);
});

Deno.test("reconciliation: exact with latency and no server-side surprises (no corrections)", () => {
  const rng = new SeededRandom(5);
  const server = new NetServer();
  const net = new Loopback(server, 6); // 100 ms each way at 60 Hz
  const client = net.connect();
  net.run(20);
  net.run(300, () => client.sendInput(randomCommand(rng)));
  net.run(60);
  assert.equal(client.predictor!.pendingCount, 0);
  assert.equal(client.lastInputAcknowledged, 300);
  assert.ok(predictionMatches(server, client.avatarId, client.predictor!.state));
  assert.equal(client.predictor!.corrections, 0);
});

Deno.test("reconciliation: converges after inputs stop, under latency, loss and server shoves", () => {
  const rng = new SeededRandom(6);
  let avatar = 0;
  let shoving = true;
  const server = new NetServer({
    snapshotLoss: 0.25,
    seed: 4,
    onConnect: (_client, avatarId) => (avatar = avatarId),
    onSimulate: (world, tick) => {
      // Every 37 steps the server shoves the avatar 2 units: the client cannot predict that.
      if (shoving && avatar && tick % 37 === 0) world.set(avatar, { x: world.get(avatar)!.x + 2 });
    },
  });
  const net = new Loopback(server, 5);
  const client = net.connect();
  net.run(20);
  let diverged = 0;
  net.run(400, () => {
    client.sendInput(randomCommand(rng));
    if (!predictionMatches(server, client.avatarId, client.predictor!.state)) diverged++;
  });
  shoving = false;
  net.run(90); // inputs stopped: the prediction must settle on the server's state
  const p = client.predictor!;
  assert.ok(diverged > 0, "the prediction runs ahead of the server while inputs flow");
  assert.ok(p.corrections > 5, `${p.corrections} corrections`);
  assert.ok(p.maxError >= 1.9 && p.maxError < 4, `max error ${p.maxError}`);
  assert.equal(p.pendingCount, 0);
  assert.ok(predictionMatches(server, client.avatarId, p.state));
  assert.ok(server.stats().snapshotsDropped > 10);
});

Deno.test("inputs: the server applies them in order, at most maxInputsPerStep per step", () => {
  const server = new NetServer({ maxInputsPerStep: 2 });
  const net = new Loopback(server, 0);
  const client = net.connect();
  net.run(3);
  const right: InputCommand = { moveX: 127, moveY: 0, moveZ: 0, buttons: 0 };
  for (let i = 0; i < 5; i++) client.sendInput(right);
  net.deliver();
  server.step();
  assert.equal(server.clientStats(client.clientId)!.lastInputProcessed, 2);
  server.step();
  server.step();
  assert.equal(server.clientStats(client.clientId)!.lastInputProcessed, 5);
  // 5 steps of walk at 5 units/s, 60 Hz: 5 × round(8.33) quanta of 0.01.
  assert.equal(server.world.get(client.avatarId)!.x, 0.4);
});

Deno.test("interest: entities enter as created and leave as removed, with hysteresis", () => {
  let npc = 0;
  let x = -30;
  const server = new NetServer({
    interestRadius: 10,
    leaveRadius: 11,
    onSimulate: (world) => world.set(npc, { x: x += 0.1 }),
  });
  npc = server.world.spawn({ x, y: 0, z: 0, health: 1 });
  server.world.spawn({ x: 100, y: 0, z: 0, health: 1 }); // never in view
  const net = new Loopback(server, 0);
  const client = net.connect();
  const seen: { x: number; visible: boolean }[] = [];
  client.onSnapshot = (c) =>
    seen.push({ x: server.world.get(npc)!.x, visible: c.get(npc) !== undefined });
  net.run(600); // the NPC walks from x = -30 to x = +30 past the avatar at the origin
  const firstVisible = seen.find((s) => s.visible)!;
  const lastVisible = seen.findLast((s) => s.visible)!;
  assert.ok(firstVisible.x >= -10 && firstVisible.x < -9.5, `entered at ${firstVisible.x}`);
  assert.ok(lastVisible.x <= 11 && lastVisible.x > 10.5, `left after ${lastVisible.x}`);
  assert.equal(
    seen.filter((s) => s.visible).length,
    seen.filter((s) => s.x >= firstVisible.x && s.x <= lastVisible.x).length,
  );
  assert.ok(seen.every((s) => s.x < firstVisible.x || s.x > lastVisible.x || s.visible));
  assert.equal(client.table.count, 1, "only the avatar itself remains in view");
  const bw = server.clientStats(client.clientId)!.bandwidth;
  assert.ok(bw.changedEntities > 0);
});

Deno.test("interpolation: remote entities are drawn between the two snapshots around the render tick", () => {
  let npc = 0;
  const server = new NetServer({
    onSimulate: (world, tick) => world.set(npc, { x: tick * 0.1 }), // 6 units/s along x
  });
  npc = server.world.spawn({ x: 0, y: 0, z: 0, health: 1 });
  const net = new Loopback(server, 0);
  const client = net.connect();
  net.run(61);
  assert.equal(client.lastServerTick, 60);
  const out = new Float64Array(DEFAULT_LAYOUT.fieldCount);
  // Drawn two snapshots (6 ticks) in the past: at arrival that is tick 54 exactly.
  assert.ok(client.sample(npc, out, client.lastArrival));
  assert.ok(Math.abs(out[0] - 5.4) < 1e-9, `x ${out[0]}`);
  // 25 ms later (1.5 ticks at 60 Hz) it is halfway between the snapshots of ticks 54 and 57.
  assert.ok(client.sample(npc, out, client.lastArrival + 25));
  assert.ok(Math.abs(out[0] - 5.55) < 1e-9, `x ${out[0]}`);
  assert.equal(client.sample(999, out), false);
});
