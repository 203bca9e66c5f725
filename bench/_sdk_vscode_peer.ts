/**
 * The peer side of `astraweave-sdk.bench.ts`'s `boundary_overhead` group: the same SDK methods as
 * the host of `scripts/sdk_host.ts`, served over stdio by vscode-jsonrpc (the JSON-RPC library
 * language servers use; Content-Length framing instead of lines). The bench spawns it as a child;
 * it is not a bench file and nothing else runs it.
 *
 * @module
 */

import { Sdk } from "@astraweave/sdk";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";
import process from "node:process";

const sdk = new Sdk();
const connection = createMessageConnection(
  new StreamMessageReader(process.stdin),
  new StreamMessageWriter(process.stdout),
);
connection.onRequest("version", () => ({ ...sdk.version(), string: sdk.versionString() }));
connection.onRequest("createWorld", () => ({ handle: sdk.createWorld() }));
// vscode-jsonrpc serializes objects itself, so the snapshot text is parsed here first.
connection.onRequest(
  "snapshot",
  (params: { handle: number }) => JSON.parse(sdk.snapshot(params.handle) ?? "null"),
);
connection.onClose(() => process.exit(0));
connection.listen();
