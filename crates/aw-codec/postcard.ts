/**
 * Postcard, wire format spec v1: schema-driven encoding and decoding.
 *
 * Postcard is not self-describing: the bytes carry values only, in the order the schema gives. A
 * schema here is described once as data and compiled once into an encoder and a decoder (structs and
 * tuples by generating a function whose body reads or writes each field in turn), so encoding and
 * decoding never interpret the schema per field per call.
 *
 * | schema              | TypeScript value         | wire                                     |
 * |---------------------|--------------------------|------------------------------------------|
 * | `bool`              | `boolean`                | one byte, 0 or 1 (anything else is an error) |
 * | `u8`, `i8`          | `number`                 | one raw byte                             |
 * | `u16`, `u32`        | `number`                 | LEB128 varint (max 3 / 5 bytes)          |
 * | `i16`, `i32`        | `number`                 | zigzag, then varint                      |
 * | `u64`, `u128`       | `bigint`                 | varint (max 10 / 19 bytes)               |
 * | `i64`, `i128`       | `bigint`                 | zigzag, then varint                      |
 * | `u64AsNumber`, `i64AsNumber`, `usize` | `number` | as u64 / i64; decoding a value beyond 2^53 is an error |
 * | `f32`, `f64`        | `number`                 | IEEE-754 little-endian                   |
 * | `string`            | `string`                 | varint byte length, UTF-8                |
 * | `bytes`             | `Uint8Array`             | varint length, bytes (decoded as a view of the input, no copy) |
 * | `unit`              | `null`                   | nothing                                  |
 * | `option(s)`         | `T \| null`              | 00, or 01 then the value                 |
 * | `seq(s)`            | `T[]`                    | varint count, then the items             |
 * | `array(s, n)`       | `T[]` of length n        | the n items ([T; N] in Rust)             |
 * | `map(k, v)`         | `Map<K, V>`              | varint count, then key, value pairs      |
 * | `tuple(a, b, ...)`  | `[A, B, ...]`            | the fields in order                      |
 * | `struct({ ... })`   | `{ ... }`                | the fields in order                      |
 * | `enumOf({ ... })`   | `{ tag, value? }`        | varint discriminant, then the payload    |
 * | `literals(...)`     | `"A" \| "B"`             | varint discriminant (unit-only enum)     |
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { f32, i32, seq, struct, u32 } from "@astraweave/codec";
 *
 * const Entity = struct({ id: u32, x: f32, y: f32, hp: i32 });
 * const Snapshot = struct({ tick: u32, entities: seq(Entity) });
 *
 * const bytes = Snapshot.encode({ tick: 7, entities: [{ id: 1, x: 0.5, y: 2, hp: -3 }] });
 * const back = Snapshot.decode(bytes);
 * assert.equal(back.entities[0].hp, -3);
 * ```
 *
 * @module
 */

import { Reader, type ReaderOptions, Writer } from "./buffer.ts";
import { CodecError } from "./error.ts";

/** Options for {@link Schema.decode}. */
export interface DecodeOptions extends ReaderOptions {
  /** Accept bytes after the value instead of throwing `trailing_bytes` (default false). */
  allowTrailing?: boolean;
}

/**
 * A postcard schema for values of type `T`, compiled to an encoder and a decoder.
 */
export interface Schema<T> {
  /** The schema's kind ("u16", "struct", "seq", ...). */
  readonly kind: string;
  /** The fewest bytes any value of this schema encodes to (bounds hostile length prefixes). */
  readonly minSize: number;
  /**
   * Encodes `value` to new bytes. Results up to 4 KiB are views into a shared 64 KiB slab (as
   * Node's Buffer pool does, because allocating an ArrayBuffer costs more than encoding a small
   * value): the view's bytes are its own, but `.buffer` is shared, so `.slice()` it before
   * transferring the buffer.
   */
  encode(value: T): Uint8Array;
  /** Appends the encoding of `value` to `writer` (reuse one writer to avoid allocation). */
  encodeInto(writer: Writer, value: T): void;
  /** Decodes one value that must span all of `bytes` (unless `allowTrailing`). */
  decode(bytes: Uint8Array, options?: DecodeOptions): T;
  /** Decodes one value from the reader's position, advancing it. */
  decodeFrom(reader: Reader): T;
}

