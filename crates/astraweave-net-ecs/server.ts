/**
 * The authoritative server: owns the {@link NetWorld}, runs the simulation at a fixed rate
 * (default 60 Hz), applies each client's inputs in sequence order, and every network tick
 * (default 20 Hz) sends each client a snapshot of the entities it is interested in, as a delta
 * against the last snapshot that client acknowledged.
 *
 * Hostile or unlucky clients cannot hurt the others: a frame above the message limit is refused
 * before it is read (close 1009), every message is decoded strictly, bad messages are counted per
 * kind and a client that sends too many is disconnected (close 1008 with the reason); replayed or
 * out-of-order inputs are ignored and sequence numbers wrap; a client is simulated at most one
 * input per step on average (a declared burst allowance absorbs jitter), the excess is dropped and
 * counted, and a client that keeps flooding is disconnected; a client whose send queue is full is
 * skipped (its next snapshot is a delta against what it acknowledged, so it gets fewer, complete
 * updates) and dropped if it stays full.
 *
 * @module
 */

import { Writer } from "@astraweave/codec";
import { BandwidthMeter, type BandwidthReport } from "./bandwidth.ts";
import { compressPayload, DEFAULT_COMPRESS_THRESHOLD } from "./compress.ts";
import { DeltaEncoder } from "./delta.ts";
import { selectInterest } from "./interest.ts";
import { DEFAULT_LAYOUT, type StateLayout } from "./layout.ts";
import { type Listener, listenWebSockets } from "./listener.ts";
import { type Movement, walk } from "./movement.ts";
import {
  decodeFrame,
  type DisconnectReason,
  encodeFrame,
  encodeFrameInto,
  type InputCommand,
  MAX_NAME_BYTES,
  type Message,
  type MessageOf,
  ProtocolError,
  type ProtocolErrorKind,
} from "./protocol.ts";
import { SeededRandom } from "./rng.ts";
import { nextSequence, sequenceNewer } from "./sequence.ts";
import {
  emptyTable,
  type EntityTable,
  findRow,
  materialize,
  NetWorld,
  type TableView,
  type WorldSnapshot,
} from "./table.ts";
import { CloseCode, type IncomingData, type Transport } from "./transport.ts";

/** Options of {@link NetServer}. */
export interface ServerOptions<F extends string> {
  /** Entity fields and precision (default {@link DEFAULT_LAYOUT}); clients must use the same. */
  layout?: StateLayout<F>;
  /** Snapshots per second (default 20). Must divide `simRate`. */
  tickRate?: number;
  /** Simulation steps per second (default 60); one input command is one step. */
  simRate?: number;
  /** How input commands move an avatar (default {@link walk} at 5 units/s). Clients must agree. */
  movement?: Movement;
  /** Clients see entities within this distance of their avatar (world units; default Infinity). */
  interestRadius?: number;
  /** Entities in view leave beyond this distance (default 1.1 × `interestRadius`). */
  leaveRadius?: number;
  /** The state of a new client's avatar (default: every field 0). */
  avatarState?: (clientId: number) => Record<F, number>;
  /** Game logic run after inputs at every simulation step. */
  onSimulate?: (world: NetWorld<F>, tick: number, dt: number) => void;
  /** Called when a client has completed the handshake. */
  onConnect?: (clientId: number, avatarId: number) => void;
  /** Called when a client that completed the handshake leaves. */
  onDisconnect?: (clientId: number, reason: DisconnectReason | "peer_closed") => void;
  /**
   * Largest message accepted from a client, in bytes (default 4096). Over WebSockets a larger frame
   * is refused from its header, unread; the client is closed with 1009 either way.
   */
  maxMessageBytes?: number;
  /** Bad messages after which a client is disconnected (default 10). */
  maxProtocolErrors?: number;
  /**
   * The bound of each client's send queue, in bytes (default 256 KiB): a snapshot that would take
   * the queue past it is skipped (unless the queue is empty), so a client that does not read costs
   * the server at most this much.
   */
  maxBacklogBytes?: number;
  /** Consecutive skipped updates after which a slow client is dropped (default 40: 2 s at 20 Hz). */
  maxSkippedUpdates?: number;
  /** Snapshots remembered per client as delta bases (default 32). */
  historySize?: number;
  /** Snapshot payloads of at least this many bytes are LZ4-compressed (default 128). */
  compressThreshold?: number;
  /** Input commands queued per client before new ones are dropped (default 60). */
  maxQueuedInputs?: number;
  /** Input commands applied per client per simulation step (default 3; lets a client catch up). */
  maxInputsPerStep?: number;
  /**
   * Inputs a client may send ahead of the one-per-step rate, to absorb network jitter (default 6:
   * 100 ms at 60 Hz). Each step gives a client one input credit, up to this many saved; an input
   * that arrives with no credit is dropped and counted as excess.
   */
  inputBurst?: number;
  /**
   * Excess inputs (beyond the rate and burst) after which a client is disconnected with
   * "input_flood" (default 300). The count is forgiven at 6 inputs a second, so only a client that
   * keeps flooding reaches it: one sending 3 inputs per step does in under 3 s.
   */
  maxExcessInputs?: number;
  /** Clients served at once (default 256). */
  maxClients?: number;
  /** Milliseconds a new connection has to say Hello (default 5000). */
  handshakeTimeoutMs?: number;
  /** Fraction of snapshots dropped instead of sent, to exercise acknowledged-base deltas (default 0). */
  snapshotLoss?: number;
  /** Seed of the loss simulation (default 1). */
  seed?: number;
}

