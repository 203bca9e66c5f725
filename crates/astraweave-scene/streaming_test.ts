import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import {
  type CellCoord,
  SceneError,
  type StreamingEvent,
  StreamingManager,
  type StreamingOptions,
  WorldPartition,
} from "./mod.ts";

interface PendingLoad {
  cell: CellCoord;
  signal: AbortSignal;
  resolve: (data: string) => void;
  reject: (error: Error) => void;
}

/** A manager whose loads complete only when the test says so, and everything it emitted. */
function harness(options: Partial<StreamingOptions<string>> = {}) {
  const pending: PendingLoad[] = [];
  const heard: StreamingEvent[] = [];
  const streaming = new StreamingManager<string>(new WorldPartition(), {
    loader: (cell, signal) =>
      new Promise((resolve, reject) => {
        const load = { cell, signal, resolve, reject };
        pending.push(load);
        // A cancelled load is no longer the test's to complete.
        signal.addEventListener("abort", () => pending.splice(pending.indexOf(load), 1));
      }),
    onEvent: (event) => heard.push(event),
    ...options,
  });
  /** Completes the load of `cell` with its name as data, and waits until it is handled. */
  const complete = async (cell: CellCoord) => {
    const load = pending.find((p) => p.cell.x === cell.x && p.cell.z === cell.z);
    assert.ok(load, `a load of ${cell.x},${cell.z} is pending`);
    pending.splice(pending.indexOf(load), 1);
    const done = streaming.settled(cell);
    load.resolve(`${cell.x},${cell.z}`);
    await done;
  };
  const completeAll = async () => {
    while (pending.length > 0) await complete(pending[0].cell);
  };
  return { streaming, pending, heard, complete, completeAll };
}

const summary = (events: StreamingEvent[]) =>
  events.map((e) =>
    `${e.type} ${e.cell.x},${e.cell.z}${"fromCache" in e && e.fromCache ? " (cache)" : ""}`
  );

Deno.test("StreamingManager: loads the nearest cells, at most maxConcurrentLoads at once", async () => {
  const { streaming, pending, complete } = harness({ radius: 150 });
  // Cells within 150 m of (50, 50): the centre cell, then its 4 edge neighbours (100 m away).
  const events = streaming.update([50, 0, 50]);
  assert.deepEqual(summary(events), [
    "load-started 0,0",
    "load-started -1,0",
    "load-started 0,-1",
    "load-started 0,1",
  ]);
  assert.equal(pending.length, 4);
  assert.equal(streaming.state({ x: 1, z: 0 }), "unloaded", "waits for a free load slot");
  await complete({ x: 0, z: 0 });
  assert.equal(streaming.data({ x: 0, z: 0 }), "0,0");
  assert.deepEqual(summary(streaming.update([50, 0, 50])), ["load-started 1,0"]);
  assert.deepEqual(streaming.metrics(), {
    loads: 1,
    cacheHits: 0,
    unloads: 0,
    failedLoads: 0,
    cancelledLoads: 0,
  });
});

Deno.test("StreamingManager: at most maxActiveCells loaded or loading, nearest first", async () => {
  const { streaming, completeAll } = harness();
  for (let i = 0; i < 10; i++) {
    streaming.update([0, 0, 0]);
    await completeAll();
  }
  const loaded = streaming.loadedCells();
  assert.equal(loaded.length, 25, "the Rust default: 25 of the 80 cells within 500 m");
  const wanted = new WorldPartition().cellsInRadius(0, 0, 500).slice(0, 25);
  assert.deepEqual(
    new Set(loaded.map((c) => `${c.x},${c.z}`)),
    new Set(wanted.map((c) => `${c.x},${c.z}`)),
  );
});

Deno.test("StreamingManager: a load for a cell that left the radius is cancelled and ignored", async () => {
  const { streaming, pending, heard } = harness({ radius: 50 });
  streaming.update([50, 0, 50]);
  const [load] = pending;
  assert.deepEqual(load.cell, { x: 0, z: 0 });
  const events = streaming.update([1050, 0, 50]);
  assert.deepEqual(summary(events), ["load-cancelled 0,0", "load-started 10,0"]);
  assert.equal(load.signal.aborted, true);
  load.resolve("late");
  // The late result reaches a manager that no longer waits for it.
  await Promise.resolve();
  await Promise.resolve();
  assert.equal(streaming.state({ x: 0, z: 0 }), "unloaded");
  assert.equal(streaming.data({ x: 0, z: 0 }), undefined);
  assert.ok(!summary(heard).includes("loaded 0,0"));
  assert.equal(streaming.metrics().cancelledLoads, 1);
});

