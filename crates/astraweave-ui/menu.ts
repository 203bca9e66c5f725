/**
 * The menu state machine of the Rust crate: main menu (initial), pause menu, settings menu and
 * "none" (in game), with the settings being edited and the applied baseline they revert to.
 *
 * Transitions:
 * - NewGame, Resume: to None.
 * - Settings: to SettingsMenu, remembering the state it came from.
 * - Quit, Back: from PauseMenu to MainMenu; from SettingsMenu to the state it came from (or
 *   MainMenu); from MainMenu, an exit request (the `exit` effect, and {@link MenuManager.exitRequested}).
 * - Escape: None to PauseMenu and back; from SettingsMenu to the state it came from.
 * - ApplySettings: the edited settings become the baseline (the `apply` effect asks the caller to
 *   save them). CancelSettings: the edited settings revert to the baseline. Leaving the settings
 *   menu without applying reverts too, so what the game runs with is always what was applied.
 * - LoadGame, SaveGame: the `load` and `save` effects: the caller shows the save slots
 *   (`SaveSlots` of this crate, over `@astraweave/save`).
 *
 * The machine does no input or output: each action returns the {@link MenuEffect} the caller acts on.
 *
 * @module
 */

import { UiError } from "./error.ts";
import { KeyRebinder } from "./rebinding.ts";
import {
  DEFAULT_SETTINGS,
  sameSettings,
  setSetting,
  type SettingField,
  type Settings,
  withBindings,
} from "./settings.ts";

/** Where the player is: a menu, or `"None"` when playing. */
export type MenuState = "MainMenu" | "PauseMenu" | "SettingsMenu" | "None";

/** The actions of the menus' buttons. */
export const MENU_ACTIONS = [
  "NewGame",
  "LoadGame",
  "SaveGame",
  "Resume",
  "Settings",
  "ApplySettings",
  "CancelSettings",
  "Quit",
  "Back",
] as const;
/** A menu button's action. */
export type MenuAction = typeof MENU_ACTIONS[number];

/** What the caller should do after an action. */
export type MenuEffect =
  /** Nothing beyond the state change. */
  | { readonly type: "none" }
  /** Start a new game. */
  | { readonly type: "newGame" }
  /** Save these settings (they are the new baseline). */
  | { readonly type: "apply"; readonly settings: Settings }
  /** Show the save slots to save into. */
  | { readonly type: "save" }
  /** Show the save slots to load from. */
  | { readonly type: "load" }
  /** The player quit from the main menu: close the game. */
  | { readonly type: "exit" };

const NONE: MenuEffect = Object.freeze({ type: "none" });

/**
 * The menus' state, and the settings being edited.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MenuManager } from "./menu.ts";
 * const menu = new MenuManager();
 * assert.equal(menu.state, "MainMenu");
 * menu.handle("NewGame");
 * menu.escape();
 * assert.equal(menu.state, "PauseMenu");
 * menu.handle("Settings");
 * menu.editSetting("audio.musicVolume", 40);
 * const effect = menu.handle("ApplySettings");
 * assert.equal(effect.type === "apply" && effect.settings.audio.musicVolume, 40);
 * menu.escape();
 * assert.equal(menu.state, "PauseMenu");
 * assert.equal(menu.handle("Quit").type, "none");
 * assert.equal(menu.state, "MainMenu");
 * assert.equal(menu.handle("Quit").type, "exit");
 * ```
 */
export class MenuManager {
  #state: MenuState = "MainMenu";
  #previous: MenuState | null = null;
  #exitRequested = false;
  #baseline: Settings;
  #settings: Settings;
  /** The key rebinding flow of the controls screen, kept in step with the edited bindings. */
  readonly rebinder: KeyRebinder;

  /** A manager in the main menu, with `settings` (the defaults unless given) as the baseline. */
  constructor(settings: Settings = DEFAULT_SETTINGS) {
    this.#baseline = settings;
    this.#settings = settings;
    this.rebinder = new KeyRebinder(settings.controls.bindings);
  }

  /** The current state. */
  get state(): MenuState {
    return this.#state;
  }

  /** The state the settings menu was opened from, while it is open. */
  get previousState(): MenuState | null {
    return this.#previous;
  }

  /** Whether the player quit from the main menu. */
  get exitRequested(): boolean {
    return this.#exitRequested;
  }

  /** Whether the game is paused or not started (any menu is open). */
  get inMenu(): boolean {
    return this.#state !== "None";
  }

  /** The settings as edited (what the settings screens show). */
  get settings(): Settings {
    return this.#settings;
  }

  /** The settings last applied (or loaded). */
  get baseline(): Settings {
    return this.#baseline;
  }

  /** Whether the edited settings differ from the baseline. */
  get dirty(): boolean {
    return !sameSettings(this.#settings, this.#baseline);
  }

  /** Performs a button's action. */
  handle(action: MenuAction): MenuEffect {
    switch (action) {
      case "NewGame":
        this.#enter("None");
        return { type: "newGame" };
      case "Resume":
        this.#enter("None");
        return NONE;
      case "Settings":
        if (this.#state !== "SettingsMenu") {
          this.#previous = this.#state;
          this.#state = "SettingsMenu";
        }
        return NONE;
      case "ApplySettings":
        this.#baseline = this.#settings;
        return { type: "apply", settings: this.#settings };
      case "CancelSettings":
        this.#revert();
        return NONE;
      case "LoadGame":
        return { type: "load" };
      case "SaveGame":
        return { type: "save" };
      case "Quit":
      case "Back":
        switch (this.#state) {
          case "MainMenu":
            this.#exitRequested = true;
            return { type: "exit" };
          case "PauseMenu":
            this.#enter("MainMenu");
            return NONE;
          case "SettingsMenu":
            this.#enter(this.#previous ?? "MainMenu");
            return NONE;
          case "None":
            return NONE;
        }
        break;
      default:
        throw new UiError("invalid_action", `no menu action named ${action as string}`);
    }
    return NONE;
  }

  /** The Escape key (or the gamepad's Start): pause, resume, or leave the settings menu. */
  escape(): void {
    switch (this.#state) {
      case "None":
        this.#state = "PauseMenu";
        break;
      case "PauseMenu":
        this.#state = "None";
        break;
      case "SettingsMenu":
        this.#enter(this.#previous ?? "PauseMenu");
        break;
      case "MainMenu":
        break;
    }
  }

  /**
   * Changes one edited setting (not applied until ApplySettings).
   *
   * @throws {UiError} `invalid_setting` when the value is out of range; nothing changes then.
   */
  editSetting(field: SettingField, value: unknown): Settings {
    this.#settings = setSetting(this.#settings, field, value);
    return this.#settings;
  }

  /** Takes the rebinder's bindings into the edited settings (after a capture or a swap). */
  takeBindings(): Settings {
    this.#settings = withBindings(this.#settings, this.rebinder.bindings);
    return this.#settings;
  }

  /** Replaces both the baseline and the edited settings (after loading them from disk). */
  loadSettings(settings: Settings): void {
    this.#baseline = settings;
    this.#revert();
  }

  #revert(): void {
    this.#settings = this.#baseline;
    this.rebinder.reset(this.#baseline.controls.bindings);
  }

  #enter(state: MenuState): void {
    if (this.#state === "SettingsMenu") {
      this.#revert();
      this.#previous = null;
    }
    this.#state = state;
  }
}
