import assert from "node:assert/strict";
import { LruCache } from "./mod.ts";

Deno.test("LruCache: drops the least recently put; putting again refreshes", () => {
  const cache = new LruCache<number, string>(3);
  assert.equal(cache.put(1, "a"), undefined);
  cache.put(2, "b");
  cache.put(3, "c");
  assert.equal(cache.put(1, "a2"), undefined, "re-putting a kept key drops nothing");
  assert.deepEqual([...cache.keys()], [2, 3, 1]);
  assert.equal(cache.put(4, "d"), 2);
  assert.equal(cache.take(2), undefined);
  assert.equal(cache.take(1), "a2");
  assert.equal(cache.size, 2);
  assert.equal(cache.has(1), false);
});

Deno.test("LruCache: capacity 0 keeps nothing", () => {
  const cache = new LruCache<number, string>(0);
  assert.equal(cache.put(7, "x"), 7);
  assert.equal(cache.size, 0);
});
