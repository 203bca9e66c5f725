// Hostile input the SDK must answer with a status code or a JSON-RPC error, never with an
// exception, an internal error (-32603: a bug of ours), or a reply that is not JSON. Seeded
// mutation of valid intents, host messages and byte streams; a failing case reproduces from its
// seed and index. Each hole found gets a test here.
import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import {
  describe,
  jsonText,
  mutateBytes,
  mutateJson,
  mutateText,
} from "@astraweave/testing/hostile";
import {
  AW_ERR_EXEC,
  AW_ERR_PARAM,
  AW_ERR_PARSE,
  AW_OK,
  LineReader,
  readCString,
  Sdk,
  SdkHost,
  serveLines,
  writeCString,
} from "./mod.ts";

const VALID_INTENT = {
  plan_id: "p1",
  steps: [
    { act: "MoveTo", x: 4, y: 3, speed: "run" },
    { act: "Patrol", waypoints: [{ x: 1, y: 1 }, { x: 5, y: 2 }] },
    { act: "Strafe", target_id: 3, direction: "left" },
    { act: "Scan", radius: 5 },
    { act: "Heal", target_id: null },
    { act: "Wait", duration: 0.5 },
  ],
};

/** The snapshot's numbers are finite and its cells on the grid. */
function assertSnapshot(json: string, what: string): void {
  const snapshot = JSON.parse(json);
  assert.ok(Number.isFinite(snapshot.t) && Number.isSafeInteger(snapshot.tick), what);
  for (const e of snapshot.entities) {
    for (const field of ["id", "x", "y", "team", "hp", "ammo"]) {
      assert.ok(Number.isFinite(e[field]), `${what}: entity ${e.id} ${field} is ${e[field]}`);
    }
  }
}

Deno.test("hostile: 3,000 mutated intents give a status code and leave a sound world", () => {
  const random = mulberry32(0x5eed_1e7e);
  const sdk = new Sdk();
  let world = sdk.createWorld();
  const codes = new Set<number>([AW_OK, AW_ERR_PARAM, AW_ERR_PARSE, AW_ERR_EXEC]);
  let accepted = 0;
  for (let i = 0; i < 3000; i++) {
    const intent = mutateJson(VALID_INTENT, random);
    const what = `case ${i}: ${describe(intent)}`;
    if (i % 200 === 0) {
      sdk.destroyWorld(world);
      world = sdk.createWorld();
    }
    const code = i % 2 === 0
      ? sdk.submitIntentValue(world, 2, intent)
      : sdk.submitIntent(world, 2, mutateText(jsonText(intent), random));
    assert.ok(codes.has(code), `${what}: code ${code}`);
    assert.equal(code === AW_OK, sdk.lastError() === "", what);
    if (code === AW_OK) accepted++;
    if (i % 100 === 0) assertSnapshot(sdk.snapshot(world)!, what);
  }
  assert.ok(accepted > 100, `only ${accepted} intents ran`);
});

const VALID_MESSAGES = [
  { jsonrpc: "2.0", id: 1, method: "version" },
  { jsonrpc: "2.0", id: 2, method: "createWorld", params: { obstacles: [{ x: 5, y: 5 }] } },
  { jsonrpc: "2.0", id: 3, method: "tick", params: { handle: 0, dt: 0.016 } },
  { jsonrpc: "2.0", id: 4, method: "snapshot", params: { handle: 0 } },
  { jsonrpc: "2.0", id: 5, method: "delta", params: { handle: 0 } },
  { jsonrpc: "2.0", id: 6, method: "onSnapshot", params: { handle: 0, enabled: true } },
  { jsonrpc: "2.0", method: "onDelta", params: { handle: 0 } },
  {
    jsonrpc: "2.0",
    id: "s",
    method: "submitIntent",
    params: { handle: 0, actorId: 2, intent: VALID_INTENT, log: true },
  },
  [{ jsonrpc: "2.0", id: 7, method: "lastError" }, { jsonrpc: "2.0", id: 8, method: "version" }],
  { jsonrpc: "2.0", id: 9, method: "destroyWorld", params: { handle: 0 } },
];

function assertReply(line: string, what: string): void {
  const reply = JSON.parse(line);
  for (const message of Array.isArray(reply) ? reply : [reply]) {
    assert.equal(message.jsonrpc, "2.0", what);
    if (message.error !== undefined) {
      assert.ok(Number.isInteger(message.error.code), what);
      assert.notEqual(message.error.code, -32603, `${what}: ${message.error.message}`);
      assert.equal(typeof message.error.message, "string", what);
    }
  }
}

