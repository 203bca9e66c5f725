/**
 * astraweave-audio: a headless mixing engine that renders real sound into buffers and WAV files,
 * so it runs and is tested anywhere; a game plugs the buffers into whatever output it has.
 *
 * - {@link AudioEngine}: music and ambient buses with equal-power crossfades, a voice bus that
 *   ducks music, sound effects, spatial emitters panned as Web Audio's PannerNode does, beeps,
 *   master and per-bus volume, ramped gains and a clamped master.
 * - {@link AudioClip}, {@link decodeWav}, {@link encodeWav}: sounds, and WAV files in and out.
 * - {@link DialoguePlayer}: subtitles, then recorded lines, then text to speech, then a beep.
 * - {@link AudioError}: every bad input, named.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AudioEngine, encodeWav } from "@astraweave/audio";
 * const engine = new AudioEngine({ sampleRate: 48000 });
 * engine.playBeep(440, 0.25, 0.5);
 * engine.playBeep3d(1, [2, 0, -2], 660, 0.25, 0.5);
 * const wav = encodeWav(engine.render(12000), 48000, "pcm16");
 * assert.equal(wav.length, 44 + 12000 * 4);
 * ```
 *
 * @module
 */

export {
  AudioError,
  type AudioErrorCode,
  clamp,
  MAX_SAMPLE_RATE,
  MIN_SAMPLE_RATE,
} from "./errors.ts";
export { AudioClip } from "./clip.ts";
export {
  decodeWav,
  encodeWav,
  type WavData,
  type WavEncoding,
  type WavSampleFormat,
} from "./wav.ts";
export { resampleLinear } from "./resample.ts";
export { Crossfader, MIN_CROSSFADE_SECONDS } from "./crossfade.ts";
export {
  azimuth,
  DEFAULT_DISTANCE,
  DEFAULT_LISTENER,
  distanceGain,
  type DistanceModel,
  type DistanceOptions,
  type DistanceParameters,
  distanceParameters,
  equalPowerMono,
  equalPowerStereo,
  type ListenerPose,
  type Vec3,
} from "./spatial.ts";
export {
  AudioEngine,
  type AudioEngineOptions,
  BEEP_EDGE_SECONDS,
  BUS_BASE_GAIN,
  type BusName,
  type CrossfadeOptions,
  DUCK_FACTOR,
  DUCK_RAMP_SECONDS,
  type PanMode,
  type PlayOptions,
  UNKNOWN_LINE_SECONDS,
  VOICE_BEEP,
  voiceBeepSeconds,
  type VoiceOptions,
} from "./engine.ts";
export {
  type ListenerKey,
  MAX_RENDER_FRAMES,
  parseScene,
  renderScene,
  type RenderSceneOptions,
  type Scene,
  type SceneBeep,
  type SceneEvent,
} from "./scene.ts";
export {
  DialoguePlayer,
  type DialoguePlayerOptions,
  diskFiles,
  type FileSource,
  parseVoiceBank,
  SimpleSineTts,
  type SpeakerBank,
  type SpokenLine,
  type TtsAdapter,
  type VoiceBank,
} from "./dialogue.ts";
