/**
 * The one error the report pipeline reports to a user as a single line: bad input, named by file.
 *
 * @module
 */

/**
 * Bad input: a file that is not what it should be. The command prints `file: problem` on one line
 * of stderr and exits with status 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { InputError } from "./errors.ts";
 * const error = new InputError("run.json", "not JSON");
 * assert.equal(error.message, "run.json: not JSON");
 * ```
 */
export class InputError extends Error {
  /** The file (or argument) that is wrong. */
  readonly file: string;
  /** What is wrong with it. */
  readonly problem: string;

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = "InputError";
    this.file = file;
    this.problem = problem;
  }
}
