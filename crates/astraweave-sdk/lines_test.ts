import assert from "node:assert/strict";
import { type LineEvent, LineReader } from "@astraweave/sdk";

const collect = (reader: LineReader, ...chunks: string[]) => {
  const seen: string[] = [];
  const onLine = (e: LineEvent) => seen.push(e.kind === "line" ? e.text : e.kind);
  for (const chunk of chunks) reader.push(new TextEncoder().encode(chunk), onLine);
  reader.finish(onLine);
  return seen;
};

Deno.test("lines across chunks, several per chunk, CRLF, empty lines, and a last line without newline", () => {
  assert.deepEqual(collect(new LineReader(100), "a", "b\nc\r\n\n", "d\ne"), [
    "ab",
    "c",
    "",
    "d",
    "e",
  ]);
});

Deno.test("an over-long line is reported once and skipped to its newline, across chunks", () => {
  assert.deepEqual(collect(new LineReader(4), "12", "345", "678", "9\nok\n"), ["too-long", "ok"]);
  assert.deepEqual(collect(new LineReader(4), "1234\n12345\n"), ["1234", "too-long"]);
  assert.deepEqual(collect(new LineReader(4), "123456"), ["too-long"]);
});

Deno.test("a multi-byte character split between chunks decodes; invalid UTF-8 is reported", () => {
  const reader = new LineReader(100);
  const seen: string[] = [];
  const onLine = (e: LineEvent) => seen.push(e.kind === "line" ? e.text : e.kind);
  const euro = new TextEncoder().encode("€\n");
  reader.push(euro.subarray(0, 1), onLine);
  reader.push(euro.subarray(1), onLine);
  reader.push(new Uint8Array([0xc3, 0x28, 0x0a]), onLine);
  assert.deepEqual(seen, ["€", "invalid-utf8"]);
});
