// The weave tool, run as a real process the way `deno task weave` runs it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "@astraweave/testing";
import { configFromToml, defaultConfig } from "@astraweave/weaving";
import { assertUsageError, runTask, type TaskRun } from "./task_testing.ts";

const weave = (args: string[]) => runTask("weave", args);
const assertBadInput = (run: TaskRun, message: RegExp) => assertUsageError(run, "weave", message);

Deno.test("weave --help and each command's --help exit 0", async () => {
  for (
    const args of [["--help"], ["simulate", "--help"], ["explain", "--help"], ["defaults", "-h"]]
  ) {
    const run = await weave(args);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Usage: deno task weave/);
  }
});

Deno.test("weave simulate: the same seed prints the same bytes, and a summary", async () => {
  const first = await weave(["simulate", "--ticks", "1500", "--seed", "42"]);
  const second = await weave(["simulate", "--ticks", "1500", "--seed", "42"]);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stderr, "", "progress is drawn only on a terminal, never into a pipe");
  assert.equal(first.stdout, second.stdout);
  assert.match(first.stdout, /summary over 1500 ticks:\n {2}fired: spawn_aid_event \d+/);
  const json = JSON.parse(
    (await weave(["simulate", "--ticks", "300", "--seed", "42", "--json"]))
      .stdout,
  );
  assert.equal(json.summary.ticks, 300);
  assert.ok(Array.isArray(json.ticks));
});

Deno.test("weave explain prints one tick's table from a config and a script", async () => {
  await withTempDir(async (dir) => {
    const config = join(dir, "weave.toml");
    const script = join(dir, "metrics.json");
    await Deno.writeTextFile(config, "budget_per_tick = 20\n[cooldowns]\nmediator = 900\n");
    await Deno.writeTextFile(
      script,
      JSON.stringify([{ criticalHealthCount: 6, factionTensions: { north: 0.8 } }]),
    );
    const run = await weave([
      "explain",
      "--config",
      config,
      "--script",
      script,
      "--seed",
      "1",
      "--tick",
      "1",
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        // Tick 0 accepted the mediator and had no budget left for the healer.
        "tick 1: budget 10 of 20 spent",
        "patterns: low_health_cluster 0.6 (moderate), faction_conflict_north 0.8 (strong)",
        "#  intent           cooldown key    priority  cost  decision",
        "1  spawn_mediator   mediator_north       0.8    15  rejected: cooling down, 899 ticks left",
        "2  spawn_aid_event  aid_event            0.6    10  accepted (cooldown 300 ticks)",
        "",
      ].join("\n"),
    );
  });
});

Deno.test("weave defaults prints a configuration that reads back as the defaults", async () => {
  const run = await weave(["defaults"]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(configFromToml(run.stdout), defaultConfig());
  assert.match(run.stdout, /^\[cooldowns\]$/m);
  assert.match(run.stdout, /^mediator = 900$/m);
});

Deno.test("weave: bad input is one line on stderr and exit 2", async () => {
  assertBadInput(await weave([]), /^weave: a command is required/);
  assertBadInput(await weave(["dance"]), /^weave: unknown command "dance"/);
  assertBadInput(await weave(["simulate", "--seed", "1"]), /--ticks is required/);
  assertBadInput(await weave(["simulate", "--ticks", "0", "--seed", "1"]), /--ticks must be/);
  assertBadInput(await weave(["simulate", "--ticks", "5"]), /--seed is required/);
  assertBadInput(
    await weave(["explain", "--tick", "1", "--seed", "x"]),
    /^weave: --seed must be a decimal or 0x-hex integer, got "x"$/,
  );
  assertBadInput(await weave(["explain", "--tick", "1", "--seed", "1", "--bogus"]), /bogus/);
  await withTempDir(async (dir) => {
    const config = join(dir, "bad.toml");
    await Deno.writeTextFile(config, "budget_per_tick = 20\n[detectors]\nwindow = 3\n");
    assertBadInput(
      await weave(["simulate", "--ticks", "5", "--seed", "1", "--config", config]),
      /bad\.toml: line 3: unknown key "detectors\.window"$/,
    );
    const script = join(dir, "bad.json");
    await Deno.writeTextFile(script, '[{"criticalHealthCount": "many"}]');
    assertBadInput(
      await weave(["simulate", "--ticks", "5", "--seed", "1", "--script", script]),
      /bad\.json: frame 0: criticalHealthCount must be an integer >= 0/,
    );
    assertBadInput(
      await weave(["simulate", "--ticks", "5", "--seed", "1", "--script", join(dir, "none.json")]),
      /cannot read script .*none\.json: no such file/,
    );
    assertBadInput(
      await weave(["simulate", "--ticks", "5", "--seed", "1", "--config", dir]),
      /cannot read config .*: is a directory$/,
    );
  });
});
