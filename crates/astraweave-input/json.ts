/**
 * Bindings as JSON, in the Rust crate's `save.rs` format: what `serde_json::to_string_pretty`
 * writes for a `BindingSet` (`actions` keyed by action name, each binding's `key`, `mouse` and
 * `gamepad` with `null` for none, `move_axes` and `look_axes` as two-element arrays of
 * `{axis, invert, deadzone}`), so a file written by the Rust crate loads here and the other way
 * round. Reading validates everything and names the bad field.
 *
 * @module
 */

import { type Action, ACTIONS, isAction } from "./actions.ts";
import { type AxisBinding, type Binding, type BindingSet, findConflicts } from "./bindings.ts";
import { BindingsError } from "./errors.ts";
import {
  type AxisKind,
  type GamepadButton,
  isAxisKind,
  isGamepadButton,
  isKeyCode,
  isMouseButton,
  type MouseButton,
} from "./keys.ts";

/**
 * The largest bindings document read, in UTF-16 code units: a complete set is about 3 KB, so
 * anything past 1 MiB is refused before it is parsed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MAX_BINDINGS_TEXT, parseBindings } from "@astraweave/input";
 * assert.throws(() => parseBindings(" ".repeat(MAX_BINDINGS_TEXT + 1)), /more than the/);
 * ```
 */
export const MAX_BINDINGS_TEXT = 1 << 20;

/**
 * The JSON form of a {@link Binding}: the same fields (the Rust struct's).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bindingFromJson, type BindingJson } from "@astraweave/input";
 * const json: BindingJson = { key: null, mouse: { Other: 4 }, gamepad: null };
 * assert.deepEqual(bindingFromJson(json), json);
 * ```
 */
export interface BindingJson {
  /** Key code or null. */
  key: string | null;
  /** Mouse button or null. */
  mouse: MouseButton | null;
  /** Gamepad button or null. */
  gamepad: GamepadButton | null;
}

/**
 * The JSON form of a {@link BindingSet}, with the Rust field names.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type BindingSetJson, bindingsToJsonValue, emptyBindings } from "@astraweave/input";
 * const json: BindingSetJson = bindingsToJsonValue(emptyBindings());
 * assert.deepEqual(json.actions, {});
 * assert.equal(json.look_axes[0].axis, "RightX");
 * ```
 */
export interface BindingSetJson {
  /** Bound actions by name, in `ACTIONS` order. */
  actions: Partial<Record<Action, BindingJson>>;
  /** The move stick's (x, y) axis bindings. */
  move_axes: [AxisBinding, AxisBinding];
  /** The look stick's (x, y) axis bindings. */
  look_axes: [AxisBinding, AxisBinding];
}

/**
 * `set` as the Rust crate's JSON value (actions in `ACTIONS` order; Rust's `HashMap` writes them
 * in no fixed order, and reading does not care).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bindingsToJsonValue, defaultBindings } from "@astraweave/input";
 * const json = bindingsToJsonValue(defaultBindings());
 * assert.deepEqual(json.actions.Jump, { key: "Space", mouse: null, gamepad: null });
 * assert.deepEqual(json.move_axes[0], { axis: "LeftX", invert: false, deadzone: 0.15 });
 * ```
 */
export function bindingsToJsonValue(set: BindingSet): BindingSetJson {
  const actions: Partial<Record<Action, BindingJson>> = {};
  for (const action of ACTIONS) {
    const b = set.actions[action];
    if (b === undefined) continue;
    const mouse = b.mouse === null || typeof b.mouse === "string"
      ? b.mouse
      : { Other: b.mouse.Other };
    actions[action] = { key: b.key, mouse, gamepad: b.gamepad };
  }
  const axis = (a: AxisBinding): AxisBinding => ({
    axis: a.axis,
    invert: a.invert,
    deadzone: a.deadzone,
  });
  return {
    actions,
    move_axes: [axis(set.moveAxes[0]), axis(set.moveAxes[1])],
    look_axes: [axis(set.lookAxes[0]), axis(set.lookAxes[1])],
  };
}

