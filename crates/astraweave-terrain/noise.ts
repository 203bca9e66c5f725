/**
 * Seeded gradient noise: {@link Perlin} and the fractal sums the Rust crate took from the `noise`
 * crate 0.9 ({@link Fbm}, {@link Billow}, {@link RidgedMulti}), with the same defaults and the
 * same output range, [-1, 1]. Values are not bit-identical to the `noise` crate's (its
 * permutation comes from its own RNG); the algorithms and parameters are the same.
 *
 * @module
 */

import { finite, integerIn, TerrainError } from "./errors.ts";
import {
  perlin3,
  perlinPlaneRow,
  permutation,
  PlaneColumns,
  planeColumns,
  type Seed,
  writePermutation,
} from "./perlin.ts";

export type { Seed };

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

function checkPoint(x: number, y: number, z: number): void {
  finite("x", x);
  finite("y", y);
  finite("z", z);
}

/** Checks a grid's coordinates and output, or allocates the output; returns it. */
function gridOutput(xs: Float64Array, zs: Float64Array, out?: Float64Array): Float64Array {
  for (const [name, axis] of [["xs", xs], ["zs", zs]] as const) {
    if (!(axis instanceof Float64Array)) {
      throw new TerrainError(name, axis, "must be a Float64Array of coordinates");
    }
    for (let i = 0; i < axis.length; i++) finite(`${name}[${i}]`, axis[i]);
  }
  const count = xs.length * zs.length;
  if (out === undefined) return new Float64Array(count);
  if (!(out instanceof Float64Array) || out.length !== count) {
    throw new TerrainError(
      "out",
      out instanceof Float64Array ? out.length : out,
      `must be a Float64Array of xs.length × zs.length = ${count} values`,
    );
  }
  return out;
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

  /**
   * The noise at every point (xs[i], 0, zs[j]) of a grid of the plane y = 0, row by row
   * (`out[j × xs.length + i]`): the values {@link Perlin.get} gives, bit for bit, in a fraction
   * of the time (what depends on x alone is computed once per column).
   *
   * @throws {TerrainError} when a coordinate is not finite, or `out` is not a Float64Array of
   * xs.length × zs.length values.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { Perlin } from "@astraweave/terrain";
   * const noise = new Perlin(42);
   * const grid = noise.sampleGrid(Float64Array.of(0.5, 1.25, 7.75), Float64Array.of(-2.5, 3.1));
   * assert.equal(grid.length, 6);
   * assert.equal(grid[1 * 3 + 2], noise.get(7.75, 0, 3.1));
   * ```
   */
  sampleGrid(xs: Float64Array, zs: Float64Array, out?: Float64Array): Float64Array {
    const values = gridOutput(xs, zs, out);
    const n = xs.length;
    const columns = new PlaneColumns(n);
    planeColumns(this.#perm, 0, xs, 1, columns, 0);
    for (let j = 0; j < zs.length; j++) {
      perlinPlaneRow(this.#perm, 0, columns, 0, n, zs[j], values, j * n);
    }
    return values;
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
   * The noise at every point (xs[i], 0, zs[j]) of a grid of the plane y = 0, row by row
   * (`out[j × xs.length + i]`): the values `get` gives, bit for bit, in a fraction of the time
   * (what depends on x alone is computed once per column and octave, a row's octaves in one
   * pass each).
   *
   * @throws {TerrainError} when a coordinate is not finite, or `out` is not a Float64Array of
   * xs.length × zs.length values.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { RidgedMulti } from "@astraweave/terrain";
   * const ridged = new RidgedMulti(7, { octaves: 4 });
   * const xs = Float64Array.of(0.25, 1.5, -3.75);
   * const grid = ridged.sampleGrid(xs, Float64Array.of(2.5, 0.125));
   * assert.equal(grid[3 + 1], ridged.get(1.5, 0, 0.125));
   * ```
   */
  sampleGrid(xs: Float64Array, zs: Float64Array, out?: Float64Array): Float64Array {
    const values = gridOutput(xs, zs, out);
    const n = xs.length;
    const octaves = this.octaves;
    const columns = new PlaneColumns(n * octaves);
    const frequencies = new Float64Array(octaves);
    const amplitudes = new Float64Array(octaves);
    let frequency = this.frequency;
    let amplitude = 1;
    for (let i = 0; i < octaves; i++) {
      planeColumns(this.perm, 512 * i, xs, frequency, columns, n * i);
      frequencies[i] = frequency;
      amplitudes[i] = amplitude;
      frequency *= this.lacunarity;
      amplitude *= this.persistence;
    }
    const octave = new Float64Array(n);
    const sums = new Float64Array(n);
    const weights = new Float64Array(n);
    for (let j = 0; j < zs.length; j++) {
      sums.fill(0);
      weights.fill(1);
      for (let i = 0; i < octaves; i++) {
        perlinPlaneRow(this.perm, 512 * i, columns, n * i, n, zs[j] * frequencies[i], octave, 0);
        this.addOctave(octave, amplitudes[i], sums, weights);
      }
      this.finishRow(sums, values, j * n);
    }
    return values;
  }

  /**
   * Adds one octave's values (`octave[i]`, scaled by `amplitude`) to a row's running `sums`, as
   * `get` adds an octave; `weights` (starting at 1) carry what a kind passes between octaves.
   */
  protected abstract addOctave(
    octave: Float64Array,
    amplitude: number,
    sums: Float64Array,
    weights: Float64Array,
  ): void;

  /** Writes a row's final values from its `sums` into `out` from `at`, as `get` finishes. */
  protected abstract finishRow(sums: Float64Array, out: Float64Array, at: number): void;

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

  /** See {@link FractalNoise.addOctave}. */
  protected addOctave(octave: Float64Array, amplitude: number, sums: Float64Array): void {
    for (let i = 0; i < sums.length; i++) sums[i] += octave[i] * amplitude;
  }

  /** See {@link FractalNoise.finishRow}. */
  protected finishRow(sums: Float64Array, out: Float64Array, at: number): void {
    const scale = this.#scale;
    for (let i = 0; i < sums.length; i++) out[at + i] = clampUnit(sums[i] * scale);
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

  /** See {@link FractalNoise.addOctave}. */
  protected addOctave(octave: Float64Array, amplitude: number, sums: Float64Array): void {
    for (let i = 0; i < sums.length; i++) sums[i] += (Math.abs(octave[i]) * 2 - 1) * amplitude;
  }

  /** See {@link FractalNoise.finishRow}. */
  protected finishRow(sums: Float64Array, out: Float64Array, at: number): void {
    const scale = this.#scale;
    for (let i = 0; i < sums.length; i++) out[at + i] = clampUnit(sums[i] * scale);
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

  /** See {@link FractalNoise.addOctave}. */
  protected addOctave(
    octave: Float64Array,
    amplitude: number,
    sums: Float64Array,
    weights: Float64Array,
  ): void {
    const attenuation = this.attenuation;
    for (let i = 0; i < sums.length; i++) {
      let signal = 1 - Math.abs(octave[i]);
      signal *= signal * weights[i];
      const weight = signal / attenuation;
      weights[i] = weight > 1 ? 1 : weight < 0 ? 0 : weight;
      sums[i] += signal * amplitude;
    }
  }

  /** See {@link FractalNoise.finishRow}. */
  protected finishRow(sums: Float64Array, out: Float64Array, at: number): void {
    const scale = this.#scale;
    for (let i = 0; i < sums.length; i++) out[at + i] = clampUnit(sums[i] * scale - 1);
  }
}
