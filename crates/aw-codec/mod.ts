/**
 * aw-codec: the byte formats the save and network crates share.
 *
 * - **Postcard** (wire format spec v1): schemas described once as data, compiled to encoders and
 *   decoders (`struct`, `seq`, `option`, `enumOf`, primitives).
 * - **LZ4**: the block format with a u32 size prefix (lz4_flex `compress_prepend_size`) and the
 *   frame format the `lz4` command-line tool reads.
 * - **CRC32** (IEEE), as crc32fast and zlib compute it.
 *
 * Every decoder is bounds-checked and reports bad input as a {@link CodecError} with the byte offset.
 *
 * @module
 */

export { CodecError, type CodecErrorKind } from "./error.ts";
