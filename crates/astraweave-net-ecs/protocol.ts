/**
 * The wire protocol: every WebSocket message is one postcard-encoded {@link Frame}, a protocol
 * version followed by one {@link Message}. The version comes first so that a peer speaking another
 * version is recognised before anything else of its message is read.
 *
 * | message       | direction        | carries                                                      |
 * |---------------|------------------|--------------------------------------------------------------|
 * | `Hello`       | client → server  | player name, layout fingerprint                              |
 * | `Welcome`     | server → client  | client id, avatar entity id, layout, tick and simulation rates |
 * | `Input`       | client → server  | first sequence number, then consecutive input commands      |
 * | `Snapshot`    | server → client  | id, server tick, base snapshot id or none, last input processed, compressed flag, payload |
 * | `Ack`         | client → server  | the newest snapshot id the client applied                    |
 * | `RequestFull` | client → server  | "I lost my base, send a full snapshot"                       |
 * | `Disconnect`  | either           | reason and a human-readable detail                           |
 *
 * @module
 */

import {
  bool,
  bytes,
  CodecError,
  enumOf,
  i8,
  literals,
  option,
  Reader,
  type Schema,
  seq,
  string,
  struct,
  u16,
  u32,
  u64AsNumber,
  u8,
  unit,
  type Writer,
} from "@astraweave/codec";

/** The protocol version this library speaks. */
export const PROTOCOL_VERSION = 1;

/**
 * One simulation step of player input: a movement direction (each axis -127..127, 127 = full
 * speed) and a button bit set for the game's own use.
 */
export interface InputCommand {
  /** -127 to 127 along x; 127 is full speed. */
  moveX: number;
  /** -127 to 127 along y. */
  moveY: number;
  /** -127 to 127 along z. */
  moveZ: number;
  /** Buttons held, one bit each; the game decides what they mean. */
  buttons: number;
}
/** The postcard schema of {@link InputCommand}: three i8 and a u8. */
export const InputCommand: Schema<InputCommand> = struct({
  moveX: i8,
  moveY: i8,
  moveZ: i8,
  buttons: u8,
});

/** Why a connection ended. */
export type DisconnectReason =
  | "protocol_errors"
  | "version_mismatch"
  | "layout_mismatch"
  | "backlog"
  | "server_shutdown"
  | "server_full"
  | "handshake_timeout"
  | "client_closing"
  /** Kept sending inputs faster than one per simulation step (a speed hack). */
  | "input_flood"
  /** Sent a message larger than the server accepts. */
  | "message_too_big";
/** The postcard schema of {@link DisconnectReason} (a unit-only enum). */
export const DisconnectReason: Schema<DisconnectReason> = literals(
  "protocol_errors",
  "version_mismatch",
  "layout_mismatch",
  "backlog",
  "server_shutdown",
  "server_full",
  "handshake_timeout",
  "client_closing",
  "input_flood",
  "message_too_big",
);

/** The longest player name a Hello may carry, in UTF-8 bytes. */
export const MAX_NAME_BYTES = 64;

/** A protocol message: `{ tag, value }` (the variant order below is the wire discriminant). */
export type Message =
  | { tag: "Hello"; value: { name: string; layout: number } }
  | {
    tag: "Welcome";
    value: {
      clientId: number;
      avatarId: number;
      layout: number;
      tickRate: number;
      simRate: number;
      serverTick: number;
    };
  }
  | { tag: "Input"; value: { firstSeq: number; commands: InputCommand[] } }
  | {
    tag: "Snapshot";
    value: {
      id: number;
      serverTick: number;
      base: number | null;
      lastInput: number;
      compressed: boolean;
      payload: Uint8Array;
    };
  }
  | { tag: "Ack"; value: { snapshotId: number } }
  | { tag: "RequestFull" }
  | { tag: "Disconnect"; value: { reason: DisconnectReason; detail: string } };

/** Every message of the protocol (postcard enum; the variant order is the wire discriminant). */
export const Message: Schema<Message> = enumOf({
  Hello: struct({ name: string, layout: u32 }),
  Welcome: struct({
    clientId: u32,
    avatarId: u32,
    layout: u32,
    tickRate: u16,
    simRate: u16,
    serverTick: u64AsNumber,
  }),
  Input: struct({ firstSeq: u32, commands: seq(InputCommand) }),
  Snapshot: struct({
    id: u32,
    serverTick: u64AsNumber,
    base: option(u32),
    lastInput: u32,
    compressed: bool,
    payload: bytes,
  }),
  Ack: struct({ snapshotId: u32 }),
  RequestFull: unit,
  Disconnect: struct({ reason: DisconnectReason, detail: string }),
});
/** The payload type of message `T`. */
export type MessageOf<T extends Message["tag"]> = Extract<Message, { tag: T }>;

