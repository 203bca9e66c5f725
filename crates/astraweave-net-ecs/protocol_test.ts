import assert from "node:assert/strict";
import { Writer } from "@astraweave/codec";
import {
  decodeFrame,
  encodeFrame,
  encodeFrameInto,
  Frame,
  type Message,
  PROTOCOL_VERSION,
  ProtocolError,
  type ProtocolErrorKind,
} from "./protocol.ts";
import { SeededRandom } from "./rng.ts";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");

const samples: Message[] = [
  { tag: "Hello", value: { name: "ada ✓", layout: 0xdeadbeef } },
  {
    tag: "Welcome",
    value: {
      clientId: 7,
      avatarId: 501,
      layout: 1,
      tickRate: 20,
      simRate: 60,
      serverTick: 2 ** 40,
    },
  },
  {
    tag: "Input",
    value: {
      firstSeq: 4_000_000_000,
      commands: [{ moveX: -127, moveY: 127, moveZ: 0, buttons: 255 }, {
        moveX: 0,
        moveY: -1,
        moveZ: 1,
        buttons: 0,
      }],
    },
  },
  {
    tag: "Snapshot",
    value: {
      id: 99,
      serverTick: 1234,
      base: 98,
      lastInput: 300,
      compressed: true,
      payload: Uint8Array.of(1, 2, 3),
    },
  },
  {
    tag: "Snapshot",
    value: {
      id: 1,
      serverTick: 0,
      base: null,
      lastInput: 0,
      compressed: false,
      payload: new Uint8Array(),
    },
  },
  { tag: "Ack", value: { snapshotId: 300 } },
  { tag: "RequestFull" },
  { tag: "Disconnect", value: { reason: "backlog", detail: "262144 bytes queued" } },
];

function assertProtocolError(fn: () => unknown, kind: ProtocolErrorKind): void {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ProtocolError, `expected a ProtocolError, got ${e}`);
    assert.equal(e.kind, kind, e.message);
    return;
  }
  assert.fail(`expected ProtocolError ${kind}, nothing was thrown`);
}

Deno.test("protocol: every message round-trips", () => {
  for (const message of samples) assert.deepEqual(decodeFrame(encodeFrame(message)), message);
});

Deno.test("protocol: known bytes (version first, then the postcard enum)", () => {
  assert.equal(PROTOCOL_VERSION, 1);
  assert.equal(hex(encodeFrame({ tag: "Ack", value: { snapshotId: 300 } })), "01 04 ac 02");
  assert.equal(hex(encodeFrame({ tag: "RequestFull" })), "01 05");
  assert.equal(
    hex(encodeFrame({ tag: "Hello", value: { name: "ab", layout: 1 } })),
    "01 00 02 61 62 01",
  );
  // Input: seq 1, one command (-1, 1, 0, 0x80): i8 is a raw two's-complement byte.
  assert.equal(
    hex(encodeFrame({
      tag: "Input",
      value: { firstSeq: 1, commands: [{ moveX: -1, moveY: 1, moveZ: 0, buttons: 0x80 }] },
    })),
    "01 02 01 01 ff 01 00 80",
  );
  // Snapshot with no base: Option None is 00; compressed false; payload length-prefixed.
  assert.equal(
    hex(encodeFrame({
      tag: "Snapshot",
      value: {
        id: 2,
        serverTick: 3,
        base: null,
        lastInput: 4,
        compressed: false,
        payload: Uint8Array.of(9),
      },
    })),
    "01 03 02 03 00 04 00 01 09",
  );
  const w = new Writer();
  encodeFrameInto(w, { tag: "Ack", value: { snapshotId: 300 } });
  assert.equal(hex(w.toBytes()), "01 04 ac 02");
});

Deno.test("protocol: wrong version, oversized, truncated, malformed are told apart", () => {
  assertProtocolError(() => decodeFrame(Uint8Array.of(2, 4, 1)), "version");
  assertProtocolError(() => decodeFrame(Uint8Array.of(0x80, 0x80, 0x04)), "malformed"); // not a u16
  assertProtocolError(() => decodeFrame(new Uint8Array(5000), 4096), "oversized");
  assertProtocolError(() => decodeFrame(new Uint8Array()), "truncated");
  assertProtocolError(() => decodeFrame(Uint8Array.of(1, 9)), "malformed"); // no variant 9
  assertProtocolError(() => decodeFrame(Uint8Array.of(1, 4, 1, 0)), "malformed"); // trailing byte
  // compressed flag 2 is not a bool
  assertProtocolError(() => decodeFrame(Uint8Array.of(1, 3, 2, 3, 0, 4, 2, 0)), "malformed");
  // a payload length beyond the message
  assertProtocolError(() => decodeFrame(Uint8Array.of(1, 3, 2, 3, 0, 4, 0, 50, 1)), "truncated");
});

Deno.test("protocol: every truncation of every message is rejected", () => {
  for (const message of samples) {
    const bytes = encodeFrame(message);
    for (let n = 0; n < bytes.length; n++) {
      assert.throws(() => decodeFrame(bytes.subarray(0, n)), ProtocolError, `${message.tag} ${n}`);
    }
  }
});

