import assert from "node:assert/strict";
import {
  array,
  bool,
  bytes,
  CodecError,
  enumOf,
  f32,
  f64,
  i128,
  i16,
  i32,
  i64,
  i64AsNumber,
  i8,
  lazy,
  literals,
  map,
  option,
  Reader,
  type Schema,
  seq,
  string,
  struct,
  tuple,
  u128,
  u16,
  u32,
  u64,
  u64AsNumber,
  u8,
  unit,
  Writer,
} from "./mod.ts";
import { mulberry32 as prng } from "@astraweave/testing/random";
import { assertCodecError } from "./testdata/assert_codec_error.ts";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
const fromHex = (s: string) =>
  new Uint8Array(s.split(" ").filter(Boolean).map((x) => parseInt(x, 16)));

function roundTrip<T>(schema: Schema<T>, value: T, expectedHex?: string): void {
  const encoded = schema.encode(value);
  if (expectedHex !== undefined) assert.equal(hex(encoded), expectedHex, `encoding of ${value}`);
  assert.deepEqual(schema.decode(encoded), value);
}

Deno.test("postcard spec vectors: u16 varint", () => {
  roundTrip(u16, 0, "00");
  roundTrip(u16, 127, "7f");
  roundTrip(u16, 128, "80 01");
  roundTrip(u16, 16383, "ff 7f");
  roundTrip(u16, 16384, "80 80 01");
  roundTrip(u16, 16385, "81 80 01");
  roundTrip(u16, 65535, "ff ff 03");
});

Deno.test("postcard spec vectors: i16 zigzag", () => {
  roundTrip(i16, 0, "00");
  roundTrip(i16, -1, "01");
  roundTrip(i16, 1, "02");
  roundTrip(i16, 63, "7e");
  roundTrip(i16, -64, "7f");
  roundTrip(i16, 64, "80 01");
  roundTrip(i16, -65, "81 01");
  // zigzag(32767) = 65534 = FE FF 03; zigzag(-32768) = 65535 = FF FF 03.
  roundTrip(i16, 32767, "fe ff 03");
  roundTrip(i16, -32768, "ff ff 03");
});

Deno.test("postcard: fixed-size primitives", () => {
  roundTrip(bool, false, "00");
  roundTrip(bool, true, "01");
  roundTrip(u8, 0, "00");
  roundTrip(u8, 255, "ff");
  roundTrip(i8, -1, "ff");
  roundTrip(i8, -128, "80");
  roundTrip(i8, 127, "7f");
  roundTrip(f32, 1, "00 00 80 3f");
  roundTrip(f32, -2.5, "00 00 20 c0");
  roundTrip(f64, 1, "00 00 00 00 00 00 f0 3f");
  roundTrip(f64, Number.MAX_VALUE);
  roundTrip(f64, -0);
  roundTrip(f64, Infinity);
  assert.ok(Number.isNaN(f64.decode(f64.encode(NaN))));
  assert.equal(f32.decode(f32.encode(0.1)), Math.fround(0.1));
  roundTrip(unit, null, "");
});

Deno.test("postcard: u32 and i32 at their edges", () => {
  roundTrip(u32, 0xffffffff, "ff ff ff ff 0f");
  roundTrip(u32, 0x7fffffff, "ff ff ff ff 07");
  roundTrip(u32, 2 ** 28, "80 80 80 80 01");
  roundTrip(i32, -(2 ** 31), "ff ff ff ff 0f");
  roundTrip(i32, 2 ** 31 - 1, "fe ff ff ff 0f");
  for (const v of [0, 1, -1, 1000, -1000, 123456789, -987654321]) roundTrip(i32, v);
});

Deno.test("postcard: 64 and 128-bit integers as bigint", () => {
  roundTrip(u64, 0n, "00");
  roundTrip(u64, 2n ** 64n - 1n, "ff ff ff ff ff ff ff ff ff 01");
  roundTrip(u64, 2n ** 53n + 1n);
  roundTrip(u64, 1311768467294899695n); // the state_hash of the Rust fixture, above 2^53
  roundTrip(i64, -(2n ** 63n), "ff ff ff ff ff ff ff ff ff 01");
  roundTrip(i64, 2n ** 63n - 1n, "fe ff ff ff ff ff ff ff ff 01");
  roundTrip(i64, -1n, "01");
  roundTrip(u128, 2n ** 128n - 1n, "ff ".repeat(18) + "03");
  roundTrip(i128, -(2n ** 127n), "ff ".repeat(18) + "03");
  roundTrip(i128, 2n ** 127n - 1n);
  assert.equal(u64.decode(u64.encode(42 as unknown as bigint)), 42n, "safe numbers are accepted");
});