/** Where {@link NetServer.listen} serves. */
export interface ListenOptions {
  /** Default "127.0.0.1". */
  hostname?: string;
  /** Default 0: any free port (read it from the result). */
  port?: number;
  /**
   * Whether to start the fixed-rate loop (default true); false leaves the simulation to
   * {@link NetServer.advance}, for lockstep runs and tests.
   */
  start?: boolean;
}

/** Counters of one client, as the server sees it. */
export interface ClientStats {
  /** The server's id for the client. */
  clientId: number;
  /** The name it gave in its Hello. */
  name: string;
  /** Its avatar entity. */
  avatarId: number;
  /** Bytes in are what the server received from this client. */
  bandwidth: BandwidthReport;
  /** Bad messages it sent. */
  protocolErrors: number;
  /** Inputs ignored because their sequence number was not newer than the last one received. */
  staleInputs: number;
  /** Inputs dropped because the client's queue was full. */
  inputsDropped: number;
  /** Inputs dropped because they came faster than one per simulation step beyond the burst. */
  inputsExcess: number;
  /** Bytes waiting in the client's send queue now. */
  queuedBytes: number;
  /** The newest input sequence number received. */
  lastInputReceived: number;
  /** The newest input sequence number applied. */
  lastInputProcessed: number;
  /** The id of the newest snapshot sent to it. */
  lastSnapshotSent: number;
  /** The id of the newest snapshot it acknowledged. */
  lastSnapshotAcked: number;
}

/** Server-wide counters. */
export interface ServerStats {
  /** Simulation steps run. */
  ticks: number;
  /** Network ticks run (snapshot rounds). */
  networkTicks: number;
  /** Snapshots sent over the wire (not counting dropped ones). */
  snapshotsSent: number;
  /** Snapshots dropped to simulate loss. */
  snapshotsDropped: number;
  /** Updates skipped because a client's backlog was full. */
  updatesSkipped: number;
  /** Inputs dropped as excess (faster than the input rate), over all clients. */
  inputsExcess: number;
  /** The most bytes any client's send queue held after a send. */
  peakQueuedBytes: number;
  /** Bad messages received, in all, and by kind. */
  protocolErrors: number;
  /** Bad messages received, by kind. */
  errorsByKind: Record<ProtocolErrorKind, number>;
  /** Disconnections by reason. */
  disconnects: Partial<Record<DisconnectReason | "peer_closed", number>>;
  /** Clients connected now (handshake done). */
  clients: ClientStats[];
}

interface SentSnapshot {
  id: number;
  world: WorldSnapshot;
  rows: Uint32Array;
  count: number;
}

type SessionState = "handshake" | "playing" | "closed";

