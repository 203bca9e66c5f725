/**
 * The transform graph: nodes with a local transform (translation, rotation, scale) and a parent,
 * and the world matrix of each, recomputed only where an edit made it stale.
 *
 * Nodes live in struct-of-arrays columns (typed arrays indexed by slot), as bitECS stores
 * components: an update walks the columns in parent-before-child order and allocates nothing.
 * A node is named by a {@link NodeHandle} that carries its slot's generation, so the handle of a
 * removed node is refused even after its slot is reused.
 *
 * @module
 */

import { batch, mat4 } from "@astraweave/math";
import { requireFinite, requireInteger, SceneError, shown } from "./errors.ts";

/**
 * A node's name in a {@link SceneGraph}: a positive integer holding the node's slot and the
 * slot's generation. Only handles the graph issued are accepted; a removed node's is refused.
 */
export type NodeHandle = number & { readonly __sceneNode: unique symbol };

/** What a node starts with; every part is optional (identity, no parent, no name). */
export interface NodeInit {
  /** A label for {@link SceneGraph.find}; names need not be unique. */
  name?: string;
  /** The parent node; omitted or null for a root. */
  parent?: NodeHandle | null;
  /** Local translation [x, y, z]. */
  translation?: readonly [number, number, number];
  /** Local rotation as a quaternion [x, y, z, w]; normalized when stored. */
  rotation?: readonly [number, number, number, number];
  /** Local scale per axis [x, y, z]. */
  scale?: readonly [number, number, number];
}

/** A node's local transform, as plain arrays. */
export interface LocalTransform {
  /** Translation [x, y, z]. */
  translation: [number, number, number];
  /** Unit quaternion [x, y, z, w]. */
  rotation: [number, number, number, number];
  /** Scale [x, y, z]. */
  scale: [number, number, number];
}

/** Options of a {@link SceneGraph}. */
export interface SceneGraphOptions {
  /** Slots allocated up front (default 64, at most `maxNodes`); the columns double when full. */
  initialCapacity?: number;
  /** The most nodes alive at once (default and upper limit {@link MAX_NODES}). */
  maxNodes?: number;
}

/**
 * The most nodes a graph can hold (4,194,304): slots are the low 22 bits of a handle, and each
 * slot costs about 150 bytes of columns.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MAX_NODES, SceneGraph } from "@astraweave/scene";
 * assert.equal(MAX_NODES, 4_194_304);
 * assert.throws(() => new SceneGraph({ maxNodes: MAX_NODES + 1 }), /maxNodes must be an integer/);
 * ```
 */
export const MAX_NODES = 2 ** 22;
/** Generations above this retire their slot, so a handle (generation × 2^22 + slot) stays safe. */
const MAX_GENERATION = 2 ** 30;
const NONE = -1;

/**
 * A hierarchy of transforms with world matrices kept up to date lazily: edits mark a node dirty,
 * {@link SceneGraph.update} (or any world read) recomputes the dirty nodes and their descendants.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SceneGraph } from "@astraweave/scene";
 * const graph = new SceneGraph();
 * const body = graph.create({ name: "body", translation: [10, 0, 0] });
 * const arm = graph.create({ name: "arm", parent: body, translation: [0, 2, 0] });
 * assert.deepEqual(graph.worldPosition(arm), [10, 2, 0]);
 * graph.setScale(body, 2, 2, 2);
 * assert.deepEqual(graph.worldPosition(arm), [10, 4, 0]);
 * assert.throws(() => graph.setParent(body, arm), /cycle/);
 * graph.remove(body);
 * assert.equal(graph.has(arm), false);
 * ```
 */
export class SceneGraph {
  #capacity = 0;
  #highWater = 0;
  #size = 0;
  readonly #maxNodes: number;
  #generation = new Uint32Array(0);
  #alive = new Uint8Array(0);
  #parent = new Int32Array(0);
  #firstChild = new Int32Array(0);
  #nextSibling = new Int32Array(0);
  #prevSibling = new Int32Array(0);
  #translation = new Float32Array(0);
  #rotation = new Float32Array(0);
  #scale = new Float32Array(0);
  /** The world matrix of slot i in the 16 floats from i × 16. */
  #world = new Float32Array(0);
  #dirty = new Uint8Array(0);
  #anyDirty = false;
  #names: (string | undefined)[] = [];
  #free: number[] = [];
  /** Live slots, each parent before its children; rebuilt after a structural edit. */
  #order = new Int32Array(0);
  #orderStale = true;
  #stack = new Int32Array(0);
  /** The slots the update recomputes, in order; filled and used by each update. */
  #todo = new Int32Array(0);

