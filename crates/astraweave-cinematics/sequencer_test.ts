import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import {
  animationTrack,
  audioTrack,
  cameraKey,
  cameraTrack,
  CinematicsError,
  fxTrack,
  parseTimeline,
  Sequencer,
  type SequencerEvent,
  STEP_TOLERANCE,
  stringifyTimeline,
  timeline,
  type Track,
} from "./mod.ts";

const kinds = (events: readonly SequencerEvent[]) => events.map((e) => e.kind);
const times = (events: readonly SequencerEvent[]) => events.map((e) => e.time);

Deno.test("Rust seq_emits_events: steps of 0.5, 0.6, 0.9 and 1.0 over 3 s", () => {
  const seq = new Sequencer(timeline("demo", 3, [
    cameraTrack([cameraKey(1, [0, 1, 2], [0, 0, 0], 60)]),
    audioTrack("boom", 2, 0.8),
  ]));
  assert.deepEqual(seq.step(0.5), []);
  assert.deepEqual(kinds(seq.step(0.6)), ["CameraKey"]);
  assert.deepEqual(kinds(seq.step(0.9)), ["AudioPlay"]);
  assert.deepEqual(seq.step(1.0), []);
  assert.equal(seq.time, 3);
});

Deno.test("Rust animation and FX events carry their fields", () => {
  const seq = new Sequencer(timeline("t", 3, [
    animationTrack(42, "walk_cycle", 1),
    fxTrack("explosion", 1.5, { scale: 2, color: "red" }),
  ]));
  assert.deepEqual(seq.step(1.2), [
    { kind: "AnimStart", time: 1, track: 0, target: 42, clip: "walk_cycle" },
  ]);
  assert.deepEqual(seq.step(0.6), [
    {
      kind: "FxTrigger",
      time: 1.5,
      track: 1,
      name: "explosion",
      params: { scale: 2, color: "red" },
    },
  ]);
});

Deno.test("an event at t = 0 fires on the first step, even a step of 0 (the Rust bug)", () => {
  const tl = timeline("t", 1, [fxTrack("fade-in", 0), audioTrack("music", 0, 1)]);
  assert.deepEqual(kinds(new Sequencer(tl).step(0.016)), ["FxTrigger", "AudioPlay"]);
  const seq = new Sequencer(tl);
  assert.deepEqual(kinds(seq.step(0)), ["FxTrigger", "AudioPlay"]);
  assert.deepEqual(seq.step(0), [], "and only once");
  assert.deepEqual(seq.step(0.5), []);
});

Deno.test("an event on the boundary of two steps fires in the first only", () => {
  const seq = new Sequencer(timeline("t", 2, [audioTrack("a", 0.5, 1), audioTrack("b", 1, 1)]));
  assert.deepEqual(times(seq.step(0.5)), [0.5]);
  assert.deepEqual(seq.step(0.25), []);
  assert.deepEqual(times(seq.step(0.25)), [1]);
  assert.deepEqual(seq.step(0), []);
  assert.deepEqual(seq.step(0.25), []);
});

Deno.test("a step of 0 fires what is armed at the position; nothing else", () => {
  const seq = new Sequencer(timeline("t", 2, [audioTrack("a", 1, 1)]));
  seq.seek(1);
  assert.deepEqual(times(seq.step(0)), [1]);
  assert.deepEqual(seq.step(0), []);
  assert.equal(seq.time, 1);
});

Deno.test("seeking backwards re-arms, forwards skips", () => {
  const seq = new Sequencer(timeline("t", 3, [
    audioTrack("a", 0.5, 1),
    audioTrack("b", 1.5, 1),
    audioTrack("c", 2.5, 1),
  ]));
  assert.deepEqual(times(seq.step(2)), [0.5, 1.5]);
  seq.seek(1); // back: 1.5 is armed again, 0.5 stays behind
  assert.deepEqual(times(seq.step(2)), [1.5, 2.5]);
  seq.seek(0);
  seq.seek(2); // forwards: 0.5 and 1.5 skipped without firing
  assert.deepEqual(times(seq.step(1)), [2.5]);
  seq.seek(1.5); // exactly on an event: armed again
  assert.deepEqual(times(seq.step(0)), [1.5]);
});

