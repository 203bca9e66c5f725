/**
 * astraweave-terrain benchmarks: the Rust original's benches (benches/terrain_generation.rs),
 * each a group named after its function, with the same inputs (seed 12345, chunk (0, 0) of
 * 256 m for heightmaps and climate, chunk (1, 1) for whole chunks, erosion off then on), plus
 * scaling families and groups of ours for what the Rust file does not time: more heightmap
 * resolutions, thermal erosion and marching cubes.
 *
 * `perlin_sampling` (ours) times 1,000 3D Perlin samples against the peer `noisejs` (Joseph
 * Gentle's JavaScript Perlin noise, `perlin3`) on the same points, in the same run.
 *
 * The Rust `_simd` variants (behind a feature; an unrolled scalar loop) have no counterpart: there
 * is one sampling path here.
 *
 * @module
 */

import {
  ClimateMap,
  defaultClimateConfig,
  defaultNoiseConfig,
  defaultWorldConfig,
  Heightmap,
  marchingCubes,
  Perlin,
  sampleDensityField,
  TerrainNoise,
  thermalErosion,
  WorldGenerator,
} from "@astraweave/terrain";
import { benchCrate, consume, ms, us } from "@astraweave/bench-protocol";
import noisejs from "noisejs";

const bench = benchCrate("astraweave-terrain");
const SEED = 12345;
const CHUNK = 256;

// ---------------------------------------------------------------------------------------------
// heightmap_generation (Rust: heightmap_generation_64x64, _128x128), scaling 32 to 256
// ---------------------------------------------------------------------------------------------

const noise = new TerrainNoise(defaultNoiseConfig(), SEED);
for (const side of [32, 64, 128, 256]) {
  const samples = side * side;
  bench({
    group: "heightmap_generation",
    name: `heightmap_generation_${side}x${side}`,
    family: "heightmap_generation",
    size: { value: samples, unit: "samples" },
    throughput: { elements: samples },
    // 250 ns a sample (10 octaves of Perlin noise): 128 × 128 in 4.1 ms, a quarter frame.
    budget: us(
      (samples * 250) / 1000,
      "250 ns per height sample: a 128² chunk streamed in a quarter of a 60 FPS frame",
    ),
    fn: () => consume(noise.generateHeightmap(0, 0, CHUNK, side)),
  });
}

// ---------------------------------------------------------------------------------------------
// climate_sampling, chunk_climate_sampling
// ---------------------------------------------------------------------------------------------

const climate = new ClimateMap(defaultClimateConfig(), SEED);
bench({
  group: "climate_sampling",
  name: "climate_sampling",
  budget: us(1, "one sample in a microsecond: a 1,000-agent AI query costs 1/16 of a frame"),
  fn: () => consume(climate.temperature(100, 200, 10) + climate.moisture(100, 200, 10)),
});

const temperatures = new Float32Array(64 * 64);
const moistures = new Float32Array(64 * 64);
bench({
  group: "chunk_climate_sampling",
  name: "chunk_climate_sampling",
  throughput: { elements: 64 * 64 },
  budget: ms(2, "64² climate samples in an eighth of a 60 FPS frame"),
  fn: () => {
    climate.sampleChunk(0, 0, CHUNK, 64, temperatures, moistures);
    consume(temperatures);
  },
});

// ---------------------------------------------------------------------------------------------
// world_chunk_generation, world_chunk_generation_with_erosion
// ---------------------------------------------------------------------------------------------

const plain = defaultWorldConfig();
plain.noise.erosionEnabled = false;
const withoutErosion = new WorldGenerator(plain);
const withErosion = new WorldGenerator(defaultWorldConfig());
const chunkBudget = ms(
  8,
  "a 128² chunk with biomes in half a 60 FPS frame: one chunk streamed a frame",
);
bench({
  group: "world_chunk_generation",
  name: "world_chunk_generation",
  budget: chunkBudget,
  fn: () => consume(withoutErosion.generateChunk(1, 1)),
});
bench({
  group: "world_chunk_generation",
  name: "world_chunk_generation_with_erosion",
  budget: ms(10, "erosion may add a quarter to a chunk: still within one 60 FPS frame"),
  fn: () => consume(withErosion.generateChunk(1, 1)),
});

// ---------------------------------------------------------------------------------------------
// Ours: thermal_erosion, marching_cubes
// ---------------------------------------------------------------------------------------------

const source = noise.generateHeightmap(0, 0, CHUNK, 128);
const scratch = new Heightmap(128);
bench({
  group: "thermal_erosion",
  name: "thermal_erosion_128x128_10_iterations",
  throughput: { elements: 128 * 128 * 10 },
  budget: ms(4, "ten passes over a 128² chunk in a quarter of a 60 FPS frame"),
  fn: () => {
    scratch.data.set(source.data);
    thermalErosion(scratch, 10, 30);
    consume(scratch);
  },
});

for (const side of [16, 32, 64]) {
  const centre = (side - 1) / 2;
  const radius = side * 0.35;
  const ball = sampleDensityField(
    side,
    side,
    side,
    (x, y, z) => radius + 0.5 - Math.hypot(x - centre, y - centre, z - centre),
  );
  const cells = (side - 1) ** 3;
  bench({
    group: "marching_cubes",
    name: `sphere_${side}`,
    family: "sphere",
    size: { value: cells, unit: "cells" },
    throughput: { elements: cells },
    budget: us(
      (cells * 60) / 1000,
      "60 ns per cell: a 32³ voxel chunk (the Rust CHUNK_SIZE) meshed in 1/9 of a frame",
    ),
    fn: () => consume(marchingCubes(ball)),
  });
}

// ---------------------------------------------------------------------------------------------
// Ours: perlin_sampling, against noisejs
// ---------------------------------------------------------------------------------------------

const SAMPLES = 1000;
const samplePoints = Float64Array.from({ length: 3 * SAMPLES }, (_, i) => (i * 7.31) % 97 - 48.5);
const perlin = new Perlin(SEED);
const peerNoise = new noisejs.Noise(0.5);
bench({
  group: "perlin_sampling",
  name: "perlin3_1000",
  throughput: { elements: SAMPLES },
  budget: us(50, "50 ns a sample: a 128² octave of terrain noise in 0.8 ms"),
  fn: () => {
    let sum = 0;
    for (let i = 0; i < 3 * SAMPLES; i += 3) {
      sum += perlin.get(samplePoints[i], samplePoints[i + 1], samplePoints[i + 2]);
    }
    consume(sum);
  },
});
bench({
  group: "perlin_sampling",
  name: "noisejs/perlin3_1000",
  peer: "noisejs",
  versus: "perlin3_1000",
  throughput: { elements: SAMPLES },
  fn: () => {
    let sum = 0;
    for (let i = 0; i < 3 * SAMPLES; i += 3) {
      sum += peerNoise.perlin3(samplePoints[i], samplePoints[i + 1], samplePoints[i + 2]);
    }
    consume(sum);
  },
});
