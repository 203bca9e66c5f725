/**
 * astraweave-scene: a transform graph (local and world transforms, parent-child hierarchy,
 * dirty propagation), a world partition (square cells over a bounded world, entities assigned to
 * cells by position) and camera-driven streaming of those cells (radius, concurrency limit, an
 * LRU of recently unloaded cells, load cancellation), for TypeScript games.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SceneGraph, StreamingManager, WorldPartition } from "@astraweave/scene";
 * const graph = new SceneGraph();
 * const ship = graph.create({ translation: [120, 0, -40] });
 * const world = new WorldPartition();
 * const [x, , z] = graph.worldPosition(ship);
 * assert.deepEqual(world.assign(1, x, z), { x: 1, z: -1 });
 * const streaming = new StreamingManager(world, { loader: async () => "terrain" });
 * streaming.update([x, 0, z]);
 * await streaming.settled();
 * assert.equal(streaming.state({ x: 1, z: -1 }), "loaded");
 * ```
 *
 * @module
 */

export { SceneError, type SceneErrorCode } from "./errors.ts";
export {
  type LocalTransform,
  MAX_NODES,
  type NodeHandle,
  type NodeInit,
  SceneGraph,
  type SceneGraphOptions,
} from "./graph.ts";
export {
  cellAt,
  type CellCoord,
  cellFromKey,
  cellKey,
  DEFAULT_GRID,
  type GridConfig,
  gridConfig,
  MAX_QUERY_CELLS,
  WorldPartition,
} from "./partition.ts";
export { LruCache } from "./lru.ts";
export {
  type CellLoader,
  type CellStreamState,
  type StreamingEvent,
  StreamingManager,
  type StreamingMetrics,
  type StreamingOptions,
} from "./streaming.ts";