/** One WebSocket message: the protocol version, then the message. */
export const Frame: Schema<{ version: number; message: Message }> = struct({
  version: u16,
  message: Message,
});

/** How a received message was bad. */
export type ProtocolErrorKind =
  /** Larger than the receiver's limit. */
  | "oversized"
  /** Ends before the message does. */
  | "truncated"
  /** Not a valid message (bad discriminant, bool, varint, trailing bytes, bad payload...). */
  | "malformed"
  /** Another protocol version. */
  | "version"
  /** A text frame where only binary frames are spoken. */
  | "text"
  /** A valid message the receiver does not accept now (a second Hello, a server-only message). */
  | "unexpected";

/**
 * A message the protocol rejects, with the kind of fault (counted per kind by the server).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeFrame, ProtocolError } from "@astraweave/net-ecs";
 * assert.throws(
 *   () => decodeFrame(new Uint8Array([9, 0])),
 *   (e) => e instanceof ProtocolError && e.kind === "version",
 * );
 * ```
 */
export class ProtocolError extends Error {
  /** What was wrong with the message. */
  readonly kind: ProtocolErrorKind;
  /** A fault of `kind`, described by `detail`. */
  constructor(kind: ProtocolErrorKind, detail: string) {
    super(detail);
    this.name = "ProtocolError";
    this.kind = kind;
  }
}

/** Maps a decoding failure to the protocol fault it stands for. */
export function protocolErrorOf(e: unknown): ProtocolError {
  if (e instanceof ProtocolError) return e;
  if (e instanceof CodecError) {
    const kind = e.kind === "truncated" || e.kind === "length_overrun" ? "truncated" : "malformed";
    return new ProtocolError(kind, e.message);
  }
  throw e; // a bug, not bad input: let it surface
}

/**
 * Writes `message` as one frame of this protocol version to `w` (reuse the writer on hot paths).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Writer } from "@astraweave/codec";
 * import { encodeFrameInto } from "@astraweave/net-ecs";
 * const w = new Writer();
 * encodeFrameInto(w, { tag: "Ack", value: { snapshotId: 300 } });
 * assert.deepEqual(w.toBytes(), Uint8Array.of(1, 4, 172, 2));
 * ```
 */
export function encodeFrameInto(w: Writer, message: Message): void {
  if (message.tag === "Input" && encodeInputFrame(w, message.value)) return;
  Frame.encodeInto(w, { version: PROTOCOL_VERSION, message });
}

/** The wire discriminant of `Input` in {@link Message} (its place in the variant order). */
const INPUT_TAG = 2;
/** Bytes of one encoded {@link InputCommand}: three i8 and a u8. */
const INPUT_COMMAND_BYTES = 4;
/** Input frames the hand-written paths take: a sequence number and a count of up to 4 varint bytes. */
const MAX_FAST_SEQ = 2 ** 28 - 1;

/**
 * The Input frame written by hand, the message every client sends every step: the same bytes as
 * the schema. Returns false, having written nothing, for anything it does not take (a value out
 * of range, more than 127 commands, a sequence number of 2^28 or more); the schema then writes it
 * or says what is wrong.
 */
function encodeInputFrame(w: Writer, value: MessageOf<"Input">["value"]): boolean {
  const { firstSeq, commands } = value;
  if (!((firstSeq >>> 0) === firstSeq && firstSeq <= MAX_FAST_SEQ)) return false;
  if (!Array.isArray(commands) || commands.length > 0x7f) return false;
  w.reserve(6 + commands.length * INPUT_COMMAND_BYTES);
  const buf = w.buf;
  let pos = w.pos;
  buf[pos++] = PROTOCOL_VERSION;
  buf[pos++] = INPUT_TAG;
  let v = firstSeq;
  for (; v > 0x7f; v >>>= 7) buf[pos++] = (v & 0x7f) | 0x80;
  buf[pos++] = v;
  buf[pos++] = commands.length;
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i];
    if (typeof command !== "object" || command === null) return false;
    const { moveX, moveY, moveZ, buttons } = command;
    // An i8 survives sign-extending its low byte; a u8 survives masking: anything else is not one.
    if (
      ((moveX << 24) >> 24) !== moveX || ((moveY << 24) >> 24) !== moveY ||
      ((moveZ << 24) >> 24) !== moveZ || (buttons & 0xff) !== buttons
    ) return false;
    buf[pos++] = moveX;
    buf[pos++] = moveY;
    buf[pos++] = moveZ;
    buf[pos++] = buttons;
  }
  w.pos = pos;
  return true;
}

