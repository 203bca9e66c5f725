/**
 * The headless mixing engine: buses, crossfades, ducking, spatial emitters and beeps, rendered
 * sample-accurately into float32 buffers.
 *
 * Two clocks, as in a game: {@link AudioEngine.tick} advances the control state (crossfades, the
 * music duck) by the frame's `dt`, in O(1) whatever the number of sounds; {@link AudioEngine.render}
 * advances the audio (every playing sound), in O(sounds x frames). A game calls `tick` once per
 * frame and `render` whenever its output wants samples.
 *
 * @module
 */

import { AudioClip } from "./clip.ts";
import { Crossfader } from "./crossfade.ts";
import {
  applyGain,
  approach,
  GROUP,
  limit,
  mixEight,
  mixFour,
  mixMono,
  mixMonoPair,
  mixStereo,
  mixTone,
  mixTonePair,
  mixToneQuad,
  OSCILLATOR_UNSET,
} from "./kernels.ts";
import {
  AudioError,
  clamp,
  finite,
  nonNegative,
  positive,
  sampleRate as checkRate,
  shown,
} from "./errors.ts";
import {
  checkPose,
  checkVec3,
  DEFAULT_LISTENER,
  distanceGain,
  type DistanceOptions,
  type DistanceParameters,
  distanceParameters,
  equalPowerStereo,
  ListenerFrame,
  type ListenerPose,
  monoPanPosition,
  type Vec3,
} from "./spatial.ts";

/** Options of {@link AudioEngine}. */
export interface AudioEngineOptions {
  /** Output rate in Hz, 8000 to 384000 (default 48000). */
  sampleRate?: number;
  /** Output channels: 1 or 2 (default 2). Mono output is the stereo mix's (L + R) / 2. */
  channels?: 1 | 2;
  /** Frames per control block: gains and positions are updated once per block (default 128). */
  blockSize?: number;
  /** How long a full-scale gain change takes, in seconds (default 0.005). */
  rampSeconds?: number;
  /** Distance model of the spatial emitters (PannerNode's parameters and defaults). */
  distance?: DistanceOptions;
}

/** The buses a volume can be set for. */
export type BusName = "music" | "ambient" | "voice" | "sfx" | "spatial";

/** How spatial emitters are panned. */
export type PanMode = "equal-power" | "none";

/** Options of a played sound. */
export interface PlayOptions {
  /** Linear gain, at least 0 (default 1). */
  gain?: number;
  /** Repeat forever (default: true for music and ambient, false otherwise). */
  loop?: boolean;
}

/** Options of {@link AudioEngine.playMusic} and {@link AudioEngine.playAmbient}. */
export interface CrossfadeOptions extends PlayOptions {
  /** Crossfade length in seconds (default 1; at least 0.01). */
  crossfade?: number;
}

/** Options of {@link AudioEngine.playVoice}. */
export interface VoiceOptions extends PlayOptions {
  /** How long the line lasts, when known better than the clip's length (ducks music that long). */
  approximateSeconds?: number;
}

/** Base gains of the buses, as in the Rust engine. */
export const BUS_BASE_GAIN = {
  music: 0.8,
  ambient: 0.5,
  voice: 1,
  sfx: 1,
  spatial: 1,
} as const;
/** Factor applied to music while a voice line plays. */
export const DUCK_FACTOR = 0.4;
/** Time the duck takes to go down to {@link DUCK_FACTOR} or back up to 1, in seconds. */
export const DUCK_RAMP_SECONDS = 0.05;
/** How long music ducks for a voice line of unknown length, in seconds (as in the Rust engine). */
export const UNKNOWN_LINE_SECONDS = 2.5;
/** Attack and release of every beep, in seconds. */
export const BEEP_EDGE_SECONDS = 0.005;
/** Voice beeps: 600 Hz at gain 0.2, clamp(text length x 0.05, 0.6, 3) seconds. */
export const VOICE_BEEP = {
  hz: 600,
  gain: 0.2,
  secondsPerChar: 0.05,
  min: 0.6,
  max: 3,
} as const;

// Bus indexes: the music and ambient slots A and B are buses of their own so that their crossfade
// gains apply like any bus gain.
const MUSIC_A = 0, AMBIENT_A = 2, VOICE = 4, SFX = 5, SPATIAL = 6;
const BUS_COUNT = 7;
// Kinds of voices mixed in pairs: steady tones, and mono clips whose gains ramp.
const NONE = 0, STEADY_TONE = 1, RAMPED_MONO = 2;
const BUS_BASE = [
  BUS_BASE_GAIN.music,
  BUS_BASE_GAIN.music,
  BUS_BASE_GAIN.ambient,
  BUS_BASE_GAIN.ambient,
  BUS_BASE_GAIN.voice,
  BUS_BASE_GAIN.sfx,
  BUS_BASE_GAIN.spatial,
];

const NO_OSCILLATOR: number[] = [];

