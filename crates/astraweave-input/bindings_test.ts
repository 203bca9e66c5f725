// The actions, contexts and default bindings as the Rust crate has them; rebinding and conflicts.
import assert from "node:assert/strict";
import {
  actionContext,
  ACTIONS,
  actionsOf,
  BindingConflictError,
  defaultBindings,
  findConflicts,
  GAMEPAD_BUTTONS,
  holderOf,
  rebind,
  unbind,
} from "./mod.ts";

Deno.test("23 actions in the Rust order; 17 gameplay and 6 UI", () => {
  assert.equal(ACTIONS.length, 23);
  assert.deepEqual(ACTIONS.slice(12, 17), [
    "OpenInventory",
    "OpenMap",
    "OpenQuests",
    "OpenCrafting",
    "OpenMenu",
  ]);
  assert.equal(actionsOf("Gameplay").length, 17);
  assert.equal(actionContext("OpenInventory"), "Gameplay", "a UI toggle is a gameplay action");
  assert.equal(GAMEPAD_BUTTONS.length, 16);
});

Deno.test("default bindings: the Rust BindingSet::default(), key by key", () => {
  const set = defaultBindings();
  const keys = Object.fromEntries(
    Object.entries(set.actions).map(([action, b]) => [action, b.key ?? b.mouse]),
  );
  assert.deepEqual(keys, {
    MoveForward: "KeyW",
    MoveBackward: "KeyS",
    MoveLeft: "KeyA",
    MoveRight: "KeyD",
    Jump: "Space",
    Crouch: "ControlLeft",
    Sprint: "ShiftLeft",
    Interact: "KeyE",
    AttackLight: "Left",
    AttackHeavy: "Right",
    OpenInventory: "KeyI",
    OpenMap: "KeyM",
    OpenQuests: "KeyJ",
    OpenCrafting: "KeyC",
    OpenMenu: "Escape",
    UiAccept: "Enter",
    UiBack: "Escape",
    UiUp: "ArrowUp",
    UiDown: "ArrowDown",
    UiLeft: "ArrowLeft",
    UiRight: "ArrowRight",
  });
  for (const binding of Object.values(set.actions)) assert.equal(binding.gamepad, null);
  assert.deepEqual(set.moveAxes, [
    { axis: "LeftX", invert: false, deadzone: 0.15 },
    { axis: "LeftY", invert: true, deadzone: 0.15 },
  ]);
  assert.deepEqual(set.lookAxes, [
    { axis: "RightX", invert: false, deadzone: 0.12 },
    { axis: "RightY", invert: true, deadzone: 0.12 },
  ]);
  assert.deepEqual(findConflicts(set), [], "Escape is in two contexts, which is no conflict");
  assert.notEqual(defaultBindings().actions, set.actions, "a new set each call");
});

Deno.test("rebind: refused on a conflict, original untouched; swap trades the slot", () => {
  const set = defaultBindings();
  const before = structuredClone(set);
  assert.throws(() => rebind(set, "Sprint", { mouse: "Left" }), BindingConflictError);
  assert.deepEqual(set, before);
  const swapped = rebind(set, "Sprint", { mouse: "Left" }, { swap: true });
  assert.deepEqual(swapped.actions.Sprint, { key: "ShiftLeft", mouse: "Left", gamepad: null });
  // AttackLight had only the mouse button, and Sprint had no mouse button to give it.
  assert.deepEqual(swapped.actions.AttackLight, { key: null, mouse: null, gamepad: null });
  assert.deepEqual(set, before, "rebind returns a copy");
  // Other(n) buttons compare by number.
  const other = rebind(set, "Ability1", { mouse: { Other: 9 } });
  assert.equal(holderOf(other, "Gameplay", { mouse: { Other: 9 } }), "Ability1");
  assert.throws(() => rebind(other, "Ability2", { mouse: { Other: 9 } }), /Other\(9\)/);
  // Rebinding an action to what it already has is no conflict.
  assert.deepEqual(rebind(set, "Jump", { key: "Space" }), set);
});

Deno.test("unbind empties one slot, and drops an action left with nothing", () => {
  const both = rebind(defaultBindings(), "Jump", { gamepad: "South" });
  const keyless = unbind(both, "Jump", "key");
  assert.deepEqual(keyless.actions.Jump, { key: null, mouse: null, gamepad: "South" });
  assert.equal(unbind(keyless, "Jump", "gamepad").actions.Jump, undefined);
  assert.deepEqual(unbind(both, "Ability1", "key"), both, "an unbound action stays unbound");
});

Deno.test("findConflicts lists every clash, per context and slot", () => {
  const set = defaultBindings();
  set.actions.Jump = { key: "KeyW", mouse: "Right", gamepad: null };
  set.actions.UiUp = { key: "ArrowDown", mouse: null, gamepad: null };
  assert.deepEqual(findConflicts(set), [
    { context: "Gameplay", slot: "key", input: "KeyW", first: "MoveForward", second: "Jump" },
    { context: "Gameplay", slot: "mouse", input: "Right", first: "Jump", second: "AttackHeavy" },
    { context: "UI", slot: "key", input: "ArrowDown", first: "UiUp", second: "UiDown" },
  ]);
});
