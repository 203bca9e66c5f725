/**
 * Running the benches: one `deno bench --json` process per bench file, so one file's failure or
 * type error cannot hide the others; its declarations read first (which also counts its
 * benchmarks for the progress line); `--repeat K` runs the whole suite K times.
 *
 * @module
 */

import { resolve } from "node:path";
import { FLOOR } from "@astraweave/bench-protocol";
import { pathToFileURL } from "node:url";
import type { FileFailure } from "./coverage.ts";
import { loadDeclarations, type Manifest } from "./declarations.ts";
import { countTypeErrors, errorSummary, runDeno } from "./deno_process.ts";
import type { BenchFile } from "./discover.ts";
import { InputError } from "./errors.ts";
import type { SourcedDocument } from "./join.ts";
import { findBenchJson, parseBenchDocument } from "./parse.ts";

/** Where progress goes. */
export interface Progress {
  /** A bench file starts: its label (crate and file), benchmark count, and which repeat. */
  start(label: string, benchmarks: number, repeat: number, repeats: number): void;
  /** It ended: how many passed and failed (or why it gave nothing), and how long it took. */
  done(label: string, outcome: string, ms: number): void;
  /** Anything else worth a line. */
  note(message: string): void;
}

/** Progress that says nothing (tests, benchmarks). */
export const silentProgress: Progress = { start() {}, done() {}, note() {} };

const formatSeconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const formatDuration = (seconds: number) =>
  seconds < 90 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;

/**
 * Progress on stderr: on a terminal a line that counts the seconds while a file runs; elsewhere
 * one line when it starts and one when it ends.
 */
export function stderrProgress(): Progress {
  const encoder = new TextEncoder();
  const write = (text: string) => Deno.stderr.writeSync(encoder.encode(text));
  const live = Deno.stderr.isTerminal();
  let timer: ReturnType<typeof setInterval> | undefined;
  let current = "";
  return {
    start(label, benchmarks, repeat, repeats) {
      const run = repeats > 1 ? ` [run ${repeat} of ${repeats}]` : "";
      current = `${label}: ${benchmarks} benchmark${benchmarks === 1 ? "" : "s"}${run}`;
      const began = Date.now();
      if (!live) return write(`${current} …\n`);
      write(`${current} … 0 s`);
      timer = setInterval(
        () => write(`\r\x1b[K${current} … ${Math.round((Date.now() - began) / 1000)} s`),
        1000,
      );
    },
    done(_label, outcome, ms) {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      write(
        live
          ? `\r\x1b[K${current}: ${outcome} in ${formatSeconds(ms)}\n`
          : `  ${outcome} in ${formatSeconds(ms)}\n`,
      );
    },
    note(message) {
      write(`${message}\n`);
    },
  };
}

/** What running the bench files gave. */
export interface SuiteResult {
  documents: SourcedDocument[];
  declarations: Map<string, Manifest>;
  fileFailures: FileFailure[];
  /** Seconds each bench file took (the last repeat), by path: the next run's estimate. */
  fileSeconds: Record<string, number>;
}

/**
 * Seconds left, estimated: for each file still to run, what it took last time (`previous`, from
 * history) or else the average of the files run so far.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { secondsLeft } from "./runner.ts";
 * assert.equal(secondsLeft(["a", "b"], { a: 10 }, [4, 6]), 15);
 * ```
 */
export function secondsLeft(
  remaining: readonly string[],
  previous: Readonly<Record<string, number>>,
  doneSoFar: readonly number[],
): number {
  const average = doneSoFar.length ? doneSoFar.reduce((a, b) => a + b, 0) / doneSoFar.length : 0;
  return remaining.reduce((sum, path) => sum + (previous[path] ?? average), 0);
}

/** The crate a file's failure is listed under: the one its module declares, else its file's. */
function failureCrate(file: BenchFile, manifest: Manifest | undefined): string {
  const declared = new Set(manifest?.benches.filter((b) => b.kind !== "floor").map((b) => b.crate));
  return declared.size === 1 ? [...declared][0] : file.crate;
}

/**
 * Reads the declarations of each file (files that cannot even load become failures).
 */
