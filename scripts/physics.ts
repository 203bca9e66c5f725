/**
 * `deno task physics demo --bodies N --steps S [--json] [--svg FILE]`: drops N bodies (spheres
 * and cubes) onto a heightfield of rolling hills, steps the world S times, and reports steps per
 * second, sleeping bodies, contacts (from the collision events) and the drift of total mechanical
 * energy; `--svg` writes a top-down picture of the final state. A demo of `@astraweave/physics`,
 * on its public API only.
 *
 * Exit status: 0 on success, 2 on bad input (one line on stderr).
 *
 * @module
 */

import { type BodyId, PhysicsError, PhysicsWorld } from "@astraweave/physics";
import { integerOption, parseCli, resolveUserPath, runCli, UsageError } from "./cli.ts";

const HELP = `Usage: deno task physics demo [--bodies N] [--steps S] [--json] [--svg FILE]

Drops N bodies (spheres and cubes, alternating, in layers) onto a heightfield of rolling hills and
steps the world S times at 60 steps per simulated second. Reports:
  steps per second   wall time of the steps alone (the measurements between them excluded)
  sleeping           bodies at rest at the end (Rapier skips them until something wakes them)
  contacts           collision events: pairs that started and stopped touching, and the pairs
                     still touching at the end
  energy             total mechanical energy (kinetic, linear and angular, plus potential above
                     the lowest point of the ground) at the start and the end, its relative drift,
                     and its largest rise in one step (a passive world should only lose energy)

Options:
  --bodies N   bodies to drop, 1 to 20000 (default 500)
  --steps S    steps to take, 1 to 100000 (default 300)
  --json       print the report as JSON instead of text
  --svg FILE   also write a top-down picture of the final state (ground shaded by height,
               bodies asleep in blue, awake in orange)
  --help       show this help`;

const TIMESTEP = 1 / 60;
const GRAVITY = 9.81;
const SPHERE_RADIUS = 0.4;
const CUBE_HALF = 0.35;
const SPACING = 1.2;
const CELLS = 32;
const HILL_HEIGHT = 1.5;

/** Even bodies are spheres, odd ones cubes. */
const isSphere = (index: number) => index % 2 === 0;

/** What the demo measured. */
interface DemoReport {
  bodies: number;
  steps: number;
  timestep: number;
  simulatedSeconds: number;
  stepsPerSecond: number;
  msPerStep: number;
  sleeping: number;
  contacts: { started: number; stopped: number; touching: number };
  energy: { initial: number; final: number; drift: number; maxRise: number };
}

interface Ground {
  span: number;
  heights: Float32Array;
  lowest: number;
  highest: number;
}

/** Rolling hills over a square of `span` metres, as Rapier's column-major height grid. */
function ground(span: number): Ground {
  const heights = new Float32Array((CELLS + 1) * (CELLS + 1));
  for (let col = 0; col <= CELLS; col++) {
    for (let row = 0; row <= CELLS; row++) {
      const x = (col / CELLS - 0.5) * span, z = (row / CELLS - 0.5) * span;
      heights[col * (CELLS + 1) + row] = HILL_HEIGHT *
        (0.6 * Math.sin(x * 0.35) * Math.cos(z * 0.3) + 0.4 * Math.sin((x + 2 * z) * 0.15));
    }
  }
  let lowest = Infinity, highest = -Infinity;
  for (const h of heights) {
    lowest = Math.min(lowest, h);
    highest = Math.max(highest, h);
  }
  return { span, heights, lowest, highest };
}

/** A body's kinetic energy plus its potential energy above `datum` (both shapes have isotropic inertia). */
function energyOf(world: PhysicsWorld, id: BodyId, inertiaFactor: number, datum: number): number {
  const body = world.rigidBody(id);
  const m = body.mass();
  const v = body.linvel(), w = body.angvel();
  const linear = v.x * v.x + v.y * v.y + v.z * v.z;
  const angular = w.x * w.x + w.y * w.y + w.z * w.z;
  return 0.5 * m * linear + 0.5 * inertiaFactor * m * angular +
    m * GRAVITY * (body.translation().y - datum);
}

