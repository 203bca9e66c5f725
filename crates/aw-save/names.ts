/**
 * Names on disk: player directories (ids escaped reversibly, `a.b` → `a%2Eb`; the Rust aw-save's
 * lossy `a_b` still read) and save files `slotNN_YYYY-MM-DDTHH-MM-SSZ_<uuid>.awsv`.
 *
 * @module
 */

import { fileStamp, type OffsetDateTime } from "./time.ts";

/** The extension of save files. */
export const SAVE_EXTENSION = ".awsv";
/** The index file in each player directory. */
export const INDEX_FILE = "index.json";
/** The extension of temporary files; they are never listed or loaded. */
export const TEMP_EXTENSION = ".tmp";

/** The lock file in each player directory, locked around index updates by every process. */
export const LOCK_FILE = "index.lock";

const PLAIN = /^[A-Za-z0-9_-]$/;
const PLAIN_BYTE = (b: number) =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) ||
  b === 0x2d || b === 0x5f;

/**
 * The directory name of a player id, reversibly: ASCII letters, digits, `-` and `_` stay, every
 * other UTF-8 byte becomes `%XX` (upper-case hex). Distinct ids get distinct directories, and no id
 * can name a path outside the save root. An id made only of `[A-Za-z0-9_-]` is its own directory
 * name, as in the Rust crate.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { playerDirName } from "@astraweave/save";
 * assert.equal(playerDirName("ann_1"), "ann_1");
 * assert.equal(playerDirName("a.b"), "a%2Eb");
 * assert.equal(playerDirName("a/b"), "a%2Fb");
 * assert.equal(playerDirName("é"), "%C3%A9");
 * ```
 */
export function playerDirName(playerId: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(playerId)) {
    out += PLAIN_BYTE(b)
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * The player id of a directory name written by {@link playerDirName}, or `null` when the name is
 * not one (a Rust-written directory with `_` in place of other characters reads as itself).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { playerIdFromDirName } from "@astraweave/save";
 * assert.equal(playerIdFromDirName("a%2Eb"), "a.b");
 * assert.equal(playerIdFromDirName("a.b"), null);
 * ```
 */
export function playerIdFromDirName(name: string): string | null {
  if (!/^(?:[A-Za-z0-9_-]|%[0-9A-F]{2})+$/.test(name)) return null;
  const bytes: number[] = [];
  for (let i = 0; i < name.length; i++) {
    if (name[i] === "%") {
      const b = parseInt(name.slice(i + 1, i + 3), 16);
      if (PLAIN_BYTE(b)) return null; // not what playerDirName writes: one id, one name
      bytes.push(b);
      i += 2;
    } else {
      bytes.push(name.charCodeAt(i));
    }
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

/**
 * The directory name the Rust aw-save gives a player id: every character (Unicode scalar value)
 * other than an ASCII letter, digit, `-` or `_` becomes `_`. Lossy (`a.b` and `a/b` share `a_b`),
 * so it is only read, never written: see {@link playerDirName}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sanitizePlayerId } from "@astraweave/save";
 * assert.equal(sanitizePlayerId("../ann é.b"), "___ann___b");
 * ```
 */
export function sanitizePlayerId(playerId: string): string {
  let out = "";
  // for..of walks code points, as Rust's chars() does: an emoji becomes one "_", not two.
  for (const ch of playerId) out += PLAIN.test(ch) ? ch : "_";
  return out;
}

/** The two-digit (or three, above 99) slot prefix of a slot's file names: `slot07_`. */
export function slotPrefix(slot: number): string {
  return `slot${String(slot).padStart(2, "0")}_`;
}

/**
 * The file name of a save: `slotNN_<UTC time of the save>_<save id>.awsv`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseRfc3339, saveFileName } from "@astraweave/save";
 * const at = parseRfc3339("2026-03-13T08:45:25.443Z");
 * assert.equal(
 *   saveFileName(0, at, "7331e190-9275-41f6-93b9-f3627dbc2637"),
 *   "slot00_2026-03-13T08-45-25Z_7331e190-9275-41f6-93b9-f3627dbc2637.awsv",
 * );
 * ```
 */
export function saveFileName(slot: number, savedAt: OffsetDateTime, saveId: string): string {
  return `${slotPrefix(slot)}${fileStamp(savedAt)}_${saveId}${SAVE_EXTENSION}`;
}

const SAVE_NAME =
  /^slot(\d{2,3})_(.*)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.awsv$/;

/** The parts of a save file name. */
export interface SaveFileNameParts {
  /** The slot, 0 to 255. */
  slot: number;
  /** The time stamp as written (`2026-03-13T08-45-25Z`). */
  stamp: string;
  /** The save id (a UUID). */
  saveId: string;
}

/** The slot, stamp and save id of a save file name, or `null` when it is not one. */
export function parseSaveFileName(name: string): SaveFileNameParts | null {
  const m = SAVE_NAME.exec(name);
  if (!m) return null;
  const slot = Number(m[1]);
  if (slot > 255) return null;
  return { slot, stamp: m[2], saveId: m[3] };
}

/** Whether `name` has the save file extension (as Rust's `extension() == "awsv"`). */
export const isSaveFile = (name: string): boolean =>
  name.endsWith(SAVE_EXTENSION) && name.length > SAVE_EXTENSION.length;
