import assert from "node:assert/strict";
import { ConfigError, configFromToml, configToToml, defaultConfig } from "./mod.ts";

function configError(text: string): ConfigError {
  try {
    configFromToml(text);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `not a ConfigError: ${error}`);
    return error;
  }
  assert.fail("no error");
}

Deno.test("TOML round trip: defaults and a custom configuration", () => {
  assert.deepEqual(configFromToml(configToToml(defaultConfig())), defaultConfig());
  const custom = {
    budgetPerTick: 35,
    minPriority: 0.25,
    cooldowns: { mediator: 1200, aid_event: 0, "quoted key": 7 },
    detectors: {
      lowHealthMinCluster: 5,
      scarcityThreshold: 0.65,
      factionTensionThreshold: 1,
      combatEventsThreshold: 3,
      combatWindowTicks: 120,
    },
    proposers: {
      aidThreshold: 0.4,
      supplyDropThreshold: 0.45,
      mediatorThreshold: 0.7,
      patrolThreshold: 0,
    },
  };
  const text = configToToml(custom);
  assert.deepEqual(configFromToml(text), custom);
  assert.equal(configToToml(configFromToml(text)), text);
});

Deno.test("the Rust keys are read as written by the Rust WeaveConfig", () => {
  const config = configFromToml(`budget_per_tick = 20
min_priority = 0.3

[cooldowns]
aid_event = 300
mediator = 900
`);
  assert.equal(config.budgetPerTick, 20);
  assert.equal(config.minPriority, 0.3);
  assert.deepEqual(config.cooldowns, { aid_event: 300, mediator: 900 });
  assert.deepEqual(config.detectors, defaultConfig().detectors);
});

Deno.test("unknown keys name the key and its line", () => {
  let error = configError("budget_per_tick = 20\n\n# tuning\nbudget = 5\n");
  assert.equal(error.message, 'line 4: unknown key "budget"');
  assert.equal(error.key, "budget");
  assert.equal(error.line, 4);
  error = configError("[detectors]\nscarcity_threshold = 0.5\nscarcity = 0.4\n");
  assert.equal(error.message, 'line 3: unknown key "detectors.scarcity"');
  error = configError("proposers.aid = 0.5\n");
  assert.equal(error.message, 'line 1: unknown key "proposers.aid"');
  error = configError("min_priority = 0.3\n[cooldownz]\nmediator = 1\n");
  assert.equal(error.message, 'line 2: unknown key "cooldownz"');
});

Deno.test("wrong types and ranges name the key and its line", () => {
  assert.equal(
    configError('min_priority = 0.3\nbudget_per_tick = "20"\n').message,
    'line 2: "budget_per_tick" must be an integer >= 0, got a string ("20")',
  );
  assert.equal(
    configError("budget_per_tick = 2.5\n").message,
    'line 1: "budget_per_tick" must be an integer >= 0, got 2.5',
  );
  assert.equal(
    configError("min_priority = true\n").message,
    'line 1: "min_priority" must be a number, got a boolean (true)',
  );
  assert.equal(
    configError("[cooldowns]\naid_event = 300\n  mediator = -5 # too short\n").message,
    'line 3: "cooldowns.mediator" must be an integer >= 0, got -5',
  );
  assert.equal(
    configError("cooldowns = 5\n").message,
    'line 1: "cooldowns" must be a table, got 5',
  );
  assert.equal(
    configError("[detectors]\ncombat_events_threshold = 0\n").message,
    'line 2: "detectors.combat_events_threshold" must be an integer >= 1, got 0',
  );
  assert.equal(
    configError("[proposers]\npatrol_threshold = [1]\n").message,
    'line 2: "proposers.patrol_threshold" must be a number, got an array',
  );
  assert.equal(
    configError("min_priority = 1979-05-27\n").message,
    'line 1: "min_priority" must be a number, got a date',
  );
  assert.equal(
    configError("budget_per_tick = 1\n\n[[events]]\nname = 1\n").message,
    'line 3: unknown key "events"',
  );
});

Deno.test("a __proto__ cooldown key is refused, not swallowed", () => {
  assert.equal(
    configError('[cooldowns]\naid_event = 1\n"__proto__" = 5\n').message,
    'line 3: "cooldowns.__proto__" cannot be a cooldown key',
  );
});

Deno.test("TOML syntax errors give the parser's line", () => {
  const error = configError("budget_per_tick = 20\nmin_priority = \n");
  assert.equal(error.line, 2);
  assert.match(error.message, /^line 2: TOML syntax error: /);
  assert.equal(error.message.includes("\n"), false);
});
