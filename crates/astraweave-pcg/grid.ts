/**
 * The tile grid a dungeon is carved into.
 *
 * @module
 */

/**
 * What a tile is. `Rock` is solid ground outside the dungeon; `Wall` borders every walkable tile;
 * `Floor` is a room's floor, `Corridor` a corridor's, `Door` a corridor passing through a room's
 * wall.
 */
export const Tile = { Rock: 0, Wall: 1, Floor: 2, Corridor: 3, Door: 4 } as const;
/** One of the {@link Tile} values. */
export type Tile = typeof Tile[keyof typeof Tile];

/** Whether a tile can be walked on (floor, corridor or door). */
export const isWalkable = (tile: number): boolean => tile >= Tile.Floor;

/**
 * A width × height grid of {@link Tile}s in one `Uint8Array`, row by row (`index = y * width + x`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Tile, TileGrid } from "@astraweave/pcg";
 * const grid = new TileGrid(4, 3);
 * grid.set(1, 1, Tile.Floor);
 * assert.equal(grid.get(1, 1), Tile.Floor);
 * assert.equal(grid.get(-1, 0), Tile.Rock); // outside the grid is rock
 * ```
 */
export class TileGrid {
  /** The tiles, row by row. */
  readonly tiles: Uint8Array;

  /**
   * A `width` × `height` grid of rock.
   *
   * @throws {RangeError} when a side is not a positive integer.
   */
  constructor(readonly width: number, readonly height: number) {
    if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
      throw new RangeError(`grid size must be positive integers, got ${width}x${height}`);
    }
    this.tiles = new Uint8Array(width * height);
  }

  /** The tile at (x, y); `Rock` outside the grid. */
  get(x: number, y: number): Tile {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return Tile.Rock;
    return this.tiles[y * this.width + x] as Tile;
  }

  /** Sets the tile at (x, y), which must be inside the grid. */
  set(x: number, y: number, tile: Tile): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) {
      throw new RangeError(`(${x}, ${y}) is outside the ${this.width}x${this.height} grid`);
    }
    this.tiles[y * this.width + x] = tile;
  }
}
