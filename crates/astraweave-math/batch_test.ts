import assert from "node:assert/strict";
import { mat4 as gm4 } from "gl-matrix";
import { mulberry32 } from "@astraweave/testing/random";
import { batch, mat4, MathError, quat, QuatSoa, TransformSoa, vec3, Vec3Soa } from "./mod.ts";

const N = 513; // not a power of two, so no loop happens to line up with a size
const random = mulberry32(7);
const between = (lo: number, hi: number) => lo + (hi - lo) * random();

function randomVectors(n = N): Vec3Soa {
  const v = new Vec3Soa(n);
  for (let i = 0; i < n; i++) v.set(i, between(-10, 10), between(-10, 10), between(-10, 10));
  return v;
}

function randomRotations(n = N): QuatSoa {
  const q = new QuatSoa(n);
  const one = quat.create();
  for (let i = 0; i < n; i++) {
    quat.normalize(
      one,
      quat.fromValues(between(-1, 1), between(-1, 1), between(-1, 1), between(-1, 1)),
    );
    q.set(i, one[0], one[1], one[2], one[3]);
  }
  return q;
}

function cloneRotations(q: QuatSoa): QuatSoa {
  const copy = new QuatSoa(q.length);
  copy.x.set(q.x), copy.y.set(q.y), copy.z.set(q.z), copy.w.set(q.w);
  return copy;
}

/** Each batch result equals the value API's result for the same element, exactly: same operations, same order, same rounding. */
function assertEachEqual(
  count: number,
  actual: (i: number) => ArrayLike<number>,
  expected: (i: number) => ArrayLike<number>,
): void {
  for (let i = 0; i < count; i++) {
    assert.deepEqual([...Array.from(actual(i))], [...Array.from(expected(i))], `element ${i}`);
  }
}

Deno.test("vec3 batches equal the value API element by element", () => {
  const a = randomVectors(), b = randomVectors();
  a.set(3, 0, 0, 0); // a zero vector: normalize keeps it zero
  const va = vec3.create(), vb = vec3.create(), out = vec3.create();
  const at = (soa: Vec3Soa, i: number) => soa.get(i, new Float32Array(3));

  const dots = batch.dot(a, b, new Float32Array(N));
  assertEachEqual(N, (i) => [dots[i]], (i) => [Math.fround(vec3.dot(a.get(i, va), b.get(i, vb)))]);
  const lengths = batch.length(a, new Float32Array(N));
  assertEachEqual(N, (i) => [lengths[i]], (i) => [Math.fround(vec3.length(a.get(i, va)))]);

  const crossed = batch.cross(a, b, new Vec3Soa(N));
  assertEachEqual(N, (i) => at(crossed, i), (i) => vec3.cross(out, a.get(i, va), b.get(i, vb)));
  const unit = batch.normalize(a, new Vec3Soa(N));
  assertEachEqual(N, (i) => at(unit, i), (i) => vec3.normalize(out, a.get(i, va)));
  assert.deepEqual(at(unit, 3), new Float32Array(3));
  const sum = batch.add(a, b, new Vec3Soa(N));
  assertEachEqual(N, (i) => at(sum, i), (i) => vec3.add(out, a.get(i, va), b.get(i, vb)));
  const scaled = batch.scale(a, -1.5, new Vec3Soa(N));
  assertEachEqual(N, (i) => at(scaled, i), (i) => vec3.scale(out, a.get(i, va), -1.5));

  const before = a.clone();
  batch.integrate(a, b, 1 / 60);
  assertEachEqual(
    N,
    (i) => at(a, i),
    (i) => vec3.scaleAndAdd(out, before.get(i, va), b.get(i, vb), 1 / 60),
  );
  // step: the two integrate passes of a physics tick in one, bit for bit.
  const gravity = vec3.fromValues(0.5, -9.81, 0);
  const gravityColumn = new Vec3Soa(N);
  gravityColumn.x.fill(0.5), gravityColumn.y.fill(-9.81);
  const [p1, v1] = [randomVectors(), randomVectors()];
  const [p2, v2] = [p1.clone(), v1.clone()];
  batch.step(p1, v1, gravity, 1 / 60);
  batch.integrate(v2, gravityColumn, 1 / 60);
  batch.integrate(p2, v2, 1 / 60);
  assert.deepEqual([p1, v1], [p2, v2]);
  // In place: out may be an input.
  const doubled = randomVectors();
  const copy = doubled.clone();
  batch.add(doubled, doubled, doubled);
  assertEachEqual(N, (i) => at(doubled, i), (i) => vec3.scale(out, copy.get(i, va), 2));
});

