/**
 * Bindings: which key, mouse button and gamepad button trigger each action, and how the two
 * sticks are read; the Rust defaults; rebinding with conflict detection.
 *
 * @module
 */

import { type Action, actionContext, ACTIONS, type InputContext } from "./actions.ts";
import { BindingConflictError, type BindingSlot } from "./errors.ts";
import { type AxisKind, type GamepadButton, type MouseButton, mouseButtonKey } from "./keys.ts";

/**
 * The inputs bound to one action; `null` where none is (as the Rust `Option`s serialize).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Binding, defaultBindings } from "@astraweave/input";
 * const jump: Binding = { key: "Space", mouse: null, gamepad: null };
 * assert.deepEqual(defaultBindings().actions.Jump, jump);
 * ```
 */
export interface Binding {
  /** A key code, one of `KEY_CODES` ("KeyW"). */
  key: string | null;
  /** A mouse button. */
  mouse: MouseButton | null;
  /** A gamepad button. */
  gamepad: GamepadButton | null;
}

/**
 * How one stick axis is read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type AxisBinding, defaultBindings } from "@astraweave/input";
 * const forward: AxisBinding = { axis: "LeftY", invert: true, deadzone: 0.15 };
 * assert.deepEqual(defaultBindings().moveAxes[1], forward);
 * ```
 */
export interface AxisBinding {
  /** The gamepad axis read. */
  axis: AxisKind;
  /** Negate the value (the Y axes are inverted by default, so that forward is positive). */
  invert: boolean;
  /** Deadzone, from 0 (inclusive) to 1 (exclusive). */
  deadzone: number;
}

/**
 * A complete set of bindings: the Rust `BindingSet` (`moveAxes` and `lookAxes` are its
 * `move_axes` and `look_axes`, the names the JSON form keeps).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type BindingSet, emptyBindings } from "@astraweave/input";
 * const set: BindingSet = emptyBindings();
 * set.actions.Jump = { key: "Space", mouse: null, gamepad: null };
 * assert.equal(set.moveAxes[0].axis, "LeftX");
 * ```
 */
export interface BindingSet {
  /** The binding of each bound action; an action without an entry is unbound. */
  actions: Partial<Record<Action, Binding>>;
  /** The move stick: (x, y). */
  moveAxes: [AxisBinding, AxisBinding];
  /** The look stick: (x, y). */
  lookAxes: [AxisBinding, AxisBinding];
}

/**
 * The Rust `AxisBinding::new` deadzone, and the default move-stick deadzone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_DEADZONE, defaultBindings } from "@astraweave/input";
 * assert.equal(defaultBindings().moveAxes[0].deadzone, DEFAULT_DEADZONE);
 * ```
 */
export const DEFAULT_DEADZONE = 0.15;
/**
 * The default look-stick deadzone (the Rust default `BindingSet`'s `look_axes`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_LOOK_DEADZONE, defaultBindings } from "@astraweave/input";
 * assert.equal(defaultBindings().lookAxes[1].deadzone, DEFAULT_LOOK_DEADZONE);
 * ```
 */
export const DEFAULT_LOOK_DEADZONE = 0.12;

const key = (code: string): Binding => ({ key: code, mouse: null, gamepad: null });
const mouse = (button: MouseButton): Binding => ({ key: null, mouse: button, gamepad: null });

/**
 * The Rust crate's default bindings (`BindingSet::default()`): WASD to move, Space, left Control
 * and left Shift to jump, crouch and sprint, E to interact, the mouse buttons to attack, I M J C
 * and Escape for the screens, Enter, Escape and the arrows in the UI. Ability1 and Ability2 are
 * unbound, and no gamepad button is bound (as in Rust); the sticks move (left) and look (right)
 * with Y inverted, deadzones 0.15 and 0.12. Each call returns a new set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultBindings } from "@astraweave/input";
 * const set = defaultBindings();
 * assert.equal(set.actions.MoveForward?.key, "KeyW");
 * assert.equal(set.actions.AttackLight?.mouse, "Left");
 * assert.equal(Object.keys(set.actions).length, 21);
 * assert.equal(set.moveAxes[1].invert, true);
 * ```
 */
export function defaultBindings(): BindingSet {
  return {
    actions: {
      MoveForward: key("KeyW"),
      MoveBackward: key("KeyS"),
      MoveLeft: key("KeyA"),
      MoveRight: key("KeyD"),
      Jump: key("Space"),
      Crouch: key("ControlLeft"),
      Sprint: key("ShiftLeft"),
      Interact: key("KeyE"),
      AttackLight: mouse("Left"),
      AttackHeavy: mouse("Right"),
      OpenInventory: key("KeyI"),
      OpenMap: key("KeyM"),
      OpenQuests: key("KeyJ"),
      OpenCrafting: key("KeyC"),
      OpenMenu: key("Escape"),
      UiAccept: key("Enter"),
      UiBack: key("Escape"),
      UiUp: key("ArrowUp"),
      UiDown: key("ArrowDown"),
      UiLeft: key("ArrowLeft"),
      UiRight: key("ArrowRight"),
    },
    moveAxes: [
      { axis: "LeftX", invert: false, deadzone: DEFAULT_DEADZONE },
      { axis: "LeftY", invert: true, deadzone: DEFAULT_DEADZONE },
    ],
    lookAxes: [
      { axis: "RightX", invert: false, deadzone: DEFAULT_LOOK_DEADZONE },
      { axis: "RightY", invert: true, deadzone: DEFAULT_LOOK_DEADZONE },
    ],
  };
}

