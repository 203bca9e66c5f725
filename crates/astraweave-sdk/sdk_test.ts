import assert from "node:assert/strict";
import {
  AW_ERR_EXEC,
  AW_ERR_NULL,
  AW_ERR_PARAM,
  AW_ERR_PARSE,
  AW_OK,
  MAX_INTENT_LENGTH,
  readCString,
  Sdk,
  SDK_VERSION_STRING,
  type Snapshot,
} from "@astraweave/sdk";

const SEEDED = '{"t":0,"tick":0,"entities":[{"id":1,"x":2,"y":2,"team":0,"hp":100,"ammo":0},' +
  '{"id":2,"x":3,"y":2,"team":1,"hp":80,"ammo":10},{"id":3,"x":7,"y":2,"team":2,"hp":60,"ammo":0}]}';

const plan = (...steps: object[]) => JSON.stringify({ plan_id: "p", steps });
const snap = (sdk: Sdk, world: number): Snapshot => JSON.parse(sdk.snapshot(world)!);
const entity = (sdk: Sdk, world: number, id: number) =>
  snap(sdk, world).entities.find((e) => e.id === id)!;

Deno.test("version is the package version, with C-string size semantics", async () => {
  const sdk = new Sdk();
  const manifest = JSON.parse(await Deno.readTextFile(new URL("./deno.json", import.meta.url)));
  assert.equal(sdk.versionString(), manifest.version);
  assert.equal(SDK_VERSION_STRING, manifest.version);
  const { major, minor, patch } = sdk.version();
  assert.equal(`${major}.${minor}.${patch}`, manifest.version);
  const buffer = new Uint8Array(32).fill(0xff);
  assert.equal(sdk.versionStringInto(new Uint8Array(0)), manifest.version.length + 1);
  assert.equal(sdk.versionStringInto(buffer), manifest.version.length + 1);
  assert.equal(readCString(buffer), manifest.version);
});

Deno.test("a new world is the Rust seed, in (team, id) order, with a real tick counter", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld();
  assert.ok(world > 0);
  assert.equal(sdk.snapshot(world), SEEDED);
  assert.equal(sdk.tick(world, 0.5), AW_OK);
  assert.equal(sdk.tick(world, 0.25), AW_OK);
  const s = snap(sdk, world);
  assert.equal(s.t, 0.75);
  assert.equal(s.tick, 2);
  const buffer = new Uint8Array(4096);
  const size = sdk.snapshotInto(world, buffer);
  assert.equal(size, sdk.snapshot(world)!.length + 1);
  assert.equal(readCString(buffer), sdk.snapshot(world));
  assert.equal(sdk.snapshotInto(world, new Uint8Array(0)), size);
});

Deno.test("handles are generational: destroyed, forged and reused-slot handles are refused", () => {
  const sdk = new Sdk();
  const first = sdk.createWorld();
  assert.equal(sdk.destroyWorld(first), AW_OK);
  const second = sdk.createWorld(); // reuses the slot with a new generation
  assert.notEqual(second, first);
  for (const bad of [first, 0, -1, 1.5, NaN, Infinity, 2 ** 60, second + 1]) {
    assert.equal(sdk.tick(bad, 0.1), AW_ERR_NULL, `tick(${bad})`);
    assert.equal(sdk.lastError(), "unknown world handle");
    assert.equal(sdk.snapshot(bad), null);
    assert.equal(sdk.delta(bad), null);
    assert.equal(sdk.snapshotInto(bad, new Uint8Array(8)), AW_ERR_NULL);
    assert.equal(sdk.destroyWorld(bad), AW_ERR_NULL);
    assert.equal(sdk.onSnapshot(bad, () => {}), AW_ERR_NULL);
    assert.equal(sdk.submitIntent(bad, 1, plan({ act: "Reload" })), AW_ERR_NULL);
    assert.equal(sdk.lastErrorCode(), AW_ERR_NULL);
  }
  assert.equal(sdk.snapshot(second), SEEDED);
  assert.equal(sdk.lastError(), "");
  assert.equal(sdk.worldCount, 1);
});

