/**
 * The one error type of aw-save: {@link SaveError}, with a kind to branch on and a message that
 * says what is wrong and where (file, byte offset, expected and actual values).
 *
 * @module
 */

/** What went wrong. */
export type SaveErrorKind =
  /** The file does not start with `ASVS`. */
  | "bad_magic"
  /** The header's version is neither 1 nor 2. */
  | "unsupported_version"
  /** The header's codec is not 1 (LZ4). */
  | "unknown_codec"
  /** The CRC32 in the header does not match the data. */
  | "crc_mismatch"
  /** The file ends inside the 16-byte header. */
  | "truncated_header"
  /** The file ends before the `data_len` bytes the header declares. */
  | "truncated_payload"
  /** The file goes on after the `data_len` bytes the header declares. */
  | "trailing_data"
  /** The payload declares an uncompressed size above the reader's limit. */
  | "payload_too_large"
  /** The LZ4 block is malformed (its CRC matched: the writer was faulty or hostile). */
  | "decompress"
  /** The uncompressed payload is not a valid bundle of the header's version. */
  | "decode"
  /** A value cannot be written: a bundle field out of its range, a bad player id or slot. */
  | "invalid_bundle"
  /** The player has no save in the slot. */
  | "no_save"
  /** The save holds another player's bundle than the one asked for. */
  | "wrong_player"
  /** The path is not a regular file (a directory, FIFO, device...): it is not read. */
  | "not_a_file"
  /** The file is larger than the largest save a reader accepts: it is not read. */
  | "file_too_large"
  /** The file does not exist. */
  | "not_found"
  /** A file or directory name is longer than the file system allows (a very long player id). */
  | "name_too_long"
  /** The disk (or the user's quota) is full. */
  | "no_space"
  /** The file system is mounted read-only. */
  | "read_only"
  /** The operating system or Deno's permissions refuse the access. */
  | "permission_denied"
  /** Another filesystem failure. */
  | "io";

/** Details attached to a {@link SaveError}. */
export interface SaveErrorDetails {
  /** The file concerned, when there is one. */
  path?: string;
  /** Byte offset of the problem: in the file, or in the uncompressed payload for `decode`. */
  offset?: number;
  /** The expected value (the header's CRC for `crc_mismatch`, the declared length...). */
  expected?: number;
  /** The value found. */
  actual?: number;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * A failure to read or write a save, with its kind. The message starts with the file when there is
 * one: `saves/ann/slot00_....awsv: CRC mismatch: header says 0x8dd94f43, data has 0x1c2f6a0b`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeSaveFile, SaveError } from "@astraweave/save";
 * assert.throws(
 *   () => decodeSaveFile(new TextEncoder().encode("NOPE and more bytes")),
 *   (e) => e instanceof SaveError && e.kind === "bad_magic",
 * );
 * ```
 */
export class SaveError extends Error {
  /** What went wrong. */
  readonly kind: SaveErrorKind;
  /** The file concerned, when there is one. */
  readonly path?: string;
  /** Byte offset of the problem (in the file; in the uncompressed payload for `decode`). */
  readonly offset?: number;
  /** The expected value, for kinds that compare one. */
  readonly expected?: number;
  /** The value found, for kinds that compare one. */
  readonly actual?: number;

  /** An error of `kind`; the message is `detail`, prefixed by the path when there is one. */
  constructor(kind: SaveErrorKind, detail: string, details: SaveErrorDetails = {}) {
    super(details.path ? `${details.path}: ${detail}` : detail, { cause: details.cause });
    this.name = "SaveError";
    this.kind = kind;
    this.path = details.path;
    this.offset = details.offset;
    this.expected = details.expected;
    this.actual = details.actual;
  }
}

/** `0x` and eight hex digits. */
export const hex32 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, "0")}`;

/** The kind of an operating-system error, by its `code` (`ENOSPC`...) or Deno error class. */
function ioKind(e: Error): SaveErrorKind {
  const code = (e as { code?: unknown }).code;
  if (e instanceof Deno.errors.NotFound || code === "ENOENT") return "not_found";
  if (code === "ENAMETOOLONG") return "name_too_long";
  if (code === "ENOSPC" || code === "EDQUOT") return "no_space";
  if (code === "EROFS") return "read_only";
  if (
    e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.NotCapable ||
    code === "EACCES" || code === "EPERM"
  ) {
    return "permission_denied";
  }
  return "io";
}

/**
 * `e` as a {@link SaveError} naming `path`: a SaveError stays as it is; a filesystem error (any
 * Deno error class, or an error with an OS `code`) gets its kind (`not_found`, `name_too_long`,
 * `no_space`, `read_only`, `permission_denied`, else `io`); anything else (a bug) is returned
 * unchanged.
 */
export function ioError(e: unknown, what: string, path: string): unknown {
  if (e instanceof SaveError || !(e instanceof Error)) return e;
  const isFsError = Object.values(Deno.errors).some((type) => e instanceof type) ||
    typeof (e as { code?: unknown }).code === "string";
  if (!isFsError) return e;
  const kind = ioKind(e);
  const reason = kind === "not_found" ? "no such file or directory" : e.message;
  return new SaveError(kind, `${what}: ${reason}`, { path, cause: e });
}
