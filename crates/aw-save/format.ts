/**
 * The `.awsv` file format of the Rust aw-save, little-endian:
 *
 * | offset | size | field                                    |
 * |--------|------|------------------------------------------|
 * | 0      | 4    | magic `ASVS`                             |
 * | 4      | 2    | version (u16): 2, or 1 for legacy files  |
 * | 6      | 1    | codec: 1 = LZ4                           |
 * | 7      | 1    | reserved, 0 (see below)                  |
 * | 8      | 4    | `data_len` (u32)                         |
 * | 12     | 4    | CRC32 (IEEE) of `data`                   |
 * | 16     | data_len | `data`: u32 uncompressed size, then one LZ4 block of postcard(bundle) |
 *
 * The LZ4 block is compressed by default. With `compression: "none"` it is a stored block, the
 * payload as literals with no match: the same format, read by every LZ4 decoder and by the Rust
 * aw-save, about twice the size for a typical world, written and read at the speed of a copy
 * (reading one makes no copy at all).
 *
 * Decoding is strict and bounded: every check names the file and the byte, and the declared
 * uncompressed size is limited before anything is allocated.
 *
 * The reserved byte is written as 0. The Rust reader ignores it, and the CRC does not cover it (it
 * covers `data` only), so a file with a non-zero reserved byte loads, here as in Rust, but
 * {@link decodeSaveFile} reports it in `warnings` (and `deno task save verify` prints it): a
 * writer that is not aw-save, or a flipped bit that no checksum can see.
 *
 * @module
 */

import {
  CodecError,
  crc32,
  lz4CompressPrependSize,
  lz4CompressPrependSizeAsync,
  lz4DecompressSizePrepended,
  lz4StoredLiterals,
  lz4StorePrependSize,
  type Schema,
  Writer,
} from "@astraweave/codec";
import {
  migrateV1ToV2,
  type SaveBundleV1,
  saveBundleV1Schema,
  type SaveBundleV2,
  saveBundleV2Schema,
} from "./bundle.ts";
import { hex32, SaveError } from "./error.ts";

/** The header's size in bytes. */
export const HEADER_SIZE = 16;
/** The file version this crate writes. */
export const FILE_VERSION = 2;
/** The codec byte of LZ4 (the only codec). */
export const CODEC_LZ4 = 1;
/** The default limit on a payload's uncompressed size: 256 MiB. */
export const DEFAULT_MAX_PAYLOAD_SIZE = 256 * 1024 * 1024;
/**
 * The default limit on a save file's size, checked before it is read: 260 MiB, above the largest
 * file a {@link DEFAULT_MAX_PAYLOAD_SIZE} payload compresses to (LZ4's worst case is 1/255 larger,
 * plus the header and size prefix).
 */
export const DEFAULT_MAX_FILE_SIZE = 260 * 1024 * 1024;

const MAGIC = [0x41, 0x53, 0x56, 0x53]; // "ASVS"

/** The fields of a `.awsv` header. */
export interface SaveHeader {
  /** File version: 2, or 1 for legacy files. */
  version: number;
  /** Payload codec: 1 = LZ4. */
  codec: number;
  /** The reserved byte (0 when written by aw-save; non-zero loads with a warning). */
  reserved: number;
  /** Length of `data` in bytes. */
  dataLength: number;
  /** CRC32 of `data`, as stored. */
  crc32: number;
}

/**
 * How a save file's payload is packed, both ways in the one LZ4 block the format has: `"lz4"`
 * compressed (the default; a typical world to about half its size), or `"none"`, a stored block
 * of literals (a few bytes larger than the payload, made and read at the speed of a copy). Any
 * reader of the format, the Rust aw-save included, reads both.
 */
export type SaveCompression = "lz4" | "none";

/** Options of {@link encodeSaveFile}. */
export interface EncodeSaveOptions {
  /** How the payload is packed (default `"lz4"`): see {@link SaveCompression}. */
  compression?: SaveCompression;
}

