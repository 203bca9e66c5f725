/**
 * The SDK's version (this package's), as `aw_version` gives it.
 *
 * @module
 */

/** A version as three numbers, like the Rust `AWVersion` (u16 each). */
export interface Version {
  /** Incompatible changes. */
  major: number;
  /** Compatible additions. */
  minor: number;
  /** Fixes. */
  patch: number;
}

/** This SDK's version; a test keeps it equal to the package version in `deno.json`. */
export const SDK_VERSION: Readonly<Version> = Object.freeze({ major: 0, minor: 1, patch: 0 });

/** The version as text, "MAJOR.MINOR.PATCH". */
export const SDK_VERSION_STRING: string =
  `${SDK_VERSION.major}.${SDK_VERSION.minor}.${SDK_VERSION.patch}`;