/**
 * An empty set (the Rust `BindingSet::new()`): no action bound, sticks as in the defaults but
 * not inverted, every deadzone 0.15.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { emptyBindings } from "@astraweave/input";
 * const set = emptyBindings();
 * assert.deepEqual(set.actions, {});
 * assert.equal(set.lookAxes[1].axis, "RightY");
 * assert.equal(set.lookAxes[1].invert, false);
 * ```
 */
export function emptyBindings(): BindingSet {
  const axis = (kind: AxisKind): AxisBinding => ({
    axis: kind,
    invert: false,
    deadzone: DEFAULT_DEADZONE,
  });
  return {
    actions: {},
    moveAxes: [axis("LeftX"), axis("LeftY")],
    lookAxes: [axis("RightX"), axis("RightY")],
  };
}

const copyBinding = (b: Binding): Binding => ({
  key: b.key,
  mouse: b.mouse === null || typeof b.mouse === "string" ? b.mouse : { Other: b.mouse.Other },
  gamepad: b.gamepad,
});
const copyAxis = (a: AxisBinding): AxisBinding => ({
  axis: a.axis,
  invert: a.invert,
  deadzone: a.deadzone,
});

/**
 * A deep copy of `set`, sharing nothing with it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cloneBindings, defaultBindings } from "@astraweave/input";
 * const original = defaultBindings();
 * const copy = cloneBindings(original);
 * copy.actions.Jump!.key = "KeyF";
 * assert.equal(original.actions.Jump?.key, "Space");
 * assert.deepEqual(cloneBindings(original), original);
 * ```
 */
export function cloneBindings(set: BindingSet): BindingSet {
  const actions: Partial<Record<Action, Binding>> = {};
  for (const action of ACTIONS) {
    const binding = set.actions[action];
    if (binding !== undefined) actions[action] = copyBinding(binding);
  }
  return {
    actions,
    moveAxes: [copyAxis(set.moveAxes[0]), copyAxis(set.moveAxes[1])],
    lookAxes: [copyAxis(set.lookAxes[0]), copyAxis(set.lookAxes[1])],
  };
}

/**
 * One input to bind: a key code, a mouse button or a gamepad button.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultBindings, type InputSource, rebind } from "@astraweave/input";
 * const pad: InputSource = { gamepad: "South" };
 * assert.equal(rebind(defaultBindings(), "Jump", pad).actions.Jump?.gamepad, "South");
 * ```
 */
export type InputSource =
  | { readonly key: string }
  | { readonly mouse: MouseButton }
  | { readonly gamepad: GamepadButton };

function slotOf(source: InputSource): BindingSlot {
  if ("key" in source) return "key";
  return "mouse" in source ? "mouse" : "gamepad";
}

/** The input in `slot` of `binding` as one comparable string, or undefined when it is empty. */
function slotInput(binding: Binding | undefined, slot: BindingSlot): string | undefined {
  const value = binding?.[slot];
  if (value === null || value === undefined) return undefined;
  return typeof value === "string" ? value : mouseButtonKey(value);
}

/** The display name of `source`'s input ("KeyW", "Other(7)"). */
function sourceInput(source: InputSource): string {
  if ("key" in source) return source.key;
  return "mouse" in source ? mouseButtonKey(source.mouse) : source.gamepad;
}

/**
 * The action of `context`, other than `except`, that `set` binds to `source`'s input, if any.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultBindings, holderOf } from "@astraweave/input";
 * const set = defaultBindings();
 * assert.equal(holderOf(set, "Gameplay", { key: "Escape" }), "OpenMenu");
 * assert.equal(holderOf(set, "UI", { key: "Escape" }), "UiBack");
 * assert.equal(holderOf(set, "Gameplay", { key: "KeyQ" }), undefined);
 * ```
 */
export function holderOf(
  set: BindingSet,
  context: InputContext,
  source: InputSource,
  except?: Action,
): Action | undefined {
  const slot = slotOf(source);
  const input = sourceInput(source);
  for (const action of ACTIONS) {
    if (action === except || actionContext(action) !== context) continue;
    if (slotInput(set.actions[action], slot) === input) return action;
  }
  return undefined;
}