/**
 * A cursor over a frame for the hand-written readers: `varint` reads up to 4 bytes (values below
 * 2^28) and gives -1 past them or past the end, so that the reader gives the frame up to the
 * schema, which reads longer varints and says what is wrong.
 */
class ShortCursor {
  pos: number;
  constructor(readonly bytes: Uint8Array, pos: number) {
    this.pos = pos;
  }

  varint(): number {
    const bytes = this.bytes;
    let value = 0;
    for (let shift = 0; shift <= 21; shift += 7) {
      if (this.pos >= bytes.length) return -1;
      const b = bytes[this.pos++];
      value |= (b & 0x7f) << shift;
      if (b < 0x80) return value;
    }
    return -1;
  }
}

/** The wire discriminant of `Snapshot` in {@link Message}. */
const SNAPSHOT_TAG = 3;

/**
 * The two frames sent every step or tick, read by hand: the same message as the schema reads, for
 * the frames it takes (the Input and Snapshot messages, varints of at most 4 bytes, the length
 * exact); undefined for anything else, which the schema then reads or refuses.
 */
function decodeFrequentFrame(bytes: Uint8Array): MessageOf<"Input" | "Snapshot"> | undefined {
  if (bytes.length < 4 || bytes[0] !== PROTOCOL_VERSION) return undefined;
  const r = new ShortCursor(bytes, 2);
  if (bytes[1] === INPUT_TAG) {
    const firstSeq = r.varint();
    const count = r.varint();
    if (firstSeq < 0 || count < 0 || bytes.length - r.pos !== count * INPUT_COMMAND_BYTES) {
      return undefined;
    }
    const commands: InputCommand[] = [];
    for (let pos = r.pos; pos < bytes.length; pos += INPUT_COMMAND_BYTES) {
      commands.push({
        moveX: (bytes[pos] << 24) >> 24,
        moveY: (bytes[pos + 1] << 24) >> 24,
        moveZ: (bytes[pos + 2] << 24) >> 24,
        buttons: bytes[pos + 3],
      });
    }
    return { tag: "Input", value: { firstSeq, commands } };
  }
  if (bytes[1] !== SNAPSHOT_TAG) return undefined;
  const id = r.varint();
  const serverTick = r.varint();
  const hasBase = bytes[r.pos++];
  const base = hasBase === 1 ? r.varint() : hasBase === 0 ? null : -1;
  const lastInput = r.varint();
  const flag = bytes[r.pos++];
  const length = r.varint();
  if (
    id < 0 || serverTick < 0 || base === -1 || lastInput < 0 || !(flag === 0 || flag === 1) ||
    length < 0 || bytes.length - r.pos !== length
  ) return undefined;
  const payload = bytes.subarray(r.pos);
  return {
    tag: "Snapshot",
    value: { id, serverTick, base, lastInput, compressed: flag === 1, payload },
  };
}

/**
 * Encodes `message` as one frame of this protocol version.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeFrame, encodeFrame } from "@astraweave/net-ecs";
 * const bytes = encodeFrame({ tag: "Hello", value: { name: "ada", layout: 1 } });
 * assert.deepEqual(decodeFrame(bytes), { tag: "Hello", value: { name: "ada", layout: 1 } });
 * ```
 */
export function encodeFrame(message: Message): Uint8Array {
  return Frame.encode({ version: PROTOCOL_VERSION, message });
}

/**
 * Decodes one frame, rejecting anything above `maxBytes`, another protocol version, truncated or
 * malformed bytes with a {@link ProtocolError}. A decoded `bytes` payload is a view of the input.
 */
export function decodeFrame(bytes: Uint8Array, maxBytes = Infinity): Message {
  if (bytes.length > maxBytes) {
    throw new ProtocolError("oversized", `message of ${bytes.length} bytes exceeds ${maxBytes}`);
  }
  const frequent = decodeFrequentFrame(bytes);
  if (frequent !== undefined) return frequent;
  try {
    const r = new Reader(bytes);
    const version = r.varint32(16);
    if (version !== PROTOCOL_VERSION) {
      throw new ProtocolError(
        "version",
        `protocol version ${version}, this side speaks ${PROTOCOL_VERSION}`,
      );
    }
    const message = Message.decodeFrom(r);
    r.finish();
    return message;
  } catch (e) {
    throw protocolErrorOf(e);
  }
}
