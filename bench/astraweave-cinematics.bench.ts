/**
 * astraweave-cinematics benchmarks: the Rust original's groups and names
 * (benches/cinematics_benchmarks.rs), its timeline builders ported as they are, and one group of
 * ours, `Camera Interpolation`, for what the Rust crate lacks.
 *
 * Creating a timeline value, a key or a track, a seek or an eventless step each take tens of
 * nanoseconds, near the harness floor, so those benches do {@link COUNT} of them per call
 * (declared as throughput) and their budgets are per call of {@link COUNT}.
 *
 * Where the port differs from what the Rust bench measured, the name stays and the measured
 * function does this crate's equivalent:
 * - `Sequencer Operations/creation` builds a `Sequencer`, which checks and copies its timeline
 *   and sorts its events (the Rust one holds only a time); the Rust `default` and the
 *   `Timeline Creation/time_struct` (a Time is a number here) have no counterpart.
 * - Steps start from a `seek(0)` of one sequencer instead of a new sequencer per call.
 * - `Edge Cases/out_of_range_error` times the error this crate has: a seek past the end (a step
 *   past the end clamps instead of failing).
 * - `Timeline Clone/*` times the one copy this crate makes, `new Sequencer(timeline)`.
 * - `Event Creation` and `Camera Keyframes/clone` are left out: events are built once per
 *   sequencer (inside the clone and creation benches) and shared frozen, never cloned per step.
 *
 * @module
 */

import {
  animationTrack,
  audioTrack,
  type CameraKey,
  cameraKey,
  CameraPath,
  cameraTrack,
  createPose,
  fxTrack,
  parseTimeline,
  Sequencer,
  stringifyTimeline,
  type Timeline,
  timeline,
  timelineToJson,
  type Track,
} from "@astraweave/cinematics";
import { benchCrate, consume, frameShare, us } from "@astraweave/bench-protocol";

const bench = benchCrate("astraweave-cinematics");
const COUNT = 1000;
const throughput = { elements: COUNT };
/** A budget for a call that does {@link COUNT} operations of `nsEach` nanoseconds each. */
const perOp = (nsEach: number, why: string) => us((nsEach * COUNT) / 1000, why);

// ---------------------------------------------------------------------------------------------
// The Rust bench's builders
// ---------------------------------------------------------------------------------------------

// The Rust builder's FOV, 60 + 5t degrees, passes 180 at t = 24 (no perspective camera has
// that, and the timeline check refuses it); here it climbs from 60 to 120 and starts again.
const keyAt = (t: number): CameraKey =>
  cameraKey(t, [t * 10, 5, 0], [t * 10 + 1, 5, 0], 60 + ((t * 5) % 60));

function withCamera(name: string, duration: number, keyframes: number): Timeline {
  const keys = Array.from({ length: keyframes }, (_, i) => keyAt((i * duration) / keyframes));
  return timeline(name, duration, [cameraTrack(keys)]);
}

function mixedTracks(name: string, duration: number, count: number): Timeline {
  const tracks: Track[] = [];
  for (let i = 0; i < count; i++) {
    const start = (i / count) * duration;
    switch (i % 4) {
      case 0:
        tracks.push(cameraTrack([keyAt(start)]));
        break;
      case 1:
        tracks.push(animationTrack(i, `anim_${i}`, start));
        break;
      case 2:
        tracks.push(audioTrack(`audio_${i}.ogg`, start, 0.8));
        break;
      default:
        tracks.push(fxTrack(`fx_${i}`, start, { intensity: i * 0.1 }));
    }
  }
  return timeline(name, duration, tracks);
}

