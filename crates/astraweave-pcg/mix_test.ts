import assert from "node:assert/strict";
import { fnv1a64, SplitMix64 } from "./mix.ts";
import { referenceFnv1a64, referenceSplitMix64 } from "./testdata/reference.ts";
import { joinU64 } from "./u64.ts";

const fnv = (text: string) => joinU64(...fnv1a64(text));

Deno.test("FNV-1a 64 reference values", () => {
  assert.equal(fnv(""), 0xcbf29ce484222325n);
  assert.equal(fnv("a"), 0xaf63dc4c8601ec8cn);
  assert.equal(fnv("foobar"), 0x85944171f73967e8n);
});

Deno.test("FNV-1a 64 encodes non-ASCII names as UTF-8", () => {
  for (
    const name of [
      "dungeon::rooms",
      "é",
      "€uro",
      "🐉 lair",
      "\ud800 lone",
      "x\udc00",
    ]
  ) {
    assert.equal(fnv(name), referenceFnv1a64(name), name);
  }
});

Deno.test("SplitMix64 reference outputs (seed 1234567 and seed 0)", () => {
  const rng = new SplitMix64(1234567);
  assert.deepEqual(
    Array.from({ length: 5 }, () => rng.next()),
    [
      6457827717110365317n,
      3203168211198807973n,
      9817491932198370423n,
      4593380528125082431n,
      16408922859458223821n,
    ],
  );
  const zero = new SplitMix64(0n);
  assert.deepEqual(
    [zero.next(), zero.next()],
    [0xe220a8397b1dcdafn, 0x6e789e6aa1b965f4n],
  );
});

Deno.test("SplitMix64.fromHalves equals the bigint seed", () => {
  const a = SplitMix64.fromHalves(0xdeadbeef, 0x01234567);
  const b = new SplitMix64(0xdeadbeef01234567n);
  for (let i = 0; i < 50; i++) assert.equal(a.next(), b.next());
});

Deno.test("SplitMix64 agrees with the BigInt transcription", () => {
  for (const seed of [0n, 1n, 0xffffffffffffffffn, 0x8000000080000000n]) {
    const ours = new SplitMix64(seed);
    const reference = referenceSplitMix64(seed);
    for (let i = 0; i < 200; i++) assert.equal(ours.next(), reference());
  }
});
