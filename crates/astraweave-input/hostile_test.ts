// Hostile bindings documents: each is refused with a BindingsError naming a field, or accepted as
// a set that a manager runs with and that writes back to the same set. Seeded mutations of a valid
// document; a failing case reproduces from its seed and index.
import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import { deepArray, describe, jsonText, mutateJson, mutateText } from "@astraweave/testing/hostile";
import {
  BindingsError,
  type BindingSet,
  bindingsFromJson,
  bindingsToJson,
  bindingsToJsonValue,
  defaultBindings,
  InputManager,
  parseBindings,
  rebind,
} from "./mod.ts";

const VALID = bindingsToJsonValue(
  rebind(rebind(defaultBindings(), "Ability1", { mouse: { Other: 5 } }), "Jump", {
    gamepad: "South",
  }),
);
const VALID_TEXT = bindingsToJson(bindingsFromJson(VALID));

/** Refused with a short, field-naming BindingsError, or usable: both are fine; anything else fails. */
function check(run: () => BindingSet, what: string): void {
  let set: BindingSet;
  try {
    set = run();
  } catch (error) {
    assert.ok(error instanceof BindingsError, `${what}: expected a BindingsError, got ${error}`);
    assert.ok(error.message.length < 300, `${what}: message of ${error.message.length} characters`);
    return;
  }
  assert.deepEqual(parseBindings(bindingsToJson(set)), set, `${what}: round trip`);
  const input = new InputManager({ bindings: set });
  input.keyDown("KeyW");
  input.gamepadButton("South", true);
  input.gamepadAxis("LeftX", 0.9);
  const move = input.moveAxis();
  assert.ok(Number.isFinite(move.x) && Number.isFinite(move.y), what);
  input.clearFrame();
}

Deno.test("hostile: 5,000 mutated documents are refused by field or work", () => {
  const random = mulberry32(0x1a9b_7e11);
  for (let i = 0; i < 5000; i++) {
    const document = mutateJson(VALID, random);
    check(() => bindingsFromJson(document), `case ${i}: ${describe(document)}`);
  }
});

Deno.test("hostile: 3,000 mutated texts are refused or work", () => {
  const random = mulberry32(0x7e57_0b0e);
  for (let i = 0; i < 3000; i++) {
    const text = mutateText(VALID_TEXT, random);
    check(() => parseBindings(text), `case ${i}: ${describe(text)}`);
  }
});

Deno.test("hostile: prototype keys are refused as unknown and pollute nothing", () => {
  const cases: [string, string][] = [
    ['{"__proto__": {"polluted": true}, "actions": {}}', "__proto__"],
    ['{"actions": {"__proto__": {"key": "KeyW"}}}', "actions.__proto__"],
    ['{"actions": {"constructor": {"key": "KeyW"}}}', "actions.constructor"],
    ['{"actions": {"Jump": {"__proto__": {"key": "KeyW"}}}}', "actions.Jump.__proto__"],
    ['{"actions": {"Jump": {"key": "toString"}}}', "actions.Jump.key"],
    ['{"actions": {"Jump": {"mouse": {"__proto__": 1}}}}', "actions.Jump.mouse"],
    ['{"actions": {"Jump": {"mouse": "constructor"}}}', "actions.Jump.mouse"],
  ];
  for (const [text, field] of cases) {
    assert.throws(
      () => parseBindings(text),
      (error) => error instanceof BindingsError && error.field === field,
      text,
    );
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("hostile: wrong types, NaN and infinities in every field", () => {
  const hostile = [null, true, 0, -1, 1e308, "", "x".repeat(100_000), [], {}, [null, null]];
  const doc = () => JSON.parse(VALID_TEXT);
  const spoilers: ((d: ReturnType<typeof doc>, v: unknown) => void)[] = [
    (d, v) => (d.actions = v),
    (d, v) => (d.actions.Jump = v),
    (d, v) => (d.actions.Jump.key = v),
    (d, v) => (d.actions.Jump.mouse = v),
    (d, v) => (d.actions.Jump.gamepad = v),
    (d, v) => (d.move_axes = v),
    (d, v) => (d.move_axes[0] = v),
    (d, v) => (d.move_axes[0].axis = v),
    (d, v) => (d.look_axes[1].invert = v),
    (d, v) => (d.look_axes[1].deadzone = v),
  ];
  for (const [s, spoil] of spoilers.entries()) {
    for (const value of hostile) {
      const d = doc();
      spoil(d, value);
      check(() => bindingsFromJson(d), `spoiler ${s}, ${describe(value)}`);
    }
  }
  // JSON has no NaN; 1e999 parses as Infinity and is named.
  assert.throws(
    () => parseBindings(VALID_TEXT.replace('"deadzone": 0.15', '"deadzone": NaN')),
    /not JSON/,
  );
  assert.throws(
    () => parseBindings(VALID_TEXT.replace('"deadzone": 0.15', '"deadzone": 1e999')),
    /^BindingsError: move_axes\[0\]\.deadzone: expected a finite number, got null$/,
  );
});

Deno.test("hostile: deep nesting and huge documents are refused without exhausting anything", () => {
  const deep = jsonText(deepArray(100_000));
  for (
    const text of [
      deep,
      `{"actions": ${deep}}`,
      `{"actions": {"Jump": ${deep}}}`,
      `{"actions": {}, "move_axes": [${deep}, ${deep}]}`,
    ]
  ) {
    check(() => parseBindings(text), text.slice(0, 40));
  }
  // Just under the size limit: a million characters of unknown actions, refused at the first.
  const many = `{"actions": {${
    Array.from({ length: 40_000 }, (_, i) => `"A${i}": {}`).join(", ")
  }}}`;
  assert.ok(many.length < 1 << 20);
  assert.throws(() => parseBindings(many), /^BindingsError: actions\.A0: unknown action$/);
  const longKey = `{"actions": {"${"J".repeat(500_000)}": {}}}`;
  assert.throws(
    () => parseBindings(longKey),
    (error) => error instanceof BindingsError && error.message.length < 100,
  );
});
