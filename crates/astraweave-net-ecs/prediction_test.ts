import assert from "node:assert/strict";
import { DEFAULT_LAYOUT } from "./layout.ts";
import { walk } from "./movement.ts";
import { Predictor } from "./prediction.ts";
import type { InputCommand } from "./protocol.ts";

const right: InputCommand = { moveX: 127, moveY: 0, moveZ: 0, buttons: 0 };
const up: InputCommand = { moveX: 0, moveY: 127, moveZ: 0, buttons: 0 };
const move = walk(DEFAULT_LAYOUT, { speed: 6, simRate: 60 }); // 10 quanta per step

Deno.test("walk: moves by speed / simRate per step, rounded to the precision, and clamps", () => {
  const s = new Int32Array([0, 0, 0, 100]);
  move(s, 0, { moveX: 64, moveY: -127, moveZ: 1, buttons: 0 });
  assert.deepEqual(Array.from(s), [5, -10, 0, 100]); // 64/127 × 10 = 5.04 → 5; 1/127 × 10 → 0
  const edge = new Int32Array([0x3fff_fffa, 0, 0, 0]);
  move(edge, 0, right);
  assert.equal(edge[0], 0x3fff_ffff);
});

Deno.test("predictor: inputs apply at once; acknowledged ones are dropped, the rest re-applied", () => {
  const p = new Predictor(DEFAULT_LAYOUT, move);
  p.push(1, right); // before any server state: remembered, not applied
  assert.equal(p.hasState, false);
  p.reconcile(new Int32Array([0, 0, 0, 100]), 0, 0);
  assert.deepEqual(Array.from(p.state), [10, 0, 0, 100]);
  p.push(2, up);
  p.push(3, right);
  assert.deepEqual(Array.from(p.state), [20, 10, 0, 100]);
  assert.equal(p.pendingCount, 3);
  // The server agrees with inputs 1 and 2: no correction, input 3 re-applied.
  assert.equal(p.reconcile(new Int32Array([10, 10, 0, 100]), 0, 2), 0);
  assert.deepEqual(Array.from(p.state), [20, 10, 0, 100]);
  assert.equal(p.pendingCount, 1);
  assert.equal(p.newestPending, 3);
  assert.equal(p.corrections, 0);
  // The server pushed the avatar 3 units along y: corrected by exactly that.
  const error = p.reconcile(new Int32Array([20, 310, 0, 100]), 0, 3);
  assert.ok(Math.abs(error - 3) < 1e-9);
  assert.deepEqual(Array.from(p.state), [20, 310, 0, 100]);
  assert.equal(p.corrections, 1);
  assert.ok(Math.abs(p.maxError - 3) < 1e-9);
  assert.equal(p.pendingCount, 0);
  // A health-only difference is a correction with no position error.
  assert.equal(p.reconcile(new Int32Array([20, 310, 0, 90]), 0, 3), 0);
  assert.equal(p.corrections, 2);
});

Deno.test("predictor: an old acknowledgement (reordered snapshot) drops nothing new", () => {
  const p = new Predictor(DEFAULT_LAYOUT, move);
  p.reconcile(new Int32Array([0, 0, 0, 0]), 0, 0);
  for (let seq = 1; seq <= 4; seq++) p.push(seq, right);
  p.reconcile(new Int32Array([20, 0, 0, 0]), 0, 2);
  assert.equal(p.pendingCount, 2);
  assert.equal(p.state[0], 40);
});

Deno.test("predictor: beyond its capacity the oldest pending input is forgotten", () => {
  const p = new Predictor(DEFAULT_LAYOUT, move, 4);
  p.reconcile(new Int32Array([0, 0, 0, 0]), 0, 0);
  for (let seq = 1; seq <= 6; seq++) p.push(seq, right);
  assert.equal(p.pendingCount, 4);
  assert.equal(p.state[0], 60);
  p.reconcile(new Int32Array([0, 0, 0, 0]), 0, 0); // server saw nothing: re-apply inputs 3..6
  assert.equal(p.state[0], 40);
});