Deno.test("the end: a step past it clamps, emits what is left, and reports finished", () => {
  const seq = new Sequencer(timeline("t", 1, [audioTrack("end", 1, 1)]));
  assert.equal(seq.finished, false);
  assert.deepEqual(seq.step(0.9), []);
  assert.equal(seq.finished, false);
  assert.deepEqual(times(seq.step(0.5)), [1], "an event at the very end fires");
  assert.equal(seq.time, 1);
  assert.equal(seq.finished, true);
  assert.deepEqual(seq.step(10), [], "steps after the end emit nothing and do not throw");
  assert.equal(seq.finished, true);
  seq.seek(0.5);
  assert.equal(seq.finished, false);
});

Deno.test("a zero-length timeline fires its events at 0 on the first step", () => {
  const seq = new Sequencer(timeline("zero", 0, [fxTrack("flash", 0)]));
  assert.equal(seq.finished, false);
  assert.deepEqual(kinds(seq.step(0.016)), ["FxTrigger"]);
  assert.equal(seq.finished, true);
  assert.equal(new Sequencer(timeline("empty", 0)).finished, true);
});

Deno.test("seek outside the timeline and bad steps are typed errors; state is unchanged", () => {
  const seq = new Sequencer(timeline("short", 1, [audioTrack("a", 0.5, 1)]));
  seq.step(0.25);
  for (const bad of [-0.1, 1.002, NaN, Infinity, -Infinity]) {
    assert.throws(
      () => seq.seek(bad),
      (e) => e instanceof CinematicsError && e.code === "out-of-range",
    );
  }
  for (const bad of [-0.001, NaN, Infinity]) {
    assert.throws(
      () => seq.step(bad),
      (e) => e instanceof CinematicsError && e.code === "invalid-argument",
    );
  }
  assert.equal(seq.time, 0.25);
  assert.deepEqual(times(seq.step(0.25)), [0.5]);
  seq.seek(1.0005); // within the Rust tolerance: clamped to the end
  assert.equal(seq.time, 1);
});

Deno.test("events of one step come in time order, ties in track order, keys in key order", () => {
  const seq = new Sequencer(timeline("t", 5, [
    cameraTrack([cameraKey(2, [0, 0, 0], [0, 0, -1], 60), cameraKey(1, [0, 0, 0], [0, 0, -1], 60)]),
    audioTrack("late", 3, 1),
    fxTrack("early", 0.5),
    animationTrack(1, "tie", 2),
  ]));
  const events = seq.step(5);
  assert.deepEqual(times(events), [0.5, 1, 2, 2, 3]);
  assert.deepEqual(events.map((e) => e.track), [2, 0, 0, 3, 1]);
});

Deno.test("the sequencer keeps its own frozen copy of the timeline", () => {
  const params = { scale: 1 };
  const tracks: Track[] = [fxTrack("boom", 0.5, params)];
  const seq = new Sequencer(timeline("t", 1, tracks));
  params.scale = 99;
  tracks.push(audioTrack("added later", 0.5, 1));
  const [event] = seq.step(1);
  assert.deepEqual(event, {
    kind: "FxTrigger",
    time: 0.5,
    track: 0,
    name: "boom",
    params: { scale: 1 },
  });
  assert.ok(Object.isFrozen(event));
  assert.ok(Object.isFrozen(seq.events) && Object.isFrozen(seq.timeline.tracks));
  const built = timeline("t", 1, [audioTrack("a", 0, 1)]);
  assert.notEqual(new Sequencer(built).timeline, built, "a timeline built in code is copied");
  const parsed = parseTimeline(stringifyTimeline(built));
  assert.equal(new Sequencer(parsed).timeline, parsed, "a loaded one is frozen, so it is shared");
  assert.ok(Object.isFrozen(event.kind === "FxTrigger" && event.params));
});

