/**
 * The SDK as a JSON-RPC 2.0 host, one message per line: the message handling, independent of
 * where the lines come from ({@link SdkHost}), and a loop that serves a byte stream
 * ({@link serveLines}). `PROTOCOL.md` beside this file documents every method.
 *
 * Engine errors carry the SDK's codes (-1 to -4) in `error.code` and its last-error text in
 * `error.message`; protocol errors use JSON-RPC's codes. Callbacks become notifications sent
 * before the response of the call that caused them.
 *
 * @module
 */

import { AW_OK, codeName } from "./codes.ts";
import { LineReader } from "./lines.ts";
import { Sdk, type WorldHandle } from "./sdk.ts";

/** JSON-RPC 2.0: the message is not JSON. */
export const RPC_PARSE_ERROR: -32700 = -32700;
/** JSON-RPC 2.0: the message is not a valid request object. */
export const RPC_INVALID_REQUEST: -32600 = -32600;
/** JSON-RPC 2.0: no such method. */
export const RPC_METHOD_NOT_FOUND: -32601 = -32601;
/** JSON-RPC 2.0: the params do not fit the method. */
export const RPC_INVALID_PARAMS: -32602 = -32602;
/** JSON-RPC 2.0: the host failed (a bug); the message says how. */
export const RPC_INTERNAL_ERROR: -32603 = -32603;

/** Longest message line a host reads by default, in bytes. */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

/** The methods a host serves, in the order PROTOCOL.md lists them. */
export const HOST_METHODS: readonly string[] = [
  "version",
  "createWorld",
  "destroyWorld",
  "tick",
  "snapshot",
  "delta",
  "onSnapshot",
  "onDelta",
  "submitIntent",
  "lastError",
];

type Id = string | number | null;
type Params = Record<string, unknown>;

/** A params problem: becomes a -32602 error. */
class InvalidParams extends Error {}

const rpcError = (id: Id, code: number, message: string, name?: string) =>
  `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"error":{"code":${code},"message":${
    JSON.stringify(message)
  }${name === undefined ? "" : `,"data":{"name":"${name}"}`}}}`;

function numberParam(params: Params, name: string): number {
  const value = params[name];
  if (typeof value !== "number") {
    throw new InvalidParams(`params.${name} must be a number, got ${typeof value}`);
  }
  return value;
}

function booleanParam(params: Params, name: string, fallback: boolean): boolean {
  const value = params[name] ?? fallback;
  if (typeof value !== "boolean") {
    throw new InvalidParams(`params.${name} must be a boolean, got ${typeof value}`);
  }
  return value;
}

/**
 * Handles JSON-RPC 2.0 messages for one {@link Sdk}: give it a line, it hands back the lines to
 * send (notifications first, then the response; nothing for a notification it was sent).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SdkHost } from "@astraweave/sdk";
 *
 * const host = new SdkHost();
 * const out: string[] = [];
 * host.handle('{"jsonrpc":"2.0","id":1,"method":"createWorld"}', (line) => out.push(line));
 * const { handle } = JSON.parse(out[0]).result;
 * host.handle(`{"jsonrpc":"2.0","id":2,"method":"tick","params":{"handle":${handle},"dt":-1}}`, (line) => out.push(line));
 * assert.equal(JSON.parse(out[1]).error.code, -2);
 * host.handle("not json", (line) => out.push(line));
 * assert.equal(JSON.parse(out[2]).error.code, -32700);
 * ```
 */
export class SdkHost {
  /** The SDK this host drives. */
  readonly sdk: Sdk;
  // Where callback notifications go while a message is handled.
  #emit: (line: string) => void = () => {};
  // Worlds whose snapshot / delta callbacks are on, by handle; the callbacks are made once.
  readonly #callbacks = new Map<
    WorldHandle,
    { snapshot: (json: string) => void; delta: (json: string) => void }
  >();

  /** A host for `sdk` (a new one by default). */
  constructor(sdk: Sdk = new Sdk()) {
    this.sdk = sdk;
  }

