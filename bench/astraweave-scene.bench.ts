/**
 * astraweave-scene benchmarks, on the Rust original's groups and names where they measure work
 * this crate does (its bench file benchmarks local copies of the types, not the crate).
 *
 * Ported: SceneGraph (traverse_* as a world-transform update after the root moved), GridCoord
 * (from_world_pos_*), LRUCache (touch_with_eviction), WorldPartition (assign_entity_single,
 * cells_in_radius/{100m,300m,500m}), SpatialQueries (entity_cell_lookup, query_radius_entities).
 * Ours: SceneGraph/update_world_transforms/{1000,10000,100000} (with gl-matrix on an object
 * tree as the peer at 10,000 nodes), SceneGraph/update_one_leaf_moved/10000 and
 * Streaming/camera_path.
 *
 * Skipped, with the reason:
 * - Transform/*: matrix composition belongs to `@astraweave/math` (its bench measures it).
 * - SceneGraph/node_creation_*, scene_creation, GridCoord/new_creation, LRUCache/creation,
 *   WorldPartition/creation_default, CellEntities/creation: constructing an empty object
 *   measures the allocator and sits at the harness floor.
 * - SceneGraph/traverse_with_transform_extraction: decomposing matrices is not in this crate.
 * - GridCoord/{to_world_center, neighbors_*, manhattan_distance, hash_lookup}, AABB/*,
 *   FrustumCulling/*: this port has no 3D cell coordinates, AABBs or frustum (streaming is by
 *   radius, as in the Rust manager).
 * - GpuResourceBudget/*: the GPU resource manager is not ported (no GPU here).
 * - CellEntities/*: a mock of the partitioned scene's entity lists; WorldPartition/assign_*
 *   measures our entity-to-cell bookkeeping instead.
 *
 * Operations of a few nanoseconds are batched ({@link COUNT} per call, declared as throughput)
 * so nothing is measured near the harness floor.
 *
 * @module
 */

import {
  cellAt,
  LruCache,
  type NodeHandle,
  SceneGraph,
  StreamingManager,
  WorldPartition,
} from "@astraweave/scene";
import { mat4 as gm4 } from "gl-matrix";
import { mulberry32 } from "@astraweave/testing/random";
import { benchCrate, consume, frameShare, us } from "@astraweave/bench-protocol";

const bench = benchCrate("astraweave-scene");
const COUNT = 1000;
const random = mulberry32(7);
const between = (lo: number, hi: number) => lo + (hi - lo) * random();

// ---------------------------------------------------------------------------------------------
// SceneGraph: moving the root makes every node dirty; update() recomputes them all.
// ---------------------------------------------------------------------------------------------

/** A graph whose root is returned; `shape` adds the other nodes under it. */
function graphWith(shape: (graph: SceneGraph, root: NodeHandle) => void) {
  const graph = new SceneGraph();
  const root = graph.create({ translation: [1, 2, 3] });
  shape(graph, root);
  graph.update();
  let step = 0;
  return () => {
    graph.setTranslation(root, ++step % 100, 0, 0);
    consume(graph.update());
  };
}

function chain(depth: number) {
  return graphWith((graph, root) => {
    let parent = root;
    for (let i = 0; i < depth; i++) {
      parent = graph.create({ parent, translation: [0, 1, 0], rotation: [0, 0.1, 0, 1] });
    }
  });
}

function tree(levels: number, branching: number) {
  return graphWith((graph, root) => {
    let level = [root];
    for (let l = 0; l < levels; l++) {
      const next: NodeHandle[] = [];
      for (const parent of level) {
        for (let c = 0; c < branching; c++) {
          next.push(graph.create({ parent, translation: [c, 1, 0], scale: [0.9, 0.9, 0.9] }));
        }
      }
      level = next;
    }
  });
}

/** A fixed cost per update (the dirty scan) plus a cost per recomputed node. */
const perNode = (nodes: number) =>
  us(1 + nodes * 0.15, "1 µs an update + 150 ns a node: 10,000 moving nodes in 1/11 of a frame");

