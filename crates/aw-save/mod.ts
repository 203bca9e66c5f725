/**
 * aw-save: game saves that the Rust AstraWeave engine reads, written so that nothing is lost.
 *
 * - **The format** of the Rust aw-save, byte for byte: `.awsv` files (a 16-byte header, CRC32,
 *   LZ4, postcard of {@link SaveBundleV2}), file names `slotNN_<time>_<uuid>.awsv`, and
 *   `index.json`. Version-1 files are read and migrated.
 * - **{@link SaveManager}**: save, load the newest save of a slot, list, delete, migrate. A save is
 *   one durable, atomic write (temporary file, flush, rename, directory flush); `index.json`
 *   follows in the background ({@link SaveManager.indexSettled} waits for it) and is repaired
 *   from the files when it disagrees with them; concurrent saves, in one process or several (an
 *   advisory lock on `index.lock`), never lose an index entry; a damaged file never stops the
 *   others from loading.
 * - **Errors** are {@link SaveError}s with a kind and a message that names the file and the byte.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createBundle, SaveManager } from "@astraweave/save";
 *
 * const root = await Deno.makeTempDir();
 * const saves = new SaveManager(root);
 * const bundle = createBundle({
 *   playerId: "ann",
 *   slot: 0,
 *   world: { tick: 1200n, ecsBlob: new Uint8Array([1, 2, 3]) },
 *   meta: new Map([["chapter", "3"]]),
 * });
 * const path = await saves.save("ann", 0, bundle);
 * const { bundle: loaded } = await saves.loadLatestSlot("ann", 0);
 * assert.ok(path.endsWith(".awsv"));
 * assert.equal(loaded.meta.get("chapter"), "3");
 * await Deno.remove(root, { recursive: true });
 * ```
 *
 * @module
 */

export {
  type BundleInit,
  type CompanionProfile,
  createBundle,
  type ItemStack,
  migrateV1ToV2,
  type PlayerInventory,
  SAVE_SCHEMA_VERSION,
  type SaveBundleV1,
  type SaveBundleV2,
  type WorldState,
} from "./bundle.ts";
export { SaveError, type SaveErrorDetails, type SaveErrorKind } from "./error.ts";
export {
  CODEC_LZ4,
  type DecodedSave,
  decodeSaveFile,
  type DecodeSaveOptions,
  DEFAULT_MAX_FILE_SIZE,
  DEFAULT_MAX_PAYLOAD_SIZE,
  deserializeBundle,
  encodeLegacySaveFile,
  encodeSaveFile,
  type EncodeSaveOptions,
  FILE_VERSION,
  HEADER_SIZE,
  readSaveHeader,
  type SaveCompression,
  type SaveHeader,
  serializeBundle,
} from "./format.ts";
export { bundleFromJson, bundleToJson, int64ToJson, type Json } from "./json.ts";
export {
  type LatestSave,
  type LoadedSave,
  type MigrationResult,
  SaveManager,
  type SaveManagerOptions,
  type SkippedSave,
  STALE_TEMP_AGE_MS,
} from "./manager.ts";
export {
  INDEX_FILE,
  LOCK_FILE,
  parseSaveFileName,
  playerDirName,
  playerIdFromDirName,
  sanitizePlayerId,
  SAVE_EXTENSION,
  saveFileName,
  type SaveFileNameParts,
} from "./names.ts";
export { decodeIndex, encodeIndex, type SaveMeta } from "./save_index.ts";
export {
  compareDateTime,
  dateTimeFromDate,
  dateTimeNow,
  dateTimeToDate,
  formatRfc3339,
  formatTimeText,
  type OffsetDateTime,
  parseRfc3339,
  parseTimeText,
} from "./time.ts";
export { randomSaveId } from "./uuid.ts";