Deno.test("postcard: 64-bit number fast path", () => {
  roundTrip(u64AsNumber, Number.MAX_SAFE_INTEGER, "ff ff ff ff ff ff ff 0f");
  roundTrip(u64AsNumber, 2 ** 32, "80 80 80 80 10");
  roundTrip(i64AsNumber, -Number.MAX_SAFE_INTEGER);
  roundTrip(i64AsNumber, Number.MAX_SAFE_INTEGER);
  roundTrip(i64AsNumber, -3, "05");
  // The same bytes as the bigint schema, so the two can read each other.
  assert.deepEqual(u64AsNumber.encode(123456789012), u64.encode(123456789012n));
  assert.deepEqual(i64AsNumber.encode(-123456789012), i64.encode(-123456789012n));
  assertCodecError(() => u64AsNumber.decode(u64.encode(2n ** 53n)), "out_of_range", 0);
  assertCodecError(() => i64AsNumber.decode(i64.encode(-(2n ** 60n))), "out_of_range", 0);
});

Deno.test("postcard: strings and bytes", () => {
  roundTrip(string, "", "00");
  roundTrip(string, "hi", "02 68 69");
  roundTrip(string, "é", "02 c3 a9");
  roundTrip(string, "\u{1F600}", "04 f0 9f 98 80");
  roundTrip(string, "\uFEFFbom kept");
  roundTrip(string, "a".repeat(127));
  roundTrip(string, "a".repeat(128));
  roundTrip(string, "ü".repeat(50)); // 100 bytes: the prefix reserved for 150 shrinks to one byte
  roundTrip(string, "日本語".repeat(1000));
  const long = "x".repeat(70_000);
  assert.equal(hex(string.encode(long).subarray(0, 3)), "f0 a2 04");
  roundTrip(bytes, new Uint8Array(), "00");
  roundTrip(bytes, new Uint8Array([1, 2, 3]), "03 01 02 03");
  const big = new Uint8Array(300_000).map((_, i) => i * 7);
  roundTrip(bytes, big);
});

Deno.test("postcard: decoded bytes are views of the input, not copies", () => {
  const encoded = bytes.encode(new Uint8Array([9, 8, 7]));
  const decoded = bytes.decode(encoded);
  assert.equal(decoded.buffer, encoded.buffer);
  assert.equal(decoded.byteOffset, encoded.byteOffset + 1);
});

Deno.test("postcard: encode results never share bytes, even when they share a slab", () => {
  const results = Array.from({ length: 20_000 }, (_, i) => u32.encode(i * 9973));
  results.forEach((bytes, i) => assert.equal(u32.decode(bytes), i * 9973, `result ${i}`));
  const large = bytes.encode(new Uint8Array(10_000).fill(7));
  assert.equal(large.byteOffset, 0);
  assert.equal(large.buffer.byteLength, large.length, "large results own their buffer");
});

Deno.test("postcard: option, seq, array, map, tuple", () => {
  roundTrip(option(u8), null, "00");
  roundTrip(option(u8), 5, "01 05");
  assert.equal(hex(option(u8).encode(undefined as unknown as null)), "00");
  roundTrip(seq(u16), [], "00");
  roundTrip(seq(u16), [1, 128, 65535], "03 01 80 01 ff ff 03");
  roundTrip(array(u8, 3), [1, 2, 3], "01 02 03");
  roundTrip(map(string, i64), new Map([["a", -1n], ["b", 2n]]), "02 01 61 01 01 62 04");
  roundTrip(tuple(u8, string, bool), [1, "x", true], "01 01 78 01");
  roundTrip(tuple(), [], "");
  roundTrip(seq(unit), [null, null, null], "03");
});

Deno.test("postcard: map order survives a round trip byte for byte", () => {
  const schema = map(string, u32);
  const wire = fromHex("03 01 7a 01 01 61 02 01 6d 03"); // z, a, m: not sorted
  assert.deepEqual([...schema.decode(wire).keys()], ["z", "a", "m"]);
  assert.deepEqual(schema.encode(schema.decode(wire)), wire);
});

