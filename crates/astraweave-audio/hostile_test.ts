// Hostile input the audio crate must refuse with an AudioError, or accept and then render only
// finite samples in [-1, 1]. Seeded mutation of valid WAV files, scenes and voice banks; a failing
// case reproduces from its seed and index. Each hole found gets a test here.
import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import {
  describe,
  HOSTILE_NUMBERS,
  hostileValue,
  mutateBytes,
  mutateJson,
  mutateText,
  pick,
  thrownBy,
} from "@astraweave/testing/hostile";
import {
  AudioClip,
  AudioEngine,
  AudioError,
  decodeWav,
  DialoguePlayer,
  encodeWav,
  parseScene,
  parseVoiceBank,
  renderScene,
} from "./mod.ts";

/** A WAV file in any layout the decoder reads, built by hand (the encoder writes two). */
function wavBytes(
  code: 1 | 3,
  bits: number,
  channels: number,
  frames: number,
  extensible: boolean,
) {
  const blockAlign = channels * bits / 8;
  const fmtSize = extensible ? 40 : 16;
  const dataSize = frames * blockAlign;
  const bytes = new Uint8Array(12 + 8 + fmtSize + 8 + dataSize);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < 4; i++) bytes[at + i] = text.charCodeAt(i);
  };
  ascii(0, "RIFF");
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, extensible ? 0xfffe : code, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 8000 * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bits, true);
  if (extensible) {
    view.setUint16(36, 22, true);
    view.setUint16(38, bits, true);
    view.setUint16(44, code, true);
    bytes.set([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71], 46);
  }
  const data = 20 + fmtSize;
  ascii(data, "data");
  view.setUint32(data + 4, dataSize, true);
  for (let i = 0; i < dataSize; i++) bytes[data + 8 + i] = (i * 37) & 0xff;
  if (code === 3) {
    for (let i = 0; i < dataSize; i += 4) view.setFloat32(data + 8 + i, Math.sin(i) * 0.9, true);
  }
  return bytes;
}

const VALID_WAVS = [
  wavBytes(1, 8, 1, 16, false),
  wavBytes(1, 16, 2, 16, false),
  wavBytes(1, 24, 1, 16, false),
  wavBytes(1, 32, 2, 16, false),
  wavBytes(3, 32, 1, 16, false),
  wavBytes(1, 16, 2, 16, true),
  wavBytes(3, 32, 2, 16, true),
  encodeWav([new Float32Array([0, 0.5, -0.5, 0.25])], 8000, "float32"),
];

function assertAudioError(error: unknown, what: string): void {
  assert.ok(error instanceof AudioError, `${what}: expected an AudioError, got ${error}`);
}

function assertSamples(channels: readonly Float32Array[], what: string, limit: number): void {
  for (const channel of channels) {
    for (let i = 0; i < channel.length; i++) {
      const v = channel[i];
      assert.ok(Number.isFinite(v) && v >= -limit && v <= limit, `${what}: sample ${i} is ${v}`);
    }
  }
}

Deno.test("hostile: 6,000 mutated WAV files decode to finite samples or fail with an AudioError", () => {
  const random = mulberry32(0x5eed_0a0d);
  const engine = new AudioEngine({ sampleRate: 8000 });
  for (let i = 0; i < 6000; i++) {
    const bytes = mutateBytes(VALID_WAVS[i % VALID_WAVS.length], random);
    const what = `case ${i}`;
    let wav;
    try {
      wav = decodeWav(bytes);
    } catch (error) {
      assertAudioError(error, what);
      continue;
    }
    assert.ok(wav.channels.length === 1 || wav.channels.length === 2, what);
    assert.ok(wav.channels.every((c) => c.length === wav.frames), what);
    assert.ok(wav.frames * wav.channels.length * 4 <= bytes.length * 4, `${what}: more than read`);
    // PCM is in [-1, 1); float32 is finite (floats may go past 1, the engine's master clamps).
    assertSamples(wav.channels, what, wav.format === "float32" ? 3.5e38 : 1);
    if (i % 50 === 0 && wav.frames > 0) {
      engine.playSfx(AudioClip.fromWav(bytes, 8000), { gain: 4 });
      assertSamples(engine.render(64), `${what} rendered`, 1);
    }
  }
});

