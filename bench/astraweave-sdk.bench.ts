/**
 * astraweave-sdk benchmarks: the Rust groups (`version_operations`, `world_lifecycle`,
 * `world_tick`, `json_serialization`, `string_marshalling`) on the in-process API, and
 * `boundary_overhead` (the Rust `ffi_overhead`, which never crossed a boundary) measured for real:
 * one in-process call, and JSON-RPC round trips to the host process (`scripts/sdk_host.ts`) over
 * pipes, beside the same round trips through vscode-jsonrpc (client here, server in
 * `_sdk_vscode_peer.ts`) in the same run.
 *
 * The host children start on the first measured call (never at load: the report also loads this
 * module with `deno run` to read the declarations) and are killed on `unload`.
 *
 * @module
 */

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { HostClient, readCString, Sdk, writeCString } from "@astraweave/sdk";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";
import { benchCrate, consume, frameShare, isQuick } from "@astraweave/bench-protocol";

const bench = benchCrate("astraweave-sdk");
const sdk = new Sdk({ maxWorlds: 65_536 });
const EMPTY = new Uint8Array(0);
const versionBuffer = new Uint8Array(32);
const snapshotBuffer = new Uint8Array(4096);
const DT = 0.016;

// ---------------------------------------------------------------------------------------------
// version_operations
// ---------------------------------------------------------------------------------------------

bench({
  group: "version_operations",
  name: "aw_version",
  budget: frameShare(100_000, "a version check is bookkeeping, done any number of times"),
  fn: () => consume(sdk.version()),
});
bench({
  group: "version_operations",
  name: "aw_version_string_size",
  budget: frameShare(100_000, "a size query only measures the text"),
  fn: () => consume(sdk.versionStringInto(EMPTY)),
});
bench({
  group: "version_operations",
  name: "aw_version_string_copy",
  budget: frameShare(50_000, "six bytes copied into the caller's buffer"),
  fn: () => {
    consume(sdk.versionStringInto(versionBuffer));
    consume(versionBuffer[0]);
  },
});

// ---------------------------------------------------------------------------------------------
// world_lifecycle
// ---------------------------------------------------------------------------------------------

bench({
  group: "world_lifecycle",
  name: "world_create_destroy",
  budget: frameShare(5_000, "a thousand worlds made and freed in a fifth of a frame"),
  fn: () => {
    const world = sdk.createWorld();
    consume(sdk.destroyWorld(world));
  },
});
// Creating or destroying alone needs explicit timers, and one timer pair per call costs more than
// the call here; so these two time a batch of worlds per call, and declare it as throughput.
const BATCH = 100;
const batch: number[] = new Array(BATCH).fill(0);
bench({
  group: "world_lifecycle",
  name: "world_create_only",
  budget: frameShare(50, "100 worlds made per call, a thousand in a fifth of a frame"),
  throughput: { elements: BATCH },
  // Only the creation is timed; the worlds are destroyed after, so nothing leaks (the Rust bench
  // leaks every world it makes).
  fn: (b) => {
    b.start();
    for (let i = 0; i < BATCH; i++) batch[i] = sdk.createWorld();
    b.end();
    for (let i = 0; i < BATCH; i++) sdk.destroyWorld(batch[i]);
    consume(batch[0]);
  },
});
bench({
  group: "world_lifecycle",
  name: "world_destroy",
  budget: frameShare(200, "100 worlds freed per call; freeing is a slot and a generation bump"),
  throughput: { elements: BATCH },
  fn: (b) => {
    for (let i = 0; i < BATCH; i++) batch[i] = sdk.createWorld();
    b.start();
    for (let i = 0; i < BATCH; i++) sdk.destroyWorld(batch[i]);
    b.end();
    consume(sdk.lastErrorCode());
  },
});

// ---------------------------------------------------------------------------------------------
// world_tick
// ---------------------------------------------------------------------------------------------

const tickWorld = sdk.createWorld();
bench({
  group: "world_tick",
  name: "tick_world",
  budget: frameShare(100_000, "one world's tick without callbacks: clock, counter, cooldowns"),
  fn: () => consume(sdk.tick(tickWorld, DT)),
});
bench({
  group: "world_tick",
  name: "tick_10_frames",
  budget: frameShare(10_000, "ten ticks at the single tick's budget"),
  fn: () => {
    for (let i = 0; i < 10; i++) sdk.tick(tickWorld, DT);
    consume(sdk.lastErrorCode());
  },
});

// ---------------------------------------------------------------------------------------------
// json_serialization
// ---------------------------------------------------------------------------------------------

