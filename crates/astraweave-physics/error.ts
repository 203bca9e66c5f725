/**
 * The one error type of the crate: bad input is refused here, naming the field, before it can
 * reach Rapier (where a NaN would spread silently through the simulation, or a bad handle trap
 * inside WebAssembly).
 *
 * @module
 */

/** What was wrong. */
export type PhysicsErrorKind =
  | "not_finite"
  | "not_positive"
  | "out_of_range"
  | "unknown_id"
  | "bad_snapshot";

/**
 * A typed physics error: its kind and the field it is about (`"position.y"`, `"radius"`, `"id"`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PhysicsError } from "@astraweave/physics";
 * const error = new PhysicsError("not_finite", "position.x", "position.x must be finite, got NaN");
 * assert.equal(error.field, "position.x");
 * ```
 */
export class PhysicsError extends Error {
  /** What was wrong. */
  readonly kind: PhysicsErrorKind;
  /** The field the error is about. */
  readonly field: string;
  /** Creates an error of `kind` about `field`. */
  constructor(kind: PhysicsErrorKind, field: string, message: string) {
    super(message);
    this.name = "PhysicsError";
    this.kind = kind;
    this.field = field;
  }
}

/** A vector in world space (metres), as Rapier takes and returns them. */
export interface Vec3 {
  /** x (metres). */
  x: number;
  /** y (metres; up). */
  y: number;
  /** z (metres). */
  z: number;
}

/** A rotation as a unit quaternion. */
export interface Rotation {
  /** x. */
  x: number;
  /** y. */
  y: number;
  /** z. */
  z: number;
  /** w. */
  w: number;
}

/**
 * `value` for a message (strings quoted and cut short), never converted when it is an object: String() of `{"toString": 1}`
 * throws a TypeError, and of 10,000 nested arrays a RangeError (the stack runs out).
 */
export function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}

/**
 * Throws unless `value` is a finite number that float32 can hold: Rapier stores float32, so
 * 1e308 was accepted and became Infinity there, and the next step turned positions into NaN.
 */
export function finite(value: number, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(Math.fround(value))) {
    throw new PhysicsError(
      "not_finite",
      field,
      `${field} must be a finite number within the float32 range, got ${shown(value)}`,
    );
  }
  return value;
}

/** Throws unless `value` is a finite number above zero. */
export function positive(value: number, field: string): number {
  finite(value, field);
  if (value <= 0) {
    throw new PhysicsError("not_positive", field, `${field} must be above 0, got ${value}`);
  }
  return value;
}

/** Throws unless `value` is a finite number of at least zero. */
export function nonNegative(value: number, field: string): number {
  finite(value, field);
  if (value < 0) {
    throw new PhysicsError("out_of_range", field, `${field} must be 0 or more, got ${value}`);
  }
  return value;
}

/** Throws unless every component of `v` is finite; returns a plain copy. */
export function finiteVec3(v: Vec3 | undefined, field: string): Vec3 {
  if (v === undefined || v === null || typeof v !== "object") {
    throw new PhysicsError("not_finite", field, `${field} must be a vector {x, y, z}`);
  }
  return {
    x: finite(v.x, `${field}.x`),
    y: finite(v.y, `${field}.y`),
    z: finite(v.z, `${field}.z`),
  };
}

/** Throws unless every component of `q` is finite and it is not zero; returns it normalized. */
export function unitRotation(q: Rotation | undefined, field: string): Rotation {
  if (q === undefined) return { x: 0, y: 0, z: 0, w: 1 };
  const x = finite(q.x, `${field}.x`), y = finite(q.y, `${field}.y`);
  const z = finite(q.z, `${field}.z`), w = finite(q.w, `${field}.w`);
  const length = Math.hypot(x, y, z, w);
  if (length === 0) throw new PhysicsError("out_of_range", field, `${field} is a zero quaternion`);
  return { x: x / length, y: y / length, z: z / length, w: w / length };
}
