/**
 * {@link TerrainNoise}: the Rust crate's three-layer height function (base elevation, mountains,
 * detail) with its defaults ({@link defaultNoiseConfig}), sampled into heightmap chunks.
 *
 * @module
 */

import { finite, integerIn, nonNegative, positive, TerrainError } from "./errors.ts";
import { Heightmap, MAX_RESOLUTION } from "./heightmap.ts";
import {
  Billow,
  Fbm,
  type FractalNoise,
  MAX_OCTAVES,
  Perlin,
  RidgedMulti,
  type Seed,
} from "./noise.ts";

/** The noise a layer uses. `"perlin"` is one octave: the Rust crate ignores its octave fields. */
export type NoiseType = "perlin" | "ridged" | "billow" | "fbm";

/** One layer of the height function, as the Rust `NoiseLayer`. */
export interface NoiseLayer {
  /** Whether the layer adds to the height. */
  enabled: boolean;
  /** World metres to noise units (0.005: one noise cell per 200 m). */
  scale: number;
  /** Metres of height at noise value 1. */
  amplitude: number;
  /** Octaves (not used by `"perlin"`). */
  octaves: number;
  /** Amplitude multiplier per octave. */
  persistence: number;
  /** Frequency multiplier per octave. */
  lacunarity: number;
  /** Which noise. */
  noiseType: NoiseType;
}

/** The height function's configuration, as the Rust `NoiseConfig`. */
export interface NoiseConfig {
  /** Rolling base terrain. */
  baseElevation: NoiseLayer;
  /** Ridged mountains; their absolute value is added. */
  mountains: NoiseLayer;
  /** Small bumps. */
  detail: NoiseLayer;
  /** Whether world generation runs hydraulic erosion on each chunk. */
  erosionEnabled: boolean;
  /** Hydraulic erosion strength. */
  erosionStrength: number;
}

/**
 * The Rust crate's defaults: base Perlin (scale 0.005, amplitude 50), ridged mountains (0.002,
 * 80, 6 octaves, persistence 0.4, lacunarity 2.2), billow detail (0.02, 5, 3 octaves,
 * persistence 0.6), erosion on at strength 0.3. A new object each call.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultNoiseConfig } from "@astraweave/terrain";
 * const config = defaultNoiseConfig();
 * assert.equal(config.mountains.noiseType, "ridged");
 * assert.equal(config.erosionStrength, 0.3);
 * ```
 */
export function defaultNoiseConfig(): NoiseConfig {
  return {
    baseElevation: {
      enabled: true,
      scale: 0.005,
      amplitude: 50,
      octaves: 4,
      persistence: 0.5,
      lacunarity: 2,
      noiseType: "perlin",
    },
    mountains: {
      enabled: true,
      scale: 0.002,
      amplitude: 80,
      octaves: 6,
      persistence: 0.4,
      lacunarity: 2.2,
      noiseType: "ridged",
    },
    detail: {
      enabled: true,
      scale: 0.02,
      amplitude: 5,
      octaves: 3,
      persistence: 0.6,
      lacunarity: 2,
      noiseType: "billow",
    },
    erosionEnabled: true,
    erosionStrength: 0.3,
  };
}

const NOISE_TYPES: readonly NoiseType[] = ["perlin", "ridged", "billow", "fbm"];

function checkLayer(name: string, layer: NoiseLayer): NoiseLayer {
  if (typeof layer !== "object" || layer === null) {
    throw new TerrainError(name, layer, "must be a noise layer object");
  }
  if (typeof layer.enabled !== "boolean") {
    throw new TerrainError(`${name}.enabled`, layer.enabled, "must be a boolean");
  }
  if (!NOISE_TYPES.includes(layer.noiseType)) {
    throw new TerrainError(
      `${name}.noiseType`,
      layer.noiseType,
      `must be ${NOISE_TYPES.join(", ")}`,
    );
  }
  return {
    enabled: layer.enabled,
    scale: positive(`${name}.scale`, layer.scale),
    amplitude: finite(`${name}.amplitude`, layer.amplitude),
    octaves: integerIn(`${name}.octaves`, layer.octaves, 1, MAX_OCTAVES),
    persistence: finite(`${name}.persistence`, layer.persistence),
    lacunarity: finite(`${name}.lacunarity`, layer.lacunarity),
    noiseType: layer.noiseType,
  };
}

