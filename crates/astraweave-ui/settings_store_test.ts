import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "@astraweave/testing";
import {
  decodeSettingsToml,
  DEFAULT_SETTINGS,
  encodeSettingsToml,
  sameSettings,
  setSetting,
  settingsPath,
  SettingsStore,
  UiError,
  withBindings,
} from "./mod.ts";

const CLOCK = () => new Date(Date.UTC(2026, 11, 1, 21, 5, 9, 250));

Deno.test("settingsPath: XDG_CONFIG_HOME, else ~/.config; relative XDG is ignored", () => {
  assert.equal(
    settingsPath({ XDG_CONFIG_HOME: "/x/cfg", HOME: "/home/a" }),
    "/x/cfg/astraweave/settings.toml",
  );
  assert.equal(
    settingsPath({ XDG_CONFIG_HOME: "", HOME: "/home/a" }),
    "/home/a/.config/astraweave/settings.toml",
  );
  assert.equal(
    settingsPath({ XDG_CONFIG_HOME: "cfg", HOME: "/home/a" }),
    "/home/a/.config/astraweave/settings.toml",
  );
  assert.throws(() => settingsPath({}), UiError);
});

Deno.test("TOML round trip of changed settings, with the file's layout", () => {
  let s = setSetting(DEFAULT_SETTINGS, "graphics.resolution", [2560, 1440]);
  s = setSetting(s, "graphics.quality", "Ultra");
  s = setSetting(s, "audio.musicVolume", 42.5);
  s = setSetting(s, "audio.voiceMute", true);
  s = setSetting(s, "controls.mouseSensitivity", 2.25);
  s = withBindings(s, { ...s.controls.bindings, jump: "J", interact: "F" });
  const text = encodeSettingsToml(s);
  assert.match(text, /^version = 1\n\n\[graphics\]\nresolution = \[ 2560, 1440 \]\n/);
  assert.match(text, /\n\[audio\]\n/);
  assert.match(text, /\n\[controls\]\n/);
  assert.match(text, /^music_volume = 42.5$/m);
  assert.match(text, /^voice_mute = true$/m);
  assert.match(text, /^invert_y = false$/m);
  const back = decodeSettingsToml(text);
  assert.deepEqual(back.warnings, []);
  assert.ok(sameSettings(back.settings, s));
});

Deno.test("a missing or invalid field takes its default and keeps every other field", () => {
  const text = encodeSettingsToml(setSetting(DEFAULT_SETTINGS, "audio.musicVolume", 12))
    .replace(/^vsync = true\n/m, "")
    .replace(/^quality = "High"$/m, 'quality = "Extreme"')
    .replace(/^jump = "Space"$/m, "jump = 5");
  const { settings, warnings } = decodeSettingsToml(text);
  assert.equal(settings.audio.musicVolume, 12);
  assert.equal(settings.graphics.vsync, true);
  assert.equal(settings.graphics.quality, "High");
  assert.equal(settings.controls.bindings.jump, "Space");
  assert.deepEqual(warnings, [
    'graphics.quality: must be one of Low, Medium, High, Ultra, got "Extreme"; the default is used',
    "graphics.vsync is missing; default true used",
    "controls.jump: 5 is not a key name; the default is used",
  ]);
});

Deno.test("version and section problems are warnings; a key bound twice falls back", () => {
  const noVersion = decodeSettingsToml("[audio]\nmaster_volume = 10\n");
  assert.equal(noVersion.settings.audio.masterVolume, 10);
  assert.match(noVersion.warnings[0], /no version/);
  const future = decodeSettingsToml("version = 2\naudio = 3\n");
  assert.match(future.warnings[0], /version 2 is not 1/);
  assert.match(future.warnings[1], /\[audio\] is not a table/);
  const twice = encodeSettingsToml(DEFAULT_SETTINGS).replace(/^jump = "Space"$/m, 'jump = "W"');
  const fixed = decodeSettingsToml(twice);
  assert.equal(fixed.settings.controls.bindings.moveForward, "W");
  assert.equal(fixed.settings.controls.bindings.jump, "Space");
  assert.ok(
    fixed.warnings.some((w) => /W is also bound to move_forward; default Space used/.test(w)),
  );
  const tangled = encodeSettingsToml(DEFAULT_SETTINGS)
    .replace(/^jump = "Space"$/m, 'jump = "W"')
    .replace(/^interact = "E"$/m, 'interact = "Space"');
  const reset = decodeSettingsToml(tangled);
  assert.deepEqual(reset.settings.controls.bindings, DEFAULT_SETTINGS.controls.bindings);
  assert.ok(reset.warnings.some((w) => /every binding takes its default/.test(w)));
});

Deno.test("store: no file gives defaults and writes nothing; save creates the directory atomically", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "cfg", "astraweave", "settings.toml");
    const store = new SettingsStore(path);
    const first = await store.load();
    assert.equal(first.source, "missing");
    assert.ok(sameSettings(first.settings, DEFAULT_SETTINGS));
    await assert.rejects(Deno.stat(join(dir, "cfg")), Deno.errors.NotFound);
    await store.save(setSetting(DEFAULT_SETTINGS, "audio.sfxVolume", 33));
    await store.save(setSetting(DEFAULT_SETTINGS, "audio.sfxVolume", 34));
    const names = [...Deno.readDirSync(join(dir, "cfg", "astraweave"))].map((e) => e.name);
    assert.deepEqual(names, ["settings.toml"]); // no temporary file left behind
    const again = await store.load();
    assert.equal(again.source, "file");
    assert.equal(again.settings.audio.sfxVolume, 34);
  });
});

Deno.test("store: a file that is not TOML is kept as .bad-<time>, never overwritten", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "settings.toml");
    const garbage = "version = 1\n[audio\nmusic_volume = 5\n";
    await Deno.writeTextFile(path, garbage);
    const store = new SettingsStore(path, { now: CLOCK });
    const loaded = await store.load();
    assert.equal(loaded.source, "damaged");
    assert.ok(sameSettings(loaded.settings, DEFAULT_SETTINGS));
    const kept = `${path}.bad-2026-12-01T21-05-09Z`;
    assert.equal(loaded.preservedAs, kept);
    assert.equal(await Deno.readTextFile(kept), garbage);
    assert.match(loaded.warnings[0], /not valid TOML at line 2/);
    assert.match(loaded.warnings[0], /kept as .*settings\.toml\.bad-2026-12-01T21-05-09Z/);
    await assert.rejects(Deno.stat(path), Deno.errors.NotFound);
    // A second damaged file in the same second gets its own name.
    await Deno.writeTextFile(path, "= nope");
    assert.equal((await store.load()).preservedAs, `${kept}-1`);
    assert.equal(await Deno.readTextFile(kept), garbage);
  });
});

Deno.test("store: a file with warnings is read, and left as it is until the next save", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "settings.toml");
    const text = "version = 1\n[audio]\nmusic_volume = 20\n";
    await Deno.writeTextFile(path, text);
    const loaded = await new SettingsStore(path).load();
    assert.equal(loaded.source, "file");
    assert.equal(loaded.settings.audio.musicVolume, 20);
    assert.ok(loaded.warnings.length > 10);
    assert.ok(loaded.warnings.every((w) => w.startsWith(`${path}: `)));
    assert.equal(await Deno.readTextFile(path), text);
  });
});
