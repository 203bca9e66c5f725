import assert from "node:assert/strict";
import { AudioClip, AudioEngine, AudioError, DUCK_FACTOR, voiceBeepSeconds } from "./mod.ts";

const RATE = 48000;
const close = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);
const constant = (value: number, frames = RATE) =>
  new AudioClip(RATE, [new Float32Array(frames).fill(value)]);
const sine = (hz: number, seconds: number, amplitude = 1) => {
  const data = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < data.length; i++) data[i] = amplitude * Math.sin(2 * Math.PI * hz * i / RATE);
  return new AudioClip(RATE, [data]);
};
const maxStep = (samples: Float32Array) => {
  let worst = 0;
  for (let i = 1; i < samples.length; i++) {
    worst = Math.max(worst, Math.abs(samples[i] - samples[i - 1]));
  }
  return worst;
};
const peak = (samples: Float32Array) => samples.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

Deno.test("a 440 Hz beep has 880 zero crossings per second", () => {
  const engine = new AudioEngine();
  engine.playBeep(440, 1, 0.5);
  const [left] = engine.render(RATE);
  let crossings = 0;
  for (let i = 1; i < left.length; i++) if ((left[i - 1] < 0) !== (left[i] < 0)) crossings++;
  assert.ok(Math.abs(crossings - 880) <= 1, `${crossings} crossings`);
  close(peak(left), 0.5, 1e-3);
});

Deno.test("a long tone stays on its exact sine, rendered in uneven pieces", () => {
  // The oscillator is carried from block to block and recomputed every 4096 frames; its drift
  // must stay below the f32 rounding of each sample, whatever lengths the output is asked in.
  const engine = new AudioEngine();
  engine.playBeep(50, 3, 1);
  const left = new Float32Array(RATE * 3);
  for (let at = 0, piece = 1; at < left.length; at += piece, piece = piece * 7 % 1000 + 1) {
    const end = Math.min(left.length, at + piece);
    engine.renderInto([left.subarray(at, end), new Float32Array(end - at)]);
  }
  const omega = 2 * Math.PI * 50 / RATE;
  let worst = 0;
  for (let p = 240; p < left.length - 240; p++) { // between the attack and the release
    worst = Math.max(worst, Math.abs(left[p] - Math.sin(omega * p)));
  }
  assert.ok(worst <= 2 ** -24, `largest difference ${worst}`);
});

Deno.test("beeps start and end without a click", () => {
  const engine = new AudioEngine();
  engine.playBeep(1000, 0.1, 1);
  const [left] = engine.render(RATE * 0.1 + 10);
  close(left[0], 0, 1e-6);
  close(left[RATE * 0.1 - 1], 0, 1e-6);
  // Largest step of a full-scale 1 kHz sine is 2 pi 1000 / 48000 = 0.131; the edges add nothing.
  assert.ok(maxStep(left) <= 0.131 + 1e-3, `step ${maxStep(left)}`);
  assert.equal(engine.soundCount, 0);
});

Deno.test("voice beep: 600 Hz, gain 0.2, clamp(length x 0.05, 0.6, 3) s, ducks music", () => {
  assert.equal(voiceBeepSeconds(1), 0.6);
  assert.equal(voiceBeepSeconds(40), 2);
  assert.equal(voiceBeepSeconds(1000), 3);
  const engine = new AudioEngine();
  engine.playVoiceBeep(40);
  engine.tick(0.1);
  close(engine.duck, DUCK_FACTOR);
  const [left] = engine.render(RATE * 3);
  close(peak(left), 0.2, 1e-3);
  assert.equal(left[RATE * 2 + 10], 0);
  engine.tick(2.2);
  close(engine.duck, 1);
});

Deno.test("crossfade is equal-power: gains at 0, 50 and 100 percent, old track silent after", () => {
  const engine = new AudioEngine();
  engine.playMusic(constant(0.25), { crossfade: 0 }); // minimum 10 ms
  engine.tick(0.01);
  close(engine.slotGain("music", "A"), 0.8);
  engine.playMusic(constant(0.5), { crossfade: 2 });
  close(engine.slotGain("music", "A"), 0.8);
  close(engine.slotGain("music", "B"), 0);
  engine.tick(1);
  close(engine.slotGain("music", "A"), 0.8 * Math.SQRT1_2);
  close(engine.slotGain("music", "B"), 0.8 * Math.SQRT1_2);
  engine.tick(1);
  close(engine.slotGain("music", "A"), 0);
  close(engine.slotGain("music", "B"), 0.8);
  let [left] = engine.render(2400);
  close(left[2399], 0.5 * 0.8, 1e-6); // only B, and A stays silent (the Rust bug brought it back)
  assert.equal(engine.soundCount, 1);
  // B -> A fades too (the Rust engine cut it).
  engine.playMusic(constant(0.25), { crossfade: 1 });
  engine.tick(0.5);
  close(engine.slotGain("music", "B"), 0.8 * Math.SQRT1_2);
  close(engine.slotGain("music", "A"), 0.8 * Math.SQRT1_2);
  engine.tick(0.5);
  [left] = engine.render(2400);
  close(left[2399], 0.25 * 0.8, 1e-6);
});

