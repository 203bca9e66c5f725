/**
 * WAV (RIFF WAVE) decoding and encoding.
 *
 * Written here rather than taken from npm: the best-known parser, `wavefile` (11.0.0), accepts a
 * data chunk that claims more bytes than the file holds (it returns the samples that are there),
 * accepts a `blockAlign` that contradicts the channel count and sample size, throws plain `Error`s,
 * and ships as CommonJS with a default export only. This decoder checks every header field, never
 * reads past the data chunk or the file, and reports each problem as an {@link AudioError} that
 * names it.
 *
 * Decodes PCM 8 (unsigned), 16, 24 and 32-bit and IEEE float32, mono or stereo, 8 kHz to 384 kHz,
 * in the plain (`WAVE_FORMAT_PCM`, `WAVE_FORMAT_IEEE_FLOAT`) and `WAVE_FORMAT_EXTENSIBLE` headers.
 * Encodes PCM16 and float32.
 *
 * @module
 */

import { AudioError, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE, sampleRate as checkRate } from "./errors.ts";

/** Sample formats of a WAV file this crate reads. */
export type WavSampleFormat = "pcm8" | "pcm16" | "pcm24" | "pcm32" | "float32";
/** Sample formats this crate writes. */
export type WavEncoding = "pcm16" | "float32";

