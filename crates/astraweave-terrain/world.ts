/**
 * World generation: {@link WorldGenerator} turns a seed into {@link TerrainChunk}s (heightmap,
 * biome map, optional erosion), as the Rust `WorldGenerator::generate_chunk`.
 *
 * @module
 */

import {
  bestBiomeIndex,
  BIOME_TYPES,
  type BiomeConfig,
  type BiomeType,
  defaultWorldBiomes,
} from "./biome.ts";
import { type ClimateConfig, ClimateMap, defaultClimateConfig } from "./climate.ts";
import { finite, integerIn, positive, TerrainError } from "./errors.ts";
import { hydraulicErosion } from "./erosion.ts";
import { type Heightmap, MAX_RESOLUTION } from "./heightmap.ts";
import type { Seed } from "./noise.ts";
import { defaultNoiseConfig, type NoiseConfig, TerrainNoise } from "./terrain_noise.ts";

/** Everything a world is generated from (the Rust `WorldConfig`, without structures). */
export interface WorldConfig {
  /** The world seed (u64). */
  seed: Seed;
  /** Chunk side in metres. */
  chunkSize: number;
  /** Heightmap samples per chunk side. */
  heightmapResolution: number;
  /** The height function. */
  noise: NoiseConfig;
  /** The climate. */
  climate: ClimateConfig;
  /** The biomes a sample may get (at least one). */
  biomes: BiomeConfig[];
}

/**
 * The Rust defaults: seed 12345, chunks of 256 m at resolution 128, the default noise and
 * climate, and the grassland, desert, forest and mountain biomes. A new object each call.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultWorldConfig } from "@astraweave/terrain";
 * const config = defaultWorldConfig();
 * assert.equal(config.chunkSize, 256);
 * assert.equal(config.heightmapResolution, 128);
 * ```
 */
export function defaultWorldConfig(): WorldConfig {
  return {
    seed: 12345,
    chunkSize: 256,
    heightmapResolution: 128,
    noise: defaultNoiseConfig(),
    climate: defaultClimateConfig(),
    biomes: defaultWorldBiomes(),
  };
}

/**
 * One generated chunk: its heightmap and, per sample, the index into {@link BIOME_TYPES} of its
 * biome.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BIOME_TYPES, defaultWorldConfig, WorldGenerator } from "@astraweave/terrain";
 * const world = new WorldGenerator({ ...defaultWorldConfig(), heightmapResolution: 17 });
 * const chunk = world.generateChunk(-1, 0); // covers x from -256 to 0, z from 0 to 256
 * assert.equal(chunk.heightAt(-256 + 16, 32), chunk.heightmap.get(1, 2));
 * assert.equal(chunk.biomeAt(-256 + 16, 32), BIOME_TYPES[chunk.biomes[2 * 17 + 1]]);
 * assert.equal(chunk.heightAt(10, 10), undefined); // another chunk's ground
 * ```
 */
export class TerrainChunk {
  /** Chunk coordinate along x. */
  readonly x: number;
  /** Chunk coordinate along z. */
  readonly z: number;
  /** Chunk side in metres. */
  readonly chunkSize: number;
  /** The heights. */
  readonly heightmap: Heightmap;
  /** Per sample, an index into {@link BIOME_TYPES}. */
  readonly biomes: Uint8Array;

  /** A chunk of these parts (no checks: {@link WorldGenerator} makes them). */
  constructor(x: number, z: number, chunkSize: number, heightmap: Heightmap, biomes: Uint8Array) {
    this.x = x;
    this.z = z;
    this.chunkSize = chunkSize;
    this.heightmap = heightmap;
    this.biomes = biomes;
  }

  #local(worldX: number, worldZ: number): [number, number] | undefined {
    const lx = finite("worldX", worldX) - this.x * this.chunkSize;
    const lz = finite("worldZ", worldZ) - this.z * this.chunkSize;
    if (lx < 0 || lx >= this.chunkSize || lz < 0 || lz >= this.chunkSize) return undefined;
    const scale = (this.heightmap.resolution - 1) / this.chunkSize;
    return [lx * scale, lz * scale];
  }

  /**
   * The height at a world position inside this chunk (bilinear), or `undefined` outside it.
   *
   * @throws {TerrainError} when a coordinate is not finite.
   */
  heightAt(worldX: number, worldZ: number): number | undefined {
    const local = this.#local(worldX, worldZ);
    return local && this.heightmap.sampleBilinear(local[0], local[1]);
  }

  /**
   * The biome of the nearest sample to a world position inside this chunk, or `undefined`.
   *
   * @throws {TerrainError} when a coordinate is not finite.
   */
  biomeAt(worldX: number, worldZ: number): BiomeType | undefined {
    const local = this.#local(worldX, worldZ);
    if (!local) return undefined;
    const r = this.heightmap.resolution;
    return BIOME_TYPES[this.biomes[Math.round(local[1]) * r + Math.round(local[0])]];
  }

  /** How many samples each biome has (every biome kind listed, 0 for absent ones). */
  biomeCounts(): Record<BiomeType, number> {
    const counts = Object.fromEntries(BIOME_TYPES.map((b) => [b, 0])) as Record<BiomeType, number>;
    for (let i = 0; i < this.biomes.length; i++) counts[BIOME_TYPES[this.biomes[i]]]++;
    return counts;
  }
}

