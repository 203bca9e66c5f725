/**
 * astraweave-weaving benchmarks: the groups and names of the Rust `weaving_benchmarks.rs`
 * (`pattern_detection`, `intent_proposal`, `adjudication`, `configuration`, `full_pipeline`) and
 * of its `integration_benchmarks.rs` (`player_abilities`, `quest_objectives`, `enemy_spawner`).
 *
 * Inputs vary per call: each bench cycles through a ring of prepared metrics, pattern lists or
 * intent lists, and the adjudicator benches keep a populated cooldown map with short cooldowns,
 * so they measure lookups that hit and miss and walks that accept and reject. (The Rust benches
 * checked cooldowns against an empty map and ran the full cycle with every intent blocked after
 * the first iteration.) `pipeline_scaling/N` has N active patterns and N intents per tick.
 *
 * Lookups of a few nanoseconds run 1,000 times per call (declared as throughput), so the measured
 * time stays above the harness floor.
 *
 * @module
 */

import {
  Abilities,
  Adjudicator,
  AidEventProposer,
  Anchor,
  builtInDetectors,
  builtInProposers,
  configFromToml,
  configToToml,
  type Decision,
  defaultConfig,
  EchoCurrency,
  EnemySpawner,
  Level,
  LowHealthClusterDetector,
  type Pattern,
  type ProposalContext,
  Quest,
  type QuestEvent,
  ResourceScarcityDetector,
  strengthBand,
  SupplyDropProposer,
  type WeaveConfig,
  WeaveDirector,
  type WeaveIntent,
  weaveIntent,
  type WorldMetrics,
} from "@astraweave/weaving";
import { SeedRng } from "@astraweave/pcg";
import { mulberry32 } from "@astraweave/testing";
import { benchCrate, consume, frameShare, us } from "@astraweave/bench-protocol";

const bench = benchCrate("astraweave-weaving");
const random = mulberry32(0x5eed);
const BATCH = 1000;
const FRAME_SECONDS = 1 / 60;
/** Inputs per ring: a power of two, so the next index is a mask away. */
const RING = 64;
const MASK = RING - 1;
const ring = <T>(make: (i: number) => T): T[] => Array.from({ length: RING }, (_, i) => make(i));

const OUTCOMES = ["accepted", "cooling_down", "over_budget", "below_min_priority"] as const;

/**
 * Declares the share of each outcome that a decision bench meets, counted over ten laps of its
 * input ring on a twin built the same way: it shows the bench measures a mix of accepted and
 * rejected intents, not an empty cooldown map or a blocked pipeline.
 */
function declareOutcomes(group: string, name: string, run: () => readonly Decision[]): void {
  const counts = { accepted: 0, cooling_down: 0, over_budget: 0, below_min_priority: 0 };
  let total = 0;
  for (let call = 0; call < 10 * RING; call++) {
    for (const decision of run()) {
      counts[decision.outcome]++;
      total++;
    }
  }
  for (const outcome of OUTCOMES) {
    bench.metric({
      group,
      name: `${name} ${outcome}`,
      value: total === 0 ? 0 : counts[outcome] / total,
      unit: "ratio",
      note: `share of intents ${outcome.replaceAll("_", " ")}, ${total} intents over ${
        10 * RING
      } calls`,
    });
  }
}

const RESOURCES = ["food", "water", "medicine", "ammo", "fuel", "wood", "stone", "iron"];
const FACTIONS = ["north", "south", "east", "west", "river", "hill", "coast", "forest"];

/** A world with a mix of patterns above and below the default thresholds. */
function worldMetrics(i: number, resources = 4, factions = 3): WorldMetrics {
  const scarcity: Record<string, number> = {};
  const tensions: Record<string, number> = {};
  for (let r = 0; r < resources; r++) scarcity[RESOURCES[(i + r) % RESOURCES.length]] = random();
  for (let f = 0; f < factions; f++) tensions[FACTIONS[(i + f) % FACTIONS.length]] = random();
  const events = Math.floor(random() * 24);
  return {
    tick: 1000 + i,
    criticalHealthCount: Math.floor(random() * 12),
    resourceScarcity: scarcity,
    factionTensions: tensions,
    combatEventTicks: Array.from({ length: events }, () => 1000 + i - Math.floor(random() * 400)),
  };
}

