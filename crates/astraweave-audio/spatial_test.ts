import assert from "node:assert/strict";
import {
  AudioEngine,
  AudioError,
  azimuth,
  DEFAULT_LISTENER,
  distanceGain,
  distanceParameters,
  equalPowerMono,
  equalPowerStereo,
  type ListenerPose,
  type Vec3,
} from "./mod.ts";
import { AudioClip } from "./clip.ts";
import { distanceTo } from "./spatial.ts";

const close = (actual: number, expected: number, tolerance = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);

Deno.test("azimuth follows the spec: ahead 0, right +90, left -90, behind folds to 180", () => {
  close(azimuth(DEFAULT_LISTENER, [0, 0, -1]), 0);
  close(azimuth(DEFAULT_LISTENER, [1, 0, 0]), 90);
  close(azimuth(DEFAULT_LISTENER, [-1, 0, 0]), -90);
  close(Math.abs(azimuth(DEFAULT_LISTENER, [0, 0, 1])), 180);
  close(azimuth(DEFAULT_LISTENER, [1, 0, -1]), 45);
  // Turning the listener to face +x puts a source at +x ahead.
  const facingX = { position: [0, 0, 0], forward: [1, 0, 0], up: [0, 1, 0] } as const;
  close(azimuth(facingX, [5, 0, 0]), 0);
  close(azimuth(facingX, [0, 0, 5]), 90);
});

Deno.test("equal-power mono: centre 0.7071 on both sides, hard left has no right", () => {
  const [l, r] = equalPowerMono(0);
  close(l, Math.SQRT1_2, 1e-12);
  close(r, Math.SQRT1_2, 1e-12);
  const [hardL, hardR] = equalPowerMono(-90);
  close(hardL, 1, 1e-12);
  close(hardR, 0, 1e-12);
  // Behind-left folds onto front-left: -135 pans like -45.
  assert.deepEqual(equalPowerMono(-135), equalPowerMono(-45));
});

Deno.test("equal-power stereo matrix is continuous through the centre", () => {
  assert.deepEqual(equalPowerStereo(0).map((x) => Math.round(x * 1e9) / 1e9), [1, 0, 0, 1]);
  const right = equalPowerStereo(90);
  close(right[0], 0, 1e-12); // left input goes fully right
  close(right[2], 1, 1e-12);
});

Deno.test("inverse distance gain at 2x refDistance equals ref / (ref + rolloff * (d - ref))", () => {
  const p = distanceParameters({ refDistance: 3, rolloffFactor: 1.5 });
  close(distanceGain(6, p), 3 / (3 + 1.5 * 3), 1e-15);
  close(distanceGain(1, p), 1); // inside refDistance: no attenuation
  const linear = distanceParameters({ distanceModel: "linear", refDistance: 1, maxDistance: 11 });
  close(distanceGain(6, linear), 0.5);
  close(distanceGain(100, linear), 0);
  const exponential = distanceParameters({ distanceModel: "exponential", rolloffFactor: 2 });
  close(distanceGain(4, exponential), 1 / 16);
  assert.throws(() => distanceParameters({ refDistance: -1 }), AudioError);
  assert.throws(() => distanceParameters({ maxDistance: NaN }), AudioError);
});

const dc = (frames: number) => new AudioClip(48000, [new Float32Array(frames).fill(0.5)]);

Deno.test("an emitter ahead renders 0.7071 x gain on both channels", () => {
  const engine = new AudioEngine();
  engine.play3d(1, dc(4800), [0, 0, -1]);
  const [left, right] = engine.render(1000);
  close(left[500], 0.5 * Math.SQRT1_2);
  close(right[500], 0.5 * Math.SQRT1_2);
});

Deno.test("a hard-left emitter is silent on the right, and distance attenuates per spec", () => {
  const engine = new AudioEngine();
  engine.play3d(1, dc(4800), [-2, 0, 0]);
  const [left, right] = engine.render(1000);
  close(left[500], 0.5 * 0.5); // inverse model, d = 2 = 2 x refDistance: gain 1/2
  close(right[500], 0, 1e-9);
});

