/**
 * Views of a dungeon for people and tools: ASCII, SVG and JSON. All three are deterministic: the
 * same dungeon gives the same bytes.
 *
 * @module
 */

import type { Dungeon } from "./dungeon.ts";
import type { Encounter, EncounterKind } from "./encounters.ts";
import { Tile, type TileGrid } from "./grid.ts";

/** The part of a dungeon the renderers draw. */
export type Drawable = Pick<Dungeon, "grid" | "encounters">;

/** ASCII characters by {@link Tile} value: rock, wall, floor, corridor, door. */
const TILE_CHARS = " #..+";
const ENCOUNTER_CHARS: Record<EncounterKind, string> = { combat: "C", loot: "L", ambient: "A" };

/**
 * The map as text, one line per row (each ending in `\n`): `#` wall, `.` floor (rooms and
 * corridors), `+` door, `C` combat, `L` loot, `A` ambient, space for solid rock.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { generateDungeon, renderAscii } from "@astraweave/pcg";
 * const text = renderAscii(generateDungeon({ seed: 1, width: 40, height: 16, rooms: 4 }));
 * assert.equal(text.split("\n").length, 17); // 16 rows and the empty string after the last newline
 * ```
 */
export function renderAscii(dungeon: Drawable): string {
  const { tiles, width, height } = dungeon.grid;
  const rowBytes = width + 1;
  const out = new Uint8Array(rowBytes * height);
  const codes = Array.from(TILE_CHARS, (c) => c.charCodeAt(0));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[y * rowBytes + x] = codes[tiles[y * width + x]];
    out[y * rowBytes + width] = 10;
  }
  for (const e of dungeon.encounters) {
    out[e.y * rowBytes + e.x] = ENCOUNTER_CHARS[e.kind].charCodeAt(0);
  }
  return new TextDecoder().decode(out);
}

/** Options of {@link renderSvg}. */
export interface SvgOptions {
  /** Pixels per tile (default 12). */
  tileSize?: number;
  /** A title line, shown in the legend and as the SVG `<title>`. */
  title?: string;
}

const COLORS = {
  rock: "#16161d",
  [Tile.Wall]: "#5b5f6e",
  [Tile.Floor]: "#e2d8bf",
  [Tile.Corridor]: "#b7a888",
  [Tile.Door]: "#9a5b23",
  combat: "#c62828",
  loot: "#e0a800",
  ambient: "#1e6fd9",
} as const;

const LEGEND: [string, string][] = [
  [COLORS[Tile.Wall], "wall"],
  [COLORS[Tile.Floor], "floor"],
  [COLORS[Tile.Corridor], "corridor"],
  [COLORS[Tile.Door], "door"],
  [COLORS.combat, "C combat"],
  [COLORS.loot, "L loot"],
  [COLORS.ambient, "A ambient"],
];

const escapeXml = (text: string) =>
  text.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!);

/** One `<path>` per tile kind, each row's runs of that kind merged into one rectangle. */
function tilePaths(grid: TileGrid): string {
  const { tiles, width, height } = grid;
  const parts: string[] = [];
  for (const tile of [Tile.Wall, Tile.Floor, Tile.Corridor, Tile.Door]) {
    let d = "";
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (tiles[y * width + x] !== tile) continue;
        const start = x;
        while (x + 1 < width && tiles[y * width + x + 1] === tile) x++;
        d += `M${start} ${y}h${x - start + 1}v1h${start - x - 1}z`;
      }
    }
    if (d) parts.push(`<path fill="${COLORS[tile]}" d="${d}"/>`);
  }
  return parts.join("\n");
}

function describe(e: Encounter): string {
  const detail = e.kind === "combat"
    ? `${e.count} ${e.enemy}`
    : e.kind === "loot"
    ? e.item
    : e.event;
  return `${e.kind}: ${detail}, difficulty ${e.difficulty.toFixed(2)} at (${e.x}, ${e.y})`;
}

