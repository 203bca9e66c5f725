/**
 * Streaming: which cells of a {@link WorldPartition} are loaded, driven by the camera.
 *
 * Each {@link StreamingManager.update} wants the cells whose centre is within the streaming
 * radius of the camera (nearest first, at most `maxActiveCells`); it cancels the loads and
 * unloads the cells that are no longer wanted, and starts loads for the wanted cells that are
 * neither loaded nor loading, at most `maxConcurrentLoads` in flight. A cell that was unloaded
 * recently is kept warm in an LRU of `cacheSize` cells and comes back without a load.
 *
 * Loading is the caller's: a {@link CellLoader} returns a promise of the cell's data and is given
 * an `AbortSignal` that fires when the load is cancelled. Nothing here uses a timer, so a test
 * decides when each load completes, and in which order.
 *
 * @module
 */

import { requireFinite, requireInteger, SceneError, shown } from "./errors.ts";
import { LruCache } from "./lru.ts";
import { type CellCoord, cellFromKey, cellKey, keyOf, WorldPartition } from "./partition.ts";

/** Loads one cell's data; `signal` aborts when the cell leaves the radius before it is done. */
export type CellLoader<T> = (cell: CellCoord, signal: AbortSignal) => Promise<T>;

/** Something that happened to a cell. */
export type StreamingEvent =
  /** A load was started (the loader was called). */
  | { type: "load-started"; cell: CellCoord }
  /** The cell's data is in: from its loader, or from the LRU when `fromCache`. */
  | { type: "loaded"; cell: CellCoord; fromCache: boolean }
  /** The loader rejected; the cell is unloaded and the next update tries again. */
  | { type: "load-failed"; cell: CellCoord; error: unknown }
  /** The cell left the radius while loading; its signal was aborted, its result is ignored. */
  | { type: "load-cancelled"; cell: CellCoord }
  /** The cell left the radius; its data went to the LRU. */
  | { type: "unloaded"; cell: CellCoord }
  /** The cell's data was dropped from the LRU to make room. */
  | { type: "evicted"; cell: CellCoord };

/** Options of a {@link StreamingManager}; all but `loader` have the Rust defaults. */
export interface StreamingOptions<T> {
  /** Loads a cell's data. */
  loader: CellLoader<T>;
  /** Cells whose centre is within this distance of the camera (metres) are wanted (500). */
  radius?: number;
  /** The most cells loaded or loading at once, the nearest first (25). */
  maxActiveCells?: number;
  /** The most loads in flight at once (4). */
  maxConcurrentLoads?: number;
  /** Recently unloaded cells kept warm (5). */
  cacheSize?: number;
  /**
   * Called with every event, including load completions that happen between updates. Each event
   * is emitted after the state it reports has changed, so an exception thrown here leaves the
   * manager consistent: it propagates out of `update` (the rest of that update is skipped until
   * the next one), or, for a completion, rejects what `settled` returns.
   */
  onEvent?: (event: StreamingEvent) => void;
}

/** Counters since the manager was made. */
export interface StreamingMetrics {
  /** Loads completed, from the loader or the LRU. */
  loads: number;
  /** Of those, how many came from the LRU. */
  cacheHits: number;
  /** Cells unloaded. */
  unloads: number;
  /** Loads whose loader rejected. */
  failedLoads: number;
  /** Loads cancelled because the cell left the radius. */
  cancelledLoads: number;
}

/** Where a cell is in streaming. */
export type CellStreamState = "unloaded" | "loading" | "loaded" | "cached";

interface Load {
  readonly controller: AbortController;
  done: Promise<void>;
}

/** The most cells `maxActiveCells` may ask for. */
const MAX_ACTIVE_CELLS = 1_000_000;

/**
 * Loads and unloads a partition's cells around a moving camera.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { StreamingManager, WorldPartition } from "@astraweave/scene";
 * const streaming = new StreamingManager(new WorldPartition(), {
 *   loader: (cell) => Promise.resolve(`cell ${cell.x},${cell.z}`),
 *   radius: 100,
 * });
 * const events = streaming.update([0, 0, 0]);
 * assert.equal(events.filter((e) => e.type === "load-started").length, 4);
 * await streaming.settled();
 * assert.equal(streaming.data({ x: -1, z: 0 }), "cell -1,0");
 * streaming.update([1000, 0, 0]); // the four cells go to the LRU
 * assert.equal(streaming.state({ x: 0, z: 0 }), "cached");
 * ```
 */
