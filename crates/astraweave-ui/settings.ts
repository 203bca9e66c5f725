/**
 * The player's settings, with the Rust crate's defaults and ranges: graphics (resolution, quality,
 * fullscreen, vsync), audio (four volumes 0 to 100 and four mutes) and controls (ten key bindings,
 * mouse sensitivity 0.1 to 5.0, invert Y). Settings are plain immutable data: {@link setSetting}
 * returns a new object, or throws a {@link UiError} that names the field, its range and the value.
 *
 * @module
 */

import { UiError } from "./error.ts";

/** The resolutions offered, width by height. */
export const RESOLUTIONS: readonly (readonly [number, number])[] = [
  [1280, 720],
  [1920, 1080],
  [2560, 1440],
  [3840, 2160],
];

/** Graphics quality presets, lowest first. */
export const QUALITIES = ["Low", "Medium", "High", "Ultra"] as const;
/** A graphics quality preset. */
export type Quality = typeof QUALITIES[number];

/** The actions a key can be bound to, in the order the controls screen lists them. */
export const ACTIONS = [
  "moveForward",
  "moveBackward",
  "moveLeft",
  "moveRight",
  "jump",
  "crouch",
  "sprint",
  "attack",
  "interact",
  "inventory",
] as const;
/** An action a key can be bound to. */
export type Action = typeof ACTIONS[number];

/** Key bindings: the key name of each action (`"W"`, `"Space"`, `"LShift"`, `"Mouse0"`). */
export type Bindings = Readonly<Record<Action, string>>;

/** Graphics settings. */
export interface GraphicsSettings {
  /** Width and height in pixels, one of {@link RESOLUTIONS}. */
  readonly resolution: readonly [number, number];
  /** Quality preset. */
  readonly quality: Quality;
  /** Fullscreen or windowed. */
  readonly fullscreen: boolean;
  /** Wait for the display's refresh. */
  readonly vsync: boolean;
}

/** Audio settings: volumes in percent (0 to 100) and a mute for each bus. */
export interface AudioSettings {
  /** Master volume, 0 to 100. */
  readonly masterVolume: number;
  /** Music volume, 0 to 100. */
  readonly musicVolume: number;
  /** Sound-effects volume, 0 to 100. */
  readonly sfxVolume: number;
  /** Voice volume, 0 to 100. */
  readonly voiceVolume: number;
  /** Master mute. */
  readonly masterMute: boolean;
  /** Music mute. */
  readonly musicMute: boolean;
  /** Sound-effects mute. */
  readonly sfxMute: boolean;
  /** Voice mute. */
  readonly voiceMute: boolean;
}

/** Control settings. */
export interface ControlsSettings {
  /** The key of each action; no key is bound to two actions. */
  readonly bindings: Bindings;
  /** Mouse sensitivity, 0.1 to 5.0. */
  readonly mouseSensitivity: number;
  /** Invert the vertical mouse axis. */
  readonly invertY: boolean;
}

/** All the player's settings. */
export interface Settings {
  /** Graphics settings. */
  readonly graphics: GraphicsSettings;
  /** Audio settings. */
  readonly audio: AudioSettings;
  /** Control settings. */
  readonly controls: ControlsSettings;
}

/** The default key bindings (the Rust crate's). */
export const DEFAULT_BINDINGS: Bindings = Object.freeze({
  moveForward: "W",
  moveBackward: "S",
  moveLeft: "A",
  moveRight: "D",
  jump: "Space",
  crouch: "LControl",
  sprint: "LShift",
  attack: "Mouse0",
  interact: "E",
  inventory: "Tab",
});

/** The default settings (the Rust crate's). */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  graphics: Object.freeze({
    resolution: Object.freeze([1920, 1080] as const),
    quality: "High" as Quality,
    fullscreen: false,
    vsync: true,
  }),
  audio: Object.freeze({
    masterVolume: 100,
    musicVolume: 80,
    sfxVolume: 90,
    voiceVolume: 100,
    masterMute: false,
    musicMute: false,
    sfxMute: false,
    voiceMute: false,
  }),
  controls: Object.freeze({
    bindings: DEFAULT_BINDINGS,
    mouseSensitivity: 1.0,
    invertY: false,
  }),
});

