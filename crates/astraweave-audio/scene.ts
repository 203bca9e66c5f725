/**
 * Scenes: a timeline of sounds and a listener path in JSON, rendered offline by an
 * {@link AudioEngine} (what `deno task audio render` does).
 *
 * ```json
 * {
 *   "sampleRate": 48000,
 *   "seconds": 4,
 *   "masterVolume": 1,
 *   "listener": [
 *     { "time": 0, "position": [0, 0, 0], "forward": [0, 0, -1] },
 *     { "time": 4, "position": [0, 0, 0], "forward": [1, 0, 0] }
 *   ],
 *   "events": [
 *     { "time": 0, "bus": "music", "clip": "theme.wav", "crossfade": 0.5 },
 *     { "time": 1, "bus": "sfx", "beep": { "hz": 440, "seconds": 0.3, "gain": 0.5 } },
 *     { "time": 1.5, "bus": "spatial", "emitter": 1, "position": [3, 0, -1],
 *       "beep": { "hz": 660, "seconds": 1, "gain": 0.8 } },
 *     { "time": 2, "bus": "voice", "beep": { "text": "Over here!" } }
 *   ]
 * }
 * ```
 *
 * Events start on their exact frame. Listener keyframes are interpolated linearly (position,
 * forward and up) and applied every control block; before the first keyframe and after the last,
 * the nearest one holds. Clip paths are resolved by the caller's loader.
 *
 * @module
 */

import type { AudioClip } from "./clip.ts";
import { AudioEngine } from "./engine.ts";
import { AudioError, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE } from "./errors.ts";
import { checkPose, DEFAULT_LISTENER, type ListenerPose, type Vec3 } from "./spatial.ts";

/** A beep in a scene: a tone (sfx and spatial buses) or a voice beep for a line of text. */
export type SceneBeep = { hz: number; seconds: number; gain: number } | { text: string };

/** One sound in a scene. */
export interface SceneEvent {
  /** Start time in seconds. */
  time: number;
  /** The bus it plays on. */
  bus: "music" | "ambient" | "voice" | "sfx" | "spatial";
  /** A clip to play (a path the loader understands); or `beep`. */
  clip?: string;
  /** A beep to play; or `clip`. */
  beep?: SceneBeep;
  /** Linear gain (clips only; beeps carry their own). */
  gain?: number;
  /** Repeat the clip (default: music and ambient loop). */
  loop?: boolean;
  /** Music and ambient: crossfade seconds. */
  crossfade?: number;
  /** Spatial: the emitter's id and position. */
  emitter?: number;
  /** Spatial: where the emitter is. */
  position?: Vec3;
}

/** A listener keyframe. */
export interface ListenerKey {
  /** Seconds from the start; keyframes in time order. */
  time: number;
  /** Where the listener is. */
  position: Vec3;
  /** Facing (default [0, 0, -1]). */
  forward?: Vec3;
  /** Up (default [0, 1, 0]). */
  up?: Vec3;
}

/** A scene as its JSON file holds it. */
export interface Scene {
  /** Output rate in Hz (default 48000). */
  sampleRate?: number;
  /** Length of the render in seconds (default: the last event's start plus 2 s). */
  seconds?: number;
  /** Master volume, clamped to [0, 1] (default 1). */
  masterVolume?: number;
  /** The listener's path (default: at the origin facing -z). */
  listener?: ListenerKey[];
  /** The sounds, in any order. */
  events: SceneEvent[];
}

const bad = (message: string) => new AudioError("invalid-scene", message);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isVec3 = (v: unknown): v is Vec3 => Array.isArray(v) && v.length === 3 && v.every(isNumber);
const BUSES = ["music", "ambient", "voice", "sfx", "spatial"];
/** The longest scene, in seconds: its length, and the latest start of an event. */
const MAX_SCENE_SECONDS = 3600;

/**
 * Checks parsed JSON as a {@link Scene}.
 *
 * @throws {AudioError} `invalid-scene`, naming the field that is wrong (`events[2].time`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScene } from "@astraweave/audio";
 * assert.throws(() => parseScene({ events: [{ time: -1, bus: "sfx" }] }), /events\[0\]\.time/);
 * ```
 */
