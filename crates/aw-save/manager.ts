/**
 * {@link SaveManager}: a player's saves under `<root>/<sanitized player id>/`, written durably and
 * atomically, listed from `index.json` (repaired from the files when it is missing, damaged or out
 * of date), loaded newest first with damaged files skipped.
 *
 * @module
 */

import { basename, dirname, join, resolve } from "node:path";
import type { SaveBundleV2 } from "./bundle.ts";
import {
  removeQuietly,
  replaceFileDurably,
  startTempFile,
  syncDirectory,
  type TempFile,
} from "./durable.ts";
import { SaveError } from "./error.ts";
import {
  type DecodedSave,
  decodeSaveFile,
  DEFAULT_MAX_PAYLOAD_SIZE,
  encodeSaveFile,
} from "./format.ts";
import {
  INDEX_FILE,
  isSaveFile,
  parseSaveFileName,
  sanitizePlayerId,
  saveFileName,
  slotPrefix,
  TEMP_EXTENSION,
} from "./names.ts";
import { decodeIndex, encodeIndex, metaOf, type SaveMeta, sortMetas } from "./save_index.ts";
import { compareDateTime, dateTimeNow } from "./time.ts";

/** Options of a {@link SaveManager}. */
export interface SaveManagerOptions {
  /** Largest uncompressed payload a load accepts (default 256 MiB). */
  maxPayloadSize?: number;
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

function ioError(e: unknown, what: string, path: string): unknown {
  if (e instanceof SaveError) return e;
  if (e instanceof Deno.errors.NotFound) {
    return new SaveError("not_found", `${what}: no such file or directory`, { path, cause: e });
  }
  if (Object.values(Deno.errors).some((type) => e instanceof type)) {
    return new SaveError("io", `${what}: ${(e as Error).message}`, { path, cause: e });
  }
  return e;
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

/** Starts writing `index.json` of `entries` to a flushed temporary file (rename it to publish it). */
function startIndexTemp(dir: string, entries: SaveMeta[]): TempFile {
  return startTempFile(dir, INDEX_FILE, encodeIndex(entries));
}

/** Replaces `index.json` with `entries` durably and atomically. */
function replaceIndex(dir: string, entries: SaveMeta[]): Promise<void> {
  return replaceFileDurably(dir, INDEX_FILE, encodeIndex(entries));
}

/** The grouping key of a save file name: names that share it were saved in the same second. */
function stampKey(name: string): string {
  return parseSaveFileName(name)
    ? name.slice(0, -"_00000000-0000-0000-0000-000000000000.awsv".length)
    : name;
}

/**
 * Saves of many players under one root directory, each in `<root>/<sanitized player id>/`, in the
 * Rust aw-save's layout (file names, `.awsv` format, `index.json`).
 *
 * Writes are durable and atomic: a save is written to a temporary file in the player directory,
 * flushed, renamed to its final name, and the directory is flushed, so a save under a final name is
 * always complete, and it is on the disk when `save` resolves. The index is replaced the same way,
 * after the save file, so it never lists a file that does not exist. Saves, deletions and index
 * repairs in one player directory are serialized in this process, so concurrent saves never lose
 * an index entry.
 *
 * @example
 * ```ts
 * import { createBundle, SaveManager } from "@astraweave/save";
 * const root = await Deno.makeTempDir();
 * const saves = new SaveManager(root);
 * const bundle = createBundle({ playerId: "ann", slot: 1, world: { tick: 600n } });
 * await saves.save("ann", 1, bundle);
 * const latest = await saves.loadLatestSlot("ann", 1);
 * console.log(latest.bundle.world.tick, (await saves.listSaves("ann")).length); // 600n 1
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export class SaveManager {
  /** The root directory (absolute). */
  readonly root: string;
  readonly #maxPayloadSize: number;

  /** A manager of the saves under `root` (created on the first save). */
  constructor(root: string, options: SaveManagerOptions = {}) {
    this.root = resolve(root);
    this.#maxPayloadSize = options.maxPayloadSize ?? DEFAULT_MAX_PAYLOAD_SIZE;
  }

  /**
   * The directory of a player's saves: `<root>/<sanitized id>`.
   *
   * @throws {SaveError} `invalid_bundle` for an empty id (it would name the root itself).
   */
  playerDir(playerId: string): string {
    if (typeof playerId !== "string" || playerId === "") {
      throw new SaveError("invalid_bundle", "the player id is empty");
    }
    return join(this.root, sanitizePlayerId(playerId));
  }

  /**
   * Saves `bundle` as a new file of `slot` and adds it to the player's index; resolves to the
   * file's path once the file and the index are on the disk. The file is named
   * `slotNN_<UTC time now>_<save id>.awsv`; saving the same save id twice in one second replaces
   * the earlier file.
   *
   * @throws {SaveError} `invalid_bundle` when the slot is not 0..255, the bundle's `slot` or
   * `playerId` differ from the arguments, or a field does not fit its type; `io` when writing fails
   * (nothing under a final name changes then).
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
    // Encoding checks every field (the save id is a UUID, so the file name is a plain name).
    const bytes = encodeSaveFile(bundle);
    const name = saveFileName(slot, dateTimeNow(), bundle.saveId);
    const path = join(dir, name);
    let file: TempFile;
    try {
      if (!knownDirs.has(dir)) {
        await createDirDurably(dir);
        knownDirs.add(dir);
      }
      // Writing and flushing the save file needs no lock: start it now, so that concurrent saves
      // flush their files together.
      file = startTempFile(dir, name, bytes);
    } catch (e) {
      knownDirs.delete(dir);
      throw ioError(e, "cannot write the save", path);
    }
    return await exclusive(dir, async () => {
      let index: TempFile | null = null;
      let renamed = false;
      try {
        if (!sweptDirs.has(dir)) {
          sweptDirs.add(dir);
          sweepStaleTemps(dir);
        }
        const entries = (await this.#indexForUpdate(dir)).filter((m) => m.file !== name);
        entries.push(metaOf(bundle, name));
        // The index is flushed too, beside the save file (one wait for the disk for both).
        index = startIndexTemp(dir, sortMetas(entries));
        await Promise.all([file.flushed, index.flushed]);
        // The save file first: the index may then list it, and never lists a missing file.
        Deno.renameSync(file.path, path);
        renamed = true;
        Deno.renameSync(index.path, join(dir, INDEX_FILE));
        index = null;
        await syncDirectory(dir);
        return path;
      } catch (e) {
        // Whatever failed, no temporary file stays behind (a failed flush removed its own).
        for (const temp of renamed ? [index] : [file, index]) {
          if (!temp) continue;
          await temp.flushed.catch(() => {});
          removeQuietly(temp.path);
        }
        if (e instanceof Deno.errors.NotFound) knownDirs.delete(dir);
        throw ioError(e, "cannot write the save", path);
      }
    });
  }

  /**
   * Reads and verifies one save file (any version; a version-1 bundle is migrated in memory).
   *
   * @throws {SaveError} `not_found`, `io`, or the kind of the file's damage.
   */
  async loadFile(path: string): Promise<LoadedSave> {
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(path);
    } catch (e) {
      throw ioError(e, "cannot read the save", path);
    }
    return { ...decodeSaveFile(bytes, { path, maxPayloadSize: this.#maxPayloadSize }), path };
  }

  /**
   * The newest loadable save of a slot: newest by the time in the file name, then (for files saved
   * in the same second) by the bundle's `createdAt`. Damaged files are passed over and reported in
   * `skipped`.
   *
   * @throws {SaveError} `no_save` when the slot has no save file; when it has only damaged ones,
   * the newest one's error.
   */
  async loadLatestSlot(playerId: string, slot: number): Promise<LatestSave> {
    const dir = this.playerDir(playerId);
    const prefix = slotPrefix(slot);
    const names = listNames(dir)
      .filter((n) => n.startsWith(prefix) && isSaveFile(n))
      .sort()
      .reverse();
    if (names.length === 0) {
      throw new SaveError(
        "no_save",
        `no save for slot ${slot} of player ${JSON.stringify(playerId)}`,
        {
          path: dir,
        },
      );
    }
    const skipped: SkippedSave[] = [];
    for (let i = 0; i < names.length;) {
      // The files saved in the same second as names[i]: the newest of them by createdAt wins.
      const key = stampKey(names[i]);
      let best: LoadedSave | null = null;
      for (; i < names.length && stampKey(names[i]) === key; i++) {
        const path = join(dir, names[i]);
        try {
          const loaded = await this.loadFile(path);
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
   * The player's saves as `index.json` lists them, sorted by slot and creation time. When the index
   * is missing, damaged, or disagrees with the save files in the directory (a file it does not list,
   * an entry whose file is gone), it is rebuilt from the files (damaged ones left out) and written
   * back. A player with no directory has no saves.
   */
  async listSaves(playerId: string): Promise<SaveMeta[]> {
    const dir = this.playerDir(playerId);
    const index = this.#readIndex(dir);
    const saveNames = listNames(dir).filter(isSaveFile);
    if (Array.isArray(index) && agrees(index, saveNames)) return index;
    if (index === null && saveNames.length === 0) return [];
    return await exclusive(dir, () => this.#repairIndex(dir));
  }

  /**
   * Deletes every save file of a slot, except the files named in `options.except` (paths or file
   * names): first from the index, then from the disk, under the player's lock like a save. Resolves
   * to the deleted files' paths (none when the slot had no other save). `except` is how a rotating
   * autosave keeps only the file it just wrote.
   *
   * @example
   * ```ts
   * import { createBundle, SaveManager } from "@astraweave/save";
   * const root = await Deno.makeTempDir();
   * const saves = new SaveManager(root);
   * await saves.save("ann", 3, createBundle({ playerId: "ann", slot: 3 }));
   * const newest = await saves.save("ann", 3, createBundle({ playerId: "ann", slot: 3 }));
   * console.log((await saves.deleteSlot("ann", 3, { except: [newest] })).length); // 1
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
        const entries = await this.#indexForUpdate(dir);
        // The index first, so it never lists a removed file; one directory flush for all.
        const index = startIndexTemp(dir, entries.filter((m) => !gone.has(m.file)));
        await index.flushed;
        Deno.renameSync(index.path, join(dir, INDEX_FILE));
        for (const name of doomed) Deno.removeSync(join(dir, name));
        await syncDirectory(dir);
      } catch (e) {
        throw ioError(e, "cannot delete the slot", dir);
      }
      return doomed.map((n) => join(dir, n));
    });
  }

  /**
   * Reads a save file of any version as a V2 bundle (a version-1 file gets a new random save id, as
   * the Rust migration does). With `resave`, rewrites the file in place as version 2 (durably and
   * atomically) and updates its entry in the directory's index, if the index has one.
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
    const bytes = encodeSaveFile(loaded.bundle);
    return await exclusive(dir, async () => {
      try {
        await replaceFileDurably(dir, name, bytes);
        const index = this.#readIndex(dir);
        if (Array.isArray(index) && index.some((m) => m.file === name)) {
          const entries = index.map((m) => (m.file === name ? metaOf(loaded.bundle, name) : m));
          await replaceIndex(dir, sortMetas(entries));
        }
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
      await replaceIndex(dir, entries);
    } catch (e) {
      throw ioError(e, "cannot write the repaired index", join(dir, INDEX_FILE));
    }
    return entries;
  }
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
