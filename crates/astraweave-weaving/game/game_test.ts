import assert from "node:assert/strict";
import {
  Abilities,
  Anchor,
  anchorState,
  ECHO_LOG_LIMIT,
  EchoCurrency,
  EnemySpawner,
  Level,
  Quest,
  starterQuests,
} from "../mod.ts";

const origin = { x: 0, y: 0, z: 0 };
const near = (value: number, expected: number) =>
  assert.ok(Math.abs(value - expected) < 1e-9, `${value} is not ${expected}`);

Deno.test("anchor states at their edges", () => {
  assert.deepEqual(
    [1, 0.99, 0.7, 0.69, 0.4, 0.39, 0.1, 0.09, 0].map(anchorState),
    [
      "perfect",
      "stable",
      "stable",
      "unstable",
      "unstable",
      "critical",
      "critical",
      "broken",
      "broken",
    ],
  );
});

Deno.test("anchor: decay, combat stress within the radius, zero radius never throws", () => {
  const anchor = new Anchor({ id: 0, position: origin, stability: 1, stressRadius: 20 });
  anchor.applyDecay(60);
  near(anchor.stability, 0.99);
  assert.equal(anchor.applyCombatStress({ x: 20, y: 0, z: 0 }), true);
  assert.equal(anchor.applyCombatStress({ x: 20.01, y: 0, z: 0 }), false);
  near(anchor.stability, 0.94);
  const point = new Anchor({ id: 1, position: origin, stressRadius: 0, proximityRadius: 0 });
  assert.equal(point.applyCombatStress({ x: 0.001, y: 0, z: 0 }), false);
  assert.equal(point.applyCombatStress(origin), true);
  assert.equal(point.isInProximity(origin), true);
  assert.throws(() => new Anchor({ id: 2, position: origin, stressRadius: -1 }), RangeError);
  // Stability is clamped, and state follows it on every read.
  const loaded = new Anchor({ id: 3, position: origin, stability: 1.7 });
  assert.equal(loaded.state, "perfect");
});

Deno.test("anchor: a failed repair never charges; the first repair unlocks its ability", () => {
  const echoes = new EchoCurrency(9);
  const perfect = new Anchor({ id: 0, position: origin, stability: 1, repairCost: 5 });
  assert.deepEqual(perfect.repair(echoes), { repaired: false, reason: "already_perfect" });
  assert.equal(echoes.balance, 9);
  const worn = new Anchor({
    id: 1,
    position: origin,
    stability: 0.2,
    repairCost: 5,
    unlocks: "echo_dash",
  });
  assert.deepEqual(worn.repair(echoes), { repaired: true, stability: 0.5, unlocked: "echo_dash" });
  assert.deepEqual(worn.repair(echoes), { repaired: false, reason: "not_enough_echoes" });
  assert.equal(echoes.balance, 4);
  echoes.add(10, "shards");
  const again = worn.repair(echoes);
  assert.equal(again.repaired && again.unlocked, undefined);
  assert.equal(worn.repairs, 2);
});

Deno.test("echo currency cannot go negative and refuses bad amounts", () => {
  const echoes = new EchoCurrency();
  assert.equal(echoes.spend(1, "x"), false);
  assert.equal(echoes.balance, 0);
  assert.throws(() => echoes.spend(-1, "x"), RangeError);
  assert.throws(() => echoes.add(0.5, "x"), RangeError);
  assert.throws(() => new EchoCurrency(-3), RangeError);
  for (let i = 0; i < ECHO_LOG_LIMIT + 20; i++) echoes.add(1, `gift ${i}`);
  assert.equal(echoes.log.length, ECHO_LOG_LIMIT);
  assert.equal(echoes.log[0].reason, "gift 20");
  assert.equal(echoes.log.at(-1)!.balance, ECHO_LOG_LIMIT + 20);
});

Deno.test("abilities: EchoDash 1 s and 10 echoes, EchoShield 5 s, 3 s long, 15 echoes", () => {
  const abilities = new Abilities();
  const echoes = new EchoCurrency(30);
  assert.equal(abilities.activate("echo_dash", echoes), "locked");
  abilities.unlock("echo_dash");
  assert.equal(abilities.activate("echo_dash", echoes), "activated");
  assert.equal(abilities.activate("echo_dash", echoes), "cooling_down");
  abilities.update(0.75);
  assert.equal(abilities.activate("echo_dash", echoes), "cooling_down");
  abilities.update(0.25);
  assert.equal(abilities.activate("echo_dash", echoes), "activated");
  assert.equal(echoes.balance, 10);
  abilities.unlock("echo_shield");
  assert.equal(abilities.activate("echo_shield", echoes), "not_enough_echoes");
  assert.equal(echoes.balance, 10);
  echoes.add(5, "kill");
  assert.equal(abilities.activate("echo_shield", echoes), "activated");
  assert.equal(abilities.shieldActive, true);
  abilities.update(2.5);
  assert.equal(abilities.damageTaken(30), 15);
  abilities.update(0.5);
  assert.equal(abilities.shieldActive, false);
  assert.equal(abilities.cooldownLeft("echo_shield"), 2);
});

