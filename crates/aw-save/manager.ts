/**
 * {@link SaveManager}: a player's saves under `<root>/<escaped player id>/`, written durably and
 * atomically, listed from `index.json` (repaired from the files when it is missing, damaged or out
 * of date), loaded newest first with damaged files and other players' saves skipped.
 *
 * @module
 */

import { basename, dirname, join, resolve } from "node:path";
import type { SaveBundleV2 } from "./bundle.ts";
import {
  discardTempFile,
  fillTempFile,
  openTempFile,
  removeQuietly,
  replaceFileDurably,
  syncDirectory,
} from "./durable.ts";
import { ioError, SaveError } from "./error.ts";
import {
  checkCompression,
  type DecodedSave,
  decodeSaveFile,
  DEFAULT_MAX_FILE_SIZE,
  DEFAULT_MAX_PAYLOAD_SIZE,
  encodeSaveFile,
  encodeSaveFilePartsAsync,
  type SaveCompression,
  type SaveFileParts,
} from "./format.ts";
import {
  INDEX_FILE,
  isSaveFile,
  LOCK_FILE,
  parseSaveFileName,
  playerDirName,
  sanitizePlayerId,
  saveFileName,
  slotPrefix,
  TEMP_EXTENSION,
} from "./names.ts";
import { decodeIndex, encodeIndex, metaOf, type SaveMeta, sortMetas } from "./save_index.ts";
import { compareDateTime, dateTimeNow, type OffsetDateTime } from "./time.ts";
import { isUuid } from "./uuid.ts";

/** Options of a {@link SaveManager}. */
export interface SaveManagerOptions {
  /** Largest uncompressed payload a load accepts (default 256 MiB). */
  maxPayloadSize?: number;
  /**
   * Largest file a load reads (default {@link DEFAULT_MAX_FILE_SIZE}); larger files, and anything
   * that is not a regular file, are refused before a byte is read.
   */
  maxFileSize?: number;
  /**
   * How saves pack their payload (default `"lz4"`, compressed): `"none"` writes it as a stored LZ4
   * block, about twice the size for a typical world, and saves and loads at the speed of a copy
   * ({@link SaveCompression}). Loads read either kind, whatever this says.
   */
  compression?: SaveCompression;
  /**
   * The clock that names save files (default {@link dateTimeNow}, the UTC time now). Tests give a
   * fixed or stepping clock to decide which saves share a second.
   */
  now?: () => OffsetDateTime;
}

/** A save read from disk. */
export interface LoadedSave extends DecodedSave {
  /** The file it was read from. */
  path: string;
}

/** A damaged save file passed over while looking for a slot's newest save. */
export interface SkippedSave {
  /** The damaged file. */
  path: string;
  /** Why it did not load. */
  error: SaveError;
}

/** The newest loadable save of a slot. */
export interface LatestSave extends LoadedSave {
  /** Newer files of the slot that failed to load (damaged), newest first. */
  skipped: SkippedSave[];
}

/** What {@link SaveManager.migrateFile} did. */
export interface MigrationResult {
  /** The file migrated. */
  path: string;
  /** The file's version before migration (1 or 2). */
  fromVersion: number;
  /** The V2 bundle. */
  bundle: SaveBundleV2;
  /** Whether the file was rewritten as version 2. */
  resaved: boolean;
}

/** Temporary files older than this are left over from a crash and removed by the next save. */
export const STALE_TEMP_AGE_MS = 10 * 60 * 1000;

/**
 * The tail of the operations queued on each directory, shared by every manager in this process:
 * saves, repairs and deletions in one player directory run one at a time, so none of them writes
 * an index that misses another's entry.
 */
const queues = new Map<string, Promise<void>>();
/** Player directories known to exist (created durably by this process or found). */
const knownDirs = new Set<string>();
/** Directories whose stale temporary files this process has already removed. */
const sweptDirs = new Set<string>();

