/**
 * `deno task save`: look into, check, list, write and migrate `.awsv` save files (the Rust aw-save
 * format) from the command line. A thin layer over `@astraweave/save`.
 *
 * ```sh
 * deno task save inspect fixtures/aw-save-rust/slot05_*.awsv
 * deno task save verify saves/ann/*.awsv
 * deno task save list saves ann
 * deno task save write --json bundle.json --root saves --player ann --slot 2
 * deno task save migrate saves/ann/slot00_....awsv --resave
 * ```
 *
 * Exit status: 0 on success, 1 when `verify` finds a damaged file, 2 on bad input (one line on
 * stderr). Relative paths are resolved from the directory the command was run from.
 *
 * @module
 */

import process from "node:process";
import { styleText } from "node:util";
import {
  integerOption,
  parseCli,
  parseJsonText,
  readUserText,
  resolveUserPath,
  runCli,
  runCommand,
  UsageError,
} from "./cli.ts";
import {
  bundleFromJson,
  bundleToJson,
  formatRfc3339,
  type Json,
  type SaveCompression,
  SaveError,
  SaveManager,
  type SaveMeta,
} from "@astraweave/save";

const COMPRESSION_HELP =
  `  --compression   how the payload is packed: lz4 (the default) or none, a stored LZ4 block of
                  the payload as it is: about twice the size, written and read at the speed of
                  a copy; every reader of the format, the Rust aw-save included, reads both`;

const HELP: Record<string, string> = {
  main: `Usage: deno task save <command> [options]

Inspect, verify, list, write and migrate .awsv save files (the Rust aw-save format).

Commands:
  inspect FILE               print the header and the decoded bundle as JSON
  verify FILE...             check header, CRC and decoding of each file, one line per file
  list ROOT PLAYER           list a player's saves, newest first in each slot
  write --json BUNDLE.json --root ROOT --player P --slot N [--compression lz4|none]
                             write a save from JSON (the shape inspect prints); print its path
  migrate FILE [--resave [--compression lz4|none]]
                             read a version-1 (or 2) file as version 2; --resave rewrites it

Run "deno task save <command> --help" for a command's details.
Exit status: 0 success, 1 verify found a damaged file, 2 bad input.`,
  inspect: `Usage: deno task save inspect FILE

Prints {file, header, payload_size, bundle} as JSON. In the bundle: the Rust field names, save_id
as a UUID, created_at as RFC 3339 with nanoseconds, ecs_blob as base64, maps as objects, and
64-bit integers as numbers up to 2^53 - 1 and as decimal strings above. A version-1 file is shown
migrated to version 2 (with a new save id, "migrated_from": 1).`,
  verify: `Usage: deno task save verify FILE...

Checks each file's header, CRC32, LZ4 payload and bundle, and prints one line per file:
"ok FILE (...)" or "FAIL FILE: what is wrong [kind]"; a file that loads but has something aw-save
never writes (a non-zero reserved header byte, which no CRC covers) gets a "warning:" line after
its "ok". Exit status 0 only if every file passes, 1 otherwise.`,
  list: `Usage: deno task save list ROOT PLAYER [--json]

Lists the saves of PLAYER under ROOT (in ROOT/<escaped player>/), newest first within each
slot, from index.json. An index that is missing, damaged or out of date is rebuilt from the save
files and written back.

Options:
  --json    print the list as JSON instead of a table`,
  write: `Usage: deno task save write --json BUNDLE.json --root ROOT --player P --slot N
         [--compression lz4|none]

Writes a new save of player P in slot N under ROOT (durably and atomically) from a JSON bundle in
the shape inspect prints (either inspect's whole output or its "bundle"), and prints its path.
--player and --slot set player_id and slot. Missing fields default: save_id new, created_at now,
schema 2, empty lists and maps, zero numbers. "-" reads the JSON from stdin. A save_id that is
already one of the player's saves is refused (a save id names one save).

Options:
  --json FILE     the JSON bundle ("-" for stdin)
  --root DIR      the save root directory
  --player ID     the player id
  --slot N        the slot, 0 to 255
${COMPRESSION_HELP}`,
  migrate: `Usage: deno task save migrate FILE [--resave [--compression lz4|none]]

Reads FILE (version 1 or 2) as a version-2 bundle and says what migration does. A version-1
bundle's single companion becomes the companion list and it gets a new save id. With --resave,
the file is rewritten in place as version 2 (durably and atomically), and its entry in the
directory's index.json is updated.

Options:
  --resave        rewrite the file
${COMPRESSION_HELP}`,
};