  /**
   * An empty graph.
   *
   * @throws {SceneError} `invalid-value` for a `maxNodes` or `initialCapacity` that is not an
   * integer from 1 to {@link MAX_NODES} (and `maxNodes`); `capacity` when the machine cannot
   * allocate `initialCapacity` slots.
   */
  constructor(options: SceneGraphOptions = {}) {
    const { maxNodes, initialCapacity } = options ?? {};
    this.#maxNodes = maxNodes === undefined
      ? MAX_NODES
      : requireInteger(maxNodes, "maxNodes", 1, MAX_NODES);
    const initial = initialCapacity === undefined
      ? 64
      : requireInteger(initialCapacity, "initialCapacity", 1, this.#maxNodes);
    this.#grow(Math.min(initial, this.#maxNodes));
  }

  /** Number of live nodes. */
  get size(): number {
    return this.#size;
  }

  /** Whether `handle` names a live node of this graph. */
  has(handle: NodeHandle): boolean {
    return this.#slotOf(handle) !== NONE;
  }

  /**
   * Adds a node and returns its handle; its world matrix is computed by the next update.
   *
   * @throws {SceneError} `stale-handle` for a bad parent, `invalid-value` for a non-finite
   * number or a zero rotation, `capacity` past `maxNodes`.
   */
  create(init: NodeInit = {}): NodeHandle {
    if (typeof init !== "object" || init === null) {
      throw new SceneError("invalid-value", `node init must be an object, got ${shown(init)}`);
    }
    const parent = init.parent == null ? NONE : this.#slot(init.parent, "parent");
    if (init.name !== undefined && typeof init.name !== "string") {
      throw new SceneError("invalid-value", `name must be a string, got ${shown(init.name)}`);
    }
    const t = init.translation ?? [0, 0, 0];
    const r = init.rotation ?? [0, 0, 0, 1];
    const s = init.scale ?? [1, 1, 1];
    const tx = requireFinite(t[0], "translation[0]"), ty = requireFinite(t[1], "translation[1]");
    const tz = requireFinite(t[2], "translation[2]");
    const sx = requireFinite(s[0], "scale[0]"), sy = requireFinite(s[1], "scale[1]");
    const sz = requireFinite(s[2], "scale[2]");
    const [qx, qy, qz, qw] = unitQuaternion(r[0], r[1], r[2], r[3]);
    const slot = this.#allocate();
    this.#alive[slot] = 1;
    this.#parent[slot] = NONE;
    this.#firstChild[slot] = NONE;
    this.#nextSibling[slot] = NONE;
    this.#prevSibling[slot] = NONE;
    this.#names[slot] = init.name;
    this.#translation.set([tx, ty, tz], slot * 3);
    this.#rotation.set([qx, qy, qz, qw], slot * 4);
    this.#scale.set([sx, sy, sz], slot * 3);
    if (parent !== NONE) this.#link(slot, parent);
    this.#size++;
    this.#markDirty(slot);
    this.#orderStale = true;
    return this.#handle(slot);
  }

  /**
   * Removes a node and all its descendants; their handles are refused from now on.
   * Returns how many nodes were removed.
   *
   * @throws {SceneError} `stale-handle`.
   */
  remove(handle: NodeHandle): number {
    const root = this.#slot(handle, "node");
    this.#unlink(root);
    let removed = 0;
    const stack = this.#stack;
    let top = 0;
    stack[top++] = root;
    while (top > 0) {
      const slot = stack[--top];
      for (let c = this.#firstChild[slot]; c !== NONE; c = this.#nextSibling[c]) stack[top++] = c;
      this.#alive[slot] = 0;
      this.#dirty[slot] = 0;
      this.#names[slot] = undefined;
      // A slot whose generation would pass the limit is retired rather than reused.
      if (++this.#generation[slot] < MAX_GENERATION) this.#free.push(slot);
      removed++;
    }
    this.#size -= removed;
    this.#orderStale = true;
    return removed;
  }

  /**
   * Moves `child` under `parent` (or makes it a root with null), keeping its local transform.
   *
   * @throws {SceneError} `cycle` when `parent` is `child` or one of its descendants;
   * `stale-handle` for either handle.
   */
  setParent(child: NodeHandle, parent: NodeHandle | null): void {
    const slot = this.#slot(child, "child");
    const target = parent === null ? NONE : this.#slot(parent, "parent");
    for (let up = target; up !== NONE; up = this.#parent[up]) {
      if (up === slot) {
        throw new SceneError(
          "cycle",
          `cannot parent node ${child} under ${parent}: it would become its own ancestor (cycle)`,
        );
      }
    }
    if (this.#parent[slot] === target) return;
    this.#unlink(slot);
    if (target !== NONE) this.#link(slot, target);
    this.#markDirty(slot);
    this.#orderStale = true;
  }

  /** The parent of a node, or null for a root. @throws {SceneError} `stale-handle`. */
  parentOf(handle: NodeHandle): NodeHandle | null {
    const parent = this.#parent[this.#slot(handle, "node")];
    return parent === NONE ? null : this.#handle(parent);
  }

  /** The children of a node, oldest first. @throws {SceneError} `stale-handle`. */
  childrenOf(handle: NodeHandle): NodeHandle[] {
    const slot = this.#slot(handle, "node");
    const children: NodeHandle[] = [];
    for (let c = this.#firstChild[slot]; c !== NONE; c = this.#nextSibling[c]) {
      children.push(this.#handle(c));
    }
    return children.reverse();
  }

  /** The node's name, if it has one. @throws {SceneError} `stale-handle`. */
  nameOf(handle: NodeHandle): string | undefined {
    return this.#names[this.#slot(handle, "node")];
  }

  /** The first live node (lowest slot) named `name`, or null. */
  find(name: string): NodeHandle | null {
    for (let slot = 0; slot < this.#highWater; slot++) {
      if (this.#alive[slot] && this.#names[slot] === name) return this.#handle(slot);
    }
    return null;
  }

  /** Sets a node's local translation. @throws {SceneError} `stale-handle`, `invalid-value`. */
  setTranslation(handle: NodeHandle, x: number, y: number, z: number): void {
    const slot = this.#slot(handle, "node");
    const base = slot * 3;
    // All three are checked before any is stored, so a refused call changes nothing.
    requireFinite(x, "translation x"),
      requireFinite(y, "translation y"),
      requireFinite(z, "translation z");
    this.#translation[base] = x;
    this.#translation[base + 1] = y;
    this.#translation[base + 2] = z;
    this.#markDirty(slot);
  }

  /**
   * Sets a node's local rotation from a quaternion, normalized when stored.
   *
   * @throws {SceneError} `stale-handle`; `invalid-value` for a non-finite or zero quaternion.
   */
  setRotation(handle: NodeHandle, x: number, y: number, z: number, w: number): void {
    const slot = this.#slot(handle, "node");
    this.#rotation.set(unitQuaternion(x, y, z, w), slot * 4);
    this.#markDirty(slot);
  }

  /** Sets a node's local scale. @throws {SceneError} `stale-handle`, `invalid-value`. */
  setScale(handle: NodeHandle, x: number, y: number, z: number): void {
    const slot = this.#slot(handle, "node");
    const base = slot * 3;
    // All three are checked before any is stored, so a refused call changes nothing.
    requireFinite(x, "scale x"), requireFinite(y, "scale y"), requireFinite(z, "scale z");
    this.#scale[base] = x;
    this.#scale[base + 1] = y;
    this.#scale[base + 2] = z;
    this.#markDirty(slot);
  }

  /** A copy of a node's local transform. @throws {SceneError} `stale-handle`. */
  localOf(handle: NodeHandle): LocalTransform {
    const slot = this.#slot(handle, "node");
    const t = this.#translation, r = this.#rotation, s = this.#scale;
    return {
      translation: [t[slot * 3], t[slot * 3 + 1], t[slot * 3 + 2]],
      rotation: [r[slot * 4], r[slot * 4 + 1], r[slot * 4 + 2], r[slot * 4 + 3]],
      scale: [s[slot * 3], s[slot * 3 + 1], s[slot * 3 + 2]],
    };
  }

  /**
   * Recomputes the world matrix of every dirty node and of every descendant of one, parents
   * first, and returns how many were recomputed (0 when nothing changed since the last update).
   */
  update(): number {
    if (!this.#anyDirty) return 0;
    if (this.#orderStale) this.#rebuildOrder();
    const order = this.#order, parents = this.#parent, dirty = this.#dirty, todo = this.#todo;
    let count = 0;
    for (let k = 0; k < this.#size; k++) {
      const slot = order[k];
      const parent = parents[slot];
      // Parents come first in the order, so a parent's flag is final when its child is reached.
      if (parent !== NONE && dirty[parent]) dirty[slot] = 1;
      if (dirty[slot]) todo[count++] = slot;
    }
    // One loop in the math crate over the dirty slots, parents first: no call per node.
    batch.composeHierarchy(
      this.#world,
      todo,
      count,
      parents,
      this.#translation,
      this.#rotation,
      this.#scale,
    );
    dirty.fill(0, 0, this.#highWater);
    this.#anyDirty = false;
    return count;
  }

  /**
   * A node's world matrix (column-major, as `@astraweave/math` stores them), updating the graph
   * first if an edit is pending.
   *
   * @throws {SceneError} `stale-handle`; `invalid-value` when `out` is not a Float32Array(16).
   */
  worldMatrix(handle: NodeHandle, out: Float32Array = mat4.create()): Float32Array {
    const slot = this.#slot(handle, "node");
    if (!(out instanceof Float32Array) || out.length !== 16) {
      throw new SceneError("invalid-value", `out must be a Float32Array of 16, got ${shown(out)}`);
    }
    this.update();
    out.set(this.#world.subarray(slot * 16, slot * 16 + 16));
    return out;
  }

  /** A node's world position, updating first if needed. @throws {SceneError} `stale-handle`. */
  worldPosition(handle: NodeHandle): [number, number, number] {
    const slot = this.#slot(handle, "node");
    this.update();
    const world = this.#world, base = slot * 16;
    return [world[base + 12], world[base + 13], world[base + 14]];
  }

  #handle(slot: number): NodeHandle {
    return (this.#generation[slot] * MAX_NODES + slot) as NodeHandle;
  }

  /** The slot of a live node, or NONE. */
  #slotOf(handle: unknown): number {
    if (typeof handle !== "number" || !Number.isSafeInteger(handle) || handle <= 0) return NONE;
    const slot = handle % MAX_NODES;
    const generation = (handle - slot) / MAX_NODES;
    if (slot >= this.#highWater || !this.#alive[slot]) return NONE;
    return this.#generation[slot] === generation ? slot : NONE;
  }

  #slot(handle: unknown, what: string): number {
    const slot = this.#slotOf(handle);
    if (slot === NONE) {
      throw new SceneError(
        "stale-handle",
        `${what} handle ${
          shown(handle)
        } does not name a live node (removed, or not from this graph)`,
      );
    }
    return slot;
  }

  #allocate(): number {
    const reused = this.#free.pop();
    if (reused !== undefined) return reused;
    if (this.#highWater === this.#maxNodes) {
      throw new SceneError("capacity", `the graph is full: maxNodes is ${this.#maxNodes}`);
    }
    if (this.#highWater === this.#capacity) {
      this.#grow(Math.min(this.#capacity * 2, this.#maxNodes));
    }
    const slot = this.#highWater++;
    this.#generation[slot] = 1; // so that no handle is 0
    return slot;
  }

  /**
   * Reallocates every column at `capacity` slots. All columns are allocated before any is
   * replaced, so running out of memory leaves the graph as it was (and is a `capacity` error).
   */
  #grow(capacity: number): void {
    const grown = <T extends Float32Array | Int32Array | Uint8Array | Uint32Array>(
      old: T,
      make: new (n: number) => T,
      width = 1,
    ): T => {
      const next = new make(capacity * width);
      next.set(old);
      return next;
    };
    let columns;
    try {
      columns = {
        generation: grown(this.#generation, Uint32Array),
        alive: grown(this.#alive, Uint8Array),
        parent: grown(this.#parent, Int32Array),
        firstChild: grown(this.#firstChild, Int32Array),
        nextSibling: grown(this.#nextSibling, Int32Array),
        prevSibling: grown(this.#prevSibling, Int32Array),
        translation: grown(this.#translation, Float32Array, 3),
        rotation: grown(this.#rotation, Float32Array, 4),
        scale: grown(this.#scale, Float32Array, 3),
        dirty: grown(this.#dirty, Uint8Array),
        order: new Int32Array(capacity),
        stack: new Int32Array(capacity),
        todo: new Int32Array(capacity),
        world: grown(this.#world, Float32Array, 16),
      };
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new SceneError("capacity", `cannot allocate columns for ${capacity} nodes`);
    }
    this.#generation = columns.generation;
    this.#alive = columns.alive;
    this.#parent = columns.parent;
    this.#firstChild = columns.firstChild;
    this.#nextSibling = columns.nextSibling;
    this.#prevSibling = columns.prevSibling;
    this.#translation = columns.translation;
    this.#rotation = columns.rotation;
    this.#scale = columns.scale;
    this.#dirty = columns.dirty;
    this.#order = columns.order;
    this.#stack = columns.stack;
    this.#todo = columns.todo;
    this.#world = columns.world;
    this.#capacity = capacity;
    this.#orderStale = true;
  }

  /** Makes `slot` the newest child of `parent` (pushed at the head of its child list). */
  #link(slot: number, parent: number): void {
    const head = this.#firstChild[parent];
    this.#parent[slot] = parent;
    this.#nextSibling[slot] = head;
    this.#prevSibling[slot] = NONE;
    if (head !== NONE) this.#prevSibling[head] = slot;
    this.#firstChild[parent] = slot;
  }

  #unlink(slot: number): void {
    const parent = this.#parent[slot];
    if (parent === NONE) return;
    const prev = this.#prevSibling[slot], next = this.#nextSibling[slot];
    if (prev === NONE) this.#firstChild[parent] = next;
    else this.#nextSibling[prev] = next;
    if (next !== NONE) this.#prevSibling[next] = prev;
    this.#parent[slot] = NONE;
    this.#nextSibling[slot] = NONE;
    this.#prevSibling[slot] = NONE;
  }

  #markDirty(slot: number): void {
    this.#dirty[slot] = 1;
    this.#anyDirty = true;
  }

  /**
   * Breadth-first from every root, so each parent precedes its descendants; the order array is
   * its own queue. Breadth-first keeps siblings together, and nodes made parent-then-children
   * sit in slot order, which the update then reads nearly sequentially.
   */
  #rebuildOrder(): void {
    const order = this.#order;
    let length = 0;
    for (let root = 0; root < this.#highWater; root++) {
      if (this.#alive[root] && this.#parent[root] === NONE) order[length++] = root;
    }
    for (let head = 0; head < length; head++) {
      for (let c = this.#firstChild[order[head]]; c !== NONE; c = this.#nextSibling[c]) {
        order[length++] = c;
      }
    }
    this.#orderStale = false;
  }
}

/** `[x, y, z, w]` divided by its length. @throws {SceneError} for non-finite or zero input. */
function unitQuaternion(x: number, y: number, z: number, w: number): number[] {
  requireFinite(x, "rotation x"), requireFinite(y, "rotation y");
  requireFinite(z, "rotation z"), requireFinite(w, "rotation w");
  const length = Math.hypot(x, y, z, w);
  if (length === 0) {
    throw new SceneError(
      "invalid-value",
      "rotation must be a non-zero quaternion, got (0, 0, 0, 0)",
    );
  }
  return [x / length, y / length, z / length, w / length];
}
