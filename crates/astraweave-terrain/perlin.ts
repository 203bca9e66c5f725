/**
 * The Perlin noise kernel under every noise of the crate: seeded permutations, improved Perlin
 * noise at one point ({@link perlin3}), and the same noise over a grid of the plane y = 0, the
 * plane terrain and climate sample ({@link planeColumns}, {@link perlinPlaneRow}). The grid path
 * gives the point path's values bit for bit; it hoists what depends on x alone out of the rows
 * and what depends on z alone out of the columns.
 *
 * @module
 */

import { SeedRng } from "@astraweave/pcg";
import { TerrainError } from "./errors.ts";

/** A seed: a non-negative safe integer or a bigint below 2^64 (as `@astraweave/pcg` reads it). */
export type Seed = number | bigint;

/**
 * A shuffled 0..255 permutation, written twice (512 entries) at `offset` of `out`, drawn from the
 * stream `layer` of `seed`. Each octave has its own, as each octave of the `noise` crate's
 * fractals has its own seed.
 */
export function writePermutation(out: Uint8Array, offset: number, seed: Seed, layer: string): void {
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

// Ken Perlin's improved-noise gradients, one of 12 cube-edge directions per hash & 15 (four
// repeated), as tables: a multiply-add per corner instead of his branchy grad(), whose branches
// on a random hash mispredict.
const GRADIENT_X = Float64Array.of(1, -1, 1, -1, 1, -1, 1, -1, 0, 0, 0, 0, 1, 0, -1, 0);
const GRADIENT_Y = Float64Array.of(1, 1, -1, -1, 0, 0, 0, 0, 1, -1, 1, -1, 1, -1, 1, -1);
const GRADIENT_Z = Float64Array.of(0, 0, 0, 0, 1, 1, -1, -1, 1, 1, -1, -1, 0, 1, 0, -1);

// The fade curve 6t^5 - 15t^4 + 10t^3 and the gradient dot products are written out where they
// are used below, not called: in a function this size V8 stops inlining, and every call that is
// not inlined returns its double boxed on the heap (a profile of chunk generation spent 18% in
// fade and grad calls and 6% collecting their boxes).

// The kernel is too large for V8 to inline (about 1,000 bytes of bytecode; the limit is 460),
// and a call that is not inlined boxes every double argument and its double result on the heap:
// four allocations a sample. So the point goes in and the value comes out through this array,
// and perlin3 below, small enough to be inlined, is all its callers see (a quarter less time a
// sample in an A/B on 1,000 points). JavaScript runs one kernel at a time per module instance.
const POINT = new Float64Array(4);

/**
 * Improved Perlin noise (2002) over the permutation at `base` of `perm`; 0 at every integer
 * lattice point. The raw sum can pass 1 by a few hundredths in rare corners, so it is clamped to
 * [-1, 1], as the `noise` crate clamps. No checks: callers check their inputs once.
 */
export function perlin3(perm: Uint8Array, base: number, x: number, y: number, z: number): number {
  POINT[0] = x;
  POINT[1] = y;
  POINT[2] = z;
  perlinKernel(perm, base);
  return POINT[3];
}

/** perlin3 of POINT[0..2], written to POINT[3]. */
function perlinKernel(perm: Uint8Array, base: number): void {
  let x = POINT[0];
  let y = POINT[1];
  let z = POINT[2];
  const fx = Math.floor(x);
  const fy = Math.floor(y);
  const fz = Math.floor(z);
  // `& 255` of a float above 2^31 wraps through int32, which still picks a valid cell.
  const X = base + (fx & 255);
  const Y = fy & 255;
  const Z = fz & 255;
  x -= fx;
  y -= fy;
  z -= fz;
  const u = x * x * x * (x * (x * 6 - 15) + 10);
  const v = y * y * y * (y * (y * 6 - 15) + 10);
  const w = z * z * z * (z * (z * 6 - 15) + 10);
  const a = base + perm[X] + Y;
  const aa = base + perm[a] + Z;
  const b = base + perm[X + 1] + Y;
  const ba = base + perm[b] + Z;
  const x1 = x - 1;
  const z1 = z - 1;
  let h = perm[aa] & 15;
  const n000 = GRADIENT_X[h] * x + GRADIENT_Y[h] * y + GRADIENT_Z[h] * z;
  h = perm[ba] & 15;
  const n100 = GRADIENT_X[h] * x1 + GRADIENT_Y[h] * y + GRADIENT_Z[h] * z;
  h = perm[aa + 1] & 15;
  const n001 = GRADIENT_X[h] * x + GRADIENT_Y[h] * y + GRADIENT_Z[h] * z1;
  h = perm[ba + 1] & 15;
  const n101 = GRADIENT_X[h] * x1 + GRADIENT_Y[h] * y + GRADIENT_Z[h] * z1;
  const nx00 = n000 + u * (n100 - n000);
  const nx01 = n001 + u * (n101 - n001);
  let value: number;
  if (v === 0) {
    // On a lattice plane in y (terrain samples the plane y = 0) the far four corners weigh 0.
    value = nx00 + w * (nx01 - nx00);
  } else {
    const ab = base + perm[a + 1] + Z;
    const bb = base + perm[b + 1] + Z;
    const y1 = y - 1;
    h = perm[ab] & 15;
    const n010 = GRADIENT_X[h] * x + GRADIENT_Y[h] * y1 + GRADIENT_Z[h] * z;
    h = perm[bb] & 15;
    const n110 = GRADIENT_X[h] * x1 + GRADIENT_Y[h] * y1 + GRADIENT_Z[h] * z;
    h = perm[ab + 1] & 15;
    const n011 = GRADIENT_X[h] * x + GRADIENT_Y[h] * y1 + GRADIENT_Z[h] * z1;
    h = perm[bb + 1] & 15;
    const n111 = GRADIENT_X[h] * x1 + GRADIENT_Y[h] * y1 + GRADIENT_Z[h] * z1;
    const nx10 = n010 + u * (n110 - n010);
    const nx11 = n011 + u * (n111 - n011);
    const nxy0 = nx00 + v * (nx10 - nx00);
    const nxy1 = nx01 + v * (nx11 - nx01);
    value = nxy0 + w * (nxy1 - nxy0);
  }
  POINT[3] = value > 1 ? 1 : value < -1 ? -1 : value;
}

/**
 * What Perlin noise on the plane y = 0 needs of each column of a grid, for one permutation and
 * one frequency: the fractional part of the column's coordinate, its fade, and the two hashes of
 * its cell's x and x + 1 edges (with y = 0 they depend on x alone). Several column sets share
 * one `PlaneColumns`, at offsets.
 */
export class PlaneColumns {
  /** x - floor(x) per column. */
  readonly frac: Float64Array;
  /** fade(x - floor(x)) per column. */
  readonly fade: Float64Array;
  /** perm[perm[X]] per column: the hash of the cell's low-x edge before z is added. */
  readonly hashLow: Uint8Array;
  /** perm[perm[X + 1]] per column: the same for the high-x edge. */
  readonly hashHigh: Uint8Array;

  /** Room for `length` columns. */
  constructor(length: number) {
    this.frac = new Float64Array(length);
    this.fade = new Float64Array(length);
    this.hashLow = new Uint8Array(length);
    this.hashHigh = new Uint8Array(length);
  }
}

/**
 * Fills columns `offset` to `offset + xs.length - 1` of `out` for the points `xs[i] × frequency`
 * and the permutation at `base` of `perm`, as {@link perlin3} computes them.
 */
export function planeColumns(
  perm: Uint8Array,
  base: number,
  xs: Float64Array,
  frequency: number,
  out: PlaneColumns,
  offset: number,
): void {
  const { frac, fade, hashLow, hashHigh } = out;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] * frequency;
    const fx = Math.floor(x);
    const X = base + (fx & 255);
    const t = x - fx;
    frac[offset + i] = t;
    fade[offset + i] = t * t * t * (t * (t * 6 - 15) + 10);
    hashLow[offset + i] = perm[base + perm[X]];
    hashHigh[offset + i] = perm[base + perm[X + 1]];
  }
}

