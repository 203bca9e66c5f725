import assert from "node:assert/strict";
import {
  ACTIONS,
  checkBindings,
  DEFAULT_SETTINGS,
  parseSettings,
  RESOLUTIONS,
  sameSettings,
  setSetting,
  SETTING_FIELD_NAMES,
  UiError,
} from "./state.ts";

Deno.test("defaults are the Rust crate's", () => {
  assert.deepEqual(DEFAULT_SETTINGS.graphics, {
    resolution: [1920, 1080],
    quality: "High",
    fullscreen: false,
    vsync: true,
  });
  const { audio } = DEFAULT_SETTINGS;
  assert.deepEqual(
    [audio.masterVolume, audio.musicVolume, audio.sfxVolume, audio.voiceVolume],
    [100, 80, 90, 100],
  );
  assert.deepEqual(
    [audio.masterMute, audio.musicMute, audio.sfxMute, audio.voiceMute],
    [false, false, false, false],
  );
  assert.deepEqual(
    ACTIONS.map((a) => DEFAULT_SETTINGS.controls.bindings[a]),
    ["W", "S", "A", "D", "Space", "LControl", "LShift", "Mouse0", "E", "Tab"],
  );
  assert.equal(DEFAULT_SETTINGS.controls.mouseSensitivity, 1.0);
  assert.equal(DEFAULT_SETTINGS.controls.invertY, false);
  assert.deepEqual(RESOLUTIONS.map(([w, h]) => `${w}x${h}`), [
    "1280x720",
    "1920x1080",
    "2560x1440",
    "3840x2160",
  ]);
});

Deno.test("validation accepts the ends of each range and rejects beyond, naming the field", () => {
  for (const v of [0, 100, 55.5]) setSetting(DEFAULT_SETTINGS, "audio.voiceVolume", v);
  for (const v of [0.1, 5.0]) setSetting(DEFAULT_SETTINGS, "controls.mouseSensitivity", v);
  const cases: [Parameters<typeof setSetting>[1], unknown, RegExp][] = [
    ["audio.masterVolume", -1, /audio\.masterVolume must be a number from 0 to 100, got -1/],
    ["audio.sfxVolume", 100.5, /from 0 to 100, got 100.5/],
    ["audio.musicVolume", NaN, /got NaN/],
    ["audio.musicVolume", "50", /got "50"/],
    ["controls.mouseSensitivity", 0.09, /from 0.1 to 5, got 0.09/],
    ["graphics.quality", "Extreme", /one of Low, Medium, High, Ultra, got "Extreme"/],
    ["graphics.resolution", [1024, 768], /one of 1280x720.*got \[1024, 768\]/],
    ["graphics.resolution", "1920x1081", /got "1920x1081"/],
    ["graphics.vsync", 1, /true or false, got 1/],
  ];
  for (const [field, value, message] of cases) {
    assert.throws(
      () => setSetting(DEFAULT_SETTINGS, field, value),
      (e: unknown) =>
        e instanceof UiError && e.kind === "invalid_setting" && e.field === field &&
        message.test(e.message),
      field,
    );
  }
});

Deno.test("setSetting returns a new object and leaves the old one alone", () => {
  const changed = setSetting(DEFAULT_SETTINGS, "graphics.resolution", [3840, 2160]);
  assert.deepEqual(changed.graphics.resolution, [3840, 2160]);
  assert.deepEqual(DEFAULT_SETTINGS.graphics.resolution, [1920, 1080]);
  assert.equal(changed.audio, DEFAULT_SETTINGS.audio);
  assert.ok(!sameSettings(changed, DEFAULT_SETTINGS));
});

Deno.test("parseSettings is strict: every field present and valid, bindings unique", () => {
  const json = JSON.parse(JSON.stringify(DEFAULT_SETTINGS));
  assert.ok(sameSettings(parseSettings(json), DEFAULT_SETTINGS));
  for (const field of SETTING_FIELD_NAMES) {
    const [section, name] = field.split(".");
    const copy = structuredClone(json);
    delete copy[section][name];
    assert.throws(() => parseSettings(copy), new RegExp(`${field} is missing`));
  }
  assert.throws(() => parseSettings(null), /is missing/);
  const twice = structuredClone(json);
  twice.controls.bindings.jump = "W";
  assert.throws(() => parseSettings(twice), /W is bound to both moveForward and jump/);
  assert.throws(
    () => checkBindings({ ...DEFAULT_SETTINGS.controls.bindings, jump: "Escape" }),
    /Escape is reserved/,
  );
  assert.throws(
    () => checkBindings({ ...DEFAULT_SETTINGS.controls.bindings, jump: "a b" }),
    /"a b" is not a key name/,
  );
});
