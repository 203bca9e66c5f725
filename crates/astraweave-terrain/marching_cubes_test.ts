import assert from "node:assert/strict";
import { CORNER_OFFSETS, EDGE_TABLE, TRI_TABLE } from "./mc_tables.ts";
import {
  type DensityField,
  Fbm,
  marchingCubes,
  sampleDensityField,
  type TriangleMesh,
} from "./mod.ts";

/** A ball of `radius` centred in an n³ grid: density 1 at the surface's iso level 0.5 + 0.5. */
function ball(n: number, radius: number, centre = (n - 1) / 2): DensityField {
  return sampleDensityField(
    n,
    n,
    n,
    (x, y, z) => radius + 0.5 - Math.hypot(x - centre, y - centre, z - centre),
  );
}

/** Each undirected edge of the mesh and how many triangles use it; directed-edge duplicates. */
function edgeUse(mesh: TriangleMesh): { counts: Map<string, number>; repeatedDirected: number } {
  const counts = new Map<string, number>();
  const directed = new Set<string>();
  let repeatedDirected = 0;
  const { indices } = mesh;
  for (let t = 0; t < indices.length; t += 3) {
    for (let k = 0; k < 3; k++) {
      const a = indices[t + k];
      const b = indices[t + ((k + 1) % 3)];
      const key = a < b ? `${a}-${b}` : `${b}-${a}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (directed.has(`${a}>${b}`)) repeatedDirected++;
      directed.add(`${a}>${b}`);
    }
  }
  return { counts, repeatedDirected };
}

function signedVolume(mesh: TriangleMesh): number {
  const p = mesh.positions;
  const idx = mesh.indices;
  let volume = 0;
  for (let t = 0; t < idx.length; t += 3) {
    const a = 3 * idx[t];
    const b = 3 * idx[t + 1];
    const c = 3 * idx[t + 2];
    volume += (p[a] * (p[b + 1] * p[c + 2] - p[b + 2] * p[c + 1]) -
      p[a + 1] * (p[b] * p[c + 2] - p[b + 2] * p[c]) +
      p[a + 2] * (p[b] * p[c + 1] - p[b + 1] * p[c])) / 6;
  }
  return volume;
}

Deno.test("tables: 256 cases, edge table as Bourke's, complementary cases cross the same edges", () => {
  assert.equal(EDGE_TABLE.length, 256);
  assert.equal(TRI_TABLE.length, 256 * 16);
  assert.deepEqual([...EDGE_TABLE.slice(0, 4)], [0x000, 0x109, 0x203, 0x30a]);
  assert.equal(EDGE_TABLE[255], 0);
  for (let c = 0; c < 256; c++) assert.equal(EDGE_TABLE[c], EDGE_TABLE[255 - c], `case ${c}`);
});

Deno.test("marchingCubes: a sphere gives a closed mesh, every edge shared by exactly two triangles", () => {
  for (const [n, radius] of [[12, 4], [24, 9.3], [33, 13.7]]) {
    const mesh = marchingCubes(ball(n, radius));
    assert.ok(mesh.indices.length >= 3 * 100, `n ${n}`);
    const { counts, repeatedDirected } = edgeUse(mesh);
    for (const [edge, count] of counts) assert.equal(count, 2, `edge ${edge} of the n=${n} sphere`);
    // Consistently oriented: no directed edge appears twice.
    assert.equal(repeatedDirected, 0);
    // Every vertex is used: none left dangling.
    const used = new Uint8Array(mesh.positions.length / 3);
    for (const i of mesh.indices) used[i] = 1;
    assert.ok(used.every((u) => u === 1));
  }
});

Deno.test("marchingCubes: sphere vertices lie within one cell of the radius; winding faces out", () => {
  const radius = 9.3;
  const centre = 11.5;
  const mesh = marchingCubes(ball(24, radius));
  const p = mesh.positions;
  for (let i = 0; i < p.length; i += 3) {
    const r = Math.hypot(p[i] - centre, p[i + 1] - centre, p[i + 2] - centre);
    assert.ok(Math.abs(r - radius) < 1, `vertex at r = ${r}`);
    // Normals point out of the solid: along the radius.
    const dot = (mesh.normals[i] * (p[i] - centre) + mesh.normals[i + 1] * (p[i + 1] - centre) +
      mesh.normals[i + 2] * (p[i + 2] - centre)) / r;
    assert.ok(dot > 0.9, `normal . radial = ${dot}`);
  }
  // Counter-clockwise from outside: positive signed volume, close to the ball's.
  const volume = signedVolume(mesh);
  const exact = (4 / 3) * Math.PI * radius ** 3;
  assert.ok(Math.abs(volume - exact) / exact < 0.02, `${volume} vs ${exact}`);
});

Deno.test("marchingCubes: all-empty and all-full fields give no triangles", () => {
  for (const value of [0, 0.5, 1, -5, 100]) {
    const mesh = marchingCubes(sampleDensityField(8, 8, 8, () => value));
    assert.equal(mesh.indices.length, 0);
    assert.equal(mesh.positions.length, 0);
  }
});

Deno.test("marchingCubes: cellSize and origin place the mesh in the world", () => {
  const unit = marchingCubes(ball(12, 4));
  const placed = marchingCubes(ball(12, 4), { cellSize: 2, origin: [100, -50, 7] });
  assert.deepEqual(placed.indices, unit.indices);
  for (let i = 0; i < unit.positions.length; i += 3) {
    assert.ok(Math.abs(placed.positions[i] - (100 + 2 * unit.positions[i])) < 1e-4);
    assert.ok(Math.abs(placed.positions[i + 1] - (-50 + 2 * unit.positions[i + 1])) < 1e-4);
    assert.ok(Math.abs(placed.positions[i + 2] - (7 + 2 * unit.positions[i + 2])) < 1e-4);
  }
});

Deno.test("marchingCubes: a flat ground plane gives a surface at the iso height", () => {
  // Density falls with height: solid below y = 3.25.
  const ground = sampleDensityField(6, 8, 5, (_x, y) => 3.75 - y);
  const mesh = marchingCubes(ground);
  assert.equal(mesh.indices.length, 5 * 4 * 2 * 3); // two triangles per column cell
  for (let i = 1; i < mesh.positions.length; i += 3) {
    assert.ok(Math.abs(mesh.positions[i] - 3.25) < 1e-6);
  }
  for (let i = 1; i < mesh.normals.length; i += 3) assert.ok(mesh.normals[i] > 0.999);
});

Deno.test("marchingCubes: a noise field, empty at the border, still gives a closed mesh", () => {
  const noise = new Fbm(21, { octaves: 3 });
  const n = 28;
  const field = sampleDensityField(n, n, n, (x, y, z) => {
    const border = x === 0 || y === 0 || z === 0 || x === n - 1 || y === n - 1 || z === n - 1;
    return border ? 0 : 0.5 + noise.get(x * 0.21, y * 0.21, z * 0.21);
  });
  // The field holds 250 of the 256 cube cases, 114 of them with an ambiguous face (two
  // diagonal corners inside, the other two outside): the cases where tables can leave holes.
  const cases = new Set<number>();
  let ambiguous = 0;
  const at = (x: number, y: number, z: number) => field.values[x + n * (y + n * z)] <= 0.5 ? 1 : 0;
  for (let z = 0; z < n - 1; z++) {
    for (let y = 0; y < n - 1; y++) {
      for (let x = 0; x < n - 1; x++) {
        let c = 0;
        for (let k = 0; k < 8; k++) {
          c |= at(
            x + CORNER_OFFSETS[3 * k],
            y + CORNER_OFFSETS[3 * k + 1],
            z + CORNER_OFFSETS[3 * k + 2],
          ) << k;
        }
        if (cases.has(c)) continue;
        cases.add(c);
        const faces = [[0, 1, 2, 3], [4, 5, 6, 7], [0, 1, 5, 4], [3, 2, 6, 7], [0, 3, 7, 4], [
          1,
          2,
          6,
          5,
        ]];
        const bit = (k: number) => (c >> k) & 1;
        if (
          faces.some(([a, b, p, q]) => bit(a) === bit(p) && bit(b) === bit(q) && bit(a) !== bit(b))
        ) {
          ambiguous++;
        }
      }
    }
  }
  assert.ok(cases.size >= 240 && ambiguous >= 100, `${cases.size} cases, ${ambiguous} ambiguous`);
  const mesh = marchingCubes(field);
  assert.ok(mesh.indices.length > 3000);
  const { counts, repeatedDirected } = edgeUse(mesh);
  let open = 0;
  for (const count of counts.values()) if (count !== 2) open++;
  assert.equal(open, 0);
  assert.equal(repeatedDirected, 0);
  assert.ok(signedVolume(mesh) > 0);
});
