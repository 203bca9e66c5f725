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
  /** Protocol violation: bad messages, wrong version or layout, no handshake, backlog. */
  policy: 1008,
  /** The server is full. */
  tryAgainLater: 1013,
} as const;

/** Wraps a WebSocket as a {@link Transport}. */
export function webSocketTransport(socket: WebSocket): Transport {
  return {
    send: (bytes) => socket.send(bytes),
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
    close: (code, reason) => {
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
        socket.close(code, reason.slice(0, 120)); // a close reason is at most 123 bytes
      }
    },
  };
}