for (const depth of [1, 5, 10, 20]) {
  bench({
    group: "SceneGraph",
    name: `traverse_linear_depth/${depth}`,
    budget: perNode(depth + 1),
    size: { value: depth + 1, unit: "nodes" },
    fn: chain(depth),
  });
}
for (const width of [2, 5, 10, 20]) {
  bench({
    group: "SceneGraph",
    name: `traverse_wide_children/${width}`,
    budget: perNode(width + 1),
    size: { value: width + 1, unit: "nodes" },
    fn: tree(1, width),
  });
}
bench({
  group: "SceneGraph",
  name: "traverse_tree_3x3x3",
  budget: perNode(40),
  fn: tree(3, 3),
});
for (const nodes of [1_000, 10_000, 100_000]) {
  // Trees of fan-out 10: 1 + 10 + 100 + ... nodes, the last level filled up to `nodes`.
  const fn = graphWith((graph, root) => {
    const all = [root];
    for (let i = 1; i < nodes; i++) {
      all.push(graph.create({ parent: all[Math.floor((i - 1) / 10)], translation: [i, 0, 0] }));
    }
  });
  bench({
    group: "SceneGraph",
    name: `update_world_transforms/${nodes}`,
    budget: perNode(nodes),
    size: { value: nodes, unit: "nodes" },
    throughput: { elements: nodes },
    fn,
  });
}

{
  // Dirty propagation: one leaf of the 10,000-node tree moves; the Rust ECS system would
  // recompute all 10,000, this update recomputes one and skips the rest.
  const graph = new SceneGraph();
  const all = [graph.create()];
  for (let i = 1; i < 10_000; i++) {
    all.push(graph.create({ parent: all[Math.floor((i - 1) / 10)], translation: [i, 0, 0] }));
  }
  graph.update();
  const leaf = all[all.length - 1];
  let step = 0;
  bench({
    group: "SceneGraph",
    name: "update_one_leaf_moved/10000",
    budget: frameShare(100, "a frame in which one node of 10,000 moved"),
    fn: () => {
      graph.setTranslation(leaf, ++step % 100, 0, 0);
      consume(graph.update());
    },
  });
}

