// The manager's frame semantics, contexts, sources, sticks and rebinding.
import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import {
  type Action,
  actionContext,
  actionIndex,
  ACTIONS,
  BindingConflictError,
  BindingsError,
  CONTEXTS,
  defaultBindings,
  InputManager,
  type InputSource,
  type MouseButton,
  mouseButtonKey,
  rebind,
} from "./mod.ts";

Deno.test("justPressed holds for one frame only; isDown while held", () => {
  const input = new InputManager();
  input.keyDown("Space");
  assert.equal(input.justPressed("Jump"), true);
  input.clearFrame();
  assert.equal(input.justPressed("Jump"), false);
  assert.equal(input.isDown("Jump"), true);
  input.keyDown("Space"); // key repeat
  assert.equal(input.justPressed("Jump"), false);
  input.clearFrame();
  input.keyUp("Space");
  assert.equal(input.isDown("Jump"), false);
  assert.equal(input.justReleased("Jump"), true);
  input.clearFrame();
  assert.equal(input.justReleased("Jump"), false);
});

Deno.test("a press and release within one frame is seen as both, and not lost", () => {
  const input = new InputManager();
  input.keyDown("KeyE");
  input.keyUp("KeyE");
  assert.equal(input.isDown("Interact"), false);
  assert.equal(input.justPressed("Interact"), true);
  assert.equal(input.justReleased("Interact"), true);
  input.clearFrame();
  assert.equal(input.justPressed("Interact"), false);
  assert.equal(input.justReleased("Interact"), false);
});

Deno.test("an action is down while any of its inputs is held (Rust released it on the first up)", () => {
  const input = new InputManager({
    bindings: rebind(defaultBindings(), "Jump", { gamepad: "South" }),
  });
  input.keyDown("Space");
  input.gamepadButton("South", true);
  input.keyUp("Space");
  assert.equal(input.isDown("Jump"), true);
  assert.equal(input.justReleased("Jump"), false);
  input.gamepadButton("South", false);
  assert.equal(input.isDown("Jump"), false);
});

Deno.test("mouse buttons, including Other(n), and DOM key aliases", () => {
  const input = new InputManager({
    bindings: rebind(defaultBindings(), "Ability1", { mouse: { Other: 8 } }),
  });
  input.mouseButton({ Other: 8 }, true);
  assert.equal(input.isDown("Ability1"), true);
  input.mouseButton({ Other: 8 }, false);
  assert.equal(input.isDown("Ability1"), false);
  input.rebind("Ability2", { key: "SuperLeft" });
  input.keyDown("MetaLeft"); // what a browser reports for the same key
  assert.equal(input.isDown("Ability2"), true);
  input.keyDown("Unidentified"); // ignored, not an error
  assert.throws(() => input.mouseButton({ Other: -1 }, true), RangeError);
});

Deno.test("only the active context's actions respond; a switch releases the old ones", () => {
  const input = new InputManager();
  input.keyDown("KeyW");
  input.keyDown("Enter");
  assert.equal(input.isDown("MoveForward"), true);
  assert.equal(input.isDown("UiAccept"), false, "a UI action in Gameplay");
  input.clearFrame();
  input.setContext("UI");
  assert.equal(input.context, "UI");
  assert.equal(input.isDown("MoveForward"), false);
  assert.equal(input.justReleased("MoveForward"), true);
  assert.equal(input.isDown("UiAccept"), false, "Enter was held before the switch");
  assert.deepEqual(input.moveAxis(), { x: 0, y: 0 });
  input.keyUp("Enter");
  input.keyDown("Enter");
  assert.equal(input.justPressed("UiAccept"), true);
  input.keyDown("ArrowUp");
  assert.equal(input.isDown("UiUp"), true);
  assert.throws(() => input.setContext("Menu" as "UI"), TypeError);
});