Deno.test("StreamingManager: the LRU keeps the 5 most recently unloaded cells warm", async () => {
  const { streaming, pending, completeAll } = harness({ radius: 50 });
  // Visit 7 cells in a row along x, one at a time (a 50 m radius wants only the camera's cell).
  for (let i = 0; i < 7; i++) {
    streaming.update([i * 100 + 50, 0, 50]);
    await completeAll();
  }
  assert.deepEqual(streaming.cachedCells().map((c) => c.x), [1, 2, 3, 4, 5], "cells 0 dropped");
  const events = streaming.update([250, 0, 50]); // back to cell 2: warm, no loader call
  assert.deepEqual(summary(events), ["unloaded 6,0", "evicted 1,0", "loaded 2,0 (cache)"]);
  assert.equal(pending.length, 0);
  assert.equal(streaming.data({ x: 2, z: 0 }), "2,0");
  const cold = streaming.update([50, 0, 50]); // cell 0 was evicted: loaded again
  assert.deepEqual(summary(cold), ["unloaded 2,0", "load-started 0,0"]);
  assert.deepEqual(streaming.cachedCells().map((c) => c.x), [3, 4, 5, 6, 2], "2 is most recent");
  assert.equal(streaming.metrics().cacheHits, 1);
});

Deno.test("StreamingManager: a failed load is reported and retried on the next update", async () => {
  const { streaming, pending, heard } = harness({ radius: 50 });
  streaming.update([50, 0, 50]);
  const done = streaming.settled();
  pending.shift()!.reject(new Error("disk on fire"));
  await done;
  const failed = heard.find((e) => e.type === "load-failed");
  assert.ok(failed && failed.type === "load-failed");
  assert.match(String(failed.error), /disk on fire/);
  assert.equal(streaming.state({ x: 0, z: 0 }), "unloaded");
  assert.deepEqual(summary(streaming.update([50, 0, 50])), ["load-started 0,0"]);
  assert.equal(streaming.metrics().failedLoads, 1);
});

Deno.test("StreamingManager: a loader that throws fails like one that rejects", async () => {
  const heard: StreamingEvent[] = [];
  const streaming = new StreamingManager(new WorldPartition(), {
    loader: () => {
      throw new Error("sync failure");
    },
    radius: 50,
    onEvent: (e) => heard.push(e),
  });
  assert.deepEqual(summary(streaming.update([50, 0, 50])), ["load-started 0,0"]);
  await streaming.settled();
  assert.deepEqual(summary(heard), ["load-started 0,0", "load-failed 0,0"]);
});

Deno.test("StreamingManager: completions arrive in the order the test delivers them", async () => {
  const { streaming, heard, complete } = harness({ radius: 150 });
  streaming.update([50, 0, 50]);
  await complete({ x: 0, z: 1 });
  await complete({ x: -1, z: 0 });
  assert.deepEqual(
    summary(heard.filter((e) => e.type === "loaded")),
    ["loaded 0,1", "loaded -1,0"],
  );
  assert.deepEqual(streaming.loadedCells(), [{ x: 0, z: 1 }, { x: -1, z: 0 }]);
  assert.deepEqual(streaming.loadingCells(), [{ x: 0, z: 0 }, { x: 0, z: -1 }]);
  const cancelled = streaming.cancelAll();
  assert.equal(cancelled.length, 2);
  assert.deepEqual(streaming.loadingCells(), []);
});

