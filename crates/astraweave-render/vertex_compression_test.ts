import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import {
  COMPRESSED_VERTEX_BYTES,
  compressVertices,
  decompressVertices,
  octDecode,
  octEncode,
  RenderError,
  STANDARD_VERTEX_BYTES,
  UV_OFFSET,
} from "./mod.ts";

const angle = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.acos(Math.min(1, Math.max(-1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2])));

Deno.test("octEncode: the Rust's known answers (axes, the lower hemisphere folded)", () => {
  const oct = new Int16Array(2);
  assert.deepEqual([...octEncode(0, 0, 1, oct)], [0, 0]);
  assert.deepEqual([...octEncode(1, 0, 0, oct)], [32767, 0]);
  assert.deepEqual([...octEncode(0, -1, 0, oct)], [0, -32767]);
  // -Z: (0, 0) folds to (1·signum(+0), 1·signum(+0)) = (1, 1), Rust's signum of +0 being 1.
  assert.deepEqual([...octEncode(0, 0, -1, oct)], [32767, 32767]);
  const down = octDecode(oct[0], oct[1], new Float32Array(3));
  assert.deepEqual([...down], [0, 0, -1]);
  // A zero or NaN normal: (0, 0), as the Rust's NaN `as i16`; it decodes to +Z.
  assert.deepEqual([...octEncode(0, 0, 0, oct)], [0, 0]);
  assert.deepEqual([...octEncode(NaN, 1, 0, oct)], [0, 0]);
});

Deno.test("octahedral round trip: within 0.0005 rad (0.03°) of every unit normal (seeded)", () => {
  const random = mulberry32(5);
  const oct = new Int16Array(2), back = new Float32Array(3);
  let worst = 0;
  for (let i = 0; i < 20_000; i++) {
    // Uniform on the sphere.
    const z = random() * 2 - 1, phi = random() * 2 * Math.PI, r = Math.sqrt(1 - z * z);
    const n = [r * Math.cos(phi), r * Math.sin(phi), z];
    octEncode(n[0], n[1], n[2], oct);
    octDecode(oct[0], oct[1], back);
    worst = Math.max(worst, angle(n, back));
  }
  // About 3e-4 measured: the Rust truncates where rounding would halve the error.
  assert.ok(worst < 5e-4, `worst angular error ${worst} rad`);
  // The Rust test's diagonal: under one degree.
  const d = 1 / Math.sqrt(3);
  octEncode(d, d, d, oct);
  assert.ok(angle([d, d, d], octDecode(oct[0], oct[1], back)) < 0.017);
});

Deno.test("compressVertices: 20-byte layout, exact positions, IEEE half uvs", () => {
  assert.equal(COMPRESSED_VERTEX_BYTES, 20);
  assert.equal(STANDARD_VERTEX_BYTES, 32);
  const buffer = compressVertices(
    2,
    new Float32Array([1, 2, 3, -4, 5.5, 1e30]),
    new Float32Array([0, 1, 0, 0, 0, 1]),
    new Float32Array([1, 0.5, 65504, 1e-8]),
  );
  assert.equal(buffer.byteLength, 40);
  const halves = new Uint16Array(buffer);
  // Half bits: 1.0 = 0x3c00, 0.5 = 0x3800, 65504 (largest half) = 0x7bff, 1e-8 underflows to 0.
  assert.deepEqual([...halves.subarray(UV_OFFSET / 2, UV_OFFSET / 2 + 2)], [0x3c00, 0x3800]);
  assert.deepEqual([...halves.subarray(10 + UV_OFFSET / 2, 10 + UV_OFFSET / 2 + 2)], [0x7bff, 0]);
  const { positions, normals, uvs } = decompressVertices(buffer, 2);
  assert.deepEqual([...positions], [1, 2, 3, -4, 5.5, Math.fround(1e30)]);
  assert.deepEqual([...normals], [0, 1, 0, 0, 0, 1]);
  assert.deepEqual([...uvs], [1, 0.5, 65504, 0]);
});

Deno.test("half floats round to nearest, ties to even, as the Rust half crate", () => {
  // Between 1 and 2 halves are 2^-10 apart: 1 + 2^-11 is a tie that goes to 1 (even),
  // 1 + 3·2^-11 a tie that goes to 1 + 2^-9 (even).
  const uvs = new Float32Array([1 + 2 ** -11, 1 + 3 * 2 ** -11]);
  const buffer = compressVertices(1, new Float32Array(3), new Float32Array([0, 0, 1]), uvs);
  assert.deepEqual([...decompressVertices(buffer, 1).uvs], [1, 1 + 2 ** -9]);
});

Deno.test("vertex compression refuses short inputs and huge counts, naming the field", () => {
  const refuses = (run: () => unknown, field: string) =>
    assert.throws(run, (e) => e instanceof RenderError && e.field === field);
  const three = new Float32Array(3), two = new Float32Array(2);
  refuses(() => compressVertices(2 ** 40, three, three, two), "count");
  refuses(() => compressVertices(-1, three, three, two), "count");
  refuses(() => compressVertices(1, new Float32Array(2), three, two), "positions");
  refuses(() => compressVertices(1, three, three, new Float32Array(1)), "uvs");
  refuses(() => decompressVertices(new ArrayBuffer(39), 2), "buffer (vertices)");
});