function complexTimeline(duration: number): Timeline {
  const keys = Array.from({ length: 20 }, (_, i) => {
    const t = (i * duration) / 20;
    return cameraKey(
      t,
      [t * 5, 10 + Math.sin(t * 0.5) * 5, t * 2],
      [t * 5 + 10, 5, t * 2],
      60 + Math.sin(t * 0.3) * 10,
    );
  });
  const tracks: Track[] = [cameraTrack(keys)];
  for (let i = 0; i < 5; i++) tracks.push(animationTrack(100 + i, `character_${i}_action`, i * 2));
  tracks.push(audioTrack("music_epic.ogg", 0, 0.7), audioTrack("ambient_wind.ogg", 1, 0.3));
  for (let i = 0; i < 3; i++) tracks.push(audioTrack(`sfx_explosion_${i}.ogg`, 5 + i * 0.5, 1));
  tracks.push(
    fxTrack("screen_shake", 5, { intensity: 0.8, duration: 0.5 }),
    fxTrack("particles_debris", 5.2, { count: 500, spread: 10 }),
    fxTrack("flash_white", 5, { duration: 0.1 }),
  );
  return timeline("complex_cinematic", duration, tracks);
}

/** Calls `make` {@link COUNT} times into a kept array, so no result can be dropped. */
const kept = new Array<unknown>(COUNT);
function repeat(make: (i: number) => unknown): unknown[] {
  for (let i = 0; i < COUNT; i++) kept[i] = make(i);
  return kept;
}

/** {@link COUNT} times: back to 0, one step of `dt`; returns the events seen. */
function stepsFromStart(seq: Sequencer, dt: number, from = 0): number {
  let events = 0;
  for (let i = 0; i < COUNT; i++) {
    seq.seek(from);
    events += seq.step(dt).length;
  }
  return events;
}

const valueBudget = perOp(
  100,
  "100 ns per value: a 1,000-track cinematic built in 1/166 of a 60 FPS frame",
);

// ---------------------------------------------------------------------------------------------
// Timeline Creation, Camera Keyframes, Track Creation
// ---------------------------------------------------------------------------------------------

const LONG_NAME = "this_is_a_very_long_timeline_name_for_testing_string_allocation";
bench({
  group: "Timeline Creation",
  name: "empty",
  budget: valueBudget,
  throughput,
  fn: () => consume(repeat(() => timeline("empty", 10))),
});
bench({
  group: "Timeline Creation",
  name: "with_long_name",
  budget: valueBudget,
  throughput,
  fn: () => consume(repeat(() => timeline(LONG_NAME, 60))),
});

bench({
  group: "Camera Keyframes",
  name: "single_creation",
  budget: valueBudget,
  throughput,
  fn: () => consume(repeat(() => cameraKey(1, [10, 5, 0], [20, 5, 0], 60))),
});
for (const count of [5, 20, 50, 100]) {
  bench({
    group: "Camera Keyframes",
    name: `batch_creation/${count}`,
    budget: us(count * 0.2, "200 ns per keyframe: a 100-key camera path in 1/830 of a frame"),
    size: { value: count, unit: "keyframes" },
    throughput: { elements: count },
    fn: () => {
      const keys = new Array<CameraKey>(count);
      for (let i = 0; i < count; i++) keys[i] = keyAt(i);
      consume(keys);
    },
  });
}

const COMPLEX_PARAMS = () => ({
  count: 1000,
  lifetime: 2.5,
  velocity: { min: [0, 1, 0], max: [0, 5, 0] },
  color_start: [1, 0.5, 0, 1],
  color_end: [1, 0, 0, 0],
  size: { start: 0.1, end: 0.5 },
});
const tracksMade: [string, (i: number) => unknown, number][] = [
  [
    "camera_5_keyframes",
    () => cameraTrack([keyAt(0), keyAt(1), keyAt(2), keyAt(3), keyAt(4)]),
    600,
  ],
  ["animation", () => animationTrack(42, "walk_cycle", 1), 100],
  ["audio", () => audioTrack("music.ogg", 0, 0.8), 100],
  ["fx_simple_params", () => fxTrack("explosion", 5, { scale: 2 }), 100],
  ["fx_complex_params", () => fxTrack("particle_system", 5, COMPLEX_PARAMS()), 500],
];
for (const [name, make, nsEach] of tracksMade) {
  bench({
    group: "Track Creation",
    name,
    budget: perOp(
      nsEach,
      `${nsEach} ns per track, about 100 ns per value it holds: 1,000 tracks in 1/${
        Math.round(16_667 / nsEach)
      } of a frame`,
    ),
    throughput,
    fn: () => consume(repeat(make)),
  });
}

