import assert from "node:assert/strict";
import { CodecError, type CodecErrorKind, Writer } from "@astraweave/codec";
import { applyDelta, DeltaEncoder } from "./delta.ts";
import { DEFAULT_LAYOUT, defineLayout, MAX_QUANTIZED } from "./layout.ts";
import { SeededRandom } from "./rng.ts";
import {
  emptyTable,
  type EntityTable,
  materialize,
  NetWorld,
  tablesEqual,
  type TableView,
  wholeView,
} from "./table.ts";

const F = DEFAULT_LAYOUT.fieldCount;

function table(rows: [number, ...number[]][]): EntityTable {
  const fieldCount = rows[0] ? rows[0].length - 1 : F;
  return {
    count: rows.length,
    ids: Uint32Array.from(rows, (r) => r[0]),
    values: Int32Array.from(rows.flatMap((r) => r.slice(1))),
    fieldCount,
  };
}

function encode(base: TableView, current: TableView): Uint8Array {
  const w = new Writer();
  new DeltaEncoder().encode(base, current, w);
  return w.toBytes();
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");

function assertCodecError(fn: () => unknown, kind: CodecErrorKind, pattern?: RegExp): void {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CodecError, `expected a CodecError, got ${e}`);
    assert.equal(e.kind, kind, e.message);
    if (pattern) assert.match(e.message, pattern);
    return;
  }
  assert.fail(`expected CodecError ${kind}, nothing was thrown`);
}

Deno.test("delta: known bytes for remove, create and change", () => {
  const base = table([[1, 0, 0, 0, 100], [2, 5, 5, 5, 100], [4, 1, 1, 1, 1]]);
  const current = table([[2, 5, 8, 5, 90], [3, -1, 0, 0, 7], [4, 1, 1, 1, 1]]);
  const bytes = encode(wholeView(base), wholeView(current));
  // removed: 1 id (gap 1); created: 1 entity, gap 3, fields zigzag(-1,0,0,7) = 1 0 0 14;
  // changed: 1 entity, gap 2, mask 0b1010, zigzag(+3) = 6, zigzag(-10) = 19.
  assert.equal(hex(bytes), "01 01 01 03 01 00 00 0e 01 02 0a 06 13");
  assert.ok(tablesEqual(applyDelta(base, bytes), current));
});

Deno.test("delta: a full snapshot is a delta against the empty table", () => {
  const current = table([[7, 10, -1, 0, 100]]);
  const bytes = encode(wholeView(emptyTable(F)), wholeView(current));
  assert.equal(hex(bytes), "00 01 07 14 01 00 c8 01 00");
  assert.ok(tablesEqual(applyDelta(emptyTable(F), bytes), current));
});

Deno.test("delta: identical snapshots give three empty lists", () => {
  const t = table([[1, 1, 2, 3, 4], [9, 5, 6, 7, 8]]);
  const encoder = new DeltaEncoder();
  const w = new Writer();
  const stats = encoder.encode(wholeView(t), wholeView(t), w);
  assert.deepEqual(stats, { created: 0, changed: 0, removed: 0, unchanged: 2 });
  assert.equal(hex(w.toBytes()), "00 00 00");
  assert.equal(applyDelta(t, w.toBytes()), t, "nothing changed: the base itself, no copy");
  assert.throws(() => applyDelta(t, Uint8Array.of(0, 0, 0, 0)), CodecError); // still strict
});

Deno.test("delta: extreme values and all 32 fields of a wide layout", () => {
  const spec: Record<string, number> = { x: 1, y: 1, z: 1 };
  for (let i = 3; i < 32; i++) spec[`f${i}`] = 1;
  const wide = defineLayout(spec);
  const world = new NetWorld(wide);
  const state = Object.fromEntries(wide.fields.map((f) => [f, -MAX_QUANTIZED]));
  const id = world.spawn(state);
  const base = world.capture(0);
  world.set(id, Object.fromEntries(wide.fields.map((f) => [f, MAX_QUANTIZED])));
  const current = world.capture(1);
  const w = new Writer();
  const stats = new DeltaEncoder().encode(wholeView(base), wholeView(current), w);
  assert.equal(stats.changed, 1);
  assert.ok(tablesEqual(applyDelta(base, w.toBytes()), current));
});

