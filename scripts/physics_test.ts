// The physics demo, run as a real process the way `deno task physics` runs it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "@astraweave/testing/temp-dir";

const repo = new URL("..", import.meta.url).pathname;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the tool from the project root, as `deno task` does, for a user in `userDir`. */
async function physics(args: string[], userDir = repo): Promise<Run> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--allow-env=INIT_CWD",
      "--allow-write",
      "scripts/physics.ts",
      ...args,
    ],
    cwd: repo,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", INIT_CWD: userDir },
  }).output();
  const text = new TextDecoder();
  return { code, stdout: text.decode(stdout), stderr: text.decode(stderr) };
}

function assertBadInput(run: Run, message: RegExp): void {
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stdout, "");
  const lines = run.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line on stderr, got:\n${run.stderr}`);
  assert.match(lines[0], /^physics: /);
  assert.match(lines[0], message);
}

Deno.test("physics demo --json: the report's fields, consistent with each other, and the picture", async () => {
  await withTempDir(async (dir) => {
    const svg = join(dir, "pile.svg");
    const run = await physics(["demo", "--bodies", "20", "--steps", "90", "--json", "--svg", svg]);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(report).sort(), [
      "bodies",
      "contacts",
      "energy",
      "msPerStep",
      "simulatedSeconds",
      "sleeping",
      "steps",
      "stepsPerSecond",
      "svg",
      "timestep",
    ]);
    assert.equal(report.bodies, 20);
    assert.equal(report.steps, 90);
    assert.equal(report.timestep, 1 / 60);
    assert.equal(report.simulatedSeconds, 1.5);
    assert.equal(report.svg, svg);
    assert.ok(Number.isFinite(report.stepsPerSecond) && report.stepsPerSecond > 0);
    assert.ok(Number.isInteger(report.sleeping) && report.sleeping >= 0 && report.sleeping <= 20);
    // 1.5 s is long enough for every body to land: contacts started, and each pair still touching
    // is one that started and has not stopped.
    const { started, stopped, touching } = report.contacts;
    assert.ok(started > 0);
    assert.equal(touching, started - stopped);
    // A passive world (gravity, contacts without restitution, friction) loses energy; within a
    // step it may gain a little where the solver pushes overlapping bodies apart.
    const { initial, final, drift, maxRise } = report.energy;
    assert.ok(initial > 0 && final < initial);
    assert.equal(drift, (final - initial) / initial);
    assert.ok(maxRise >= 0 && maxRise < initial * 1e-3, `largest rise ${maxRise} J`);

    const picture = await Deno.readTextFile(svg);
    assert.match(picture, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal(picture.match(/<circle /g)?.length, 10); // the spheres
    assert.equal(picture.match(/<rect [^>]*transform=/g)?.length, 10); // the cubes
    assert.equal(picture.match(/<rect /g)?.length, 32 * 32 + 10); // the ground cells, and cubes
    assert.ok(picture.trimEnd().endsWith("</svg>"));
  });
});

Deno.test("physics demo: text report, and --svg resolved against the directory it is run from", async () => {
  await withTempDir(async (dir) => {
    const run = await physics(["demo", "--bodies", "4", "--steps", "5", "--svg", "out.svg"], dir);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split("\n");
    assert.match(lines[0], /^physics demo: 4 bodies on a heightfield, 5 steps of 1\/60 s/);
    assert.match(run.stdout, /^steps per second +\d/m);
    assert.match(run.stdout, /^sleeping +\d+ of 4 bodies$/m);
    assert.match(run.stdout, /^contacts +\d+ started, \d+ stopped, \d+ pairs touching/m);
    assert.match(run.stdout, /^energy +[\d.]+ J at the start/m);
    assert.ok((await Deno.stat(join(dir, "out.svg"))).isFile);
  });
});

Deno.test("physics: --help prints the usage and exits 0", async () => {
  const run = await physics(["--help"]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Usage: deno task physics demo/);
});

Deno.test("physics: bad input is one line on stderr and exit status 2", async () => {
  assertBadInput(
    await physics(["demo", "--bodies", "0"]),
    /--bodies must be an integer from 1 to 20000, got "0"/,
  );
  assertBadInput(await physics(["demo", "--steps", "-5"]), /--steps must be an integer/);
  assertBadInput(await physics(["demo", "--steps", "1.5"]), /--steps must be an integer/);
  assertBadInput(await physics(["demo", "--frames", "3"]), /frames/);
  assertBadInput(await physics(["simulate"]), /unknown command "simulate"/);
  assertBadInput(await physics([]), /missing command/);
  assertBadInput(
    await physics(["demo", "--bodies", "2", "--steps", "1", "--svg", "/nonexistent-dir/x.svg"]),
    /cannot write .*x\.svg/,
  );
});
