/**
 * The inputs a binding names: keyboard keys by their physical code, mouse buttons, gamepad buttons
 * and gamepad axes, spelled as the Rust crate's serde output spells them (winit's `KeyCode` and
 * `MouseButton`, the crate's own `GamepadButton` and `AxisKind`), and the conversions from what a
 * browser reports (`KeyboardEvent.code`, `MouseEvent.button`, the standard gamepad layout).
 *
 * @module
 */

/**
 * Every key code a bindings file may name: the variants of winit 0.30's `KeyCode` (which the Rust
 * crate serializes by name), which are the W3C `KeyboardEvent.code` values except that the OS keys
 * are `SuperLeft`/`SuperRight` (the browser's `MetaLeft`/`MetaRight`; see {@link keyCodeFromDom}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { KEY_CODES } from "@astraweave/input";
 * assert.ok(KEY_CODES.includes("KeyW"));
 * assert.equal(KEY_CODES.length, 194);
 * ```
 */
export const KEY_CODES: readonly string[] = Object.freeze([
  "Backquote",
  "Backslash",
  "BracketLeft",
  "BracketRight",
  "Comma",
  "Digit0",
  "Digit1",
  "Digit2",
  "Digit3",
  "Digit4",
  "Digit5",
  "Digit6",
  "Digit7",
  "Digit8",
  "Digit9",
  "Equal",
  "IntlBackslash",
  "IntlRo",
  "IntlYen",
  "KeyA",
  "KeyB",
  "KeyC",
  "KeyD",
  "KeyE",
  "KeyF",
  "KeyG",
  "KeyH",
  "KeyI",
  "KeyJ",
  "KeyK",
  "KeyL",
  "KeyM",
  "KeyN",
  "KeyO",
  "KeyP",
  "KeyQ",
  "KeyR",
  "KeyS",
  "KeyT",
  "KeyU",
  "KeyV",
  "KeyW",
  "KeyX",
  "KeyY",
  "KeyZ",
  "Minus",
  "Period",
  "Quote",
  "Semicolon",
  "Slash",
  "AltLeft",
  "AltRight",
  "Backspace",
  "CapsLock",
  "ContextMenu",
  "ControlLeft",
  "ControlRight",
  "Enter",
  "SuperLeft",
  "SuperRight",
  "ShiftLeft",
  "ShiftRight",
  "Space",
  "Tab",
  "Convert",
  "KanaMode",
  "Lang1",
  "Lang2",
  "Lang3",
  "Lang4",
  "Lang5",
  "NonConvert",
  "Delete",
  "End",
  "Help",
  "Home",
  "Insert",
  "PageDown",
  "PageUp",
  "ArrowDown",
  "ArrowLeft",
  "ArrowRight",
  "ArrowUp",
  "NumLock",
  "Numpad0",
  "Numpad1",
  "Numpad2",
  "Numpad3",
  "Numpad4",
  "Numpad5",
  "Numpad6",
  "Numpad7",
  "Numpad8",
  "Numpad9",
  "NumpadAdd",
  "NumpadBackspace",
  "NumpadClear",
  "NumpadClearEntry",
  "NumpadComma",
  "NumpadDecimal",
  "NumpadDivide",
  "NumpadEnter",
  "NumpadEqual",
  "NumpadHash",
  "NumpadMemoryAdd",
  "NumpadMemoryClear",
  "NumpadMemoryRecall",
  "NumpadMemoryStore",
  "NumpadMemorySubtract",
  "NumpadMultiply",
  "NumpadParenLeft",
  "NumpadParenRight",
  "NumpadStar",
  "NumpadSubtract",
  "Escape",
  "Fn",
  "FnLock",
  "PrintScreen",
  "ScrollLock",
  "Pause",
  "BrowserBack",
  "BrowserFavorites",
  "BrowserForward",
  "BrowserHome",
  "BrowserRefresh",
  "BrowserSearch",
  "BrowserStop",
  "Eject",
  "LaunchApp1",
  "LaunchApp2",
  "LaunchMail",
  "MediaPlayPause",
  "MediaSelect",
  "MediaStop",
  "MediaTrackNext",
  "MediaTrackPrevious",
  "Power",
  "Sleep",
  "AudioVolumeDown",
  "AudioVolumeMute",
  "AudioVolumeUp",
  "WakeUp",
  "Meta",
  "Hyper",
  "Turbo",
  "Abort",
  "Resume",
  "Suspend",
  "Again",
  "Copy",
  "Cut",
  "Find",
  "Open",
  "Paste",
  "Props",
  "Select",
  "Undo",
  "Hiragana",
  "Katakana",
  "F1",
  "F2",
  "F3",
  "F4",
  "F5",
  "F6",
  "F7",
  "F8",
  "F9",
  "F10",
  "F11",
  "F12",
  "F13",
  "F14",
  "F15",
  "F16",
  "F17",
  "F18",
  "F19",
  "F20",
  "F21",
  "F22",
  "F23",
  "F24",
  "F25",
  "F26",
  "F27",
  "F28",
  "F29",
  "F30",
  "F31",
  "F32",
  "F33",
  "F34",
  "F35",
]);

