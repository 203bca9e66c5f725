/**
 * Builders shared by the report pipeline's tests: statistics, documents, manifests and a
 * temporary workspace with real bench files.
 *
 * @module
 */

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ManifestBench } from "../declarations.ts";
import type { BenchDocument, RawBench } from "../parse.ts";
import type { BenchmarkReport, BenchStats, RunInfo } from "../schema.ts";

/** Statistics around a p75; `min` and `p99` default to ±10%. */
export function stats(p75: number, extra: Partial<BenchStats> = {}): BenchStats {
  return {
    n: 100,
    min: p75 * 0.9,
    max: p75 * 1.3,
    avg: p75,
    p75,
    p99: p75 * 1.1,
    p995: p75 * 1.2,
    p999: p75 * 1.3,
    highPrecision: p75 >= 1e4,
    usedExplicitTimers: false,
    ...extra,
  };
}

/** The origin URL of a bench file in the fake workspace "/ws". */
export const origin = (file: string) => `file:///ws/bench/${file}`;

/** A passing raw bench. */
export function ok(
  file: string,
  group: string | null,
  name: string,
  p75: number,
  extra: Partial<BenchStats> = {},
): RawBench {
  return { origin: origin(file), group, name, baseline: false, ok: stats(p75, extra) };
}

/** A failed raw bench. */
export function failed(
  file: string,
  group: string | null,
  name: string,
  message = "boom",
): RawBench {
  return { origin: origin(file), group, name, baseline: false, failed: { name: "Error", message } };
}

/** A document of raw benches. */
export function doc(benches: RawBench[]): BenchDocument {
  return { version: 1, runtime: "Deno/2.9.6 test", cpu: "test CPU", benches };
}

/** A manifest entry (kind "bench"). */
export function declared(
  crate: string,
  group: string,
  name: string,
  more: Partial<ManifestBench> = {},
): ManifestBench {
  return { crate, kind: "bench", group, name, ...more };
}

/** The floor's manifest entry. */
export const floorDeclared: ManifestBench = {
  crate: "harness",
  kind: "floor",
  group: "harness",
  name: "floor",
};

/** The repository root (for the real `_define.ts` and fixtures). */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/**
 * A temporary workspace: `deno.json` with the given crates as members (each a tiny package),
 * the real declaration protocol (`bench-protocol/mod.ts`) copied to `bench/_define.ts`, and the given files (path → text). Returns its root.
 */
export async function tempWorkspace(
  crates: string[],
  files: Record<string, string>,
): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "astraweave-report-test-" });
  await Deno.mkdir(join(root, "bench"), { recursive: true });
  await Deno.copyFile(join(REPO, "bench-protocol", "mod.ts"), join(root, "bench", "_define.ts"));
  await Deno.writeTextFile(
    join(root, "deno.json"),
    JSON.stringify({ workspace: crates.map((c) => `./crates/${c}`) }),
  );
  for (const crate of crates) {
    await Deno.mkdir(join(root, "crates", crate), { recursive: true });
    await Deno.writeTextFile(
      join(root, "crates", crate, "deno.json"),
      JSON.stringify({ name: `@test/${crate}`, version: "0.0.0", exports: "./mod.ts" }),
    );
    await Deno.writeTextFile(join(root, "crates", crate, "mod.ts"), "export const answer = 42;\n");
  }
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(dirname(join(root, path)), { recursive: true });
    await Deno.writeTextFile(join(root, path), text);
  }
  return root;
}

/** An analysed benchmark "c/g/<name>" with nothing derived; `more` sets the rest. */
export function benchReport(name: string, more: Partial<BenchmarkReport> = {}): BenchmarkReport {
  return {
    id: `c/g/${name}`,
    key: `c/g/${name}`,
    crate: "c",
    group: "g",
    name,
    kind: "bench",
    file: "bench/c.bench.ts",
    declared: true,
    status: "ok",
    failures: 0,
    atFloor: false,
    spread: null,
    noisy: false,
    category: null,
    headroom: null,
    grade: null,
    capacity60fps: null,
    throughputPerSecond: null,
    peerRatio: null,
    ...more,
  };
}

/** Run metadata of a full run at `date`. */
export function runInfo(date: string, more: Partial<RunInfo> = {}): RunInfo {
  return {
    date,
    commit: "c0ffee",
    dirty: false,
    runtime: null,
    cpu: null,
    quick: false,
    repeats: 1,
    source: "run",
    inputs: [],
    historyFile: null,
    ...more,
  };
}
