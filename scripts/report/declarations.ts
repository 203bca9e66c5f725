/**
 * The benchmark declarations (budgets, sizes, throughput, peers) read from the bench modules
 * themselves, so a budget exists in exactly one place: `@astraweave/bench-protocol` writes a manifest of
 * what a module declared when `ASTRAWEAVE_BENCH_MANIFEST` is set. Loading a module with
 * `deno run` registers nothing (Deno.bench is a no-op outside `deno bench`) but runs the
 * declarations, so that is how they are read, for a run and for saved documents alike.
 *
 * @module
 */

import type { Manifest, ManifestBench, ManifestMetric } from "@astraweave/bench-protocol";
import { errorSummary, runDeno } from "./deno_process.ts";
import { InputError } from "./errors.ts";

export type { Manifest, ManifestBench, ManifestMetric };

/** A manifest with no declarations: what a bench module that does not use the protocol gives. */
export const emptyManifest = (quick = false): Manifest => ({
  version: 1,
  quick,
  benches: [],
  metrics: [],
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses a manifest written by `@astraweave/bench-protocol`.
 *
 * @throws {InputError} naming `file` when it is not a version-1 manifest.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseManifest } from "./declarations.ts";
 * const manifest = parseManifest('{"version":1,"quick":false,"benches":[],"metrics":[]}', "m.json");
 * assert.equal(manifest.benches.length, 0);
 * ```
 */
export function parseManifest(text: string, file: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, `manifest is not JSON (${(error as Error).message})`);
  }
  if (!isObject(data) || data.version !== 1) {
    throw new InputError(file, "not a version 1 benchmark manifest");
  }
  if (!Array.isArray(data.benches) || !Array.isArray(data.metrics)) {
    throw new InputError(file, 'manifest has no "benches" and "metrics" arrays');
  }
  for (const [index, bench] of data.benches.entries()) {
    if (
      !isObject(bench) || typeof bench.crate !== "string" || typeof bench.group !== "string" ||
      typeof bench.name !== "string"
    ) {
      throw new InputError(file, `manifest benches[${index}] lacks crate, group or name`);
    }
  }
  return data as unknown as Manifest;
}

/** What loading one bench module's declarations gave. */
export type LoadedDeclarations =
  | { ok: true; manifest: Manifest }
  | { ok: false; error: string };

/**
 * Loads a bench module with `deno run` and returns what it declared. A module that cannot load
 * (it throws at its top level, an import is missing) gives `{ ok: false, error }` with Deno's
 * own one-line reason; type errors are not looked at here (`deno run` does not check types).
 *
 * @example
 * ```ts ignore
 * import { loadDeclarations } from "./declarations.ts";
 * const loaded = await loadDeclarations("bench/aw-codec.bench.ts", { cwd: ".", quick: false });
 * ```
 */
export async function loadDeclarations(
  file: string,
  options: { cwd: string; quick: boolean },
): Promise<LoadedDeclarations> {
  const target = await Deno.makeTempFile({ prefix: "astraweave-manifest-", suffix: ".json" });
  try {
    const env: Record<string, string> = { ASTRAWEAVE_BENCH_MANIFEST: target };
    if (options.quick) env.ASTRAWEAVE_BENCH_QUICK = "1";
    const result = await runDeno(["run", "--allow-all", file], { cwd: options.cwd, env });
    if (result.code !== 0) return { ok: false, error: errorSummary(result.stderr) };
    const text = await Deno.readTextFile(target);
    // A module that never imported the protocol leaves the file empty: it declared nothing.
    if (text.trim() === "") return { ok: true, manifest: emptyManifest(options.quick) };
    return { ok: true, manifest: parseManifest(text, file) };
  } finally {
    await Deno.remove(target).catch(() => {});
  }
}