Deno.test("worlds are capped, and a destroyed one frees its place", () => {
  const sdk = new Sdk({ maxWorlds: 2 });
  const a = sdk.createWorld();
  sdk.createWorld();
  assert.equal(sdk.createWorld(), AW_ERR_PARAM);
  assert.match(sdk.lastError(), /too many worlds: 2/);
  sdk.destroyWorld(a);
  assert.ok(sdk.createWorld() > 0);
  assert.throws(() => new Sdk({ maxWorlds: 0 }), RangeError);
});

Deno.test("world options: obstacles must be cells in the grid, off the seeded entities", () => {
  const sdk = new Sdk();
  const cases: [unknown, RegExp][] = [
    [{ obstacles: [{ x: 20, y: 0 }] }, /not an integer cell/],
    [{ obstacles: [{ x: 1.5, y: 0 }] }, /not an integer cell/],
    [{ obstacles: [null] }, /not an integer cell/],
    [{ obstacles: [{ x: 2, y: 2 }] }, /would cover entity #1/],
    [{ obstacles: "x" }, /must be an array/],
    [7, /must be an object/],
  ];
  for (const [options, message] of cases) {
    assert.equal(sdk.createWorld(options as never), AW_ERR_PARAM);
    assert.match(sdk.lastError(), message);
  }
  assert.equal(sdk.worldCount, 0);
});

Deno.test("tick refuses a dt that is not a number of seconds from 0 to 3600", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld();
  for (const dt of [-0.1, NaN, Infinity, 3601, "1" as unknown as number]) {
    assert.equal(sdk.tick(world, dt), AW_ERR_PARAM);
    assert.match(sdk.lastError(), /^dt must be a number of seconds from 0 to 3600/);
  }
  assert.equal(snap(sdk, world).tick, 0);
});

Deno.test("callbacks: snapshot then delta after each tick; deltas share one baseline", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld();
  const calls: string[] = [];
  sdk.onSnapshot(world, (json) => calls.push(`snapshot ${JSON.parse(json).tick}`));
  sdk.onDelta(world, (json) => calls.push(`delta ${JSON.parse(json).changed.length}`));
  sdk.tick(world, 0.1);
  sdk.tick(world, 0.1);
  assert.deepEqual(calls, ["snapshot 1", "delta 3", "snapshot 2", "delta 0"]);
  sdk.submitIntent(world, 1, plan({ act: "MoveTo", x: 2, y: 3 }));
  assert.deepEqual(JSON.parse(sdk.delta(world)!), {
    t: 0.2,
    changed: [{ id: 1, x: 2, y: 3, team: 0, hp: 100, ammo: 0 }],
    removed: [],
  });
  calls.length = 0;
  sdk.onSnapshot(world, null);
  sdk.tick(world, 0.1);
  assert.deepEqual(calls, ["delta 0"]); // the call above took the change
});

Deno.test("a throwing callback does not stop the other, and the tick stands", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld();
  let deltas = 0;
  sdk.onSnapshot(world, () => {
    throw new Error("boom");
  });
  sdk.onDelta(world, () => deltas++);
  assert.equal(sdk.tick(world, 1), AW_ERR_EXEC);
  assert.equal(sdk.lastError(), "callback error: boom");
  assert.equal(deltas, 1);
  assert.equal(snap(sdk, world).tick, 1);
});

Deno.test("a callback may destroy its own world: the delta callback is then skipped", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld();
  let deltas = 0;
  sdk.onSnapshot(world, () => sdk.destroyWorld(world));
  sdk.onDelta(world, () => deltas++);
  assert.equal(sdk.tick(world, 1), AW_OK);
  assert.equal(deltas, 0);
  assert.equal(sdk.tick(world, 1), AW_ERR_NULL);
});