Deno.test("a crossfade cut short starts from where the old one was", () => {
  const engine = new AudioEngine();
  engine.playAmbient(constant(0.1), { crossfade: 1 });
  engine.tick(0.5); // A at sin(pi/4)
  engine.playAmbient(constant(0.1), { crossfade: 1 });
  close(engine.slotGain("ambient", "A"), 0.5 * Math.SQRT1_2);
  close(engine.slotGain("ambient", "B"), 0);
  engine.tick(1);
  engine.render(2400);
  assert.equal(engine.soundCount, 1);
});

Deno.test("ducking: music to 0.4 with ramps while a voice line plays, then back", () => {
  const engine = new AudioEngine();
  engine.playMusic(constant(0.5), { crossfade: 0.01 });
  engine.tick(0.02);
  engine.playVoice(constant(0, RATE), {}); // 1 s line
  engine.tick(0.025);
  close(engine.duck, 1 - 0.6 / 2); // halfway down the 50 ms ramp
  engine.tick(0.025);
  close(engine.busGain("music"), 0.8 * DUCK_FACTOR);
  // A second line does not compound the duck, and master volume does not cancel it.
  engine.playVoice(constant(0, RATE / 2));
  engine.setMasterVolume(0.5);
  engine.tick(0.1);
  close(engine.busGain("music"), 0.5 * 0.8 * DUCK_FACTOR);
  engine.tick(1);
  close(engine.busGain("music"), 0.5 * 0.8);
  engine.duckMusic(); // a voice outside the engine, length unknown: 2.5 s
  engine.tick(2.45);
  close(engine.duck, DUCK_FACTOR);
  engine.tick(0.1);
  close(engine.duck, 1);
  engine.playVoice(constant(0, 10), { approximateSeconds: 3 });
  engine.tick(2.9);
  close(engine.duck, DUCK_FACTOR);
  engine.tick(0.2);
  close(engine.duck, 1);
});

Deno.test("master volume clamps, applies to every bus including spatial, and is ramped", () => {
  const engine = new AudioEngine();
  engine.setMasterVolume(7);
  assert.equal(engine.masterVolume, 1);
  engine.setMasterVolume(-1);
  assert.equal(engine.masterVolume, 0);
  assert.throws(() => engine.setMasterVolume(NaN), AudioError);
  engine.setMasterVolume(1);
  engine.play3d(1, sine(50, 1, 0.9), [0, 0, -1]);
  engine.playSfx(sine(50, 1, 0.1));
  const before = engine.render(4800);
  engine.setMasterVolume(0);
  const after = engine.render(4800);
  assert.equal(after[0][4799], 0);
  assert.equal(after[1][4799], 0);
  // The largest sample-to-sample step across the change stays at what the signal itself makes:
  // a 50 Hz sine of peak 0.74 moves at most 0.0048 per sample, the ramp adds at most 0.74/240.
  const joined = new Float32Array(9600);
  joined.set(before[0]), joined.set(after[0], 4800);
  assert.ok(maxStep(joined) < 0.0048 + 0.74 / 240 + 1e-4, `step ${maxStep(joined)}`);
});

Deno.test("a master change ramps the whole mix on a straight line, full scale in rampSeconds", () => {
  const engine = new AudioEngine({ rampSeconds: 0.005 }); // 240 frames at 48 kHz
  engine.playSfx(constant(0.5));
  engine.playSfx(constant(0.25), { gain: 0.5 });
  close(engine.render(128)[0][127], 0.625, 1e-7);
  engine.setMasterVolume(0.5); // half of full scale: 120 frames, within one 128-frame block
  const [ramp] = engine.render(128);
  close(ramp[63], 0.625 * (1 - 0.5 * 64 / 128), 1e-6);
  close(ramp[127], 0.3125, 1e-6);
  engine.setMasterVolume(1);
  close(engine.render(128)[0][127], 0.625, 1e-6);
  engine.setMasterVolume(0); // full scale: 128 / 240 of it in the first block, then the rest
  const [down] = engine.render(256);
  close(down[127], 0.625 * (1 - 128 / 240), 1e-6);
  assert.equal(down[255], 0);
  close(engine.busGain("sfx"), 0);
});

Deno.test("bus volumes scale their bus only", () => {
  const engine = new AudioEngine();
  engine.setBusVolume("sfx", 0.5);
  close(engine.busGain("sfx"), 0.5);
  close(engine.busGain("voice"), 1);
  engine.playSfx(constant(0.5));
  const [left] = engine.render(2000);
  close(left[1999], 0.25, 1e-7);
});