/** A decoded `.awsv` file. */
export interface DecodedSave {
  /** The header's fields. */
  header: SaveHeader;
  /**
   * The bundle; a version-1 file's bundle is migrated (with a new random save id). Its `ecsBlob`
   * may be a view of the bytes decoded (a stored block is not copied).
   */
  bundle: SaveBundleV2;
  /** The version-1 bundle as stored, for version-1 files; `null` for version 2. */
  legacy: SaveBundleV1 | null;
  /** Size of the uncompressed postcard payload in bytes. */
  payloadSize: number;
  /**
   * How the payload was packed: `"none"` for a stored block (literals only, as `compression:
   * "none"` writes, and as LZ4 writes a payload it cannot shrink), `"lz4"` otherwise.
   */
  compression: SaveCompression;
  /**
   * What the file has that aw-save never writes but the Rust reader accepts (a non-zero reserved
   * byte), one sentence each; empty for a file aw-save wrote.
   */
  warnings: string[];
}

/** Options of {@link decodeSaveFile}. */
export interface DecodeSaveOptions {
  /** The file the bytes came from, for error messages. */
  path?: string;
  /** Largest uncompressed payload accepted (default {@link DEFAULT_MAX_PAYLOAD_SIZE}). */
  maxPayloadSize?: number;
}

/** A save file as its two parts: the 16-byte header, then `data` (written one after the other). */
export interface SaveFileParts {
  /** The header: magic, version, codec, reserved byte, `data_len`, CRC32 of `data`. */
  header: Uint8Array;
  /** The u32 uncompressed size, then the LZ4 block. */
  data: Uint8Array;
}

/**
 * One writer for the payload of every file encoded: encoding is synchronous, and compression
 * copies what it reads before it returns (into WebAssembly memory or its own output, even when it
 * then finishes asynchronously), so nothing keeps a view of it. A file's payload is not copied out
 * of the writer as `encode()` would (100 KB took 50 µs, five times the encoding itself). Writers
 * grown past {@link PAYLOAD_WRITER_KEEP} are dropped; a game that saves 5 MB worlds keeps its 8 MB
 * writer (allocating it afresh for each save held the event loop 2 ms longer: 6.7 to 7.1 ms at most
 * during a 5 MB save, against 4.7 to 4.9 ms with the writer kept).
 */
let payloadWriter = new Writer(64 * 1024);
const PAYLOAD_WRITER_KEEP = 16 * 1024 * 1024;

/**
 * Encodes `bundle` with `schema` into the payload writer and packs it as `compression` says: LZ4
 * through `compress`, which must copy its input before it returns, or a stored block.
 */
function packPayload<T, D>(
  schema: Schema<T>,
  bundle: T,
  compression: SaveCompression,
  compress: (payload: Uint8Array) => D,
): D | Uint8Array {
  checkCompression(compression);
  payloadWriter.reset();
  try {
    schema.encodeInto(payloadWriter, bundle);
  } catch (e) {
    throw encodeError(e);
  }
  const payload = payloadWriter.written();
  const data = compression === "lz4" ? compress(payload) : lz4StorePrependSize(payload);
  if (payloadWriter.buf.length > PAYLOAD_WRITER_KEEP) payloadWriter = new Writer(64 * 1024);
  return data;
}

/** The header of a file of `version` whose data is `data`, and the data. */
function withHeader(version: number, data: Uint8Array): SaveFileParts {
  const header = new Uint8Array(HEADER_SIZE);
  const view = new DataView(header.buffer);
  header.set(MAGIC, 0);
  view.setUint16(4, version, true);
  header[6] = CODEC_LZ4;
  header[7] = 0;
  view.setUint32(8, data.length, true);
  view.setUint32(12, crc32(data), true);
  return { header, data };
}

function fileParts<T>(
  version: number,
  schema: Schema<T>,
  bundle: T,
  compression: SaveCompression = "lz4",
): SaveFileParts {
  return withHeader(version, packPayload(schema, bundle, compression, lz4CompressPrependSize));
}

