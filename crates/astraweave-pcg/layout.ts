/**
 * Room layout: rooms placed by bounded rejection sampling, then linked into a chain (with a few
 * extra links that make loops).
 *
 * @module
 */

import { Room, type Vec2 } from "./room.ts";
import type { SeedRng } from "./rng.ts";

/** What {@link generateLayout} is asked for. Sizes are extents (`max - min`), as in {@link Room}. */
export interface LayoutOptions {
  /** Grid width in tiles. */
  width: number;
  /** Grid height in tiles. */
  height: number;
  /** How many rooms to place. */
  rooms: number;
  /** Smallest room extent per axis (default `{x: 3, y: 2}`: 4 × 3 tiles). */
  roomMinSize?: Vec2;
  /** Largest room extent per axis (default `{x: 9, y: 5}`: 10 × 6 tiles). */
  roomMaxSize?: Vec2;
  /** At least this many tiles between the floors of two rooms, at least 1 (default 2). */
  roomGap?: number;
  /** Placement attempts per room before giving it up (default 100, as in the original). */
  attemptsPerRoom?: number;
  /**
   * Links beyond the chain, which make loops (default ⌊n / 3⌋, at least 1 from 3 rooms, where n
   * is the rooms requested or, when fewer can ever fit, {@link maxRoomsThatFit}).
   */
  extraLinks?: number;
}

/** Two linked rooms, by index into {@link Layout.rooms}; `a < b`. */
export interface RoomLink {
  /** The lower room index. */
  a: number;
  /** The higher room index. */
  b: number;
}

/** The rooms, their links, and how placement went. */
export interface Layout {
  /** Grid width in tiles. */
  width: number;
  /** Grid height in tiles. */
  height: number;
  /** Placed rooms in chain order: room i is linked to room i + 1. */
  rooms: Room[];
  /** The chain links (i, i + 1), then the extra links. */
  links: RoomLink[];
  /** Rooms asked for. */
  requested: number;
  /** Rooms placed (`rooms.length`). */
  placed: number;
  /** Placement attempts made (candidate rectangles drawn and tested). */
  attempts: number;
  /**
   * The most rooms that could ever fit ({@link maxRoomsThatFit}): a request above it is impossible,
   * while one at or below it may still fall short by bad luck.
   */
  capacity: number;
  /** Why fewer rooms than requested were placed; absent when all were. */
  shortfall?: string;
}

/** The largest grid side accepted, in tiles. */
export const MAX_GRID_SIDE = 10_000;
/** The largest grid accepted, in tiles (width × height): 16 MiB of tiles. */
export const MAX_GRID_TILES = 1 << 24;

const DEFAULT_MIN_SIZE: Vec2 = { x: 3, y: 2 };
const DEFAULT_MAX_SIZE: Vec2 = { x: 9, y: 5 };

