import assert from "node:assert/strict";
import {
  animationTrack,
  audioTrack,
  cameraKey,
  cameraTrack,
  CinematicsError,
  countTracks,
  fxTrack,
  LIMITS,
  parseTimeline,
  stringifyTimeline,
  timeline,
  timelineFromJson,
  timelineToJson,
} from "./mod.ts";

const FIXTURE = new URL("./fixtures/rust_timeline.json", import.meta.url);
const fixtureText = () => Deno.readTextFileSync(FIXTURE);

Deno.test("a timeline in the Rust serde shape loads with every field", () => {
  const tl = parseTimeline(fixtureText());
  assert.equal(tl.name, "harbor_intro");
  assert.equal(tl.duration, 6);
  assert.deepEqual(countTracks(tl), { Camera: 1, Animation: 1, Audio: 2, Fx: 1, keyframes: 3 });
  assert.deepEqual(
    tl.tracks[0],
    cameraTrack([
      cameraKey(0, [0, 2, 10], [0, 0, 0], 60),
      cameraKey(3, [10, 2, 0], [0, 0, 0], 45),
      cameraKey(6, [0, 2, -10], [0, 1.5, 0], 45),
    ]),
  );
  assert.deepEqual(tl.tracks[1], animationTrack(42, "captain_wave", 1.5));
  assert.deepEqual(tl.tracks[2], audioTrack("music/harbor_theme.ogg", 0, 0.8));
  assert.deepEqual(
    tl.tracks[3],
    fxTrack("gull_flock", 3, {
      count: 12,
      spread: 4.5,
      color: [1, 1, 0.9],
      loop: false,
      label: null,
    }),
  );
});

Deno.test("what we write is the Rust shape, and reads back equal", () => {
  const tl = parseTimeline(fixtureText());
  // Same value as the Rust-shaped file (only the number spelling, 6.0 against 6, differs).
  assert.deepEqual(JSON.parse(stringifyTimeline(tl)), JSON.parse(fixtureText()));
  assert.deepEqual(parseTimeline(stringifyTimeline(tl, true)), tl);
  const built = timeline("t", 2, [
    cameraTrack([cameraKey(0.5, [1, 2, 3], [0, 1, 0], 70)]),
    fxTrack("fade-in", 0, { duration: 0.25 }),
  ]);
  assert.deepEqual(timelineToJson(built), {
    name: "t",
    duration: 2,
    tracks: [
      { Camera: { keyframes: [{ t: 0.5, pos: [1, 2, 3], look_at: [0, 1, 0], fov_deg: 70 }] } },
      { Fx: { name: "fade-in", start: 0, params: { duration: 0.25 } } },
    ],
  });
  assert.deepEqual(parseTimeline(stringifyTimeline(built)), built);
});

Deno.test("a loaded timeline is frozen all the way down", () => {
  const tl = parseTimeline(fixtureText());
  const camera = tl.tracks[0] as { keyframes: readonly { pos: readonly number[] }[] };
  for (const part of [tl, tl.tracks, tl.tracks[2], camera.keyframes, camera.keyframes[0].pos]) {
    assert.ok(Object.isFrozen(part));
  }
  assert.throws(() => (tl as { duration: number }).duration = 1, TypeError);
});

Deno.test("the Rust Timeline::default() and an empty timeline load", () => {
  assert.deepEqual(parseTimeline('{"name":"","duration":0.0,"tracks":[]}'), timeline());
});

/** Asserts that `value` is refused with a CinematicsError at `path` whose message matches. */
function refused(value: unknown, path: string, message: RegExp) {
  assert.throws(() => timelineFromJson(value), (error) => {
    assert.ok(error instanceof CinematicsError, String(error));
    assert.equal(error.code, "invalid-timeline");
    assert.equal(error.path, path);
    assert.match(error.message, message);
    return true;
  });
}

// The tests below edit parsed JSON freely, as a hand-edited file would be.
// deno-lint-ignore no-explicit-any
type EditableJson = any;
const base = (): EditableJson => JSON.parse(fixtureText());