/** Runs the demo; `picture` receives the final world when a picture is wanted. */
async function runDemo(
  bodies: number,
  steps: number,
  picture?: (world: PhysicsWorld, field: Ground, ids: BodyId[]) => void,
): Promise<DemoReport> {
  const side = Math.ceil(Math.sqrt(bodies / 4)); // about four layers
  const field = ground(Math.max(24, side * SPACING * 1.5));
  const world = await PhysicsWorld.create({
    gravity: { x: 0, y: -GRAVITY, z: 0 },
    timestep: TIMESTEP,
  });
  try {
    world.addBody({
      kind: "static",
      shape: {
        kind: "heightfield",
        rows: CELLS,
        cols: CELLS,
        heights: field.heights,
        scale: { x: field.span, y: 1, z: field.span },
      },
    });
    const ids: BodyId[] = [];
    // I = factor × m × size²: 2/5 r² for a sphere, (2/3) h² for a cube of half side h.
    const inertia: number[] = [];
    for (let i = 0; i < bodies; i++) {
      const layer = Math.floor(i / (side * side)), k = i % (side * side);
      const shift = (layer % 2) * SPACING / 3;
      const position = {
        x: ((k % side) - (side - 1) / 2) * SPACING + shift,
        y: field.highest + 1 + layer * SPACING,
        z: (Math.floor(k / side) - (side - 1) / 2) * SPACING + shift,
      };
      const sphere = isSphere(i);
      ids.push(world.addBody({
        kind: "dynamic",
        shape: sphere
          ? { kind: "sphere", radius: SPHERE_RADIUS }
          : { kind: "box", halfExtents: { x: CUBE_HALF, y: CUBE_HALF, z: CUBE_HALF } },
        position,
        rotation: sphere ? undefined : { x: 0.2, y: 0.1 * (i % 5), z: 0, w: 1 },
      }));
      inertia.push(sphere ? 0.4 * SPHERE_RADIUS ** 2 : (2 / 3) * CUBE_HALF ** 2);
    }
    const energy = () => {
      let total = 0;
      for (let i = 0; i < ids.length; i++) {
        total += energyOf(world, ids[i], inertia[i], field.lowest);
      }
      return total;
    };

    const initial = energy();
    let previous = initial, maxRise = 0, elapsed = 0;
    let started = 0, stopped = 0;
    const touching = new Set<string>();
    for (let s = 0; s < steps; s++) {
      const t0 = performance.now();
      world.step();
      elapsed += performance.now() - t0;
      for (const event of world.drainEvents()) {
        const pair = `${event.a}/${event.b}`;
        if (event.kind === "started") {
          started++;
          touching.add(pair);
        } else {
          stopped++;
          touching.delete(pair);
        }
      }
      const now = energy();
      maxRise = Math.max(maxRise, now - previous);
      previous = now;
    }
    picture?.(world, field, ids);
    const seconds = elapsed / 1000;
    return {
      bodies,
      steps,
      timestep: TIMESTEP,
      simulatedSeconds: steps * TIMESTEP,
      stepsPerSecond: seconds > 0 ? steps / seconds : Infinity,
      msPerStep: elapsed / steps,
      sleeping: ids.filter((id) => world.isSleeping(id)).length,
      contacts: { started, stopped, touching: touching.size },
      energy: { initial, final: previous, drift: (previous - initial) / initial, maxRise },
    };
  } finally {
    world.free();
  }
}

const fixed = (value: number, digits = 3) => Number(value.toFixed(digits));

