/**
 * Biomes: the eight Rust `BiomeType`s, each one's conditions (height, temperature, moisture
 * ranges, priority) as the Rust presets give them, the score that picks a biome for a sample,
 * and the Whittaker classification of the climate module.
 *
 * @module
 */

import { finite, TerrainError } from "./errors.ts";

/**
 * The biome kinds, in the Rust enum's order; a biome map stores their indices.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BIOME_TYPES } from "@astraweave/terrain";
 * assert.equal(BIOME_TYPES.length, 8);
 * assert.equal(BIOME_TYPES.indexOf("mountain"), 3);
 * ```
 */
export const BIOME_TYPES = [
  "grassland",
  "desert",
  "forest",
  "mountain",
  "tundra",
  "swamp",
  "beach",
  "river",
] as const;

/** A biome kind (the Rust `BiomeType::as_str` names). */
export type BiomeType = typeof BIOME_TYPES[number];

/**
 * The biome named `text` (trimmed, any case), as the Rust `BiomeType::from_str`.
 *
 * @throws {TerrainError} for any other text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseBiome } from "@astraweave/terrain";
 * assert.equal(parseBiome(" Desert "), "desert");
 * assert.throws(() => parseBiome("ocean"), /biome must be one of/);
 * ```
 */
export function parseBiome(text: string): BiomeType {
  const name = typeof text === "string" ? text.trim().toLowerCase() : "";
  const index = (BIOME_TYPES as readonly string[]).indexOf(name);
  if (index < 0) throw new TerrainError("biome", text, `must be one of ${BIOME_TYPES.join(", ")}`);
  return BIOME_TYPES[index];
}

/** Where a biome fits: inclusive [low, high] ranges and the steepest slope in degrees. */
export interface BiomeConditions {
  /** Height range in metres. */
  height: readonly [number, number];
  /** Temperature range, 0 (cold) to 1 (hot). */
  temperature: readonly [number, number];
  /** Moisture range, 0 (dry) to 1 (wet). */
  moisture: readonly [number, number];
  /** Steepest slope, in degrees. */
  maxSlope: number;
}

/** A biome's placement rules (the Rust `BiomeConfig`, without its art and resource fields). */
export interface BiomeConfig {
  /** Which biome. */
  biome: BiomeType;
  /** The Rust preset's display name. */
  name: string;
  /** Where it fits. */
  conditions: BiomeConditions;
  /** Tie-breaker: each point adds 0.1 to the score. */
  priority: number;
}

const preset = (
  biome: BiomeType,
  name: string,
  height: [number, number],
  temperature: [number, number],
  moisture: [number, number],
  maxSlope: number,
  priority: number,
): BiomeConfig => ({
  biome,
  name,
  conditions: { height, temperature, moisture, maxSlope },
  priority,
});

/**
 * The Rust presets (`BiomeConfig::grassland()` ... `river()`), in {@link BIOME_TYPES} order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { biomePresets } from "@astraweave/terrain";
 * const desert = biomePresets().find((b) => b.biome === "desert")!;
 * assert.deepEqual(desert.conditions.temperature, [0.7, 1]);
 * ```
 */
export function biomePresets(): BiomeConfig[] {
  return [
    preset("grassland", "Temperate Grassland", [0, 50], [0.3, 0.8], [0.4, 0.8], 30, 1),
    preset("desert", "Arid Desert", [0, 30], [0.7, 1], [0, 0.3], 20, 2),
    preset("forest", "Dense Forest", [10, 80], [0.4, 0.9], [0.6, 1], 40, 3),
    preset("mountain", "Rocky Mountains", [60, 200], [0, 0.5], [0.2, 0.7], 70, 4),
    preset("tundra", "Frozen Tundra", [0, 50], [0, 0.2], [0.1, 0.5], 30, 5),
    preset("swamp", "Murky Swamp", [-5, 15], [0.4, 0.8], [0.8, 1], 15, 6),
    preset("beach", "Sandy Beach", [-2, 5], [0.5, 1], [0.4, 0.7], 20, 7),
    preset("river", "River Basin", [-10, 10], [0.3, 0.8], [0.9, 1], 10, 8),
  ];
}

/**
 * The biomes `WorldConfig::default()` places: grassland, desert, forest, mountain.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultWorldBiomes } from "@astraweave/terrain";
 * assert.deepEqual(defaultWorldBiomes().map((b) => b.biome), ["grassland", "desert", "forest", "mountain"]);
 * ```
 */
export function defaultWorldBiomes(): BiomeConfig[] {
  return biomePresets().slice(0, 4);
}

function rangeScore(value: number, range: readonly [number, number], penalty: number): number {
  const low = range[0];
  const high = range[1];
  if (value >= low && value <= high) return 1;
  return -(value < low ? low - value : value - high) * penalty;
}

/**
 * How well a sample fits `config`, as the Rust `score_conditions`: +1 per range the sample is in;
 * outside a range, minus the distance times 0.01 (height), 2 (temperature) or 1.5 (moisture);
 * plus priority × 0.1. Higher is better.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { biomePresets, scoreBiome } from "@astraweave/terrain";
 * const [grassland] = biomePresets();
 * assert.equal(scoreBiome(grassland, 20, 0.5, 0.5), 3.1);
 * ```
 */
export function scoreBiome(
  config: BiomeConfig,
  height: number,
  temperature: number,
  moisture: number,
): number {
  const c = config.conditions;
  return rangeScore(height, c.height, 0.01) + rangeScore(temperature, c.temperature, 2) +
    rangeScore(moisture, c.moisture, 1.5) + config.priority * 0.1;
}

/**
 * Index into `biomes` of the best-scoring biome for a sample (the first on a tie), as the Rust
 * `WorldGenerator::find_best_biome`. No checks: the hot path of chunk generation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bestBiomeIndex, defaultWorldBiomes } from "@astraweave/terrain";
 * const biomes = defaultWorldBiomes();
 * assert.equal(biomes[bestBiomeIndex(biomes, 5, 0.9, 0.1)].biome, "desert");
 * ```
 */
export function bestBiomeIndex(
  biomes: readonly BiomeConfig[],
  height: number,
  temperature: number,
  moisture: number,
): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let i = 0; i < biomes.length; i++) {
    const score = scoreBiome(biomes[i], height, temperature, moisture);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

/**
 * The Whittaker-diagram biome of a climate, as the Rust `climate::utils::classify_whittaker_biome`.
 *
 * @throws {TerrainError} when temperature or moisture is not finite.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { classifyWhittaker } from "@astraweave/terrain";
 * assert.equal(classifyWhittaker(0.1, 0.5), "tundra");
 * assert.equal(classifyWhittaker(0.8, 0.1), "desert");
 * assert.equal(classifyWhittaker(0.5, 0.9), "swamp");
 * assert.equal(classifyWhittaker(0.5, 0.5), "forest");
 * assert.equal(classifyWhittaker(0.5, 0.3), "grassland");
 * ```
 */
export function classifyWhittaker(temperature: number, moisture: number): BiomeType {
  const t = finite("temperature", temperature);
  const m = finite("moisture", moisture);
  if (t < 0.2) return "tundra";
  if (t < 0.4 && m < 0.3) return "tundra";
  if (t < 0.6 && m < 0.2) return "desert";
  if (t > 0.7 && m < 0.4) return "desert";
  if (m > 0.8) return "swamp";
  if (t > 0.4 && m > 0.4) return "forest";
  return "grassland";
}
