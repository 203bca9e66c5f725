/**
 * Seeded mutation of valid inputs into hostile ones, for the crates' `hostile_test.ts` files:
 * bit flips, truncations, length fields set huge, deep nesting, huge and non-finite numbers,
 * values of the wrong type and prototype-pollution keys. The same seed gives the same cases, so a
 * failing case reproduces from its seed and index.
 *
 * @module
 */

/** A source of floats in [0, 1), such as `mulberry32`. */
export type Random = () => number;

/** An integer in `[0, n)`. */
export const below = (random: Random, n: number): number => Math.floor(random() * n);

/** One element of `items`, chosen by `random`. */
export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[below(random, items.length)];

/** Numbers that break code which assumes a small, finite, integral value. */
export const HOSTILE_NUMBERS: readonly number[] = [
  NaN,
  Infinity,
  -Infinity,
  -1,
  -0,
  0,
  0.5,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_VALUE,
];

/** Values of every JSON type (and two that JSON cannot carry), for wrong-type mutations. */
export function hostileValue(random: Random): unknown {
  switch (below(random, 10)) {
    case 0:
    case 1:
    case 2:
      return pick(random, HOSTILE_NUMBERS);
    case 3:
      return pick(random, [
        "",
        "x".repeat(100_000),
        "\u0000",
        "__proto__",
        "constructor",
        "\ud800",
      ]);
    case 4:
      return pick(random, [null, undefined, true, false]);
    case 5:
      return [];
    case 6:
      return {};
    case 7:
      return deepArray(below(random, 2) ? 100 : 10_000);
    case 8:
      return JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {}}}');
    default:
      return [pick(random, HOSTILE_NUMBERS), "x", null];
  }
}

/** `depth` arrays nested in one another. */
export function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** The containers (objects and arrays) in `value` down to depth 16, with `value` itself first. */
function containers(value: unknown): object[] {
  const out: object[] = [];
  let level: unknown[] = [value];
  for (let depth = 0; depth < 16 && level.length; depth++) {
    const next: unknown[] = [];
    for (const item of level) {
      if (typeof item === "object" && item !== null) {
        out.push(item);
        next.push(...Object.values(item));
      }
    }
    level = next;
  }
  return out;
}

/**
 * A mutated deep copy of the JSON value `valid`: one to three times, a random field or element
 * is replaced by a hostile value, deleted, or joined by an unknown or `__proto__` key. The copy
 * goes through `JSON.parse`, so `__proto__` keys are own properties, as they are in parsed input.
 */
