/**
 * `deno task ui [--port N] [--config FILE] [--saves DIR] [--player ID]`: serves the game's menus,
 * settings screens and an in-game HUD demo as a web page on 127.0.0.1. Settings are read from and
 * saved to the TOML settings file (the XDG config directory's unless `--config`), saves go to save
 * slots under the XDG data directory (unless `--saves`). The server is `scripts/ui/server.ts`; the
 * page is `scripts/ui/`.
 *
 * @module
 */

import { join } from "node:path";
import { SaveManager } from "@astraweave/save";
import { defaultSettingsPath, SaveSlots, SettingsStore } from "@astraweave/ui";
import {
  fileErrorReason,
  integerOption,
  noPositionals,
  parseCli,
  resolveUserPath,
  runCli,
  UsageError,
} from "./cli.ts";
import { startUiServer } from "./ui/server.ts";

/** The port the page is served on unless `--port` says otherwise. */
export const DEFAULT_PORT = 8765;

const HELP = `Usage: deno task ui [--port N] [--config FILE] [--saves DIR] [--player ID]

Serves the game's menus, settings screens and an in-game HUD demo as a web page on
127.0.0.1 and prints its address. The page makes no request to any other host.

Options:
  --port N        the port, 0 to 65535 (default ${DEFAULT_PORT}; 0 picks a free one)
  --config FILE   the settings file (default $XDG_CONFIG_HOME/astraweave/settings.toml,
                  or ~/.config/astraweave/settings.toml)
  --saves DIR     the save root (default $XDG_DATA_HOME/astraweave/saves, or
                  ~/.local/share/astraweave/saves)
  --player ID     whose save slots the page shows (default "player")
  -h, --help      show this help

Stop it with Ctrl-C.`;

function defaultSavesDir(): string {
  const xdg = Deno.env.get("XDG_DATA_HOME");
  if (xdg && xdg.startsWith("/")) return join(xdg, "astraweave", "saves");
  const home = Deno.env.get("HOME");
  if (!home) throw new UsageError("HOME is not set: give --saves DIR");
  return join(home, ".local", "share", "astraweave", "saves");
}

/**
 * Refuses a settings file that is a directory, or a save root that is a file, before serving:
 * the page would otherwise fail on its first request. A path that does not exist yet is fine
 * (the settings file and the save root are created on first save).
 */
function checkPath(path: string, kind: "file" | "directory", option: string): void {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw new UsageError(`${option} ${path}: ${fileErrorReason(error)}`);
  }
  if (kind === "file" && !info.isFile) {
    throw new UsageError(`${option} ${path}: not a regular file`);
  }
  if (kind === "directory" && !info.isDirectory) {
    throw new UsageError(`${option} ${path}: not a directory`);
  }
}

async function main(): Promise<number | void> {
  const { values, positionals } = parseCli(Deno.args, {
    port: { type: "string" },
    config: { type: "string" },
    saves: { type: "string" },
    player: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  noPositionals(positionals);
  const port = integerOption(values, "port", { min: 0, max: 65535 }) ?? DEFAULT_PORT;
  const config = typeof values.config === "string"
    ? resolveUserPath(values.config)
    : defaultSettingsPath();
  const saves = typeof values.saves === "string"
    ? resolveUserPath(values.saves)
    : defaultSavesDir();
  checkPath(config, "file", "settings file");
  checkPath(saves, "directory", "save root");
  const player = typeof values.player === "string" ? values.player : "player";
  if (player === "") throw new UsageError("--player must not be empty");
  let server;
  try {
    server = await startUiServer({
      port,
      store: new SettingsStore(config),
      slots: new SaveSlots(new SaveManager(saves), player),
      onWarning: (message) => console.error(`ui: warning: ${message}`),
    });
  } catch (e) {
    if (e instanceof Deno.errors.AddrInUse) {
      throw new UsageError(`port ${port} is in use (try --port 0)`);
    }
    throw e;
  }
  console.log(`ui: serving ${server.url} (settings: ${config}; saves: ${saves})`);
  await new Promise(() => {}); // until Ctrl-C
}

if (import.meta.main) await runCli("ui", main);