/** Refuses what is not a {@link SaveCompression}, as a caller's mistake (a `RangeError`). */
export function checkCompression(compression: SaveCompression): void {
  if (compression !== "lz4" && compression !== "none") {
    throw new RangeError(`compression must be "lz4" or "none", got ${JSON.stringify(compression)}`);
  }
}

function joinParts({ header, data }: SaveFileParts): Uint8Array {
  const out = new Uint8Array(header.length + data.length);
  out.set(header, 0);
  out.set(data, header.length);
  return out;
}

function encodeError(e: unknown): unknown {
  return e instanceof CodecError
    ? new SaveError("invalid_bundle", `cannot encode the bundle: ${e.message}`, { cause: e })
    : e;
}

/**
 * The postcard payload of a bundle: what the LZ4 block of a version-2 file holds.
 *
 * @throws {SaveError} `invalid_bundle` when a field does not fit its type.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createBundle, deserializeBundle, serializeBundle } from "@astraweave/save";
 * const payload = serializeBundle(createBundle({ playerId: "ann" }));
 * assert.equal(payload[0], 2);
 * assert.equal(deserializeBundle(payload).playerId, "ann");
 * ```
 */
export function serializeBundle(bundle: SaveBundleV2): Uint8Array {
  try {
    return saveBundleV2Schema.encode(bundle);
  } catch (e) {
    throw encodeError(e);
  }
}

/**
 * A bundle from its postcard payload. The bundle's `ecsBlob` is a view of `payload` (no copy).
 *
 * @throws {SaveError} `decode`, with the byte offset, when `payload` is not a version-2 bundle.
 */
export function deserializeBundle(payload: Uint8Array): SaveBundleV2 {
  return decodePayload(2, payload, undefined).bundle;
}

/**
 * The bytes of a version-2 `.awsv` file holding `bundle`, as the Rust aw-save writes them; with
 * `compression: "none"`, its payload in a stored LZ4 block ({@link SaveCompression}).
 *
 * @throws {SaveError} `invalid_bundle` when a field does not fit its type (a slot above 255, a
 * negative credit count...).
 * @throws {RangeError} when `options.compression` is not a {@link SaveCompression}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createBundle, decodeSaveFile, encodeSaveFile } from "@astraweave/save";
 * const bundle = createBundle({ playerId: "ann", world: { ecsBlob: new Uint8Array(4096) } });
 * const bytes = encodeSaveFile(bundle);
 * assert.equal(new TextDecoder().decode(bytes.subarray(0, 4)), "ASVS");
 * assert.equal(decodeSaveFile(bytes).bundle.playerId, "ann");
 * const stored = encodeSaveFile(bundle, { compression: "none" });
 * assert.ok(stored.length > bytes.length + 4000);
 * assert.deepEqual(decodeSaveFile(stored).bundle, decodeSaveFile(bytes).bundle);
 * ```
 */
export function encodeSaveFile(bundle: SaveBundleV2, options: EncodeSaveOptions = {}): Uint8Array {
  return joinParts(encodeSaveFileParts(bundle, options));
}

/**
 * {@link encodeSaveFile} as its header and data, not joined: what the save manager writes, one part
 * after the other, without copying the data into a new array.
 *
 * @throws {SaveError} as {@link encodeSaveFile}.
 */
export function encodeSaveFileParts(
  bundle: SaveBundleV2,
  options: EncodeSaveOptions = {},
): SaveFileParts {
  return fileParts(FILE_VERSION, saveBundleV2Schema, bundle, options.compression);
}

/**
 * {@link encodeSaveFileParts} for the save manager, which saves beside a game loop: a payload of
 * 1 MiB and more is compressed on the codec's helper threads while the event loop runs on
 * (`lz4CompressPrependSizeAsync`). The bundle is read before this returns.
 *
 * @throws {SaveError} as {@link encodeSaveFile} (a rejection).
 */
