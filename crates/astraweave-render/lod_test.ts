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

Deno.test("selectLods: the Rust's rules at the edges (at the camera, zero, negative, NaN radius)", () => {
  const lod = new LodSelector(1000, Math.PI / 2); // 500 px per unit at distance 1
  const rows: [number, number, number][] = [
    // [distance, radius, expected level] with threshold 50 and maxLod 8
    [10, 1, 0], // size = threshold
    [19, 1, 0], // 0.93 halvings
    [21, 1, 1], // 1.07 halvings
    [90, 1, 3], // 3.17 halvings
    [1e9, 1, 8], // far away: capped
    [80, 0, 8], // zero size: the cap
    [80, -1, 0], // negative radius: NaN log2, 0 as Rust's `as u32`
    [80, NaN, 0],
    [0, 1, 0], // at the camera: the whole screen, full detail
    [0, 0, 0],
  ];
  const spheres = new SphereSoa(rows.length);
  rows.forEach(([distance, radius], i) => spheres.set(i, 0, 0, distance, radius));
  const levels = lod.selectLods(spheres, 50, [0, 0, 0], 8, new Uint8Array(rows.length));
  rows.forEach(([distance, radius, expected], i) => {
    assert.equal(levels[i], expected, `distance ${distance}, radius ${radius}`);
    assert.equal(lod.selectLod([0, 0, distance], radius, 50, [0, 0, 0], 8), expected);
  });
  // A screen shorter than the threshold: even at the camera the size is below it.
  const small = new LodSelector(10, Math.PI / 2);
  const one = new SphereSoa(1);
  one.set(0, 0, 0, 0, 1);
  assert.equal(small.selectLods(one, 50, [0, 0, 0], 8, new Uint8Array(1))[0], 2); // log2(5) = 2.3
});

Deno.test("selectLods equals selectLod over every level, 16 and up too (seeded, distances 0.1 to 100,000)", () => {
  const random = mulberry32(7);
  const lod = new LodSelector(720, 0.9, 0.8);
  const spheres = new SphereSoa(20_000);
  for (let i = 0; i < spheres.length; i++) {
    const distance = 0.1 * 10 ** (random() * 6);
    spheres.set(i, distance * (random() - 0.5), 0, distance, 0.01 + random() * 5);
  }
  const levels = lod.selectLods(spheres, 8, [0, 0, 0], 20, new Uint8Array(spheres.length));
  const seen = new Set<number>();
  for (let i = 0; i < spheres.length; i++) {
    const center = [spheres.x[i], spheres.y[i], spheres.z[i]];
    assert.equal(levels[i], lod.selectLod(center, spheres.radius[i], 8, [0, 0, 0], 20), `${i}`);
    seen.add(levels[i]);
  }
  assert.ok(seen.size > 15, `levels seen: ${[...seen]}`);
});
