/**
 * The one error type of the scene crate.
 *
 * @module
 */

/** What kind of bad input a {@link SceneError} reports. */
export type SceneErrorCode =
  /** A node handle that was never issued, or whose node has been removed. */
  | "stale-handle"
  /** A reparenting that would make a node its own ancestor. */
  | "cycle"
  /** A number that is NaN, infinite, negative or otherwise outside what the call accepts. */
  | "invalid-value"
  /** A position outside the world's bounds. */
  | "out-of-world"
  /** More nodes than the graph may hold. */
  | "capacity";

/**
 * Bad input to the scene crate; the message names the bad value and what was expected.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SceneError, SceneGraph } from "@astraweave/scene";
 * const graph = new SceneGraph();
 * assert.throws(
 *   () => graph.setTranslation(graph.create(), NaN, 0, 0),
 *   (e) => e instanceof SceneError && e.code === "invalid-value" && /NaN/.test(e.message),
 * );
 * ```
 */
export class SceneError extends Error {
  /** Always "SceneError". */
  override name = "SceneError";
  /** The kind of problem, for code that handles some kinds differently. */
  readonly code: SceneErrorCode;
  /** Creates an error of kind `code` with `message`. */
  constructor(code: SceneErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** `value` for a message: numbers as JavaScript prints them, anything else by its type. */
export function shown(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return String(value);
  }
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : typeof value;
}

/** Throws an `invalid-value` SceneError unless `value` is a finite number. */
export function requireFinite(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new SceneError("invalid-value", `${what} must be a finite number, got ${shown(value)}`);
  }
  return value;
}

/** Throws an `invalid-value` SceneError unless `value` is an integer within [min, max]. */
export function requireInteger(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new SceneError(
      "invalid-value",
      `${what} must be an integer from ${min} to ${max}, got ${shown(value)}`,
    );
  }
  return value;
}
