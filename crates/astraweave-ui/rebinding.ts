/**
 * Key rebinding: {@link KeyRebinder} waits for the next key after the player picks an action, binds
 * it, and refuses a key that another action already has unless the player confirms a swap (the two
 * actions exchange keys). {@link keyNameFromCode} turns a browser `KeyboardEvent.code` into the key
 * names the settings file uses.
 *
 * @module
 */

import { UiError } from "./error.ts";
import { type Action, ACTIONS, type Bindings, checkKey } from "./settings.ts";

const CODE_NAMES: Readonly<Record<string, string>> = {
  ControlLeft: "LControl",
  ControlRight: "RControl",
  ShiftLeft: "LShift",
  ShiftRight: "RShift",
  AltLeft: "LAlt",
  AltRight: "RAlt",
  MetaLeft: "LSuper",
  MetaRight: "RSuper",
  ArrowUp: "Up",
  ArrowDown: "Down",
  ArrowLeft: "Left",
  ArrowRight: "Right",
};

/**
 * The settings' name of a key from its `KeyboardEvent.code`: letters and digits bare (`"KeyW"` ->
 * `"W"`, `"Digit1"` -> `"1"`), left and right modifiers as the Rust crate names them (`"ShiftLeft"`
 * -> `"LShift"`), arrows without "Arrow", anything else unchanged (`"Space"`, `"Tab"`, `"F5"`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keyNameFromCode, mouseButtonName } from "./rebinding.ts";
 * assert.equal(keyNameFromCode("KeyQ"), "Q");
 * assert.equal(keyNameFromCode("ControlLeft"), "LControl");
 * assert.equal(keyNameFromCode("Space"), "Space");
 * assert.equal(mouseButtonName(2), "Mouse2");
 * ```
 */
export function keyNameFromCode(code: string): string {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit\d$/.test(code)) return code.slice(5);
  return CODE_NAMES[code] ?? code;
}

/** The settings' name of mouse button `button` (`MouseEvent.button`): `"Mouse0"`... */
export function mouseButtonName(button: number): string {
  return `Mouse${button}`;
}

/**
 * The bindings with `action` bound to `key`; with `swap`, the action that had `key` takes
 * `action`'s old key.
 *
 * @throws {UiError} `invalid_binding` when `key` cannot be bound, or when another action has it
 * and `swap` is not set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_BINDINGS } from "./settings.ts";
 * import { rebind } from "./rebinding.ts";
 * assert.equal(rebind(DEFAULT_BINDINGS, "jump", "J").jump, "J");
 * assert.throws(() => rebind(DEFAULT_BINDINGS, "jump", "W"), /already bound to moveForward/);
 * const swapped = rebind(DEFAULT_BINDINGS, "jump", "W", { swap: true });
 * assert.deepEqual([swapped.jump, swapped.moveForward], ["W", "Space"]);
 * ```
 */
export function rebind(
  bindings: Bindings,
  action: Action,
  key: string,
  options: { swap?: boolean } = {},
): Bindings {
  checkKey(key, action);
  const holder = holderOf(bindings, key);
  // Copy, then assign: computed keys in the literal would give every result a new object shape.
  const next: Record<Action, string> = { ...bindings };
  next[action] = key;
  if (holder === undefined || holder === action) return next;
  if (!options.swap) {
    throw new UiError(
      "invalid_binding",
      `${key} is already bound to ${holder}`,
      `controls.bindings.${action}`,
    );
  }
  next[holder] = bindings[action];
  return next;
}

/** The action bound to `key`, if any. */
export function holderOf(bindings: Bindings, key: string): Action | undefined {
  for (const action of ACTIONS) if (bindings[action] === key) return action;
  return undefined;
}

