// The mix bench compares like with like: our engine and node-web-audio-api render the same graph
// to the same samples.
import assert from "node:assert/strict";
import { AudioEngine } from "@astraweave/audio";
import { OfflineAudioContext } from "node-web-audio-api";
import { buildPeer, peerClip, playOurs, positionsFor, RATE } from "./_audio_graph.ts";

Deno.test("64-source mix: ours equals node-web-audio-api's on the same graph", async () => {
  const engine = new AudioEngine({ sampleRate: RATE });
  playOurs(engine, positionsFor(64));
  const ours = engine.render(RATE);
  const context = new OfflineAudioContext({ numberOfChannels: 2, length: RATE, sampleRate: RATE });
  buildPeer(context, peerClip(), 64);
  const theirs = await context.startRendering();
  for (let c = 0; c < 2; c++) {
    const expected = theirs.getChannelData(c);
    let worst = 0, peak = 0;
    for (let i = 0; i < RATE; i++) {
      worst = Math.max(worst, Math.abs(ours[c][i] - expected[i]));
      peak = Math.max(peak, Math.abs(expected[i]));
    }
    assert.ok(peak > 0.3 && peak < 1, `peak ${peak}`); // a real signal, and no clipping on either side
    assert.ok(worst < 1e-5, `channel ${c}: largest difference ${worst}`);
  }
});
