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
import { integerOption, parseCli, resolveUserPath, runCli, UsageError } from "./cli.ts";
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
  --help          show this help

Stop it with Ctrl-C.`;

function defaultSavesDir(): string {
  const xdg = Deno.env.get("XDG_DATA_HOME");
  if (xdg && xdg.startsWith("/")) return join(xdg, "astraweave", "saves");
  const home = Deno.env.get("HOME");
  if (!home) throw new UsageError("HOME is not set: give --saves DIR");
  return join(home, ".local", "share", "astraweave", "saves");
}

async function main(): Promise<number | void> {
  const { values, positionals } = parseCli(Deno.args, {
    port: { type: "string" },
    config: { type: "string" },
    saves: { type: "string" },
    player: { type: "string" },
    help: { type: "boolean" },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = integerOption(values, "port", { min: 0, max: 65535 }) ?? DEFAULT_PORT;
  const config = typeof values.config === "string"
    ? resolveUserPath(values.config)
    : defaultSettingsPath();
  const saves = typeof values.saves === "string"
    ? resolveUserPath(values.saves)
    : defaultSavesDir();
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
