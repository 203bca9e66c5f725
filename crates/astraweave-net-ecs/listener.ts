/**
 * The WebSocket listener of {@link NetServer.listen}: `node:http` with the npm `ws` server, because
 * `ws` refuses a frame whose header announces more than `maxPayload` bytes before reading its
 * payload, while `Deno.upgradeWebSocket` buffers every frame whole up to 64 MiB (measured: a 60 MB
 * frame grew the server by 51 MiB before any handler could see it). With `ws`, the server answers
 * the header with close 1009, discards what the peer still sends (its memory rose about 30 MiB,
 * allocator slack, and stayed there while 550 MB streamed in) and cuts the connection after a
 * short grace.
 *
 * @module
 */

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Duplex } from "node:stream";
import type { Buffer } from "node:buffer";
import { ProtocolError } from "./protocol.ts";
import { closeReason, type IncomingData, loadWs, type Transport } from "./transport.ts";

/** What the listener asks of the server for each accepted WebSocket. */
export interface SocketHandler {
  /** A socket is open: returns what to call with its messages, its faults and its end. */
  open(transport: Transport): {
    receive(data: IncomingData): void;
    fault(error: ProtocolError): void;
    closed(): void;
  };
  /** Whether new connections are refused (the server is shutting down). */
  refusing(): boolean;
}

/** A running listener. */
export interface Listener {
  /** Where it listens (the port the system chose when 0 was asked for). */
  readonly addr: Deno.NetAddr;
  /** Resolves once every socket it accepted has closed. */
  drained(): Promise<void>;
  /** Stops listening and ends every remaining connection. */
  close(): Promise<void>;
}

/** The part of a `ws` server-side socket used here (the package ships no types of its own). */
interface WsSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  binaryType: string;
  send(data: Uint8Array, options: { binary: boolean }): void;
  close(code: number, reason: string): void;
  terminate(): void;
  on(event: "message", listener: (data: Uint8Array, isBinary: boolean) => void): void;
  on(event: "error", listener: (error: Error) => void): void;
  on(event: "close", listener: () => void): void;
  once(event: "close", listener: () => void): void;
}

const CLOSED = 3; // WebSocket.CLOSED

/** Milliseconds a closing socket has to finish the close handshake before it is cut. */
const CLOSE_GRACE_MS = 1000;

function wsTransport(socket: WsSocket): Transport {
  let cut: ReturnType<typeof setTimeout> | undefined;
  socket.once("close", () => clearTimeout(cut));
  return {
    send: (bytes) => socket.send(bytes, { binary: true }),
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
    close: (code, reason) => {
      if (socket.readyState === CLOSED) return;
      socket.close(code, closeReason(reason));
      // A peer that does not read never answers the close frame (it is queued behind what it did
      // not read): cut it instead of keeping the socket for the library's 30 s default.
      cut ??= setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
    },
  };
}

// ws reports frame-level faults as errors with these codes, after closing with 1009 or 1002.
function faultOf(error: Error & { code?: string }): ProtocolError {
  return error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH"
    ? new ProtocolError("oversized", error.message)
    : new ProtocolError("malformed", error.message);
}

/** Serves WebSockets on `hostname:port`, refusing frames above `maxPayload` bytes unread. */
export async function listenWebSockets(
  hostname: string,
  port: number,
  maxPayload: number,
  handler: SocketHandler,
): Promise<Listener> {
  const { WebSocketServer } = await loadWs();
  const sockets = new Set<Promise<void>>();
  const wss = new WebSocketServer({ noServer: true, maxPayload, clientTracking: true });
  const http: Server = createServer((request, response) => {
    const upgrade = request.headers.upgrade?.toLowerCase() === "websocket";
    response.writeHead(upgrade ? 400 : 426, { "content-type": "text/plain" });
    response.end(
      upgrade ? "bad WebSocket upgrade\n" : "AstraWeave net-ecs server: connect with a WebSocket\n",
    );
  });
  http.on("upgrade", (request: IncomingMessage, stream: Duplex, head: Buffer) => {
    if (handler.refusing()) {
      stream.end("HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\n\r\nshutting down\n");
      return;
    }
    wss.handleUpgrade(request, stream, head, (socket: WsSocket) => {
      socket.binaryType = "nodebuffer";
      const connection = handler.open(wsTransport(socket));
      const { promise, resolve } = Promise.withResolvers<void>();
      sockets.add(promise);
      socket.on("message", (data: Uint8Array, isBinary: boolean) => {
        connection.receive(isBinary ? data : new TextDecoder().decode(data));
      });
      socket.on("error", (error: Error) => connection.fault(faultOf(error)));
      socket.on("close", () => {
        connection.closed();
        sockets.delete(promise);
        resolve();
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, hostname, () => resolve());
  });
  const address = http.address() as { address: string; port: number };
  return {
    addr: { transport: "tcp", hostname: address.address, port: address.port },
    drained: () => Promise.all(sockets).then(() => {}),
    close: async () => {
      for (const socket of wss.clients as Set<WsSocket>) socket.terminate();
      await Promise.all(sockets);
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