/**
 * A checked copy of `config`: every field present and in range.
 *
 * @throws {TerrainError} naming the first bad field ("mountains.octaves").
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkNoiseConfig, defaultNoiseConfig } from "@astraweave/terrain";
 * const config = defaultNoiseConfig();
 * config.mountains.octaves = 0;
 * assert.throws(() => checkNoiseConfig(config), /^TerrainError: mountains\.octaves must be an integer from 1 to 32 \(got 0\)$/);
 * ```
 */
export function checkNoiseConfig(config: NoiseConfig): NoiseConfig {
  if (typeof config !== "object" || config === null) {
    throw new TerrainError("config", config, "must be a noise config object");
  }
  if (typeof config.erosionEnabled !== "boolean") {
    throw new TerrainError("erosionEnabled", config.erosionEnabled, "must be a boolean");
  }
  return {
    baseElevation: checkLayer("baseElevation", config.baseElevation),
    mountains: checkLayer("mountains", config.mountains),
    detail: checkLayer("detail", config.detail),
    erosionEnabled: config.erosionEnabled,
    erosionStrength: nonNegative("erosionStrength", config.erosionStrength),
  };
}

function noiseFor(layer: NoiseLayer, seed: Seed, name: string): Perlin | FractalNoise {
  const options = {
    octaves: layer.octaves,
    persistence: layer.persistence,
    lacunarity: layer.lacunarity,
  };
  // Each layer gets its own stream of the one seed (the Rust crate used seed, seed + 1, seed + 2).
  const layerSeed = `${name}:${seed}`;
  switch (layer.noiseType) {
    case "perlin":
      return new Perlin(hashSeed(layerSeed));
    case "ridged":
      return new RidgedMulti(hashSeed(layerSeed), options);
    case "billow":
      return new Billow(hashSeed(layerSeed), options);
    case "fbm":
      return new Fbm(hashSeed(layerSeed), options);
  }
}

