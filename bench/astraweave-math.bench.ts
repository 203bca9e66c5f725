/**
 * astraweave-math benchmarks: the Rust original's groups, with our two paths in place of its
 * scalar and SIMD ones: `object` (one call of the value API per vector, each vector its own
 * `Float32Array`) and `batch` (one struct-of-arrays loop), and gl-matrix as the peer doing the
 * same work per object on the same `Float32Array(3)` objects.
 *
 * A single vec3 or quaternion operation takes a few nanoseconds, about the harness floor, so each
 * call does {@link COUNT} of them (declared as throughput); `movement` is the size family (100 to
 * 100,000 entities: the Rust original's three sizes and one more, so the fit does not rest on the
 * smallest, cache-resident size) that the report fits for scaling.
 *
 * @module
 */

import { batch, mat4, quat, QuatSoa, vec3, Vec3Soa } from "@astraweave/math";
import { mat4 as gm4, quat as gquat, vec3 as gvec3 } from "gl-matrix";
import { mulberry32 } from "@astraweave/testing/random";
import { benchCrate, consume, us } from "@astraweave/bench-protocol";

const bench = benchCrate("astraweave-math");
const COUNT = 1000;
const random = mulberry32(42);
const between = (lo: number, hi: number) => lo + (hi - lo) * random();

/** `n` random vectors, as objects and as columns holding the same values. */
function vectors(n: number): { objects: Float32Array[]; soa: Vec3Soa } {
  const soa = new Vec3Soa(n);
  const objects: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const v = vec3.fromValues(between(-10, 10), between(-10, 10), between(-10, 10));
    objects.push(v);
    soa.set(i, v[0], v[1], v[2]);
  }
  return { objects, soa };
}

/** `n` random unit quaternions, as objects and as columns. */
function rotations(n: number): { objects: Float32Array[]; soa: QuatSoa } {
  const soa = new QuatSoa(n);
  const objects: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const q = quat.normalize(
      quat.create(),
      quat.fromValues(between(-1, 1), between(-1, 1), between(-1, 1), between(-1, 1)),
    );
    objects.push(q);
    soa.set(i, q[0], q[1], q[2], q[3]);
  }
  return { objects, soa };
}

const throughput = { elements: COUNT };
const perOp = (nsEach: number, why: string) => us((nsEach * COUNT) / 1000, why);
const peer = { peer: "gl-matrix", versus: "batch", throughput } as const;

const a = vectors(COUNT), b = vectors(COUNT);
const out = vec3.create();
const scalars = new Float32Array(COUNT);
const outSoa = new Vec3Soa(COUNT);

// ---------------------------------------------------------------------------------------------
// vec3_dot, vec3_cross, vec3_normalize, vec3_length
// ---------------------------------------------------------------------------------------------

{
  const budget = perOp(10, "10 ns per vector: 1,000 per 10 µs, 1/1600 of a 60 FPS frame");
  const pairwise = [
    {
      group: "vec3_dot",
      object: () => {
        let sum = 0;
        for (let i = 0; i < COUNT; i++) sum += vec3.dot(a.objects[i], b.objects[i]);
        return sum;
      },
      batch: () => batch.dot(a.soa, b.soa, scalars),
      peer: () => {
        let sum = 0;
        for (let i = 0; i < COUNT; i++) sum += gvec3.dot(a.objects[i], b.objects[i]);
        return sum;
      },
    },
    {
      group: "vec3_cross",
      object: () => {
        for (let i = 0; i < COUNT; i++) vec3.cross(out, a.objects[i], b.objects[i]);
        return out;
      },
      batch: () => batch.cross(a.soa, b.soa, outSoa),
      peer: () => {
        for (let i = 0; i < COUNT; i++) gvec3.cross(out, a.objects[i], b.objects[i]);
        return out;
      },
    },
    {
      group: "vec3_normalize",
      object: () => {
        for (let i = 0; i < COUNT; i++) vec3.normalize(out, a.objects[i]);
        return out;
      },
      batch: () => batch.normalize(a.soa, outSoa),
      peer: () => {
        for (let i = 0; i < COUNT; i++) gvec3.normalize(out, a.objects[i]);
        return out;
      },
    },
    {
      group: "vec3_length",
      object: () => {
        let sum = 0;
        for (let i = 0; i < COUNT; i++) sum += vec3.length(a.objects[i]);
        return sum;
      },
      batch: () => batch.length(a.soa, scalars),
      peer: () => {
        let sum = 0;
        for (let i = 0; i < COUNT; i++) sum += gvec3.length(a.objects[i]);
        return sum;
      },
    },
  ];
  for (const op of pairwise) {
    bench({
      group: op.group,
      name: "object",
      budget,
      throughput,
      fn: () => consume(op.object()),
    });
    bench({
      group: op.group,
      name: "batch",
      budget,
      throughput,
      baseline: true,
      fn: () => consume(op.batch()),
    });
    bench({ group: op.group, name: "gl-matrix", ...peer, fn: () => consume(op.peer()) });
  }
}

