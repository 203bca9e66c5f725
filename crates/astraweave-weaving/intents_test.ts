import assert from "node:assert/strict";
import {
  AidEventProposer,
  type IntentProposer,
  MediatorProposer,
  type Pattern,
  ScavengerPatrolProposer,
  SupplyDropProposer,
  type WeaveIntent,
  weaveIntent,
} from "./mod.ts";
import { SeedRng } from "@astraweave/pcg";

const pattern = (kind: string, subject: string, strength: number): Pattern => ({
  id: subject ? `${kind}_${subject}` : kind,
  kind,
  subject,
  strength,
});

function propose(
  proposer: IntentProposer,
  patterns: Pattern[],
  random = new SeedRng(1),
): WeaveIntent[] {
  const proposed: WeaveIntent[] = [];
  proposer.propose(patterns, { tick: 0, random }, proposed);
  return proposed;
}

Deno.test("aid: gated at strength >= threshold; priority = strength, cost 10, key aid_event", () => {
  const proposer = new AidEventProposer({ strengthThreshold: 0.5 });
  assert.deepEqual(propose(proposer, [pattern("low_health_cluster", "", 0.4999)]), []);
  const [intent] = propose(proposer, [pattern("low_health_cluster", "", 0.5)]);
  assert.deepEqual(intent, {
    kind: "spawn_aid_event",
    priority: 0.5,
    cost: 10,
    cooldownKey: "aid_event",
    payload: { event_type: "wandering_healer" },
  });
  // Other kinds are ignored.
  assert.deepEqual(propose(proposer, [pattern("resource_scarce", "food", 0.9)]), []);
});

Deno.test("supply drop: one per scarce resource at or above the threshold, key per resource", () => {
  const proposer = new SupplyDropProposer({ strengthThreshold: 0.5 });
  const intents = propose(proposer, [
    pattern("resource_scarce", "food", 0.5),
    pattern("resource_scarce", "water", 0.49),
    pattern("resource_scarce", "medicine", 0.9),
  ]);
  assert.deepEqual(
    intents.map((i) => [i.kind, i.cooldownKey, i.cost, i.priority, i.payload.resource_type]),
    [
      ["spawn_supply_drop", "supply_drop_food", 8, 0.5, "food"],
      ["spawn_supply_drop", "supply_drop_medicine", 8, 0.9, "medicine"],
    ],
  );
});

Deno.test("mediator: one per faction at or above the threshold, cost 15, key mediator_<faction>", () => {
  const proposer = new MediatorProposer({ strengthThreshold: 0.6 });
  const intents = propose(proposer, [
    pattern("faction_conflict", "red", 0.59),
    pattern("faction_conflict", "blue", 0.6),
  ]);
  assert.deepEqual(intents.map((i) => [i.cooldownKey, i.cost, i.payload.faction]), [
    ["mediator_blue", 15, "blue"],
  ]);
});

Deno.test("patrol: priority strength x 0.8, cost 12, payload from the seeded stream", () => {
  const proposer = new ScavengerPatrolProposer({ strengthThreshold: 0.5 });
  assert.deepEqual(propose(proposer, [pattern("high_combat_intensity", "", 0.49)]), []);
  const combat = [pattern("high_combat_intensity", "", 0.75)];
  const [intent] = propose(proposer, combat);
  assert.equal(intent.priority, 0.75 * 0.8);
  assert.equal(intent.cost, 12);
  assert.equal(intent.cooldownKey, "scavenger_patrol");
  // Same seed, same sequence of patrols; both kinds occur.
  const draw = (seed: number) => {
    const random = new SeedRng(seed);
    return Array.from(
      { length: 32 },
      () => propose(proposer, combat, random)[0].payload.patrol_type,
    );
  };
  assert.deepEqual(draw(9), draw(9));
  assert.deepEqual(new Set(draw(9)), new Set(["looters", "scavengers"]));
});

Deno.test("weaveIntent: the Rust defaults and input checks", () => {
  assert.deepEqual(weaveIntent("x"), {
    kind: "x",
    priority: 0.5,
    cost: 1,
    cooldownKey: "",
    payload: {},
  });
  assert.throws(() => weaveIntent("x", { cost: -1 }), /cost must be a non-negative integer/);
  assert.throws(() => weaveIntent("x", { priority: NaN }), /priority must be finite/);
});
