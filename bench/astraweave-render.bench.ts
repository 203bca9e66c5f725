/**
 * astraweave-render benchmarks: the CPU-side groups of the Rust original's
 * camera_primitives_instancing.rs (camera_operations, instance_batching), culling_lod.rs
 * ("AABB Construction", "Frustum Extraction", "AABB-Frustum Test", "CPU Frustum Culling",
 * "Indirect Commands"), cluster_gpu_vs_cpu.rs (cpu_light_culling) and mesh_optimization.rs
 * (vertex_compression/octahedral, vertex_compression/throughput), with their names. Ours
 * without a Rust counterpart: the lod_selection group (the Rust has `select_lod` but no bench
 * for it) and instance_batching/batch_visible (grouping visible instances by mesh and material).
 *
 * One camera or frustum operation takes tens of nanoseconds, near the harness floor, so those
 * benches do {@link COUNT} per call (declared as throughput). The culling family runs from 1,000
 * to 100,000 objects; gl-matrix is the peer there: the same test written per object over
 * `vec3`/`vec4` objects, as a program without struct-of-arrays bounds would.
 *
 * @module
 */

import { mat4, quat, TransformSoa, vec3 } from "@astraweave/math";
import {
  AabbSoa,
  batchVisibleInstances,
  buildIndirectCommands,
  Camera,
  ClusterGrid,
  compressVertices,
  cullAabbs,
  direction,
  Frustum,
  LodSelector,
  octDecode,
  octEncode,
  perspectiveRh,
  SphereSoa,
  writeInstanceTransforms,
} from "@astraweave/render";
import { vec3 as gvec3, vec4 as gvec4 } from "gl-matrix";
import { mulberry32 } from "@astraweave/testing/random";
import { benchCrate, consume, us } from "@astraweave/bench-protocol";

const bench = benchCrate("astraweave-render");
const COUNT = 1000;
const throughput = { elements: COUNT };
/** A budget of `nsEach` per operation for a bench doing {@link COUNT} of them. */
const perOp = (nsEach: number, why: string) => us((nsEach * COUNT) / 1000, why);
const random = mulberry32(42);

// ---------------------------------------------------------------------------------------------
// camera_operations
// ---------------------------------------------------------------------------------------------

