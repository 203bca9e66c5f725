import assert from "node:assert/strict";
import { mat4 } from "@astraweave/math";
import { Camera, Frustum, perspectiveRh, PLANE_NAMES } from "./mod.ts";

// Camera at the origin looking down -Z, 90° vertical and horizontal, near 1, far 10: the side
// planes are x = ±(-z) and y = ±(-z).
const frustum = Frustum.fromViewProjection(perspectiveRh(mat4.create(), Math.PI / 2, 1, 1, 10));

Deno.test("Frustum: six unit-normal planes, near z = -1 and far z = -10", () => {
  assert.equal(PLANE_NAMES.length, 6);
  for (let o = 0; o < 24; o += 4) {
    const p = frustum.planes;
    assert.ok(Math.abs(Math.hypot(p[o], p[o + 1], p[o + 2]) - 1) < 1e-6);
  }
  const near = frustum.planes.subarray(16, 20), far = frustum.planes.subarray(20, 24);
  assert.ok(Math.abs(near[2] + 1) < 1e-6 && Math.abs(near[3] + 1) < 1e-5); // -z - 1 >= 0
  assert.ok(Math.abs(far[2] - 1) < 1e-6 && Math.abs(far[3] - 10) < 1e-4); // z + 10 >= 0
});

Deno.test("testSphere: touching a plane from outside is kept, a hair beyond is culled", () => {
  // Right plane: x = -z, normal (-1, 0, -1)/√2. At z = -5 it passes x = 5.
  const r = 1;
  const touching = 5 + r * Math.SQRT2; // center r away from the plane along x
  assert.ok(frustum.testSphere(touching - 1e-4, 0, -5, r));
  assert.ok(!frustum.testSphere(touching + 1e-3, 0, -5, r));
  // Near plane z = -1: a sphere of radius 0.5 centered at z = -0.5 touches it.
  assert.ok(frustum.testSphere(0, 0, -0.5 - 1e-5, 0.5));
  assert.ok(!frustum.testSphere(0, 0, -0.5 + 1e-3, 0.5));
});

Deno.test("testAabb: a box straddling a plane is kept, wholly outside is culled", () => {
  assert.ok(frustum.testAabb(0, 0, -5, 1, 1, 1)); // inside
  assert.ok(frustum.testAabb(5.5, 0, -5, 1, 1, 1)); // straddles the right plane
  assert.ok(frustum.testAabb(7, 0, -5, 1, 1, 1)); // its corner (6, -6) touches x = -z
  assert.ok(!frustum.testAabb(7.5, 0, -5, 1, 1, 1)); // its corner (6.5, -6) is past it
  assert.ok(frustum.testAabb(0, 0, -10.5, 1, 1, 1)); // straddles far
  assert.ok(!frustum.testAabb(0, 0, -11.5, 1, 1, 1));
  assert.ok(frustum.testAabb(0, 0, 0, 1.5, 1.5, 1.5)); // around the eye, reaches past near
  assert.ok(!frustum.testAabb(0, 0, 5, 1, 1, 1)); // behind
  // Negative extents are taken by absolute value, as the Rust does.
  assert.equal(frustum.testAabb(5.5, 0, -5, -1, -1, -1), true);
});

Deno.test("Frustum: the near plane is at znear with [0, 1] depth (the Rust keeps znear/2 too)", () => {
  const camera = new Camera({ yaw: 0, znear: 1, zfar: 100 });
  const f = Frustum.fromViewProjection(camera.viewProjection(mat4.create()));
  assert.ok(!f.containsPoint(0.7, 0, 0));
  assert.ok(f.containsPoint(1.01, 0, 0));
});
