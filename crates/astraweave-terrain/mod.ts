/**
 * astraweave-terrain: procedural terrain from a seed. Seeded gradient noise (Perlin, fBm, ridged,
 * billow), heightmap chunks (256 m at resolution 128 by default, as the Rust crate), a climate
 * (temperature, moisture) and biome classification, the Rust crate's simple thermal and
 * hydraulic erosion, and marching-cubes meshing of density grids. Heights are `Float32Array`s,
 * meshes typed arrays (positions `Float32Array`, indices `Uint32Array`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultWorldConfig, WorldGenerator } from "@astraweave/terrain";
 * const world = new WorldGenerator(defaultWorldConfig());
 * const chunk = world.generateChunk(0, 0);
 * assert.equal(chunk.heightmap.resolution, 128);
 * assert.ok(chunk.heightmap.maxHeight > chunk.heightmap.minHeight);
 * assert.ok(["grassland", "desert", "forest", "mountain"].includes(chunk.biomeAt(10, 10)!));
 * ```
 *
 * @module
 */

export { TerrainError } from "./errors.ts";
export {
  Billow,
  Fbm,
  FractalNoise,
  type FractalOptions,
  MAX_OCTAVES,
  type NoiseFn,
  Perlin,
  RidgedMulti,
  type Seed,
} from "./noise.ts";
export { Heightmap, MAX_RESOLUTION } from "./heightmap.ts";
export {
  hydraulicErosion,
  MAX_EROSION_ITERATIONS,
  MAX_HYDRAULIC_STRENGTH,
  thermalErosion,
} from "./erosion.ts";
export {
  checkNoiseConfig,
  defaultNoiseConfig,
  type NoiseConfig,
  type NoiseLayer,
  type NoiseType,
  TerrainNoise,
} from "./terrain_noise.ts";
export {
  bestBiomeIndex,
  BIOME_TYPES,
  type BiomeConditions,
  type BiomeConfig,
  biomePresets,
  type BiomeType,
  classifyWhittaker,
  defaultWorldBiomes,
  parseBiome,
  scoreBiome,
} from "./biome.ts";
export {
  type ClimateConfig,
  type ClimateLayer,
  ClimateMap,
  defaultClimateConfig,
} from "./climate.ts";
export { defaultWorldConfig, TerrainChunk, type WorldConfig, WorldGenerator } from "./world.ts";
export {
  type DensityField,
  marchingCubes,
  MAX_FIELD_POINTS,
  type MeshOptions,
  sampleDensityField,
  type TriangleMesh,
} from "./marching_cubes.ts";
