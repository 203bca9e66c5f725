/**
 * astraweave-net-ecs: server-authoritative entity state sync over WebSockets.
 *
 * - **Wire protocol**: versioned postcard messages (Hello/Welcome, Input with sequence numbers,
 *   Snapshot, Ack, RequestFull, Disconnect with a reason); LZ4 on payloads above a threshold.
 * - **State**: entity fields quantized to a declared precision ({@link defineLayout}); the default
 *   layout is the original's `EntityState { position, health }`.
 * - **Deltas**: per client, against the last snapshot that client acknowledged: change masks,
 *   changed fields as integer differences, created entities in full, removed ids.
 * - **Prediction and reconciliation** (Gambetta) for the local avatar; **interpolation** of the
 *   others; **interest management** by radius with hysteresis; **bandwidth accounting**.
 * - **Server and client** over real WebSockets (npm `ws` on `node:http`, which refuses oversized
 *   frames unread; the standard `WebSocket` on the client), hardened against hostile input, speed
 *   hacks and slow readers.
 *
 * Permissions: none for the codecs, deltas, prediction and in-process transports; for the
 * sockets, `--allow-net` and `--allow-env=WS_NO_BUFFER_UTIL,WS_NO_UTF_8_VALIDATE` (npm `ws`, loaded
 * on first use, reads these two variables).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NetClient, NetServer } from "@astraweave/net-ecs";
 *
 * const server = new NetServer({ interestRadius: 40 });
 * const npc = server.world.spawn({ x: 10, y: 0, z: 0, health: 100 });
 * const { port } = await server.listen({ port: 0 });
 *
 * const client = await NetClient.connect(`ws://127.0.0.1:${port}`, { name: "ada" });
 * client.sendInput({ moveX: 127, moveY: 0, moveZ: 0, buttons: 0 });
 * await client.nextSnapshot();
 * assert.deepEqual(client.get(npc), { x: 10, y: 0, z: 0, health: 100 });
 *
 * await client.close();
 * await server.close();
 * ```
 *
 * @module
 */

/** The aw-codec types this API takes: reuse a `Writer` on hot paths. */
export type { DecodeOptions, Reader, ReaderOptions, Schema, Writer } from "@astraweave/codec";
export { BandwidthMeter, type BandwidthReport, type SnapshotCost } from "./bandwidth.ts";
export { type ClientOptions, type ClientReport, type CloseInfo, NetClient } from "./client.ts";
export {
  compressPayload,
  decompressPayload,
  DEFAULT_COMPRESS_THRESHOLD,
  type WirePayload,
} from "./compress.ts";
export { applyDelta, type ApplyOptions, DeltaEncoder, type DeltaStats } from "./delta.ts";
export { type InterestArea, selectInterest, type Vec3 } from "./interest.ts";
export { Interpolator } from "./interpolation.ts";
export {
  DEFAULT_LAYOUT,
  type DefaultField,
  defineLayout,
  MAX_FIELDS,
  MAX_QUANTIZED,
  StateLayout,
} from "./layout.ts";
export { type Movement, walk, type WalkOptions } from "./movement.ts";
export { Predictor } from "./prediction.ts";
export {
  decodeFrame,
  DisconnectReason,
  encodeFrame,
  encodeFrameInto,
  Frame,
  InputCommand,
  MAX_NAME_BYTES,
  Message,
  type MessageOf,
  PROTOCOL_VERSION,
  ProtocolError,
  type ProtocolErrorKind,
  protocolErrorOf,
} from "./protocol.ts";
export { SeededRandom } from "./rng.ts";
export { MAX_SEQUENCE, nextSequence, sequenceNewer } from "./sequence.ts";
export {
  type ClientStats,
  type Connection,
  type ListenOptions,
  NetServer,
  type ServerOptions,
  type ServerStats,
} from "./server.ts";
export {
  emptyTable,
  type EntityTable,
  findRow,
  materialize,
  NetWorld,
  tablesEqual,
  type TableView,
  wholeView,
  type WorldSnapshot,
} from "./table.ts";
export {
  CloseCode,
  closeReason,
  type IncomingData,
  openWebSocket,
  type Transport,
  webSocketTransport,
} from "./transport.ts";