// ---------------------------------------------------------------------------------------------
// Sequencer Operations, Event Emission
// ---------------------------------------------------------------------------------------------

const emptyTimeline = timeline("empty", 100);
const sparse = new Sequencer(withCamera("sparse", 100, 5));
const stepBudget = perOp(
  100,
  "100 ns per eventless step: the sequencer's share of a frame is then 1/166,000 of it",
);

bench({
  group: "Sequencer Operations",
  name: "creation",
  budget: perOp(2000, "2 µs per sequencer of an empty timeline (checked, copied, scheduled)"),
  throughput,
  fn: () => consume(repeat(() => new Sequencer(emptyTimeline))),
});
bench({
  group: "Sequencer Operations",
  name: "seek",
  budget: perOp(100, "100 ns per seek: a scrubbing editor seeks once a frame"),
  throughput,
  fn: () => {
    for (let i = 0; i < COUNT; i++) sparse.seek(5);
    consume(sparse.time);
  },
});
{
  const seq = new Sequencer(emptyTimeline);
  bench({
    group: "Sequencer Operations",
    name: "step_empty_timeline",
    budget: stepBudget,
    throughput,
    fn: () => consume(stepsFromStart(seq, 0.016)),
  });
}
bench({
  group: "Sequencer Operations",
  name: "step_no_events",
  budget: stepBudget,
  throughput,
  fn: () => consume(stepsFromStart(sparse, 0.016, 50)),
});

const emissionBudget = perOp(
  500,
  "500 ns per step that emits (one small array): 1/33,000 of a 60 FPS frame",
);
const emitting: [string, Timeline, number][] = [
  ["camera_event", withCamera("camera", 10, 10), 1.5],
  ["animation_event", timeline("anim", 10, [animationTrack(1, "test", 1)]), 1.5],
  ["audio_event", timeline("audio", 10, [audioTrack("test.ogg", 1, 0.8)]), 1.5],
  ["fx_event", timeline("fx", 10, [fxTrack("explosion", 1, { scale: 2 })]), 1.5],
  ["multiple_events_step", mixedTracks("multi", 10, 20), 5],
];
for (const [name, tl, dt] of emitting) {
  const seq = new Sequencer(tl);
  bench({
    group: "Event Emission",
    name,
    budget: emissionBudget,
    throughput,
    fn: () => consume(stepsFromStart(seq, dt)),
  });
}

// ---------------------------------------------------------------------------------------------
// Timeline Playback
// ---------------------------------------------------------------------------------------------

function play(seq: Sequencer, frames: number, from = 0): number {
  seq.seek(from);
  let events = 0;
  for (let i = 0; i < frames; i++) events += seq.step(1 / 60).length;
  return events;
}

for (const tracks of [5, 20, 50, 100]) {
  const seq = new Sequencer(mixedTracks("playback", 60, tracks));
  bench({
    group: "Timeline Playback",
    name: `60fps_1sec/${tracks}`,
    budget: us(20, "60 frames of a cinematic in 20 µs: each frame's step 1/50,000 of it"),
    size: { value: tracks, unit: "tracks" },
    throughput: { elements: 60 },
    fn: () => consume(play(seq, 60)),
  });
}
const complex = complexTimeline(30);
{
  const seq = new Sequencer(complex);
  bench({
    group: "Timeline Playback",
    name: "complex_30sec_full",
    budget: us(500, "1,800 frames (30 s at 60 FPS), under 300 ns each"),
    throughput: { elements: 1800 },
    fn: () => consume(play(seq, 1800)),
  });
  bench({
    group: "Timeline Playback",
    name: "complex_single_frame",
    // The frame at 5 s starts three events.
    budget: emissionBudget,
    throughput,
    fn: () => consume(stepsFromStart(seq, 1 / 60, 5)),
  });
}

// ---------------------------------------------------------------------------------------------
// JSON Serialization, with JSON itself as the peer (what checking and converting add)
// ---------------------------------------------------------------------------------------------