class Session {
  state: SessionState = "handshake";
  name = "";
  avatarId = 0;
  errors = 0;
  staleInputs = 0;
  inputsDropped = 0;
  inputsExcess = 0;
  /** Inputs the client may still send ahead of the rate (refilled by one per step). */
  inputCredit: number;
  /** Excess inputs not yet forgiven. */
  floodScore = 0;
  lastInputReceived = 0;
  lastInputProcessed = 0;
  lastSentId = 0;
  ackedId = 0;
  consecutiveSkips = 0;
  /** Queued inputs: a ring of `queued` commands from `queueHead`, with their sequence numbers. */
  queue: (InputCommand | undefined)[] = new Array(8);
  queueSeqs = new Uint32Array(8);
  queueHead = 0;
  queued = 0;
  history: (SentSnapshot | undefined)[];
  lastView: SentSnapshot | null = null;
  handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  readonly meter = new BandwidthMeter();

  constructor(
    readonly id: number,
    readonly transport: Transport,
    historySize: number,
    inputBurst: number,
  ) {
    this.history = new Array(historySize);
    this.inputCredit = inputBurst;
  }

  /**
   * Adds `command` (sequence `seq`) at the end of the queue. The ring doubles when full, so it
   * holds what the server's `maxQueuedInputs` lets in, and no step shifts or allocates.
   */
  enqueue(command: InputCommand, seq: number): void {
    if (this.queued === this.queue.length) {
      const size = this.queue.length, head = this.queueHead;
      const queue = new Array<InputCommand | undefined>(size * 2);
      const seqs = new Uint32Array(size * 2);
      for (let i = 0, at = head; i < size; i++, at = at + 1 === size ? 0 : at + 1) {
        queue[i] = this.queue[at];
        seqs[i] = this.queueSeqs[at];
      }
      this.queue = queue;
      this.queueSeqs = seqs;
      this.queueHead = 0;
    }
    let at = this.queueHead + this.queued;
    if (at >= this.queue.length) at -= this.queue.length;
    this.queue[at] = command;
    this.queueSeqs[at] = seq;
    this.queued++;
  }
}

/** A connection handed to the server by a transport: feed it what arrives, tell it when it ends. */
export interface Connection {
  /** The server's id for this client. */
  readonly clientId: number;
  /** Handles one received message. */
  receive(data: IncomingData): void;
  /** The transport met a bad frame (too big, not WebSocket): counted, and the client closed. */
  fault(error: ProtocolError): void;
  /** The transport closed. */
  closed(): void;
}

const noErrors = (): Record<ProtocolErrorKind, number> => ({
  oversized: 0,
  truncated: 0,
  malformed: 0,
  version: 0,
  text: 0,
  unexpected: 0,
});

const closeCodeOf = (reason: DisconnectReason): number =>
  reason === "client_closing"
    ? CloseCode.normal
    : reason === "server_shutdown"
    ? CloseCode.goingAway
    : reason === "server_full"
    ? CloseCode.tryAgainLater
    : reason === "message_too_big"
    ? CloseCode.tooBig
    : CloseCode.policy;

/**
 * A snapshot-and-delta game server over any {@link Transport}, with a WebSocket listener built in.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { NetClient, NetServer } from "@astraweave/net-ecs";
 * const server = new NetServer({ interestRadius: 50 });
 * server.world.spawn({ x: 3, y: 0, z: 0, health: 100 });
 * const { port } = await server.listen({ port: 0 });
 * const client = await NetClient.connect(`ws://127.0.0.1:${port}`);
 * await client.nextSnapshot();
 * assert.equal(client.table.count, 2); // the entity and the client's own avatar
 * await client.close();
 * await server.close();
 * ```
 */
export class NetServer<F extends string = string> {
  /** The entity layout, shared with every client. */
  readonly layout: StateLayout<F>;
  /** The authoritative world: spawn, move and remove entities here. */
  readonly world: NetWorld<F>;
  /** Snapshots per second. */
  readonly tickRate: number;
  /** Simulation steps per second. */
  readonly simRate: number;
  /** Simulation steps run so far. */
  tick = 0;
  /** Snapshot rounds run so far. */
  networkTicks = 0;
  /** Snapshots sent over the wire. */
  snapshotsSent = 0;
  /** Snapshots dropped to simulate loss. */
  snapshotsDropped = 0;
  /** Updates skipped because a client's backlog was full. */
  updatesSkipped = 0;
  /** Inputs dropped as excess (faster than the input rate), over all clients. */
  inputsExcess = 0;
  /** The most bytes any client's send queue held after a send. */
  peakQueuedBytes = 0;
  /** Bad messages received, from all clients. */
  protocolErrors = 0;
  /** Bad messages received, by kind. */
  readonly errorsByKind: Record<ProtocolErrorKind, number> = noErrors();
  /** Connections ended, by reason. */
  readonly disconnects: Partial<Record<DisconnectReason | "peer_closed", number>> = {};

