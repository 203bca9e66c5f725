import assert from "node:assert/strict";
import {
  builtInDetectors,
  builtInProposers,
  configFromToml,
  defaultConfig,
  simulate,
  type TickRecord,
  type WeaveConfig,
  WeaveDirector,
  weaveIntent,
} from "./mod.ts";

/** Every record of a simulation, as JSON lines: the bytes a determinism check compares. */
function recordLines(seed: number, ticks: number, config?: WeaveConfig): string[] {
  const lines: string[] = [];
  simulate({ ticks, seed, config, onTick: (record) => lines.push(JSON.stringify(record)) });
  return lines;
}

Deno.test("determinism: same metrics, config and seed give the same records byte for byte", () => {
  const first = recordLines(2026, 3000);
  const second = recordLines(2026, 3000);
  assert.equal(first.join("\n"), second.join("\n"));
  assert.notEqual(first.join("\n"), recordLines(2027, 3000).join("\n"));
});

/**
 * Checks a run from its decision records alone: no tick spends over its budget, the recorded
 * spend is the sum of the accepted costs, no key is accepted while its cooldown runs, and every
 * rejection's stated reason is true.
 */
function checkRecords(records: readonly TickRecord[], config: WeaveConfig): void {
  const lastAccepted = new Map<string, { tick: number; cooldown: number }>();
  for (const record of records) {
    let spent = 0;
    const acceptedThisTick = new Set<string>();
    for (const decision of record.decisions) {
      const { intent } = decision;
      const key = intent.cooldownKey;
      const last = lastAccepted.get(key);
      const ticksLeft = last === undefined ? 0 : last.tick + last.cooldown - record.tick;
      const blocked = key !== "" && (acceptedThisTick.has(key) || ticksLeft > 0);
      switch (decision.outcome) {
        case "accepted":
          assert.ok(intent.priority >= config.minPriority);
          assert.ok(!blocked, `tick ${record.tick}: ${key} accepted while cooling down`);
          spent += intent.cost;
          assert.ok(spent <= record.budget, `tick ${record.tick}: over budget`);
          assert.equal(decision.budgetLeft, record.budget - spent);
          if (key !== "") {
            lastAccepted.set(key, { tick: record.tick, cooldown: decision.cooldownTicks });
            acceptedThisTick.add(key);
          }
          break;
        case "below_min_priority":
          assert.ok(intent.priority < config.minPriority);
          break;
        case "cooling_down":
          assert.ok(blocked, `tick ${record.tick}: ${key} rejected but free`);
          if (!acceptedThisTick.has(key)) assert.equal(decision.ticksLeft, ticksLeft);
          break;
        case "over_budget":
          assert.ok(!blocked);
          assert.equal(decision.overBy, spent + intent.cost - record.budget);
          assert.ok(decision.overBy > 0);
          break;
      }
    }
    assert.equal(record.budgetSpent, spent, `tick ${record.tick}: recorded spend`);
  }
}

Deno.test("10,000 ticks: the budget is never exceeded and no cooldown is ever violated", () => {
  // Short cooldowns so keys fire many times and compete for the budget.
  const config = configFromToml(`budget_per_tick = 20
min_priority = 0.3
[cooldowns]
aid_event = 30
supply_drop = 50
mediator = 90
scavenger_patrol = 45
`);
  for (const seed of [1, 77]) {
    const records: TickRecord[] = [];
    const summary = simulate({
      ticks: 10_000,
      seed,
      config,
      onTick: (record) => records.push(record),
    });
    assert.equal(records.length, 10_000);
    checkRecords(records, config);
    // The run exercised every intent kind and every kind of rejection.
    for (const kind of ["spawn_aid_event", "spawn_mediator", "spawn_patrol", "spawn_supply_drop"]) {
      assert.ok(
        (summary.fired[kind] ?? 0) > 10,
        `seed ${seed}: ${kind} fired ${summary.fired[kind]}`,
      );
    }
    assert.ok(summary.rejected.cooling_down > 0);
    assert.ok(summary.rejected.over_budget > 0);
    assert.ok(summary.peakTickSpend <= config.budgetPerTick);
    assert.equal(summary.budgetAvailable, 200_000);
  }
});

Deno.test("10,000 ticks with the default configuration check out too", () => {
  const config = defaultConfig();
  const records: TickRecord[] = [];
  simulate({ ticks: 10_000, seed: 5, onTick: (record) => records.push(record) });
  checkRecords(records, config);
  const mediators = records.flatMap((r) =>
    r.decisions.filter((d) => d.outcome === "accepted" && d.intent.kind === "spawn_mediator")
  );
  assert.ok(mediators.length > 0);
  for (const d of mediators) assert.equal(d.outcome === "accepted" && d.cooldownTicks, 900);
});

Deno.test("a game registers its own detectors and proposers beside the built-in ones", () => {
  const config = defaultConfig();
  const director = new WeaveDirector({
    config,
    detectors: [...builtInDetectors(config), {
      name: "nightfall",
      detect(metrics, found) {
        const darkness = metrics.custom?.darkness ?? 0;
        if (darkness >= 0.5) {
          found.push({ id: "nightfall", kind: "nightfall", subject: "", strength: darkness });
        }
      },
    }],
    proposers: [...builtInProposers(config), {
      name: "lanterns",
      propose(patterns, _context, proposed) {
        for (const p of patterns) {
          if (p.kind === "nightfall") {
            proposed.push(
              weaveIntent("light_lanterns", {
                priority: p.strength,
                cost: 4,
                cooldownKey: "lanterns",
              }),
            );
          }
        }
      },
    }],
  });
  const record = director.tick({
    tick: 0,
    criticalHealthCount: 5,
    resourceScarcity: {},
    factionTensions: {},
    combatEventTicks: [],
    custom: { darkness: 0.8 },
  });
  assert.deepEqual(record.patterns.map((p) => p.id), ["low_health_cluster", "nightfall"]);
  assert.deepEqual(
    record.decisions.map((d) => [d.intent.kind, d.outcome]),
    [["light_lanterns", "accepted"], ["spawn_aid_event", "accepted"]],
  );
  // "lanterns" has no configured cooldown and no family: the unknown default applies.
  assert.equal(director.adjudicator.cooldownRemaining("lanterns"), 300);
  assert.equal(director.ticks, 1);
});
