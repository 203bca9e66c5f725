/**
 * Stick and axis deadzones. The Rust manager zeroed each stick axis on its own below the deadzone
 * and passed it through unchanged above it (a square deadzone with a jump from 0 to 0.15 at its
 * edge, which also swallows slow diagonals); these rescale, so output grows continuously from 0
 * at the deadzone's edge to 1 at full tilt, and the stick one is radial.
 *
 * @module
 */

/**
 * A 2D axis value: a stick, or the look delta.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Axis2, InputManager } from "@astraweave/input";
 * const move: Axis2 = { x: 0, y: 0 };
 * const input = new InputManager();
 * input.keyDown("KeyD");
 * assert.equal(input.moveAxis(move), move); // written in place
 * assert.deepEqual(move, { x: 1, y: 0 });
 * ```
 */
export interface Axis2 {
  /** Right is positive. */
  x: number;
  /** Forward (up) is positive for the move stick; see the manager for each axis. */
  y: number;
}

/**
 * Applies a radial deadzone with rescale to the stick `(x, y)` and writes the result to `out`:
 * zero while the stick's distance from center is at most `deadzone`, then the distance mapped
 * linearly from `(deadzone, 1]` to `(0, 1]` in the same direction; tilts past 1 (square-gated
 * pads report up to √2 in the corners) are clamped to 1. A non-finite input gives zero.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { radialDeadzone } from "@astraweave/input";
 * const out = { x: 0, y: 0 };
 * assert.deepEqual(radialDeadzone(0.15, 0, 0.15, out), { x: 0, y: 0 });
 * assert.deepEqual(radialDeadzone(1, 0, 0.15, out), { x: 1, y: 0 });
 * radialDeadzone(0.575, 0, 0.15, out); // halfway between the edge and full tilt
 * assert.ok(Math.abs(out.x - 0.5) < 1e-12);
 * ```
 */
export function radialDeadzone(x: number, y: number, deadzone: number, out: Axis2): Axis2 {
  const distance = Math.hypot(x, y);
  // `!(a > b)` is also true for NaN: a broken reading is treated as a centered stick.
  if (!(distance > deadzone) || distance === Infinity) {
    out.x = 0;
    out.y = 0;
    return out;
  }
  const scaled = Math.min(1, (distance - deadzone) / (1 - deadzone));
  // `+ 0` turns -0 (from an inverted axis at rest) into 0.
  out.x = (x / distance) * scaled + 0;
  out.y = (y / distance) * scaled + 0;
  return out;
}

/**
 * Applies a one-axis deadzone with rescale (the Rust `AxisBinding::apply`, without its faults:
 * it divided by zero for a deadzone of 1, returned NaN for NaN, and passed values past ±1 on):
 * zero while `|value| <= deadzone`, then `|value|` mapped from `(deadzone, 1]` to `(0, 1]` with
 * the sign kept, clamped to ±1, negated when `invert`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { axisDeadzone } from "@astraweave/input";
 * assert.equal(axisDeadzone(0.1, 0.15, false), 0);
 * assert.equal(axisDeadzone(-1, 0.15, false), -1);
 * assert.equal(axisDeadzone(1.2, 0.15, true), -1);
 * ```
 */
export function axisDeadzone(value: number, deadzone: number, invert: boolean): number {
  const magnitude = Math.abs(value);
  if (!(magnitude > deadzone) || magnitude === Infinity) return 0;
  const scaled = Math.min(1, (magnitude - deadzone) / (1 - deadzone));
  const signed = value < 0 ? -scaled : scaled;
  return invert ? -signed : signed;
}
