/**
 * `deno task scene`: world-partition cells and streaming from the command line.
 *
 * ```sh
 * deno task scene cell --at -150,320
 * deno task scene stream --path "0,0;2000,0" --steps 21
 * deno task scene stream --path "-1000,-1000;1000,1000" --steps 50 --latency 2 --json
 * ```
 *
 * Exit status: 0 on success, 2 on bad input (one line on stderr).
 *
 * @module
 */

import {
  type CellCoord,
  SceneError,
  type StreamingEvent,
  StreamingManager,
  WorldPartition,
} from "@astraweave/scene";
import {
  integerOption,
  noPositionals,
  numberOption,
  parseCli,
  runCli,
  runCommand,
  UsageError,
} from "./cli.ts";

const HELP = {
  main: `Usage: deno task scene <command> [options]

Cells of the world partition (100 m cells over a 10 km world, x and z from -5000 to 5000) and
the streaming of those cells around a moving camera.

Commands:
  cell     print the cell holding a position
  stream   move a camera along a path and print which cells load and unload

Run "deno task scene <command> --help" for a command's options.
Exit status: 0 success, 2 bad input.`,
  cell: `Usage: deno task scene cell --at X,Z [--json]

Prints the cell (column, row) holding the position X,Z (metres) and the cell's bounds.
Cells are numbered by floor division: -0.5 is in cell -1, 100 starts cell 1.

Options:
  --at X,Z   the position, within the world
  --json     print {"position", "cell", "min", "max"} instead`,
  stream: `Usage: deno task scene stream --path "X0,Z0;X1,Z1;..." [--steps N] [options]

Moves a camera along the path (straight segments between the points) in N updates spread
evenly over its length, and prints every streaming event with its step: load-started, loaded
(from the loader, or from the LRU of recently unloaded cells), load-cancelled (the cell left
the radius while loading), unloaded, evicted (dropped from the LRU), then a summary.
The loader is simulated: each load completes LATENCY updates after it starts.

Options:
  --path P           camera points "x,z" separated by ";" (metres, within the world)
  --steps N          updates along the path (default 10), from 1 to 100000
  --radius R         streaming radius in metres (default 500)
  --max-active N     most cells loaded or loading at once (default 25)
  --loads N          most loads in flight at once (default 4)
  --cache N          recently unloaded cells kept warm (default 5)
  --latency K        updates a load takes to complete (default 0: before the next update)
  --json             print {"steps": [{"step", "camera", "events"}], "summary"} instead`,
};

const MAX_POINTS = 10_000;

function point(text: string, what: string): [number, number] {
  const parts = text.split(",");
  const [x, z] = parts.map((p) => (p.trim() === "" ? NaN : Number(p)));
  if (parts.length !== 2 || !Number.isFinite(x) || !Number.isFinite(z)) {
    throw new UsageError(`${what} must be "x,z" with two finite numbers, got "${text}"`);
  }
  return [x, z];
}

function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  if (value !== undefined && typeof value !== "string") {
    throw new UsageError(`--${name} takes a value`);
  }
  return value;
}

const cellText = (cell: CellCoord) => `${cell.x},${cell.z}`;

function cellCommand(args: string[]): void {
  const { values, positionals } = parseCli(args, {
    help: { type: "boolean", short: "h" },
    at: { type: "string" },
    json: { type: "boolean" },
  });
  if (values.help) return console.log(HELP.cell);
  noPositionals(positionals);
  const at = stringOption(values, "at");
  if (at === undefined) throw new UsageError("--at X,Z is required (see --help)");
  const [x, z] = point(at, "--at");
  const world = new WorldPartition();
  const cell = world.cellOf(x, z);
  const size = world.config.cellSize;
  const min = [cell.x * size, cell.z * size], max = [min[0] + size, min[1] + size];
  if (values.json) {
    return console.log(JSON.stringify({ position: [x, z], cell: [cell.x, cell.z], min, max }));
  }
  console.log(
    `(${x}, ${z}) is in cell ${cellText(cell)}: x ${min[0]}..${max[0]}, z ${min[1]}..${max[1]}`,
  );
}

