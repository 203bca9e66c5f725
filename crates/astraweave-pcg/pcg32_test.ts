import assert from "node:assert/strict";
import { Pcg32 } from "./pcg32.ts";
import { referencePcg32 } from "./testdata/reference.ts";
import { mulHi32, mulHi64 } from "./u64.ts";

/** The reference `pcg32-demo` loop (pcg-c-basic), printing one round as the demo does. */
function demoRound(rng: Pcg32): string[] {
  const hex = Array.from(
    { length: 6 },
    () => "0x" + rng.nextU32().toString(16).padStart(8, "0"),
  );
  let coins = "";
  for (let i = 0; i < 65; i++) coins += rng.nextBounded(2) ? "H" : "T";
  const rolls = Array.from({ length: 33 }, () => rng.nextBounded(6) + 1);
  const cards = Array.from({ length: 52 }, (_, i) => i);
  for (let i = 52; i > 1; i--) {
    const chosen = rng.nextBounded(i);
    [cards[chosen], cards[i - 1]] = [cards[i - 1], cards[chosen]];
  }
  const names = cards.map((c) => "A23456789TJQK"[Math.floor(c / 4)] + "hcds"[c % 4]);
  return [
    `32bit: ${hex.join(" ")}`,
    `Coins: ${coins}`,
    `Rolls: ${rolls.join(" ")}`,
    `Cards: ${names.join(" ")}`,
  ];
}

// Published output of the reference pcg32-demo (pcg-c-basic; also pcg-c's
// test-high/expected/check-pcg32.out), rounds 1 and 5, seed (42, 54).
const ROUND_1 = [
  "32bit: 0xa15c02b7 0x7b47f409 0xba1d3330 0x83d2f293 0xbfa4784b 0xcbed606e",
  "Coins: HHTTTHTHHHTHTTTHHHHHTTTHHHTHTHTHTTHTTTHHHHHHTTTTHHTTTTTHTTTTTTTHT",
  "Rolls: 3 4 1 1 2 2 3 2 4 3 2 4 3 3 5 2 3 1 3 1 5 1 4 1 5 6 4 6 6 2 6 3 3",
  "Cards: Qd Ks 6d 3s 3d 4c 3h Td Kc 5c Jh Kd Jd As 4s 4h Ad Th Ac Jc 7s Qs " +
  "2s 7h Kh 2d 6c Ah 4d Qh 9h 6s 5s 2c 9c Ts 8d 9s 3c 8c Js 5d 2h 6h " +
  "7d 8s 9d 5h 8h Qc 7c Tc",
];
const ROUND_5 = [
  "32bit: 0xfcef7cd6 0x1b488b5a 0xd0daf7ea 0x1d9a70f7 0x241a37cf 0x9a3857b7",
  "Coins: HHHHTHHTTHTTHHHTTTHHTHTHTTTTHTTHTHTTTHHHTHTHTTHTTHTHHTHTHHHTHTHTT",
  "Rolls: 5 4 1 2 6 1 3 1 5 6 3 6 2 1 4 4 5 2 1 5 6 5 6 4 4 4 5 2 6 4 3 5 6",
  "Cards: 4d 9s Qc 9h As Qs 7s 4c Kd 6h 6s 2c 8c 5d 7h 5h Jc 3s 7c Jh Js Ks " +
  "Tc Jd Kc Th 3h Ts Qh Ad Td 3c Ah 2d 3d 5c Ac 8s 5s 9c 2h 6c 6d Kh " +
  "Qd 8d 7d 2s 8h 4h 9d 4s",
];

Deno.test("Pcg32 reproduces the reference pcg32-demo output (rounds 1 and 5)", () => {
  const rng = new Pcg32(42, 54);
  const rounds = Array.from({ length: 5 }, () => demoRound(rng));
  assert.deepEqual(rounds[0], ROUND_1);
  assert.deepEqual(rounds[4], ROUND_5);
});

Deno.test("Pcg32 accepts bigint seeds equal to number seeds", () => {
  const a = new Pcg32(42n, 54n);
  const b = new Pcg32(42, 54);
  for (let i = 0; i < 100; i++) assert.equal(a.nextU32(), b.nextU32());
});

Deno.test("Pcg32 matches a BigInt transcription on seeds across the 64-bit range", () => {
  const seeds: [bigint, bigint][] = [
    [0n, 0n],
    [(1n << 64n) - 1n, (1n << 64n) - 1n],
    [0x8000000000000000n, 1n],
    [0xfedcba9876543210n, 0x0123456789abcdefn],
    [(1n << 53n) + 7n, (1n << 63n) + 12345n],
  ];
  for (const [state, seq] of seeds) {
    const ours = new Pcg32(state, seq);
    const reference = referencePcg32(state, seq);
    for (let i = 0; i < 1000; i++) {
      assert.equal(ours.nextU32(), reference(), `seed ${state}/${seq} at ${i}`);
    }
  }
});

Deno.test("mulHi32 and mulHi64 agree with BigInt products, edges included", () => {
  const edges = [
    0,
    1,
    2,
    0xffff,
    0x10000,
    0x7fffffff,
    0x80000000,
    0xfffffffe,
    0xffffffff,
  ];
  const values = [...edges];
  const rng = new Pcg32(7, 9);
  for (let i = 0; i < 300; i++) values.push(rng.nextU32());
  for (const a of values) {
    for (let k = 0; k < edges.length; k++) {
      const b = k % 2 ? edges[k] : values[(k * 37 + a) % values.length];
      const product = BigInt(a) * BigInt(b);
      assert.equal(mulHi32(a, b), Number(product >> 32n), `${a} * ${b}`);
    }
  }
  const mask = (1n << 64n) - 1n;
  for (let i = 0; i + 3 < values.length; i += 4) {
    const [aHi, aLo, bHi, bLo] = values.slice(i, i + 4);
    const product = ((BigInt(aHi) << 32n | BigInt(aLo)) *
      (BigInt(bHi) << 32n | BigInt(bLo))) & mask;
    assert.equal(mulHi64(aHi, aLo, bHi, bLo), Number(product >> 32n));
  }
});

Deno.test("Pcg32 rejects seeds that are not u64", () => {
  assert.throws(() => new Pcg32(-1, 0), RangeError);
  assert.throws(() => new Pcg32(1.5, 0), RangeError);
  assert.throws(() => new Pcg32(2 ** 53, 0), /bigint/);
  assert.throws(() => new Pcg32(0, 1n << 64n), RangeError);
  assert.throws(() => new Pcg32(0, -1n), RangeError);
});

Deno.test("nextFloat stays in [0, 1) with 53-bit resolution", () => {
  const rng = new Pcg32(1, 2);
  let sum = 0;
  for (let i = 0; i < 10_000; i++) {
    const f = rng.nextFloat();
    assert.ok(f >= 0 && f < 1);
    assert.ok(Number.isInteger(f * 2 ** 53), "a multiple of 2^-53");
    sum += f;
  }
  assert.ok(Math.abs(sum / 10_000 - 0.5) < 0.02, `mean ${sum / 10_000}`);
});
