/**
 * Spatial audio as the Web Audio API's PannerNode defines it (equal-power panning model): the
 * azimuth of a source seen from a listener pose, the distance gain of the `inverse`, `linear` and
 * `exponential` models, and the equal-power gains for mono and stereo input. The cone is not
 * modelled (the spec's default cone, 360 degrees, has gain 1), nor is elevation, which the
 * equal-power model ignores.
 *
 * Formulas: https://webaudio.github.io/web-audio-api/#Spatialization (azimuth and elevation,
 * distance effects, equal-power panning).
 *
 * @module
 */

import { AudioError, finite, nonNegative } from "./errors.ts";

/** A point or direction in 3D. */
export type Vec3 = readonly [number, number, number];

/** Where the listener is and where it faces. */
export interface ListenerPose {
  /** Where the listener is. */
  position: Vec3;
  /** Direction the listener faces; need not be unit length, must not be zero. */
  forward: Vec3;
  /** Up direction; must not be zero or parallel to `forward`. */
  up: Vec3;
}

/** The listener at the origin facing -z with +y up, as in the Rust engine and Web Audio. */
export const DEFAULT_LISTENER: ListenerPose = {
  position: [0, 0, 0],
  forward: [0, 0, -1],
  up: [0, 1, 0],
};

/** PannerNode's distance models. */
export type DistanceModel = "inverse" | "linear" | "exponential";

/** Distance attenuation parameters, with PannerNode's names and defaults. */
export interface DistanceOptions {
  /** Default `"inverse"`. */
  distanceModel?: DistanceModel;
  /** Distance at which the gain is 1 (default 1). */
  refDistance?: number;
  /** Distance beyond which the `linear` model stops attenuating (default 10000). */
  maxDistance?: number;
  /** How fast the gain falls with distance (default 1). */
  rolloffFactor?: number;
}

/** Distance parameters with every field present and checked. */
export interface DistanceParameters {
  /** The PannerNode distance model. */
  distanceModel: DistanceModel;
  /** Distance at which the gain is 1. */
  refDistance: number;
  /** Distance beyond which the `linear` model stops attenuating. */
  maxDistance: number;
  /** How fast the gain falls with distance (at most 1 for `linear`). */
  rolloffFactor: number;
}

/** PannerNode's defaults. */
export const DEFAULT_DISTANCE: DistanceParameters = {
  distanceModel: "inverse",
  refDistance: 1,
  maxDistance: 10_000,
  rolloffFactor: 1,
};

/** Checks distance options the way PannerNode does and fills in the defaults. */
export function distanceParameters(
  options: DistanceOptions = {},
): DistanceParameters {
  const p = { ...DEFAULT_DISTANCE, ...options };
  if (!["inverse", "linear", "exponential"].includes(p.distanceModel)) {
    throw new AudioError(
      "invalid-argument",
      `unknown distanceModel "${p.distanceModel}"`,
    );
  }
  nonNegative("refDistance", p.refDistance);
  nonNegative("rolloffFactor", p.rolloffFactor);
  finite("maxDistance", p.maxDistance);
  if (p.maxDistance <= 0) {
    throw new AudioError(
      "invalid-argument",
      `maxDistance must be above zero, got ${p.maxDistance}`,
    );
  }
  if (p.distanceModel === "linear" && p.rolloffFactor > 1) p.rolloffFactor = 1; // spec clamps it
  return p;
}

/**
 * The distance gain of PannerNode for a source `distance` away.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_DISTANCE, distanceGain } from "@astraweave/audio";
 * // inverse: ref / (ref + rolloff * (d - ref)); at twice refDistance with rolloff 1: 1/2
 * assert.equal(distanceGain(2, DEFAULT_DISTANCE), 0.5);
 * ```
 */
