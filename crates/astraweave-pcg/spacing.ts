/**
 * {@link SpacingIndex}: points on a grid, and the question "is this point at least d away from all
 * of them?" answered in O(1) at bounded density.
 *
 * @module
 */

/**
 * A bucket grid of points with a minimum spacing. Cells are at least `minSpacing` wide, so any
 * point closer than that lies in the 3 × 3 cells around the query's; each cell is a linked list
 * threaded through typed arrays (no allocation after construction).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpacingIndex } from "@astraweave/pcg";
 * const index = new SpacingIndex(100, 100, 5, 10);
 * index.add(10, 10);
 * assert.equal(index.isClear(13, 13), false); // 4.2 tiles away
 * assert.equal(index.isClear(15, 10), true); // exactly 5 away
 * assert.equal(index.isClear(10, 10), false); // the same tile, whatever the spacing
 * ```
 */
export class SpacingIndex {
  readonly #cell: number;
  readonly #cellsX: number;
  readonly #cellsY: number;
  readonly #minSquared: number;
  readonly #head: Int32Array;
  readonly #next: Int32Array;
  readonly #x: Int32Array;
  readonly #y: Int32Array;
  #count = 0;

  /**
   * An empty index over a width × height grid for up to `capacity` points that must be at least
   * `minSpacing` apart (Euclidean; two points never share a tile, even with spacing 0).
   */
  constructor(width: number, height: number, minSpacing: number, capacity: number) {
    if (!(minSpacing >= 0) || !Number.isFinite(minSpacing)) {
      throw new RangeError(`minSpacing must be a finite number >= 0, got ${minSpacing}`);
    }
    this.#cell = Math.max(1, Math.ceil(minSpacing));
    this.#cellsX = Math.ceil(width / this.#cell);
    this.#cellsY = Math.ceil(height / this.#cell);
    this.#minSquared = minSpacing * minSpacing;
    this.#head = new Int32Array(this.#cellsX * this.#cellsY).fill(-1);
    this.#next = new Int32Array(capacity);
    this.#x = new Int32Array(capacity);
    this.#y = new Int32Array(capacity);
  }

  /** Points added so far. */
  get size(): number {
    return this.#count;
  }

  /** Whether (x, y) is at least the spacing away from every point added (and on no point). */
  isClear(x: number, y: number): boolean {
    const cx = Math.floor(x / this.#cell);
    const cy = Math.floor(y / this.#cell);
    const x1 = Math.min(this.#cellsX - 1, cx + 1);
    const y1 = Math.min(this.#cellsY - 1, cy + 1);
    for (let by = Math.max(0, cy - 1); by <= y1; by++) {
      for (let bx = Math.max(0, cx - 1); bx <= x1; bx++) {
        for (let e = this.#head[by * this.#cellsX + bx]; e !== -1; e = this.#next[e]) {
          const dx = this.#x[e] - x;
          const dy = this.#y[e] - y;
          const d2 = dx * dx + dy * dy;
          if (d2 === 0 || d2 < this.#minSquared) return false;
        }
      }
    }
    return true;
  }

  /** Adds the point (x, y), inside the grid; the caller checks {@link isClear} first if it cares. */
  add(x: number, y: number): void {
    if (this.#count === this.#next.length) throw new RangeError("SpacingIndex is full");
    const e = this.#count++;
    const cell = Math.floor(y / this.#cell) * this.#cellsX + Math.floor(x / this.#cell);
    this.#x[e] = x;
    this.#y[e] = y;
    this.#next[e] = this.#head[cell];
    this.#head[cell] = e;
  }
}
