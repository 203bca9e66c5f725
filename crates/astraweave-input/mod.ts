/**
 * astraweave-input: actions, contexts and bindings for keyboard, mouse, gamepad and touch, the
 * TypeScript port of the AstraWeave engine's Rust crate of the same name. The
 * {@link InputManager} is fed events (no DOM needed) and a frame boundary, and answers which of
 * the 23 actions are down, just pressed or just released, the move and look sticks (radial
 * deadzone with rescale) and the mouse look delta; bindings are rebound with conflict detection
 * and saved as the Rust crate's JSON.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bindingsToJson, InputManager, parseBindings } from "@astraweave/input";
 * const input = new InputManager();
 * input.keyDown("KeyW");
 * assert.deepEqual(input.moveAxis(), { x: 0, y: 1 });
 * input.rebind("Jump", { gamepad: "South" });
 * const saved = bindingsToJson(input.bindings);
 * assert.equal(parseBindings(saved).actions.Jump?.gamepad, "South");
 * ```
 *
 * @module
 */

export * from "./actions.ts";
export * from "./bindings.ts";
export * from "./deadzone.ts";
export * from "./errors.ts";
export * from "./json.ts";
export * from "./keys.ts";
export * from "./manager.ts";
export * from "./save.ts";
