/**
 * The run behind `deno task net-demo`: one server and N bot clients in one process, talking over
 * real WebSockets on loopback, in lockstep.
 *
 * The server simulates `entities` wandering NPCs (random walks, occasional health changes) and,
 * now and then, shoves a player's avatar: something no client can predict, so reconciliation has
 * real corrections to make. Each bot sends one scripted input per simulation step (a heading that
 * changes now and then, turning back toward the middle at the world's edge).
 *
 * Lockstep: the run drives the server with {@link NetServer.advance} and, after every step, waits
 * until every message sent each way has been received, so the same options give the same counts
 * on any machine, however loaded: the sockets are real, the clock is the simulation's. Rates are
 * per simulated second. After `seconds`, the bots stop, the world freezes, the server runs until
 * every client has applied a snapshot taken after its last input was dealt with, and each
 * client's entity table and predicted avatar are compared with the server's.
 *
 * @module
 */

import { setImmediate } from "node:timers";
import {
  DEFAULT_LAYOUT,
  NetClient,
  NetServer,
  SeededRandom,
  tablesEqual,
} from "@astraweave/net-ecs";

/** Options of {@link runNetDemo}. */
export interface NetDemoOptions {
  /** Bot clients (default 16). */
  clients?: number;
  /** Server-driven entities (default 500). */
  entities?: number;
  /** Simulated seconds of play before settling (default 10). */
  seconds?: number;
  /** Fraction of snapshots the server drops (default 0). */
  loss?: number;
  /** Seed of everything random (default 1). */
  seed?: number;
  /** Interest radius in world units (default a third of the world's side). */
  interestRadius?: number;
  /** Most simulation steps to run after play for the clients to settle (default 600). */
  maxSettleSteps?: number;
}

/** One bot's figures. */
export interface NetDemoClient {
  /** The server's id for this client. */
  clientId: number;
  /** Bytes the client received (down). */
  bytesIn: number;
  /** Bytes the client sent (up). */
  bytesOut: number;
  /** Bytes received per simulated second (down). */
  bytesInPerSec: number;
  /** Bytes sent per simulated second (up). */
  bytesOutPerSec: number;
  /** Snapshots the client applied. */
  snapshotsApplied: number;
  /** Reconciliations that moved this client's predicted avatar. */
  corrections: number;
  /** The largest of those moves, world units. */
  maxPredictionError: number;
  /** Bad messages this client counted from the server. */
  protocolErrors: number;
  /** Entities in the client's final snapshot. */
  entitiesInView: number;
  /** Whether its table and predicted avatar equal the server's at the end. */
  matchesServer: boolean;
}

/** What a demo run measured. The first eight keys are the ones the issue specifies. */
export interface NetDemoReport {
  /** Server simulation steps. */
  ticks: number;
  /** Snapshots that went over the wire. */
  snapshotsSent: number;
  /** Each bot's figures. */
  clients: NetDemoClient[];
  /** Delta payload bytes (before compression) per entity created or changed in them. */
  meanBytesPerChangedEntity: number;
  /** Reconciliations, over all clients, that moved the predicted avatar. */
  corrections: number;
  /** The largest such move, world units. */
  maxPredictionError: number;
  /** Bad messages counted by the server and by the clients. */
  protocolErrors: number;
  /** Whether every client's table and predicted avatar equal the server's at the end. */
  allClientsMatchServer: boolean;
  /** Snapshot rounds the server ran. */
  networkTicks: number;
  /** Snapshots the server dropped to simulate loss. */
  snapshotsDropped: number;
  /** Full snapshots sent (no acknowledged base). */
  fullSnapshots: number;
  /** Delta snapshots sent. */
  deltaSnapshots: number;
  /** Snapshot payload bytes before compression ÷ as sent. */
  compressionRatio: number;
  /** Updates skipped because a client's socket backlog was full. */
  updatesSkipped: number;
  /** Inputs the server dropped as faster than one per step (none from these bots). */
  inputsExcess: number;
  /** Server-driven entities. */
  entities: number;
  /** Simulated seconds of play. */
  seconds: number;
  /** The fraction of snapshots dropped. */
  loss: number;
  /** Simulation steps the settle phase took. */
  settleSteps: number;
  /** Wall-clock milliseconds the whole run took (the one figure that depends on the machine). */
  elapsedMs: number;
}

/** Lets the event loop deliver socket I/O (without the 4 ms clamp of nested `setTimeout`). */
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Most event-loop turns to wait for the sockets to go quiet before giving up. */
const MAX_QUIET_TURNS = 100_000;

