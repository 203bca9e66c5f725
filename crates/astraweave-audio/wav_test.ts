import assert from "node:assert/strict";
import { withTempDir } from "@astraweave/testing";
import { mulberry32 } from "@astraweave/testing/random";
import { AudioClip, AudioEngine, AudioError, decodeWav, encodeWav } from "./mod.ts";

/** A WAV header for hand-built files: every field given, so a test can break any one of them. */
function wavBytes(fields: {
  code?: number;
  channels?: number;
  rate?: number;
  byteRate?: number;
  blockAlign?: number;
  bits?: number;
  data: Uint8Array;
  dataSize?: number;
  riffSize?: number;
}): Uint8Array {
  const channels = fields.channels ?? 1, bits = fields.bits ?? 16, rate = fields.rate ?? 8000;
  const blockAlign = fields.blockAlign ?? channels * bits / 8;
  const bytes = new Uint8Array(44 + fields.data.length);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, s: string) =>
    [...s].forEach((c, i) => bytes[at + i] = c.charCodeAt(0));
  ascii(0, "RIFF");
  view.setUint32(4, fields.riffSize ?? 36 + fields.data.length, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, fields.code ?? 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, fields.byteRate ?? rate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bits, true);
  ascii(36, "data");
  view.setUint32(40, fields.dataSize ?? fields.data.length, true);
  bytes.set(fields.data, 44);
  return bytes;
}

Deno.test("PCM16 round trip is bit-exact", () => {
  const random = mulberry32(13);
  const pcm = new Uint8Array(2 * 2 * 5000);
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.floor(random() * 256);
  const original = wavBytes({ channels: 2, rate: 44100, data: pcm });
  const decoded = decodeWav(original);
  assert.equal(decoded.frames, 5000);
  assert.equal(decoded.format, "pcm16");
  assert.deepEqual(encodeWav(decoded.channels, decoded.sampleRate, "pcm16"), original);
});

Deno.test("float32 round trip keeps every sample", () => {
  const samples = new Float32Array([0, 1, -1, 0.123456789, 1.5, -0.25]);
  const decoded = decodeWav(encodeWav([samples], 96000, "float32"));
  assert.equal(decoded.format, "float32");
  assert.deepEqual(decoded.channels[0], samples);
});

Deno.test("8, 24 and 32-bit PCM decode to the right values", () => {
  const eight = decodeWav(wavBytes({ bits: 8, data: new Uint8Array([0, 128, 255, 192]) }));
  assert.deepEqual(Array.from(eight.channels[0]), [-1, 0, 127 / 128, 0.5]);
  const twentyFour = decodeWav(
    wavBytes({ bits: 24, data: new Uint8Array([0, 0, 0x80, 0xff, 0xff, 0x7f, 0, 0, 0x40]) }),
  );
  assert.deepEqual(Array.from(twentyFour.channels[0]), [-1, 8388607 / 8388608, 0.5]);
  const thirtyTwo = decodeWav(wavBytes({ bits: 32, data: new Uint8Array([0, 0, 0, 0xc0]) }));
  assert.deepEqual(Array.from(thirtyTwo.channels[0]), [-0.5]);
});

Deno.test("every header field is checked", () => {
  const data = new Uint8Array(8);
  const bad: [string, Uint8Array, RegExp][] = [
    ["short", new Uint8Array(10), /shorter than a RIFF header/],
    ["blockAlign", wavBytes({ data, blockAlign: 3 }), /blockAlign 3, expected 2/],
    ["byteRate", wavBytes({ data, byteRate: 1 }), /byteRate 1, expected 16000/],
    ["channels 0", wavBytes({ data, channels: 0, blockAlign: 2 }), /0 channels/],
    ["channels 6", wavBytes({ data, channels: 6 }), /6 channels/],
    ["rate low", wavBytes({ data, rate: 4000 }), /sample rate 4000/],
    ["rate high", wavBytes({ data, rate: 400000 }), /sample rate 400000/],
    ["bits", wavBytes({ data, bits: 12, blockAlign: 2 }), /12-bit PCM/],
    ["float bits", wavBytes({ data, code: 3, bits: 16 }), /16-bit float/],
    ["code", wavBytes({ data, code: 2 }), /format code 2/],
    ["truncated data", wavBytes({ data, dataSize: 10, riffSize: 46 }), /truncated: RIFF size/],
    ["data claims more", wavBytes({ data, dataSize: 10 }), /"data" chunk at byte 36 claims 10/],
    ["partial frame", wavBytes({ data: new Uint8Array(3) }), /not a whole number of 2-byte/],
    ["riff small", wavBytes({ data, riffSize: 2 }), /RIFF size 2 is too small/],
  ];
  for (const [what, bytes, message] of bad) {
    assert.throws(() => decodeWav(bytes), (e: unknown) => {
      assert.ok(e instanceof AudioError, what);
      assert.match(e.message, message, what);
      return true;
    });
  }
  const good = wavBytes({ data });
  const noWave = good.slice();
  noWave[8] = 0x58;
  assert.throws(() => decodeWav(noWave), /not WAVE/);
  const noRiff = good.slice();
  noRiff[0] = 0;
  assert.throws(() => decodeWav(noRiff), /no RIFF signature/);
  const nanFloat = encodeWav([new Float32Array([0, 0])], 8000, "float32");
  new DataView(nanFloat.buffer).setFloat32(62, NaN, true);
  assert.throws(() => decodeWav(nanFloat), /non-finite float sample at frame 1/);
});

