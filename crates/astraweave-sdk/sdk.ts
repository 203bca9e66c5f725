/**
 * The in-process API: the Rust SDK's flat, handle-based C functions as methods of {@link Sdk}.
 * Every call that can fail returns a status code (or a negative code where it returns a size or
 * a handle) and sets {@link Sdk.lastError}; nothing a caller passes can crash it or reach a
 * destroyed world.
 *
 * @module
 */

import {
  AW_ERR_EXEC,
  AW_ERR_NULL,
  AW_ERR_PARAM,
  AW_ERR_PARSE,
  AW_OK,
  type AwCode,
} from "./codes.ts";
import { writeCString } from "./cstring.ts";
import { MAX_INTENT_LENGTH, parsePlan } from "./intent.ts";
import { runPlan } from "./rules.ts";
import { SDK_VERSION, SDK_VERSION_STRING, type Version } from "./version.ts";
import { World, type WorldOptions, WorldOptionsError } from "./world.ts";

/**
 * A world handle: a positive integer naming a slot and its generation. Destroying a world bumps
 * its slot's generation, so the old handle, or any number a caller makes up, is refused with
 * {@link AW_ERR_NULL} instead of reaching another world.
 */
export type WorldHandle = number;

/** Receives JSON text: a snapshot, a delta, or a log line. */
export type TextCallback = (text: string) => void;

/** Options of an {@link Sdk}. */
export interface SdkOptions {
  /** Most worlds alive at once (default 1024, at most 65,536). */
  maxWorlds?: number;
}

/** Largest `dt` that {@link Sdk.tick} accepts, in seconds. */
export const MAX_DT = 3600;
const SLOTS = 0x1_0000; // handle = generation * SLOTS + slot
const MAX_GENERATION = Math.floor(Number.MAX_SAFE_INTEGER / SLOTS);
const DEFAULT_MAX_WORLDS = 1024;

interface Entry {
  world: World;
  onSnapshot: TextCallback | undefined;
  onDelta: TextCallback | undefined;
}

const describe = (value: unknown) =>
  typeof value === "number" || typeof value === "string" ? JSON.stringify(value) : typeof value;

/**
 * The SDK: worlds behind generational handles, and the last error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AW_ERR_EXEC, AW_ERR_NULL, AW_OK, Sdk } from "@astraweave/sdk";
 *
 * const sdk = new Sdk();
 * const world = sdk.createWorld({ obstacles: [{ x: 5, y: 2 }] });
 * assert.equal(sdk.tick(world, 0.5), AW_OK);
 * assert.equal(sdk.submitIntent(world, 1, '{"plan_id":"p","steps":[{"act":"MoveTo","x":4,"y":2}]}'), AW_OK);
 * assert.equal(JSON.parse(sdk.snapshot(world)!).entities[0].x, 4);
 *
 * // The obstacle at (5,2) blocks the throw: nothing of the plan happens.
 * const plan = '{"plan_id":"q","steps":[{"act":"Reload"},{"act":"Throw","item":"smoke","x":7,"y":2}]}';
 * assert.equal(sdk.submitIntent(world, 1, plan), AW_ERR_EXEC);
 * assert.match(sdk.lastError(), /^exec error: line of sight blocked/);
 * assert.equal(JSON.parse(sdk.snapshot(world)!).entities[0].ammo, 0);
 *
 * sdk.destroyWorld(world);
 * assert.equal(sdk.tick(world, 0.5), AW_ERR_NULL);
 * assert.equal(sdk.lastError(), "unknown world handle");
 * ```
 */
export class Sdk {
  readonly #entries: (Entry | undefined)[] = [];
  readonly #generations: number[] = [];
  readonly #free: number[] = [];
  readonly #maxWorlds: number;
  #live = 0;
  #lastError = "";
  #lastCode: AwCode = AW_OK;

