/**
 * Test support for the command-line tools: runs a task of the root `deno.json` as a real process,
 * exactly as a user runs `deno task NAME ...` (the task's own command and permissions), from a
 * directory the test chooses, and checks the one-line usage error every tool gives bad input.
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The workspace root. */
export const REPO: string = fileURLToPath(new URL("..", import.meta.url));

/** What a run printed, decoded, and its exit status. */
export interface TaskRun {
  /** The exit status. */
  code: number;
  /** Everything written to stdout. */
  stdout: string;
  /** Everything written to stderr. */
  stderr: string;
}

/** Where and how {@link runTask} runs the task. */
export interface TaskRunOptions {
  /** The user's directory, which relative paths are resolved from (default: the workspace root). */
  cwd?: string;
  /** Text written to the task's stdin, which is closed after it (default: no stdin). */
  stdin?: string;
  /** More environment variables. */
  env?: Record<string, string>;
}

/**
 * Runs `deno task NAME ...args` from `options.cwd` and waits for it to exit.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runTask } from "./task_testing.ts";
 * const run = await runTask("dungeon", ["--help"]);
 * assert.equal(run.code, 0);
 * assert.match(run.stdout, /--seed S/);
 * ```
 */
export async function runTask(
  task: string,
  args: readonly string[],
  options: TaskRunOptions = {},
): Promise<TaskRun> {
  const cwd = options.cwd ?? REPO;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "--config", join(REPO, "deno.json"), task, ...args],
    cwd,
    // deno task keeps an INIT_CWD it inherits (a test run under `deno task test` has one).
    env: { NO_COLOR: "1", ...options.env, INIT_CWD: cwd },
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const { code, stdout, stderr } = await child.output();
  const text = new TextDecoder();
  return { code, stdout: text.decode(stdout), stderr: text.decode(stderr) };
}

/**
 * Asserts that `run` refused bad input as every tool must: exit status 2, nothing on stdout, and
 * one line on stderr, `TOOL: ...`, matching `message`.
 */
export function assertUsageError(run: TaskRun, tool: string, message: RegExp): void {
  assert.equal(run.code, 2, `exit status ${run.code}: ${run.stderr}`);
  assert.equal(run.stdout, "");
  const lines = run.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line on stderr, got:\n${run.stderr}`);
  assert.ok(lines[0].startsWith(`${tool}: `), lines[0]);
  assert.match(lines[0], message);
}