Deno.test("an invalid timeline is refused when the sequencer is built", () => {
  assert.throws(
    () => new Sequencer(timeline("t", 1, [audioTrack("late", 2, 1)])),
    /tracks\[0\]\.Audio\.start: starts at 2 s, past the timeline's duration of 1 s/,
  );
  assert.throws(
    () =>
      new Sequencer({ name: "t", duration: 1, tracks: [{ kind: "Laser" } as unknown as Track] }),
    /unknown track kind "Laser"/,
  );
});

Deno.test("frame times that sum a hair short still reach an event and the end", () => {
  const seq = new Sequencer(timeline("t", 6, [audioTrack("at3", 3, 1), audioTrack("end", 6, 1)]));
  let sum = 0;
  const fired: number[] = [];
  for (let frame = 1; frame <= 60; frame++) {
    sum += 0.1;
    if (seq.step(0.1).length) fired.push(frame);
  }
  assert.notEqual(sum, 6, "the sum of sixty 0.1 s frames is not 6 in binary floating point");
  assert.deepEqual(fired, [30, 60]);
  assert.equal(seq.time, 6);
  assert.ok(seq.finished);
});

Deno.test("a quiet step allocates no array: the same frozen empty one comes back", () => {
  const seq = new Sequencer(timeline("t", 10));
  const first = seq.step(0.016);
  assert.equal(seq.step(0.016), first);
  assert.ok(Object.isFrozen(first));
});

Deno.test("camera(): the pose of the n-th camera track at the current time", () => {
  const tl = parseTimeline(
    Deno.readTextFileSync(new URL("./fixtures/rust_timeline.json", import.meta.url)),
  );
  const seq = new Sequencer(tl);
  assert.deepEqual(seq.camera(), { position: [0, 2, 10], lookAt: [0, 0, 0], fovDeg: 60 });
  seq.step(1.5);
  assert.deepEqual(seq.camera(), { position: [5, 2, 5], lookAt: [0, 0, 0], fovDeg: 52.5 });
  const turning = new Sequencer(tl, { camera: "turn" });
  turning.step(1.5);
  assert.deepEqual(turning.camera()?.position, [5, 2, 5]);
  assert.notDeepEqual(turning.camera()?.lookAt, [0, 0, 0]);
  assert.throws(
    () => new Sequencer(tl, { camera: "orbit" as "turn" }),
    (e) => e instanceof CinematicsError && e.code === "invalid-argument",
  );
  assert.equal(seq.camera(1), undefined, "no second camera track");
  assert.equal(new Sequencer(timeline("t", 1, [cameraTrack([])])).camera(), undefined);
});

Deno.test("property: any frame times play every event exactly once, in order", () => {
  const random = mulberry32(20261202);
  for (let round = 0; round < 300; round++) {
    const duration = Math.floor(random() * 20) / 2; // 0 to 9.5, so events land on step ends too
    const tracks: Track[] = [];
    const count = Math.floor(random() * 12);
    for (let i = 0; i < count; i++) {
      const start = Math.floor(random() * (duration * 4 + 1)) / 4; // quarter seconds, 0 to duration
      tracks.push(random() < 0.5 ? audioTrack(`a${i}`, start, 1) : fxTrack(`f${i}`, start));
    }
    const seq = new Sequencer(timeline("p", duration, tracks));
    const seen: SequencerEvent[] = [];
    let last = -1;
    for (let frame = 0; !seq.finished && frame < 10_000; frame++) {
      const dt = random() < 0.2 ? 0 : random() < 0.5 ? 0.25 : random() / 3;
      const from = seq.time;
      for (const event of seq.step(dt)) {
        assert.ok(event.time >= last, "time order");
        assert.ok(event.time >= from && event.time <= seq.time + STEP_TOLERANCE, "in this step");
        last = event.time;
        seen.push(event);
      }
    }
    assert.ok(seq.finished, `round ${round} finished`);
    assert.equal(seq.time, duration);
    assert.equal(seen.length, count, `round ${round}: every event once`);
    assert.equal(new Set(seen).size, count);
  }
});
