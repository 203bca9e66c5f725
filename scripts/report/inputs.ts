/**
 * What a report is made from when it does not run the benches: saved documents given with
 * `--input`. Three kinds are read, told apart by their content: `deno bench --json` documents,
 * history files and `latest.json` (so a report can be rebuilt from history without measuring).
 * Also: choosing the bench files for `--crate`, refusing bench crate names that are neither
 * workspace crates nor declared non-crates, and keeping each bench process's own output.
 *
 * @module
 */

import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { FLOOR } from "@astraweave/bench-protocol";
import { loadDeclarations, type Manifest } from "./declarations.ts";
import { type BenchFile, localBenchFile } from "./discover.ts";
import { InputError } from "./errors.ts";
import { parseSavedRun } from "./history.ts";
import type { SourcedDocument } from "./join.ts";
import { type BenchDocument, parseBenchDocument, type RawBench } from "./parse.ts";
import type { Plan } from "./plan.ts";
import { declareAll, type Progress } from "./runner.ts";
import type { HistoryRun } from "./schema.ts";

/** What the inputs gave: documents, the declarations of the modules they came from, repeats. */
export interface ReadInputs {
  documents: SourcedDocument[];
  declarations: Map<string, Manifest>;
  /** What the local bench modules declared (by origin): the names `checkCrateNames` checks. */
  modules: Map<string, Manifest>;
  repeats: number;
  /**
   * Where the figures come from, to be kept when the import is reported or recorded: the latest
   * input's date (a saved run's own, or a bench document's file time), and a saved run's commit.
   */
  provenance: { date: string; commit: string | null; dirty: boolean | null };
}

/**
 * A saved run as a `deno bench` document: one result per benchmark, each attributed to the
 * bench file of its crate in `root` (`bench/<crate>.bench.ts`) so declarations can be found for
 * it; statistics a history file does not keep (p99.5, p99.9) are its p99.
 */
export function savedRunDocument(run: HistoryRun, root: string): BenchDocument {
  const benches: RawBench[] = run.benchmarks.map((b) => {
    const origin = pathToFileURL(
      resolve(root, "bench", `${b.kind === "floor" ? "harness" : b.crate}.bench.ts`),
    ).href;
    const raw: RawBench = { origin, group: b.group, name: b.name, baseline: false };
    if (b.status === "failed") raw.failed = { name: "Error", message: "failed in the saved run" };
    else if (b.stats) {
      const { n, min, max, avg, p75, p99 } = b.stats;
      raw.ok = {
        n,
        min,
        max,
        avg,
        p75,
        p99,
        p995: p99,
        p999: p99,
        highPrecision: true,
        usedExplicitTimers: false,
      };
    }
    return raw;
  });
  return { version: 1, runtime: run.run.runtime ?? "", cpu: run.run.cpu ?? "", benches };
}

/** A saved run's declarations, as far as it kept them: crate, kind and size of each benchmark. */
function savedRunManifest(run: HistoryRun): Manifest {
  return {
    version: 1,
    quick: run.run.quick,
    benches: run.benchmarks.map((b) => ({
      crate: b.kind === "floor" ? FLOOR.crate : b.crate,
      kind: b.kind === "floor" ? "floor" : "bench",
      group: b.group,
      name: b.name,
      ...(b.size ? { size: b.size } : {}),
      ...(b.kind === "peer" ? { peer: "peer" } : {}),
    })),
    metrics: [],
  };
}

/**
 * Gives a saved run's benchmarks what the local module declares for the same group, name and
 * size (budget, throughput, family, peer, threshold); the saved crate and kind stay.
 */
function withLocalDeclarations(saved: Manifest, local: Manifest): void {
  const key = (b: { group: string; name: string; size?: { value: number } }) =>
    `${b.group}\u0000${b.name}\u0000${b.size?.value ?? ""}`;
  const byKey = new Map(local.benches.map((b) => [key(b), b]));
  saved.benches = saved.benches.map((b) => {
    const found = byKey.get(key(b));
    return found ? { ...found, crate: b.crate, kind: b.kind } : b;
  });
}

/**
 * Reads `--input` files: each a `deno bench --json` document, a history file or a `latest.json`.
 * Bench documents get the declarations of their local bench modules; saved runs keep their own
 * crates and sizes, and take budgets from the local modules where names match.
 *
 * @throws {InputError} naming the file when it is none of the three.
 */
