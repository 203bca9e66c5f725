/**
 * Every file a report writes to its output folder, rendered from the one {@link Report}: what
 * `deno task report` writes and what the pipeline's own benchmark measures; and writing them.
 *
 * @module
 */

import { join } from "node:path";
import { InputError } from "./errors.ts";
import { toActionBenchmark, toBmf } from "./exports.ts";
import { writeHistory } from "./history.ts";
import { renderHtml } from "./html.ts";
import { renderMarkdown } from "./markdown.ts";
import type { Report } from "./schema.ts";

/**
 * The output files as [name, text]: latest.json (one line: it is for programs; latest.md is for
 * people), latest.md, index.html, and for full runs the two exports (one line too: they are for
 * Bencher and github-action-benchmark, and indenting takes V8's slower general path). History is
 * written apart.
 *
 * @example
 * ```ts ignore
 * import { renderOutputs } from "./outputs.ts";
 * for (const [name, text] of renderOutputs(report)) await Deno.writeTextFile(name, text);
 * ```
 */
export function renderOutputs(report: Report): [string, string][] {
  const files: [string, string][] = [
    ["latest.json", reportJson(report) + "\n"],
    ["latest.md", renderMarkdown(report)],
    ["index.html", renderHtml(report)],
  ];
  if (!report.run.quick) {
    files.push(
      ["bmf.json", JSON.stringify(toBmf(report)) + "\n"],
      ["github-action-benchmark.json", JSON.stringify(toActionBenchmark(report)) + "\n"],
    );
  }
  return files;
}

/**
 * `JSON.stringify(report)`, field by field: the same text in less than half the time. V8 writes
 * a 13 MB document much more slowly than its parts (10,000 benchmarks and 100 runs of history:
 * 120 ms whole, 50 ms by top-level field, measured alternately in one process).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportJson } from "./outputs.ts";
 * import type { Report } from "./schema.ts";
 * const report = { schema: "astraweave-report", version: 2, floor: null, run: undefined };
 * assert.equal(reportJson(report as unknown as Report), JSON.stringify(report));
 * ```
 */
export function reportJson(report: Report): string {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(report)) {
    // Omitted as JSON.stringify omits them.
    if (value !== undefined) fields.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
  }
  return `{${fields.join(",")}}`;
}

/**
 * Makes sure `dir` is a folder the report can write (creating it), before minutes of benches run.
 *
 * @throws {InputError} naming `dir` when it is a file, or cannot be created or written.
 */
export async function prepareOutDir(dir: string, option = "--out"): Promise<void> {
  const problem = (error: unknown) =>
    error instanceof Deno.errors.AlreadyExists || error instanceof Deno.errors.NotADirectory
      ? "is not a folder"
      : error instanceof Deno.errors.PermissionDenied
      ? "cannot be written (permission denied)"
      : `cannot be written (${(error as Error).message.split("\n")[0]})`;
  try {
    await Deno.mkdir(dir, { recursive: true });
    const probe = await Deno.makeTempFile({ dir, prefix: ".report-write-test-" });
    await Deno.remove(probe);
  } catch (error) {
    throw new InputError(`${option} ${dir}`, problem(error));
  }
}

/** Writes the outputs (and the history file, when the run is recorded); returns the paths. */
export async function writeOutputs(
  report: Report,
  out: string,
  historyDir: string,
): Promise<string[]> {
  const written = renderOutputs(report);
  for (const [name, text] of written) await Deno.writeTextFile(join(out, name), text);
  const names = written.map(([name]) => join(out, name));
  if (report.run.historyFile) names.push(join(historyDir, await writeHistory(historyDir, report)));
  return names;
}
