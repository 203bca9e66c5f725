import assert from "node:assert/strict";
import { ACTS, MAX_STEPS } from "@astraweave/sdk";
import { parsePlan } from "./intent.ts";

Deno.test("the acts are the Rust ActionStep's, without ModifyTerrain", () => {
  assert.equal(ACTS.length, 39); // the Rust enum has 40 variants (its comments say 38)
  assert.equal(ACTS[0], "MoveTo");
  assert.ok(
    ACTS.includes("Revive") && ACTS.includes("CoverFire") && !ACTS.includes("ModifyTerrain"),
  );
});

Deno.test("every act parses with valid fields; unknown fields are ignored, as serde does", () => {
  const result = parsePlan({
    plan_id: "all",
    extra: true,
    steps: [
      { act: "MoveTo", x: 1, y: 2, speed: "sprint", note: "ignored" },
      { act: "Approach", target_id: 3, distance: 2.5 },
      { act: "Strafe", target_id: 3, direction: "left" },
      { act: "Patrol", waypoints: [{ x: 0, y: 0 }] },
      { act: "AoEAttack", x: 3, y: 3, radius: 2 },
      { act: "Dodge" },
      { act: "Heal", target_id: null },
      { act: "SwitchWeapon", slot: 2 },
      { act: "SetAmbush", position: { x: 5, y: 5 } },
      { act: "Throw", item: "grenade", x: 0, y: 9 },
    ],
  });
  assert.ok(result.ok);
  assert.equal(result.plan.steps.length, 10);
  assert.deepEqual(result.plan.steps[0], { act: "MoveTo", x: 1, y: 2, speed: "sprint" });
});

Deno.test("schema errors name the field and the rule", () => {
  const cases: [unknown, string][] = [
    [
      { plan_id: "p", steps: [{ act: "Approach", target_id: -1, distance: 1 }] },
      "steps[0].target_id: must be an integer from 0 to 4294967295",
    ],
    [
      { plan_id: "p", steps: [{ act: "Wait", duration: 1e9 }] },
      "steps[0].duration: must be a finite number from 0 to 3600",
    ],
    [
      { plan_id: "p", steps: [{ act: "Strafe", target_id: 1, direction: "up" }] },
      'steps[0].direction: must be "left" or "right"',
    ],
    [
      { plan_id: "p", steps: [{ act: "Patrol", waypoints: [{ x: 0, y: 10 }] }] },
      "steps[0].waypoints[0].y: must be an integer from 0 to 9",
    ],
    [{ plan_id: "p", steps: [{ act: 7 }] }, "steps[0].act: act must be a string"],
    [
      { plan_id: "p", steps: [{ act: "x".repeat(100) }] },
      `steps[0].act: unknown act "${"x".repeat(40)}..."`,
    ],
    [{ plan_id: "p", steps: [null] }, "steps[0]: must be an object"],
    [{ plan_id: "p" }, "steps: must be an array of steps"],
    [
      { plan_id: "p", steps: Array(MAX_STEPS + 1).fill({ act: "Block" }) },
      "steps: must have at most 64 steps",
    ],
    [null, "an intent must be an object {plan_id, steps}"],
  ];
  for (const [value, message] of cases) {
    const result = parsePlan(value);
    assert.ok(!result.ok);
    assert.equal(result.error, message);
  }
});
