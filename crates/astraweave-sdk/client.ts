/**
 * A TypeScript client for a host speaking this SDK's protocol (JSON-RPC 2.0, one message per
 * line), over any pair of byte streams: a child process's stdout and stdin, a socket.
 *
 * @module
 */

import { LineReader } from "./lines.ts";
import { DEFAULT_MAX_LINE_BYTES } from "./host.ts";

/** An error response of the host: the SDK's code (-1 to -4) or a JSON-RPC code. */
export class HostError extends Error {
  /** "HostError". */
  override name = "HostError";
  /** `error.code` of the response. */
  readonly code: number;
  /** A host-side error for the call that sent it. */
  constructor(code: number, message: string) {
    super(message);
    this.code = code;
  }
}

/** A notification from the host (`onSnapshot`, `onDelta`, `onLog`). */
export interface HostNotification {
  /** "onSnapshot", "onDelta" or "onLog". */
  method: string;
  /** `handle`, and `snapshot`, `delta` or `line`. */
  params: Record<string, unknown>;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const encoder = new TextEncoder();

/**
 * Calls a host's methods and resolves each call with its `result`, or rejects it with a
 * {@link HostError}. Notifications go to `onNotification`. Calls may overlap: responses are
 * matched by id.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HostClient, SdkHost, serveLines } from "@astraweave/sdk";
 *
 * // A host in this process, over a pair of in-memory pipes.
 * const toHost = new TransformStream<Uint8Array, Uint8Array>();
 * const toClient = new TransformStream<Uint8Array, Uint8Array>();
 * const writer = toClient.writable.getWriter();
 * const served = serveLines(new SdkHost(), toHost.readable, (bytes) => writer.write(bytes));
 *
 * const client = new HostClient(toClient.readable, toHost.writable);
 * const { handle } = await client.call("createWorld") as { handle: number };
 * await assert.rejects(client.call("tick", { handle, dt: -1 }), /dt must be/);
 * const closed = client.close(); // the host's input ends...
 * await served; // ...so it stops serving
 * await writer.close();
 * await closed;
 * ```
 */
export class HostClient {
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #pending = new Map<number, Pending>();
  readonly #done: Promise<void>;
  #nextId = 1;
  #closed = false;

  /** A client reading responses from `input` and writing requests to `output`. */
  constructor(
    input: ReadableStream<Uint8Array>,
    output: WritableStream<Uint8Array>,
    onNotification: (notification: HostNotification) => void = () => {},
  ) {
    this.#writer = output.getWriter();
    this.#done = this.#read(input, onNotification);
  }

  async #read(
    input: ReadableStream<Uint8Array>,
    onNotification: (notification: HostNotification) => void,
  ): Promise<void> {
    const lines = new LineReader(DEFAULT_MAX_LINE_BYTES);
    const onLine = (event: Parameters<Parameters<LineReader["push"]>[1]>[0]) => {
      if (event.kind !== "line" || event.text === "") return;
      const message = JSON.parse(event.text);
      for (const item of Array.isArray(message) ? message : [message]) {
        this.#dispatch(item, onNotification);
      }
    };
    try {
      for await (const chunk of input) lines.push(chunk, onLine);
      lines.finish(onLine);
    } finally {
      const gone = new HostError(-32000, "the host closed the connection");
      for (const pending of this.#pending.values()) pending.reject(gone);
      this.#pending.clear();
    }
  }

  #dispatch(
    message: Record<string, unknown>,
    onNotification: (notification: HostNotification) => void,
  ): void {
    if (typeof message.method === "string" && !("id" in message)) {
      onNotification(message as unknown as HostNotification);
      return;
    }
    const pending = this.#pending.get(message.id as number);
    if (pending === undefined) return; // an answer to no call of ours (a parse error's null id)
    this.#pending.delete(message.id as number);
    const error = message.error as { code: number; message: string } | undefined;
    if (error !== undefined) pending.reject(new HostError(error.code, error.message));
    else pending.resolve(message.result);
  }

  /** Calls `method` with named `params`; resolves with the result. */
  call(method: string, params?: Record<string, unknown>): Promise<unknown> {
    if (this.#closed) return Promise.reject(new HostError(-32000, "the client is closed"));
    const id = this.#nextId++;
    const request = params === undefined
      ? `{"jsonrpc":"2.0","id":${id},"method":${JSON.stringify(method)}}\n`
      : `{"jsonrpc":"2.0","id":${id},"method":${JSON.stringify(method)},"params":${
        JSON.stringify(params)
      }}\n`;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#writer.write(encoder.encode(request)).catch((error) => {
        this.#pending.delete(id);
        reject(error);
      });
    });
  }

  /** Closes the output (a host exits when its input ends) and waits for the input to end. */
  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      await this.#writer.close().catch(() => {});
    }
    await this.#done;
  }
}
