/**
 * {@link ClimateMap}: temperature and moisture in [0, 1] from two seeded Perlin fields, with the
 * Rust crate's lapse rate, latitude term and water-distance term.
 *
 * @module
 */

import { finite, integerIn, positive, TerrainError } from "./errors.ts";
import { MAX_RESOLUTION } from "./heightmap.ts";
import {
  perlin3,
  perlinPlaneRow,
  permutation,
  PlaneColumns,
  planeColumns,
  type Seed,
} from "./perlin.ts";

/** One climate field: octaves of Perlin noise plus an offset (the Rust `ClimateLayer`). */
export interface ClimateLayer {
  /** World metres to noise units. */
  scale: number;
  /** Octaves summed. */
  octaves: number;
  /** Amplitude multiplier per octave. */
  persistence: number;
  /** Frequency multiplier per octave. */
  lacunarity: number;
  /** Amplitude of the first octave. */
  amplitude: number;
  /** Added to the sum. */
  offset: number;
}

/** The climate's configuration (the Rust `ClimateConfig`). */
export interface ClimateConfig {
  /** Temperature field. */
  temperature: ClimateLayer;
  /** Moisture field. */
  moisture: ClimateLayer;
  /** Temperature change per metre of height (-0.0065: the standard lapse rate). */
  temperatureHeightGradient: number;
  /** Weight of the latitude term, sin(z × 0.00001). */
  temperatureLatitudeGradient: number;
  /** How fast moisture falls with distance from water. */
  moistureDistanceFalloff: number;
}

/**
 * The Rust defaults. A new object each call.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultClimateConfig } from "@astraweave/terrain";
 * assert.equal(defaultClimateConfig().temperatureHeightGradient, -0.0065);
 * ```
 */
export function defaultClimateConfig(): ClimateConfig {
  return {
    temperature: {
      scale: 0.001,
      octaves: 3,
      persistence: 0.5,
      lacunarity: 2,
      amplitude: 1,
      offset: 0.5,
    },
    moisture: {
      scale: 0.0015,
      octaves: 4,
      persistence: 0.6,
      lacunarity: 2.1,
      amplitude: 1,
      offset: 0.5,
    },
    temperatureHeightGradient: -0.0065,
    temperatureLatitudeGradient: 0.8,
    moistureDistanceFalloff: 0.001,
  };
}

// The Rust crate's fixed layers for its height and water-distance estimates.
const HEIGHT_ESTIMATE: ClimateLayer = {
  scale: 0.002,
  octaves: 4,
  persistence: 0.5,
  lacunarity: 2,
  amplitude: 50,
  offset: 10,
};
const WATER_ESTIMATE: ClimateLayer = {
  scale: 0.003,
  octaves: 2,
  persistence: 0.4,
  lacunarity: 2.5,
  amplitude: 1,
  offset: 0,
};

function checkLayer(name: string, layer: ClimateLayer): ClimateLayer {
  if (typeof layer !== "object" || layer === null) {
    throw new TerrainError(name, layer, "must be a climate layer object");
  }
  return {
    scale: positive(`${name}.scale`, layer.scale),
    octaves: integerIn(`${name}.octaves`, layer.octaves, 1, 32),
    persistence: finite(`${name}.persistence`, layer.persistence),
    lacunarity: finite(`${name}.lacunarity`, layer.lacunarity),
    amplitude: finite(`${name}.amplitude`, layer.amplitude),
    offset: finite(`${name}.offset`, layer.offset),
  };
}

/** The Rust `sample_noise_fbm`: the same Perlin field at every octave, unnormalized, plus offset. */
function layerSum(perm: Uint8Array, layer: ClimateLayer, x: number, z: number): number {
  let value = 0;
  let amplitude = layer.amplitude;
  let frequency = layer.scale;
  for (let i = 0; i < layer.octaves; i++) {
    value += perlin3(perm, 0, x * frequency, 0, z * frequency) * amplitude;
    amplitude *= layer.persistence;
    frequency *= layer.lacunarity;
  }
  return value + layer.offset;
}

/**
 * {@link layerSum} over the rows of a grid of the plane y = 0: the columns' share of each
 * octave computed once, then each row's octaves one loop each (the same values, bit for bit).
 */
