/**
 * `deno run --allow-read --allow-run scripts/doc_lint.ts [ROOT]`: `deno doc --lint` over every
 * entry point of every workspace member, as the root `deno.json` lists them, so a crate added
 * later is checked without editing this script or the `check` task. Exit status: deno doc's
 * (0 when every entry point is clean), 2 on a missing or malformed `deno.json`.
 *
 * @module
 */

import { join, normalize } from "node:path";
import { parseCli, runCli, UsageError } from "./cli.ts";

const HELP = `Usage: deno run --allow-read --allow-run scripts/doc_lint.ts [ROOT]

Runs "deno doc --lint" on every entry point ("exports") of every member of the workspace at ROOT
(default: the current directory), as listed by ROOT/deno.json "workspace".`;

function readJson(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const value = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value;
  } catch {
    // Reported below, as for any other shape.
  }
  throw new UsageError(`${path} is not a JSON object`);
}

/**
 * The entry points of every member of the workspace at `root`: each member directory joined with
 * each of its `exports` (a string, or an object of subpath to file), in workspace order.
 *
 * @throws {UsageError} naming the `deno.json` that is missing, unreadable or has no exports.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileURLToPath } from "node:url";
 * import { memberEntryPoints } from "./doc_lint.ts";
 * const entries = memberEntryPoints(fileURLToPath(new URL("..", import.meta.url)));
 * assert.ok(entries.some((path) => path.endsWith("crates/astraweave-pcg/mod.ts")));
 * ```
 */
export function memberEntryPoints(root: string): string[] {
  const rootConfig = join(root, "deno.json");
  const members = readJson(rootConfig).workspace;
  if (!Array.isArray(members) || !members.every((m) => typeof m === "string")) {
    throw new UsageError(`${rootConfig}: "workspace" must be a list of member directories`);
  }
  const entries: string[] = [];
  for (const member of members as string[]) {
    const config = join(root, member, "deno.json");
    const exports = readJson(config).exports;
    const files = typeof exports === "string"
      ? [exports]
      : exports !== null && typeof exports === "object" && !Array.isArray(exports)
      ? Object.values(exports)
      : [];
    if (files.length === 0 || !files.every((file) => typeof file === "string")) {
      throw new UsageError(`${config}: "exports" must be a path or an object of paths`);
    }
    for (const file of files as string[]) entries.push(normalize(join(root, member, file)));
  }
  return entries;
}

async function main(): Promise<number> {
  const { values, positionals } = parseCli(Deno.args, { help: { type: "boolean", short: "h" } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError("at most one ROOT directory (see --help)");
  const entries = memberEntryPoints(positionals[0] ?? Deno.cwd());
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--lint", ...entries],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  return code;
}

if (import.meta.main) await runCli("doc_lint", main);
