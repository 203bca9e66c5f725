// Known answers for the stick deadzones, at the edges the Rust crate got wrong.
import assert from "node:assert/strict";
import { axisDeadzone, radialDeadzone } from "./mod.ts";

const DEADZONE = 0.15;
const stick = (x: number, y: number, deadzone = DEADZONE) =>
  radialDeadzone(x, y, deadzone, { x: 0, y: 0 });
const near = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual}, expected ${expected}`);

Deno.test("radial deadzone: 0.149 and exactly 0.15 are zero, just past it is near zero", () => {
  assert.deepEqual(stick(0.149, 0), { x: 0, y: 0 });
  assert.deepEqual(stick(0.15, 0), { x: 0, y: 0 }); // the Rust manager passed 0.15 through
  assert.deepEqual(stick(0, -0.15), { x: 0, y: 0 });
  const past = stick(0.1501, 0);
  assert.ok(past.x > 0 && past.x < 1e-3, `no jump at the edge: ${past.x}`);
});

Deno.test("radial deadzone: full tilt is 1, halfway out is 0.5, the sign is kept", () => {
  assert.deepEqual(stick(1, 0), { x: 1, y: 0 });
  assert.deepEqual(stick(0, -1), { x: 0, y: -1 });
  near(stick(-(0.15 + 0.85 / 2), 0).x, -0.5, "halfway left");
});

Deno.test("radial deadzone: diagonals keep their direction; slow diagonals are not swallowed", () => {
  // Each axis is 0.12, inside a per-axis 0.15 deadzone (the Rust manager zeroed both), but the
  // stick is 0.17 from center.
  const slow = stick(0.12, 0.12);
  assert.ok(slow.x > 0 && slow.x === slow.y, `${JSON.stringify(slow)}`);
  near(Math.hypot(slow.x, slow.y), (Math.hypot(0.12, 0.12) - 0.15) / 0.85, "slow length");
  const full = stick(Math.SQRT1_2, Math.SQRT1_2);
  near(full.x, Math.SQRT1_2, "full x");
  near(full.y, Math.SQRT1_2, "full y");
  // A square-gated pad reports (1, 1) in the corner: clamped to length 1.
  const corner = stick(1, 1);
  near(Math.hypot(corner.x, corner.y), 1, "corner length");
  near(corner.x, Math.SQRT1_2, "corner x");
});

Deno.test("radial deadzone: broken readings are a centered stick, never NaN or -0", () => {
  for (const [x, y] of [[NaN, 0], [0, NaN], [Infinity, 0], [-Infinity, 1]]) {
    assert.deepEqual(stick(x, y), { x: 0, y: 0 }, `${x}, ${y}`);
  }
  assert.ok(Object.is(stick(-0, -1).x, 0));
  assert.deepEqual(stick(0.5, 0, 0), { x: 0.5, y: 0 }, "deadzone 0 passes values through");
});

Deno.test("axis deadzone: the fixed Rust AxisBinding::apply", () => {
  assert.equal(axisDeadzone(0.15, DEADZONE, false), 0);
  assert.equal(axisDeadzone(-0.149, DEADZONE, false), 0);
  assert.equal(axisDeadzone(1, DEADZONE, false), 1);
  assert.equal(axisDeadzone(1, DEADZONE, true), -1);
  near(axisDeadzone(-0.575, DEADZONE, false), -0.5, "halfway");
  assert.equal(axisDeadzone(5, DEADZONE, false), 1, "clamped (Rust returned 5.7)");
  assert.equal(axisDeadzone(NaN, DEADZONE, false), 0, "Rust returned NaN");
  assert.equal(axisDeadzone(0.99, 0.99, false), 0);
});