function requireInt(value: number, name: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const bound = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${name} must be an integer ${bound}, got ${value}`);
  }
}

/** The resolved options, validated; throws RangeError naming the first bad one. */
export function resolveLayoutOptions(options: LayoutOptions): Required<LayoutOptions> {
  const { width, height, rooms } = options;
  requireInt(width, "width", 1, MAX_GRID_SIDE);
  requireInt(height, "height", 1, MAX_GRID_SIDE);
  if (width * height > MAX_GRID_TILES) {
    throw new RangeError(
      `width x height must be at most ${MAX_GRID_TILES} tiles, got ${width * height}`,
    );
  }
  requireInt(rooms, "rooms", 0);
  const roomMinSize = options.roomMinSize ?? DEFAULT_MIN_SIZE;
  const roomMaxSize = options.roomMaxSize ?? DEFAULT_MAX_SIZE;
  requireInt(roomMinSize.x, "roomMinSize.x", 0, MAX_GRID_SIDE);
  requireInt(roomMinSize.y, "roomMinSize.y", 0, MAX_GRID_SIDE);
  requireInt(roomMaxSize.x, "roomMaxSize.x", roomMinSize.x, MAX_GRID_SIDE);
  requireInt(roomMaxSize.y, "roomMaxSize.y", roomMinSize.y, MAX_GRID_SIDE);
  const roomGap = options.roomGap ?? 2;
  requireInt(roomGap, "roomGap", 1, MAX_GRID_SIDE);
  const attemptsPerRoom = options.attemptsPerRoom ?? 100;
  requireInt(attemptsPerRoom, "attemptsPerRoom", 1);
  const extraLinks = options.extraLinks ?? defaultExtraLinks(rooms);
  requireInt(extraLinks, "extraLinks", 0);
  return { width, height, rooms, roomMinSize, roomMaxSize, roomGap, attemptsPerRoom, extraLinks };
}

function defaultExtraLinks(rooms: number): number {
  return rooms >= 3 ? Math.max(1, Math.floor(rooms / 3)) : 0;
}

/**
 * Why no room can ever fit, or `undefined` when the smallest room (with its walls, and the grid's
 * border of wall) fits the grid.
 */
export function roomFitProblem(options: LayoutOptions): string | undefined {
  const { width, height, roomMinSize } = resolveLayoutOptions(options);
  // A room's floor stays off the grid's outer ring, which holds its walls.
  if (roomMinSize.x + 3 <= width && roomMinSize.y + 3 <= height) return undefined;
  return `the smallest room (${roomMinSize.x + 1}x${
    roomMinSize.y + 1
  } tiles plus a wall around it) ` +
    `does not fit a ${width}x${height} grid`;
}

/**
 * An upper bound on how many rooms can fit: each room with `roomGap` tiles to its right and below
 * it covers a box that no other room's box overlaps, and all boxes lie in a
 * (width - 2 + gap) x (height - 2 + gap) area. Requests above it are impossible, whatever the luck.
 */
export function maxRoomsThatFit(options: LayoutOptions): number {
  const { width, height, roomMinSize, roomGap } = resolveLayoutOptions(options);
  if (roomFitProblem(options) !== undefined) return 0;
  const box = (roomMinSize.x + 1 + roomGap) * (roomMinSize.y + 1 + roomGap);
  return Math.floor(((width - 2 + roomGap) * (height - 2 + roomGap)) / box);
}

/**
 * Places rooms by rejection sampling: for each requested room, up to `attemptsPerRoom` times, draw
 * a size and a position and keep the room unless it comes within `roomGap` tiles of a placed one.
 * Overlap tests use a bucket grid, so each costs O(1) at a given room density. Placed rooms are
 * then put in the order of their centers along a Hilbert curve (neighbours in the chain are near
 * each other on the map) and linked in that order, plus `extraLinks` links between rooms two or
 * three apart in the chain.
 *
 * Bounded: at most `attemptsPerRoom` attempts for each room up to {@link maxRoomsThatFit}, none
 * beyond it and none when no room can fit; the result says how many rooms were placed and why any
 * are missing. Draws only from `rng`.
 *
 * @throws {RangeError} on invalid options (negative counts, min above max, a grid over
 * {@link MAX_GRID_TILES}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { generateLayout, SeedRng } from "@astraweave/pcg";
 * const layout = generateLayout(new SeedRng(7, "rooms"), { width: 80, height: 25, rooms: 8 });
 * assert.equal(layout.placed, 8);
 * assert.deepEqual(layout.links[0], { a: 0, b: 1 });
 * ```
 */
export function generateLayout(rng: SeedRng, options: LayoutOptions): Layout {
  const resolved = resolveLayoutOptions(options);
  const { width, height, rooms: requested, roomGap, attemptsPerRoom } = resolved;
  const fitProblem = roomFitProblem(resolved);
  const capacity = maxRoomsThatFit(resolved);
  const target = Math.min(requested, capacity);
  if (fitProblem !== undefined || requested === 0) {
    return {
      width,
      height,
      rooms: [],
      links: [],
      requested,
      placed: 0,
      attempts: 0,
      capacity,
      ...(fitProblem && requested > 0
        ? { shortfall: `placed 0 of ${requested} rooms: ${fitProblem}` }
        : {}),
    };
  }
  const minW = resolved.roomMinSize.x;
  const minH = resolved.roomMinSize.y;
  // Rooms bigger than the grid allows are clamped, so every drawn size fits somewhere.
  const maxW = Math.min(resolved.roomMaxSize.x, width - 3);
  const maxH = Math.min(resolved.roomMaxSize.y, height - 3);

  // Bucket grid: a cell is at least as wide as the widest room, so a room touches at most 2 x 2
  // cells. Each bucket is a linked list threaded through `entryNext`.
  const cellW = maxW + 1 + roomGap;
  const cellH = maxH + 1 + roomGap;
  const cellsX = Math.ceil(width / cellW);
  const cellsY = Math.ceil(height / cellH);
  const bucketHead = new Int32Array(cellsX * cellsY).fill(-1);
  const entryNext = new Int32Array(target * 4);
  const entryRoom = new Int32Array(target * 4);
  let entries = 0;
  const bounds = new Int32Array(target * 4); // minX, minY, maxX, maxY per placed room
  let placed = 0;
  let attempts = 0;

  for (let r = 0; r < target; r++) {
    for (let attempt = 0; attempt < attemptsPerRoom; attempt++) {
      attempts++;
      const w = rng.genRange(minW, maxW + 1);
      const h = rng.genRange(minH, maxH + 1);
      const x0 = rng.genRange(1, width - 1 - w);
      const y0 = rng.genRange(1, height - 1 - h);
      const x1 = x0 + w;
      const y1 = y0 + h;
      if (collides(x0 - roomGap, y0 - roomGap, x1 + roomGap, y1 + roomGap)) continue;
      const k = placed * 4;
      bounds[k] = x0;
      bounds[k + 1] = y0;
      bounds[k + 2] = x1;
      bounds[k + 3] = y1;
      for (let cy = Math.floor(y0 / cellH); cy <= Math.floor(y1 / cellH); cy++) {
        for (let cx = Math.floor(x0 / cellW); cx <= Math.floor(x1 / cellW); cx++) {
          const cell = cy * cellsX + cx;
          entryRoom[entries] = placed;
          entryNext[entries] = bucketHead[cell];
          bucketHead[cell] = entries++;
        }
      }
      placed++;
      break;
    }
  }

  function collides(qx0: number, qy0: number, qx1: number, qy1: number): boolean {
    const cx0 = Math.max(0, Math.floor(qx0 / cellW));
    const cy0 = Math.max(0, Math.floor(qy0 / cellH));
    const cx1 = Math.min(cellsX - 1, Math.floor(qx1 / cellW));
    const cy1 = Math.min(cellsY - 1, Math.floor(qy1 / cellH));
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        for (let e = bucketHead[cy * cellsX + cx]; e !== -1; e = entryNext[e]) {
          const k = entryRoom[e] * 4;
          if (
            qx1 >= bounds[k] && qx0 <= bounds[k + 2] && qy1 >= bounds[k + 1] && qy0 <= bounds[k + 3]
          ) {
            return true;
          }
        }
      }
    }
    return false;
  }

  const rooms = chainOrder(bounds, placed, width, height);
  // The default follows the rooms that can fit, not the request: asking for a billion rooms
  // must not draw a third of a billion links.
  const extraLinks = options.extraLinks ?? defaultExtraLinks(target);
  const links = linkRooms(rng, rooms.length, extraLinks);
  const layout: Layout = { width, height, rooms, links, requested, placed, attempts, capacity };
  if (placed < requested) {
    const smallest = `${resolved.roomMinSize.x + 1}x${resolved.roomMinSize.y + 1}`;
    layout.shortfall = `placed ${placed} of ${requested} rooms in ${attempts} attempts: ` +
      (requested > capacity
        ? `at most ${capacity} rooms of at least ${smallest} tiles, ${roomGap} apart, fit a ${width}x${height} grid`
        : `the ${width}x${height} grid is too crowded (${attemptsPerRoom} attempts per room)`);
  }
  return layout;
}

