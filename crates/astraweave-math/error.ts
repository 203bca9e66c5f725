/**
 * The error every function of the crate throws for input it cannot use.
 *
 * @module
 */

/** What was wrong with the input. */
export type MathErrorKind = "singular_matrix" | "length_mismatch" | "out_of_range";

/**
 * A typed error with the kind of problem and a message naming it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MathError } from "@astraweave/math";
 * const error = new MathError("singular_matrix", "mat4 has determinant 0");
 * assert.equal(error.kind, "singular_matrix");
 * ```
 */
export class MathError extends Error {
  /** What was wrong. */
  readonly kind: MathErrorKind;
  /** Creates an error of `kind` with `message`. */
  constructor(kind: MathErrorKind, message: string) {
    super(message);
    this.name = "MathError";
    this.kind = kind;
  }
}
