import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing";
import {
  AnimatedBar,
  COLOR_MODES,
  DamageNumbers,
  DialogueRunner,
  easeInOutQuad,
  easeOutCubic,
  HudManager,
  layoutTooltip,
  Minimap,
  Notifications,
  type Palette,
  PALETTES,
  UiError,
} from "./state.ts";

const close = (a: number, b: number, eps = 1e-9) =>
  assert.ok(Math.abs(a - b) <= eps, `${a} is not ${b}`);

Deno.test("bar tween: 0.4 s, ease-out-cubic down with a 0.2 s flash, ease-in-out up without", () => {
  const bar = new AnimatedBar(100);
  bar.set(50);
  bar.update(0.1);
  close(bar.shown, 100 - 50 * easeOutCubic(0.25));
  close(bar.flash, 0.3); // half of the 0.2 s flash left, of intensity 0.6
  bar.update(0.3);
  assert.equal(bar.shown, 50);
  assert.equal(bar.flash, 0);
  assert.equal(bar.animating, false);
  bar.set(90);
  bar.update(0.2);
  close(bar.shown, 50 + 40 * easeInOutQuad(0.5));
  assert.equal(bar.flash, 0);
  bar.update(0.2);
  assert.equal(bar.shown, 90);
});

Deno.test("setting the same value every frame does not restart the tween (the Rust bug)", () => {
  const once = new AnimatedBar(100), everyFrame = new AnimatedBar(100);
  once.set(40);
  for (let frame = 0; frame < 12; frame++) {
    everyFrame.set(40);
    once.update(1 / 60);
    everyFrame.update(1 / 60);
  }
  assert.equal(everyFrame.shown, once.shown);
  for (let frame = 0; frame < 12; frame++) {
    everyFrame.set(40);
    everyFrame.update(1 / 60);
  }
  assert.equal(everyFrame.shown, 40); // 24 frames = 0.4 s: done, not an endless approach
  assert.equal(everyFrame.flash, 0);
});

Deno.test("a new target mid-tween starts from what is shown; values clamp to 0..max", () => {
  const bar = new AnimatedBar(100);
  bar.set(0);
  bar.update(0.2);
  const mid = bar.shown;
  bar.set(100);
  bar.update(0);
  assert.equal(bar.shown, mid);
  bar.set(250);
  assert.equal(bar.target, 100);
  bar.set(-5);
  assert.equal(bar.target, 0);
});

Deno.test("damage numbers: known path under gravity, fade, removal at 1.5 s", () => {
  const numbers = new DamageNumbers({ random: () => 1 }); // vx = +30
  numbers.spawn(42, 100, 300);
  numbers.update(0.5);
  const n = numbers.at(0);
  close(n.x, 115);
  // vy after the step: -80 + 150 * 0.5 = -5; y moved with that (semi-implicit Euler).
  close(n.y, 300 - 5 * 0.5);
  assert.equal(n.alpha, 1);
  numbers.update(0.75);
  close(numbers.at(0).alpha, 0.25 / 0.5);
  numbers.update(0.25);
  assert.equal(numbers.count, 0);
  assert.throws(() => numbers.at(0), RangeError);
});

Deno.test("combo: hits within 1 s grow the text by 0.1 each, up to 2x; a pause resets it", () => {
  const numbers = new DamageNumbers({ random: mulberry32(1), capacity: 32 });
  const scales: number[] = [];
  for (let hit = 0; hit < 14; hit++) {
    numbers.spawn(5, 0, 0);
    scales.push(numbers.at(numbers.count - 1).scale);
    numbers.update(0.05);
  }
  close(scales[1], 1.1);
  close(scales[10], 2);
  assert.equal(scales[13], 2);
  assert.equal(numbers.combo, 14);
  numbers.update(1.01);
  assert.equal(numbers.combo, 0);
  numbers.spawn(5, 0, 0);
  assert.equal(numbers.combo, 1);
  numbers.spawn(9, 0, 0, "heal");
  assert.equal(numbers.combo, 1); // healing is not a hit
});