/**
 * Runs the demo and resolves with its report; everything it opened is closed when it resolves.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runNetDemo } from "./net_demo_run.ts";
 * const report = await runNetDemo({ clients: 2, entities: 50, seconds: 1 });
 * assert.ok(report.ticks >= 60);
 * assert.equal(report.allClientsMatchServer, true);
 * assert.equal(report.protocolErrors, 0);
 * ```
 */
export async function runNetDemo(options: NetDemoOptions = {}): Promise<NetDemoReport> {
  const startedAt = performance.now();
  const clientCount = options.clients ?? 16;
  const entityCount = options.entities ?? 500;
  const seconds = options.seconds ?? 10;
  const loss = options.loss ?? 0;
  const seed = options.seed ?? 1;
  const layout = DEFAULT_LAYOUT;
  const [ix, iy] = layout.position;
  const ih = layout.index.health;
  const precision = layout.precision[ix];
  const half = Math.max(20, Math.sqrt(entityCount) * 2);
  const rng = new SeededRandom(seed);
  let frozen = false;

  // NPCs get ids 1..entityCount (spawned first); NPC k's velocity lives at index k - 1.
  const vx = new Float64Array(entityCount);
  const vy = new Float64Array(entityCount);
  const server = new NetServer({
    layout,
    interestRadius: options.interestRadius ?? (2 * half) / 3,
    snapshotLoss: loss,
    seed,
    avatarState: () => ({
      x: rng.range(-half, half),
      y: rng.range(-half, half),
      z: 0,
      health: 100,
    }),
    onSimulate: (world, _tick, dt) => {
      if (frozen) return;
      const f = world.fieldCount;
      const values = world.values;
      const limit = Math.round(half / precision);
      for (let row = 0; row < world.count; row++) {
        const id = world.ids[row];
        const off = row * f;
        if (id > entityCount) {
          // An avatar: now and then the server shoves it, which its client cannot predict.
          if (rng.chance(1 / 180)) {
            const angle = rng.range(0, 2 * Math.PI);
            values[off + ix] += Math.round(Math.cos(angle) / precision);
            values[off + iy] += Math.round(Math.sin(angle) / precision);
          }
          continue;
        }
        const k = id - 1;
        if (rng.chance(1 / 90)) {
          const speed = rng.chance(0.4) ? 0 : rng.range(1, 4);
          const angle = rng.range(0, 2 * Math.PI);
          vx[k] = speed * Math.cos(angle);
          vy[k] = speed * Math.sin(angle);
        }
        let x = values[off + ix] + Math.round(vx[k] * dt / precision);
        let y = values[off + iy] + Math.round(vy[k] * dt / precision);
        if (x > limit || x < -limit) (vx[k] = -vx[k]), (x = Math.max(-limit, Math.min(limit, x)));
        if (y > limit || y < -limit) (vy[k] = -vy[k]), (y = Math.max(-limit, Math.min(limit, y)));
        values[off + ix] = x;
        values[off + iy] = y;
        if (rng.chance(1 / 600)) {
          values[off + ih] = Math.max(0, Math.min(100, values[off + ih] + rng.int(-10, 10)));
        }
      }
    },
  });
  for (let i = 0; i < entityCount; i++) {
    server.world.spawn({ x: rng.range(-half, half), y: rng.range(-half, half), z: 0, health: 100 });
  }

  const { port } = await server.listen({ hostname: "127.0.0.1", port: 0, start: false });
  const clients: NetClient[] = [];
  try {
    const url = `ws://127.0.0.1:${port}`;
    // One after another, so bot i is always client i + 1 with the same avatar.
    for (let i = 0; i < clientCount; i++) {
      clients.push(await NetClient.connect(url, { name: `bot${i}` }));
    }

    // Everything sent each way has arrived: the server counts per client what it sent and got.
    const quiet = () =>
      clients.every((client) => {
        const seen = server.clientStats(client.clientId)?.bandwidth;
        return seen !== undefined && seen.messagesOut === client.meter.messagesIn &&
          seen.messagesIn === client.meter.messagesOut;
      });
    const settle = async () => {
      for (let turn = 0; !quiet(); turn++) {
        if (turn === MAX_QUIET_TURNS) throw new Error("the loopback sockets never went quiet");
        await tick();
      }
    };
    const step = async () => {
      server.advance();
      await settle();
    };
    await settle();

    // Play: every bot sends one input per simulation step.
    const headings = clients.map(() => rng.range(0, 2 * Math.PI));
    const steps = Math.round(seconds * server.simRate);
    for (let n = 0; n < steps; n++) {
      clients.forEach((client, i) => {
        const me = client.avatar();
        if (rng.chance(1 / 60)) headings[i] = rng.range(0, 2 * Math.PI);
        if (me && (Math.abs(me.x) > half || Math.abs(me.y) > half)) {
          headings[i] = Math.atan2(-me.y, -me.x); // head back toward the middle
        }
        client.sendInput({
          moveX: Math.round(Math.cos(headings[i]) * 127),
          moveY: Math.round(Math.sin(headings[i]) * 127),
          moveZ: 0,
          buttons: 0,
        });
      });
      await settle();
      await step();
    }

    // Settle: freeze the world, then run until each client applied a snapshot sent after its last
    // input was dealt with.
    frozen = true;
    const marks = new Map<number, number>();
    const settled = () => {
      let done = 0;
      for (const client of clients) {
        const seen = server.clientStats(client.clientId);
        if (!seen) continue;
        if (!marks.has(client.clientId) && seen.lastInputProcessed === client.lastInputSent) {
          marks.set(client.clientId, seen.lastSnapshotSent + 1);
        }
        const mark = marks.get(client.clientId);
        if (mark !== undefined && client.lastAppliedId >= mark) done++;
      }
      return done === clients.length;
    };
    const maxSettleSteps = options.maxSettleSteps ?? 600;
    let settleSteps = 0;
    while (!settled() && settleSteps < maxSettleSteps) {
      await step();
      settleSteps++;
    }

    const f = layout.fieldCount;
    const world = server.world;
    const matches = (client: NetClient): boolean => {
      const mark = marks.get(client.clientId);
      if (mark === undefined || client.lastAppliedId < mark) return false;
      const sent = server.sentTable(client.clientId, client.lastAppliedId);
      if (!sent || !tablesEqual(sent, client.table)) return false;
      for (let i = 0; i < client.table.count; i++) {
        const row = world.rowOf(client.table.ids[i]);
        if (row < 0) return false;
        for (let k = 0; k < f; k++) {
          if (world.values[row * f + k] !== client.table.values[i * f + k]) return false;
        }
      }
      const avatarRow = world.rowOf(client.avatarId);
      const predicted = client.predictor!.state;
      for (let k = 0; k < f; k++) {
        if (avatarRow < 0 || world.values[avatarRow * f + k] !== predicted[k]) return false;
      }
      return true;
    };

    const stats = server.stats();
    let changedEntities = 0, deltaRawBytes = 0, rawBytes = 0, wireBytes = 0;
    let fullSnapshots = 0, deltaSnapshots = 0;
    for (const c of stats.clients) {
      const b = c.bandwidth;
      changedEntities += b.changedEntities;
      deltaRawBytes += b.deltaRawBytes;
      rawBytes += b.rawPayloadBytes;
      wireBytes += b.wirePayloadBytes;
      fullSnapshots += b.fullSnapshots;
      deltaSnapshots += b.deltaSnapshots;
    }
    const simSeconds = stats.ticks / server.simRate;
    const perClient: NetDemoClient[] = clients.map((client) => {
      const r = client.report();
      return {
        clientId: client.clientId,
        bytesIn: r.bandwidth.bytesIn,
        bytesOut: r.bandwidth.bytesOut,
        bytesInPerSec: r.bandwidth.bytesIn / simSeconds,
        bytesOutPerSec: r.bandwidth.bytesOut / simSeconds,
        snapshotsApplied: r.snapshotsApplied,
        corrections: r.corrections,
        maxPredictionError: r.maxPredictionError,
        protocolErrors: r.protocolErrors,
        entitiesInView: client.table.count,
        matchesServer: matches(client),
      };
    });
    return {
      ticks: stats.ticks,
      snapshotsSent: stats.snapshotsSent,
      clients: perClient,
      meanBytesPerChangedEntity: changedEntities === 0 ? 0 : deltaRawBytes / changedEntities,
      corrections: perClient.reduce((sum, c) => sum + c.corrections, 0),
      maxPredictionError: perClient.reduce((max, c) => Math.max(max, c.maxPredictionError), 0),
      protocolErrors: stats.protocolErrors +
        perClient.reduce((sum, c) => sum + c.protocolErrors, 0),
      allClientsMatchServer: perClient.length === clientCount &&
        perClient.every((c) => c.matchesServer),
      networkTicks: stats.networkTicks,
      snapshotsDropped: stats.snapshotsDropped,
      fullSnapshots,
      deltaSnapshots,
      compressionRatio: wireBytes === 0 ? 1 : rawBytes / wireBytes,
      updatesSkipped: stats.updatesSkipped,
      inputsExcess: stats.inputsExcess,
      entities: entityCount,
      seconds,
      loss,
      settleSteps,
      elapsedMs: performance.now() - startedAt,
    };
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
  }
}
