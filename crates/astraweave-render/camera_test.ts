import assert from "node:assert/strict";
import { mat4, vec3 } from "@astraweave/math";
import { Camera, direction, Frustum, lookToRh, perspectiveRh } from "./mod.ts";

const close = (actual: ArrayLike<number>, expected: number[], eps = 1e-5) =>
  expected.forEach((e, i) =>
    assert.ok(Math.abs(actual[i] - e) <= eps, `[${i}] ${actual[i]} ≠ ${e}`)
  );

Deno.test("perspectiveRh: glam's perspective_rh, depth 0 at near and 1 at far", () => {
  const p = perspectiveRh(mat4.create(), Math.PI / 2, 2, 1, 11);
  // h = 1 / tan(45°) = 1, r = 11 / (1 - 11) = -1.1
  close(p, [0.5, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1.1, -1, 0, 0, -1.1, 0]);
  const near = mat4.transformPoint(vec3.create(), p, vec3.fromValues(0, 0, -1));
  const far = mat4.transformPoint(vec3.create(), p, vec3.fromValues(0, 0, -11));
  close(near, [0, 0, 0]);
  close(far, [0, 0, 1]);
});

Deno.test("lookToRh: glam's look_to_rh, the eye maps to the origin and dir to -Z", () => {
  const m = lookToRh(mat4.create(), [1, 2, 3], [1, 0, 0], [0, 1, 0]);
  close(mat4.transformPoint(vec3.create(), m, vec3.fromValues(1, 2, 3)), [0, 0, 0]);
  close(mat4.transformPoint(vec3.create(), m, vec3.fromValues(6, 2, 3)), [0, 0, -5]);
});

Deno.test("direction: yaw turns around Y from +X toward +Z, pitch looks up", () => {
  close(direction(vec3.create(), Math.PI / 2, 0), [0, 0, 1]);
  close(direction(vec3.create(), 0, Math.PI / 2), [0, 1, 0]);
  const d = direction(vec3.create(), 0.7, -0.3);
  assert.ok(Math.abs(vec3.length(d) - 1) < 1e-6);
});

Deno.test("Camera: -Y up as in the Rust: world +Y lands at negative clip y", () => {
  const camera = new Camera({ yaw: 0, pitch: 0 });
  const vp = camera.viewProjection(mat4.create());
  const above = mat4.transformPoint(vec3.create(), vp, vec3.fromValues(10, 1, 0));
  assert.ok(above[1] < 0);
});

Deno.test("Camera: a point in front is inside, behind is outside, past far is outside", () => {
  const camera = new Camera({ position: [5, 1, -2], yaw: 1.2, pitch: 0.1, znear: 0.5, zfar: 50 });
  const frustum = Frustum.fromViewProjection(camera.viewProjection(mat4.create()));
  const d = camera.direction(vec3.create());
  const at = (t: number) => [5 + d[0] * t, 1 + d[1] * t, -2 + d[2] * t] as const;
  assert.ok(frustum.containsPoint(...at(10)));
  assert.ok(frustum.containsPoint(...at(0.51)));
  assert.ok(!frustum.containsPoint(...at(0.49))); // nearer than znear
  assert.ok(!frustum.containsPoint(...at(-10))); // behind
  assert.ok(!frustum.containsPoint(...at(50.1)));
  assert.ok(frustum.containsPoint(...at(49.9)));
});

Deno.test("Camera: aspect below 0.01 is clamped as the Rust does", () => {
  const a = new Camera({ aspect: 0.001 }).projMatrix(mat4.create());
  const b = new Camera({ aspect: 0.01 }).projMatrix(mat4.create());
  assert.deepEqual(a, b);
});

Deno.test("Camera.set: nothing changes when a field is bad", () => {
  const camera = new Camera({ position: [1, 2, 3], znear: 1, zfar: 10 });
  assert.throws(() => camera.set({ position: [9, 9, 9], zfar: 0.5 }));
  assert.deepEqual([...camera.position], [1, 2, 3]);
  assert.equal(camera.zfar, 10);
});
