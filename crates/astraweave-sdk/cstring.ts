/**
 * C-string buffer semantics, as the Rust SDK's `aw_version_string`, `aw_world_snapshot_json` and
 * `aw_last_error_string` have them: the return value is the size needed, in bytes, including the
 * terminating NUL; when the buffer has room for at least the NUL, the UTF-8 text is copied,
 * truncated to `buffer.length - 1` bytes, and NUL-terminated. An empty buffer is a size query.
 *
 * Unlike the Rust copy, truncation never splits a UTF-8 sequence: a partial character is dropped,
 * so what the buffer holds is always valid UTF-8.
 *
 * @module
 */

const encoder = new TextEncoder();

/**
 * Writes `text` into `buffer` as a NUL-terminated UTF-8 string and returns the size needed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeCString } from "@astraweave/sdk";
 * assert.equal(writeCString("0.1.0", new Uint8Array(0)), 6); // size query
 * const small = new Uint8Array(3);
 * assert.equal(writeCString("0.1.0", small), 6);
 * assert.deepEqual([...small], [0x30, 0x2e, 0]); // "0." and the NUL
 * ```
 */
export function writeCString(text: string, buffer: Uint8Array): number {
  // ASCII text (the common case: versions, JSON of numbers) needs no encoder.
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const needed = text.length + 1;
    if (buffer.length === 0) return needed;
    const n = Math.min(text.length, buffer.length - 1);
    for (let i = 0; i < n; i++) buffer[i] = text.charCodeAt(i);
    buffer[n] = 0;
    return needed;
  }
  const bytes = encoder.encode(text);
  if (buffer.length === 0) return bytes.length + 1;
  let n = Math.min(bytes.length, buffer.length - 1);
  if (n < bytes.length) {
    // Back up to the start of the character that does not fit whole.
    while (n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
  }
  buffer.set(bytes.subarray(0, n));
  buffer[n] = 0;
  return bytes.length + 1;
}
