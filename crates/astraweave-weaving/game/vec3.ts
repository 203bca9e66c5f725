/**
 * {@link Vec3}: a position in the game world.
 *
 * @module
 */

/** A position or offset in world units. */
export interface Vec3 {
  /** East-west. */
  readonly x: number;
  /** Up-down. */
  readonly y: number;
  /** North-south. */
  readonly z: number;
}

/**
 * Squared distance between two points (no square root: callers compare with a squared radius).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { distanceSquared } from "@astraweave/weaving";
 * assert.equal(distanceSquared({ x: 0, y: 0, z: 0 }, { x: 3, y: 4, z: 0 }), 25);
 * ```
 */
export function distanceSquared(a: Vec3, b: Vec3): number {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  const dz = a.z - b.z;
  return dx * dx + dy * dy + dz * dz;
}