Deno.test("postcard: structs encode fields in declaration order, nothing else", () => {
  const Vec3 = struct({ x: f32, y: f32, z: f32 });
  const Entity = struct({ id: u32, pos: Vec3, hp: i16, name: string, tags: seq(string) });
  const value = { id: 300, pos: { x: 1, y: -2, z: 0.5 }, hp: -5, name: "orc", tags: ["a"] };
  roundTrip(
    Entity,
    value,
    "ac 02 00 00 80 3f 00 00 00 c0 00 00 00 3f 09 03 6f 72 63 01 01 61",
  );
  roundTrip(struct({}), {}, "");
  assert.equal(Entity.minSize, 1 + 12 + 1 + 1 + 1);
});

Deno.test("postcard: enums with unit, newtype, tuple and struct variants", () => {
  const Shape = enumOf({
    Empty: unit,
    Circle: f32,
    Segment: tuple(u8, u8),
    Rect: struct({ w: u16, h: u16 }),
  });
  roundTrip(Shape, { tag: "Empty" }, "00");
  roundTrip(Shape, { tag: "Circle", value: 2 }, "01 00 00 00 40");
  roundTrip(Shape, { tag: "Segment", value: [3, 4] }, "02 03 04");
  roundTrip(Shape, { tag: "Rect", value: { w: 128, h: 1 } }, "03 80 01 01");
  const Team = literals("Red", "Green", "Blue");
  roundTrip(Team, "Blue", "02");
  assertCodecError(() => Team.encode("Pink" as "Red"), "invalid_value");
  assertCodecError(
    () => Shape.encode({ tag: "Blob" } as unknown as { tag: "Empty" }),
    "invalid_value",
  );
});

Deno.test("postcard: recursive schemas through lazy", () => {
  type Tree = { value: u8; children: Tree[] };
  type u8 = number;
  const Tree: Schema<Tree> = struct({ value: u8, children: seq(lazy(() => Tree)) });
  const tree: Tree = {
    value: 1,
    children: [{ value: 2, children: [] }, { value: 3, children: [] }],
  };
  roundTrip(Tree, tree, "01 02 02 00 03 00");
  // Hostile nesting: each level is two bytes; 10,000 levels would overflow a naive decoder's stack.
  const deep = new Uint8Array(20_000).fill(1);
  assertCodecError(() => Tree.decode(deep), "too_deep");
});

Deno.test("postcard: a reused writer appends, and encodeInto composes messages", () => {
  const w = new Writer(16);
  for (let i = 0; i < 1000; i++) u32.encodeInto(w, i * 1000);
  const r = new Reader(w.written());
  for (let i = 0; i < 1000; i++) assert.equal(u32.decodeFrom(r), i * 1000);
  r.finish();
  w.reset();
  string.encodeInto(w, "again");
  assert.equal(hex(w.toBytes()), "05 61 67 61 69 6e");
});

Deno.test("postcard: encoding rejects values that do not fit, naming the field", () => {
  assertCodecError(() => u8.encode(256), "invalid_value");
  assertCodecError(() => u8.encode(1.5), "invalid_value");
  assertCodecError(() => i8.encode(128), "invalid_value");
  assertCodecError(() => u16.encode(-1), "invalid_value");
  assertCodecError(() => i16.encode(40000), "invalid_value");
  assertCodecError(() => u32.encode(2 ** 32), "invalid_value");
  assertCodecError(() => i32.encode(2 ** 31), "invalid_value");
  assertCodecError(() => u64.encode(-1n), "invalid_value");
  assertCodecError(() => u64.encode(2n ** 64n), "invalid_value");
  assertCodecError(() => i64.encode(2n ** 63n), "invalid_value");
  assertCodecError(() => u64AsNumber.encode(2 ** 53), "invalid_value");
  assertCodecError(() => array(u8, 2).encode([1]), "invalid_value");
  assertCodecError(() => tuple(u8, u8).encode([1] as unknown as [number, number]), "invalid_value");
  const Outer = struct({ inner: struct({ hp: u8 }) });
  const e = assertCodecError(() => Outer.encode({ inner: { hp: 300 } }), "invalid_value");
  assert.match(e.message, /field "inner": field "hp": u8 expects/);
  assertCodecError(
    () => Outer.encode(null as unknown as { inner: { hp: number } }),
    "invalid_value",
  );
  assert.throws(() => struct({ ["__proto__"]: u8 }), /not supported/);
});

