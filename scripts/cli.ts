/**
 * The one argument-parsing helper of the workspace's command-line tools: `node:util` `parseArgs`
 * with the things every tool needs on top of it.
 *
 * - Negative numbers as option values (`--slot -1`), which `parseArgs` refuses as "ambiguous",
 *   reach the tool, so the tool can say what is wrong with the value.
 * - One {@link UsageError}: a bad argument or input file is one line on stderr, `<tool>: <what is
 *   wrong>`, and exit status 2, through {@link runCli}.
 * - Number options parsed and range-checked with a message that names the option and the value.
 * - Relative paths resolved against the directory the user ran the command from: `deno task`
 *   runs tasks from the project root and says where the user was in `INIT_CWD`.
 * - Input files read, and output files written, with a failure said in the user's words
 *   (`cannot read scene.json: no such file`), and output to stdout that ends quietly when the
 *   reader goes away (`| head`).
 * - Progress on long work, on stderr when it is a terminal ({@link progress}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { integerOption, parseCli } from "./cli.ts";
 * const { values } = parseCli(["--slot", "-1"], { slot: { type: "string" } });
 * assert.throws(() => integerOption(values, "slot", { min: 0, max: 255 }), /--slot must be/);
 * ```
 *
 * @module
 */

import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";

/** A bad command line or input: printed as one line, exit status 2. */
export class UsageError extends Error {
  /** The class name, so a printed error says what kind it is. */
  override name = "UsageError";
}

/** Options as `node:util` `parseArgs` takes them. */
export type CliOptions = Record<
  string,
  { type: "string" | "boolean"; short?: string; multiple?: boolean; default?: string | boolean }
>;

/** What {@link parseCli} returns: option values by name, and the positional arguments. */
export interface ParsedCli {
  /** Option values by option name (undefined when the option was not given). */
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  /** The arguments that are not options, in order. */
  positionals: string[];
}

const NEGATIVE_NUMBER = /^-(\d|\.\d|Infinity)/;

/**
 * Parses `args` against `options` (strict: unknown options are errors), allowing positionals.
 * A value that looks like a negative number is passed to its string option as `--name=value`.
 * Every parse error becomes a {@link UsageError} of one line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseCli } from "./cli.ts";
 * const { values, positionals } = parseCli(["--seconds", "-1", "file.json"], {
 *   seconds: { type: "string" },
 * });
 * assert.equal(values.seconds, "-1");
 * assert.deepEqual(positionals, ["file.json"]);
 * ```
 */
