import assert from "node:assert/strict";
import { DEFAULT_SETTINGS, MenuManager, type MenuState, UiError } from "./state.ts";

function at(state: MenuState, settingsFrom?: MenuState): MenuManager {
  const menu = new MenuManager();
  if (state === "None" || state === "PauseMenu" || settingsFrom === "PauseMenu") {
    menu.handle("NewGame");
  }
  if (state === "PauseMenu" || settingsFrom === "PauseMenu") menu.escape();
  if (state === "SettingsMenu") menu.handle("Settings");
  assert.equal(menu.state, state);
  return menu;
}

Deno.test("starts in the main menu; NewGame and Resume enter the game from anywhere", () => {
  assert.equal(new MenuManager().state, "MainMenu");
  for (const state of ["MainMenu", "PauseMenu", "SettingsMenu"] as const) {
    const a = at(state);
    assert.deepEqual(a.handle("NewGame"), { type: "newGame" });
    assert.equal(a.state, "None");
    const b = at(state);
    assert.deepEqual(b.handle("Resume"), { type: "none" });
    assert.equal(b.state, "None");
  }
});

Deno.test("Escape toggles pause in game, leaves settings to where they were opened, and does nothing in the main menu", () => {
  const menu = at("None");
  menu.escape();
  assert.equal(menu.state, "PauseMenu");
  assert.ok(menu.inMenu);
  menu.escape();
  assert.equal(menu.state, "None");
  const main = at("MainMenu");
  main.escape();
  assert.equal(main.state, "MainMenu");
  const fromPause = at("SettingsMenu", "PauseMenu");
  assert.equal(fromPause.previousState, "PauseMenu");
  fromPause.escape();
  assert.equal(fromPause.state, "PauseMenu");
  const fromMain = at("SettingsMenu", "MainMenu");
  fromMain.escape();
  assert.equal(fromMain.state, "MainMenu");
  assert.equal(fromMain.previousState, null);
});

Deno.test("Quit and Back: pause -> main, settings -> previous, main -> exit request", () => {
  for (const action of ["Quit", "Back"] as const) {
    const pause = at("PauseMenu");
    assert.deepEqual(pause.handle(action), { type: "none" });
    assert.equal(pause.state, "MainMenu");
    const settings = at("SettingsMenu", "PauseMenu");
    settings.handle(action);
    assert.equal(settings.state, "PauseMenu");
    const main = at("MainMenu");
    assert.equal(main.exitRequested, false);
    assert.deepEqual(main.handle(action), { type: "exit" });
    assert.ok(main.exitRequested);
    assert.equal(main.state, "MainMenu");
  }
});

Deno.test("Apply makes the edits the baseline; Cancel reverts to it; leaving unapplied reverts", () => {
  const menu = at("SettingsMenu", "PauseMenu");
  menu.editSetting("audio.musicVolume", 30);
  assert.ok(menu.dirty);
  const applied = menu.handle("ApplySettings");
  assert.equal(applied.type, "apply");
  assert.equal(menu.baseline.audio.musicVolume, 30);
  assert.ok(!menu.dirty);
  menu.editSetting("audio.musicVolume", 70);
  menu.editSetting("graphics.quality", "Low");
  menu.handle("CancelSettings");
  assert.equal(menu.settings.audio.musicVolume, 30);
  assert.equal(menu.settings.graphics.quality, "High");
  assert.equal(menu.state, "SettingsMenu");
  menu.editSetting("audio.musicVolume", 10);
  menu.handle("Back");
  assert.equal(menu.settings.audio.musicVolume, 30);
});

Deno.test("a rejected edit changes nothing; rebinding flows into the edited settings and Cancel resets it", () => {
  const menu = at("SettingsMenu");
  assert.throws(() => menu.editSetting("audio.sfxVolume", 101), UiError);
  assert.equal(menu.settings, DEFAULT_SETTINGS);
  menu.rebinder.start("jump");
  menu.rebinder.capture("J");
  menu.takeBindings();
  assert.equal(menu.settings.controls.bindings.jump, "J");
  menu.handle("CancelSettings");
  assert.equal(menu.settings.controls.bindings.jump, "Space");
  assert.equal(menu.rebinder.bindings.jump, "Space");
});

Deno.test("Save and Load ask the caller for the slot screens; unknown actions are errors", () => {
  const menu = at("PauseMenu");
  assert.deepEqual(menu.handle("SaveGame"), { type: "save" });
  assert.deepEqual(menu.handle("LoadGame"), { type: "load" });
  assert.equal(menu.state, "PauseMenu");
  // deno-lint-ignore no-explicit-any
  assert.throws(() => menu.handle("Dance" as any), /no menu action named Dance/);
});

Deno.test("loadSettings replaces baseline and edits", () => {
  const menu = new MenuManager();
  const loaded = { ...DEFAULT_SETTINGS, audio: { ...DEFAULT_SETTINGS.audio, sfxVolume: 12 } };
  menu.loadSettings(loaded);
  assert.equal(menu.settings.audio.sfxVolume, 12);
  assert.equal(menu.baseline, loaded);
});