Deno.test("transformPoints equals mat4.transformPoint for an affine and a projective matrix", () => {
  const points = randomVectors();
  const affine = mat4.fromRotationTranslationScale(
    mat4.create(),
    quat.normalize(quat.create(), quat.fromValues(0.1, 0.7, -0.2, 0.6)),
    vec3.fromValues(3, -4, 5),
    vec3.fromValues(2, 1, 0.5),
  );
  const projective = Float32Array.from(affine);
  projective[3] = 0.01; // w depends on x: the divide path
  projective[15] = 2;
  const out = vec3.create(), p = vec3.create();
  for (const m of [affine, projective]) {
    const moved = batch.transformPoints(m, points, new Vec3Soa(N));
    assertEachEqual(
      N,
      (i) => moved.get(i, new Float32Array(3)),
      (i) => mat4.transformPoint(out, m, points.get(i, p)),
    );
  }
});

Deno.test("quaternion batches equal the value API, including slerp across the short arc", () => {
  const a = randomRotations(), b = randomRotations();
  const qa = quat.create(), qb = quat.create(), out = quat.create();
  const at = (soa: QuatSoa, i: number) => soa.get(i, new Float32Array(4));
  let flipped = 0;
  for (let i = 0; i < N; i++) if (quat.dot(a.get(i, qa), b.get(i, qb)) < 0) flipped++;
  assert.ok(flipped > N / 4, "both arcs are exercised");

  const product = batch.quatMultiply(a, b, new QuatSoa(N));
  assertEachEqual(N, (i) => at(product, i), (i) => quat.multiply(out, a.get(i, qa), b.get(i, qb)));
  for (const t of [0, 0.25, 0.5, 1]) {
    const mixed = batch.slerp(a, b, t, new QuatSoa(N));
    assertEachEqual(N, (i) => at(mixed, i), (i) => quat.slerp(out, a.get(i, qa), b.get(i, qb), t));
    // In place, over more than one of slerp's chunks: `out` may be either input.
    const first = cloneRotations(a), second = cloneRotations(b);
    assert.equal(batch.slerp(first, b, t, first), first);
    assert.equal(batch.slerp(a, second, t, second), second);
    assertEachEqual(N, (i) => at(first, i), (i) => at(mixed, i));
    assertEachEqual(N, (i) => at(second, i), (i) => at(mixed, i));
  }
  const raw = new QuatSoa(N);
  for (let i = 0; i < N; i++) {
    raw.set(i, between(-3, 3), between(-3, 3), between(-3, 3), between(-3, 3));
  }
  raw.set(0, 0, 0, 0, 0);
  const unit = batch.quatNormalize(raw, new QuatSoa(N));
  assertEachEqual(N, (i) => at(unit, i), (i) => quat.normalize(out, raw.get(i, qa)));
  assert.deepEqual(at(unit, 0), quat.create());
});

Deno.test("applyTransforms equals building each model matrix and transforming the point", () => {
  const transforms = new TransformSoa(N);
  const rotations = randomRotations();
  const positions = randomVectors();
  for (let i = 0; i < N; i++) {
    transforms.position.set(i, positions.x[i], positions.y[i], positions.z[i]);
    transforms.rotation.set(i, rotations.x[i], rotations.y[i], rotations.z[i], rotations.w[i]);
    transforms.scale.set(i, between(0.5, 2), between(0.5, 2), between(0.5, 2));
  }
  const points = randomVectors();
  const out = batch.applyTransforms(transforms, points, new Vec3Soa(N));
  const m = mat4.create(), p = vec3.create();
  for (let i = 0; i < N; i++) {
    mat4.fromRotationTranslationScale(
      m,
      transforms.rotation.get(i, quat.create()),
      transforms.position.get(i, vec3.create()),
      transforms.scale.get(i, vec3.create()),
    );
    const expected = mat4.transformPoint(p, m, points.get(i, vec3.create()));
    const actual = out.get(i, vec3.create());
    for (let c = 0; c < 3; c++) assert.ok(Math.abs(actual[c] - expected[c]) < 1e-4, `element ${i}`);
  }
  // A new TransformSoa is the identity.
  const identity = batch.applyTransforms(new TransformSoa(N), points, new Vec3Soa(N));
  assert.deepEqual(identity, points);
});

Deno.test("batches refuse columns of different lengths before touching anything", () => {
  const a = randomVectors(4), b = randomVectors(5);
  const out = new Vec3Soa(4);
  const check = (error: unknown) => error instanceof MathError && error.kind === "length_mismatch";
  assert.throws(() => batch.add(a, b, out), check);
  assert.deepEqual(out, new Vec3Soa(4));
  assert.throws(() => batch.dot(a, a, new Float32Array(3)), /batch lengths differ: 4 and 3/);
  assert.throws(() => batch.integrate(a, b, 1), check);
  assert.throws(() => new Vec3Soa(-1), (e) => e instanceof MathError && e.kind === "out_of_range");
  assert.throws(() => new QuatSoa(1.5), MathError);
});