  /** Handles one message line; `send` receives every line to write back, in order. */
  handle(line: string, send: (line: string) => void): void {
    if (line.trim() === "") return; // blank lines (keep-alives, stray CRs) are not messages
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch (error) {
      send(rpcError(null, RPC_PARSE_ERROR, `parse error: ${(error as Error).message}`));
      return;
    }
    this.#emit = send;
    try {
      if (!Array.isArray(message)) {
        const response = this.#request(message);
        if (response !== undefined) send(response);
        return;
      }
      if (message.length === 0) {
        send(rpcError(null, RPC_INVALID_REQUEST, "invalid request: empty batch"));
        return;
      }
      const responses: string[] = [];
      for (const item of message) {
        const response = this.#request(item);
        if (response !== undefined) responses.push(response);
      }
      if (responses.length > 0) send(`[${responses.join(",")}]`);
    } finally {
      this.#emit = () => {};
    }
  }

  /** Reports a line that could not be read (too long, not UTF-8) as a parse error. */
  unreadable(reason: string, send: (line: string) => void): void {
    send(rpcError(null, RPC_PARSE_ERROR, `parse error: ${reason}`));
  }

  #request(message: unknown): string | undefined {
    if (typeof message !== "object" || message === null || Array.isArray(message)) {
      return rpcError(null, RPC_INVALID_REQUEST, "invalid request: a request must be an object");
    }
    const request = message as Record<string, unknown>;
    const hasId = "id" in request;
    const id = request.id;
    if (hasId && id !== null && typeof id !== "string" && typeof id !== "number") {
      return rpcError(
        null,
        RPC_INVALID_REQUEST,
        "invalid request: id must be a string, number or null",
      );
    }
    const replyId = (hasId ? id : null) as Id;
    if (request.jsonrpc !== "2.0") {
      return rpcError(replyId, RPC_INVALID_REQUEST, 'invalid request: jsonrpc must be "2.0"');
    }
    if (typeof request.method !== "string") {
      return rpcError(replyId, RPC_INVALID_REQUEST, "invalid request: method must be a string");
    }
    const params = "params" in request ? request.params : {};
    if (typeof params !== "object" || params === null) {
      return rpcError(
        replyId,
        RPC_INVALID_REQUEST,
        "invalid request: params must be an object or array",
      );
    }
    let response: string;
    try {
      if (Array.isArray(params)) {
        throw new InvalidParams("params must be an object with named members");
      }
      const result = this.#call(request.method, params as Params);
      response = typeof result === "number"
        ? result === AW_OK
          ? `{"jsonrpc":"2.0","id":${JSON.stringify(replyId)},"result":0}`
          : rpcError(replyId, result, this.sdk.lastError(), codeName(result))
        : `{"jsonrpc":"2.0","id":${JSON.stringify(replyId)},"result":${result.json}}`;
    } catch (error) {
      if (error instanceof InvalidParams) {
        response = rpcError(replyId, RPC_INVALID_PARAMS, `invalid params: ${error.message}`);
      } else if (error instanceof MethodNotFound) {
        response = rpcError(replyId, RPC_METHOD_NOT_FOUND, `method not found: ${error.message}`);
      } else {
        // A bug of ours: say so to the client and keep serving the others.
        const reason = error instanceof Error ? error.message : String(error);
        response = rpcError(replyId, RPC_INTERNAL_ERROR, `internal error: ${reason}`);
      }
    }
    return hasId ? response : undefined;
  }

  /** Runs a method: its status code, or the JSON text of its result. */
  #call(method: string, params: Params): number | { json: string } {
    const sdk = this.sdk;
    switch (method) {
      case "version":
        return { json: JSON.stringify({ ...sdk.version(), string: sdk.versionString() }) };
      case "createWorld": {
        const obstacles = params.obstacles;
        if (obstacles !== undefined && !Array.isArray(obstacles)) {
          throw new InvalidParams("params.obstacles must be an array of {x, y}");
        }
        const handle = sdk.createWorld({
          obstacles: obstacles as { x: number; y: number }[] | undefined,
        });
        return handle > 0 ? { json: `{"handle":${handle}}` } : handle;
      }
      case "destroyWorld": {
        const handle = numberParam(params, "handle");
        const code = sdk.destroyWorld(handle);
        if (code === AW_OK) this.#callbacks.delete(handle);
        return code;
      }
      case "tick":
        return sdk.tick(numberParam(params, "handle"), numberParam(params, "dt"));
      case "snapshot":
      case "delta": {
        const handle = numberParam(params, "handle");
        const json = method === "snapshot" ? sdk.snapshot(handle) : sdk.delta(handle);
        return json === null ? sdk.lastErrorCode() : { json };
      }
      case "onSnapshot":
      case "onDelta": {
        const handle = numberParam(params, "handle");
        const enabled = booleanParam(params, "enabled", true);
        const kind = method === "onSnapshot" ? "snapshot" : "delta";
        let callback: ((json: string) => void) | null = null;
        if (enabled) {
          let both = this.#callbacks.get(handle);
          if (both === undefined) {
            both = {
              snapshot: (json) =>
                this.#emit(
                  `{"jsonrpc":"2.0","method":"onSnapshot","params":{"handle":${handle},"snapshot":${json}}}`,
                ),
              delta: (json) =>
                this.#emit(
                  `{"jsonrpc":"2.0","method":"onDelta","params":{"handle":${handle},"delta":${json}}}`,
                ),
            };
          }
          callback = both[kind];
          const code = method === "onSnapshot"
            ? sdk.onSnapshot(handle, callback)
            : sdk.onDelta(handle, callback);
          if (code === AW_OK) this.#callbacks.set(handle, both);
          return code;
        }
        return method === "onSnapshot" ? sdk.onSnapshot(handle, null) : sdk.onDelta(handle, null);
      }
      case "submitIntent": {
        const handle = numberParam(params, "handle");
        const actorId = numberParam(params, "actorId");
        const intent = params.intent;
        if (typeof intent !== "string" && (typeof intent !== "object" || intent === null)) {
          throw new InvalidParams("params.intent must be an intent object or its JSON text");
        }
        const log = booleanParam(params, "log", false)
          ? (line: string) =>
            this.#emit(
              `{"jsonrpc":"2.0","method":"onLog","params":{"handle":${handle},"line":${
                JSON.stringify(line)
              }}}`,
            )
          : undefined;
        return typeof intent === "string"
          ? sdk.submitIntent(handle, actorId, intent, log)
          : sdk.submitIntentValue(handle, actorId, intent, log);
      }
      case "lastError":
        return {
          json: JSON.stringify({ code: sdk.lastErrorCode(), message: sdk.lastError() }),
        };
      default:
        throw new MethodNotFound(method.length > 64 ? `${method.slice(0, 64)}...` : method);
    }
  }
}