Deno.test("postcard: hostile input gives typed errors with the offset", () => {
  // Truncated everywhere.
  assertCodecError(() => u8.decode(new Uint8Array()), "truncated", 0);
  assertCodecError(() => u16.decode(fromHex("80")), "truncated", 1);
  assertCodecError(() => f32.decode(fromHex("00 00 80")), "truncated", 0);
  assertCodecError(() => f64.decode(fromHex("00")), "truncated", 0);
  assertCodecError(() => tuple(u8, u8).decode(fromHex("01")), "truncated", 1);
  // Varints longer than the type allows, or out of its range.
  assertCodecError(() => u16.decode(fromHex("80 80 80 01")), "varint_overlong", 0);
  assertCodecError(() => u16.decode(fromHex("ff ff 04")), "out_of_range", 0);
  assertCodecError(() => u32.decode(fromHex("ff ff ff ff 10")), "out_of_range", 0);
  assertCodecError(() => u32.decode(fromHex("80 80 80 80 80 01")), "varint_overlong", 0);
  assertCodecError(() => u64.decode(fromHex("ff ff ff ff ff ff ff ff ff 02")), "out_of_range", 0);
  assertCodecError(() => u64.decode(fromHex("80 ".repeat(10) + "01")), "varint_overlong", 0);
  assertCodecError(() => u128.decode(fromHex("ff ".repeat(18) + "04")), "out_of_range", 0);
  assertCodecError(() => i16.decode(fromHex("ff ff 07")), "out_of_range", 0);
  // Bool other than 0/1, Option tag other than 0/1, unknown discriminant.
  assertCodecError(() => bool.decode(fromHex("02")), "invalid_bool", 0);
  assertCodecError(() => tuple(u8, bool).decode(fromHex("00 ff")), "invalid_bool", 1);
  assertCodecError(() => option(u8).decode(fromHex("02 00")), "unknown_variant", 0);
  assertCodecError(() => literals("A", "B").decode(fromHex("02")), "unknown_variant", 0);
  assertCodecError(
    () => enumOf({ A: unit }).decode(fromHex("80 80 80 80 0f")),
    "unknown_variant",
    0,
  );
  // Invalid UTF-8 (a lone continuation byte, an overlong encoding, a surrogate).
  assertCodecError(() => string.decode(fromHex("01 80")), "invalid_utf8", 1);
  assertCodecError(() => string.decode(fromHex("02 c0 80")), "invalid_utf8", 1);
  assertCodecError(() => string.decode(fromHex("03 ed a0 80")), "invalid_utf8", 1);
  assertCodecError(
    () => string.decode(new Uint8Array([40, ...new Uint8Array(39).fill(0x61), 0xff])),
    "invalid_utf8",
  );
  // Lengths beyond the remaining bytes, including ones that would allocate gigabytes.
  assertCodecError(() => string.decode(fromHex("05 61 62")), "length_overrun", 0);
  assertCodecError(() => bytes.decode(fromHex("ff ff ff ff 0f")), "length_overrun", 0);
  assertCodecError(
    () => seq(u8).decode(fromHex("ff ff ff ff ff ff ff ff ff 01")),
    "length_overrun",
    0,
  );
  assertCodecError(
    () => seq(f64).decode(fromHex("02 00 00 00 00 00 00 00 00 00")),
    "length_overrun",
    0,
  );
  assertCodecError(() => map(u8, u8).decode(fromHex("02 01 02 03")), "length_overrun", 0);
  assertCodecError(() => seq(unit).decode(fromHex("ff ff ff ff 0f")), "size_limit", 0);
  // Bytes after a complete value.
  assertCodecError(() => u8.decode(fromHex("01 02")), "trailing_bytes", 1);
  assert.equal(u8.decode(fromHex("01 02"), { allowTrailing: true }), 1);
});

