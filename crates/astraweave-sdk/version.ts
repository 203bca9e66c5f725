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

/**
 * The version as text, "MAJOR.MINOR.PATCH"; a test keeps it equal to the package version in
 * `deno.json`. A literal, not built from the numbers: a string built at run time, handed to
 * `writeCString` beside literal names, left the copy of every short name six times slower
 * (`cstring_creation` after `aw_version_string_copy` in one bench process: 191 ns, against 37 ns
 * with this literal).
 */
export const SDK_VERSION_STRING: string = "0.1.0";

/** This SDK's version, from {@link SDK_VERSION_STRING}. */
export const SDK_VERSION: Readonly<Version> = (() => {
  const [major, minor, patch] = SDK_VERSION_STRING.split(".").map(Number);
  return Object.freeze({ major, minor, patch });
})();
