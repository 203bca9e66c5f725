/**
 * Cinematics for the engine: timelines of camera, animation, audio and FX tracks that load from
 * and save to the Rust crate's JSON, a sequencer that emits each track's events exactly once as
 * playback crosses them, and camera poses interpolated between keyframes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseTimeline, Sequencer } from "@astraweave/cinematics";
 * const tl = parseTimeline(`{"name": "intro", "duration": 2.0, "tracks": [
 *   {"Camera": {"keyframes": [
 *     {"t": 0.0, "pos": [0, 2, 10], "look_at": [0, 0, 0], "fov_deg": 60.0},
 *     {"t": 2.0, "pos": [10, 2, 10], "look_at": [0, 0, 0], "fov_deg": 40.0}]}},
 *   {"Audio": {"clip": "theme.ogg", "start": 0.0, "volume": 0.7}}]}`);
 * const seq = new Sequencer(tl);
 * const fired = seq.step(1 / 60).map((e) => e.kind);
 * assert.deepEqual(fired, ["CameraKey", "AudioPlay"]);
 * seq.step(59 / 60);
 * assert.equal(seq.camera()?.fovDeg, 50);
 * ```
 *
 * @module
 */

export { CinematicsError, type CinematicsErrorCode } from "./errors.ts";
export {
  type AnimationTrack,
  animationTrack,
  type AudioTrack,
  audioTrack,
  type CameraKey,
  cameraKey,
  type CameraTrack,
  cameraTrack,
  countTracks,
  formatTime,
  type FxTrack,
  fxTrack,
  type JsonValue,
  type Timeline,
  timeline,
  type Track,
  TRACK_KINDS,
  type TrackCounts,
  type Vec3Tuple,
} from "./timeline.ts";
export {
  cameraKeyToJson,
  LIMITS,
  parseTimeline,
  stringifyTimeline,
  timelineFromJson,
  timelineToJson,
} from "./json.ts";
export {
  type AnimStartEvent,
  type AudioPlayEvent,
  type CameraKeyEvent,
  describeEvent,
  type EventOrigin,
  eventToJson,
  type FxTriggerEvent,
  type SequencerEvent,
} from "./events.ts";
export {
  type CameraInterpolation,
  CameraPath,
  type CameraPose,
  createPose,
  lerpCameraKey,
} from "./camera.ts";
export { END_TOLERANCE, Sequencer, type SequencerOptions, STEP_TOLERANCE } from "./sequencer.ts";