const out = (text: string) => console.log(text);
const paint = (format: Parameters<typeof styleText>[0], text: string) =>
  styleText(format, text, { stream: process.stdout });

/** The `--help` flag every command takes. */
const help = { help: { type: "boolean", short: "h" } } as const;

/** The `--compression` option: `lz4` when absent. */
const compressionFlag = { compression: { type: "string" } } as const;

function compressionOf(values: { compression?: string | boolean }): SaveCompression {
  const value = values.compression ?? "lz4";
  if (value !== "lz4" && value !== "none") {
    throw new UsageError(`--compression must be lz4 or none, got ${JSON.stringify(value)}`);
  }
  return value;
}

function expectCount(positionals: string[], n: number, usage: string): void {
  if (positionals.length !== n) {
    throw new UsageError(`expected ${usage}, got ${positionals.length} argument(s) (see --help)`);
  }
}

async function inspect(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(args, help);
  if (values.help) return (out(HELP.inspect), 0);
  expectCount(positionals, 1, "one FILE");
  const [file] = positionals;
  // Only a regular file under the largest save size is read: `inspect /dev/zero` ends at once.
  const loaded = await new SaveManager(".").loadFile(resolveUserPath(file));
  const { header } = loaded;
  const report: { [key: string]: Json } = {
    file,
    header: {
      magic: "ASVS",
      version: header.version,
      codec: header.codec,
      reserved: header.reserved,
      data_len: header.dataLength,
      crc32: `0x${header.crc32.toString(16).padStart(8, "0")}`,
    },
    payload_size: loaded.payloadSize,
    compression: loaded.compression,
  };
  if (loaded.legacy) report.migrated_from = header.version;
  report.bundle = bundleToJson(loaded.bundle);
  out(JSON.stringify(report, null, 2));
  return 0;
}

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(args, help);
  if (values.help) return (out(HELP.verify), 0);
  if (positionals.length === 0) throw new UsageError("expected at least one FILE (see --help)");
  const saves = new SaveManager(".");
  let failed = 0;
  for (const file of positionals) {
    try {
      const { header, bundle, payloadSize, compression, warnings } = await saves.loadFile(
        resolveUserPath(file),
      );
      out(
        `${
          paint("green", "ok")
        }   ${file} (version ${header.version}, slot ${bundle.slot}, player ${
          JSON.stringify(bundle.playerId)
        }, tick ${bundle.world.tick}, ${header.dataLength + 16} bytes, ${payloadSize} uncompressed${
          compression === "none" ? ", stored" : ""
        })`,
      );
      for (const warning of warnings) out(`${paint("yellow", "warning:")} ${file}: ${warning}`);
    } catch (e) {
      if (!(e instanceof SaveError)) throw e;
      failed++;
      out(`${paint("red", "FAIL")} ${e.message} [${e.kind}]`);
    }
  }
  return failed === 0 ? 0 : 1;
}

/** Slot by slot; newest first within a slot. */
function newestFirstPerSlot(list: SaveMeta[]): SaveMeta[] {
  const bySlot = new Map<number, SaveMeta[]>();
  for (const m of list) bySlot.set(m.slot, [...(bySlot.get(m.slot) ?? []), m]);
  return [...bySlot.keys()].sort((a, b) => a - b).flatMap((slot) => bySlot.get(slot)!.reverse());
}

