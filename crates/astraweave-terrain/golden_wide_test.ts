// Known answers over whole outputs: FNV-1a 32 hashes of the bytes every public pipeline gives for
// seed 12345 today (noise at many points, on and off the y = 0 plane; heightmaps at several sizes
// and chunks; climate chunks; both erosions; world chunks; marching-cubes meshes). They pin the
// results bit for bit, so that a faster implementation has to give the same numbers.
import assert from "node:assert/strict";
import {
  Billow,
  ClimateMap,
  defaultClimateConfig,
  defaultNoiseConfig,
  defaultWorldConfig,
  Fbm,
  hydraulicErosion,
  marchingCubes,
  Perlin,
  RidgedMulti,
  sampleDensityField,
  TerrainNoise,
  thermalErosion,
  WorldGenerator,
} from "./mod.ts";

function fnv1a(view: ArrayBufferView): string {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

/** 3 × `count` coordinates spread over ±48.5, as the perlin_sampling bench draws them. */
function points(count: number, stride = 7.31): Float64Array {
  return Float64Array.from({ length: 3 * count }, (_, i) => (i * stride) % 97 - 48.5);
}

function sampleAll(noise: { get(x: number, y: number, z: number): number }, at: Float64Array) {
  const out = new Float64Array(at.length / 3);
  for (let i = 0; i < out.length; i++) out[i] = noise.get(at[3 * i], at[3 * i + 1], at[3 * i + 2]);
  return out;
}

Deno.test("golden: noise over 2,000 points, in 3D and on the plane y = 0", () => {
  const at = points(2000);
  const plane = points(2000, 3.17).map((v, i) => (i % 3 === 1 ? 0 : v));
  const options = { octaves: 5, frequency: 1.7, lacunarity: 2.2, persistence: 0.4 };
  const cases = {
    perlin: new Perlin(12345),
    fbm: new Fbm(12345),
    fbmOptions: new Fbm(12345, options),
    billow: new Billow(12345, options),
    ridged: new RidgedMulti(12345),
    ridgedOptions: new RidgedMulti(12345, { ...options, attenuation: 1.5 }),
  };
  const hashes = Object.fromEntries(
    Object.entries(cases).map((
      [name, noise],
    ) => [name, [fnv1a(sampleAll(noise, at)), fnv1a(sampleAll(noise, plane))]]),
  );
  assert.deepEqual(hashes, {
    perlin: ["29606e35", "404a3ce8"],
    fbm: ["14faa95c", "ab514538"],
    fbmOptions: ["15a0f80c", "f7a500fd"],
    billow: ["84615671", "f52ec5ef"],
    ridged: ["3c21f895", "a410ae1f"],
    ridgedOptions: ["40c4f9ac", "55bc662a"],
  });
});

Deno.test("golden: heightmaps of several chunks and resolutions", () => {
  const noise = new TerrainNoise(defaultNoiseConfig(), 12345);
  const hashes = [
    noise.generateHeightmap(0, 0, 256, 128),
    noise.generateHeightmap(-3, 7, 256, 64),
    noise.generateHeightmap(1, -1, 100, 33),
  ].map((map) => [fnv1a(map.data), map.minHeight, map.maxHeight]);
  assert.deepEqual(hashes, [
    ["dd0f4ceb", 0, 34.59995651245117],
    ["4a8dfe55", 0, 67.91633605957031],
    ["ab9c49b4", 0, 32.709556579589844],
  ]);
});

Deno.test("golden: climate of a chunk and single samples", () => {
  const climate = new ClimateMap(defaultClimateConfig(), 12345);
  const temperatures = new Float32Array(64 * 64);
  const moistures = new Float32Array(64 * 64);
  climate.sampleChunk(1, -2, 256, 64, temperatures, moistures);
  assert.deepEqual([fnv1a(temperatures), fnv1a(moistures)], ["38699dc5", "aa15bd8e"]);
  assert.deepEqual([
    climate.temperature(100, 200, 10),
    climate.moisture(100, 200, 10),
    climate.estimateHeight(-5000, 1234.5),
  ], [0.6155387458133335, 0.840692354611158, 24.25460142575419]);
});

Deno.test("golden: thermal and hydraulic erosion of a 128² chunk", () => {
  const noise = new TerrainNoise(defaultNoiseConfig(), 12345);
  const thermal = noise.generateHeightmap(0, 0, 256, 128);
  thermalErosion(thermal, 10, 30);
  const steep = noise.generateHeightmap(2, 3, 256, 64);
  thermalErosion(steep, 25, 5);
  const hydraulic = noise.generateHeightmap(0, 0, 256, 128);
  hydraulicErosion(hydraulic, 0.3);
  assert.deepEqual([fnv1a(thermal.data), fnv1a(steep.data), fnv1a(hydraulic.data)], [
    "a6bdfd13",
    "35a8f651",
    "f8031322",
  ]);
});

Deno.test("golden: world chunks with and without erosion", () => {
  const withErosion = new WorldGenerator(defaultWorldConfig()).generateChunk(1, 1);
  const config = defaultWorldConfig();
  config.noise.erosionEnabled = false;
  const plain = new WorldGenerator(config).generateChunk(-2, 5);
  assert.deepEqual([
    fnv1a(withErosion.heightmap.data),
    fnv1a(withErosion.biomes),
    fnv1a(plain.heightmap.data),
    fnv1a(plain.biomes),
  ], ["eb243375", "53e1f86d", "7dd63573", "0e5aa21e"]);
});

Deno.test("golden: marching-cubes meshes of a sphere and a noise field", () => {
  const side = 32;
  const centre = (side - 1) / 2;
  const sphere = marchingCubes(sampleDensityField(
    side,
    side,
    side,
    (x, y, z) => side * 0.35 + 0.5 - Math.hypot(x - centre, y - centre, z - centre),
  ));
  const fbm = new Fbm(12345, { octaves: 3 });
  const rough = marchingCubes(
    sampleDensityField(24, 20, 17, (x, y, z) => fbm.get(x * 0.13, y * 0.13, z * 0.13) * 2),
    { isoLevel: 0.1, cellSize: 0.5, origin: [-3, 1, 2] },
  );
  assert.deepEqual(
    [sphere, rough].map((m) => [
      m.positions.length,
      m.indices.length,
      fnv1a(m.positions),
      fnv1a(m.normals),
      fnv1a(m.indices),
    ]),
    [
      [7056, 14100, "ea53543d", "5eb6dffd", "860ba447"],
      [9561, 17088, "7d63ca85", "362520ff", "7e9fe641"],
    ],
  );
});