const KEY_CODE_SET: ReadonlySet<string> = new Set(KEY_CODES);

/** Browser `KeyboardEvent.code` values that winit spells differently. */
const DOM_KEY_ALIASES: ReadonlyMap<string, string> = new Map([
  ["MetaLeft", "SuperLeft"],
  ["MetaRight", "SuperRight"],
  // Firefox before version 118 reported the OS keys as OSLeft/OSRight.
  ["OSLeft", "SuperLeft"],
  ["OSRight", "SuperRight"],
]);

/**
 * Whether `value` is one of the {@link KEY_CODES}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isKeyCode } from "@astraweave/input";
 * assert.equal(isKeyCode("Space"), true);
 * assert.equal(isKeyCode("MetaLeft"), false); // winit says SuperLeft
 * ```
 */
export function isKeyCode(value: unknown): value is string {
  return typeof value === "string" && KEY_CODE_SET.has(value);
}

/**
 * The key code for a browser `KeyboardEvent.code`, or undefined for a code no binding can name
 * (such as "Unidentified" or an empty string).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { keyCodeFromDom } from "@astraweave/input";
 * assert.equal(keyCodeFromDom("KeyW"), "KeyW");
 * assert.equal(keyCodeFromDom("MetaLeft"), "SuperLeft");
 * assert.equal(keyCodeFromDom("Unidentified"), undefined);
 * ```
 */
export function keyCodeFromDom(code: string): string | undefined {
  const alias = DOM_KEY_ALIASES.get(code);
  if (alias !== undefined) return alias;
  return KEY_CODE_SET.has(code) ? code : undefined;
}

/**
 * The named mouse buttons, as winit's `MouseButton` names them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isMouseButton, MOUSE_BUTTON_NAMES } from "@astraweave/input";
 * assert.ok(MOUSE_BUTTON_NAMES.every(isMouseButton));
 * ```
 */
export const MOUSE_BUTTON_NAMES = ["Left", "Right", "Middle", "Back", "Forward"] as const;

/**
 * A mouse button: one of {@link MOUSE_BUTTON_NAMES}, or `{ Other: n }` for any other button
 * (winit's `MouseButton::Other(u16)`, serialized by serde as `{"Other": n}`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mouseButtonKey, type MouseButton } from "@astraweave/input";
 * const thumb: MouseButton = { Other: 8 };
 * assert.equal(mouseButtonKey(thumb), "Other(8)");
 * ```
 */
export type MouseButton = typeof MOUSE_BUTTON_NAMES[number] | { readonly Other: number };

/** `MouseEvent.button` 0 to 4, in the browser's numbering. */
const DOM_MOUSE_BUTTONS: readonly MouseButton[] = ["Left", "Middle", "Right", "Back", "Forward"];

/**
 * The mouse button for a browser `MouseEvent.button` (0 left, 1 middle, 2 right, 3 back,
 * 4 forward, anything else `{ Other: n }`).
 *
 * @throws {RangeError} when `button` is not an integer from 0 to 65535 (winit's `u16`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mouseButtonFromDom } from "@astraweave/input";
 * assert.equal(mouseButtonFromDom(2), "Right");
 * assert.deepEqual(mouseButtonFromDom(7), { Other: 7 });
 * ```
 */
export function mouseButtonFromDom(button: number): MouseButton {
  if (!Number.isInteger(button) || button < 0 || button > 0xffff) {
    throw new RangeError(`mouse button must be an integer from 0 to 65535, got ${button}`);
  }
  return button < DOM_MOUSE_BUTTONS.length ? DOM_MOUSE_BUTTONS[button] : { Other: button };
}