Deno.test("intent errors: codes and messages, world unchanged", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld();
  const cases: [number, unknown, number, RegExp][] = [
    [1, "not json", AW_ERR_PARSE, /^parse error: Unexpected token/],
    [1, "[]", AW_ERR_PARSE, /^parse error: an intent must be an object/],
    [1, plan({ act: "Fly" }), AW_ERR_PARSE, /^parse error: steps\[0\]\.act: unknown act "Fly"$/],
    [1, plan({ act: "ModifyTerrain" }), AW_ERR_PARSE, /unknown act "ModifyTerrain"/],
    [1, plan({ x: 1 }), AW_ERR_PARSE, /steps\[0\]\.act: act is missing/],
    [
      1,
      plan({ act: "MoveTo", x: 20, y: 0 }),
      AW_ERR_PARSE,
      /steps\[0\]\.x: must be an integer from 0 to 19/,
    ],
    [
      1,
      plan({ act: "MoveTo", x: 1, y: "2" }),
      AW_ERR_PARSE,
      /steps\[0\]\.y: must be an integer from 0 to 9/,
    ],
    [1, JSON.stringify({ plan_id: 5, steps: [] }), AW_ERR_PARSE, /plan_id: must be a string/],
    [
      1,
      JSON.stringify({ plan_id: "x".repeat(257), steps: [] }),
      AW_ERR_PARSE,
      /plan_id: must be at most 256/,
    ],
    [
      1,
      plan(...Array(65).fill({ act: "Reload" })),
      AW_ERR_PARSE,
      /steps: must have at most 64 steps/,
    ],
    [1, "x".repeat(MAX_INTENT_LENGTH + 1), AW_ERR_PARAM, /more than the 65536 allowed/],
    [1, 42, AW_ERR_PARAM, /intent JSON must be a string/],
    [9, plan({ act: "Reload" }), AW_ERR_PARAM, /^actor 9 is not an entity of this world$/],
    [1.5, plan({ act: "Reload" }), AW_ERR_PARAM, /^actor 1.5 is not/],
  ];
  for (const [actor, json, code, message] of cases) {
    assert.equal(sdk.submitIntent(world, actor, json as string), code, String(json).slice(0, 80));
    assert.match(sdk.lastError(), message);
    assert.equal(sdk.snapshot(world), SEEDED);
  }
});

Deno.test("deeply nested JSON is a parse error, not a crash", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld();
  const deep = "[".repeat(30_000) + "]".repeat(30_000);
  assert.equal(sdk.submitIntent(world, 1, deep), AW_ERR_PARSE);
});

Deno.test("MoveTo: breadth-first path around obstacles, else 'path not found'", () => {
  const sdk = new Sdk();
  // A wall at x = 10 with a gap at y = 9; and a closed box around (15,5).
  const wall = Array.from({ length: 9 }, (_, y) => ({ x: 10, y }));
  const box = [{ x: 14, y: 5 }, { x: 16, y: 5 }, { x: 15, y: 4 }, { x: 15, y: 6 }];
  const world = sdk.createWorld({ obstacles: [...wall, ...box] });
  assert.equal(sdk.submitIntent(world, 1, plan({ act: "MoveTo", x: 12, y: 2 })), AW_OK);
  assert.deepEqual([entity(sdk, world, 1).x, entity(sdk, world, 1).y], [12, 2]);
  assert.equal(sdk.submitIntent(world, 1, plan({ act: "MoveTo", x: 15, y: 5 })), AW_ERR_EXEC);
  assert.equal(sdk.lastError(), "exec error: path not found (step 0, MoveTo)");
  assert.equal(sdk.submitIntent(world, 1, plan({ act: "MoveTo", x: 10, y: 3 })), AW_ERR_EXEC);
  assert.equal(
    sdk.submitIntent(world, 1, plan({ act: "MoveTo", x: 12, y: 2, speed: "run" })),
    AW_OK,
  );
});

