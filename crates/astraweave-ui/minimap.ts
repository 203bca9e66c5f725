/**
 * The minimap: a 150 px round map centred on the player, 5 ÷ zoom world units per pixel, zoom
 * clamped to [0.5, 3], optionally turning with the player. It holds points of interest (POIs) and
 * pings (3 s each), and maps both ways between the world and the map: a click on a turned map goes
 * back through the inverse rotation (the Rust HUD used the forward one, so clicks landed mirrored).
 *
 * @module
 */

/** The minimap's diameter in pixels. */
export const MINIMAP_SIZE = 150;
/** World units per pixel at zoom 1. */
export const UNITS_PER_PIXEL = 5;
/** Smallest zoom. */
export const MIN_ZOOM = 0.5;
/** Largest zoom. */
export const MAX_ZOOM = 3;
/** Seconds a ping lasts. */
export const PING_SECONDS = 3;

/** What a point of interest marks. */
export type PoiKind = "objective" | "vendor" | "danger" | "waypoint";

/** A point of interest. */
export interface Poi {
  /** Its id. */
  readonly id: number;
  /** What it marks. */
  kind: PoiKind;
  /** World x. */
  x: number;
  /** World y (the map's "down" is +y). */
  y: number;
  /** Its label. */
  label: string;
  /** Map x of its marker, px from the map's left edge (set by `update`). */
  mapX: number;
  /** Map y of its marker, px from the map's top edge (set by `update`). */
  mapY: number;
  /** Whether it is beyond the map's edge (its marker is pinned to the rim). */
  offMap: boolean;
}

/** A ping: a spot flashed on the map for {@link PING_SECONDS}. */
export interface Ping {
  /** World x. */
  readonly x: number;
  /** World y. */
  readonly y: number;
  /** Seconds since it was made. */
  age: number;
}

/**
 * The minimap's state.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Minimap } from "./minimap.ts";
 * const map = new Minimap();
 * map.setPlayer(100, 100, 0);
 * map.addPoi("vendor", 150, 100, "Smith");
 * map.update(0);
 * assert.deepEqual([map.pois[0].mapX, map.pois[0].mapY], [85, 75]); // 50 units = 10 px right
 * map.setZoom(10);
 * assert.equal(map.zoom, 3);
 * const world = map.toWorld(85, 75);
 * assert.ok(Math.abs(world.x - 116.67) < 0.01);
 * ```
 */
export class Minimap {
  /** The zoom, in [0.5, 3]. */
  zoom = 1;
  /** Whether the map turns with the player (the player's heading points up). */
  rotate = false;
  /** Player world x. */
  playerX = 0;
  /** Player world y. */
  playerY = 0;
  /** Player heading in radians (0 faces up the map, -y). */
  heading = 0;
  readonly #pois: Poi[] = [];
  readonly #pings: Ping[] = [];
  #nextId = 1;

  /** The POIs (do not modify the array). */
  get pois(): readonly Poi[] {
    return this.#pois;
  }

  /** The live pings (do not modify the array). */
  get pings(): readonly Ping[] {
    return this.#pings;
  }

  /** Sets the zoom, clamped to [{@link MIN_ZOOM}, {@link MAX_ZOOM}]. */
  setZoom(zoom: number): void {
    this.zoom = Number.isFinite(zoom) ? Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom)) : 1;
  }

  /** Moves the player. */
  setPlayer(x: number, y: number, heading: number): void {
    this.playerX = x;
    this.playerY = y;
    this.heading = heading;
  }

  /** Adds a POI; returns its id. */
  addPoi(kind: PoiKind, x: number, y: number, label: string): number {
    const id = this.#nextId++;
    this.#pois.push({ id, kind, x, y, label, mapX: 0, mapY: 0, offMap: false });
    return id;
  }

  /** Removes POI `id`. */
  removePoi(id: number): void {
    const i = this.#pois.findIndex((p) => p.id === id);
    if (i >= 0) this.#pois.splice(i, 1);
  }

  /** Flashes a ping at world (`x`, `y`). */
  ping(x: number, y: number): void {
    this.#pings.push({ x, y, age: 0 });
  }

  /** Ages the pings by `dt` seconds and places every POI's marker. */
  update(dt: number): void {
    const pings = this.#pings;
    let kept = 0;
    for (let i = 0; i < pings.length; i++) {
      pings[i].age += dt;
      if (pings[i].age < PING_SECONDS) pings[kept++] = pings[i];
    }
    pings.length = kept;
    const scale = this.zoom / UNITS_PER_PIXEL, half = MINIMAP_SIZE / 2;
    const angle = this.rotate ? -this.heading : 0;
    const cos = Math.cos(angle), sin = Math.sin(angle);
    for (let i = 0; i < this.#pois.length; i++) {
      const poi = this.#pois[i];
      const dx = (poi.x - this.playerX) * scale, dy = (poi.y - this.playerY) * scale;
      let rx = dx * cos - dy * sin, ry = dx * sin + dy * cos;
      const distance = Math.hypot(rx, ry);
      poi.offMap = distance > half;
      if (poi.offMap) {
        rx *= half / distance;
        ry *= half / distance;
      }
      poi.mapX = half + rx;
      poi.mapY = half + ry;
    }
  }

  /** The world point under map pixel (`mapX`, `mapY`): the exact inverse of the marker placement. */
  toWorld(mapX: number, mapY: number): { x: number; y: number } {
    const unitsPerPx = UNITS_PER_PIXEL / this.zoom, half = MINIMAP_SIZE / 2;
    const angle = this.rotate ? this.heading : 0;
    const cos = Math.cos(angle), sin = Math.sin(angle);
    const rx = mapX - half, ry = mapY - half;
    return {
      x: this.playerX + (rx * cos - ry * sin) * unitsPerPx,
      y: this.playerY + (rx * sin + ry * cos) * unitsPerPx,
    };
  }
}
