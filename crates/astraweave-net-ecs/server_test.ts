import assert from "node:assert/strict";
import { defaultFingerprint, RawClient, waitFor, withServer } from "./_sockets.ts";
import { NetClient } from "./client.ts";
import { defineLayout } from "./layout.ts";
import { encodeFrame, Frame, type Message } from "./protocol.ts";
import { SeededRandom } from "./rng.ts";
import { NetServer } from "./server.ts";
import { CloseCode } from "./transport.ts";

const right = { moveX: 127, moveY: 0, moveZ: 0, buttons: 0 };

Deno.test("server: malformed, truncated, wrong-version and text messages are counted; a repeat offender is disconnected; others play on", async () => {
  await withServer({ maxProtocolErrors: 5 }, async (server, port) => {
    const good = await NetClient.connect(`ws://127.0.0.1:${port}`);
    const bad = await RawClient.open(port);
    await bad.hello();
    const input = encodeFrame({ tag: "Input", value: { firstSeq: 1, commands: [right] } });
    bad.send(Uint8Array.of(1, 9, 0)); // there is no message 9: malformed
    bad.send(input.subarray(0, input.length - 1)); // truncated
    bad.send(Frame.encode({ version: 2, message: { tag: "Ack", value: { snapshotId: 1 } } }));
    bad.send("a text frame");
    await waitFor("four errors", () => server.protocolErrors === 4);
    assert.deepEqual(server.stats().errorsByKind, {
      malformed: 1,
      truncated: 1,
      oversized: 0,
      version: 1,
      text: 1,
      unexpected: 0,
    });
    assert.equal(server.stats().clients.length, 2, "four bad messages are tolerated");
    const before = good.snapshotsApplied;
    bad.send(Uint8Array.of(1, 3, 0xff)); // the fifth
    const closed = await bad.closed;
    assert.equal(closed.code, CloseCode.policy);
    assert.match(closed.reason, /^protocol_errors: 5 bad messages/);
    const goodbye = bad.messages.at(-1)!;
    assert.equal(goodbye.tag, "Disconnect");
    assert.equal(goodbye.tag === "Disconnect" && goodbye.value.reason, "protocol_errors");
    assert.equal(server.disconnects.protocol_errors, 1);
    // The good client was never disturbed.
    await good.nextSnapshot();
    await good.nextSnapshot();
    assert.ok(good.snapshotsApplied >= before + 2);
    assert.equal(good.protocolErrors, 0);
    assert.equal(server.clientStats(good.clientId)!.protocolErrors, 0);
    assert.equal(server.stats().clients.length, 1);
    await good.close();
  });
});

Deno.test("server: 200 random frames from a fuzzing client never crash it", async () => {
  await withServer({ maxProtocolErrors: 1_000_000 }, async (server, port) => {
    const rng = new SeededRandom(2024);
    const fuzz = await RawClient.open(port);
    await fuzz.hello();
    for (let n = 0; n < 200; n++) {
      const bytes = new Uint8Array(rng.int(0, 40));
      for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
      if (bytes.length > 1) bytes[0] = 1; // mostly this version, so the messages get parsed
      fuzz.send(bytes);
    }
    fuzz.send({ tag: "Ack", value: { snapshotId: 0 } }); // a valid message, to know all arrived
    await waitFor(
      "the fuzz to be processed",
      () => server.clientStats(1)!.bandwidth.messagesIn >= 202,
    );
    assert.ok(server.protocolErrors > 100, `${server.protocolErrors} errors`);
    const good = await NetClient.connect(`ws://127.0.0.1:${port}`);
    await good.nextSnapshot();
    await good.close();
    await fuzz.close();
  });
});

Deno.test("server: a Hello in another protocol version is refused with version_mismatch", async () => {
  await withServer({}, async (server, port) => {
    const old = await RawClient.open(port);
    old.send(
      Frame.encode({ version: 0, message: { tag: "Hello", value: { name: "", layout: 0 } } }),
    );
    const closed = await old.closed;
    assert.equal(closed.code, CloseCode.policy);
    assert.match(closed.reason, /^version_mismatch: protocol version 0/);
    assert.equal(server.errorsByKind.version, 1);
    assert.equal(server.disconnects.version_mismatch, 1);
  });
});

