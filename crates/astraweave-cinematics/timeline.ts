/**
 * Timelines and their tracks: the Rust crate's `Timeline`, `Track` and `CameraKey` as plain
 * TypeScript values. Times are seconds (the Rust `Time(f32)` newtype is a number here).
 *
 * @module
 */

/** A point or direction `[x, y, z]` (the Rust `(f32, f32, f32)` tuple). */
export type Vec3Tuple = readonly [x: number, y: number, z: number];

/** JSON as the Rust crate's `serde_json::Value` holds it (the parameters of an FX track). */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A camera keyframe: where the camera is at time `t`, what it looks at, and its field of view. */
export interface CameraKey {
  /** Time of the keyframe, seconds from the start of the timeline. */
  readonly t: number;
  /** Camera position. */
  readonly pos: Vec3Tuple;
  /** The point the camera looks at. */
  readonly lookAt: Vec3Tuple;
  /** Vertical field of view, degrees (0 to 180, exclusive). */
  readonly fovDeg: number;
}

/** A camera track: keyframes the camera moves through (in any order; sampling sorts them). */
export interface CameraTrack {
  /** Discriminant, as the Rust variant is named. */
  readonly kind: "Camera";
  /** The keyframes. */
  readonly keyframes: readonly CameraKey[];
}

/** An animation track: starts `clip` on entity `target` at `start`. */
export interface AnimationTrack {
  /** Discriminant, as the Rust variant is named. */
  readonly kind: "Animation";
  /** Entity id (a Rust `u32`). */
  readonly target: number;
  /** Animation clip name. */
  readonly clip: string;
  /** Start time, seconds. */
  readonly start: number;
}

/** An audio track: plays `clip` at `volume` from `start`. */
export interface AudioTrack {
  /** Discriminant, as the Rust variant is named. */
  readonly kind: "Audio";
  /** Audio clip name. */
  readonly clip: string;
  /** Start time, seconds. */
  readonly start: number;
  /** Volume, 0 or more (1 is the clip's own level). */
  readonly volume: number;
}

/** An FX track: triggers the effect `name` with `params` at `start`. */
export interface FxTrack {
  /** Discriminant, as the Rust variant is named. */
  readonly kind: "Fx";
  /** Effect name. */
  readonly name: string;
  /** Start time, seconds. */
  readonly start: number;
  /** Effect parameters, any JSON. */
  readonly params: JsonValue;
}

/** One track of a timeline. */
export type Track = CameraTrack | AnimationTrack | AudioTrack | FxTrack;

/** The kinds of track, as the Rust variants are named (and as the JSON tags them). */
export const TRACK_KINDS: readonly Track["kind"][] = ["Camera", "Animation", "Audio", "Fx"];

/** A named cinematic of `duration` seconds made of tracks. */
export interface Timeline {
  /** Name of the cinematic. */
  readonly name: string;
  /** Length, seconds; every event starts within `[0, duration]`. */
  readonly duration: number;
  /** The tracks, in the order their simultaneous events are emitted. */
  readonly tracks: readonly Track[];
}

/**
 * A timeline (`Timeline::new`, or `Timeline::empty` with no arguments: name "", duration 0).
 * Nothing is checked here; {@link parseTimeline} and the {@link Sequencer} check.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { audioTrack, timeline } from "@astraweave/cinematics";
 * const tl = timeline("intro", 3, [audioTrack("boom.ogg", 2, 0.8)]);
 * assert.equal(tl.tracks.length, 1);
 * assert.equal(timeline().duration, 0);
 * ```
 */
export function timeline(name = "", duration = 0, tracks: readonly Track[] = []): Timeline {
  return { name, duration, tracks };
}

/**
 * A camera keyframe (`CameraKey::new`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cameraKey } from "@astraweave/cinematics";
 * assert.deepEqual(cameraKey(1, [0, 1, 2], [0, 0, 0], 60).lookAt, [0, 0, 0]);
 * ```
 */
export function cameraKey(t: number, pos: Vec3Tuple, lookAt: Vec3Tuple, fovDeg: number): CameraKey {
  return { t, pos, lookAt, fovDeg };
}

/**
 * A camera track (`Track::camera`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cameraKey, cameraTrack } from "@astraweave/cinematics";
 * assert.equal(cameraTrack([cameraKey(0, [0, 0, 0], [0, 0, -1], 60)]).keyframes.length, 1);
 * ```
 */
export function cameraTrack(keyframes: readonly CameraKey[]): CameraTrack {
  return { kind: "Camera", keyframes };
}

/**
 * An animation track (`Track::animation`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { animationTrack } from "@astraweave/cinematics";
 * assert.equal(animationTrack(42, "walk", 1.5).start, 1.5);
 * ```
 */
export function animationTrack(target: number, clip: string, start: number): AnimationTrack {
  return { kind: "Animation", target, clip, start };
}

/**
 * An audio track (`Track::audio`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { audioTrack } from "@astraweave/cinematics";
 * assert.equal(audioTrack("music.ogg", 0, 0.8).volume, 0.8);
 * ```
 */
export function audioTrack(clip: string, start: number, volume: number): AudioTrack {
  return { kind: "Audio", clip, start, volume };
}

/**
 * An FX track (`Track::fx`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fxTrack } from "@astraweave/cinematics";
 * assert.deepEqual(fxTrack("particles", 2, { count: 100 }).params, { count: 100 });
 * ```
 */
export function fxTrack(name: string, start: number, params: JsonValue = null): FxTrack {
  return { kind: "Fx", name, start, params };
}

/** How many tracks of each kind a timeline has, and its camera keyframes in all. */
export interface TrackCounts {
  /** Camera tracks. */
  Camera: number;
  /** Animation tracks. */
  Animation: number;
  /** Audio tracks. */
  Audio: number;
  /** FX tracks. */
  Fx: number;
  /** Camera keyframes over all camera tracks (`Timeline::total_keyframes`). */
  keyframes: number;
}

/**
 * Tracks by kind and keyframes in all (the Rust `*_track_count` and `total_keyframes`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { audioTrack, cameraKey, cameraTrack, countTracks, timeline } from "@astraweave/cinematics";
 * const key = cameraKey(0, [0, 0, 0], [0, 0, -1], 60);
 * const counts = countTracks(timeline("t", 10, [cameraTrack([key, key]), audioTrack("a", 0, 1)]));
 * assert.deepEqual(counts, { Camera: 1, Animation: 0, Audio: 1, Fx: 0, keyframes: 2 });
 * ```
 */
export function countTracks(tl: Timeline): TrackCounts {
  const counts: TrackCounts = { Camera: 0, Animation: 0, Audio: 0, Fx: 0, keyframes: 0 };
  for (const track of tl.tracks) {
    counts[track.kind]++;
    if (track.kind === "Camera") counts.keyframes += track.keyframes.length;
  }
  return counts;
}

/**
 * A time as the Rust `Time` displays it: `1.50s` from one second up, `250ms` below.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatTime } from "@astraweave/cinematics";
 * assert.equal(formatTime(1.5), "1.50s");
 * assert.equal(formatTime(0.25), "250ms");
 * ```
 */
export function formatTime(seconds: number): string {
  return seconds >= 1 ? `${seconds.toFixed(2)}s` : `${(seconds * 1000).toFixed(0)}ms`;
}
