/**
 * Bindings files: the Rust `save_bindings` and `load_bindings`, with the write made atomic and
 * the read bounded and checked.
 *
 * @module
 */

import { dirname } from "node:path";
import type { BindingSet } from "./bindings.ts";
import { BindingsError } from "./errors.ts";
import { bindingsToJson, MAX_BINDINGS_TEXT, parseBindings } from "./json.ts";

/**
 * Writes `set` to `path` as the Rust crate's JSON, creating the parent directories. The text goes
 * to a temporary file beside `path` that is then renamed over it, so a crash leaves the old file
 * or the new one, never half of one.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultBindings, loadBindingsFile, saveBindingsFile } from "@astraweave/input";
 * const dir = await Deno.makeTempDir();
 * try {
 *   const path = `${dir}/config/bindings.json`;
 *   await saveBindingsFile(path, defaultBindings());
 *   assert.deepEqual(await loadBindingsFile(path), defaultBindings());
 * } finally {
 *   await Deno.remove(dir, { recursive: true });
 * }
 * ```
 */
export async function saveBindingsFile(path: string, set: BindingSet): Promise<void> {
  const text = bindingsToJson(set);
  await Deno.mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${crypto.randomUUID()}.tmp`;
  try {
    await Deno.writeTextFile(temporary, text);
    await Deno.rename(temporary, path);
  } catch (error) {
    await Deno.remove(temporary).catch(() => {});
    throw error;
  }
}

/**
 * Reads and checks the bindings file at `path`.
 *
 * @throws {BindingsError} when the file is too large, not JSON, or has a bad field (named).
 * @throws {Deno.errors.NotFound} (and the other file-system errors) when it cannot be read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BindingsError, loadBindingsFile } from "@astraweave/input";
 * const path = await Deno.makeTempFile();
 * try {
 *   await Deno.writeTextFile(path, '{"actions": {"Jump": {"key": "Spacebar"}}}');
 *   await assert.rejects(loadBindingsFile(path), (error) =>
 *     error instanceof BindingsError && error.field === "actions.Jump.key");
 * } finally {
 *   await Deno.remove(path);
 * }
 * ```
 */
export async function loadBindingsFile(path: string): Promise<BindingSet> {
  const { size } = await Deno.stat(path);
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  if (size > MAX_BINDINGS_TEXT * 3) {
    throw new BindingsError("", `file is ${size} bytes, too large for a bindings file`);
  }
  return parseBindings(await Deno.readTextFile(path));
}
