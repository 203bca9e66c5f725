/**
 * Corridor routes that open rooms only through doors. A route may cross a room's wall only
 * head-on (from outside straight into the floor, or out of it), which is where carving puts a
 * door; running along a wall would open the room without one.
 *
 * @module
 */

import { Tile, type TileGrid } from "./grid.ts";
import type { Vec2 } from "./room.ts";

/** Whether tile `index` is 4-adjacent to a room floor without being floor: a wall position. */
function isWallPosition(tiles: Uint8Array, width: number, index: number): boolean {
  return tiles[index] !== Tile.Floor &&
    (tiles[index - 1] === Tile.Floor || tiles[index + 1] === Tile.Floor ||
      tiles[index - width] === Tile.Floor || tiles[index + width] === Tile.Floor);
}

/**
 * Whether the tile path `path[0..length)` (4-connected, from floor to floor) crosses every wall
 * position head-on: in a straight line with floor just before or just after it.
 */
export function crossesWallsHeadOn(grid: TileGrid, path: Int32Array, length: number): boolean {
  const { tiles, width } = grid;
  for (let i = 1; i + 1 < length; i++) {
    const here = path[i];
    if (!isWallPosition(tiles, width, here)) continue;
    const before = path[i - 1];
    const after = path[i + 1];
    if (here - before !== after - here) return false;
    if (tiles[before] !== Tile.Floor && tiles[after] !== Tile.Floor) return false;
  }
  return true;
}

// A turn costs as much as this many steps: routes prefer long straight runs, as the L-shaped
// corridors have.
const TURN_COST = 4;
// The search starts in the two endpoints' bounding box widened by this margin, and doubles it
// until a route is found or the window is the whole grid interior.
const FIRST_MARGIN = 8;
// Search buffers up to this many states (16 bytes each) are kept between searches.
const MAX_KEPT_STATES = 1 << 20;

const DX = [1, -1, 0, 0];
const DY = [0, 0, 1, -1];

/**
 * A lower bound on the cost from a tile to the goal `(dx, dy)` away when heading `heading`: the
 * steps, and the turns that any route needs (none straight ahead, one to the side, two behind).
 * It drops by at most a move's cost per move, so the search can close a state on its first pop.
 */
function estimate(dx: number, dy: number, heading: number): number {
  if (dx === 0 && dy === 0) return 0;
  const along = DX[heading] * dx + DY[heading] * dy;
  const across = DX[heading] === 0 ? dx : dy;
  const turns = across === 0 ? (along >= 0 ? 0 : 2) : along >= 0 ? 1 : 2;
  return Math.abs(dx) + Math.abs(dy) + turns * TURN_COST;
}

/**
 * Finds detours ({@link DetourSearch.route}), reusing its buffers from one search to the next
 * (allocating and zeroing them for every dungeon would cost more than the searches).
 */
export class DetourSearch {
  // Per state (cell * 4 + heading, in the current window): the cost so far and the state before
  // it, valid when `reached` holds the current search's stamp; `closed` likewise once expanded.
  #cost = new Int32Array(0);
  #parent = new Int32Array(0);
  #reached = new Uint32Array(0);
  #closed = new Uint32Array(0);
  #stamp = 0;
  #heap = new MinHeap(256);

  /**
   * The shortest route (steps plus {@link TURN_COST} per turn) from floor tile `start` to floor
   * tile `goal` that stays off the grid's outer ring and crosses walls only head-on, as corner
   * points (start, each bend, goal); `undefined` when there is none. A* over (tile, heading) in a
   * window around the endpoints that grows until it holds a route, so a detour costs about the
   * area between its rooms. Deterministic: no randomness, fixed tie-breaking.
   */
  route(grid: TileGrid, start: Vec2, goal: Vec2): Vec2[] | undefined {
    const { width, height } = grid;
    try {
      for (let margin = FIRST_MARGIN;; margin *= 2) {
        const x0 = Math.max(1, Math.min(start.x, goal.x) - margin);
        const y0 = Math.max(1, Math.min(start.y, goal.y) - margin);
        const x1 = Math.min(width - 2, Math.max(start.x, goal.x) + margin);
        const y1 = Math.min(height - 2, Math.max(start.y, goal.y) + margin);
        const route = this.#search(grid, start, goal, x0, y0, x1, y1);
        const whole = x0 === 1 && y0 === 1 && x1 === width - 2 && y1 === height - 2;
        if (route !== undefined || whole) return route;
      }
    } finally {
      // Keep buffers for ordinary windows; let a rare search over a huge grid give its memory back.
      if (this.#cost.length > MAX_KEPT_STATES) this.#release();
    }
  }

  #release(): void {
    this.#cost = new Int32Array(0);
    this.#parent = new Int32Array(0);
    this.#reached = new Uint32Array(0);
    this.#closed = new Uint32Array(0);
    this.#heap = new MinHeap(256);
  }