Deno.test("server: a client with another entity layout is refused", async () => {
  await withServer({}, async (_server, port) => {
    const layout = defineLayout({ x: 0.5, y: 0.5, z: 0.5, health: 1 });
    await assert.rejects(
      NetClient.connect(`ws://127.0.0.1:${port}`, { layout }),
      /1008 layout_mismatch: layout \d+ differs/,
    );
  });
});

Deno.test("server: replayed and out-of-order input sequence numbers are ignored", async () => {
  await withServer({}, async (server, port) => {
    const raw = await RawClient.open(port);
    await raw.hello();
    const input = (firstSeq: number, n: number): Message => ({
      tag: "Input",
      value: { firstSeq, commands: Array(n).fill(right) },
    });
    raw.send(input(1, 3)); // 1, 2, 3
    raw.send(input(2, 1)); // replay of 2
    raw.send(input(1, 2)); // replays of 1 and 2
    raw.send(input(5, 1)); // 5 (4 never came: a gap is fine)
    raw.send(input(4, 1)); // 4 after 5: out of order
    await waitFor("input 5 processed", () => server.clientStats(1)?.lastInputProcessed === 5);
    const stats = server.clientStats(1)!;
    assert.equal(stats.staleInputs, 4);
    assert.equal(stats.protocolErrors, 0);
    // Four inputs moved the avatar: 4 × round(5 units/s ÷ 60 Hz ÷ 0.01) = 32 quanta.
    assert.equal(server.world.get(stats.avatarId)!.x, 0.32);
    await waitFor(
      "a snapshot reporting input 5",
      () => raw.messages.some((m) => m.tag === "Snapshot" && m.value.lastInput === 5),
    );
    await raw.close();
  });
});

Deno.test("server: acks of snapshots never sent, and messages only a server sends, are unexpected", async () => {
  await withServer({}, async (server, port) => {
    const raw = await RawClient.open(port);
    raw.send({ tag: "Ack", value: { snapshotId: 1 } }); // before Hello
    await raw.hello();
    raw.send({ tag: "Ack", value: { snapshotId: 1_000_000 } });
    raw.send({
      tag: "Welcome",
      value: { clientId: 1, avatarId: 1, layout: 1, tickRate: 1, simRate: 1, serverTick: 0 },
    });
    raw.send({ tag: "Hello", value: { name: "again", layout: defaultFingerprint } });
    await waitFor("four errors", () => server.protocolErrors === 4);
    assert.equal(server.errorsByKind.unexpected, 4);
    const response = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(response.status, 426);
    await response.body?.cancel();
    const broken = await fetch(`http://127.0.0.1:${port}/`, { headers: { upgrade: "websocket" } });
    assert.equal(broken.status, 400); // no Sec-WebSocket-Key
    await broken.body?.cancel();
    await raw.close();
  });
});

Deno.test("server: a connection that never says Hello is closed after the handshake timeout", async () => {
  await withServer({ handshakeTimeoutMs: 100 }, async (server, port) => {
    const silent = await RawClient.open(port);
    const closed = await silent.closed;
    assert.equal(closed.code, CloseCode.policy);
    assert.match(closed.reason, /^handshake_timeout/);
    assert.equal(server.disconnects.handshake_timeout, 1);
  });
});

Deno.test("server: beyond maxClients a client is refused with server_full", async () => {
  await withServer({ maxClients: 1 }, async (_server, port) => {
    const first = await NetClient.connect(`ws://127.0.0.1:${port}`);
    await assert.rejects(NetClient.connect(`ws://127.0.0.1:${port}`), /1013 server_full/);
    await first.close();
  });
});

Deno.test("server: shutting down says goodbye to every client", async () => {
  const server = new NetServer();
  const { port } = await server.listen();
  const clients = await Promise.all(
    [1, 2, 3].map(() => NetClient.connect(`ws://127.0.0.1:${port}`)),
  );
  await server.close();
  for (const client of clients) {
    const info = await client.closed;
    assert.equal(info.code, CloseCode.goingAway);
    assert.equal(info.disconnect?.reason, "server_shutdown");
  }
  assert.equal(server.disconnects.server_shutdown, 3);
});