/** The rooms as `Room`s, sorted by the Hilbert-curve index of their centers. */
function chainOrder(bounds: Int32Array, count: number, width: number, height: number): Room[] {
  let side = 1;
  while (side < width || side < height) side *= 2;
  const keyed = new Array<{ key: number; room: Room }>(count);
  for (let i = 0; i < count; i++) {
    const k = i * 4;
    const room = new Room(bounds[k], bounds[k + 1], bounds[k + 2], bounds[k + 3]);
    const c = room.center();
    keyed[i] = { key: hilbertIndex(side, c.x, c.y), room };
  }
  // Centers of disjoint rooms differ, so keys are distinct and the order is total.
  keyed.sort((p, q) => p.key - q.key);
  return keyed.map((entry) => entry.room);
}

/** The distance of (x, y) along the Hilbert curve filling a side × side square (side a power of 2). */
export function hilbertIndex(side: number, x: number, y: number): number {
  let d = 0;
  for (let s = side >>> 1; s > 0; s >>>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      // Rotate the quadrant so the curve's sub-square is in standard orientation.
      if (rx === 1) {
        x = side - 1 - x;
        y = side - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}

/** The chain (i, i + 1) and `extra` links between rooms two or three apart, without duplicates. */
function linkRooms(rng: SeedRng, count: number, extra: number): RoomLink[] {
  const links: RoomLink[] = [];
  for (let i = 0; i + 1 < count; i++) links.push({ a: i, b: i + 1 });
  if (count < 3) return links;
  const seen = new Set<number>();
  // Room a links to a + 2 or a + 3 (clamped to the last room): 2 * count - 5 distinct links. Past
  // that, further draws could only repeat one.
  const distinct = 2 * count - 5;
  for (let e = 0; e < extra && seen.size < distinct; e++) {
    const a = rng.genRange(0, count - 2);
    const b = Math.min(count - 1, a + rng.genRange(2, 4));
    const key = a * count + b;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ a, b });
  }
  return links;
}
