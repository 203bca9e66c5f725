import assert from "node:assert/strict";
import { mat4 as gm4, quat as gquat, vec3 as gvec3 } from "gl-matrix";
import { mulberry32 } from "@astraweave/testing/random";
import { mat4, MathError, quat, vec3 } from "./mod.ts";

const TOLERANCE = 1e-5;

function assertClose(
  actual: ArrayLike<number> & Iterable<number>,
  expected: ArrayLike<number> & Iterable<number>,
  tolerance = TOLERANCE,
) {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tolerance * scale,
      `element ${i}: ${actual[i]} vs ${expected[i]} (${[...actual]} vs ${[...expected]})`,
    );
  }
}

const random = mulberry32(20261201);
const between = (lo: number, hi: number) => lo + (hi - lo) * random();
const randomVec3 = () => vec3.fromValues(between(-10, 10), between(-10, 10), between(-10, 10));
const randomUnitQuat = () =>
  quat.normalize(
    quat.create(),
    quat.fromValues(between(-1, 1), between(-1, 1), between(-1, 1), between(-1, 1)),
  );
/** A model matrix with scales kept away from zero, so it is well conditioned. */
const randomModel = () =>
  mat4.fromRotationTranslationScale(
    mat4.create(),
    randomUnitQuat(),
    randomVec3(),
    vec3.fromValues(between(0.5, 3), between(0.5, 3), between(0.5, 3)),
  );
const randomMatrix = () => Float32Array.from({ length: 16 }, () => between(-5, 5));

Deno.test("vec3 agrees with gl-matrix on 1,000 random inputs; zero normalizes to zero", () => {
  for (let i = 0; i < 1000; i++) {
    const a = randomVec3(), b = randomVec3(), s = between(-2, 2);
    assert.ok(Math.abs(vec3.dot(a, b) - gvec3.dot(a, b)) < 1e-3);
    assert.ok(Math.abs(vec3.length(a) - gvec3.length(a)) < 1e-4);
    assertClose(vec3.cross(vec3.create(), a, b), gvec3.cross(gvec3.create(), a, b));
    assertClose(vec3.normalize(vec3.create(), a), gvec3.normalize(gvec3.create(), a));
    assertClose(
      vec3.scaleAndAdd(vec3.create(), a, b, s),
      gvec3.scaleAndAdd(gvec3.create(), a, b, s),
    );
    assertClose(vec3.lerp(vec3.create(), a, b, s), gvec3.lerp(gvec3.create(), a, b, s));
  }
  assert.deepEqual([...vec3.normalize(vec3.create(), vec3.create())], [0, 0, 0]);
  const tiny = vec3.fromValues(1e-30, 0, 0);
  assertClose(vec3.normalize(vec3.create(), tiny), [1, 0, 0]);
  const a = vec3.fromValues(1, 2, 3);
  assert.deepEqual([...vec3.cross(a, a, vec3.fromValues(0, 0, 1))], [2, -1, 0]); // out aliases a
});

Deno.test("quat: Hamilton product, rotation and slerp agree with gl-matrix; slerp endpoints and midpoint exact", () => {
  for (let i = 0; i < 1000; i++) {
    const a = randomUnitQuat(), b = randomUnitQuat(), v = randomVec3(), t = random();
    assertClose(quat.multiply(quat.create(), a, b), gquat.multiply(gquat.create(), a, b));
    assertClose(
      quat.rotateVec3(vec3.create(), a, v),
      gvec3.transformQuat(gvec3.create(), v, a),
      1e-4,
    );
    assertClose(quat.slerp(quat.create(), a, b, t), gquat.slerp(gquat.create(), a, b, t), 1e-4);
    // Endpoints: t = 0 gives a, t = 1 gives b (or -b, the same rotation, on the short arc).
    assertClose(quat.slerp(quat.create(), a, b, 0), a);
    const end = quat.slerp(quat.create(), a, b, 1);
    const sign = quat.dot(a, b) < 0 ? -1 : 1;
    assertClose(end, [...b].map((c) => c * sign));
  }
  // Midpoint of identity and a 90° turn about z is the 45° turn, in closed form.
  const z90 = quat.fromValues(0, 0, Math.SQRT1_2, Math.SQRT1_2);
  const mid = quat.slerp(quat.create(), quat.create(), z90, 0.5);
  assertClose(mid, [0, 0, Math.sin(Math.PI / 8), Math.cos(Math.PI / 8)], 1e-6);
  // Nearly identical rotations take the linear path and stay unit length.
  const near = quat.slerp(quat.create(), quat.create(), quat.fromValues(0, 0, 1e-8, 1), 0.5);
  assert.ok(Math.abs(Math.hypot(...near) - 1) < 1e-6);
  // The zero, negative zero and NaN quaternions all normalize to the identity, +0 and all.
  for (const c of [0, -0, NaN]) {
    const unit = quat.normalize(quat.fromValues(5, 5, 5, 5), quat.fromValues(c, c, c, c));
    assert.deepEqual([...unit], [0, 0, 0, 1]);
  }
});