/** A top-down SVG of the world: x to the right, z down, ground shaded by height. */
function svgOf(world: PhysicsWorld, field: Ground, ids: BodyId[]): string {
  const half = field.span / 2, cell = field.span / CELLS;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-half} ${-half} ${field.span} ${field.span}" width="800" height="800">`,
    `<title>${ids.length} bodies on a heightfield, top-down</title>`,
  ];
  const range = field.highest - field.lowest || 1;
  for (let col = 0; col < CELLS; col++) {
    for (let row = 0; row < CELLS; row++) {
      const h = field.heights[col * (CELLS + 1) + row];
      const shade = Math.round(90 + 120 * ((h - field.lowest) / range));
      parts.push(
        `<rect x="${fixed(-half + col * cell)}" y="${fixed(-half + row * cell)}" width="${
          fixed(cell)
        }" height="${fixed(cell)}" fill="rgb(${shade - 40},${shade},${shade - 60})"/>`,
      );
    }
  }
  ids.forEach((id, i) => {
    const p = world.position(id);
    const fill = world.isSleeping(id) ? "#3b6fd1" : "#f08a24";
    if (isSphere(i)) {
      parts.push(
        `<circle cx="${fixed(p.x)}" cy="${
          fixed(p.z)
        }" r="${SPHERE_RADIUS}" fill="${fill}" stroke="#222" stroke-width="0.04"/>`,
      );
    } else {
      const q = world.rotation(id);
      const yaw = Math.atan2(2 * (q.w * q.y + q.x * q.z), 1 - 2 * (q.y * q.y + q.x * q.x));
      parts.push(
        `<rect x="${-CUBE_HALF}" y="${-CUBE_HALF}" width="${2 * CUBE_HALF}" height="${
          2 * CUBE_HALF
        }" transform="translate(${fixed(p.x)} ${fixed(p.z)}) rotate(${
          fixed(-yaw * 180 / Math.PI, 1)
        })" fill="${fill}" stroke="#222" stroke-width="0.04"/>`,
      );
    }
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}

function textOf(r: DemoReport, svg: string | undefined): string {
  const lines = [
    `physics demo: ${r.bodies} bodies on a heightfield, ${r.steps} steps of 1/60 s (${
      fixed(r.simulatedSeconds, 2)
    } s simulated)`,
    `steps per second  ${r.stepsPerSecond.toFixed(1)} (${r.msPerStep.toFixed(3)} ms a step)`,
    `sleeping          ${r.sleeping} of ${r.bodies} bodies`,
    `contacts          ${r.contacts.started} started, ${r.contacts.stopped} stopped, ${r.contacts.touching} pairs touching at the end`,
    `energy            ${r.energy.initial.toFixed(1)} J at the start, ${
      r.energy.final.toFixed(1)
    } J at the end (drift ${(r.energy.drift * 100).toFixed(2)}%); largest rise in one step ${
      r.energy.maxRise.toFixed(3)
    } J`,
  ];
  if (svg) lines.push(`picture           ${svg}`);
  return lines.join("\n");
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseCli(args, {
    bodies: { type: "string" },
    steps: { type: "string" },
    json: { type: "boolean" },
    svg: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError("missing command: demo (see --help)");
  if (command !== "demo") throw new UsageError(`unknown command "${command}" (see --help)`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}" (see --help)`);
  const bodies = integerOption(values, "bodies", { min: 1, max: 20_000 }) ?? 500;
  const steps = integerOption(values, "steps", { min: 1, max: 100_000 }) ?? 300;
  if (values.svg === "") throw new UsageError("--svg needs a file name");
  const svgPath = typeof values.svg === "string" ? resolveUserPath(values.svg) : undefined;
  let svg: string | undefined;
  const report = await runDemo(
    bodies,
    steps,
    svgPath ? (world, field, ids) => (svg = svgOf(world, field, ids)) : undefined,
  );
  if (svgPath && svg) {
    try {
      await Deno.writeTextFile(svgPath, svg);
    } catch (error) {
      throw new UsageError(`cannot write ${svgPath}: ${(error as Error).message}`);
    }
  }
  console.log(
    values.json
      ? JSON.stringify({ ...report, svg: svgPath ?? null }, null, 2)
      : textOf(report, svgPath),
  );
  return 0;
}

if (import.meta.main) await runCli("physics", () => main(Deno.args), [PhysicsError]);
