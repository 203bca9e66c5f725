import assert from "node:assert/strict";
import { xxhash32 } from "./xxhash32.ts";

const PRIME32 = 2654435761;

/** The xxHash reference's sanity-check buffer: byte i is the top byte of PRIME32 * PRIME64^i. */
function sanityBuffer(length: number): Uint8Array {
  const buffer = new Uint8Array(length);
  let gen = BigInt(PRIME32);
  for (let i = 0; i < length; i++) {
    buffer[i] = Number(gen >> 56n);
    gen = (gen * 11400714785074694797n) & 0xffffffffffffffffn;
  }
  return buffer;
}

Deno.test("xxhash32: the reference implementation's sanity vectors", () => {
  const buffer = sanityBuffer(222);
  const vectors: [length: number, seed: number, hash: number][] = [
    [0, 0, 0x02cc5d05],
    [0, PRIME32, 0x36b78ae7],
    [1, 0, 0xcf65b03e],
    [1, PRIME32, 0xb4545aa4],
    [14, 0, 0x1208e7e2],
    [14, PRIME32, 0x6af1d1fe],
    [222, 0, 0x5bd11dbd],
    [222, PRIME32, 0x58803c5f],
  ];
  for (const [length, seed, hash] of vectors) {
    assert.equal(xxhash32(buffer.subarray(0, length), seed), hash, `length ${length} seed ${seed}`);
  }
});

Deno.test("xxhash32: known strings (as xxhsum -H32 prints them)", () => {
  const ascii = (s: string) => new TextEncoder().encode(s);
  assert.equal(xxhash32(ascii("a")), 0x550d7456);
  assert.equal(xxhash32(ascii("abc")), 0x32d153ff);
  assert.equal(xxhash32(ascii("123456789")), 0x937bad67);
  assert.equal(xxhash32(ascii("0123456789abcdef")), 0xc2c45b69);
  assert.equal(xxhash32(ascii("The quick brown fox jumps over the lazy dog")), 0xe85ea4de);
});

Deno.test("xxhash32: a view hashes only its own bytes", () => {
  const buffer = sanityBuffer(300);
  assert.equal(xxhash32(buffer.subarray(7, 229)), xxhash32(buffer.slice(7, 229)));
  assert.notEqual(xxhash32(buffer.subarray(7, 229)), xxhash32(buffer.subarray(0, 222)));
});
