/**
 * The client: connects, keeps the entity table the server's snapshots describe (applying each delta
 * to the base it names and acknowledging it), predicts its own avatar from its inputs and
 * reconciles with the server (see prediction.ts), and interpolates everyone else (see
 * interpolation.ts).
 *
 * @module
 */

import { CodecError } from "@astraweave/codec";
import { BandwidthMeter, type BandwidthReport } from "./bandwidth.ts";
import { decompressPayload } from "./compress.ts";
import { applyDelta } from "./delta.ts";
import { Interpolator } from "./interpolation.ts";
import { DEFAULT_LAYOUT, type StateLayout } from "./layout.ts";
import { type Movement, walk } from "./movement.ts";
import { Predictor } from "./prediction.ts";
import {
  decodeFrame,
  type DisconnectReason,
  encodeFrame,
  type InputCommand,
  MAX_NAME_BYTES,
  type Message,
  type MessageOf,
  ProtocolError,
  protocolErrorOf,
} from "./protocol.ts";
import { nextSequence } from "./sequence.ts";
import { emptyTable, type EntityTable, findRow } from "./table.ts";
import {
  CloseCode,
  type IncomingData,
  openWebSocket,
  type Transport,
  webSocketTransport,
} from "./transport.ts";

const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

function checkName(name: string): void {
  const bytes = new TextEncoder().encode(name).length;
  if (bytes > MAX_NAME_BYTES) {
    throw new RangeError(`name of ${bytes} bytes exceeds ${MAX_NAME_BYTES}`);
  }
}

/** Options of {@link NetClient}. */
export interface ClientOptions<F extends string> {
  /** Must equal the server's (compared by fingerprint in the handshake). */
  layout?: StateLayout<F>;
  /**
   * How inputs move the avatar; must equal the server's. Default {@link walk} at 5 units/s at the
   * simulation rate the server announces.
   */
  movement?: Movement;
  /** Player name sent in the Hello: at most {@link MAX_NAME_BYTES} UTF-8 bytes. */
  name?: string;
  /** Largest message accepted from the server (default 16 MiB). */
  maxMessageBytes?: number;
  /** Largest decompressed snapshot payload (default 16 MiB). */
  maxPayloadBytes?: number;
  /** Most entities a snapshot may hold (default 65,536). */
  maxEntities?: number;
  /** Snapshots kept as delta bases (default 32; at least the server's history). */
  historySize?: number;
  /** Bad messages from the server after which the client gives up (default 10). */
  maxProtocolErrors?: number;
  /** Remote entities are shown this many network ticks in the past (default 2). */
  interpolationDelay?: number;
}

/** How a client's connection ended. */
export interface CloseInfo {
  /** The WebSocket close code (1006 when the connection dropped without one). */
  code: number;
  /** The close reason text. */
  reason: string;
  /** The server's Disconnect message, when it sent one. */
  disconnect?: { reason: DisconnectReason; detail: string };
}

/** A client's counters. */
export interface ClientReport {
  /** Bytes in are what the client received (down), bytes out what it sent (up). */
  bandwidth: BandwidthReport;
  /** Snapshots applied. */
  snapshotsApplied: number;
  /** Snapshots whose base the client no longer had (a full one was requested). */
  basesMissing: number;
  /** Reconciliations that moved the predicted avatar. */
  corrections: number;
  /** The largest such move, in world units. */
  maxPredictionError: number;
  /** Bad messages received from the server. */
  protocolErrors: number;
  /** The id of the newest snapshot applied. */
  lastSnapshotApplied: number;
  /** The newest input sequence number sent. */
  lastInputSent: number;
  /** The newest input sequence number the server processed. */
  lastInputAcknowledged: number;
}

interface Applied {
  id: number;
  table: EntityTable;
}