/** A random view of a table: each row kept with probability `keep`. */
function randomView(t: EntityTable, rng: SeededRandom, keep: number): TableView {
  if (keep >= 1) return wholeView(t);
  const rows = new Uint32Array(t.count);
  let count = 0;
  for (let i = 0; i < t.count; i++) if (rng.chance(keep)) rows[count++] = i;
  return { table: t, rows, count };
}

/** Mutates a world the way a game does: moves, health changes, spawns, despawns. */
function mutate(world: NetWorld, rng: SeededRandom): void {
  const f = world.fieldCount;
  const moveShare = rng.next();
  for (let row = 0; row < world.count; row++) {
    if (!rng.chance(moveShare)) continue;
    const field = rng.int(0, f - 1);
    const step = rng.chance(0.9) ? rng.int(-300, 300) : rng.int(-1_000_000, 1_000_000);
    const v = world.values[row * f + field] + step;
    world.values[row * f + field] = Math.max(-MAX_QUANTIZED, Math.min(MAX_QUANTIZED, v));
  }
  const spawns = rng.int(0, 5);
  for (let i = 0; i < spawns; i++) {
    world.spawn({
      x: rng.range(-500, 500),
      y: rng.range(-500, 500),
      z: 0,
      health: rng.int(0, 100),
    });
  }
  const despawns = rng.int(0, Math.min(5, world.count));
  for (let i = 0; i < despawns && world.count > 0; i++) {
    world.despawn(world.ids[rng.int(0, world.count - 1)]);
  }
}

Deno.test("delta: compute and apply equal the full snapshot for 3,000 random world changes", () => {
  const rng = new SeededRandom(0x5eed);
  const encoder = new DeltaEncoder();
  const w = new Writer();
  let cases = 0;
  for (let world = 0; world < 60; world++) {
    const net = new NetWorld(DEFAULT_LAYOUT);
    const initial = rng.int(0, 120);
    for (let i = 0; i < initial; i++) {
      net.spawn({ x: rng.range(-500, 500), y: rng.range(-500, 500), z: 0, health: 100 });
    }
    // What the client holds: the materialized view it last received.
    let clientTable: EntityTable = emptyTable(F);
    let clientView: TableView = { table: emptyTable(F), rows: null, count: 0 };
    for (let tick = 1; tick <= 50; tick++) {
      mutate(net, rng);
      const snap = net.capture(tick);
      const keep = rng.chance(0.3) ? 1 : rng.range(0.2, 1);
      const view = randomView(snap, rng, keep);
      w.reset();
      const stats = encoder.encode(clientView, view, w);
      const bytes = w.toBytes();
      const expected = materialize(view);
      const applied = applyDelta(clientTable, bytes);
      assert.ok(tablesEqual(applied, expected), `world ${world} tick ${tick}`);
      assert.equal(stats.created + stats.changed + stats.unchanged, view.count);
      assert.equal(stats.removed + stats.changed + stats.unchanged, clientView.count);
      // Sometimes the client "loses" this snapshot: the next delta is against the older base.
      if (rng.chance(0.8)) {
        clientTable = applied;
        clientView = view;
      }
      cases++;
    }
  }
  assert.equal(cases, 3000);
});

