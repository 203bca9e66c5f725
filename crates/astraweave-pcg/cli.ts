/**
 * The `dungeon` command: argument parsing, generation and formatting, as a function from
 * arguments to output, so the script that runs it stays a few lines of I/O.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { generateDungeon } from "./dungeon.ts";
import { dungeonToJson, renderAscii, renderSvg } from "./render.ts";
import { parseSeed } from "./rng.ts";

/** What the command should do: write `output` (to `outFile`, or stdout), print `messages` to stderr, exit. */
export interface DungeonCommandResult {
  /** 0 on success (also with warnings), 2 on bad input or an impossible request. */
  exitCode: 0 | 2;
  /** The rendered dungeon or the help text; absent on error. */
  output?: string;
  /** Where to write `output`; stdout when absent. */
  outFile?: string;
  /** Lines for stderr: one error line, or warnings about a partial result. */
  messages: string[];
}

/** The help text of `deno task dungeon --help`. */
export const DUNGEON_HELP =
  `Generate a dungeon from a seed; the same arguments always give the same bytes.

Usage: deno task dungeon --seed S [options]

Options:
  --seed S          seed: decimal or 0x-hex integer, 0 to 2^64 - 1 (required)
  --width W         grid width in tiles (default 80)
  --height H        grid height in tiles (default 25)
  --rooms R         rooms to place (default 10)
  --encounters E    encounters to place (default 12)
  --format F        ascii (default), svg or json
  --out FILE        write to FILE instead of stdout
  -h, --help        show this help

ASCII legend: # wall, . floor, + door, C combat, L loot, A ambient, space rock.
Exit status: 0 on success (a warning on stderr if fewer rooms or encounters fit than asked),
2 on bad arguments or an impossible request (rooms that cannot fit the grid).
`;

const FORMATS = ["ascii", "svg", "json"] as const;

class UsageError extends Error {}

function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim())) {
    throw new UsageError(`--${name} must be a non-negative integer, got "${value}"`);
  }
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} is too large: ${value}`);
  return n;
}

/**
 * Runs the command on `args` (as in `Deno.args`). Never throws for bad input: every problem
 * becomes one line in `messages` with exit code 2.
 *
 * @example
 * ```ts
 * import { dungeonCommand } from "@astraweave/pcg";
 * const result = dungeonCommand(["--seed", "42", "--rooms", "6"]);
 * result.exitCode; // 0
 * dungeonCommand(["--seed", "nope"]).messages; // ['dungeon: seed must be a decimal or 0x-hex integer, got "nope"']
 * ```
 */
export function dungeonCommand(args: readonly string[]): DungeonCommandResult {
  try {
    return run(args);
  } catch (error) {
    if (error instanceof UsageError || error instanceof RangeError || error instanceof TypeError) {
      // parseArgs explains itself over several lines; the command prints one.
      return { exitCode: 2, messages: [`dungeon: ${error.message.replace(/\s*\n\s*/g, " ")}`] };
    }
    throw error;
  }
}

function run(rawArgs: readonly string[]): DungeonCommandResult {
  // `--rooms -3` would otherwise read as a missing value; join it so the range check can say so.
  const args: string[] = [];
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i];
    if (/^--[a-z]+$/.test(arg) && /^-\d/.test(rawArgs[i + 1] ?? "")) {
      args.push(`${arg}=${rawArgs[++i]}`);
    } else args.push(arg);
  }
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      seed: { type: "string" },
      width: { type: "string" },
      height: { type: "string" },
      rooms: { type: "string" },
      encounters: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { exitCode: 0, output: DUNGEON_HELP, messages: [] };
  if (values.seed === undefined) throw new UsageError("--seed is required (try --help)");
  const seed = parseSeed(values.seed);
  const format = values.format ?? "ascii";
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got "${format}"`);
  }
  if (values.out === "") throw new UsageError("--out needs a file name");
  const width = count(values.width, "width", 80);
  const height = count(values.height, "height", 25);
  const rooms = count(values.rooms, "rooms", 10);
  const encounters = count(values.encounters, "encounters", 12);

  const dungeon = generateDungeon({ seed, width, height, rooms, encounters });
  const { roomStats, encounterStats } = dungeon;
  if (roomStats.requested > roomStats.capacity) {
    throw new UsageError(`impossible request: ${roomStats.shortfall}`);
  }
  const messages: string[] = [];
  if (roomStats.shortfall) messages.push(`dungeon: warning: ${roomStats.shortfall}`);
  if (encounterStats.shortfall) messages.push(`dungeon: warning: ${encounterStats.shortfall}`);
  const title = `seed ${seed} · ${width}x${height} · ${roomStats.placed} rooms · ` +
    `${encounterStats.placed} encounters`;
  const output = format === "svg"
    ? renderSvg(dungeon, { title })
    : format === "json"
    ? dungeonToJson(dungeon)
    : renderAscii(dungeon);
  return {
    exitCode: 0,
    output,
    ...(values.out !== undefined ? { outFile: values.out } : {}),
    messages,
  };
}