Deno.test("damage numbers: a full pool replaces the oldest; ids stay unique", () => {
  const numbers = new DamageNumbers({ capacity: 3, random: () => 0.5 });
  const ids = [numbers.spawn(1, 0, 0)];
  numbers.update(0.1);
  ids.push(numbers.spawn(2, 0, 0), numbers.spawn(3, 0, 0), numbers.spawn(4, 0, 0));
  assert.equal(numbers.count, 3);
  const values = [0, 1, 2].map((i) => numbers.at(i).value).sort();
  assert.deepEqual(values, [2, 3, 4]);
  assert.equal(new Set(ids).size, 4);
});

Deno.test("damage numbers: every field of a full pool reads back as spawned; bad capacities refused", () => {
  const numbers = new DamageNumbers({ capacity: 64, random: () => 1 });
  const kinds = ["damage", "heal", "critical"] as const;
  for (let i = 0; i < 64; i++) numbers.spawn(1000 + i, i, 2 * i, kinds[i % 3]);
  for (let i = 0; i < 64; i++) {
    const n = numbers.at(i);
    assert.deepEqual([n.value, n.x, n.y, n.kind, n.alpha], [1000 + i, i, 2 * i, kinds[i % 3], 1]);
  }
  assert.equal(new Set(Array.from({ length: 64 }, (_, i) => numbers.at(i).id)).size, 64);
  for (const capacity of [-1, 2.5, NaN, Infinity]) {
    assert.throws(() => new DamageNumbers({ capacity }), RangeError, String(capacity));
  }
});

Deno.test("notifications: 2.0 s with 0.3 s slides; quest complete 2.8 s with 0.5 s slides", () => {
  const notes = new Notifications();
  notes.push("saved");
  notes.push("Quest complete", "questComplete");
  notes.update(0.1);
  close(notes.list[0].offset, 1 - 0.1 / 0.3);
  close(notes.list[1].offset, 1 - 0.1 / 0.5);
  close(notes.list[0].alpha, 0.5);
  notes.update(1.75); // 1.85 s: the ordinary one slides out and fades
  close(notes.list[0].offset, 1 - 0.15 / 0.3);
  close(notes.list[0].alpha, 0.15 / 0.3);
  notes.update(0.15);
  assert.deepEqual(notes.list.map((n) => n.kind), ["questComplete"]);
  notes.update(0.8);
  assert.equal(notes.list.length, 0);
  const few = new Notifications(2);
  few.push("a");
  few.push("b");
  few.push("c");
  assert.deepEqual(few.list.map((n) => n.text), ["b", "c"]);
});

Deno.test("minimap: zoom clamped, POIs pinned to the rim, pings last 3 s", () => {
  const map = new Minimap();
  map.setZoom(0.1);
  assert.equal(map.zoom, 0.5);
  map.setZoom(NaN);
  assert.equal(map.zoom, 1);
  map.setPlayer(0, 0, 0);
  map.addPoi("danger", 0, -1000, "Far north");
  map.update(0);
  assert.ok(map.pois[0].offMap);
  close(map.pois[0].mapX, 75);
  close(map.pois[0].mapY, 0);
  map.ping(1, 1);
  map.update(2.9);
  assert.equal(map.pings.length, 1);
  map.update(0.2);
  assert.equal(map.pings.length, 0);
});

Deno.test("minimap: a click on the turned map maps back to the marker's world point", () => {
  const map = new Minimap();
  map.rotate = true;
  map.setZoom(2);
  map.setPlayer(40, -20, 0.7);
  const id = map.addPoi("objective", 70, 10, "Shrine");
  map.update(0);
  const poi = map.pois.find((p) => p.id === id)!;
  assert.ok(!poi.offMap);
  const world = map.toWorld(poi.mapX, poi.mapY);
  close(world.x, 70, 1e-9);
  close(world.y, 10, 1e-9);
  map.removePoi(id);
  assert.equal(map.pois.length, 0);
});

