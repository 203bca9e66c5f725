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
const decoder = new TextDecoder();
const SHORT = 64;
// Reused by readCString: the codes of one short string.
const charCodes: number[] = [];
// Anything above U+007F; the NUL-to-DEL range is plain ASCII here, control characters included.
// deno-lint-ignore no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Bytes of `text` in UTF-8 (lone surrogates count as U+FFFD, 3 bytes, as the encoder writes). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

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
  if (buffer.length === 0) return (NON_ASCII.test(text) ? utf8Length(text) : text.length) + 1;
  if (text.length <= SHORT) {
    const size = copyShortAscii(text, buffer);
    if (size > 0) return size;
  }
  return copyEncoded(text, buffer);
}

/**
 * Short ASCII strings (names, versions, messages) copied by hand: cheaper than an encoder call.
 * Returns the size, or 0 when `text` is not ASCII. A function of its own: the short path stays
 * small enough for the JIT to inline.
 */
function copyShortAscii(text: string, buffer: Uint8Array): number {
  const n = Math.min(text.length, buffer.length - 1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return 0;
    if (i < n) buffer[i] = c;
  }
  buffer[n] = 0;
  return text.length + 1;
}

function copyEncoded(text: string, buffer: Uint8Array): number {
  // Try the whole text first: when it fits with room for the NUL, the encoder's count is the
  // size, and the text need not be scanned twice.
  const { read, written } = encoder.encodeInto(text, buffer);
  if (read === text.length && written < buffer.length) {
    buffer[written] = 0;
    return written + 1;
  }
  // encodeInto writes whole characters only, so the truncated copy stays valid UTF-8.
  buffer[encoder.encodeInto(text, buffer.subarray(0, buffer.length - 1)).written] = 0;
  return (NON_ASCII.test(text) ? utf8Length(text) : text.length) + 1;
}

/**
 * Reads a NUL-terminated UTF-8 string from `buffer` (all of it when there is no NUL), replacing
 * invalid sequences with U+FFFD, as the Rust `CStr::to_string_lossy` does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readCString } from "@astraweave/sdk";
 * assert.equal(readCString(new Uint8Array([0x68, 0x69, 0, 0x78])), "hi");
 * ```
 */
export function readCString(buffer: Uint8Array): string {
  let end = 0;
  while (end < buffer.length && buffer[end] !== 0) end++;
  // Short ASCII strings (names, versions) are built from their codes: cheaper than a decoder call.
  if (end <= SHORT) {
    charCodes.length = end;
    for (let i = 0; i < end; i++) {
      if (buffer[i] > 0x7f) return decoder.decode(buffer.subarray(0, end));
      charCodes[i] = buffer[i];
    }
    return String.fromCharCode.apply(null, charCodes);
  }
  return decoder.decode(buffer.subarray(0, end));
}
