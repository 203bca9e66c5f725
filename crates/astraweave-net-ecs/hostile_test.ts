/**
 * Hostile and unlucky clients: one test per hole found by attacking the server (issue "hardening"),
 * each failing before its fix. The file grows with every hole found.
 *
 * In-process tests drive the server step by step with `advance()` through recording transports, so
 * their counts are exact; the socket tests use real WebSockets on loopback.
 */

import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { Loopback } from "./_loopback.ts";
import { frameHeader, openNonReadingSocket, openRawSocket, RawClient } from "./_sockets.ts";
import { NetClient } from "./client.ts";
import { decodeFrame, encodeFrame, type InputCommand, type Message } from "./protocol.ts";
import { SeededRandom } from "./rng.ts";
import { NetServer, type ServerOptions } from "./server.ts";
import { CloseCode, type Transport } from "./transport.ts";

const right: InputCommand = { moveX: 127, moveY: 0, moveZ: 0, buttons: 0 };

/** An in-process transport that keeps what the server sent and how it closed. */
class Recorder implements Transport {
  readonly sent: Message[] = [];
  closedWith: { code: number; reason: string } | undefined;
  bufferedAmount = 0;
  send(bytes: Uint8Array): void {
    this.sent.push(decodeFrame(bytes.slice()));
  }
  close(code: number, reason: string): void {
    this.closedWith ??= { code, reason };
  }
}

/** A client connected in-process: say Hello as `name`, send inputs, read what came back. */
function join(server: NetServer, name = "player") {
  const transport = new Recorder();
  const connection = server.connect(transport);
  const send = (message: Message) => connection.receive(encodeFrame(message));
  send({ tag: "Hello", value: { name, layout: server.layout.fingerprint } });
  const welcome = transport.sent.find((m) => m.tag === "Welcome");
  return {
    transport,
    clientId: connection.clientId,
    avatarId: welcome?.tag === "Welcome" ? welcome.value.avatarId : 0,
    send,
    inputs(firstSeq: number, count: number) {
      send({ tag: "Input", value: { firstSeq, commands: Array(count).fill(right) } });
    },
  };
}

const x = (server: NetServer, id: number) => server.world.get(id)?.x ?? NaN;

/** One input at the default 5 units/s and 60 Hz: round(5 / 60 / 0.01) quanta. */
const STEP_DISTANCE = 0.08;

// ---------------------------------------------------------------------------------------------
// 1. Speed hack: 3 inputs per step moved a client 3x faster, indefinitely.

Deno.test("speed hack: a client sending 3 inputs per step moves as far as an honest one; its excess is counted", () => {
  const server = new NetServer({ maxExcessInputs: Infinity });
  const honest = join(server, "honest");
  const cheater = join(server, "cheater");
  const steps = 204; // 3.4 s at 60 Hz, as in the report
  for (let n = 0; n < steps; n++) {
    honest.inputs(n + 1, 1);
    cheater.inputs(3 * n + 1, 3);
    server.advance();
  }
  for (let n = 0; n < 10; n++) server.advance(); // whatever is queued is applied
  const honestX = x(server, honest.avatarId);
  const cheaterX = x(server, cheater.avatarId);
  assert.ok(Math.abs(honestX - steps * STEP_DISTANCE) < 1e-9, `honest moved ${honestX}`);
  // The cheater gains the declared burst allowance (6 inputs) once, and nothing more.
  assert.ok(cheaterX - honestX <= 6 * STEP_DISTANCE + 1e-9, `${cheaterX} against ${honestX}`);
  const h = server.clientStats(honest.clientId)!;
  const c = server.clientStats(cheater.clientId)!;
  assert.equal(h.inputsExcess, 0);
  assert.equal(c.inputsExcess, 3 * steps - steps - 6 + 1); // all but one per step and the burst
  assert.equal(server.stats().inputsExcess, c.inputsExcess);
  // Dropped inputs count as dealt with, so the cheater's client stops predicting them.
  assert.equal(c.lastInputProcessed, 3 * steps);
});

Deno.test("speed hack: a client that keeps flooding is disconnected with 1008 input_flood; the honest one plays on", () => {
  const server = new NetServer();
  const honest = join(server, "honest");
  const cheater = join(server, "cheater");
  let droppedAt = -1;
  for (let n = 0; n < 600 && droppedAt < 0; n++) {
    honest.inputs(n + 1, 1);
    cheater.inputs(3 * n + 1, 3);
    server.advance();
    if (cheater.transport.closedWith) droppedAt = n;
  }
  // Default: 300 excess inputs, forgiven at 6 a second: a 3x flood reaches it in under 3 s.
  assert.ok(droppedAt > 60 && droppedAt < 180, `dropped after ${droppedAt} steps`);
  assert.equal(cheater.transport.closedWith!.code, CloseCode.policy);
  assert.match(
    cheater.transport.closedWith!.reason,
    /^input_flood: \d+ inputs beyond one per step/,
  );
  const goodbye = cheater.transport.sent.at(-1)!;
  assert.equal(goodbye.tag === "Disconnect" && goodbye.value.reason, "input_flood");
  assert.equal(server.disconnects.input_flood, 1);
  assert.equal(server.clientStats(honest.clientId)!.inputsExcess, 0);
  assert.equal(honest.transport.closedWith, undefined);
});

