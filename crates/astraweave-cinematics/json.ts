/**
 * Timelines to and from JSON in the Rust crate's serde shape, so a timeline written by the Rust
 * engine (`serde_json::to_string(&timeline)`) loads here and one written here loads there:
 *
 * ```json
 * {"name": "intro", "duration": 3.0, "tracks": [
 *   {"Camera": {"keyframes": [{"t": 0.0, "pos": [0, 1, 2], "look_at": [0, 0, 0], "fov_deg": 60.0}]}},
 *   {"Animation": {"target": 7, "clip": "wave", "start": 0.5}},
 *   {"Audio": {"clip": "boom.ogg", "start": 2.0, "volume": 0.8}},
 *   {"Fx": {"name": "flash", "start": 2.0, "params": {"duration": 0.1}}}]}
 * ```
 *
 * (serde's defaults: `Time(f32)` is a bare number, tuples are arrays, enums are externally
 * tagged.) Reading checks every field and names the first bad one in a {@link CinematicsError};
 * unknown fields are refused rather than ignored, so a misspelt field is an error, not a default.
 *
 * @module
 */

import { CinematicsError, shown } from "./errors.ts";
import {
  type CameraKey,
  type JsonValue,
  type Timeline,
  type Track,
  TRACK_KINDS,
  type Vec3Tuple,
} from "./timeline.ts";

/** Bounds on what {@link parseTimeline} and {@link timelineFromJson} accept. */
export const LIMITS: {
  /** Longest JSON text, in characters (16 Mi). */
  readonly textLength: number;
  /** Most tracks in one timeline. */
  readonly tracks: number;
  /** Most camera keyframes over all camera tracks. */
  readonly keyframes: number;
  /** Longest name or clip, in characters. */
  readonly stringLength: number;
  /** Deepest nesting of an FX track's `params` (arrays and objects). */
  readonly paramsDepth: number;
  /** Most values in all FX tracks' `params` together. */
  readonly paramsValues: number;
} = Object.freeze({
  textLength: 16 * 1024 * 1024,
  tracks: 100_000,
  keyframes: 1_000_000,
  stringLength: 4096,
  paramsDepth: 32,
  paramsValues: 1_000_000,
});

const invalid = (path: string, message: string) =>
  new CinematicsError("invalid-timeline", message, path);

type JsonObject = Record<string, unknown>;

/** `value` as an object with exactly the fields `fields` (all required), or an error at `path`. */
function record(value: unknown, path: string, fields: readonly string[]): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(path, `must be an object, got ${shown(value)}`);
  }
  const object = value as JsonObject;
  for (const key of Object.keys(object)) {
    if (!fields.includes(key)) {
      throw invalid(path, `unknown field ${shown(key)}; expected ${fields.join(", ")}`);
    }
  }
  for (const field of fields) {
    if (!Object.hasOwn(object, field)) throw invalid(path, `missing field "${field}"`);
  }
  return object;
}

function text(value: unknown, path: string): string {
  if (typeof value !== "string") throw invalid(path, `must be a string, got ${shown(value)}`);
  if (value.length > LIMITS.stringLength) {
    throw invalid(path, `is ${value.length} characters long; the limit is ${LIMITS.stringLength}`);
  }
  return wellFormed(value, path);
}

/**
 * `value` unless it holds a lone surrogate: JavaScript strings may, but serde_json refuses the
 * `\ud800` escape that JSON.stringify writes for one, so the Rust crate could not read it back.
 */
function wellFormed(value: string, path: string): string {
  if (!value.isWellFormed()) {
    throw invalid(path, "is not valid Unicode (it holds a lone surrogate)");
  }
  return value;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalid(path, `must be a finite number, got ${shown(value)}`);
  }
  return value;
}

/** A start time: finite, 0 or more, and not past the timeline's end. */
function startTime(value: unknown, path: string, duration: number): number {
  const seconds = finite(value, path);
  if (seconds < 0) throw invalid(path, `must be 0 seconds or more, got ${seconds}`);
  if (seconds > duration) {
    throw invalid(path, `starts at ${seconds} s, past the timeline's duration of ${duration} s`);
  }
  return seconds;
}