export class StreamingManager<T> {
  /** The partition whose cells are streamed. */
  readonly partition: WorldPartition;
  /** The streaming radius, metres. */
  readonly radius: number;
  /** The most cells loaded or loading at once. */
  readonly maxActiveCells: number;
  /** The most loads in flight at once. */
  readonly maxConcurrentLoads: number;
  readonly #loader: CellLoader<T>;
  readonly #onEvent: ((event: StreamingEvent) => void) | undefined;
  readonly #loaded = new Map<number, T>();
  readonly #loading = new Map<number, Load>();
  readonly #cache: LruCache<number, T>;
  readonly #metrics: StreamingMetrics = {
    loads: 0,
    cacheHits: 0,
    unloads: 0,
    failedLoads: 0,
    cancelledLoads: 0,
  };
  /** Where the current update collects its events; null between updates. */
  #collecting: StreamingEvent[] | null = null;

  /**
   * A manager with nothing loaded.
   *
   * @throws {SceneError} `invalid-value` naming a bad option.
   */
  constructor(partition: WorldPartition, options: StreamingOptions<T>) {
    if (typeof options?.loader !== "function") {
      throw new SceneError(
        "invalid-value",
        `loader must be a function, got ${shown(options?.loader)}`,
      );
    }
    if (!(partition instanceof WorldPartition)) {
      throw new SceneError(
        "invalid-value",
        `partition must be a WorldPartition, got ${shown(partition)}`,
      );
    }
    this.partition = partition;
    this.#loader = options.loader;
    this.#onEvent = options.onEvent;
    const radius = requireFinite(options.radius ?? 500, "radius");
    if (!(radius >= 0)) {
      throw new SceneError("invalid-value", `radius must be 0 or more, got ${radius}`);
    }
    this.radius = radius;
    this.maxActiveCells = requireInteger(
      options.maxActiveCells ?? 25,
      "maxActiveCells",
      1,
      MAX_ACTIVE_CELLS,
    );
    this.maxConcurrentLoads = requireInteger(
      options.maxConcurrentLoads ?? 4,
      "maxConcurrentLoads",
      1,
      MAX_ACTIVE_CELLS,
    );
    this.#cache = new LruCache(
      requireInteger(options.cacheSize ?? 5, "cacheSize", 0, MAX_ACTIVE_CELLS),
    );
    // Checks the radius against the partition's query limit now, not on the first update.
    partition.cellsInRadius(0, 0, radius);
  }

  /**
   * Moves the camera to `camera` ([x, y, z]; y is ignored, cells span all heights) and brings the
   * loaded set toward the cells it wants. Returns the events of this call, in order: cancelled
   * loads and unloads first, then cache hits and load starts, nearest cell first.
   *
   * @throws {SceneError} `invalid-value` for a non-finite position, `out-of-world` outside the
   * world's bounds.
   */
  update(camera: ArrayLike<number>): StreamingEvent[] {
    const x = requireFinite(camera?.[0], "camera x");
    requireFinite(camera[1], "camera y");
    const z = requireFinite(camera[2], "camera z");
    this.partition.cellOf(x, z); // refuses a camera outside the world
    const wanted = this.partition.cellsInRadius(x, z, this.radius).slice(0, this.maxActiveCells);
    const wantedKeys = new Set(wanted.map(keyOf));
    const events: StreamingEvent[] = this.#collecting = [];
    try {
      for (const [key, load] of this.#loading) {
        if (wantedKeys.has(key)) continue;
        this.#loading.delete(key);
        load.controller.abort();
        this.#metrics.cancelledLoads++;
        this.#emit({ type: "load-cancelled", cell: cellFromKey(key) });
      }
      for (const [key, data] of this.#loaded) {
        if (wantedKeys.has(key)) continue;
        this.#loaded.delete(key);
        this.#metrics.unloads++;
        const dropped = this.#cache.put(key, data);
        this.#emit({ type: "unloaded", cell: cellFromKey(key) });
        if (dropped !== undefined) this.#emit({ type: "evicted", cell: cellFromKey(dropped) });
      }
      for (const cell of wanted) {
        const key = keyOf(cell);
        if (this.#loaded.has(key) || this.#loading.has(key)) continue;
        if (this.#cache.has(key)) {
          this.#loaded.set(key, this.#cache.take(key) as T);
          this.#metrics.loads++;
          this.#metrics.cacheHits++;
          this.#emit({ type: "loaded", cell, fromCache: true });
        } else if (this.#loading.size < this.maxConcurrentLoads) {
          this.#start(key, cell);
        }
      }
    } finally {
      this.#collecting = null;
    }
    return events;
  }

  /** Where `cell` is in streaming. @throws {SceneError} `invalid-value` for a bad cell. */
  state(cell: CellCoord): CellStreamState {
    const key = cellKey(cell);
    if (this.#loaded.has(key)) return "loaded";
    if (this.#loading.has(key)) return "loading";
    return this.#cache.has(key) ? "cached" : "unloaded";
  }

  /** The data of a loaded cell, or undefined. @throws {SceneError} for a bad cell. */
  data(cell: CellCoord): T | undefined {
    return this.#loaded.get(cellKey(cell));
  }

  /** The loaded cells, in the order they finished loading. */
  loadedCells(): CellCoord[] {
    return [...this.#loaded.keys()].map(cellFromKey);
  }

  /** The cells loading, in the order their loads started. */
  loadingCells(): CellCoord[] {
    return [...this.#loading.keys()].map(cellFromKey);
  }

  /** The cells kept warm in the LRU, least recent first. */
  cachedCells(): CellCoord[] {
    return [...this.#cache.keys()].map(cellFromKey);
  }

  /** A copy of the counters. */
  metrics(): StreamingMetrics {
    return { ...this.#metrics };
  }

  /**
   * Resolves once the load of `cell` (or, without `cell`, every load in flight now) has been
   * handled: its data stored and its event emitted. It waits on the loaders' promises, so
   * settle them first.
   */
  settled(cell?: CellCoord): Promise<void> {
    if (cell !== undefined) return this.#loading.get(cellKey(cell))?.done ?? Promise.resolve();
    return Promise.all([...this.#loading.values()].map((load) => load.done)).then(() => {});
  }

  /** Cancels every load in flight (their signals abort, their results are ignored). */
  cancelAll(): StreamingEvent[] {
    const events: StreamingEvent[] = this.#collecting = [];
    try {
      for (const [key, load] of this.#loading) {
        this.#loading.delete(key);
        load.controller.abort();
        this.#metrics.cancelledLoads++;
        this.#emit({ type: "load-cancelled", cell: cellFromKey(key) });
      }
    } finally {
      this.#collecting = null;
    }
    return events;
  }

  #start(key: number, cell: CellCoord): void {
    const load: Load = { controller: new AbortController(), done: Promise.resolve() };
    this.#loading.set(key, load);
    // A loader that throws instead of rejecting fails the same way, after this update.
    load.done = new Promise<T>((resolve) => resolve(this.#loader(cell, load.controller.signal)))
      .then(
        (data) => {
          if (this.#loading.get(key) !== load) return; // cancelled meanwhile
          this.#loading.delete(key);
          this.#loaded.set(key, data);
          this.#metrics.loads++;
          this.#emit({ type: "loaded", cell, fromCache: false });
        },
        (error) => {
          if (this.#loading.get(key) !== load) return;
          this.#loading.delete(key);
          this.#metrics.failedLoads++;
          this.#emit({ type: "load-failed", cell, error });
        },
      );
    // After the loader is called, so a listener that throws leaves no load without one.
    this.#emit({ type: "load-started", cell });
  }

  #emit(event: StreamingEvent): void {
    this.#collecting?.push(event);
    this.#onEvent?.(event);
  }
}