/**
 * Options of {@link rebind}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultBindings, rebind, type RebindOptions } from "@astraweave/input";
 * const trade: RebindOptions = { swap: true };
 * assert.equal(rebind(defaultBindings(), "Jump", { key: "KeyE" }, trade).actions.Interact?.key, "Space");
 * ```
 */
export interface RebindOptions {
  /**
   * When another action of the same context holds the input, give it `action`'s previous input
   * in that slot (or none) instead of refusing.
   */
  swap?: boolean;
}

/**
 * A copy of `set` in which `action`'s key, mouse or gamepad slot (whichever `source` names) is
 * `source`'s input; its other slots are kept. `set` itself is never changed.
 *
 * @throws {BindingConflictError} when another action of the same context is bound to that input
 * and `options.swap` is not set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultBindings, rebind } from "@astraweave/input";
 * const set = rebind(defaultBindings(), "Jump", { gamepad: "South" });
 * assert.deepEqual(set.actions.Jump, { key: "Space", mouse: null, gamepad: "South" });
 * // Interact takes W from MoveForward, which gets Interact's E.
 * const swapped = rebind(set, "Interact", { key: "KeyW" }, { swap: true });
 * assert.equal(swapped.actions.Interact?.key, "KeyW");
 * assert.equal(swapped.actions.MoveForward?.key, "KeyE");
 * // Escape is OpenMenu's in Gameplay, but UiAccept is a UI action: no conflict.
 * assert.equal(rebind(set, "UiAccept", { key: "KeyE" }).actions.UiAccept?.key, "KeyE");
 * ```
 */
export function rebind(
  set: BindingSet,
  action: Action,
  source: InputSource,
  options: RebindOptions = {},
): BindingSet {
  const slot = slotOf(source);
  const holder = holderOf(set, actionContext(action), source, action);
  if (holder !== undefined && !options.swap) {
    throw new BindingConflictError(
      action,
      holder,
      slot,
      sourceInput(source),
      actionContext(action),
    );
  }
  const next = cloneBindings(set);
  const own = next.actions[action] ?? { key: null, mouse: null, gamepad: null };
  if (holder !== undefined) {
    const other = next.actions[holder]!;
    next.actions[holder] = { ...other, [slot]: own[slot] };
  }
  next.actions[action] = {
    ...own,
    [slot]: "key" in source ? source.key : "mouse" in source ? source.mouse : source.gamepad,
  };
  return next;
}

/**
 * A copy of `set` with `action`'s `slot` emptied; an action left with nothing bound loses its
 * entry.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultBindings, unbind } from "@astraweave/input";
 * const set = unbind(defaultBindings(), "Jump", "key");
 * assert.equal(set.actions.Jump, undefined);
 * ```
 */
export function unbind(set: BindingSet, action: Action, slot: BindingSlot): BindingSet {
  const next = cloneBindings(set);
  const own = next.actions[action];
  if (own === undefined) return next;
  const emptied = { ...own, [slot]: null };
  if (emptied.key === null && emptied.mouse === null && emptied.gamepad === null) {
    delete next.actions[action];
  } else {
    next.actions[action] = emptied;
  }
  return next;
}

/**
 * Two actions of one context bound to the same input.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultBindings, findConflicts } from "@astraweave/input";
 * const set = defaultBindings();
 * set.actions.UiBack = { key: "Enter", mouse: null, gamepad: null };
 * const [conflict] = findConflicts(set);
 * assert.equal(conflict.first, "UiAccept");
 * assert.equal(conflict.second, "UiBack");
 * ```
 */
export interface BindingConflict {
  /** The context both actions belong to. */
  context: InputContext;
  /** The slot the input is in. */
  slot: BindingSlot;
  /** The input ("KeyW", "Other(7)", "South"). */
  input: string;
  /** The first action (in `ACTIONS` order) bound to it. */
  first: Action;
  /** A later action bound to it too. */
  second: Action;
}

/**
 * Every pair of actions of one context that `set` binds to the same input, first action first:
 * what a set built by {@link rebind} never has, and what a hand-edited file may.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultBindings, findConflicts } from "@astraweave/input";
 * const set = defaultBindings();
 * assert.deepEqual(findConflicts(set), []);
 * set.actions.Jump = { key: "KeyW", mouse: null, gamepad: null };
 * assert.deepEqual(findConflicts(set), [
 *   { context: "Gameplay", slot: "key", input: "KeyW", first: "MoveForward", second: "Jump" },
 * ]);
 * ```
 */
export function findConflicts(set: BindingSet): BindingConflict[] {
  const conflicts: BindingConflict[] = [];
  const seen = new Map<string, Action>();
  for (const action of ACTIONS) {
    const context = actionContext(action);
    for (const slot of ["key", "mouse", "gamepad"] as const) {
      const input = slotInput(set.actions[action], slot);
      if (input === undefined) continue;
      const id = `${context} ${slot} ${input}`;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, action);
      else conflicts.push({ context, slot, input, first, second: action });
    }
  }
  return conflicts;
}
