import assert from "node:assert/strict";
import { integerOption, numberOption, parseCli, resolveUserPath, UsageError } from "./cli.ts";

Deno.test("parseCli: negative numbers reach string options; unknown options are one-line usage errors", () => {
  const { values } = parseCli(["--slot", "-1", "--loss", "-.5", "--name", "x"], {
    slot: { type: "string" },
    loss: { type: "string" },
    name: { type: "string" },
  });
  assert.deepEqual({ ...values }, { slot: "-1", loss: "-.5", name: "x" });
  assert.throws(
    () => parseCli(["--nope"], {}),
    (e) => e instanceof UsageError && !e.message.includes("\n"),
  );
  assert.throws(
    () => parseCli(["--nope"], {}),
    /^UsageError: Unknown option '--nope' \(see --help\)$/,
  );
});

Deno.test("integerOption and numberOption name the option, the range and the value", () => {
  assert.throws(
    () => integerOption({ slot: "-1" }, "slot", { min: 0, max: 255 }),
    /^UsageError: --slot must be an integer from 0 to 255, got "-1"$/,
  );
  assert.throws(() => integerOption({ n: "" }, "n"), /--n must be an integer, got ""/);
  assert.throws(() => integerOption({ n: "1e400" }, "n", { min: 1 }), /at least 1/);
  assert.throws(() => numberOption({ s: "NaN" }, "s", { max: 5 }), /a number of at most 5/);
  assert.equal(integerOption({ n: "0x10" }, "n"), 16);
  assert.equal(numberOption({ s: "-2.5" }, "s"), -2.5);
});

Deno.test("resolveUserPath: relative paths resolve from INIT_CWD (the directory deno task was run from)", () => {
  const before = Deno.env.get("INIT_CWD");
  try {
    Deno.env.set("INIT_CWD", "/somewhere/else");
    assert.equal(resolveUserPath("a/b.json"), "/somewhere/else/a/b.json");
    assert.equal(resolveUserPath("/abs/c.json"), "/abs/c.json");
    Deno.env.delete("INIT_CWD");
    assert.equal(resolveUserPath("d"), `${Deno.cwd()}/d`);
  } finally {
    if (before === undefined) Deno.env.delete("INIT_CWD");
    else Deno.env.set("INIT_CWD", before);
  }
});