export async function readInputs(
  files: string[],
  options: { root: string; quick: boolean; progress: Progress },
): Promise<ReadInputs> {
  const documents: SourcedDocument[] = [];
  const declarations = new Map<string, Manifest>();
  const modules = new Map<string, Manifest>();
  let provenance: ReadInputs["provenance"] | undefined;
  const keepLatest = (found: ReadInputs["provenance"]) => {
    if (!provenance || found.date > provenance.date) provenance = found;
  };
  for (const file of files) {
    let text: string;
    try {
      text = await Deno.readTextFile(file);
    } catch (error) {
      throw new InputError(
        file,
        error instanceof Deno.errors.NotFound ? "not found" : (error as Error).message,
      );
    }
    if (/^\s*\{\s*"schema"\s*:/.test(text)) {
      const run = parseSavedRun(text, file);
      const document = savedRunDocument(run, options.root);
      const manifest = savedRunManifest(run);
      for (const bench of document.benches) declarations.set(bench.origin, manifest);
      documents.push({ source: file, document });
      keepLatest({ date: run.run.date, commit: run.run.commit, dirty: run.run.dirty });
    } else {
      documents.push({ source: file, document: parseBenchDocument(text, file) });
      // deno bench documents carry no date: the file's own time is when it was written.
      const mtime = (await Deno.stat(file)).mtime ?? new Date();
      keepLatest({ date: mtime.toISOString(), commit: null, dirty: null });
    }
  }
  const origins = new Set(documents.flatMap((d) => d.document.benches.map((b) => b.origin)));
  for (const origin of origins) {
    const local = await localBenchFile(origin, options.root);
    if (!local) continue;
    const loaded = await loadDeclarations(local, { cwd: options.root, quick: options.quick });
    const saved = declarations.get(origin);
    if (loaded.ok) modules.set(origin, loaded.manifest);
    if (loaded.ok && saved) withLocalDeclarations(saved, loaded.manifest);
    else if (loaded.ok) declarations.set(origin, loaded.manifest);
    else {
      options.progress.note(
        `${local}: declarations not read (${loaded.error}); its results are reported without budgets`,
      );
    }
  }
  // The same benchmark in several documents is a repeat of it.
  const perDocument = documents.map((d) =>
    new Set(d.document.benches.map((b) => `${b.origin}\u0000${b.group}\u0000${b.name}`))
  );
  const counts = new Map<string, number>();
  for (const keys of perDocument) {
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const repeats = Math.max(1, ...counts.values());
  return {
    documents,
    declarations,
    modules,
    repeats,
    provenance: provenance ?? { date: new Date().toISOString(), commit: null, dirty: null },
  };
}

/**
 * Refuses a bench crate name that is neither a workspace crate nor a declared non-crate: a typo
 * in `benchCrate("...")` would otherwise show as an unknown crate with no coverage.
 *
 * @throws {InputError} naming the bench file and the name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkCrateNames } from "./inputs.ts";
 * const manifest = { version: 1 as const, quick: false, metrics: [], benches: [
 *   { crate: "aw-codek", kind: "bench" as const, group: "g", name: "n" },
 * ] };
 * assert.throws(
 *   () => checkCrateNames(new Map([["file:///w/bench/aw-codec.bench.ts", manifest]]), ["aw-codec"], {}, "/w"),
 *   /bench\/aw-codec\.bench\.ts: benchCrate\("aw-codek"\) names no workspace crate/,
 * );
 * ```
 */
export function checkCrateNames(
  declarations: ReadonlyMap<string, Manifest>,
  members: readonly string[],
  nonCrates: Plan["nonCrates"],
  root: string,
): void {
  const known = new Set([...members, ...Object.keys(nonCrates), FLOOR.crate]);
  for (const [origin, manifest] of declarations) {
    for (const bench of manifest.benches) {
      if (bench.kind === "floor" || known.has(bench.crate)) continue;
      let file = origin;
      try {
        file = new URL(origin).pathname;
        if (file.startsWith(root + "/")) file = file.slice(root.length + 1);
      } catch {
        // Not a URL: name it as it is.
      }
      throw new InputError(
        file,
        `benchCrate("${bench.crate}") names no workspace crate (${
          members.join(", ") || "none"
        }) and no non-crate declared in bench/plan.toml [non_crates] (${
          Object.keys(nonCrates).join(", ") || "none"
        })`,
      );
    }
  }
}

/** Picks the bench files for `--crate` names: by file name first, else by what modules declare. */
export async function selectFiles(
  files: BenchFile[],
  crates: string[],
  options: { root: string; quick: boolean },
): Promise<BenchFile[]> {
  if (!crates.length) return files;
  const chosen = files.filter((f) => crates.includes(f.crate));
  const found = new Set(chosen.map((f) => f.crate));
  if (crates.some((c) => !found.has(c))) {
    // A module may declare a crate its file name does not say ("report-pipeline").
    const rest = files.filter((f) => !chosen.includes(f));
    const { loaded } = await declareAll(rest, options);
    for (const { file, manifest } of loaded) {
      const declared = manifest.benches.filter((b) => crates.includes(b.crate)).map((b) => b.crate);
      if (declared.length) chosen.push(file);
      for (const crate of declared) found.add(crate);
    }
  }
  const missing = crates.filter((c) => !found.has(c));
  if (missing.length) throw new InputError("--crate", `no bench file for ${missing.join(", ")}`);
  return chosen;
}

/**
 * Keeps each bench process's own document under `<out>/bench-json/` before anything is made of
 * it, so minutes of measurements can be reported again with `--input`.
 */
export async function saveDocuments(documents: SourcedDocument[], out: string): Promise<void> {
  const dir = join(out, "bench-json");
  await Deno.mkdir(dir, { recursive: true });
  const seen = new Map<string, number>();
  for (const { source, text } of documents) {
    if (text === undefined) continue;
    const stem = source.replace(/^bench\//, "").replace(/[^A-Za-z0-9._-]+/g, "_")
      .replace(/\.ts$/, "");
    const repeat = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, repeat);
    const name = repeat === 1 ? `${stem}.json` : `${stem}.${repeat}.json`;
    await Deno.writeTextFile(join(dir, name), text);
  }
}
