/**
 * astraweave-audio benchmarks: the groups and names of the Rust original (`audio_engine_new`,
 * `audio_tick`, `spatial_audio`, `volume_control`, `beep_generation`), which never ran headless
 * (rodio needs a sound card), plus `mix`, which the original never measured: rendering one second
 * of 48 kHz stereo with 1, 16 and 64 sources.
 *
 * Peer, in the same run: `node-web-audio-api` (a Rust Web Audio engine, loaded through npm)
 * rendering the same graph with an `OfflineAudioContext`: per source, an `AudioBufferSourceNode`
 * playing a 1 s mono clip, a `GainNode` and a `StereoPannerNode`, into the destination; 1 s at
 * 48 kHz. Both sides build the graph and render the second inside each call (an offline context
 * renders once), from the same clip, gains and pans; ours places each source as a spatial
 * emitter at the azimuth that gives the same equal-power pan. The graph is declared once in
 * `_audio_graph.ts`; `astraweave-audio_test.ts` proves both render the same samples (to 1e-5).
 *
 * Operations that take a few nanoseconds run 1,000 times per call (declared as throughput), so
 * the measured time stays above the harness floor.
 *
 * @module
 */

import { AudioEngine, type ListenerPose } from "@astraweave/audio";
import { OfflineAudioContext } from "node-web-audio-api";
import { benchCrate, consume, ms, us } from "@astraweave/bench-protocol";
import { buildPeer, clip, peerClip, playOurs, positionsFor, RATE } from "./_audio_graph.ts";

const bench = benchCrate("astraweave-audio");
const BLOCK = 128;
const BATCH = 1000;
const block = [new Float32Array(BLOCK), new Float32Array(BLOCK)];

/** Listener poses walking a circle, so every call moves the listener somewhere new. */
const poses: ListenerPose[] = Array.from({ length: 64 }, (_, i) => {
  const a = (2 * Math.PI * i) / 64;
  return {
    position: [Math.cos(a), 0, Math.sin(a)],
    forward: [-Math.sin(a), 0, Math.cos(a)],
    up: [0, 1, 0],
  };
});

/** An engine with `n` looping sources: half spatial emitters around the listener, half sfx. */
function engineWithSources(n: number): AudioEngine {
  const engine = new AudioEngine({ sampleRate: RATE });
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      const a = (2 * Math.PI * i) / n;
      engine.play3d(i, clip, [3 * Math.cos(a), 0, 3 * Math.sin(a)], { loop: true, gain: 0.05 });
    } else {
      engine.playSfx(clip, { loop: true, gain: 0.05 });
    }
  }
  return engine;
}

// ---------------------------------------------------------------------------------------------
// audio_engine_new
// ---------------------------------------------------------------------------------------------

bench({
  group: "audio_engine_new",
  name: "audio_engine_new",
  budget: us(20, "creating an engine is a load-time cost: 50 per millisecond"),
  fn: () => consume(new AudioEngine()),
});

// ---------------------------------------------------------------------------------------------
// audio_tick: the control step of one 60 FPS frame; O(1) in the number of sources
// ---------------------------------------------------------------------------------------------