/**
 * A game client over any {@link Transport}; {@link NetClient.connect} opens a WebSocket.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NetClient, NetServer } from "@astraweave/net-ecs";
 * const server = new NetServer();
 * const { port } = await server.listen();
 * const client = await NetClient.connect(`ws://127.0.0.1:${port}`, { name: "ada" });
 * await client.nextSnapshot(); // a snapshot brings the avatar
 * const before = client.avatar()!.x;
 * client.sendInput({ moveX: 127, moveY: 0, moveZ: 0, buttons: 0 });
 * assert.ok(client.avatar()!.x > before); // predicted at once, before the server has seen it
 * await client.close();
 * await server.close();
 * ```
 */
export class NetClient<F extends string = string> {
  /** The entity layout (the server's must be the same). */
  readonly layout: StateLayout<F>;
  /** The connection to the server. */
  readonly transport: Transport;
  /** The server's id for this client (0 before the Welcome). */
  clientId = 0;
  /** This client's avatar entity (0 before the Welcome). */
  avatarId = 0;
  /** Snapshots per second, as the server announced. */
  tickRate = 0;
  /** Simulation steps per second, as the server announced. */
  simRate = 0;
  /** The entity table of the newest snapshot applied (server state, quantized). */
  table: EntityTable;
  /** The id of the newest snapshot applied. */
  lastAppliedId = 0;
  /** The server tick of the newest snapshot applied. */
  lastServerTick = 0;
  /** When the newest snapshot arrived (performance.now()). */
  lastArrival = 0;
  /** The last input the server said it processed. */
  lastInputAcknowledged = 0;
  /** The last input sequence number sent. */
  lastInputSent = 0;
  /** Snapshots applied. */
  snapshotsApplied = 0;
  /** Snapshots whose base was no longer known (a full one was requested). */
  basesMissing = 0;
  /** Bad messages received from the server. */
  protocolErrors = 0;
  /** What the last bad message from the server was, or "". */
  lastProtocolError = "";
  /** The avatar's prediction and reconciliation (created by the Welcome). */
  predictor: Predictor | undefined;
  /** Recent snapshots, for drawing remote entities between them. */
  readonly interpolator: Interpolator;
  /** Traffic of this connection: in is down, out is up. */
  readonly meter: BandwidthMeter = new BandwidthMeter();
  /** Called after each snapshot is applied. */
  onSnapshot: ((client: NetClient<F>) => void) | undefined;
  /** Resolves when the connection has closed. */
  readonly closed: Promise<CloseInfo>;