/** What a captured key did. */
export type CaptureResult =
  /** The key is bound; {@link KeyRebinder.bindings} holds the new bindings. */
  | { readonly status: "bound"; readonly action: Action; readonly key: string }
  /** Another action has the key: {@link KeyRebinder.confirmSwap} or {@link KeyRebinder.cancel}. */
  | {
    readonly status: "conflict";
    readonly action: Action;
    readonly key: string;
    readonly holder: Action;
  }
  /** The key cannot be bound (reserved, or not a key); still waiting for a key. */
  | {
    readonly status: "refused";
    readonly action: Action;
    readonly key: string;
    readonly reason: string;
  }
  /** Nothing was waiting for a key. */
  | { readonly status: "idle" };

/**
 * The rebinding flow of the controls screen: `start(action)`, then the next key goes to
 * `capture(key)`. A free key is bound at once; a key another action has is held as a conflict until
 * `confirmSwap()` (the actions exchange keys) or `cancel()` (nothing changes).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_BINDINGS } from "./settings.ts";
 * import { KeyRebinder } from "./rebinding.ts";
 * const rebinder = new KeyRebinder(DEFAULT_BINDINGS);
 * rebinder.start("interact");
 * assert.equal(rebinder.capture("F").status, "bound");
 * rebinder.start("jump");
 * const result = rebinder.capture("F");
 * assert.equal(result.status, "conflict");
 * assert.equal(rebinder.bindings.jump, "Space"); // refused until confirmed
 * rebinder.confirmSwap();
 * assert.deepEqual([rebinder.bindings.jump, rebinder.bindings.interact], ["F", "Space"]);
 * ```
 */
export class KeyRebinder {
  #bindings: Bindings;
  #waiting: Action | null = null;
  #conflict: { action: Action; key: string; holder: Action } | null = null;

  /** A rebinder starting from `bindings`. */
  constructor(bindings: Bindings) {
    this.#bindings = { ...bindings };
  }

  /** The current bindings. */
  get bindings(): Bindings {
    return this.#bindings;
  }

  /** The action waiting for a key, or null. */
  get waiting(): Action | null {
    return this.#waiting;
  }

  /** The conflict waiting for a swap confirmation, or null. */
  get conflict():
    | { readonly action: Action; readonly key: string; readonly holder: Action }
    | null {
    return this.#conflict;
  }

  /** Replaces the bindings (after Cancel reverts the settings, say) and stops waiting. */
  reset(bindings: Bindings): void {
    this.#bindings = { ...bindings };
    this.cancel();
  }

  /** Waits for the next key for `action` (dropping any unconfirmed conflict). */
  start(action: Action): void {
    if (!ACTIONS.includes(action)) {
      throw new UiError("invalid_binding", `no action named ${action}`);
    }
    this.#waiting = action;
    this.#conflict = null;
  }

  /** Gives the captured key to the waiting action. */
  capture(key: string): CaptureResult {
    const action = this.#waiting;
    if (action === null) return { status: "idle" };
    try {
      checkKey(key, action);
    } catch (e) {
      if (!(e instanceof UiError)) throw e;
      return { status: "refused", action, key, reason: e.message };
    }
    this.#waiting = null;
    const holder = holderOf(this.#bindings, key);
    if (holder !== undefined && holder !== action) {
      this.#conflict = { action, key, holder };
      return { status: "conflict", action, key, holder };
    }
    this.#bindings = rebind(this.#bindings, action, key);
    return { status: "bound", action, key };
  }

  /**
   * Confirms the pending swap: the waiting action gets the key, its holder the action's old key.
   *
   * @throws {UiError} `invalid_action` when no conflict is pending.
   */
  confirmSwap(): Bindings {
    const conflict = this.#conflict;
    if (conflict === null) throw new UiError("invalid_action", "no key swap to confirm");
    this.#bindings = rebind(this.#bindings, conflict.action, conflict.key, { swap: true });
    this.#conflict = null;
    return this.#bindings;
  }

  /** Stops waiting for a key and drops any pending conflict; the bindings do not change. */
  cancel(): void {
    this.#waiting = null;
    this.#conflict = null;
  }
}