const simple = withCamera("simple", 10, 5);
const simpleJson = stringifyTimeline(simple);
const complexJson = stringifyTimeline(complex);
const complexSerde = timelineToJson(complex);
const loadBudget = frameShare(100, "a cutscene file loaded within a frame's slack");
bench({
  group: "JSON Serialization",
  name: "serialize_empty",
  budget: us(2, "an empty timeline in 2 µs, 1/8,000 of a frame"),
  fn: () => consume(stringifyTimeline(emptyTimeline)),
});
bench({
  group: "JSON Serialization",
  name: "serialize_simple",
  budget: us(10, "5 keyframes in 10 µs"),
  fn: () => consume(stringifyTimeline(simple)),
});
bench({
  group: "JSON Serialization",
  name: "serialize_complex",
  budget: loadBudget,
  throughput: { bytes: complexJson.length },
  fn: () => consume(stringifyTimeline(complex)),
});
bench({
  group: "JSON Serialization",
  name: "JSON.stringify",
  peer: "JSON",
  versus: "serialize_complex",
  throughput: { bytes: complexJson.length },
  fn: () => consume(JSON.stringify(complexSerde)),
});
bench({
  group: "JSON Serialization",
  name: "serialize_complex_pretty",
  budget: loadBudget,
  throughput: { bytes: complexJson.length },
  fn: () => consume(stringifyTimeline(complex, true)),
});
bench({
  group: "JSON Serialization",
  name: "deserialize_simple",
  budget: us(20, "5 keyframes parsed and checked in 20 µs"),
  throughput: { bytes: simpleJson.length },
  fn: () => consume(parseTimeline(simpleJson)),
});
bench({
  group: "JSON Serialization",
  name: "deserialize_complex",
  budget: loadBudget,
  throughput: { bytes: complexJson.length },
  fn: () => consume(parseTimeline(complexJson)),
});
bench({
  group: "JSON Serialization",
  name: "JSON.parse",
  peer: "JSON",
  versus: "deserialize_complex",
  throughput: { bytes: complexJson.length },
  fn: () => consume(JSON.parse(complexJson)),
});
bench({
  group: "JSON Serialization",
  name: "roundtrip_complex",
  budget: loadBudget,
  throughput: { bytes: complexJson.length },
  fn: () => consume(parseTimeline(stringifyTimeline(complex))),
});

// ---------------------------------------------------------------------------------------------
// Timeline Scaling
// ---------------------------------------------------------------------------------------------

for (const tracks of [10, 50, 100, 500, 1000]) {
  bench({
    group: "Timeline Scaling",
    name: `creation/${tracks}`,
    budget: us(tracks * 0.3, "300 ns per track built (names formatted, params made)"),
    size: { value: tracks, unit: "tracks" },
    throughput: { elements: tracks },
    fn: () => consume(mixedTracks("scale", 60, tracks)),
  });
}
for (const tracks of [10, 50, 100, 500]) {
  const seq = new Sequencer(mixedTracks("scale", 60, tracks));
  bench({
    group: "Timeline Scaling",
    name: `step/${tracks}`,
    budget: emissionBudget,
    size: { value: tracks, unit: "tracks" },
    throughput,
    fn: () => consume(stepsFromStart(seq, 0.5)),
  });
}
for (const keyframes of [10, 50, 100, 500]) {
  const seq = new Sequencer(withCamera("camera", 60, keyframes));
  bench({
    group: "Timeline Scaling",
    name: `camera_keyframes_step/${keyframes}`,
    // The step covers half the timeline, so it returns half the keyframes: O(n) by design.
    budget: perOp(
      500 + keyframes * 10,
      "500 ns a step plus 20 ns per keyframe it emits (half of them)",
    ),
    size: { value: keyframes, unit: "keyframes" },
    throughput,
    fn: () => consume(stepsFromStart(seq, 30)),
  });
}

// ---------------------------------------------------------------------------------------------
// Edge Cases
// ---------------------------------------------------------------------------------------------

