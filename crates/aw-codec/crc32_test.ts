import assert from "node:assert/strict";
import crc32js from "crc-32";
import { crc32 } from "./crc32.ts";

const ascii = (s: string) => new TextEncoder().encode(s);

Deno.test("crc32: known answers (the CRC-32/ISO-HDLC check value and others)", () => {
  assert.equal(crc32(ascii("123456789")), 0xcbf43926);
  assert.equal(crc32(new Uint8Array(0)), 0);
  assert.equal(crc32(ascii("The quick brown fox jumps over the lazy dog")), 0x414fa339);
  assert.equal(crc32(new Uint8Array(32)), 0x190a55ad);
  assert.equal(crc32(new Uint8Array(32).fill(0xff)), 0xff6cab0b);
  assert.equal(crc32(ascii("a")), 0xe8b7be43);
});

Deno.test("crc32: continuing a running checksum equals one pass", () => {
  const bytes = ascii("123456789");
  for (let split = 0; split <= bytes.length; split++) {
    const first = crc32(bytes.subarray(0, split));
    assert.equal(crc32(bytes.subarray(split), first), 0xcbf43926, `split at ${split}`);
  }
  // Continuing from 0 is the same as starting fresh.
  assert.equal(crc32(bytes, 0), crc32(bytes));
});

Deno.test("crc32: views with a byte offset read only their own bytes", () => {
  const backing = new Uint8Array(64).map((_, i) => i * 37);
  const view = backing.subarray(5, 40);
  assert.equal(crc32(view), crc32(view.slice()));
  assert.notEqual(crc32(view), crc32(backing));
});

Deno.test("crc32: agrees with the pure-JS crc-32 package on every length 0..4096", () => {
  const data = new Uint8Array(4096);
  let s = 12345;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    data[i] = s >>> 24;
  }
  for (let n = 0; n <= data.length; n += n < 64 ? 1 : 61) {
    const part = data.subarray(0, n);
    assert.equal(crc32(part), crc32js.buf(part) >>> 0, `length ${n}`);
  }
});

Deno.test("crc32: the Rust save fixtures' header checksums", () => {
  const dir = new URL("../../fixtures/aw-save-rust/", import.meta.url);
  let checked = 0;
  for (const entry of Deno.readDirSync(dir)) {
    if (!entry.name.endsWith(".awsv")) continue;
    const file = Deno.readFileSync(new URL(entry.name, dir));
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    assert.equal(crc32(file.subarray(16)), view.getUint32(12, true), entry.name);
    checked++;
  }
  assert.equal(checked, 5);
});
