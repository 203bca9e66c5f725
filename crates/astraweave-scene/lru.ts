/**
 * A least-recently-used store of a fixed capacity, on a Map's insertion order.
 *
 * @module
 */

import { requireInteger } from "./errors.ts";

/**
 * Keeps at most `capacity` entries; putting one more drops the least recently put.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LruCache } from "@astraweave/scene";
 * const cache = new LruCache<string, number>(2);
 * cache.put("a", 1);
 * cache.put("b", 2);
 * assert.deepEqual(cache.put("c", 3), ["a"]);
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

  /** Keeps `value` as the most recent entry; returns the keys dropped to make room. */
  put(key: K, value: V): K[] {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    const dropped: K[] = [];
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.capacity) break;
      this.#entries.delete(oldest);
      dropped.push(oldest);
    }
    return dropped;
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
