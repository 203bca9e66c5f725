/**
 * {@link SettingsStore}: the settings file on disk, `$XDG_CONFIG_HOME/astraweave/settings.toml`
 * (`~/.config/astraweave/settings.toml` when the variable is unset). Writes are atomic (a temporary
 * file in the same directory, flushed, renamed over the old file, directory flushed). A file that
 * cannot be parsed is never overwritten: it is renamed to `settings.toml.bad-<UTC time>` and the
 * load reports a warning naming it.
 *
 * @module
 */

import { dirname, join } from "node:path";
import { UiError } from "./error.ts";
import { DEFAULT_SETTINGS, type Settings } from "./settings.ts";
import { decodeSettingsToml, encodeSettingsToml } from "./settings_toml.ts";

/** The settings file's name. */
export const SETTINGS_FILE = "settings.toml";

/** The environment variables {@link settingsPath} reads. */
export interface ConfigEnv {
  /** The XDG config directory. */
  XDG_CONFIG_HOME?: string;
  /** The home directory, for the `~/.config` fallback. */
  HOME?: string;
}

/**
 * The settings file's path: `$XDG_CONFIG_HOME/astraweave/settings.toml`, or
 * `$HOME/.config/astraweave/settings.toml` when XDG_CONFIG_HOME is unset, empty or relative (the
 * XDG specification says to ignore a relative one).
 *
 * @throws {UiError} `invalid_setting` when neither variable gives an absolute directory.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { settingsPath } from "./settings_store.ts";
 * assert.equal(settingsPath({ XDG_CONFIG_HOME: "/cfg", HOME: "/home/ann" }), "/cfg/astraweave/settings.toml");
 * assert.equal(settingsPath({ HOME: "/home/ann" }), "/home/ann/.config/astraweave/settings.toml");
 * ```
 */
export function settingsPath(env: ConfigEnv): string {
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && xdg.startsWith("/")) return join(xdg, "astraweave", SETTINGS_FILE);
  if (env.HOME && env.HOME.startsWith("/")) {
    return join(env.HOME, ".config", "astraweave", SETTINGS_FILE);
  }
  throw new UiError("invalid_setting", "neither XDG_CONFIG_HOME nor HOME is an absolute directory");
}

/** The settings file's path for this process's environment (needs `--allow-env`). */
export function defaultSettingsPath(): string {
  return settingsPath({
    XDG_CONFIG_HOME: Deno.env.get("XDG_CONFIG_HOME"),
    HOME: Deno.env.get("HOME"),
  });
}

/** What {@link SettingsStore.load} found. */
export interface LoadedSettings {
  /** The settings to use. */
  settings: Settings;
  /** `"file"` read (perhaps with warnings), `"missing"` no file yet, `"damaged"` set aside. */
  source: "file" | "missing" | "damaged";
  /** Problems found, one line each. */
  warnings: string[];
  /** Where a damaged file was moved to. */
  preservedAs?: string;
}

/** Options of a {@link SettingsStore}. */
export interface SettingsStoreOptions {
  /** The clock that names `.bad-<time>` files (tests inject one). */
  now?: () => Date;
}

/** `2026-12-01T22-05-09Z`: a UTC time that is a valid file name everywhere. */
function fileStamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
}

/**
 * The settings file at `path`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { setSetting } from "./settings.ts";
 * import { SettingsStore } from "./settings_store.ts";
 * const dir = await Deno.makeTempDir();
 * const store = new SettingsStore(`${dir}/astraweave/settings.toml`);
 * const first = await store.load();
 * assert.equal(first.source, "missing");
 * await store.save(setSetting(first.settings, "audio.musicVolume", 55));
 * assert.equal((await store.load()).settings.audio.musicVolume, 55);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class SettingsStore {
  /** The settings file. */
  readonly path: string;
  readonly #now: () => Date;

  /** The store of the file at `path` (created with its directory on the first save). */
  constructor(path: string, options: SettingsStoreOptions = {}) {
    this.path = path;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Reads the settings. No file: the defaults. A file that is not TOML: renamed to
   * `settings.toml.bad-<time>` and the defaults, with a warning. Otherwise the file's valid
   * fields and defaults for the rest, with a warning for each field that was missing or invalid.
   */
  async load(): Promise<LoadedSettings> {
    let text: string;
    try {
      text = await Deno.readTextFile(this.path);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) {
        return { settings: DEFAULT_SETTINGS, source: "missing", warnings: [] };
      }
      throw e;
    }
    try {
      const { settings, warnings } = decodeSettingsToml(text);
      return { settings, source: "file", warnings: warnings.map((w) => `${this.path}: ${w}`) };
    } catch (e) {
      if (!(e instanceof UiError) || e.kind !== "parse") throw e;
      const preservedAs = await this.#setAside();
      return {
        settings: DEFAULT_SETTINGS,
        source: "damaged",
        warnings: [`${this.path}: ${e.message}; kept as ${preservedAs}, defaults used`],
        preservedAs,
      };
    }
  }

  /** Writes `settings` atomically and durably, creating the directory if needed. */
  async save(settings: Settings): Promise<void> {
    const dir = dirname(this.path);
    await Deno.mkdir(dir, { recursive: true });
    const bytes = new TextEncoder().encode(encodeSettingsToml(settings));
    const suffix = crypto.getRandomValues(new Uint32Array(1))[0].toString(16);
    const temp = `${this.path}.${suffix}.tmp`;
    const file = await Deno.open(temp, { write: true, createNew: true });
    try {
      try {
        for (let n = 0; n < bytes.length;) n += await file.write(bytes.subarray(n));
        await file.syncData();
      } finally {
        file.close();
      }
      await Deno.rename(temp, this.path);
    } catch (e) {
      await Deno.remove(temp).catch(() => {});
      throw e;
    }
    const handle = await Deno.open(dir, { read: true });
    try {
      await handle.sync();
    } finally {
      handle.close();
    }
  }

  /** Renames the damaged file to a `.bad-<time>` name no other file has; returns that name. */
  async #setAside(): Promise<string> {
    const base = `${this.path}.bad-${fileStamp(this.#now())}`;
    for (let n = 0;; n++) {
      const target = n === 0 ? base : `${base}-${n}`;
      try {
        await Deno.lstat(target);
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
        await Deno.rename(this.path, target);
        return target;
      }
    }
  }
}
