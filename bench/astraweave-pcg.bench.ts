/**
 * astraweave-pcg benchmarks: the groups of the Rust original (`rng_operations`, `room_generation`,
 * `encounter_generation`, `full_dungeon_pipeline`, `scaling`), and rot.js (`rot-js` on npm) as the
 * peer: `Map.Uniform` and `Map.Digger` on 80x25 and 200x100 maps, seeded with `ROT.RNG.setSeed`
 * so every call builds the same map, against our whole pipeline (rooms, corridors, connectivity
 * check, encounters) on the same sizes with the rooms rot.js makes there (counted at load time and
 * declared as metrics, with the walkable tiles of each).
 *
 * Operations that take a few nanoseconds run 1,000 times per call (declared as throughput), so
 * the measured time stays well above the harness floor. Scaling families hold the density fixed:
 * 400 grid tiles per room, and 2.5 encounters per room.
 *
 * @module
 */

import {
  generateDungeon,
  generateLayout,
  placeEncounters,
  Room,
  SeedRng,
  SpacingIndex,
} from "@astraweave/pcg";
import * as ROT from "rot-js";
import { benchCrate, consume, ms, us } from "@astraweave/bench-protocol";

const bench = benchCrate("astraweave-pcg");

/** Square grid side for `rooms` rooms at 400 tiles per room. */
const sideFor = (rooms: number) => Math.max(20, Math.ceil(Math.sqrt(rooms * 400)));
const BATCH = 1000;

// ---------------------------------------------------------------------------------------------
// rng_operations
// ---------------------------------------------------------------------------------------------

{
  const group = "rng_operations";
  bench({
    group,
    name: "create_rng",
    budget: us(2, "500 named streams per millisecond of level load"),
    fn: () => consume(new SeedRng(42, "test")),
  });
  const parent = new SeedRng(42, "parent");
  bench({
    group,
    name: "fork_rng",
    budget: us(2, "500 forks per millisecond of level load"),
    fn: () => consume(parent.fork("child")),
  });
  const rng = new SeedRng(42, "test");
  const items = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const perDraw = "1,000 draws within the original's target of 100 ns per operation";
  // Each loop is written out: one shared loop calling a draw function would see four different
  // functions at one call site, which stops V8 from inlining and measures the call, not the draw.
  bench({
    group,
    name: "gen_range_i32",
    budget: us(100, perDraw),
    throughput: { elements: BATCH },
    fn: () => {
      let sum = 0;
      for (let i = 0; i < BATCH; i++) sum += rng.genRange(0, 100);
      consume(sum);
    },
  });
  bench({
    group,
    name: "gen_range_f32",
    budget: us(100, perDraw),
    throughput: { elements: BATCH },
    fn: () => {
      let sum = 0;
      for (let i = 0; i < BATCH; i++) sum += rng.genFloatRange(0, 100);
      consume(sum);
    },
  });
  bench({
    group,
    name: "gen_bool",
    budget: us(100, perDraw),
    throughput: { elements: BATCH },
    fn: () => {
      let heads = 0;
      for (let i = 0; i < BATCH; i++) if (rng.genBool()) heads++;
      consume(heads);
    },
  });
  bench({
    group,
    name: "choose_from_10",
    budget: us(100, perDraw),
    throughput: { elements: BATCH },
    fn: () => {
      let sum = 0;
      for (let i = 0; i < BATCH; i++) sum += rng.choose(items)!;
      consume(sum);
    },
  });
  const deck = Array.from({ length: 100 }, (_, i) => i);
  bench({
    group,
    name: "shuffle_100",
    budget: us(10, "100 swaps within the original's 100 ns per operation"),
    throughput: { elements: 100 },
    fn: () => consume(rng.shuffle(deck)),
  });
}

// ---------------------------------------------------------------------------------------------
// room_generation
// ---------------------------------------------------------------------------------------------

