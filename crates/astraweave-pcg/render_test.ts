import assert from "node:assert/strict";
import { generateDungeon } from "./dungeon.ts";
import type { Encounter } from "./encounters.ts";
import { Tile, TileGrid } from "./grid.ts";
import { dungeonToJson, renderAscii, renderSvg } from "./render.ts";

function sampleGrid(): TileGrid {
  const grid = new TileGrid(6, 4);
  const rows = [" #### ", " #..+ ", " #.,# ", " #### "];
  const kinds: Record<string, Tile> = {
    " ": Tile.Rock,
    "#": Tile.Wall,
    ".": Tile.Floor,
    ",": Tile.Corridor,
    "+": Tile.Door,
  };
  rows.forEach((row, y) => [...row].forEach((c, x) => grid.set(x, y, kinds[c])));
  return grid;
}

const encounters: Encounter[] = [
  { kind: "combat", x: 2, y: 1, difficulty: 2.5, room: 0, enemy: "orc", count: 2 },
  { kind: "loot", x: 3, y: 1, difficulty: 1, room: 0, item: '<gold & "gems">' },
  { kind: "ambient", x: 2, y: 2, difficulty: 4.25, room: 0, event: "merchant" },
];

Deno.test("renderAscii maps every tile kind and encounter to its character", () => {
  assert.equal(
    renderAscii({ grid: sampleGrid(), encounters: [] }),
    " #### \n #..+ \n #..# \n #### \n",
  );
  assert.equal(renderAscii({ grid: sampleGrid(), encounters }), " #### \n #CL+ \n #A.# \n #### \n");
});

/** The area covered by each fill colour's path (`M x y h w v 1 h -w z` runs). */
function areaByColor(svg: string): Map<string, number> {
  const areas = new Map<string, number>();
  for (const [, color, d] of svg.matchAll(/<path fill="(#[0-9a-f]{6})" d="([^"]*)"\/>/g)) {
    let area = 0;
    for (const [, w] of d.matchAll(/M\d+ \d+h(\d+)v1h-\d+z/g)) area += Number(w);
    assert.equal(d.replace(/M\d+ \d+h\d+v1h-\d+z/g, ""), "", "only unit-height runs");
    areas.set(color, area);
  }
  return areas;
}

Deno.test("renderSvg covers each tile kind exactly, draws each encounter once, escapes text", () => {
  const svg = renderSvg({ grid: sampleGrid(), encounters }, {
    tileSize: 10,
    title: "a <test> & more",
  });
  assert.match(
    svg,
    /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="60" height="60" viewBox="0 0 6 6"/,
  );
  assert.ok(svg.endsWith("</svg>\n"));
  const areas = areaByColor(svg);
  assert.deepEqual([...areas.values()], [11, 3, 1, 1], "walls, floor, corridor, door");
  assert.equal(svg.match(/<circle /g)!.length, 3);
  assert.ok(svg.includes("<title>a &lt;test&gt; &amp; more</title>"));
  assert.ok(svg.includes("loot: &lt;gold &amp; &quot;gems&quot;&gt;, difficulty 1.00 at (3, 1)"));
  assert.ok(svg.includes("combat: 2 orc, difficulty 2.50 at (2, 1)"));
  assert.ok(!/<[a-z]+[^>]*<"/.test(svg));
  assert.throws(() => renderSvg({ grid: sampleGrid(), encounters }, { tileSize: 0 }), RangeError);
});

Deno.test("renderSvg of a generated dungeon accounts for every tile", () => {
  const d = generateDungeon({ seed: 5, width: 70, height: 30, rooms: 9 });
  const svg = renderSvg(d);
  const counts = new Map<number, number>();
  for (const t of d.grid.tiles) counts.set(t, (counts.get(t) ?? 0) + 1);
  const areas = [...areaByColor(svg).values()];
  assert.deepEqual(
    areas,
    [Tile.Wall, Tile.Floor, Tile.Corridor, Tile.Door].map((t) => counts.get(t) ?? 0),
  );
  assert.equal(svg.match(/<circle /g)!.length, d.encounters.length);
});

Deno.test("dungeonToJson round-trips the map, rooms, encounters and statistics", () => {
  const d = generateDungeon({ seed: 0xabcdefn, width: 50, height: 20, rooms: 5, encounters: 7 });
  const text = dungeonToJson(d);
  assert.ok(text.endsWith("}\n"));
  const data = JSON.parse(text);
  assert.equal(data.seed, "11259375");
  assert.deepEqual(data.map, renderAscii(d).split("\n").slice(0, -1));
  assert.equal(data.map.length, 20);
  assert.deepEqual(
    data.rooms,
    d.rooms.map(({ minX, minY, maxX, maxY }) => ({ minX, minY, maxX, maxY })),
  );
  assert.deepEqual(data.encounters, d.encounters);
  assert.deepEqual(data.links, d.links.map(({ a, b }) => [a, b]));
  assert.equal(data.connectivity.connected, true);
  assert.deepEqual(data.roomStats, d.roomStats);
});