export function parseCli(args: readonly string[], options: CliOptions): ParsedCli {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const next = args[i + 1];
    const name = arg.startsWith("--") && !arg.includes("=") ? arg.slice(2) : undefined;
    if (
      name !== undefined && options[name]?.type === "string" && next !== undefined &&
      NEGATIVE_NUMBER.test(next)
    ) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  try {
    const { values, positionals } = parseArgs({
      args: joined,
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedCli["values"], positionals };
  } catch (error) {
    // parseArgs explains itself over several lines; a command prints one.
    const message = (error as Error).message.split(/\n|\. /)[0].replace(/\.$/, "");
    throw new UsageError(`${message} (see --help)`);
  }
}

/** Bounds of a number option. */
export interface NumberRange {
  /** The smallest value allowed. */
  min?: number;
  /** The largest value allowed. */
  max?: number;
}

function describeRange(kind: string, { min, max }: NumberRange): string {
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} of at least ${min}`;
  if (max !== undefined) return `${kind} of at most ${max}`;
  return kind;
}

function numberFrom(
  values: ParsedCli["values"],
  name: string,
  range: NumberRange,
  integer: boolean,
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string") throw new UsageError(`--${name} takes a value`);
  const kind = integer ? "an integer" : "a number";
  const value = raw.trim() === "" ? NaN : Number(raw);
  const ok = Number.isFinite(value) && (!integer || Number.isSafeInteger(value)) &&
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max);
  if (!ok) throw new UsageError(`--${name} must be ${describeRange(kind, range)}, got "${raw}"`);
  return value;
}

/**
 * The integer value of option `name`, or undefined when it was not given.
 *
 * @throws {UsageError} naming the option, the allowed range and the value given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { integerOption } from "./cli.ts";
 * assert.equal(integerOption({ rooms: "12" }, "rooms", { min: 1 }), 12);
 * assert.equal(integerOption({}, "rooms"), undefined);
 * assert.throws(() => integerOption({ rooms: "1.5" }, "rooms"), /--rooms must be an integer/);
 * ```
 */
export function integerOption(
  values: ParsedCli["values"],
  name: string,
  range: NumberRange = {},
): number | undefined {
  return numberFrom(values, name, range, true);
}

/**
 * The finite number value of option `name`, or undefined when it was not given.
 *
 * @throws {UsageError} naming the option, the allowed range and the value given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { numberOption } from "./cli.ts";
 * assert.equal(numberOption({ loss: "0.25" }, "loss", { min: 0, max: 1 }), 0.25);
 * assert.throws(() => numberOption({ loss: "2" }, "loss", { min: 0, max: 1 }), /from 0 to 1/);
 * ```
 */
export function numberOption(
  values: ParsedCli["values"],
  name: string,
  range: NumberRange = {},
): number | undefined {
  return numberFrom(values, name, range, false);
}

/**
 * The directory the user ran the command from: `INIT_CWD` under `deno task` (which runs tasks
 * from the project root), else the process's working directory.
 */
export function userCwd(): string {
  let initCwd: string | undefined;
  try {
    initCwd = Deno.env.get("INIT_CWD");
  } catch {
    // No --allow-env: the working directory is the best we know.
  }
  return initCwd && isAbsolute(initCwd) ? initCwd : Deno.cwd();
}

/**
 * A path given on the command line, resolved against the user's directory ({@link userCwd}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isAbsolute } from "node:path";
 * import { resolveUserPath } from "./cli.ts";
 * assert.ok(isAbsolute(resolveUserPath("saves/slot.awsv")));
 * assert.equal(resolveUserPath("/tmp/x"), "/tmp/x");
 * ```
 */
export function resolveUserPath(path: string): string {
  return isAbsolute(path) ? path : resolve(userCwd(), path);
}

/**
 * Why a file operation failed, in a few words ("no such file", "is a directory", "permission
 * denied"), without the operating system's error number and the operation's name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fileErrorReason } from "./cli.ts";
 * assert.equal(fileErrorReason(new Deno.errors.NotFound("readfile 'x'")), "no such file");
 * assert.equal(fileErrorReason(new Error("Disk quota exceeded (os error 122): write 'x'")), "Disk quota exceeded");
 * ```
 */
export function fileErrorReason(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "no such file";
  if (error instanceof Deno.errors.IsADirectory) return "is a directory";
  if (error instanceof Deno.errors.NotADirectory) return "a directory on its path is a file";
  if (error instanceof Deno.errors.PermissionDenied || error instanceof Deno.errors.NotCapable) {
    return "permission denied";
  }
  return String((error as Error)?.message ?? error).replace(/ \(os error \d+\).*$/s, "");
}

/**
 * The bytes of the file at `path` (relative to the user's directory, {@link resolveUserPath}).
 * Only a regular file is read: a directory, FIFO or device is refused before reading, so
 * `/dev/zero` cannot make a command read forever.
 *
 * @param what names the file in the message, as in `cannot read config weave.toml: no such file`.
 * @throws {UsageError} `cannot read [what ]PATH: reason`, with PATH as given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readUserFile } from "./cli.ts";
 * assert.throws(() => readUserFile("/", "scene"), /^UsageError: cannot read scene \/: is a directory$/);
 * ```
 */
export function readUserFile(path: string, what?: string): Uint8Array {
  const fail = (reason: string) =>
    new UsageError(`cannot read ${what ? `${what} ` : ""}${path}: ${reason}`);
  const resolved = resolveUserPath(path);
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(resolved);
  } catch (error) {
    throw fail(fileErrorReason(error));
  }
  if (info.isDirectory) throw fail("is a directory");
  if (!info.isFile) throw fail("not a regular file (a FIFO or device)");
  try {
    return Deno.readFileSync(resolved);
  } catch (error) {
    throw fail(fileErrorReason(error));
  }
}