function exclusive<T>(dir: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(dir) ?? Promise.resolve();
  const run = previous.then(task);
  const tail = run.then(() => {}, () => {});
  queues.set(dir, tail);
  tail.then(() => {
    if (queues.get(dir) === tail) queues.delete(dir);
  });
  return run;
}

/** The names of the files in `dir` (none when it does not exist). */
function listNames(dir: string): string[] {
  const names: string[] = [];
  try {
    // A player directory holds a few hundred entries at most: listing it synchronously takes
    // microseconds, less than the thread hand-off of the asynchronous iterator.
    for (const entry of Deno.readDirSync(dir)) {
      if (entry.isFile) names.push(entry.name);
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw ioError(e, "cannot list the directory", dir);
  }
  return names;
}

/** Creates `dir` and any missing parents, and flushes each new entry's parent directory. */
async function createDirDurably(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir;; d = dirname(d)) {
    try {
      Deno.statSync(d);
      break;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
      missing.push(d);
      if (dirname(d) === d) break;
    }
  }
  if (missing.length === 0) return;
  Deno.mkdirSync(dir, { recursive: true });
  for (const created of missing.reverse()) await syncDirectory(dirname(created));
}

/** Removes temporary files older than {@link STALE_TEMP_AGE_MS} (a crashed writer's leftovers). */
function sweepStaleTemps(dir: string): void {
  const now = Date.now();
  for (const name of listNames(dir)) {
    if (!name.endsWith(TEMP_EXTENSION)) continue;
    const path = join(dir, name);
    try {
      const { mtime } = Deno.statSync(path);
      if (mtime && now - mtime.getTime() > STALE_TEMP_AGE_MS) removeQuietly(path);
    } catch { /* gone already */ }
  }
}

/**
 * Replaces `index.json` with `entries` atomically (temporary file, rename), without waiting for the
 * disk: the index is derived from the save files, so an index lost or left stale by a power cut is
 * rebuilt by the next {@link SaveManager.listSaves}, and each save pays for one durable write, its
 * own. The next directory flush (the next save's) makes the rename durable too.
 */
function replaceIndex(dir: string, entries: SaveMeta[]): void {
  const data = encodeIndex(entries);
  const temp = join(dir, `${INDEX_FILE}.${crypto.randomUUID().slice(0, 12)}${TEMP_EXTENSION}`);
  try {
    const file = Deno.openSync(temp, { write: true, createNew: true });
    try {
      for (let n = 0; n < data.length;) n += file.writeSync(data.subarray(n));
    } finally {
      file.close();
    }
    Deno.renameSync(temp, join(dir, INDEX_FILE));
  } catch (e) {
    removeQuietly(temp);
    throw e;
  }
}

/**
 * Runs `task` holding the player directory's advisory lock (`index.lock`, `flock`), so processes
 * that share the directory update its index one at a time and none loses another's entry. Called
 * inside {@link exclusive}: one holder per process, since the lock belongs to the open file.
 */
async function withDirLock<T>(dir: string, task: () => T | Promise<T>): Promise<T> {
  const path = join(dir, LOCK_FILE);
  let lock: Deno.FsFile;
  try {
    lock = Deno.openSync(path, { read: true, write: true, create: true });
  } catch (e) {
    throw ioError(e, "cannot open the lock file", path);
  }
  try {
    await lock.lock(true);
    return await task();
  } finally {
    lock.close(); // closing the last descriptor releases the lock
  }
}

/** The grouping key of a save file name: names that share it were saved in the same second. */
function stampKey(name: string): string {
  return parseSaveFileName(name)
    ? name.slice(0, -"_00000000-0000-0000-0000-000000000000.awsv".length)
    : name;
}