Deno.test("one Escape opens the menu and does not also close it (Rust fired both)", () => {
  const input = new InputManager();
  input.keyDown("Escape");
  assert.equal(input.justPressed("OpenMenu"), true);
  assert.equal(input.isDown("UiBack"), false);
  input.setContext("UI");
  input.clearFrame();
  assert.equal(input.isDown("UiBack"), false);
  input.keyUp("Escape");
  assert.equal(input.justReleased("UiBack"), false, "never pressed, never released");
  input.keyDown("Escape");
  assert.equal(input.justPressed("UiBack"), true);
  assert.equal(input.isDown("OpenMenu"), false);
});

Deno.test("rebinding: conflicts in the same context are refused unless swapped", () => {
  const input = new InputManager();
  assert.throws(
    () => input.rebind("Jump", { key: "KeyW" }),
    (error) =>
      error instanceof BindingConflictError && error.holder === "MoveForward" &&
      error.slot === "key" && error.context === "Gameplay" &&
      error.message === "key KeyW is already bound to MoveForward in the Gameplay context",
  );
  assert.equal(input.bindingOf("Jump")?.key, "Space", "kept after the refusal");
  input.rebind("Jump", { key: "KeyW" }, { swap: true });
  assert.equal(input.bindingOf("Jump")?.key, "KeyW");
  assert.equal(input.bindingOf("MoveForward")?.key, "Space");
  input.keyDown("KeyW");
  assert.equal(input.isDown("Jump"), true);
  assert.equal(input.isDown("MoveForward"), false);
  // The same key in the other context is no conflict: Escape is OpenMenu's and UiBack's.
  input.rebind("UiAccept", { key: "KeyE" });
  assert.equal(input.bindingOf("UiAccept")?.key, "KeyE");
});

Deno.test("a held key rebound to another action does not fire it until pressed again", () => {
  const input = new InputManager();
  input.keyDown("KeyQ");
  input.rebind("Ability1", { key: "KeyQ" });
  assert.equal(input.isDown("Ability1"), false);
  input.keyUp("KeyQ");
  input.keyDown("KeyQ");
  assert.equal(input.justPressed("Ability1"), true);
  // Unbinding a held key releases its action.
  input.setBindings(defaultBindings());
  assert.equal(input.isDown("Ability1"), false);
  assert.equal(input.justReleased("Ability1"), true);
});

Deno.test("bad bindings are refused and the previous ones kept", () => {
  const input = new InputManager();
  input.rebind("Ability1", { key: "KeyQ" });
  const bad = defaultBindings();
  bad.actions.Jump = { key: "Spacebar", mouse: null, gamepad: null };
  assert.throws(() => input.setBindings(bad), /actions\.Jump\.key: unknown key code "Spacebar"/);
  assert.throws(() => new InputManager({ bindings: bad }), BindingsError);
  assert.equal(input.bindingOf("Ability1")?.key, "KeyQ");
  input.keyDown("KeyQ");
  assert.equal(input.isDown("Ability1"), true);
  // What bindingOf hands out cannot be changed behind the manager's back.
  assert.throws(() => {
    (input.bindingOf("Jump") as { key: string }).key = "KeyZ";
  }, TypeError);
  const copy = input.bindings;
  copy.actions.Jump!.key = "KeyZ";
  assert.equal(input.bindingOf("Jump")?.key, "Space");
});

Deno.test("move axis: keys, normalized diagonals, opposite keys cancel; stick wins over keys", () => {
  const input = new InputManager();
  input.keyDown("KeyA");
  assert.deepEqual(input.moveAxis(), { x: -1, y: 0 });
  input.keyDown("KeyD");
  assert.deepEqual(input.moveAxis(), { x: 0, y: 0 });
  input.keyDown("KeyS");
  assert.deepEqual(input.moveAxis(), { x: 0, y: -1 });
  input.gamepadAxis("LeftY", -0.1); // inside the deadzone: the keys still count
  assert.deepEqual(input.moveAxis(), { x: 0, y: -1 });
  input.gamepadAxis("LeftY", -1); // pushed up: Y is inverted, so forward
  assert.deepEqual(input.moveAxis(), { x: 0, y: 1 });
  input.gamepadAxis("LeftY", 0.15); // exactly the deadzone: zero, back to the keys
  assert.deepEqual(input.moveAxis(), { x: 0, y: -1 });
});

