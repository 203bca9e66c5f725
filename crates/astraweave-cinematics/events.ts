/**
 * What the {@link Sequencer} emits: the Rust `SequencerEvent`, with the time the event was
 * scheduled for and the index of the track it came from.
 *
 * @module
 */

import { cameraKeyToJson } from "./json.ts";
import { type CameraKey, formatTime, type JsonValue } from "./timeline.ts";

/** Where an event came from: its scheduled time and track. */
export interface EventOrigin {
  /** The time the event is scheduled for (its keyframe's `t` or its track's `start`), seconds. */
  readonly time: number;
  /** Index of the track in the timeline's `tracks`. */
  readonly track: number;
}

/** A camera keyframe was reached. */
export interface CameraKeyEvent extends EventOrigin {
  /** Discriminant, as the Rust variant is named. */
  readonly kind: "CameraKey";
  /** The keyframe. */
  readonly key: CameraKey;
}

/** An animation track starts. */
export interface AnimStartEvent extends EventOrigin {
  /** Discriminant, as the Rust variant is named. */
  readonly kind: "AnimStart";
  /** Entity id. */
  readonly target: number;
  /** Animation clip name. */
  readonly clip: string;
}

/** An audio track starts. */
export interface AudioPlayEvent extends EventOrigin {
  /** Discriminant, as the Rust variant is named. */
  readonly kind: "AudioPlay";
  /** Audio clip name. */
  readonly clip: string;
  /** Volume. */
  readonly volume: number;
}

/** An FX track fires. */
export interface FxTriggerEvent extends EventOrigin {
  /** Discriminant, as the Rust variant is named. */
  readonly kind: "FxTrigger";
  /** Effect name. */
  readonly name: string;
  /** Effect parameters (frozen: every play of the timeline shares them). */
  readonly params: JsonValue;
}

/** One event of a timeline. */
export type SequencerEvent = CameraKeyEvent | AnimStartEvent | AudioPlayEvent | FxTriggerEvent;

/**
 * An event as the Rust crate's serde writes a `SequencerEvent` (externally tagged; without the
 * time and track, which the Rust event does not carry).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { eventToJson } from "@astraweave/cinematics";
 * assert.deepEqual(
 *   eventToJson({ kind: "AudioPlay", time: 2, track: 1, clip: "boom", volume: 0.8 }),
 *   { AudioPlay: { clip: "boom", volume: 0.8 } },
 * );
 * ```
 */
export function eventToJson(event: SequencerEvent): Record<string, unknown> {
  switch (event.kind) {
    case "CameraKey":
      return { CameraKey: cameraKeyToJson(event.key) };
    case "AnimStart":
      return { AnimStart: { target: event.target, clip: event.clip } };
    case "AudioPlay":
      return { AudioPlay: { clip: event.clip, volume: event.volume } };
    case "FxTrigger":
      return { FxTrigger: { name: event.name, params: event.params } };
  }
}

const fixed1 = (v: number) => v.toFixed(1);

/**
 * An event as the Rust `Display` of `SequencerEvent` prints it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cameraKey, describeEvent } from "@astraweave/cinematics";
 * assert.equal(
 *   describeEvent({ kind: "AnimStart", time: 1, track: 0, target: 10, clip: "walk" }),
 *   'AnimStart(target=10, clip="walk")',
 * );
 * assert.equal(
 *   describeEvent({ kind: "CameraKey", time: 1.5, track: 0, key: cameraKey(1.5, [1, 2, 3], [0, 0, 0], 60) }),
 *   "CameraKey(CameraKey(t=1.50s, pos=(1.0,2.0,3.0), fov=60°))",
 * );
 * ```
 */
export function describeEvent(event: SequencerEvent): string {
  switch (event.kind) {
    case "CameraKey": {
      const { t, pos, fovDeg } = event.key;
      return `CameraKey(CameraKey(t=${formatTime(t)}, pos=(${
        pos.map(fixed1).join(",")
      }), fov=${fovDeg}°))`;
    }
    case "AnimStart":
      return `AnimStart(target=${event.target}, clip="${event.clip}")`;
    case "AudioPlay":
      return `AudioPlay(clip="${event.clip}", volume=${event.volume.toFixed(2)})`;
    case "FxTrigger":
      return `FxTrigger(name="${event.name}")`;
  }
}