/**
 * Saves of many players under one root directory, each in `<root>/<escaped player id>/`, in the
 * Rust aw-save's layout (file names, `.awsv` format, `index.json`). Player ids map to directory
 * names reversibly ({@link playerDirName}: `a.b` → `a%2Eb`), so two players never share a
 * directory; an id made of `[A-Za-z0-9_-]` only is its own directory name, as in Rust. The Rust
 * crate's lossy directories (`a.b` → `a_b`) are still read, and every load and list keeps only the
 * saves whose bundle belongs to the player asked for.
 *
 * A save is one durable write: a temporary file in the player directory, flushed, renamed to its
 * final name, and the directory flushed, so a save under a final name is always complete and on
 * the disk when `save` resolves. The index is brought up to date after, in the background
 * (atomically, by rename, without a flush of its own: it is derived data, and a crash that loses
 * it leaves complete save files that the next {@link SaveManager.listSaves} lists again); this
 * process's next save, list or load of that player waits for it. Index updates, repairs and
 * deletions in a player directory run one at a time, in this process (a queue) and across
 * processes (an advisory lock on `index.lock`), so concurrent saves never lose an index entry.
 *
 * Every filesystem failure is a {@link SaveError} with its kind (`name_too_long`, `no_space`,
 * `read_only`, `permission_denied`, `not_found`, `io`) and path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createBundle, SaveManager } from "@astraweave/save";
 * const root = await Deno.makeTempDir();
 * const saves = new SaveManager(root);
 * const bundle = createBundle({ playerId: "ann", slot: 1, world: { tick: 600n } });
 * await saves.save("ann", 1, bundle);
 * const latest = await saves.loadLatestSlot("ann", 1);
 * assert.equal(latest.bundle.world.tick, 600n);
 * assert.equal((await saves.listSaves("ann")).length, 1);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export class SaveManager {
  /** The root directory (absolute). */
  readonly root: string;
  readonly #maxPayloadSize: number;
  readonly #maxFileSize: number;
  readonly #now: () => OffsetDateTime;
  readonly #compression: SaveCompression;

  /**
   * A manager of the saves under `root` (created on the first save).
   *
   * @throws {RangeError} when `options.compression` is not a {@link SaveCompression}.
   */
  constructor(root: string, options: SaveManagerOptions = {}) {
    this.root = resolve(root);
    this.#maxPayloadSize = options.maxPayloadSize ?? DEFAULT_MAX_PAYLOAD_SIZE;
    this.#maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    this.#now = options.now ?? dateTimeNow;
    this.#compression = options.compression ?? "lz4";
    checkCompression(this.#compression);
  }

  /**
   * The directory of a player's saves: `<root>/<escaped id>` ({@link playerDirName}).
   *
   * @throws {SaveError} `invalid_bundle` for an empty id (it would name the root itself).
   */
  playerDir(playerId: string): string {
    if (typeof playerId !== "string" || playerId === "") {
      throw new SaveError("invalid_bundle", "the player id is empty");
    }
    return join(this.root, playerDirName(playerId));
  }

  /**
   * The directories that may hold the player's saves: {@link playerDir}, and the Rust crate's
   * directory for the id when it differs and exists.
   */
  #readDirs(playerId: string): string[] {
    const dir = this.playerDir(playerId);
    const legacy = join(this.root, sanitizePlayerId(playerId));
    if (legacy === dir) return [dir];
    try {
      if (Deno.statSync(legacy).isDirectory) return [dir, legacy];
    } catch { /* no Rust-written directory */ }
    return [dir];
  }

  /**
   * Saves `bundle` as a new file of `slot`; resolves to the file's path once the file is on the
   * disk (one durable write). The player's index is brought up to date after, in the background:
   * see {@link SaveManager.indexSettled}. The file is named
   * `slotNN_<UTC time now>_<save id>.awsv`; saving the same save id twice in one second replaces
   * the earlier file.
   *
   * @throws {SaveError} `invalid_bundle` when the slot is not 0..255, the bundle's `slot` or
   * `playerId` differ from the arguments, or a field does not fit its type; a filesystem kind
   * (`name_too_long`, `no_space`, `read_only`, `permission_denied`, `io`) with the path when
   * writing fails (nothing under a final name changes then). A failed index update is not an
   * error of the save: the file is complete and durable, and the next
   * {@link SaveManager.listSaves} rebuilds the index with it.
   */
  async save(playerId: string, slot: number, bundle: SaveBundleV2): Promise<string> {
    const dir = this.playerDir(playerId);
    if (!Number.isInteger(slot) || slot < 0 || slot > 255) {
      throw new SaveError("invalid_bundle", `slot ${slot} is not an integer in 0..255`);
    }
    if (bundle.slot !== slot) {
      throw new SaveError(
        "invalid_bundle",
        `the bundle's slot is ${bundle.slot}, the save is to slot ${slot}`,
      );
    }
    if (bundle.playerId !== playerId) {
      throw new SaveError(
        "invalid_bundle",
        `the bundle's player id is ${JSON.stringify(bundle.playerId)}, the save is for ${
          JSON.stringify(playerId)
        }`,
      );
    }
    const name = saveFileName(slot, this.#now(), bundle.saveId);
    const path = join(dir, name);
    // Index updates still running from earlier saves: this save answers after them.
    const earlier = settled(dir);
    // The temporary file is created on the thread pool while the bundle is encoded, when the
    // directory exists and the save id is a UUID (so the name is a plain file name); otherwise
    // after encoding, which checks every field, so a refused bundle leaves no trace.
    const early = knownDirs.has(dir) && isUuid(bundle.saveId) ? openTempFile(dir, name) : null;
    let file: SaveFileParts;
    try {
      file = await encodeSaveFilePartsAsync(bundle, { compression: this.#compression });
    } catch (e) {
      if (early) await discardTempFile(early);
      throw e;
    }
    let temp = early;
    for (let attempt = 1;; attempt++) {
      try {
        if (!temp) {
          if (!knownDirs.has(dir)) {
            await createDirDurably(dir);
            knownDirs.add(dir);
          }
          temp = openTempFile(dir, name);
        }
        await fillTempFile(temp, [file.header, file.data]);
        break;
      } catch (e) {
        knownDirs.delete(dir);
        // The player's directory was removed since this process last wrote to it (by hand, or a
        // cleanup tool): it is made again, once, rather than failing this save.
        if (attempt > 1 || !(e instanceof Deno.errors.NotFound)) {
          throw ioError(e, "cannot write the save", path);
        }
        temp = null;
      }
    }
    try {
      Deno.renameSync(temp.path, path);
      await syncDirectory(dir);
    } catch (e) {
      removeQuietly(temp.path);
      throw ioError(e, "cannot write the save", path);
    }
    // The save is durable: it resolves now. The index follows in the background, under the
    // player's lock (saves finishing together queue here); this process's next save, list or load
    // of the player waits for it, and a crash before it leaves a file the next list puts back.
    const entry = metaOf(bundle, name);
    exclusive(dir, () =>
      withDirLock(dir, async () => {
        if (!sweptDirs.has(dir)) {
          sweptDirs.add(dir);
          sweepStaleTemps(dir);
        }
        const entries = (await this.#indexForUpdate(dir)).filter((m) => m.file !== name);
        entries.push(entry);
        replaceIndex(dir, sortMetas(entries));
      })).catch(() => {
        // The save file is complete and durable; listSaves rebuilds the index that missed it.
      });
    await earlier;
    return path;
  }

  /**
   * Resolves once the index updates of the player's saves made so far by this process are written
   * (they follow each save in the background). Lists and loads wait for them by themselves; call
   * this before a process ends without letting pending work finish (`Deno.exit`).
   */
  async indexSettled(playerId: string): Promise<void> {
    await settled(this.playerDir(playerId));
  }

  /**
   * Reads and verifies one save file (any version; a version-1 bundle is migrated in memory). Only
   * a regular file no larger than the manager's `maxFileSize` is read: a directory, FIFO or device
   * (`/dev/zero`) is refused before a byte is read.
   *
   * @throws {SaveError} `not_found`, `not_a_file`, `file_too_large`, a filesystem kind, or the kind
   * of the file's damage.
   */
  async loadFile(path: string): Promise<LoadedSave> {
    const bytes = await readSaveBytes(path, this.#maxFileSize);
    return { ...decodeSaveFile(bytes, { path, maxPayloadSize: this.#maxPayloadSize }), path };
  }

  /**
   * The newest loadable save of a slot: newest by the time in the file name, then (for files saved
   * in the same second) by the bundle's `createdAt`. Damaged files, and files whose bundle belongs
   * to another player (`wrong_player`), are passed over and reported in `skipped`.
   *
   * @throws {SaveError} `no_save` when the slot has no save file; when it has only damaged or
   * other players' ones, the newest one's error.
   */
  async loadLatestSlot(playerId: string, slot: number): Promise<LatestSave> {
    const dirs = this.#readDirs(playerId);
    await settled(dirs[0]);
    const prefix = slotPrefix(slot);
    const files = dirs.flatMap((dir) =>
      listNames(dir)
        .filter((n) => n.startsWith(prefix) && isSaveFile(n))
        .map((name) => ({ dir, name }))
    ).sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    if (files.length === 0) {
      throw new SaveError(
        "no_save",
        `no save for slot ${slot} of player ${JSON.stringify(playerId)}`,
        { path: dirs[0] },
      );
    }
    const skipped: SkippedSave[] = [];
    for (let i = 0; i < files.length;) {
      // The files saved in the same second as files[i]: the newest of them by createdAt wins.
      const key = stampKey(files[i].name);
      let best: LoadedSave | null = null;
      for (; i < files.length && stampKey(files[i].name) === key; i++) {
        const path = join(files[i].dir, files[i].name);
        try {
          const loaded = await this.loadFile(path);
          checkPlayer(loaded.bundle.playerId, playerId, path);
          if (!best || compareDateTime(loaded.bundle.createdAt, best.bundle.createdAt) > 0) {
            best = loaded;
          }
        } catch (e) {
          if (!(e instanceof SaveError)) throw e;
          skipped.push({ path, error: e });
        }
      }
      if (best) return { ...best, skipped };
    }
    throw skipped[0].error;
  }

  /**
   * The player's saves as `index.json` lists them, sorted by slot and creation time, only those
   * whose bundle belongs to `playerId` (a Rust-written directory may hold several players'). When
   * the index is missing, damaged, or disagrees with the save files in the directory (a file it
   * does not list, an entry whose file is gone), it is rebuilt from the files (damaged ones left
   * out) and written back. A player with no directory has no saves.
   */
  async listSaves(playerId: string): Promise<SaveMeta[]> {
    const dirs = this.#readDirs(playerId);
    await settled(dirs[0]);
    const lists: SaveMeta[][] = [];
    for (const dir of dirs) {
      const index = this.#readIndex(dir);
      const saveNames = listNames(dir).filter(isSaveFile);
      if (Array.isArray(index) && agrees(index, saveNames)) lists.push(index);
      else if (index !== null || saveNames.length !== 0) {
        lists.push(await exclusive(dir, () => withDirLock(dir, () => this.#repairIndex(dir))));
      }
    }
    const mine = lists.flat().filter((m) => m.playerId === playerId);
    return lists.length === 1 ? mine : sortMetas(mine);
  }

  /**
   * Deletes every save file of a slot in the player's directory, except the files named in
   * `options.except` (paths or file names): first from the index, then from the disk, under the
   * player's lock like a save. Resolves to the deleted files' paths (none when the slot had no
   * other save). `except` is how a rotating autosave keeps only the file it just wrote. Files in
   * a Rust-written directory shared with other ids are left alone.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { createBundle, SaveManager } from "@astraweave/save";
   * const root = await Deno.makeTempDir();
   * const saves = new SaveManager(root);
   * await saves.save("ann", 3, createBundle({ playerId: "ann", slot: 3 }));
   * const newest = await saves.save("ann", 3, createBundle({ playerId: "ann", slot: 3 }));
   * assert.equal((await saves.deleteSlot("ann", 3, { except: [newest] })).length, 1);
   * await Deno.remove(root, { recursive: true });
   * ```
   */
  deleteSlot(
    playerId: string,
    slot: number,
    options: { except?: Iterable<string> } = {},
  ): Promise<string[]> {
    const dir = this.playerDir(playerId);
    const prefix = slotPrefix(slot);
    const kept = new Set([...options.except ?? []].map((p) => basename(p)));
    return exclusive(dir, async () => {
      const doomed = listNames(dir).filter((n) =>
        n.startsWith(prefix) && isSaveFile(n) && !kept.has(n)
      );
      if (doomed.length === 0) return [];
      const gone = new Set(doomed);
      try {
        await withDirLock(dir, async () => {
          const entries = await this.#indexForUpdate(dir);
          // The index first, so it never lists a removed file; one directory flush for all.
          replaceIndex(dir, entries.filter((m) => !gone.has(m.file)));
          for (const name of doomed) Deno.removeSync(join(dir, name));
          await syncDirectory(dir);
        });
      } catch (e) {
        throw ioError(e, "cannot delete the slot", dir);
      }
      return doomed.map((n) => join(dir, n));
    });
  }

  /**
   * Reads a save file of any version as a V2 bundle (a version-1 file gets a new random save id, as
   * the Rust migration does). With `resave`, rewrites the file in place as version 2, packed as the
   * manager's `compression` says (durably and atomically), and updates its entry in the directory's index, if the index has one.
   */
  async migrateFile(path: string, options: { resave?: boolean } = {}): Promise<MigrationResult> {
    const loaded = await this.loadFile(path);
    const result: MigrationResult = {
      path,
      fromVersion: loaded.header.version,
      bundle: loaded.bundle,
      resaved: false,
    };
    if (!options.resave) return result;
    const dir = dirname(resolve(path));
    const name = basename(path);
    const bytes = encodeSaveFile(loaded.bundle, { compression: this.#compression });
    return await exclusive(dir, async () => {
      try {
        await replaceFileDurably(dir, name, bytes);
        await withDirLock(dir, () => {
          const index = this.#readIndex(dir);
          if (Array.isArray(index) && index.some((m) => m.file === name)) {
            const entries = index.map((m) => (m.file === name ? metaOf(loaded.bundle, name) : m));
            replaceIndex(dir, sortMetas(entries));
          }
        });
      } catch (e) {
        throw ioError(e, "cannot rewrite the save", path);
      }
      return { ...result, resaved: true };
    });
  }

  /** The index's entries; `null` when there is no index; `{ damaged }` when it cannot be read. */
  #readIndex(dir: string): SaveMeta[] | null | { damaged: string } {
    let bytes: Uint8Array;
    try {
      bytes = Deno.readFileSync(join(dir, INDEX_FILE));
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return null;
      return { damaged: (e as Error).message };
    }
    return decodeIndex(bytes);
  }

  /** The index to extend or shrink: as stored, or rebuilt from the files when missing or damaged. */
  async #indexForUpdate(dir: string): Promise<SaveMeta[]> {
    const index = this.#readIndex(dir);
    if (Array.isArray(index)) return index;
    return await this.#metasFromFiles(dir, listNames(dir).filter(isSaveFile));
  }

  /** The entries of the named save files, read from the files; damaged files are left out. */
  async #metasFromFiles(dir: string, names: string[]): Promise<SaveMeta[]> {
    const out: SaveMeta[] = [];
    for (const name of names) {
      try {
        out.push(metaOf((await this.loadFile(join(dir, name))).bundle, name));
      } catch (e) {
        if (!(e instanceof SaveError)) throw e;
      }
    }
    return out;
  }

  /** Makes the index agree with the save files in the directory; returns the new entries. */
  async #repairIndex(dir: string): Promise<SaveMeta[]> {
    const index = this.#readIndex(dir);
    const saveNames = listNames(dir).filter(isSaveFile);
    if (Array.isArray(index) && agrees(index, saveNames)) return index; // repaired meanwhile
    const present = new Set(saveNames);
    const kept = new Map<string, SaveMeta>();
    if (Array.isArray(index)) {
      for (const m of index) if (present.has(m.file) && !kept.has(m.file)) kept.set(m.file, m);
    }
    const found = await this.#metasFromFiles(dir, saveNames.filter((n) => !kept.has(n)));
    const entries = sortMetas([...kept.values(), ...found]);
    try {
      replaceIndex(dir, entries);
    } catch (e) {
      throw ioError(e, "cannot write the repaired index", join(dir, INDEX_FILE));
    }
    return entries;
  }
}

/** Throws `wrong_player` unless the bundle read from `path` is `expected`'s. */
function checkPlayer(found: string, expected: string, path: string): void {
  if (found !== expected) {
    throw new SaveError(
      "wrong_player",
      `the save belongs to player ${JSON.stringify(found)}, not ${JSON.stringify(expected)}`,
      { path },
    );
  }
}

/**
 * The bytes of the save file at `path`, refusing before reading anything that is not a regular
 * file or is larger than `maxFileSize` (a device such as `/dev/zero` would never end; a FIFO would
 * block).
 */
async function readSaveBytes(path: string, maxFileSize: number): Promise<Uint8Array> {
  let file: Deno.FsFile | null = null;
  try {
    // stat before open: opening a FIFO blocks until a writer comes.
    const info = Deno.statSync(path);
    if (!info.isFile) {
      throw new SaveError("not_a_file", "not a regular file (a directory, FIFO or device)", {
        path,
      });
    }
    file = Deno.openSync(path, { read: true });
    const { size, isFile } = file.statSync(); // the file opened, which may differ from the one stat saw
    if (!isFile) {
      throw new SaveError("not_a_file", "not a regular file (a directory, FIFO or device)", {
        path,
      });
    }
    if (size > maxFileSize) {
      throw new SaveError(
        "file_too_large",
        `the file has ${size} bytes, above the largest save accepted (${maxFileSize} bytes)`,
        { path, expected: maxFileSize, actual: size },
      );
    }
    const bytes = new Uint8Array(size);
    let read = 0;
    while (read < size) {
      const n = size - read > SYNC_READ_LIMIT
        ? await file.read(bytes.subarray(read))
        : file.readSync(bytes.subarray(read));
      if (n === null) break;
      read += n;
    }
    // A file that shrank or grew while it was read is not the file stat measured.
    if (read !== size || file.readSync(new Uint8Array(1)) !== null) {
      throw new SaveError("io", "the file changed while it was read", { path });
    }
    return bytes;
  } catch (e) {
    throw ioError(e, "cannot read the save", path);
  } finally {
    file?.close();
  }
}

/** Reads up to this size are synchronous (page-cache copies of well under 100 µs). */
const SYNC_READ_LIMIT = 256 * 1024;

/** Resolves once the operations queued so far on `dir` in this process are done. */
function settled(dir: string): Promise<void> {
  return queues.get(dir) ?? Promise.resolve();
}

/** Whether the index lists exactly the save files present, each once. */
function agrees(index: SaveMeta[], saveNames: string[]): boolean {
  if (index.length !== saveNames.length) return false;
  const present = new Set(saveNames);
  const listed = new Set<string>();
  for (const m of index) {
    if (!present.has(m.file) || listed.has(m.file)) return false;
    listed.add(m.file);
  }
  return true;
}