/** A spatial emitter: a position, and the cached pan and distance gains for it. */
class Emitter {
  x: number;
  y: number;
  z: number;
  sounds = 0;
  /** Listener version the cached gains were computed for; -1 after the emitter moved. */
  cachedFor = -1;
  /** Distance gain and azimuth at `cachedFor`. */
  gain = 0;
  azimuth = 0;
  /** Listener version the stereo gains were computed for (only stereo sounds need them). */
  stereoFor = -1;
  monoL = 0;
  monoR = 0;
  ll = 0;
  rl = 0;
  lr = 0;
  rr = 0;
  constructor(readonly id: number, position: Vec3) {
    [this.x, this.y, this.z] = position;
  }
}

/** One playing sound: a clip or a tone, with its current mix coefficients. */
class Voice {
  position = 0;
  stopping = false;
  fresh = true;
  /** The engine's control version at which this voice's gains reached their targets. */
  steadyAt = -1;
  // Current mix: outL = ll*inL + rl*inR, outR = lr*inL + rr*inR (mono input: ll and lr).
  ll = 0;
  rl = 0;
  lr = 0;
  rr = 0;
  /** A tone's oscillator factor, `2 cos(omega)`, computed once rather than per block. */
  readonly twoCosOmega: number;
  /** A tone's oscillator between blocks (see Tone in kernels.ts); empty for a clip. */
  readonly oscillator: number[];
  constructor(
    readonly id: number,
    readonly bus: number,
    readonly left: Float32Array | null,
    readonly right: Float32Array | null,
    readonly frames: number,
    readonly loop: boolean,
    readonly gain: number,
    readonly emitter: Emitter | null,
    /** Tone voices: angular step per frame (0 for clips) and attack/release length in frames. */
    readonly omega: number,
    readonly edgeFrames: number,
  ) {
    this.twoCosOmega = 2 * Math.cos(omega);
    this.oscillator = omega === 0 ? NO_OSCILLATOR : [OSCILLATOR_UNSET, 0, 0, 0];
  }
}

/**
 * A headless mixer: music and ambient buses with equal-power crossfades, a voice bus that ducks
 * music, sound effects, spatial emitters panned as Web Audio's PannerNode does, beeps, master and
 * per-bus volume. Output is hard-clamped to [-1, 1] on master (NaN cannot enter: every input is
 * checked), and every gain change is ramped over {@link AudioEngineOptions.rampSeconds}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AudioEngine } from "@astraweave/audio";
 * const engine = new AudioEngine({ sampleRate: 48000 });
 * engine.playBeep(440, 0.5, 0.5);
 * const [left, right] = engine.render(48000);
 * assert.equal(left.length, 48000);
 * assert.ok(Math.max(...left) > 0.49 && Math.max(...right) <= 0.5);
 * ```
 */
export class AudioEngine {
  /** Output rate in Hz. */
  readonly sampleRate: number;
  /** Output channels. */
  readonly channels: 1 | 2;
  /** Frames per control block. */
  readonly blockSize: number;
  private readonly rampFrames: number;
  private readonly distance: DistanceParameters;
  private readonly voices: Voice[] = [];
  private readonly byId = new Map<number, Voice>();
  private readonly emitters = new Map<number, Emitter>();
  private readonly music = new Crossfader<Voice>();
  private readonly ambient = new Crossfader<Voice>();
  private readonly busVolume = new Float64Array(BUS_COUNT).fill(1);
  private readonly busTarget = new Float64Array(BUS_COUNT);
  private readonly scratchL: Float32Array;
  private readonly scratchR: Float32Array;
  // Up to eight steady mono voices waiting to be mixed together (see #flushGroup).
  private groupSize = 0;
  private readonly groupSources: Float32Array[] = [];
  private readonly groupFrom = new Int32Array(GROUP);
  /** Left gains in 0..7, right gains in 8..15. */
  private readonly groupGains = new Float64Array(2 * GROUP);
  // Voices of one kind waiting to be mixed together (see #mixVoice): up to four steady tones or
  // two ramped mono clips; where each starts, and its gains [l0, l1, r0, r1] over the block.
  private pendingKind = NONE;
  private pendingCount = 0;
  private readonly pendingVoices: (Voice | null)[] = [null, null, null, null];
  private readonly pendingStarts = new Int32Array(4);
  private readonly pendingGains = new Float64Array(16);
  private master = 1;
  /**
   * The master gain reached so far: ramped toward `master` over the mix of each block, once for
   * all sounds (master scales every bus alike), so a volume change touches no voice.
   */
  private masterLevel = 1;
  private listener: ListenerPose = DEFAULT_LISTENER;
  private listenerVersion = 0;
  private readonly frame = new ListenerFrame();
  /** Listener version `frame` holds. */
  private frameFor = -1;
  private pan: PanMode = "equal-power";
  private nextId = 1;
  private duckSeconds = 0;
  private duckLevel = 1;
  private seconds = 0;
  /**
   * Bumped by every change that can move a sound's target gains (volumes, the duck, fades,
   * stops, the listener, emitters); a voice whose gains reached their targets at the current
   * version skips recomputing them.
   */
  private controlVersion = 0;

