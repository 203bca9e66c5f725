// Hostile input the cinematics crate must refuse with a CinematicsError, or accept and then play
// without throwing: seeded mutation of a valid timeline (as values and as text), deep and huge
// input, wrong types and prototype keys. A failing case reproduces from its seed and index.
import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import {
  deepArray,
  describe,
  jsonText,
  mutateJson,
  mutateText,
  thrownBy,
} from "@astraweave/testing/hostile";
import {
  CinematicsError,
  createPose,
  parseTimeline,
  Sequencer,
  type Timeline,
  timelineFromJson,
} from "./mod.ts";

const VALID_TEXT = Deno.readTextFileSync(new URL("./fixtures/rust_timeline.json", import.meta.url));
const VALID = JSON.parse(VALID_TEXT);

/** Plays `tl` through with uneven frames; every event once, every camera pose finite. */
function playsThrough(tl: Timeline, what: string): void {
  const seq = new Sequencer(tl);
  const pose = createPose();
  let events = 0;
  for (let frame = 0; frame < 400 && !seq.finished; frame++) {
    events += seq.step(frame % 7 === 0 ? 0 : 0.037).length;
    for (let camera = 0; seq.camera(camera, pose); camera++) {
      for (const v of [...pose.position, ...pose.lookAt, pose.fovDeg]) {
        assert.ok(Number.isFinite(v), `${what}: camera ${camera} pose ${JSON.stringify(pose)}`);
      }
    }
  }
  if (tl.duration <= 400 * 0.037 * 6 / 7) {
    assert.ok(seq.finished, `${what}: finished`);
    assert.equal(events, seq.events.length, `${what}: every event once`);
  }
}

function refusedOrPlays(parse: () => Timeline, what: string): "refused" | "played" {
  let tl: Timeline;
  try {
    tl = parse();
  } catch (error) {
    assert.ok(
      error instanceof CinematicsError,
      `${what}: expected a CinematicsError, got ${error}`,
    );
    assert.equal(error.code, "invalid-timeline", what);
    assert.ok(error.message.length < 400, `${what}: a message of one short line`);
    return "refused";
  }
  playsThrough(tl, what);
  return "played";
}

Deno.test("hostile: 4,000 mutated timeline values are refused by name or play through", () => {
  const random = mulberry32(0xc1_4e_3a);
  const outcomes = { refused: 0, played: 0 };
  for (let i = 0; i < 4000; i++) {
    const value = mutateJson(VALID, random);
    const what = `case ${i}: ${describe(value)}`;
    outcomes[refusedOrPlays(() => timelineFromJson(value), what)]++;
    // And as text (where NaN becomes null and holes become null).
    if (i % 4 === 0) refusedOrPlays(() => parseTimeline(jsonText(value)), `${what} (as text)`);
  }
  // Both outcomes happen: the mutations are neither all fatal nor all harmless.
  assert.ok(outcomes.refused > 1000 && outcomes.played > 100, JSON.stringify(outcomes));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("hostile: 3,000 mutated timeline texts are refused by name or play through", () => {
  const random = mulberry32(0xc1_4e_7e);
  for (let i = 0; i < 3000; i++) {
    const text = mutateText(VALID_TEXT, random);
    refusedOrPlays(() => parseTimeline(text), `case ${i}: ${describe(text)}`);
  }
});

Deno.test("hostile: deep nesting anywhere is refused without running out of stack", () => {
  const deepText = "[".repeat(100_000) + "]".repeat(100_000);
  const cases = [
    deepText,
    `{"name":"d","duration":1,"tracks":${deepText}}`,
    `{"name":"d","duration":1,"tracks":[{"Fx":{"name":"x","start":0,"params":${deepText}}}]}`,
    `{"name":"d","duration":1,"tracks":[{"Camera":{"keyframes":[{"t":0,"pos":${deepText},"look_at":[0,0,0],"fov_deg":60}]}}]}`,
  ];
  for (const text of cases) {
    const error = thrownBy(() => parseTimeline(text));
    assert.ok(error instanceof CinematicsError, `${text.slice(0, 80)}: ${error}`);
  }
  const value = {
    name: "d",
    duration: 1,
    tracks: [{ Fx: { name: "x", start: 0, params: deepArray(10_000) } }],
  };
  assert.throws(() => timelineFromJson(value), /nested deeper than 32 levels/);
});

Deno.test("hostile: prototype keys are unknown kinds and fields, never lookups", () => {
  for (const kind of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
    const text = `{"name":"p","duration":1,"tracks":[{"${kind}":{"keyframes":[]}}]}`;
    assert.throws(() => parseTimeline(text), /unknown track kind/, kind);
    assert.throws(
      () => parseTimeline(`{"name":"p","duration":1,"tracks":[],"${kind}":1}`),
      /unknown field/,
      kind,
    );
  }
  assert.equal(({} as Record<string, unknown>).keyframes, undefined);
});

Deno.test("hostile: a Sequencer given anything but a timeline throws a CinematicsError", () => {
  const junk: unknown[] = [
    null,
    undefined,
    7,
    "timeline",
    [],
    {},
    { name: "x", duration: 1, tracks: 5 },
    { name: "x", duration: 1, tracks: [null] },
    { name: "x", duration: 1, tracks: [{ kind: "Camera", keyframes: [null] }] },
    { name: "x", duration: 1, tracks: [{ kind: "Camera", keyframes: [{ t: 0 }] }] },
    { name: "x", duration: NaN, tracks: [] },
    { name: "x", duration: 1, tracks: [{ kind: "Audio", clip: "a", start: 0, volume: Infinity }] },
  ];
  for (const value of junk) {
    const error = thrownBy(() => new Sequencer(value as Timeline));
    assert.ok(error instanceof CinematicsError, `${describe(value)}: ${error}`);
  }
});

Deno.test("hostile: a huge valid timeline loads within the limits and plays", () => {
  const tracks = Array.from({ length: 20_000 }, (_, i) => ({
    Audio: { clip: `clip_${i}`, start: (i % 600) / 10, volume: 1 },
  }));
  const tl = timelineFromJson({ name: "big", duration: 60, tracks });
  const seq = new Sequencer(tl);
  let events = 0;
  while (!seq.finished) events += seq.step(1 / 60).length;
  assert.equal(events, 20_000);
});

Deno.test("hostile: holes in sparse arrays are checked, not skipped (found by the fuzzer)", () => {
  const keyframes = [...VALID.tracks[0].Camera.keyframes];
  delete keyframes[1];
  const sparseKeys = { ...VALID, tracks: [{ Camera: { keyframes } }] };
  assert.throws(
    () => timelineFromJson(sparseKeys),
    /tracks\[0\]\.Camera\.keyframes\[1\]: must be an object, got undefined/,
  );
  const tracks = [...VALID.tracks];
  delete tracks[2];
  assert.throws(() => timelineFromJson({ ...VALID, tracks }), /tracks\[2\]: must be an object/);
});
