/**
 * `deno task terrain chunk --seed S --x X --z Z [options]`: generates one terrain chunk and prints
 * its height statistics and biome counts; `--pgm FILE` also writes the heightmap as a greyscale
 * PGM image (black the lowest height, white the highest). {@link terrainCommand} is the whole
 * command as a function from arguments to output, so tests run it without a process.
 *
 * @module
 */

import {
  BIOME_TYPES,
  defaultWorldConfig,
  type Heightmap,
  MAX_RESOLUTION,
  WorldGenerator,
} from "@astraweave/terrain";
import {
  integerOption,
  noPositionals,
  numberOption,
  parseCli,
  runCli,
  UsageError,
  writeStdout,
  writeUserFile,
} from "./cli.ts";
import { seedOption } from "./seed_option.ts";

/** The help text of `deno task terrain --help`. */
export const TERRAIN_HELP = `Generate terrain chunks from a seed.

Usage: deno task terrain chunk --seed S --x X --z Z [options]

Generates chunk (X, Z) of the world of seed S (heights from Perlin, ridged and billow noise,
a biome per sample from height, temperature and moisture, then hydraulic erosion, as the Rust
astraweave-terrain does) and prints the lowest, highest and mean height and how many samples
each biome has. The same arguments always give the same output.

Options:
  --seed S          seed: decimal or 0x-hex integer, 0 to 2^64 - 1 (required)
  --x X, --z Z      chunk coordinates, integers from -1000000 to 1000000 (required)
  --resolution N    samples per chunk side, 2 to ${MAX_RESOLUTION} (default 128)
  --size M          chunk side in metres, above 0 up to 100000 (default 256)
  --no-erosion      skip the erosion pass
  --pgm FILE        also write the heightmap to FILE as a binary PGM image
  --json            print the summary as JSON
  -h, --help        show this help

Exit status: 0 on success, 2 on bad arguments.
`;

const MAX_CHUNK_COORDINATE = 1_000_000;

/** What the command produced: text for stdout and, with `--pgm`, an image to write. */
export interface TerrainCommandResult {
  /** The summary, or the help text. */
  output: string;
  /** The PGM image's path as given (relative to the user's directory) and bytes, when asked for. */
  image?: { path: string; bytes: Uint8Array };
}

/**
 * The heightmap as a binary (P5) 8-bit PGM: row z of the image is row z of the map, heights
 * scaled from the map's lowest (0) to its highest (255); a flat map is all 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Heightmap } from "@astraweave/terrain";
 * import { heightmapToPgm } from "./terrain.ts";
 * const map = new Heightmap(2, Float32Array.of(0, 10, 5, 10));
 * const pgm = heightmapToPgm(map);
 * assert.equal(new TextDecoder().decode(pgm.subarray(0, 11)), "P5\n2 2\n255\n");
 * assert.deepEqual([...pgm.subarray(11)], [0, 255, 128, 255]);
 * ```
 */
export function heightmapToPgm(map: Heightmap): Uint8Array {
  const r = map.resolution;
  const header = new TextEncoder().encode(`P5\n${r} ${r}\n255\n`);
  const out = new Uint8Array(header.length + r * r);
  out.set(header);
  const range = map.maxHeight - map.minHeight;
  const scale = range > 0 ? 255 / range : 0;
  for (let i = 0; i < r * r; i++) {
    out[header.length + i] = Math.round((map.data[i] - map.minHeight) * scale);
  }
  return out;
}

const fixed = (value: number) => value.toFixed(2);

/**
 * Runs the command on `args` (as in `Deno.args`).
 *
 * @throws {UsageError} one line naming the bad argument.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { terrainCommand } from "./terrain.ts";
 * const { output } = terrainCommand(["chunk", "--seed", "1", "--x", "0", "--z", "0", "--resolution", "16"]);
 * assert.match(output, /^chunk \(0, 0\) of seed 1: 16x16 samples over 256 m, erosion on\n/);
 * assert.throws(() => terrainCommand(["chunk", "--seed", "1", "--x", "0.5", "--z", "0"]), /--x must be an integer/);
 * ```
 */
export function terrainCommand(args: readonly string[]): TerrainCommandResult {
  const { values, positionals } = parseCli(args, {
    seed: { type: "string" },
    x: { type: "string" },
    z: { type: "string" },
    resolution: { type: "string" },
    size: { type: "string" },
    "no-erosion": { type: "boolean" },
    pgm: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help || positionals[0] === "help") return { output: TERRAIN_HELP };
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError("a command is required: chunk (see --help)");
  if (command !== "chunk") throw new UsageError(`unknown command "${command}" (see --help)`);
  noPositionals(rest);
  const seed = seedOption(values);
  const range = { min: -MAX_CHUNK_COORDINATE, max: MAX_CHUNK_COORDINATE };
  const x = integerOption(values, "x", range);
  const z = integerOption(values, "z", range);
  if (x === undefined) throw new UsageError("--x is required (see --help)");
  if (z === undefined) throw new UsageError("--z is required (see --help)");
  const resolution = integerOption(values, "resolution", { min: 2, max: MAX_RESOLUTION }) ?? 128;
  const chunkSize = numberOption(values, "size", { min: Number.MIN_VALUE, max: 100_000 }) ?? 256;
  const pgm = values.pgm as string | undefined;
  if (pgm === "") throw new UsageError("--pgm needs a file name");
  const erosion = !values["no-erosion"];

  const config = { ...defaultWorldConfig(), seed, chunkSize, heightmapResolution: resolution };
  config.noise.erosionEnabled = erosion;
  const chunk = new WorldGenerator(config).generateChunk(x, z);
  const map = chunk.heightmap;
  let total = 0;
  for (let i = 0; i < map.data.length; i++) total += map.data[i];
  const mean = total / map.data.length;
  const counts = chunk.biomeCounts();
  const biomes = BIOME_TYPES.filter((b) => counts[b] > 0).map((b) => [b, counts[b]] as const);
  const image = pgm === undefined ? undefined : { path: pgm, bytes: heightmapToPgm(map) };
  if (values.json) {
    const summary = {
      seed: seed.toString(),
      x,
      z,
      resolution,
      chunkSize,
      erosion,
      height: { min: map.minHeight, max: map.maxHeight, mean },
      biomes: Object.fromEntries(biomes),
    };
    return { output: JSON.stringify(summary) + "\n", image };
  }
  const lines = [
    `chunk (${x}, ${z}) of seed ${seed}: ${resolution}x${resolution} samples over ${chunkSize} m, ` +
    `erosion ${erosion ? "on" : "off"}`,
    `height: min ${fixed(map.minHeight)} m, max ${fixed(map.maxHeight)} m, mean ${fixed(mean)} m`,
    `biomes: ${biomes.map(([b, n]) => `${b} ${n}`).join(", ")}`,
  ];
  if (image) lines.push(`wrote ${pgm} (PGM, ${resolution}x${resolution})`);
  return { output: lines.join("\n") + "\n", image };
}

function main(): void {
  const result = terrainCommand(Deno.args);
  if (result.image) writeUserFile(result.image.path, result.image.bytes);
  writeStdout(new TextEncoder().encode(result.output));
}

if (import.meta.main) await runCli("terrain", main);