Deno.test("mat4: inverse times matrix is the identity; multiply, transpose, invert, determinant agree with gl-matrix", () => {
  const identity = mat4.create();
  for (let i = 0; i < 1000; i++) {
    const model = randomModel();
    const product = mat4.multiply(mat4.create(), mat4.inverse(model), model);
    assertClose(product, identity, 1e-4);
    const a = randomMatrix(), b = randomMatrix();
    assertClose(mat4.multiply(mat4.create(), a, b), gm4.multiply(gm4.create(), a, b), 1e-4);
    assertClose(mat4.transpose(mat4.create(), a), gm4.transpose(gm4.create(), a));
    const det = mat4.determinant(a);
    assert.ok(Math.abs(det - gm4.determinant(a)) <= 1e-3 * Math.max(1, Math.abs(det)));
    const ours = mat4.invert(mat4.create(), a);
    const theirs = gm4.invert(gm4.create(), a);
    if (Math.abs(det) > 1e-2 && ours && theirs) assertClose(ours, theirs, 1e-3);
  }
  const a = randomMatrix();
  const copy = Float32Array.from(a);
  mat4.transpose(a, a); // in place
  assertClose(a, gm4.transpose(gm4.create(), copy));
  mat4.multiply(a, copy, a); // out aliases b
  const expected = gm4.multiply(gm4.create(), copy, gm4.transpose(gm4.create(), copy));
  assertClose(a, expected, 1e-4);
});

Deno.test("mat4: a singular matrix is reported, never inverted into NaN", () => {
  const singular = mat4.create();
  singular[10] = 0; // z collapses
  const out = mat4.create();
  out[0] = 7;
  assert.equal(mat4.invert(out, singular), null);
  assert.equal(out[0], 7, "out is untouched");
  assert.throws(
    () => mat4.inverse(singular),
    (error) => error instanceof MathError && error.kind === "singular_matrix",
  );
  assert.throws(() => mat4.inverse(new Float32Array(16)), /singular/);
  // Rows that are multiples of each other: determinant exactly 0.
  const rank1 = Float32Array.from({ length: 16 }, (_, i) => (i % 4) + 1);
  assert.equal(mat4.determinant(rank1), 0);
  assert.equal(mat4.invert(mat4.create(), rank1), null);
});

Deno.test("mat4: transformPoint matches gl-matrix, including a projective matrix", () => {
  const perspective = gm4.perspective(gm4.create(), Math.PI / 3, 16 / 9, 0.1, 100) as Float32Array;
  for (let i = 0; i < 200; i++) {
    const p = randomVec3();
    for (const m of [randomModel(), perspective]) {
      assertClose(
        mat4.transformPoint(vec3.create(), m, p),
        gvec3.transformMat4(gvec3.create(), p, m),
        1e-4,
      );
    }
  }
  // The model matrix: translate(t) rotate(q) scale(s), as gl-matrix builds it.
  const q = randomUnitQuat(), t = randomVec3(), s = randomVec3();
  assertClose(
    mat4.fromRotationTranslationScale(mat4.create(), q, t, s),
    gm4.fromRotationTranslationScale(gm4.create(), q, t, s),
  );
});
