/**
 * The error every function of the crate throws for input it cannot use, and the checks that
 * raise it.
 *
 * @module
 */

/** What was wrong with the input. */
export type RenderErrorKind = "invalid_value" | "out_of_range" | "length_mismatch";

/**
 * A typed error naming the field that was wrong and why.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Camera, RenderError } from "@astraweave/render";
 * assert.throws(
 *   () => new Camera({ znear: 0 }),
 *   (e) => e instanceof RenderError && e.kind === "out_of_range" && e.field === "znear",
 * );
 * ```
 */
export class RenderError extends Error {
  /** What was wrong. */
  readonly kind: RenderErrorKind;
  /** The field (or argument) that was wrong: "znear", "lights.radius[3]". */
  readonly field: string;
  /** Creates an error of `kind` about `field`; the message starts with the field's name. */
  constructor(kind: RenderErrorKind, field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = "RenderError";
    this.kind = kind;
    this.field = field;
  }
}

/** Throws unless `value` is a finite number. */
export function finite(field: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new RenderError("invalid_value", field, `must be a finite number, got ${value}`);
  }
  return value;
}

/** Throws unless `value` is finite and above zero. */
export function positive(field: string, value: number): number {
  finite(field, value);
  if (!(value > 0)) throw new RenderError("out_of_range", field, `must be > 0, got ${value}`);
  return value;
}

/** Throws unless `value` is an integer in [min, max]. */
export function integerIn(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RenderError(
      "out_of_range",
      field,
      `must be an integer in [${min}, ${max}], got ${value}`,
    );
  }
  return value;
}

/** Throws unless `array` holds at least `needed` elements. */
export function atLeast(field: string, array: { length: number }, needed: number): void {
  if (array.length < needed) {
    throw new RenderError(
      "length_mismatch",
      field,
      `needs at least ${needed} elements, has ${array.length}`,
    );
  }
}
