/**
 * Playing a timeline: the Rust `Sequencer`, with its event rules stated and its bugs fixed.
 *
 * Rules (each has a test in `sequencer_test.ts`):
 *
 * - The sequencer has a position `time`, 0 at first. Every event is *armed* or *spent*. After
 *   construction, and after {@link Sequencer.seek} to `t`, the events scheduled at `t` or later
 *   are armed and those before `t` are spent.
 * - `step(dt)` moves `time` to `time + dt` (clamped to the duration) and emits, in time order
 *   (events at the same time in track order, keyframes in their track's order), every armed event
 *   scheduled at or before the new `time`, and spends it. So each event fires exactly once per
 *   pass, an event at 0 fires on the first step (the Rust sequencer emits only starts in
 *   `(from, to]` and so never fires one at 0), an event that lands exactly on the boundary of two
 *   steps fires in the first of them only, and a step of 0 fires what is armed at `time` itself.
 * - Seeking backwards re-arms what lies ahead again; seeking forwards spends (skips) what lies
 *   between. Seeking is where a game jumps, so a seek outside `[0, duration]` is an error (with
 *   the Rust tolerance of 1 ms past the end, clamped to the end).
 * - Stepping never throws for reaching the end: the step that would pass `duration` stops at it,
 *   emits what is left, and `finished` becomes true; later steps emit nothing. (The Rust step
 *   returns an error once `time + dt` passes `duration + 0.001`, which a game loop with a
 *   variable frame time hits on the last frame of every cinematic.) A negative or non-finite `dt`
 *   is an error: going back is `seek`'s job.
 * - A step that ends less than {@link STEP_TOLERANCE} (1 µs) short of an event, or of the end,
 *   reaches it: frame times summed in binary floating point land a hair short (0.1 added 60
 *   times is 5.999999999999995), and without the tolerance an event at 6 s would wait a frame
 *   and a fixed number of frames would stop short of the end.
 * - Nothing reads a clock: time is only what the caller passes.
 *
 * @module
 */

import {
  type CameraInterpolation,
  CameraPath,
  type CameraPose,
  checkedInterpolation,
} from "./camera.ts";
import { CinematicsError } from "./errors.ts";
import type { SequencerEvent } from "./events.ts";
import { checkedTimeline } from "./json.ts";
import type { CameraKey, Timeline } from "./timeline.ts";

/** How far past the end a seek may land (and is clamped to the end): the Rust step's tolerance. */
export const END_TOLERANCE = 0.001;

/**
 * How far short of an event, or of the end, a step may stop and still reach it, in seconds:
 * more than summing frame times accumulates in rounding (8 hours of 1/60 s steps land 0.33 µs
 * short of 28,800 s), far less than a frame.
 */
export const STEP_TOLERANCE = 1e-6;

/** How a {@link Sequencer} plays. */
export interface SequencerOptions {
  /** How `camera()` moves the view between keyframes (default "target", see {@link CameraPath}). */
  camera?: CameraInterpolation;
}

const NO_EVENTS: readonly SequencerEvent[] = Object.freeze([]);

/**
 * The timeline's events, each frozen, sorted by time (stable: track order, then key order). The
 * array itself is left unfrozen: V8 copies a slice of a frozen array a hundred times slower.
 */
function scheduleOf(tl: Timeline): SequencerEvent[] {
  const events: SequencerEvent[] = [];
  tl.tracks.forEach((track, index) => {
    switch (track.kind) {
      case "Camera":
        for (const key of track.keyframes) {
          events.push({ kind: "CameraKey", time: key.t, track: index, key });
        }
        break;
      case "Animation":
        events.push({
          kind: "AnimStart",
          time: track.start,
          track: index,
          target: track.target,
          clip: track.clip,
        });
        break;
      case "Audio":
        events.push({
          kind: "AudioPlay",
          time: track.start,
          track: index,
          clip: track.clip,
          volume: track.volume,
        });
        break;
      case "Fx":
        events.push({
          kind: "FxTrigger",
          time: track.start,
          track: index,
          name: track.name,
          params: track.params,
        });
        break;
    }
  });
  events.sort((a, b) => a.time - b.time);
  for (const event of events) Object.freeze(event);
  return events;
}

/**
 * Plays a {@link Timeline}: `step(dt)` each frame returns the events that start in it (see the
 * module's rules), `camera()` the interpolated camera pose at the current time.
 *
 * Unlike the Rust `Sequencer`, which takes the timeline on every step and scans every track,
 * this one checks and copies the timeline once, keeps its events sorted by time, and finds a
 * step's events by moving a cursor: a step costs the events it returns, not the timeline's size.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { audioTrack, fxTrack, Sequencer, timeline } from "@astraweave/cinematics";
 * const seq = new Sequencer(timeline("intro", 3, [fxTrack("fade-in", 0), audioTrack("boom", 2, 0.8)]));
 * assert.deepEqual(seq.step(0.5).map((e) => e.kind), ["FxTrigger"]); // the event at 0 fires
 * assert.deepEqual(seq.step(1.5).map((e) => e.kind), ["AudioPlay"]); // lands exactly on 2
 * assert.deepEqual(seq.step(0), []); // not twice
 * assert.deepEqual(seq.step(5), []); // clamped to the end, no error
 * assert.equal(seq.time, 3);
 * assert.ok(seq.finished);
 * seq.seek(0); // re-arms everything
 * assert.equal(seq.step(3).length, 2);
 * ```
 */
