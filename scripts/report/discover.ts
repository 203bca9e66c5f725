/**
 * Finding what to report on: the workspace's crates (members of the root `deno.json`) and the
 * bench files (`bench/<crate>.bench.ts`, or a folder `bench/<crate>/` of them).
 *
 * @module
 */

import { basename, dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "./errors.ts";

/** A bench module and the crate its file name says it belongs to. */
export interface BenchFile {
  /** Path relative to the workspace root, with `/` separators ("bench/aw-codec.bench.ts"). */
  path: string;
  /** The crate named by the file ("aw-codec") or by its folder (`bench/aw-codec/x.bench.ts`). */
  crate: string;
}

/** Deno's own bench file pattern: `x.bench.ts`, `x_bench.ts`, `bench.ts` (and .js/.mts/...). */
const BENCH_FILE = /^(?:(.*)[._])?bench\.(?:ts|mts|tsx|js|mjs|jsx)$/;

const toPosix = (path: string) => path.split(sep).join("/");

/**
 * The crate a bench file is attributed to when its benchmarks declare none: the folder under
 * `bench/` it sits in, else its file name without the bench suffix.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { crateOfFile } from "./discover.ts";
 * assert.equal(crateOfFile("bench/aw-codec.bench.ts"), "aw-codec");
 * assert.equal(crateOfFile("bench/aw-save/index.bench.ts"), "aw-save");
 * assert.equal(crateOfFile("tools/sample_bench.ts"), "sample");
 * ```
 */
export function crateOfFile(path: string): string {
  const parts = toPosix(path).split("/");
  const benchAt = parts.lastIndexOf("bench");
  if (benchAt >= 0 && parts.length - benchAt === 3) return parts[benchAt + 1];
  const name = parts.at(-1) ?? path;
  const match = BENCH_FILE.exec(name);
  if (match) return match[1] || basename(dirname(path)) || name;
  return name.replace(/\.[^.]+$/, "");
}

/**
 * The crates of the workspace: the last path segment of each member under `crates/` in the root
 * `deno.json` (other members, such as the test support and the bench declaration protocol, are
 * not engine crates).
 *
 * @throws {InputError} when `deno.json` is missing or not JSON.
 *
 * @example
 * ```ts ignore
 * import { readWorkspaceMembers } from "./discover.ts";
 * const crates = await readWorkspaceMembers("."); // ["aw-codec", ...]
 * ```
 */
export async function readWorkspaceMembers(root: string): Promise<string[]> {
  const file = join(root, "deno.json");
  let config: { workspace?: string[] | { members?: string[] } };
  try {
    config = JSON.parse(await Deno.readTextFile(file));
  } catch (error) {
    const problem = error instanceof Deno.errors.NotFound
      ? "not found"
      : `not JSON (${(error as Error).message})`;
    throw new InputError(file, problem);
  }
  const members = Array.isArray(config.workspace) ? config.workspace : config.workspace?.members;
  if (!members) return [];
  return members
    .map((member) => member.replace(/^\.\//, "").replace(/\/+$/, ""))
    .filter((member) => member.startsWith("crates/"))
    .map((member) => basename(member))
    .sort();
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

/**
 * The bench files under `<root>/bench/`, sorted: top-level bench files, and the bench files of
 * each folder (one folder per crate). Names starting with `_` are helpers, not benches.
 *
 * @example
 * ```ts ignore
 * import { findBenchFiles } from "./discover.ts";
 * const files = await findBenchFiles(".");
 * ```
 */
export async function findBenchFiles(root: string): Promise<BenchFile[]> {
  const benchDir = join(root, "bench");
  const files: BenchFile[] = [];
  const visit = async (dir: string, crate: string | null) => {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.name.startsWith("_") || entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory && crate === null) await visit(path, entry.name);
      else if (entry.isFile && BENCH_FILE.test(entry.name)) {
        const rel = toPosix(relative(root, path));
        files.push({ path: rel, crate: crate ?? crateOfFile(rel) });
      }
    }
  };
  try {
    await visit(benchDir, null);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/**
 * Where, in this workspace, the bench module of a saved result lives: its origin path when that
 * file exists, else the same path below this workspace's `bench/` (documents saved on another
 * machine or checkout). Null when neither exists.
 *
 * @example
 * ```ts ignore
 * import { localBenchFile } from "./discover.ts";
 * await localBenchFile("file:///elsewhere/bench/aw-codec.bench.ts", "."); // "bench/aw-codec.bench.ts"
 * ```
 */
export async function localBenchFile(origin: string, root: string): Promise<string | null> {
  let path: string;
  try {
    path = fileURLToPath(origin);
  } catch {
    return null;
  }
  const posix = toPosix(path);
  const benchAt = posix.lastIndexOf("/bench/");
  const candidates = [path];
  if (benchAt >= 0) candidates.push(join(root, posix.slice(benchAt + 1)));
  for (const candidate of candidates) {
    if (await isFile(candidate)) {
      const rel = toPosix(relative(root, candidate));
      return rel.startsWith("../") ? toPosix(candidate) : rel;
    }
  }
  return null;
}

/**
 * A short, stable name for a result's origin: the path relative to `root` when it is inside, the
 * part from `bench/` on when it has one, else the file name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { originName } from "./discover.ts";
 * assert.equal(originName("file:///project/bench/sample.bench.ts", "/elsewhere"), "bench/sample.bench.ts");
 * ```
 */
export function originName(origin: string, root: string): string {
  let path: string;
  try {
    path = toPosix(fileURLToPath(origin));
  } catch {
    return origin;
  }
  const rel = toPosix(relative(root, path));
  if (!rel.startsWith("../") && !rel.startsWith("/")) return rel;
  const benchAt = path.lastIndexOf("/bench/");
  return benchAt >= 0 ? path.slice(benchAt + 1) : basename(path);
}