export function parseScene(json: unknown): Scene {
  if (!isObject(json)) throw bad("a scene is a JSON object");
  const { sampleRate, seconds, masterVolume, listener, events } = json;
  if (
    sampleRate !== undefined &&
    (!Number.isInteger(sampleRate) || (sampleRate as number) < MIN_SAMPLE_RATE ||
      (sampleRate as number) > MAX_SAMPLE_RATE)
  ) {
    throw bad(`sampleRate must be an integer from ${MIN_SAMPLE_RATE} to ${MAX_SAMPLE_RATE}`);
  }
  if (
    seconds !== undefined && (!isNumber(seconds) || seconds < 0 || seconds > MAX_SCENE_SECONDS)
  ) {
    throw bad(`seconds must be a number from 0 to ${MAX_SCENE_SECONDS}`);
  }
  if (masterVolume !== undefined && !isNumber(masterVolume)) {
    throw bad("masterVolume must be a finite number");
  }
  if (listener !== undefined) {
    if (!Array.isArray(listener)) throw bad("listener must be an array of keyframes");
    // Indexed loops, not forEach: forEach skips the holes of a sparse array.
    for (let i = 0; i < listener.length; i++) {
      const key: unknown = listener[i];
      const at = `listener[${i}]`;
      if (!isObject(key)) throw bad(`${at} must be an object`);
      if (!isNumber(key.time) || key.time < 0) throw bad(`${at}.time must be a number >= 0`);
      if (i > 0 && key.time < (listener[i - 1] as ListenerKey).time) {
        throw bad(`${at}.time is before the previous keyframe's`);
      }
      for (const field of ["position", "forward", "up"]) {
        if ((field === "position" || key[field] !== undefined) && !isVec3(key[field])) {
          throw bad(`${at}.${field} must be [x, y, z] of finite numbers`);
        }
      }
      try {
        checkPose(poseOf(key as unknown as ListenerKey));
      } catch (error) {
        throw bad(`${at}: ${(error as Error).message}`);
      }
    }
  }
  if (!Array.isArray(events)) throw bad("events must be an array");
  for (let i = 0; i < events.length; i++) checkEvent(events[i], `events[${i}]`);
  return json as unknown as Scene;
}

function checkEvent(event: unknown, at: string): void {
  if (!isObject(event)) throw bad(`${at} must be an object`);
  // Bounded: without "seconds", the render lasts until 2 s after the last start.
  if (!isNumber(event.time) || event.time < 0 || event.time > MAX_SCENE_SECONDS) {
    throw bad(`${at}.time must be a number from 0 to ${MAX_SCENE_SECONDS}`);
  }
  if (typeof event.bus !== "string" || !BUSES.includes(event.bus)) {
    throw bad(`${at}.bus must be one of ${BUSES.join(", ")}`);
  }
  const hasClip = event.clip !== undefined, hasBeep = event.beep !== undefined;
  if (hasClip === hasBeep) throw bad(`${at} needs exactly one of clip and beep`);
  if (hasClip && typeof event.clip !== "string") throw bad(`${at}.clip must be a path`);
  if (hasBeep) {
    const beep = event.beep;
    if (!isObject(beep)) throw bad(`${at}.beep must be an object`);
    if (event.bus === "voice") {
      if (typeof beep.text !== "string") throw bad(`${at}.beep on the voice bus needs text`);
    } else if (event.bus === "sfx" || event.bus === "spatial") {
      for (const field of ["hz", "seconds", "gain"]) {
        if (!isNumber(beep[field]) || (beep[field] as number) < 0) {
          throw bad(`${at}.beep.${field} must be a number >= 0`);
        }
      }
    } else {
      throw bad(`${at}: beeps play on the sfx, spatial and voice buses`);
    }
  }
  for (const field of ["gain", "crossfade"]) {
    if (event[field] !== undefined && (!isNumber(event[field]) || (event[field] as number) < 0)) {
      throw bad(`${at}.${field} must be a number >= 0`);
    }
  }
  if (event.loop !== undefined && typeof event.loop !== "boolean") {
    throw bad(`${at}.loop must be true or false`);
  }
  if (event.bus === "spatial") {
    if (!isNumber(event.emitter)) throw bad(`${at}.emitter must be a number`);
    if (!isVec3(event.position)) throw bad(`${at}.position must be [x, y, z] of finite numbers`);
  }
}

function poseOf(key: ListenerKey): ListenerPose {
  return {
    position: key.position,
    forward: key.forward ?? DEFAULT_LISTENER.forward,
    up: key.up ?? DEFAULT_LISTENER.up,
  };
}

