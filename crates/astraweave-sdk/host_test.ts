import assert from "node:assert/strict";
import {
  HOST_METHODS,
  HostClient,
  type HostNotification,
  Sdk,
  SdkHost,
  serveLines,
} from "@astraweave/sdk";

/** Sends one line to a new or given host; returns the parsed lines it answers with. */
function exchange(host: SdkHost, line: string): unknown[] {
  const out: string[] = [];
  host.handle(line, (l) => out.push(l));
  for (const l of out) assert.ok(!l.includes("\n"), "one message per line");
  return out.map((l) => JSON.parse(l));
}
const request = (id: unknown, method: string, params?: unknown) =>
  JSON.stringify({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) });

Deno.test("protocol errors use JSON-RPC's codes, with the request's id when it has a valid one", () => {
  const host = new SdkHost();
  const cases: [string, unknown, number, RegExp][] = [
    ["{", null, -32700, /^parse error: /],
    ["42", null, -32600, /a request must be an object/],
    ['{"jsonrpc":"2.0","id":{},"method":"version"}', null, -32600, /id must be a string/],
    ['{"jsonrpc":"1.0","id":3,"method":"version"}', 3, -32600, /jsonrpc must be "2.0"/],
    ['{"jsonrpc":"2.0","id":"a","method":7}', "a", -32600, /method must be a string/],
    ['{"jsonrpc":"2.0","id":4,"method":"version","params":3}', 4, -32600, /params must be/],
    ['{"jsonrpc":"2.0","id":41,"method":"version","params":null}', 41, -32600, /params must be/],
    ['{"jsonrpc":"2.0","id":5,"method":"version","params":[]}', 5, -32602, /named members/],
    [request(6, "launch"), 6, -32601, /^method not found: launch$/],
    [request(7, "tick", { handle: "1", dt: 1 }), 7, -32602, /params\.handle must be a number/],
    [request(8, "tick", { handle: 1 }), 8, -32602, /params\.dt must be a number/],
    [request(9, "submitIntent", { handle: 1, actorId: 1, intent: 5 }), 9, -32602, /params\.intent/],
    [request(10, "onDelta", { handle: 1, enabled: "yes" }), 10, -32602, /params\.enabled/],
    [request(11, "createWorld", { obstacles: {} }), 11, -32602, /params\.obstacles/],
    ["[]", null, -32600, /empty batch/],
  ];
  for (const [line, id, code, message] of cases) {
    const [reply] = exchange(host, line) as {
      id: unknown;
      error: { code: number; message: string };
    }[];
    assert.equal(reply.id, id, line);
    assert.equal(reply.error.code, code, line);
    assert.match(reply.error.message, message, line);
  }
  assert.deepEqual(exchange(host, "   "), []); // blank lines are not messages
});

Deno.test("engine errors carry the SDK code, its last-error text and the code's name", () => {
  const host = new SdkHost();
  const [reply] = exchange(host, request(1, "snapshot", { handle: 12345 }));
  assert.deepEqual(reply, {
    jsonrpc: "2.0",
    id: 1,
    error: { code: -1, message: "unknown world handle", data: { name: "AW_ERR_NULL" } },
  });
});

Deno.test("every method works, and the results are the documented shapes", () => {
  const host = new SdkHost(new Sdk());
  const results: Record<string, unknown> = {};
  const call = (method: string, params?: unknown) => {
    const [reply] = exchange(host, request(method, method, params)) as { result: unknown }[];
    results[method] = reply.result;
    return reply.result;
  };
  assert.deepEqual(call("version"), { major: 0, minor: 1, patch: 0, string: "0.1.0" });
  const { handle } = call("createWorld", { obstacles: [{ x: 0, y: 0 }] }) as { handle: number };
  assert.equal(call("tick", { handle, dt: 0.25 }), 0);
  assert.equal((call("snapshot", { handle }) as { tick: number }).tick, 1);
  assert.equal((call("delta", { handle }) as { changed: unknown[] }).changed.length, 3);
  assert.equal(call("onSnapshot", { handle }), 0);
  assert.equal(call("onDelta", { handle, enabled: false }), 0);
  const intent = { plan_id: "a", steps: [{ act: "Reload" }] };
  assert.equal(call("submitIntent", { handle, actorId: 1, intent }), 0);
  assert.deepEqual(call("lastError"), { code: 0, message: "" });
  assert.equal(call("destroyWorld", { handle }), 0);
  assert.deepEqual(Object.keys(results).sort(), [...HOST_METHODS].sort());
});

