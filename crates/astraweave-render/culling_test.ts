import assert from "node:assert/strict";
import { mat4 } from "@astraweave/math";
import { mulberry32 } from "@astraweave/testing/random";
import { AabbSoa, Camera, cullAabbs, cullSpheres, Frustum, SphereSoa } from "./mod.ts";

const random = mulberry32(20261202);
const between = (lo: number, hi: number) => lo + (hi - lo) * random();

function randomFrustum(): Frustum {
  const camera = new Camera({
    position: [between(-20, 20), between(-20, 20), between(-20, 20)],
    yaw: between(-Math.PI, Math.PI),
    pitch: between(-1.5, 1.5),
    fovy: between(0.3, 2.5),
    aspect: between(0.5, 3),
    znear: between(0.05, 2),
    zfar: between(10, 80),
  });
  return Frustum.fromViewProjection(camera.viewProjection(mat4.create()));
}

Deno.test("cullAabbs equals the per-box test, in index order (seeded, 50 frustums)", () => {
  for (let round = 0; round < 50; round++) {
    const frustum = randomFrustum();
    const boxes = new AabbSoa(500);
    for (let i = 0; i < boxes.length; i++) {
      // Some negative extents: the Rust takes them by absolute value.
      boxes.set(
        i,
        between(-60, 60),
        between(-60, 60),
        between(-60, 60),
        between(-5, 5),
        between(-5, 5),
        between(0, 5),
      );
    }
    const visible = new Uint32Array(boxes.length);
    const count = cullAabbs(frustum, boxes, visible);
    const expected = [];
    for (let i = 0; i < boxes.length; i++) {
      if (
        frustum.testAabb(
          boxes.centerX[i],
          boxes.centerY[i],
          boxes.centerZ[i],
          boxes.extentX[i],
          boxes.extentY[i],
          boxes.extentZ[i],
        )
      ) expected.push(i);
    }
    assert.deepEqual([...visible.subarray(0, count)], expected);
  }
});

Deno.test("cullSpheres equals the per-sphere test (seeded, 50 frustums)", () => {
  for (let round = 0; round < 50; round++) {
    const frustum = randomFrustum();
    const spheres = new SphereSoa(500);
    for (let i = 0; i < spheres.length; i++) {
      spheres.set(i, between(-60, 60), between(-60, 60), between(-60, 60), between(0, 5));
    }
    const visible = new Uint32Array(spheres.length);
    const count = cullSpheres(frustum, spheres, visible);
    const expected = [];
    for (let i = 0; i < spheres.length; i++) {
      if (frustum.testSphere(spheres.x[i], spheres.y[i], spheres.z[i], spheres.radius[i])) {
        expected.push(i);
      }
    }
    assert.deepEqual([...visible.subarray(0, count)], expected);
  }
});

Deno.test("a sphere's bounding box is never culled when the sphere is kept", () => {
  for (let round = 0; round < 20; round++) {
    const frustum = randomFrustum();
    for (let i = 0; i < 200; i++) {
      const x = between(-60, 60), y = between(-60, 60), z = between(-60, 60), r = between(0, 5);
      if (frustum.testSphere(x, y, z, r)) assert.ok(frustum.testAabb(x, y, z, r, r, r));
    }
  }
});

Deno.test("setFromTransform equals the Rust's eight-corner box", () => {
  const m = new Float32Array(16);
  for (let round = 0; round < 100; round++) {
    for (let k = 0; k < 16; k++) m[k] = between(-3, 3);
    m[3] = m[7] = m[11] = 0, m[15] = 1;
    const min = [between(-2, 0), between(-2, 0), between(-2, 0)];
    const max = [between(0, 2), between(0, 2), between(0, 2)];
    const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
    for (let c = 0; c < 8; c++) {
      const p = [c & 1 ? max[0] : min[0], c & 2 ? max[1] : min[1], c & 4 ? max[2] : min[2]];
      for (let a = 0; a < 3; a++) {
        const w = m[a] * p[0] + m[4 + a] * p[1] + m[8 + a] * p[2] + m[12 + a];
        lo[a] = Math.min(lo[a], w), hi[a] = Math.max(hi[a], w);
      }
    }
    const boxes = new AabbSoa(1);
    boxes.setFromTransform(0, m, min, max);
    const got = [
      boxes.centerX[0],
      boxes.centerY[0],
      boxes.centerZ[0],
      boxes.extentX[0],
      boxes.extentY[0],
      boxes.extentZ[0],
    ];
    const want = [0, 1, 2].map((a) => (lo[a] + hi[a]) / 2).concat(
      [0, 1, 2].map((a) => (hi[a] - lo[a]) / 2),
    );
    got.forEach((g, k) => assert.ok(Math.abs(g - want[k]) < 1e-4, `${k}: ${g} vs ${want[k]}`));
  }
});

Deno.test("NaN bounds are kept (never lost), as in the Rust", () => {
  const frustum = randomFrustum();
  const boxes = new AabbSoa(1);
  boxes.set(0, NaN, 0, 0, 1, 1, 1);
  assert.equal(cullAabbs(frustum, boxes, new Uint32Array(1)), 1);
});
