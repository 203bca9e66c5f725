/**
 * aw-codec: the byte formats the save and network crates share.
 *
 * - **Postcard** (wire format spec v1): schemas described once as data, compiled to encoders and
 *   decoders (`struct`, `seq`, `option`, `enumOf`, primitives).
 * - **LZ4**: the block format with a u32 size prefix (lz4_flex `compress_prepend_size`) and the
 *   frame format the `lz4` command-line tool reads. The size-prefixed block functions run on
 *   this crate's codec compiled to WebAssembly by default, no permission needed
 *   ({@link lz4UseBackend} switches to lz4_flex in WebAssembly or to the TypeScript codec;
 *   {@link lz4UseNative} to lz4_flex native, with `--allow-ffi`).
 * - **CRC32** (IEEE), as crc32fast and zlib compute it; **xxHash32**, the LZ4 frame checksum.
 *
 * Every decoder is bounds-checked and reports bad input as a {@link CodecError} with the byte offset.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { crc32, lz4CompressPrependSize, lz4DecompressSizePrepended } from "@astraweave/codec";
 * const data = new TextEncoder().encode("save ".repeat(100));
 * const block = lz4CompressPrependSize(data);
 * assert.ok(block.length < data.length);
 * assert.deepEqual(lz4DecompressSizePrepended(block), data);
 * assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
 * ```
 *
 * @module
 */

export { CodecError, type CodecErrorKind } from "./error.ts";
export { Reader, type ReaderOptions, varintSize, Writer } from "./buffer.ts";
export {
  array,
  bool,
  bytes,
  type DecodeOptions,
  enumOf,
  type EnumVariants,
  f32,
  f64,
  i128,
  i16,
  i32,
  i64,
  i64AsNumber,
  i8,
  type Infer,
  type InferEnum,
  type InferStruct,
  type InferTuple,
  lazy,
  literals,
  map,
  option,
  type Schema,
  seq,
  string,
  struct,
  type StructFields,
  tuple,
  u128,
  u16,
  u32,
  u64,
  u64AsNumber,
  u8,
  unit,
  usize,
} from "./postcard.ts";
export {
  type BlockCodecBackend,
  LZ4_DEFAULT_MAX_SIZE,
  lz4Backend,
  type Lz4BackendName,
  type Lz4BlockDecompressOptions,
  lz4Compress,
  lz4CompressBound,
  lz4CompressPrependSize,
  lz4CompressPrependSizeAsync,
  lz4Decompress,
  type Lz4DecompressOptions,
  lz4DecompressSizePrepended,
  lz4UseBackend,
} from "./lz4.ts";
export {
  LZ4_FRAME_MAGIC,
  type Lz4FrameBlockSize,
  lz4FrameCompress,
  lz4FrameDecompress,
  type Lz4FrameOptions,
} from "./lz4_frame.ts";
export { lz4StoredLiterals, lz4StorePrependSize } from "./lz4_stored.ts";
export { lz4UseNative } from "./lz4_native.ts";
export { lz4UseThreads } from "./lz4_parallel.ts";
export { crc32 } from "./crc32.ts";
export { xxhash32 } from "./xxhash32.ts";
