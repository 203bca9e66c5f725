// Hostile input the math crate must refuse with a MathError (lengths that differ or cannot be
// allocated, singular matrices) or answer without NaN: finite inputs of any magnitude, from
// denormals to the float32 maximum, never come out as NaN. Seeded; a failing case reproduces
// from its seed and index. Each hole found gets a test here.
import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import { below, HOSTILE_NUMBERS, pick, type Random } from "@astraweave/testing/hostile";
import { batch, mat4, MathError, quat, QuatSoa, TransformSoa, vec3, Vec3Soa } from "./mod.ts";

function assertMathError(run: () => unknown, kind: string, what: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof MathError, `${what}: expected a MathError, got ${caught}`);
  assert.equal(caught.kind, kind, what);
}

const MAGNITUDES = [0, 1e-45, 1e-39, 1e-20, 1e-3, 1, 1e3, 1e20, 1e38, 3.4e38];

/** A finite float32 of a random sign and magnitude (denormals, huge, exact zeros). */
function finite(random: Random): number {
  const value = Math.fround(pick(random, MAGNITUDES) * (0.5 + random()));
  const bounded = Number.isFinite(value) ? value : 3.4e38;
  return below(random, 2) ? bounded : -bounded;
}

function fill(array: Float32Array, random: Random): Float32Array {
  for (let i = 0; i < array.length; i++) array[i] = finite(random);
  return array;
}

function assertNoNaN(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    assert.ok(!Number.isNaN(values[i]), `${what}: NaN at ${i} of [${Array.from(values)}]`);
  }
}

Deno.test("hostile: batches of 3,000 mismatched lengths throw a MathError and write nothing", () => {
  const random = mulberry32(0x5eed_1e46);
  const lengths = [0, 1, 2, 3, 7, 8];
  for (let i = 0; i < 3000; i++) {
    const [na, nb, no] = [pick(random, lengths), pick(random, lengths), pick(random, lengths)];
    const what = `case ${i}: lengths ${na}, ${nb}, ${no}`;
    const a = new Vec3Soa(na), b = new Vec3Soa(nb), out = new Vec3Soa(no);
    const qa = new QuatSoa(na), qb = new QuatSoa(nb), qo = new QuatSoa(no);
    for (const column of [a.x, a.y, b.z, out.x, qa.w, qb.x, qo.y]) fill(column, random);
    const before = [out.x.slice(), qo.y.slice()];
    const calls: [string, () => unknown, boolean][] = [
      ["dot", () => batch.dot(a, b, new Float32Array(no)), na === nb && nb === no],
      ["cross", () => batch.cross(a, b, out), na === nb && nb === no],
      ["add", () => batch.add(a, b, out), na === nb && nb === no],
      ["length", () => batch.length(a, new Float32Array(no)), na === no],
      ["normalize", () => batch.normalize(a, out), na === no],
      ["scale", () => batch.scale(a, 2, out), na === no],
      ["transformPoints", () => batch.transformPoints(mat4.create(), a, out), na === no],
      ["quatMultiply", () => batch.quatMultiply(qa, qb, qo), na === nb && nb === no],
      ["quatNormalize", () => batch.quatNormalize(qa, qo), na === no],
      ["slerp", () => batch.slerp(qa, qb, 0.5, qo), na === nb && nb === no],
      [
        "applyTransforms",
        () => batch.applyTransforms(new TransformSoa(na), b, out),
        na === nb && nb === no,
      ],
    ];
    const [name, run, fits] = pick(random, calls);
    if (fits) run();
    else {
      assertMathError(run, "length_mismatch", `${what} ${name}`);
      assert.deepEqual([out.x, qo.y], before, `${what} ${name}: wrote before refusing`);
    }
  }
  // integrate changes its first argument in place: nothing moves when the lengths differ.
  const positions = new Vec3Soa(3);
  assertMathError(
    () => batch.integrate(positions, new Vec3Soa(4), 1),
    "length_mismatch",
    "integrate",
  );
  assert.deepEqual(Array.from(positions.x), [0, 0, 0]);
  const velocities = new Vec3Soa(3);
  assertMathError(
    () => batch.step(new Vec3Soa(4), velocities, vec3.fromValues(0, -9.81, 0), 1),
    "length_mismatch",
    "step",
  );
  assert.deepEqual(Array.from(velocities.y), [0, 0, 0]);
});

