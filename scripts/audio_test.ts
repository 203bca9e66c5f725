// The audio tool, run as a real process the way `deno task audio` runs it.
import assert from "node:assert/strict";
import { withTempDir } from "@astraweave/testing";
import { decodeWav, encodeWav } from "@astraweave/audio";
import { assertUsageError, runTask } from "./task_testing.ts";

const audio = (args: string[]) => runTask("audio", args);

Deno.test("audio render writes the scene's mix; info describes it", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/tone.wav`, encodeWav([new Float32Array(22050).fill(0.25)], 22050));
    await Deno.writeTextFile(
      `${dir}/scene.json`,
      JSON.stringify({
        sampleRate: 48000,
        seconds: 2,
        events: [
          { time: 0, bus: "sfx", clip: "tone.wav", gain: 1 },
          {
            time: 1,
            bus: "spatial",
            emitter: 1,
            position: [-1, 0, 0],
            beep: { hz: 440, seconds: 0.5, gain: 0.5 },
          },
        ],
      }),
    );
    const run = await audio([
      "render",
      `${dir}/scene.json`,
      "--out",
      `${dir}/mix.wav`,
      "--seconds",
      "1.5",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const wav = decodeWav(await Deno.readFile(`${dir}/mix.wav`));
    assert.equal(wav.frames, 72000);
    assert.ok(Math.abs(wav.channels[0][1000] - 0.25) < 1e-4);
    assert.equal(wav.channels[1][60000], 0); // the hard-left beep has nothing on the right
    assert.ok(wav.channels[0].slice(48000, 72000).some((x) => Math.abs(x) > 0.4));
    const info = await audio(["info", `${dir}/mix.wav`]);
    assert.equal(info.code, 0, info.stderr);
    assert.match(
      info.stdout,
      /format: pcm16\nsample rate: 48000 Hz\nchannels: 2\nframes: 72000\nduration: 1\.500000 s\npeak: 0\.5/,
    );
  });
});

Deno.test("audio: --help on every command, bad input is one line and exit 2", async () => {
  for (const args of [["--help"], ["render", "--help"], ["info", "--help"]]) {
    const run = await audio(args);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: deno task audio/);
  }
  await withTempDir(async (dir) => {
    await Deno.writeFile(`${dir}/bad.wav`, new Uint8Array(20));
    await Deno.writeTextFile(`${dir}/scene.json`, JSON.stringify({ events: [{ time: -1 }] }));
    await Deno.writeTextFile(`${dir}/empty.json`, JSON.stringify({ seconds: 0.1, events: [] }));
    await Deno.writeTextFile(
      `${dir}/far.json`,
      JSON.stringify({
        events: [{ time: 1e9, bus: "sfx", beep: { hz: 440, seconds: 1, gain: 1 } }],
      }),
    );
    await Deno.writeTextFile(
      `${dir}/clip.json`,
      JSON.stringify({ events: [{ time: 0, bus: "sfx", clip: "gone.wav" }] }),
    );
    for (
      const [args, message] of [
        [["play"], /unknown command "play"/],
        [["info"], /expected one FILE\.wav/],
        [["info", `${dir}/missing.wav`], /cannot read .*missing\.wav: no such file$/],
        [["info", dir], /: is a directory$/],
        [["render", dir, "--out", `${dir}/o.wav`], /: is a directory$/],
        [["render", `${dir}/empty.json`, "--out", dir], /cannot write .*: is a directory$/],
        [["render", `${dir}/clip.json`, "--out", `${dir}/o.wav`], /gone\.wav: no such file$/],
        // It used to die with an uncaught RangeError from the allocator.
        [
          ["render", `${dir}/far.json`, "--out", `${dir}/o.wav`],
          /time must be a number from 0 to 3600/,
        ],
        [["info", `${dir}/bad.wav`], /corrupt WAV: no RIFF signature/],
        [["render", `${dir}/scene.json`], /--out FILE\.wav is required/],
        [["render", `${dir}/scene.json`, "--out", `${dir}/o.wav`], /events\[0\]\.time/],
        [
          ["render", `${dir}/scene.json`, "--out", `${dir}/o.wav`, "--seconds", "-2"],
          /--seconds must be/,
        ],
      ] as const
    ) {
      assertUsageError(await audio([...args]), "audio", message);
    }
  });
});
