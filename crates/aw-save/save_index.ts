/**
 * `index.json`, the list of a player's saves, byte for byte as the Rust aw-save writes it
 * (`serde_json::to_vec_pretty` of `Vec<SaveMeta>`: two-space indent, no final newline, `created_at`
 * in the `time` crate's human-readable form), sorted by slot and then creation time.
 *
 * @module
 */

import type { SaveBundleV2 } from "./bundle.ts";
import { compareDateTime, formatTimeText, type OffsetDateTime, parseTimeText } from "./time.ts";
import { isUuid } from "./uuid.ts";

/** One entry of a player's save list. */
export interface SaveMeta {
  /** The bundle's save id. */
  saveId: string;
  /** The save file's name in the player directory. */
  file: string;
  /** The bundle's creation time. */
  createdAt: OffsetDateTime;
  /** The bundle's player id (as given, not escaped). */
  playerId: string;
  /** The slot, 0 to 255. */
  slot: number;
  /** The bundle's schema version. */
  schema: number;
}

/** The list entry of `bundle` saved as `file`. */
export function metaOf(bundle: SaveBundleV2, file: string): SaveMeta {
  return {
    saveId: bundle.saveId,
    file,
    createdAt: bundle.createdAt,
    playerId: bundle.playerId,
    slot: bundle.slot,
    schema: bundle.schema,
  };
}

/**
 * Sorts entries as the Rust crate does, by slot, then creation time (a stable sort: entries that
 * tie keep their order, which is the order they were saved in).
 */
export function sortMetas(entries: SaveMeta[]): SaveMeta[] {
  return entries.sort((a, b) => a.slot - b.slot || compareDateTime(a.createdAt, b.createdAt));
}

/** The bytes of `index.json` listing `entries` (in the given order). */
export function encodeIndex(entries: readonly SaveMeta[]): Uint8Array {
  const json = entries.map((m) => ({
    save_id: m.saveId,
    file: m.file,
    created_at: formatTimeText(m.createdAt),
    player_id: m.playerId,
    slot: m.slot,
    schema: m.schema,
  }));
  return new TextEncoder().encode(JSON.stringify(json, null, 2));
}

const isInt = (v: unknown, max: number): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max;

/** A file name inside the player directory: no separators, not `.` or `..`. */
const isPlainName = (v: unknown): v is string =>
  typeof v === "string" && v !== "" && v !== "." && v !== ".." && !/[/\\\0]/.test(v);

/**
 * The entries of an `index.json`, or the reason it is damaged (not JSON, not a list of entries,
 * an entry with a missing or invalid field).
 */
export function decodeIndex(bytes: Uint8Array): SaveMeta[] | { damaged: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (e) {
    return { damaged: `not JSON: ${(e as Error).message}` };
  }
  if (!Array.isArray(parsed)) return { damaged: "not a JSON array" };
  const out: SaveMeta[] = [];
  for (let i = 0; i < parsed.length; i++) {
    const e = parsed[i];
    const bad = (what: string) => ({ damaged: `entry ${i}: ${what}` });
    if (e === null || typeof e !== "object") return bad("not an object");
    if (!isUuid(e.save_id)) return bad("save_id is not a UUID");
    if (!isPlainName(e.file)) return bad("file is not a file name");
    if (typeof e.player_id !== "string") return bad("player_id is not a string");
    if (!isInt(e.slot, 255)) return bad("slot is not an integer in 0..255");
    if (!isInt(e.schema, 65535)) return bad("schema is not an integer in 0..65535");
    if (typeof e.created_at !== "string") return bad("created_at is not a string");
    let createdAt: OffsetDateTime;
    try {
      createdAt = parseTimeText(e.created_at);
    } catch (err) {
      return bad(`created_at: ${(err as Error).message}`);
    }
    out.push({
      saveId: e.save_id.toLowerCase(),
      file: e.file,
      createdAt,
      playerId: e.player_id,
      slot: e.slot,
      schema: e.schema,
    });
  }
  return out;
}
