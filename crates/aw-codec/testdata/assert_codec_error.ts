/**
 * Test helper: asserts that a call fails with a {@link CodecError} of a given kind and offset.
 *
 * @module
 */

import assert from "node:assert/strict";
import { CodecError, type CodecErrorKind } from "../error.ts";

/** Asserts that `fn` throws a CodecError of `kind` (at `offset`, when given) and returns it. */
export function assertCodecError(
  fn: () => unknown,
  kind: CodecErrorKind,
  offset?: number,
): CodecError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof CodecError, `expected a CodecError, got ${error}`);
  assert.equal(error.kind, kind, error.message);
  if (offset !== undefined) assert.equal(error.offset, offset, error.message);
  return error;
}
