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
 * Bencher and github-action-benchmark, and an indented JSON.stringify takes V8's slow path, three
 * times as long). History is written apart.
 *
 * @example
 * ```ts ignore
 * import { renderOutputs } from "./outputs.ts";
 * for (const [name, text] of renderOutputs(report)) await Deno.writeTextFile(name, text);
 * ```
 */
export function renderOutputs(report: Report): [string, string][] {
  const files: [string, string][] = [
    ["latest.json", JSON.stringify(report) + "\n"],
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
