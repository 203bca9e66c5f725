/**
 * Camera interpolation, which the Rust crate left out (its sequencer only emits each keyframe as
 * an event): the camera's pose at any time between its keyframes.
 *
 * Between two keyframes the position and the field of view move linearly. The Rust keys hold a
 * looked-at point, not a rotation, so the view between them can follow either of two rules
 * ({@link CameraInterpolation}):
 *
 * - `"target"` (the default): the looked-at point moves linearly from one key's to the next's,
 *   and the camera looks at it. A point both keys look at stays exactly in view all the way
 *   (an orbit or a dolly around a subject, the common cinematic shot), and a subject moving in a
 *   straight line is followed. The turn is not at constant angular speed, and a turn of nearly
 *   180° between two keys swings through the camera's own position: add a key in between.
 * - `"turn"`: the view direction turns at constant angular speed (a slerp of the two unit
 *   directions, the rotation the keys imply) and the distance to the looked-at point moves
 *   linearly. Right for a pan from one place; on an orbit the subject drifts off the centre
 *   between keys (about 3.6° a quarter of the way through a 90° orbit, none at the middle).
 *
 * @module
 */

import { CinematicsError, shown } from "./errors.ts";
import type { CameraKey } from "./timeline.ts";

/** Where the camera is, what it looks at and its field of view, at one time. */
export interface CameraPose {
  /** Camera position. */
  position: [number, number, number];
  /** The point the camera looks at. */
  lookAt: [number, number, number];
  /** Vertical field of view, degrees. */
  fovDeg: number;
}

/**
 * A pose to fill (all zeros).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createPose } from "@astraweave/cinematics";
 * assert.deepEqual(createPose(), { position: [0, 0, 0], lookAt: [0, 0, 0], fovDeg: 0 });
 * ```
 */
export function createPose(): CameraPose {
  return { position: [0, 0, 0], lookAt: [0, 0, 0], fovDeg: 0 };
}

/**
 * The Rust `CameraKey::lerp`: every field, `t` and `lookAt` included, linearly from `a` (at
 * `s = 0`) to `b` (at `s = 1`). {@link CameraPath} interpolates the view direction properly.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cameraKey, lerpCameraKey } from "@astraweave/cinematics";
 * const a = cameraKey(0, [0, 0, 0], [0, 0, 0], 60);
 * const b = cameraKey(2, [10, 10, 10], [10, 10, 10], 90);
 * assert.deepEqual(lerpCameraKey(a, b, 0.5), cameraKey(1, [5, 5, 5], [5, 5, 5], 75));
 * ```
 */
export function lerpCameraKey(a: CameraKey, b: CameraKey, s: number): CameraKey {
  const mix = (x: number, y: number) => x + (y - x) * s;
  return {
    t: mix(a.t, b.t),
    pos: [mix(a.pos[0], b.pos[0]), mix(a.pos[1], b.pos[1]), mix(a.pos[2], b.pos[2])],
    lookAt: [
      mix(a.lookAt[0], b.lookAt[0]),
      mix(a.lookAt[1], b.lookAt[1]),
      mix(a.lookAt[2], b.lookAt[2]),
    ],
    fovDeg: mix(a.fovDeg, b.fovDeg),
  };
}

/** Below this angle (radians) two view directions are the same and are mixed linearly. */
const SAME_DIRECTION = 1e-6;

function copyKey(key: CameraKey, out: CameraPose): CameraPose {
  const { pos, lookAt } = key;
  out.position[0] = pos[0], out.position[1] = pos[1], out.position[2] = pos[2];
  out.lookAt[0] = lookAt[0], out.lookAt[1] = lookAt[1], out.lookAt[2] = lookAt[2];
  out.fovDeg = key.fovDeg;
  return out;
}

