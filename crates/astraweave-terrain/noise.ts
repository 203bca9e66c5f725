/**
 * Seeded gradient noise: {@link Perlin} and the fractal sums the Rust crate took from the `noise`
 * crate 0.9 ({@link Fbm}, {@link Billow}, {@link RidgedMulti}), with the same defaults and the
 * same output range, [-1, 1]. Values are not bit-identical to the `noise` crate's (its
 * permutation comes from its own RNG); the algorithms and parameters are the same.
 *
 * @module
 */

import { SeedRng } from "@astraweave/pcg";
import { finite, integerIn, TerrainError } from "./errors.ts";

/**
 * Most octaves a fractal noise may sum (the `noise` crate's limit is 32).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Fbm, MAX_OCTAVES } from "@astraweave/terrain";
 * assert.equal(new Fbm(1, { octaves: MAX_OCTAVES }).octaves, 32);
 * assert.throws(() => new Fbm(1, { octaves: MAX_OCTAVES + 1 }), /octaves must be an integer/);
 * ```
 */
export const MAX_OCTAVES = 32;

/** A noise function of a 3D point, with values in [-1, 1]. */
export interface NoiseFn {
  /**
   * The noise value at (x, y, z), in [-1, 1].
   *
   * @throws {TerrainError} when a coordinate is not a finite number.
   */
  get(x: number, y: number, z: number): number;
}

/** A seed: a non-negative safe integer or a bigint below 2^64 (as `@astraweave/pcg` reads it). */
export type Seed = number | bigint;

/** Options of the fractal noises, as the `noise` crate names them. */
export interface FractalOptions {
  /** Octaves summed, 1 to {@link MAX_OCTAVES}. */
  octaves?: number;
  /** Frequency of the first octave. */
  frequency?: number;
  /** Frequency multiplier from one octave to the next. */
  lacunarity?: number;
  /** Amplitude multiplier from one octave to the next. */
  persistence?: number;
}

/**
 * A shuffled 0..255 permutation, written twice (512 entries) at `offset` of `out`, drawn from the
 * stream `layer` of `seed`. Each octave has its own, as each octave of the `noise` crate's
 * fractals has its own seed.
 */
function writePermutation(out: Uint8Array, offset: number, seed: Seed, layer: string): void {
  let rng: SeedRng;
  try {
    rng = new SeedRng(seed, layer);
  } catch (error) {
    if (error instanceof RangeError) {
      throw new TerrainError("seed", seed, "must be an integer from 0 to 2^64 - 1");
    }
    throw error;
  }
  for (let i = 0; i < 256; i++) out[offset + i] = i;
  for (let i = 255; i > 0; i--) {
    const j = rng.nextBounded(i + 1);
    const swap = out[offset + i];
    out[offset + i] = out[offset + j];
    out[offset + j] = swap;
  }
  out.copyWithin(offset + 256, offset, offset + 256);
}

/** A fresh permutation table (512 entries) for the stream `layer` of `seed`. */
export function permutation(seed: Seed, layer: string): Uint8Array {
  const perm = new Uint8Array(512);
  writePermutation(perm, 0, seed, layer);
  return perm;
}

const fade = (t: number) => t * t * t * (t * (t * 6 - 15) + 10);

// Ken Perlin's improved-noise gradients, one of 12 cube-edge directions per hash & 15 (four
// repeated), as tables: a multiply-add per corner instead of his branchy grad(), whose branches
// on a random hash mispredict.
const GRADIENT_X = Float64Array.of(1, -1, 1, -1, 1, -1, 1, -1, 0, 0, 0, 0, 1, 0, -1, 0);
const GRADIENT_Y = Float64Array.of(1, 1, -1, -1, 0, 0, 0, 0, 1, -1, 1, -1, 1, -1, 1, -1);
const GRADIENT_Z = Float64Array.of(0, 0, 0, 0, 1, 1, -1, -1, 1, 1, -1, -1, 0, 1, 0, -1);

