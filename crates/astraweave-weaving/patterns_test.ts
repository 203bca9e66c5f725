import assert from "node:assert/strict";
import {
  CombatIntensityDetector,
  FactionConflictDetector,
  LowHealthClusterDetector,
  type Pattern,
  type PatternDetector,
  ResourceScarcityDetector,
  strengthBand,
  type WorldMetrics,
} from "./mod.ts";

const quiet: WorldMetrics = {
  tick: 0,
  criticalHealthCount: 0,
  resourceScarcity: {},
  factionTensions: {},
  combatEventTicks: [],
};

function detect(detector: PatternDetector, metrics: Partial<WorldMetrics>): Pattern[] {
  const found: Pattern[] = [];
  detector.detect({ ...quiet, ...metrics }, found);
  return found;
}

Deno.test("strength bands: under 0.3 weak, under 0.7 moderate, else strong", () => {
  assert.equal(strengthBand(0), "weak");
  assert.equal(strengthBand(0.2999), "weak");
  assert.equal(strengthBand(0.3), "moderate");
  assert.equal(strengthBand(0.6999), "moderate");
  assert.equal(strengthBand(0.7), "strong");
  assert.equal(strengthBand(1), "strong");
});

Deno.test("low health cluster: fires at exactly minClusterSize, strength count / 10 capped at 1", () => {
  const detector = new LowHealthClusterDetector({ minClusterSize: 3 });
  assert.deepEqual(detect(detector, { criticalHealthCount: 2 }), []);
  assert.deepEqual(detect(detector, { criticalHealthCount: 3 }).map((p) => p.strength), [0.3]);
  assert.deepEqual(detect(detector, { criticalHealthCount: 10 }).map((p) => p.strength), [1]);
  assert.deepEqual(detect(detector, { criticalHealthCount: 25 }).map((p) => p.strength), [1]);
  assert.throws(() => new LowHealthClusterDetector({ minClusterSize: -1 }), RangeError);
});

Deno.test("resource scarcity: one pattern per resource at or above the threshold", () => {
  const detector = new ResourceScarcityDetector({ threshold: 0.5 });
  const found = detect(detector, {
    resourceScarcity: { food: 0.5, water: 0.4999, medicine: 1 },
  });
  assert.deepEqual(found, [
    { id: "resource_scarce_food", kind: "resource_scarce", subject: "food", strength: 0.5 },
    {
      id: "resource_scarce_medicine",
      kind: "resource_scarce",
      subject: "medicine",
      strength: 1,
    },
  ]);
});

Deno.test("faction conflict: one pattern per faction at or above the threshold", () => {
  const detector = new FactionConflictDetector({ threshold: 0.6 });
  const found = detect(detector, { factionTensions: { red: 0.6, blue: 0.59, green: 0.95 } });
  assert.deepEqual(found.map((p) => [p.id, p.strength]), [
    ["faction_conflict_red", 0.6],
    ["faction_conflict_green", 0.95],
  ]);
});

Deno.test("combat intensity: counts only events inside the window, fires at the threshold", () => {
  const detector = new CombatIntensityDetector({ eventsThreshold: 4, windowTicks: 10 });
  // Window at tick 50 is 41..50: ticks 40 and 51 are outside.
  const atThreshold = detect(detector, { tick: 50, combatEventTicks: [40, 41, 45, 48, 50, 51] });
  assert.deepEqual(atThreshold.map((p) => [p.id, p.strength]), [["high_combat_intensity", 0.5]]);
  const below = detect(detector, { tick: 50, combatEventTicks: [40, 45, 48, 50] });
  assert.deepEqual(below, []);
  // The Rust detector counted everything it was given: 20 stale events would have fired.
  const stale = detect(detector, { tick: 500, combatEventTicks: Array(20).fill(100) });
  assert.deepEqual(stale, []);
  const saturated = detect(detector, { tick: 10, combatEventTicks: Array(9).fill(10) });
  assert.equal(saturated[0].strength, 1);
  assert.throws(() => new CombatIntensityDetector({ eventsThreshold: 0, windowTicks: 10 }));
});
