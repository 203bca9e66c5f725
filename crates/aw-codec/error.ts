/**
 * The one error type of aw-codec: every decoder reports hostile or damaged input as a
 * {@link CodecError} naming what was wrong and where.
 *
 * @module
 */

/** What went wrong. */
export type CodecErrorKind =
  /** The input ended before the value did. */
  | "truncated"
  /** A varint ran past the number of bytes its type allows. */
  | "varint_overlong"
  /** A value does not fit its type (a u16 varint above 65535, a u64 above 2^53 read as a number). */
  | "out_of_range"
  /** A bool byte other than 0 or 1. */
  | "invalid_bool"
  /** A string that is not valid UTF-8. */
  | "invalid_utf8"
  /** A length prefix beyond the bytes that remain. */
  | "length_overrun"
  /** An enum discriminant or Option tag the schema lacks. */
  | "unknown_variant"
  /** Nesting deeper than the decoder allows. */
  | "too_deep"
  /** Bytes left over after a complete value. */
  | "trailing_bytes"
  /** A declared size above the caller's limit. */
  | "size_limit"
  /** An LZ4 match offset pointing before the start of the output, or past what was written. */
  | "bad_offset"
  /** The LZ4 block is malformed in another way (literals or match past the end of output). */
  | "malformed"
  /** A checksum does not match its data. */
  | "checksum_mismatch"
  /** A magic number is not the one the format requires. */
  | "bad_magic"
  /** A format feature or version this codec does not implement. */
  | "unsupported"
  /** A value handed to an encoder does not fit the schema. */
  | "invalid_value";

/**
 * A decoding (or encoding) failure with its kind and the byte offset where it was detected.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CodecError, u16 } from "@astraweave/codec";
 * assert.throws(
 *   () => u16.decode(new Uint8Array([0xff, 0xff, 0x04])),
 *   (e) => e instanceof CodecError && e.kind === "out_of_range" && e.offset === 0,
 * );
 * ```
 */
export class CodecError extends Error {
  /** What went wrong. */
  readonly kind: CodecErrorKind;
  /** Byte offset in the input where the problem was detected (-1 when not about input bytes). */
  readonly offset: number;

  /** `detail` says what was wrong; the message adds "at byte `offset`" when `offset` >= 0. */
  constructor(kind: CodecErrorKind, detail: string, offset: number) {
    super(offset >= 0 ? `${detail} at byte ${offset}` : detail);
    this.name = "CodecError";
    this.kind = kind;
    this.offset = offset;
  }
}
