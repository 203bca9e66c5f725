// Garbage to every public entry of the scene crate: each call either works or throws a
// SceneError naming the problem; never a TypeError or RangeError, never a hang, and a refused
// call leaves the graph, partition or streaming state as it was. Seeded; a failure reproduces
// from its seed and case.
import assert from "node:assert/strict";
import { mulberry32 } from "@astraweave/testing/random";
import {
  deepArray,
  describe,
  HOSTILE_NUMBERS,
  hostileValue,
  thrownBy,
} from "@astraweave/testing/hostile";
import {
  cellAt,
  cellKey,
  gridConfig,
  LruCache,
  type NodeHandle,
  SceneError,
  SceneGraph,
  StreamingManager,
  WorldPartition,
} from "./mod.ts";

/** Runs `call` and fails unless it returned or threw a SceneError. */
function refusedOrFine(call: () => unknown, what: string): void {
  const thrown = thrownBy(call);
  if (thrown !== undefined) {
    assert.ok(thrown instanceof SceneError, `${what}: threw ${describe(thrown)}`);
    assert.ok(thrown.message.length > 0 && thrown.message.length < 400, what);
  }
}

const anything = (seed: number): unknown[] => {
  const random = mulberry32(seed);
  return [
    ...HOSTILE_NUMBERS,
    ...Array.from({ length: 40 }, () => hostileValue(random)),
    deepArray(10_000),
    null,
    undefined,
    "1",
    {},
    [],
  ];
};

Deno.test("hostile: SceneGraph entries refuse garbage with SceneError and stay consistent", () => {
  const values = anything(1);
  const graph = new SceneGraph();
  const root = graph.create({ translation: [1, 2, 3] });
  const child = graph.create({ parent: root, translation: [0, 1, 0] });
  const removed = graph.create();
  graph.remove(removed);
  const before = [...graph.worldMatrix(child)];
  for (const v of values) {
    const n = v as number, h = v as NodeHandle;
    const what = describe(v);
    refusedOrFine(() => new SceneGraph(v as never), `SceneGraph(${what})`);
    refusedOrFine(() => new SceneGraph({ initialCapacity: n }), `initialCapacity ${what}`);
    refusedOrFine(() => new SceneGraph({ maxNodes: n }), `maxNodes ${what}`);
    refusedOrFine(() => graph.create(v as never), `create(${what})`);
    refusedOrFine(() => graph.create({ parent: h }), `create parent ${what}`);
    refusedOrFine(() => graph.create({ name: v as string, translation: [n, 0, 0] }), what);
    refusedOrFine(() => graph.create({ rotation: v as never }), `rotation ${what}`);
    refusedOrFine(() => graph.create({ scale: [1, n, 1] }), `scale ${what}`);
    refusedOrFine(() => graph.setTranslation(child, 0, n, 0), `setTranslation ${what}`);
    refusedOrFine(() => graph.setRotation(child, n, n, n, n), `setRotation ${what}`);
    refusedOrFine(() => graph.setScale(child, n, 1, 1), `setScale ${what}`);
    for (
      const call of [
        () => graph.setParent(h, root),
        () => graph.setParent(child, h),
        () => graph.remove(h),
        () => graph.parentOf(h),
        () => graph.childrenOf(h),
        () => graph.nameOf(h),
        () => graph.worldMatrix(h),
        () => graph.worldMatrix(child, v as Float32Array),
        () => graph.worldPosition(h),
        () => graph.localOf(h),
        () => graph.has(h),
        () => graph.find(v as string),
      ]
    ) {
      refusedOrFine(call, `${call} with ${what}`);
    }
    graph.setTranslation(child, 0, 1, 0);
    graph.setRotation(child, 0, 0, 0, 1);
    graph.setScale(child, 1, 1, 1);
    if (graph.parentOf(child) !== root) graph.setParent(child, root);
  }
  for (const stale of [removed, root + 5 * 2 ** 22, -root, 0, root + 0.5]) {
    assert.throws(() => graph.setTranslation(stale as NodeHandle, 0, 0, 0), SceneError);
  }
  assert.deepEqual([...graph.worldMatrix(child)], before);
  assert.ok(graph.worldMatrix(root).every(Number.isFinite));
});