/** What a setting accepts. */
export type FieldSpec =
  | { readonly kind: "number"; readonly min: number; readonly max: number }
  | { readonly kind: "boolean" }
  | { readonly kind: "choice"; readonly choices: readonly string[] }
  | { readonly kind: "resolution" };

const volume = { kind: "number", min: 0, max: 100 } as const;
const flag = { kind: "boolean" } as const;

/** Every setting except the key bindings, by its path (`"section.name"`), with what it accepts. */
export const SETTING_FIELDS = {
  "graphics.resolution": { kind: "resolution" },
  "graphics.quality": { kind: "choice", choices: QUALITIES },
  "graphics.fullscreen": flag,
  "graphics.vsync": flag,
  "audio.masterVolume": volume,
  "audio.musicVolume": volume,
  "audio.sfxVolume": volume,
  "audio.voiceVolume": volume,
  "audio.masterMute": flag,
  "audio.musicMute": flag,
  "audio.sfxMute": flag,
  "audio.voiceMute": flag,
  "controls.mouseSensitivity": { kind: "number", min: 0.1, max: 5.0 },
  "controls.invertY": flag,
} as const satisfies Record<string, FieldSpec>;

/** The path of a setting: `"audio.musicVolume"`. Bindings are changed with `rebind`. */
export type SettingField = keyof typeof SETTING_FIELDS;

/** The path of every setting in {@link SETTING_FIELDS}. */
export const SETTING_FIELD_NAMES = Object.keys(SETTING_FIELDS) as SettingField[];

/**
 * A value for an error message. Objects are not converted (String() throws a TypeError for one
 * whose `toString` is not a function, or that has no prototype, as TOML tables have) and arrays
 * show one level (join recursed down nested ones until the stack ran out).
 */
const describe = (value: unknown, nested = false): string =>
  typeof value === "string"
    ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)
    : Array.isArray(value)
    ? nested ? "[...]" : `[${value.map((item) => describe(item, true)).join(", ")}]`
    : typeof value === "object" && value !== null
    ? "an object"
    : String(value);

/**
 * The value `value` as setting `field` holds it: numbers in range, booleans, one of the choices, a
 * listed resolution (as `[w, h]` or `"WxH"`).
 *
 * @throws {UiError} `invalid_setting` naming the field, what it accepts and the value given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkSetting } from "./settings.ts";
 * assert.deepEqual(checkSetting("graphics.resolution", "2560x1440"), [2560, 1440]);
 * assert.throws(() => checkSetting("audio.musicVolume", 140), /from 0 to 100, got 140/);
 * ```
 */
export function checkSetting(field: SettingField, value: unknown): unknown {
  const spec: FieldSpec = SETTING_FIELDS[field];
  if (spec === undefined) throw new UiError("invalid_setting", `no setting named ${field}`, field);
  switch (spec.kind) {
    case "number":
      if (typeof value !== "number" || !(value >= spec.min && value <= spec.max)) {
        invalid(field, `a number from ${spec.min} to ${spec.max}`, value);
      }
      return value;
    case "boolean":
      if (typeof value !== "boolean") invalid(field, "true or false", value);
      return value;
    case "choice":
      if (typeof value !== "string" || !spec.choices.includes(value)) {
        invalid(field, `one of ${spec.choices.join(", ")}`, value);
      }
      return value;
    case "resolution": {
      let pair: unknown = value;
      if (typeof value === "string") {
        const match = /^(\d+)x(\d+)$/.exec(value);
        pair = match ? [Number(match[1]), Number(match[2])] : undefined;
      }
      const found = Array.isArray(pair) && pair.length === 2 &&
        RESOLUTIONS.find(([w, h]) => w === pair[0] && h === pair[1]);
      if (!found) {
        invalid(
          field,
          `one of ${RESOLUTIONS.map(([w, h]) => `${w}x${h}`).join(", ")}`,
          value,
        );
      }
      return found;
    }
  }
}