Deno.test("delta: every truncation of a valid payload is rejected with a CodecError", () => {
  const rng = new SeededRandom(11);
  const world = new NetWorld(DEFAULT_LAYOUT);
  for (let i = 0; i < 40; i++) world.spawn({ x: rng.range(-9, 9), y: 0, z: 1, health: 100 });
  const base = world.capture(0);
  mutate(world, rng);
  const bytes = encode(wholeView(base), wholeView(world.capture(1)));
  for (let n = 0; n < bytes.length; n++) {
    assert.throws(() => applyDelta(base, bytes.subarray(0, n)), CodecError, `prefix ${n}`);
  }
  assertCodecError(
    () => applyDelta(base, Uint8Array.of(...bytes, 0)),
    "trailing_bytes",
  );
});

Deno.test("delta: random corruption is rejected or yields a valid sorted table, never a crash", () => {
  const rng = new SeededRandom(12);
  const world = new NetWorld(DEFAULT_LAYOUT);
  for (let i = 0; i < 30; i++) world.spawn({ x: rng.range(-9, 9), y: 0, z: 1, health: 100 });
  const base = world.capture(0);
  mutate(world, rng);
  const bytes = encode(wholeView(base), wholeView(world.capture(1)));
  let rejected = 0;
  for (let n = 0; n < 2000; n++) {
    const bad = bytes.slice();
    const flips = rng.int(1, 4);
    for (let k = 0; k < flips; k++) bad[rng.int(0, bad.length - 1)] = rng.int(0, 255);
    try {
      const t = applyDelta(base, bad, { maxEntities: 1000 });
      for (let i = 1; i < t.count; i++) assert.ok(t.ids[i] > t.ids[i - 1], "ids stay sorted");
      for (const v of t.values) assert.ok(Math.abs(v) <= MAX_QUANTIZED);
    } catch (e) {
      assert.ok(e instanceof CodecError, `unexpected ${e}`);
      rejected++;
    }
  }
  assert.ok(rejected > 0);
});

Deno.test("delta: hostile payloads are rejected with the reason", () => {
  const base = table([[1, 0, 0, 0, 100], [2, 5, 5, 5, 100]]);
  const cases: [string, number[], CodecErrorKind, RegExp][] = [
    ["removed gap of 0", [2, 1, 0, 0, 0], "malformed", /ascending/],
    ["removes an absent id", [1, 3, 0, 0], "malformed", /removes entity 3/],
    ["removes more than the base has", [3, 1, 1, 1, 0, 0], "malformed", /removes 3 entities/],
    ["creates an existing id", [0, 1, 2, 0, 0, 0, 0, 0], "malformed", /creates entity 2/],
    ["changes an absent id", [0, 0, 1, 3, 1, 2], "malformed", /changes entity 3/],
    ["changes a removed id", [1, 2, 0, 1, 2, 1, 2], "malformed", /changes removed entity 2/],
    ["empty change mask", [0, 0, 1, 1, 0, 0], "malformed", /change mask 0/],
    ["mask beyond the layout", [0, 0, 1, 1, 0x10, 2], "malformed", /change mask 16/],
    ["value out of range", [0, 0, 1, 1, 1, 0xfe, 0xff, 0xff, 0xff, 0x0f], "malformed", /range/],
    ["count beyond the input", [0x7f, 1], "length_overrun", /removed ids/],
    ["overlong varint", [0, 0, 1, 0x81, 0x80, 0x80, 0x80, 0x80, 0x01], "varint_overlong", /u32/],
  ];
  for (const [name, bytes, kind, pattern] of cases) {
    try {
      applyDelta(base, Uint8Array.from(bytes));
      assert.fail(`${name}: accepted`);
    } catch (e) {
      assert.ok(e instanceof CodecError, `${name}: ${e}`);
      assert.equal(e.kind, kind, `${name}: ${e.message}`);
      assert.match(e.message, pattern, name);
    }
  }
  // More entities than the receiver allows, refused before anything is allocated for them.
  assertCodecError(
    () =>
      applyDelta(emptyTable(F), Uint8Array.from([0, 2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]), {
        maxEntities: 1,
      }),
    "size_limit",
    /2 entities, above the limit of 1/,
  );
});