  readonly #options: Required<
    Omit<ServerOptions<F>, "layout" | "onSimulate" | "onConnect" | "onDisconnect" | "movement">
  >;
  readonly #movement: Movement;
  readonly #onSimulate?: ServerOptions<F>["onSimulate"];
  readonly #onConnect?: ServerOptions<F>["onConnect"];
  readonly #onDisconnect?: ServerOptions<F>["onDisconnect"];
  readonly #sessions = new Map<number, Session>();
  readonly #delta = new DeltaEncoder();
  readonly #payload = new Writer(16 * 1024);
  readonly #frame = new Writer(16 * 1024);
  readonly #rng: SeededRandom;
  readonly #stepsPerSnapshot: number;
  #nextClientId = 1;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #nextStepAt = 0;
  #listener: Listener | undefined;
  #closing = false;

  /** A server with `options`; nothing runs until {@link listen}, {@link start} or {@link advance}. */
  constructor(options: ServerOptions<F> = {}) {
    this.layout = options.layout ?? (DEFAULT_LAYOUT as unknown as StateLayout<F>);
    this.world = new NetWorld(this.layout);
    this.tickRate = options.tickRate ?? 20;
    this.simRate = options.simRate ?? 60;
    this.#stepsPerSnapshot = this.simRate / this.tickRate;
    if (!Number.isInteger(this.#stepsPerSnapshot) || this.#stepsPerSnapshot < 1) {
      throw new RangeError(`tickRate ${this.tickRate} must divide simRate ${this.simRate}`);
    }
    const radius = options.interestRadius ?? Infinity;
    const zeros = Object.fromEntries(this.layout.fields.map((f) => [f, 0])) as Record<F, number>;
    this.#options = {
      tickRate: this.tickRate,
      simRate: this.simRate,
      interestRadius: radius,
      leaveRadius: options.leaveRadius ?? radius * 1.1,
      avatarState: options.avatarState ?? (() => zeros),
      maxMessageBytes: options.maxMessageBytes ?? 4096,
      maxProtocolErrors: options.maxProtocolErrors ?? 10,
      maxBacklogBytes: options.maxBacklogBytes ?? 256 * 1024,
      maxSkippedUpdates: options.maxSkippedUpdates ?? 40,
      historySize: options.historySize ?? 32,
      compressThreshold: options.compressThreshold ?? DEFAULT_COMPRESS_THRESHOLD,
      maxQueuedInputs: options.maxQueuedInputs ?? 60,
      maxInputsPerStep: options.maxInputsPerStep ?? 3,
      inputBurst: options.inputBurst ?? 6,
      maxExcessInputs: options.maxExcessInputs ?? 300,
      maxClients: options.maxClients ?? 256,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 5000,
      snapshotLoss: options.snapshotLoss ?? 0,
      seed: options.seed ?? 1,
    };
    this.#movement = options.movement ?? walk(this.layout, { simRate: this.simRate });
    this.#onSimulate = options.onSimulate;
    this.#onConnect = options.onConnect;
    this.#onDisconnect = options.onDisconnect;
    this.#rng = new SeededRandom(this.#options.seed);
  }

  // -------------------------------------------------------------------------------------------
  // Connections