Deno.test("Throw: line of sight and an 8 s cooldown per item; ThrowSmoke: line of sight", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld({ obstacles: [{ x: 5, y: 2 }] });
  const throwAt = (item: string, x: number, y: number) =>
    sdk.submitIntent(world, 1, plan({ act: "Throw", item, x, y }));
  assert.equal(throwAt("grenade", 9, 2), AW_ERR_EXEC);
  assert.equal(sdk.lastError(), "exec error: line of sight blocked (step 0, Throw)");
  assert.equal(sdk.submitIntent(world, 1, plan({ act: "ThrowSmoke", x: 9, y: 2 })), AW_ERR_EXEC);
  assert.equal(sdk.submitIntent(world, 1, plan({ act: "ThrowSmoke", x: 2, y: 9 })), AW_OK);
  assert.equal(throwAt("grenade", 2, 9), AW_OK);
  assert.equal(throwAt("grenade", 2, 9), AW_ERR_EXEC);
  assert.equal(sdk.lastError(), "exec error: cooldown blocked: throw:grenade (step 0, Throw)");
  assert.equal(throwAt("smoke", 2, 9), AW_OK); // another item, another cooldown
  sdk.tick(world, 7.9);
  assert.equal(throwAt("grenade", 2, 9), AW_ERR_EXEC);
  sdk.tick(world, 0.1);
  assert.equal(throwAt("grenade", 2, 9), AW_OK);
});

Deno.test("CoverFire: target, line of sight, ammo; damage max(1, duration x 5), ammo -3", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld();
  const fire = (actor: number, duration: number, target = 3) =>
    sdk.submitIntent(world, actor, plan({ act: "CoverFire", target_id: target, duration }));
  assert.equal(fire(1, 1), AW_ERR_EXEC); // P has no ammo
  assert.equal(sdk.lastError(), "exec error: resource missing: ammo (step 0, CoverFire)");
  assert.equal(fire(2, 1, 99), AW_ERR_EXEC);
  assert.equal(
    sdk.lastError(),
    "exec error: invalid action: target #99 not found (step 0, CoverFire)",
  );
  assert.equal(fire(2, 2.5), AW_OK);
  assert.equal(entity(sdk, world, 3).hp, 60 - 12);
  assert.equal(entity(sdk, world, 2).ammo, 7);
  assert.equal(fire(2, 0), AW_OK);
  assert.equal(entity(sdk, world, 3).hp, 60 - 12 - 1);
  fire(2, 0);
  fire(2, 0);
  assert.equal(entity(sdk, world, 2).ammo, 0); // 7 - 3 - 3 - 3, not below 0
});

Deno.test("attacks: 10/15/5/25 damage on a living target of another team", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld();
  const hit = (act: string, target: number, actor = 1) =>
    sdk.submitIntent(world, actor, plan({ act, target_id: target }));
  for (
    const [act, damage] of [["Attack", 10], ["AimedShot", 15], ["QuickAttack", 5], [
      "HeavyAttack",
      25,
    ]] as const
  ) {
    const before = entity(sdk, world, 3).hp;
    assert.equal(hit(act, 3), AW_OK, act);
    assert.equal(entity(sdk, world, 3).hp, before - damage, act);
  }
  assert.equal(entity(sdk, world, 3).hp, 5);
  assert.equal(hit("Attack", 1), AW_ERR_EXEC);
  assert.match(sdk.lastError(), /target #1 is on the actor's team/);
  assert.equal(hit("Attack", 42), AW_ERR_EXEC);
  assert.match(sdk.lastError(), /target #42 not found/);
  assert.equal(hit("Attack", 3), AW_OK); // 5 -> -5
  assert.equal(hit("Attack", 3), AW_ERR_EXEC);
  assert.match(sdk.lastError(), /target #3 is not alive/);
});

Deno.test("Heal +20 capped at 100, Revive to 20 when down, Reload to 30", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld();
  assert.equal(sdk.submitIntent(world, 1, plan({ act: "Heal", target_id: 2 })), AW_OK);
  assert.equal(entity(sdk, world, 2).hp, 100);
  assert.equal(sdk.submitIntent(world, 1, plan({ act: "Heal", target_id: 2 })), AW_OK);
  assert.equal(entity(sdk, world, 2).hp, 100);
  assert.equal(sdk.submitIntent(world, 1, plan({ act: "Heal" })), AW_OK); // the actor itself
  assert.equal(sdk.submitIntent(world, 1, plan({ act: "Revive", ally_id: 3 })), AW_OK);
  assert.equal(entity(sdk, world, 3).hp, 60); // alive: unchanged
  sdk.submitIntent(world, 1, plan(...Array(3).fill({ act: "HeavyAttack", target_id: 3 })));
  assert.equal(entity(sdk, world, 3).hp, -15);
  assert.equal(sdk.submitIntent(world, 1, plan({ act: "Heal", target_id: 3 })), AW_ERR_EXEC);
  assert.match(sdk.lastError(), /not alive \(Revive it first\)/);
  assert.equal(sdk.submitIntent(world, 1, plan({ act: "Revive", ally_id: 3 })), AW_OK);
  assert.equal(entity(sdk, world, 3).hp, 20);
  assert.equal(sdk.submitIntent(world, 1, plan({ act: "Reload" })), AW_OK);
  assert.equal(entity(sdk, world, 1).ammo, 30);
});

Deno.test("a plan runs all-or-nothing: a failing step undoes moves, damage, ammo and cooldowns", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld({ obstacles: [{ x: 5, y: 9 }] });
  const before = sdk.snapshot(world);
  const logged: string[] = [];
  const code = sdk.submitIntent(
    world,
    1,
    plan(
      { act: "Reload" },
      { act: "MoveTo", x: 5, y: 5 },
      { act: "Throw", item: "grenade", x: 5, y: 0 },
      { act: "CoverFire", target_id: 3, duration: 1 },
      { act: "HeavyAttack", target_id: 3 },
      { act: "MoveTo", x: 5, y: 9 }, // an obstacle: no path
    ),
    (line) => logged.push(line),
  );
  assert.equal(code, AW_ERR_EXEC);
  assert.equal(sdk.lastError(), "exec error: path not found (step 5, MoveTo)");
  assert.equal(sdk.snapshot(world), before);
  assert.deepEqual(logged, []); // nothing ran, so nothing is logged
  // The grenade's cooldown was undone too.
  assert.equal(
    sdk.submitIntent(world, 1, plan({ act: "Throw", item: "grenade", x: 2, y: 0 })),
    AW_OK,
  );
});