Deno.test("quest objectives: kill, repair, fetch, explore", () => {
  const quest = new Quest("all", [
    { kind: "kill", count: 2, archetype: "sentinel" },
    { kind: "repair", count: 2, minStability: 0.8 },
    { kind: "fetch", item: "shard", count: 3 },
    { kind: "explore", target: { x: 10, y: 0, z: 0 }, radius: 2 },
  ], { echoes: 1 });
  const [kill, repair, fetch, explore] = quest.objectives;
  quest.apply({ kind: "kill", archetype: "standard" });
  quest.apply({ kind: "kill", archetype: "sentinel" });
  assert.equal(kill.done, 1);
  quest.apply({ kind: "repair", anchorId: 1, stability: 0.79 });
  quest.apply({ kind: "repair", anchorId: 1, stability: 0.8 });
  quest.apply({ kind: "repair", anchorId: 1, stability: 0.9 });
  assert.equal(repair.done, 1); // the same anchor counts once
  quest.apply({ kind: "pickup", item: "shard", count: 5 });
  assert.equal(fetch.done, 3);
  quest.apply({ kind: "move", position: { x: 12.01, y: 0, z: 0 } });
  assert.equal(explore.complete, false);
  quest.apply({ kind: "move", position: { x: 12, y: 0, z: 0 } });
  assert.equal(explore.complete, true);
  near(quest.progress, (0.5 + 0.5 + 1 + 1) / 4);
  assert.equal(quest.complete, false);
  assert.throws(() => new Quest("bad", [{ kind: "kill", count: 0 }], { echoes: 0 }), RangeError);
});

Deno.test("spawner: first wave at 5 s then every 30 s, base 3 growing by half an enemy a wave", () => {
  const spawner = new EnemySpawner({ seed: 9 });
  spawner.addSpawnPoint(origin, 4);
  const sizes: number[] = [];
  for (let second = 1; second <= 95; second++) {
    const wave = spawner.update(1, [], 0);
    if (wave.length > 0) sizes.push(second, wave.length);
  }
  // Waves at 5, 35, 65 and 95 s: round(3), round(3.5), round(4), round(4.5).
  assert.deepEqual(sizes, [5, 3, 35, 4, 65, 4, 95, 5]);
});

Deno.test("spawner: difficulty from anchors, at most 20 alive, broken anchors' points first", () => {
  const anchors = [
    new Anchor({ id: 0, position: origin, stability: 0 }),
    new Anchor({ id: 1, position: origin, stability: 0.2 }),
    new Anchor({ id: 2, position: origin, stability: 0.9 }),
  ];
  const spawner = new EnemySpawner({ seed: 4 });
  const calm = spawner.addSpawnPoint({ x: 50, y: 0, z: 0 }, 3, 2);
  const troubled = spawner.addSpawnPoint({ x: -50, y: 0, z: 0 }, 3, 0);
  const wave = spawner.spawnWave(anchors, 0);
  assert.equal(spawner.difficulty, 1.75);
  assert.equal(wave.length, 5); // round(3 x 1.75)
  assert.ok(wave.every((r) => r.spawnPointId === troubled && r.spawnPointId !== calm));
  assert.equal(spawner.spawnWave(anchors, 18).length, 2);
  assert.equal(spawner.spawnWave(anchors, 20).length, 0);
  assert.equal(new EnemySpawner({ seed: 1 }).spawnWave(anchors, 0).length, 0); // no points
});

Deno.test("spawner: same seed, same waves; every archetype appears in late waves", () => {
  const run = (seed: number) => {
    const spawner = new EnemySpawner({ seed, maxAlive: 1000 });
    spawner.addSpawnPoint(origin, 10);
    return Array.from({ length: 30 }, () => spawner.spawnWave([], 0)).flat();
  };
  assert.deepEqual(run(5), run(5));
  assert.notDeepEqual(run(5), run(6));
  assert.deepEqual(
    new Set(run(5).map((r) => r.archetype)),
    new Set(["standard", "riftstalker", "sentinel", "void_boss"]),
  );
  assert.ok(run(5).filter((r) => r.wave <= 2).every((r) => r.archetype === "standard"));
});

Deno.test("level update ticks decay, the spawner and the enemies; quests complete once", () => {
  const anchor = new Anchor({ id: 0, position: origin, stability: 0.75, repairCost: 1 });
  const quests = starterQuests({ x: 100, y: 0, z: 0 });
  const level = new Level({
    anchors: [anchor],
    spawnPoints: [{ position: { x: 30, y: 0, z: 0 }, radius: 0, anchorId: 0 }],
    spawner: { seed: 2 },
    quests,
    echoes: 10,
  });
  assert.deepEqual(level.update(4).spawned, []);
  near(anchor.stability, 0.75 - (4 * 0.01) / 60);
  const { spawned } = level.update(1);
  assert.equal(spawned.length, 3);
  // Enemies walk 3 units a second toward their anchor (from the update that spawns them), then
  // strain it once a second.
  assert.deepEqual(level.enemies.map((e) => e.position.x), [27, 27, 27]);
  level.update(1);
  assert.deepEqual(level.enemies.map((e) => e.position.x), [24, 24, 24]);
  const before = anchor.stability;
  // 22 units to walk (stopping 2 short): there after 8 s, then a strain each second from each.
  for (let second = 0; second < 10; second++) level.update(1);
  assert.deepEqual(level.enemies.map((e) => e.position.x), [2, 2, 2]);
  near(anchor.stability, before - (10 * 0.01) / 60 - 2 * 3 * 0.05);
  for (const enemy of level.enemies) level.damageEnemy(enemy.id, 1000);
  assert.equal(level.enemies.length, 0);
  assert.equal(quests[1].objectives[0].done, 3);
  level.record({ kind: "pickup", item: "echo_shard", count: 5 });
  level.record({ kind: "move", position: { x: 98, y: 0, z: 0 } });
  const { completedQuests } = level.update(0.1);
  assert.deepEqual(completedQuests.map((q) => q.id), ["restore_beacon"]);
  assert.equal(level.abilities.isUnlocked("echo_shield"), true);
  assert.equal(level.update(0.1).completedQuests.length, 0);
  assert.equal(level.quests[2].complete, true); // still there to read
  assert.equal(level.echoes.balance, 10 + 3 + 200);
});
