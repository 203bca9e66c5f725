/**
 * `deno task dungeon --seed S [options]`: prints or writes a generated dungeon (ASCII, SVG or
 * JSON); the same arguments always give the same bytes. {@link dungeonCommand} is the whole
 * command as a function from arguments to output, so tests run it without a process. `--help`
 * for the options.
 *
 * @module
 */

import {
  type DungeonOptions,
  dungeonToJson,
  generateDungeon,
  MAX_GRID_SIDE,
  MAX_GRID_TILES,
  maxRoomsThatFit,
  renderAscii,
  renderSvg,
  roomFitProblem,
} from "@astraweave/pcg";
import {
  integerOption,
  noPositionals,
  parseCli,
  resolveUserPath,
  runCli,
  UsageError,
  writeStdout,
  writeUserFile,
} from "./cli.ts";
import { seedOption } from "./seed_option.ts";

// Command-line bounds: generous for a map a person looks at, and small enough that any accepted
// request is generated and rendered in well under a second.
const MAX_CLI_ROOMS = 2_000;
const MAX_CLI_ENCOUNTERS = 10_000;
const MAX_CLI_TILES = Math.min(MAX_GRID_TILES, 1_000_000);

/** The help text of `deno task dungeon --help`. */
export const DUNGEON_HELP =
  `Generate a dungeon from a seed; the same arguments always give the same bytes.

Usage: deno task dungeon --seed S [options]

Options:
  --seed S          seed: decimal or 0x-hex integer, 0 to 2^64 - 1 (required)
  --width W         grid width in tiles, 1 to ${MAX_GRID_SIDE} (default 80)
  --height H        grid height in tiles, 1 to ${MAX_GRID_SIDE} (default 25)
  --rooms R         rooms to place, 0 to ${MAX_CLI_ROOMS} (default 10)
  --encounters E    encounters to place, 0 to ${MAX_CLI_ENCOUNTERS} (default 12)
  --format F        ascii (default), svg or json
  --out FILE        write to FILE (relative to the current directory) instead of stdout
  -h, --help        show this help

The grid holds at most ${MAX_CLI_TILES} tiles from the command line.
ASCII legend: # wall, . floor, + door, C combat, L loot, A ambient, space rock.
Exit status: 0 on success (a warning on stderr if fewer rooms or encounters fit than asked),
2 on bad arguments or an impossible request (rooms that cannot fit the grid).
`;

const FORMATS = ["ascii", "svg", "json"] as const;

/** What the command produced: the text to write, where, and warnings for stderr. */
export interface DungeonCommandResult {
  /** The rendered dungeon, or the help text. */
  output: string;
  /** The absolute path to write `output` to; stdout when absent. */
  outFile?: string;
  /** Warning lines for stderr, each starting `dungeon: warning:` (a partial result). */
  warnings: string[];
}

/**
 * Runs the command on `args` (as in `Deno.args`): parses and checks every option, rejects a
 * request that cannot fit the grid before generating anything, generates and renders.
 *
 * @throws {UsageError} one line naming the bad argument or the impossible request.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dungeonCommand } from "./dungeon.ts";
 * assert.deepEqual(dungeonCommand(["--seed", "42", "--rooms", "6"]).warnings, []);
 * assert.throws(() => dungeonCommand(["--seed", "nope"]), /seed must be a decimal or 0x-hex/);
 * ```
 */
export function dungeonCommand(args: readonly string[]): DungeonCommandResult {
  const { values, positionals } = parseCli(args, {
    seed: { type: "string" },
    width: { type: "string" },
    height: { type: "string" },
    rooms: { type: "string" },
    encounters: { type: "string" },
    format: { type: "string" },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return { output: DUNGEON_HELP, warnings: [] };
  noPositionals(positionals);
  const seed = seedOption(values);
  const format = (values.format as string | undefined) ?? "ascii";
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, got "${format}"`);
  }
  const out = values.out as string | undefined;
  if (out === "") throw new UsageError("--out needs a file name");
  const width = integerOption(values, "width", { min: 1, max: MAX_GRID_SIDE }) ?? 80;
  const height = integerOption(values, "height", { min: 1, max: MAX_GRID_SIDE }) ?? 25;
  if (width * height > MAX_CLI_TILES) {
    throw new UsageError(
      `--width x --height must be at most ${MAX_CLI_TILES} tiles, got ${width * height}`,
    );
  }
  const rooms = integerOption(values, "rooms", { min: 0, max: MAX_CLI_ROOMS }) ?? 10;
  const encounters = integerOption(values, "encounters", { min: 0, max: MAX_CLI_ENCOUNTERS }) ??
    12;

  const options: DungeonOptions = { seed, width, height, rooms, encounters };
  const layout = { width, height, rooms };
  // Checked before generating: an impossible request costs nothing, whatever its size.
  const capacity = maxRoomsThatFit(layout);
  if (rooms > capacity) {
    const why = roomFitProblem(layout) ??
      `at most ${capacity} rooms fit a ${width}x${height} grid`;
    throw new UsageError(`impossible request: ${rooms} rooms asked, ${why}`);
  }
  const dungeon = generateDungeon(options);
  const { roomStats, encounterStats } = dungeon;
  const warnings: string[] = [];
  if (roomStats.shortfall) warnings.push(`dungeon: warning: ${roomStats.shortfall}`);
  if (encounterStats.shortfall) warnings.push(`dungeon: warning: ${encounterStats.shortfall}`);
  const title = `seed ${seed} · ${width}x${height} · ${roomStats.placed} rooms · ` +
    `${encounterStats.placed} encounters`;
  const output = format === "svg"
    ? renderSvg(dungeon, { title })
    : format === "json"
    ? dungeonToJson(dungeon)
    : renderAscii(dungeon);
  return { output, ...(out !== undefined ? { outFile: resolveUserPath(out) } : {}), warnings };
}

function main(): void {
  const result = dungeonCommand(Deno.args);
  for (const line of result.warnings) console.error(line);
  const bytes = new TextEncoder().encode(result.output);
  if (result.outFile !== undefined) writeUserFile(result.outFile, bytes);
  else writeStdout(bytes);
}

if (import.meta.main) await runCli("dungeon", main);
