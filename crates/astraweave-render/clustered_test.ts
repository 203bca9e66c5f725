import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import { ClusterGrid, DEFAULT_CLUSTER_DIMS, SphereSoa } from "./mod.ts";

const random = mulberry32(1202);
const between = (lo: number, hi: number) => lo + (hi - lo) * random();

/** Brute force: does the sphere overlap the box (min xyz, max xyz)? */
function overlaps(box: Float64Array, x: number, y: number, z: number, r: number): boolean {
  const dx = Math.max(box[0] - x, 0, x - box[3]);
  const dy = Math.max(box[1] - y, 0, y - box[4]);
  const dz = Math.max(box[2] - z, 0, z - box[5]);
  return dx * dx + dy * dy + dz * dz <= r * r;
}

Deno.test("binLights: each light is in exactly the clusters its sphere overlaps (seeded)", () => {
  const grids = [
    { dims: { x: 8, y: 4, z: 8 }, width: 640, height: 360, near: 0.1, far: 100, fovY: Math.PI / 3 },
    { dims: DEFAULT_CLUSTER_DIMS, width: 1920, height: 1080, near: 0.5, far: 60, fovY: 1.2 },
    { dims: { x: 3, y: 7, z: 5 }, width: 100, height: 300, near: 1, far: 20, fovY: 2 },
  ];
  const box = new Float64Array(6);
  for (const options of grids) {
    const grid = new ClusterGrid(options);
    for (let round = 0; round < 4; round++) {
      const lights = new SphereSoa(64);
      for (let i = 0; i < lights.length; i++) {
        // Some behind the camera, some past far, some huge, some points (radius 0).
        const r = i % 16 === 0 ? 0 : between(0.1, i % 5 === 0 ? 40 : 4);
        lights.set(i, between(-30, 30), between(-20, 20), between(-5, options.far + 5), r);
      }
      const { counts, offsets, indices } = grid.binLights(lights);
      assert.equal(offsets[0], 0);
      assert.equal(offsets[grid.clusters], indices.length);
      for (let c = 0; c < grid.clusters; c++) {
        assert.equal(offsets[c + 1] - offsets[c], counts[c]);
        const listed = [...indices.subarray(offsets[c], offsets[c + 1])];
        grid.froxelBounds(c, box);
        const expected = [];
        for (let i = 0; i < lights.length; i++) {
          if (overlaps(box, lights.x[i], lights.y[i], lights.z[i], lights.radius[i])) {
            expected.push(i);
          }
        }
        assert.deepEqual(listed, expected, `cluster ${c}`);
      }
    }
  }
});

Deno.test("froxelBounds: tiles cover the view frustum, slices are linear from near to far", () => {
  const grid = new ClusterGrid({
    dims: { x: 2, y: 2, z: 4 },
    width: 200,
    height: 100,
    near: 1,
    far: 9,
    fovY: Math.PI / 2,
  });
  const box = new Float64Array(6);
  // Cluster (0, 0, 0): left-bottom tile of the first slice, depth 1 to 3; half-height at depth
  // z is z (90°), half-width 2z (2:1).
  const near = (got: Float64Array, want: number[]) =>
    want.forEach((w, k) => assert.ok(Math.abs(got[k] - w) < 1e-9, `[${k}] ${got[k]} vs ${w}`));
  near(grid.froxelBounds(grid.clusterIndex(0, 0, 0), box), [-6, -3, 1, 0, 0, 3]);
  near(grid.froxelBounds(grid.clusterIndex(1, 1, 3), box), [0, 0, 7, 18, 9, 9]);
});

Deno.test("binLights: a light wholly behind the near plane or past far is in no cluster", () => {
  const grid = new ClusterGrid({ width: 1920, height: 1080, near: 1, far: 10, fovY: 1 });
  const lights = new SphereSoa(2);
  lights.set(0, 0, 0, -5, 2);
  lights.set(1, 0, 0, 20, 5);
  assert.equal(grid.binLights(lights).indices.length, 0);
});