/** The TypeScript type of the values of a schema. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

type Write<T> = (w: Writer, value: T) => void;
type Read<T> = (r: Reader) => T;

// One writer serves every `encode()` call: encoders are synchronous, and the result is copied out.
const scratch = new Writer(4096);

// Allocating an ArrayBuffer costs about 0.5 µs in Deno, forty times the encoding of a small struct.
// So small results are carved out of a shared slab, as Node's Buffer pool does: each is a view of
// its own bytes, and a slab is dropped once every view of it is.
const SLAB_SIZE = 64 * 1024;
const SLAB_MAX_RESULT = 4096;
let slab = new Uint8Array(SLAB_SIZE);
let slabPos = 0;

function copyOut(w: Writer): Uint8Array {
  const n = w.pos;
  if (n > SLAB_MAX_RESULT) return w.toBytes();
  if (slabPos + n > SLAB_SIZE) {
    slab = new Uint8Array(SLAB_SIZE);
    slabPos = 0;
  }
  const start = slabPos;
  const src = w.buf;
  for (let i = 0; i < n; i++) slab[start + i] = src[i];
  slabPos = (start + n + 7) & ~7; // keep views 8-byte aligned
  return slab.subarray(start, start + n);
}

class CompiledSchema<T> implements Schema<T> {
  readonly kind: string;
  readonly minSize: number;
  readonly encodeInto: Write<T>;
  readonly decodeFrom: Read<T>;

  constructor(kind: string, minSize: number, write: Write<T>, read: Read<T>) {
    this.kind = kind;
    this.minSize = minSize;
    this.encodeInto = write;
    this.decodeFrom = read;
  }

  encode(value: T): Uint8Array {
    scratch.reset();
    this.encodeInto(scratch, value);
    return copyOut(scratch);
  }

  decode(bytes: Uint8Array, options?: DecodeOptions): T {
    const reader = new Reader(bytes, options);
    const value = this.decodeFrom(reader);
    if (!options?.allowTrailing) reader.finish();
    return value;
  }
}

function invalid(kind: string, expected: string, value: unknown): CodecError {
  const shown = typeof value === "bigint" ? `${value}n` : String(value);
  return new CodecError("invalid_value", `${kind} expects ${expected}, got ${shown}`, -1);
}

// ---------------------------------------------------------------------------------------------
// Primitives

/** `()`: encodes to nothing; its value is `null`. */
export const unit: Schema<null> = new CompiledSchema<null>("unit", 0, () => {}, () => null);

/** `bool`: one byte, 0 or 1. */
export const bool: Schema<boolean> = new CompiledSchema<boolean>(
  "bool",
  1,
  (w, v) => w.u8(v ? 1 : 0),
  (r) => r.bool(),
);

/** `u8`: one raw byte. */
export const u8: Schema<number> = new CompiledSchema<number>("u8", 1, (w, v) => {
  if ((v & 0xff) !== v) throw invalid("u8", "an integer in 0..255", v);
  w.u8(v);
}, (r) => r.u8());

/** `i8`: one raw byte, two's complement. */
export const i8: Schema<number> = new CompiledSchema<number>("i8", 1, (w, v) => {
  if (((v << 24) >> 24) !== v) throw invalid("i8", "an integer in -128..127", v);
  w.u8(v & 0xff);
}, (r) => r.i8());

/** `u16`: varint, at most 3 bytes. */
export const u16: Schema<number> = new CompiledSchema<number>("u16", 1, (w, v) => {
  if ((v & 0xffff) !== v) throw invalid("u16", "an integer in 0..65535", v);
  w.varint32(v);
}, (r) => r.varint32(16));

/** `u32`: varint, at most 5 bytes. */
export const u32: Schema<number> = new CompiledSchema<number>("u32", 1, (w, v) => {
  if (v >>> 0 !== v) throw invalid("u32", "an integer in 0..2^32-1", v);
  w.varint32(v);
}, (r) => r.varint32(32));

/** `i16`: zigzag, then a varint of at most 3 bytes. */
export const i16: Schema<number> = new CompiledSchema<number>("i16", 1, (w, v) => {
  if (((v << 16) >> 16) !== v) throw invalid("i16", "an integer in -32768..32767", v);
  w.varint32(((v << 1) ^ (v >> 31)) >>> 0);
}, (r) => {
  const u = r.varint32(16);
  return (u >>> 1) ^ -(u & 1);
});