export function distanceGain(distance: number, p: DistanceParameters): number {
  const { refDistance: ref, rolloffFactor: rolloff } = p;
  switch (p.distanceModel) {
    case "linear": {
      const max = p.maxDistance;
      const d = Math.min(
        Math.max(distance, Math.min(ref, max)),
        Math.max(ref, max),
      );
      if (ref === max) return 1 - rolloff;
      return 1 - rolloff * (d - ref) / (max - ref);
    }
    case "exponential": {
      const d = Math.max(distance, ref);
      return ref === 0 ? 0 : Math.pow(d / ref, -rolloff);
    }
    default: {
      const d = Math.max(distance, ref);
      return ref === 0 && d === 0 ? 1 : ref / (ref + rolloff * (d - ref));
    }
  }
}

/** Checks that every component of `v` is finite. */
export function checkVec3(name: string, v: Vec3): Vec3 {
  if (!Array.isArray(v) || v.length !== 3) {
    throw new AudioError("invalid-argument", `${name} must be [x, y, z]`);
  }
  for (let i = 0; i < 3; i++) {
    // The name is only built for the error: a pose is checked on every listener move.
    if (!Number.isFinite(v[i])) finite(`${name}[${i}]`, v[i]);
  }
  return v;
}

/** Checks a listener pose: finite numbers, non-zero forward and up, not parallel. */
export function checkPose(pose: ListenerPose): ListenerPose {
  checkVec3("listener position", pose.position);
  checkVec3("listener forward", pose.forward);
  checkVec3("listener up", pose.up);
  const f = pose.forward, u = pose.up;
  const fx = f[0], fy = f[1], fz = f[2], ux = u[0], uy = u[1], uz = u[2];
  const cx = fy * uz - fz * uy, cy = fz * ux - fx * uz, cz = fx * uy - fy * ux;
  if (cx * cx + cy * cy + cz * cz === 0) {
    throw new AudioError(
      "invalid-argument",
      "listener forward and up must be non-zero and not parallel",
    );
  }
  return pose;
}

/**
 * The azimuth in degrees (0 ahead, +90 to the right, -90 to the left, +/-180 behind) of a source at
 * `source` seen from `pose`, by the spec's algorithm. A source at the listener's position has
 * azimuth 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { azimuth, DEFAULT_LISTENER } from "@astraweave/audio";
 * assert.equal(Math.round(azimuth(DEFAULT_LISTENER, [5, 0, 0])), 90); // +x is right
 * assert.equal(Math.round(azimuth(DEFAULT_LISTENER, [0, 0, -3])), 0); // -z is ahead
 * ```
 */
export function azimuth(pose: ListenerPose, source: Vec3): number {
  const frame = new ListenerFrame();
  frame.set(pose);
  return frame.azimuth(source[0], source[1], source[2]);
}

/**
 * A listener pose as the azimuth needs it: the position, the unit forward and right vectors and
 * the up vector orthogonal to both. Computed once per pose ({@link ListenerFrame.set}) rather
 * than once per source, with the same operations as the spec's algorithm in the same order.
 */
export class ListenerFrame {
  px = 0;
  py = 0;
  pz = 0;
  fx = 0;
  fy = 0;
  fz = -1;
  rx = 1;
  ry = 0;
  rz = 0;
  upx = 0;
  upy = 1;
  upz = 0;

  /** Takes the frame of `pose` (a checked one: see {@link checkPose}). */
  set(pose: ListenerPose): void {
    // Indexed reads, not destructuring: V8 walks an iterator for `const [a, b] = array` here.
    const p = pose.position, f = pose.forward, u = pose.up;
    this.px = p[0], this.py = p[1], this.pz = p[2];
    let fx = f[0], fy = f[1], fz = f[2];
    const ux = u[0], uy = u[1], uz = u[2];
    const fLen = length3(fx, fy, fz);
    fx /= fLen, fy /= fLen, fz /= fLen;
    // listenerRight = forward x up, normalized
    let rx = fy * uz - fz * uy, ry = fz * ux - fx * uz, rz = fx * uy - fy * ux;
    const rLen = length3(rx, ry, rz);
    rx /= rLen, ry /= rLen, rz /= rLen;
    this.fx = fx, this.fy = fy, this.fz = fz;
    this.rx = rx, this.ry = ry, this.rz = rz;
    // up' = right x forward (orthogonal to both)
    this.upx = ry * fz - rz * fy, this.upy = rz * fx - rx * fz, this.upz = rx * fy - ry * fx;
  }

