// Garbage to every public entry point: each refuses with a TerrainError naming the bad field,
// before allocating, and leaves its inputs as they were.
import assert from "node:assert/strict";
import { HOSTILE_NUMBERS, hostileValue, mulberry32 } from "@astraweave/testing";
import {
  Billow,
  checkNoiseConfig,
  classifyWhittaker,
  ClimateMap,
  defaultClimateConfig,
  defaultNoiseConfig,
  defaultWorldConfig,
  Fbm,
  Heightmap,
  hydraulicErosion,
  marchingCubes,
  parseBiome,
  Perlin,
  RidgedMulti,
  sampleDensityField,
  TerrainError,
  TerrainNoise,
  thermalErosion,
  WorldGenerator,
} from "./mod.ts";

function refuses(run: () => unknown, field: RegExp | string, label: string): void {
  assert.throws(run, (error) => {
    assert.ok(error instanceof TerrainError, `${label}: ${error}`);
    if (typeof field === "string") assert.equal(error.field, field, label);
    else assert.match(error.field, field, label);
    return true;
  }, label);
}

const NOT_FINITE = [NaN, Infinity, -Infinity];

Deno.test("hostile: noise constructors refuse bad seeds and options", () => {
  for (const seed of [-1, 0.5, NaN, 2 ** 53, -1n, 2n ** 64n, "7", null, {}] as unknown[]) {
    for (const make of [Perlin, Fbm, Billow, RidgedMulti]) {
      refuses(() => new make(seed as number), "seed", `${make.name}(${String(seed)})`);
    }
    refuses(() => new TerrainNoise(defaultNoiseConfig(), seed as number), "seed", String(seed));
    refuses(() => new ClimateMap(defaultClimateConfig(), seed as number), "seed", String(seed));
  }
  for (const octaves of [0, 33, 1.5, NaN, "3"] as unknown[]) {
    refuses(() => new Fbm(1, { octaves: octaves as number }), "octaves", String(octaves));
  }
  for (const bad of NOT_FINITE) {
    refuses(() => new Billow(1, { lacunarity: bad }), "lacunarity", String(bad));
    refuses(() => new RidgedMulti(1, { persistence: bad }), "persistence", String(bad));
  }
  refuses(() => new RidgedMulti(1, { attenuation: 0 }), "attenuation", "attenuation 0");
});

Deno.test("hostile: noise and heights refuse non-finite points", () => {
  const noises = [new Perlin(1), new Fbm(1), new Billow(1), new RidgedMulti(1)];
  const terrain = new TerrainNoise(defaultNoiseConfig(), 1);
  const climate = new ClimateMap(defaultClimateConfig(), 1);
  for (const bad of [...NOT_FINITE, "1", undefined] as unknown[]) {
    const v = bad as number;
    for (const noise of noises) refuses(() => noise.get(v, 0, 0), "x", `get(${String(bad)})`);
    refuses(() => noises[0].get(0, v, 0), "y", "y");
    refuses(() => noises[0].get(0, 0, v), "z", "z");
    refuses(() => terrain.sampleHeight(0, v), "z", "sampleHeight");
    refuses(() => climate.temperature(0, 0, v), "height", "temperature");
    refuses(() => climate.moisture(v, 0, 0), "x", "moisture");
    refuses(() => climate.estimateHeight(0, v), "z", "estimateHeight");
    refuses(() => classifyWhittaker(v, 0.5), "temperature", "classifyWhittaker");
  }
});

Deno.test("hostile: chunk generation refuses bad coordinates, sizes and resolutions before allocating", () => {
  const terrain = new TerrainNoise(defaultNoiseConfig(), 1);
  for (const n of HOSTILE_NUMBERS) {
    if (Number.isInteger(n) && Math.abs(n) < 2 ** 31) continue;
    refuses(() => terrain.generateHeightmap(n, 0, 256, 16), "chunkX", `chunkX ${n}`);
    refuses(() => terrain.generateHeightmap(0, n, 256, 16), "chunkZ", `chunkZ ${n}`);
  }
  for (const size of [0, -256, NaN, Infinity]) {
    refuses(() => terrain.generateHeightmap(0, 0, size, 16), "chunkSize", `size ${size}`);
  }
  refuses(() => terrain.generateHeightmap(2 ** 31 - 1, 0, 1e300, 16), "chunkSize", "huge origin");
  // 100,000² heights would be 40 GB: refused at once.
  for (const resolution of [0, 1, 100_000, 4097, 2.5, NaN]) {
    refuses(() => terrain.generateHeightmap(0, 0, 256, resolution), "resolution", `${resolution}`);
    refuses(() => new Heightmap(resolution), "resolution", `Heightmap(${resolution})`);
  }
  const climate = new ClimateMap(defaultClimateConfig(), 1);
  const out = new Float32Array(16);
  refuses(() => climate.sampleChunk(0, 0, 256, 4, out, new Float32Array(15)), "moistures", "short");
  refuses(
    () => climate.sampleChunk(0, 0, 256, 4, [] as unknown as Float32Array, out),
    "temperatures",
    "array",
  );
});