  /**
   * Accepts a new connection over `transport`. The client must say Hello within the handshake
   * timeout.
   */
  connect(transport: Transport): Connection {
    const o = this.#options;
    const session = new Session(this.#nextClientId++, transport, o.historySize, o.inputBurst);
    this.#sessions.set(session.id, session);
    session.handshakeTimer = setTimeout(() => {
      session.handshakeTimer = undefined;
      if (session.state === "handshake") {
        this.#disconnect(session, "handshake_timeout", "no Hello in time");
      }
    }, this.#options.handshakeTimeoutMs);
    return {
      clientId: session.id,
      receive: (data) => this.#receive(session, data),
      fault: (error) => this.#refuse(session, error),
      closed: () => this.#drop(session, "peer_closed"),
    };
  }

  /**
   * Serves WebSocket connections (npm `ws` on `node:http`, frames above `maxMessageBytes` refused
   * unread) and, unless `start` is false, starts the simulation loop. Resolves with the address
   * (with the port the system chose when `port` is 0).
   */
  async listen(options: ListenOptions = {}): Promise<Deno.NetAddr> {
    if (this.#listener) throw new Error("already listening");
    this.#listener = await listenWebSockets(
      options.hostname ?? "127.0.0.1",
      options.port ?? 0,
      this.#options.maxMessageBytes,
      { open: (transport) => this.connect(transport), refusing: () => this.#closing },
    );
    if (options.start ?? true) this.start();
    return this.#listener.addr;
  }

  #receive(session: Session, data: IncomingData): void {
    if (session.state === "closed") return;
    if (typeof data === "string" || data instanceof Blob) {
      const size = typeof data === "string" ? data.length : data.size;
      session.meter.recordIn(size);
      return this.#fault(session, new ProtocolError("text", "text frames are not spoken here"));
    }
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    session.meter.recordIn(bytes.length);
    let message: Message;
    try {
      message = decodeFrame(bytes, this.#options.maxMessageBytes);
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      if (e.kind === "oversized") return this.#refuse(session, e);
      if (e.kind === "version" && session.state === "handshake") {
        this.#count(session, e);
        return this.#disconnect(session, "version_mismatch", e.message);
      }
      return this.#fault(session, e);
    }
    switch (message.tag) {
      case "Hello":
        return this.#hello(session, message);
      case "Input":
        if (session.state !== "playing") break;
        return this.#input(session, message.value.firstSeq, message.value.commands);
      case "Ack":
        if (session.state !== "playing") break;
        return this.#ack(session, message.value.snapshotId);
      case "RequestFull":
        if (session.state !== "playing") break;
        session.ackedId = 0;
        return;
      case "Disconnect":
        return this.#disconnect(session, "client_closing", "goodbye");
    }
    this.#fault(session, new ProtocolError("unexpected", `${message.tag} is not expected here`));
  }

  #hello(session: Session, hello: MessageOf<"Hello">): void {
    if (session.state !== "handshake") {
      return this.#fault(session, new ProtocolError("unexpected", "second Hello"));
    }
    const nameBytes = new TextEncoder().encode(hello.value.name).length;
    if (nameBytes > MAX_NAME_BYTES) {
      return this.#fault(
        session,
        new ProtocolError("malformed", `name of ${nameBytes} bytes exceeds ${MAX_NAME_BYTES}`),
      );
    }
    clearTimeout(session.handshakeTimer);
    session.handshakeTimer = undefined;
    if (hello.value.layout !== this.layout.fingerprint) {
      return this.#disconnect(
        session,
        "layout_mismatch",
        `layout ${hello.value.layout} differs from the server's ${this.layout.fingerprint}`,
      );
    }
    let playing = 0;
    for (const s of this.#sessions.values()) if (s.state === "playing") playing++;
    if (playing >= this.#options.maxClients) {
      return this.#disconnect(session, "server_full", `${playing} clients connected`);
    }
    session.name = hello.value.name;
    session.avatarId = this.world.spawn(this.#options.avatarState(session.id));
    session.state = "playing";
    this.#send(session, {
      tag: "Welcome",
      value: {
        clientId: session.id,
        avatarId: session.avatarId,
        layout: this.layout.fingerprint,
        tickRate: this.tickRate,
        simRate: this.simRate,
        serverTick: this.tick,
      },
    });
    this.#onConnect?.(session.id, session.avatarId);
  }