{
  const group = "room_generation";
  for (const rooms of [5, 10, 20, 50, 100]) {
    const side = sideFor(rooms);
    bench({
      group,
      name: `generate_rooms/${rooms}`,
      budget: us(rooms * 10, "10 µs per room: 100 rooms in 1/16 of a 60 FPS frame"),
      size: { value: rooms, unit: "rooms" },
      throughput: { elements: rooms },
      fn: () =>
        consume(generateLayout(new SeedRng(42, "rooms"), { width: side, height: side, rooms })),
    });
  }
  const rng = new SeedRng(7, "overlap");
  const pairs = Array.from({ length: BATCH * 2 }, () => {
    const x = rng.genRange(0, 200);
    const y = rng.genRange(0, 200);
    return new Room(x, y, x + rng.genRange(2, 12), y + rng.genRange(2, 8));
  });
  bench({
    group,
    name: "room_overlap_check",
    budget: us(20, "1,000 checks at 20 ns each"),
    throughput: { elements: BATCH },
    fn: () => {
      let overlapping = 0;
      for (let i = 0; i < BATCH; i++) if (pairs[2 * i].overlaps(pairs[2 * i + 1], 1)) overlapping++;
      consume(overlapping);
    },
  });
  bench({
    group,
    name: "room_center",
    budget: us(40, "1,000 centers (each a new point) at 40 ns each"),
    throughput: { elements: BATCH },
    fn: () => {
      let sum = 0;
      for (let i = 0; i < BATCH; i++) sum += pairs[i].center().x;
      consume(sum);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// encounter_generation (on one 200x100 dungeon of 84 rooms, spacing 3)
// ---------------------------------------------------------------------------------------------

{
  const group = "encounter_generation";
  const dungeon = generateDungeon({ seed: 42, width: 200, height: 100, rooms: 84, encounters: 0 });
  for (const count of [10, 50, 100, 200]) {
    const options = { count, minSpacing: 3 };
    const placed =
      placeEncounters(dungeon.grid, dungeon.rooms, new SeedRng(42, "encounters"), options).placed;
    bench.metric({
      group,
      name: `placed/${count}`,
      value: placed,
      unit: "encounters",
      note: "of the count asked for",
    });
    bench({
      group,
      name: `generate_encounters/${count}`,
      budget: us(100 + count * 2, "100 µs to index the floor of 84 rooms, then 2 µs per encounter"),
      size: { value: count, unit: "encounters" },
      throughput: { elements: count },
      fn: () =>
        consume(
          placeEncounters(dungeon.grid, dungeon.rooms, new SeedRng(42, "encounters"), options),
        ),
    });
  }
  const index = new SpacingIndex(200, 200, 10, 100);
  const rng = new SeedRng(42, "spacing");
  while (index.size < 100) {
    const x = rng.genRange(0, 200);
    const y = rng.genRange(0, 200);
    if (index.isClear(x, y)) index.add(x, y);
  }
  const queries = Int32Array.from({ length: BATCH * 2 }, () => rng.genRange(0, 200));
  bench({
    group,
    name: "spacing_check_100",
    budget: us(100, "1,000 checks against 100 encounters at 100 ns each"),
    throughput: { elements: BATCH },
    fn: () => {
      let clear = 0;
      for (let i = 0; i < BATCH; i++) {
        if (index.isClear(queries[2 * i], queries[2 * i + 1])) clear++;
      }
      consume(clear);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// full_dungeon_pipeline: the original's four sizes, then the rot.js comparison
// ---------------------------------------------------------------------------------------------

{
  const group = "full_dungeon_pipeline";
  const sizes = [
    {
      name: "small_dungeon_5r_10e",
      width: 60,
      height: 30,
      rooms: 5,
      encounters: 10,
      budget: ms(1, "the original's target for a small dungeon"),
    },
    {
      name: "medium_dungeon_20r_50e",
      width: 120,
      height: 50,
      rooms: 20,
      encounters: 50,
      budget: ms(10, "the original's target for a medium dungeon"),
    },
    {
      name: "large_dungeon_50r_150e",
      width: 200,
      height: 80,
      rooms: 50,
      encounters: 150,
      budget: ms(50, "the original's target for a large dungeon"),
    },
    {
      name: "huge_dungeon_100r_300e",
      width: 250,
      height: 120,
      rooms: 100,
      encounters: 300,
      budget: ms(50, "the original's large-dungeon target, for twice the rooms"),
    },
  ];
  for (const { name, budget, ...size } of sizes) {
    const options = { seed: 42, ...size, encounterOptions: { minSpacing: 2 } };
    const check = generateDungeon(options);
    bench.metric({
      group,
      name: `${name} rooms placed`,
      value: check.roomStats.placed,
      unit: "rooms",
    });
    bench.metric({
      group,
      name: `${name} encounters placed`,
      value: check.encounterStats.placed,
      unit: "encounters",
    });
    bench({ group, name, budget, fn: () => consume(generateDungeon(options)) });
  }

  // rot.js's default rooms are 3-9 x 3-5 tiles; ours get the same sizes here.
  const rotSizedRooms = { roomMinSize: { x: 2, y: 2 }, roomMaxSize: { x: 8, y: 4 } };
  for (const [width, height] of [[80, 25], [200, 100]]) {
    const label = `${width}x${height}`;
    const rotMap = (kind: "Uniform" | "Digger", seed: number) => {
      ROT.RNG.setSeed(seed);
      const map = new ROT.Map[kind](width, height, {});
      let walkable = 0;
      map.create((_x: number, _y: number, wall: number) => {
        if (wall === 0) walkable++;
      });
      return { rooms: map.getRooms().length, walkable };
    };
    const rotStats = (kind: "Uniform" | "Digger") => {
      const runs = Array.from({ length: 5 }, (_, i) => rotMap(kind, 42 + i));
      return {
        rooms: runs.reduce((s, r) => s + r.rooms, 0) / runs.length,
        walkable: runs.reduce((s, r) => s + r.walkable, 0) / runs.length,
      };
    };
    const uniform = rotStats("Uniform");
    const digger = rotStats("Digger");
    const rooms = Math.round((uniform.rooms + digger.rooms) / 2);
    const options = {
      seed: 42,
      width,
      height,
      rooms,
      encounters: Math.round(rooms * 1.5),
      ...rotSizedRooms,
      encounterOptions: { minSpacing: 3 },
    };
    const ours = generateDungeon(options);
    const oursName = `dungeon/${label}`;
    for (
      const [who, stats] of [["rot.js Map.Uniform", uniform], ["rot.js Map.Digger", digger], [
        "ours",
        { rooms: ours.roomStats.placed, walkable: ours.connectivity.walkableTiles },
      ]] as const
    ) {
      bench.metric({
        group,
        name: `${who} rooms/${label}`,
        value: stats.rooms,
        unit: "rooms",
        note: who === "ours" ? "placed" : "mean of 5 seeded maps",
      });
      bench.metric({
        group,
        name: `${who} walkable tiles/${label}`,
        value: stats.walkable,
        unit: "tiles",
      });
    }
    bench({
      group,
      name: oursName,
      budget: width === 80
        ? us(500, "well under rot.js Map.Uniform's ~0.75 ms here")
        : ms(5, "under rot.js Map.Uniform (~9 ms) with room to spare"),
      fn: () => consume(generateDungeon(options)),
    });
    for (const kind of ["Uniform", "Digger"] as const) {
      bench({
        group,
        name: `rot.js Map.${kind}/${label}`,
        peer: "rot-js",
        versus: oursName,
        fn: () => consume(rotMap(kind, 42)),
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// scaling: rooms 1 to 100 (whole pipeline, no encounters) and encounters 10 to 500, fixed density
// ---------------------------------------------------------------------------------------------

{
  const group = "scaling";
  for (const rooms of [1, 5, 10, 20, 50, 100]) {
    const side = sideFor(rooms);
    const options = { seed: 42, width: side, height: side, rooms, encounters: 0 };
    bench({
      group,
      name: `rooms/${rooms}`,
      budget: us(20 + rooms * 20, "20 µs per room with its corridors and the flood fill"),
      size: { value: rooms, unit: "rooms" },
      throughput: { elements: rooms },
      fn: () => consume(generateDungeon(options)),
    });
  }
  for (const count of [10, 25, 50, 100, 200, 500]) {
    const rooms = Math.ceil(count / 2.5);
    const side = sideFor(rooms);
    const dungeon = generateDungeon({ seed: 42, width: side, height: side, rooms, encounters: 0 });
    const options = { count, minSpacing: 3 };
    bench({
      group,
      name: `encounters/${count}`,
      budget: us(10 + count * 2, "2 µs per encounter, its share of the floor index included"),
      size: { value: count, unit: "encounters" },
      throughput: { elements: count },
      fn: () =>
        consume(
          placeEncounters(dungeon.grid, dungeon.rooms, new SeedRng(42, "encounters"), options),
        ),
    });
  }
}
