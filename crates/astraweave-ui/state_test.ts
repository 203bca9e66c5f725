// `@astraweave/ui/state` is the whole crate minus what touches the disk, as the module doc says.
import assert from "node:assert/strict";
import * as ui from "@astraweave/ui";
import * as state from "@astraweave/ui/state";

Deno.test("ui/state exports everything of ui except the disk parts", () => {
  const onlyInUi = Object.keys(ui).filter((name) => !(name in state)).sort();
  assert.deepEqual(onlyInUi, [
    "SETTINGS_FILE",
    "SaveSlots",
    "SettingsStore",
    "defaultSettingsPath",
    "settingsPath",
  ]);
  assert.deepEqual(Object.keys(state).filter((name) => !(name in ui)), []);
});
