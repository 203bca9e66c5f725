// The terrain tool, run as a real process the way `deno task terrain` runs it.
import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "@astraweave/testing";
import { assertUsageError, runTask, type TaskRun } from "./task_testing.ts";

const terrain = (args: string[], cwd?: string) => runTask("terrain", args, { cwd });
const assertBadInput = (run: TaskRun, message: RegExp) => assertUsageError(run, "terrain", message);

Deno.test("terrain --help exits 0 and names every option", async () => {
  for (const args of [["--help"], ["chunk", "-h"], ["help"]]) {
    const run = await terrain(args);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Generate terrain chunks from a seed/);
    for (const option of ["--seed", "--x X, --z Z", "--resolution", "--pgm", "--no-erosion"]) {
      assert.ok(run.stdout.includes(option), option);
    }
  }
});

Deno.test("terrain chunk prints the statistics and biome counts; the same arguments, the same bytes", async () => {
  const args = ["chunk", "--seed", "12345", "--x", "1", "--z", "-2", "--resolution", "32"];
  const run = await terrain(args);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.trimEnd().split("\n");
  assert.equal(lines[0], "chunk (1, -2) of seed 12345: 32x32 samples over 256 m, erosion on");
  assert.match(lines[1], /^height: min -?\d+\.\d\d m, max \d+\.\d\d m, mean \d+\.\d\d m$/);
  assert.match(lines[2], /^biomes: (grassland|desert|forest|mountain) \d+/);
  const total = [...lines[2].matchAll(/ (\d+)/g)].reduce((s, m) => s + Number(m[1]), 0);
  assert.equal(total, 32 * 32);
  assert.equal((await terrain(args)).stdout, run.stdout);
  const other = await terrain([
    "chunk",
    "--seed",
    "12346",
    "--x",
    "1",
    "--z",
    "-2",
    "--resolution",
    "32",
  ]);
  assert.notEqual(other.stdout.split("\n")[1], lines[1]);
});

Deno.test("terrain chunk --json and --no-erosion", async () => {
  const run = await terrain([
    "chunk",
    "--seed",
    "0x10",
    "--x",
    "0",
    "--z",
    "0",
    "--resolution",
    "16",
    "--no-erosion",
    "--json",
  ]);
  assert.equal(run.code, 0, run.stderr);
  const summary = JSON.parse(run.stdout);
  assert.equal(summary.seed, "16");
  assert.equal(summary.erosion, false);
  assert.ok(summary.height.min >= 0 && summary.height.max >= summary.height.mean);
  assert.equal(
    Object.values(summary.biomes as Record<string, number>).reduce((a, b) => a + b),
    256,
  );
});

Deno.test("terrain chunk --pgm writes a binary PGM relative to the user's directory", async () => {
  await withTempDir(async (dir) => {
    const run = await terrain([
      "chunk",
      "--seed",
      "3",
      "--x",
      "0",
      "--z",
      "0",
      "--resolution",
      "20",
      "--pgm",
      "map.pgm",
    ], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /wrote map\.pgm \(PGM, 20x20\)\n$/);
    const bytes = await Deno.readFile(join(dir, "map.pgm"));
    const header = "P5\n20 20\n255\n";
    assert.equal(new TextDecoder().decode(bytes.subarray(0, header.length)), header);
    assert.equal(bytes.length, header.length + 400);
    const pixels = bytes.subarray(header.length);
    assert.ok(pixels.includes(0) && pixels.includes(255)); // lowest black, highest white
  });
});

Deno.test("terrain: bad input is one line on stderr and exit 2", async () => {
  const cases: [string[], RegExp][] = [
    [[], /a command is required/],
    [["grow"], /unknown command "grow"/],
    [["chunk", "--x", "0", "--z", "0"], /--seed is required/],
    [["chunk", "--seed", "1", "--z", "0"], /--x is required/],
    [["chunk", "--seed", "-5", "--x", "0", "--z", "0"], /--seed must not be negative/],
    [["chunk", "--seed", "1", "--x", "NaN", "--z", "0"], /--x must be an integer/],
    [["chunk", "--seed", "1", "--x", "0", "--z", "1e9"], /--z must be an integer from -1000000/],
    [
      ["chunk", "--seed", "1", "--x", "0", "--z", "0", "--resolution", "100000"],
      /--resolution must be an integer from 2 to 4096/,
    ],
    [["chunk", "--seed", "1", "--x", "0", "--z", "0", "--size", "0"], /--size must be a number/],
    [["chunk", "--seed", "1", "--x", "0", "--z", "0", "--pgm", ""], /--pgm needs a file name/],
    [["chunk", "--seed", "1", "--x", "0", "--z", "0", "--bogus"], /bogus/],
    [[
      "chunk",
      "--seed",
      "1",
      "--x",
      "0",
      "--z",
      "0",
      "--resolution",
      "8",
      "--pgm",
      "no/such/dir/a.pgm",
    ], /cannot write no\/such\/dir\/a\.pgm/],
  ];
  for (const [args, message] of cases) assertBadInput(await terrain(args), message);
});