{
  // The peer: the same 10,000-node tree as objects (one gl-matrix mat4 per node, children
  // arrays), updated the way the Rust ECS system does it: every node, recursively from the root.
  interface ObjectNode {
    t: Float32Array;
    q: Float32Array;
    s: Float32Array;
    world: Float32Array;
    children: ObjectNode[];
  }
  const NODES = 10_000;
  const makeNode = (x: number): ObjectNode => ({
    t: Float32Array.of(x, 0, 0),
    q: Float32Array.of(0, 0, 0, 1),
    s: Float32Array.of(1, 1, 1),
    world: new Float32Array(16),
    children: [],
  });
  const all = [makeNode(1)];
  for (let i = 1; i < NODES; i++) {
    const node = makeNode(i);
    all[Math.floor((i - 1) / 10)].children.push(node);
    all.push(node);
  }
  const local = new Float32Array(16);
  const visit = (node: ObjectNode, parent: Float32Array | null) => {
    gm4.fromRotationTranslationScale(local, node.q, node.t, node.s);
    if (parent === null) gm4.copy(node.world, local);
    else gm4.multiply(node.world, parent, local);
    for (const child of node.children) visit(child, node.world);
  };
  let step = 0;
  bench({
    group: "SceneGraph",
    name: "update_world_transforms/10000 gl-matrix objects",
    peer: "gl-matrix",
    versus: "update_world_transforms/10000",
    throughput: { elements: NODES },
    fn: () => {
      all[0].t[0] = ++step % 100;
      visit(all[0], null);
      consume(all[NODES - 1].world);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// GridCoord: the cell of a position, 1,000 positions per call.
// ---------------------------------------------------------------------------------------------

{
  const positive = Float64Array.from({ length: COUNT * 2 }, () => between(0, 5000));
  const negative = Float64Array.from({ length: COUNT * 2 }, () => between(-5000, 0));
  for (
    const [name, xz] of [["from_world_pos_positive", positive], [
      "from_world_pos_negative",
      negative,
    ]] as const
  ) {
    bench({
      group: "GridCoord",
      name,
      budget: us(20, "20 ns a position: 1,000 entities in 1/830 of a 60 FPS frame"),
      throughput: { elements: COUNT },
      fn: () => {
        let sum = 0;
        for (let i = 0; i < COUNT; i++) sum += cellAt(xz[2 * i], xz[2 * i + 1], 100).x;
        consume(sum);
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// LRUCache: the streaming cache of 5, 1,000 puts per call, each dropping the oldest.
// ---------------------------------------------------------------------------------------------

{
  const cache = new LruCache<number, number>(5);
  let key = 0;
  bench({
    group: "LRUCache",
    name: "touch_with_eviction",
    budget: us(167, "1,000 puts (40 updates' worth of unloads) in 1/100 of a 60 FPS frame"),
    throughput: { elements: COUNT },
    fn: () => {
      let dropped = 0;
      for (let i = 0; i < COUNT; i++) dropped += cache.put(key++, i) ?? 0;
      consume(dropped);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// WorldPartition and SpatialQueries: 10,000 entities over the default 10 km world.
// ---------------------------------------------------------------------------------------------

{
  const world = new WorldPartition();
  const ENTITIES = 10_000;
  for (let e = 0; e < ENTITIES; e++) world.assign(e, between(-5000, 5000), between(-5000, 5000));
  const moves = Float64Array.from({ length: COUNT * 2 }, () => between(-5000, 5000));
  bench({
    group: "WorldPartition",
    name: "assign_entity_single",
    budget: us(200, "200 ns a move: 1,000 moving entities in 1/83 of a 60 FPS frame"),
    throughput: { elements: COUNT },
    fn: () => {
      let sum = 0;
      for (let i = 0; i < COUNT; i++) sum += world.assign(i, moves[2 * i], moves[2 * i + 1]).x;
      consume(sum);
    },
  });
  for (const radius of [100, 300, 500]) {
    bench({
      group: "WorldPartition",
      name: `cells_in_radius/${radius}m`,
      budget: frameShare(500, "once per streaming update, beside the loads it starts"),
      size: { value: radius, unit: "metres" },
      fn: () => consume(world.cellsInRadius(123, -456, radius)),
    });
  }
  bench({
    group: "SpatialQueries",
    name: "entity_cell_lookup",
    budget: us(50, "50 ns a lookup: 1,000 per 50 µs, 1/330 of a 60 FPS frame"),
    throughput: { elements: COUNT },
    fn: () => {
      let sum = 0;
      for (let e = 0; e < COUNT; e++) sum += world.cellOfEntity(e)?.z ?? 0;
      consume(sum);
    },
  });
  bench({
    group: "SpatialQueries",
    name: "query_radius_entities",
    budget: frameShare(500, "the entities within 300 m of a point (about 28 cells)"),
    fn: () => {
      let found = 0;
      for (const cell of world.cellsInRadius(-800, 900, 300)) {
        found += world.entitiesIn(cell).length;
      }
      consume(found);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Streaming (ours): a camera crossing 2 km, 10 m per update, loads completing at once.
// ---------------------------------------------------------------------------------------------

{
  const STEPS = 200;
  bench({
    group: "Streaming",
    name: "camera_path",
    budget: us(STEPS * 167, "an update and its loads in 1/100 of a 60 FPS frame (167 µs)"),
    throughput: { elements: STEPS },
    fn: async () => {
      const streaming = new StreamingManager(new WorldPartition(), {
        loader: (cell) => Promise.resolve(cell.x),
      });
      let events = 0;
      for (let i = 0; i < STEPS; i++) {
        events += streaming.update([-1000 + i * 10, 0, 30]).length;
        await streaming.settled();
      }
      consume(events);
    },
  });
}
