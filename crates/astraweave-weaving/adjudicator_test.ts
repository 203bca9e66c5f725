import assert from "node:assert/strict";
import {
  Adjudicator,
  defaultConfig,
  describeDecision,
  resolveCooldown,
  UNKNOWN_COOLDOWN_TICKS,
  weaveIntent,
} from "./mod.ts";
import { mulberry32 } from "@astraweave/testing";

const walk = (adjudicator: Adjudicator, intents: ReturnType<typeof weaveIntent>[]) =>
  adjudicator.adjudicate(intents).map((d) => `${d.intent.kind}: ${describeDecision(d)}`);

Deno.test("orders by priority descending, then cost ascending, then kind ascending", () => {
  const adjudicator = new Adjudicator({ budgetPerTick: 100, minPriority: 0.3, cooldowns: {} });
  adjudicator.beginTick();
  const order = adjudicator.adjudicate([
    weaveIntent("zebra", { priority: 0.8, cost: 10 }),
    weaveIntent("beta", { priority: 0.8, cost: 5 }),
    weaveIntent("alpha", { priority: 0.8, cost: 5 }),
    weaveIntent("top", { priority: 0.95, cost: 50 }),
    weaveIntent("low", { priority: 0.31, cost: 1 }),
  ]).map((d) => d.intent.kind);
  assert.deepEqual(order, ["top", "alpha", "beta", "zebra", "low"]);
});

Deno.test("an over-budget intent is skipped and the walk goes on to cheaper ones", () => {
  const adjudicator = new Adjudicator({ budgetPerTick: 20, minPriority: 0.3, cooldowns: {} });
  adjudicator.beginTick();
  assert.deepEqual(
    walk(adjudicator, [
      weaveIntent("a", { priority: 0.9, cost: 15 }),
      weaveIntent("b", { priority: 0.8, cost: 10 }),
      weaveIntent("c", { priority: 0.7, cost: 6 }),
      weaveIntent("d", { priority: 0.6, cost: 5 }),
    ]),
    [
      "a: accepted",
      "b: rejected: over budget by 5",
      "c: rejected: over budget by 1",
      "d: accepted",
    ],
  );
  assert.equal(adjudicator.budgetSpent, 20);
  assert.equal(adjudicator.budgetRemaining, 0);
  adjudicator.beginTick();
  assert.equal(adjudicator.budgetRemaining, 20);
});

Deno.test("a cooling-down intent is skipped and the walk goes on; the minimum priority is kept", () => {
  const adjudicator = new Adjudicator({
    budgetPerTick: 20,
    minPriority: 0.3,
    cooldowns: { aid_event: 3 },
  });
  const aid = weaveIntent("spawn_aid_event", { priority: 0.9, cost: 10, cooldownKey: "aid_event" });
  const cheap = weaveIntent("cheap", { priority: 0.5, cost: 2 });
  const faint = weaveIntent("faint", { priority: 0.2999, cost: 1 });
  adjudicator.beginTick();
  assert.deepEqual(walk(adjudicator, [aid, cheap, faint]), [
    "spawn_aid_event: accepted",
    "cheap: accepted",
    "faint: rejected: below min priority 0.3",
  ]);
  adjudicator.beginTick();
  assert.deepEqual(walk(adjudicator, [aid, cheap]), [
    "spawn_aid_event: rejected: cooling down, 2 ticks left",
    "cheap: accepted",
  ]);
  adjudicator.beginTick();
  assert.deepEqual(walk(adjudicator, [aid]), [
    "spawn_aid_event: rejected: cooling down, 1 tick left",
  ]);
  // Accepted on tick t with cooldown 3: blocked on t, t+1, t+2, free on t+3.
  adjudicator.beginTick();
  assert.equal(adjudicator.isOnCooldown("aid_event"), false);
  assert.deepEqual(walk(adjudicator, [aid]), ["spawn_aid_event: accepted"]);
});