Deno.test("speed hack: an honest client whose inputs arrive in bursts (jitter) loses none", () => {
  const server = new NetServer();
  const jittery = join(server);
  let seq = 1;
  for (let n = 0; n < 600; n++) {
    if (n % 6 === 5) {
      jittery.inputs(seq, 6); // nothing for five steps, then all six at once
      seq += 6;
    }
    server.advance();
  }
  server.advance(); // the last burst is applied 3 a step
  server.advance();
  const stats = server.clientStats(jittery.clientId)!;
  assert.equal(stats.inputsExcess, 0);
  assert.equal(stats.lastInputProcessed, 600);
  assert.ok(Math.abs(x(server, jittery.avatarId) - 600 * STEP_DISTANCE) < 1e-9);
});

// ---------------------------------------------------------------------------------------------
// 2. Sequence 0xFFFFFFFF froze a client's input stream.

Deno.test("sequence numbers: announcing 0xFFFFFFFF does not freeze the stream; it wraps to 1", () => {
  const server = new NetServer();
  const client = join(server);
  client.inputs(0xffff_ffff, 1);
  server.advance();
  client.inputs(1, 2);
  server.advance();
  client.inputs(0xffff_fffe, 4); // 0xFFFFFFFE..2 are old now: stale, not a fault
  client.inputs(3, 1);
  server.advance();
  const stats = server.clientStats(client.clientId)!;
  assert.equal(stats.lastInputProcessed, 3);
  assert.equal(stats.staleInputs, 4);
  assert.equal(stats.protocolErrors, 0);
  assert.ok(Math.abs(x(server, client.avatarId) - 4 * STEP_DISTANCE) < 1e-9);
});

Deno.test("sequence numbers: one Input message may span the wrap; sequence 0 is refused", () => {
  const server = new NetServer();
  const client = join(server);
  client.inputs(0xffff_fffe, 4); // 0xFFFFFFFE, 0xFFFFFFFF, 1, 2
  server.advance();
  server.advance();
  assert.equal(server.clientStats(client.clientId)!.lastInputProcessed, 2);
  assert.equal(server.clientStats(client.clientId)!.protocolErrors, 0);
  client.inputs(0, 1);
  assert.equal(server.errorsByKind.malformed, 1);
});

Deno.test("sequence numbers: a client predicting across the wrap stays exact", () => {
  const rng = new SeededRandom(12);
  const server = new NetServer();
  const net = new Loopback(server, 3);
  const client = net.connect();
  net.run(10);
  client.lastInputSent = 0xffff_ffff - 40;
  net.run(
    120,
    () =>
      client.sendInput({
        moveX: rng.int(-127, 127),
        moveY: rng.int(-127, 127),
        moveZ: 0,
        buttons: 0,
      }),
  );
  net.run(20);
  assert.equal(client.lastInputSent, 80); // 40 up to 0xFFFFFFFF, then 1 to 80
  assert.equal(client.lastInputAcknowledged, 80);
  assert.equal(client.predictor!.pendingCount, 0);
  assert.equal(client.report().corrections, 0);
  assert.deepEqual(client.avatar(), server.world.get(client.avatarId));
});

// ---------------------------------------------------------------------------------------------
// 3. Hello names were not capped (4,000 characters accepted).

Deno.test("hello: a name above 64 UTF-8 bytes is a protocol error and gets no Welcome", () => {
  const server = new NetServer();
  const long = join(server, "a".repeat(4000));
  assert.equal(long.transport.sent.length, 0);
  assert.equal(server.errorsByKind.malformed, 1);
  assert.equal(join(server, "é".repeat(33)).transport.sent.length, 0); // 66 bytes
  assert.equal(server.errorsByKind.malformed, 2);
  const ok = join(server, "é".repeat(32)); // 64 bytes
  assert.equal(ok.transport.sent[0].tag, "Welcome");
  assert.equal(server.clientStats(ok.clientId)!.name, "é".repeat(32));
  assert.throws(
    () => new NetClient(new Recorder(), { name: "b".repeat(65) }),
    /name of 65 bytes exceeds 64/,
  );
});

// ---------------------------------------------------------------------------------------------
// 4. Abusers were closed with code 0: now 1008 (policy) or 1009 (too big), with a reason.

