/**
 * Sample-rate conversion for clips: linear interpolation between neighbouring samples.
 *
 * Quality, stated: for a sine of frequency f at input rate fs the worst-case error of linear
 * interpolation is 1 - cos(pi f / fs), about (pi f / fs)^2 / 2 of full scale (a 1 kHz tone at
 * 44.1 kHz: 2.5e-3, -52 dB), so
 * it is transparent for game effects and speech, not for mastering. Downsampling does not low-pass
 * first: content above the new Nyquist frequency aliases. `resample_test.ts` measures the error.
 *
 * @module
 */

import { sampleRate as checkRate } from "./errors.ts";

/**
 * `input` at `fromRate` converted to `toRate` by linear interpolation. The output has
 * `round(input.length * toRate / fromRate)` samples; equal rates return a copy.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resampleLinear } from "@astraweave/audio";
 * const out = resampleLinear(new Float32Array([0, 1, 0, -1]), 8000, 16000);
 * assert.deepEqual(Array.from(out.slice(0, 4)), [0, 0.5, 1, 0.5]);
 * ```
 */
export function resampleLinear(
  input: Float32Array,
  fromRate: number,
  toRate: number,
): Float32Array {
  checkRate("fromRate", fromRate);
  checkRate("toRate", toRate);
  if (fromRate === toRate) return input.slice();
  const outLength = Math.round(input.length * toRate / fromRate);
  const out = new Float32Array(outLength);
  const last = input.length - 1;
  if (last < 0) return out;
  const step = fromRate / toRate;
  for (let i = 0; i < outLength; i++) {
    const position = i * step; // i * step, not a running sum: no drift over long clips
    const index = Math.floor(position);
    if (index >= last) {
      out[i] = input[last];
    } else {
      const frac = position - index;
      const a = input[index];
      out[i] = a + (input[index + 1] - a) * frac;
    }
  }
  return out;
}
