/**
 * Running Deno itself (`Deno.execPath()`, never the word "deno": CI has no deno on PATH) and
 * reading what it says on stderr.
 *
 * @module
 */

/** What a finished Deno process left behind. */
export interface DenoResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `deno <args>` in `cwd` with extra environment variables, colour off, and collects its
 * output.
 *
 * @example
 * ```ts ignore
 * import { runDeno } from "./deno_process.ts";
 * const { code } = await runDeno(["--version"], { cwd: "." });
 * ```
 */
export async function runDeno(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<DenoResult> {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/**
 * Removes terminal colour codes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stripAnsi } from "./deno_process.ts";
 * assert.equal(stripAnsi("\x1b[31merror\x1b[0m"), "error");
 * ```
 */
export function stripAnsi(text: string): string {
  // deno-lint-ignore no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}

/**
 * The number of type errors in `deno check` (or `deno bench`) output: its "Found N errors." line,
 * else one per `TSnnnn [ERROR]` heading. Zero when it reports none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { countTypeErrors } from "./deno_process.ts";
 * assert.equal(countTypeErrors("TS2322 [ERROR]: x\n\nFound 12 errors.\n"), 12);
 * assert.equal(countTypeErrors("TS2322 [ERROR]: Type 'string' is not...\n"), 1);
 * ```
 */
export function countTypeErrors(output: string): number {
  const text = stripAnsi(output);
  const found = /Found (\d+) errors?\./.exec(text);
  if (found) return Number(found[1]);
  return text.match(/^TS\d+ \[ERROR\]/gm)?.length ?? 0;
}

/**
 * The line of Deno's stderr that says what went wrong: the first "error:" line (with the line
 * after it when that one is the message), else the last non-empty line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { errorSummary } from "./deno_process.ts";
 * const stderr = "Check x.ts\nerror: Uncaught (in promise) Error: no such file\n    at foo";
 * assert.equal(errorSummary(stderr), "Uncaught (in promise) Error: no such file");
 * ```
 */
export function errorSummary(stderr: string): string {
  const lines = stripAnsi(stderr).split("\n").map((line) => line.trim()).filter(Boolean);
  const at = lines.findIndex((line) => line.startsWith("error:"));
  if (at < 0) return lines.at(-1) ?? "no output";
  const first = lines[at].slice("error:".length).trim();
  return first || lines[at + 1] || "error";
}
