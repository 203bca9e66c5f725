import assert from "node:assert/strict";
import { inBounds, ObstacleGrid } from "./grid.ts";

const grid = (...cells: [number, number][]) => {
  const g = new ObstacleGrid();
  for (const [x, y] of cells) g.block(x, y);
  return g;
};

Deno.test("bounds are (0,0)-(19,9), integers only", () => {
  assert.ok(inBounds(0, 0) && inBounds(19, 9));
  for (const [x, y] of [[-1, 0], [20, 0], [0, 10], [0.5, 1], [NaN, 0]]) assert.ok(!inBounds(x, y));
});

Deno.test("path search: straight, around a wall, sealed off, onto an obstacle, outside", () => {
  assert.ok(grid().pathExists(0, 0, 19, 9));
  assert.ok(grid().pathExists(4, 4, 4, 4));
  const wall = Array.from({ length: 9 }, (_, y) => [10, y] as [number, number]);
  assert.ok(grid(...wall).pathExists(0, 0, 19, 0)); // through the gap at (10,9)
  assert.ok(!grid(...wall, [10, 9]).pathExists(0, 0, 19, 0));
  assert.ok(!grid([3, 3]).pathExists(0, 0, 3, 3));
  assert.ok(!grid().pathExists(0, 0, 20, 0));
  // Many searches in a row reuse the scratch space correctly.
  const g = grid([1, 0], [1, 1], [1, 2]);
  for (let i = 0; i < 1000; i++) assert.ok(g.pathExists(0, 0, 2, 0));
});

Deno.test("line of sight steps diagonally, then straight; the start counts, the target does not", () => {
  assert.ok(grid().lineOfSight(0, 0, 5, 5));
  assert.ok(!grid([2, 2]).lineOfSight(0, 0, 5, 5));
  // (0,0) -> (4,1): (0,0), (1,1), then (2,1), (3,1).
  assert.ok(!grid([3, 1]).lineOfSight(0, 0, 4, 1));
  assert.ok(grid([2, 0]).lineOfSight(0, 0, 4, 1));
  assert.ok(grid([4, 1]).lineOfSight(0, 0, 4, 1)); // the target cell
  assert.ok(!grid([0, 0]).lineOfSight(0, 0, 4, 1)); // the start cell, as in the original
  assert.deepEqual(grid([4, 1], [0, 9]).cells(), [{ x: 4, y: 1 }, { x: 0, y: 9 }]);
});