/**
 * The text of the file at `path` (UTF-8), as {@link readUserFile} reads it.
 *
 * @throws {UsageError} as {@link readUserFile} does.
 */
export function readUserText(path: string, what?: string): string {
  return new TextDecoder().decode(readUserFile(path, what));
}

/**
 * The JSON value of `text`, read from the file named `label`.
 *
 * @throws {UsageError} `LABEL: not JSON: what the parser said`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseJsonText } from "./cli.ts";
 * assert.deepEqual(parseJsonText("[1]", "a.json"), [1]);
 * assert.throws(() => parseJsonText("{", "a.json"), /^UsageError: a\.json: not JSON: /);
 * ```
 */
export function parseJsonText(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${label}: not JSON: ${(error as Error).message}`);
  }
}

/**
 * Writes `bytes` to the file at `path` (relative to the user's directory), replacing it whole or
 * not at all: the bytes go to a temporary file beside it, renamed over the old file only once they
 * are all written, so a failed or interrupted write leaves the previous file as it was. A path that
 * names a device or a pipe (`--out /dev/stdout`) is written to directly, and a symbolic link is
 * followed, so the link stays and its target is replaced.
 *
 * @throws {UsageError} `cannot write PATH: reason`, with PATH as given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeUserFile } from "./cli.ts";
 * const dir = Deno.makeTempDirSync();
 * writeUserFile(`${dir}/out.bin`, new Uint8Array([1, 2, 3]));
 * assert.deepEqual(Deno.readFileSync(`${dir}/out.bin`), new Uint8Array([1, 2, 3]));
 * assert.throws(() => writeUserFile(dir, new Uint8Array(1)), /: is a directory$/);
 * assert.deepEqual([...Deno.readDirSync(dir)].map((entry) => entry.name), ["out.bin"]);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeUserFile(path: string, bytes: Uint8Array): void {
  try {
    let target = resolveUserPath(path);
    let existing: Deno.FileInfo | undefined;
    try {
      target = Deno.realPathSync(target);
      existing = Deno.statSync(target);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    if (existing?.isDirectory) throw new Deno.errors.IsADirectory(target);
    if (existing && !existing.isFile) return Deno.writeFileSync(target, bytes);
    const slash = target.lastIndexOf("/");
    const temp = `${target.slice(0, slash + 1)}.${target.slice(slash + 1)}.${Deno.pid}.tmp`;
    try {
      Deno.writeFileSync(temp, bytes, existing?.mode == null ? {} : { mode: existing.mode });
      Deno.renameSync(temp, target);
    } catch (error) {
      try {
        Deno.removeSync(temp);
      } catch {
        // Never created, or already renamed.
      }
      throw error;
    }
  } catch (error) {
    // Writing creates the file: only its directory can be missing.
    const reason = error instanceof Deno.errors.NotFound
      ? "no such directory"
      : fileErrorReason(error);
    throw new UsageError(`cannot write ${path}: ${reason}`);
  }
}

/**
 * Writes all of `bytes` to stdout, synchronously (an answer goes out before the next request is
 * read). When the reader has gone (`deno task dungeon ... | head`), no one is left to tell: the
 * process exits quietly with status 0, as command-line tools do.
 */
export function writeStdout(bytes: Uint8Array): void {
  try {
    for (let written = 0; written < bytes.length;) {
      written += Deno.stdout.writeSync(bytes.subarray(written));
    }
  } catch (error) {
    if (error instanceof Deno.errors.BrokenPipe) Deno.exit(0);
    throw error;
  }
}

/**
 * Runs the command `args[0]` of a tool made of commands (`save inspect ...`) with the rest of the
 * arguments. `--help`, `-h` or `help` print `help` (the tool's usage) and give status 0.
 *
 * @throws {UsageError} when no command is given or it is not one of `commands`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runCommand } from "./cli.ts";
 * const commands = { greet: (args: string[]) => args.length };
 * assert.equal(runCommand(["greet", "a", "b"], commands, "Usage: ..."), 2);
 * assert.throws(() => runCommand([], commands, ""), /a command is required: greet \(see --help\)/);
 * assert.throws(() => runCommand(["toString"], commands, ""), /unknown command "toString"/);
 * ```
 */
export function runCommand<R>(
  args: readonly string[],
  commands: Record<string, (args: string[]) => R>,
  help: string,
): R | number {
  const [command, ...rest] = args;
  if (command === "--help" || command === "-h" || command === "help") {
    console.log(help);
    return 0;
  }
  const names = Object.keys(commands).join(", ");
  if (command === undefined) throw new UsageError(`a command is required: ${names} (see --help)`);
  // Own properties only: "toString" or "constructor" is not a command.
  if (!Object.hasOwn(commands, command)) {
    throw new UsageError(`unknown command "${command}": ${names} (see --help)`);
  }
  return commands[command](rest);
}

/**
 * Refuses positional arguments for a command that takes none.
 *
 * @throws {UsageError} `unexpected argument "ARG" (see --help)`.
 */
export function noPositionals(positionals: readonly string[]): void {
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}" (see --help)`);
  }
}