const VALID_SCENE = {
  sampleRate: 8000,
  seconds: 0.25,
  masterVolume: 1,
  listener: [
    { time: 0, position: [0, 0, 0], forward: [0, 0, -1] },
    { time: 0.25, position: [0, 0, 0], forward: [1, 0, 0], up: [0, 1, 0] },
  ],
  events: [
    { time: 0, bus: "music", clip: "theme.wav", crossfade: 0.1 },
    { time: 0.05, bus: "ambient", clip: "wind.wav", gain: 0.5, loop: true },
    { time: 0.1, bus: "sfx", beep: { hz: 440, seconds: 0.1, gain: 0.5 } },
    { time: 0.1, bus: "spatial", emitter: 1, position: [3, 0, -1], clip: "step.wav" },
    {
      time: 0.2,
      bus: "spatial",
      emitter: 2,
      position: [-3, 1, 1],
      beep: { hz: 660, seconds: 0.1, gain: 0.8 },
    },
    { time: 0.2, bus: "voice", beep: { text: "Over here!" } },
    { time: 0.2, bus: "voice", clip: "line.wav" },
  ],
};

/** Scenes this long are checked but not rendered, to keep the file fast. */
const MAX_RENDERED_FRAMES = 8000;

Deno.test("hostile: 2,000 mutated scenes are refused with an AudioError or render in [-1, 1]", () => {
  const random = mulberry32(0x5eed_5ce0);
  const tone = new AudioClip(8000, [Float32Array.from({ length: 400 }, (_, i) => Math.sin(i))]);
  const loadClip = () => tone;
  let rendered = 0;
  for (let i = 0; i < 2000; i++) {
    const json = mutateJson(VALID_SCENE, random);
    const what = `case ${i}: ${describe(json)}`;
    let scene;
    try {
      scene = parseScene(json);
    } catch (error) {
      assertAudioError(error, what);
      continue;
    }
    const lastStart = Math.max(0, ...scene.events.map((e) => e.time));
    const seconds = scene.seconds ?? lastStart + 2;
    assert.ok(seconds <= 3600, `${what}: accepted a ${seconds} s render`);
    if (Math.round(seconds * (scene.sampleRate ?? 48_000)) > MAX_RENDERED_FRAMES) continue;
    let output;
    try {
      output = renderScene(scene, { loadClip });
    } catch (error) {
      assertAudioError(error, `${what} (render)`);
      continue;
    }
    rendered++;
    assertSamples(output.channels, what, 1);
  }
  assert.ok(rendered > 200, `only ${rendered} scenes rendered`);
});

Deno.test("hostile (fuzz hole): a sparse listener or events array is an AudioError, not a TypeError", () => {
  // forEach skipped the holes, then the keyframe order check read `undefined.time`.
  const listener = [, { time: 1, position: [0, 0, 0] }];
  assertAudioError(thrownBy(() => parseScene({ listener, events: [] })), "sparse listener");
  const events = [, { time: 0, bus: "sfx", beep: { hz: 440, seconds: 1, gain: 1 } }];
  assertAudioError(thrownBy(() => parseScene({ events })), "sparse events");
});

Deno.test("hostile (fuzz hole): an event start past 3600 s is refused, not a huge render", () => {
  // Without "seconds" the render lasted until 2 s after the last start: an event at 1e300 s
  // asked for a 4.8e304-sample buffer (a RangeError), one at 3000 s for 9 GB at 384 kHz.
  const beep = { hz: 440, seconds: 1, gain: 1 };
  for (const time of [1e300, 3600.5]) {
    const error = thrownBy(() => parseScene({ events: [{ time, bus: "sfx", beep }] }));
    assertAudioError(error, `time ${time}`);
    assert.match((error as Error).message, /events\[0\]\.time must be a number from 0 to 3600/);
  }
  const scene = parseScene({ sampleRate: 8000, events: [{ time: 3600, bus: "sfx", beep }] });
  const loadClip = () => new AudioClip(8000, [new Float32Array(1)]);
  for (const seconds of [Infinity, NaN, -1, 3601]) {
    assertAudioError(thrownBy(() => renderScene(scene, { loadClip, seconds })), `${seconds}`);
  }
});

const VALID_BANK = `[speakers.Ann]
folder = "voices/ann"
files = ["hello.wav", "hey.wav"]
tts_voice = "alto"

[speakers.Bob]
folder = "voices/bob"

[map.intro]
n0 = "voices/intro/ann_n0.wav"
n1 = "voices/intro/bob_n1.wav"
`;