Deno.test("hostile: deep chains and cycles attempted at every level", () => {
  const graph = new SceneGraph({ initialCapacity: 1 });
  const nodes = [graph.create()];
  for (let i = 1; i < 20_000; i++) {
    nodes.push(graph.create({ parent: nodes[i - 1], translation: [0, 0.001, 0] }));
  }
  const [, y] = graph.worldPosition(nodes[nodes.length - 1]);
  assert.ok(Math.abs(y - 19.999) < 0.01, `deep chain world y ${y}`);
  for (const i of [0, 1, 100, 19_999]) {
    assert.throws(() => graph.setParent(nodes[0], nodes[i]), /cycle/);
  }
  assert.equal(graph.remove(nodes[0]), 20_000, "removing the root of a deep chain: no recursion");
  assert.equal(graph.size, 0);
});

Deno.test("hostile: cell math and WorldPartition refuse garbage", () => {
  const values = anything(2);
  const world = new WorldPartition();
  world.assign(1, 10, 10);
  for (const v of values) {
    const n = v as number;
    const what = describe(v);
    refusedOrFine(() => cellAt(n, 0, 100), `cellAt x ${what}`);
    refusedOrFine(() => cellAt(0, 0, n), `cellAt size ${what}`);
    refusedOrFine(() => cellKey(v as never), `cellKey ${what}`);
    refusedOrFine(() => cellKey({ x: n, z: 0 }), `cellKey x ${what}`);
    refusedOrFine(() => gridConfig(v as never), `gridConfig ${what}`);
    refusedOrFine(() => gridConfig({ cellSize: n }), `gridConfig cellSize ${what}`);
    refusedOrFine(() => new WorldPartition({ minX: n }), `minX ${what}`);
    refusedOrFine(() => world.assign(n, 0, 0), `assign entity ${what}`);
    refusedOrFine(() => world.assign(2, n, n), `assign position ${what}`);
    refusedOrFine(() => world.cellOf(0, n), `cellOf ${what}`);
    refusedOrFine(() => world.cellsInRadius(0, 0, n), `cellsInRadius radius ${what}`);
    refusedOrFine(() => world.cellsInRadius(n, n, 100), `cellsInRadius centre ${what}`);
    refusedOrFine(() => world.entitiesIn(v as never), `entitiesIn ${what}`);
    refusedOrFine(() => world.cellOfEntity(n), `cellOfEntity ${what}`);
    refusedOrFine(() => world.remove(n === 1 ? 0 : n), `remove ${what}`);
    refusedOrFine(() => world.contains(n, n), `contains ${what}`);
    refusedOrFine(() => new LruCache(n), `LruCache ${what}`);
  }
  assert.deepEqual(world.cellOfEntity(1), { x: 0, z: 0 });
});

Deno.test("hostile: StreamingManager refuses garbage and keeps its state", async () => {
  const values = anything(3);
  const world = new WorldPartition();
  const streaming = new StreamingManager(world, {
    loader: (cell) => Promise.resolve(cell.x),
    radius: 150,
  });
  streaming.update([0, 0, 0]);
  await streaming.settled();
  const loaded = streaming.loadedCells();
  assert.equal(loaded.length, 4);
  const loader = () => Promise.resolve(0);
  for (const v of values) {
    const n = v as number;
    const what = describe(v);
    refusedOrFine(() => streaming.update(v as never), `update(${what})`);
    refusedOrFine(() => streaming.update([n, 0, 0]), `update x ${what}`);
    refusedOrFine(() => streaming.state(v as never), `state ${what}`);
    refusedOrFine(() => streaming.data(v as never), `data ${what}`);
    refusedOrFine(() => new StreamingManager(v as never, { loader }), `partition ${what}`);
    refusedOrFine(() => new StreamingManager(world, v as never), `options ${what}`);
    refusedOrFine(() => new StreamingManager(world, { loader: v as never }), `loader ${what}`);
    for (const key of ["radius", "maxActiveCells", "maxConcurrentLoads", "cacheSize"]) {
      refusedOrFine(() => new StreamingManager(world, { loader, [key]: v }), `${key} ${what}`);
    }
    // Put the camera back where it was, in case a finite garbage value moved it.
    streaming.update([0, 0, 0]);
    await streaming.settled();
  }
  assert.deepEqual(streaming.loadedCells().length, loaded.length);
});
