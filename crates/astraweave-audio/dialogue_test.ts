import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import {
  AudioEngine,
  AudioError,
  DialoguePlayer,
  encodeWav,
  type FileSource,
  parseVoiceBank,
  SimpleSineTts,
} from "./mod.ts";

const BANK = `
[speakers.Ann]
folder = "voices/ann"
files = ["a.wav", "b.wav", "c.wav"]
tts_voice = "alto"

[speakers.Bo]
folder = "voices/bo"

[map.intro]
n0 = "lines/intro_n0.wav"
n1 = "lines/missing.wav"
`;

function filesOf(paths: Record<string, Uint8Array>): FileSource {
  return {
    read: (path) => paths[path],
    list: (folder) =>
      Object.keys(paths).filter((p) => p.startsWith(`${folder}/`)).map((p) =>
        p.slice(folder.length + 1)
      ),
  };
}

const wav = encodeWav([new Float32Array(4410).fill(0.1)], 44100);
const files = filesOf({
  "lines/intro_n0.wav": wav,
  "voices/ann/a.wav": wav,
  "voices/ann/b.wav": wav,
  "voices/ann/c.wav": wav,
  "voices/bo/x.wav": wav,
  "voices/bo/notes.txt": new Uint8Array(1),
});

Deno.test("subtitle first, then override, then the speaker's bank, then TTS, then a beep", () => {
  const engine = new AudioEngine();
  const subtitles: string[] = [];
  const spoken: string[] = [];
  const tts = {
    synthesize(text: string, voice?: string) {
      spoken.push(`${voice}:${text}`);
      return new SimpleSineTts().synthesize(text);
    },
  };
  const player = new DialoguePlayer(engine, parseVoiceBank(BANK), {
    files,
    tts,
    onSubtitle: (speaker, text) => subtitles.push(`${speaker}: ${text}`),
  });
  assert.deepEqual(player.speak("intro", "n0", "Ann", "Hi"), {
    kind: "override",
    path: "lines/intro_n0.wav",
    soundId: 1,
  });
  // n1's override file does not exist: the speaker's bank answers.
  assert.equal(player.speak("intro", "n1", "Ann", "Yes").kind, "bank");
  assert.equal(player.speak("other", "n0", "Bo", "Hm").path, "voices/bo/x.wav");
  assert.equal(player.speak("other", "n0", "Cy", "Who?").kind, "tts");
  assert.deepEqual(spoken, ["undefined:Who?"]);
  const silent = new DialoguePlayer(engine, parseVoiceBank(""), { files });
  assert.equal(silent.speak("x", "y", "Ann", "Beep").kind, "beep");
  assert.deepEqual(subtitles, ["Ann: Hi", "Ann: Yes", "Bo: Hm", "Cy: Who?"]);
  engine.tick(0.1);
  assert.equal(engine.duck, 0.4); // voice lines duck music
});

Deno.test("the choice among a speaker's files is seeded", () => {
  const picks = (seed: number) => {
    const player = new DialoguePlayer(new AudioEngine(), parseVoiceBank(BANK), { files, seed });
    return Array.from({ length: 12 }, () => player.speak("d", "n", "Ann", "...").path);
  };
  assert.deepEqual(picks(7), picks(7));
  assert.notDeepEqual(picks(7), picks(8));
  assert.deepEqual(
    new Set(picks(7)),
    new Set(["voices/ann/a.wav", "voices/ann/b.wav", "voices/ann/c.wav"]),
  );
  // The choice is mulberry32's: the test support's copy of it predicts every pick.
  const random = mulberry32(7);
  const names = ["a", "b", "c"];
  assert.deepEqual(
    picks(7),
    picks(7).map(() => `voices/ann/${names[Math.floor(random() * 3)]}.wav`),
  );
});

Deno.test("bad voice banks and bad files are AudioErrors that name them", () => {
  assert.throws(() => parseVoiceBank("[speakers.Ann]\nfiles = []"), /speakers\.Ann\.folder/);
  assert.throws(() => parseVoiceBank('[speakers.Ann]\nfolder = "a"\nfiles = [1]'), /files must be/);
  assert.throws(() => parseVoiceBank("[map.intro]\nn0 = 3"), /map\.intro\.n0/);
  assert.throws(() => parseVoiceBank("speakers = ["), /not valid TOML/);
  const player = new DialoguePlayer(new AudioEngine(), parseVoiceBank(BANK), {
    files: filesOf({ "lines/intro_n0.wav": new Uint8Array(30) }),
  });
  assert.throws(() => player.speak("intro", "n0", "Ann", "Hi"), (e: unknown) => {
    assert.ok(e instanceof AudioError && /^lines\/intro_n0\.wav: corrupt WAV/.test(e.message));
    return true;
  });
});
