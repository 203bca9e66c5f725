/**
 * Vertex compression (the Rust vertex_compression.rs): normals as two signed 16-bit octahedral
 * coordinates, texture coordinates as two IEEE 754 half floats, positions kept as three `f32`s:
 * 20 bytes a vertex instead of 32, interleaved in one `ArrayBuffer` laid out as the Rust
 * `CompressedVertex` (little-endian, as WebGPU vertex buffers are on every platform Deno runs on).
 *
 * @module
 */

import { atLeast } from "./error.ts";
import { checkCount } from "./bounds.ts";
import { length3 } from "./length.ts";

/** Bytes of one uncompressed vertex: position, normal (three `f32` each) and uv (two `f32`). */
export const STANDARD_VERTEX_BYTES = 32;
/** Bytes of one compressed vertex: position (3 × `f32`), normal (2 × `i16`), uv (2 × `f16`). */
export const COMPRESSED_VERTEX_BYTES = 20;
/** Byte offset of the octahedral normal in a compressed vertex. */
export const NORMAL_OFFSET = 12;
/** Byte offset of the half-float uv in a compressed vertex. */
export const UV_OFFSET = 16;

/** Rust's `f32::signum`: 1 for +0, -1 for -0 (Math.sign returns the zero itself). */
const signum = (v: number) => (v < 0 || Object.is(v, -0) ? -1 : 1);
/** Rust's `as i16` after the clamp: truncation toward zero, NaN to 0. */
const quantize = (v: number) => Math.trunc(Math.min(Math.max(v * 32767, -32767), 32767)) || 0;

/**
 * Encodes the unit normal (x, y, z) as two octahedral coordinates in [-32767, 32767], written at
 * `out[at]` and `out[at + 1]` (the Rust `OctahedralEncoder::encode`). A zero or non-finite normal
 * encodes as (0, 0), which decodes to +Z, as in the Rust.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { octDecode, octEncode } from "@astraweave/render";
 * const oct = octEncode(0, 1, 0, new Int16Array(2));
 * assert.deepEqual([...oct], [0, 32767]);
 * const n = octDecode(oct[0], oct[1], new Float32Array(3));
 * assert.deepEqual([...n], [0, 1, 0]);
 * ```
 */
export function octEncode(x: number, y: number, z: number, out: Int16Array, at = 0): Int16Array {
  const sum = Math.abs(x) + Math.abs(y) + Math.abs(z);
  let u = x / sum, v = y / sum;
  if (z < 0) {
    // Lower hemisphere: fold over the diagonals.
    const fu = (1 - Math.abs(v)) * signum(u), fv = (1 - Math.abs(u)) * signum(v);
    u = fu, v = fv;
  }
  out[at] = quantize(u);
  out[at + 1] = quantize(v);
  return out;
}

/**
 * Decodes two octahedral coordinates into a unit normal written at `out[at .. at + 3]` (the Rust
 * `OctahedralEncoder::decode`).
 */
export function octDecode(ex: number, ey: number, out: Float32Array, at = 0): Float32Array {
  let u = ex / 32767, v = ey / 32767;
  const z = 1 - Math.abs(u) - Math.abs(v);
  if (z < 0) {
    const fu = (1 - Math.abs(v)) * signum(u), fv = (1 - Math.abs(u)) * signum(v);
    u = fu, v = fv;
  }
  const inv = 1 / length3(u, v, z);
  out[at] = u * inv;
  out[at + 1] = v * inv;
  out[at + 2] = z * inv;
  return out;
}

/**
 * The compressed vertex buffer for `count` vertices from flat arrays (positions and normals three
 * floats a vertex, uvs two): 20 bytes a vertex, ready to upload.
 *
 * @throws {RenderError} when `count` is out of range or an input is shorter than it needs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { COMPRESSED_VERTEX_BYTES, compressVertices, decompressVertices } from "@astraweave/render";
 * const buffer = compressVertices(1, new Float32Array([1, 2, 3]), new Float32Array([0, 0, -1]), new Float32Array([0.5, 0.25]));
 * assert.equal(buffer.byteLength, COMPRESSED_VERTEX_BYTES);
 * const { positions, normals, uvs } = decompressVertices(buffer, 1);
 * assert.deepEqual([...positions], [1, 2, 3]);
 * assert.ok(Math.abs(normals[2] + 1) < 1e-4);
 * assert.deepEqual([...uvs], [0.5, 0.25]);
 * ```
 */
export function compressVertices(
  count: number,
  positions: Float32Array,
  normals: Float32Array,
  uvs: Float32Array,
): ArrayBuffer {
  checkCount("count", count);
  atLeast("positions", positions, count * 3);
  atLeast("normals", normals, count * 3);
  atLeast("uvs", uvs, count * 2);
  const buffer = new ArrayBuffer(count * COMPRESSED_VERTEX_BYTES);
  // Three views of the one buffer, in their element units: 5 floats = 10 halves = 20 bytes.
  const f32 = new Float32Array(buffer), i16 = new Int16Array(buffer);
  const f16 = new Float16Array(buffer);
  for (let i = 0, p = 0, t = 0; i < count; i++, p += 3, t += 2) {
    const o = i * 5, h = i * 10;
    f32[o] = positions[p];
    f32[o + 1] = positions[p + 1];
    f32[o + 2] = positions[p + 2];
    octEncode(normals[p], normals[p + 1], normals[p + 2], i16, h + 6);
    // Float16Array rounds to nearest, ties to even, as the Rust half crate's from_f32.
    f16[h + 8] = uvs[t];
    f16[h + 9] = uvs[t + 1];
  }
  return buffer;
}

/** Flat arrays of decompressed vertices. */
export interface DecompressedVertices {
  /** Three floats a vertex, exact. */
  positions: Float32Array;
  /** Three floats a vertex, unit length. */
  normals: Float32Array;
  /** Two floats a vertex, the half floats widened. */
  uvs: Float32Array;
}

/**
 * The vertices of a buffer {@link compressVertices} wrote (the Rust `decompress`, for a batch).
 *
 * @throws {RenderError} when the buffer holds fewer than `count` vertices.
 */
export function decompressVertices(buffer: ArrayBuffer, count: number): DecompressedVertices {
  checkCount("count", count);
  const vertices = Math.floor(buffer.byteLength / COMPRESSED_VERTEX_BYTES);
  atLeast("buffer (vertices)", { length: vertices }, count);
  const f32 = new Float32Array(buffer, 0, count * 5), i16 = new Int16Array(buffer, 0, count * 10);
  const f16 = new Float16Array(buffer, 0, count * 10);
  const positions = new Float32Array(count * 3), normals = new Float32Array(count * 3);
  const uvs = new Float32Array(count * 2);
  for (let i = 0, p = 0, t = 0; i < count; i++, p += 3, t += 2) {
    const o = i * 5, h = i * 10;
    positions[p] = f32[o];
    positions[p + 1] = f32[o + 1];
    positions[p + 2] = f32[o + 2];
    octDecode(i16[h + 6], i16[h + 7], normals, p);
    uvs[t] = f16[h + 8];
    uvs[t + 1] = f16[h + 9];
  }
  return { positions, normals, uvs };
}