Deno.test("protocol: 5,000 random frames give a message or a ProtocolError, nothing else", () => {
  const rng = new SeededRandom(77);
  let rejected = 0;
  for (let n = 0; n < 5000; n++) {
    const bytes = new Uint8Array(rng.int(0, 24));
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
    if (bytes.length > 0 && rng.chance(0.7)) bytes[0] = PROTOCOL_VERSION;
    if (bytes.length > 1 && rng.chance(0.7)) bytes[1] = rng.int(0, 6);
    try {
      const message = decodeFrame(bytes, 4096);
      assert.deepEqual(decodeFrame(encodeFrame(message)), message, "a decoded frame round-trips");
    } catch (e) {
      assert.ok(e instanceof ProtocolError, `unexpected ${e}`);
      rejected++;
    }
  }
  assert.ok(rejected > 1000 && rejected < 5000, `${rejected} rejected`);
});

Deno.test("Input frames: the hand-written paths write and read what the schema does", () => {
  const rng = new SeededRandom(0x1f7);
  const w = new Writer();
  const byte = () => rng.int(0, 255);
  for (let round = 0; round < 3000; round++) {
    const commands = Array.from({ length: rng.int(0, round % 10 === 0 ? 140 : 4) }, () => ({
      moveX: rng.int(-128, 127),
      moveY: rng.int(-128, 127),
      moveZ: rng.int(-128, 127),
      buttons: byte(),
    }));
    const firstSeq = [1, 127, 128, 2 ** 21, 2 ** 28 - 1, 2 ** 28, 2 ** 32 - 1][round % 7] +
      (round % 7 === 6 ? 0 : rng.int(0, 3));
    const message: Message = { tag: "Input", value: { firstSeq, commands } };
    const schema = Frame.encode({ version: PROTOCOL_VERSION, message });
    w.reset();
    encodeFrameInto(w, message);
    assert.equal(hex(w.written()), hex(schema), `round ${round}`);
    assert.deepEqual(decodeFrame(schema), message, `round ${round}`);
  }
  // Values the frame cannot carry are refused as before (by the schema).
  for (const bad of [{ moveX: 128 }, { moveY: -129 }, { moveZ: 0.5 }, { buttons: 256 }]) {
    const command = { moveX: 0, moveY: 0, moveZ: 0, buttons: 0, ...bad };
    w.reset();
    assert.throws(() =>
      encodeFrameInto(w, { tag: "Input", value: { firstSeq: 1, commands: [command] } })
    );
  }
});

Deno.test("Input and Snapshot frames: any bytes read as the schema reads them, or refused alike", () => {
  const rng = new SeededRandom(0x5eed);
  const bases: [Uint8Array, number][] = [
    [
      encodeFrame({
        tag: "Input",
        value: { firstSeq: 300, commands: [{ moveX: -1, moveY: 2, moveZ: 3, buttons: 4 }] },
      }),
      2,
    ],
    [
      encodeFrame({
        tag: "Snapshot",
        value: {
          id: 70_000,
          serverTick: 2 ** 27,
          base: 69_999,
          lastInput: 129,
          compressed: true,
          payload: Uint8Array.of(9, 8, 7),
        },
      }),
      3,
    ],
    [
      encodeFrame({
        tag: "Snapshot",
        value: {
          id: 1,
          serverTick: 2 ** 40, // past the hand-written reader's 4 bytes: the schema reads it
          base: null,
          lastInput: 0,
          compressed: false,
          payload: new Uint8Array(0),
        },
      }),
      3,
    ],
  ];
  const outcome = (read: () => unknown) => {
    try {
      return { value: read() };
    } catch (e) {
      return { error: e instanceof ProtocolError ? e.kind : String(e) };
    }
  };
  for (let round = 0; round < 30_000; round++) {
    const [base, tag] = bases[round % bases.length];
    const bytes = base.slice(0, rng.int(0, base.length + 2));
    const padded = new Uint8Array(Math.max(bytes.length, rng.int(0, 16)));
    padded.set(bytes);
    for (let flips = rng.int(0, 3); flips > 0; flips--) {
      if (padded.length > 0) padded[rng.int(0, padded.length - 1)] = rng.int(0, 255);
    }
    if (padded.length > 1 && rng.int(0, 1) === 1) padded[0] = 1, padded[1] = tag; // its header
    const schema = outcome(() => {
      const frame = Frame.decode(padded);
      if (frame.version !== PROTOCOL_VERSION) throw new ProtocolError("version", "");
      return frame.message;
    });
    const fast = outcome(() => decodeFrame(padded));
    if ("error" in schema) {
      assert.ok("error" in fast, `${hex(padded)}: read ${JSON.stringify(fast)}`);
    } else {
      assert.deepEqual(fast, schema, hex(padded));
    }
  }
  // Unmutated, each reads back as written.
  for (const [base] of bases) assert.deepEqual(decodeFrame(base), Frame.decode(base).message);
});