function grad(hash: number, x: number, y: number, z: number): number {
  const h = hash & 15;
  return GRADIENT_X[h] * x + GRADIENT_Y[h] * y + GRADIENT_Z[h] * z;
}

/**
 * Improved Perlin noise (2002) over the permutation at `base` of `perm`; 0 at every integer
 * lattice point. The raw sum can pass 1 by a few hundredths in rare corners, so it is clamped to
 * [-1, 1], as the `noise` crate clamps. No checks: callers check their inputs once.
 */
export function perlin3(perm: Uint8Array, base: number, x: number, y: number, z: number): number {
  const fx = Math.floor(x);
  const fy = Math.floor(y);
  const fz = Math.floor(z);
  // `& 255` of a float above 2^31 wraps through int32, which still picks a valid cell.
  const X = fx & 255;
  const Y = fy & 255;
  const Z = fz & 255;
  x -= fx;
  y -= fy;
  z -= fz;
  const u = fade(x);
  const v = fade(y);
  const w = fade(z);
  const a = perm[base + X] + Y;
  const aa = perm[base + a] + Z;
  const ab = perm[base + a + 1] + Z;
  const b = perm[base + X + 1] + Y;
  const ba = perm[base + b] + Z;
  const bb = perm[base + b + 1] + Z;
  const x1 = x - 1;
  const z1 = z - 1;
  const n000 = grad(perm[base + aa], x, y, z);
  const n100 = grad(perm[base + ba], x1, y, z);
  const n001 = grad(perm[base + aa + 1], x, y, z1);
  const n101 = grad(perm[base + ba + 1], x1, y, z1);
  const nx00 = n000 + u * (n100 - n000);
  const nx01 = n001 + u * (n101 - n001);
  let value: number;
  if (v === 0) {
    // On a lattice plane in y (terrain samples the plane y = 0) the far four corners weigh 0.
    value = nx00 + w * (nx01 - nx00);
  } else {
    const y1 = y - 1;
    const n010 = grad(perm[base + ab], x, y1, z);
    const n110 = grad(perm[base + bb], x1, y1, z);
    const n011 = grad(perm[base + ab + 1], x, y1, z1);
    const n111 = grad(perm[base + bb + 1], x1, y1, z1);
    const nx10 = n010 + u * (n110 - n010);
    const nx11 = n011 + u * (n111 - n011);
    const nxy0 = nx00 + v * (nx10 - nx00);
    const nxy1 = nx01 + v * (nx11 - nx01);
    value = nxy0 + w * (nxy1 - nxy0);
  }
  return value > 1 ? 1 : value < -1 ? -1 : value;
}

function checkPoint(x: number, y: number, z: number): void {
  finite("x", x);
  finite("y", y);
  finite("z", z);
}

/**
 * Perlin noise from a seed: the same seed gives the same field on every platform.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Perlin } from "@astraweave/terrain";
 * const noise = new Perlin(42);
 * assert.equal(noise.get(3, 0, -7), 0); // zero on the integer lattice
 * const v = noise.get(0.3, 0.1, 2.7);
 * assert.ok(v >= -1 && v <= 1);
 * assert.equal(new Perlin(42).get(0.3, 0.1, 2.7), v);
 * ```
 */
export class Perlin implements NoiseFn {
  readonly #perm: Uint8Array;

  /**
   * Perlin noise for `seed`.
   *
   * @throws {TerrainError} when the seed is not an integer from 0 to 2^64 - 1.
   */
  constructor(seed: Seed) {
    this.#perm = permutation(seed, "terrain::perlin");
  }

