import assert from "node:assert/strict";
import { f32, f64, i16, i32, u32, u8 } from "@astraweave/codec";
import { describe, randomWorld, rebuildShuffled } from "./testdata/random_world.ts";
import {
  AiAgent,
  type AnyComponent,
  componentHashes,
  Cooldowns,
  defineComponent,
  EcsError,
  ENGINE_COMPONENTS,
  type Entity,
  formatHash,
  LegacyId,
  loadWorld,
  Memory,
  Persona,
  serializeWorld,
  World,
  WORLD_HASH_VERSION,
  worldHash,
  type WorldHashVersion,
} from "./mod.ts";
import { benchmarkWorld } from "./demo.ts";

// An independent, entity-by-entity implementation of both versions of the algorithm as the
// module docs state them, so the docs and the code cannot drift apart.
const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
const fmix = (h: number) => {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
};
const xmx = (h: number, m: number) => {
  h = Math.imul(h ^ (h >>> 16), m);
  return h ^ (h >>> 15);
};
const fnv = (s: string) => {
  let h = 0x811c9dc5;
  for (const unit of Array.from({ length: s.length }, (_, i) => s.charCodeAt(i))) {
    h = Math.imul(h ^ (unit & 0xff), 0x01000193);
    h = Math.imul(h ^ (unit >>> 8), 0x01000193);
  }
  return h;
};
const f32Bits = (v: number) => new Int32Array(new Float32Array([v]).buffer)[0];
const f64Words = (v: number) => [...new Int32Array(new Float64Array([v]).buffer)];

type Lanes = [number, number];
/** What differs between the versions: how a component's word enters the lanes, and step 2. */
interface Version {
  /** The lanes absorb word `k` of component `c`. */
  absorb(lanes: Lanes, k: number, c: AnyComponent): Lanes;
  /** Words a component absorbs before its fields (step 1) and before its references (step 3). */
  prefix(c: AnyComponent): number[];
  /** The word a component without words of its own absorbs, if any. */
  noWords: number[];
  finalize(lanes: Lanes): Lanes;
}
const V1: Version = {
  absorb: ([a, b], k) => {
    const ka = Math.imul(rotl(Math.imul(k, 0xcc9e2d51), 15), 0x1b873593);
    const kb = Math.imul(rotl(Math.imul(k, 0x85ebca77), 13), 0xc2b2ae3d);
    return [
      (Math.imul(rotl(a ^ ka, 13), 5) + 0xe6546b64) | 0,
      (Math.imul(rotl(b ^ kb, 17), 9) + 0x7f4a7c15) | 0,
    ];
  },
  prefix: (c) => [fnv(c.name)],
  noWords: [],
  finalize: ([a, b]) => {
    const fa = fmix(a ^ rotl(b, 16));
    return [fa, fmix((b + fa) | 0)];
  },
};
const V2: Version = {
  absorb: ([a, b], k, c) => [
    rotl((Math.imul(a ^ k, 0x9e3779b1) + fnv(c.name)) | 0, 15),
    rotl((Math.imul(b + k, 0x85ebca77) + fmix(fnv(c.name))) | 0, 13),
  ],
  prefix: () => [],
  noWords: [0],
  finalize: ([a, b]) => [xmx(a ^ rotl(b, 16), 0x85ebca6b), xmx(b, 0xc2b2ae35)],
};

const V3: Version = {
  absorb: ([a, b], k, c) => {
    const next = rotl((Math.imul(a ^ k, 0x9e3779b1) + fnv(c.name)) | 0, 15);
    return [next, (b + next) | 0];
  },
  prefix: () => [],
  noWords: [0],
  finalize: ([a, b]) => {
    const fa = xmx(a ^ rotl(b, 16), 0x85ebca6b);
    return [fa, (b + fa) | 0];
  },
};