Deno.test("sticks: clamped, radial deadzone, axes as bound (swapped sticks work)", () => {
  const input = new InputManager();
  input.gamepadAxis("LeftX", 7);
  assert.equal(input.axisValue("LeftX"), 1);
  input.gamepadAxis("LT", -1);
  assert.equal(input.axisValue("LT"), 0);
  assert.throws(() => input.gamepadAxis("LeftX", NaN), /axis LeftX must be a finite number/);
  assert.throws(() => input.gamepadAxis("Z" as "LT", 0), RangeError);
  const swapped = defaultBindings();
  [swapped.moveAxes, swapped.lookAxes] = [swapped.lookAxes, swapped.moveAxes];
  const lefty = new InputManager({ bindings: swapped });
  lefty.gamepadAxis("RightX", 1);
  assert.deepEqual(lefty.moveAxis(), { x: 1, y: 0 });
  assert.deepEqual(lefty.lookAxis(), { x: 0, y: 0 });
});

Deno.test("touch stick: 80 px radius, Y up, clamped radially, first touch only", () => {
  const input = new InputManager();
  input.touchStart(7, 100, 100);
  input.touchStart(8, 0, 0); // a second finger does not take the stick
  input.touchMove(8, 500, 500);
  input.touchMove(7, 140, 100);
  assert.deepEqual(input.moveAxis(), { x: 0.5, y: 0 });
  input.touchMove(7, 400, -200); // far up-right: length 1, not (1, 1)
  const move = input.moveAxis();
  assert.ok(Math.abs(Math.hypot(move.x, move.y) - 1) < 1e-12);
  input.gamepadAxis("LeftX", -1);
  input.touchEnd(7);
  // Ending the touch leaves the gamepad stick alone (the Rust manager zeroed it).
  assert.deepEqual(input.moveAxis(), { x: -1, y: 0 });
  assert.throws(() => input.touchStart(1, NaN, 0), RangeError);
  assert.throws(() => input.touchStart(NaN, 0, 0), /touch id/); // it would never end
});

Deno.test("look delta: mouse motion summed over the frame, times the sensitivity", () => {
  const input = new InputManager({ lookSensitivity: 0.5 });
  input.mouseMotion(4, 2);
  input.mouseMotion(-2, 6);
  assert.deepEqual(input.lookDelta(), { x: 1, y: 4 });
  input.clearFrame();
  assert.deepEqual(input.lookDelta(), { x: 0, y: 0 });
  assert.throws(() => input.mouseMotion(Infinity, 0), RangeError);
  assert.throws(() => new InputManager({ lookSensitivity: 0 }), RangeError);
  assert.equal(new InputManager().lookSensitivity, 0.12);
});

Deno.test("pollGamepad: standard layout buttons and axes, edges only", () => {
  const input = new InputManager({
    bindings: rebind(defaultBindings(), "Jump", { gamepad: "South" }),
  });
  const buttons = Array.from({ length: 17 }, () => ({ pressed: false, value: 0 }));
  buttons[0] = { pressed: true, value: 1 };
  input.pollGamepad({ buttons, axes: [0.5, 0, 0, 0] });
  assert.equal(input.justPressed("Jump"), true);
  input.clearFrame();
  input.pollGamepad({ buttons, axes: [0.5, 0, 0, 0] });
  assert.equal(input.justPressed("Jump"), false, "still held is not a new press");
  assert.ok(input.moveAxis().x > 0);
  input.pollGamepad({ buttons: [], axes: [] }); // a pad with nothing: no error
});

Deno.test("unknown actions are a TypeError", () => {
  const input = new InputManager();
  for (const name of ["Fly", "__proto__", "toString"]) {
    assert.throws(() => input.isDown(name as Action), TypeError);
  }
  for (const action of ACTIONS) assert.equal(input.isDown(action), false);
});