// ---------------------------------------------------------------------------------------------
// pattern_detection
// ---------------------------------------------------------------------------------------------

{
  const group = "pattern_detection";
  const worlds = ring((i) => worldMetrics(i));
  const found: Pattern[] = [];
  let at = 0;
  const lowHealth = new LowHealthClusterDetector({ minClusterSize: 3 });
  bench({
    group,
    name: "low_health_cluster",
    budget: frameShare(10_000, "one of several detectors run once per game tick"),
    fn: () => {
      found.length = 0;
      lowHealth.detect(worlds[at++ & MASK], found);
      consume(found.length);
    },
  });
  const scarcity = new ResourceScarcityDetector({ threshold: 0.5 });
  bench({
    group,
    name: "resource_scarcity",
    budget: frameShare(10_000, "one of several detectors run once per game tick"),
    fn: () => {
      found.length = 0;
      scarcity.detect(worlds[at++ & MASK], found);
      consume(found.length);
    },
  });
  const detectors = builtInDetectors(defaultConfig());
  bench({
    group,
    name: "multiple_detectors",
    budget: frameShare(5_000, "all four built-in detectors, once per game tick"),
    fn: () => {
      found.length = 0;
      const world = worlds[at++ & MASK];
      for (let d = 0; d < detectors.length; d++) detectors[d].detect(world, found);
      consume(found.length);
    },
  });
  const strengths = Float64Array.from({ length: BATCH }, () => random());
  bench({
    group,
    name: "pattern_strength_categorization",
    budget: us(20, "1,000 bands, far more than the patterns of one tick"),
    throughput: { elements: BATCH },
    fn: () => {
      let strong = 0;
      for (let i = 0; i < BATCH; i++) if (strengthBand(strengths[i]) === "strong") strong++;
      consume(strong);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// intent_proposal
// ---------------------------------------------------------------------------------------------

{
  const group = "intent_proposal";
  const config = defaultConfig();
  const detectors = builtInDetectors(config);
  const patternSets = ring((i) => {
    const found: Pattern[] = [];
    const world = worldMetrics(i);
    for (const detector of detectors) detector.detect(world, found);
    return found;
  });
  const context: ProposalContext = { tick: 0, random: new SeedRng(1, "bench") };
  const proposed: WeaveIntent[] = [];
  let at = 0;
  const aid = new AidEventProposer({ strengthThreshold: 0.5 });
  bench({
    group,
    name: "aid_event_proposal",
    budget: frameShare(10_000, "one of several proposers run once per game tick"),
    fn: () => {
      proposed.length = 0;
      aid.propose(patternSets[at++ & MASK], context, proposed);
      consume(proposed.length);
    },
  });
  const supply = new SupplyDropProposer({ strengthThreshold: 0.5 });
  bench({
    group,
    name: "supply_drop_proposal",
    budget: frameShare(10_000, "one of several proposers run once per game tick"),
    fn: () => {
      proposed.length = 0;
      supply.propose(patternSets[at++ & MASK], context, proposed);
      consume(proposed.length);
    },
  });
  const proposers = builtInProposers(config);
  bench({
    group,
    name: "multiple_proposers",
    budget: frameShare(5_000, "all four built-in proposers, once per game tick"),
    fn: () => {
      proposed.length = 0;
      const patterns = patternSets[at++ & MASK];
      for (let p = 0; p < proposers.length; p++) proposers[p].propose(patterns, context, proposed);
      consume(proposed.length);
    },
  });
  const priorities = ring(() => random());
  const keys = ring((i) => `merchant_${FACTIONS[i & 7]}`);
  const payloads = ring((i) => ({ goods: RESOURCES[i & 7] }));
  bench({
    group,
    name: "intent_builder",
    budget: us(1, "a game-side proposer builds a few intents per tick"),
    fn: () => {
      const i = at++ & MASK;
      consume(
        weaveIntent("spawn_merchant", {
          priority: priorities[i],
          cost: 5 + (i & 7),
          cooldownKey: keys[i],
          payload: payloads[i],
        }),
      );
    },
  });
}

// ---------------------------------------------------------------------------------------------
// adjudication
// ---------------------------------------------------------------------------------------------

/** Intents over a pool of keys, with priorities around the minimum and costs of 4 to 15. */
function intentList(count: number, keys: readonly string[]): WeaveIntent[] {
  return Array.from({ length: count }, () => {
    const key = keys[Math.floor(random() * keys.length)];
    return weaveIntent(`spawn_${key}`, {
      priority: 0.2 + random() * 0.8,
      cost: 4 + Math.floor(random() * 12),
      cooldownKey: key,
    });
  });
}

/** Keys `event_0`..`event_<n-1>` whose cooldowns last 2 to 9 ticks: the map fills and drains. */
function shortCooldownRules(n: number, budgetPerTick = 20): WeaveConfig {
  const cooldowns: Record<string, number> = {};
  const keys = Array.from({ length: n }, (_, i) => `event_${i}`);
  keys.forEach((key, i) => (cooldowns[key] = 2 + (i % 8)));
  return { ...defaultConfig(), budgetPerTick, cooldowns };
}

{
  const group = "adjudication";
  // 64 keys, half of them cooling down for a very long time: lookups hit and miss.
  const held = new Adjudicator({ budgetPerTick: 1_000_000, minPriority: 0, cooldowns: {} });
  const heldKeys = Array.from({ length: 64 }, (_, i) => `held_${i}`);
  held.beginTick();
  held.adjudicate(
    heldKeys.filter((_, i) => i % 2 === 0).map((key) =>
      weaveIntent(key, { cost: 1, cooldownKey: key })
    ),
  );
  const lookups = Array.from({ length: BATCH }, (_, i) => heldKeys[(i * 7) % heldKeys.length]);
  bench({
    group,
    name: "cooldown_check",
    budget: us(50, "1,000 lookups in a map of 32 running cooldowns"),
    throughput: { elements: BATCH },
    fn: () => {
      let cooling = 0;
      for (let i = 0; i < BATCH; i++) if (held.isOnCooldown(lookups[i])) cooling++;
      consume(cooling);
    },
  });
  const costs = Uint8Array.from({ length: BATCH }, () => Math.floor(random() * 40));
  const budgeted = new Adjudicator({ budgetPerTick: 20, minPriority: 0, cooldowns: {} });
  budgeted.beginTick();
  budgeted.adjudicate([weaveIntent("spent", { cost: 7 })]);
  bench({
    group,
    name: "budget_check",
    budget: us(20, "1,000 budget checks"),
    throughput: { elements: BATCH },
    fn: () => {
      let fits = 0;
      for (let i = 0; i < BATCH; i++) if (budgeted.hasBudget(costs[i])) fits++;
      consume(fits);
    },
  });
  // 32 cooldowns that outlast any run, so every call decrements 32 entries (the Rust bench's map
  // was empty after 300 iterations).
  const ticking = new Adjudicator({
    budgetPerTick: 1_000_000,
    minPriority: 0,
    cooldowns: { held: Number.MAX_SAFE_INTEGER },
  });
  ticking.beginTick();
  ticking.adjudicate(heldKeys.slice(0, 32).map((key) => weaveIntent(key, { cooldownKey: key })));
  bench({
    group,
    name: "begin_tick",
    budget: us(2, "once per game tick, with 32 cooldowns running"),
    fn: () => {
      ticking.beginTick();
      consume(ticking.budgetRemaining);
    },
  });
  for (const count of [5, 10]) {
    const rules = shortCooldownRules(24);
    const adjudicator = new Adjudicator(rules);
    const lists = ring(() => intentList(count, Object.keys(rules.cooldowns)));
    let at = 0;
    const twin = new Adjudicator(rules);
    let twinAt = 0;
    declareOutcomes(group, `adjudicate_${count}_intents`, () => {
      twin.beginTick();
      return twin.adjudicate(lists[twinAt++ & MASK]);
    });
    bench({
      group,
      name: `adjudicate_${count}_intents`,
      budget: frameShare(4_000, "one tick's adjudication, a part of the weave cycle"),
      fn: () => {
        adjudicator.beginTick();
        consume(adjudicator.adjudicate(lists[at++ & MASK]));
      },
    });
  }
  {
    // Ten intents over eight keys with cooldowns of 2 to 9 ticks: each call meets keys that are
    // cooling down, keys that just came free, and intents over budget.
    const rules = shortCooldownRules(8);
    const adjudicator = new Adjudicator(rules);
    const lists = ring(() => intentList(10, Object.keys(rules.cooldowns)));
    let at = 0;
    for (let i = 0; i < 16; i++) {
      adjudicator.beginTick();
      adjudicator.adjudicate(lists[i]);
    }
    const twin = new Adjudicator(rules);
    let twinAt = 0;
    declareOutcomes(group, "adjudicate_with_cooldowns", () => {
      twin.beginTick();
      return twin.adjudicate(lists[twinAt++ & MASK]);
    });
    bench({
      group,
      name: "adjudicate_with_cooldowns",
      budget: frameShare(4_000, "ten intents against running cooldowns, once per game tick"),
      fn: () => {
        adjudicator.beginTick();
        consume(adjudicator.adjudicate(lists[at++ & MASK]));
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// configuration
// ---------------------------------------------------------------------------------------------

{
  const group = "configuration";
  bench({
    group,
    name: "config_creation",
    budget: us(2, "done once when a level loads"),
    fn: () => consume(defaultConfig()),
  });
  const configs = ring((i) => ({
    ...defaultConfig(),
    budgetPerTick: 10 + i,
    minPriority: Math.round(random() * 100) / 100,
    cooldowns: { ...defaultConfig().cooldowns, [`mediator_${FACTIONS[i & 7]}`]: 100 + i },
  }));
  let at = 0;
  bench({
    group,
    name: "config_to_toml",
    budget: us(100, "saving a designer's configuration, never inside a frame"),
    fn: () => consume(configToToml(configs[at++ & MASK])),
  });
  const texts = configs.map(configToToml);
  bench({
    group,
    name: "config_from_toml",
    budget: us(200, "loading a designer's configuration, once per level"),
    fn: () => consume(configFromToml(texts[at++ & MASK])),
  });
}

// ---------------------------------------------------------------------------------------------
// full_pipeline
// ---------------------------------------------------------------------------------------------

/** Cooldowns of 2 to 9 ticks on every built-in key family: intents fire, cool down, fire again. */
const SHORT_COOLDOWNS = configFromToml(`budget_per_tick = 20
min_priority = 0.3
[cooldowns]
aid_event = 3
supply_drop = 5
mediator = 7
scavenger_patrol = 4
`);

{
  const group = "full_pipeline";
  const director = new WeaveDirector({ config: SHORT_COOLDOWNS, seed: 7 });
  const worlds = ring((i) => worldMetrics(i));
  let at = 0;
  const twin = new WeaveDirector({ config: SHORT_COOLDOWNS, seed: 7 });
  let twinAt = 0;
  declareOutcomes(group, "full_weave_cycle", () => twin.tick(worlds[twinAt++ & MASK]).decisions);
  bench({
    group,
    name: "full_weave_cycle",
    budget: frameShare(1000, "detect, propose and adjudicate once per game tick"),
    fn: () => consume(director.tick(worlds[at++ & MASK])),
  });
  for (const n of [10, 50, 100]) {
    // n active patterns, all above every threshold, hence n intents: half resources, half factions,
    // drawn from 2n names so keys come and go; a budget of 2n makes all three outcomes common
    // (the declared shares say how common).
    const config = { ...SHORT_COOLDOWNS, budgetPerTick: n * 2 };
    const scaled = new WeaveDirector({ config, seed: 7 });
    const twin = new WeaveDirector({ config, seed: 7 });
    const metrics = ring((i) => {
      const scarcity: Record<string, number> = {};
      const tensions: Record<string, number> = {};
      for (let k = 0; k < n / 2; k++) {
        scarcity[`res${(i * 3 + k) % n}`] = 0.6 + random() * 0.4;
        tensions[`fac${(i * 5 + k) % n}`] = 0.6 + random() * 0.4;
      }
      return {
        tick: i,
        criticalHealthCount: 0,
        resourceScarcity: scarcity,
        factionTensions: tensions,
        combatEventTicks: [],
      };
    });
    let twinAt = 0;
    declareOutcomes(
      group,
      `pipeline_scaling/${n}`,
      () => twin.tick(metrics[twinAt++ & MASK]).decisions,
    );
    bench({
      group,
      name: `pipeline_scaling/${n}`,
      budget: frameShare(10_000 / n, `${n} active patterns: 1/1000 of a frame per 10 patterns`),
      size: { value: n, unit: "patterns" },
      fn: () => consume(scaled.tick(metrics[at++ & MASK])),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// player_abilities, player_ability_activation, quest_objectives, enemy_spawner,
// integrated_systems (the Rust integration_benchmarks.rs)
// ---------------------------------------------------------------------------------------------

interface Player {
  abilities: Abilities;
  echoes: EchoCurrency;
}

/** Players with both abilities, plenty of echoes, and cooldowns staggered across a second. */
function players(count: number): Player[] {
  return Array.from({ length: count }, (_, i) => {
    const player = {
      abilities: new Abilities(["echo_dash", "echo_shield"]),
      echoes: new EchoCurrency(Number.MAX_SAFE_INTEGER - 1e9),
    };
    player.abilities.activate("echo_dash", player.echoes);
    player.abilities.update((i % 60) * FRAME_SECONDS);
    return player;
  });
}

/** One 60 FPS frame for every player: cooldowns tick, and each tries a dash (ready once a second). */
function playerFrame(all: readonly Player[]): number {
  let dashes = 0;
  for (let i = 0; i < all.length; i++) {
    const { abilities, echoes } = all[i];
    abilities.update(FRAME_SECONDS);
    if (abilities.activate("echo_dash", echoes) === "activated") dashes++;
  }
  return dashes;
}

{
  const group = "player_abilities";
  for (const n of [1, 10, 100, 1000]) {
    const all = players(n);
    bench({
      group,
      name: `${n}`,
      family: group,
      budget: us(n * 0.2, `${n} players' abilities in a 60 FPS frame, 200 ns each`),
      size: { value: n, unit: "players" },
      throughput: { elements: n },
      fn: () => consume(playerFrame(all)),
    });
  }
}

{
  const group = "player_ability_activation";
  const player = players(1)[0];
  // As in the Rust bench: activate, refund, then let the cooldown pass.
  bench({
    group,
    name: "dash_activation",
    budget: us(1, "a player input, a few per frame"),
    fn: () => {
      consume(player.abilities.activate("echo_dash", player.echoes));
      player.echoes.add(10, "refund");
      player.abilities.update(1);
    },
  });
  bench({
    group,
    name: "shield_activation",
    budget: us(1, "a player input, a few per frame"),
    fn: () => {
      consume(player.abilities.activate("echo_shield", player.echoes));
      player.echoes.add(15, "refund");
      player.abilities.update(5);
    },
  });
}

/** Quests of every objective kind; counts too large to finish, so they keep counting. */
function quests(count: number): Quest[] {
  return Array.from({ length: count }, (_, i) => {
    const far = { x: 1000 + i, y: 0, z: 0 };
    const objectives = [
      { kind: "kill", count: 1e9 },
      { kind: "repair", count: 1e9, minStability: 0.8 },
      { kind: "fetch", item: RESOURCES[i & 7], count: 1e9 },
      { kind: "explore", target: far, radius: 1 },
    ] as const;
    return new Quest(`quest_${i}`, [objectives[i % 4], objectives[(i + 1) % 4]], { echoes: 1 });
  });
}

const questEvents: QuestEvent[] = ring((i): QuestEvent => {
  switch (i % 4) {
    case 0:
      return { kind: "kill", archetype: i & 4 ? "sentinel" : "standard" };
    case 1:
      return { kind: "repair", anchorId: i, stability: random() };
    case 2:
      return { kind: "pickup", item: RESOURCES[i & 7], count: 1 };
    default:
      return { kind: "move", position: { x: random() * 100, y: 0, z: 0 } };
  }
});

/** One game event offered to every quest, and every quest's progress read. */
function questFrame(all: readonly Quest[], event: QuestEvent): number {
  let progress = 0;
  for (let i = 0; i < all.length; i++) {
    all[i].apply(event);
    progress += all[i].progress;
  }
  return progress;
}

{
  const group = "quest_objectives";
  for (const n of [1, 10, 50, 100]) {
    const all = quests(n);
    let at = 0;
    bench({
      group,
      name: `${n}`,
      family: group,
      budget: us(n * 0.5, `${n} quests updated on one game event, 500 ns each`),
      size: { value: n, unit: "quests" },
      throughput: { elements: n },
      fn: () => consume(questFrame(all, questEvents[at++ & MASK])),
    });
  }
}

{
  const group = "enemy_spawner";
  // The archetype draw itself (the Rust bench measured timer decrements between waves). Not a
  // scaling family: the wave number picks a table (waves 1-2 draw nothing, every fifth wave from
  // 10 draws twice), it does not size the work.
  for (const wave of [1, 5, 10, 15, 20]) {
    const spawner = new EnemySpawner({ seed: wave });
    bench({
      group,
      name: `determine_archetype/${wave}`,
      budget: frameShare(100, "1,000 archetype draws, 50 times the largest wave"),
      throughput: { elements: BATCH },
      fn: () => {
        let sentinels = 0;
        for (let i = 0; i < BATCH; i++) if (spawner.archetypeFor(wave) === "sentinel") sentinels++;
        consume(sentinels);
      },
    });
  }
}

{
  const group = "integrated_systems";
  for (const n of [10, 50, 100]) {
    // n players, n quests, and a level with n anchors (a quarter of them critical, so waves grow)
    // whose spawner sends a wave every 30 simulated seconds; enemies that reach 20 alive are
    // killed so the level keeps spawning.
    const all = players(n);
    const allQuests = quests(n);
    const anchors = Array.from({ length: n }, (_, i) =>
      new Anchor({
        id: i,
        position: { x: i * 10, y: 0, z: 0 },
        stability: i % 4 === 0 ? 0.2 : 0.9,
      }));
    const level = new Level({
      anchors,
      spawnPoints: anchors.map((a) => ({ position: a.position, radius: 5, anchorId: a.id })),
      spawner: { seed: n, firstWaveSeconds: 0.5, waveIntervalSeconds: 30 },
    });
    let at = 0;
    bench({
      group,
      name: `${n}`,
      family: group,
      budget: frameShare(100, `${n} players, quests and anchors with a live spawner`),
      size: { value: n, unit: "players" },
      fn: () => {
        const dashes = playerFrame(all);
        const progress = questFrame(allQuests, questEvents[at++ & MASK]);
        const update = level.update(FRAME_SECONDS);
        const enemies = level.enemies;
        if (enemies.length >= 20) { for (const enemy of enemies) level.killEnemy(enemy.id); }
        consume(dashes + progress + update.spawned.length);
      },
    });
  }
}