export class Sequencer {
  readonly #timeline: Timeline;
  readonly #events: readonly SequencerEvent[];
  /** The same events, for the `events` getter: a frozen copy, so callers cannot edit #events. */
  readonly #shownEvents: readonly SequencerEvent[];
  /** Each camera track's keyframes, and its path once `camera()` has asked for it. */
  readonly #cameraKeys: readonly (readonly CameraKey[])[];
  readonly #cameras: (CameraPath | undefined)[] = [];
  readonly #interpolation: CameraInterpolation;
  #time = 0;
  /** Index in #events of the first armed event. */
  #next = 0;

  /**
   * Checks `tl` (as `timelineFromJson` does) and keeps its own copy, so later changes to `tl` do
   * not change what plays. A timeline that `parseTimeline` or `timelineFromJson` returned is
   * already checked and frozen, and is used as it is.
   *
   * @throws {CinematicsError} `invalid-timeline`, naming the bad field; `invalid-argument` for
   * an unknown camera interpolation.
   */
  constructor(tl: Timeline, options: SequencerOptions = {}) {
    this.#timeline = checkedTimeline(tl);
    this.#events = scheduleOf(this.#timeline);
    this.#shownEvents = Object.freeze([...this.#events]);
    // Paths are built when first sampled: most tracks of most timelines never are.
    this.#cameraKeys = this.#timeline.tracks.flatMap((track) =>
      track.kind === "Camera" ? [track.keyframes] : []
    );
    this.#interpolation = checkedInterpolation(options.camera ?? "target");
  }

  /** The timeline being played (the sequencer's checked copy). */
  get timeline(): Timeline {
    return this.#timeline;
  }

  /** The current position, seconds: 0 to the timeline's duration. */
  get time(): number {
    return this.#time;
  }

  /** True once the position is at the end and every event up to it has fired. */
  get finished(): boolean {
    return this.#time >= this.#timeline.duration && this.#next === this.#events.length;
  }

  /** Every event of the timeline, in the order a full play emits them. */
  get events(): readonly SequencerEvent[] {
    return this.#shownEvents;
  }

  /**
   * Moves to `time` without emitting anything; events at `time` or later are armed again, those
   * before it are skipped.
   *
   * @throws {CinematicsError} `out-of-range` when `time` is not finite, negative, or more than
   * {@link END_TOLERANCE} past the duration (within it, the position is clamped to the end).
   */
  seek(time: number): void {
    const { duration } = this.#timeline;
    if (!(time >= 0 && time <= duration + END_TOLERANCE)) {
      throw new CinematicsError(
        "out-of-range",
        `seek to ${time} s is outside the timeline (0 to ${duration} s)`,
      );
    }
    this.#time = Math.min(time, duration);
    const events = this.#events;
    let lo = 0, hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (events[mid].time < this.#time) lo = mid + 1;
      else hi = mid;
    }
    this.#next = lo;
  }

  /**
   * Advances by `dt` seconds (clamped to the end) and returns the armed events scheduled up to
   * the new position (and {@link STEP_TOLERANCE} beyond it), in time order. With no events the same frozen empty array is returned, so
   * a quiet frame allocates nothing.
   *
   * @throws {CinematicsError} `invalid-argument` when `dt` is negative or not finite.
   */
  step(dt: number): readonly SequencerEvent[] {
    if (!(dt >= 0 && dt !== Infinity)) {
      throw new CinematicsError(
        "invalid-argument",
        `step dt must be a finite number of seconds, 0 or more, got ${dt}`,
      );
    }
    const { duration } = this.#timeline;
    const to = this.#time + dt >= duration - STEP_TOLERANCE ? duration : this.#time + dt;
    this.#time = to;
    const events = this.#events;
    const first = this.#next;
    const reach = to + STEP_TOLERANCE;
    let next = first;
    while (next < events.length && events[next].time <= reach) next++;
    if (next === first) return NO_EVENTS;
    this.#next = next;
    return events.slice(first, next);
  }

  /**
   * The pose of the `index`-th camera track (counting camera tracks only) at the current time,
   * interpolated as {@link CameraPath} does; undefined when there is no such track or it has no
   * keyframes. Allocates nothing when `out` is given.
   */
  camera(index = 0, out?: CameraPose): CameraPose | undefined {
    const keys = this.#cameraKeys[index];
    if (keys === undefined || keys.length === 0) return undefined;
    this.#cameras[index] ??= new CameraPath(keys, this.#interpolation);
    return this.#cameras[index].sample(this.#time, out);
  }
}
