import assert from "node:assert/strict";
import { readCString, writeCString } from "@astraweave/sdk";

Deno.test("writeCString: sizes count UTF-8 bytes and the NUL; truncation keeps whole characters", () => {
  const text = "héllo €𝄞"; // 1 + 2 + 3 + 1 + 3 + 4 bytes
  const bytes = new TextEncoder().encode(text);
  assert.equal(writeCString(text, new Uint8Array(0)), bytes.length + 1);
  for (let size = 1; size <= bytes.length + 2; size++) {
    const buffer = new Uint8Array(size).fill(0xaa);
    assert.equal(writeCString(text, buffer), bytes.length + 1);
    const copied = readCString(buffer);
    assert.ok(text.startsWith(copied), `size ${size}: ${copied}`);
    assert.ok(new TextEncoder().encode(copied).length <= size - 1);
    assert.ok(!copied.includes("\ufffd"));
  }
  // A lone surrogate is written as U+FFFD (3 bytes), and counted so.
  assert.equal(writeCString("a\ud800", new Uint8Array(0)), 5);
  const buffer = new Uint8Array(8);
  assert.equal(writeCString("", buffer), 1);
  assert.equal(buffer[0], 0);
});

Deno.test("readCString: up to the NUL, all without one, invalid UTF-8 as U+FFFD", () => {
  assert.equal(readCString(new Uint8Array([0x61, 0x62])), "ab");
  assert.equal(readCString(new Uint8Array([0])), "");
  assert.equal(readCString(new Uint8Array([0x61, 0xff, 0])), "a\ufffd");
  const long = "y".repeat(500);
  const buffer = new Uint8Array(600);
  writeCString(long, buffer);
  assert.equal(readCString(buffer), long);
});