/** `i32`: zigzag, then a varint of at most 5 bytes. */
export const i32: Schema<number> = new CompiledSchema<number>("i32", 1, (w, v) => {
  if ((v | 0) !== v) throw invalid("i32", "an integer in -2^31..2^31-1", v);
  w.varint32(((v << 1) ^ (v >> 31)) >>> 0);
}, (r) => {
  const u = r.varint32(32);
  return (u >>> 1) ^ -(u & 1);
});

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_BIG = BigInt(MAX_SAFE);

function toBig(kind: string, v: bigint | number): bigint {
  if (typeof v === "bigint") return v;
  if (Number.isSafeInteger(v)) return BigInt(v);
  throw invalid(kind, "a bigint (or a safe integer)", v);
}

function unsignedBig(kind: string, max: bigint, bits: 64 | 128): Schema<bigint> {
  return new CompiledSchema<bigint>(kind, 1, (w, value) => {
    const v = toBig(kind, value);
    if (v < 0n || v > max) throw invalid(kind, `an integer in 0..2^${bits}-1`, value);
    w.varintBig(v);
  }, bits === 64 ? (r) => r.u64() : (r) => r.u128());
}

function signedBig(kind: string, bits: 64 | 128): Schema<bigint> {
  const limit = 1n << BigInt(bits - 1);
  return new CompiledSchema<bigint>(kind, 1, (w, value) => {
    const v = toBig(kind, value);
    if (v < -limit || v >= limit) {
      throw invalid(kind, `an integer in -2^${bits - 1}..2^${bits - 1}-1`, value);
    }
    w.varintBig(v >= 0n ? v << 1n : ((-v) << 1n) - 1n);
  }, (r) => {
    const u = bits === 64 ? r.u64() : r.u128();
    return (u >> 1n) ^ -(u & 1n);
  });
}

/** `u64` as a bigint: varint, at most 10 bytes. Encoding also accepts a safe-integer number. */
export const u64: Schema<bigint> = unsignedBig("u64", U64_MAX, 64);
/** `i64` as a bigint: zigzag, then a varint of at most 10 bytes. */
export const i64: Schema<bigint> = signedBig("i64", 64);
/** `u128` as a bigint: varint, at most 19 bytes. */
export const u128: Schema<bigint> = unsignedBig("u128", U128_MAX, 128);
/** `i128` as a bigint: zigzag, then a varint of at most 19 bytes. */
export const i128: Schema<bigint> = signedBig("i128", 128);

/**
 * `u64` as a number, for fields the schema knows stay below 2^53 (ticks, counts): no bigint cost.
 * Decoding a larger value is an `out_of_range` error, never a silent rounding.
 */
export const u64AsNumber: Schema<number> = new CompiledSchema<number>("u64AsNumber", 1, (w, v) => {
  if (!Number.isSafeInteger(v) || v < 0) throw invalid("u64AsNumber", "a safe integer >= 0", v);
  w.varintNumber(v);
}, (r) => r.u64Number());

/** `usize` (lengths, indices): postcard encodes it as a u64 varint; a number here. */
export const usize: Schema<number> = u64AsNumber;

/** `i64` as a number, for fields the schema knows stay within ±(2^53 - 1). */
export const i64AsNumber: Schema<number> = new CompiledSchema<number>("i64AsNumber", 1, (w, v) => {
  if (!Number.isSafeInteger(v)) throw invalid("i64AsNumber", "a safe integer", v);
  const zigzag = v >= 0 ? v * 2 : -v * 2 - 1;
  if (zigzag <= MAX_SAFE) w.varintNumber(zigzag);
  else w.varintBig(v >= 0 ? BigInt(v) << 1n : (BigInt(-v) << 1n) - 1n);
}, (r) => {
  const start = r.pos;
  const u = r.varintBigOrNumber(64);
  if (typeof u === "number") return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  const v = (u >> 1n) ^ -(u & 1n);
  if (v > MAX_SAFE_BIG || v < -MAX_SAFE_BIG) {
    throw new CodecError(
      "out_of_range",
      `i64 ${v} exceeds ±(2^53 - 1); the schema needs i64`,
      start,
    );
  }
  return Number(v);
});