export async function encodeSaveFilePartsAsync(
  bundle: SaveBundleV2,
  options: EncodeSaveOptions = {},
): Promise<SaveFileParts> {
  return withHeader(
    FILE_VERSION,
    await packPayload(
      saveBundleV2Schema,
      bundle,
      options.compression ?? "lz4",
      lz4CompressPrependSizeAsync,
    ),
  );
}

/**
 * The bytes of a version-1 (legacy) `.awsv` file holding `bundle`: what older engines wrote, for
 * migration tooling and tests.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createBundle, decodeSaveFile, encodeLegacySaveFile } from "@astraweave/save";
 * const { playerId, slot, createdAt, world, inventory, meta } = createBundle({ playerId: "ann" });
 * const v1 = { playerId, slot, createdAt, world, inventory, meta, companion: null };
 * assert.equal(decodeSaveFile(encodeLegacySaveFile(v1)).header.version, 1);
 * ```
 */
export function encodeLegacySaveFile(bundle: SaveBundleV1): Uint8Array {
  return joinParts(fileParts(1, saveBundleV1Schema, bundle));
}

/**
 * Reads and checks the header of `.awsv` bytes: magic, version (1 or 2), codec (LZ4), and that the
 * file holds exactly the declared `data_len` bytes after it. Does not check the CRC.
 *
 * @throws {SaveError} `truncated_header`, `bad_magic`, `unsupported_version`, `unknown_codec`,
 * `truncated_payload` or `trailing_data`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createBundle, encodeSaveFile, readSaveHeader } from "@astraweave/save";
 * const header = readSaveHeader(encodeSaveFile(createBundle({ playerId: "ann" })));
 * assert.equal(header.version, 2);
 * assert.equal(header.codec, 1);
 * ```
 */
export function readSaveHeader(bytes: Uint8Array, path?: string): SaveHeader {
  if (bytes.length < HEADER_SIZE) {
    throw new SaveError(
      "truncated_header",
      `truncated header: the file has ${bytes.length} bytes, a header needs ${HEADER_SIZE}`,
      { path, offset: bytes.length, expected: HEADER_SIZE, actual: bytes.length },
    );
  }
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== MAGIC[i]) {
      const found = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0"));
      throw new SaveError(
        "bad_magic",
        `bad magic: expected "ASVS" (41 53 56 53), found ${found.join(" ")}`,
        { path, offset: i },
      );
    }
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header: SaveHeader = {
    version: view.getUint16(4, true),
    codec: bytes[6],
    reserved: bytes[7],
    dataLength: view.getUint32(8, true),
    crc32: view.getUint32(12, true),
  };
  if (header.version !== 1 && header.version !== FILE_VERSION) {
    throw new SaveError(
      "unsupported_version",
      `unsupported version ${header.version} (this reader knows 1 and 2)`,
      { path, offset: 4, actual: header.version },
    );
  }
  if (header.codec !== CODEC_LZ4) {
    throw new SaveError(
      "unknown_codec",
      `unknown codec ${header.codec} (1 = LZ4 is the only one)`,
      {
        path,
        offset: 6,
        actual: header.codec,
      },
    );
  }
  const available = bytes.length - HEADER_SIZE;
  if (available < header.dataLength) {
    throw new SaveError(
      "truncated_payload",
      `truncated payload: the header declares ${header.dataLength} bytes of data, the file has ${available}`,
      { path, offset: bytes.length, expected: header.dataLength, actual: available },
    );
  }
  if (available > header.dataLength) {
    throw new SaveError(
      "trailing_data",
      `${
        available - header.dataLength
      } bytes after the ${header.dataLength} bytes of data the header declares`,
      {
        path,
        offset: HEADER_SIZE + header.dataLength,
        expected: header.dataLength,
        actual: available,
      },
    );
  }
  return header;
}