export async function declareAll(
  files: BenchFile[],
  options: { root: string; quick: boolean },
): Promise<{ loaded: { file: BenchFile; manifest: Manifest }[]; failures: FileFailure[] }> {
  const loaded: { file: BenchFile; manifest: Manifest }[] = [];
  const failures: FileFailure[] = [];
  for (const file of files) {
    const result = await loadDeclarations(file.path, { cwd: options.root, quick: options.quick });
    if (result.ok) loaded.push({ file, manifest: result.manifest });
    else {failures.push({
        crate: file.crate,
        file: file.path,
        reason: `module failed to load: ${result.error}`,
      });}
  }
  return { loaded, failures };
}

/**
 * Runs the bench files `repeats` times over (the whole suite each time), one process per file.
 */
export async function runSuite(
  files: BenchFile[],
  options: {
    root: string;
    quick: boolean;
    repeats: number;
    progress: Progress;
    /** Seconds per bench file in the last full run, for the estimate of time left. */
    previousSeconds?: Readonly<Record<string, number>>;
    /** Checks the declarations (by origin URL) before anything runs; throws to stop. */
    validate?: (declarations: ReadonlyMap<string, Manifest>) => void;
  },
): Promise<SuiteResult> {
  const { root, quick, repeats, progress } = options;
  const fileSeconds: Record<string, number> = {};
  const took: number[] = [];
  const { loaded, failures } = await declareAll(files, { root, quick });
  options.validate?.(
    new Map(loaded.map(({ file, manifest }) => [
      pathToFileURL(resolve(root, file.path)).href,
      manifest,
    ])),
  );
  for (const failure of failures) progress.note(`${failure.file}: ${failure.reason}`);
  const documents: SourcedDocument[] = [];
  const declarations = new Map<string, Manifest>();
  const broken = new Set<string>();
  for (let repeat = 1; repeat <= repeats; repeat++) {
    for (const [index, { file, manifest }] of loaded.entries()) {
      if (broken.has(file.path)) continue;
      const origin = pathToFileURL(resolve(root, file.path)).href;
      declarations.set(origin, manifest);
      // Quick runs take seconds: an estimate from full runs would mislead.
      const remaining = [
        ...loaded.slice(index).map((l) => l.file.path),
        ...Array.from({ length: repeats - repeat }, () => loaded.map((l) => l.file.path)).flat(),
      ];
      const left = quick ? 0 : secondsLeft(remaining, options.previousSeconds ?? {}, took);
      const eta = left >= 1 ? `, about ${formatDuration(left)} left` : "";
      const label = `[${index + 1}/${loaded.length}${eta}] ${
        failureCrate(file, manifest)
      } (${file.path})`;
      const count = manifest.benches.filter((b) => b.kind !== "floor").length;
      progress.start(label, count, repeat, repeats);
      const began = Date.now();
      const result = await runDeno(["bench", "--json", "--allow-all", file.path], {
        cwd: root,
        // Set both, so a variable left in the caller's environment cannot change the run.
        env: { ASTRAWEAVE_BENCH_QUICK: quick ? "1" : "0", ASTRAWEAVE_BENCH_MANIFEST: "" },
      });
      const ms = Date.now() - began;
      fileSeconds[file.path] = ms / 1000;
      took.push(ms / 1000);
      const found = findBenchJson(result.stdout);
      if (!found) {
        const typeErrors = countTypeErrors(result.stderr);
        const reason = typeErrors > 0
          ? `${typeErrors} type error${typeErrors === 1 ? "" : "s"}`
          : `bench process failed: ${errorSummary(result.stderr)}`;
        failures.push({ crate: failureCrate(file, manifest), file: file.path, reason });
        broken.add(file.path);
        progress.done(label, reason, ms);
        continue;
      }
      let document;
      try {
        document = parseBenchDocument(found.text, `deno bench output of ${file.path}`);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        failures.push({
          crate: failureCrate(file, manifest),
          file: file.path,
          reason: error.problem,
        });
        broken.add(file.path);
        progress.done(label, error.problem, ms);
        continue;
      }
      if (found.skipped) {
        progress.note(
          `${file.path}: printed to stdout at its top level (ignored); bench modules must not print`,
        );
      }
      for (const bench of document.benches) declarations.set(bench.origin, manifest);
      documents.push({ source: file.path, document, text: found.text });
      const own = document.benches.filter((b) =>
        !(b.group === FLOOR.group && b.name === FLOOR.name)
      );
      const failed = own.filter((b) => b.failed).length;
      progress.done(label, `${own.length - failed} ok, ${failed} failed`, ms);
    }
  }
  return { documents, declarations, fileFailures: failures, fileSeconds };
}