/** `f32`: 4 bytes, IEEE-754 little-endian. Values are rounded to single precision. */
export const f32: Schema<number> = new CompiledSchema<number>(
  "f32",
  4,
  (w, v) => w.f32(v),
  (r) => r.f32(),
);

/** `f64`: 8 bytes, IEEE-754 little-endian. */
export const f64: Schema<number> = new CompiledSchema<number>(
  "f64",
  8,
  (w, v) => w.f64(v),
  (r) => r.f64(),
);

/** `String` / `&str`: varint byte length, then UTF-8. Invalid UTF-8 is an error on decode. */
export const string: Schema<string> = new CompiledSchema<string>("string", 1, (w, v) => {
  if (typeof v !== "string") throw invalid("string", "a string", v);
  w.string(v);
}, (r) => r.string());

/**
 * `Vec<u8>` / `&[u8]`: varint length, then the bytes. Decoding returns a view into the input
 * (no copy): copy it (`.slice()`) if the input buffer will be reused.
 */
export const bytes: Schema<Uint8Array> = new CompiledSchema<Uint8Array>("bytes", 1, (w, v) => {
  if (!(v instanceof Uint8Array)) throw invalid("bytes", "a Uint8Array", v);
  w.bytes(v);
}, (r) => r.byteArray());

// ---------------------------------------------------------------------------------------------
// Combinators

/** `Option<T>`: 00 for None (`null`), 01 then the value for Some. `undefined` encodes as None. */
export function option<T>(inner: Schema<T>): Schema<T | null> {
  const write = inner.encodeInto;
  const read = inner.decodeFrom;
  return new CompiledSchema<T | null>("option", 1, (w, v) => {
    if (v === null || v === undefined) w.u8(0);
    else {
      w.u8(1);
      write(w, v);
    }
  }, (r) => {
    const at = r.pos;
    const tag = r.u8();
    if (tag === 0) return null;
    if (tag === 1) return read(r);
    throw new CodecError(
      "unknown_variant",
      `Option tag 0x${tag.toString(16)} is neither 00 nor 01`,
      at,
    );
  });
}

/** `Vec<T>`: varint count, then the items. */
export function seq<T>(item: Schema<T>): Schema<T[]> {
  const write = item.encodeInto;
  const read = item.decodeFrom;
  const itemSize = item.minSize;
  return new CompiledSchema<T[]>("seq", 1, (w, v) => {
    if (!Array.isArray(v)) throw invalid("seq", "an array", v);
    const n = v.length;
    w.varintNumber(n);
    for (let i = 0; i < n; i++) write(w, v[i]);
  }, (r) => {
    const n = r.length(itemSize, "seq");
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(read(r));
    return out;
  });
}

/** `[T; N]`: exactly `length` items, no count on the wire. */
export function array<T>(item: Schema<T>, length: number): Schema<T[]> {
  const write = item.encodeInto;
  const read = item.decodeFrom;
  return new CompiledSchema<T[]>(`array`, item.minSize * length, (w, v) => {
    if (!Array.isArray(v) || v.length !== length) {
      throw invalid(
        "array",
        `an array of ${length} items`,
        Array.isArray(v) ? `${v.length} items` : v,
      );
    }
    for (let i = 0; i < length; i++) write(w, v[i]);
  }, (r) => {
    const out: T[] = [];
    for (let i = 0; i < length; i++) out.push(read(r));
    return out;
  });
}

/**
 * `HashMap<K, V>` / `BTreeMap<K, V>`: varint count, then key and value pairs. Decodes to a `Map`
 * in wire order, so re-encoding a decoded map gives the same bytes.
 */
export function map<K, V>(key: Schema<K>, value: Schema<V>): Schema<Map<K, V>> {
  const writeKey = key.encodeInto;
  const writeValue = value.encodeInto;
  const readKey = key.decodeFrom;
  const readValue = value.decodeFrom;
  const pairSize = key.minSize + value.minSize;
  return new CompiledSchema<Map<K, V>>("map", 1, (w, m) => {
    if (!(m instanceof Map)) throw invalid("map", "a Map", m);
    w.varintNumber(m.size);
    for (const [k, v] of m) {
      writeKey(w, k);
      writeValue(w, v);
    }
  }, (r) => {
    const n = r.length(pairSize, "map");
    const out = new Map<K, V>();
    for (let i = 0; i < n; i++) {
      const k = readKey(r);
      out.set(k, readValue(r));
    }
    return out;
  });
}