function referenceHash(world: World, version: Version = V3): bigint {
  const components = [...world.components()].sort((x, y) => (x.name < y.name ? -1 : 1));
  const entities = world.entities();
  const lanes = new Map<Entity, Lanes>();
  const absorb = (e: Entity, k: number, c: AnyComponent) =>
    lanes.set(e, version.absorb(lanes.get(e)!, k, c));
  for (const e of entities) {
    lanes.set(e, [0x243f6a88, 0x85a308d3 | 0]);
    for (const c of components as AnyComponent[]) {
      const v = world.get(e, c);
      if (v === undefined) continue;
      const words = version.prefix(c);
      if (c.storage === "dense") {
        const bytes = c.schema.encode(v);
        const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
        padded.set(bytes);
        const view = new DataView(padded.buffer);
        for (let i = 0; i < padded.length; i += 4) words.push(view.getInt32(i, true));
        words.push(bytes.length);
      } else {
        const own: number[] = [];
        for (const field of c.fields) {
          const x = (v as Record<string, number>)[field.name];
          if (field.kind === "entity") continue;
          if (field.kind === "f32") own.push(f32Bits(x));
          else if (field.kind === "f64" || field.kind === "u53" || field.kind === "i53") {
            own.push(...f64Words(x));
          } else own.push(x | 0);
        }
        words.push(...(own.length > 0 ? own : version.noWords));
      }
      for (const k of words) absorb(e, k, c);
    }
  }
  const referencing = components.filter((c) =>
    c.fields.some((f) => f.kind === "entity") && world.count(c) > 0
  );
  if (referencing.length > 0) {
    const shallow = new Map(entities.map((e) => [e, version.finalize(lanes.get(e)!)]));
    for (const e of entities) {
      for (const c of referencing as AnyComponent[]) {
        const v = world.get(e, c);
        if (v === undefined) continue;
        for (const k of version.prefix(c)) absorb(e, k, c);
        for (const field of c.fields) {
          if (field.kind !== "entity") continue;
          const [sa, sb] = shallow.get((v as Record<string, number>)[field.name]) ??
            [0x9e3779b9 | 0, 0];
          absorb(e, sa, c);
          absorb(e, sb, c);
        }
      }
    }
  }
  let sumA = 0;
  let sumB = 0;
  for (const e of entities) {
    const [fa, fb] = version.finalize(lanes.get(e)!);
    sumA = (sumA + fa) | 0;
    sumB = (sumB + fb) | 0;
  }
  const n = entities.length;
  const lo = fmix(sumA ^ n) >>> 0;
  const hi = fmix(sumB ^ rotl(lo, 7) ^ Math.imul(n, 0x9e3779b9)) >>> 0;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

Deno.test("world hash follows the documented algorithm (independent implementation)", () => {
  for (const [seed, count] of [[1, 0], [2, 1], [3, 40], [4, 700]]) {
    const world = randomWorld(seed, count);
    assert.equal(formatHash(worldHash(world)), formatHash(referenceHash(world)), `seed ${seed}`);
    assert.equal(formatHash(worldHash(world, 3)), formatHash(referenceHash(world, V3)));
    assert.equal(formatHash(worldHash(world, 2)), formatHash(referenceHash(world, V2)));
    assert.equal(formatHash(worldHash(world, 1)), formatHash(referenceHash(world, V1)));
  }
  const Wide = defineComponent("wide", { a: f64, b: f32, c: u8, d: i16, e: u32 });
  const Tag = defineComponent("tag", {});
  const world = new World([Wide, Tag, LegacyId]);
  world.insert(world.spawn(), Wide, { a: -0, b: NaN, c: 255, d: -2, e: 2 ** 32 - 1 });
  world.insert(world.spawn(), Wide, { a: 1e300, b: -1.5, c: 0, d: 7, e: 5 });
  world.insert(world.spawn(), Tag, {});
  world.insert(world.entities()[2], LegacyId, { id: world.entities()[0] });
  assert.equal(worldHash(world), referenceHash(world, V3));
  assert.equal(worldHash(world, 2), referenceHash(world, V2));
  assert.equal(worldHash(world, 1), referenceHash(world, V1));
  assert.equal(WORLD_HASH_VERSION, 3);
});

Deno.test("world hash rejects an unknown version", () => {
  assert.throws(
    () => worldHash(new World(), 4 as WorldHashVersion),
    (e) => e instanceof EcsError && e.kind === "invalid_value" && /version 4/.test(e.message),
  );
});

Deno.test("world hash is stable: a pinned value for a fixed world", () => {
  // Guards against accidental changes of the algorithm: any machine, any run gives this value.
  const Health = defineComponent("health", { hp: i32 });
  const Speed = defineComponent("speed", { v: f32 });
  const world = new World([Health, Speed]);
  for (let i = 0; i < 3; i++) {
    const e = world.spawn();
    world.insert(e, Health, { hp: 100 - i });
    world.insert(e, Speed, { v: i / 4 });
  }
  assert.equal(formatHash(worldHash(world)), formatHash(referenceHash(world)));
  assert.equal(formatHash(worldHash(world)), "71a8c9dc44938ca3");
  assert.equal(formatHash(worldHash(world, 2)), "909110783f117b69"); // version 2, unchanged
  assert.equal(formatHash(worldHash(world, 1)), "4f38e4f569162105"); // version 1, unchanged
});

Deno.test("world hash is independent of insertion order and storage layout", () => {
  for (const seed of [11, 12, 13]) {
    const world = randomWorld(seed, 500);
    const copy = rebuildShuffled(world, seed * 7);
    assert.notDeepEqual(copy.entities().map((e) => e), world.entities());
    const loaded = loadWorld(serializeWorld(world), ENGINE_COMPONENTS);
    for (const version of [1, 2, 3] as const) {
      assert.equal(worldHash(copy, version), worldHash(world, version), `seed ${seed}`);
      assert.equal(worldHash(loaded, version), worldHash(world, version));
    }
    assert.deepEqual(componentHashes(copy), componentHashes(world));
  }
});

Deno.test("world hash changes when any field of any component changes", () => {
  const base = randomWorld(21, 300);
  const h0 = worldHash(base);
  let checked = 0;
  for (const c of ENGINE_COMPONENTS as AnyComponent[]) {
    const e = base.entities().find((x) => base.has(x, c));
    assert.ok(e !== undefined, `the random world has a ${c.name}`);
    const original = structuredClone(base.get(e, c));
    const variants: unknown[] = [];
    if (c.storage === "soa") {
      for (const f of c.fields) {
        const v = original as Record<string, number>;
        if (f.kind === "entity") {
          const other = base.entities().find((x) => x !== v[f.name])!;
          variants.push({ ...v, [f.name]: other });
        } else variants.push({ ...v, [f.name]: v[f.name] === 0 ? 1 : v[f.name] - 1 });
      }
      if (c.fields.length === 0) variants.push(null); // a tag: removing it must change the hash
    } else if (c === Cooldowns) {
      const m = new Map((original as { map: Map<string, number> }).map);
      m.set("throw:smoke", (m.get("throw:smoke") ?? 0) + 0.5);
      variants.push({ map: m });
    } else if (c === Persona) {
      type P = { profile: { name: string; personality_traits: string[]; background: string } };
      const edit = (change: (p: P) => void) => {
        const p = structuredClone(original) as P;
        change(p);
        variants.push(p);
      };
      edit((p) => (p.profile.name += "!"));
      edit((p) => p.profile.personality_traits.reverse().push("kind"));
      edit((p) => (p.profile.background += "!"));
    } else if (c === Memory) {
      type M = { facts: { confidence: number }[]; episodes: { importance: number }[] };
      const m = structuredClone(original) as M;
      m.facts[0].confidence = Math.fround(m.facts[0].confidence + 0.25);
      variants.push(m);
      const n = structuredClone(original) as M;
      n.episodes.push({ id: "e", description: "", timestamp: 0, importance: 1 } as never);
      variants.push(n);
    }
    for (const variant of variants) {
      if (variant === null) base.remove(e, c);
      else base.insert(e, c, variant);
      assert.notEqual(worldHash(base), h0, `${c.name} changed: ${JSON.stringify(variant)}`);
      base.insert(e, c, original);
      assert.equal(worldHash(base), h0, `${c.name} restored`);
      checked++;
    }
  }
  assert.equal(checked, 15, "every field of every demo component");
});

Deno.test("world hash: equal entities do not cancel, floats hash by bits, order of keys", () => {
  const Speed = defineComponent("speed", { v: f32 });
  const make = (values: number[]) => {
    const w = new World([Speed, AiAgent]);
    for (const v of values) w.insert(w.spawn(), Speed, { v });
    return w;
  };
  const hashes = [[], [1], [1, 1], [1, 1, 1]].map((v) => worldHash(make(v)));
  assert.equal(new Set(hashes).size, 4);
  assert.notEqual(worldHash(make([0])), worldHash(make([-0])));
  const tagged = make([1]);
  tagged.insert(tagged.entities()[0], AiAgent, {});
  assert.notEqual(worldHash(tagged), worldHash(make([1])), "a tag counts");
  const bare = make([]);
  bare.spawn();
  assert.notEqual(worldHash(bare), worldHash(make([])), "an entity with no components counts");

  const cool = (entries: [string, number][]) => {
    const w = new World([Cooldowns]);
    w.insert(w.spawn(), Cooldowns, { map: new Map(entries) });
    return worldHash(w);
  };
  assert.equal(cool([["a", 1], ["throw:smoke", 2]]), cool([["throw:smoke", 2], ["a", 1]]));
});

Deno.test("world hash follows references by content, not handle", () => {
  const Health = defineComponent("health", { hp: i32 });
  const build = (targetHp: number, spare: boolean) => {
    const w = new World([Health, LegacyId]);
    if (spare) w.despawn(w.spawn()); // shifts handles
    const target = w.spawn();
    w.insert(target, Health, { hp: targetHp });
    const other = w.spawn();
    w.insert(other, Health, { hp: 7 });
    w.insert(w.spawn(), LegacyId, { id: target });
    return w;
  };
  assert.equal(worldHash(build(5, false)), worldHash(build(5, true)));
  const pointsElsewhere = build(5, false);
  const [, other, referrer] = pointsElsewhere.entities();
  pointsElsewhere.insert(referrer, LegacyId, { id: other });
  assert.notEqual(worldHash(pointsElsewhere), worldHash(build(5, false)));
  const dangling = build(5, false);
  dangling.insert(dangling.entities()[2], LegacyId, { id: 12345 });
  assert.notEqual(worldHash(dangling), worldHash(build(5, false)));
  assert.deepEqual(describe(build(5, true)), describe(build(5, false)));
});

Deno.test("known answers: the benchmark worlds keep their hashes across implementations", () => {
  // Any faster implementation must give the same values (or bump the algorithm's version and say
  // so). Version 3:
  assert.equal(formatHash(worldHash(benchmarkWorld(10))), "ae8703b37e0a875a");
  assert.equal(formatHash(worldHash(benchmarkWorld(1000))), "c2d61534a3280628");
  // Version 2, which saves and replay logs recorded before version 3 hold:
  assert.equal(formatHash(worldHash(benchmarkWorld(10), 2)), "708f2069574b8450");
  assert.equal(formatHash(worldHash(benchmarkWorld(1000), 2)), "ee3afaf56713073c");
  // Version 1 (the first implementation's values), which saves and replay logs recorded before
  // version 2 hold:
  assert.equal(formatHash(worldHash(benchmarkWorld(10), 1)), "47af91942f12d156");
  assert.equal(formatHash(worldHash(benchmarkWorld(1000), 1)), "0be9a81090ec02a9");
});

Deno.test("world hash: which component holds a value counts, whatever the value", () => {
  // Versions 2 and 3 have no name word: the constants each word adds carry the identity.
  const A = defineComponent("a", { v: i32 });
  const B = defineComponent("b", { v: i32 });
  const C = defineComponent("c", {});
  const D = defineComponent("d", {});
  const one = (c: AnyComponent, value: unknown) => {
    const w = new World([A, B, C, D]);
    w.insert(w.spawn(), c, value);
    return w;
  };
  const specials = [0, 1, -1, -(2 ** 31), 0x243f6a88, 0x85a308d3 | 0, 0x7a3c95d8 | 0];
  for (const v of specials) {
    for (const version of [1, 2, 3] as const) {
      assert.notEqual(worldHash(one(A, { v }), version), worldHash(one(B, { v }), version), `${v}`);
    }
  }
  assert.notEqual(worldHash(one(C, {})), worldHash(one(D, {})), "two tags");
});