Deno.test("bad fields are named by their JSON path", () => {
  const cases: [(tl: EditableJson) => void, string, RegExp][] = [
    [(tl) => tl.duration = -1, "duration", /0 seconds or more, got -1/],
    [(tl) => tl.duration = "6", "duration", /finite number, got "6"/],
    [(tl) => tl.name = 7, "name", /must be a string, got 7/],
    [(tl) => tl.tracks = {}, "tracks", /must be an array/],
    [(tl) => tl.tracks[1] = { Laser: {} }, "tracks[1]", /unknown track kind "Laser"/],
    [(tl) => tl.tracks[1] = { Audio: {}, Fx: {} }, "tracks[1]", /exactly one key/],
    [(tl) => tl.tracks[1] = "Camera", "tracks[1]", /must be an object/],
    [(tl) => tl.tracks[2].Audio.start = 7, "tracks[2].Audio.start", /past the timeline's duration/],
    [(tl) => tl.tracks[2].Audio.start = -0.5, "tracks[2].Audio.start", /0 seconds or more/],
    [(tl) => tl.tracks[2].Audio.volume = -1, "tracks[2].Audio.volume", /0 or more/],
    [(tl) => delete tl.tracks[2].Audio.volume, "tracks[2].Audio", /missing field "volume"/],
    [(tl) => tl.tracks[2].Audio.gain = 1, "tracks[2].Audio", /unknown field "gain"/],
    [(tl) => tl.tracks[1].Animation.target = -1, "tracks[1].Animation.target", /0 to 4294967295/],
    [(tl) => tl.tracks[1].Animation.target = 2 ** 32, "tracks[1].Animation.target", /integer/],
    [(tl) => tl.tracks[1].Animation.target = 1.5, "tracks[1].Animation.target", /integer/],
    [(tl) => tl.tracks[0].Camera.keyframes[2].t = 6.5, "tracks[0].Camera.keyframes[2].t", /past/],
    [
      (tl) => tl.tracks[0].Camera.keyframes[1].pos = [1, 2],
      "tracks[0].Camera.keyframes[1].pos",
      /3 numbers/,
    ],
    [
      (tl) => tl.tracks[0].Camera.keyframes[1].pos[2] = null,
      "tracks[0].Camera.keyframes[1].pos[2]",
      /finite/,
    ],
    [
      (tl) => tl.tracks[0].Camera.keyframes[0].fov_deg = 180,
      "tracks[0].Camera.keyframes[0].fov_deg",
      /between 0 and 180/,
    ],
    [
      (tl) => tl.tracks[0].Camera.keyframes[0].fov_deg = 0,
      "tracks[0].Camera.keyframes[0].fov_deg",
      /between 0 and 180/,
    ],
    [
      (tl) => tl.tracks[0].Camera.keyframes = null,
      "tracks[0].Camera.keyframes",
      /must be an array/,
    ],
    [
      (tl) => tl.tracks[3].Fx.name = "x".repeat(LIMITS.stringLength + 1),
      "tracks[3].Fx.name",
      /characters long/,
    ],
    [(tl) => tl.extra = 1, "", /unknown field "extra"/],
  ];
  for (const [mutate, path, message] of cases) {
    const tl = base();
    mutate(tl);
    refused(tl, path, message);
  }
});

Deno.test("non-finite numbers from code (JSON text cannot carry them) are refused", () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    const tl = base();
    tl.tracks[2].Audio.start = bad;
    refused(tl, "tracks[2].Audio.start", /finite number/);
    const params = base();
    params.tracks[3].Fx.params.spread = bad;
    refused(params, "tracks[3].Fx.params.spread", /finite number/);
  }
  const fn = base();
  fn.tracks[3].Fx.params = { f: () => 1 };
  refused(fn, "tracks[3].Fx.params.f", /not JSON: function/);
});

Deno.test("lone surrogates (which the Rust crate could not read back) are refused", () => {
  const clip = base();
  clip.tracks[2].Audio.clip = "a\ud800b";
  refused(clip, "tracks[2].Audio.clip", /lone surrogate/);
  const params = base();
  params.tracks[3].Fx.params = { label: "\udc00" };
  refused(params, "tracks[3].Fx.params.label", /lone surrogate/);
  assert.throws(
    () => parseTimeline('{"name":"\\ud800","duration":1,"tracks":[]}'),
    /name: is not valid/,
  );
});

Deno.test("odd keys in params are quoted and cut short in the path", () => {
  const tl = base();
  tl.tracks[3].Fx.params = { "a.b\nc": { ["k".repeat(100_000)]: NaN } };
  refused(tl, `tracks[3].Fx.params["a.b\\nc"]["${"k".repeat(40)}…"]`, /finite number/);
});

Deno.test("deep, huge and numerous input is refused by the limits", () => {
  let deep: unknown = 1;
  for (let i = 0; i < LIMITS.paramsDepth + 1; i++) deep = [deep];
  const tl = base();
  tl.tracks[3].Fx.params = deep;
  assert.throws(() => timelineFromJson(tl), /nested deeper than 32 levels/);
  const many = base();
  many.tracks = Array.from({ length: LIMITS.tracks + 1 }, () => ({
    Animation: { target: 1, clip: "a", start: 0 },
  }));
  refused(many, "tracks", /limit is 100000/);
  const wide = base();
  wide.tracks[3].Fx.params = new Array(LIMITS.paramsValues).fill(0);
  assert.throws(() => timelineFromJson(wide), /more than 1000000 values/);
  assert.throws(
    () => parseTimeline(" ".repeat(LIMITS.textLength + 1)),
    /the text is 16777217 characters/,
  );
  assert.throws(() => parseTimeline("{"), /not JSON/);
  assert.throws(() => parseTimeline(42 as unknown as string), /must be JSON text, got 42/);
});

Deno.test("__proto__ in params stays data and pollutes nothing", () => {
  const tl = parseTimeline(
    '{"name":"p","duration":1,"tracks":[{"Fx":{"name":"x","start":0,"params":{"__proto__":{"polluted":1}}}}]}',
  );
  const params = (tl.tracks[0] as { params: Record<string, unknown> }).params;
  assert.deepEqual(Object.keys(params), ["__proto__"]);
  assert.equal(Object.getPrototypeOf(params), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.ok(Object.isFrozen(params));
  // As a timeline field, __proto__ is an unknown field.
  assert.throws(
    () => parseTimeline('{"name":"p","duration":1,"tracks":[],"__proto__":{}}'),
    /unknown field "__proto__"/,
  );
});