  #input(session: Session, firstSeq: number, commands: InputCommand[]): void {
    if (firstSeq === 0) {
      return this.#fault(session, new ProtocolError("malformed", "input sequence 0 is reserved"));
    }
    let seq = firstSeq;
    for (let i = 0; i < commands.length; i++, seq = nextSequence(seq)) {
      if (!sequenceNewer(seq, session.lastInputReceived)) {
        session.staleInputs++; // replayed or out of order: already seen or superseded
        continue;
      }
      session.lastInputReceived = seq;
      if (session.inputCredit < 1) {
        session.inputsExcess++;
        this.inputsExcess++;
        session.floodScore++;
      } else if (session.queued >= this.#options.maxQueuedInputs) {
        session.inputsDropped++;
      } else {
        session.inputCredit--;
        session.enqueue(commands[i], seq);
      }
    }
    // Every input received is queued, applied or dropped: with nothing queued, all are dealt with,
    // and saying so lets the client stop predicting the dropped ones.
    if (session.queued === 0) session.lastInputProcessed = session.lastInputReceived;
    if (session.floodScore > this.#options.maxExcessInputs) {
      this.#disconnect(
        session,
        "input_flood",
        `${session.inputsExcess} inputs beyond one per step (burst ${this.#options.inputBurst})`,
      );
    }
  }

  #ack(session: Session, snapshotId: number): void {
    if (snapshotId > session.lastSentId) {
      return this.#fault(
        session,
        new ProtocolError("unexpected", `ack of snapshot ${snapshotId}, never sent`),
      );
    }
    if (snapshotId > session.ackedId) session.ackedId = snapshotId;
  }

  #count(session: Session, error: ProtocolError): void {
    session.errors++;
    this.protocolErrors++;
    this.errorsByKind[error.kind]++;
  }

  #fault(session: Session, error: ProtocolError): void {
    this.#count(session, error);
    if (session.errors >= this.#options.maxProtocolErrors) {
      this.#disconnect(
        session,
        "protocol_errors",
        `${session.errors} bad messages, the last: ${error.message}`,
      );
    }
  }

  /** A message too big (close 1009) or a frame that is not WebSocket: counted, then closed. */
  #refuse(session: Session, error: ProtocolError): void {
    if (session.state === "closed") return;
    this.#count(session, error);
    if (error.kind === "oversized") this.#disconnect(session, "message_too_big", error.message);
    else this.#disconnect(session, "protocol_errors", error.message);
  }

  #send(session: Session, message: Message): void {
    const bytes = encodeFrame(message);
    session.transport.send(bytes);
    session.meter.recordOut(bytes.length);
  }

  #disconnect(session: Session, reason: DisconnectReason, detail: string): void {
    if (session.state === "closed") return;
    // Below the backlog limit the goodbye is useful; above it, it would only add to the pile.
    if (session.transport.bufferedAmount <= this.#options.maxBacklogBytes) {
      try {
        this.#send(session, { tag: "Disconnect", value: { reason, detail } });
      } catch {
        // the transport is already failing; closing it is all that is left
      }
    }
    session.transport.close(closeCodeOf(reason), `${reason}: ${detail}`);
    this.#drop(session, reason);
  }

  #drop(session: Session, reason: DisconnectReason | "peer_closed"): void {
    if (session.state === "closed") return;
    const wasPlaying = session.state === "playing";
    session.state = "closed";
    clearTimeout(session.handshakeTimer);
    this.#sessions.delete(session.id);
    this.disconnects[reason] = (this.disconnects[reason] ?? 0) + 1;
    if (wasPlaying) {
      this.world.despawn(session.avatarId);
      this.#onDisconnect?.(session.id, reason);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Simulation and snapshots

  /** Runs one simulation step: each client's queued inputs, then the game's `onSimulate`. */
  step(): void {
    this.tick++;
    const f = this.layout.fieldCount;
    const { maxInputsPerStep, inputBurst, simRate } = this.#options;
    const forgiveness = FORGIVEN_PER_SECOND / simRate;
    for (const session of this.#sessions.values()) {
      if (session.state !== "playing") continue;
      session.inputCredit = Math.min(inputBurst, session.inputCredit + 1);
      session.floodScore = Math.max(0, session.floodScore - forgiveness);
      if (session.queued === 0) continue;
      const n = Math.min(maxInputsPerStep, session.queued);
      const row = this.world.rowOf(session.avatarId);
      const { queue, queueSeqs } = session;
      let at = session.queueHead;
      for (let i = 0; i < n; i++) {
        if (row >= 0) this.#movement(this.world.values, row * f, queue[at]!);
        session.lastInputProcessed = queueSeqs[at];
        queue[at] = undefined; // applied: the command is not kept alive by the ring
        if (++at === queue.length) at = 0;
      }
      session.queueHead = at;
      session.queued -= n;
      if (session.queued === 0) session.lastInputProcessed = session.lastInputReceived;
    }
    this.#onSimulate?.(this.world, this.tick, 1 / this.simRate);
  }

  /** Sends every connected client its snapshot of the current world. */
  networkTick(): void {
    this.networkTicks++;
    const snapshot = this.world.capture(this.tick);
    for (const session of this.#sessions.values()) {
      if (session.state === "playing") this.#sendSnapshot(session, snapshot);
    }
  }

  #sendSnapshot(session: Session, snapshot: WorldSnapshot): void {
    const o = this.#options;
    if (session.transport.bufferedAmount > o.maxBacklogBytes) return this.#skip(session);

    // The view: reuse the rows buffer of the history slot this snapshot overwrites.
    const id = session.lastSentId + 1;
    const slot = id % session.history.length;
    const evicted = session.history[slot];
    const rows = evicted && evicted.rows.length >= snapshot.count
      ? evicted.rows
      : new Uint32Array(Math.max(64, snapshot.count * 2));
    const avatarRow = findRow(snapshot, session.avatarId);
    const f = snapshot.fieldCount;
    const [ix, iy, iz] = this.layout.position;
    const p = this.layout.precision;
    const center = avatarRow < 0 ? { x: 0, y: 0, z: 0 } : {
      x: snapshot.values[avatarRow * f + ix] * p[ix],
      y: snapshot.values[avatarRow * f + iy] * p[iy],
      z: snapshot.values[avatarRow * f + iz] * p[iz],
    };
    const count = selectInterest(
      snapshot,
      this.layout,
      {
        center,
        radius: o.interestRadius,
        leaveRadius: o.leaveRadius,
        focusId: session.avatarId,
      },
      session.lastView && viewOf(session.lastView),
      rows,
    );
    const sent: SentSnapshot = { id, world: snapshot, rows, count };

    const base = this.#baseOf(session);
    this.#payload.reset();
    const stats = this.#delta.encode(
      base ? viewOf(base) : { table: emptyTable(f), rows: null, count: 0 },
      viewOf(sent),
      this.#payload,
    );
    const raw = this.#payload.written();
    const wire = compressPayload(raw, o.compressThreshold);
    this.#frame.reset();
    encodeFrameInto(this.#frame, {
      tag: "Snapshot",
      value: {
        id,
        serverTick: snapshot.tick,
        base: base ? base.id : null,
        lastInput: session.lastInputProcessed,
        compressed: wire.compressed,
        payload: wire.bytes,
      },
    });
    session.history[slot] = sent;
    session.lastView = sent;
    session.lastSentId = id;
    if (o.snapshotLoss > 0 && this.#rng.chance(o.snapshotLoss)) {
      this.snapshotsDropped++;
      session.meter.snapshotsDropped++;
      return;
    }
    const queued = session.transport.bufferedAmount;
    if (queued > 0 && queued + this.#frame.written().length > o.maxBacklogBytes) {
      // Sending would take the queue past its bound: skip it as if it were lost (the client's next
      // snapshot is a delta against what it acknowledged, or a full one).
      this.#skip(session);
      return;
    }
    session.consecutiveSkips = 0;
    const frame = this.#frame.toBytes();
    session.transport.send(frame);
    session.meter.recordOut(frame.length);
    const after = session.transport.bufferedAmount;
    if (after > this.peakQueuedBytes) this.peakQueuedBytes = after;
    session.meter.recordSnapshot({
      full: base === undefined,
      rawBytes: raw.length,
      wireBytes: wire.bytes.length,
      entities: stats.created + stats.changed,
    });
    this.snapshotsSent++;
  }

  #skip(session: Session): void {
    this.updatesSkipped++;
    session.meter.updatesSkipped++;
    if (++session.consecutiveSkips > this.#options.maxSkippedUpdates) {
      this.#disconnect(session, "backlog", `${session.transport.bufferedAmount} bytes queued`);
    }
  }

  #baseOf(session: Session): SentSnapshot | undefined {
    if (session.ackedId === 0) return undefined;
    const entry = session.history[session.ackedId % session.history.length];
    return entry?.id === session.ackedId ? entry : undefined;
  }

  /**
   * Starts the fixed-rate loop: `simRate` steps per second, a network tick every
   * `simRate / tickRate` steps. {@link listen} calls it; call it yourself with {@link connect}.
   */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#nextStepAt = performance.now();
    const stepMs = 1000 / this.simRate;
    const loop = () => {
      const now = performance.now();
      // Catch up after a late timer, but never more than a few steps: a stalled process should
      // resume, not burn a second of simulation in one go.
      for (let n = 0; n < 4 && now >= this.#nextStepAt; n++) {
        this.advance();
        this.#nextStepAt += stepMs;
      }
      if (now - this.#nextStepAt > 100) this.#nextStepAt = now;
      this.#timer = setTimeout(loop, Math.max(0, this.#nextStepAt - performance.now()));
    };
    this.#timer = setTimeout(loop, 0);
  }

  /** One simulation step, and the network tick when one is due. */
  advance(): void {
    this.step();
    if (this.tick % this.#stepsPerSnapshot === 0) this.networkTick();
  }

  /** Stops the fixed-rate loop (connections stay open). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Says goodbye to every client ("server_shutdown"), stops the loop and the listener, and
   * resolves once every socket has closed.
   */
  async close(): Promise<void> {
    this.#closing = true;
    this.stop();
    for (const session of [...this.#sessions.values()]) {
      this.#disconnect(session, "server_shutdown", "the server is shutting down");
    }
    await this.#listener?.drained();
    await this.#listener?.close();
    this.#listener = undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Inspection

  /** Server-wide counters and each connected client's. */
  stats(): ServerStats {
    return {
      ticks: this.tick,
      networkTicks: this.networkTicks,
      snapshotsSent: this.snapshotsSent,
      snapshotsDropped: this.snapshotsDropped,
      updatesSkipped: this.updatesSkipped,
      inputsExcess: this.inputsExcess,
      peakQueuedBytes: this.peakQueuedBytes,
      protocolErrors: this.protocolErrors,
      errorsByKind: { ...this.errorsByKind },
      disconnects: { ...this.disconnects },
      clients: [...this.#sessions.values()].filter((s) => s.state === "playing").map((s) =>
        this.#clientStats(s)
      ),
    };
  }

  /** One connected client's counters, or undefined. */
  clientStats(clientId: number): ClientStats | undefined {
    const session = this.#sessions.get(clientId);
    return session ? this.#clientStats(session) : undefined;
  }

  #clientStats(s: Session): ClientStats {
    return {
      clientId: s.id,
      name: s.name,
      avatarId: s.avatarId,
      bandwidth: s.meter.report(),
      protocolErrors: s.errors,
      staleInputs: s.staleInputs,
      inputsDropped: s.inputsDropped,
      inputsExcess: s.inputsExcess,
      queuedBytes: s.transport.bufferedAmount,
      lastInputReceived: s.lastInputReceived,
      lastInputProcessed: s.lastInputProcessed,
      lastSnapshotSent: s.lastSentId,
      lastSnapshotAcked: s.ackedId,
    };
  }

  /**
   * What client `clientId` holds after applying snapshot `snapshotId` (the server's record of
   * it), or undefined when that snapshot is no longer remembered. For verification and tests.
   */
  sentTable(clientId: number, snapshotId: number): EntityTable | undefined {
    const session = this.#sessions.get(clientId);
    const entry = session?.history[snapshotId % session.history.length];
    return entry?.id === snapshotId ? materialize(viewOf(entry)) : undefined;
  }
}

/** Excess inputs forgiven per second: occasional jitter beyond the burst never adds up. */
const FORGIVEN_PER_SECOND = 6;

const viewOf = (s: SentSnapshot): TableView => ({ table: s.world, rows: s.rows, count: s.count });