/**
 * The map as an SVG image: tiles as merged rectangles (coordinates in tiles, scaled by
 * `tileSize`), encounters as lettered discs with a tooltip, and a legend strip below the map.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { generateDungeon, renderSvg } from "@astraweave/pcg";
 * const svg = renderSvg(generateDungeon({ seed: 1 }), { tileSize: 8, title: "seed 1" });
 * assert.ok(svg.startsWith("<svg"));
 * assert.ok(svg.includes("seed 1"));
 * ```
 */
export function renderSvg(dungeon: Drawable, options: SvgOptions = {}): string {
  const tileSize = options.tileSize ?? 12;
  if (!(tileSize > 0) || !Number.isFinite(tileSize)) {
    throw new RangeError(`tileSize must be a positive number, got ${tileSize}`);
  }
  const { width, height } = dungeon.grid;
  const legendHeight = 2;
  const viewHeight = height + legendHeight;
  const title = escapeXml(options.title ?? `Dungeon ${width}x${height}`);
  const discs = dungeon.encounters.map((e) => {
    const cx = e.x + 0.5;
    const cy = e.y + 0.5;
    return `<g><title>${escapeXml(describe(e))}</title>` +
      `<circle cx="${cx}" cy="${cy}" r="0.45" fill="${COLORS[e.kind]}"/>` +
      `<text x="${cx}" y="${cy + 0.3}">${ENCOUNTER_CHARS[e.kind]}</text></g>`;
  });
  let legendX = 0.5;
  const legend = LEGEND.map(([color, label]) => {
    const item = `<rect x="${legendX}" y="${height + 0.5}" width="1" height="1" fill="${color}"/>` +
      `<text x="${legendX + 1.4}" y="${height + 1.3}">${label}</text>`;
    legendX += 2 + label.length * 0.55;
    return item;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width * tileSize}" height="${
      viewHeight * tileSize
    }" ` +
    `viewBox="0 0 ${width} ${viewHeight}" shape-rendering="crispEdges">`,
    `<title>${title}</title>`,
    `<rect width="${width}" height="${viewHeight}" fill="${COLORS.rock}"/>`,
    tilePaths(dungeon.grid),
    `<g font-family="monospace" font-size="0.8" font-weight="bold" text-anchor="middle" fill="#fff" ` +
    `shape-rendering="geometricPrecision">`,
    ...discs,
    `</g>`,
    `<g font-family="sans-serif" font-size="0.9" fill="#ddd">`,
    ...legend,
    `<text x="${width - 0.5}" y="${height + 1.3}" text-anchor="end">${title}</text>`,
    `</g>`,
    `</svg>`,
    "",
  ].join("\n");
}

/**
 * The dungeon as JSON (2-space indented): seed (decimal string), size, the ASCII map as an array
 * of rows, rooms, links, corridors, encounters, connectivity and placement statistics.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dungeonToJson, generateDungeon } from "@astraweave/pcg";
 * const data = JSON.parse(dungeonToJson(generateDungeon({ seed: 9 })));
 * assert.equal(data.seed, "9");
 * ```
 */
export function dungeonToJson(dungeon: Dungeon): string {
  const map = renderAscii(dungeon).split("\n");
  map.pop();
  return JSON.stringify(
    {
      seed: dungeon.seed.toString(),
      width: dungeon.width,
      height: dungeon.height,
      map,
      rooms: dungeon.rooms.map(({ minX, minY, maxX, maxY }) => ({ minX, minY, maxX, maxY })),
      links: dungeon.links.map(({ a, b }) => [a, b]),
      corridors: dungeon.corridors.map(({ a, b, points }) => ({
        a,
        b,
        points: points.map((p) => [p.x, p.y]),
      })),
      doors: dungeon.doors,
      encounters: dungeon.encounters,
      connectivity: dungeon.connectivity,
      roomStats: dungeon.roomStats,
      encounterStats: dungeon.encounterStats,
    },
    null,
    2,
  ) + "\n";
}
