/**
 * Names on disk, as the Rust aw-save makes them: player directories (ids sanitized to
 * `[A-Za-z0-9_-]`) and save files `slotNN_YYYY-MM-DDTHH-MM-SSZ_<uuid>.awsv`.
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

/**
 * The directory name of a player id: every character (Unicode scalar value) other than an ASCII
 * letter, digit, `-` or `_` becomes `_`, so no id can name a path outside the save root.
 *
 * @example
 * ```ts
 * import { sanitizePlayerId } from "@astraweave/save";
 * console.log(sanitizePlayerId("../ann é.b")); // ___ann___b
 * ```
 */
export function sanitizePlayerId(playerId: string): string {
  let out = "";
  // for..of walks code points, as Rust's chars() does: an emoji becomes one "_", not two.
  for (const ch of playerId) out += /^[A-Za-z0-9_-]$/.test(ch) ? ch : "_";
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
 * import { parseRfc3339, saveFileName } from "@astraweave/save";
 * const at = parseRfc3339("2026-03-13T08:45:25.443Z");
 * console.log(saveFileName(0, at, "7331e190-9275-41f6-93b9-f3627dbc2637"));
 * // slot00_2026-03-13T08-45-25Z_7331e190-9275-41f6-93b9-f3627dbc2637.awsv
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
