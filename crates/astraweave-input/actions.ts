/**
 * The game's actions and the two input contexts, with the Rust crate's names and order.
 *
 * @module
 */

/**
 * Every action, in the Rust `Action::all()` order: movement and combat (gameplay), the UI toggles
 * (also gameplay: they open a screen from the game), and the six UI navigation actions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ACTIONS } from "@astraweave/input";
 * assert.equal(ACTIONS.length, 23);
 * assert.equal(ACTIONS[0], "MoveForward");
 * ```
 */
export const ACTIONS = [
  "MoveForward",
  "MoveBackward",
  "MoveLeft",
  "MoveRight",
  "Jump",
  "Crouch",
  "Sprint",
  "Interact",
  "AttackLight",
  "AttackHeavy",
  "Ability1",
  "Ability2",
  "OpenInventory",
  "OpenMap",
  "OpenQuests",
  "OpenCrafting",
  "OpenMenu",
  "UiAccept",
  "UiBack",
  "UiUp",
  "UiDown",
  "UiLeft",
  "UiRight",
] as const;

/**
 * One of the 23 {@link ACTIONS}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Action, isAction } from "@astraweave/input";
 * const jump: Action = "Jump";
 * assert.ok(isAction(jump));
 * ```
 */
export type Action = typeof ACTIONS[number];

/**
 * The input contexts: actions of only one of them respond at a time.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CONTEXTS } from "@astraweave/input";
 * assert.deepEqual(CONTEXTS, ["Gameplay", "UI"]);
 * ```
 */
export const CONTEXTS = ["Gameplay", "UI"] as const;

/**
 * One of the {@link CONTEXTS}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { actionContext, type InputContext } from "@astraweave/input";
 * const ui: InputContext = "UI";
 * assert.equal(actionContext("UiUp"), ui);
 * ```
 */
export type InputContext = typeof CONTEXTS[number];

const ACTION_INDEX: ReadonlyMap<string, number> = new Map(ACTIONS.map((a, i) => [a, i]));
/** The first UI navigation action: every action from here on belongs to the UI context. */
const FIRST_UI_ACTION = ACTIONS.indexOf("UiAccept");

/**
 * Whether `value` names an action (own names only: "toString" or "__proto__" is not one).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isAction } from "@astraweave/input";
 * assert.equal(isAction("Jump"), true);
 * assert.equal(isAction("__proto__"), false);
 * ```
 */
export function isAction(value: unknown): value is Action {
  return typeof value === "string" && ACTION_INDEX.has(value);
}

/**
 * The position of `action` in {@link ACTIONS}: the index the manager's state arrays use.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { actionIndex } from "@astraweave/input";
 * assert.equal(actionIndex("MoveForward"), 0);
 * assert.equal(actionIndex("UiRight"), 22);
 * ```
 */
export function actionIndex(action: Action): number {
  const index = ACTION_INDEX.get(action);
  if (index === undefined) throw new TypeError(`unknown action ${JSON.stringify(action)}`);
  return index;
}

/**
 * The context `action` belongs to, as in Rust: the six UI navigation actions are "UI", every
 * other action (the UI toggles included) is "Gameplay".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { actionContext } from "@astraweave/input";
 * assert.equal(actionContext("OpenMenu"), "Gameplay");
 * assert.equal(actionContext("UiBack"), "UI");
 * ```
 */
export function actionContext(action: Action): InputContext {
  return actionIndex(action) >= FIRST_UI_ACTION ? "UI" : "Gameplay";
}

/**
 * The actions of one context, in {@link ACTIONS} order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { actionsOf } from "@astraweave/input";
 * assert.deepEqual(actionsOf("UI"), ["UiAccept", "UiBack", "UiUp", "UiDown", "UiLeft", "UiRight"]);
 * assert.equal(actionsOf("Gameplay").length, 17);
 * ```
 */
export function actionsOf(context: InputContext): Action[] {
  return ACTIONS.filter((action) => actionContext(action) === context);
}

/**
 * Whether `value` names an input context.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isInputContext } from "@astraweave/input";
 * assert.equal(isInputContext("UI"), true);
 * assert.equal(isInputContext("Menu"), false);
 * ```
 */
export function isInputContext(value: unknown): value is InputContext {
  return value === "Gameplay" || value === "UI";
}