/** What {@link progress} takes besides its label and total; tests give all three. */
export interface ProgressOptions {
  /** Where the progress line goes (default: stderr when it is a terminal, else nowhere). */
  write?: (text: string) => void;
  /** The time now in milliseconds (default `performance.now`). */
  now?: () => number;
  /** The least time between two updates of the line, in milliseconds (default 250). */
  intervalMs?: number;
}

/** A progress line: {@link progress} makes one. */
export interface Progress {
  /** Says that `done` of the total are done; redraws the line when the interval has passed. */
  update(done: number): void;
  /** Clears the line, if one was drawn. */
  end(): void;
}

/**
 * A one-line progress display for long work, `LABEL: DONE of TOTAL (P%)`, redrawn in place on
 * stderr at most every 250 ms, and only when stderr is a terminal: piped or redirected output
 * stays exactly the command's output.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { progress } from "./cli.ts";
 * let time = 0;
 * const shown: string[] = [];
 * const bar = progress("ticks", 4, { write: (t) => shown.push(t), now: () => time });
 * bar.update(1); // less than 250 ms since the start: not drawn
 * time = 300;
 * bar.update(2);
 * bar.end();
 * assert.deepEqual(shown, ["\rticks: 2 of 4 (50%)", "\r\x1b[K"]);
 * ```
 */
export function progress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const write = options.write ??
    (Deno.stderr.isTerminal() ? (text: string) => writeStderr(text) : undefined);
  if (write === undefined) return { update() {}, end() {} };
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? 250;
  let last = now();
  let drawn = false;
  return {
    update(done) {
      const time = now();
      if (time - last < interval) return;
      last = time;
      drawn = true;
      write(`\r${label}: ${done} of ${total} (${Math.floor((100 * done) / total)}%)`);
    },
    end() {
      if (drawn) write("\r\x1b[K");
      drawn = false;
    },
  };
}

function writeStderr(text: string): void {
  const bytes = new TextEncoder().encode(text);
  for (let written = 0; written < bytes.length;) {
    written += Deno.stderr.writeSync(bytes.subarray(written));
  }
}

/**
 * Runs a command's `main` and exits: with its returned status (0 when it returns nothing); with 2
 * and one line `<tool>: <message>` on stderr for a {@link UsageError} or for any error type listed
 * in `usageErrors` (a library's typed input errors, for example). Anything else is a bug and
 * propagates with its stack.
 */
export async function runCli(
  tool: string,
  main: () => Promise<number | void> | number | void,
  usageErrors: (abstract new (...args: never[]) => Error)[] = [],
): Promise<never> {
  let status: number;
  try {
    status = (await main()) ?? 0;
  } catch (error) {
    const expected = error instanceof UsageError ||
      usageErrors.some((type) => error instanceof type);
    if (!expected) throw error;
    console.error(`${tool}: ${(error as Error).message}`);
    status = 2;
  }
  Deno.exit(status);
}