/** The value type of a tuple schema: an array of its items' types. */
export type InferTuple<S extends readonly Schema<unknown>[]> = {
  -readonly [I in keyof S]: Infer<S[I]>;
};

/**
 * Builds a function from source once, at schema construction: `params` are bound to `args`. This is
 * how structs and tuples read and write each field with a direct call and no loop over the schema.
 */
function generate<F>(params: string[], args: unknown[], source: string): F {
  return new Function(...params, `return ${source};`)(...args);
}

const slots = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
const sumMinSize = (schemas: readonly Schema<unknown>[]) =>
  schemas.reduce((sum, s) => sum + s.minSize, 0);

/** `(A, B, ...)`: the fields in order, nothing else. Decodes to an array. */
export function tuple<const S extends readonly Schema<unknown>[]>(
  ...items: S
): Schema<InferTuple<S>> {
  const n = items.length;
  const s = slots(n);
  const notATuple = (v: unknown) =>
    invalid("tuple", `an array of ${n} items`, Array.isArray(v) ? `${v.length} items` : v);
  const write = generate<Write<InferTuple<S>>>(
    ["notATuple", ...s],
    [notATuple, ...items.map((item) => item.encodeInto)],
    `function writeTuple(w, v) {
      if (!Array.isArray(v) || v.length !== ${n}) throw notATuple(v);
      ${s.map((f, i) => `${f}(w, v[${i}]);`).join(" ")}
    }`,
  );
  const read = generate<Read<InferTuple<S>>>(
    s,
    items.map((item) => item.decodeFrom),
    `function readTuple(r) { return [${s.map((f) => `${f}(r)`).join(", ")}]; }`,
  );
  return new CompiledSchema("tuple", sumMinSize(items), write, read);
}

/** The fields of a struct schema, in wire order. */
export type StructFields = Record<string, Schema<unknown>>;
/** The value type of a struct schema's fields. */
export type InferStruct<F extends StructFields> = { [K in keyof F]: Infer<F[K]> };

/**
 * A Rust struct: the fields in declaration order, nothing else. The key order of `fields` is the
 * wire order, so list them as the Rust struct does.
 *
 * The encoder and decoder are generated once per schema: the decoder builds each object with one
 * object literal (every decoded value gets the same hidden class), the encoder writes each field
 * with a direct call.
 */
export function struct<F extends StructFields>(fields: F): Schema<InferStruct<F>> {
  const names = Object.keys(fields);
  for (const name of names) {
    // An object literal key "__proto__" would set the prototype instead of defining a field.
    if (name === "__proto__") throw new Error('struct field "__proto__" is not supported');
  }
  const schemas = names.map((n) => fields[n]);
  const s = slots(names.length);
  const key = (name: string) => JSON.stringify(name);
  // Names the failing field in an encoding error, outermost first: `field "pos": field "x": ...`.
  const fieldError = (field: number | null, cause: unknown) => {
    if (field === null) return invalid("struct", "an object", cause);
    if (!(cause instanceof CodecError)) return cause;
    return new CodecError(cause.kind, `field ${key(names[field])}: ${cause.message}`, cause.offset);
  };
  const write = generate<Write<InferStruct<F>>>(
    ["fieldError", ...s],
    [fieldError, ...schemas.map((schema) => schema.encodeInto)],
    `function writeStruct(w, v) {
      if (v === null || typeof v !== "object") throw fieldError(null, v);
      let field = 0;
      try {
        ${names.map((name, i) => `field = ${i}; ${s[i]}(w, v[${key(name)}]);`).join("\n")}
      } catch (e) {
        throw fieldError(field, e);
      }
    }`,
  );
  const read = generate<Read<InferStruct<F>>>(
    s,
    schemas.map((schema) => schema.decodeFrom),
    `function readStruct(r) {
      return { ${names.map((name, i) => `${key(name)}: ${s[i]}(r)`).join(", ")} };
    }`,
  );
  return new CompiledSchema("struct", sumMinSize(schemas), write, read);
}

/** The variants of an enum schema, in discriminant order, each with its payload schema. */
export type EnumVariants = Record<string, Schema<unknown>>;
/** The value type of an enum schema: `{ tag }` for unit variants, `{ tag, value }` otherwise. */
export type InferEnum<V extends EnumVariants> = {
  [K in keyof V & string]: V[K] extends Schema<null> ? { tag: K } : { tag: K; value: Infer<V[K]> };
}[keyof V & string];

