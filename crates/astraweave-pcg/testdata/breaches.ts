// Test helper: where corridors open a room other than through a door.

import { isWalkable, Tile, type TileGrid } from "../grid.ts";
import type { Room } from "../room.ts";

/**
 * The tiles of each room's wall (the ring around its floor, corners excluded: those touch no
 * floor tile) that are walkable but not a door, as "room r: (x, y)" strings. Empty when every
 * way into every room goes through a door.
 */
export function roomBreaches(grid: TileGrid, rooms: readonly Room[]): string[] {
  const breaches: string[] = [];
  rooms.forEach((room, r) => {
    const ring: [number, number][] = [];
    for (let x = room.minX; x <= room.maxX; x++) ring.push([x, room.minY - 1], [x, room.maxY + 1]);
    for (let y = room.minY; y <= room.maxY; y++) ring.push([room.minX - 1, y], [room.maxX + 1, y]);
    for (const [x, y] of ring) {
      const tile = grid.get(x, y);
      if (isWalkable(tile) && tile !== Tile.Door) breaches.push(`room ${r}: (${x}, ${y})`);
    }
  });
  return breaches;
}