Deno.test("hostile (fuzz hole): lengths past what can be allocated are a MathError, not a RangeError", () => {
  // `new Vec3Soa(2 ** 33)` threw "RangeError: Array buffer allocation failed". (Lengths of 2^31
  // and 2^32 are not tried: on some machines they are reserved lazily, and succeed.)
  const lengths = [
    ...HOSTILE_NUMBERS.filter((n) => !(n >= 2 ** 31 && n <= 2 ** 32)),
    2 ** 33,
    1e15,
  ];
  for (const length of [...lengths, -(2 ** 31)]) {
    for (const Columns of [Vec3Soa, QuatSoa, TransformSoa]) {
      const what = `new ${Columns.name}(${length})`;
      if (Number.isInteger(length) && length >= 0 && length < 2 ** 20) {
        assert.equal(new Columns(length).length, length, what);
      } else {
        assertMathError(() => new Columns(length), "out_of_range", what);
      }
    }
  }
});

Deno.test("hostile: 5,000 finite inputs of every magnitude never come out as NaN", () => {
  const random = mulberry32(0x5eed_0a0a);
  const v = vec3.create(), w = vec3.create(), out = vec3.create();
  const q = quat.create(), r = quat.create(), qOut = quat.create();
  const m = mat4.create(), mOut = mat4.create();
  // Hole found here: a finite matrix close to singular inverted to a matrix with an infinite
  // entry (past the float32 range); invert now returns null for it.
  for (let i = 0; i < 5000; i++) {
    const what = `case ${i}`;
    fill(v, random);
    fill(w, random);
    fill(q, random);
    fill(r, random);
    fill(m, random);
    const t = random();
    const unit = vec3.normalize(out, v);
    assertNoNaN(unit, `${what} vec3.normalize`);
    assert.ok(unit.every((c) => Math.abs(c) <= 1), `${what}: normalize gave ${unit}`);
    const q1 = quat.normalize(quat.create(), q), q2 = quat.normalize(quat.create(), r);
    assertNoNaN(q1, `${what} quat.normalize`);
    assert.ok(Math.abs(quat.dot(q1, q1) - 1) < 1e-5, `${what}: not a unit quaternion: ${q1}`);
    assertNoNaN(quat.slerp(qOut, q1, q2, t), `${what} quat.slerp`);
    assertNoNaN(quat.rotateVec3(out, q1, unit), `${what} quat.rotateVec3`);
    const inverted = mat4.invert(mOut, m);
    if (inverted === null) assertMathError(() => mat4.inverse(m), "singular_matrix", what);
    else {
      assertNoNaN(inverted, `${what} mat4.invert of [${Array.from(m)}]`);
      assert.ok(inverted.every(Number.isFinite), `${what}: invert overflowed: ${inverted}`);
    }
    assertNoNaN(
      mat4.transformPoint(out, mat4.identity(mat4.create()), w),
      `${what} transformPoint`,
    );
  }
});

Deno.test("hostile (fuzz hole): 2,000 matrices with an infinite or NaN entry never invert into NaN", () => {
  const random = mulberry32(0x5eed_1f1f);
  for (let i = 0; i < 2000; i++) {
    const m = fill(mat4.create(), random);
    m[below(random, 16)] = pick(random, [Infinity, -Infinity, NaN]);
    const out = mat4.create();
    const inverted = mat4.invert(out, m);
    // An infinite entry made the determinant infinite and 1/det 0: a NaN matrix came back.
    if (inverted === null) assert.deepEqual(out, mat4.create(), `case ${i}: out was written`);
    else assertNoNaN(inverted, `case ${i}: invert of [${Array.from(m)}]`);
  }
});
