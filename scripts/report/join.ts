/**
 * Joining results with their declarations: each `deno bench` result is matched to what its module
 * declared (by origin file, group and name), attributed to a crate, and results of the same
 * benchmark from several documents or repeats are merged into one {@link Measurement}.
 *
 * @module
 */

import { FLOOR } from "@astraweave/bench-protocol";
import type { Manifest, ManifestBench, ManifestMetric } from "./declarations.ts";
import { crateOfFile, originName } from "./discover.ts";
import type { BenchDocument, BenchFailure } from "./parse.ts";
import type { BenchKind, BenchStats } from "./schema.ts";

/** The group name given to benchmarks registered without one. */
export const UNGROUPED = "ungrouped";

/** One benchmark of the run: its declaration and every result it had. */
export interface Measurement {
  /** "crate/group/name". */
  id: string;
  /** The identity across runs: {@link identityKey}. */
  key: string;
  crate: string;
  group: string;
  name: string;
  kind: BenchKind;
  /** The bench module, as a short path ("bench/aw-codec.bench.ts"). */
  file: string;
  /** What the module declared; undefined for a plain `Deno.bench` without the protocol. */
  declaration?: ManifestBench;
  /** Statistics of every passing result (one per document or repeat). */
  samples: BenchStats[];
  /** Every failure, with its message. */
  failures: BenchFailure[];
}

/** A saved or fresh `deno bench` document and where it came from. */
export interface SourcedDocument {
  /** File name shown in errors and in the report. */
  source: string;
  document: BenchDocument;
  /** The document as `deno bench` printed it, when the pipeline ran it. */
  text?: string;
}

/**
 * Identity of a benchmark across runs: its id ({@link benchmarkId}) and its declared size, if
 * any; joined, as ids are.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { identityKey } from "./join.ts";
 * assert.equal(identityKey("c/g/n/10"), "c/g/n/10");
 * assert.equal(identityKey("c/g/n", { value: 10, unit: "rooms" }), "c/g/n [10 rooms]");
 * ```
 */
export function identityKey(id: string, size?: { value: number; unit: string }): string {
  return size ? [id, " [", size.value, " ", size.unit, "]"].join("") : id;
}

/**
 * "crate/group/name". Joined from an array, which makes a sequential string: ids are hashed and
 * written many times, and `JSON.stringify` takes its slow path on any other kind of string, a
 * rope flattened in place included (ids made by a template literal and flattened made writing the
 * benchmarks of `latest.json` 2 to 3 times slower).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { benchmarkId } from "./join.ts";
 * assert.equal(benchmarkId("aw-codec", "lz4", "compress/1KB"), "aw-codec/lz4/compress/1KB");
 * ```
 */
export function benchmarkId(crate: string, group: string, name: string): string {
  return [crate, group, name].join("/");
}

/** The crate a module's undeclared benchmarks belong to: the one crate it declares, if just one. */
function soleDeclaredCrate(manifest: Manifest | undefined): string | undefined {
  const crates = new Set(
    manifest?.benches.filter((b) => b.kind !== "floor").map((b) => b.crate) ?? [],
  );
  return crates.size === 1 ? [...crates][0] : undefined;
}

/**
 * Joins documents with declarations. `declarations` maps an origin URL to its module's manifest;
 * origins without one are attributed by file name, and their group "harness" (reserved for the
 * floor) is taken as the harness floor.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { joinResults } from "./join.ts";
 * const document = {
 *   version: 1 as const, runtime: "Deno", cpu: "x",
 *   benches: [{ origin: "file:///p/bench/a.bench.ts", group: null, name: "x", baseline: false,
 *     ok: { n: 1, min: 1, max: 1, avg: 1, p75: 1, p99: 1, p995: 1, p999: 1,
 *       highPrecision: true, usedExplicitTimers: false } }],
 * };
 * const [m] = joinResults([{ source: "a.json", document }], new Map(), "/p");
 * assert.ok(m.crate === "a" && m.group === "ungrouped");
 * ```
 */
