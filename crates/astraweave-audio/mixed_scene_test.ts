// A second of a mixed scene (spatial mono and stereo emitters, sfx, a looping clip shorter than a
// block, beeps, a music crossfade and a voice duck, a listener move, a stop and master ramps),
// compared with the samples the mixer rendered before its inner loops were regrouped for speed
// (testdata/mixed_scene.f32: left then right, little-endian float32, 16 kHz). Run with
// RECORD_MIXED_SCENE=1 to write that file anew from the current mixer.
import assert from "node:assert/strict";
import { AudioClip, AudioEngine } from "./mod.ts";

const RATE = 16_000;
const RECORDING = new URL("./testdata/mixed_scene.f32", import.meta.url);

function tone(hz: number, frames: number, amplitude: number, phase = 0): Float32Array {
  const data = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    data[i] = amplitude * Math.sin(2 * Math.PI * hz * i / RATE + phase);
  }
  return data;
}

/** Renders the scene: 125 calls of 128 frames, with control changes between some of them. */
function renderMixedScene(): Float32Array[] {
  const engine = new AudioEngine({ sampleRate: RATE });
  const mono = new AudioClip(RATE, [tone(220, RATE / 2, 0.5)]);
  const stereo = new AudioClip(RATE, [tone(330, RATE / 4, 0.4), tone(495, RATE / 4, 0.3, 1)]);
  const shortLoop = new AudioClip(RATE, [tone(500, 100, 0.3)]);
  engine.playMusic(new AudioClip(RATE, [tone(110, RATE, 0.3)]), { crossfade: 0.2 });
  for (let i = 0; i < 12; i++) {
    engine.play3d(i, mono, [Math.cos(i), 0.2 * i - 1, Math.sin(i) - 1], {
      loop: i % 3 === 0,
      gain: 0.05 + 0.01 * i,
    });
  }
  engine.play3d(20, stereo, [2, 0, 1], { loop: true, gain: 0.3 });
  engine.playSfx(shortLoop, { loop: true, gain: 0.2 });
  const stopped = engine.playSfx(mono, { gain: 0.1 });
  for (let i = 0; i < 9; i++) engine.playBeep(300 + 70 * i, 0.3 + 0.05 * i, 0.03);
  engine.playBeep3d(30, [-1, 0, -1], 880, 0.4, 0.1);
  const left = new Float32Array(RATE), right = new Float32Array(RATE);
  for (let call = 0; call < RATE / 128; call++) {
    if (call === 10) engine.setMasterVolume(0.3);
    if (call === 20) {
      engine.playMusic(new AudioClip(RATE, [tone(165, RATE, 0.3)]), { crossfade: 0.3 });
    }
    if (call === 30) engine.playVoiceBeep(30);
    if (call === 40) engine.stop(stopped);
    if (call >= 50 && call < 60) {
      const a = call / 10;
      engine.setListener({
        position: [0.1 * a, 0, 0],
        forward: [Math.sin(a), 0, -Math.cos(a)],
        up: [0, 1, 0],
      });
    }
    if (call === 70) engine.setMasterVolume(1);
    if (call === 80) engine.setEmitterPosition(20, [-3, 1, 0]);
    if (call === 90) engine.setBusVolume("spatial", 0.5);
    engine.tick(128 / RATE);
    const block = [
      left.subarray(call * 128, call * 128 + 128),
      right.subarray(call * 128, call * 128 + 128),
    ];
    engine.renderInto(block);
  }
  return [left, right];
}

Deno.test("a mixed scene renders the recorded samples", async () => {
  const [left, right] = renderMixedScene();
  if (Deno.env.get("RECORD_MIXED_SCENE") === "1") {
    const bytes = new Uint8Array(2 * RATE * 4);
    bytes.set(new Uint8Array(left.buffer), 0);
    bytes.set(new Uint8Array(right.buffer), RATE * 4);
    await Deno.writeFile(RECORDING, bytes);
  }
  const recorded = new Float32Array((await Deno.readFile(RECORDING)).buffer);
  // The regrouped loops add the same products in a different order or with a different rounding
  // between them: each of the scene's 26 sounds adds at most half an f32 ulp (2^-24 near 1) to a
  // sample's error, so 2^-19 (32 half-ulps) bounds the difference with room to spare.
  let worst = 0, peak = 0;
  for (let i = 0; i < RATE; i++) {
    worst = Math.max(
      worst,
      Math.abs(left[i] - recorded[i]),
      Math.abs(right[i] - recorded[RATE + i]),
    );
    peak = Math.max(peak, Math.abs(recorded[i]), Math.abs(recorded[RATE + i]));
  }
  assert.ok(peak > 0.2 && peak < 1, `peak ${peak}`); // a real signal, not clipped
  assert.ok(worst <= 2 ** -19, `largest difference ${worst}`);
});
