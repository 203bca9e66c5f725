/**
 * UUIDs as save ids: the canonical lowercase hyphenated text in TypeScript, 16 raw bytes on the wire
 * (what the `uuid` crate serializes in binary formats).
 *
 * @module
 */

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Whether `text` is a UUID in the hyphenated form (either case). */
export function isUuid(text: unknown): text is string {
  return typeof text === "string" && UUID_TEXT.test(text);
}

/**
 * The 16 bytes of a hyphenated UUID.
 *
 * @throws {RangeError} when `text` is not a hyphenated UUID.
 */
export function uuidToBytes(text: string): Uint8Array {
  if (!isUuid(text)) throw new RangeError(`"${text}" is not a UUID (8-4-4-4-12 hex digits)`);
  const out = new Uint8Array(16);
  let j = 0;
  for (let i = 0; i < 36; i += 2) {
    if (text.charCodeAt(i) === 0x2d) i++; // skip the hyphen
    out[j++] = parseInt(text.slice(i, i + 2), 16);
  }
  return out;
}

/** The canonical lowercase hyphenated text of 16 UUID bytes. */
export function uuidFromBytes(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += "-";
    s += HEX[bytes[i]];
  }
  return s;
}

/**
 * A new random (version 4) UUID, as `Uuid::new_v4()` makes save ids.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { randomSaveId } from "@astraweave/save";
 * assert.match(randomSaveId(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
 * ```
 */
export function randomSaveId(): string {
  return crypto.randomUUID();
}
