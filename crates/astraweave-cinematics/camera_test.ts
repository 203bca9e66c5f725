import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import { cameraKey, CameraPath, CinematicsError, createPose, lerpCameraKey } from "./mod.ts";

const close = (actual: readonly number[], expected: readonly number[], tolerance = 1e-12) => {
  assert.equal(actual.length, expected.length);
  actual.forEach((value, i) =>
    assert.ok(Math.abs(value - expected[i]) <= tolerance, `[${actual}] is not [${expected}]`)
  );
};

// A dolly along x while the view turns 90° from +x to -z and the FOV narrows from 60 to 40.
const PAN_KEYS = [
  cameraKey(2, [4, 0, 0], [4, 0, -3], 40),
  cameraKey(0, [0, 0, 0], [1, 0, 0], 60), // given out of order: the path sorts
];
const pan = new CameraPath(PAN_KEYS, "turn");
const panTarget = new CameraPath(PAN_KEYS);

Deno.test("before the first keyframe and after the last: the end keys' poses", () => {
  assert.deepEqual(panTarget.sample(-5), pan.sample(-5));
  assert.deepEqual(panTarget.sample(9), pan.sample(9));
  assert.deepEqual(pan.sample(-5), { position: [0, 0, 0], lookAt: [1, 0, 0], fovDeg: 60 });
  assert.deepEqual(pan.sample(2.5), { position: [4, 0, 0], lookAt: [4, 0, -3], fovDeg: 40 });
  assert.deepEqual(pan.keyframes.map((k) => k.t), [0, 2]);
});

Deno.test("at a keyframe: exactly that key, in both interpolations", () => {
  assert.deepEqual(panTarget.sample(2), pan.sample(2));
  assert.deepEqual(pan.sample(0), { position: [0, 0, 0], lookAt: [1, 0, 0], fovDeg: 60 });
  assert.deepEqual(pan.sample(2), { position: [4, 0, 0], lookAt: [4, 0, -3], fovDeg: 40 });
});

Deno.test("target (default): position, looked-at point and FOV all linear", () => {
  assert.equal(panTarget.interpolation, "target");
  assert.deepEqual(panTarget.sample(1), {
    position: [2, 0, 0],
    lookAt: [2.5, 0, -1.5],
    fovDeg: 50,
  });
  assert.deepEqual(panTarget.sample(0.5), {
    position: [1, 0, 0],
    lookAt: [1.75, 0, -0.75],
    fovDeg: 55,
  });
});

Deno.test("target: an orbit keeps a fixed looked-at point exactly; turn drifts off it", () => {
  const keys = [cameraKey(0, [0, 2, 10], [0, 0, 0], 60), cameraKey(1, [10, 2, 0], [0, 0, 0], 60)];
  const offTarget = (path: CameraPath, t: number) => {
    const { position, lookAt } = path.sample(t);
    const view = lookAt.map((v, i) => v - position[i]);
    const toTarget = position.map((v) => -v);
    const cosine = view.reduce((sum, v, i) => sum + v * toTarget[i], 0) /
      (Math.hypot(...view) * Math.hypot(...toTarget));
    return (Math.acos(Math.min(1, cosine)) * 180) / Math.PI;
  };
  const target = new CameraPath(keys), turn = new CameraPath(keys, "turn");
  for (const t of [0.1, 0.25, 0.5, 0.75, 0.9]) {
    assert.deepEqual(target.sample(t).lookAt, [0, 0, 0]);
  }
  assert.ok(offTarget(turn, 0.5) < 1e-6, "turn: on target at the midpoint, by symmetry");
  const quarter = offTarget(turn, 0.25);
  assert.ok(quarter > 3 && quarter < 4, `turn: ${quarter}° off a quarter of the way`);
});

Deno.test("turn, midpoint: position and FOV linear, view turned halfway, distance linear", () => {
  const pose = pan.sample(1);
  assert.deepEqual(pose.position, [2, 0, 0]);
  assert.equal(pose.fovDeg, 50);
  // 45° between +x and -z, at distance (1 + 3) / 2 = 2.
  close(pose.lookAt, [2 + 2 * Math.SQRT1_2, 0, -2 * Math.SQRT1_2]);
});

Deno.test("turn, a quarter of the way: the view has turned a quarter of the angle (constant speed)", () => {
  const pose = pan.sample(0.5);
  const distance = 1 + (3 - 1) * 0.25;
  const angle = (Math.PI / 2) * 0.25;
  close(pose.position, [1, 0, 0]);
  close(pose.lookAt, [1 + distance * Math.cos(angle), 0, -distance * Math.sin(angle)]);
  assert.equal(pose.fovDeg, 55);
});