Deno.test("a committed plan logs the plan and each step; every other act only logs", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld();
  const logged: string[] = [];
  const steps = [
    { act: "Patrol", waypoints: [{ x: 1, y: 1 }, { x: 4, y: 4 }] },
    { act: "Wait", duration: 1.5 },
    { act: "Block" },
    { act: "TakeCover", position: null },
  ];
  assert.equal(sdk.submitIntent(world, 2, plan(...steps), (l) => logged.push(l)), AW_OK);
  assert.deepEqual(logged, [
    "Plan p with 4 steps",
    '  [0] Patrol {"waypoints":[{"x":1,"y":1},{"x":4,"y":4}]}',
    '  [1] Wait {"duration":1.5}',
    "  [2] Block {}",
    '  [3] TakeCover {"position":null}',
  ]);
  assert.equal(sdk.snapshot(world), SEEDED);
});

Deno.test("submitIntentValue takes an already-parsed intent", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld();
  const intent = { plan_id: "v", steps: [{ act: "MoveTo", x: 0, y: 0 }] };
  assert.equal(sdk.submitIntentValue(world, 1, intent), AW_OK);
  assert.equal(sdk.submitIntentValue(world, 1, "not an object"), AW_ERR_PARSE);
  assert.equal(entity(sdk, world, 1).x, 0);
});

Deno.test("lastErrorInto copies the message with C-string semantics", () => {
  const sdk = new Sdk();
  sdk.tick(12345, 1);
  const buffer = new Uint8Array(8);
  assert.equal(sdk.lastErrorInto(buffer), "unknown world handle".length + 1);
  assert.equal(readCString(buffer), "unknown");
});

Deno.test("a throwing log callback: the plan stands, the call says callback error", () => {
  const sdk = new Sdk();
  const world = sdk.createWorld();
  const code = sdk.submitIntent(world, 1, plan({ act: "MoveTo", x: 0, y: 0 }), () => {
    throw new Error("log full");
  });
  assert.equal(code, AW_ERR_EXEC);
  assert.equal(sdk.lastError(), "callback error: log full");
  assert.equal(entity(sdk, world, 1).x, 0);
});
