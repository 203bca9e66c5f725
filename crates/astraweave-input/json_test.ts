// The Rust save.rs JSON format: a Rust-written file loads, our files round-trip, bad fields are
// named, and a bad file never replaces the bindings a manager has.
import assert from "node:assert/strict";
import {
  BindingsError,
  bindingsFromJson,
  bindingsToJson,
  bindingsToJsonValue,
  defaultBindings,
  InputManager,
  loadBindingsFile,
  parseBindings,
  rebind,
  saveBindingsFile,
} from "./mod.ts";
import { withTempDir } from "@astraweave/testing";

// Written by hand from the Rust structs and serde's derive (a HashMap keyed by the Action variant
// names, Option fields as null, the axis tuples as two-element arrays, f32 deadzones) for
// BindingSet::default(), in the shape serde_json::to_string_pretty gives it, actions in no order.
const RUST_DEFAULTS = new URL("./testdata/rust_default_bindings.json", import.meta.url);

/** The field a bad document is refused for. */
function fieldOf(document: unknown): string {
  try {
    bindingsFromJson(document);
  } catch (error) {
    assert.ok(error instanceof BindingsError, String(error));
    return error.field;
  }
  assert.fail("accepted");
}

Deno.test("a bindings file written by the Rust crate loads as the defaults", async () => {
  const set = parseBindings(await Deno.readTextFile(RUST_DEFAULTS));
  assert.deepEqual(set, defaultBindings());
});

Deno.test("Rust serde details: missing Option fields are null, Other(n), any field order", () => {
  const set = bindingsFromJson({
    look_axes: [
      { deadzone: 0.2, invert: false, axis: "RightX" },
      { axis: "RightY", invert: false, deadzone: 0.2 },
    ],
    actions: { Ability1: { mouse: { Other: 8 } }, Jump: { gamepad: "South", key: "Space" } },
    move_axes: [
      { axis: "LeftX", invert: false, deadzone: 0 },
      { axis: "LeftY", invert: true, deadzone: 0.15 },
    ],
  });
  assert.deepEqual(set.actions, {
    Ability1: { key: null, mouse: { Other: 8 }, gamepad: null },
    Jump: { key: "Space", mouse: null, gamepad: "South" },
  });
  assert.equal(set.lookAxes[1].invert, false);
});

Deno.test("round trip: what we write reads back equal, with the Rust field names", () => {
  let set = rebind(defaultBindings(), "Ability2", { mouse: { Other: 300 } });
  set = rebind(set, "UiAccept", { gamepad: "South" });
  set.lookAxes[0] = { axis: "RightX", invert: true, deadzone: 0.3 };
  const text = bindingsToJson(set);
  assert.deepEqual(parseBindings(text), set);
  assert.equal(bindingsToJson(parseBindings(text)), text);
  const json = JSON.parse(text);
  assert.deepEqual(Object.keys(json), ["actions", "move_axes", "look_axes"]);
  assert.deepEqual(json.actions.Ability2, { key: null, mouse: { Other: 300 }, gamepad: null });
  assert.deepEqual(bindingsToJsonValue(set), json);
});

Deno.test("bad documents are refused naming the field", () => {
  // Mutating a parsed document field by field is what these cases are about: any is honest here.
  // deno-lint-ignore no-explicit-any
  type Doc = Record<string, any>;
  const valid = () => bindingsToJsonValue(defaultBindings()) as unknown as Doc;
  const cases: [string, (doc: Doc) => void][] = [
    ["actions.Fly", (d) => (d.actions.Fly = { key: "KeyF" })],
    [
      "actions.__proto__",
      (d) => Object.defineProperty(d.actions, "__proto__", { value: {}, enumerable: true }),
    ],
    ["actions.Jump.key", (d) => (d.actions.Jump.key = "Spacebar")],
    ["actions.Jump.key", (d) => (d.actions.Jump.key = 32)],
    ["actions.Jump.mouse", (d) => (d.actions.Jump.mouse = { Other: 1.5 })],
    ["actions.Jump.mouse", (d) => (d.actions.Jump.mouse = { Other: 1, Extra: 2 })],
    ["actions.Jump.gamepad", (d) => (d.actions.Jump.gamepad = "A")],
    ["actions.Jump.keys", (d) => (d.actions.Jump.keys = "Space")],
    ["actions.Jump", (d) => (d.actions.Jump = ["Space"])],
    ["actions", (d) => (d.actions = null)],
    ["move_axes", (d) => delete d.move_axes],
    ["look_axes", (d) => d.look_axes.push(d.look_axes[0])],
    ["move_axes[1].axis", (d) => (d.move_axes[1].axis = "LeftZ")],
    ["move_axes[1].invert", (d) => (d.move_axes[1].invert = "yes")],
    ["move_axes[0].deadzone", (d) => (d.move_axes[0].deadzone = NaN)],
    ["move_axes[0].deadzone", (d) => (d.move_axes[0].deadzone = Infinity)],
    ["move_axes[0].deadzone", (d) => (d.move_axes[0].deadzone = -0.1)],
    ["look_axes[1].deadzone", (d) => (d.look_axes[1].deadzone = 1)],
    ["look_axes[1].deadzone", (d) => delete d.look_axes[1].deadzone],
    ["actions.Jump.key", (d) => (d.actions.Jump.key = "KeyW")], // MoveForward's
    ["version", (d) => (d.version = 2)],
  ];
  for (const [field, spoil] of cases) {
    const doc = valid();
    spoil(doc);
    assert.equal(fieldOf(doc), field, `${field}: ${JSON.stringify(doc).slice(0, 80)}`);
  }
  for (const document of [null, [], "text", 1]) assert.equal(fieldOf(document), "");
});

Deno.test("text that is not JSON, or too long, is a BindingsError before anything is read", () => {
  assert.throws(() => parseBindings(""), /^BindingsError: not JSON/);
  assert.throws(() => parseBindings('{"actions": {}, "move_axes": [1e999'), BindingsError);
  assert.throws(
    () => parseBindings(" ".repeat((1 << 20) + 1)),
    /document is 1048577 characters, more than the 1048576 allowed/,
  );
});

Deno.test("files: saved atomically (parents created), loaded and checked; a bad file keeps the manager's bindings", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/settings/input/bindings.json`;
    const input = new InputManager();
    input.rebind("Ability1", { key: "KeyQ" });
    await saveBindingsFile(path, input.bindings);
    assert.deepEqual([...Deno.readDirSync(`${dir}/settings/input`)].map((e) => e.name), [
      "bindings.json",
    ]);
    assert.deepEqual(await loadBindingsFile(path), input.bindings);
    await Deno.writeTextFile(path, '{"actions": {"Jump": {"key": 7}}}');
    await assert.rejects(
      async () => input.setBindings(await loadBindingsFile(path)),
      BindingsError,
    );
    assert.equal(input.bindingOf("Ability1")?.key, "KeyQ");
    await assert.rejects(loadBindingsFile(`${dir}/missing.json`), Deno.errors.NotFound);
    await Deno.writeTextFile(path, " ".repeat(3 * (1 << 20) + 1));
    await assert.rejects(loadBindingsFile(path), /too large for a bindings file/);
  });
});