Deno.test("opposite view directions turn about the up axis; vertical ones about x", () => {
  const about = new CameraPath([
    cameraKey(0, [0, 0, 0], [1, 0, 0], 60),
    cameraKey(1, [0, 0, 0], [-1, 0, 0], 60),
  ], "turn");
  const mid = about.sample(0.5).lookAt;
  close([mid[0], mid[1]], [0, 0]);
  assert.ok(Math.abs(Math.abs(mid[2]) - 1) < 1e-12, `turned in the horizontal plane: ${mid}`);
  const tilt = new CameraPath([
    cameraKey(0, [0, 0, 0], [0, 1, 0], 60),
    cameraKey(1, [0, 0, 0], [0, -1, 0], 60),
  ], "turn").sample(0.5).lookAt;
  assert.ok(Math.abs(tilt[0]) < 1e-12 && Math.abs(tilt[1]) < 1e-12, `${tilt}`);
});

Deno.test("turn: the same direction and a key looking at itself mix linearly", () => {
  const same = new CameraPath([
    cameraKey(0, [0, 0, 0], [0, 0, -1], 60),
    cameraKey(1, [0, 0, 0], [0, 0, -5], 60),
  ], "turn");
  close(same.sample(0.5).lookAt, [0, 0, -3]);
  const degenerate = new CameraPath([
    cameraKey(0, [0, 0, 0], [0, 0, 0], 60),
    cameraKey(1, [2, 0, 0], [2, 0, -2], 60),
  ], "turn");
  close(degenerate.sample(0.5).lookAt, [1, 0, -1]);
});

Deno.test("two keys at one time make a cut", () => {
  const cut = new CameraPath([
    cameraKey(0, [0, 0, 0], [0, 0, -1], 60),
    cameraKey(1, [0, 0, 0], [0, 0, -1], 60),
    cameraKey(1, [50, 0, 0], [50, 0, -1], 30),
    cameraKey(2, [60, 0, 0], [60, 0, -1], 30),
  ]);
  assert.deepEqual(cut.sample(0.999).position, [0, 0, 0]);
  assert.deepEqual(cut.sample(1).position, [50, 0, 0]);
  assert.deepEqual(cut.sample(1.5).position, [55, 0, 0]);
});

Deno.test("sample writes into the pose it is given", () => {
  const pose = createPose();
  assert.equal(pan.sample(1, pose), pose);
  assert.equal(pose.fovDeg, 50);
});

Deno.test("bad input: no keyframes, unknown interpolation, non-finite time", () => {
  assert.throws(() => new CameraPath([]), CinematicsError);
  assert.throws(
    () => new CameraPath(PAN_KEYS, "spline" as "turn"),
    /must be "target" or "turn", got "spline"/,
  );
  for (const bad of [NaN, Infinity]) {
    assert.throws(
      () => pan.sample(bad),
      (e) => e instanceof CinematicsError && e.code === "invalid-argument",
    );
  }
});

Deno.test("Rust CameraKey::lerp: every field linearly", () => {
  const a = cameraKey(0, [0, 0, 0], [0, 0, 0], 60);
  const b = cameraKey(2, [10, 10, 10], [10, 10, 10], 90);
  assert.deepEqual(lerpCameraKey(a, b, 0), a);
  assert.deepEqual(lerpCameraKey(a, b, 1), b);
  assert.deepEqual(lerpCameraKey(a, b, 0.5), cameraKey(1, [5, 5, 5], [5, 5, 5], 75));
});

Deno.test("samples in any order (forwards, backwards, jumps, cuts) answer as a fresh path does", () => {
  const random = mulberry32(7);
  const keys = Array.from(
    { length: 40 },
    (_, i) =>
      cameraKey(Math.floor(i / 2) * 0.5 + (i % 2 ? 0.25 : 0), [i, 0, 0], [i, 0, -1], 40 + i),
  );
  keys.push(cameraKey(3, [99, 0, 0], [99, 0, -1], 90)); // a cut at 3 s
  const path = new CameraPath(keys);
  let time = -1;
  for (let i = 0; i < 2000; i++) {
    const move = random();
    time = move < 0.6 ? time + random() * 0.1 : move < 0.8 ? time - random() : random() * 12 - 1;
    assert.deepEqual(path.sample(time), new CameraPath(keys).sample(time), `at ${time}`);
  }
});