/** FNV-1a 64 of `text`, as a bigint seed: different layers of one seed, unrelated streams. */
function hashSeed(text: string): bigint {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

/**
 * The Rust crate's height function: `base × 50 + |mountains| × 80 + detail × 5` (with the
 * defaults), each layer sampled at (x × scale, 0, z × scale), never below 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultNoiseConfig, TerrainNoise } from "@astraweave/terrain";
 * const noise = new TerrainNoise(defaultNoiseConfig(), 12345);
 * const h = noise.sampleHeight(100, 100);
 * assert.ok(h >= 0 && h <= 135);
 * assert.equal(new TerrainNoise(defaultNoiseConfig(), 12345).sampleHeight(100, 100), h);
 * const chunk = noise.generateHeightmap(0, 0, 256, 64);
 * assert.equal(chunk.data.length, 64 * 64);
 * ```
 */
export class TerrainNoise {
  /** The checked configuration (a copy). */
  readonly config: NoiseConfig;
  readonly #base: Perlin | FractalNoise;
  readonly #mountains: Perlin | FractalNoise;
  readonly #detail: Perlin | FractalNoise;

  /**
   * The height function of `config` for `seed`.
   *
   * @throws {TerrainError} naming the first bad field of `config`, or a bad seed.
   */
  constructor(config: NoiseConfig, seed: Seed) {
    this.config = checkNoiseConfig(config);
    if (
      !(typeof seed === "bigint" ? seed >= 0n && seed < 1n << 64n : Number.isSafeInteger(seed) &&
        seed >= 0)
    ) {
      throw new TerrainError("seed", seed, "must be an integer from 0 to 2^64 - 1");
    }
    this.#base = noiseFor(this.config.baseElevation, seed, "base");
    this.#mountains = noiseFor(this.config.mountains, seed, "mountains");
    this.#detail = noiseFor(this.config.detail, seed, "detail");
  }

  /**
   * The height at world (x, z), in metres, 0 or more.
   *
   * @throws {TerrainError} when x or z is not finite.
   */
  sampleHeight(x: number, z: number): number {
    finite("x", x);
    finite("z", z);
    const { baseElevation, mountains, detail } = this.config;
    let height = 0;
    if (baseElevation.enabled) {
      height += this.#base.get(x * baseElevation.scale, 0, z * baseElevation.scale) *
        baseElevation.amplitude;
    }
    if (mountains.enabled) {
      height += Math.abs(this.#mountains.get(x * mountains.scale, 0, z * mountains.scale)) *
        mountains.amplitude;
    }
    if (detail.enabled) {
      height += this.#detail.get(x * detail.scale, 0, z * detail.scale) * detail.amplitude;
    }
    return height > 0 ? height : 0;
  }

  /**
   * The heightmap of chunk (chunkX, chunkZ): `resolution` × `resolution` samples spanning
   * `chunkSize` metres from the chunk's origin (chunkX × chunkSize, chunkZ × chunkSize), edges
   * included, so neighbouring chunks share their border samples.
   *
   * @throws {TerrainError} for chunk coordinates that are not integers within ±2^31, a chunk
   * size not above 0, or a resolution outside 2 to {@link MAX_RESOLUTION}.
   */
  generateHeightmap(
    chunkX: number,
    chunkZ: number,
    chunkSize: number,
    resolution: number,
  ): Heightmap {
    const cx = integerIn("chunkX", chunkX, -(2 ** 31), 2 ** 31 - 1);
    const cz = integerIn("chunkZ", chunkZ, -(2 ** 31), 2 ** 31 - 1);
    const size = positive("chunkSize", chunkSize);
    integerIn("resolution", resolution, 2, MAX_RESOLUTION);
    const step = size / (resolution - 1);
    const originX = cx * size;
    const originZ = cz * size;
    if (!Number.isFinite(Math.abs(originX) + Math.abs(originZ) + size)) {
      throw new TerrainError("chunkSize", chunkSize, "puts the chunk beyond finite coordinates");
    }
    const map = new Heightmap(resolution);
    const worldXs = new Float64Array(resolution);
    const worldZs = new Float64Array(resolution);
    for (let i = 0; i < resolution; i++) {
      worldXs[i] = originX + i * step;
      worldZs[i] = originZ + i * step;
    }
    // The layers one after another over the whole grid, each added as sampleHeight adds it (the
    // same operations in the same order, so the same heights bit for bit).
    const heights = new Float64Array(resolution * resolution);
    const layer = new Float64Array(resolution * resolution);
    const { baseElevation, mountains, detail } = this.config;
    if (baseElevation.enabled) {
      this.#sampleLayer(this.#base, baseElevation, worldXs, worldZs, layer);
      const amplitude = baseElevation.amplitude;
      for (let i = 0; i < heights.length; i++) heights[i] += layer[i] * amplitude;
    }
    if (mountains.enabled) {
      this.#sampleLayer(this.#mountains, mountains, worldXs, worldZs, layer);
      const amplitude = mountains.amplitude;
      for (let i = 0; i < heights.length; i++) heights[i] += Math.abs(layer[i]) * amplitude;
    }
    if (detail.enabled) {
      this.#sampleLayer(this.#detail, detail, worldXs, worldZs, layer);
      const amplitude = detail.amplitude;
      for (let i = 0; i < heights.length; i++) heights[i] += layer[i] * amplitude;
    }
    const data = map.data;
    for (let i = 0; i < heights.length; i++) data[i] = heights[i] > 0 ? heights[i] : 0;
    map.recalculateBounds();
    return map;
  }

  /** One layer's noise over the grid of world coordinates, into `out`. */
  #sampleLayer(
    noise: Perlin | FractalNoise,
    layer: NoiseLayer,
    worldXs: Float64Array,
    worldZs: Float64Array,
    out: Float64Array,
  ): void {
    const scale = layer.scale;
    noise.sampleGrid(worldXs.map((x) => x * scale), worldZs.map((z) => z * scale), out);
  }
}