{
  const camera = new Camera({ position: [0, 5, 10], yaw: 0.3, pitch: -0.2, aspect: 16 / 9 });
  const m = mat4.create(), d = vec3.create();
  const budget = perOp(1000, "1 µs per matrix: a few cameras a frame, each under 1/16,000 of it");
  const ops = {
    view_matrix: () => camera.viewMatrix(m),
    proj_matrix: () => camera.projMatrix(m),
    view_projection: () => camera.viewProjection(m),
  };
  for (const [name, op] of Object.entries(ops)) {
    bench({
      group: "camera_operations",
      name,
      budget,
      throughput,
      fn: () => {
        for (let i = 0; i < COUNT; i++) op();
        consume(m);
      },
    });
  }
  bench({
    group: "camera_operations",
    name: "direction_calc",
    budget: perOp(1000, "1 µs per direction: once per camera per frame, under 1/16,000 of it"),
    throughput,
    fn: () => {
      for (let i = 0; i < COUNT; i++) direction(d, i * 0.001, 0.2);
      consume(d);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Frustum Extraction, AABB-Frustum Test
// ---------------------------------------------------------------------------------------------

/** The Rust bench's standard frustum: 60°, 16:9, 0.1 to 1000, camera at the origin looking -Z. */
const standardFrustum = Frustum.fromViewProjection(
  perspectiveRh(mat4.create(), Math.PI / 3, 16 / 9, 0.1, 1000),
);

{
  const vp = new Camera({ position: [1, 2, 3], yaw: 1 }).viewProjection(mat4.create());
  const frustum = new Frustum();
  bench({
    group: "Frustum Extraction",
    name: "from_view_proj",
    budget: perOp(1000, "1 µs per extraction: once per view, a few views a frame"),
    throughput,
    fn: () => {
      for (let i = 0; i < COUNT; i++) frustum.setFromViewProjection(vp);
      consume(frustum.planes);
    },
  });
  const cases = {
    single_visible: [0, 0, -10, 1, 1, 1],
    single_culled: [100, 0, -10, 1, 1, 1],
    single_boundary: [8, 0, -10, 2, 2, 2],
  } as const;
  for (const [name, [cx, cy, cz, ex, ey, ez]] of Object.entries(cases)) {
    bench({
      group: "AABB-Frustum Test",
      name,
      budget: perOp(50, "50 ns per box: a 10,000-object scene tested in 1/33 of a 60 FPS frame"),
      throughput,
      fn: () => {
        let kept = 0;
        for (let i = 0; i < COUNT; i++) {
          if (standardFrustum.testAabb(cx, cy, cz, ex, ey, ez)) kept++;
        }
        consume(kept);
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// AABB Construction
// ---------------------------------------------------------------------------------------------

{
  const rotated = mat4.fromRotationTranslationScale(
    mat4.create(),
    quat.setAxisAngle(quat.create(), vec3.fromValues(0, 0, 1), Math.PI / 4),
    vec3.fromValues(5, 10, -20),
    vec3.fromValues(1, 1, 1),
  );
  const min = [-1, -1, -1], max = [1, 1, 1];
  const one = new AabbSoa(1);
  bench({
    group: "AABB Construction",
    name: "aabb_from_transform_rotated",
    budget: perOp(50, "50 ns per box: 10,000 moving instances rebounded in 1/33 of a frame"),
    throughput,
    fn: () => {
      for (let i = 0; i < COUNT; i++) one.setFromTransform(0, rotated, min, max);
      consume(one.extentX);
    },
  });
  for (const count of [100, 1000, 10_000]) {
    const boxes = new AabbSoa(count);
    bench({
      group: "AABB Construction",
      name: `batch/${count}`,
      budget: us(
        count * 0.05,
        "50 ns per box: 10,000 moving instances rebounded in 1/33 of a frame",
      ),
      size: { value: count, unit: "boxes" },
      throughput: { elements: count },
      fn: () => {
        for (let i = 0; i < count; i++) boxes.setFromTransform(i, rotated, min, max);
        consume(boxes.centerX);
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// CPU Frustum Culling: 1,000 to 100,000 boxes at 10, 50 and 90% visible; gl-matrix per object
// ---------------------------------------------------------------------------------------------

/**
 * `count` boxes in front of the standard frustum's camera, about `visible` of them inside
 * (the Rust bench's layout: near the axis when inside, up to 100 units off it otherwise).
 */
function scatteredBoxes(count: number, visible: number): AabbSoa {
  const boxes = new AabbSoa(count);
  for (let i = 0; i < count; i++) {
    const range = random() < visible ? 10 : 100;
    const e = 1 + random() * 4;
    boxes.set(
      i,
      (random() * 2 - 1) * range,
      (random() * 2 - 1) * range,
      -5 - random() * 50,
      e,
      e,
      e,
    );
  }
  return boxes;
}

/** The naive per-object test with gl-matrix: planes and boxes as separate small arrays. */
function glMatrixCull(
  planes: gvec4[],
  centers: gvec3[],
  extents: gvec3[],
  visible: Uint32Array,
): number {
  const normal = gvec3.create(), absNormal = gvec3.create();
  let count = 0;
  outer: for (let i = 0; i < centers.length; i++) {
    for (const plane of planes) {
      gvec3.set(normal, plane[0], plane[1], plane[2]);
      gvec3.set(absNormal, Math.abs(plane[0]), Math.abs(plane[1]), Math.abs(plane[2]));
      if (gvec3.dot(normal, centers[i]) + plane[3] < -gvec3.dot(absNormal, extents[i])) {
        continue outer;
      }
    }
    visible[count++] = i;
  }
  return count;
}

{
  const planes = Array.from(
    { length: 6 },
    (_, p) => {
      const [a, b, c, d] = standardFrustum.planes.subarray(p * 4, p * 4 + 4);
      return gvec4.fromValues(a, b, c, d);
    },
  );
  for (const count of [1000, 10_000, 100_000]) {
    const visibleIndices = new Uint32Array(count);
    const size = { value: count, unit: "objects" };
    const perObject = { elements: count };
    for (const percent of [10, 50, 90]) {
      const boxes = scatteredBoxes(count, percent / 100);
      const name = `${percent}pct_visible/${count}`;
      bench({
        group: "CPU Frustum Culling",
        name,
        budget: us(
          count * 0.05,
          "50 ns per object: a 10,000-object scene culled in 1/33 of a frame",
        ),
        size,
        throughput: perObject,
        baseline: percent === 50 && count === 10_000,
        fn: () => consume(cullAabbs(standardFrustum, boxes, visibleIndices)),
      });
      if (percent !== 50) continue;
      const centers = Array.from(
        { length: count },
        (_, i) => gvec3.fromValues(boxes.centerX[i], boxes.centerY[i], boxes.centerZ[i]),
      );
      const extents = Array.from(
        { length: count },
        (_, i) => gvec3.fromValues(boxes.extentX[i], boxes.extentY[i], boxes.extentZ[i]),
      );
      bench({
        group: "CPU Frustum Culling",
        name: `gl-matrix/${name}`,
        peer: "gl-matrix",
        versus: name,
        size,
        throughput: perObject,
        fn: () => consume(glMatrixCull(planes, centers, extents, visibleIndices)),
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// instance_batching: batch_visible (ours), to_raw_data; Indirect Commands
// ---------------------------------------------------------------------------------------------

for (const count of [1000, 10_000, 100_000]) {
  const meshes = new Uint32Array(count), materials = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    meshes[i] = Math.floor(random() * 50);
    materials[i] = Math.floor(random() * 4);
  }
  const visible = Uint32Array.from({ length: count }, (_, i) => i);
  bench({
    group: "instance_batching",
    name: `batch_visible/${count}`,
    budget: us(
      count * 0.1,
      "100 ns per instance: 10,000 visible instances batched in 1/16 of a frame",
    ),
    size: { value: count, unit: "instances" },
    throughput: { elements: count },
    fn: () => consume(batchVisibleInstances(visible, count, meshes, materials)),
  });
}

for (const count of [100, 1000, 5000]) {
  const transforms = new TransformSoa(count);
  for (let i = 0; i < count; i++) {
    transforms.position.set(i, random() * 100, 0, random() * 100);
    const q = quat.setAxisAngle(quat.create(), vec3.fromValues(0, 1, 0), random() * 6.28);
    transforms.rotation.set(i, q[0], q[1], q[2], q[3]);
  }
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  const out = new Float32Array(count * 16);
  bench({
    group: "instance_batching",
    name: `to_raw_data/${count}`,
    budget: us(count * 0.05, "50 ns per matrix: 10,000 instance matrices in 1/33 of a frame"),
    size: { value: count, unit: "instances" },
    throughput: { elements: count },
    fn: () => consume(writeInstanceTransforms(transforms, order, count, out)),
  });
}

for (const batchCount of [10, 50, 100, 500]) {
  // As the Rust bench: one mesh per batch, 20 instances each.
  const instances = batchCount * 20;
  const meshOf = Uint32Array.from({ length: instances }, (_, i) => i % batchCount);
  const batches = batchVisibleInstances(
    Uint32Array.from({ length: instances }, (_, i) => i),
    instances,
    meshOf,
    new Uint32Array(instances),
  );
  const vertexCount = new Uint32Array(batchCount).fill(1000);
  const firstVertex = Uint32Array.from({ length: batchCount }, (_, i) => i * 1000);
  bench({
    group: "Indirect Commands",
    name: `build_commands/${batchCount}`,
    budget: us(
      2 + batchCount * 0.05,
      "2 µs (the output array) + 50 ns per command: 500 draws in 27 µs",
    ),
    size: { value: batchCount, unit: "batches" },
    throughput: { elements: batchCount },
    fn: () => consume(buildIndirectCommands(batches, vertexCount, firstVertex)),
  });
}

// ---------------------------------------------------------------------------------------------
// cpu_light_culling: the Rust bench's grid (16 × 16 × 32), screen, planes and light layout
// ---------------------------------------------------------------------------------------------

{
  const grid = new ClusterGrid({
    dims: { x: 16, y: 16, z: 32 },
    width: 1920,
    height: 1080,
    near: 0.1,
    far: 1000,
    fovY: Math.PI / 4,
  });
  for (const count of [100, 250, 500, 1000, 2000]) {
    const lights = new SphereSoa(count);
    for (let i = 0; i < count; i++) {
      const angle = (i / count) * Math.PI * 2, ring = 10 + (i % 10) * 2;
      lights.set(i, Math.cos(angle) * ring, 5 + (i % 5), Math.sin(angle) * ring, 5 + (i % 7));
    }
    bench({
      group: "cpu_light_culling",
      name: `bin_lights_cpu/${count}`,
      budget: us(
        count * 4,
        "4 µs per light: 1,000 lights binned in 4 ms, 1/4 of a frame, a CPU fallback",
      ),
      size: { value: count, unit: "lights" },
      throughput: { elements: count },
      fn: () => consume(grid.binLights(lights)),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// lod_selection (ours): select_lod over struct-of-arrays spheres
// ---------------------------------------------------------------------------------------------

{
  const selector = new LodSelector(1080, Math.PI / 3);
  const camera = [0, 0, 0];
  for (const count of [1000, 10_000, 100_000]) {
    const spheres = new SphereSoa(count);
    for (let i = 0; i < count; i++) {
      spheres.set(i, random() * 400 - 200, 0, random() * 400 - 200, 0.5 + random() * 2);
    }
    const levels = new Uint8Array(count);
    bench({
      group: "lod_selection",
      name: `select_lods/${count}`,
      budget: us(count * 0.05, "50 ns per object: a 10,000-object scene in 1/33 of a frame"),
      size: { value: count, unit: "objects" },
      throughput: { elements: count },
      fn: () => consume(selector.selectLods(spheres, 16, camera, 6, levels)),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// vertex_compression/octahedral, vertex_compression/throughput (mesh_optimization.rs)
// ---------------------------------------------------------------------------------------------

{
  const normals = new Float32Array(COUNT * 3);
  for (let i = 0; i < COUNT; i++) {
    const z = random() * 2 - 1, phi = random() * 2 * Math.PI, r = Math.sqrt(1 - z * z);
    normals.set([r * Math.cos(phi), r * Math.sin(phi), z], i * 3);
  }
  const encoded = new Int16Array(COUNT * 2), decoded = new Float32Array(COUNT * 3);
  for (let i = 0; i < COUNT; i++) {
    octEncode(normals[i * 3], normals[i * 3 + 1], normals[i * 3 + 2], encoded, i * 2);
  }
  const budget = perOp(50, "50 ns per normal: a 10,000-vertex mesh in 1/33 of a frame");
  bench({
    group: "vertex_compression/octahedral",
    name: "encode",
    budget,
    throughput,
    fn: () => {
      for (let i = 0; i < COUNT; i++) {
        octEncode(normals[i * 3], normals[i * 3 + 1], normals[i * 3 + 2], encoded, i * 2);
      }
      consume(encoded);
    },
  });
  bench({
    group: "vertex_compression/octahedral",
    name: "decode",
    budget,
    throughput,
    fn: () => {
      for (let i = 0; i < COUNT; i++) octDecode(encoded[i * 2], encoded[i * 2 + 1], decoded, i * 3);
      consume(decoded);
    },
  });
  for (const count of [100, 1000, 10_000, 100_000]) {
    const positions = Float32Array.from({ length: count * 3 }, () => random() * 100);
    const meshNormals = Float32Array.from(
      { length: count * 3 },
      (_, k) => normals[k % normals.length],
    );
    const uvs = Float32Array.from({ length: count * 2 }, () => random());
    bench({
      group: "vertex_compression/throughput",
      name: `compress_batch/${count}`,
      budget: us(count * 0.1, "100 ns per vertex: a 100,000-vertex mesh at load in 10 ms"),
      size: { value: count, unit: "vertices" },
      throughput: { elements: count },
      fn: () => consume(compressVertices(count, positions, meshNormals, uvs)),
    });
  }
}
