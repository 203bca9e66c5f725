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
