/**
 * Autosave scheduling: every N ticks and/or every S seconds, take a snapshot of the world on the
 * tick (serialize and hash: synchronous, so the snapshot is one consistent state), then write it
 * off the tick loop (the write is a promise the tick does not wait for), rotating through K slots
 * so the newest K autosaves are kept.
 *
 * Failure safety: a write goes to the slot after the newest good autosave, i.e. to the oldest
 * one, never over the newest good one; a failed write is reported (`onError`, `stats.failed`) and
 * the next autosave retries the same slot. With one slot, safety rests on the writer being atomic
 * (aw-save writes a temporary file and renames it). While a write is in flight, a newer due
 * snapshot waits, and replaces any older one still waiting (counted in `stats.superseded`).
 *
 * @module
 */

import { worldHash } from "./hash.ts";
import { serializeWorld } from "./serialize.ts";
import type { World } from "./world.ts";

/** A world state taken on a tick: what an autosave writes. */
export interface WorldSnapshot {
  /** The world's tick when the snapshot was taken. */
  tick: number;
  /** The world blob ({@link serializeWorld}). */
  blob: Uint8Array;
  /** The world hash ({@link worldHash}). */
  hash: bigint;
}

/**
 * Serializes and hashes `world` now.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { snapshotWorld, World } from "@astraweave/persistence-ecs";
 * const world = new World();
 * world.tick = 9;
 * assert.equal(snapshotWorld(world).tick, 9);
 * ```
 */
export function snapshotWorld(world: World): WorldSnapshot {
  return { tick: world.tick, blob: serializeWorld(world), hash: worldHash(world) };
}

/** A finished autosave. */
export interface AutosaveRecord {
  /** The slot written. */
  slot: number;
  /** The tick of the snapshot written. */
  tick: number;
  /** The hash of the snapshot written. */
  hash: bigint;
}

/** Options of {@link Autosave}. */
export interface AutosaveOptions {
  /** Autosave when this many ticks passed since the last autosave. */
  everyTicks?: number;
  /** Autosave when this many seconds passed since the last autosave. */
  everySeconds?: number;
  /** How many autosaves to keep: slots `firstSlot` .. `firstSlot + keep - 1` (default 3). */
  keep?: number;
  /** The first autosave slot (default 0). */
  firstSlot?: number;
  /** Writes a snapshot to a slot; must leave an existing save of the slot intact if it fails. */
  write: (slot: number, snapshot: WorldSnapshot) => Promise<unknown>;
  /** Called with each failure (the autosave goes on). */
  onError?: (error: unknown, slot: number, snapshot: WorldSnapshot) => void;
  /** Called after each successful write. */
  onSaved?: (record: AutosaveRecord) => void;
  /** Milliseconds clock for `everySeconds` (default `performance.now`). */
  now?: () => number;
  /** The newest good autosave from an earlier session, so rotation continues after it. */
  lastGood?: AutosaveRecord | null;
}

/** Counters of an {@link Autosave}. */
export interface AutosaveStats {
  /** Snapshots taken. */
  snapshots: number;
  /** Writes that succeeded. */
  saved: number;
  /** Writes that failed (each reported to `onError`). */
  failed: number;
  /** Waiting snapshots replaced by a newer one before they were written. */
  superseded: number;
}

/**
 * Takes and writes autosaves; call {@link Autosave.tick} once per simulation tick.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Autosave, World } from "@astraweave/persistence-ecs";
 * const written: number[] = [];
 * const autosave = new Autosave({
 *   everyTicks: 10,
 *   keep: 2,
 *   firstSlot: 5,
 *   write: async (slot) => { written.push(slot); },
 * });
 * const world = new World();
 * for (let t = 0; t <= 30; t++) {
 *   world.tick = t;
 *   autosave.tick(world);
 *   await autosave.flush(); // a game would not wait; this example wants a fixed order
 * }
 * assert.deepEqual(written, [5, 6, 5]);
 * ```
 */
export class Autosave {
  readonly #options: AutosaveOptions;
  readonly #keep: number;
  readonly #first: number;
  readonly #now: () => number;
  #lastTick: number | null = null;
  #lastTime = 0;
  #inFlight: Promise<void> | null = null;
  #waiting: WorldSnapshot | null = null;
  #lastGood: AutosaveRecord | null;
  #lastError: unknown = undefined;
  /** Counts of snapshots, writes and failures so far. */
  readonly stats: AutosaveStats = { snapshots: 0, saved: 0, failed: 0, superseded: 0 };

  /** Validates the options; the clocks start at the first {@link Autosave.tick}. */
  constructor(options: AutosaveOptions) {
    if (!options.everyTicks && !options.everySeconds) {
      throw new RangeError("an autosave needs everyTicks or everySeconds");
    }
    this.#options = options;
    this.#keep = Math.max(1, Math.floor(options.keep ?? 3));
    this.#first = options.firstSlot ?? 0;
    this.#now = options.now ?? (() => performance.now());
    this.#lastGood = options.lastGood ?? null;
  }

  /** The newest autosave written successfully, if any. */
  get lastGood(): AutosaveRecord | null {
    return this.#lastGood;
  }

  /** The most recent write failure, if the most recent write failed. */
  get lastError(): unknown {
    return this.#lastError;
  }

  /** Whether a write is in flight or waiting. */
  get busy(): boolean {
    return this.#inFlight !== null;
  }

  /**
   * Checks whether an autosave is due; if so takes the snapshot now and starts (or queues) its
   * write without waiting for it. Returns whether a snapshot was taken. The first call only starts
   * the clocks.
   */
  tick(world: World): boolean {
    const now = this.#now();
    if (this.#lastTick === null) {
      this.#lastTick = world.tick;
      this.#lastTime = now;
      return false;
    }
    const { everyTicks, everySeconds } = this.#options;
    const due = (everyTicks !== undefined && world.tick - this.#lastTick >= everyTicks) ||
      (everySeconds !== undefined && now - this.#lastTime >= everySeconds * 1000);
    if (!due) return false;
    this.#lastTick = world.tick;
    this.#lastTime = now;
    this.stats.snapshots++;
    const snapshot = snapshotWorld(world);
    if (this.#inFlight === null) this.#start(snapshot);
    else {
      if (this.#waiting !== null) this.stats.superseded++;
      this.#waiting = snapshot;
    }
    return true;
  }

  /** Resolves when no write is in flight or waiting. */
  async flush(): Promise<void> {
    while (this.#inFlight !== null) await this.#inFlight;
  }

  /** The slot the next write goes to: the one after the newest good autosave (the oldest). */
  nextSlot(): number {
    if (this.#lastGood === null) return this.#first;
    return this.#first + ((this.#lastGood.slot - this.#first + 1) % this.#keep);
  }

  #start(snapshot: WorldSnapshot): void {
    const slot = this.nextSlot();
    this.#inFlight = (async () => {
      try {
        await this.#options.write(slot, snapshot);
        this.#lastGood = { slot, tick: snapshot.tick, hash: snapshot.hash };
        this.#lastError = undefined;
        this.stats.saved++;
        this.#options.onSaved?.(this.#lastGood);
      } catch (error) {
        this.#lastError = error;
        this.stats.failed++;
        this.#options.onError?.(error, slot, snapshot);
      }
      const next = this.#waiting;
      this.#waiting = null;
      this.#inFlight = null;
      if (next !== null) this.#start(next);
    })();
  }
}
