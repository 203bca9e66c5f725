/**
 * The crate's typed errors: a bindings file that is not valid (naming the field), and a rebinding
 * refused because another action of the same context holds the input.
 *
 * @module
 */

import type { Action, InputContext } from "./actions.ts";

/**
 * A bindings document that cannot be used. `field` is the path of the bad value, as it is spelled
 * in the JSON (`actions.Jump.key`, `move_axes[1].deadzone`), or "" for the document itself.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BindingsError, parseBindings } from "@astraweave/input";
 * assert.throws(
 *   () => parseBindings('{"actions": {"Fly": {}}, "move_axes": [], "look_axes": []}'),
 *   (error) => error instanceof BindingsError && error.field === "actions.Fly",
 * );
 * ```
 */
export class BindingsError extends Error {
  /** The path of the bad value in the document ("" for the document as a whole). */
  readonly field: string;

  /** `problem` is said after the field: "actions.Jump.key: unknown key code "KeyÜ"". */
  constructor(field: string, problem: string) {
    super(field === "" ? problem : `${field}: ${problem}`);
    this.name = "BindingsError";
    this.field = field;
  }
}

/**
 * The part of a binding that a rebinding sets.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type BindingSlot, defaultBindings, unbind } from "@astraweave/input";
 * const slot: BindingSlot = "mouse";
 * assert.equal(unbind(defaultBindings(), "AttackLight", slot).actions.AttackLight, undefined);
 * ```
 */
export type BindingSlot = "key" | "mouse" | "gamepad";

/**
 * A rebinding refused because `holder`, an action of the same context, is already bound to the
 * same input. Retry with `{ swap: true }` to trade inputs with it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BindingConflictError, defaultBindings, rebind } from "@astraweave/input";
 * assert.throws(
 *   () => rebind(defaultBindings(), "Jump", { key: "KeyW" }),
 *   (error) => error instanceof BindingConflictError && error.holder === "MoveForward",
 * );
 * ```
 */
export class BindingConflictError extends Error {
  /** The action that was being rebound. */
  readonly action: Action;
  /** The action that already holds the input. */
  readonly holder: Action;
  /** Which part of the binding the input goes in. */
  readonly slot: BindingSlot;
  /** The context both actions belong to. */
  readonly context: InputContext;

  /** `input` is the input's display name ("KeyW", "Left", "Other(7)", "South"). */
  constructor(
    action: Action,
    holder: Action,
    slot: BindingSlot,
    input: string,
    context: InputContext,
  ) {
    super(`${slot} ${input} is already bound to ${holder} in the ${context} context`);
    this.name = "BindingConflictError";
    this.action = action;
    this.holder = holder;
    this.slot = slot;
    this.context = context;
  }
}
