/**
 * The mixing graph that `bench/astraweave-audio.bench.ts` renders with our engine and with
 * node-web-audio-api, declared once so that the bench and its equivalence test build the same
 * thing: `n` copies of a 1 s mono clip, each with its own gain and stereo position.
 *
 * @module
 */

import { AudioClip, type AudioEngine } from "@astraweave/audio";
import { AudioBuffer, type OfflineAudioContext } from "node-web-audio-api";

/** Sample rate of the graph. */
export const RATE = 48_000;

/** A 1 s mono clip: a 220 Hz sine with a little of its octave, so the mix is not trivial. */
export const clipSamples: Float32Array<ArrayBuffer> = new Float32Array(RATE);
for (let i = 0; i < RATE; i++) {
  const t = i / RATE;
  clipSamples[i] = 0.4 * Math.sin(2 * Math.PI * 220 * t) + 0.1 * Math.sin(2 * Math.PI * 440 * t);
}

/** The clip for our engine. */
export const clip: AudioClip = new AudioClip(RATE, [clipSamples]);

/** Gain of source `i`. */
export const gainOf = (i: number): number => 0.02 + 0.01 * (i % 3);
/** Stereo pan of source `i` of `n`, from -1 (left) to 1 (right). */
export const panOf = (i: number, n: number): number => n === 1 ? 0 : -1 + (2 * i) / (n - 1);

/**
 * Emitter positions for our engine. StereoPannerNode pans a mono input with x = (pan + 1) / 2;
 * the PannerNode equal-power model uses x = (azimuth + 90) / 180, so azimuth = 90 x pan gives the
 * same gains. Emitters sit at refDistance (1 m), where the inverse model's gain is 1.
 */
export function positionsFor(n: number): (readonly [number, number, number])[] {
  return Array.from({ length: n }, (_, i) => {
    const a = (Math.PI / 2) * panOf(i, n);
    return [Math.sin(a), 0, -Math.cos(a)] as const;
  });
}

/** Starts the `n` sources on our engine, as spatial emitters at `positions`. */
export function playOurs(
  engine: AudioEngine,
  positions: readonly (readonly [number, number, number])[],
): void {
  for (let i = 0; i < positions.length; i++) {
    engine.play3d(i, clip, positions[i], { gain: gainOf(i) });
  }
}

/** The clip as a Web Audio buffer (usable by any context). */
export function peerClip(): AudioBuffer {
  const buffer = new AudioBuffer({ length: RATE, sampleRate: RATE, numberOfChannels: 1 });
  buffer.copyToChannel(clipSamples, 0);
  return buffer;
}

/** Builds the same graph in a Web Audio context: buffer source -> gain -> stereo panner. */
export function buildPeer(context: OfflineAudioContext, buffer: AudioBuffer, n: number): void {
  for (let i = 0; i < n; i++) {
    const source = context.createBufferSource();
    source.buffer = buffer;
    const gain = context.createGain();
    gain.gain.value = gainOf(i);
    const panner = context.createStereoPanner();
    panner.pan.value = panOf(i, n);
    source.connect(gain).connect(panner).connect(context.destination);
    source.start(0);
  }
}