Deno.test("hostile: 3,000 mutated JSON-RPC messages get JSON replies and no internal error", () => {
  const random = mulberry32(0x5eed_4057);
  const host = new SdkHost(new Sdk({ maxWorlds: 8 }));
  const created: number[] = [];
  let results = 0;
  for (let i = 0; i < 3000; i++) {
    // Aim the valid messages at a live world, so the mutations reach the methods' checks.
    const live = created.length ? created[created.length - 1] : 0;
    const valid = JSON.parse(
      JSON.stringify(VALID_MESSAGES[i % VALID_MESSAGES.length]).replaceAll(
        '"handle":0',
        `"handle":${live}`,
      ),
    );
    const mutated = mutateJson(valid, random);
    let line = jsonText(mutated);
    if (i % 3 === 0) line = mutateText(line, random);
    const what = `case ${i}: ${line.slice(0, 300)}`;
    host.handle(line, (reply) => {
      assertReply(reply, what);
      if (reply.includes('"result"')) results++;
      const handle = JSON.parse(reply)?.result?.handle;
      if (Number.isSafeInteger(handle)) created.push(handle);
    });
    if (created.length > 4) {
      host.handle(
        JSON.stringify({ jsonrpc: "2.0", method: "destroyWorld", params: { handle: created[0] } }),
        () => {},
      );
      created.shift();
    }
  }
  assert.ok(results > 300, `only ${results} requests succeeded`);
});

Deno.test("hostile: 3,000 mutated byte streams split into bounded lines without throwing", () => {
  const random = mulberry32(0x5eed_11e5);
  const valid = new TextEncoder().encode(
    VALID_MESSAGES.map((m) => JSON.stringify(m)).join("\n") + "\n",
  );
  for (let i = 0; i < 3000; i++) {
    const max = 1 + Math.floor(random() * 300);
    const reader = new LineReader(max);
    const bytes = mutateBytes(valid, random);
    let at = 0;
    while (at < bytes.length) {
      const end = Math.min(bytes.length, at + 1 + Math.floor(random() * 200));
      reader.push(bytes.subarray(at, end), (event) => {
        if (event.kind === "line") {
          assert.ok(new TextEncoder().encode(event.text).length <= max, `case ${i}: long line`);
        }
      });
      at = end;
    }
  }
});

Deno.test("hostile: 300 mutated streams served whole answer every line with JSON", async () => {
  const random = mulberry32(0x5eed_5e7e);
  const valid = new TextEncoder().encode(
    VALID_MESSAGES.map((m) => JSON.stringify(m)).join("\n") + "\n",
  );
  for (let i = 0; i < 300; i++) {
    const bytes = mutateBytes(valid, random);
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += 1 + Math.floor(random() * 100)) {
      chunks.push(bytes.subarray(at, at + 1 + Math.floor(random() * 100)));
    }
    const replies: string[] = [];
    await serveLines(new SdkHost(), ReadableStream.from(chunks), (out) => {
      replies.push(new TextDecoder().decode(out));
    }, { maxLineBytes: 1 + Math.floor(random() * 400) });
    const lines = replies.join("").split("\n").filter((line) => line !== "");
    for (const line of lines) assertReply(line, `case ${i}: ${line.slice(0, 200)}`);
  }
});

Deno.test("hostile: 5,000 C strings into buffers of every size stay NUL-terminated valid UTF-8", () => {
  const random = mulberry32(0x5eed_c57c);
  const pieces = ["a", "\u0000", "\u007f", "é", "€", "😀", "\ud800", "\udc00", "x".repeat(70)];
  for (let i = 0; i < 5000; i++) {
    let text = "";
    for (let n = Math.floor(random() * 12); n > 0; n--) {
      text += pieces[Math.floor(random() * pieces.length)];
    }
    const full = new TextEncoder().encode(text);
    const buffer = new Uint8Array(Math.floor(random() * (full.length + 4))).fill(0xaa);
    const what = `case ${i}: ${JSON.stringify(text)} into ${buffer.length} bytes`;
    assert.equal(writeCString(text, buffer), full.length + 1, what);
    if (buffer.length === 0) continue;
    const end = buffer.indexOf(0);
    assert.ok(end >= 0 && end < buffer.length, `${what}: no NUL`);
    // What was copied is a whole-character prefix of the text's UTF-8 (up to an embedded NUL).
    const copied = buffer.subarray(0, end);
    assert.deepEqual(copied, full.subarray(0, end), what);
    assert.equal(readCString(buffer), new TextDecoder("utf-8", { fatal: true }).decode(copied));
  }
  for (let i = 0; i < 2000; i++) {
    const bytes = mutateBytes(new TextEncoder().encode("héllo 😀 wörld\u0000tail"), random);
    assert.equal(typeof readCString(bytes), "string");
  }
});