Deno.test("callbacks and logs arrive as notifications before the response", () => {
  const host = new SdkHost();
  const [{ result }] = exchange(host, request(1, "createWorld")) as {
    result: { handle: number };
  }[];
  const handle = result.handle;
  exchange(host, request(2, "onSnapshot", { handle }));
  exchange(host, request(3, "onDelta", { handle }));
  const lines = exchange(host, request(4, "tick", { handle, dt: 1 })) as Record<string, unknown>[];
  assert.deepEqual(lines.map((l) => l.method ?? `response ${l.id}`), [
    "onSnapshot",
    "onDelta",
    "response 4",
  ]);
  assert.equal((lines[0].params as { snapshot: { tick: number } }).snapshot.tick, 1);
  const intent = { plan_id: "z", steps: [{ act: "Block" }] };
  const logged = exchange(
    host,
    request(5, "submitIntent", { handle, actorId: 1, intent, log: true }),
  );
  assert.deepEqual(logged, [
    { jsonrpc: "2.0", method: "onLog", params: { handle, line: "Plan z with 1 steps" } },
    { jsonrpc: "2.0", method: "onLog", params: { handle, line: "  [0] Block {}" } },
    { jsonrpc: "2.0", id: 5, result: 0 },
  ]);
  // After destroyWorld, a world made in the same slot starts without callbacks.
  exchange(host, request(6, "destroyWorld", { handle }));
  const [{ result: again }] = exchange(host, request(7, "createWorld")) as {
    result: { handle: number };
  }[];
  assert.equal(exchange(host, request(8, "tick", { handle: again.handle, dt: 1 })).length, 1);
});

Deno.test("notifications get no response; batches get one array without them", () => {
  const host = new SdkHost();
  assert.deepEqual(exchange(host, '{"jsonrpc":"2.0","method":"version"}'), []);
  assert.deepEqual(exchange(host, '{"jsonrpc":"2.0","method":"nope"}'), []);
  const [batch] = exchange(
    host,
    `[${request(1, "version")},{"jsonrpc":"2.0","method":"version"},${request(2, "nope")},7]`,
  ) as { id: unknown; error?: { code: number } }[][];
  assert.deepEqual(batch.map((r) => [r.id, r.error?.code]), [[1, undefined], [2, -32601], [
    null,
    -32600,
  ]]);
  assert.deepEqual(exchange(host, '[{"jsonrpc":"2.0","method":"version"}]'), []);
});

Deno.test("serveLines: split and joined chunks, CRLF, over-long and non-UTF-8 lines, a last line without newline", async () => {
  const encoder = new TextEncoder();
  const chunks = [
    encoder.encode(request(1, "version").slice(0, 10)),
    encoder.encode(request(1, "version").slice(10) + "\r\n" + request(2, "version") + "\n"),
    new Uint8Array([0xff, 0x0a]),
    encoder.encode("x".repeat(3000) + "\n"),
    encoder.encode(request(3, "version")),
  ];
  const written: string[] = [];
  await serveLines(
    new SdkHost(),
    ReadableStream.from(chunks),
    (bytes) => void written.push(new TextDecoder().decode(bytes)),
    { maxLineBytes: 1024 },
  );
  const replies = written.join("").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
  assert.deepEqual(replies.map((r) => r.id), [1, 2, null, null, 3]);
  assert.equal(replies[2].error.message, "parse error: message is not valid UTF-8");
  assert.equal(replies[3].error.message, "parse error: message longer than 1024 bytes");
});

Deno.test("HostClient: concurrent calls, notifications, errors, and the end of the host", async () => {
  const toHost = new TransformStream<Uint8Array, Uint8Array>();
  const toClient = new TransformStream<Uint8Array, Uint8Array>();
  const writer = toClient.writable.getWriter();
  const served = serveLines(new SdkHost(), toHost.readable, (bytes) => writer.write(bytes));
  const notes: HostNotification[] = [];
  const client = new HostClient(toClient.readable, toHost.writable, (n) => notes.push(n));
  const [a, b] = await Promise.all([client.call("createWorld"), client.call("createWorld")]) as {
    handle: number;
  }[];
  assert.notEqual(a.handle, b.handle);
  await client.call("onDelta", { handle: a.handle });
  await client.call("tick", { handle: a.handle, dt: 1 });
  assert.deepEqual(notes.map((n) => n.method), ["onDelta"]);
  await assert.rejects(client.call("snapshot", { handle: 1 }), { name: "HostError", code: -1 });
  const closed = client.close();
  await served;
  await writer.close();
  await closed;
  await assert.rejects(client.call("version"), /the client is closed/);
});

Deno.test("a failure inside the host is an internal error, and the host keeps serving", () => {
  const sdk = new Sdk();
  const host = new SdkHost(sdk);
  sdk.version = () => {
    throw new Error("broken");
  };
  const [reply] = exchange(host, request(1, "version")) as {
    error: { code: number; message: string };
  }[];
  assert.deepEqual(reply.error, { code: -32603, message: "internal error: broken" });
  const [next] = exchange(host, request(2, "lastError")) as { result: unknown }[];
  assert.deepEqual(next.result, { code: 0, message: "" });
});