/** `steps` positions spread evenly along the polyline `points`, both ends included. */
function walk(points: [number, number][], steps: number): [number, number][] {
  const lengths = points.slice(1).map((p, i) =>
    Math.hypot(p[0] - points[i][0], p[1] - points[i][1])
  );
  const total = lengths.reduce((a, b) => a + b, 0);
  const positions: [number, number][] = [];
  for (let k = 0; k < steps; k++) {
    let along = steps === 1 ? 0 : (total * k) / (steps - 1);
    let segment = 0;
    while (segment < lengths.length - 1 && along > lengths[segment]) along -= lengths[segment++];
    const [x0, z0] = points[segment];
    const [x1, z1] = points[segment + 1] ?? points[segment];
    const t = lengths[segment] ? Math.min(along / lengths[segment], 1) : 0;
    positions.push([x0 + (x1 - x0) * t, z0 + (z1 - z0) * t]);
  }
  return positions;
}

interface PendingLoad {
  cell: CellCoord;
  startedAt: number;
  resolve: (value: null) => void;
}

async function streamCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCli(args, {
    help: { type: "boolean", short: "h" },
    path: { type: "string" },
    steps: { type: "string" },
    radius: { type: "string" },
    "max-active": { type: "string" },
    loads: { type: "string" },
    cache: { type: "string" },
    latency: { type: "string" },
    json: { type: "boolean" },
  });
  if (values.help) return console.log(HELP.stream);
  noPositionals(positionals);
  const path = stringOption(values, "path");
  if (path === undefined) throw new UsageError('--path "x0,z0;x1,z1" is required (see --help)');
  const texts = path.split(";");
  if (texts.length > MAX_POINTS) {
    throw new UsageError(`--path has ${texts.length} points; the limit is ${MAX_POINTS}`);
  }
  const points = texts.map((text, i) => point(text, `--path point ${i + 1}`));
  const steps = integerOption(values, "steps", { min: 1, max: 100_000 }) ?? 10;
  const latency = integerOption(values, "latency", { min: 0, max: 100_000 }) ?? 0;
  const world = new WorldPartition();
  for (const [i, [x, z]] of points.entries()) {
    if (!world.contains(x, z)) {
      throw new UsageError(`--path point ${i + 1} (${x}, ${z}) is outside the world (-5000..5000)`);
    }
  }
  let step = 0;
  const pending: PendingLoad[] = [];
  const log: { step: number; camera: [number, number]; events: StreamingEvent[] }[] = [];
  const streaming = new StreamingManager<null>(world, {
    loader: (cell, signal) =>
      new Promise((resolve) => {
        const load = { cell, startedAt: step, resolve };
        pending.push(load);
        signal.addEventListener("abort", () => pending.splice(pending.indexOf(load), 1));
      }),
    radius: numberOption(values, "radius", { min: 0, max: 50_000 }),
    maxActiveCells: integerOption(values, "max-active", { min: 1, max: 100_000 }),
    maxConcurrentLoads: integerOption(values, "loads", { min: 1, max: 100_000 }),
    cacheSize: integerOption(values, "cache", { min: 0, max: 100_000 }),
    onEvent: (event) => log[log.length - 1].events.push(event),
  });
  for (const camera of walk(points, steps)) {
    step++;
    log.push({ step, camera, events: [] });
    streaming.update([camera[0], 0, camera[1]]);
    const due = pending.filter((load) => step - load.startedAt >= latency);
    for (const load of due) {
      pending.splice(pending.indexOf(load), 1);
      const handled = streaming.settled(load.cell);
      load.resolve(null);
      await handled;
    }
  }
  const metrics = streaming.metrics();
  const summary = {
    ...metrics,
    loaded: streaming.loadedCells().length,
    loading: streaming.loadingCells().length,
    cached: streaming.cachedCells().length,
  };
  if (values.json) {
    const steps = log.map((entry) => ({
      ...entry,
      events: entry.events.map((e) => ({ ...e, cell: [e.cell.x, e.cell.z] })),
    }));
    return console.log(JSON.stringify({ steps, summary }, null, 2));
  }
  for (const entry of log) {
    const [x, z] = entry.camera.map((c) => c.toFixed(1));
    for (const event of entry.events) {
      const cache = event.type === "loaded" && event.fromCache ? " (from cache)" : "";
      console.log(
        `step ${entry.step}  camera (${x}, ${z})  ${event.type} ${cellText(event.cell)}${cache}`,
      );
    }
  }
  console.log(
    `${steps} steps: ${metrics.loads} loads (${metrics.cacheHits} from cache), ` +
      `${metrics.unloads} unloads, ${metrics.cancelledLoads} cancelled, ${metrics.failedLoads} failed; ` +
      `at the end ${summary.loaded} loaded, ${summary.loading} loading, ${summary.cached} cached`,
  );
}

const main = () => runCommand(Deno.args, { cell: cellCommand, stream: streamCommand }, HELP.main);

if (import.meta.main) await runCli("scene", main, [SceneError]);