function invalid(field: string, accepts: string, value: unknown): never {
  throw new UiError(
    "invalid_setting",
    `${field} must be ${accepts}, got ${describe(value)}`,
    field,
  );
}

/** Each field's section and name, split once. */
const FIELD_PARTS = new Map(
  SETTING_FIELD_NAMES.map((field) => [field, field.split(".") as [keyof Settings, string]]),
);

/**
 * The value of setting `field` in `settings`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_SETTINGS, getSetting } from "./settings.ts";
 * assert.equal(getSetting(DEFAULT_SETTINGS, "audio.musicVolume"), 80);
 * ```
 */
export function getSetting(settings: Settings, field: SettingField): unknown {
  const [section, name] = FIELD_PARTS.get(field)!;
  return (settings[section] as unknown as Record<string, unknown>)[name];
}

/**
 * A copy of `settings` with setting `field` set to `value` (checked by {@link checkSetting}).
 *
 * @throws {UiError} `invalid_setting` when the value is out of range or of the wrong type.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_SETTINGS, setSetting } from "./settings.ts";
 * const quieter = setSetting(DEFAULT_SETTINGS, "audio.musicVolume", 35);
 * assert.equal(quieter.audio.musicVolume, 35);
 * assert.equal(DEFAULT_SETTINGS.audio.musicVolume, 80);
 * assert.throws(() => setSetting(DEFAULT_SETTINGS, "controls.mouseSensitivity", 9), /0.1 to 5/);
 * ```
 */
export function setSetting(settings: Settings, field: SettingField, value: unknown): Settings {
  const checked = checkSetting(field, value);
  const [section, name] = FIELD_PARTS.get(field)!;
  // A copy of the one section, and an outer object of a fixed shape: computed keys in a spread
  // would make every result a differently shaped object, several times slower to build and read.
  const part = { ...settings[section] } as Record<string, unknown>;
  part[name] = checked;
  return {
    graphics: section === "graphics" ? part as unknown as GraphicsSettings : settings.graphics,
    audio: section === "audio" ? part as unknown as AudioSettings : settings.audio,
    controls: section === "controls" ? part as unknown as ControlsSettings : settings.controls,
  };
}

/**
 * A copy of `settings` with `bindings` as the key bindings (checked by {@link checkBindings}).
 *
 * @throws {UiError} `invalid_binding` naming the key and the actions.
 */
export function withBindings(settings: Settings, bindings: Bindings): Settings {
  checkBindings(bindings);
  return { ...settings, controls: { ...settings.controls, bindings: { ...bindings } } };
}

/** Keys that can never be bound: Escape opens and closes the pause menu. */
export const RESERVED_KEYS: readonly string[] = ["Escape"];

const KEY_NAME = /^[A-Za-z0-9]{1,24}$/;

/**
 * Checks that `key` can be bound: a key name of letters and digits, not reserved.
 *
 * @throws {UiError} `invalid_binding`.
 */
export function checkKey(key: unknown, action?: Action): string {
  if (typeof key !== "string" || !KEY_NAME.test(key)) {
    throw new UiError(
      "invalid_binding",
      `${describe(key)} is not a key name`,
      bindingField(action),
    );
  }
  if (RESERVED_KEYS.includes(key)) {
    throw new UiError(
      "invalid_binding",
      `${key} is reserved for the pause menu`,
      bindingField(action),
    );
  }
  return key;
}

const bindingField = (action?: Action) => action && `controls.bindings.${action}`;

/**
 * Checks a full set of bindings: every action has a valid key, and no key is bound twice.
 *
 * @throws {UiError} `invalid_binding` naming the key and the two actions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkBindings, DEFAULT_BINDINGS } from "./settings.ts";
 * checkBindings(DEFAULT_BINDINGS);
 * assert.throws(() => checkBindings({ ...DEFAULT_BINDINGS, jump: "W" }), /W is bound to both/);
 * ```
 */
