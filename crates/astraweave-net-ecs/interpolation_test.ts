import assert from "node:assert/strict";
import { Interpolator } from "./interpolation.ts";
import { DEFAULT_LAYOUT } from "./layout.ts";
import type { EntityTable } from "./table.ts";

function table(rows: [number, number, number][]): EntityTable {
  return {
    count: rows.length,
    ids: Uint32Array.from(rows, (r) => r[0]),
    values: Int32Array.from(rows.flatMap(([, x, hp]) => [x, 0, 0, hp])),
    fieldCount: 4,
  };
}

Deno.test("interpolation: linear between the snapshots around the tick, clamped at the ends", () => {
  const interp = new Interpolator(DEFAULT_LAYOUT);
  interp.push(30, table([[1, 0, 100]]));
  interp.push(33, table([[1, 300, 70]]));
  interp.push(36, table([[1, 600, 40]]));
  const out = new Float64Array(4);
  const at = (tick: number) => (assert.ok(interp.sample(1, tick, out)), [out[0], out[3]]);
  assert.deepEqual(at(30), [0, 100]);
  assert.deepEqual(at(31.5), [1.5, 85]);
  assert.deepEqual(at(34), [4, 60]);
  assert.deepEqual(at(10), [0, 100]); // before the oldest: the oldest
  assert.deepEqual(at(99), [6, 40]); // after the newest: held, not extrapolated
  assert.equal(interp.latestTick, 36);
  assert.equal(interp.sample(2, 31, out), false);
});

Deno.test("interpolation: entities entering or leaving show as in the snapshot that has them", () => {
  const interp = new Interpolator(DEFAULT_LAYOUT);
  interp.push(0, table([[1, 100, 1]]));
  interp.push(3, table([[2, 500, 2]]));
  const out = new Float64Array(4);
  assert.ok(interp.sample(1, 1, out));
  assert.equal(out[0], 1);
  assert.ok(interp.sample(2, 1, out));
  assert.equal(out[0], 5);
});

Deno.test("interpolation: keeps only the newest snapshots and ignores older ones", () => {
  const interp = new Interpolator(DEFAULT_LAYOUT, 2);
  interp.push(0, table([[1, 0, 0]]));
  interp.push(3, table([[1, 300, 0]]));
  interp.push(6, table([[1, 600, 0]]));
  interp.push(5, table([[1, 999, 0]])); // out of order: ignored
  const out = new Float64Array(4);
  interp.sample(1, 0, out);
  assert.equal(out[0], 3); // tick 0 was evicted: the oldest kept is tick 3
  interp.sample(1, 5, out);
  assert.equal(out[0], 5);
});