Deno.test("every truncation of a valid file is an AudioError, never a read past the end", () => {
  const file = encodeWav([new Float32Array(64).fill(0.5)], 8000, "pcm16");
  for (let length = 0; length < file.length; length++) {
    // A copy in a larger buffer: a decoder that read past the view would find valid-looking bytes.
    const backing = new Uint8Array(file.length + 64);
    backing.set(file);
    assert.throws(() => decodeWav(backing.subarray(0, length)), AudioError, `length ${length}`);
  }
});

Deno.test("chunks before fmt and data are skipped, odd sizes padded, data never overread", () => {
  const base = encodeWav([new Float32Array([0.5, -0.5])], 8000, "pcm16");
  const list = new Uint8Array([0x4c, 0x49, 0x53, 0x54, 3, 0, 0, 0, 1, 2, 3, 0]); // "LIST", 3 + pad
  const trailing = new Uint8Array([0x6a, 0x75, 0x6e, 0x6b, 2, 0, 0, 0, 9, 9]); // "junk" after data
  const bytes = new Uint8Array(base.length + list.length + trailing.length);
  bytes.set(base.subarray(0, 12));
  bytes.set(list, 12);
  bytes.set(base.subarray(12), 12 + list.length);
  bytes.set(trailing, 12 + list.length + base.length - 12);
  new DataView(bytes.buffer).setUint32(4, bytes.length - 8, true);
  assert.deepEqual(Array.from(decodeWav(bytes).channels[0]), [0.5, -0.5]);
});

Deno.test("WAV_FORMAT_EXTENSIBLE with the PCM sub-format decodes", () => {
  const bytes = new Uint8Array(68 + 4);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, s: string) =>
    [...s].forEach((c, i) => bytes[at + i] = c.charCodeAt(0));
  ascii(0, "RIFF"), view.setUint32(4, bytes.length - 8, true), ascii(8, "WAVE");
  ascii(12, "fmt "), view.setUint32(16, 40, true);
  view.setUint16(20, 0xfffe, true), view.setUint16(22, 1, true), view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true), view.setUint16(32, 2, true), view.setUint16(34, 16, true);
  view.setUint16(36, 22, true), view.setUint16(38, 16, true), view.setUint32(40, 4, true);
  bytes.set([1, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71], 44);
  ascii(60, "data"), view.setUint32(64, 4, true), view.setInt16(68, 16384, true);
  assert.deepEqual(Array.from(decodeWav(bytes).channels[0]), [0.5, 0]);
  bytes[50] = 0x11;
  assert.throws(() => decodeWav(bytes), /not a standard PCM or float GUID/);
});

Deno.test("encodeWav rejects bad input", () => {
  assert.throws(() => encodeWav([], 8000), /1 or 2 channels/);
  assert.throws(() => encodeWav([new Float32Array(1)], 1000), /sampleRate/);
  assert.throws(() => encodeWav([new Float32Array(1), new Float32Array(2)], 8000), /same length/);
});

/** Runs `sox` with `args` and returns stdout (`--i`) and stderr (`stat`); sox must not warn. */
async function sox(args: string[]): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command("sox", { args }).output();
  const out = new TextDecoder().decode(stdout), err = new TextDecoder().decode(stderr);
  assert.equal(code, 0, err);
  assert.doesNotMatch(err, /WARN|FAIL/, err);
  return out + err;
}

Deno.test("sox reads our WAV files: duration, rate, channels and peak", async () => {
  const engine = new AudioEngine({ sampleRate: 44100 });
  engine.playBeep(440, 1.5, 0.5);
  const mix = engine.render(44100 * 2);
  await withTempDir(async (dir) => {
    for (const encoding of ["pcm16", "float32"] as const) {
      const path = `${dir}/beep-${encoding}.wav`;
      await Deno.writeFile(path, encodeWav(mix, 44100, encoding));
      assert.equal((await sox(["--i", "-r", path])).trim(), "44100");
      assert.equal((await sox(["--i", "-c", path])).trim(), "2");
      assert.equal((await sox(["--i", "-s", path])).trim(), String(44100 * 2));
      assert.equal(Number((await sox(["--i", "-D", path])).trim()), 2);
      const stat = await sox([path, "-n", "stat"]);
      const maximum = Number(/Maximum amplitude:\s+(\S+)/.exec(stat)![1]);
      assert.ok(Math.abs(maximum - 0.5) < 1e-3, stat);
    }
    // And we read what sox writes: a 24-bit mono tone at 22,050 Hz.
    const made = `${dir}/sox.wav`;
    await sox([
      "-n",
      "-r",
      "22050",
      "-b",
      "24",
      "-c",
      "1",
      made,
      "synth",
      "0.5",
      "sine",
      "1000",
      "vol",
      "0.25",
    ]);
    const clip = AudioClip.fromWav(await Deno.readFile(made), 48000);
    assert.equal(clip.frames, 24000);
    const peak = clip.channels[0].reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    assert.ok(Math.abs(peak - 0.25) < 2e-3, `peak ${peak}`);
  });
});
