/**
 * The settings file's format: TOML with `version = 1` and the sections `[graphics]`, `[audio]` and
 * `[controls]`, keys in the Rust crate's snake_case. Reading is forgiving where the Rust one was
 * not: a missing or invalid field takes its default and keeps every other field, with a warning
 * naming it (the Rust crate reset every setting when one field was missing).
 *
 * ```toml
 * version = 1
 *
 * [graphics]
 * resolution = [ 1920, 1080 ]
 * quality = "High"
 * fullscreen = false
 * vsync = true
 *
 * [audio]
 * master_volume = 100
 * music_volume = 80
 * ...
 *
 * [controls]
 * move_forward = "W"
 * ...
 * mouse_sensitivity = 1
 * invert_y = false
 * ```
 *
 * @module
 */

import { parse, stringify, TomlError } from "smol-toml";
import { UiError } from "./error.ts";
import {
  type Action,
  ACTIONS,
  checkKey,
  DEFAULT_SETTINGS,
  getSetting,
  setSetting,
  SETTING_FIELD_NAMES,
  type Settings,
} from "./settings.ts";

/** The version this crate writes and reads. */
export const SETTINGS_FILE_VERSION = 1;

/** A settings file's contents, with what was wrong in it. */
export interface DecodedSettings {
  /** The settings: the file's valid fields, defaults for the rest. */
  settings: Settings;
  /** One line per field that was missing or invalid, or about the version. */
  warnings: string[];
}

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The TOML key of a setting or action (`musicVolume` -> `music_volume`). */
export const tomlKey = (name: string): string => snake(name);

/**
 * The TOML text of `settings`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_SETTINGS } from "./settings.ts";
 * import { encodeSettingsToml } from "./settings_toml.ts";
 * const text = encodeSettingsToml(DEFAULT_SETTINGS);
 * assert.match(text, /^version = 1$/m);
 * assert.match(text, /^music_volume = 80$/m);
 * assert.match(text, /^move_forward = "W"$/m);
 * ```
 */
export function encodeSettingsToml(settings: Settings): string {
  const { graphics, audio, controls } = settings;
  const table = {
    version: SETTINGS_FILE_VERSION,
    graphics: {
      resolution: [...graphics.resolution],
      quality: graphics.quality,
      fullscreen: graphics.fullscreen,
      vsync: graphics.vsync,
    },
    audio: Object.fromEntries(Object.entries(audio).map(([k, v]) => [snake(k), v])),
    controls: {
      ...Object.fromEntries(ACTIONS.map((a) => [snake(a), controls.bindings[a]])),
      mouse_sensitivity: controls.mouseSensitivity,
      invert_y: controls.invertY,
    },
  };
  return stringify(table) + "\n";
}

const isTable = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

/**
 * Reads a settings file's text: valid fields are kept, missing or invalid ones take their default
 * with a warning each.
 *
 * @throws {UiError} `parse` when the text is not TOML (with the line and column), or not a table.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeSettingsToml } from "./settings_toml.ts";
 * const { settings, warnings } = decodeSettingsToml(
 *   'version = 1\n[audio]\nmusic_volume = 35\nsfx_volume = 400\n',
 * );
 * assert.equal(settings.audio.musicVolume, 35); // kept
 * assert.equal(settings.audio.sfxVolume, 90); // invalid: the default
 * assert.ok(warnings.some((w) => w.includes("audio.sfx_volume")));
 * assert.throws(() => decodeSettingsToml("[audio\n"), /not valid TOML/);
 * ```
 */
export function decodeSettingsToml(text: string): DecodedSettings {
  let root: unknown;
  try {
    root = parse(text);
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    const first = e.message.split("\n")[0];
    throw new UiError(
      "parse",
      `not valid TOML at line ${e.line}, column ${e.column}: ${first}`,
      undefined,
      { cause: e },
    );
  }
  if (!isTable(root)) throw new UiError("parse", "the settings file is not a TOML table");
  const warnings: string[] = [];
  const version = root.version;
  if (version === undefined) {
    warnings.push(`no version; read as version ${SETTINGS_FILE_VERSION}`);
  } else if (version !== SETTINGS_FILE_VERSION) {
    warnings.push(
      `version ${String(version)} is not ${SETTINGS_FILE_VERSION}; the known fields were read`,
    );
  }
  const section = (name: string): Record<string, unknown> => {
    const value = root[name];
    if (value === undefined) return {};
    if (isTable(value)) return value;
    warnings.push(`[${name}] is not a table; its settings take their defaults`);
    return {};
  };
  const sections: Record<string, Record<string, unknown>> = {
    graphics: section("graphics"),
    audio: section("audio"),
    controls: section("controls"),
  };
  let settings = DEFAULT_SETTINGS;
  for (const field of SETTING_FIELD_NAMES) {
    const [name, key] = field.split(".");
    const where = `${name}.${snake(key)}`;
    const raw = sections[name][snake(key)];
    if (raw === undefined) {
      warnings.push(`${where} is missing; default ${String(getSetting(settings, field))} used`);
      continue;
    }
    try {
      settings = setSetting(settings, field, typeof raw === "bigint" ? Number(raw) : raw);
    } catch (e) {
      if (!(e instanceof UiError)) throw e;
      warnings.push(`${where}: ${e.message.slice(field.length + 1)}; the default is used`);
    }
  }
  const bindings: Record<Action, string> = { ...DEFAULT_SETTINGS.controls.bindings };
  const owner = new Map<string, Action>();
  for (const action of ACTIONS) {
    const where = `controls.${snake(action)}`;
    const raw = sections.controls[snake(action)];
    if (raw === undefined) {
      warnings.push(`${where} is missing; default ${bindings[action]} used`);
      continue;
    }
    try {
      bindings[action] = checkKey(raw, action);
    } catch (e) {
      if (!(e instanceof UiError)) throw e;
      warnings.push(`${where}: ${e.message}; the default is used`);
    }
  }
  // A key bound twice (a hand-edited file): the later action gets its default back when that
  // key is free; when it is not, the bindings cannot be untangled and all take their defaults.
  for (const action of ACTIONS) {
    const key = bindings[action];
    const first = owner.get(key);
    if (first === undefined) {
      owner.set(key, action);
      continue;
    }
    const fallback = DEFAULT_SETTINGS.controls.bindings[action];
    if (owner.has(fallback) || ACTIONS.some((a) => a !== action && bindings[a] === fallback)) {
      warnings.push(
        `controls.${snake(action)}: ${key} is also bound to ${snake(first)}; ` +
          "every binding takes its default",
      );
      Object.assign(bindings, DEFAULT_SETTINGS.controls.bindings);
      break;
    }
    warnings.push(
      `controls.${snake(action)}: ${key} is also bound to ${
        snake(first)
      }; default ${fallback} used`,
    );
    bindings[action] = fallback;
    owner.set(fallback, action);
  }
  settings = { ...settings, controls: { ...settings.controls, bindings } };
  return { settings, warnings };
}
