/**
 * Reading `deno bench --json` documents (version 1; see DESIGN.md section 4), strictly: anything
 * that is not such a document is an {@link InputError} naming the file and the problem.
 *
 * @module
 */

import { InputError } from "./errors.ts";
import type { BenchStats } from "./schema.ts";

/** A failed benchmark's error. */
export interface BenchFailure {
  name: string;
  message: string;
}

/** One benchmark result as `deno bench` reported it. */
export interface RawBench {
  /** The bench module's URL. */
  origin: string;
  group: string | null;
  name: string;
  baseline: boolean;
  ok?: BenchStats;
  failed?: BenchFailure;
}

/** A whole `deno bench --json` document. */
export interface BenchDocument {
  version: 1;
  runtime: string;
  cpu: string;
  benches: RawBench[];
}

const STAT_NUMBERS = ["n", "min", "max", "avg", "p75", "p99", "p995", "p999"] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `where` names the result in an error; made only then (this runs per result, 10,000 times). */
function readStats(ok: Record<string, unknown>, where: () => string, file: string): BenchStats {
  for (const key of STAT_NUMBERS) {
    const value = ok[key];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new InputError(file, `${where()}: "${key}" is not a non-negative number`);
    }
  }
  // Checked above; one literal, so every result's statistics share one shape.
  return {
    n: ok.n as number,
    min: ok.min as number,
    max: ok.max as number,
    avg: ok.avg as number,
    p75: ok.p75 as number,
    p99: ok.p99 as number,
    p995: ok.p995 as number,
    p999: ok.p999 as number,
    highPrecision: ok.highPrecision === true,
    usedExplicitTimers: ok.usedExplicitTimers === true,
  };
}

function readFailure(failed: unknown): BenchFailure {
  if (!isObject(failed)) return { name: "Error", message: String(failed) };
  const message = typeof failed.message === "string" && failed.message
    ? failed.message
    : typeof failed.exceptionMessage === "string"
    ? failed.exceptionMessage
    : "failed without a message";
  return { name: typeof failed.name === "string" ? failed.name : "Error", message };
}

/**
 * Parses one `deno bench --json` document. A bench with several results (never seen from Deno
 * 2.9, allowed by the format) becomes one {@link RawBench} per result.
 *
 * @throws {InputError} when the text is not JSON, not a deno bench document, or of another version.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseBenchDocument } from "./parse.ts";
 * const doc = parseBenchDocument(
 *   JSON.stringify({ version: 1, runtime: "Deno", cpu: "x", benches: [] }),
 *   "run.json",
 * );
 * assert.equal(doc.benches.length, 0);
 * ```
 */
export function parseBenchDocument(text: string, file: string): BenchDocument {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, `not JSON (${(error as Error).message})`);
  }
  if (!isObject(data) || !Array.isArray(data.benches)) {
    throw new InputError(file, 'not a "deno bench --json" document (no "benches" array)');
  }
  if (data.version !== 1) {
    throw new InputError(
      file,
      `unknown deno bench JSON version ${
        JSON.stringify(data.version)
      } (this report reads version 1)`,
    );
  }
  const benches: RawBench[] = [];
  data.benches.forEach((entry: unknown, index: number) => {
    const where = `benches[${index}]`;
    if (!isObject(entry)) throw new InputError(file, `${where} is not an object`);
    const { origin, group, name, results } = entry;
    if (typeof origin !== "string") throw new InputError(file, `${where} has no "origin"`);
    if (typeof name !== "string") throw new InputError(file, `${where} has no "name"`);
    if (group !== null && group !== undefined && typeof group !== "string") {
      throw new InputError(file, `${where}: "group" is neither a string nor null`);
    }
    if (!Array.isArray(results) || results.length === 0) {
      throw new InputError(file, `${where} (${name}) has no "results"`);
    }
    const baseline = entry.baseline === true;
    for (const result of results) {
      // One literal per result (not a shared base spread into a copy): 10,000 objects fewer.
      if (isObject(result) && isObject(result.ok)) {
        const ok = readStats(result.ok, () => `${where} (${name})`, file);
        benches.push({ origin, group: group ?? null, name, baseline, ok });
      } else if (isObject(result) && "failed" in result) {
        const failed = readFailure(result.failed);
        benches.push({ origin, group: group ?? null, name, baseline, failed });
      } else {
        throw new InputError(file, `${where} (${name}): a result is neither "ok" nor "failed"`);
      }
    }
  });
  return {
    version: 1,
    runtime: typeof data.runtime === "string" ? data.runtime : "unknown runtime",
    cpu: typeof data.cpu === "string" ? data.cpu : "unknown CPU",
    benches,
  };
}

/**
 * Finds the JSON document in the stdout of `deno bench --json`. A bench module that prints at its
 * top level puts text before the document; Deno pretty-prints the document starting with
 * `{` and `"version"` on the next line, so the last such start is where it begins.
 *
 * @returns the document's text and whether anything had to be skipped, or null if there is none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { findBenchJson } from "./parse.ts";
 * const found = findBenchJson('hello\n{\n  "version": 1,\n  "benches": []\n}\n');
 * assert.ok(found?.skipped === true);
 * ```
 */
export function findBenchJson(stdout: string): { text: string; skipped: boolean } | null {
  const start = /(^|\n)\{\s*\n\s*"version"/g;
  let at = -1;
  for (const match of stdout.matchAll(start)) at = match.index + match[1].length;
  if (at < 0) return null;
  return { text: stdout.slice(at), skipped: stdout.slice(0, at).trim() !== "" };
}