/**
 * Generates chunks of a world. The same configuration gives the same chunks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultWorldConfig, WorldGenerator } from "@astraweave/terrain";
 * const world = new WorldGenerator({ ...defaultWorldConfig(), heightmapResolution: 32 });
 * const chunk = world.generateChunk(1, 1);
 * assert.equal(chunk.heightmap.data.length, 32 * 32);
 * const total = Object.values(chunk.biomeCounts()).reduce((a, b) => a + b);
 * assert.equal(total, 32 * 32);
 * assert.deepEqual(world.generateChunk(1, 1).heightmap.data, chunk.heightmap.data);
 * ```
 */
export class WorldGenerator {
  /** The checked configuration. */
  readonly config: Readonly<WorldConfig>;
  readonly #noise: TerrainNoise;
  readonly #climate: ClimateMap;
  readonly #biomeKinds: Uint8Array;

  /**
   * A generator for `config`.
   *
   * @throws {TerrainError} naming the first bad field.
   */
  constructor(config: WorldConfig) {
    if (typeof config !== "object" || config === null) {
      throw new TerrainError("config", config, "must be a world config object");
    }
    const chunkSize = positive("chunkSize", config.chunkSize);
    const resolution = integerIn(
      "heightmapResolution",
      config.heightmapResolution,
      2,
      MAX_RESOLUTION,
    );
    if (!Array.isArray(config.biomes) || config.biomes.length === 0 || config.biomes.length > 255) {
      throw new TerrainError("biomes", config.biomes, "must be a list of 1 to 255 biome configs");
    }
    const biomes = config.biomes.map((b, i) => checkBiome(b, i));
    this.#noise = new TerrainNoise(config.noise, config.seed);
    // The Rust crate seeds its climate with seed + 1; a separate stream of the same seed here.
    this.#climate = new ClimateMap(config.climate, config.seed);
    this.#biomeKinds = Uint8Array.from(biomes, (b) => BIOME_TYPES.indexOf(b.biome));
    this.config = {
      seed: config.seed,
      chunkSize,
      heightmapResolution: resolution,
      noise: this.#noise.config,
      climate: this.#climate.config,
      biomes,
    };
  }

  /**
   * The chunk at chunk coordinates (x, z): heights from the noise, a biome per sample from the
   * height and the climate, then hydraulic erosion when the config enables it (as in the Rust
   * crate, biomes are chosen before erosion).
   *
   * @throws {TerrainError} for coordinates that are not integers within ±2^31.
   */
  generateChunk(x: number, z: number): TerrainChunk {
    const { chunkSize, heightmapResolution: resolution, biomes, noise } = this.config;
    const map = this.#noise.generateHeightmap(x, z, chunkSize, resolution);
    const count = resolution * resolution;
    const temperatures = new Float32Array(count);
    const moistures = new Float32Array(count);
    this.#climate.sampleChunk(x, z, chunkSize, resolution, temperatures, moistures);
    const kinds = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const best = bestBiomeIndex(biomes, map.data[i], temperatures[i], moistures[i]);
      kinds[i] = this.#biomeKinds[best];
    }
    if (noise.erosionEnabled) hydraulicErosion(map, noise.erosionStrength);
    return new TerrainChunk(x, z, chunkSize, map, kinds);
  }
}

function checkBiome(biome: BiomeConfig, index: number): BiomeConfig {
  const where = `biomes[${index}]`;
  if (typeof biome !== "object" || biome === null) {
    throw new TerrainError(where, biome, "must be a biome config object");
  }
  if (!(BIOME_TYPES as readonly string[]).includes(biome.biome)) {
    throw new TerrainError(
      `${where}.biome`,
      biome.biome,
      `must be one of ${BIOME_TYPES.join(", ")}`,
    );
  }
  const c = biome.conditions;
  if (typeof c !== "object" || c === null) {
    throw new TerrainError(`${where}.conditions`, c, "must be an object");
  }
  const range = (name: string, r: readonly [number, number]) => {
    if (!Array.isArray(r) || r.length !== 2) {
      throw new TerrainError(`${where}.conditions.${name}`, r, "must be a [low, high] pair");
    }
    const low = finite(`${where}.conditions.${name}[0]`, r[0]);
    const high = finite(`${where}.conditions.${name}[1]`, r[1]);
    if (low > high) {
      throw new TerrainError(`${where}.conditions.${name}`, r, "must have low <= high");
    }
    return [low, high] as const;
  };
  return {
    biome: biome.biome,
    name: String(biome.name),
    conditions: {
      height: range("height", c.height),
      temperature: range("temperature", c.temperature),
      moisture: range("moisture", c.moisture),
      maxSlope: finite(`${where}.conditions.maxSlope`, c.maxSlope),
    },
    priority: finite(`${where}.priority`, biome.priority),
  };
}
