// Hostile input the UI crate must refuse with a UiError, or read into valid settings, and a
// settings file that cannot be read must be set aside byte for byte, never lost. Seeded mutation
// of valid settings files and objects; a failing case reproduces from its seed and index. Each
// hole found gets a test here.
import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import { withTempDir } from "@astraweave/testing/temp-dir";
import { describe, mutateBytes, mutateJson, mutateText } from "@astraweave/testing/hostile";
import {
  decodeSettingsToml,
  DEFAULT_SETTINGS,
  encodeSettingsToml,
  parseSettings,
  sameSettings,
  setSetting,
  type Settings,
  SettingsStore,
  UiError,
} from "./mod.ts";

const VALID = setSetting(
  setSetting(DEFAULT_SETTINGS, "audio.musicVolume", 35),
  "graphics.vsync",
  false,
);
const VALID_TOML = encodeSettingsToml(VALID);

function assertUiError(error: unknown, what: string): asserts error is UiError {
  assert.ok(error instanceof UiError, `${what}: expected a UiError, got ${error}`);
}

/** Settings that are valid by every check the crate has, and survive a round trip. */
function assertSound(settings: Settings, what: string): void {
  const copy = parseSettings(JSON.parse(JSON.stringify(settings)));
  assert.ok(sameSettings(copy, settings), `${what}: not the same after a JSON round trip`);
  const again = decodeSettingsToml(encodeSettingsToml(settings));
  assert.deepEqual(again.warnings, [], what);
  assert.ok(sameSettings(again.settings, settings), `${what}: not the same after TOML`);
}

Deno.test("hostile: 4,000 mutated settings files are a parse UiError or sound settings", () => {
  const random = mulberry32(0x5eed_70f1);
  for (let i = 0; i < 4000; i++) {
    const text = mutateText(VALID_TOML, random);
    const what = `case ${i}: ${describe(text)}`;
    let decoded;
    try {
      decoded = decodeSettingsToml(text);
    } catch (error) {
      assertUiError(error, what);
      assert.equal(error.kind, "parse", what);
      continue;
    }
    assert.ok(decoded.warnings.every((w) => typeof w === "string"), what);
    assertSound(decoded.settings, what);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("hostile: 4,000 mutated settings objects are a UiError or sound settings", () => {
  const random = mulberry32(0x5eed_0b1e);
  const valid = JSON.parse(JSON.stringify(VALID));
  for (let i = 0; i < 4000; i++) {
    const json = mutateJson(valid, random);
    const what = `case ${i}: ${describe(json)}`;
    let settings;
    try {
      settings = parseSettings(json);
    } catch (error) {
      assertUiError(error, what);
      continue;
    }
    assertSound(settings, what);
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("hostile: 150 mutated settings files on disk are read as they are or set aside whole", async () => {
  const random = mulberry32(0x5eed_d15c);
  const valid = new TextEncoder().encode(VALID_TOML);
  await withTempDir(async (dir) => {
    for (let i = 0; i < 150; i++) {
      const path = `${dir}/${i}/settings.toml`;
      await Deno.mkdir(`${dir}/${i}`);
      const bytes = mutateBytes(valid, random);
      await Deno.writeFile(path, bytes);
      const store = new SettingsStore(path, { now: () => new Date(Date.UTC(2026, 0, 1)) });
      const what = `case ${i}: ${describe(new TextDecoder().decode(bytes))}`;
      const loaded = await store.load();
      if (loaded.source === "file") {
        assert.deepEqual(await Deno.readFile(path), bytes, `${what}: the file changed`);
      } else {
        assert.equal(loaded.source, "damaged", what);
        assert.deepEqual(await Deno.readFile(loaded.preservedAs!), bytes, `${what}: not kept`);
        assert.ok(sameSettings(loaded.settings, DEFAULT_SETTINGS), what);
      }
      assertSound(loaded.settings, what);
      // Saving what was loaded and loading it back gives the same settings, with no warnings.
      await store.save(loaded.settings);
      const reloaded = await store.load();
      assert.equal(reloaded.source, "file", what);
      assert.deepEqual(reloaded.warnings, [], what);
      assert.ok(sameSettings(reloaded.settings, loaded.settings), what);
    }
  });
});

Deno.test("hostile (fuzz hole): a table, an object or a deep array as a setting is a UiError", () => {
  // The error message turned the value into text: String() of a TOML table (no prototype) or of
  // {"toString": "x"} threw a TypeError, and join() of 100,000 nested arrays a RangeError.
  const { settings, warnings } = decodeSettingsToml(
    "version = 1\n[audio]\nsfx_volume = { y = 1 }\n",
  );
  assert.equal(settings.audio.sfxVolume, DEFAULT_SETTINGS.audio.sfxVolume);
  assert.ok(warnings.some((w) => w.includes("audio.sfx_volume") && w.includes("an object")));
  const valid = JSON.parse(JSON.stringify(VALID));
  const deep = JSON.parse("[".repeat(100_000) + "]".repeat(100_000));
  for (const value of [{ toString: "x" }, Object.create(null), deep, [[1, { a: 1 }]]]) {
    const body = { ...valid, graphics: { ...valid.graphics, resolution: value } };
    let caught: unknown;
    try {
      parseSettings(body);
    } catch (error) {
      caught = error;
    }
    assertUiError(caught, describe(value));
    assert.match(caught.message, /graphics\.resolution must be one of .*, got (an object|\[)/);
  }
});