  readonly #options: ClientOptions<F>;
  readonly #history: (Applied | undefined)[];
  #welcomed!: (client: NetClient<F>) => void;
  #refused!: (error: Error) => void;
  readonly #welcome: Promise<NetClient<F>>;
  #resolveClosed!: (info: CloseInfo) => void;
  #disconnect: CloseInfo["disconnect"];
  #isClosed = false;
  #snapshotWaiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  /** A client over `transport`; call {@link start} once it is open, or use {@link NetClient.connect}. */
  constructor(transport: Transport, options: ClientOptions<F> = {}) {
    checkName(options.name ?? "");
    this.layout = options.layout ?? (DEFAULT_LAYOUT as unknown as StateLayout<F>);
    this.transport = transport;
    this.#options = options;
    this.table = emptyTable(this.layout.fieldCount);
    this.#history = new Array(options.historySize ?? 32);
    this.interpolator = new Interpolator(this.layout);
    this.#welcome = new Promise((resolve, reject) => {
      this.#welcomed = resolve;
      this.#refused = reject;
    });
    this.#welcome.catch(() => {}); // observed by whoever awaits it; not an unhandled rejection
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
  }

  /**
   * Opens a WebSocket to `url` (npm `ws`, whose sockets send at once: Deno's built-in client
   * leaves Nagle's algorithm on, which held small input messages back up to 50 ms on loopback),
   * says Hello, and resolves once the server welcomed the client.
   * Rejects with the server's reason if it refuses (version, layout, full) or the socket fails.
   */
  static async connect<F extends string = string>(
    url: string | URL,
    options: ClientOptions<F> = {},
  ): Promise<NetClient<F>> {
    checkName(options.name ?? "");
    const socket = await openWebSocket(url, options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES);
    const client = new NetClient<F>(webSocketTransport(socket), options);
    socket.onopen = () => client.start();
    socket.onmessage = (event) => client.receive(event.data);
    socket.onclose = (event) => client.transportClosed(event.code, event.reason);
    socket.onerror = () => {}; // a close event follows every error
    return await client.welcomed();
  }

  /** Sends the Hello (call once the transport is open). */
  start(): void {
    this.#send({
      tag: "Hello",
      value: { name: this.#options.name ?? "", layout: this.layout.fingerprint },
    });
  }

  /** Resolves once the server's Welcome arrived; rejects if the connection ends before. */
  welcomed(): Promise<NetClient<F>> {
    return this.#welcome;
  }

  /** Handles one message from the server. */
  receive(data: IncomingData): void {
    if (this.#isClosed) return;
    if (typeof data === "string" || data instanceof Blob) {
      return this.#fault(new ProtocolError("text", "the server sent a text frame"));
    }
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    this.meter.recordIn(bytes.length);
    let message: Message;
    try {
      message = decodeFrame(bytes, this.#options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES);
    } catch (e) {
      return this.#fault(protocolErrorOf(e));
    }
    switch (message.tag) {
      case "Welcome":
        return this.#onWelcome(message);
      case "Snapshot":
        if (this.clientId === 0) break;
        return this.#onSnapshot(message);
      case "Disconnect":
        this.#disconnect = message.value;
        return;
    }
    this.#fault(new ProtocolError("unexpected", `${message.tag} is not expected from a server`));
  }

  #onWelcome(message: MessageOf<"Welcome">): void {
    if (this.clientId !== 0) return this.#fault(new ProtocolError("unexpected", "second Welcome"));
    const w = message.value;
    if (w.layout !== this.layout.fingerprint) {
      this.#refused(new Error(`the server's entity layout ${w.layout} differs from ours`));
      this.close();
      return;
    }
    this.clientId = w.clientId;
    this.avatarId = w.avatarId;
    this.tickRate = w.tickRate;
    this.simRate = w.simRate;
    this.lastServerTick = w.serverTick;
    const movement = this.#options.movement ?? walk(this.layout, { simRate: w.simRate });
    this.predictor = new Predictor(this.layout, movement);
    this.#welcomed(this);
  }

  #onSnapshot(message: MessageOf<"Snapshot">): void {
    const s = message.value;
    if (s.id <= this.lastAppliedId) return; // older than what we have: nothing to learn
    let base = emptyTable(this.layout.fieldCount);
    if (s.base !== null) {
      const entry = this.#history[s.base % this.#history.length];
      if (entry?.id !== s.base) {
        this.basesMissing++;
        this.#send({ tag: "RequestFull" });
        return;
      }
      base = entry.table;
    }
    let table: EntityTable;
    let rawBytes: number;
    const counts = { created: 0, changed: 0, removed: 0, unchanged: 0 };
    try {
      const payload = decompressPayload(
        s.payload,
        s.compressed,
        this.#options.maxPayloadBytes ?? 16 * 1024 * 1024,
      );
      rawBytes = payload.length;
      table = applyDelta(base, payload, { maxEntities: this.#options.maxEntities, stats: counts });
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      this.#fault(new ProtocolError("malformed", `snapshot ${s.id}: ${e.message}`));
      this.#send({ tag: "RequestFull" });
      return;
    }
    this.#history[s.id % this.#history.length] = { id: s.id, table };
    this.table = table;
    this.lastAppliedId = s.id;
    this.lastServerTick = s.serverTick;
    this.lastArrival = performance.now();
    this.lastInputAcknowledged = s.lastInput;
    this.snapshotsApplied++;
    this.meter.recordSnapshot({
      full: s.base === null,
      rawBytes,
      wireBytes: s.payload.length,
      entities: counts.created + counts.changed,
    });
    this.interpolator.push(s.serverTick, table);
    const row = findRow(table, this.avatarId);
    if (row >= 0) this.predictor!.reconcile(table.values, row * table.fieldCount, s.lastInput);
    this.#send({ tag: "Ack", value: { snapshotId: s.id } });
    this.onSnapshot?.(this);
    const waiters = this.#snapshotWaiters;
    this.#snapshotWaiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  /** Resolves after the next snapshot is applied (rejects if the connection closes first). */
  nextSnapshot(): Promise<void> {
    if (this.#isClosed) return Promise.reject(new Error("the connection is closed"));
    return new Promise((resolve, reject) => this.#snapshotWaiters.push({ resolve, reject }));
  }

  #fault(error: ProtocolError): void {
    this.protocolErrors++;
    this.lastProtocolError = error.message;
    if (this.protocolErrors >= (this.#options.maxProtocolErrors ?? 10)) this.close();
  }

  /**
   * Numbers `command`, applies it to the predicted avatar at once and sends it; returns its
   * sequence number. Call once per simulation step.
   */
  sendInput(command: InputCommand): number {
    if (this.predictor === undefined) throw new Error("sendInput before the server's Welcome");
    const seq = this.lastInputSent = nextSequence(this.lastInputSent);
    this.predictor.push(seq, command);
    this.#send({ tag: "Input", value: { firstSeq: seq, commands: [command] } });
    return seq;
  }

  /** The predicted state of the client's own avatar, or undefined before it first appears. */
  avatar(): Record<F, number> | undefined {
    const p = this.predictor;
    return p?.hasState ? this.layout.read(p.state) : undefined;
  }

  /** The server state of entity `id` in the newest snapshot, or undefined. */
  get(id: number): Record<F, number> | undefined {
    const row = findRow(this.table, id);
    return row < 0 ? undefined : this.layout.read(this.table.values, row * this.table.fieldCount);
  }

  /** The server tick the client estimates the server is at now. */
  estimatedServerTick(now: number = performance.now()): number {
    return this.lastServerTick + (now - this.lastArrival) * this.simRate / 1000;
  }

  /** The tick remote entities are drawn at: the estimate minus the interpolation delay. */
  renderTick(now: number = performance.now()): number {
    const delay = (this.#options.interpolationDelay ?? 2) * this.simRate / this.tickRate;
    return this.estimatedServerTick(now) - delay;
  }

  /**
   * Entity `id` as it should be drawn now: interpolated between the snapshots around
   * {@link renderTick}, written to `out` (world units). Returns false if the entity is unknown.
   */
  sample(id: number, out: Float64Array | number[], now: number = performance.now()): boolean {
    return this.interpolator.sample(id, this.renderTick(now), out);
  }

  /** The client's counters. */
  report(): ClientReport {
    return {
      bandwidth: this.meter.report(),
      snapshotsApplied: this.snapshotsApplied,
      basesMissing: this.basesMissing,
      corrections: this.predictor?.corrections ?? 0,
      maxPredictionError: this.predictor?.maxError ?? 0,
      protocolErrors: this.protocolErrors,
      lastSnapshotApplied: this.lastAppliedId,
      lastInputSent: this.lastInputSent,
      lastInputAcknowledged: this.lastInputAcknowledged,
    };
  }

  #send(message: Message): void {
    if (this.#isClosed) return;
    const bytes = encodeFrame(message);
    this.transport.send(bytes);
    this.meter.recordOut(bytes.length);
  }

  /** The transport closed: settles {@link closed} (and a pending {@link welcomed}). */
  transportClosed(code: number, reason: string): void {
    this.#isClosed = true;
    const info: CloseInfo = { code, reason, disconnect: this.#disconnect };
    const why = this.#disconnect
      ? `${this.#disconnect.reason}: ${this.#disconnect.detail}`
      : reason;
    this.#refused(new Error(`connection closed before the Welcome (${code} ${why})`.trim()));
    const waiters = this.#snapshotWaiters;
    this.#snapshotWaiters = [];
    for (const waiter of waiters) {
      waiter.reject(new Error(`the connection closed (${code} ${why})`));
    }
    this.#resolveClosed(info);
  }

  /** Says goodbye and closes; resolves when the connection has closed. */
  close(): Promise<CloseInfo> {
    if (!this.#isClosed) {
      this.#send({ tag: "Disconnect", value: { reason: "client_closing", detail: "bye" } });
      this.transport.close(CloseCode.normal, "client_closing");
    }
    return this.closed;
  }
}