/**
 * A Rust enum: varint discriminant (the variant's index in declaration order), then its payload.
 * Give `unit` for unit variants, any schema for newtype variants, `tuple(...)` for tuple variants
 * and `struct({...})` for struct variants: on the wire all are "discriminant, then payload".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { enumOf, f32, struct, tuple, unit } from "@astraweave/codec";
 * const Command = enumOf({
 *   Idle: unit,
 *   MoveTo: tuple(f32, f32),
 *   Attack: struct({ target: f32 }),
 * });
 * const bytes = Command.encode({ tag: "MoveTo", value: [1, 2] });
 * assert.equal(bytes[0], 1);
 * assert.deepEqual(Command.decode(bytes), { tag: "MoveTo", value: [1, 2] });
 * ```
 */
export function enumOf<V extends EnumVariants>(variants: V): Schema<InferEnum<V>> {
  const tags = Object.keys(variants);
  const payloads = tags.map((t) => variants[t]);
  const isUnit = payloads.map((p) => p === unit);
  const index = new Map(tags.map((t, i) => [t, i]));
  type Value = { tag: string; value?: unknown };
  return new CompiledSchema<InferEnum<V>>("enum", 1, (w, v) => {
    const i = index.get((v as Value)?.tag);
    if (i === undefined) throw invalid("enum", `a tag in ${tags.join(", ")}`, (v as Value)?.tag);
    w.varint32(i);
    if (!isUnit[i]) payloads[i].encodeInto(w, (v as Value).value);
  }, (r) => {
    const at = r.pos;
    const i = r.varint32(32);
    if (i >= tags.length) {
      throw new CodecError(
        "unknown_variant",
        `enum discriminant ${i} is not one of 0..${tags.length - 1}`,
        at,
      );
    }
    if (isUnit[i]) return { tag: tags[i] } as InferEnum<V>;
    return { tag: tags[i], value: payloads[i].decodeFrom(r) } as InferEnum<V>;
  });
}

/**
 * A Rust enum whose variants all carry no data, as a string union: varint discriminant only.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { literals } from "@astraweave/codec";
 * const Team = literals("Red", "Blue");
 * assert.deepEqual(Team.encode("Blue"), new Uint8Array([1]));
 * assert.equal(Team.decode(new Uint8Array([0])), "Red");
 * ```
 */
export function literals<const L extends readonly string[]>(...names: L): Schema<L[number]> {
  const index = new Map(names.map((t, i) => [t, i]));
  return new CompiledSchema<L[number]>("enum", 1, (w, v) => {
    const i = index.get(v);
    if (i === undefined) throw invalid("enum", `one of ${names.join(", ")}`, v);
    w.varint32(i);
  }, (r) => {
    const at = r.pos;
    const i = r.varint32(32);
    if (i >= names.length) {
      throw new CodecError(
        "unknown_variant",
        `enum discriminant ${i} is not one of 0..${names.length - 1}`,
        at,
      );
    }
    return names[i];
  });
}

/**
 * A schema defined later, for recursive types. Decoding follows at most `maxDepth` nested lazy
 * schemas (a `Reader` option, default 128), so hostile input cannot overflow the stack.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lazy, option, type Schema, struct, u8 } from "@astraweave/codec";
 * type Node = { value: number; next: Node | null };
 * const Node: Schema<Node> = struct({ value: u8, next: option(lazy(() => Node)) });
 * assert.deepEqual(
 *   Node.encode({ value: 1, next: { value: 2, next: null } }),
 *   new Uint8Array([1, 1, 2, 0]),
 * );
 * ```
 */
export function lazy<T>(resolve: () => Schema<T>): Schema<T> {
  let target: Schema<T> | undefined;
  const get = () => (target ??= resolve());
  return new CompiledSchema<T>("lazy", 0, (w, v) => get().encodeInto(w, v), (r) => {
    if (r.depth >= r.maxDepth) {
      throw new CodecError("too_deep", `nesting deeper than ${r.maxDepth} levels`, r.pos);
    }
    r.depth++;
    const value = get().decodeFrom(r);
    r.depth--;
    return value;
  });
}
