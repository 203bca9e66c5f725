/**
 * A postcard map schema with one canonical encoding: entries are written in ascending key order,
 * as Rust writes a `BTreeMap`, so two equal maps encode (and hash) alike whatever order their
 * entries were inserted in. Decoding requires ascending, distinct keys.
 *
 * @module
 */

import { CodecError, Reader, type Schema, Writer } from "@astraweave/codec";

const defaultCompare = <K>(a: K, b: K): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `BTreeMap<K, V>`: varint count, then key/value pairs in ascending key order. `compare` orders
 * keys (default: `<` on the values, code-unit order for strings); give Rust's `Ord` order when the
 * bytes must match the Rust encoding exactly.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sortedMap } from "@astraweave/persistence-ecs";
 * import { string, u8 } from "@astraweave/codec";
 * const Scores = sortedMap(string, u8);
 * const a = Scores.encode(new Map([["b", 2], ["a", 1]]));
 * const b = Scores.encode(new Map([["a", 1], ["b", 2]]));
 * assert.deepEqual(a, b);
 * assert.deepEqual([...Scores.decode(a).keys()], ["a", "b"]);
 * ```
 */
export function sortedMap<K, V>(
  key: Schema<K>,
  value: Schema<V>,
  compare: (a: K, b: K) => number = defaultCompare,
): Schema<Map<K, V>> {
  const writeKey = key.encodeInto;
  const writeValue = value.encodeInto;
  const readKey = key.decodeFrom;
  const readValue = value.decodeFrom;
  const pairSize = key.minSize + value.minSize;
  const encodeInto = (w: Writer, m: Map<K, V>): void => {
    if (!(m instanceof Map)) {
      throw new CodecError("invalid_value", `sortedMap expects a Map, got ${String(m)}`, -1);
    }
    w.varintNumber(m.size);
    if (m.size === 1) {
      for (const [k, v] of m) {
        writeKey(w, k);
        writeValue(w, v);
      }
      return;
    }
    const keys = [...m.keys()].sort(compare);
    for (const k of keys) {
      writeKey(w, k);
      writeValue(w, m.get(k)!);
    }
  };
  const decodeFrom = (r: Reader): Map<K, V> => {
    const n = r.length(pairSize, "sorted map");
    const out = new Map<K, V>();
    let previous: K | undefined;
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const k = readKey(r);
      if (i > 0 && compare(previous!, k) >= 0) {
        throw new CodecError("invalid_value", "sorted map keys are not strictly ascending", at);
      }
      previous = k;
      out.set(k, readValue(r));
    }
    return out;
  };
  const scratch = new Writer(256);
  return {
    kind: "sortedMap",
    minSize: 1,
    encodeInto,
    decodeFrom,
    encode(m) {
      scratch.reset();
      encodeInto(scratch, m);
      return scratch.toBytes();
    },
    decode(bytes, options) {
      const r = new Reader(bytes, options);
      const m = decodeFrom(r);
      if (!options?.allowTrailing) r.finish();
      return m;
    },
  };
}