Deno.test("hostile: 3,000 mutated voice banks and their files fail with an AudioError or play", () => {
  const random = mulberry32(0x5eed_ba4c);
  const engine = new AudioEngine({ sampleRate: 8000 });
  for (let i = 0; i < 3000; i++) {
    const text = mutateText(VALID_BANK, random);
    const what = `case ${i}: ${JSON.stringify(text).slice(0, 300)}`;
    let bank;
    try {
      bank = parseVoiceBank(text);
    } catch (error) {
      assertAudioError(error, what);
      continue;
    }
    for (const [name, speaker] of bank.speakers) {
      assert.equal(typeof name, "string", what);
      assert.equal(typeof speaker.folder, "string", what);
      assert.ok(speaker.files.every((f) => typeof f === "string"), what);
    }
    for (const nodes of bank.map.values()) {
      for (const path of nodes.values()) assert.equal(typeof path, "string", what);
    }
    // The bank's files are hostile too: each read gives a mutated WAV file.
    const files = {
      read: () => mutateBytes(VALID_WAVS[i % VALID_WAVS.length], random),
      list: () => ["a.wav", "b.WAV", "notes.txt"],
    };
    const player = new DialoguePlayer(engine, bank, { files, seed: i });
    for (const [dialogue, node, speaker] of [["intro", "n0", "Ann"], ["x", "y", "Bob"]]) {
      const error = thrownBy(() => player.speak(dialogue, node, speaker, "Hello"));
      if (error !== undefined) assertAudioError(error, `${what} speak`);
    }
  }
  assertSamples(engine.render(256), "voice bus", 1);
});

Deno.test("hostile: 3,000 engine calls with hostile arguments are AudioErrors; output stays in [-1, 1]", () => {
  const random = mulberry32(0x5eed_e261);
  const engine = new AudioEngine({ sampleRate: 8000 });
  const clip = new AudioClip(8000, [Float32Array.from({ length: 800 }, (_, i) => Math.sin(i / 3))]);
  const arg = () => random() < 0.5 ? pick(random, HOSTILE_NUMBERS) : hostileValue(random);
  const vec = () => [arg(), 1, 0] as unknown as [number, number, number];
  const calls: [string, () => unknown][] = [
    ["tick", () => engine.tick(arg() as number)],
    ["setMasterVolume", () => engine.setMasterVolume(arg() as number)],
    ["setBusVolume", () => engine.setBusVolume("sfx", arg() as number)],
    [
      "setListener",
      () => engine.setListener({ position: vec(), forward: [0, 0, -1], up: [0, 1, 0] }),
    ],
    ["setEmitterPosition", () => engine.setEmitterPosition(arg() as number, vec())],
    [
      "playMusic",
      () => engine.playMusic(clip, { crossfade: arg() as number, gain: arg() as number }),
    ],
    ["playVoice", () => engine.playVoice(clip, { approximateSeconds: arg() as number })],
    ["duckMusic", () => engine.duckMusic(arg() as number)],
    ["playSfx", () => engine.playSfx(clip, { gain: arg() as number, loop: arg() as boolean })],
    ["play3d", () => engine.play3d(arg() as number, clip, vec(), { gain: 2 })],
    ["playBeep", () => engine.playBeep(arg() as number, 0.05, arg() as number)],
    ["playVoiceBeep", () => engine.playVoiceBeep(arg() as number)],
    ["playBeep3d", () => engine.playBeep3d(1, vec(), 440, arg() as number, 1)],
    ["stop", () => engine.stop(arg() as number)],
    ["render", () => engine.render(arg() as number)],
  ];
  for (let i = 0; i < 3000; i++) {
    const [name, call] = pick(random, calls);
    const error = thrownBy(call);
    if (error !== undefined) assertAudioError(error, `case ${i}: ${name}`);
    if (i % 10 === 0) {
      assertSamples(engine.render(32), `case ${i} after ${name}`, 1);
      engine.tick(32 / 8000);
    }
  }
});

Deno.test("hostile (fuzz holes): engine arguments that threw plain errors or broke the engine", () => {
  const engine = new AudioEngine({ sampleRate: 8000 });
  const deep = JSON.parse("[".repeat(10_000) + "]".repeat(10_000));
  // The message turned the value into text: a TypeError for {"toString": 1}, a RangeError for
  // 10,000 nested arrays.
  for (const value of [{ toString: 1 }, deep, Object.create(null)]) {
    assertAudioError(thrownBy(() => engine.setBusVolume("sfx", value)), "setBusVolume");
    assertAudioError(thrownBy(() => engine.render(value)), "render");
  }
  // 1e308 frames was a RangeError; 2^31 asked for 8 GB per channel.
  for (const frames of [1e308, 2 ** 31, 3600 * 8000 + 1]) {
    assertAudioError(thrownBy(() => engine.render(frames)), `render(${frames})`);
  }
  // A 5e-324 Hz beep has a step of 0 radians, which marks a clip voice: it was mixed as a clip
  // without samples, and every later render threw a TypeError.
  assertAudioError(thrownBy(() => engine.playBeep(Number.MIN_VALUE, 1, 1)), "a 5e-324 Hz beep");
  engine.playBeep(0.01, 1, 1);
  assertSamples(engine.render(64), "after the beeps", 1);
});
