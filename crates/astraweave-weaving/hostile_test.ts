// Hostile input the weaving crate must refuse with a ConfigError or ScriptError, or accept and
// then run without throwing or hanging. Seeded mutation of a valid configuration and metrics
// script; a failing case reproduces from its seed and index. Each hole found gets a test here.
import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import { describe, mutateJson, mutateText, thrownBy } from "@astraweave/testing/hostile";
import {
  ConfigError,
  configFromToml,
  configToToml,
  defaultConfig,
  MAX_COMBAT_EVENTS_PER_FRAME,
  type MetricsFrame,
  parseMetricsScript,
  ScriptError,
  simulate,
  type WeaveConfig,
} from "./mod.ts";

const VALID_TOML = configToToml(defaultConfig());
const VALID_SCRIPT = [
  { criticalHealthCount: 5, combatEvents: 3 },
  { resourceScarcity: { food: 0.8, water: 0.2 }, factionTensions: { north: 0.9, south: 0.1 } },
  { criticalHealthCount: 0, combatEvents: 12, resourceScarcity: { medicine: 1 } },
];

function assertFinite(value: number, what: string): void {
  assert.ok(Number.isFinite(value), `${what}: ${value}`);
}

Deno.test("hostile: 4,000 mutated configurations are a ConfigError or a config the director runs", () => {
  const random = mulberry32(0x5eed_c0f6);
  const script = parseMetricsScript(VALID_SCRIPT);
  for (let i = 0; i < 4000; i++) {
    const text = mutateText(VALID_TOML, random);
    const what = `case ${i}: ${describe(text)}`;
    let config: WeaveConfig;
    try {
      config = configFromToml(text);
    } catch (error) {
      assert.ok(error instanceof ConfigError, `${what}: expected a ConfigError, got ${error}`);
      assert.ok(error.line === undefined || error.line >= 1, what);
      continue;
    }
    assert.equal(Object.getPrototypeOf(config.cooldowns), Object.prototype, what);
    for (const value of Object.values(config.cooldowns)) assertFinite(value, what);
    for (const value of Object.values(config.detectors)) assertFinite(value, what);
    for (const value of Object.values(config.proposers)) assertFinite(value, what);
    if (i % 10 === 0) {
      const summary = simulate({ ticks: 20, seed: i, config, script });
      assert.ok(summary.budgetSpent <= summary.budgetAvailable, what);
    }
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("hostile: 4,000 mutated metrics scripts are a ScriptError or frames the director runs", () => {
  const random = mulberry32(0x5eed_5c41);
  for (let i = 0; i < 4000; i++) {
    const json = mutateJson(VALID_SCRIPT, random);
    const what = `case ${i}: ${describe(json)}`;
    let frames: MetricsFrame[];
    try {
      frames = parseMetricsScript(json);
    } catch (error) {
      assert.ok(error instanceof ScriptError, `${what}: expected a ScriptError, got ${error}`);
      continue;
    }
    for (const frame of frames) {
      assertFinite(frame.criticalHealthCount, what);
      assertFinite(frame.combatEvents, what);
      for (const map of [frame.resourceScarcity, frame.factionTensions]) {
        for (const value of Object.values(map)) assertFinite(value, what);
      }
    }
    if (i % 4 === 0) {
      const error = thrownBy(() => simulate({ ticks: 8, seed: i, script: frames }));
      assert.equal(error, undefined, `${what}: the director threw ${error}`);
    }
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("hostile (fuzz hole): a sparse metrics script is a ScriptError, not a TypeError", () => {
  // map skipped the holes and returned them; the timeline then read `undefined.combatEvents`.
  const error = thrownBy(() => parseMetricsScript([, { combatEvents: 1 }]));
  assert.ok(error instanceof ScriptError, `got ${error}`);
  assert.match(error.message, /frame 0 must be an object/);
});

Deno.test("hostile (fuzz hole): combat events per frame are bounded", () => {
  // 2^32 events on one frame ran for 8.8 s and then threw "RangeError: Invalid array length".
  for (const combatEvents of [2 ** 32, Number.MAX_SAFE_INTEGER, MAX_COMBAT_EVENTS_PER_FRAME + 1]) {
    const error = thrownBy(() => parseMetricsScript([{ combatEvents }]));
    assert.ok(error instanceof ScriptError, `got ${error}`);
    assert.match(error.message, /combatEvents must be an integer from 0 to 10000/);
  }
  const frames = parseMetricsScript([{ combatEvents: MAX_COMBAT_EVENTS_PER_FRAME }]);
  assert.equal(simulate({ ticks: 3, seed: 1, script: frames }).ticks, 3);
});