export function joinResults(
  documents: SourcedDocument[],
  declarations: ReadonlyMap<string, Manifest>,
  root: string,
): Measurement[] {
  const byKey = new Map<string, Measurement>();
  // deno bench reports no crate, so within one module (group, name) is what identifies a bench.
  // By group, then by name: no "group name" string is built and hashed per result to look one up.
  const indexes = new Map<Manifest, Map<string, Map<string, ManifestBench>>>();
  const fileNames = new Map<string, string>();
  const indexOf = (manifest: Manifest) => {
    let index = indexes.get(manifest);
    if (!index) {
      index = new Map();
      for (const b of manifest.benches) {
        let names = index.get(b.group);
        if (!names) index.set(b.group, names = new Map());
        names.set(b.name, b);
      }
      indexes.set(manifest, index);
    }
    return index;
  };
  for (const { document } of documents) {
    for (const raw of document.benches) {
      const manifest = declarations.get(raw.origin);
      const group = raw.group ?? UNGROUPED;
      const declaration = manifest && indexOf(manifest).get(group)?.get(raw.name);
      let file = fileNames.get(raw.origin);
      if (file === undefined) fileNames.set(raw.origin, file = originName(raw.origin, root));
      let crate: string;
      let kind: BenchKind;
      if (declaration) {
        crate = declaration.crate;
        kind = declaration.kind === "floor" ? "floor" : declaration.peer ? "peer" : "bench";
      } else if (group === FLOOR.group) {
        crate = FLOOR.crate;
        kind = "floor";
      } else {
        crate = soleDeclaredCrate(manifest) ?? crateOfFile(file);
        kind = "bench";
      }
      const id = benchmarkId(crate, group, raw.name);
      const key = identityKey(id, declaration?.size);
      let measurement = byKey.get(key);
      if (!measurement) {
        measurement = {
          id,
          key,
          crate,
          group,
          name: raw.name,
          kind,
          file,
          declaration,
          samples: [],
          failures: [],
        };
        byKey.set(key, measurement);
      }
      if (raw.ok) measurement.samples.push(raw.ok);
      if (raw.failed) measurement.failures.push(raw.failed);
    }
  }
  return [...byKey.values()];
}

/** The declared metrics of all manifests, each once. */
export function joinMetrics(declarations: Iterable<Manifest>): ManifestMetric[] {
  const seen = new Map<string, ManifestMetric>();
  for (const manifest of declarations) {
    for (const metric of manifest.metrics) {
      seen.set(`${metric.crate}/${metric.group}/${metric.name}`, metric);
    }
  }
  return [...seen.values()];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * One set of statistics from several results of the same benchmark: min of the minimums, max of
 * the maximums, the median of every other figure, and the iterations added up.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mergeSamples } from "./join.ts";
 * const s = (p75: number) => ({ n: 10, min: p75 - 1, max: p75 + 1, avg: p75, p75, p99: p75,
 *   p995: p75, p999: p75, highPrecision: true, usedExplicitTimers: false });
 * const merged = mergeSamples([s(10), s(30), s(20)]);
 * assert.ok(merged.p75 === 20 && merged.min === 9 && merged.n === 30);
 * ```
 */
export function mergeSamples(samples: BenchStats[]): BenchStats {
  if (samples.length === 1) return samples[0];
  const pick = (key: "avg" | "p75" | "p99" | "p995" | "p999") => median(samples.map((s) => s[key]));
  return {
    n: samples.reduce((sum, s) => sum + s.n, 0),
    min: Math.min(...samples.map((s) => s.min)),
    max: Math.max(...samples.map((s) => s.max)),
    avg: pick("avg"),
    p75: pick("p75"),
    p99: pick("p99"),
    p995: pick("p995"),
    p999: pick("p999"),
    highPrecision: samples.every((s) => s.highPrecision),
    usedExplicitTimers: samples.some((s) => s.usedExplicitTimers),
  };
}