{
  const zero = new Sequencer(timeline("zero", 0));
  bench({
    group: "Edge Cases",
    name: "zero_duration_step",
    budget: stepBudget,
    throughput,
    fn: () => consume(stepsFromStart(zero, 0)),
  });
  const precise = new Sequencer(withCamera("precise", 10, 100));
  bench({
    group: "Edge Cases",
    name: "sub_ms_step",
    budget: emissionBudget,
    throughput,
    fn: () => consume(stepsFromStart(precise, 0.0001)),
  });
  const large = new Sequencer(mixedTracks("large", 100, 100));
  bench({
    group: "Edge Cases",
    name: "large_step",
    budget: us(5, "the whole of a 100-track timeline in one step, 5 µs"),
    fn: () => {
      large.seek(0);
      consume(large.step(99));
    },
  });
  const boundary = new Sequencer(timeline("boundary", 10, [audioTrack("test.ogg", 5, 1)]));
  bench({
    group: "Edge Cases",
    name: "exact_event_time",
    budget: emissionBudget,
    throughput,
    fn: () => consume(stepsFromStart(boundary, 5)),
  });
  bench({
    group: "Edge Cases",
    name: "repeated_seeks",
    budget: us(10, "100 seeks in 10 µs"),
    throughput: { elements: 100 },
    fn: () => {
      for (let i = 0; i < 100; i++) precise.seek(i * 0.1);
      consume(precise.time);
    },
  });
  const short = new Sequencer(timeline("short", 1));
  bench({
    group: "Edge Cases",
    name: "out_of_range_error",
    budget: us(20, "a refused seek (an error object with its stack) in 20 µs"),
    fn: () => {
      try {
        short.seek(1.99);
      } catch (error) {
        consume(error);
      }
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Timeline Clone: new Sequencer(timeline), the checked copy
// ---------------------------------------------------------------------------------------------

const smallStart = us(20, "a timeline of a track or two ready to play in 1/830 of a frame");
const startBudget = frameShare(100, "built once, when a cinematic starts, in a frame's slack");
const clones: [string, Timeline, typeof startBudget][] = [
  ["empty", timeline("empty", 10), smallStart],
  ["simple", withCamera("simple", 10, 10), smallStart],
  ["complex", complex, startBudget],
  ["100_tracks", mixedTracks("many", 60, 100), startBudget],
];
for (const [name, tl, budget] of clones) {
  bench({
    group: "Timeline Clone",
    name,
    budget,
    fn: () => consume(new Sequencer(tl)),
  });
}

// ---------------------------------------------------------------------------------------------
// Camera Interpolation (ours: the Rust crate has none)
// ---------------------------------------------------------------------------------------------

const cameraKeys = (keyframes: number) =>
  Array.from({ length: keyframes }, (_, i) => {
    const t = (i * 60) / keyframes;
    return cameraKey(t, [t, 2, Math.cos(t)], [Math.sin(t) * 10, 0, Math.cos(t) * 10], 50 + t / 3);
  });
/**
 * {@link COUNT} poses spread over the path's 60 s, in time order as playback asks for them (the
 * path then finds each pose's keys next to the last ones, without a search); returns a sum.
 */
function samples(path: CameraPath): number {
  const pose = createPose();
  let sum = 0;
  for (let i = 0; i < COUNT; i++) sum += path.sample(i * 0.06, pose).lookAt[0];
  return sum;
}
const poseBudget = perOp(200, "200 ns per pose: 1,000 cameras in 1/83 of a 60 FPS frame");
for (const keyframes of [5, 20, 100, 500]) {
  const path = new CameraPath(cameraKeys(keyframes));
  bench({
    group: "Camera Interpolation",
    name: `sample/${keyframes}`,
    budget: poseBudget,
    size: { value: keyframes, unit: "keyframes" },
    throughput,
    fn: () => consume(samples(path)),
  });
}
{
  // The "turn" rule: a slerp (an arc cosine and three sines) per pose instead of a lerp.
  const path = new CameraPath(cameraKeys(20), "turn");
  bench({
    group: "Camera Interpolation",
    name: "sample_turn_20",
    budget: perOp(500, "500 ns per pose (an arc cosine and two sines): 1,000 in 1/33 of a frame"),
    throughput,
    fn: () => consume(samples(path)),
  });
}
