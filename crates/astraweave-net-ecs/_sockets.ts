/**
 * Test helper: hand-driven WebSocket clients for the socket tests (a client that sends whatever
 * bytes a test wants, one that never reads), and a server listening on a free port.
 *
 * @module
 */

import assert from "node:assert/strict";
import { decodeFrame, encodeFrame, type Message } from "./protocol.ts";
import { NetServer, type ServerOptions } from "./server.ts";

/** The layout fingerprint of a default server, for hand-made Hellos. */
export const defaultFingerprint: number = new NetServer().layout.fingerprint;

/** Resolves once `condition` holds; rejects after `timeoutMs`. */
export async function waitFor(
  what: string,
  condition: () => boolean,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A hand-driven WebSocket client: sends whatever bytes a test wants, records what comes back. */
export class RawClient {
  readonly messages: Message[] = [];
  readonly closed: Promise<CloseEvent>;
  constructor(readonly socket: WebSocket) {
    socket.binaryType = "arraybuffer";
    socket.onmessage = (e) => this.messages.push(decodeFrame(new Uint8Array(e.data)));
    this.closed = new Promise((resolve) => (socket.onclose = resolve));
  }
  static async open(port: number): Promise<RawClient> {
    const client = new RawClient(new WebSocket(`ws://127.0.0.1:${port}`));
    await new Promise((resolve, reject) => {
      client.socket.onopen = resolve;
      client.socket.onerror = reject;
    });
    return client;
  }
  send(data: Uint8Array | string | Message): void {
    this.socket.send(typeof data === "object" && "tag" in data ? encodeFrame(data) : data);
  }
  async hello(): Promise<void> {
    this.send({ tag: "Hello", value: { name: "raw", layout: defaultFingerprint } });
    await waitFor("Welcome", () => this.messages.some((m) => m.tag === "Welcome"));
  }
  async close(): Promise<CloseEvent> {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close();
    return await this.closed;
  }
}

/** Runs `body` with a server listening on a free port, and closes the server after it. */
export async function withServer(
  options: ServerOptions<string>,
  body: (server: NetServer, port: number) => Promise<void>,
): Promise<void> {
  const server = new NetServer(options);
  const { port } = await server.listen({ port: 0 });
  try {
    await body(server, port);
  } finally {
    await server.close();
  }
}

/** Opens a WebSocket by hand over TCP: the upgrade and nothing else, so a test can send raw frames. */
export async function openRawSocket(port: number): Promise<Deno.TcpConn> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const request = [
    "GET / HTTP/1.1",
    `Host: 127.0.0.1:${port}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version: 13",
    "",
    "",
  ].join("\r\n");
  await conn.write(new TextEncoder().encode(request));
  const head = new Uint8Array(1024);
  const n = await conn.read(head);
  assert.match(new TextDecoder().decode(head.subarray(0, n ?? 0)), /^HTTP\/1.1 101/);
  return conn;
}

/** A masked binary frame header (clients must mask) for `length` payload bytes, mask 0. */
export function frameHeader(length: number): Uint8Array {
  if (length < 126) return Uint8Array.of(0x82, 0x80 | length, 0, 0, 0, 0);
  const header = new Uint8Array(14);
  header[0] = 0x82;
  header[1] = 0x80 | 127;
  new DataView(header.buffer).setBigUint64(2, BigInt(length));
  return header; // the 4 mask bytes stay 0, so the payload goes as it is
}

/**
 * Opens a WebSocket by hand, says Hello, and then never reads: the server's writes pile up in the
 * kernel buffers and then in the socket's `bufferedAmount`.
 */
export async function openNonReadingSocket(port: number, name = "slow"): Promise<Deno.TcpConn> {
  const conn = await openRawSocket(port);
  const hello = encodeFrame({ tag: "Hello", value: { name, layout: defaultFingerprint } });
  await conn.write(Uint8Array.of(...frameHeader(hello.length), ...hello));
  return conn;
}
