/**
 * The SDK world's grid: 20 x 10 cells, bounds (0,0)-(19,9) as the Rust SDK's `ValidateCfg` has
 * them, obstacles as a bit per cell, and the two queries the intent rules need: a breadth-first
 * path search over 4-neighbours and the original's grid line of sight.
 *
 * @module
 */

/** Smallest x of a cell. */
export const MIN_X = 0;
/** Smallest y of a cell. */
export const MIN_Y = 0;
/** Largest x of a cell (the grid is 20 cells wide). */
export const MAX_X = 19;
/** Largest y of a cell (the grid is 10 cells high). */
export const MAX_Y = 9;
/** Grid width in cells. */
export const GRID_WIDTH: number = MAX_X - MIN_X + 1;
/** Grid height in cells. */
export const GRID_HEIGHT: number = MAX_Y - MIN_Y + 1;
const CELLS = GRID_WIDTH * GRID_HEIGHT;

/** A grid cell. */
export interface Cell {
  /** Column, from 0 (west) to 19. */
  x: number;
  /** Row, from 0 to 9. */
  y: number;
}

/** Whether (x, y) is an integer cell inside the bounds. */
export function inBounds(x: number, y: number): boolean {
  return Number.isInteger(x) && Number.isInteger(y) && x >= MIN_X && x <= MAX_X &&
    y >= MIN_Y && y <= MAX_Y;
}

const cellIndex = (x: number, y: number) => (y - MIN_Y) * GRID_WIDTH + (x - MIN_X);

// Scratch space of the path search, shared by every world: the SDK is single-threaded and the
// search never re-enters. A visit stamp instead of a cleared array makes each search O(visited).
const queue = new Int32Array(CELLS);
const visited = new Uint32Array(CELLS);
let stamp = 0;

/** Obstacle cells of one world. */
export class ObstacleGrid {
  readonly #blocked = new Uint8Array(CELLS);
  #count = 0;

  /** Marks (x, y) blocked; the caller has checked that it is in bounds. */
  block(x: number, y: number): void {
    const i = cellIndex(x, y);
    if (this.#blocked[i] === 0) this.#count++;
    this.#blocked[i] = 1;
  }

  /** Whether (x, y) is blocked (cells outside the bounds are not obstacles, as in the original). */
  isBlocked(x: number, y: number): boolean {
    return inBounds(x, y) && this.#blocked[cellIndex(x, y)] === 1;
  }

  /** How many cells are blocked. */
  get count(): number {
    return this.#count;
  }

  /** The blocked cells, row by row. */
  cells(): Cell[] {
    const out: Cell[] = [];
    for (let i = 0; i < CELLS; i++) {
      if (this.#blocked[i]) {
        out.push({ x: MIN_X + (i % GRID_WIDTH), y: MIN_Y + Math.floor(i / GRID_WIDTH) });
      }
    }
    return out;
  }

  /**
   * Whether a 4-neighbour path inside the bounds leads from `from` to `to` around obstacles
   * (breadth-first, like the original's `path_exists`). A target outside the bounds or on an
   * obstacle is never reached.
   */
  pathExists(fromX: number, fromY: number, toX: number, toY: number): boolean {
    if (fromX === toX && fromY === toY) return true;
    if (!inBounds(toX, toY) || !inBounds(fromX, fromY)) return false;
    const goal = cellIndex(toX, toY);
    if (this.#blocked[goal]) return false;
    stamp = (stamp + 1) >>> 0;
    if (stamp === 0) {
      visited.fill(0);
      stamp = 1;
    }
    let head = 0;
    let tail = 0;
    const start = cellIndex(fromX, fromY);
    queue[tail++] = start;
    visited[start] = stamp;
    const blocked = this.#blocked;
    while (head < tail) {
      const cell = queue[head++];
      if (cell === goal) return true;
      const x = cell % GRID_WIDTH;
      // Neighbours in the original's order: +x, -x, +y, -y.
      if (x < GRID_WIDTH - 1) tail = visit(cell + 1, blocked, tail);
      if (x > 0) tail = visit(cell - 1, blocked, tail);
      if (cell + GRID_WIDTH < CELLS) tail = visit(cell + GRID_WIDTH, blocked, tail);
      if (cell >= GRID_WIDTH) tail = visit(cell - GRID_WIDTH, blocked, tail);
    }
    return false;
  }

  /**
   * The original's grid line of sight (`los_clear`): from `from`, step x and y each by their sign
   * toward `to` (diagonally first, then straight), and fail on any obstacle met before `to`; the
   * starting cell counts, the target cell does not.
   */
  lineOfSight(fromX: number, fromY: number, toX: number, toY: number): boolean {
    let x = fromX;
    let y = fromY;
    const dx = Math.sign(toX - fromX);
    const dy = Math.sign(toY - fromY);
    while (x !== toX || y !== toY) {
      if (this.isBlocked(x, y)) return false;
      if (x !== toX) x += dx;
      if (y !== toY) y += dy;
    }
    return true;
  }
}

function visit(cell: number, blocked: Uint8Array, tail: number): number {
  if (blocked[cell] || visited[cell] === stamp) return tail;
  visited[cell] = stamp;
  queue[tail] = cell;
  return tail + 1;
}
