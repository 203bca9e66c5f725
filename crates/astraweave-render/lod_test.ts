import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import { LodSelector, SphereSoa } from "./mod.ts";

Deno.test("selectLod: the Rust's formula, known answers", () => {
  const lod = new LodSelector(1000, Math.PI / 2); // 500 px per unit at distance 1
  assert.ok(Math.abs(lod.projectedSize(1, 10) - 50) < 1e-9);
  assert.equal(lod.projectedSize(1, 0), 1000); // at the camera: the whole screen
  assert.equal(lod.selectLod([0, 0, 10], 1, 50, [0, 0, 0], 8), 0); // size = threshold
  assert.equal(lod.selectLod([0, 0, 19], 1, 50, [0, 0, 0], 8), 0); // 0.93 halvings: truncated
  assert.equal(lod.selectLod([0, 0, 21], 1, 50, [0, 0, 0], 8), 1); // 1.07 halvings
  assert.equal(lod.selectLod([0, 0, 39], 1, 50, [0, 0, 0], 8), 1); // 1.96 halvings
  assert.equal(lod.selectLod([0, 0, 90], 1, 50, [0, 0, 0], 8), 3); // 3.17 halvings
  assert.equal(lod.selectLod([0, 0, 90], 1, 50, [0, 0, 0], 2), 2); // capped
  assert.equal(lod.selectLod([0, 0, 80], 0, 50, [0, 0, 0], 6), 6); // zero size: the cap
  assert.equal(
    new LodSelector(1000, Math.PI / 2, 0.5).selectLod([0, 0, 20], 1, 50, [0, 0, 0], 8),
    0,
  );
});

Deno.test("selectLods equals selectLod per sphere (seeded)", () => {
  const random = mulberry32(99);
  const lod = new LodSelector(1080, 1.1, 1.3);
  const spheres = new SphereSoa(1000);
  for (let i = 0; i < spheres.length; i++) {
    spheres.set(i, random() * 800 - 400, random() * 50, random() * 800 - 400, random() * 3);
  }
  const camera = [3, 10, -7];
  const levels = lod.selectLods(spheres, 12, camera, 7, new Uint8Array(spheres.length));
  for (let i = 0; i < spheres.length; i++) {
    const center = [spheres.x[i], spheres.y[i], spheres.z[i]];
    assert.equal(levels[i], lod.selectLod(center, spheres.radius[i], 12, camera, 7));
  }
});
