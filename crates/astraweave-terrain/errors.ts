/**
 * {@link TerrainError}, the one error type of the crate, and the checks that raise it.
 *
 * @module
 */

/**
 * Bad input to a terrain function: `field` names the parameter, `value` is what was given.
 * Thrown before anything is allocated or changed, so a refused call leaves its inputs as they were.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Heightmap, TerrainError } from "@astraweave/terrain";
 * assert.throws(() => new Heightmap(0), (e) => e instanceof TerrainError && e.field === "resolution");
 * ```
 */
export class TerrainError extends RangeError {
  /** The parameter that was refused ("resolution", "seed", "chunkSize"). */
  readonly field: string;
  /** The refused value, as given. */
  readonly value: unknown;

  /** An error for `field`, whose `value` is wrong because of `problem`. */
  constructor(field: string, value: unknown, problem: string) {
    super(`${field} ${problem} (got ${describe(value)})`);
    this.name = "TerrainError";
    this.field = field;
    this.value = value;
  }
}

function describe(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  if (typeof value === "number" || typeof value === "boolean" || value == null) {
    return String(value);
  }
  return Array.isArray(value) ? "an array" : typeof value;
}

/** `value` as a finite number, or a {@link TerrainError} naming `field`. */
export function finite(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new TerrainError(field, value, "must be a finite number");
  }
  return value;
}

/** `value` as a finite number above 0. */
export function positive(field: string, value: unknown): number {
  if (finite(field, value) <= 0) throw new TerrainError(field, value, "must be above 0");
  return value as number;
}

/** `value` as a finite number of 0 or more. */
export function nonNegative(field: string, value: unknown): number {
  if (finite(field, value) < 0) throw new TerrainError(field, value, "must not be negative");
  return value as number;
}

/** `value` as an integer from `min` to `max`. */
export function integerIn(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new TerrainError(field, value, `must be an integer from ${min} to ${max}`);
  }
  return value;
}
