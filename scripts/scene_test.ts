// The scene tool, run as a real process the way `deno task scene` runs it.
import assert from "node:assert/strict";
import { assertUsageError, runTask, type TaskRun } from "./task_testing.ts";

const scene = (args: string[]) => runTask("scene", args);
const assertBadInput = (run: TaskRun, message: RegExp) => assertUsageError(run, "scene", message);

Deno.test("scene --help and each command's --help exit 0", async () => {
  for (const args of [["--help"], ["cell", "--help"], ["stream", "-h"], ["help"]]) {
    const run = await scene(args);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Usage: deno task scene/);
  }
});

Deno.test("scene cell: floor at negative coordinates, as text and JSON", async () => {
  const run = await scene(["cell", "--at", "-150,320"]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, "(-150, 320) is in cell -2,3: x -200..-100, z 300..400\n");
  const json = JSON.parse((await scene(["cell", "--at", "-0.5,100", "--json"])).stdout);
  assert.deepEqual(json, { position: [-0.5, 100], cell: [-1, 1], min: [-100, 100], max: [0, 200] });
});

Deno.test("scene stream: which cells load and unload along a path", async () => {
  const run = await scene(["stream", "--path", "-50,50;250,50", "--steps", "4", "--radius", "50"]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(
    run.stdout,
    [
      "step 1  camera (-50.0, 50.0)  load-started -1,0",
      "step 1  camera (-50.0, 50.0)  loaded -1,0",
      "step 2  camera (50.0, 50.0)  unloaded -1,0",
      "step 2  camera (50.0, 50.0)  load-started 0,0",
      "step 2  camera (50.0, 50.0)  loaded 0,0",
      "step 3  camera (150.0, 50.0)  unloaded 0,0",
      "step 3  camera (150.0, 50.0)  load-started 1,0",
      "step 3  camera (150.0, 50.0)  loaded 1,0",
      "step 4  camera (250.0, 50.0)  unloaded 1,0",
      "step 4  camera (250.0, 50.0)  load-started 2,0",
      "step 4  camera (250.0, 50.0)  loaded 2,0",
      "4 steps: 4 loads (0 from cache), 3 unloads, 0 cancelled, 0 failed; " +
      "at the end 1 loaded, 0 loading, 3 cached",
      "",
    ].join("\n"),
  );
});

Deno.test("scene stream --json: cache hits on the way back, cancellations with latency", async () => {
  const back = JSON.parse(
    (await scene([
      "stream",
      "--path",
      "50,50;250,50;50,50",
      "--steps",
      "5",
      "--radius",
      "50",
      "--json",
    ]))
      .stdout,
  );
  const cached = back.steps.flatMap((s: { events: { type: string; fromCache?: boolean }[] }) =>
    s.events.filter((e) => e.type === "loaded" && e.fromCache)
  );
  assert.equal(cached.length, 2, "cells 1 and 0 come back from the LRU");
  assert.equal(back.summary.cacheHits, 2);
  // A load takes 3 updates; the camera moves a cell per update, so every load is cancelled.
  const late = JSON.parse(
    (await scene([
      "stream",
      "--path",
      "50,50;550,50",
      "--steps",
      "6",
      "--radius",
      "50",
      "--latency",
      "3",
      "--json",
    ])).stdout,
  );
  assert.equal(late.summary.loads, 0);
  assert.equal(late.summary.cancelledLoads, 5);
  assert.deepEqual(late.steps[1].events, [
    { type: "load-cancelled", cell: [0, 0] },
    { type: "load-started", cell: [1, 0] },
  ]);
});

Deno.test("scene: bad input is one line on stderr and exit status 2", async () => {
  const cases: [string[], RegExp][] = [
    [[], /a command is required: cell, stream/],
    [["fly"], /unknown command "fly"/],
    [["cell"], /--at X,Z is required/],
    [["cell", "--at", "1,2,3"], /--at must be "x,z" with two finite numbers, got "1,2,3"/],
    [["cell", "--at", "6000,0"], /position \(6000, 0\) is outside the world/],
    [["cell", "--at", "NaN,0"], /--at must be "x,z"/],
    [["stream"], /--path "x0,z0;x1,z1" is required/],
    [["stream", "--path", "0,0;x,1"], /--path point 2 must be "x,z"/],
    [["stream", "--path", "0,0;9000,0"], /--path point 2 \(9000, 0\) is outside the world/],
    [["stream", "--path", "0,0", "--steps", "0"], /--steps must be an integer from 1 to 100000/],
    [["stream", "--path", "0,0", "--radius", "-5"], /--radius must be a number from 0/],
    [["stream", "--path", "0,0", "--cache", "1.5"], /--cache must be an integer/],
    [["stream", "--path", "0,0", "extra"], /unexpected argument "extra"/],
    [["stream", "--bogus"], /Unknown option '--bogus'/],
  ];
  for (const [args, message] of cases) assertBadInput(await scene(args), message);
});