/** `v` turned by `angle` radians about the unit `axis` (Rodrigues' formula), into `out`. */
function rotate(
  vx: number,
  vy: number,
  vz: number,
  ax: number,
  ay: number,
  az: number,
  angle: number,
  out: [number, number, number],
): void {
  const c = Math.cos(angle), s = Math.sin(angle);
  const dot = (ax * vx + ay * vy + az * vz) * (1 - c);
  out[0] = vx * c + (ay * vz - az * vy) * s + ax * dot;
  out[1] = vy * c + (az * vx - ax * vz) * s + ay * dot;
  out[2] = vz * c + (ax * vy - ay * vx) * s + az * dot;
}

const direction: [number, number, number] = [0, 0, 0];

/** How the view moves between two camera keys; see the module's description. */
export type CameraInterpolation = "target" | "turn";

/**
 * `value` if it is a {@link CameraInterpolation}.
 *
 * @throws {CinematicsError} `invalid-argument` otherwise (JavaScript callers can pass anything).
 */
export function checkedInterpolation(value: unknown): CameraInterpolation {
  if (value !== "target" && value !== "turn") {
    throw new CinematicsError(
      "invalid-argument",
      `camera interpolation must be "target" or "turn", got ${shown(value)}`,
    );
  }
  return value;
}

/** The pose between keys `a` and `b` at fraction `s` in (0, 1), into `out`. */
function between(
  a: CameraKey,
  b: CameraKey,
  s: number,
  interpolation: CameraInterpolation,
  out: CameraPose,
): CameraPose {
  const p = out.position;
  for (let i = 0; i < 3; i++) p[i] = a.pos[i] + (b.pos[i] - a.pos[i]) * s;
  out.fovDeg = a.fovDeg + (b.fovDeg - a.fovDeg) * s;
  if (interpolation === "target") {
    for (let i = 0; i < 3; i++) out.lookAt[i] = a.lookAt[i] + (b.lookAt[i] - a.lookAt[i]) * s;
    return out;
  }
  const ax = a.lookAt[0] - a.pos[0], ay = a.lookAt[1] - a.pos[1], az = a.lookAt[2] - a.pos[2];
  const bx = b.lookAt[0] - b.pos[0], by = b.lookAt[1] - b.pos[1], bz = b.lookAt[2] - b.pos[2];
  // sqrt of the sum, not Math.hypot: hypot's overflow care costs several times more per call.
  const la = Math.sqrt(ax * ax + ay * ay + az * az), lb = Math.sqrt(bx * bx + by * by + bz * bz);
  if (la === 0 || lb === 0) {
    // A key that looks at its own position has no direction to turn: move the point instead.
    for (let i = 0; i < 3; i++) out.lookAt[i] = a.lookAt[i] + (b.lookAt[i] - a.lookAt[i]) * s;
    return out;
  }
  const ux = ax / la, uy = ay / la, uz = az / la;
  const vx = bx / lb, vy = by / lb, vz = bz / lb;
  const angle = Math.acos(Math.min(1, Math.max(-1, ux * vx + uy * vy + uz * vz)));
  if (angle < SAME_DIRECTION) {
    direction[0] = ux + (vx - ux) * s, direction[1] = uy + (vy - uy) * s;
    direction[2] = uz + (vz - uz) * s;
  } else if (Math.PI - angle < SAME_DIRECTION) {
    // Opposite directions: every axis at right angles is a shortest turn. Turn about the world's
    // up (0, 1, 0), as a camera pans, unless the view is vertical; then about x (a tilt).
    const across = Math.sqrt(uz * uz + ux * ux);
    if (across > 1e-9) rotate(ux, uy, uz, 0, 1, 0, angle * s, direction);
    else rotate(ux, uy, uz, 1, 0, 0, angle * s, direction);
  } else {
    // The slerp weights without their common divisor sin(angle): the direction is normalized
    // below anyway.
    const wa = Math.sin((1 - s) * angle), wb = Math.sin(s * angle);
    direction[0] = ux * wa + vx * wb, direction[1] = uy * wa + vy * wb;
    direction[2] = uz * wa + vz * wb;
  }
  const norm = Math.sqrt(
    direction[0] * direction[0] + direction[1] * direction[1] + direction[2] * direction[2],
  );
  const distance = (la + (lb - la) * s) / norm;
  for (let i = 0; i < 3; i++) out.lookAt[i] = p[i] + direction[i] * distance;
  return out;
}