class MethodNotFound extends Error {}

/** Options of {@link serveLines}. */
export interface ServeOptions {
  /** Longest line read, in bytes (default {@link DEFAULT_MAX_LINE_BYTES}). */
  maxLineBytes?: number;
}

const encoder = new TextEncoder();

/**
 * Serves `host` over a byte stream: reads message lines from `input` until it ends, and writes
 * every answer as one line through `write` (the answers to the lines of one chunk in one write).
 * Returns when `input` ends.
 */
export async function serveLines(
  host: SdkHost,
  input: ReadableStream<Uint8Array>,
  write: (bytes: Uint8Array) => void | Promise<void>,
  options: ServeOptions = {},
): Promise<void> {
  const reader = new LineReader(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  let out = "";
  const send = (line: string) => {
    out += line + "\n";
  };
  const onLine = (event: Parameters<Parameters<LineReader["push"]>[1]>[0]) => {
    if (event.kind === "line") host.handle(event.text, send);
    else if (event.kind === "too-long") {
      host.unreadable(`message longer than ${event.maxLineBytes} bytes`, send);
    } else host.unreadable("message is not valid UTF-8", send);
  };
  for await (const chunk of input) {
    reader.push(chunk, onLine);
    if (out !== "") {
      const bytes = encoder.encode(out);
      out = "";
      await write(bytes);
    }
  }
  reader.finish(onLine);
  if (out !== "") await write(encoder.encode(out));
}
