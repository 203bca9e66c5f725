/**
 * Durable, atomic file replacement: write a temporary file in the target's directory, flush it to
 * the disk, rename it over the target, flush the directory. A reader (or a process that died at
 * any moment) sees the old file or the new one, never a part of one; once the directory is flushed,
 * the new one survives a power cut.
 *
 * The steps are separate functions so the save manager can rename a flushed file itself and clean
 * up after a failure at any step.
 *
 * Only the calls that wait for the disk (`fdatasync`, `fsync`) and large writes are asynchronous.
 * Opening, closing, renaming and small writes into the page cache take microseconds as plain system
 * calls, while each asynchronous call costs a hand-off to Deno's thread pool of 20 to 50 µs on a
 * busy machine: for a 100 KB save that was a third of the time of the whole durable write.
 *
 * @module
 */

import { join } from "node:path";
import { TEMP_EXTENSION } from "./names.ts";

/**
 * Writes up to this size go to the page cache synchronously (well under 100 µs); larger ones are
 * asynchronous, so saving a 5 MB world does not stall the caller for milliseconds.
 */
const SYNC_WRITE_LIMIT = 256 * 1024;

function randomSuffix(): string {
  const b = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/** A temporary file being written and flushed. */
export interface TempFile {
  /** Its path, `<stem>.<random>.tmp` in the target's directory. */
  path: string;
  /**
   * Settles once the data is written and flushed (`fdatasync`: the data and the size, which is all
   * a new file needs). On failure the file is removed and this rejects; a failure is never reported
   * as unhandled, so it may be awaited later.
   */
  flushed: Promise<void>;
}

/**
 * Creates a temporary file for `stem` in `dir`, writes `data` to it and starts flushing it. Returns
 * at once: the flush waits for the disk on Deno's thread pool while the caller goes on.
 *
 * @throws when the file cannot be created (synchronously).
 */
export function startTempFile(dir: string, stem: string, data: Uint8Array): TempFile {
  const path = join(dir, `${stem}.${randomSuffix()}${TEMP_EXTENSION}`);
  // createNew: never share a temporary file with another writer.
  const file = Deno.openSync(path, { write: true, createNew: true });
  const flushed = (async () => {
    let done = false;
    try {
      let written = 0;
      if (data.length <= SYNC_WRITE_LIMIT) {
        while (written < data.length) written += file.writeSync(data.subarray(written));
      } else {
        while (written < data.length) written += await file.write(data.subarray(written));
      }
      await file.syncData();
      done = true;
    } finally {
      file.close();
      if (!done) removeQuietly(path);
    }
  })();
  flushed.catch(() => {}); // handled where it is awaited
  return { path, flushed };
}

/** Writes and flushes a temporary file for `stem` in `dir`; resolves to its path. */
export async function writeTempFile(dir: string, stem: string, data: Uint8Array): Promise<string> {
  const temp = startTempFile(dir, stem, data);
  await temp.flushed;
  return temp.path;
}

/** Flushes a directory's entries (renames, creations, removals in it) to the disk. */
export async function syncDirectory(dir: string): Promise<void> {
  // On Linux a directory opened read-only can be fsynced.
  const handle = Deno.openSync(dir, { read: true });
  try {
    await handle.sync();
  } finally {
    handle.close();
  }
}

/** Removes a file, ignoring every failure (for cleaning up after another failure). */
export function removeQuietly(path: string): void {
  try {
    Deno.removeSync(path);
  } catch { /* nothing to clean up, or nothing more to do */ }
}

/**
 * Replaces (or creates) `dir/name` with `data` durably and atomically: temporary file, flush,
 * rename, directory flush.
 */
export async function replaceFileDurably(
  dir: string,
  name: string,
  data: Uint8Array,
): Promise<void> {
  const temp = await writeTempFile(dir, name, data);
  try {
    Deno.renameSync(temp, join(dir, name));
  } catch (e) {
    removeQuietly(temp);
    throw e;
  }
  await syncDirectory(dir);
}