/**
 * Decodes and verifies `.awsv` bytes: header, CRC32, LZ4, postcard. Version-1 files are migrated to
 * a V2 bundle (a new random save id, as the Rust reader does); the stored V1 bundle is `legacy`.
 *
 * @throws {SaveError} with the kind of the first problem found: any of {@link readSaveHeader}'s,
 * then `crc_mismatch`, `payload_too_large`, `decompress`, `decode`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createBundle, decodeSaveFile, encodeSaveFile, SaveError } from "@astraweave/save";
 * const bytes = encodeSaveFile(createBundle({ playerId: "ann" }));
 * bytes[bytes.length - 1] ^= 0xff; // damage the last byte of data
 * assert.throws(
 *   () => decodeSaveFile(bytes, { path: "ann.awsv" }),
 *   (e) => e instanceof SaveError && e.kind === "crc_mismatch",
 * );
 * ```
 */
export function decodeSaveFile(bytes: Uint8Array, options: DecodeSaveOptions = {}): DecodedSave {
  const { path } = options;
  const header = readSaveHeader(bytes, path);
  const data = bytes.subarray(HEADER_SIZE);
  const actual = crc32(data);
  if (actual !== header.crc32) {
    throw new SaveError(
      "crc_mismatch",
      `CRC mismatch: header says ${hex32(header.crc32)}, data has ${hex32(actual)}`,
      { path, offset: 12, expected: header.crc32, actual },
    );
  }
  const maxSize = options.maxPayloadSize ?? DEFAULT_MAX_PAYLOAD_SIZE;
  // A stored block's literals are the payload: nothing to decode or copy.
  const stored = lz4StoredLiterals(data);
  const payload = stored !== null && stored.length <= maxSize
    ? stored
    : decompress(data, maxSize, path);
  const warnings = header.reserved === 0 ? [] : [
    `the reserved header byte (offset 7) is 0x${
      header.reserved.toString(16).padStart(2, "0")
    }, not 0: ignored, as the Rust reader ignores it, but no CRC covers it`,
  ];
  return {
    header,
    ...decodePayload(header.version, payload, path),
    compression: stored === null ? "lz4" : "none",
    warnings,
  };
}

/** Decodes a postcard payload of a file of `version` (a version-1 bundle is migrated). */
function decodePayload(
  version: number,
  payload: Uint8Array,
  path: string | undefined,
): Omit<DecodedSave, "header" | "compression" | "warnings"> {
  try {
    if (version === 1) {
      const legacy = saveBundleV1Schema.decode(payload);
      return { bundle: migrateV1ToV2(legacy), legacy, payloadSize: payload.length };
    }
    return {
      bundle: saveBundleV2Schema.decode(payload),
      legacy: null,
      payloadSize: payload.length,
    };
  } catch (e) {
    if (!(e instanceof CodecError)) throw e;
    throw new SaveError(
      "decode",
      `payload decode error (version ${version} bundle): ${e.message} of the ${payload.length}-byte uncompressed payload`,
      { path, offset: e.offset, cause: e },
    );
  }
}

function decompress(data: Uint8Array, maxSize: number, path: string | undefined): Uint8Array {
  if (data.length < 4) {
    throw new SaveError(
      "decompress",
      `LZ4 data of ${data.length} bytes is shorter than its 4-byte size prefix`,
      { path, offset: HEADER_SIZE },
    );
  }
  try {
    return lz4DecompressSizePrepended(data, { maxSize });
  } catch (e) {
    if (!(e instanceof CodecError)) throw e;
    if (e.kind === "size_limit") {
      const declared = new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true);
      throw new SaveError(
        "payload_too_large",
        `the payload declares ${declared} uncompressed bytes, above the limit of ${maxSize}`,
        { path, offset: HEADER_SIZE, expected: maxSize, actual: declared, cause: e },
      );
    }
    // The codec counts offsets from the start of `data`; the error's offset is in the file.
    const offset = HEADER_SIZE + Math.max(0, e.offset);
    throw new SaveError(
      "decompress",
      `malformed LZ4 data: ${e.message} of data (file byte ${offset})`,
      { path, offset, cause: e },
    );
  }
}