Deno.test("hostile: configs name their first bad field", () => {
  const random = mulberry32(1234);
  const noiseFields = ["baseElevation", "mountains", "detail"] as const;
  const layerFields = ["enabled", "scale", "octaves", "persistence", "lacunarity", "noiseType"];
  for (let i = 0; i < 300; i++) {
    const config = defaultNoiseConfig();
    const layer = noiseFields[i % 3];
    const field = layerFields[i % layerFields.length];
    const value = hostileValue(random);
    (config[layer] as unknown as Record<string, unknown>)[field] = value;
    try {
      checkNoiseConfig(config);
    } catch (error) {
      assert.ok(error instanceof TerrainError, String(error));
      assert.equal(error.field, `${layer}.${field}`);
    }
  }
  refuses(() => checkNoiseConfig(null as never), "config", "null");
  refuses(() => new WorldGenerator({ ...defaultWorldConfig(), biomes: [] }), "biomes", "no biomes");
  refuses(
    () => new WorldGenerator({ ...defaultWorldConfig(), heightmapResolution: 1e9 }),
    "heightmapResolution",
    "huge",
  );
  const biomes = defaultWorldConfig().biomes;
  biomes[1] = { ...biomes[1], biome: "ocean" as never };
  refuses(() => new WorldGenerator({ ...defaultWorldConfig(), biomes }), "biomes[1].biome", "kind");
  const inverted = defaultWorldConfig().biomes;
  inverted[0] = { ...inverted[0], conditions: { ...inverted[0].conditions, height: [50, 0] } };
  refuses(
    () => new WorldGenerator({ ...defaultWorldConfig(), biomes: inverted }),
    "biomes[0].conditions.height",
    "inverted range",
  );
  const world = new WorldGenerator(defaultWorldConfig());
  refuses(() => world.generateChunk(0.5, 0), "chunkX", "fractional chunk");
  refuses(() => parseBiome(42 as never), "biome", "number");
});

Deno.test("hostile: heightmap and erosion refuse bad input and leave the map unchanged", () => {
  const map = new Heightmap(8);
  map.set(3, 3, 5);
  const before = map.data.slice();
  for (const bad of [-1, 8, 1.5, NaN]) {
    refuses(() => map.get(bad, 0), "x", `get ${bad}`);
    refuses(() => map.set(0, bad, 1), "z", `set ${bad}`);
  }
  refuses(() => map.set(0, 0, NaN), "height", "NaN height");
  refuses(() => map.sampleBilinear(NaN, 0), "u", "u");
  refuses(() => map.normalAt(1, 1, 0), "spacing", "spacing");
  refuses(() => map.vertices(-1), "chunkSize", "vertices");
  refuses(() => map.smooth(-1), "iterations", "smooth");
  refuses(() => thermalErosion(map, 1e9, 30), "iterations", "iterations");
  for (const angle of [-1, 90, 120, NaN]) {
    refuses(() => thermalErosion(map, 1, angle), "talusDegrees", `angle ${angle}`);
  }
  for (const strength of [-0.1, 101, NaN, Infinity]) {
    refuses(() => hydraulicErosion(map, strength), "strength", `strength ${strength}`);
  }
  assert.deepEqual(map.data, before);
  refuses(() => new Heightmap(2, Float32Array.of(1, 2, 3)), "data", "short data");
  refuses(() => new Heightmap(2, Float32Array.of(1, 2, NaN, 4)), "data[2]", "NaN data");
});

Deno.test("hostile: marching cubes refuses malformed fields and options", () => {
  const good = sampleDensityField(4, 4, 4, () => 0);
  for (const n of [0, 1, 2.5, NaN, -4]) {
    refuses(() => marchingCubes({ ...good, nx: n }), "nx", `nx ${n}`);
    refuses(() => sampleDensityField(4, n, 4, () => 0), "ny", `ny ${n}`);
  }
  // 4,096³ points would need gigabytes: refused before allocating.
  refuses(() => sampleDensityField(4096, 4096, 4096, () => 0), "nx × ny × nz", "huge");
  refuses(() => marchingCubes({ ...good, values: new Float32Array(63) }), "values", "short");
  const holed = good.values.slice();
  holed[17] = NaN;
  refuses(() => marchingCubes({ ...good, values: holed }), "values[17]", "NaN density");
  refuses(() => sampleDensityField(3, 3, 3, () => Infinity), /^density\(0, 0, 0\)$/, "fn");
  refuses(() => marchingCubes(good, { isoLevel: NaN }), "isoLevel", "iso");
  refuses(() => marchingCubes(good, { cellSize: 0 }), "cellSize", "cell");
  refuses(() => marchingCubes(good, { origin: [0, 0] as never }), "origin", "origin");
  refuses(() => marchingCubes(good, { origin: [0, NaN, 0] }), "origin[1]", "origin NaN");
  refuses(() => marchingCubes(null as never), "field", "null");
});
