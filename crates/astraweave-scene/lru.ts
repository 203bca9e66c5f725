/**
 * A least-recently-used store of a fixed capacity, on a Map's insertion order.
 *
 * @module
 */

import { requireInteger } from "./errors.ts";

/**
 * Keeps at most `capacity` entries; putting one more drops the least recently put. Keys are
 * compared as Map keys; `undefined` as a key is not supported (it means "nothing dropped").
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LruCache } from "@astraweave/scene";
 * const cache = new LruCache<string, number>(2);
 * cache.put("a", 1);
 * cache.put("b", 2);
 * assert.equal(cache.put("c", 3), "a");
 * assert.equal(cache.take("b"), 2);
 * assert.deepEqual([...cache.keys()], ["c"]);
 * ```
 */
export class LruCache<K, V> {
  /** The most entries kept. */
  readonly capacity: number;
  readonly #entries = new Map<K, V>();

  /**
   * An empty cache of `capacity` entries (0 keeps nothing).
   *
   * @throws {SceneError} `invalid-value` unless `capacity` is a non-negative integer.
   */
  constructor(capacity: number) {
    this.capacity = requireInteger(capacity, "capacity", 0, Number.MAX_SAFE_INTEGER);
  }

  /** Number of entries. */
  get size(): number {
    return this.#entries.size;
  }

  /** Whether `key` is kept. */
  has(key: K): boolean {
    return this.#entries.has(key);
  }

  /**
   * Keeps `value` as the most recent entry; returns the key dropped to make room, or undefined
   * when nothing was dropped (with capacity 0, the key just put).
   */
  put(key: K, value: V): K | undefined {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    // One put adds at most one entry, so at most the oldest one goes.
    if (this.#entries.size <= this.capacity) return undefined;
    const oldest = this.#entries.keys().next().value as K;
    this.#entries.delete(oldest);
    return oldest;
  }

  /** Removes `key` and returns its value (undefined when it was not kept). */
  take(key: K): V | undefined {
    const value = this.#entries.get(key);
    this.#entries.delete(key);
    return value;
  }

  /** The keys, least recent first. */
  keys(): IterableIterator<K> {
    return this.#entries.keys();
  }
}