Deno.test("tooltip: stays inside the view, grows with its stats", () => {
  const base = {
    title: "Amulet",
    rarity: "rare" as const,
    description: "Glows faintly.",
    stats: [],
  };
  const small = layoutTooltip(base, 100, 100, 390, 844);
  const stats = Array.from({ length: 20 }, (_, i) => ({ label: `Stat ${i}`, value: i }));
  const big = layoutTooltip({ ...base, stats }, 380, 830, 390, 844);
  assert.equal(big.height - small.height, 20 * 18);
  assert.ok(big.x >= 0 && big.x + big.width <= 390);
  assert.ok(big.y >= 0);
});

Deno.test("dialogue: broken trees are refused; choices walk the tree", () => {
  assert.throws(
    () =>
      new DialogueRunner({
        start: "a",
        nodes: { a: { speaker: "x", text: "y", choices: [{ text: "go", next: "b" }] } },
      }),
    (e) => e instanceof UiError && /leads to b, which is not a node/.test(e.message),
  );
  assert.throws(() => new DialogueRunner({ start: "z", nodes: {} }), /starts at z/);
  const runner = new DialogueRunner({
    start: "a",
    nodes: {
      a: {
        speaker: "x",
        text: "1",
        choices: [{ text: "more", next: "b" }, { text: "end", next: null }],
      },
      b: { speaker: "x", text: "2", choices: [{ text: "back", next: "a" }] },
    },
  });
  runner.choose(0);
  runner.choose(0);
  assert.throws(() => runner.choose(5), /no choice 5: the line has 2/);
  runner.choose(1);
  assert.ok(runner.ended);
  assert.deepEqual(runner.history, ["a", "b", "a"]);
  assert.throws(() => runner.choose(0), /ended/);
});

Deno.test("accessibility: every mode keeps the HUD's meanings apart", () => {
  const pairs: [keyof Palette, keyof Palette][] = [
    ["health", "healthLow"],
    ["hostile", "friendly"],
    ["damage", "heal"],
    ["health", "mana"],
  ];
  for (const mode of COLOR_MODES) {
    for (const [a, b] of pairs) {
      assert.notEqual(PALETTES[mode][a], PALETTES[mode][b], `${mode} ${a}/${b}`);
    }
  }
  const hud = new HudManager();
  hud.setAccessibility({ colorMode: "HighContrast", uiScale: 0.8, largeText: false });
  assert.throws(
    () => hud.setAccessibility({ colorMode: "HighContrast", uiScale: 0.79, largeText: false }),
    UiError,
  );
  assert.equal(hud.accessibility.uiScale, 0.8);
});

Deno.test("HUD: update advances every part; a quest's completion notifies once; dialogue closes", () => {
  const hud = new HudManager({ damageNumbers: { random: () => 0.5 } });
  assert.deepEqual(
    Object.entries(hud.visible).filter(([, on]) => !on).map(([k]) => k),
    ["dialogue", "debug"],
  );
  hud.enemies.upsert(1, { faction: "Hostile", health: 50, maxHealth: 50, x: 0, y: 0 });
  hud.enemies.upsert(1, { faction: "Hostile", health: 20, maxHealth: 50, x: 0, y: 0 });
  hud.quests.add({ id: "q", title: "Q", objectives: [{ id: "o", text: "o", target: 2 }] });
  hud.quests.progress("q", "o", 2);
  hud.quests.progress("q", "o", 1);
  hud.startDialogue({
    start: "a",
    nodes: { a: { speaker: "s", text: "t", choices: [{ text: "bye", next: null }] } },
  });
  assert.ok(hud.visible.dialogue);
  hud.dialogue!.choose(0);
  hud.update(0.5);
  hud.update(-1);
  hud.update(NaN);
  assert.equal(hud.time, 0.5);
  assert.equal(hud.enemies.get(1)!.bar.shown, 20);
  assert.equal(hud.notifications.list.length, 1);
  assert.equal(hud.dialogue, null);
  assert.equal(hud.visible.dialogue, false);
});