  /** An SDK with no worlds. */
  constructor(options: SdkOptions = {}) {
    const max = options.maxWorlds ?? DEFAULT_MAX_WORLDS;
    if (!Number.isInteger(max) || max < 1 || max > SLOTS) {
      throw new RangeError(`maxWorlds must be an integer from 1 to ${SLOTS}, got ${max}`);
    }
    this.#maxWorlds = max;
  }

  #fail(code: AwCode, message: string): AwCode {
    this.#lastCode = code;
    this.#lastError = message;
    return code;
  }

  #ok(): typeof AW_OK {
    this.#lastCode = AW_OK;
    this.#lastError = "";
    return AW_OK;
  }

  #entry(handle: WorldHandle): Entry | undefined {
    if (!Number.isSafeInteger(handle) || handle <= 0) return undefined;
    const slot = handle % SLOTS;
    const entry = this.#entries[slot];
    if (entry === undefined || this.#generations[slot] !== (handle - slot) / SLOTS) {
      return undefined;
    }
    return entry;
  }

  /** The SDK version (`aw_version`). */
  version(): Version {
    return { ...SDK_VERSION };
  }

  /** The SDK version as "MAJOR.MINOR.PATCH". */
  versionString(): string {
    return SDK_VERSION_STRING;
  }

  /**
   * `aw_version_string`: copies the version as a NUL-terminated string into `buffer` (truncated to
   * fit) and returns the size needed including the NUL; an empty buffer only asks the size.
   */
  versionStringInto(buffer: Uint8Array): number {
    return writeCString(SDK_VERSION_STRING, buffer);
  }

  /** How many worlds are alive. */
  get worldCount(): number {
    return this.#live;
  }

  /**
   * Creates a world seeded as the Rust SDK's: 1 "P" at (2,2) team 0 hp 100 ammo 0; 2 "C" at (3,2)
   * team 1 hp 80 ammo 10; 3 "E" at (7,2) team 2 hp 60 ammo 0, on the 20 x 10 grid.
   *
   * @returns its handle (positive), or {@link AW_ERR_PARAM} for bad options or when
   *   {@link SdkOptions.maxWorlds} are alive.
   */
  createWorld(options?: WorldOptions): WorldHandle | typeof AW_ERR_PARAM {
    if (options !== undefined && (typeof options !== "object" || options === null)) {
      return this.#fail(AW_ERR_PARAM, "world options must be an object") as typeof AW_ERR_PARAM;
    }
    const obstacles = options?.obstacles;
    if (obstacles !== undefined && !Array.isArray(obstacles)) {
      return this.#fail(
        AW_ERR_PARAM,
        "obstacles must be an array of {x, y}",
      ) as typeof AW_ERR_PARAM;
    }
    if (this.#live >= this.#maxWorlds) {
      return this.#fail(
        AW_ERR_PARAM,
        `too many worlds: ${this.#maxWorlds} are alive (destroy one first)`,
      ) as typeof AW_ERR_PARAM;
    }
    let world: World;
    try {
      world = new World(options);
    } catch (error) {
      if (!(error instanceof WorldOptionsError)) throw error;
      return this.#fail(AW_ERR_PARAM, error.message) as typeof AW_ERR_PARAM;
    }
    let slot = this.#free.pop();
    if (slot === undefined) {
      slot = this.#entries.length;
      this.#entries.push(undefined);
      this.#generations.push(1);
    }
    this.#entries[slot] = { world, onSnapshot: undefined, onDelta: undefined };
    this.#live++;
    this.#ok();
    return this.#generations[slot] * SLOTS + slot;
  }

  /** Destroys a world; its handle is refused from then on. */
  destroyWorld(handle: WorldHandle): AwCode {
    if (this.#entry(handle) === undefined) return this.#fail(AW_ERR_NULL, "unknown world handle");
    const slot = handle % SLOTS;
    this.#entries[slot] = undefined;
    this.#live--;
    // A slot whose generations are used up is retired rather than reused.
    if (++this.#generations[slot] <= MAX_GENERATION) this.#free.push(slot);
    return this.#ok();
  }

  /**
   * Advances a world by `dt` seconds (0 to {@link MAX_DT}): the clock, the tick counter and the
   * cooldowns; then calls the snapshot callback, then the delta callback, as the Rust SDK does.
   * A callback that throws does not stop the other; the tick stands, and the call returns
   * {@link AW_ERR_EXEC} with "callback error: ...".
   */
  tick(handle: WorldHandle, dt: number): AwCode {
    const entry = this.#entry(handle);
    if (entry === undefined) return this.#fail(AW_ERR_NULL, "unknown world handle");
    if (typeof dt !== "number" || !(dt >= 0 && dt <= MAX_DT)) {
      return this.#fail(
        AW_ERR_PARAM,
        `dt must be a number of seconds from 0 to ${MAX_DT}, got ${describe(dt)}`,
      );
    }
    entry.world.advance(dt);
    if (entry.onSnapshot === undefined && entry.onDelta === undefined) return this.#ok();
    let failure: unknown;
    let failed = false;
    if (entry.onSnapshot !== undefined) {
      try {
        entry.onSnapshot(entry.world.snapshotJson());
      } catch (error) {
        failed = true;
        failure = error;
      }
    }
    // The snapshot callback may have destroyed the world or removed the delta callback.
    if (entry.onDelta !== undefined && this.#entry(handle) === entry) {
      try {
        entry.onDelta(entry.world.deltaJson());
      } catch (error) {
        if (!failed) failure = error;
        failed = true;
      }
    }
    if (failed) {
      const reason = failure instanceof Error ? failure.message : String(failure);
      return this.#fail(AW_ERR_EXEC, `callback error: ${reason}`);
    }
    return this.#ok();
  }

  /**
   * The world's snapshot as JSON text: `{"t","tick","entities":[{"id","x","y","team","hp","ammo"}]}`,
   * entities ordered by team, then id; or null (and {@link AW_ERR_NULL}) for an unknown handle.
   */
  snapshot(handle: WorldHandle): string | null {
    const entry = this.#entry(handle);
    if (entry === undefined) {
      this.#fail(AW_ERR_NULL, "unknown world handle");
      return null;
    }
    this.#ok();
    return entry.world.snapshotJson();
  }

  /**
   * `aw_world_snapshot_json`: the snapshot as a NUL-terminated string in `buffer`, truncated to
   * fit; returns the size needed including the NUL, or {@link AW_ERR_NULL} for an unknown handle
   * (the Rust function returns 0).
   */
  snapshotInto(handle: WorldHandle, buffer: Uint8Array): number {
    const json = this.snapshot(handle);
    if (json === null) return AW_ERR_NULL;
    // Snapshot JSON is ASCII by construction (fixed keys and numbers): its length is its size.
    return buffer.length === 0 ? json.length + 1 : writeCString(json, buffer);
  }

  /**
   * The changes since the previous delta as JSON text: `{"t","changed":[...],"removed":[ids]}`
   * (the first lists every entity); deltas given to the delta callback count as previous deltas.
   * Null (and {@link AW_ERR_NULL}) for an unknown handle.
   */
  delta(handle: WorldHandle): string | null {
    const entry = this.#entry(handle);
    if (entry === undefined) {
      this.#fail(AW_ERR_NULL, "unknown world handle");
      return null;
    }
    this.#ok();
    return entry.world.deltaJson();
  }

  /** Sets (or, with null, clears) the callback that receives the snapshot after each tick. */
  onSnapshot(handle: WorldHandle, callback: TextCallback | null): AwCode {
    return this.#setCallback(handle, "onSnapshot", callback);
  }

  /** Sets (or, with null, clears) the callback that receives the delta after each tick. */
  onDelta(handle: WorldHandle, callback: TextCallback | null): AwCode {
    return this.#setCallback(handle, "onDelta", callback);
  }

  #setCallback(
    handle: WorldHandle,
    which: "onSnapshot" | "onDelta",
    callback: TextCallback | null,
  ): AwCode {
    const entry = this.#entry(handle);
    if (entry === undefined) return this.#fail(AW_ERR_NULL, "unknown world handle");
    if (callback !== null && typeof callback !== "function") {
      return this.#fail(AW_ERR_PARAM, "callback must be a function or null");
    }
    entry[which] = callback ?? undefined;
    return this.#ok();
  }

  /**
   * Validates the intent JSON text and runs its plan for entity `actorId`, all-or-nothing.
   *
   * @returns {@link AW_OK}; {@link AW_ERR_NULL} for an unknown handle; {@link AW_ERR_PARAM} for a
   *   text that is not a string or is longer than `MAX_INTENT_LENGTH`, or an actor that is not an
   *   entity of the world; {@link AW_ERR_PARSE} ("parse error: ...") for bad JSON or a plan that
   *   does not match the schema; {@link AW_ERR_EXEC} ("exec error: ...") when a step fails, after
   *   undoing the plan's earlier steps; {@link AW_ERR_EXEC} with "callback error: ..." when `log`
   *   throws (the plan has run: it ran before its lines were delivered).
   * @param log receives the plan's log lines when it commits.
   */
  submitIntent(handle: WorldHandle, actorId: number, json: string, log?: TextCallback): AwCode {
    const entry = this.#entry(handle);
    if (entry === undefined) return this.#fail(AW_ERR_NULL, "unknown world handle");
    if (typeof json !== "string") return this.#fail(AW_ERR_PARAM, "intent JSON must be a string");
    if (json.length > MAX_INTENT_LENGTH) {
      return this.#fail(
        AW_ERR_PARAM,
        `intent JSON is ${json.length} characters, more than the ${MAX_INTENT_LENGTH} allowed`,
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (error) {
      return this.#fail(AW_ERR_PARSE, `parse error: ${(error as Error).message}`);
    }
    return this.#run(entry, actorId, value, log);
  }

  /**
   * {@link submitIntent} for an intent that is already a parsed JSON value (what a host receives
   * inside a JSON-RPC message). The caller bounds its size.
   */
  submitIntentValue(
    handle: WorldHandle,
    actorId: number,
    intent: unknown,
    log?: TextCallback,
  ): AwCode {
    const entry = this.#entry(handle);
    if (entry === undefined) return this.#fail(AW_ERR_NULL, "unknown world handle");
    return this.#run(entry, actorId, intent, log);
  }

  #run(entry: Entry, actorId: number, intent: unknown, log: TextCallback | undefined): AwCode {
    const world = entry.world;
    const actor = Number.isInteger(actorId) ? world.indexOf(actorId) : -1;
    if (actor < 0) {
      return this.#fail(AW_ERR_PARAM, `actor ${describe(actorId)} is not an entity of this world`);
    }
    const parsed = parsePlan(intent);
    if (!parsed.ok) return this.#fail(AW_ERR_PARSE, `parse error: ${parsed.error}`);
    const lines: string[] | undefined = log === undefined ? undefined : [];
    const failure = runPlan(world, actor, parsed.plan, lines);
    if (failure !== undefined) return this.#fail(AW_ERR_EXEC, `exec error: ${failure}`);
    if (lines !== undefined) {
      try {
        for (const line of lines) log!(line);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return this.#fail(AW_ERR_EXEC, `callback error: ${reason}`);
      }
    }
    return this.#ok();
  }

  /** The message of the last call that can fail: empty when it succeeded. */
  lastError(): string {
    return this.#lastError;
  }

  /** The status code of the last call that can fail. */
  lastErrorCode(): AwCode {
    return this.#lastCode;
  }

  /** `aw_last_error_string`: {@link lastError} into a buffer, with C-string size semantics. */
  lastErrorInto(buffer: Uint8Array): number {
    return writeCString(this.#lastError, buffer);
  }
}
