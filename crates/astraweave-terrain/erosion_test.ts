import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing";
import {
  defaultNoiseConfig,
  Heightmap,
  hydraulicErosion,
  TerrainNoise,
  thermalErosion,
} from "./mod.ts";

const sum = (data: Float32Array) => data.reduce((a, b) => a + b, 0);

function randomMap(resolution: number, seed: number, scale: number): Heightmap {
  const random = mulberry32(seed);
  return new Heightmap(
    resolution,
    Float32Array.from({ length: resolution ** 2 }, () => random() * scale),
  );
}

Deno.test("thermalErosion: conserves mass within 1e-6 of the total per pass", () => {
  for (const seed of [1, 2, 3]) {
    const map = randomMap(48, seed, 100);
    const before = sum(map.data);
    thermalErosion(map, 20, 30);
    const after = sum(map.data);
    assert.ok(Math.abs(after - before) <= before * 1e-6 * 20, `${before} -> ${after}`);
  }
});

Deno.test("thermalErosion: lowers a spike, spreads it to its neighbours, stays finite", () => {
  const map = new Heightmap(32);
  map.set(16, 16, 100);
  thermalErosion(map, 10, 30);
  assert.ok(map.get(16, 16) < 100);
  assert.ok(map.get(15, 16) > 0 && map.get(17, 17) > 0);
  assert.ok(map.maxHeight <= 100);
  assert.ok(map.data.every(Number.isFinite));
  assert.ok(Math.abs(sum(map.data) - 100) < 1e-3);
});

Deno.test("thermalErosion: slopes under the talus angle do not move", () => {
  // A ramp rising 0.5 per cell: under tan(30°) = 0.577, so nothing slides.
  const map = new Heightmap(16, Float32Array.from({ length: 256 }, (_, i) => (i % 16) * 0.5));
  const before = map.data.slice();
  thermalErosion(map, 5, 30);
  assert.deepEqual(map.data, before);
  thermalErosion(map, 1, 20); // tan(20°) = 0.36: now it slides
  assert.notDeepEqual(map.data, before);
});

Deno.test("erosion: the same seed's chunk erodes to the same heights", () => {
  const noise = new TerrainNoise(defaultNoiseConfig(), 77);
  const a = noise.generateHeightmap(0, 0, 256, 64);
  const b = noise.generateHeightmap(0, 0, 256, 64);
  thermalErosion(a, 5, 35);
  thermalErosion(b, 5, 35);
  hydraulicErosion(a, 0.3);
  hydraulicErosion(b, 0.3);
  assert.deepEqual(a.data, b.data);
  assert.ok(a.data.every(Number.isFinite));
});

Deno.test("hydraulicErosion: as the Rust tests, variance does not grow; strength 0 changes nothing", () => {
  const map = new Heightmap(32);
  for (let x = 0; x < 32; x++) for (let z = 0; z < 32; z++) map.set(x, z, ((x + z) % 10) * 5);
  const variance = (d: Float32Array) => {
    const mean = sum(d) / d.length;
    return d.reduce((a, h) => a + (h - mean) ** 2, 0) / d.length;
  };
  const before = variance(map.data);
  hydraulicErosion(map, 1);
  assert.ok(variance(map.data) <= before * 1.2);
  const still = randomMap(16, 4, 10);
  const copy = still.data.slice();
  hydraulicErosion(still, 0);
  assert.deepEqual(still.data, copy);
});

Deno.test("hydraulicErosion: the strongest allowed strength keeps heights finite", () => {
  const map = randomMap(32, 9, 1000);
  hydraulicErosion(map, 100);
  assert.ok(map.data.every(Number.isFinite));
});
