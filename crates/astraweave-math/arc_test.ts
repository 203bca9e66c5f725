import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import { acosUnit, sinAcos, sinArc } from "./arc.ts";
import { batch, quat, QuatSoa } from "./mod.ts";

Deno.test("acosUnit is within 4.1e-10 of Math.acos on a million points of [0, 1], exact at the ends", () => {
  let worst = 0;
  for (let i = 0; i <= 1e6; i++) {
    const x = i / 1e6;
    worst = Math.max(worst, Math.abs(acosUnit(x) - Math.acos(x)));
  }
  assert.ok(worst <= 4.1e-10, `worst error ${worst}`);
  assert.equal(acosUnit(1), 0);
  assert.ok(Math.abs(acosUnit(0) - Math.PI / 2) <= 4.1e-10);
});

Deno.test("sinArc is within 1e-11 of Math.sin on [-π/2, π/2] and is Math.sin beyond", () => {
  let worst = 0;
  for (let i = -1e5; i <= 1e5; i++) {
    const angle = (i / 1e5) * (Math.PI / 2);
    worst = Math.max(worst, Math.abs(sinArc(angle) - Math.sin(angle)));
  }
  assert.ok(worst <= 1e-11, `worst error ${worst}`);
  for (const angle of [2, -2, Math.PI, 10, -1e6]) assert.equal(sinArc(angle), Math.sin(angle));
  assert.ok(Number.isNaN(sinArc(NaN)));
});

/** Slerp with `Math.acos` and `Math.sin` in doubles, rounded once: the reference. */
function exactSlerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  let cosine = a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
  const sign = cosine < 0 ? -1 : 1;
  cosine = Math.min(cosine * sign, 1);
  const theta = Math.acos(cosine);
  const wa = theta > 1e-6 ? Math.sin((1 - t) * theta) / Math.sin(theta) : 1 - t;
  const wb = (theta > 1e-6 ? Math.sin(t * theta) / Math.sin(theta) : t) * sign;
  return Float32Array.from([0, 1, 2, 3], (c) => wa * a[c] + wb * b[c]);
}

Deno.test("slerp is within one float32 step (6e-8) of the libm formula, and batch equals it bit for bit", () => {
  const random = mulberry32(31);
  const n = 2000;
  const a = new QuatSoa(n), b = new QuatSoa(n);
  const qa = quat.create(), qb = quat.create(), out = quat.create();
  for (let i = 0; i < n; i++) {
    const u = quat.normalize(
      quat.create(),
      quat.fromValues(random() - 0.5, random() - 0.5, random() - 0.5, random() - 0.5),
    );
    // Every fourth pair nearly equal, so small arcs (and the linear path) are covered too.
    const v = i % 4 === 0
      ? quat.normalize(quat.create(), quat.fromValues(u[0] + 1e-4 * random(), u[1], u[2], u[3]))
      : quat.normalize(
        quat.create(),
        quat.fromValues(random() - 0.5, random() - 0.5, random() - 0.5, random() - 0.5),
      );
    a.set(i, u[0], u[1], u[2], u[3]);
    b.set(i, v[0], v[1], v[2], v[3]);
  }
  let differing = 0;
  for (const t of [0, 0.3, 0.5, 0.9, 1, -0.25, 1.5]) {
    const mixed = batch.slerp(a, b, t, new QuatSoa(n));
    for (let i = 0; i < n; i++) {
      const ours = quat.slerp(out, a.get(i, qa), b.get(i, qb), t);
      assert.deepEqual(mixed.get(i, quat.create()), ours, `batch ${t} element ${i}`);
      const reference = exactSlerp(qa, qb, t);
      for (let c = 0; c < 4; c++) {
        assert.ok(Math.abs(ours[c] - reference[c]) <= 6e-8, `slerp ${t} element ${i}`);
        if (ours[c] !== reference[c]) differing++;
      }
    }
  }
  // 14 of the 56,000 components are one step away from the correctly rounded libm result.
  assert.ok(differing <= 56, `${differing} components differ from libm's`);
});

Deno.test("sinAcos is within 1e-15 of sin(acos(x)), relatively, down to the tiniest arcs", () => {
  for (let i = 0; i <= 1e5; i++) {
    const x = i / 1e5;
    assert.ok(Math.abs(sinAcos(x) - Math.sin(Math.acos(x))) <= 1e-15, `x = ${x}`);
  }
  for (const angle of [1e-3, 1e-5, 1e-6, 1e-7]) {
    const x = Math.cos(angle);
    const relative = Math.abs(sinAcos(x) - Math.sin(Math.acos(x))) / Math.sin(Math.acos(x));
    assert.ok(relative <= 1e-15, `angle ${angle}: relative error ${relative}`);
  }
  assert.equal(sinAcos(1), 0);
  assert.equal(sinAcos(0), 1);
});
