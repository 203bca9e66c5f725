/**
 * Audio clips: immutable planar float samples at a known sample rate.
 *
 * @module
 */

import { AudioError, sampleRate as checkRate } from "./errors.ts";
import { resampleLinear } from "./resample.ts";
import { decodeWav } from "./wav.ts";

/**
 * A sound to play: one (mono) or two (stereo) channels of float samples at `sampleRate`. The
 * engine plays clips at its own rate; {@link AudioClip.fromWav} and {@link AudioClip.resampled}
 * convert. Samples are checked once, on construction: none may be NaN or infinite.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AudioClip } from "@astraweave/audio";
 * const clip = new AudioClip(48000, [new Float32Array(24000)]);
 * assert.equal(clip.duration, 0.5);
 * ```
 */
export class AudioClip {
  /** Samples per second. */
  readonly sampleRate: number;
  /** One array per channel, all the same length. */
  readonly channels: readonly Float32Array[];

  /** A clip of `channels` (1 or 2 arrays of equal length) at `sampleRate`. */
  constructor(sampleRate: number, channels: readonly Float32Array[]) {
    checkRate("clip sampleRate", sampleRate);
    if (channels.length < 1 || channels.length > 2) {
      throw new AudioError(
        "invalid-argument",
        `a clip has 1 or 2 channels, got ${channels.length}`,
      );
    }
    const frames = channels[0].length;
    for (const channel of channels) {
      if (!(channel instanceof Float32Array)) {
        throw new AudioError(
          "invalid-argument",
          "clip channels must be Float32Arrays",
        );
      }
      if (channel.length !== frames) {
        throw new AudioError(
          "invalid-argument",
          "clip channels must have the same length",
        );
      }
      for (let i = 0; i < frames; i++) {
        if (!Number.isFinite(channel[i])) {
          throw new AudioError(
            "invalid-argument",
            `clip sample ${i} is ${channel[i]}`,
          );
        }
      }
    }
    this.sampleRate = sampleRate;
    this.channels = channels;
  }

  /** Samples per channel. */
  get frames(): number {
    return this.channels[0].length;
  }

  /** Length in seconds. */
  get duration(): number {
    return this.frames / this.sampleRate;
  }

  /** This clip at `sampleRate` (linear interpolation, see `resampleLinear`); itself if equal. */
  resampled(sampleRate: number): AudioClip {
    if (sampleRate === this.sampleRate) return this;
    return new AudioClip(
      sampleRate,
      this.channels.map((c) => resampleLinear(c, this.sampleRate, sampleRate)),
    );
  }

  /**
   * Decodes WAV bytes (see `decodeWav`) and, when `sampleRate` is given, resamples to it.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { AudioClip, encodeWav } from "@astraweave/audio";
   * const wav = encodeWav([new Float32Array(22050)], 22050);
   * assert.equal(AudioClip.fromWav(wav, 48000).frames, 48000);
   * ```
   */
  static fromWav(bytes: Uint8Array, sampleRate?: number): AudioClip {
    const wav = decodeWav(bytes);
    const clip = new AudioClip(wav.sampleRate, wav.channels);
    return sampleRate === undefined ? clip : clip.resampled(sampleRate);
  }
}
