import assert from "node:assert/strict";
import { DEFAULT_BINDINGS, keyNameFromCode, KeyRebinder, rebind, UiError } from "./state.ts";

Deno.test("keyNameFromCode names keys as the settings file does", () => {
  const cases: [string, string][] = [
    ["KeyA", "A"],
    ["Digit0", "0"],
    ["ShiftRight", "RShift"],
    ["ControlLeft", "LControl"],
    ["ArrowLeft", "Left"],
    ["F5", "F5"],
    ["Space", "Space"],
    ["Tab", "Tab"],
  ];
  for (const [code, name] of cases) assert.equal(keyNameFromCode(code), name);
});

Deno.test("the rebinder captures the next key only after start, and binds a free key", () => {
  const r = new KeyRebinder(DEFAULT_BINDINGS);
  assert.deepEqual(r.capture("Q"), { status: "idle" });
  r.start("jump");
  assert.equal(r.waiting, "jump");
  assert.deepEqual(r.capture("Q"), { status: "bound", action: "jump", key: "Q" });
  assert.equal(r.bindings.jump, "Q");
  assert.equal(r.waiting, null);
  // Binding an action to the key it already has is not a conflict.
  r.start("jump");
  assert.equal(r.capture("Q").status, "bound");
});

Deno.test("a reserved key is refused and the rebinder keeps waiting", () => {
  const r = new KeyRebinder(DEFAULT_BINDINGS);
  r.start("interact");
  const result = r.capture("Escape");
  assert.equal(result.status, "refused");
  assert.match(result.status === "refused" ? result.reason : "", /reserved/);
  assert.equal(r.waiting, "interact");
  assert.equal(r.capture("F").status, "bound");
});

Deno.test("a key bound elsewhere is refused until a swap is confirmed; cancel changes nothing", () => {
  const r = new KeyRebinder(DEFAULT_BINDINGS);
  r.start("sprint");
  assert.deepEqual(r.capture("W"), {
    status: "conflict",
    action: "sprint",
    key: "W",
    holder: "moveForward",
  });
  assert.deepEqual(r.bindings, DEFAULT_BINDINGS);
  r.cancel();
  assert.equal(r.conflict, null);
  assert.throws(() => r.confirmSwap(), (e) => e instanceof UiError && e.kind === "invalid_action");
  assert.deepEqual(r.bindings, DEFAULT_BINDINGS);

  r.start("sprint");
  r.capture("W");
  const swapped = r.confirmSwap();
  assert.equal(swapped.sprint, "W");
  assert.equal(swapped.moveForward, "LShift");
  assert.equal(new Set(Object.values(swapped)).size, 10);
});

Deno.test("rebind without swap names the holder", () => {
  assert.throws(
    () => rebind(DEFAULT_BINDINGS, "attack", "Tab"),
    (e) =>
      e instanceof UiError && e.kind === "invalid_binding" &&
      e.message === "Tab is already bound to inventory" && e.field === "controls.bindings.attack",
  );
});
