/**
 * Struct-of-arrays storage for many vectors, rotations and transforms: one `Float32Array` column
 * per component, so a batch loop reads memory in order and the JIT keeps it in registers, with no
 * object per vector. The batch functions ({@link batch}) work on these.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Vec3Soa } from "@astraweave/math";
 * const points = new Vec3Soa(2);
 * points.set(1, 1, 2, 3);
 * assert.deepEqual([points.x[1], points.y[1], points.z[1]], [1, 2, 3]);
 * assert.equal(points.length, 2);
 * ```
 *
 * @module
 */

import { MathError } from "./error.ts";

/** `length` three-component vectors as x, y, z columns. */
export class Vec3Soa {
  /** Number of vectors. */
  readonly length: number;
  /** The x components. */
  readonly x: Float32Array;
  /** The y components. */
  readonly y: Float32Array;
  /** The z components. */
  readonly z: Float32Array;

  /** `length` zero vectors. */
  constructor(length: number) {
    checkLength(length);
    this.length = length;
    this.x = column(length);
    this.y = column(length);
    this.z = column(length);
  }

  /** Sets vector `i` to (x, y, z). */
  set(i: number, x: number, y: number, z: number): void {
    this.x[i] = x;
    this.y[i] = y;
    this.z[i] = z;
  }

  /** Vector `i` copied into `out` (a `Float32Array(3)` or any array of three numbers). */
  get<T extends { [index: number]: number }>(i: number, out: T): T {
    out[0] = this.x[i];
    out[1] = this.y[i];
    out[2] = this.z[i];
    return out;
  }

  /** A copy with its own columns. */
  clone(): Vec3Soa {
    const copy = new Vec3Soa(this.length);
    copy.x.set(this.x);
    copy.y.set(this.y);
    copy.z.set(this.z);
    return copy;
  }
}

/** `length` quaternions as x, y, z, w columns (identity rotations when new). */
export class QuatSoa {
  /** Number of quaternions. */
  readonly length: number;
  /** The x components. */
  readonly x: Float32Array;
  /** The y components. */
  readonly y: Float32Array;
  /** The z components. */
  readonly z: Float32Array;
  /** The w components. */
  readonly w: Float32Array;

  /** `length` identity quaternions. */
  constructor(length: number) {
    checkLength(length);
    this.length = length;
    this.x = column(length);
    this.y = column(length);
    this.z = column(length);
    this.w = column(length).fill(1);
  }

  /** Sets quaternion `i` to (x, y, z, w). */
  set(i: number, x: number, y: number, z: number, w: number): void {
    this.x[i] = x;
    this.y[i] = y;
    this.z[i] = z;
    this.w[i] = w;
  }

  /** Quaternion `i` copied into `out`. */
  get<T extends { [index: number]: number }>(i: number, out: T): T {
    out[0] = this.x[i];
    out[1] = this.y[i];
    out[2] = this.z[i];
    out[3] = this.w[i];
    return out;
  }
}

/** `length` transforms (position, rotation, scale), each a column set; identity when new. */
export class TransformSoa {
  /** Number of transforms. */
  readonly length: number;
  /** Translations. */
  readonly position: Vec3Soa;
  /** Rotations (unit quaternions). */
  readonly rotation: QuatSoa;
  /** Scales, per axis. */
  readonly scale: Vec3Soa;

  /** `length` identity transforms. */
  constructor(length: number) {
    this.length = length;
    this.position = new Vec3Soa(length);
    this.rotation = new QuatSoa(length);
    this.scale = new Vec3Soa(length);
    this.scale.x.fill(1);
    this.scale.y.fill(1);
    this.scale.z.fill(1);
  }
}

/** A zeroed column; a length the machine cannot allocate is a MathError, not a RangeError. */
function column(length: number): Float32Array {
  try {
    return new Float32Array(length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new MathError("out_of_range", `length ${length} is more than can be allocated`);
  }
}

function checkLength(length: number): void {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new MathError("out_of_range", `length must be a non-negative integer, got ${length}`);
  }
}

/**
 * Throws unless every array has `length` elements: a batch never reads or writes past a column.
 *
 * @throws {MathError} `length_mismatch` naming both lengths.
 */
export function sameLength(length: number, ...others: { length: number }[]): void {
  for (const other of others) {
    if (other.length !== length) {
      throw new MathError(
        "length_mismatch",
        `batch lengths differ: ${length} and ${other.length}`,
      );
    }
  }
}