class LayerGrid {
  readonly #perm: Uint8Array;
  readonly #layer: ClimateLayer;
  readonly #columns: PlaneColumns;
  readonly #frequencies: Float64Array;
  readonly #amplitudes: Float64Array;
  readonly #octave: Float64Array;

  constructor(perm: Uint8Array, layer: ClimateLayer, xs: Float64Array) {
    this.#perm = perm;
    this.#layer = layer;
    this.#columns = new PlaneColumns(xs.length * layer.octaves);
    this.#frequencies = new Float64Array(layer.octaves);
    this.#amplitudes = new Float64Array(layer.octaves);
    this.#octave = new Float64Array(xs.length);
    let amplitude = layer.amplitude;
    let frequency = layer.scale;
    for (let i = 0; i < layer.octaves; i++) {
      planeColumns(perm, 0, xs, frequency, this.#columns, xs.length * i);
      this.#frequencies[i] = frequency;
      this.#amplitudes[i] = amplitude;
      amplitude *= layer.persistence;
      frequency *= layer.lacunarity;
    }
  }

  /** `out[i]` = layerSum(perm, layer, xs[i], z). */
  row(z: number, out: Float64Array): void {
    const octave = this.#octave;
    const n = octave.length;
    out.fill(0);
    for (let i = 0; i < this.#layer.octaves; i++) {
      const frequency = this.#frequencies[i];
      perlinPlaneRow(this.#perm, 0, this.#columns, n * i, n, z * frequency, octave, 0);
      const amplitude = this.#amplitudes[i];
      for (let x = 0; x < n; x++) out[x] += octave[x] * amplitude;
    }
    const offset = this.#layer.offset;
    for (let x = 0; x < n; x++) out[x] += offset;
  }
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** The latitude term of the temperature at world z. */
const latitude = (config: ClimateConfig, z: number) =>
  Math.sin(z * 0.00001) * config.temperatureLatitudeGradient;

/** The Rust temperature from its noise sum, the height and the latitude term. */
function temperatureOf(config: ClimateConfig, sum: number, height: number, lat: number): number {
  let t = sum;
  t += height * config.temperatureHeightGradient;
  t += lat;
  return clamp01(t);
}

/** The Rust moisture from its noise sum, the water-estimate sum and the height. */
function moistureOf(config: ClimateConfig, sum: number, waterSum: number, height: number): number {
  let m = sum;
  m *= 1 - clamp01(height * 0.01) * 0.3;
  const water = Math.abs(waterSum);
  const distance = water < 0.1 ? 0 : (water - 0.1) * 1000;
  m = m * 0.7 + Math.exp(-distance * config.moistureDistanceFalloff) * 0.3;
  return clamp01(m);
}

/**
 * Temperature and moisture over the world, as the Rust `ClimateMap`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ClimateMap, defaultClimateConfig } from "@astraweave/terrain";
 * const climate = new ClimateMap(defaultClimateConfig(), 12345);
 * const t = climate.temperature(100, 200, 10);
 * const m = climate.moisture(100, 200, 10);
 * assert.ok(t >= 0 && t <= 1 && m >= 0 && m <= 1);
 * const temps = new Float32Array(64 * 64);
 * const moist = new Float32Array(64 * 64);
 * climate.sampleChunk(0, 0, 256, 64, temps, moist);
 * assert.ok(temps.every((v) => v >= 0 && v <= 1));
 * ```
 */
export class ClimateMap {
  /** The checked configuration (a copy). */
  readonly config: ClimateConfig;
  readonly #temperature: Uint8Array;
  readonly #moisture: Uint8Array;

  /**
   * The climate of `config` for `seed`.
   *
   * @throws {TerrainError} naming the first bad field, or a bad seed.
   */
  constructor(config: ClimateConfig, seed: Seed) {
    if (typeof config !== "object" || config === null) {
      throw new TerrainError("config", config, "must be a climate config object");
    }
    this.config = {
      temperature: checkLayer("temperature", config.temperature),
      moisture: checkLayer("moisture", config.moisture),
      temperatureHeightGradient: finite(
        "temperatureHeightGradient",
        config.temperatureHeightGradient,
      ),
      temperatureLatitudeGradient: finite(
        "temperatureLatitudeGradient",
        config.temperatureLatitudeGradient,
      ),
      moistureDistanceFalloff: finite("moistureDistanceFalloff", config.moistureDistanceFalloff),
    };
    this.#temperature = permutation(seed, "terrain::climate::temperature");
    this.#moisture = permutation(seed, "terrain::climate::moisture");
  }

  /**
   * Temperature in [0, 1] at world (x, z) and `height` metres.
   *
   * @throws {TerrainError} when an argument is not finite.
   */
  temperature(x: number, z: number, height: number): number {
    return this.#temperatureAt(finite("x", x), finite("z", z), finite("height", height));
  }

  /**
   * Moisture in [0, 1] at world (x, z) and `height` metres.
   *
   * @throws {TerrainError} when an argument is not finite.
   */
  moisture(x: number, z: number, height: number): number {
    return this.#moistureAt(finite("x", x), finite("z", z), finite("height", height));
  }

  /**
   * The Rust `estimate_height`: a rough height from the temperature field, used where the real
   * heightmap is not known yet.
   *
   * @throws {TerrainError} when x or z is not finite.
   */
  estimateHeight(x: number, z: number): number {
    return Math.max(
      layerSum(this.#temperature, HEIGHT_ESTIMATE, finite("x", x), finite("z", z)),
      0,
    );
  }

  /**
   * Temperature and moisture of a chunk's grid (as the Rust `sample_chunk`: each sample at its
   * estimated height), written into `temperatures` and `moistures` (`resolution²` each).
   *
   * @throws {TerrainError} for bad chunk coordinates, size or resolution, or outputs that are
   * not Float32Arrays of `resolution²`.
   */
  sampleChunk(
    chunkX: number,
    chunkZ: number,
    chunkSize: number,
    resolution: number,
    temperatures: Float32Array,
    moistures: Float32Array,
  ): void {
    const cx = integerIn("chunkX", chunkX, -(2 ** 31), 2 ** 31 - 1);
    const cz = integerIn("chunkZ", chunkZ, -(2 ** 31), 2 ** 31 - 1);
    const size = positive("chunkSize", chunkSize);
    integerIn("resolution", resolution, 2, MAX_RESOLUTION);
    const count = resolution * resolution;
    for (const [name, out] of [["temperatures", temperatures], ["moistures", moistures]] as const) {
      if (!(out instanceof Float32Array) || out.length !== count) {
        throw new TerrainError(name, out, `must be a Float32Array of ${count} values`);
      }
    }
    const step = size / (resolution - 1);
    const c = this.config;
    const xs = new Float64Array(resolution);
    for (let x = 0; x < resolution; x++) xs[x] = cx * size + x * step;
    const heightGrid = new LayerGrid(this.#temperature, HEIGHT_ESTIMATE, xs);
    const temperatureGrid = new LayerGrid(this.#temperature, c.temperature, xs);
    const moistureGrid = new LayerGrid(this.#moisture, c.moisture, xs);
    const waterGrid = new LayerGrid(this.#moisture, WATER_ESTIMATE, xs);
    const heights = new Float64Array(resolution);
    const temperatureSums = new Float64Array(resolution);
    const moistureSums = new Float64Array(resolution);
    const waterSums = new Float64Array(resolution);
    for (let z = 0, i = 0; z < resolution; z++) {
      const worldZ = cz * size + z * step;
      heightGrid.row(worldZ, heights);
      temperatureGrid.row(worldZ, temperatureSums);
      moistureGrid.row(worldZ, moistureSums);
      waterGrid.row(worldZ, waterSums);
      const lat = latitude(c, worldZ);
      for (let x = 0; x < resolution; x++, i++) {
        const height = Math.max(heights[x], 0);
        temperatures[i] = temperatureOf(c, temperatureSums[x], height, lat);
        moistures[i] = moistureOf(c, moistureSums[x], waterSums[x], height);
      }
    }
  }

  #temperatureAt(x: number, z: number, height: number): number {
    const c = this.config;
    return temperatureOf(
      c,
      layerSum(this.#temperature, c.temperature, x, z),
      height,
      latitude(c, z),
    );
  }

  #moistureAt(x: number, z: number, height: number): number {
    const c = this.config;
    return moistureOf(
      c,
      layerSum(this.#moisture, c.moisture, x, z),
      layerSum(this.#moisture, WATER_ESTIMATE, x, z),
      height,
    );
  }
}
