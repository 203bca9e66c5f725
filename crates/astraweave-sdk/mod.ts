/**
 * astraweave-sdk: drive the engine from any language, over a documented protocol, with no
 * undefined behaviour.
 *
 * - {@link Sdk}: the Rust SDK's flat API in process: version, create/destroy worlds behind
 *   generational handles, tick, snapshot and delta JSON, snapshot/delta callbacks, intents, and
 *   the last error, with the Rust status codes ({@link AW_OK} 0, {@link AW_ERR_NULL} -1,
 *   {@link AW_ERR_PARAM} -2, {@link AW_ERR_PARSE} -3, {@link AW_ERR_EXEC} -4).
 * - Intents `{"plan_id","steps":[{"act":"MoveTo","x":4,"y":2}]}` are checked against a schema,
 *   then run all-or-nothing with the Rust validation rules.
 * - {@link SdkHost}, {@link serveLines}: the same API as JSON-RPC 2.0, one message per line (see
 *   PROTOCOL.md); {@link HostClient} talks to such a host from TypeScript.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AW_OK, Sdk } from "@astraweave/sdk";
 *
 * const sdk = new Sdk();
 * const world = sdk.createWorld();
 * const deltas: string[] = [];
 * sdk.onDelta(world, (json) => deltas.push(json));
 * assert.equal(sdk.tick(world, 0.016), AW_OK);
 * assert.equal(JSON.parse(deltas[0]).changed.length, 3);
 * ```
 *
 * @module
 */

export {
  AW_ERR_EXEC,
  AW_ERR_NULL,
  AW_ERR_PARAM,
  AW_ERR_PARSE,
  AW_OK,
  type AwCode,
  codeName,
} from "./codes.ts";
export { readCString, writeCString } from "./cstring.ts";
export { type Cell, GRID_HEIGHT, GRID_WIDTH, MAX_X, MAX_Y, MIN_X, MIN_Y } from "./grid.ts";
export {
  ACTS,
  MAX_DISTANCE,
  MAX_INTENT_LENGTH,
  MAX_SECONDS,
  MAX_STEPS,
  MAX_STRING_LENGTH,
  MAX_WAYPOINTS,
} from "./intent.ts";
export { MAX_DT, Sdk, type SdkOptions, type TextCallback, type WorldHandle } from "./sdk.ts";
export { SDK_VERSION, SDK_VERSION_STRING, type Version } from "./version.ts";
export {
  type Delta,
  type EntityState,
  type Snapshot,
  THROW_COOLDOWN,
  type WorldOptions,
} from "./world.ts";
export { type LineEvent, LineReader } from "./lines.ts";
export {
  DEFAULT_MAX_LINE_BYTES,
  HOST_METHODS,
  RPC_INTERNAL_ERROR,
  RPC_INVALID_PARAMS,
  RPC_INVALID_REQUEST,
  RPC_METHOD_NOT_FOUND,
  RPC_PARSE_ERROR,
  SdkHost,
  serveLines,
  type ServeOptions,
} from "./host.ts";
export { HostClient, HostError, type HostNotification } from "./client.ts";
