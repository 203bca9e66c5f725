/**
 * The UI's state and logic without input or output: menus, settings and rebinding, the settings
 * file's TOML format, and the HUD. Runs anywhere, browsers included (the `ui` page bundles it);
 * the disk parts (the settings file, save slots) are in the package's main module.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HudManager, MenuManager } from "@astraweave/ui/state";
 * const menu = new MenuManager();
 * menu.handle("NewGame");
 * const hud = new HudManager();
 * hud.update(1 / 60);
 * assert.equal(menu.state, "None");
 * ```
 *
 * @module
 */

export * from "./accessibility.ts";
export * from "./bars.ts";
export * from "./damage_numbers.ts";
export * from "./dialogue.ts";
export * from "./error.ts";
export * from "./hud.ts";
export * from "./menu.ts";
export * from "./minimap.ts";
export * from "./notifications.ts";
export * from "./quests.ts";
export * from "./rebinding.ts";
export * from "./settings.ts";
export * from "./settings_toml.ts";
export * from "./tooltip.ts";