function lerp3(a: Vec3, b: Vec3, t: number): Vec3 {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** The listener pose at `time` on the keyframe path. */
function listenerAt(keys: readonly ListenerKey[], time: number): ListenerPose {
  let i = 0;
  while (i < keys.length && keys[i].time <= time) i++;
  if (i === 0) return poseOf(keys[0]);
  if (i === keys.length) return poseOf(keys[keys.length - 1]);
  const a = poseOf(keys[i - 1]), b = poseOf(keys[i]);
  const t = (time - keys[i - 1].time) / (keys[i].time - keys[i - 1].time);
  const pose = {
    position: lerp3(a.position, b.position, t),
    forward: lerp3(a.forward, b.forward, t),
    up: lerp3(a.up, b.up, t),
  };
  try {
    return checkPose(pose);
  } catch {
    return t < 0.5 ? a : b; // forward turned through zero halfway (a 180 degree turn): snap
  }
}

/** Options of {@link renderScene}. */
export interface RenderSceneOptions {
  /** Overrides the scene's `seconds`. */
  seconds?: number;
  /** Returns the clip for a scene's `clip` path, at `sampleRate`. */
  loadClip: (path: string, sampleRate: number) => AudioClip;
  /** Called after each rendered block with the frames done so far and the total, for progress. */
  onProgress?: (framesDone: number, framesTotal: number) => void;
}

/**
 * The longest render {@link renderScene} makes, in frames: an hour at 48 kHz (two channels of
 * 32-bit floats, about 1.4 GB). A scene's length and rate are refused above it, before anything
 * is allocated.
 */
export const MAX_RENDER_FRAMES = 3600 * 48_000;

/**
 * Renders `scene` into planar stereo float samples at the scene's sample rate.
 *
 * @throws {AudioError} when the render would last more than 3600 s or exceed
 * {@link MAX_RENDER_FRAMES}, and when a clip cannot be loaded (as `loadClip` throws).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScene, renderScene } from "@astraweave/audio";
 * const scene = parseScene({
 *   sampleRate: 8000,
 *   seconds: 1,
 *   events: [{ time: 0.5, bus: "sfx", beep: { hz: 440, seconds: 0.25, gain: 0.5 } }],
 * });
 * const { channels } = renderScene(scene, { loadClip: () => { throw new Error("no clips"); } });
 * assert.equal(channels[0].length, 8000);
 * assert.equal(channels[0][3999], 0); // silent until the beep's frame
 * ```
 */
export function renderScene(
  scene: Scene,
  options: RenderSceneOptions,
): { sampleRate: number; channels: Float32Array[] } {
  const sampleRate = scene.sampleRate ?? 48_000;
  const events = [...scene.events].sort((a, b) => a.time - b.time);
  const lastStart = events.length ? events[events.length - 1].time : 0;
  const seconds = options.seconds ?? scene.seconds ?? Math.min(lastStart + 2, MAX_SCENE_SECONDS);
  if (!(seconds >= 0 && seconds <= MAX_SCENE_SECONDS)) {
    throw bad(`a render lasts 0 to ${MAX_SCENE_SECONDS} seconds, not ${seconds}`);
  }
  const total = Math.round(seconds * sampleRate);
  if (total > MAX_RENDER_FRAMES) {
    throw bad(
      `the render would be ${total} frames (${seconds} s at ${sampleRate} Hz); at most ` +
        `${MAX_RENDER_FRAMES} (an hour at 48000 Hz)`,
    );
  }
  const clips = new Map<string, AudioClip>();
  for (const event of events) {
    if (event.clip !== undefined && !clips.has(event.clip)) {
      clips.set(event.clip, options.loadClip(event.clip, sampleRate));
    }
  }
  const engine = new AudioEngine({ sampleRate });
  if (scene.masterVolume !== undefined) engine.setMasterVolume(scene.masterVolume);
  const keys = scene.listener ?? [];
  const channels = [new Float32Array(total), new Float32Array(total)];
  let next = 0;
  for (let frame = 0; frame < total;) {
    while (next < events.length && Math.round(events[next].time * sampleRate) <= frame) {
      start(engine, events[next++], clips);
    }
    if (keys.length) engine.setListener(listenerAt(keys, frame / sampleRate));
    const nextEvent = next < events.length ? Math.round(events[next].time * sampleRate) : Infinity;
    const end = Math.min(total, frame + engine.blockSize, nextEvent);
    engine.renderInto([channels[0].subarray(frame, end), channels[1].subarray(frame, end)]);
    engine.tick((end - frame) / sampleRate);
    frame = end;
    options.onProgress?.(frame, total);
  }
  return { sampleRate, channels };
}

function start(engine: AudioEngine, event: SceneEvent, clips: Map<string, AudioClip>): void {
  const options = { gain: event.gain, loop: event.loop };
  const beep = event.beep;
  if (beep) {
    if ("text" in beep) engine.playVoiceBeep(beep.text.length);
    else if (event.bus === "spatial") {
      engine.playBeep3d(event.emitter!, event.position!, beep.hz, beep.seconds, beep.gain);
    } else engine.playBeep(beep.hz, beep.seconds, beep.gain);
    return;
  }
  const clip = clips.get(event.clip!)!;
  switch (event.bus) {
    case "music":
      engine.playMusic(clip, { ...options, crossfade: event.crossfade });
      break;
    case "ambient":
      engine.playAmbient(clip, { ...options, crossfade: event.crossfade });
      break;
    case "voice":
      engine.playVoice(clip, options);
      break;
    case "sfx":
      engine.playSfx(clip, options);
      break;
    case "spatial":
      engine.play3d(event.emitter!, clip, event.position!, options);
      break;
  }
}