Deno.test("moving the listener re-pans, ramped; pan mode none only attenuates", () => {
  const engine = new AudioEngine();
  engine.play3d(7, dc(48000), [-1, 0, 0]);
  engine.render(256);
  engine.setListener({ position: [0, 0, 0], forward: [1, 0, 0], up: [0, 1, 0] }); // -x is now behind
  let [left, right] = engine.render(1024);
  close(left[1023], 0.5 * Math.SQRT1_2); // behind folds to centre
  close(right[1023], 0.5 * Math.SQRT1_2);
  engine.setPanMode("none");
  [left, right] = engine.render(1024);
  close(left[1023], 0.5);
  close(right[1023], 0.5);
  assert.throws(() => engine.setListener({ ...DEFAULT_LISTENER, forward: [0, 2, 0] }), AudioError);
  assert.throws(
    () => engine.setListener({ ...DEFAULT_LISTENER, position: [NaN, 0, 0] }),
    AudioError,
  );
});

Deno.test("emitters are removed when their sounds end", () => {
  const engine = new AudioEngine();
  engine.playBeep3d(3, [1, 0, 0], 440, 0.01, 0.5);
  engine.play3d(4, dc(100), [0, 0, 1]);
  assert.equal(engine.emitterCount, 2);
  assert.equal(engine.setEmitterPosition(3, [2, 0, 0]), true);
  engine.render(48000);
  assert.equal(engine.emitterCount, 0);
  assert.equal(engine.soundCount, 0);
  assert.equal(engine.setEmitterPosition(3, [2, 0, 0]), false);
  assert.throws(() => engine.play3d(5, dc(10), [0, Infinity, 0]), AudioError);
  assert.equal(engine.emitterCount, 0);
});

Deno.test("moving an emitter that has settled re-pans it", () => {
  const engine = new AudioEngine();
  engine.play3d(1, dc(48000), [-1, 0, 0]);
  let [left, right] = engine.render(2048);
  close(left[2047], 0.5), close(right[2047], 0, 1e-9);
  engine.setEmitterPosition(1, [1, 0, 0]);
  [left, right] = engine.render(2048);
  close(left[2047], 0, 1e-9), close(right[2047], 0.5);
});

Deno.test("stereo clips pan by the spec's stereo rule: hard right folds left into right", () => {
  const stereo = new AudioClip(48000, [
    new Float32Array(4800).fill(0.5),
    new Float32Array(4800).fill(0.25),
  ]);
  const engine = new AudioEngine();
  engine.play3d(1, stereo, [1, 0, 0]);
  engine.play3d(2, stereo, [-1, 0, 0], { gain: 0.5 });
  const [left, right] = engine.render(1000);
  close(left[500], 0.5 * 0.75); // emitter 2: inL + inR on the left, at gain 0.5
  close(right[500], 0.75); // emitter 1: inR + inL on the right
});

Deno.test("a stereo emitter that moves while the listener stays re-pans its stereo matrix", () => {
  const stereo = new AudioClip(48000, [
    new Float32Array(48000).fill(0.5),
    new Float32Array(48000).fill(0.25),
  ]);
  const engine = new AudioEngine();
  engine.play3d(1, stereo, [1, 0, 0]);
  engine.play3d(1, dc(48000), [1, 0, 0], { gain: 0.1 }); // a mono sound on the same emitter
  let [left, right] = engine.render(2048);
  close(left[2047], 0, 1e-9), close(right[2047], 0.75 + 0.05);
  engine.setEmitterPosition(1, [-1, 0, 0]);
  [left, right] = engine.render(2048);
  close(left[2047], 0.75 + 0.05), close(right[2047], 0, 1e-9);
});

Deno.test("azimuth and distance hold at scales whose squares leave the f64 range", () => {
  for (const scale of [1e-200, 1e-150, 1, 1e150, 1e200]) {
    const pose: ListenerPose = {
      position: [scale, 0, 0],
      forward: [0, 0, -scale],
      up: [0, scale, 0],
    };
    const at = (x: number, z: number): Vec3 => [scale + x * scale, 0, z * scale];
    assert.ok(Math.abs(azimuth(pose, at(1, 0)) - 90) < 1e-9, `right at ${scale}`);
    assert.ok(Math.abs(azimuth(pose, at(-1, -1)) + 45) < 1e-9, `front left at ${scale}`);
    const d = distanceTo(pose, at(3, 4));
    assert.ok(Math.abs(d / (5 * scale) - 1) < 1e-12, `distance ${d} at ${scale}`);
  }
});