async function list(args: string[]): Promise<number> {
  const { positionals, values } = parseCli(args, { ...help, json: { type: "boolean" } });
  if (values.help) return (out(HELP.list), 0);
  expectCount(positionals, 2, "ROOT PLAYER");
  const [rootArg, player] = positionals;
  const root = resolveUserPath(rootArg);
  try {
    if (!(await Deno.stat(root)).isDirectory) throw new UsageError(`${rootArg}: not a directory`);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new UsageError(`${rootArg}: no such directory`);
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${rootArg}: ${(e as Error).message}`);
  }
  const saves = newestFirstPerSlot(await new SaveManager(root).listSaves(player));
  if (values.json) {
    out(JSON.stringify(
      saves.map((m) => ({
        slot: m.slot,
        created_at: formatRfc3339(m.createdAt),
        save_id: m.saveId,
        schema: m.schema,
        player_id: m.playerId,
        file: m.file,
      })),
      null,
      2,
    ));
    return 0;
  }
  if (saves.length === 0) {
    out(`no saves of ${JSON.stringify(player)} under ${rootArg}`);
    return 0;
  }
  out(paint("bold", `slot  ${"created_at".padEnd(30)}  ${"save_id".padEnd(36)}  file`));
  for (const m of saves) {
    out(
      `${String(m.slot).padStart(4)}  ${
        formatRfc3339(m.createdAt).padEnd(30)
      }  ${m.saveId}  ${m.file}`,
    );
  }
  return 0;
}

async function write(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(args, {
    ...help,
    json: { type: "string" },
    root: { type: "string" },
    player: { type: "string" },
    slot: { type: "string" },
    ...compressionFlag,
  });
  if (values.help) return (out(HELP.write), 0);
  expectCount(positionals, 0, "no positional arguments");
  for (const flag of ["json", "root", "player", "slot"] as const) {
    if (typeof values[flag] !== "string") {
      throw new UsageError(`--${flag} is required (see --help)`);
    }
  }
  const { json: source, root, player } = values as Record<string, string>;
  const slot = integerOption(values, "slot", { min: 0, max: 255 })!;
  const compression = compressionOf(values);
  const text = source === "-"
    ? await new Response(Deno.stdin.readable).text()
    : readUserText(source);
  let parsed = parseJsonText(text, source);
  // inspect's whole output carries the bundle under "bundle".
  if (parsed && typeof parsed === "object" && "bundle" in parsed) parsed = parsed.bundle;
  if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
    parsed = { ...parsed, player_id: player, slot };
  }
  const bundle = bundleFromJson(parsed, source);
  const saves = new SaveManager(resolveUserPath(root), { compression });
  // A save id names one save: a second save with it in the same second would take the first
  // one's file name and replace it (inspect's output, written twice, did).
  const same = (await saves.listSaves(player)).find((m) => m.saveId === bundle.saveId);
  if (same) {
    throw new UsageError(
      `save_id ${bundle.saveId} is already the save ${same.file} of this player; ` +
        "leave save_id out of the JSON for a new one",
    );
  }
  out(await saves.save(player, slot, bundle));
  // save() resolves once the file is durable; the index follows. Exit with both on disk.
  await saves.indexSettled(player);
  return 0;
}

async function migrate(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(args, {
    ...help,
    resave: { type: "boolean" },
    ...compressionFlag,
  });
  if (values.help) return (out(HELP.migrate), 0);
  expectCount(positionals, 1, "one FILE");
  if (values.compression !== undefined && values.resave !== true) {
    throw new UsageError("--compression applies to the rewritten file: give --resave too");
  }
  const [file] = positionals;
  const saves = new SaveManager(".", { compression: compressionOf(values) });
  const result = await saves.migrateFile(resolveUserPath(file), {
    resave: values.resave === true,
  });
  const what = result.fromVersion === 2
    ? "already version 2"
    : `version ${result.fromVersion} migrates to version 2 (new save id ${result.bundle.saveId})`;
  const done = result.resaved ? "rewritten as version 2" : "not rewritten (--resave rewrites it)";
  out(`${file}: ${what}; ${done}`);
  return 0;
}

/** Runs the tool with `args`; resolves to the exit status. */
export async function main(args: string[]): Promise<number> {
  return await runCommand(args, { inspect, verify, list, write, migrate }, HELP.main);
}

if (import.meta.main) {
  // Bad arguments and bad files (SaveErrors name the file and the byte) are one line and exit 2.
  await runCli("save", () => main(Deno.args), [SaveError]);
}
