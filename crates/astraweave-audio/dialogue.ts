/**
 * Dialogue audio: which sound a line of dialogue plays, in the Rust engine's order. Subtitle
 * callback first, then the line's override file from the voice bank's map, then a file from the
 * speaker's bank, then text to speech, then a voice beep.
 *
 * The voice bank is TOML:
 *
 * ```toml
 * [speakers.Ann]
 * folder = "voices/ann"
 * files = ["hello.wav", "hey.wav"]   # optional: else every .wav file in the folder
 * tts_voice = "alto"                 # optional: passed to the TTS adapter
 *
 * [map.intro]
 * n0 = "voices/intro/ann_n0.wav"     # dialogue "intro", node "n0"
 * ```
 *
 * @module
 */

import { parse } from "smol-toml";
import { AudioClip } from "./clip.ts";
import type { AudioEngine } from "./engine.ts";
import { AudioError, clamp } from "./errors.ts";

/** One speaker's recorded lines. */
export interface SpeakerBank {
  /** Folder the speaker's files are in. */
  folder: string;
  /** File names in `folder`; empty: every `.wav` file in it. */
  files: string[];
  /** Voice name for the TTS adapter. */
  ttsVoice?: string;
}

/** A parsed voice bank. */
export interface VoiceBank {
  /** Speakers by name. */
  speakers: Map<string, SpeakerBank>;
  /** Override files: dialogue id, then node id, to path. */
  map: Map<string, Map<string, string>>;
}

const bad = (message: string) => new AudioError("invalid-voice-bank", message);
const isTable = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

/**
 * Parses a voice bank from TOML.
 *
 * @throws {AudioError} `invalid-voice-bank` for bad TOML or a field of the wrong type, named.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseVoiceBank } from "@astraweave/audio";
 * const bank = parseVoiceBank('[speakers.Ann]\nfolder = "ann"\n[map.intro]\nn0 = "a.wav"\n');
 * assert.equal(bank.speakers.get("Ann")?.folder, "ann");
 * assert.equal(bank.map.get("intro")?.get("n0"), "a.wav");
 * ```
 */
export function parseVoiceBank(toml: string): VoiceBank {
  let doc: Record<string, unknown>;
  try {
    doc = parse(toml) as Record<string, unknown>;
  } catch (error) {
    throw bad(`voice bank is not valid TOML: ${(error as Error).message.split("\n")[0]}`);
  }
  const speakers = new Map<string, SpeakerBank>();
  const map = new Map<string, Map<string, string>>();
  const speakerTable = doc.speakers ?? {};
  if (!isTable(speakerTable)) throw bad("speakers must be a table");
  for (const [name, value] of Object.entries(speakerTable)) {
    const at = `speakers.${name}`;
    if (!isTable(value)) throw bad(`${at} must be a table`);
    if (typeof value.folder !== "string") throw bad(`${at}.folder must be a string`);
    const files = value.files ?? [];
    if (!Array.isArray(files) || !files.every((f) => typeof f === "string")) {
      throw bad(`${at}.files must be a list of strings`);
    }
    if (value.tts_voice !== undefined && typeof value.tts_voice !== "string") {
      throw bad(`${at}.tts_voice must be a string`);
    }
    speakers.set(name, {
      folder: value.folder,
      files: files as string[],
      ttsVoice: value.tts_voice as string | undefined,
    });
  }
  const mapTable = doc.map ?? {};
  if (!isTable(mapTable)) throw bad("map must be a table");
  for (const [dialogue, nodes] of Object.entries(mapTable)) {
    if (!isTable(nodes)) throw bad(`map.${dialogue} must be a table`);
    const byNode = new Map<string, string>();
    for (const [node, path] of Object.entries(nodes)) {
      if (typeof path !== "string") throw bad(`map.${dialogue}.${node} must be a path string`);
      byNode.set(node, path);
    }
    map.set(dialogue, byNode);
  }
  return { speakers, map };
}

/** Where the dialogue player reads sound files from (the disk, an archive, a test's map). */
export interface FileSource {
  /** The bytes of `path`, or undefined when there is no such file. */
  read(path: string): Uint8Array | undefined;
  /** The names of the files in `folder` (not paths), or an empty list. */
  list(folder: string): string[];
}

/** A {@link FileSource} over the file system (needs read permission). */
export function diskFiles(): FileSource {
  return {
    read(path) {
      try {
        return Deno.readFileSync(path);
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return undefined;
        throw error;
      }
    },
    list(folder) {
      try {
        return [...Deno.readDirSync(folder)].filter((e) => e.isFile).map((e) => e.name);
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return [];
        throw error;
      }
    },
  };
}

/** Text to speech: a clip for `text` in `voice` (the speaker's `tts_voice`), or undefined. */
export interface TtsAdapter {
  /** Speaks `text`; returns undefined when it cannot. */
  synthesize(text: string, voice?: string): AudioClip | undefined;
}

/**
 * The Rust engine's stand-in TTS: a 220 Hz sine at amplitude 0.3 and 22,050 Hz, lasting
 * clamp(text length / 12, 0.5, 8) seconds (with 5 ms edges, so it does not click).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SimpleSineTts } from "@astraweave/audio";
 * assert.equal(new SimpleSineTts().synthesize("x".repeat(24)).duration, 2);
 * ```
 */
