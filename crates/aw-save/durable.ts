/**
 * Durable, atomic file replacement: write a temporary file in the target's directory, flush it to
 * the disk, rename it over the target, flush the directory. A reader (or a process that died at
 * any moment) sees the old file or the new one, never a part of one; once the directory is flushed,
 * the new one survives a power cut.
 *
 * The steps are separate functions so the save manager can rename a flushed file itself and clean
 * up after a failure at any step.
 *
 * Only the calls that wait for the disk (`fdatasync`, `fsync`), large writes, and the creation of
 * the temporary file (which overlaps the caller's own work) are asynchronous. Opening, closing,
 * renaming and small writes into the page cache take microseconds as plain system calls, while
 * each asynchronous call costs a hand-off to Deno's thread pool of 20 to 50 µs on a busy machine:
 * for a 100 KB save that was a third of the time of the whole durable write.
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

/** A temporary file being created on Deno's thread pool. */
export interface TempFile {
  /** Its path, `<stem>.<random>.tmp` in the target's directory. */
  path: string;
  /**
   * The open file, created new (never shared with another writer). A failure to create it is never
   * reported as unhandled, so it may be awaited later.
   */
  opened: Promise<Deno.FsFile>;
}

/**
 * Starts creating a temporary file for `stem` in `dir` and returns at once: the file is created on
 * Deno's thread pool while the caller goes on. A save encodes its bundle meanwhile, so creating the
 * file (100 to 200 µs on a busy disk, where a new directory entry waits for the file system's
 * journal) costs it nothing. Hand it to {@link fillTempFile}, or to {@link discardTempFile} when
 * there is nothing to write after all.
 */
export function openTempFile(dir: string, stem: string): TempFile {
  const path = join(dir, `${stem}.${randomSuffix()}${TEMP_EXTENSION}`);
  const opened = Deno.open(path, { write: true, createNew: true });
  opened.catch(() => {}); // handled where it is awaited
  return { path, opened };
}

/**
 * Writes `parts` to the temporary file one after the other (so a header and its data need not be
 * joined into a new array first), flushes it to the disk (`fdatasync`: the data and the size, which
 * is all a new file needs) and closes it. On failure the file is removed and this rejects.
 */
export async function fillTempFile(temp: TempFile, parts: readonly Uint8Array[]): Promise<void> {
  const file = await temp.opened;
  let done = false;
  try {
    const sync = parts.reduce((n, part) => n + part.length, 0) <= SYNC_WRITE_LIMIT;
    for (const part of parts) {
      for (let written = 0; written < part.length;) {
        written += sync
          ? file.writeSync(part.subarray(written))
          : await file.write(part.subarray(written));
      }
    }
    await file.syncData();
    done = true;
  } finally {
    file.close();
    if (!done) removeQuietly(temp.path);
  }
}

/** Closes and removes a temporary file that will not be written (nothing to do if it never opened). */
export async function discardTempFile(temp: TempFile): Promise<void> {
  let file: Deno.FsFile;
  try {
    file = await temp.opened;
  } catch {
    return;
  }
  file.close();
  removeQuietly(temp.path);
}

/** Writes and flushes a temporary file for `stem` in `dir`; resolves to its path. */
export async function writeTempFile(dir: string, stem: string, data: Uint8Array): Promise<string> {
  const temp = openTempFile(dir, stem);
  await fillTempFile(temp, [data]);
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