Deno.test("close codes: an oversized message closes with 1009, bad messages with 1008, each with a reason", () => {
  const server = new NetServer({ maxProtocolErrors: 2 });
  const big = join(server);
  big.send({ tag: "Input", value: { firstSeq: 1, commands: Array(2000).fill(right) } });
  assert.equal(big.transport.closedWith?.code, CloseCode.tooBig);
  assert.match(big.transport.closedWith!.reason, /^message_too_big: message of 8\d{3} bytes/);
  assert.equal(server.disconnects.message_too_big, 1);
  const garbled = join(server);
  garbled.send({ tag: "Ack", value: { snapshotId: 99 } });
  garbled.send({ tag: "Ack", value: { snapshotId: 99 } });
  assert.equal(garbled.transport.closedWith?.code, CloseCode.policy);
  assert.match(garbled.transport.closedWith!.reason, /^protocol_errors: 2 bad messages/);
});

Deno.test("close codes: over a socket, an oversized frame is closed with 1009, counted, and the server plays on", async () => {
  const server = new NetServer();
  const { port } = await server.listen({ port: 0 });
  try {
    const raw = await RawClient.open(port);
    await raw.hello();
    raw.send(new Uint8Array(5000));
    const closed = await raw.closed;
    assert.equal(closed.code, CloseCode.tooBig);
    assert.equal(server.disconnects.message_too_big, 1);
    assert.equal(server.errorsByKind.oversized, 1);
    const good = await NetClient.connect(`ws://127.0.0.1:${port}`);
    await good.nextSnapshot();
    await good.close();
  } finally {
    await server.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 5. Slow readers: a client that never reads must not grow the server's memory without bound.

const yieldToSockets = () => new Promise((resolve) => setImmediate(resolve));

Deno.test("slow reader: with 5,000 entities changing, a client that stops reading has a bounded send queue, is skipped, then dropped", async () => {
  const maxBacklogBytes = 256 * 1024;
  const options: ServerOptions<string> = { simRate: 60, tickRate: 60, maxSkippedUpdates: 30 };
  const server = new NetServer(options);
  const rng = new SeededRandom(5);
  const ids: number[] = [];
  for (let i = 0; i < 5000; i++) {
    ids.push(server.world.spawn({
      x: rng.range(-1e4, 1e4),
      y: rng.range(-1e4, 1e4),
      z: rng.range(-1e4, 1e4),
      health: 100,
    }));
  }
  const { port } = await server.listen({ port: 0, start: false });
  const good = await NetClient.connect(`ws://127.0.0.1:${port}`);
  const slow = await openNonReadingSocket(port);
  try {
    while (server.stats().clients.length < 2) await yieldToSockets();
    let steps = 0;
    while (server.disconnects.backlog !== 1) {
      assert.ok(++steps < 5000, "the slow client was never dropped");
      for (const id of ids) {
        const row = server.world.rowOf(id);
        server.world.values[row * 4] += rng.int(-50, 50);
        server.world.values[row * 4 + 1] += rng.int(-50, 50);
      }
      server.advance();
      await yieldToSockets();
    }
    const stats = server.stats();
    // The queue never held more than its bound: a snapshot that would pass it is skipped.
    assert.ok(stats.peakQueuedBytes <= maxBacklogBytes, `${stats.peakQueuedBytes} bytes queued`);
    assert.ok(stats.peakQueuedBytes > maxBacklogBytes / 2, "the queue did fill");
    assert.ok(stats.updatesSkipped > 30);
    // The reading client kept up and holds exactly what the server sent it.
    const lastSent = server.clientStats(good.clientId)!.lastSnapshotSent;
    while (good.lastAppliedId < lastSent) await yieldToSockets();
    assert.deepEqual(server.stats().clients.map((c) => c.clientId), [good.clientId]);
    assert.equal(good.protocolErrors, 0);
    assert.ok(good.snapshotsApplied >= steps - 1);
  } finally {
    slow.close();
    await good.close();
    await server.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 6. Frame size was checked only after Deno buffered the whole frame (70 MB read whole).

Deno.test("oversized frame: refused from its header, before a byte of its payload is read", async () => {
  const server = new NetServer();
  const { port } = await server.listen({ port: 0, start: false });
  const conn = await openRawSocket(port);
  try {
    // Announce a 60 MB frame and send none of it: the server must answer at once.
    await conn.write(frameHeader(60_000_000));
    const reply = new Uint8Array(64);
    const n = await conn.read(reply);
    assert.ok(n !== null && n >= 4, "no close frame");
    assert.equal(reply[0], 0x88, "a close frame");
    assert.equal((reply[2] << 8) | reply[3], CloseCode.tooBig);
    while (server.errorsByKind.oversized === 0) await yieldToSockets();
    assert.equal(server.errorsByKind.oversized, 1);
    // And the connection is cut soon after (the close handshake gets a short grace), so the rest
    // of the frame, if the peer sends it, streams into a closed socket.
    const chunk = new Uint8Array(1 << 16);
    let cut = false;
    while (!cut) {
      try {
        await conn.write(chunk);
      } catch {
        cut = true; // reset by the server
      }
    }
  } finally {
    conn.close();
    await server.close();
  }
});
