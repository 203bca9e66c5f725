/**
 * The one error type of the cinematics crate.
 *
 * @module
 */

/** What kind of bad input a {@link CinematicsError} reports. */
export type CinematicsErrorCode =
  /** A timeline (JSON or built in code) that breaks a rule; `path` names the field. */
  | "invalid-timeline"
  /** A seek outside `[0, duration]` (with the Rust tolerance of 1 ms past the end). */
  | "out-of-range"
  /** A step of negative or non-finite length, or a non-finite sample time. */
  | "invalid-argument";

/**
 * Bad input to the cinematics crate. The message names the problem; for a bad timeline, `path`
 * names the field as it is spelled in the timeline's JSON (`tracks[2].Audio.start`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CinematicsError, parseTimeline } from "@astraweave/cinematics";
 * assert.throws(
 *   () => parseTimeline('{"name":"a","duration":-1,"tracks":[]}'),
 *   (e) => e instanceof CinematicsError && e.path === "duration",
 * );
 * ```
 */
export class CinematicsError extends Error {
  /** Always "CinematicsError". */
  override name = "CinematicsError";
  /** The kind of problem, for code that handles some kinds differently. */
  readonly code: CinematicsErrorCode;
  /** The bad field, as spelled in the timeline's JSON; empty when the problem is not a field. */
  readonly path: string;
  /** Creates an error of kind `code`; `path` (if any) is prefixed to the message. */
  constructor(code: CinematicsErrorCode, message: string, path = "") {
    super(path ? `${path}: ${message}` : message);
    this.code = code;
    this.path = path;
  }
}

/**
 * `value` for a message, never converted when it is an object: String() of `{"toString": 1}`
 * throws, and of 10,000 nested arrays runs out of stack.
 */
export function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return String(value);
}
