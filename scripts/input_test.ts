// The input tool, run as a real process the way `deno task input` runs it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "@astraweave/testing";
import { bindingsToJson, defaultBindings, parseBindings } from "@astraweave/input";
import { assertUsageError, runTask, type TaskRun } from "./task_testing.ts";

const input = (args: string[], cwd?: string) => runTask("input", args, { cwd });
const assertBadInput = (run: TaskRun, message: RegExp) => assertUsageError(run, "input", message);

Deno.test("input --help and each command's --help exit 0", async () => {
  for (
    const args of [["--help"], ["defaults", "--help"], ["check", "-h"], ["rebind", "--help"]]
  ) {
    const run = await input(args);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Usage: deno task input/);
  }
});

Deno.test("input defaults prints the default bindings in the Rust JSON format", async () => {
  const run = await input(["defaults"]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, bindingsToJson(defaultBindings()));
  assert.deepEqual(parseBindings(run.stdout), defaultBindings());
});

Deno.test("input check summarizes a valid file, relative to the user's directory", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, "bindings.json"), bindingsToJson(defaultBindings()));
    const run = await input(["check", "bindings.json"], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        "bindings.json: valid bindings",
        "  21 of 23 actions bound: 19 keys, 2 mouse buttons, 0 gamepad buttons",
        "  unbound: Ability1, Ability2",
        "  move stick: LeftX deadzone 0.15, LeftY inverted deadzone 0.15",
        "  look stick: RightX deadzone 0.12, RightY inverted deadzone 0.12",
        "",
      ].join("\n"),
    );
  });
});

Deno.test("input check: a bad file is one line naming the field, exit 2", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "bindings.json");
    const json = JSON.parse(bindingsToJson(defaultBindings()));
    json.actions.Jump.key = "Spacebar";
    await Deno.writeTextFile(path, JSON.stringify(json));
    assertBadInput(
      await input(["check", path]),
      /^input: .*bindings\.json: actions\.Jump\.key: unknown key code "Spacebar"$/,
    );
    await Deno.writeTextFile(path, "{");
    assertBadInput(await input(["check", path]), /bindings\.json: not JSON/);
    assertBadInput(
      await input(["check", join(dir, "nope.json")]),
      /cannot read bindings .*no such file/,
    );
    assertBadInput(await input(["check"]), /check: a FILE is required/);
    assertBadInput(await input(["check", path, "extra"]), /unexpected argument "extra"/);
    assertBadInput(await input(["bogus"]), /unknown command "bogus"/);
  });
});

Deno.test("input rebind: conflicts refused unless --swap; --out writes the file", async () => {
  await withTempDir(async (dir) => {
    assertBadInput(
      await input(["rebind", "-", "Jump", "--key", "KeyW"]),
      /key KeyW is already bound to MoveForward in the Gameplay context \(--swap to trade\)/,
    );
    const out = join(dir, "bindings.json");
    const swapped = await input(["rebind", "-", "Jump", "--key", "KeyW", "--swap", "--out", out]);
    assert.equal(swapped.code, 0, swapped.stderr);
    assert.equal(swapped.stdout, "");
    const set = parseBindings(await Deno.readTextFile(out));
    assert.equal(set.actions.Jump?.key, "KeyW");
    assert.equal(set.actions.MoveForward?.key, "Space");
    const printed = await input(["rebind", out, "Ability1", "--mouse", "Other(4)"]);
    assert.equal(printed.code, 0, printed.stderr);
    assert.deepEqual(parseBindings(printed.stdout).actions.Ability1?.mouse, { Other: 4 });
    assertBadInput(await input(["rebind", "-", "Fly", "--key", "KeyF"]), /unknown action "Fly"/);
    assertBadInput(await input(["rebind", "-", "Jump", "--key", "Q"]), /--key must be a key code/);
    assertBadInput(await input(["rebind", "-", "Jump", "--gamepad", "A"]), /--gamepad must be/);
    assertBadInput(await input(["rebind", "-", "Jump", "--mouse", "Other(70000)"]), /--mouse must/);
    assertBadInput(
      await input(["rebind", "-", "Jump", "--key", "KeyF", "--gamepad", "South"]),
      /exactly one of --key, --mouse and --gamepad/,
    );
    assertBadInput(await input(["rebind", "-"]), /FILE and ACTION are required/);
  });
});
