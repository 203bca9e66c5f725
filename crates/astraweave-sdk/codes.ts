/**
 * The status codes of the SDK, exactly as the Rust `astraweave-sdk` defines them (its README
 * lists them as +1..+4; the code, which is what callers see, uses these negative values).
 *
 * @module
 */

/** Success. */
export const AW_OK = 0 as const;
/** The world handle is unknown: never created, already destroyed, or forged. */
export const AW_ERR_NULL: -1 = -1;
/** An argument is out of range or of the wrong kind (a negative `dt`, an unknown actor). */
export const AW_ERR_PARAM: -2 = -2;
/** The intent is not valid JSON or does not match the intent schema. */
export const AW_ERR_PARSE: -3 = -3;
/** A step of a valid intent failed in this world (no path, line of sight blocked, cooldown). */
export const AW_ERR_EXEC: -4 = -4;

/** One of the SDK's status codes. */
export type AwCode =
  | typeof AW_OK
  | typeof AW_ERR_NULL
  | typeof AW_ERR_PARAM
  | typeof AW_ERR_PARSE
  | typeof AW_ERR_EXEC;

const NAMES: Record<AwCode, string> = {
  [AW_OK]: "AW_OK",
  [AW_ERR_NULL]: "AW_ERR_NULL",
  [AW_ERR_PARAM]: "AW_ERR_PARAM",
  [AW_ERR_PARSE]: "AW_ERR_PARSE",
  [AW_ERR_EXEC]: "AW_ERR_EXEC",
};

/**
 * The constant's name for a status code, or undefined for a number that is not one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AW_ERR_PARSE, codeName } from "@astraweave/sdk";
 * assert.equal(codeName(AW_ERR_PARSE), "AW_ERR_PARSE");
 * assert.equal(codeName(7), undefined);
 * ```
 */
export function codeName(code: number): string | undefined {
  return NAMES[code as AwCode];
}
