// The cinematics tool, run as a real process the way `deno task cinematics` runs it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "@astraweave/testing";
import { assertUsageError, REPO, runTask, type TaskRun } from "./task_testing.ts";

const cinematics = (args: string[], cwd?: string) => runTask("cinematics", args, { cwd });
const assertBadInput = (run: TaskRun, message: RegExp) =>
  assertUsageError(run, "cinematics", message);
const FIXTURE = join(REPO, "crates/astraweave-cinematics/fixtures/rust_timeline.json");

Deno.test("cinematics --help and each command's --help exit 0", async () => {
  for (const args of [["--help"], ["check", "--help"], ["play", "-h"], ["help"]]) {
    const run = await cinematics(args);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Usage: deno task cinematics/);
  }
});

Deno.test("cinematics check summarizes a Rust timeline, as text and JSON", async () => {
  const run = await cinematics(["check", FIXTURE]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(
    run.stdout,
    'ok: "harbor_intro", 6 s, 5 tracks (1 camera with 3 keyframes, 1 animation, 2 audio, 1 fx), 7 events\n',
  );
  const json = JSON.parse((await cinematics(["check", FIXTURE, "--json"])).stdout);
  assert.deepEqual(json, {
    name: "harbor_intro",
    duration: 6,
    tracks: 5,
    counts: { Camera: 1, Animation: 1, Audio: 2, Fx: 1, keyframes: 3 },
    events: 7,
  });
});

Deno.test("cinematics play prints every event once, in order, with its times", async () => {
  const run = await cinematics(["play", FIXTURE, "--step", "0.1"]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(
    run.stdout,
    [
      "0.100  t=0.000  tracks[0]  CameraKey(CameraKey(t=0ms, pos=(0.0,2.0,10.0), fov=60°))",
      '0.100  t=0.000  tracks[2]  AudioPlay(clip="music/harbor_theme.ogg", volume=0.80)',
      '1.500  t=1.500  tracks[1]  AnimStart(target=42, clip="captain_wave")',
      "3.000  t=3.000  tracks[0]  CameraKey(CameraKey(t=3.00s, pos=(10.0,2.0,0.0), fov=45°))",
      '3.000  t=3.000  tracks[3]  FxTrigger(name="gull_flock")',
      "6.000  t=6.000  tracks[0]  CameraKey(CameraKey(t=6.00s, pos=(0.0,2.0,-10.0), fov=45°))",
      '6.000  t=6.000  tracks[4]  AudioPlay(clip="sfx/horn.ogg", volume=1.00)',
      "finished at 6.000 s: 7 events in 60 steps of 0.1 s",
      "",
    ].join("\n"),
  );
});

Deno.test("cinematics play --from skips what is before; --camera prints the pose", async () => {
  const run = await cinematics(["play", FIXTURE, "--from", "3", "--step", "1.5", "--camera"]);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.trimEnd().split("\n");
  assert.match(lines[0], /^4\.500 {2}t=3\.000 {2}tracks\[0\] {2}CameraKey/);
  assert.ok(lines.includes(
    "4.500  camera pos (5.000, 2.000, -5.000) look_at (0.000, 0.750, 0.000) fov 45.00",
  ));
  assert.equal(lines.at(-1), "finished at 6.000 s: 4 events in 2 steps of 1.5 s");
  const turn = await cinematics(["play", FIXTURE, "--step", "1.5", "--camera", "--view", "turn"]);
  assert.match(turn.stdout, /^1\.500 {2}camera pos \(5\.000, 2\.000, 5\.000\) look_at /m);
});

Deno.test("cinematics play --json: the Rust event shapes with step, time and track", async () => {
  const run = await cinematics(["play", FIXTURE, "--step", "3", "--json"]);
  assert.equal(run.code, 0, run.stderr);
  const document = JSON.parse(run.stdout);
  assert.equal(document.steps, 2);
  assert.equal(document.events.length, 7);
  assert.deepEqual(document.events[2], {
    step: 1,
    time: 1.5,
    track: 1,
    event: { AnimStart: { target: 42, clip: "captain_wave" } },
  });
});

Deno.test("cinematics: relative paths are read from the user's directory", async () => {
  const run = await cinematics(
    ["check", "fixtures/rust_timeline.json"],
    join(REPO, "crates/astraweave-cinematics"),
  );
  assert.equal(run.code, 0, run.stderr);
});

Deno.test("cinematics: bad input is one line on stderr and exit 2", async () => {
  assertBadInput(await cinematics([]), /^cinematics: a command is required: check, play/);
  assertBadInput(await cinematics(["render"]), /unknown command "render"/);
  assertBadInput(await cinematics(["check"]), /a timeline FILE is required/);
  assertBadInput(await cinematics(["check", FIXTURE, "extra"]), /unexpected argument "extra"/);
  assertBadInput(await cinematics(["play", FIXTURE, "--step", "0"]), /--step must be a number/);
  assertBadInput(await cinematics(["play", FIXTURE, "--step", "-1"]), /--step must be a number/);
  assertBadInput(await cinematics(["play", FIXTURE, "--from", "7"]), /--from 7 is past the end/);
  assertBadInput(await cinematics(["play", FIXTURE, "--view", "orbit"]), /--view must be/);
  assertBadInput(await cinematics(["play", FIXTURE, "--bogus"]), /bogus/);
  await withTempDir(async (dir) => {
    const write = (name: string, text: string) => {
      Deno.writeTextFileSync(join(dir, name), text);
      return join(dir, name);
    };
    assertBadInput(
      await cinematics([
        "check",
        write(
          "late.json",
          '{"name":"x","duration":1,"tracks":[{"Audio":{"clip":"a","start":2,"volume":1}}]}',
        ),
      ]),
      /late\.json: tracks\[0\]\.Audio\.start: starts at 2 s, past the timeline's duration of 1 s$/,
    );
    assertBadInput(
      await cinematics([
        "play",
        write("kind.json", '{"name":"x","duration":1,"tracks":[{"Laser":{}}]}'),
      ]),
      /kind\.json: tracks\[0\]: unknown track kind "Laser"/,
    );
    assertBadInput(await cinematics(["check", write("bad.json", "{")]), /bad\.json: not JSON/);
    assertBadInput(
      await cinematics([
        "play",
        write("long.json", '{"name":"x","duration":1e9,"tracks":[]}'),
        "--step",
        "0.001",
      ]),
      /would take 1000000000000 steps .* the limit is 10000000/,
    );
    assertBadInput(
      await cinematics(["check", join(dir, "none.json")]),
      /cannot read timeline .*none\.json: no such file/,
    );
    assertBadInput(await cinematics(["check", dir]), /is a directory$/);
  });
});
