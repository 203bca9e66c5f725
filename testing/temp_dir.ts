/**
 * A temporary directory for one test: created fresh, removed afterwards whatever the test did.
 *
 * @module
 */

/**
 * Runs `fn` with a new temporary directory and removes it (recursively) when `fn` settles.
 *
 * @example
 * ```ts
 * import { withTempDir } from "./temp_dir.ts";
 * await withTempDir(async (dir) => {
 *   await Deno.writeTextFile(`${dir}/a.txt`, "hi");
 * });
 * ```
 */
export async function withTempDir<T>(
  fn: (dir: string) => Promise<T>,
  prefix = "astraweave-test-",
): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