const FuzzEntity = struct({
  id: u32,
  name: string,
  pos: tuple(f32, f32, f32),
  hp: i16,
  alive: bool,
  owner: option(u64),
  tags: seq(string),
  attrs: map(string, i64),
  blob: bytes,
  kind: enumOf({ Idle: unit, Move: tuple(f32, f32), Talk: struct({ line: string, mood: i8 }) }),
  team: literals("Red", "Blue"),
  big: i128,
  tick: u64AsNumber,
});
const FuzzSnapshot = struct({ tick: u64AsNumber, entities: seq(FuzzEntity) });

function randomEntity(rand: () => number, i: number) {
  const pick = rand();
  return {
    id: (rand() * 2 ** 32) >>> 0,
    name: ["", "orc", "名前", "x".repeat(Math.floor(rand() * 200))][i % 4],
    pos: [Math.fround(rand() * 1000 - 500), Math.fround(rand()), Math.fround(-rand())] as [
      number,
      number,
      number,
    ],
    hp: Math.floor(rand() * 65536) - 32768,
    alive: rand() < 0.5,
    owner: rand() < 0.5 ? null : BigInt(Math.floor(rand() * 2 ** 53)) * 2048n,
    tags: Array.from({ length: Math.floor(rand() * 4) }, (_, j) => `t${j}`),
    attrs: new Map(
      Array.from({ length: Math.floor(rand() * 3) }, (_, j) => [`k${j}`, BigInt(j) - 1n]),
    ),
    blob: new Uint8Array(Math.floor(rand() * 40)).map(() => rand() * 256),
    kind: pick < 0.3
      ? { tag: "Idle" as const }
      : pick < 0.6
      ? { tag: "Move" as const, value: [Math.fround(rand()), 0] as [number, number] }
      : { tag: "Talk" as const, value: { line: "hello", mood: -3 } },
    team: rand() < 0.5 ? "Red" as const : "Blue" as const,
    big: -(2n ** 100n) + BigInt(i),
    tick: Math.floor(rand() * Number.MAX_SAFE_INTEGER),
  };
}

Deno.test("postcard fuzz: generated values round-trip", () => {
  const rand = prng(0xc0ffee);
  for (let round = 0; round < 300; round++) {
    const value = {
      tick: round,
      entities: Array.from({ length: Math.floor(rand() * 8) }, (_, i) => randomEntity(rand, i)),
    };
    const encoded = FuzzSnapshot.encode(value);
    assert.deepEqual(FuzzSnapshot.decode(encoded), value, `round ${round}`);
  }
});

Deno.test("postcard fuzz: 10,000 random and mutated inputs give values or CodecErrors only", () => {
  const seed = 20261127;
  const rand = prng(seed);
  const valid = Array.from(
    { length: 20 },
    (_, k) =>
      FuzzSnapshot.encode({ tick: k, entities: [0, 1, 2, 3].map((i) => randomEntity(rand, i)) }),
  );
  const kinds = new Map<string, number>();
  for (let i = 0; i < 10_000; i++) {
    let input: Uint8Array;
    if (i % 4 === 0) {
      input = new Uint8Array(Math.floor(rand() * 64)).map(() => rand() * 256);
    } else {
      input = valid[i % valid.length].slice();
      const mutations = 1 + Math.floor(rand() * 4);
      for (let m = 0; m < mutations; m++) {
        const at = Math.floor(rand() * input.length);
        const op = rand();
        if (op < 0.6) input[at] = rand() * 256;
        else if (op < 0.8) input = input.subarray(0, at);
        else input[at] = 0xff;
      }
    }
    try {
      const decoded = FuzzSnapshot.decode(input);
      // Whatever decodes must re-encode to bytes that decode to the same value.
      assert.deepEqual(FuzzSnapshot.decode(FuzzSnapshot.encode(decoded)), decoded);
    } catch (e) {
      if (!(e instanceof CodecError)) {
        throw new Error(`seed ${seed} input ${i} (${hex(input)}): ${e}`);
      }
      assert.ok(e.offset >= 0 && e.offset <= input.length, `offset ${e.offset} in ${input.length}`);
      kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
    }
  }
  // The mutations reach the decoder's checks, not only the first byte.
  for (const kind of ["truncated", "length_overrun", "invalid_bool", "unknown_variant"]) {
    assert.ok((kinds.get(kind) ?? 0) > 0, `no ${kind} errors among ${[...kinds]}`);
  }
});
