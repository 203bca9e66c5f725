import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import { cellAt, cellFromKey, cellKey, gridConfig, SceneError, WorldPartition } from "./mod.ts";

Deno.test("cellAt: floor at negative coordinates and exact boundaries", () => {
  const cases: [number, number, number, number][] = [
    [0, 0, 0, 0],
    [-0, -0, 0, 0],
    [99.999, 0, 0, 0],
    [100, 0, 1, 0],
    [-0.001, 0, -1, 0],
    [-100, 0, -1, 0],
    [-100.001, 0, -2, 0],
    [-5000, 5000, -50, 50],
    [150, -250, 1, -3],
  ];
  for (const [x, z, cx, cz] of cases) {
    assert.deepEqual(cellAt(x, z, 100), { x: cx, z: cz }, `(${x}, ${z})`);
  }
  // Truncation (what `as i32` of a division without floor would give) differs here:
  assert.notEqual(cellAt(-50, 0, 100).x, Math.trunc(-50 / 100));
});

Deno.test("cellAt: the cell always contains the position (property, seeded)", () => {
  const random = mulberry32(11);
  for (let i = 0; i < 20_000; i++) {
    const size = [1, 7.5, 100, 256, 0.1, 0.3, 3.7][i % 7];
    // Three in four positions are on a boundary, computed three ways that round differently.
    const k = Math.round((random() - 0.5) * 100);
    const x = [(random() - 0.5) * 1e4, k * size, k / (1 / size), Number((k * size).toPrecision(6))][
      i % 4
    ];
    const cell = cellAt(x, -x, size);
    assert.ok(cell.x * size <= x && x < (cell.x + 1) * size, `x ${x} size ${size} -> ${cell.x}`);
    assert.ok(cell.z * size <= -x && -x < (cell.z + 1) * size, `z ${-x} -> ${cell.z}`);
  }
});

/** The cell by the division itself, corrected by one step: what cellAt computed before it estimated with a multiply. */
function cellByDivision(v: number, size: number): number {
  let c = Math.floor(v / size);
  if (c * size > v) c--;
  else if ((c + 1) * size <= v) c++;
  return c + 0;
}

Deno.test("cellAt: the same cells as dividing, on boundaries and at extreme sizes and magnitudes (property, seeded)", () => {
  const random = mulberry32(12);
  const sizes = [100, 0.1, 0.3, 3.7, 1 / 3, 1e-300, 1e-310, 5e-324, 1e300, 1.7e308, 2 ** -1074];
  let estimated = 0;
  for (let i = 0; i < 200_000; i++) {
    const size = sizes[i % sizes.length];
    const k = Math.round((random() - 0.5) * 2 ** (1 + Math.floor(random() * 60)));
    const candidates = [
      k * size,
      k / (1 / size),
      (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20) * size,
      (random() - 0.5) * 10 ** Math.floor(random() * 616 - 308),
    ];
    const x = candidates[Math.floor(i / sizes.length) % candidates.length];
    if (!Number.isFinite(x)) continue;
    if (Math.abs(x / size) < 2 ** 49) estimated++;
    const cell = cellAt(x, -x, size);
    assert.equal(cell.x, cellByDivision(x, size), `x ${x} size ${size}`);
    assert.equal(cell.z, cellByDivision(-x, size), `z ${-x} size ${size}`);
  }
  assert.ok(estimated > 100_000, `${estimated} positions took the multiply's estimate`);
});

Deno.test("cellKey: round trips over the whole key range", () => {
  for (const cell of [{ x: 0, z: 0 }, { x: -1, z: 1 }, { x: -(2 ** 25) + 1, z: 2 ** 25 - 1 }]) {
    assert.deepEqual(cellFromKey(cellKey(cell)), cell);
  }
  assert.notEqual(cellKey({ x: 1, z: 0 }), cellKey({ x: 0, z: 1 }));
});

