import assert from "node:assert/strict";
import { AudioClip, AudioError, MAX_RENDER_FRAMES, parseScene, renderScene } from "./mod.ts";

const noClips = { loadClip: (): AudioClip => assert.fail("no clips in this scene") };

Deno.test("scene events start on their exact frame", () => {
  const scene = parseScene({
    sampleRate: 8000,
    seconds: 0.5,
    events: [{ time: 0.1, bus: "sfx", beep: { hz: 1000, seconds: 0.1, gain: 1 } }],
  });
  const { channels } = renderScene(scene, noClips);
  assert.equal(channels[0].length, 4000);
  assert.equal(channels[0].slice(0, 801).some((x) => x !== 0), false);
  assert.ok(channels[0][802] !== 0); // frame 800 is the envelope's 0, then the tone
  assert.equal(channels[0][1700], 0);
});

Deno.test("the listener path pans a spatial emitter from centre to left", () => {
  const scene = parseScene({
    sampleRate: 8000,
    seconds: 2,
    listener: [
      { time: 0, position: [0, 0, 0], forward: [0, 0, -1] },
      { time: 1, position: [0, 0, 0], forward: [1, 0, 0] }, // emitter at -z is now on the left
    ],
    events: [{ time: 0, bus: "spatial", emitter: 1, position: [0, 0, -1], clip: "dc" }],
  });
  const dc = new AudioClip(8000, [new Float32Array(16000).fill(0.5)]);
  const { channels: [left, right] } = renderScene(scene, { loadClip: () => dc });
  assert.ok(Math.abs(left[100] - right[100]) < 1e-6);
  assert.ok(Math.abs(left[12000] - 0.5) < 1e-6 && Math.abs(right[12000]) < 1e-6);
});

Deno.test("clips are loaded once each, at the scene's rate; music crossfades in", () => {
  const loaded: string[] = [];
  const scene = parseScene({
    sampleRate: 16000,
    seconds: 1,
    events: [
      { time: 0, bus: "music", clip: "a.wav", crossfade: 0.5 },
      { time: 0.5, bus: "voice", clip: "a.wav" },
      { time: 0.5, bus: "voice", beep: { text: "hi" } },
    ],
  });
  const { channels } = renderScene(scene, {
    loadClip: (path, rate) => {
      loaded.push(`${path}@${rate}`);
      return new AudioClip(rate, [new Float32Array(rate).fill(0.25)]);
    },
  });
  assert.deepEqual(loaded, ["a.wav@16000"]);
  assert.ok(channels[0][100] < channels[0][7000]); // fading in
});

Deno.test("bad scenes are AudioErrors that name the field", () => {
  const cases: [unknown, RegExp][] = [
    [[], /a scene is a JSON object/],
    [{ events: {} }, /events must be an array/],
    [{ sampleRate: 100, events: [] }, /sampleRate/],
    [{ seconds: -1, events: [] }, /seconds/],
    [{ events: [{ time: 0, bus: "drums", beep: {} }] }, /events\[0\]\.bus/],
    [{ events: [{ time: 0, bus: "sfx" }] }, /exactly one of clip and beep/],
    [{ events: [{ time: 0, bus: "sfx", beep: { hz: 1, seconds: -1, gain: 1 } }] }, /beep\.seconds/],
    [{ events: [{ time: 0, bus: "music", beep: { hz: 1, seconds: 1, gain: 1 } }] }, /sfx, spatial/],
    [{ events: [{ time: 0, bus: "spatial", clip: "x", position: [0, 0, 0] }] }, /emitter/],
    [
      { events: [{ time: 0, bus: "spatial", clip: "x", emitter: 1, position: [0, null, 0] }] },
      /position/,
    ],
    [{ listener: [{ time: 0, position: [0, 0, 0], forward: [0, 1, 0] }], events: [] }, /parallel/],
    [
      {
        listener: [{ time: 2, position: [0, 0, 0] }, { time: 1, position: [0, 0, 0] }],
        events: [],
      },
      /before/,
    ],
  ];
  for (const [json, message] of cases) {
    assert.throws(() => parseScene(json), (e: unknown) => {
      assert.ok(e instanceof AudioError && e.code === "invalid-scene", String(e));
      assert.match(e.message, message);
      return true;
    });
  }
});

Deno.test("a render too long to hold is an AudioError before anything is allocated", () => {
  // The last event at 1e9 s made a render of 2 s more than that: a RangeError from the allocator.
  // Such an event is refused when the scene is read.
  assert.throws(
    () => parseScene({ events: [{ time: 1e9, bus: "sfx", beep: { hz: 1, seconds: 1, gain: 1 } }] }),
    (e) => e instanceof AudioError && /time must be a number from 0 to 3600/.test(e.message),
  );
  const hiRate = parseScene({ sampleRate: 384_000, seconds: 3600, events: [] });
  assert.throws(() => renderScene(hiRate, noClips), new RegExp(`at most ${MAX_RENDER_FRAMES}`));
  assert.throws(() => renderScene(hiRate, { ...noClips, seconds: NaN }), AudioError);
});

Deno.test("renderScene reports progress block by block, ending at the total", () => {
  const scene = parseScene({ sampleRate: 8000, seconds: 1, events: [] });
  const done: number[] = [];
  renderScene(scene, { ...noClips, onProgress: (frames, total) => done.push(frames / total) });
  assert.ok(done.length > 1);
  assert.ok(done.every((d, i) => i === 0 || d > done[i - 1]));
  assert.equal(done.at(-1), 1);
});