  /** See {@link NoiseFn.get}. */
  get(x: number, y: number, z: number): number {
    checkPoint(x, y, z);
    return perlin3(this.#perm, 0, x, y, z);
  }
}

/**
 * What {@link Fbm}, {@link Billow} and {@link RidgedMulti} share: octaves of Perlin noise, each at
 * `lacunarity` times the frequency and `persistence` times the amplitude of the one before, with
 * one permutation per octave drawn from the seed. Each kind says how an octave's value is shaped
 * and summed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Billow, Fbm, FractalNoise } from "@astraweave/terrain";
 * assert.ok(new Fbm(7) instanceof FractalNoise);
 * assert.equal(new Billow(7, { octaves: 3 }).octaves, 3);
 * ```
 */
export abstract class FractalNoise implements NoiseFn {
  /** Octaves summed. */
  readonly octaves: number;
  /** Frequency of the first octave. */
  readonly frequency: number;
  /** Frequency multiplier per octave. */
  readonly lacunarity: number;
  /** Amplitude multiplier per octave. */
  readonly persistence: number;
  /** The octaves' permutations, octave i at offset 512 × i. */
  protected readonly perm: Uint8Array;

  /**
   * Checks `options` (the `noise` crate's defaults for what is missing, `persistence` as given
   * here) and draws the permutations of the `kind` layer from `seed`.
   *
   * @throws {TerrainError} on a bad seed, octaves outside 1 to {@link MAX_OCTAVES}, or a
   * non-finite frequency, lacunarity or persistence.
   */
  protected constructor(seed: Seed, options: FractalOptions, persistence: number, kind: string) {
    this.octaves = integerIn("octaves", options.octaves ?? 6, 1, MAX_OCTAVES);
    this.frequency = finite("frequency", options.frequency ?? 1);
    this.lacunarity = finite("lacunarity", options.lacunarity ?? 2);
    this.persistence = finite("persistence", options.persistence ?? persistence);
    this.perm = octavePermutations(seed, this.octaves, kind);
  }

  /** See {@link NoiseFn.get}. */
  abstract get(x: number, y: number, z: number): number;

  /**
   * The amplitude-weighted sum of the octaves at a point, each octave's value `n` taken as it is
   * or, for billows, as `2|n| - 1`.
   */
  protected octaveSum(x: number, y: number, z: number, billow: boolean): number {
    const perm = this.perm;
    let frequency = this.frequency;
    let amplitude = 1;
    let sum = 0;
    for (let i = 0; i < this.octaves; i++) {
      const n = perlin3(perm, 512 * i, x * frequency, y * frequency, z * frequency);
      sum += (billow ? Math.abs(n) * 2 - 1 : n) * amplitude;
      frequency *= this.lacunarity;
      amplitude *= this.persistence;
    }
    return sum;
  }
}

function octavePermutations(seed: Seed, octaves: number, kind: string): Uint8Array {
  const perm = new Uint8Array(512 * octaves);
  for (let i = 0; i < octaves; i++) writePermutation(perm, 512 * i, seed, `terrain::${kind}#${i}`);
  return perm;
}

/** 1 ÷ the largest sum of the octave amplitudes, so the result stays in [-1, 1]. */
function amplitudeScale(persistence: number, octaves: number): number {
  let total = 0;
  let amplitude = 1;
  for (let i = 0; i < octaves; i++) {
    total += Math.abs(amplitude);
    amplitude *= persistence;
  }
  return total > 0 ? 1 / total : 0;
}

const clampUnit = (value: number) => (value > 1 ? 1 : value < -1 ? -1 : value);

/**
 * Fractal Brownian motion: octaves of Perlin noise, each at `lacunarity` times the frequency and
 * `persistence` times the amplitude of the one before, scaled into [-1, 1]. Defaults as the
 * `noise` crate's `Fbm`: 6 octaves, frequency 1, lacunarity 2, persistence 0.5.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Fbm } from "@astraweave/terrain";
 * const fbm = new Fbm(7, { octaves: 4, persistence: 0.5 });
 * const v = fbm.get(12.5, 0, 3.25);
 * assert.ok(v >= -1 && v <= 1);
 * assert.equal(fbm.octaves, 4);
 * ```
 */
export class Fbm extends FractalNoise {
  readonly #scale: number;