/**
 * `set` as the text the Rust `save_bindings` writes (pretty-printed with two-space indents, as
 * `serde_json::to_string_pretty`), with a final newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bindingsToJson, defaultBindings, parseBindings } from "@astraweave/input";
 * const text = bindingsToJson(defaultBindings());
 * assert.match(text, /^\{\n {2}"actions": \{\n {4}"MoveForward": \{\n {6}"key": "KeyW",/);
 * assert.deepEqual(parseBindings(text), defaultBindings());
 * ```
 */
export function bindingsToJson(set: BindingSet): string {
  return JSON.stringify(bindingsToJsonValue(set), null, 2) + "\n";
}

/** A value as it may appear in an error message: JSON, cut to 40 characters. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Nested too deep for JSON.stringify (and for String, which recurses the same way).
    text = Array.isArray(value) ? "[...]" : "{...}";
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The field path of member `name` of the object at `path`. */
function member(path: string, name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(name)) return path === "" ? name : `${path}.${name}`;
  return `${path}[${shown(name)}]`;
}

function objectAt(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BindingsError(path, `expected an object, got ${shown(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Refuses members other than `allowed` (the Rust crate ignores them; a typo should not pass). */
function onlyFields(object: Record<string, unknown>, path: string, allowed: readonly string[]) {
  for (const name of Object.keys(object)) {
    if (!allowed.includes(name)) {
      throw new BindingsError(member(path, name), `unknown field (expected ${allowed.join(", ")})`);
    }
  }
}

/** A required member: serde requires every field that is not an `Option`. */
function required(object: Record<string, unknown>, path: string, name: string): unknown {
  if (!Object.hasOwn(object, name)) throw new BindingsError(member(path, name), "missing field");
  return object[name];
}

/** An optional member: serde reads a missing `Option` field as `None`. */
function optional(object: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(object, name) ? object[name] : null;
}

function bindingAt(value: unknown, path: string): Binding {
  const object = objectAt(value, path);
  onlyFields(object, path, ["key", "mouse", "gamepad"]);
  const key = optional(object, "key");
  if (key !== null && !isKeyCode(key)) {
    throw new BindingsError(member(path, "key"), `unknown key code ${shown(key)}`);
  }
  const mouse = optional(object, "mouse");
  if (mouse !== null && !isMouseButton(mouse)) {
    throw new BindingsError(
      member(path, "mouse"),
      `unknown mouse button ${
        shown(mouse)
      } (Left, Right, Middle, Back, Forward or {"Other": 0..65535})`,
    );
  }
  const gamepad = optional(object, "gamepad");
  if (gamepad !== null && !isGamepadButton(gamepad)) {
    throw new BindingsError(member(path, "gamepad"), `unknown gamepad button ${shown(gamepad)}`);
  }
  return {
    key: key as string | null,
    mouse: mouse === null || typeof mouse === "string"
      ? mouse as MouseButton | null
      : { Other: (mouse as { Other: number }).Other + 0 }, // -0 reads as 0, as JSON writes it
    gamepad: gamepad as GamepadButton | null,
  };
}

function axisAt(value: unknown, path: string): AxisBinding {
  const object = objectAt(value, path);
  onlyFields(object, path, ["axis", "invert", "deadzone"]);
  const axis = required(object, path, "axis");
  if (!isAxisKind(axis)) {
    throw new BindingsError(member(path, "axis"), `unknown axis ${shown(axis)}`);
  }
  const invert = required(object, path, "invert");
  if (typeof invert !== "boolean") {
    throw new BindingsError(member(path, "invert"), `expected true or false, got ${shown(invert)}`);
  }
  const deadzone = required(object, path, "deadzone");
  if (typeof deadzone !== "number" || !Number.isFinite(deadzone)) {
    throw new BindingsError(
      member(path, "deadzone"),
      `expected a finite number, got ${shown(deadzone)}`,
    );
  }
  if (deadzone < 0 || deadzone >= 1) {
    throw new BindingsError(
      member(path, "deadzone"),
      `must be from 0 up to (not including) 1, got ${deadzone}`,
    );
  }
  return { axis: axis as AxisKind, invert, deadzone: deadzone + 0 }; // -0 reads as 0
}

function axisPairAt(value: unknown, path: string): [AxisBinding, AxisBinding] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new BindingsError(path, `expected an array of two axis bindings, got ${shown(value)}`);
  }
  return [axisAt(value[0], `${path}[0]`), axisAt(value[1], `${path}[1]`)];
}

/**
 * Reads one binding from its JSON value (`{"key": "KeyW", "mouse": "Left", "gamepad": "South"}`;
 * a missing field is null, as serde reads a missing `Option`).
 *
 * @throws {BindingsError} naming the bad field.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bindingFromJson } from "@astraweave/input";
 * assert.deepEqual(bindingFromJson({ key: "KeyQ" }), { key: "KeyQ", mouse: null, gamepad: null });
 * assert.throws(() => bindingFromJson({ key: "Q" }), /key: unknown key code "Q"/);
 * ```
 */
export function bindingFromJson(value: unknown): Binding {
  return bindingAt(value, "");
}

/**
 * Reads a bindings set from its JSON value, checking every field: known actions, key codes,
 * mouse and gamepad buttons and axes; finite deadzones from 0 up to 1; no two actions of one
 * context on the same input.
 *
 * @throws {BindingsError} naming the bad field.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bindingsFromJson, bindingsToJsonValue, defaultBindings } from "@astraweave/input";
 * const json = bindingsToJsonValue(defaultBindings());
 * assert.deepEqual(bindingsFromJson(json), defaultBindings());
 * json.look_axes[0].deadzone = 1;
 * assert.throws(() => bindingsFromJson(json), /^BindingsError: look_axes\[0\]\.deadzone: must be/);
 * ```
 */
export function bindingsFromJson(value: unknown): BindingSet {
  const root = objectAt(value, "");
  onlyFields(root, "", ["actions", "move_axes", "look_axes"]);
  const actionsJson = objectAt(required(root, "", "actions"), "actions");
  const actions: Partial<Record<Action, Binding>> = {};
  for (const name of Object.keys(actionsJson)) {
    const path = member("actions", name);
    if (!isAction(name)) throw new BindingsError(path, "unknown action");
    actions[name] = bindingAt(actionsJson[name], path);
  }
  const set: BindingSet = {
    actions,
    moveAxes: axisPairAt(required(root, "", "move_axes"), "move_axes"),
    lookAxes: axisPairAt(required(root, "", "look_axes"), "look_axes"),
  };
  const conflict = findConflicts(set)[0];
  if (conflict !== undefined) {
    throw new BindingsError(
      `actions.${conflict.second}.${conflict.slot}`,
      `${conflict.input} is also bound to ${conflict.first} in the ${conflict.context} context`,
    );
  }
  return set;
}

/**
 * Reads a bindings document (the text of a file the Rust `save_bindings` or
 * {@link bindingsToJson} wrote).
 *
 * @throws {BindingsError} when the text is longer than {@link MAX_BINDINGS_TEXT}, is not JSON,
 * or has a bad field (named).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BindingsError, parseBindings } from "@astraweave/input";
 * assert.throws(() => parseBindings("not json"), BindingsError);
 * assert.throws(
 *   () => parseBindings('{"actions": {}, "move_axes": [], "look_axes": []}'),
 *   /^BindingsError: move_axes: expected an array of two axis bindings, got \[\]$/,
 * );
 * ```
 */
export function parseBindings(text: string): BindingSet {
  if (text.length > MAX_BINDINGS_TEXT) {
    throw new BindingsError(
      "",
      `document is ${text.length} characters, more than the ${MAX_BINDINGS_TEXT} allowed`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BindingsError("", `not JSON: ${(error as Error).message}`);
  }
  return bindingsFromJson(value);
}