  #search(
    grid: TileGrid,
    start: Vec2,
    goal: Vec2,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
  ): Vec2[] | undefined {
    const { tiles, width } = grid;
    const w = x1 - x0 + 1;
    const states = w * (y1 - y0 + 1) * 4;
    if (states > this.#cost.length) {
      const size = Math.max(states, 2 * this.#cost.length);
      this.#cost = new Int32Array(size);
      this.#parent = new Int32Array(size);
      this.#reached = new Uint32Array(size);
      this.#closed = new Uint32Array(size);
      this.#stamp = 0;
    }
    const stamp = ++this.#stamp;
    const cost = this.#cost;
    const parent = this.#parent;
    const reached = this.#reached;
    const closed = this.#closed;
    const heap = this.#heap;
    heap.size = 0;
    const gx = goal.x;
    const gy = goal.y;
    const goalCell = (gy - y0) * w + (gx - x0);

    // Seed the search with the four first steps out of `start`, then expand the cheapest state
    // (by cost so far plus estimate) until the goal comes out.
    let state = -1;
    let x = start.x;
    let y = start.y;
    let g = 0;
    let heading = -1;
    for (;;) {
      // A wall position is crossed straight through: no turning on it.
      const wall = heading !== -1 && isWallPosition(tiles, width, y * width + x);
      for (let h = 0; h < 4; h++) {
        if (heading !== -1 && ((h ^ 1) === heading || (wall && h !== heading))) continue;
        const nx = x + DX[h];
        const ny = y + DY[h];
        if (nx < x0 || nx > x1 || ny < y0 || ny > y1) continue;
        const index = ny * width + nx;
        const step = DX[h] + DY[h] * width;
        // Entering a wall position: only head-on, with floor straight ahead or straight behind.
        if (
          isWallPosition(tiles, width, index) && tiles[index + step] !== Tile.Floor &&
          tiles[index - step] !== Tile.Floor
        ) continue;
        const next = ((ny - y0) * w + (nx - x0)) * 4 + h;
        const nextCost = g + 1 + (heading === -1 || h === heading ? 0 : TURN_COST);
        if (closed[next] === stamp || (reached[next] === stamp && cost[next] <= nextCost)) continue;
        reached[next] = stamp;
        cost[next] = nextCost;
        parent[next] = state;
        heap.push(next, nextCost + estimate(gx - nx, gy - ny, h), nextCost);
      }
      // The next state to expand: skip older, dearer entries of states already expanded.
      do {
        if (heap.size === 0) return undefined;
        state = heap.pop();
      } while (closed[state] === stamp);
      closed[state] = stamp;
      const cell = state >> 2;
      if (cell === goalCell) return cornerPoints(start, state, parent, w, x0, y0);
      heading = state & 3;
      x = x0 + (cell % w);
      y = y0 + ((cell - (cell % w)) / w);
      g = cost[state];
    }
  }
}

/** The route to `state` as its corner points, from `start`. */
function cornerPoints(
  start: Vec2,
  state: number,
  parent: Int32Array,
  w: number,
  x0: number,
  y0: number,
): Vec2[] {
  const reversed: Vec2[] = [];
  let heading = -1;
  for (let s = state; s !== -1; s = parent[s]) {
    const cell = s >> 2;
    // A point where the heading changes (and the goal itself) is a corner.
    if ((s & 3) !== heading) reversed.push({ x: x0 + (cell % w), y: y0 + Math.floor(cell / w) });
    heading = s & 3;
  }
  // `reversed` holds the last tile of each straight run, from the goal back; the start begins the
  // first run.
  return [start, ...reversed.slice(1).reverse(), reversed[0]];
}

/**
 * A binary min-heap of states by estimated total cost, ties to the state with the greater cost so
 * far (the one nearer the goal). A state pushed again more cheaply leaves its old entry behind; the
 * search skips it when it comes out.
 */
class MinHeap {
  #states: Int32Array;
  #totals: Int32Array;
  #costs: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.#states = new Int32Array(Math.max(16, capacity));
    this.#totals = new Int32Array(this.#states.length);
    this.#costs = new Int32Array(this.#states.length);
  }

  #before(i: number, total: number, cost: number): boolean {
    return this.#totals[i] < total || (this.#totals[i] === total && this.#costs[i] >= cost);
  }

  #put(i: number, state: number, total: number, cost: number): void {
    this.#states[i] = state;
    this.#totals[i] = total;
    this.#costs[i] = cost;
  }

  push(state: number, total: number, cost: number): void {
    if (this.size === this.#states.length) this.#grow();
    let i = this.size++;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (this.#before(up, total, cost)) break;
      this.#put(i, this.#states[up], this.#totals[up], this.#costs[up]);
      i = up;
    }
    this.#put(i, state, total, cost);
  }

  pop(): number {
    const top = this.#states[0];
    const n = --this.size;
    const state = this.#states[n];
    const total = this.#totals[n];
    const cost = this.#costs[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (
        child + 1 < n && this.#before(child + 1, this.#totals[child], this.#costs[child])
      ) child++;
      if (!this.#before(child, total, cost)) break;
      this.#put(i, this.#states[child], this.#totals[child], this.#costs[child]);
      i = child;
    }
    this.#put(i, state, total, cost);
    return top;
  }

  #grow(): void {
    const grow = (from: Int32Array) => {
      const to = new Int32Array(from.length * 2);
      to.set(from);
      return to;
    };
    this.#states = grow(this.#states);
    this.#totals = grow(this.#totals);
    this.#costs = grow(this.#costs);
  }
}
