/**
 * The one thing the server and client need from a connection: send bytes, report how many bytes
 * are still queued, close. A WebSocket is one (both the server's upgraded socket and the standard
 * client); tests and benchmarks use in-process ones.
 *
 * @module
 */

/** A message-oriented, ordered connection. */
export interface Transport {
  /** Queues one message. */
  send(bytes: Uint8Array): void;
  /** Bytes queued and not yet handed to the network (a WebSocket's `bufferedAmount`). */
  readonly bufferedAmount: number;
  /** Closes the connection with a WebSocket close code and reason. */
  close(code: number, reason: string): void;
}

/** What a connection receives: WebSocket message data. */
export type IncomingData = Uint8Array | ArrayBuffer | string | Blob;

/** WebSocket close codes used by the server and the client. */
export const CloseCode = {
  /** Normal closure: the client said goodbye. */
  normal: 1000,
  /** The server is shutting down. */
  goingAway: 1001,
  /** Policy violation: bad messages, wrong version or layout, no handshake, input flood, backlog. */
  policy: 1008,
  /** A message larger than the receiver accepts. */
  tooBig: 1009,
  /** The server is full. */
  tryAgainLater: 1013,
} as const;

/**
 * The npm `ws` module, loaded on first use: it reads two environment variables when it loads, so
 * code that never opens a socket (encoding, deltas, prediction) needs no `--allow-env`.
 */
export const loadWs = (): Promise<typeof import("ws")> => import("ws");

/**
 * Opens a client WebSocket to `url` with the npm `ws` implementation of the standard interface:
 * unlike Deno's built-in client it turns Nagle's algorithm off (small messages leave at once) and
 * refuses frames above `maxPayload` bytes from their header.
 */
export async function openWebSocket(url: string | URL, maxPayload: number): Promise<WebSocket> {
  const { WebSocket: WsSocket } = await loadWs();
  const socket = new WsSocket(url, { maxPayload });
  socket.binaryType = "arraybuffer";
  return socket as unknown as WebSocket;
}

/** Wraps a WebSocket as a {@link Transport}. */
export function webSocketTransport(socket: WebSocket): Transport {
  return {
    send: (bytes) => socket.send(bytes),
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
    close: (code, reason) => {
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
        socket.close(code, closeReason(reason));
      }
    },
  };
}

const MAX_CLOSE_REASON_BYTES = 123;

/**
 * `reason` cut to the 123 UTF-8 bytes a WebSocket close frame can carry (at a character
 * boundary), since a longer one makes `close()` throw instead of closing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { closeReason } from "@astraweave/net-ecs";
 * assert.equal(closeReason("bye"), "bye");
 * assert.equal(new TextEncoder().encode(closeReason("é".repeat(100))).length, 122);
 * ```
 */
export function closeReason(reason: string): string {
  const bytes = new TextEncoder().encode(reason);
  if (bytes.length <= MAX_CLOSE_REASON_BYTES) return reason;
  let end = MAX_CLOSE_REASON_BYTES;
  while ((bytes[end] & 0xc0) === 0x80) end--; // step back to the start of a character
  return new TextDecoder().decode(bytes.subarray(0, end));
}
