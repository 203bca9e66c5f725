import assert from "node:assert/strict";
import { TransformSoa } from "@astraweave/math";
import {
  AabbSoa,
  batchVisibleInstances,
  buildIndirectCommands,
  Camera,
  ClusterGrid,
  cullAabbs,
  cullSpheres,
  Frustum,
  LodSelector,
  MAX_OBJECTS,
  RenderError,
  type RenderErrorKind,
  SphereSoa,
  writeInstanceTransforms,
} from "./mod.ts";

/** Asserts `run` throws a RenderError of `kind` naming `field`. */
function refuses(run: () => unknown, kind: RenderErrorKind, field: string): void {
  assert.throws(run, (error) => {
    assert.ok(error instanceof RenderError, `not a RenderError: ${error}`);
    assert.equal(error.kind, kind);
    assert.equal(error.field, field);
    assert.ok(error.message.startsWith(field));
    return true;
  });
}

Deno.test("Camera refuses NaN, Infinity, zero and negative sizes, naming the field", () => {
  refuses(() => new Camera({ position: [0, NaN, 0] }), "invalid_value", "position[1]");
  refuses(() => new Camera({ yaw: Infinity }), "invalid_value", "yaw");
  refuses(() => new Camera({ pitch: NaN }), "invalid_value", "pitch");
  refuses(() => new Camera({ fovy: 0 }), "out_of_range", "fovy");
  refuses(() => new Camera({ fovy: Math.PI }), "out_of_range", "fovy");
  refuses(() => new Camera({ aspect: -1 }), "out_of_range", "aspect");
  refuses(() => new Camera({ aspect: NaN }), "invalid_value", "aspect");
  refuses(() => new Camera({ znear: -0.1 }), "out_of_range", "znear");
  refuses(() => new Camera({ znear: 1, zfar: 1 }), "out_of_range", "zfar");
  refuses(() => new Camera({ zfar: Infinity }), "invalid_value", "zfar");
});

Deno.test("bounds refuse huge and negative counts before allocating", () => {
  refuses(() => new AabbSoa(MAX_OBJECTS + 1), "out_of_range", "length");
  refuses(() => new AabbSoa(-1), "out_of_range", "length");
  refuses(() => new SphereSoa(2 ** 40), "out_of_range", "length");
  refuses(() => new SphereSoa(1.5), "out_of_range", "length");
});

Deno.test("culling refuses an output list shorter than the bounds", () => {
  const frustum = Frustum.fromViewProjection(new Camera().viewProjection(new Float32Array(16)));
  refuses(
    () => cullAabbs(frustum, new AabbSoa(4), new Uint32Array(3)),
    "length_mismatch",
    "visible",
  );
  refuses(
    () => cullSpheres(frustum, new SphereSoa(4), new Uint32Array(0)),
    "length_mismatch",
    "visible",
  );
});

Deno.test("LodSelector refuses bad parameters", () => {
  refuses(() => new LodSelector(0, 1), "out_of_range", "screenHeight");
  refuses(() => new LodSelector(1080, NaN), "invalid_value", "fov");
  refuses(() => new LodSelector(1080, 4), "out_of_range", "fov");
  refuses(() => new LodSelector(1080, 1, -1), "out_of_range", "lodBias");
  const lod = new LodSelector(1080, 1);
  const spheres = new SphereSoa(2);
  refuses(
    () => lod.selectLods(spheres, 1, [0, 0, 0], 3, new Uint8Array(1)),
    "length_mismatch",
    "levels",
  );
  refuses(
    () => lod.selectLods(spheres, 1, [0, 0, 0], 256, new Uint8Array(2)),
    "out_of_range",
    "maxLod",
  );
  refuses(
    () => lod.selectLods(spheres, 0, [0, 0, 0], 3, new Uint8Array(2)),
    "out_of_range",
    "lodError",
  );
  refuses(
    () => lod.selectLods(spheres, 1, [0, NaN, 0], 3, new Uint8Array(2)),
    "invalid_value",
    "camera[1]",
  );
  // A negative radius is a NaN log: level 0, as Rust's `as u32` makes it.
  spheres.set(0, 0, 0, 100, -1);
  assert.equal(lod.selectLods(spheres, 1, [0, 0, 0], 3, new Uint8Array(2))[0], 0);
});

Deno.test("instancing bounds-checks every index and length", () => {
  const ids = new Uint32Array(3);
  refuses(
    () => batchVisibleInstances(new Uint32Array([0, 5]), 2, ids, ids),
    "out_of_range",
    "visible[1]",
  );
  refuses(() => batchVisibleInstances(new Uint32Array(2), 3, ids, ids), "out_of_range", "count");
  refuses(
    () => batchVisibleInstances(new Uint32Array(2), 2, ids, new Uint32Array(2)),
    "length_mismatch",
    "materialIds",
  );
  const transforms = new TransformSoa(2);
  refuses(
    () => writeInstanceTransforms(transforms, new Uint32Array([1, 2]), 2, new Float32Array(32)),
    "out_of_range",
    "order[1]",
  );
  refuses(
    () => writeInstanceTransforms(transforms, new Uint32Array([1, 0]), 2, new Float32Array(31)),
    "length_mismatch",
    "out",
  );
  const batches = batchVisibleInstances(
    new Uint32Array([0, 1]),
    2,
    new Uint32Array([0, 4]),
    new Uint32Array(2),
  );
  refuses(
    () => buildIndirectCommands(batches, new Uint32Array(4), new Uint32Array(4)),
    "out_of_range",
    "meshId[1]",
  );
});

Deno.test("ClusterGrid refuses bad grids and lights, and huge outputs before allocating them", () => {
  const base = { width: 1920, height: 1080, near: 0.1, far: 100, fovY: 1 };
  refuses(
    () => new ClusterGrid({ ...base, dims: { x: 0, y: 9, z: 24 } }),
    "out_of_range",
    "dims.x",
  );
  refuses(
    () => new ClusterGrid({ ...base, dims: { x: 16, y: 2.5, z: 24 } }),
    "out_of_range",
    "dims.y",
  );
  refuses(
    () => new ClusterGrid({ ...base, dims: { x: 4096, y: 4096, z: 4096 } }),
    "out_of_range",
    "dims",
  );
  refuses(() => new ClusterGrid({ ...base, width: 0 }), "out_of_range", "width");
  refuses(() => new ClusterGrid({ ...base, near: NaN }), "invalid_value", "near");
  refuses(() => new ClusterGrid({ ...base, far: 0.05 }), "out_of_range", "far");
  refuses(() => new ClusterGrid({ ...base, fovY: 3.2 }), "out_of_range", "fovY");
  const grid = new ClusterGrid(base);
  const lights = new SphereSoa(3);
  lights.set(1, 0, 0, 5, 1);
  lights.set(2, 0, Infinity, 5, 1);
  refuses(() => grid.binLights(lights), "invalid_value", "lights.y[2]");
  lights.set(2, 0, 0, 5, -1);
  refuses(() => grid.binLights(lights), "invalid_value", "lights.radius[2]");
  lights.set(2, 0, 0, 5, NaN);
  refuses(() => grid.binLights(lights), "invalid_value", "lights.radius[2]");
  // A light covering the whole grid: every cluster; over a small cap it is refused.
  lights.set(2, 0, 0, 50, 1000);
  refuses(() => grid.binLights(lights, 100), "out_of_range", "lights");
  assert.ok(grid.binLights(lights).indices.length >= grid.clusters);
  refuses(() => grid.binLights(lights, -1), "out_of_range", "maxIndices");
});