/**
 * The Rust `bin_lights_cpu` cluster range of one light (f64 here): the screen rectangle of
 * half-size r/z·f around the projected center, integer tile division, linear slices.
 */
function rustScreenRect(
  x: number,
  y: number,
  zView: number,
  r: number,
  o:
    & { dims: { x: number; y: number; z: number }; width: number; height: number }
    & Record<
      "near" | "far" | "fovY",
      number
    >,
): Set<number> {
  const { dims, width: w, height: h, near, far } = o;
  const out = new Set<number>();
  const fy = 1 / Math.tan(0.5 * o.fovY), fx = fy / (w / h);
  const tileW = Math.trunc(Math.max(w / dims.x, 1)), tileH = Math.trunc(Math.max(h / dims.y, 1));
  const z = Math.max(zView, near + 1e-4);
  const px = ((x / z) * fx * 0.5 + 0.5) * w, py = ((y / z) * fy * 0.5 + 0.5) * h;
  const rx = (r / z) * fx * (w * 0.5), ry = (r / z) * fy * (h * 0.5);
  const clamp = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);
  const ix0 = clamp(Math.trunc(Math.floor(px - rx) / tileW), dims.x - 1);
  const ix1 = clamp(Math.trunc(Math.ceil(px + rx) / tileW), dims.x - 1);
  const iy0 = clamp(Math.trunc(Math.floor(py - ry) / tileH), dims.y - 1);
  const iy1 = clamp(Math.trunc(Math.ceil(py + ry) / tileH), dims.y - 1);
  const zmin = Math.max(z - r, near), zmax = Math.min(z + r, far);
  const slice = (d: number) => clamp(Math.floor((d - near) / (far - near) * dims.z), dims.z - 1);
  for (let iz = slice(zmin); iz <= slice(zmax); iz++) {
    for (let iy = iy0; iy <= iy1; iy++) {
      for (let ix = ix0; ix <= ix1; ix++) out.add(ix + iy * dims.x + iz * dims.x * dims.y);
    }
  }
  return out;
}

Deno.test("binLights never leaves out a cluster holding a point of the sphere; the Rust's rectangle does", () => {
  const options = {
    dims: { x: 16, y: 9, z: 24 },
    width: 1920,
    height: 1080,
    near: 0.1,
    far: 100,
    fovY: Math.PI / 2,
  };
  const grid = new ClusterGrid(options);
  const halfY = Math.tan(options.fovY / 2), halfX = halfY * 1920 / 1080;
  const lights = new SphereSoa(1);
  let rustMissed = 0;
  for (let k = 0; k < 60; k++) {
    // An on-screen light, then points inside its sphere, each put in its true cluster by
    // projecting it (the froxel's real shape, not its bounding box).
    const z = between(2, 42), r = between(0.5, 5.5);
    const x = between(-1, 1) * halfX * z, y = between(-1, 1) * halfY * z;
    lights.set(0, x, y, z, r);
    const { counts } = grid.binLights(lights);
    const rust = rustScreenRect(x, y, z, r, options);
    for (let s = 0; s < 1000; s++) {
      const u = between(-1, 1), v = between(-1, 1), w = between(-1, 1);
      if (u * u + v * v + w * w > 1) continue;
      const px = x + u * r, py = y + v * r, pz = z + w * r;
      const nx = px / (pz * halfX), ny = py / (pz * halfY);
      if (pz < options.near || pz > options.far || Math.abs(nx) >= 1 || Math.abs(ny) >= 1) continue;
      const c = grid.clusterIndex(
        Math.floor((nx + 1) / 2 * 16),
        Math.floor((ny + 1) / 2 * 9),
        Math.min(23, Math.floor((pz - options.near) / (options.far - options.near) * 24)),
      );
      assert.ok(counts[c] === 1, `light ${k}: cluster ${c} holds a point of it`);
      if (!rust.has(c)) rustMissed++;
    }
  }
  // The Rust's approximation is why this crate tests boxes instead (see the README).
  assert.ok(rustMissed > 0);
});