Deno.test("WorldPartition: world bounds, edges and out-of-world positions", () => {
  const world = new WorldPartition();
  assert.deepEqual(world.cellRange, { min: { x: -50, z: -50 }, max: { x: 49, z: 49 } });
  assert.deepEqual(world.cellOf(5000, 5000), { x: 49, z: 49 }, "the far edge is in the last cell");
  assert.deepEqual(world.cellOf(-5000, -5000), { x: -50, z: -50 });
  for (const [x, z] of [[5000.001, 0], [0, -5000.5], [1e308, 0]]) {
    assert.throws(
      () => world.cellOf(x, z),
      (e) => e instanceof SceneError && e.code === "out-of-world" && e.message.includes(`${x}`),
    );
  }
  for (const bad of [NaN, Infinity, -Infinity]) {
    assert.throws(
      () => world.assign(1, bad, 0),
      (e) => e instanceof SceneError && e.code === "invalid-value" && e.message.includes(`${bad}`),
    );
  }
  assert.equal(world.entityCount, 0, "refused assignments add nothing");
});

Deno.test("WorldPartition: entities move between cells and are removed", () => {
  const world = new WorldPartition();
  world.assign(1, 10, 10);
  world.assign(2, 20, 20);
  world.assign(3, -10, 10);
  assert.deepEqual(world.entitiesIn({ x: 0, z: 0 }), [1, 2]);
  assert.deepEqual(world.entitiesIn({ x: -1, z: 0 }), [3]);
  world.assign(1, -10, 99);
  assert.deepEqual(world.entitiesIn({ x: 0, z: 0 }), [2], "no copy left in the old cell");
  assert.deepEqual(world.entitiesIn({ x: -1, z: 0 }), [3, 1]);
  assert.equal(world.remove(3), true);
  assert.equal(world.remove(3), false);
  assert.equal(world.cellOfEntity(3), null);
  assert.deepEqual(world.cellOfEntity(1), { x: -1, z: 0 });
  assert.equal(world.entityCount, 2);
  assert.deepEqual(world.entitiesIn({ x: 1000, z: 0 }), []);
});

Deno.test("WorldPartition: cellsInRadius equals a brute-force scan, nearest first", () => {
  const world = new WorldPartition({
    cellSize: 50,
    minX: -1000,
    maxX: 1000,
    minZ: -600,
    maxZ: 800,
  });
  const random = mulberry32(5);
  for (let i = 0; i < 200; i++) {
    const x = (random() - 0.5) * 2600, z = (random() - 0.5) * 2000;
    const radius = random() * 400;
    const got = world.cellsInRadius(x, z, radius);
    const expected = [];
    for (let cx = -20; cx < 20; cx++) {
      for (let cz = -12; cz < 16; cz++) {
        const d = Math.hypot((cx + 0.5) * 50 - x, (cz + 0.5) * 50 - z);
        if (d <= radius) expected.push({ x: cx, z: cz, d });
      }
    }
    assert.deepEqual(
      new Set(got.map(cellKey)),
      new Set(expected.map(cellKey)),
      `(${x}, ${z}) r ${radius}`,
    );
    const distances = got.map((c) => Math.hypot((c.x + 0.5) * 50 - x, (c.z + 0.5) * 50 - z));
    for (let k = 1; k < distances.length; k++) assert.ok(distances[k - 1] <= distances[k]);
  }
});

Deno.test("WorldPartition: the Rust defaults give 80 cells within 500 m of the origin", () => {
  const world = new WorldPartition();
  const cells = world.cellsInRadius(0, 0, 500);
  assert.equal(cells.length, 80);
  assert.deepEqual(cells.slice(0, 4), [{ x: -1, z: -1 }, { x: -1, z: 0 }, { x: 0, z: -1 }, {
    x: 0,
    z: 0,
  }]);
  assert.equal(world.cellsInRadius(0, 0, 0).length, 0);
  assert.equal(world.cellsInRadius(9000, 9000, 500).length, 0, "nothing outside the world");
});

Deno.test("gridConfig: bad configurations are refused by field", () => {
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ cellSize: 0 }, /cellSize must be more than 0/],
    [{ cellSize: -1 }, /cellSize must be more than 0/],
    [{ cellSize: NaN }, /cellSize must be a finite number, got NaN/],
    [{ minX: 10, maxX: 10 }, /min < max/],
    [{ maxZ: Infinity }, /maxZ must be a finite number/],
    [{ cellSize: 1e-6 }, /too small/],
    [{ maxX: 1e12 }, /maxX must be within/],
  ];
  for (const [config, message] of bad) {
    assert.throws(() => gridConfig(config), message, JSON.stringify(config));
    assert.throws(() => new WorldPartition(config), SceneError);
  }
});