function vec3(value: unknown, path: string): Vec3Tuple {
  if (!Array.isArray(value) || value.length !== 3) {
    throw invalid(path, `must be an array of 3 numbers [x, y, z], got ${shown(value)}`);
  }
  return [
    finite(value[0], `${path}[0]`),
    finite(value[1], `${path}[1]`),
    finite(value[2], `${path}[2]`),
  ];
}

/** Counts what a whole timeline has used of the limits that span tracks. */
interface Budget {
  keyframes: number;
  paramsValues: number;
}

/**
 * `key` as a path segment: `.key` for a plain name, else `["key"]` quoted (a key may hold dots,
 * newlines or megabytes), cut to 40 characters so a message stays one short line.
 */
function keyPath(key: string): string {
  if (/^[A-Za-z_$][\w$]{0,39}$/.test(key)) return `.${key}`;
  return `[${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;
}

/**
 * A deep, frozen copy of the JSON value `value`, within the depth and size limits. Objects are
 * built with `Object.fromEntries`, so a `"__proto__"` key stays an ordinary own key.
 */
function jsonCopy(value: unknown, path: string, depth: number, budget: Budget): JsonValue {
  if (++budget.paramsValues > LIMITS.paramsValues) {
    throw invalid(path, `FX params hold more than ${LIMITS.paramsValues} values in all`);
  }
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "string") return wellFormed(value, path);
  if (typeof value === "number") return finite(value, path);
  if (typeof value !== "object") throw invalid(path, `is not JSON: ${typeof value}`);
  if (depth >= LIMITS.paramsDepth) {
    throw invalid(path, `is nested deeper than ${LIMITS.paramsDepth} levels`);
  }
  if (Array.isArray(value)) {
    const items = new Array<JsonValue>(value.length);
    for (let i = 0; i < value.length; i++) {
      items[i] = jsonCopy(value[i], `${path}[${i}]`, depth + 1, budget);
    }
    return Object.freeze(items);
  }
  const entries = Object.entries(value).map(([key, item]) => {
    const at = `${path}${keyPath(key)}`;
    return [wellFormed(key, at), jsonCopy(item, at, depth + 1, budget)] as const;
  });
  return Object.freeze(Object.fromEntries(entries));
}

const CAMERA_KEY_FIELDS = ["t", "pos", "look_at", "fov_deg"] as const;

function cameraKeyFromJson(value: unknown, path: string, duration: number): CameraKey {
  const key = record(value, path, CAMERA_KEY_FIELDS);
  const fovDeg = finite(key.fov_deg, `${path}.fov_deg`);
  if (!(fovDeg > 0 && fovDeg < 180)) {
    throw invalid(
      `${path}.fov_deg`,
      `must be between 0 and 180 degrees (exclusive), got ${fovDeg}`,
    );
  }
  return Object.freeze({
    t: startTime(key.t, `${path}.t`, duration),
    pos: Object.freeze(vec3(key.pos, `${path}.pos`)),
    lookAt: Object.freeze(vec3(key.look_at, `${path}.look_at`)),
    fovDeg,
  });
}

function trackFromJson(value: unknown, path: string, duration: number, budget: Budget): Track {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalid(path, `must be an object with one key, the track kind, got ${shown(value)}`);
  }
  const keys = Object.keys(value);
  if (keys.length !== 1) {
    throw invalid(path, `must have exactly one key, the track kind, got ${keys.length}`);
  }
  const kind = keys[0];
  const body = (value as JsonObject)[kind];
  const at = `${path}.${kind}`;
  switch (kind) {
    case "Camera": {
      const { keyframes } = record(body, at, ["keyframes"]);
      if (!Array.isArray(keyframes)) {
        throw invalid(`${at}.keyframes`, `must be an array, got ${shown(keyframes)}`);
      }
      budget.keyframes += keyframes.length;
      if (budget.keyframes > LIMITS.keyframes) {
        throw invalid(`${at}.keyframes`, `more than ${LIMITS.keyframes} keyframes in all`);
      }
      // Index loops, not map: map skips the holes of a sparse array, which would pass unchecked.
      const keys = new Array<CameraKey>(keyframes.length);
      for (let i = 0; i < keys.length; i++) {
        keys[i] = cameraKeyFromJson(keyframes[i], `${at}.keyframes[${i}]`, duration);
      }
      return Object.freeze({ kind, keyframes: Object.freeze(keys) });
    }
    case "Animation": {
      const fields = record(body, at, ["target", "clip", "start"]);
      const target = fields.target;
      if (
        typeof target !== "number" || !Number.isInteger(target) || target < 0 ||
        target > 0xffff_ffff
      ) {
        throw invalid(
          `${at}.target`,
          `must be an integer from 0 to 4294967295, got ${shown(target)}`,
        );
      }
      return Object.freeze({
        kind,
        target,
        clip: text(fields.clip, `${at}.clip`),
        start: startTime(fields.start, `${at}.start`, duration),
      });
    }
    case "Audio": {
      const fields = record(body, at, ["clip", "start", "volume"]);
      const volume = finite(fields.volume, `${at}.volume`);
      if (volume < 0) throw invalid(`${at}.volume`, `must be 0 or more, got ${volume}`);
      return Object.freeze({
        kind,
        clip: text(fields.clip, `${at}.clip`),
        start: startTime(fields.start, `${at}.start`, duration),
        volume,
      });
    }
    case "Fx": {
      const fields = record(body, at, ["name", "start", "params"]);
      return Object.freeze({
        kind,
        name: text(fields.name, `${at}.name`),
        start: startTime(fields.start, `${at}.start`, duration),
        params: jsonCopy(fields.params, `${at}.params`, 0, budget),
      });
    }
    default:
      throw invalid(path, `unknown track kind ${shown(kind)}; expected ${TRACK_KINDS.join(", ")}`);
  }
}

/**
 * A timeline from its JSON value (already parsed), every field checked: finite times of 0 or
 * more, no event past `duration`, whole `u32` targets, FOV in (0, 180), volume of 0 or more,
 * strings, depth and sizes within {@link LIMITS}, no unknown fields or track kinds. The
 * timeline returned is a frozen copy (its types are readonly): make a new one to change it.
 *
 * @throws {CinematicsError} `invalid-timeline`, with `path` naming the first bad field.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { timelineFromJson } from "@astraweave/cinematics";
 * const tl = timelineFromJson({
 *   name: "boom",
 *   duration: 3,
 *   tracks: [{ Audio: { clip: "boom.ogg", start: 2, volume: 0.8 } }],
 * });
 * assert.deepEqual(tl.tracks[0], { kind: "Audio", clip: "boom.ogg", start: 2, volume: 0.8 });
 * assert.throws(
 *   () => timelineFromJson({ name: "x", duration: 1, tracks: [{ Laser: {} }] }),
 *   /tracks\[0\]: unknown track kind "Laser"/,
 * );
 * ```
 */
export function timelineFromJson(value: unknown): Timeline {
  const fields = record(value, "", ["name", "duration", "tracks"]);
  const name = text(fields.name, "name");
  const duration = finite(fields.duration, "duration");
  if (duration < 0) throw invalid("duration", `must be 0 seconds or more, got ${duration}`);
  const tracks = fields.tracks;
  if (!Array.isArray(tracks)) throw invalid("tracks", `must be an array, got ${shown(tracks)}`);
  if (tracks.length > LIMITS.tracks) {
    throw invalid("tracks", `has ${tracks.length} tracks; the limit is ${LIMITS.tracks}`);
  }
  const budget: Budget = { keyframes: 0, paramsValues: 0 };
  const checked = new Array<Track>(tracks.length);
  for (let i = 0; i < checked.length; i++) {
    checked[i] = trackFromJson(tracks[i], `tracks[${i}]`, duration, budget);
  }
  const tl = Object.freeze({ name, duration, tracks: Object.freeze(checked) });
  CHECKED.add(tl);
  return tl;
}

/** The timelines {@link timelineFromJson} made: checked, and frozen all the way down. */
const CHECKED = new WeakSet<Timeline>();

/**
 * `tl` itself when {@link timelineFromJson} made it (nothing in it can have changed since), else
 * a checked copy.
 *
 * @throws {CinematicsError} as {@link timelineFromJson} does.
 */
export function checkedTimeline(tl: Timeline): Timeline {
  return CHECKED.has(tl) ? tl : timelineFromJson(timelineToJson(tl));
}

/**
 * A timeline from JSON text (a file the Rust crate or {@link stringifyTimeline} wrote).
 *
 * @throws {CinematicsError} `invalid-timeline`: text longer than {@link LIMITS}, not JSON, or
 * any problem {@link timelineFromJson} finds.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTimeline } from "@astraweave/cinematics";
 * const tl = parseTimeline('{"name":"demo","duration":3.0,"tracks":[]}');
 * assert.equal(tl.duration, 3);
 * assert.throws(() => parseTimeline("{"), /not JSON/);
 * ```
 */
export function parseTimeline(json: string): Timeline {
  if (typeof json !== "string") throw invalid("", `must be JSON text, got ${shown(json)}`);
  if (json.length > LIMITS.textLength) {
    throw invalid("", `the text is ${json.length} characters; the limit is ${LIMITS.textLength}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw invalid("", `not JSON: ${(error as Error).message}`);
  }
  return timelineFromJson(value);
}

/**
 * A camera key in the Rust serde shape.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cameraKey, cameraKeyToJson } from "@astraweave/cinematics";
 * assert.deepEqual(cameraKeyToJson(cameraKey(1, [0, 1, 2], [0, 0, 0], 60)), {
 *   t: 1,
 *   pos: [0, 1, 2],
 *   look_at: [0, 0, 0],
 *   fov_deg: 60,
 * });
 * ```
 */
export function cameraKeyToJson(key: CameraKey): Record<string, unknown> {
  return { t: key.t, pos: key.pos, look_at: key.lookAt, fov_deg: key.fovDeg };
}

function trackToJson(track: Track): unknown {
  // Not a track at all (JavaScript can pass anything): passed on for timelineFromJson to name.
  if (typeof track !== "object" || track === null) return track;
  switch (track.kind) {
    case "Camera":
      return {
        Camera: {
          keyframes: Array.isArray(track.keyframes)
            ? track.keyframes.map((key) =>
              typeof key === "object" && key !== null ? cameraKeyToJson(key) : key
            )
            : track.keyframes,
        },
      };
    case "Animation":
      return { Animation: { target: track.target, clip: track.clip, start: track.start } };
    case "Audio":
      return { Audio: { clip: track.clip, start: track.start, volume: track.volume } };
    case "Fx":
      return { Fx: { name: track.name, start: track.start, params: track.params } };
    default: {
      // A track built by JavaScript with a kind TypeScript cannot name: passed on as it is,
      // for timelineFromJson to refuse by name.
      const unknown = track as { kind?: unknown };
      return { [String(unknown?.kind)]: unknown };
    }
  }
}

/**
 * A timeline as the JSON value the Rust crate's serde writes (snake_case fields, tracks tagged
 * by kind), ready for `JSON.stringify`. Nothing is checked but that `tl` is an object:
 * whatever is wrong in it is passed on, for {@link timelineFromJson} to name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { animationTrack, timeline, timelineToJson } from "@astraweave/cinematics";
 * assert.deepEqual(timelineToJson(timeline("t", 2, [animationTrack(1, "run", 0.5)])), {
 *   name: "t",
 *   duration: 2,
 *   tracks: [{ Animation: { target: 1, clip: "run", start: 0.5 } }],
 * });
 * ```
 */
export function timelineToJson(tl: Timeline): Record<string, unknown> {
  if (typeof tl !== "object" || tl === null) {
    throw invalid("", `a timeline must be an object, got ${shown(tl)}`);
  }
  const tracks = Array.isArray(tl.tracks) ? tl.tracks.map(trackToJson) : tl.tracks;
  return { name: tl.name, duration: tl.duration, tracks };
}

/**
 * A timeline as JSON text in the Rust serde shape; `pretty` indents by two spaces as
 * `serde_json::to_string_pretty` does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTimeline, stringifyTimeline, timeline } from "@astraweave/cinematics";
 * const tl = timeline("empty", 10);
 * assert.equal(stringifyTimeline(tl), '{"name":"empty","duration":10,"tracks":[]}');
 * assert.deepEqual(parseTimeline(stringifyTimeline(tl, true)), tl);
 * ```
 */
export function stringifyTimeline(tl: Timeline, pretty = false): string {
  return JSON.stringify(timelineToJson(tl), null, pretty ? 2 : undefined);
}
