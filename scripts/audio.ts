/**
 * `deno task audio`: render a scene file to WAV, or describe a WAV file. A thin layer over
 * `@astraweave/audio`.
 *
 * ```sh
 * deno task audio render scene.json --out mix.wav --seconds 10
 * deno task audio info mix.wav
 * ```
 *
 * Exit status: 0 on success, 2 on bad input (one line on stderr).
 *
 * @module
 */

import { dirname, resolve } from "node:path";
import {
  AudioClip,
  AudioError,
  decodeWav,
  encodeWav,
  parseScene,
  renderScene,
  type WavEncoding,
} from "@astraweave/audio";
import {
  numberOption,
  parseCli,
  parseJsonText,
  type Progress,
  progress,
  readUserFile,
  readUserText,
  resolveUserPath,
  runCli,
  runCommand,
  UsageError,
  writeUserFile,
} from "./cli.ts";

const HELP: Record<string, string> = {
  main: `Usage: deno task audio <command> [options]

Render a scene to a WAV file, or describe a WAV file.

Commands:
  render SCENE.json --out FILE.wav [--seconds S] [--float]
                   mix the scene's clips, beeps, emitters and listener path into a WAV file
  info FILE.wav    print format, sample rate, channels, duration and peak

Run "deno task audio <command> --help" for a command's details.
Exit status: 0 success, 2 bad input.`,
  render: `Usage: deno task audio render SCENE.json --out FILE.wav [--seconds S] [--float]

Renders SCENE.json offline (stereo, at the scene's sampleRate, default 48000) and writes a WAV
file: 16-bit PCM, or 32-bit float with --float. Clip paths in the scene are relative to the scene
file. The scene: {"sampleRate", "seconds", "masterVolume", "listener": [{"time", "position",
"forward", "up"}], "events": [{"time", "bus": music|ambient|voice|sfx|spatial, "clip": PATH |
"beep", "gain", "loop", "crossfade", "emitter", "position"}]}. A beep is {"hz", "seconds",
"gain"} on the sfx and spatial buses, {"text"} on the voice bus; music and ambient play clips.
A spatial event needs "emitter" (a number) and "position" ([x, y, z]).
Example: {"events": [{"time": 0, "bus": "sfx", "beep": {"hz": 440, "seconds": 0.5, "gain": 0.5}},
{"time": 1, "bus": "spatial", "emitter": 1, "position": [3, 0, 0], "clip": "step.wav"}]}

Options:
  --out FILE      the WAV file to write
  --seconds S     length of the render (overrides the scene's "seconds"), 0 to 3600
  --float         write 32-bit float samples instead of 16-bit PCM

A render lasts at most 3600 s and 172,800,000 frames (an hour at 48 kHz). On a terminal, a
progress line on stderr counts the frames.`,
  info: `Usage: deno task audio info FILE.wav

Prints the sample format, sample rate, channels, frames, duration and peak (linear and dBFS) of a
WAV file (PCM 8/16/24/32-bit or float32, mono or stereo).`,
};

const help = { help: { type: "boolean", short: "h" } } as const;

function render(args: string[]): number {
  const { values, positionals } = parseCli(args, {
    ...help,
    out: { type: "string" },
    seconds: { type: "string" },
    float: { type: "boolean" },
  });
  if (values.help) return (console.log(HELP.render), 0);
  if (positionals.length !== 1) throw new UsageError("expected one SCENE.json (see --help)");
  if (typeof values.out !== "string") throw new UsageError("--out FILE.wav is required");
  const seconds = numberOption(values, "seconds", { min: 0, max: 3600 });
  const scenePath = resolveUserPath(positionals[0]);
  const scene = parseScene(parseJsonText(readUserText(scenePath), scenePath));
  const base = dirname(scenePath);
  let shownProgress: Progress | undefined;
  const { sampleRate, channels } = renderScene(scene, {
    seconds,
    onProgress: (done, total) => (shownProgress ??= progress("audio: frames", total)).update(done),
    loadClip: (path, rate) => {
      const file = resolve(base, path);
      try {
        return AudioClip.fromWav(readUserFile(file), rate);
      } catch (error) {
        if (error instanceof AudioError) throw new UsageError(`${file}: ${error.message}`);
        throw error;
      }
    },
  });
  shownProgress?.end();
  const encoding: WavEncoding = values.float ? "float32" : "pcm16";
  const outPath = resolveUserPath(values.out);
  writeUserFile(outPath, encodeWav(channels, sampleRate, encoding));
  console.log(
    `wrote ${outPath}: ${(channels[0].length / sampleRate).toFixed(3)} s, ${sampleRate} Hz, ` +
      `stereo, ${encoding}`,
  );
  return 0;
}

function info(args: string[]): number {
  const { values, positionals } = parseCli(args, help);
  if (values.help) return (console.log(HELP.info), 0);
  if (positionals.length !== 1) throw new UsageError("expected one FILE.wav (see --help)");
  const path = resolveUserPath(positionals[0]);
  let wav;
  try {
    wav = decodeWav(readUserFile(path));
  } catch (error) {
    if (error instanceof AudioError) throw new UsageError(`${path}: ${error.message}`);
    throw error;
  }
  let peak = 0;
  for (const channel of wav.channels) {
    for (let i = 0; i < channel.length; i++) peak = Math.max(peak, Math.abs(channel[i]));
  }
  const dbfs = peak === 0 ? "-inf" : (20 * Math.log10(peak)).toFixed(2);
  console.log(
    [
      `file: ${path}`,
      `format: ${wav.format}`,
      `sample rate: ${wav.sampleRate} Hz`,
      `channels: ${wav.channels.length}`,
      `frames: ${wav.frames}`,
      `duration: ${(wav.frames / wav.sampleRate).toFixed(6)} s`,
      `peak: ${peak.toFixed(6)} (${dbfs} dBFS)`,
    ].join("\n"),
  );
  return 0;
}

if (import.meta.main) {
  await runCli("audio", () => runCommand(Deno.args, { render, info }, HELP.main), [AudioError]);
}
