/**
 * The length of a 3-vector, for the crate's inner loops.
 *
 * @module
 */

/**
 * `√(x² + y² + z²)`. Not `Math.hypot`: V8 does not inline that variadic builtin (it made frustum
 * extraction about four times slower here), and its overflow guard is not needed for values that
 * come from `f32`s, whose squares stay far inside the `f64` range.
 */
export function length3(x: number, y: number, z: number): number {
  return Math.sqrt(x * x + y * y + z * z);
}