Deno.test("the same key is accepted at most once per tick, even with a zero cooldown", () => {
  const adjudicator = new Adjudicator({ budgetPerTick: 20, minPriority: 0, cooldowns: { k: 0 } });
  const intent = weaveIntent("x", { cooldownKey: "k" });
  adjudicator.beginTick();
  assert.deepEqual(adjudicator.adjudicate([intent, intent]).map((d) => d.outcome), [
    "accepted",
    "cooling_down",
  ]);
  adjudicator.beginTick();
  assert.equal(adjudicator.adjudicate([intent])[0].outcome, "accepted");
});

Deno.test("cooldown lookup falls back from the key to its family before the default", () => {
  const { cooldowns } = defaultConfig();
  // The Rust adjudicator looked up the exact key only: mediator_north got 300, not 900.
  assert.equal(resolveCooldown(cooldowns, "mediator_north"), 900);
  assert.equal(resolveCooldown(cooldowns, "mediator_the_far_isles"), 900);
  assert.equal(resolveCooldown(cooldowns, "supply_drop_food"), 600);
  assert.equal(resolveCooldown(cooldowns, "scavenger_patrol"), 450);
  assert.equal(resolveCooldown(cooldowns, "aid_event"), 300);
  assert.equal(resolveCooldown(cooldowns, "supply_drop_stone"), UNKNOWN_COOLDOWN_TICKS);
  assert.equal(resolveCooldown(cooldowns, "_odd"), UNKNOWN_COOLDOWN_TICKS);
  // The exact key wins over its family.
  assert.equal(resolveCooldown({ mediator: 900, mediator_north: 60 }, "mediator_north"), 60);
  // Inherited object properties are not cooldowns.
  assert.equal(resolveCooldown({}, "constructor"), UNKNOWN_COOLDOWN_TICKS);

  const adjudicator = new Adjudicator(defaultConfig());
  adjudicator.beginTick();
  const [decision] = adjudicator.adjudicate([
    weaveIntent("spawn_mediator", { priority: 0.9, cost: 15, cooldownKey: "mediator_north" }),
  ]);
  assert.equal(decision.outcome, "accepted");
  assert.equal(decision.outcome === "accepted" && decision.cooldownTicks, 900);
  for (let i = 0; i < 300; i++) adjudicator.beginTick();
  assert.equal(adjudicator.isOnCooldown("mediator_north"), true);
  assert.equal(adjudicator.cooldownRemaining("mediator_north"), 600);
});

Deno.test("rules are checked", () => {
  assert.throws(
    () => new Adjudicator({ budgetPerTick: -1, minPriority: 0.3, cooldowns: {} }),
    /budgetPerTick must be a non-negative integer/,
  );
  assert.throws(
    () => new Adjudicator({ budgetPerTick: 20, minPriority: 0.3, cooldowns: { x: 1.5 } }),
    /cooldown x must be a non-negative integer/,
  );
});

Deno.test("the walk order matches a stable sort by priority, cost and kind, at every length", () => {
  const adjudicator = new Adjudicator({ budgetPerTick: 0, minPriority: 0, cooldowns: {} });
  const next = mulberry32(12345);
  for (let n = 0; n <= 70; n++) {
    const intents = Array.from({ length: n }, (_, i) =>
      weaveIntent(`k${Math.floor(next() * 4)}`, {
        priority: Math.floor(next() * 4) / 4,
        cost: Math.floor(next() * 3),
        payload: { index: `${i}` },
      }));
    const expected = intents.slice().sort((a, b) =>
      b.priority - a.priority || a.cost - b.cost || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)
    );
    adjudicator.beginTick();
    assert.deepEqual(adjudicator.adjudicate(intents).map((d) => d.intent), expected);
  }
});

Deno.test("a malformed intent from a plug-in is refused before anything changes", () => {
  const adjudicator = new Adjudicator({ budgetPerTick: 20, minPriority: 0, cooldowns: {} });
  adjudicator.beginTick();
  const good = weaveIntent("good", { cost: 5, cooldownKey: "good" });
  const bad = { ...good, kind: "bad", cost: -50 };
  assert.throws(() => adjudicator.adjudicate([good, bad]), /intent bad: cost must be/);
  assert.equal(adjudicator.budgetSpent, 0);
  assert.equal(adjudicator.isOnCooldown("good"), false);
  assert.throws(() => adjudicator.adjudicate([{ ...good, priority: NaN }]), RangeError);
});