for (const sources of [0, 10, 50, 100]) {
  const engine = engineWithSources(sources);
  engine.playMusic(clip, { crossfade: 1 });
  bench({
    group: "audio_tick",
    name: `${sources}_sources`,
    family: "audio_tick",
    size: { value: sources, unit: "sources" },
    budget: us(1, "1/16000 of a 60 FPS frame: the tick touches no source, so its cost is fixed"),
    fn: () => {
      engine.tick(1 / 60);
      consume(engine.duck);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// spatial_audio: moving the listener is a pose store; its cost is the re-pan at the next block,
// so each call moves the listener, ticks, and renders one 128-frame block (2.67 ms of audio).
// ---------------------------------------------------------------------------------------------

for (
  const [name, emitters] of [["listener_movement_single_emitter", 1], [
    "listener_movement_10_emitters",
    10,
  ]] as const
) {
  const engine = new AudioEngine({ sampleRate: RATE });
  for (let i = 0; i < emitters; i++) {
    engine.play3d(i, clip, [2 * i - emitters, 0, -2], { loop: true, gain: 0.1 });
  }
  let step = 0;
  bench({
    group: "spatial_audio",
    name,
    budget: us(2.67 * 1000 / 200, "one 2.67 ms block at 200x real time"),
    fn: () => {
      engine.setListener(poses[step++ & 63]);
      engine.tick(1 / 60);
      engine.renderInto(block);
      consume(block[0][0]);
    },
  });
}

{
  const engine = engineWithSources(10);
  bench({
    group: "spatial_audio",
    name: "pan_mode_switching",
    budget: us(20, "1,000 switches in 1/800 of a 60 FPS frame"),
    throughput: { elements: BATCH },
    fn: () => {
      for (let i = 0; i < BATCH; i++) engine.setPanMode(i & 1 ? "none" : "equal-power");
      consume(engine.panMode);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// volume_control
// ---------------------------------------------------------------------------------------------

{
  const engine = new AudioEngine();
  bench({
    group: "volume_control",
    name: "master_volume_set",
    budget: us(20, "1,000 volume changes in 1/800 of a 60 FPS frame"),
    throughput: { elements: BATCH },
    fn: () => {
      for (let i = 0; i < BATCH; i++) engine.setMasterVolume((i & 255) / 255);
      consume(engine.masterVolume);
    },
  });
}

{
  // 20 beeps playing (an hour long, so they outlast the run); the new volume reaches them,
  // ramped, in the next block, which each call renders.
  const engine = new AudioEngine({ sampleRate: RATE });
  for (let i = 0; i < 20; i++) engine.playBeep(200 + 40 * i, 3600, 0.04);
  let step = 0;
  bench({
    group: "volume_control",
    name: "master_volume_with_active_sounds",
    budget: us(2.67 * 1000 / 200, "one 2.67 ms block at 200x real time"),
    fn: () => {
      engine.setMasterVolume((step++ & 1) === 0 ? 0.5 : 1);
      engine.renderInto(block);
      consume(block[0][0]);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// beep_generation: starting a beep (the tone is synthesized as it renders). A fresh engine
// every 1,000 calls keeps the unrendered beeps from piling up (amortized: about 1 ns per call).
// ---------------------------------------------------------------------------------------------

function beepBench(name: string, play: (engine: AudioEngine) => number): void {
  let engine = new AudioEngine();
  let calls = 0;
  bench({
    group: "beep_generation",
    name,
    budget: us(2, "500 beeps started per millisecond"),
    fn: () => {
      if (++calls === 1000) {
        engine = new AudioEngine();
        calls = 0;
      }
      consume(play(engine));
    },
  });
}
beepBench("sfx_beep", (engine) => engine.playBeep(440, 0.2, 0.5));
beepBench("voice_beep", (engine) => engine.playVoiceBeep(42));
beepBench("3d_beep", (engine) => engine.playBeep3d(7, [2, 0, -3], 660, 0.2, 0.5));

// ---------------------------------------------------------------------------------------------
// mix: one second of 48 kHz stereo, graph built and rendered in each call, ours and the peer's
// ---------------------------------------------------------------------------------------------

const second = [new Float32Array(RATE), new Float32Array(RATE)];
const peerBuffer = peerClip();

for (const sources of [1, 16, 64]) {
  const positions = positionsFor(sources);
  const ours = `render_1s/${sources}`;
  bench({
    group: "mix",
    name: ours,
    size: { value: sources, unit: "sources" },
    throughput: { elements: RATE * sources },
    budget: ms(1000 / 200, "one second of audio at 200x real time"),
    fn: () => {
      const engine = new AudioEngine({ sampleRate: RATE });
      playOurs(engine, positions);
      engine.renderInto(second);
      consume(second[0][RATE - 1]);
    },
  });
  bench({
    group: "mix",
    name: `web_audio_render_1s/${sources}`,
    size: { value: sources, unit: "sources" },
    throughput: { elements: RATE * sources },
    peer: "node-web-audio-api",
    versus: ours,
    fn: async () => {
      const context = new OfflineAudioContext({
        numberOfChannels: 2,
        length: RATE,
        sampleRate: RATE,
      });
      buildPeer(context, peerBuffer, sources);
      const rendered = await context.startRendering();
      consume(rendered.getChannelData(0)[RATE - 1]);
    },
  });
}