Deno.test("composeHierarchy: world matrices within 1e-6 of a double-precision product, closer than per-node float32 calls", () => {
  const n = 400;
  const parents = new Int32Array(n), slots = new Int32Array(n);
  const translation = new Float32Array(n * 3), rotation = new Float32Array(n * 4);
  const scale = new Float32Array(n * 3);
  const rotations = randomRotations(n);
  for (let i = 0; i < n; i++) {
    // Every parent has a lower slot, so slot order lists parents first; a few more roots.
    parents[i] = i === 0 || i % 50 === 0 ? -1 : Math.floor(random() * i);
    slots[i] = i;
    translation.set([between(-10, 10), between(-10, 10), between(-10, 10)], i * 3);
    rotation.set([rotations.x[i], rotations.y[i], rotations.z[i], rotations.w[i]], i * 4);
    scale.set([between(0.5, 2), between(0.5, 2), between(-2, -0.5)], i * 3);
  }
  const world = new Float32Array(n * 16);
  batch.composeHierarchy(world, slots, n, parents, translation, rotation, scale);
  // References: the same product in doubles, and in float32 one call at a time.
  const exact: Float64Array[] = [], perNode: Float32Array[] = [];
  const t = vec3.create(), q = quat.create(), s = vec3.create(), local = mat4.create();
  let oursError = 0, perNodeError = 0;
  for (let i = 0; i < n; i++) {
    t.set(translation.subarray(i * 3, i * 3 + 3));
    q.set(rotation.subarray(i * 4, i * 4 + 4));
    s.set(scale.subarray(i * 3, i * 3 + 3));
    const local64 = gm4.fromRotationTranslationScale(new Float64Array(16), q, t, s) as Float64Array;
    mat4.fromRotationTranslationScale(local, q, t, s);
    const p = parents[i];
    exact[i] = p < 0
      ? local64
      : gm4.multiply(new Float64Array(16), exact[p], local64) as Float64Array;
    perNode[i] = p < 0 ? Float32Array.from(local) : mat4.multiply(mat4.create(), perNode[p], local);
    // Relative to the matrix's largest entry: a translation can be a small sum of large terms.
    const magnitude = Math.max(1, ...Array.from(exact[i], Math.abs));
    for (let c = 0; c < 16; c++) {
      const reference = exact[i][c], ours = world[i * 16 + c];
      const error = Math.abs(ours - reference);
      assert.ok(error <= 1e-6 * magnitude, `slot ${i} [${c}]: ${ours} vs ${reference}`);
      oursError += error;
      perNodeError += Math.abs(perNode[i][c] - reference);
    }
    assert.deepEqual([3, 7, 11, 15].map((c) => world[i * 16 + c]), [0, 0, 0, 1]);
  }
  assert.ok(oursError < perNodeError, `total error ${oursError} vs ${perNodeError}`);

  // Only the listed slots are written: a child recomputed after its parent moved.
  const before = world.slice();
  translation[3 * 7] += 1;
  batch.composeHierarchy(world, Int32Array.of(7), 1, parents, translation, rotation, scale);
  for (let i = 0; i < n; i++) {
    const changed = world.subarray(i * 16, i * 16 + 16).some((v, c) => v !== before[i * 16 + c]);
    assert.equal(changed, i === 7, `slot ${i}`);
  }
});

Deno.test("composeHierarchy refuses columns of different slot counts and a count past the list", () => {
  const parents = Int32Array.of(-1, 0), slots = Int32Array.of(0, 1);
  const t = new Float32Array(6), r = new Float32Array(8), s = new Float32Array(6);
  const world = new Float32Array(32);
  const kind = (k: string) => (e: unknown) => e instanceof MathError && e.kind === k;
  assert.throws(
    () => batch.composeHierarchy(new Float32Array(31), slots, 2, parents, t, r, s),
    kind("length_mismatch"),
  );
  assert.throws(
    () => batch.composeHierarchy(world, slots, 2, parents, t, new Float32Array(4), s),
    /2 parents, 32 world floats \(16 each\), 6 translation \(3\), 4 rotation \(4\)/,
  );
  for (const count of [3, -1, 1.5, NaN]) {
    assert.throws(
      () => batch.composeHierarchy(world, slots, count, parents, t, r, s),
      kind("out_of_range"),
    );
  }
  for (const [listed, parent] of [[2, -1], [-1, -1], [1, 2], [1, 1e6]]) {
    const badSlots = Int32Array.of(0, listed);
    assert.throws(
      () => batch.composeHierarchy(world, badSlots, 2, Int32Array.of(-1, parent), t, r, s),
      kind("out_of_range"),
      `slot ${listed}, parent ${parent}`,
    );
  }
  assert.deepEqual(world, new Float32Array(32), "nothing written");
});