  /** Distance from the listener to the point (`x`, `y`, `z`). */
  distance(x: number, y: number, z: number): number {
    return length3(x - this.px, y - this.py, z - this.pz);
  }

  /** {@link azimuth} of the point (`x`, `y`, `z`) seen from this frame. */
  azimuth(x: number, y: number, z: number): number {
    let sx = x - this.px, sy = y - this.py, sz = z - this.pz;
    const sLen = length3(sx, sy, sz);
    if (sLen === 0) return 0;
    sx /= sLen, sy /= sLen, sz /= sLen;
    const upx = this.upx, upy = this.upy, upz = this.upz;
    const upProjection = sx * upx + sy * upy + sz * upz;
    let qx = sx - upProjection * upx,
      qy = sy - upProjection * upy,
      qz = sz - upProjection * upz;
    const qLen = length3(qx, qy, qz);
    if (qLen === 0) return 0; // straight above or below: the spec's normalize of zero gives 0
    qx /= qLen, qy /= qLen, qz /= qLen;
    const cosRight = Math.max(-1, Math.min(1, qx * this.rx + qy * this.ry + qz * this.rz));
    let az = 180 * Math.acos(cosRight) / Math.PI;
    if (qx * this.fx + qy * this.fy + qz * this.fz < 0) az = 360 - az;
    return az >= 0 && az <= 270 ? 90 - az : 450 - az;
  }
}

/**
 * `√(x² + y² + z²)`, with `Math.hypot` only where the squares leave the f64 range (beyond about
 * 1e154 or below 1e-145): V8 does not inline that variadic builtin, and it cost about 85 ns a call,
 * five per emitter each time the listener moves.
 */
function length3(x: number, y: number, z: number): number {
  const squared = x * x + y * y + z * z;
  return squared > 1e-290 && squared < Infinity ? Math.sqrt(squared) : Math.hypot(x, y, z);
}

/** Distance from the listener to `source`. */
export function distanceTo(pose: ListenerPose, source: Vec3): number {
  const p = pose.position;
  return length3(source[0] - p[0], source[1] - p[1], source[2] - p[2]);
}

/**
 * Equal-power gains for a mono input at azimuth `az` (degrees): `[left, right]`. Ahead gives
 * `[cos(pi/4), sin(pi/4)]`, 0.7071 on both sides.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { equalPowerMono } from "@astraweave/audio";
 * const [left, right] = equalPowerMono(0);
 * assert.ok(Math.abs(left - Math.SQRT1_2) < 1e-12 && Math.abs(right - Math.SQRT1_2) < 1e-12);
 * ```
 */
export function equalPowerMono(az: number): [number, number] {
  const x = monoPanPosition(az);
  return [Math.cos(x * Math.PI / 2), Math.sin(x * Math.PI / 2)];
}

/**
 * Where a mono input at azimuth `az` (degrees) sits between left (0) and right (1): the left and
 * right gains are `cos` and `sin` of `x * Math.PI / 2`.
 */
export function monoPanPosition(az: number): number {
  return (foldAzimuth(az) + 90) / 180;
}

/**
 * The 2x2 mix of a stereo input at azimuth `az` (degrees), by the spec's equal-power stereo rule:
 * `[ll, rl, lr, rr]` with `outL = ll*inL + rl*inR` and `outR = lr*inL + rr*inR`.
 */
export function equalPowerStereo(az: number): [number, number, number, number] {
  const a = foldAzimuth(az);
  const x = a <= 0 ? (a + 90) / 90 : a / 90;
  const gL = Math.cos(x * Math.PI / 2), gR = Math.sin(x * Math.PI / 2);
  return a <= 0 ? [1, gL, 0, gR] : [gL, 0, gR, 1];
}

/** The spec folds sources behind the listener onto the front half: -180..180 to -90..90. */
function foldAzimuth(az: number): number {
  const a = Math.max(-180, Math.min(180, az));
  if (a < -90) return -180 - a;
  if (a > 90) return 180 - a;
  return a;
}