/** A decoded WAV file: planar float samples at the file's own rate. */
export interface WavData {
  /** How the samples were stored in the file. */
  format: WavSampleFormat;
  /** Samples per second. */
  sampleRate: number;
  /** One array per channel (1 or 2), samples in [-1, 1) for PCM. */
  channels: Float32Array[];
  /** Frames (samples per channel). */
  frames: number;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;
/** The 14 bytes after the format code in every standard KSDATAFORMAT_SUBTYPE GUID. */
const SUBTYPE_TAIL = [
  0x00,
  0x00,
  0x00,
  0x00,
  0x10,
  0x00,
  0x80,
  0x00,
  0x00,
  0xaa,
  0x00,
  0x38,
  0x9b,
  0x71,
];

const corrupt = (message: string) => new AudioError("invalid-wav", `corrupt WAV: ${message}`);
const unsupported = (message: string) =>
  new AudioError("unsupported-wav", `unsupported WAV: ${message}`);

function fourcc(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

interface Fmt {
  code: number;
  channels: number;
  sampleRate: number;
  bits: number;
}

function parseFmt(view: DataView, start: number, size: number): Fmt {
  if (size < 16) throw corrupt(`fmt chunk is ${size} bytes, needs at least 16`);
  let code = view.getUint16(start, true);
  const channels = view.getUint16(start + 2, true);
  const sampleRate = view.getUint32(start + 4, true);
  const byteRate = view.getUint32(start + 8, true);
  const blockAlign = view.getUint16(start + 12, true);
  const bits = view.getUint16(start + 14, true);
  if (code === FORMAT_EXTENSIBLE) {
    if (size < 40) {
      throw corrupt(`extensible fmt chunk is ${size} bytes, needs 40`);
    }
    const extraSize = view.getUint16(start + 16, true);
    if (extraSize < 22) {
      throw corrupt(`extensible fmt extension is ${extraSize} bytes, needs 22`);
    }
    const validBits = view.getUint16(start + 18, true);
    if (validBits !== 0 && validBits !== bits) {
      throw unsupported(`${validBits} valid bits in ${bits}-bit containers`);
    }
    code = view.getUint16(start + 24, true);
    for (let i = 0; i < SUBTYPE_TAIL.length; i++) {
      if (view.getUint8(start + 26 + i) !== SUBTYPE_TAIL[i]) {
        throw unsupported(
          "extensible sub-format is not a standard PCM or float GUID",
        );
      }
    }
  }
  if (code !== FORMAT_PCM && code !== FORMAT_FLOAT) {
    throw unsupported(`format code ${code} (only PCM 1 and IEEE float 3)`);
  }
  if (channels === 0) throw corrupt("0 channels");
  if (channels > 2) {
    throw unsupported(`${channels} channels (only mono and stereo)`);
  }
  if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw unsupported(
      `sample rate ${sampleRate} Hz (${MIN_SAMPLE_RATE} to ${MAX_SAMPLE_RATE})`,
    );
  }
  if (code === FORMAT_PCM && ![8, 16, 24, 32].includes(bits)) {
    throw unsupported(`${bits}-bit PCM (8, 16, 24 or 32)`);
  }
  if (code === FORMAT_FLOAT && bits !== 32) {
    throw unsupported(`${bits}-bit float (only 32)`);
  }
  const expectedAlign = channels * bits / 8;
  if (blockAlign !== expectedAlign) {
    throw corrupt(
      `blockAlign ${blockAlign}, expected ${expectedAlign} for ${channels} x ${bits} bits`,
    );
  }
  if (byteRate !== sampleRate * blockAlign) {
    throw corrupt(`byteRate ${byteRate}, expected ${sampleRate * blockAlign}`);
  }
  return { code, channels, sampleRate, bits };
}

/**
 * Decodes a WAV file.
 *
 * @throws {AudioError} `invalid-wav` for a corrupt or truncated file (the message names the field
 * or chunk), `unsupported-wav` for a valid file in a format this decoder does not read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeWav, encodeWav } from "@astraweave/audio";
 * const bytes = encodeWav([new Float32Array([0, 0.5, -0.5])], 8000, "pcm16");
 * const wav = decodeWav(bytes);
 * assert.equal(wav.sampleRate, 8000);
 * assert.deepEqual(Array.from(wav.channels[0]), [0, 0.5, -0.5]);
 * ```
 */
export function decodeWav(bytes: Uint8Array): WavData {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) {
    throw corrupt(`${bytes.length} bytes, shorter than a RIFF header`);
  }
  if (fourcc(view, 0) !== "RIFF") throw corrupt("no RIFF signature");
  if (fourcc(view, 8) !== "WAVE") throw corrupt("RIFF form type is not WAVE");
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > bytes.length) {
    throw corrupt(
      `truncated: RIFF size says ${riffEnd} bytes, file has ${bytes.length}`,
    );
  }
  if (riffEnd < 12) throw corrupt(`RIFF size ${riffEnd - 8} is too small`);
  let fmt: Fmt | undefined;
  let offset = 12;
  while (offset < riffEnd) {
    if (offset + 8 > riffEnd) {
      throw corrupt(`truncated chunk header at byte ${offset}`);
    }
    const id = fourcc(view, offset);
    const size = view.getUint32(offset + 4, true);
    const start = offset + 8;
    if (start + size > riffEnd) {
      throw corrupt(
        `truncated: "${id}" chunk at byte ${offset} claims ${size} bytes, ${
          riffEnd - start
        } remain`,
      );
    }
    if (id === "fmt ") {
      if (fmt) throw corrupt("two fmt chunks");
      fmt = parseFmt(view, start, size);
    } else if (id === "data") {
      if (!fmt) throw corrupt("data chunk before the fmt chunk");
      return decodeSamples(view, start, size, fmt);
    }
    offset = start + size + (size & 1); // chunks are padded to an even size
  }
  throw corrupt(fmt ? "no data chunk" : "no fmt chunk");
}

function decodeSamples(
  view: DataView,
  start: number,
  size: number,
  fmt: Fmt,
): WavData {
  const bytesPerSample = fmt.bits / 8;
  const blockAlign = bytesPerSample * fmt.channels;
  if (size % blockAlign !== 0) {
    throw corrupt(
      `data chunk of ${size} bytes is not a whole number of ${blockAlign}-byte frames`,
    );
  }
  const frames = size / blockAlign;
  const channels: Float32Array[] = [];
  for (let c = 0; c < fmt.channels; c++) {
    channels.push(new Float32Array(frames));
  }
  for (let c = 0; c < fmt.channels; c++) {
    const out = channels[c];
    let p = start + c * bytesPerSample;
    if (fmt.code === FORMAT_FLOAT) {
      for (let i = 0; i < frames; i++, p += blockAlign) {
        const v = view.getFloat32(p, true);
        if (!Number.isFinite(v)) {
          throw corrupt(`non-finite float sample at frame ${i}`);
        }
        out[i] = v;
      }
    } else if (fmt.bits === 16) {
      for (let i = 0; i < frames; i++, p += blockAlign) {
        out[i] = view.getInt16(p, true) / 32768;
      }
    } else if (fmt.bits === 8) {
      for (let i = 0; i < frames; i++, p += blockAlign) {
        out[i] = (view.getUint8(p) - 128) / 128;
      }
    } else if (fmt.bits === 24) {
      for (let i = 0; i < frames; i++, p += blockAlign) {
        const v = view.getUint16(p, true) | (view.getInt8(p + 2) << 16);
        out[i] = v / 8388608;
      }
    } else {
      for (let i = 0; i < frames; i++, p += blockAlign) {
        out[i] = view.getInt32(p, true) / 2147483648;
      }
    }
  }
  const format = (fmt.code === FORMAT_FLOAT ? "float32" : `pcm${fmt.bits}`) as WavSampleFormat;
  return { format, sampleRate: fmt.sampleRate, channels, frames };
}