Deno.test("StreamingManager: bad cameras and options are refused by name", () => {
  const { streaming } = harness();
  for (
    const [camera, message] of [
      [[NaN, 0, 0], /camera x must be a finite number, got NaN/],
      [[0, Infinity, 0], /camera y/],
      [[0, 0], /camera z must be a finite number, got undefined/],
      [[6000, 0, 0], /outside the world/],
    ] as const
  ) {
    assert.throws(() => streaming.update(camera), message);
  }
  assert.deepEqual(streaming.loadingCells(), [], "a refused update starts nothing");
  const loader = () => Promise.resolve(0);
  for (
    const [options, message] of [
      [{ radius: -1 }, /radius must be 0 or more/],
      [{ radius: NaN }, /radius must be a finite number, got NaN/],
      [{ radius: 1e9 }, /the limit is/],
      [{ maxActiveCells: 0 }, /maxActiveCells must be an integer from 1/],
      [{ maxConcurrentLoads: 1.5 }, /maxConcurrentLoads/],
      [{ cacheSize: -1 }, /cacheSize/],
    ] as const
  ) {
    assert.throws(
      () => new StreamingManager(new WorldPartition(), { loader, ...options }),
      (e) => e instanceof SceneError && message.test(e.message),
    );
  }
});

Deno.test("StreamingManager: invariants hold along random walks with random completion order", async () => {
  const world = new WorldPartition();
  for (let seed = 1; seed <= 10; seed++) {
    const random = mulberry32(seed);
    const { streaming, pending, heard, complete } = harness();
    let camera: [number, number] = [(random() - 0.5) * 8000, (random() - 0.5) * 8000];
    for (let step = 0; step < 150; step++) {
      const clamp = (v: number) => Math.max(-5000, Math.min(5000, v));
      camera = [
        clamp(camera[0] + (random() - 0.5) * 400),
        clamp(camera[1] + (random() - 0.5) * 400),
      ];
      streaming.update([camera[0], 10, camera[1]]);
      // Complete a random subset of the pending loads, in a random order.
      for (let n = Math.floor(random() * (pending.length + 1)); n > 0; n--) {
        await complete(pending[Math.floor(random() * pending.length)].cell);
      }
      const loaded = streaming.loadedCells(), loading = streaming.loadingCells();
      const what = `seed ${seed} step ${step}`;
      assert.ok(loaded.length + loading.length <= 25, what);
      assert.ok(loading.length <= 4, what);
      assert.ok(streaming.cachedCells().length <= 5, what);
      assert.equal(pending.length, loading.length, `${what}: cancelled loads are not pending`);
      const wanted = new Set(
        world.cellsInRadius(camera[0], camera[1], 500).slice(0, 25).map((c) => `${c.x},${c.z}`),
      );
      for (const cell of [...loaded, ...loading]) {
        assert.ok(wanted.has(`${cell.x},${cell.z}`), `${what}: ${cell.x},${cell.z} not wanted`);
      }
      for (const cell of loaded) assert.equal(streaming.data(cell), `${cell.x},${cell.z}`);
    }
    // Every loader completion was a cell that had started loading and was not cancelled since.
    const state = new Map<string, string>();
    for (const e of heard) {
      const key = `${e.cell.x},${e.cell.z}`;
      if (e.type === "loaded" && !e.fromCache) assert.equal(state.get(key), "loading", key);
      if (e.type === "load-started" || e.type === "loaded" || e.type === "unloaded") {
        state.set(key, e.type === "load-started" ? "loading" : e.type);
      }
      if (e.type === "load-cancelled") state.set(key, "cancelled");
    }
  }
});

Deno.test("StreamingManager: a listener that throws loses no data and strands no load", async () => {
  let failOn = "";
  const { streaming, pending, complete } = harness({
    radius: 50,
    onEvent: (event) => {
      if (event.type === failOn) throw new Error(`listener failed on ${event.type}`);
    },
  });
  failOn = "load-started";
  assert.throws(() => streaming.update([50, 0, 50]), /listener failed on load-started/);
  assert.equal(pending.length, 1, "the loader was called before the event");
  failOn = "";
  await complete({ x: 0, z: 0 });
  failOn = "unloaded";
  assert.throws(() => streaming.update([250, 0, 50]), /listener failed on unloaded/);
  assert.equal(streaming.state({ x: 0, z: 0 }), "cached", "the data went to the LRU first");
  failOn = "";
  assert.deepEqual(summary(streaming.update([250, 0, 50])), ["load-started 2,0"]);
});