{
  const big = 100_000;
  const x = vectors(big), y = vectors(big);
  const dots = new Float32Array(big);
  bench({
    group: "vec3_dot_throughput",
    name: "batch",
    budget: us(200, "100,000 dot products in 1/80 of a 60 FPS frame"),
    throughput: { elements: big },
    fn: () => consume(batch.dot(x.soa, y.soa, dots)),
  });
  bench({
    group: "vec3_dot_throughput",
    name: "gl-matrix",
    peer: "gl-matrix",
    versus: "batch",
    throughput: { elements: big },
    fn: () => {
      for (let i = 0; i < big; i++) dots[i] = gvec3.dot(x.objects[i], y.objects[i]);
      consume(dots);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// physics_tick: velocity += gravity dt; position += velocity dt, for 1,000 bodies
// ---------------------------------------------------------------------------------------------

{
  const dt = 1 / 60;
  const gravity = vec3.fromValues(0, -9.81, 0);
  const positions = vectors(COUNT), velocities = vectors(COUNT);
  const budget = perOp(10, "1,000 bodies in 10 µs, 1/1600 of a 60 FPS frame");
  bench({
    group: "physics_tick",
    name: "object",
    budget,
    throughput,
    fn: () => {
      for (let i = 0; i < COUNT; i++) {
        const v = velocities.objects[i];
        vec3.scaleAndAdd(v, v, gravity, dt);
        vec3.scaleAndAdd(positions.objects[i], positions.objects[i], v, dt);
      }
      consume(positions.objects);
    },
  });
  bench({
    group: "physics_tick",
    name: "batch",
    budget,
    throughput,
    baseline: true,
    fn: () => consume(batch.step(positions.soa, velocities.soa, gravity, dt)),
  });
  bench({
    group: "physics_tick",
    name: "gl-matrix",
    ...peer,
    fn: () => {
      for (let i = 0; i < COUNT; i++) {
        const v = velocities.objects[i];
        gvec3.scaleAndAdd(v, v, gravity, dt);
        gvec3.scaleAndAdd(positions.objects[i], positions.objects[i], v, dt);
      }
      consume(positions.objects);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// mat4_multiply, mat4_transpose, mat4_inverse: 1,000 model matrices per call
// ---------------------------------------------------------------------------------------------

{
  const q = rotations(COUNT), t = vectors(COUNT);
  const matrices = q.objects.map((r, i) =>
    mat4.fromRotationTranslationScale(mat4.create(), r, t.objects[i], vec3.fromValues(1, 2, 3))
  );
  const view = mat4.fromRotationTranslationScale(
    mat4.create(),
    q.objects[0],
    t.objects[0],
    vec3.fromValues(1, 1, 1),
  );
  const result = mat4.create();
  const ops = [
    {
      group: "mat4_multiply",
      nsEach: 40,
      ours: () => {
        for (let i = 0; i < COUNT; i++) mat4.multiply(result, view, matrices[i]);
      },
      theirs: () => {
        for (let i = 0; i < COUNT; i++) gm4.multiply(result, view, matrices[i]);
      },
    },
    {
      group: "mat4_transpose",
      nsEach: 20,
      ours: () => {
        for (let i = 0; i < COUNT; i++) mat4.transpose(result, matrices[i]);
      },
      theirs: () => {
        for (let i = 0; i < COUNT; i++) gm4.transpose(result, matrices[i]);
      },
    },
    {
      group: "mat4_inverse",
      nsEach: 80,
      ours: () => {
        for (let i = 0; i < COUNT; i++) mat4.invert(result, matrices[i]);
      },
      theirs: () => {
        for (let i = 0; i < COUNT; i++) gm4.invert(result, matrices[i]);
      },
    },
  ];
  for (const op of ops) {
    bench({
      group: op.group,
      name: "object",
      budget: perOp(
        op.nsEach,
        `${op.nsEach} ns per matrix: 1,000 skinned bones well inside a frame`,
      ),
      throughput,
      baseline: true,
      fn: () => {
        op.ours();
        consume(result);
      },
    });
    bench({
      group: op.group,
      name: "gl-matrix",
      peer: "gl-matrix",
      versus: "object",
      throughput,
      fn: () => {
        op.theirs();
        consume(result);
      },
    });
  }

  // transform_point (one call per point) and transform_points_batch (one loop over columns).
  const points = vectors(COUNT);
  const moved = new Vec3Soa(COUNT);
  bench({
    group: "transform_point",
    name: "object",
    budget: perOp(15, "15 ns per point: 1,000 points in 1/1100 of a 60 FPS frame"),
    throughput,
    baseline: true,
    fn: () => {
      for (let i = 0; i < COUNT; i++) mat4.transformPoint(out, view, points.objects[i]);
      consume(out);
    },
  });
  bench({
    group: "transform_point",
    name: "gl-matrix",
    peer: "gl-matrix",
    versus: "object",
    throughput,
    fn: () => {
      for (let i = 0; i < COUNT; i++) gvec3.transformMat4(out, points.objects[i], view);
      consume(out);
    },
  });
  bench({
    group: "transform_points_batch",
    name: "batch",
    budget: perOp(5, "5 ns per point: a 10,000-vertex mesh in 1/330 of a 60 FPS frame"),
    throughput,
    baseline: true,
    fn: () => consume(batch.transformPoints(view, points.soa, moved)),
  });
  bench({
    group: "transform_points_batch",
    name: "gl-matrix",
    ...peer,
    fn: () => {
      for (let i = 0; i < COUNT; i++) gvec3.transformMat4(out, points.objects[i], view);
      consume(out);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// quat_multiply, quat_dot, quat_normalize(_batch), quat_slerp(_batch)
// ---------------------------------------------------------------------------------------------

{
  const p = rotations(COUNT), q = rotations(COUNT);
  const result = quat.create();
  const resultSoa = new QuatSoa(COUNT);
  const objectBudget = perOp(15, "15 ns per rotation: 1,000 animated bones in 1/1100 of a frame");
  const batchBudget = perOp(8, "8 ns per rotation in a column loop");

  bench({
    group: "quat_multiply",
    name: "object",
    budget: objectBudget,
    throughput,
    fn: () => {
      for (let i = 0; i < COUNT; i++) quat.multiply(result, p.objects[i], q.objects[i]);
      consume(result);
    },
  });
  bench({
    group: "quat_multiply",
    name: "batch",
    budget: batchBudget,
    throughput,
    baseline: true,
    fn: () => consume(batch.quatMultiply(p.soa, q.soa, resultSoa)),
  });
  bench({
    group: "quat_multiply",
    name: "gl-matrix",
    ...peer,
    fn: () => {
      for (let i = 0; i < COUNT; i++) gquat.multiply(result, p.objects[i], q.objects[i]);
      consume(result);
    },
  });

  bench({
    group: "quat_dot",
    name: "object",
    budget: objectBudget,
    throughput,
    baseline: true,
    fn: () => {
      let sum = 0;
      for (let i = 0; i < COUNT; i++) sum += quat.dot(p.objects[i], q.objects[i]);
      consume(sum);
    },
  });
  bench({
    group: "quat_dot",
    name: "gl-matrix",
    peer: "gl-matrix",
    versus: "object",
    throughput,
    fn: () => {
      let sum = 0;
      for (let i = 0; i < COUNT; i++) sum += gquat.dot(p.objects[i], q.objects[i]);
      consume(sum);
    },
  });

  for (
    const [name, ours, theirs] of [
      [
        "normalize",
        () => {
          for (let i = 0; i < COUNT; i++) quat.normalize(result, p.objects[i]);
        },
        () => {
          for (let i = 0; i < COUNT; i++) gquat.normalize(result, p.objects[i]);
        },
      ],
      [
        "slerp",
        () => {
          for (let i = 0; i < COUNT; i++) quat.slerp(result, p.objects[i], q.objects[i], 0.3);
        },
        () => {
          for (let i = 0; i < COUNT; i++) gquat.slerp(result, p.objects[i], q.objects[i], 0.3);
        },
      ],
    ] as const
  ) {
    const nsEach = name === "slerp" ? 60 : 15;
    bench({
      group: `quat_${name}`,
      name: "object",
      budget: perOp(nsEach, `${nsEach} ns per rotation: 1,000 bones well inside a frame`),
      throughput,
      baseline: true,
      fn: () => {
        ours();
        consume(result);
      },
    });
    bench({
      group: `quat_${name}`,
      name: "gl-matrix",
      peer: "gl-matrix",
      versus: "object",
      throughput,
      fn: () => {
        theirs();
        consume(result);
      },
    });
    bench({
      group: `quat_${name}_batch`,
      name: "batch",
      budget: perOp(nsEach, `${nsEach} ns per rotation in a column loop`),
      throughput,
      baseline: true,
      fn: () =>
        consume(
          name === "slerp"
            ? batch.slerp(p.soa, q.soa, 0.3, resultSoa)
            : batch.quatNormalize(p.soa, resultSoa),
        ),
    });
    bench({
      group: `quat_${name}_batch`,
      name: "gl-matrix",
      ...peer,
      fn: () => {
        theirs();
        consume(result);
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// movement: position += velocity dt for 100 to 100,000 entities (the scaling family)
// ---------------------------------------------------------------------------------------------

for (const entities of [100, 1000, 10_000, 100_000]) {
  const dt = 1 / 60;
  const positions = vectors(entities), velocities = vectors(entities);
  const size = { value: entities, unit: "entities" };
  const perEntity = { elements: entities };
  bench({
    group: "movement",
    name: `batch/${entities}`,
    budget: us(entities / 200, "5 ns per entity: 10,000 entities move in 1/330 of a 60 FPS frame"),
    size,
    throughput: perEntity,
    baseline: entities === 10_000,
    fn: () => consume(batch.integrate(positions.soa, velocities.soa, dt)),
  });
  bench({
    group: "movement",
    name: `object/${entities}`,
    budget: us(entities / 100, "10 ns per entity with one call per vector"),
    size,
    throughput: perEntity,
    fn: () => {
      for (let i = 0; i < entities; i++) {
        vec3.scaleAndAdd(positions.objects[i], positions.objects[i], velocities.objects[i], dt);
      }
      consume(positions.objects);
    },
  });
  bench({
    group: "movement",
    name: `gl-matrix/${entities}`,
    peer: "gl-matrix",
    versus: `batch/${entities}`,
    size,
    throughput: perEntity,
    fn: () => {
      for (let i = 0; i < entities; i++) {
        gvec3.scaleAndAdd(positions.objects[i], positions.objects[i], velocities.objects[i], dt);
      }
      consume(positions.objects);
    },
  });
}