export function checkBindings(bindings: Bindings): void {
  // Ten actions: comparing each key with the ones before it is cheaper than building a map.
  for (let i = 0; i < ACTIONS.length; i++) {
    const action = ACTIONS[i];
    const key = checkKey(bindings[action], action);
    for (let j = 0; j < i; j++) {
      if (bindings[ACTIONS[j]] === key) {
        throw new UiError(
          "invalid_binding",
          `${key} is bound to both ${ACTIONS[j]} and ${action}`,
          bindingField(action),
        );
      }
    }
  }
}

/**
 * Checks a whole settings object from outside (a JSON request body, say), strictly: every field
 * present and valid.
 *
 * @throws {UiError} for the first field missing or wrong.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_SETTINGS, parseSettings } from "./settings.ts";
 * const copy = parseSettings(JSON.parse(JSON.stringify(DEFAULT_SETTINGS)));
 * assert.deepEqual(copy, DEFAULT_SETTINGS);
 * const loud = { ...DEFAULT_SETTINGS, audio: { ...DEFAULT_SETTINGS.audio, sfxVolume: 101 } };
 * assert.throws(() => parseSettings(loud), /audio.sfxVolume/);
 * ```
 */
export function parseSettings(value: unknown): Settings {
  let settings: Settings = DEFAULT_SETTINGS;
  const sections = value as Record<string, Record<string, unknown> | undefined> | null;
  for (const field of SETTING_FIELD_NAMES) {
    const [section, name] = field.split(".");
    const raw = sections?.[section]?.[name];
    if (raw === undefined) throw new UiError("invalid_setting", `${field} is missing`, field);
    settings = setSetting(settings, field, raw);
  }
  const bindings = (sections?.controls?.bindings ?? undefined) as Bindings | undefined;
  if (bindings === undefined || typeof bindings !== "object") {
    throw new UiError("invalid_binding", "controls.bindings is missing", "controls.bindings");
  }
  const picked = Object.fromEntries(ACTIONS.map((a) => [a, bindings[a]])) as Bindings;
  return withBindings(settings, picked);
}

/**
 * Whether two settings objects hold the same values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_SETTINGS, sameSettings, setSetting } from "./settings.ts";
 * assert.ok(sameSettings(DEFAULT_SETTINGS, structuredClone(DEFAULT_SETTINGS)));
 * assert.ok(!sameSettings(DEFAULT_SETTINGS, setSetting(DEFAULT_SETTINGS, "graphics.vsync", false)));
 * ```
 */
export function sameSettings(a: Settings, b: Settings): boolean {
  for (const field of SETTING_FIELD_NAMES) {
    const x = getSetting(a, field), y = getSetting(b, field);
    if (Array.isArray(x) ? String(x) !== String(y) : x !== y) return false;
  }
  return ACTIONS.every((action) => a.controls.bindings[action] === b.controls.bindings[action]);
}

/** An audio bus under the master volume. */
export type AudioBus = "music" | "sfx" | "voice";

/**
 * The gain a bus plays at, 0 to 1: its volume times the master volume, 0 when either is muted.
 * (The Rust crate stored the volumes and mutes but never applied them.)
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_SETTINGS, effectiveVolume, setSetting } from "./settings.ts";
 * assert.equal(effectiveVolume(DEFAULT_SETTINGS.audio, "music"), 0.8);
 * const half = setSetting(DEFAULT_SETTINGS, "audio.masterVolume", 50);
 * assert.equal(effectiveVolume(half.audio, "sfx"), 0.45);
 * const muted = setSetting(half, "audio.sfxMute", true);
 * assert.equal(effectiveVolume(muted.audio, "sfx"), 0);
 * assert.equal(effectiveVolume(muted.audio, "voice"), 0.5);
 * ```
 */
export function effectiveVolume(audio: AudioSettings, bus: AudioBus): number {
  const volume = bus === "music"
    ? audio.musicVolume
    : bus === "sfx"
    ? audio.sfxVolume
    : audio.voiceVolume;
  const muted = bus === "music" ? audio.musicMute : bus === "sfx" ? audio.sfxMute : audio.voiceMute;
  return audio.masterMute || muted ? 0 : (audio.masterVolume / 100) * (volume / 100);
}