export function mutateJson(valid: unknown, random: Random): unknown {
  const copy = JSON.parse(JSON.stringify(valid));
  const rounds = 1 + below(random, 3);
  let root: unknown = copy;
  for (let round = 0; round < rounds; round++) {
    const all = containers(root);
    if (all.length === 0 || below(random, 40) === 0) {
      root = hostileValue(random);
      continue;
    }
    const target = pick(random, all) as Record<string, unknown>;
    const keys = Object.keys(target);
    const action = below(random, 10);
    if (action < 6 && keys.length) {
      target[pick(random, keys)] = hostileValue(random);
    } else if (action < 8 && keys.length) {
      delete target[pick(random, keys)];
    } else if (Array.isArray(target)) {
      if (below(random, 2)) target.push(hostileValue(random));
      else target.length = below(random, target.length + 1);
    } else {
      const key = pick(random, ["__proto__", "constructor", "toString", "unknownField"]);
      Object.defineProperty(target, key, {
        value: hostileValue(random),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return root;
}

/**
 * A mutated copy of `valid` bytes: bit flips, random bytes, a truncation, a 32-bit little-endian
 * field set to a huge or zero value, a slice repeated, or random bytes appended.
 */
export function mutateBytes(valid: Uint8Array, random: Random): Uint8Array {
  let bytes = valid.slice();
  const rounds = 1 + below(random, 3);
  for (let round = 0; round < rounds; round++) {
    const action = below(random, 7);
    if (bytes.length === 0) return new Uint8Array(below(random, 16));
    if (action === 0) {
      bytes[below(random, bytes.length)] ^= 1 << below(random, 8);
    } else if (action === 1) {
      bytes[below(random, bytes.length)] = below(random, 256);
    } else if (action === 2) {
      bytes = bytes.slice(0, below(random, bytes.length));
    } else if (action === 3 && bytes.length >= 4) {
      const at = below(random, bytes.length - 3);
      const value = pick(random, [0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0xfffffffe]);
      new DataView(bytes.buffer).setUint32(at, value, true);
    } else if (action === 4) {
      const start = below(random, bytes.length);
      const slice = bytes.slice(start, start + below(random, 64));
      const joined = new Uint8Array(bytes.length + slice.length);
      joined.set(bytes.subarray(0, start));
      joined.set(slice, start);
      joined.set(bytes.subarray(start), start + slice.length);
      bytes = joined;
    } else if (action === 5) {
      const tail = new Uint8Array(below(random, 32));
      for (let i = 0; i < tail.length; i++) tail[i] = below(random, 256);
      const joined = new Uint8Array(bytes.length + tail.length);
      joined.set(bytes);
      joined.set(tail, bytes.length);
      bytes = joined;
    } else {
      const at = below(random, bytes.length);
      bytes.fill(pick(random, [0, 0xff]), at, at + below(random, 16));
    }
  }
  return bytes;
}

/** Lines that break TOML readers: deep nesting, huge and odd numbers, wrong types, odd keys. */
const HOSTILE_TOML_LINES = [
  `x = ${"[".repeat(5000)}${"]".repeat(5000)}`,
  "x = nan",
  "x = inf",
  "x = -inf",
  "x = 1e400",
  "x = 99999999999999999999",
  "x = -9223372036854775808",
  "x = 0x7fffffffffffffff",
  'x = "\\u0000"',
  "x = 1979-05-27T07:32:00Z",
  "x = { y = { z = {} } }",
  "__proto__ = 1",
  "[__proto__]",
  "[constructor]",
  "[[x]]",
  '"" = 1',
  "x.y.z = true",
  "=",
  "[",
  '"',
];

/**
 * A mutated copy of the text `valid` (TOML or any line-based format): characters flipped,
 * lines dropped, duplicated or truncated, a value replaced by a hostile one, or a hostile line
 * inserted.
 */
export function mutateText(valid: string, random: Random): string {
  const lines = valid.split("\n");
  const rounds = 1 + below(random, 3);
  for (let round = 0; round < rounds; round++) {
    if (lines.length === 0) lines.push("");
    const at = below(random, lines.length);
    const action = below(random, 7);
    if (action === 0) {
      const line = lines[at];
      const i = below(random, line.length + 1);
      lines[at] = line.slice(0, i) + String.fromCharCode(below(random, 128)) + line.slice(i + 1);
    } else if (action === 1) {
      lines.splice(at, 1);
    } else if (action === 2) {
      lines.splice(at, 0, lines[at]);
    } else if (action === 3) {
      lines[at] = lines[at].slice(0, below(random, lines[at].length + 1));
    } else if (action === 4 && lines[at].includes("=")) {
      const key = lines[at].slice(0, lines[at].indexOf("="));
      const value = pick(random, HOSTILE_TOML_LINES).replace(/^[^=]*= ?/, "");
      lines[at] = `${key}= ${value}`;
    } else {
      lines.splice(
        at,
        0,
        pick(random, HOSTILE_TOML_LINES).replace(
          /^x\b/,
          pick(random, [
            "x",
            ...valid.match(/^[A-Za-z_]+(?= *=)/gm) ?? [],
          ]),
        ),
      );
    }
  }
  return lines.join("\n");
}

/**
 * `value` as JSON text; for a value nested too deep for `JSON.stringify`, 100,000 nested arrays,
 * which `JSON.parse` still reads (the stack of whatever walks the result is then the question).
 */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    return "[".repeat(100_000) + "]".repeat(100_000);
  }
}

/** A short JSON view of `value` for an assertion message (deep values do not fit in JSON). */
export function describe(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, 300);
  } catch {
    return "(nested too deep to show)";
  }
}

/** Runs `run` and returns what it threw, or undefined when it returned. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
