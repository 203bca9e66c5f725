/**
 * The one error type of the audio crate, and the argument checks that raise it.
 *
 * @module
 */

/** What kind of bad input an {@link AudioError} reports. */
export type AudioErrorCode =
  | "invalid-argument"
  | "invalid-sample-rate"
  | "invalid-wav"
  | "unsupported-wav"
  | "invalid-voice-bank"
  | "invalid-scene";

/**
 * Bad input to the audio crate: a NaN or infinite number, a negative duration, a sample rate
 * outside 8 kHz to 384 kHz, a corrupt or truncated WAV file. The message names the problem.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AudioEngine, AudioError } from "@astraweave/audio";
 * assert.throws(() => new AudioEngine({ sampleRate: 1000 }), AudioError);
 * ```
 */
export class AudioError extends Error {
  /** Always "AudioError". */
  override name = "AudioError";
  /** The kind of problem, for code that handles some kinds differently. */
  readonly code: AudioErrorCode;
  /** Creates an error of kind `code` with a message that names the problem. */
  constructor(code: AudioErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Lowest sample rate the engine and the WAV decoder accept, in Hz. */
export const MIN_SAMPLE_RATE = 8_000;
/** Highest sample rate the engine and the WAV decoder accept, in Hz. */
export const MAX_SAMPLE_RATE = 384_000;

/**
 * `value` for a message, never converted when it is an object: String() of `{"toString": 1}`
 * throws a TypeError, and of 10,000 nested arrays a RangeError (the stack runs out).
 */
export function shown(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}

/** Throws unless `value` is a finite number; returns it. */
export function finite(name: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new AudioError(
      "invalid-argument",
      `${name} must be a finite number, got ${shown(value)}`,
    );
  }
  return value;
}

/** Throws unless `value` is a finite number of at least zero; returns it. */
export function nonNegative(name: string, value: number): number {
  finite(name, value);
  if (value < 0) {
    throw new AudioError(
      "invalid-argument",
      `${name} must not be negative, got ${value}`,
    );
  }
  return value;
}

/** Throws unless `value` is a finite number above zero; returns it. */
export function positive(name: string, value: number): number {
  finite(name, value);
  if (value <= 0) {
    throw new AudioError(
      "invalid-argument",
      `${name} must be above zero, got ${value}`,
    );
  }
  return value;
}

/** Throws unless `rate` is an integer sample rate from 8 kHz to 384 kHz; returns it. */
export function sampleRate(name: string, rate: number): number {
  if (
    !Number.isInteger(rate) || rate < MIN_SAMPLE_RATE || rate > MAX_SAMPLE_RATE
  ) {
    throw new AudioError(
      "invalid-sample-rate",
      `${name} must be an integer from ${MIN_SAMPLE_RATE} to ${MAX_SAMPLE_RATE} Hz, got ${
        shown(rate)
      }`,
    );
  }
  return rate;
}

/** `value` limited to `[min, max]`. */
export const clamp = (value: number, min: number, max: number): number =>
  value < min ? min : value > max ? max : value;
