/**
 * Durable, atomic file replacement: write a temporary file in the target's directory, flush it to
 * the disk, rename it over the target, flush the directory. A reader (or a process that died at
 * any moment) sees the old file or the new one, never a part of one; once the directory is flushed,
 * the new one survives a power cut.
 *
 * The steps are separate functions so the save manager can overlap the flushes of two files and
 * flush their directory once.
 *
 * @module
 */

import { join } from "node:path";
import { TEMP_EXTENSION } from "./names.ts";

function randomSuffix(): string {
  const b = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/**
 * Writes `data` to a new temporary file `<stem>.<random>.tmp` in `dir` and flushes it to the disk
 * (`fdatasync`: the data and the size, which is all a new file needs). Returns its path. On
 * failure the temporary file is removed.
 */
export async function writeTempFile(dir: string, stem: string, data: Uint8Array): Promise<string> {
  const temp = join(dir, `${stem}.${randomSuffix()}${TEMP_EXTENSION}`);
  // createNew: never share a temporary file with another writer.
  const file = await Deno.open(temp, { write: true, createNew: true });
  let flushed = false;
  try {
    let written = 0;
    while (written < data.length) written += await file.write(data.subarray(written));
    await file.syncData();
    flushed = true;
  } finally {
    file.close();
    if (!flushed) await removeQuietly(temp);
  }
  return temp;
}

/** Flushes a directory's entries (renames, creations, removals in it) to the disk. */
export async function syncDirectory(dir: string): Promise<void> {
  // On Linux a directory opened read-only can be fsynced.
  const handle = await Deno.open(dir, { read: true });
  try {
    await handle.sync();
  } finally {
    handle.close();
  }
}

/** Removes a file, ignoring every failure (for cleaning up after another failure). */
export async function removeQuietly(path: string): Promise<void> {
  try {
    await Deno.remove(path);
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
    await Deno.rename(temp, join(dir, name));
  } catch (e) {
    await removeQuietly(temp);
    throw e;
  }
  await syncDirectory(dir);
}
