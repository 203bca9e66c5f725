/**
 * astraweave-ui: a game's menus, settings and HUD as plain state and logic, for a page (or any
 * renderer) to draw.
 *
 * - **Menus**: {@link MenuManager}, the Rust crate's state machine (main, pause, settings, in
 *   game), with the settings being edited, Apply and Cancel, and {@link KeyRebinder} for key
 *   rebinding that refuses a key already bound unless the player confirms a swap.
 * - **Settings**: the Rust defaults and ranges, validated with messages that name the field
 *   ({@link setSetting}), stored as TOML in the XDG config directory by {@link SettingsStore}
 *   (atomic writes; a damaged file is kept as `settings.toml.bad-<time>`).
 * - **Save slots**: {@link SaveSlots} over `@astraweave/save`.
 * - **HUD**: {@link HudManager}, driven by `update(dt)`: bars with tweens, enemy bars, damage
 *   numbers with combos, notifications, quests, minimap, tooltips, dialogue, accessibility.
 *
 * Everything except the parts that touch the disk ({@link SettingsStore}, {@link SaveSlots}, and
 * the settings file's path: {@link SETTINGS_FILE}, {@link settingsPath},
 * {@link defaultSettingsPath}) is also exported by `@astraweave/ui/state`, which does no input
 * or output and runs in a browser.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MenuManager, SettingsStore } from "@astraweave/ui";
 * const dir = await Deno.makeTempDir();
 * const store = new SettingsStore(`${dir}/astraweave/settings.toml`);
 * const menu = new MenuManager((await store.load()).settings);
 * menu.handle("Settings");
 * menu.editSetting("audio.musicVolume", 60);
 * const effect = menu.handle("ApplySettings");
 * if (effect.type === "apply") await store.save(effect.settings);
 * assert.equal((await store.load()).settings.audio.musicVolume, 60);
 * await Deno.remove(dir, { recursive: true });
 * ```
 *
 * @module
 */

export * from "./state.ts";
export * from "./settings_store.ts";
export * from "./slots.ts";
