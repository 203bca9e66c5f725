/**
 * Movement: how one input command changes an avatar. Client prediction and the server run the very
 * same function on the same quantized integers, so a prediction that saw the same inputs as the
 * server is exact, and every correction the client applies comes from something only the server
 * knew (another player's push, a game rule).
 *
 * @module
 */

import { MAX_QUANTIZED, type StateLayout } from "./layout.ts";
import type { InputCommand } from "./protocol.ts";

/**
 * Applies one input command to the quantized fields of an entity at `offset` of `values`. Must be
 * deterministic: the same fields and command give the same result on client and server.
 */
export type Movement = (values: Int32Array, offset: number, command: InputCommand) => void;

/** Options of {@link walk}. */
export interface WalkOptions {
  /** Full speed in world units per second (default 5). */
  speed?: number;
  /** Simulation steps per second (default 60); one command is one step. */
  simRate?: number;
}

/**
 * Straight-line movement: each command moves the position by `move / 127 × speed / simRate` per
 * axis, rounded to the layout's precision, and clamped to the range a field can carry.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_LAYOUT, walk } from "@astraweave/net-ecs";
 * const move = walk(DEFAULT_LAYOUT, { speed: 6, simRate: 60 });
 * const state = new Int32Array([0, 0, 0, 100]);
 * move(state, 0, { moveX: 127, moveY: -127, moveZ: 0, buttons: 0 });
 * assert.deepEqual(Array.from(state), [10, -10, 0, 100]);
 * ```
 */
export function walk(layout: StateLayout, options: WalkOptions = {}): Movement {
  const speed = options.speed ?? 5;
  const simRate = options.simRate ?? 60;
  const [ix, iy, iz] = layout.position;
  // Quantized units per step at full deflection, per axis (precisions may differ).
  const sx = speed / simRate / layout.precision[ix] / 127;
  const sy = speed / simRate / layout.precision[iy] / 127;
  const sz = speed / simRate / layout.precision[iz] / 127;
  const step = (v: number, d: number) =>
    Math.max(-MAX_QUANTIZED, Math.min(MAX_QUANTIZED, v + Math.round(d)));
  return (values, offset, command) => {
    values[offset + ix] = step(values[offset + ix], command.moveX * sx);
    values[offset + iy] = step(values[offset + iy], command.moveY * sy);
    values[offset + iz] = step(values[offset + iz], command.moveZ * sz);
  };
}