  /** An engine with nothing playing. */
  constructor(options: AudioEngineOptions = {}) {
    this.sampleRate = checkRate("sampleRate", options.sampleRate ?? 48_000);
    const channels = options.channels ?? 2;
    if (channels !== 1 && channels !== 2) {
      throw new AudioError(
        "invalid-argument",
        `channels must be 1 or 2, got ${shown(channels)}`,
      );
    }
    this.channels = channels;
    const blockSize = options.blockSize ?? 128;
    if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > 16_384) {
      throw new AudioError(
        "invalid-argument",
        `blockSize must be 1 to 16384, got ${blockSize}`,
      );
    }
    this.blockSize = blockSize;
    const ramp = positive("rampSeconds", options.rampSeconds ?? 0.005);
    this.rampFrames = Math.max(1, ramp * this.sampleRate);
    this.distance = distanceParameters(options.distance);
    this.scratchL = new Float32Array(blockSize);
    this.scratchR = new Float32Array(blockSize);
  }

  // ------------------------------------------------------------------------------------------
  // Control
  // ------------------------------------------------------------------------------------------

  /**
   * Advances crossfades and the music duck by `dt` seconds. O(1): it touches no sound.
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { AudioClip, AudioEngine } from "@astraweave/audio";
   * const engine = new AudioEngine();
   * engine.playMusic(new AudioClip(48000, [new Float32Array(480)]), { crossfade: 2 });
   * engine.tick(1);
   * assert.ok(Math.abs(engine.busGain("music") - 0.8 * Math.SQRT1_2) < 1e-12);
   * ```
   */
  tick(dt: number): void {
    nonNegative("dt", dt);
    this.seconds += dt;
    const wasFading = this.music.isFading || this.ambient.isFading;
    const duckBefore = this.duckLevel;
    const endedMusic = this.music.tick(dt);
    if (endedMusic) this.#stopVoice(endedMusic);
    const endedAmbient = this.ambient.tick(dt);
    if (endedAmbient) this.#stopVoice(endedAmbient);
    this.duckSeconds = Math.max(0, this.duckSeconds - dt);
    const target = this.duckSeconds > 0 ? DUCK_FACTOR : 1;
    const step = (1 - DUCK_FACTOR) * dt / DUCK_RAMP_SECONDS;
    this.duckLevel = this.duckLevel < target
      ? Math.min(target, this.duckLevel + step)
      : Math.max(target, this.duckLevel - step);
    if (wasFading || this.duckLevel !== duckBefore) this.controlVersion++;
  }

  /** Seconds of control time advanced by {@link AudioEngine.tick}. */
  get time(): number {
    return this.seconds;
  }

  /**
   * Sets the master volume, clamped to [0, 1]; it scales every bus, spatial included, and leaves
   * a music duck in place. It is ramped once on the whole mix (a full-scale change takes
   * `rampSeconds`), so a change costs the same however many sounds play.
   *
   * @throws {AudioError} for NaN or an infinite value.
   */
  setMasterVolume(volume: number): void {
    this.master = clamp(finite("master volume", volume), 0, 1);
  }

  /** The master volume. */
  get masterVolume(): number {
    return this.master;
  }

  /** Sets one bus's volume, clamped to [0, 1] (on top of its base gain and master). */
  setBusVolume(bus: BusName, volume: number): void {
    const v = clamp(finite(`${bus} volume`, volume), 0, 1);
    for (const index of busIndexes(bus)) this.busVolume[index] = v;
    this.controlVersion++;
  }

  /**
   * The gain a bus applies now: base x bus volume x master, times the duck for music and the
   * active slot's crossfade gain for music and ambient.
   */
  busGain(bus: BusName): number {
    this.#updateBusTargets();
    const [first] = busIndexes(bus);
    if (bus === "music" || bus === "ambient") {
      const fader = bus === "music" ? this.music : this.ambient;
      return this.busTarget[first + fader.active] * this.master;
    }
    return this.busTarget[first] * this.master;
  }

  /** The gain of music slot A or B now (base, volume, master, duck and crossfade). */
  slotGain(bus: "music" | "ambient", slot: "A" | "B"): number {
    this.#updateBusTargets();
    return this.busTarget[(bus === "music" ? MUSIC_A : AMBIENT_A) + (slot === "A" ? 0 : 1)] *
      this.master;
  }

  /** The current duck factor on music: 1, or down to {@link DUCK_FACTOR} while a voice plays. */
  get duck(): number {
    return this.duckLevel;
  }

  /** Sets the listener pose (position, forward, up). */
  setListener(pose: ListenerPose): void {
    checkPose(pose);
    this.listener = {
      position: [pose.position[0], pose.position[1], pose.position[2]],
      forward: [pose.forward[0], pose.forward[1], pose.forward[2]],
      up: [pose.up[0], pose.up[1], pose.up[2]],
    };
    this.listenerVersion++;
    this.controlVersion++;
  }

  /** The listener pose. */
  get listenerPose(): ListenerPose {
    return this.listener;
  }

  /** Chooses how spatial emitters are panned: equal-power (default) or not at all. */
  setPanMode(mode: PanMode): void {
    if (mode !== "equal-power" && mode !== "none") {
      throw new AudioError("invalid-argument", `unknown pan mode ${shown(mode)}`);
    }
    if (mode !== this.pan) this.listenerVersion++, this.controlVersion++;
    this.pan = mode;
  }

  /** The pan mode. */
  get panMode(): PanMode {
    return this.pan;
  }

  /** Moves emitter `id`; returns false when no emitter has that id (its sounds ended). */
  setEmitterPosition(id: number, position: Vec3): boolean {
    checkVec3("emitter position", position);
    const emitter = this.emitters.get(id);
    if (!emitter) return false;
    [emitter.x, emitter.y, emitter.z] = position;
    emitter.cachedFor = -1;
    this.controlVersion++;
    return true;
  }

  /** The emitters that have sounds playing. */
  get emitterCount(): number {
    return this.emitters.size;
  }

  /** Whether an emitter with this id exists (it has sounds playing). */
  hasEmitter(id: number): boolean {
    return this.emitters.has(id);
  }

  /** The sounds playing (clips and beeps, including those fading out). */
  get soundCount(): number {
    return this.voices.length;
  }

  /** Whether the sound with this id is still playing. */
  isPlaying(id: number): boolean {
    return this.byId.has(id);
  }

  /** Stops a sound with a short fade (no click); false when it is not playing. */
  stop(id: number): boolean {
    const voice = this.byId.get(id);
    if (!voice) return false;
    this.#stopVoice(voice);
    return true;
  }

  // ------------------------------------------------------------------------------------------
  // Playing
  // ------------------------------------------------------------------------------------------

  /**
   * Plays `clip` on the music bus with an equal-power crossfade from the current track (looped
   * unless `loop: false`). Returns the sound's id.
   */
  playMusic(clip: AudioClip, options: CrossfadeOptions = {}): number {
    return this.#crossfadeTo(this.music, MUSIC_A, clip, options);
  }

  /** As {@link AudioEngine.playMusic}, on the ambient bus. */
  playAmbient(clip: AudioClip, options: CrossfadeOptions = {}): number {
    return this.#crossfadeTo(this.ambient, AMBIENT_A, clip, options);
  }

  /**
   * Plays a voice line; music is ducked to {@link DUCK_FACTOR} for the line's length
   * (`approximateSeconds` if given, at least 0.1 s; else the clip's length clamped to 0.1 to 30 s).
   * Ducks do not compound: a second line extends the duck.
   */
  playVoice(clip: AudioClip, options: VoiceOptions = {}): number {
    const seconds = options.approximateSeconds === undefined
      ? clamp(clip.duration, 0.1, 30)
      : Math.max(
        nonNegative("approximateSeconds", options.approximateSeconds),
        0.1,
      );
    const id = this.#addClip(VOICE, clip, options, false, null);
    this.#duckFor(seconds);
    return id;
  }

  /**
   * Ducks music for a voice that plays outside this engine (a platform TTS, a stream) for
   * `seconds`, or {@link UNKNOWN_LINE_SECONDS} when its length is not known. Does not compound
   * with other ducks: the longest one wins.
   */
  duckMusic(seconds?: number): void {
    this.#duckFor(seconds === undefined ? UNKNOWN_LINE_SECONDS : nonNegative("seconds", seconds));
  }

  /** Plays a non-spatial sound effect. */
  playSfx(clip: AudioClip, options: PlayOptions = {}): number {
    return this.#addClip(SFX, clip, options, false, null);
  }

  /**
   * Plays `clip` from spatial emitter `emitterId` at `position` (the emitter is created, or moved
   * there). The emitter is removed when its last sound ends.
   */
  play3d(
    emitterId: number,
    clip: AudioClip,
    position: Vec3,
    options: PlayOptions = {},
  ): number {
    this.#checkClip(clip);
    nonNegative("gain", options.gain ?? 1);
    const emitter = this.#emitterAt(emitterId, position);
    return this.#addClip(SPATIAL, clip, options, false, emitter);
  }

  /**
   * Plays a sine beep of `hz` for `seconds` at `gain` on the sfx bus, with a 5 ms attack and
   * release (no click at either end).
   *
   * @throws {AudioError} for a frequency at or above half the sample rate, a negative or
   * non-finite duration or gain.
   */
  playBeep(hz: number, seconds: number, gain: number): number {
    return this.#addTone(SFX, hz, seconds, gain, null);
  }

  /**
   * A voice beep for a line of `textLength` characters: 600 Hz at gain 0.2 for
   * clamp(textLength x 0.05, 0.6, 3) seconds on the voice bus; music ducks for that plus 0.2 s.
   */
  playVoiceBeep(textLength: number): number {
    nonNegative("textLength", textLength);
    const seconds = voiceBeepSeconds(textLength);
    const id = this.#addTone(
      VOICE,
      VOICE_BEEP.hz,
      seconds,
      VOICE_BEEP.gain,
      null,
    );
    this.#duckFor(seconds + 0.2);
    return id;
  }

  /** A beep from spatial emitter `emitterId` at `position`. */
  playBeep3d(
    emitterId: number,
    position: Vec3,
    hz: number,
    seconds: number,
    gain: number,
  ): number {
    checkVec3("emitter position", position);
    this.#checkTone(hz, seconds, gain);
    return this.#addTone(
      SPATIAL,
      hz,
      seconds,
      gain,
      this.#emitterAt(emitterId, position),
    );
  }

  // ------------------------------------------------------------------------------------------
  // Rendering
  // ------------------------------------------------------------------------------------------

  /**
   * Renders the next `frames` frames (at most an hour's worth) into new arrays, one per output
   * channel.
   */
  render(frames: number): Float32Array[] {
    // Bounded: 1e308 frames was a RangeError, and 2^31 asked for 8 GB per channel.
    const most = 3600 * this.sampleRate;
    if (!Number.isInteger(frames) || frames < 0 || frames > most) {
      throw new AudioError(
        "invalid-argument",
        `frames must be a whole number from 0 to ${most} (an hour), got ${shown(frames)}`,
      );
    }
    const out: Float32Array[] = [];
    for (let c = 0; c < this.channels; c++) out.push(new Float32Array(frames));
    this.renderInto(out);
    return out;
  }

  /**
   * Renders the next `out[0].length` frames into `out` (one array per output channel, all the same
   * length), overwriting it. Allocates nothing while the listener and emitters stay put (a move
   * re-pans each affected emitter once, with a few small temporary arrays).
   */
  renderInto(out: Float32Array[]): void {
    if (out.length !== this.channels) {
      throw new AudioError(
        "invalid-argument",
        `expected ${this.channels} output arrays`,
      );
    }
    const frames = out[0].length;
    if (out.some((c) => c.length !== frames)) {
      throw new AudioError(
        "invalid-argument",
        "output arrays must have the same length",
      );
    }
    const stereo = this.channels === 2;
    for (let offset = 0; offset < frames; offset += this.blockSize) {
      const n = Math.min(this.blockSize, frames - offset);
      const targetL = stereo ? out[0] : this.scratchL;
      const targetR = stereo ? out[1] : this.scratchR;
      const base = stereo ? offset : 0;
      targetL.fill(0, base, base + n);
      targetR.fill(0, base, base + n);
      this.#renderBlock(targetL, targetR, base, n);
      if (stereo) {
        limit(targetL, base, n);
        limit(targetR, base, n);
      } else {
        const mono = out[0];
        for (let i = 0; i < n; i++) {
          mono[offset + i] = 0.5 * (targetL[i] + targetR[i]);
        }
        limit(mono, offset, n);
      }
    }
  }

  #renderBlock(
    outL: Float32Array,
    outR: Float32Array,
    base: number,
    n: number,
  ): void {
    this.#updateBusTargets();
    const maxStep = n / this.rampFrames;
    const voices = this.voices;
    for (let v = 0; v < voices.length;) {
      const voice = voices[v];
      if (this.#mixVoice(voice, outL, outR, base, n, maxStep)) {
        v++;
      } else {
        this.#removeVoice(voice);
        const last = voices.pop()!;
        if (last !== voice) voices[v] = last;
      }
    }
    this.#flushPending(outL, outR, base, n);
    this.#flushGroup(outL, outR, base, n);
    const from = this.masterLevel, to = approach(from, this.master, maxStep);
    this.masterLevel = to;
    applyGain(outL, base, n, from, to);
    applyGain(outR, base, n, from, to);
  }

  /** Mixes the gathered voices: eight in one pass, or four, and what remains one by one. */
  #flushGroup(outL: Float32Array, outR: Float32Array, base: number, n: number): void {
    const size = this.groupSize, sources = this.groupSources, from = this.groupFrom;
    const gains = this.groupGains;
    this.groupSize = 0;
    if (size === GROUP) {
      mixEight(sources, from, gains, outL, outR, base, n);
      return;
    }
    let k = 0;
    if (size >= 4) {
      mixFour(sources, from, gains, outL, outR, base, n);
      k = 4;
    }
    for (; k < size; k++) {
      const l = gains[k], r = gains[GROUP + k];
      mixMono(sources[k], from[k], outL, outR, base, n, l, l, r, r, 0, 1);
    }
  }

  /** Mixes the voices waiting (see #gather), in as few passes as their number allows. */
  #flushPending(outL: Float32Array, outR: Float32Array, base: number, n: number): void {
    const count = this.pendingCount;
    if (count === 0) return;
    this.pendingCount = 0;
    const v = this.pendingVoices, s = this.pendingStarts, g = this.pendingGains;
    const a = v[0]!, b = v[1], c = v[2], d = v[3];
    v.fill(null); // nothing kept alive past its block
    if (this.pendingKind === RAMPED_MONO) { // one alone: #gather mixes two at once
      mixMono(a.left!, s[0], outL, outR, base, n, g[0], g[1], g[2], g[3], 0, 1);
      return;
    }
    // Steady tones: l0 = l1 and r0 = r1, so slot k's gains are g[4k + 1] and g[4k + 3].
    if (count === 4) {
      mixToneQuad(
        a,
        s[0],
        g[1],
        g[3],
        b!,
        s[1],
        g[5],
        g[7],
        c!,
        s[2],
        g[9],
        g[11],
        d!,
        s[3],
        g[13],
        g[15],
        outL,
        outR,
        base,
        n,
      );
      return;
    }
    if (count >= 2) mixTonePair(a, s[0], g[1], g[3], b!, s[1], g[5], g[7], outL, outR, base, n);
    if (count === 1) mixTone(a, s[0], outL, outR, base, n, g[1], g[1], g[3], g[3], 0, 1);
    if (count === 3) mixTone(c!, s[2], outL, outR, base, n, g[9], g[9], g[11], g[11], 0, 1);
  }

  /**
   * Adds `voice` (of `kind`, starting at `start`, gains from (l0, r0) to (l1, r1) over the
   * block) to the voices waiting, first mixing those of another kind; mixes them all once there
   * are as many as one pass takes.
   */
  #gather(
    kind: number,
    voice: Voice,
    start: number,
    l0: number,
    l1: number,
    r0: number,
    r1: number,
    outL: Float32Array,
    outR: Float32Array,
    base: number,
    n: number,
  ): void {
    if (this.pendingCount > 0 && this.pendingKind !== kind) this.#flushPending(outL, outR, base, n);
    if (kind === RAMPED_MONO && this.pendingCount === 1) {
      // The pair, straight away (through #flushPending it measured 4% slower on 10 emitters).
      const s = this.pendingStarts, g = this.pendingGains, first = this.pendingVoices[0]!;
      this.pendingCount = 0;
      this.pendingVoices[0] = null;
      mixMonoPair(
        first.left!,
        s[0],
        g[0],
        g[1],
        g[2],
        g[3],
        voice.left!,
        start,
        l0,
        l1,
        r0,
        r1,
        outL,
        outR,
        base,
        n,
      );
      return;
    }
    const k = this.pendingCount++;
    this.pendingKind = kind;
    this.pendingVoices[k] = voice;
    this.pendingStarts[k] = start;
    const g = this.pendingGains;
    g[4 * k] = l0, g[4 * k + 1] = l1, g[4 * k + 2] = r0, g[4 * k + 3] = r1;
    if (k === 3) this.#flushPending(outL, outR, base, n);
  }

  /** Mixes one block of `voice`; returns false when the voice has ended. */
  #mixVoice(
    voice: Voice,
    outL: Float32Array,
    outR: Float32Array,
    base: number,
    n: number,
    maxStep: number,
  ): boolean {
    const stereoInput = voice.right !== null;
    let ll0: number, rl0: number, lr0: number, rr0: number;
    let ll1: number, rl1: number, lr1: number, rr1: number;
    if (voice.steadyAt === this.controlVersion) {
      ll0 = ll1 = voice.ll, rl0 = rl1 = voice.rl, lr0 = lr1 = voice.lr, rr0 = rr1 = voice.rr;
    } else {
      const g = voice.stopping ? 0 : this.busTarget[voice.bus] * voice.gain;
      let tll: number, trl: number, tlr: number, trr: number;
      const emitter = voice.emitter;
      if (emitter) {
        this.#updateEmitter(emitter);
        if (stereoInput) {
          this.#updateEmitterStereo(emitter);
          tll = g * emitter.ll, trl = g * emitter.rl, tlr = g * emitter.lr, trr = g * emitter.rr;
        } else {
          tll = g * emitter.monoL, tlr = g * emitter.monoR, trl = 0, trr = 0;
        }
      } else if (stereoInput) {
        tll = g, trl = 0, tlr = 0, trr = g;
      } else {
        tll = g, tlr = g, trl = 0, trr = 0; // mono to stereo: Web Audio's "speakers" up-mix
      }
      if (voice.fresh) {
        voice.fresh = false;
        voice.ll = tll, voice.rl = trl, voice.lr = tlr, voice.rr = trr;
      }
      ll0 = voice.ll, rl0 = voice.rl, lr0 = voice.lr, rr0 = voice.rr;
      ll1 = approach(ll0, tll, maxStep), lr1 = approach(lr0, tlr, maxStep);
      rl1 = approach(rl0, trl, maxStep), rr1 = approach(rr0, trr, maxStep);
      voice.ll = ll1, voice.lr = lr1, voice.rl = rl1, voice.rr = rr1;
      if (voice.stopping && ll1 === 0 && lr1 === 0 && rl1 === 0 && rr1 === 0) {
        return false;
      }
      if (ll1 === tll && lr1 === tlr && rl1 === trl && rr1 === trr) {
        voice.steadyAt = this.controlVersion;
      }
    }
    if (!stereoInput && voice.position + n < voice.frames) {
      const steady = ll0 === ll1 && lr0 === lr1;
      if (voice.omega === 0 && steady) {
        // The common case (a mono clip at a steady gain for the whole block) is mixed eight
        // voices at a time: one pass over the output instead of eight. Measured on 64 sources:
        // four at a time is 1.5 to 2x faster than one by one, eight another 1.15 to 1.2x.
        if (this.pendingCount > 0) this.#flushPending(outL, outR, base, n);
        const k = this.groupSize++;
        this.groupSources[k] = voice.left!;
        this.groupFrom[k] = voice.position;
        this.groupGains[k] = ll1;
        this.groupGains[GROUP + k] = lr1;
        voice.position += n;
        if (k === GROUP - 1) this.#flushGroup(outL, outR, base, n);
        return true;
      }
      if (voice.omega === 0 || steady) {
        // Mono clips whose gains ramp (a moving listener or emitter) are mixed two at a time,
        // steady tones four at a time: fewer passes over the output, and oscillators whose
        // multiplies overlap (measured: pairs of tones 1.9x faster than one by one, fours another
        // 1.25x; a block of 10 emitters after a listener move 1.2x). The voices wait in #gather; any other write to
        // the block mixes them first, so sounds reach the output in the order they play.
        const start = voice.position;
        voice.position += n;
        const kind = voice.omega === 0 ? RAMPED_MONO : STEADY_TONE;
        this.#gather(kind, voice, start, ll0, ll1, lr0, lr1, outL, outR, base, n);
        return true;
      }
    }
    if (this.pendingCount > 0) this.#flushPending(outL, outR, base, n);

    let done = 0;
    while (done < n) {
      const count = Math.min(n - done, voice.frames - voice.position);
      if (count <= 0) break;
      // Coefficients at the segment's first and last sample, on the block's straight-line ramp.
      const a = done / n, b = (done + count) / n;
      const at = base + done;
      if (voice.omega !== 0) {
        mixTone(voice, voice.position, outL, outR, at, count, ll0, ll1, lr0, lr1, a, b);
      } else if (stereoInput) {
        const srcL = voice.left!, srcR = voice.right!;
        mixStereo(
          srcL,
          srcR,
          voice.position,
          outL,
          outR,
          at,
          count,
          ll0,
          rl0,
          lr0,
          rr0,
          ll1,
          rl1,
          lr1,
          rr1,
          a,
          b,
        );
      } else {
        mixMono(
          voice.left!,
          voice.position,
          outL,
          outR,
          at,
          count,
          ll0,
          ll1,
          lr0,
          lr1,
          a,
          b,
        );
      }
      voice.position += count;
      done += count;
      if (voice.position >= voice.frames) {
        if (!voice.loop) return false;
        voice.position = 0;
      }
    }
    return voice.frames > 0;
  }

  // ------------------------------------------------------------------------------------------
  // Internals
  // ------------------------------------------------------------------------------------------

  #updateBusTargets(): void {
    // Without master: the mix applies it once (see masterLevel).
    const t = this.busTarget;
    for (let b = 0; b < BUS_COUNT; b++) t[b] = BUS_BASE[b] * this.busVolume[b];
    t[MUSIC_A] *= this.duckLevel * this.music.gain(0);
    t[MUSIC_A + 1] *= this.duckLevel * this.music.gain(1);
    t[AMBIENT_A] *= this.ambient.gain(0);
    t[AMBIENT_A + 1] *= this.ambient.gain(1);
  }

  #updateEmitter(emitter: Emitter): void {
    if (emitter.cachedFor === this.listenerVersion) return;
    emitter.cachedFor = this.listenerVersion;
    emitter.stereoFor = -1; // recomputed from the new azimuth when a stereo sound asks
    const frame = this.frame;
    if (this.frameFor !== this.listenerVersion) {
      frame.set(this.listener);
      this.frameFor = this.listenerVersion;
    }
    const gain = distanceGain(frame.distance(emitter.x, emitter.y, emitter.z), this.distance);
    emitter.gain = gain;
    if (this.pan === "none") {
      emitter.monoL = emitter.monoR = gain;
      return;
    }
    const az = frame.azimuth(emitter.x, emitter.y, emitter.z);
    emitter.azimuth = az;
    const x = monoPanPosition(az);
    emitter.monoL = gain * Math.cos(x * Math.PI / 2);
    emitter.monoR = gain * Math.sin(x * Math.PI / 2);
  }

  /** The stereo gains of an emitter whose distance gain and azimuth are up to date. */
  #updateEmitterStereo(emitter: Emitter): void {
    if (emitter.stereoFor === this.listenerVersion) return;
    emitter.stereoFor = this.listenerVersion;
    const gain = emitter.gain;
    if (this.pan === "none") {
      emitter.ll = emitter.rr = gain;
      emitter.rl = emitter.lr = 0;
      return;
    }
    const stereo = equalPowerStereo(emitter.azimuth);
    emitter.ll = gain * stereo[0], emitter.rl = gain * stereo[1];
    emitter.lr = gain * stereo[2], emitter.rr = gain * stereo[3];
  }

  #crossfadeTo(
    fader: Crossfader<Voice>,
    firstBus: number,
    clip: AudioClip,
    options: CrossfadeOptions,
  ): number {
    const seconds = nonNegative("crossfade", options.crossfade ?? 1);
    this.#checkClip(clip);
    const bus = firstBus + (1 - fader.active);
    const id = this.#addClip(bus, clip, options, true, null);
    this.controlVersion++;
    const evicted = fader.start(this.byId.get(id)!, seconds);
    if (evicted) this.#stopVoice(evicted);
    return id;
  }

  #duckFor(seconds: number): void {
    this.duckSeconds = Math.max(this.duckSeconds, seconds);
  }

  #emitterAt(id: number, position: Vec3): Emitter {
    finite("emitter id", id);
    checkVec3("emitter position", position);
    let emitter = this.emitters.get(id);
    if (!emitter) {
      emitter = new Emitter(id, position);
      this.emitters.set(id, emitter);
    } else {
      [emitter.x, emitter.y, emitter.z] = position;
      emitter.cachedFor = -1;
      this.controlVersion++;
    }
    return emitter;
  }

  #checkClip(clip: AudioClip): void {
    if (!(clip instanceof AudioClip)) {
      throw new AudioError("invalid-argument", "expected an AudioClip");
    }
    if (clip.sampleRate !== this.sampleRate) {
      throw new AudioError(
        "invalid-sample-rate",
        `clip is at ${clip.sampleRate} Hz, the engine at ${this.sampleRate} Hz (use clip.resampled)`,
      );
    }
  }

  #checkTone(hz: number, seconds: number, gain: number): void {
    positive("beep frequency", hz);
    // A step of 0 radians per frame marks a clip voice: a tone of 5e-324 Hz was mixed as a clip
    // without samples, and every later render threw a TypeError.
    if (2 * Math.PI * hz / this.sampleRate === 0) {
      throw new AudioError("invalid-argument", `beep frequency ${hz} Hz is too low to play`);
    }
    if (hz >= this.sampleRate / 2) {
      throw new AudioError(
        "invalid-argument",
        `beep frequency ${hz} Hz is not below half the sample rate (${this.sampleRate / 2} Hz)`,
      );
    }
    nonNegative("beep seconds", seconds);
    nonNegative("beep gain", gain);
  }

  #addClip(
    bus: number,
    clip: AudioClip,
    options: PlayOptions,
    defaultLoop: boolean,
    emitter: Emitter | null,
  ): number {
    this.#checkClip(clip);
    const gain = nonNegative("gain", options.gain ?? 1);
    const [left, right = null] = clip.channels;
    return this.#addVoice(
      new Voice(
        this.nextId++,
        bus,
        left,
        right,
        clip.frames,
        options.loop ?? defaultLoop,
        gain,
        emitter,
        0,
        0,
      ),
    );
  }

  #addTone(
    bus: number,
    hz: number,
    seconds: number,
    gain: number,
    emitter: Emitter | null,
  ): number {
    this.#checkTone(hz, seconds, gain);
    const frames = Math.round(seconds * this.sampleRate);
    const edge = Math.max(
      1,
      Math.min(Math.round(BEEP_EDGE_SECONDS * this.sampleRate), frames >> 1),
    );
    const omega = 2 * Math.PI * hz / this.sampleRate;
    return this.#addVoice(
      new Voice(
        this.nextId++,
        bus,
        null,
        null,
        frames,
        false,
        gain,
        emitter,
        omega,
        edge,
      ),
    );
  }

  #addVoice(voice: Voice): number {
    if (voice.emitter) voice.emitter.sounds++;
    this.voices.push(voice);
    this.byId.set(voice.id, voice);
    return voice.id;
  }

  #stopVoice(voice: Voice): void {
    voice.stopping = true;
    this.controlVersion++;
    this.music.release(voice);
    this.ambient.release(voice);
  }

  /** Forgets a voice that ended (the caller takes it out of the voice list). */
  #removeVoice(voice: Voice): void {
    this.byId.delete(voice.id);
    this.music.release(voice);
    this.ambient.release(voice);
    const emitter = voice.emitter;
    if (emitter && --emitter.sounds === 0) this.emitters.delete(emitter.id);
  }
}

/** Seconds of a voice beep for a line of `textLength` characters. */
export function voiceBeepSeconds(textLength: number): number {
  return clamp(
    textLength * VOICE_BEEP.secondsPerChar,
    VOICE_BEEP.min,
    VOICE_BEEP.max,
  );
}

function busIndexes(bus: BusName): number[] {
  switch (bus) {
    case "music":
      return [MUSIC_A, MUSIC_A + 1];
    case "ambient":
      return [AMBIENT_A, AMBIENT_A + 1];
    case "voice":
      return [VOICE];
    case "sfx":
      return [SFX];
    case "spatial":
      return [SPATIAL];
    default:
      throw new AudioError("invalid-argument", `unknown bus ${shown(bus)}`);
  }
}