/**
 * Encodes planar float samples (one array per channel, all the same length) as a WAV file.
 * PCM16 rounds to the nearest step and clamps to [-1, 1) (so decoding then encoding a PCM16 file
 * gives back the same bytes); float32 stores the samples unchanged.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeWav } from "@astraweave/audio";
 * const bytes = encodeWav([new Float32Array(10), new Float32Array(10)], 48000, "float32");
 * assert.equal(bytes.length, 58 + 10 * 2 * 4); // 58: fmt with cbSize, and a fact chunk
 * ```
 */
export function encodeWav(
  channels: readonly Float32Array[],
  sampleRate: number,
  encoding: WavEncoding = "pcm16",
): Uint8Array {
  if (channels.length < 1 || channels.length > 2) {
    throw new AudioError(
      "invalid-argument",
      `WAV needs 1 or 2 channels, got ${channels.length}`,
    );
  }
  checkRate("sampleRate", sampleRate);
  if (encoding !== "pcm16" && encoding !== "float32") {
    throw new AudioError(
      "invalid-argument",
      `unknown WAV encoding "${encoding}"`,
    );
  }
  const frames = channels[0].length;
  if (channels.some((c) => c.length !== frames)) {
    throw new AudioError(
      "invalid-argument",
      "WAV channels must have the same length",
    );
  }
  const float = encoding === "float32";
  const bytesPerSample = float ? 4 : 2;
  const blockAlign = bytesPerSample * channels.length;
  const dataSize = frames * blockAlign;
  // Non-PCM formats carry an 18-byte fmt chunk (cbSize 0) and a fact chunk with the frame count,
  // as the RIFF rules require (sox warns without them).
  const headerSize = float ? 58 : 44;
  if (headerSize + dataSize > 0xffffffff) {
    throw new AudioError("invalid-argument", `${frames} frames do not fit in a 4 GiB WAV file`);
  }
  const bytes = new Uint8Array(headerSize + dataSize);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < 4; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, "RIFF");
  view.setUint32(4, headerSize - 8 + dataSize, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, float ? 18 : 16, true);
  view.setUint16(20, float ? FORMAT_FLOAT : FORMAT_PCM, true);
  view.setUint16(22, channels.length, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bytesPerSample * 8, true);
  if (float) {
    view.setUint16(36, 0, true);
    ascii(38, "fact");
    view.setUint32(42, 4, true);
    view.setUint32(46, frames, true);
  }
  ascii(headerSize - 8, "data");
  view.setUint32(headerSize - 4, dataSize, true);
  for (let c = 0; c < channels.length; c++) {
    const input = channels[c];
    let p = headerSize + c * bytesPerSample;
    if (float) {
      for (let i = 0; i < frames; i++, p += blockAlign) {
        view.setFloat32(p, input[i], true);
      }
    } else {
      for (let i = 0; i < frames; i++, p += blockAlign) {
        const v = Math.round(input[i] * 32768);
        // NaN compares false both ways and becomes 0 through `| 0`
        view.setInt16(p, v > 32767 ? 32767 : v < -32768 ? -32768 : v | 0, true);
      }
    }
  }
  return bytes;
}