Deno.test("a query by index answers as by name, and refuses what is not an action's index", () => {
  const input = new InputManager();
  input.keyDown("KeyW");
  input.keyDown("Space");
  for (const [i, action] of ACTIONS.entries()) {
    assert.equal(actionIndex(action), i);
    assert.equal(input.isDownAt(i), input.isDown(action), action);
    assert.equal(input.justPressedAt(i), input.justPressed(action), action);
  }
  for (const bad of [-1, 23, 1.5, NaN, Infinity, 2 ** 32]) {
    assert.throws(() => input.isDownAt(bad), RangeError, String(bad));
    assert.throws(() => input.justPressedAt(bad), RangeError, String(bad));
    assert.throws(() => input.justReleasedAt(bad), RangeError, String(bad));
  }
});

Deno.test("20,000 random events, switches and rebindings keep the state consistent", () => {
  const random = mulberry32(0x1e7e_5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const keys = ["KeyW", "KeyS", "KeyD", "Space", "Escape", "Enter", "ArrowUp", "KeyQ", "ShiftLeft"];
  const pads = ["South", "East", "Start"] as const;
  const mice: MouseButton[] = ["Left", "Right", { Other: 8 }];
  const input = new InputManager({
    bindings: rebind(rebind(defaultBindings(), "Jump", { gamepad: "South" }), "UiAccept", {
      gamepad: "South",
    }),
  });
  const heldKeys = new Set<string>(), heldPads = new Set<string>(), heldMice = new Set<string>();
  let downSeen = 0, edgesSeen = 0;
  for (let step = 0; step < 20_000; step++) {
    const before = ACTIONS.map((action) => input.isDown(action));
    const roll = random();
    const down = random() < 0.5;
    if (roll < 0.4) {
      const key = pick(keys);
      if (down) input.keyDown(key);
      else input.keyUp(key);
      if (down) heldKeys.add(key);
      else heldKeys.delete(key);
    } else if (roll < 0.55) {
      const pad = pick(pads);
      input.gamepadButton(pad, down);
      if (down) heldPads.add(pad);
      else heldPads.delete(pad);
    } else if (roll < 0.7) {
      const button = pick(mice);
      input.mouseButton(button, down);
      if (down) heldMice.add(mouseButtonKey(button));
      else heldMice.delete(mouseButtonKey(button));
    } else if (roll < 0.78) {
      input.setContext(pick(CONTEXTS));
    } else if (roll < 0.84) {
      const source = pick<InputSource>([
        { key: pick(keys) },
        { gamepad: pick(pads) },
        { mouse: pick(mice) },
      ]);
      try {
        input.rebind(pick(ACTIONS), source, { swap: random() < 0.5 });
      } catch (error) {
        assert.ok(error instanceof BindingConflictError, String(error));
      }
    } else if (roll < 0.99) {
      input.clearFrame();
      continue;
    } else {
      input.releaseAll();
      for (const held of [heldKeys, heldPads, heldMice]) held.clear();
    }
    for (const [i, action] of ACTIONS.entries()) {
      const now = input.isDown(action);
      assert.equal(input.isDownAt(i), now, `step ${step}: ${action} by index`);
      assert.equal(input.justPressedAt(i), input.justPressed(action), `step ${step}: ${action}`);
      assert.equal(input.justReleasedAt(i), input.justReleased(action), `step ${step}: ${action}`);
      if (now) {
        downSeen++;
        const b = input.bindingOf(action)!;
        const held = (b.key !== null && heldKeys.has(b.key)) ||
          (b.gamepad !== null && heldPads.has(b.gamepad)) ||
          (b.mouse !== null && heldMice.has(mouseButtonKey(b.mouse)));
        assert.ok(held, `step ${step}: ${action} down with none of its inputs held`);
        assert.equal(actionContext(action), input.context, `step ${step}: ${action}`);
      }
      if (now !== before[i]) {
        edgesSeen++;
        assert.ok(
          now ? input.justPressed(action) : input.justReleased(action),
          `step ${step}: ${action} changed without its edge`,
        );
      }
    }
  }
  assert.ok(downSeen > 10_000 && edgesSeen > 1000, `${downSeen} downs, ${edgesSeen} edges`);
  input.releaseAll();
  for (const action of ACTIONS) assert.equal(input.isDown(action), false);
});