/**
 * The identity of a mouse button as one string ("Left", "Other(7)"): what the manager keys its
 * held buttons by, since `{ Other: 7 }` objects are not equal to each other.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mouseButtonKey } from "@astraweave/input";
 * assert.equal(mouseButtonKey({ Other: 7 }), "Other(7)");
 * assert.equal(mouseButtonKey("Left"), "Left");
 * ```
 */
export function mouseButtonKey(button: MouseButton): string {
  return typeof button === "string" ? button : `Other(${button.Other})`;
}

/**
 * Whether `value` is a mouse button as a bindings file spells it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isMouseButton } from "@astraweave/input";
 * assert.equal(isMouseButton("Middle"), true);
 * assert.equal(isMouseButton({ Other: 70000 }), false);
 * ```
 */
export function isMouseButton(value: unknown): value is MouseButton {
  if (typeof value === "string") return (MOUSE_BUTTON_NAMES as readonly string[]).includes(value);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const other = (value as { Other?: unknown }).Other;
  return keys.length === 1 && keys[0] === "Other" && Number.isInteger(other) &&
    (other as number) >= 0 && (other as number) <= 0xffff;
}

/**
 * The gamepad buttons, in the order of the W3C standard gamepad layout's `buttons[0..15]`
 * (South is A on an Xbox pad, L1/R1 the bumpers, L2/R2 the triggers), which is also the Rust
 * crate's declaration order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { GAMEPAD_BUTTONS } from "@astraweave/input";
 * assert.equal(GAMEPAD_BUTTONS[0], "South");
 * assert.equal(GAMEPAD_BUTTONS[6], "L2");
 * ```
 */
export const GAMEPAD_BUTTONS = [
  "South",
  "East",
  "West",
  "North",
  "L1",
  "R1",
  "L2",
  "R2",
  "Select",
  "Start",
  "LStick",
  "RStick",
  "DPadUp",
  "DPadDown",
  "DPadLeft",
  "DPadRight",
] as const;

/**
 * One of the 16 {@link GAMEPAD_BUTTONS}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type GamepadButton, GAMEPAD_BUTTONS } from "@astraweave/input";
 * const start: GamepadButton = "Start";
 * assert.equal(GAMEPAD_BUTTONS.indexOf(start), 9);
 * ```
 */
export type GamepadButton = typeof GAMEPAD_BUTTONS[number];

/**
 * Whether `value` names a gamepad button.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isGamepadButton } from "@astraweave/input";
 * assert.equal(isGamepadButton("DPadUp"), true);
 * assert.equal(isGamepadButton("A"), false);
 * ```
 */
export function isGamepadButton(value: unknown): value is GamepadButton {
  return typeof value === "string" && (GAMEPAD_BUTTONS as readonly string[]).includes(value);
}

/**
 * The gamepad axes: the sticks (in the standard layout's `axes[0..3]` order; Y grows downwards,
 * as the browser reports it) and the two analog triggers (`buttons[6]` and `buttons[7]`'s values
 * in the browser).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AXIS_KINDS } from "@astraweave/input";
 * assert.deepEqual(AXIS_KINDS, ["LeftX", "LeftY", "RightX", "RightY", "LT", "RT"]);
 * ```
 */
export const AXIS_KINDS = ["LeftX", "LeftY", "RightX", "RightY", "LT", "RT"] as const;

/**
 * One of the {@link AXIS_KINDS}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type AxisKind, InputManager } from "@astraweave/input";
 * const trigger: AxisKind = "RT";
 * const input = new InputManager();
 * input.gamepadAxis(trigger, 0.25);
 * assert.equal(input.axisValue(trigger), 0.25);
 * ```
 */
export type AxisKind = typeof AXIS_KINDS[number];

/**
 * Whether `value` names a gamepad axis.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isAxisKind } from "@astraweave/input";
 * assert.equal(isAxisKind("RightY"), true);
 * assert.equal(isAxisKind("Z"), false);
 * ```
 */
export function isAxisKind(value: unknown): value is AxisKind {
  return typeof value === "string" && (AXIS_KINDS as readonly string[]).includes(value);
}