/**
 * A camera track's keyframes, sorted by time once, sampled at any time, the view interpolated
 * by the rule {@link CameraInterpolation} names (`"target"` unless told).
 *
 * - Before the first keyframe the pose is the first key's; after the last, the last key's.
 * - At a keyframe's time the pose is exactly that key's.
 * - Two keys at the same time make a cut: the pose is the earlier one's just before that time
 *   and the later one's from it on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CameraPath, cameraKey } from "@astraweave/cinematics";
 * const keys = [
 *   cameraKey(0, [0, 0, 0], [1, 0, 0], 60),
 *   cameraKey(2, [4, 0, 0], [4, 0, -1], 90), // turned 90° to the right, moved 4 along x
 * ];
 * // "target": the looked-at point moves in a straight line
 * assert.deepEqual(new CameraPath(keys).sample(1).lookAt, [2.5, 0, -0.5]);
 * // "turn": the view turns at constant speed
 * const pose = new CameraPath(keys, "turn").sample(1);
 * assert.deepEqual(pose.position, [2, 0, 0]);
 * assert.equal(pose.fovDeg, 75);
 * // halfway through the turn: 45° between +x and -z, still 1 unit away
 * assert.ok(Math.abs(pose.lookAt[0] - (2 + Math.SQRT1_2)) < 1e-12);
 * assert.ok(Math.abs(pose.lookAt[2] + Math.SQRT1_2) < 1e-12);
 * ```
 */
export class CameraPath {
  readonly #keys: readonly CameraKey[];
  /** The keys' times, in one typed array for the search. */
  readonly #times: Float64Array;
  /**
   * The answer of the last search: playback samples times in order, so the next answer is
   * usually the same index or the one after it.
   */
  #hint = 0;
  /** How the view moves between keys. */
  readonly interpolation: CameraInterpolation;

  /**
   * Sorts `keyframes` by time (keys at the same time keep their order).
   *
   * @throws {CinematicsError} `invalid-argument` when there are no keyframes or
   * `interpolation` is neither "target" nor "turn".
   */
  constructor(keyframes: readonly CameraKey[], interpolation: CameraInterpolation = "target") {
    if (keyframes.length === 0) {
      throw new CinematicsError("invalid-argument", "a camera path needs at least one keyframe");
    }
    this.#keys = Object.freeze([...keyframes].sort((a, b) => a.t - b.t));
    this.#times = new Float64Array(this.#keys.length);
    for (let i = 0; i < this.#keys.length; i++) this.#times[i] = this.#keys[i].t;
    this.interpolation = checkedInterpolation(interpolation);
  }

  /** The keyframes in time order. */
  get keyframes(): readonly CameraKey[] {
    return this.#keys;
  }

  /**
   * The pose at `time` seconds, written into `out` (a new pose when not given) and returned.
   * Allocates nothing when `out` is given.
   *
   * @throws {CinematicsError} `invalid-argument` when `time` is not a finite number.
   */
  sample(time: number, out: CameraPose = createPose()): CameraPose {
    if (!Number.isFinite(time)) {
      throw new CinematicsError("invalid-argument", `sample time must be finite, got ${time}`);
    }
    const keys = this.#keys;
    const lo = this.#after(time);
    if (lo === 0) return copyKey(keys[0], out);
    const a = keys[lo - 1];
    if (lo === keys.length || a.t === time) return copyKey(a, out);
    const b = keys[lo];
    return between(a, b, (time - a.t) / (b.t - a.t), this.interpolation, out);
  }

  /** The number of keys at or before `time` (the index of the first key after it). */
  #after(time: number): number {
    const times = this.#times, n = times.length;
    const fits = (i: number) => (i === 0 || times[i - 1] <= time) && (i === n || times[i] > time);
    let i = this.#hint;
    if (!fits(i)) {
      if (i < n && fits(i + 1)) i++;
      else {
        let lo = 0, hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (times[mid] <= time) lo = mid + 1;
          else hi = mid;
        }
        i = lo;
      }
    }
    this.#hint = i;
    return i;
  }
}