/**
 * One row of Perlin noise on the plane y = 0: `out[at + i]` = {@link perlin3}`(perm, base, x_i,
 * 0, z)` for the `count` columns of `columns` from `offset`, bit for bit.
 */
export function perlinPlaneRow(
  perm: Uint8Array,
  base: number,
  columns: PlaneColumns,
  offset: number,
  count: number,
  z: number,
  out: Float64Array,
  at: number,
): void {
  const { frac, fade, hashLow, hashHigh } = columns;
  const fz = Math.floor(z);
  const Z = fz & 255;
  const zf = z - fz;
  const z1 = zf - 1;
  const w = zf * zf * zf * (zf * (zf * 6 - 15) + 10);
  // A corner's gradient depends on the column only through its cell's two hashes, and columns
  // come in runs of one cell (a noise cell spans many samples at terrain frequencies), so each
  // corner's x slope and the sum of its y and z terms are looked up when the hashes change, not
  // per column. perlin3 adds (gx·x + gy·y) + gz·z; with gy·y = ±0 that equals gx·x + (gy·y +
  // gz·z) bit for bit, zero signs included (a sum of zeros is -0 only when all of them are).
  let low = -1;
  let high = -1;
  let gx00 = 0, yz00 = 0; // corner (0, 0, 0)
  let gx10 = 0, yz10 = 0; // corner (1, 0, 0)
  let gx01 = 0, yz01 = 0; // corner (0, 0, 1)
  let gx11 = 0, yz11 = 0; // corner (1, 0, 1)
  for (let i = 0; i < count; i++) {
    const hashA = hashLow[offset + i];
    const hashB = hashHigh[offset + i];
    if (hashA !== low || hashB !== high) {
      low = hashA;
      high = hashB;
      const aa = base + hashA + Z;
      const ba = base + hashB + Z;
      // The y term is ±0 (y = 0 times ±1 or 0); it stays so that zero signs are perlin3's.
      let h = perm[aa] & 15;
      gx00 = GRADIENT_X[h];
      yz00 = GRADIENT_Y[h] * 0 + GRADIENT_Z[h] * zf;
      h = perm[ba] & 15;
      gx10 = GRADIENT_X[h];
      yz10 = GRADIENT_Y[h] * 0 + GRADIENT_Z[h] * zf;
      h = perm[aa + 1] & 15;
      gx01 = GRADIENT_X[h];
      yz01 = GRADIENT_Y[h] * 0 + GRADIENT_Z[h] * z1;
      h = perm[ba + 1] & 15;
      gx11 = GRADIENT_X[h];
      yz11 = GRADIENT_Y[h] * 0 + GRADIENT_Z[h] * z1;
    }
    const x = frac[offset + i];
    const u = fade[offset + i];
    const x1 = x - 1;
    const n000 = gx00 * x + yz00;
    const n100 = gx10 * x1 + yz10;
    const n001 = gx01 * x + yz01;
    const n101 = gx11 * x1 + yz11;
    const nx00 = n000 + u * (n100 - n000);
    const value = nx00 + w * (n001 + u * (n101 - n001) - nx00);
    out[at + i] = value > 1 ? 1 : value < -1 ? -1 : value;
  }
}