export class SimpleSineTts implements TtsAdapter {
  /** A clip of a sine as long as the text deserves. */
  synthesize(text: string): AudioClip {
    const rate = 22_050;
    const frames = Math.round(clamp(text.length / 12, 0.5, 8) * rate);
    const edge = Math.round(0.005 * rate);
    const data = new Float32Array(frames);
    for (let i = 0; i < frames; i++) {
      const envelope = Math.min(1, i / edge, (frames - 1 - i) / edge);
      data[i] = 0.3 * envelope * Math.sin((2 * Math.PI * 220 * i) / rate);
    }
    return new AudioClip(rate, [data]);
  }
}

/** What a spoken line played. */
export interface SpokenLine {
  /** Which source was used. */
  kind: "override" | "bank" | "tts" | "beep";
  /** The file played, for `override` and `bank`. */
  path?: string;
  /** The engine's id of the sound. */
  soundId: number;
}

/** Options of {@link DialoguePlayer}. */
export interface DialoguePlayerOptions {
  /** Where files are read from (default: the disk). */
  files?: FileSource;
  /** Text to speech, used when there is no recorded line. */
  tts?: TtsAdapter;
  /** Called first for every line, with the speaker and the text. */
  onSubtitle?: (speaker: string, text: string) => void;
  /** Seed of the choice among a speaker's files (default 0). */
  seed?: number;
}

/**
 * Plays dialogue lines on an engine's voice bus (ducking music), choosing the sound as the Rust
 * `DialoguePlayer::speak_current` does, with a seeded choice among a speaker's files so that the
 * same seed and lines always pick the same files.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { AudioEngine, DialoguePlayer, parseVoiceBank } from "@astraweave/audio";
 * const subtitles: string[] = [];
 * const player = new DialoguePlayer(new AudioEngine(), parseVoiceBank(""), {
 *   files: { read: () => undefined, list: () => [] },
 *   onSubtitle: (speaker, text) => subtitles.push(`${speaker}: ${text}`),
 * });
 * assert.equal(player.speak("intro", "n0", "Ann", "Hello!").kind, "beep");
 * assert.deepEqual(subtitles, ["Ann: Hello!"]);
 * ```
 */
export class DialoguePlayer {
  readonly #engine: AudioEngine;
  readonly #bank: VoiceBank;
  readonly #files: FileSource;
  readonly #tts?: TtsAdapter;
  readonly #onSubtitle?: (speaker: string, text: string) => void;
  #state: number;

  /** A player for `engine` with the voice bank `bank`. */
  constructor(engine: AudioEngine, bank: VoiceBank, options: DialoguePlayerOptions = {}) {
    this.#engine = engine;
    this.#bank = bank;
    this.#files = options.files ?? diskFiles();
    this.#tts = options.tts;
    this.#onSubtitle = options.onSubtitle;
    this.#state = (options.seed ?? 0) >>> 0;
  }

  /**
   * Speaks node `node` of dialogue `dialogue`: `speaker` says `text`.
   *
   * @throws {AudioError} when a chosen file is not a WAV file this crate reads (the message names
   * the file).
   */
  speak(dialogue: string, node: string, speaker: string, text: string): SpokenLine {
    this.#onSubtitle?.(speaker, text);
    const override = this.#bank.map.get(dialogue)?.get(node);
    if (override !== undefined) {
      const bytes = this.#files.read(override);
      if (bytes) return { kind: "override", path: override, soundId: this.#play(override, bytes) };
    }
    const bank = this.#bank.speakers.get(speaker);
    if (bank) {
      const names = bank.files.length
        ? bank.files
        : this.#files.list(bank.folder).filter((n) => n.toLowerCase().endsWith(".wav")).sort();
      if (names.length) {
        const path = joinPath(bank.folder, names[this.#next(names.length)]);
        const bytes = this.#files.read(path);
        if (bytes) return { kind: "bank", path, soundId: this.#play(path, bytes) };
      }
    }
    const spoken = this.#tts?.synthesize(text, bank?.ttsVoice);
    if (spoken) {
      return {
        kind: "tts",
        soundId: this.#engine.playVoice(spoken.resampled(this.#engine.sampleRate)),
      };
    }
    return { kind: "beep", soundId: this.#engine.playVoiceBeep(text.length) };
  }

  #play(path: string, bytes: Uint8Array): number {
    let clip: AudioClip;
    try {
      clip = AudioClip.fromWav(bytes, this.#engine.sampleRate);
    } catch (error) {
      if (error instanceof AudioError) {
        throw new AudioError(error.code, `${path}: ${error.message}`);
      }
      throw error;
    }
    return this.#engine.playVoice(clip);
  }

  /** A seeded index below `n` (mulberry32: small, fast, and the same on every platform). */
  #next(n: number): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  }
}

function joinPath(folder: string, name: string): string {
  return folder === "" || folder.endsWith("/") ? folder + name : `${folder}/${name}`;
}
