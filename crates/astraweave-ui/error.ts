/**
 * {@link UiError}: the one error type of the UI crate, with a kind and a message that names the
 * field or file and what is wrong with it.
 *
 * @module
 */

/** What went wrong. */
export type UiErrorKind =
  /** A setting out of its range or of the wrong type. */
  | "invalid_setting"
  /** A key that cannot be bound (reserved, or not a key name). */
  | "invalid_binding"
  /** A settings file that is not TOML, or not a table. */
  | "parse"
  /** A save slot out of range, or a slot with no save. */
  | "invalid_slot"
  /** An action that does not apply in the current state. */
  | "invalid_action";

/**
 * An error of the UI crate.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UiError } from "./error.ts";
 * const e = new UiError("invalid_setting", "audio.musicVolume must be from 0 to 100, got 140", "audio.musicVolume");
 * assert.equal(e.kind, "invalid_setting");
 * assert.equal(e.field, "audio.musicVolume");
 * ```
 */
export class UiError extends Error {
  /** What went wrong. */
  readonly kind: UiErrorKind;
  /** The setting concerned (`"audio.musicVolume"`), when there is one. */
  readonly field?: string;

  /** An error of `kind` with `message`, about `field` when given. */
  constructor(kind: UiErrorKind, message: string, field?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UiError";
    this.kind = kind;
    if (field !== undefined) this.field = field;
  }
}
