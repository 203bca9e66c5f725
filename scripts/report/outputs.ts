/**
 * Every file a report writes to its output folder, rendered from the one {@link Report}: what
 * `deno task report` writes and what the pipeline's own benchmark measures.
 *
 * @module
 */

import { toActionBenchmark, toBmf } from "./exports.ts";
import { renderHtml } from "./html.ts";
import { renderMarkdown } from "./markdown.ts";
import type { Report } from "./schema.ts";

/**
 * The output files as [name, text]: latest.json (one line: it is for programs; latest.md is for
 * people), latest.md, index.html, and for full runs the two exports. History is written apart.
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
      ["bmf.json", JSON.stringify(toBmf(report), null, 2) + "\n"],
      ["github-action-benchmark.json", JSON.stringify(toActionBenchmark(report), null, 2) + "\n"],
    );
  }
  return files;
}