  /**
   * Fractal noise for `seed`.
   *
   * @throws {TerrainError} on a bad seed, octaves outside 1 to {@link MAX_OCTAVES}, or a
   * non-finite frequency, lacunarity or persistence.
   */
  constructor(seed: Seed, options: FractalOptions = {}) {
    super(seed, options, 0.5, "fbm");
    this.#scale = amplitudeScale(this.persistence, this.octaves);
  }

  /** See {@link NoiseFn.get}. */
  get(x: number, y: number, z: number): number {
    checkPoint(x, y, z);
    return clampUnit(this.octaveSum(x, y, z, false) * this.#scale);
  }
}

/**
 * Billowy noise: like {@link Fbm}, but each octave is `2|n| - 1`, which gives rounded lumps
 * (clouds, rolling hills). Defaults as the `noise` crate's `Billow`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Billow } from "@astraweave/terrain";
 * const v = new Billow(7, { octaves: 3, persistence: 0.6 }).get(1.5, 0, 2.5);
 * assert.ok(v >= -1 && v <= 1);
 * ```
 */
export class Billow extends FractalNoise {
  readonly #scale: number;

  /**
   * Billow noise for `seed`.
   *
   * @throws {TerrainError} as {@link Fbm}'s constructor.
   */
  constructor(seed: Seed, options: FractalOptions = {}) {
    super(seed, options, 0.5, "billow");
    this.#scale = amplitudeScale(this.persistence, this.octaves);
  }

  /** See {@link NoiseFn.get}. */
  get(x: number, y: number, z: number): number {
    checkPoint(x, y, z);
    return clampUnit(this.octaveSum(x, y, z, true) * this.#scale);
  }
}

/**
 * Ridged multifractal noise: each octave is `(1 - |n|)²`, weighted by the octave before it, so
 * sharp ridges form where the noise crosses 0 (mountain chains). Defaults as the `noise` crate's
 * `RidgedMulti`: 6 octaves, frequency 1, lacunarity 2, persistence 1, attenuation 2. The sum is
 * mapped into [-1, 1] as the `noise` crate maps it (by the octave count alone, so a persistence
 * under 1 leaves the upper part of the range unused, there as here).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { RidgedMulti } from "@astraweave/terrain";
 * const ridged = new RidgedMulti(7, { octaves: 6, persistence: 0.4, lacunarity: 2.2 });
 * const v = ridged.get(0.25, 0, 0.75);
 * assert.ok(v >= -1 && v <= 1);
 * ```
 */
export class RidgedMulti extends FractalNoise {
  /** How strongly one octave's signal damps the next (the `noise` crate's default: 2). */
  readonly attenuation: number;
  readonly #scale: number;

  /**
   * Ridged noise for `seed`.
   *
   * @throws {TerrainError} as {@link Fbm}'s constructor, or for an attenuation not above 0.
   */
  constructor(seed: Seed, options: FractalOptions & { attenuation?: number } = {}) {
    super(seed, options, 1, "ridged");
    this.attenuation = finite("attenuation", options.attenuation ?? 2);
    if (this.attenuation <= 0) {
      throw new TerrainError("attenuation", options.attenuation, "must be above 0");
    }
    // As the noise crate: with weights halving per octave the sum stays under
    // 2 - 0.5^(octaves - 1), which is mapped onto [-1, 1] (persistence is not counted).
    this.#scale = 2 / (2 - 0.5 ** (this.octaves - 1));
  }

  /** See {@link NoiseFn.get}. */
  get(x: number, y: number, z: number): number {
    checkPoint(x, y, z);
    const perm = this.perm;
    let frequency = this.frequency;
    let amplitude = 1;
    let weight = 1;
    let sum = 0;
    for (let i = 0; i < this.octaves; i++) {
      let signal = 1 -
        Math.abs(perlin3(perm, 512 * i, x * frequency, y * frequency, z * frequency));
      signal *= signal * weight;
      weight = signal / this.attenuation;
      weight = weight > 1 ? 1 : weight < 0 ? 0 : weight;
      sum += signal * amplitude;
      frequency *= this.lacunarity;
      amplitude *= this.persistence;
    }
    return clampUnit(sum * this.#scale - 1);
  }
}