Deno.test("output stays in [-1, 1] however many loud sounds play", () => {
  const engine = new AudioEngine({ channels: 1 });
  for (let i = 0; i < 20; i++) engine.playSfx(constant(0.9), { gain: 4 });
  const [mono] = engine.render(1000);
  assert.equal(peak(mono), 1);
});

Deno.test("stereo clips play through, mono output is (L + R) / 2, stop fades out", () => {
  const clip = new AudioClip(RATE, [new Float32Array(RATE).fill(0.5), new Float32Array(RATE)]);
  const stereo = new AudioEngine();
  const id = stereo.playSfx(clip);
  const [left, right] = stereo.render(100);
  close(left[50], 0.5), close(right[50], 0);
  assert.ok(stereo.stop(id));
  const [tail] = stereo.render(1000);
  assert.ok(tail[10] > 0 && tail[999] === 0);
  assert.equal(stereo.isPlaying(id), false);
  const mono = new AudioEngine({ channels: 1 });
  mono.playSfx(clip);
  close(mono.render(100)[0][50], 0.25);
});

Deno.test("looping music wraps around sample-accurately inside a block", () => {
  const data = new Float32Array(100);
  for (let i = 0; i < 100; i++) data[i] = i / 200;
  const engine = new AudioEngine({ blockSize: 64 });
  engine.playSfx(new AudioClip(RATE, [data]), { loop: true });
  const [left] = engine.render(300);
  close(left[250], data[50], 1e-7);
  close(left[199], data[99], 1e-7);
});

Deno.test("renderInto fills given arrays in any chunking with the same result", () => {
  const a = new AudioEngine(), b = new AudioEngine();
  for (const engine of [a, b]) {
    engine.playBeep(330, 0.2, 0.3);
    engine.playBeep3d(2, [3, 1, -2], 550, 0.15, 0.6);
  }
  const whole = a.render(9600);
  const parts = [new Float32Array(9600), new Float32Array(9600)];
  for (let at = 0; at < 9600; at += 1000) {
    const n = Math.min(1000, 9600 - at);
    b.renderInto([parts[0].subarray(at, at + n), parts[1].subarray(at, at + n)]);
  }
  // Chunks not aligned to blocks move the control points; both are within float rounding.
  for (let i = 0; i < 9600; i += 7) close(parts[0][i], whole[0][i], 2e-3);
});

Deno.test("bad input is an AudioError naming the problem", () => {
  assert.throws(() => new AudioEngine({ sampleRate: 7999 }), /sampleRate must be an integer/);
  assert.throws(() => new AudioEngine({ sampleRate: 384001 }), AudioError);
  assert.throws(() => new AudioEngine({ blockSize: 0 }), AudioError);
  const engine = new AudioEngine();
  assert.throws(() => engine.playBeep(440, -1, 0.5), /beep seconds must not be negative/);
  assert.throws(() => engine.playBeep(NaN, 1, 0.5), /beep frequency must be a finite number/);
  assert.throws(() => engine.playBeep(24000, 1, 0.5), /half the sample rate/);
  assert.throws(() => engine.playBeep(440, 1, Infinity), /beep gain/);
  assert.throws(() => engine.tick(-0.1), /dt must not be negative/);
  assert.throws(() => engine.playMusic(constant(0), { crossfade: -1 }), /crossfade/);
  assert.throws(() => engine.playSfx(new AudioClip(44100, [new Float32Array(4)])), /44100 Hz/);
  assert.throws(() => engine.playBeep3d(1, [0, NaN, 0], 440, 1, 1), /emitter position\[1\]/);
  assert.throws(() => new AudioClip(RATE, [new Float32Array([0, NaN])]), /clip sample 1/);
  assert.throws(() => engine.render(-1), AudioError);
  assert.equal(engine.soundCount, 0);
});

Deno.test("steady voices mix to the exact sum, in groups of eight, four and one", () => {
  for (const count of [1, 4, 7, 8, 13, 21]) {
    const engine = new AudioEngine();
    const clips = Array.from({ length: count }, (_, v) => {
      const data = new Float32Array(RATE);
      for (let i = 0; i < RATE; i++) data[i] = 0.04 * Math.sin(i * 0.001 * (v + 1));
      return data;
    });
    clips.forEach((data, v) => engine.playSfx(new AudioClip(RATE, [data]), { gain: 0.5 + v / 40 }));
    const [left, right] = engine.render(4096);
    for (let i = 0; i < 4096; i += 13) {
      let expected = 0;
      clips.forEach((data, v) => expected += data[i] * (0.5 + v / 40));
      close(left[i], expected, 1e-6);
      close(right[i], expected, 1e-6);
    }
  }
});