const snapshotWorld = sdk.createWorld();
bench({
  group: "json_serialization",
  name: "snapshot_size_query",
  budget: frameShare(10_000, "a 3-entity snapshot, 10,000 per frame"),
  fn: () => consume(sdk.snapshotInto(snapshotWorld, EMPTY)),
});
bench({
  group: "json_serialization",
  name: "snapshot_json_copy",
  budget: frameShare(10_000, "a 3-entity snapshot into the caller's buffer, 10,000 per frame"),
  fn: () => {
    consume(sdk.snapshotInto(snapshotWorld, snapshotBuffer));
    consume(snapshotBuffer[0]);
  },
});
bench({
  group: "json_serialization",
  name: "snapshot_after_tick",
  budget: frameShare(8_000, "a tick and a snapshot, at the two budgets together"),
  fn: () => {
    sdk.tick(snapshotWorld, DT);
    consume(sdk.snapshotInto(snapshotWorld, snapshotBuffer));
  },
});

// ---------------------------------------------------------------------------------------------
// string_marshalling: the TypeScript side of what the Rust group measures (a string into a
// NUL-terminated byte buffer, and back).
// ---------------------------------------------------------------------------------------------

const cBuffer = new Uint8Array(64);
const cString = new Uint8Array(64);
writeCString("test_string", cString);
let entityNumber = 123;
bench({
  group: "string_marshalling",
  name: "cstring_creation",
  budget: frameShare(100_000, "a short name into a buffer, 100,000 per frame"),
  fn: () => consume(writeCString("test_string", cBuffer)),
});
bench({
  group: "string_marshalling",
  name: "cstring_with_format",
  budget: frameShare(100_000, "a formatted name into a buffer"),
  fn: () => consume(writeCString(`Entity_${entityNumber++ & 1023}`, cBuffer)),
});
bench({
  group: "string_marshalling",
  name: "string_from_c_buffer",
  budget: frameShare(100_000, "a short name out of a buffer, 100,000 per frame"),
  fn: () => consume(readCString(cString)),
});

// ---------------------------------------------------------------------------------------------
// boundary_overhead: in process, and over pipes to a host process (ours, and vscode-jsonrpc's)
// ---------------------------------------------------------------------------------------------

const root = fileURLToPath(new URL("..", import.meta.url));
const deno = Deno.execPath();

interface OurHost {
  client: HostClient;
  child: Deno.ChildProcess;
  world: number;
}
interface PeerHost {
  connection: MessageConnection;
  kill: () => void;
  world: number;
}
// Both hosts answer this many calls before the first measured one, so that neither child is
// measured while its JIT is still cold.
const WARM_UP_CALLS = isQuick() ? 1 : 500;
let ours: Promise<OurHost> | undefined;
let peer: Promise<PeerHost> | undefined;
let killOurs: (() => void) | undefined;
let killPeer: (() => void) | undefined;

async function startOurs(): Promise<OurHost> {
  const child = new Deno.Command(deno, {
    args: ["run", "scripts/sdk_host.ts"],
    cwd: root,
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  killOurs = () => child.kill();
  const client = new HostClient(child.stdout, child.stdin);
  const { handle } = await client.call("createWorld") as { handle: number };
  for (let i = 0; i < WARM_UP_CALLS; i++) await client.call("snapshot", { handle });
  return { client, child, world: handle };
}

async function startPeer(): Promise<PeerHost> {
  const child = spawn(deno, ["run", "bench/_sdk_vscode_peer.ts"], {
    cwd: root,
    stdio: ["pipe", "pipe", "inherit"],
  });
  killPeer = () => child.kill();
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  connection.listen();
  const { handle } = await connection.sendRequest("createWorld") as { handle: number };
  for (let i = 0; i < WARM_UP_CALLS; i++) await connection.sendRequest("snapshot", { handle });
  return { connection, kill: killPeer, world: handle };
}

globalThis.addEventListener("unload", () => {
  killOurs?.();
  killPeer?.();
});

const ROUND_TRIP_BUDGET = frameShare(100, "a tool driving the engine can make 100 calls a frame");

bench({
  group: "boundary_overhead",
  name: "in_process_call",
  budget: frameShare(100_000, "a call into the library costs what the function does"),
  fn: () => consume(sdk.version()),
});
bench({
  group: "boundary_overhead",
  name: "jsonrpc_round_trip",
  budget: ROUND_TRIP_BUDGET,
  baseline: true,
  fn: async () => {
    const { client } = await (ours ??= startOurs());
    consume(await client.call("version"));
  },
});
bench({
  group: "boundary_overhead",
  name: "vscode-jsonrpc round_trip",
  peer: "vscode-jsonrpc",
  versus: "jsonrpc_round_trip",
  fn: async () => {
    const { connection } = await (peer ??= startPeer());
    consume(await connection.sendRequest("version"));
  },
});
bench({
  group: "boundary_overhead",
  name: "jsonrpc_snapshot_round_trip",
  budget: ROUND_TRIP_BUDGET,
  fn: async () => {
    const { client, world } = await (ours ??= startOurs());
    consume(await client.call("snapshot", { handle: world }));
  },
});
bench({
  group: "boundary_overhead",
  name: "vscode-jsonrpc snapshot_round_trip",
  peer: "vscode-jsonrpc",
  versus: "jsonrpc_snapshot_round_trip",
  fn: async () => {
    const { connection, world } = await (peer ??= startPeer());
    consume(await connection.sendRequest("snapshot", { handle: world }));
  },
});
