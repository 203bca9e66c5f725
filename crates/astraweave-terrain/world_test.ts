import assert from "node:assert/strict";
import {
  bestBiomeIndex,
  BIOME_TYPES,
  biomePresets,
  classifyWhittaker,
  ClimateMap,
  defaultClimateConfig,
  defaultWorldConfig,
  Heightmap,
  parseBiome,
  scoreBiome,
  WorldGenerator,
} from "./mod.ts";

Deno.test("biomes: Rust preset order and ranges; parse is trimmed and case-blind", () => {
  const presets = biomePresets();
  assert.deepEqual(presets.map((b) => b.biome), [...BIOME_TYPES]);
  assert.deepEqual(presets.map((b) => b.priority), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(presets[3].conditions.height, [60, 200]);
  for (const name of BIOME_TYPES) assert.equal(parseBiome(` ${name.toUpperCase()}\n`), name);
});

Deno.test("scoreBiome: the Rust score_conditions, known answers", () => {
  const [grassland, desert, , mountain] = biomePresets();
  assert.equal(scoreBiome(grassland, 20, 0.5, 0.5), 3 + 0.1);
  // Height 70 is 20 over grassland's 50 (-0.2), temperature 0.9 is 0.1 over (-0.2).
  assert.ok(Math.abs(scoreBiome(grassland, 70, 0.9, 0.5) - (-0.2 - 0.2 + 1 + 0.1)) < 1e-12);
  // Hot and dry: desert wins over grassland; high and cold: mountain wins.
  const world = defaultWorldConfig().biomes;
  assert.equal(world[bestBiomeIndex(world, 10, 0.9, 0.1)].biome, "desert");
  assert.equal(world[bestBiomeIndex(world, 120, 0.2, 0.5)].biome, "mountain");
  assert.ok(scoreBiome(desert, 10, 0.9, 0.1) > scoreBiome(mountain, 10, 0.9, 0.1));
});

Deno.test("classifyWhittaker: every branch of the Rust match", () => {
  const cases: [number, number, string][] = [
    [0.1, 0.9, "tundra"],
    [0.3, 0.2, "tundra"],
    [0.5, 0.1, "desert"],
    [0.8, 0.3, "desert"],
    [0.5, 0.85, "swamp"],
    [0.7, 0.7, "forest"],
    [0.5, 0.5, "forest"],
    [0.3, 0.5, "grassland"],
  ];
  for (const [t, m, biome] of cases) assert.equal(classifyWhittaker(t, m), biome, `${t}, ${m}`);
});

Deno.test("ClimateMap: in [0, 1], deterministic, colder with height", () => {
  const climate = new ClimateMap(defaultClimateConfig(), 5);
  const again = new ClimateMap(defaultClimateConfig(), 5);
  let colder = 0;
  for (let i = 0; i < 200; i++) {
    const x = i * 37.5;
    const z = -i * 11.25;
    const t = climate.temperature(x, z, 0);
    assert.equal(again.temperature(x, z, 0), t);
    assert.ok(t >= 0 && t <= 1 && climate.moisture(x, z, 0) >= 0 && climate.moisture(x, z, 0) <= 1);
    if (climate.temperature(x, z, 100) < t) colder++;
    assert.ok(climate.temperature(x, z, 100) <= t);
  }
  assert.ok(colder > 100);
});

Deno.test("WorldGenerator: the same seed gives the same chunk; another seed another", () => {
  const config = { ...defaultWorldConfig(), heightmapResolution: 48 };
  const a = new WorldGenerator(config).generateChunk(2, -3);
  const b = new WorldGenerator(config).generateChunk(2, -3);
  const c = new WorldGenerator({ ...config, seed: 99 }).generateChunk(2, -3);
  assert.deepEqual(a.heightmap.data, b.heightmap.data);
  assert.deepEqual(a.biomes, b.biomes);
  assert.notDeepEqual(a.heightmap.data, c.heightmap.data);
  assert.ok(a.heightmap.data.every(Number.isFinite));
});

Deno.test("WorldGenerator: biomes are the configured ones, each the best score for its sample", () => {
  const config = { ...defaultWorldConfig(), heightmapResolution: 32 };
  config.noise.erosionEnabled = false;
  const world = new WorldGenerator(config);
  const chunk = world.generateChunk(0, 0);
  const allowed = new Set(config.biomes.map((b) => BIOME_TYPES.indexOf(b.biome)));
  for (const kind of chunk.biomes) assert.ok(allowed.has(kind));
  const counts = chunk.biomeCounts();
  assert.equal(Object.values(counts).reduce((s, n) => s + n, 0), 32 * 32);
  assert.equal(counts.swamp, 0);
});

Deno.test("TerrainChunk: world lookups inside, undefined outside", () => {
  const world = new WorldGenerator({ ...defaultWorldConfig(), heightmapResolution: 17 });
  const chunk = world.generateChunk(1, 2);
  // Grid point (4, 8) is at world (256 + 4 × 16, 512 + 8 × 16).
  assert.equal(chunk.heightAt(256 + 64, 512 + 128), chunk.heightmap.get(4, 8));
  assert.equal(chunk.biomeAt(256 + 64, 512 + 128), BIOME_TYPES[chunk.biomes[8 * 17 + 4]]);
  assert.equal(chunk.heightAt(255.9, 600), undefined);
  assert.equal(chunk.biomeAt(300, 512 + 256), undefined);
});

Deno.test("Heightmap: bounds, bilinear, normal, mesh arrays, smoothing", () => {
  const map = new Heightmap(3);
  map.set(1, 1, 10);
  assert.deepEqual([map.minHeight, map.maxHeight], [0, 10]);
  assert.equal(map.sampleBilinear(0.5, 0.5), 2.5);
  assert.equal(map.sampleBilinear(-5, 99), map.get(0, 2));
  const flat = new Heightmap(4).normalAt(1, 1, 1);
  assert.deepEqual([...flat], [-0, 1, -0]);
  const slope = new Heightmap(3, Float32Array.of(0, 1, 2, 0, 1, 2, 0, 1, 2)).normalAt(1, 1, 1);
  assert.ok(Math.abs(slope[0] + Math.SQRT1_2) < 1e-6 && Math.abs(slope[1] - Math.SQRT1_2) < 1e-6);
  assert.equal(map.vertices(256).length, 27);
  assert.deepEqual([...map.indices()].slice(0, 6), [0, 1, 3, 1, 4, 3]);
  assert.equal(map.indices().length, 24);
  map.smooth(1);
  assert.equal(map.get(1, 1), 5);
  assert.equal(map.maxHeight, 5);
});
