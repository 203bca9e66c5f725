/**
 * Rooms: axis-aligned rectangles of floor tiles with inclusive bounds, as in the Rust original.
 *
 * @module
 */

/** A point or vector on the tile grid. */
export interface Vec2 {
  /** Column, growing to the right. */
  x: number;
  /** Row, growing downward. */
  y: number;
}

/**
 * A room: the floor tiles from (`minX`, `minY`) to (`maxX`, `maxY`), both corners included. As in
 * the Rust original, {@link size} is `max - min`, so a room of size (w, h) covers (w + 1) × (h + 1)
 * tiles; {@link contains} and {@link overlaps} are inclusive of the edges.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Room } from "@astraweave/pcg";
 * const room = new Room(0, 0, 10, 10);
 * assert.deepEqual(room.center(), { x: 5, y: 5 });
 * assert.ok(room.contains(10, 10)); // bounds are inclusive
 * assert.ok(room.overlaps(new Room(10, 0, 12, 3))); // they share column 10
 * assert.ok(room.overlaps(new Room(12, 0, 14, 3), 2)); // within two tiles of each other
 * ```
 */
export class Room {
  /** The room with floor from (`minX`, `minY`) to (`maxX`, `maxY`), corners included. */
  constructor(
    readonly minX: number,
    readonly minY: number,
    readonly maxX: number,
    readonly maxY: number,
  ) {
    if (![minX, minY, maxX, maxY].every(Number.isSafeInteger) || maxX < minX || maxY < minY) {
      throw new RangeError(
        `room bounds must be integers with min <= max, got (${minX}, ${minY})-(${maxX}, ${maxY})`,
      );
    }
  }

  /** The center tile, `(min + max) / 2` rounded toward zero per axis (Rust integer division). */
  center(): Vec2 {
    return {
      x: Math.trunc((this.minX + this.maxX) / 2),
      y: Math.trunc((this.minY + this.maxY) / 2),
    };
  }

  /** `max - min` per axis (one less than the tile count), as the original defines it. */
  size(): Vec2 {
    return { x: this.maxX - this.minX, y: this.maxY - this.minY };
  }

  /** The number of floor tiles. */
  get area(): number {
    return (this.maxX - this.minX + 1) * (this.maxY - this.minY + 1);
  }

  /** Whether the tile (x, y) is inside, edges included. */
  contains(x: number, y: number): boolean {
    return x >= this.minX && x <= this.maxX && y >= this.minY && y <= this.maxY;
  }

  /**
   * Whether the two rooms share a tile (edges included) or, with `margin` > 0, come within
   * `margin` tiles of each other on both axes.
   */
  overlaps(other: Room, margin = 0): boolean {
    return !(
      this.maxX + margin < other.minX ||
      this.minX - margin > other.maxX ||
      this.maxY + margin < other.minY ||
      this.minY - margin > other.maxY
    );
  }
}
