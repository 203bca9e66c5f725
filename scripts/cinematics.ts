/**
 * `deno task cinematics`: checks a timeline file (the Rust crate's JSON) and plays it, printing
 * the events the sequencer emits and, optionally, the interpolated camera.
 *
 * ```sh
 * deno task cinematics check intro.json
 * deno task cinematics play intro.json --step 0.1
 * deno task cinematics play intro.json --step 0.5 --from 2 --camera --view turn
 * deno task cinematics play intro.json --json
 * ```
 *
 * Exit status: 0 on success, 2 on bad input (one line on stderr).
 *
 * @module
 */

import {
  CinematicsError,
  countTracks,
  createPose,
  describeEvent,
  eventToJson,
  parseTimeline,
  Sequencer,
  type Timeline,
} from "@astraweave/cinematics";
import { numberOption, parseCli, readUserText, runCli, runCommand, UsageError } from "./cli.ts";

const HELP = {
  main: `Usage: deno task cinematics <command> [options] FILE

Checks and plays cinematic timelines: JSON files in the Rust astraweave-cinematics format
({"name", "duration", "tracks": [{"Camera": {"keyframes": [...]}}, {"Audio": {...}}, ...]}).

Commands:
  check   check a timeline file and summarize it
  play    play a timeline file and print its events in order, with their times

Run "deno task cinematics <command> --help" for a command's options.
Exit status: 0 success, 2 bad input.`,
  check: `Usage: deno task cinematics check FILE [--json]

Checks every field of the timeline in FILE (times finite, 0 or more and within the duration,
FOV between 0 and 180 degrees, known track kinds, no unknown fields, sizes within the limits)
and prints a summary; a bad field is one line naming it, and exit status 2.

Options:
  --json   print the summary as JSON`,
  play: `Usage: deno task cinematics play FILE [--step S] [--from T] [--camera] [--view V] [--json]

Plays the timeline in FILE from T to its end in steps of S seconds, as a game loop would, and
prints one line per event: the step's end time, the event's own time, its track and the event.
Events at the starting time fire on the first step; the last step stops at the end.

Options:
  --step S   seconds per step (default 1/60), from 0.000001 to 3600
  --from T   seek to T seconds first (default 0); events before T are skipped
  --camera   also print the camera pose (first camera track) after every step
  --view V   how the camera's view moves between keys: "target" (default: the looked-at
             point moves in a straight line) or "turn" (the view turns at constant speed)
  --json     print {"name", "duration", "steps", "events": [...]} instead, each event in the
             Rust serde shape with its step, time and track`,
};

/** Most steps one play may take, so a tiny step on a long timeline cannot run for hours. */
const MAX_STEPS = 10_000_000;

function readTimeline(path: string): Timeline {
  const text = readUserText(path, "timeline");
  try {
    return parseTimeline(text);
  } catch (error) {
    if (error instanceof CinematicsError) throw new UsageError(`${path}: ${error.message}`);
    throw error;
  }
}

function fileArgument(positionals: string[]): string {
  if (positionals.length === 0) throw new UsageError("a timeline FILE is required (see --help)");
  if (positionals.length > 1) {
    throw new UsageError(`unexpected argument "${positionals[1]}" (see --help)`);
  }
  return positionals[0];
}

function checkCommand(args: string[]): void {
  const { values, positionals } = parseCli(args, {
    help: { type: "boolean", short: "h" },
    json: { type: "boolean" },
  });
  if (values.help) return console.log(HELP.check);
  const tl = readTimeline(fileArgument(positionals));
  const counts = countTracks(tl);
  const events = new Sequencer(tl).events.length;
  if (values.json) {
    const summary = {
      name: tl.name,
      duration: tl.duration,
      tracks: tl.tracks.length,
      counts,
      events,
    };
    return console.log(JSON.stringify(summary));
  }
  console.log(
    `ok: "${tl.name}", ${tl.duration} s, ${tl.tracks.length} tracks (${counts.Camera} camera ` +
      `with ${counts.keyframes} keyframes, ${counts.Animation} animation, ${counts.Audio} audio, ` +
      `${counts.Fx} fx), ${events} events`,
  );
}

const fixed = (value: number) => value.toFixed(3);

function playCommand(args: string[]): void {
  const { values, positionals } = parseCli(args, {
    help: { type: "boolean", short: "h" },
    step: { type: "string" },
    from: { type: "string" },
    camera: { type: "boolean" },
    view: { type: "string" },
    json: { type: "boolean" },
  });
  if (values.help) return console.log(HELP.play);
  const view = values.view ?? "target";
  if (view !== "target" && view !== "turn") {
    throw new UsageError(`--view must be "target" or "turn", got "${view}"`);
  }
  const step = numberOption(values, "step", { min: 0.000001, max: 3600 }) ?? 1 / 60;
  const from = numberOption(values, "from", { min: 0 }) ?? 0;
  const path = fileArgument(positionals);
  const tl = readTimeline(path);
  const seq = new Sequencer(tl, { camera: view });
  if (from > tl.duration) {
    throw new UsageError(`--from ${from} is past the end of ${path} (${tl.duration} s)`);
  }
  seq.seek(from);
  const expected = Math.ceil((tl.duration - from) / step);
  if (expected > MAX_STEPS) {
    throw new UsageError(
      `--step ${step} would take ${expected} steps to play ${path}; the limit is ${MAX_STEPS}`,
    );
  }
  const lines: string[] = [];
  const records: unknown[] = [];
  const pose = createPose();
  let count = 0;
  let steps = 0;
  // Until the sequencer says it is done (at least one step, to fire what is at the start).
  for (let n = 1; n === 1 || !seq.finished; n++) {
    steps = n;
    const events = seq.step(step);
    for (const event of events) {
      count++;
      if (values.json) {
        records.push({ step: n, time: event.time, track: event.track, event: eventToJson(event) });
      } else {
        lines.push(
          `${fixed(seq.time)}  t=${fixed(event.time)}  tracks[${event.track}]  ${
            describeEvent(event)
          }`,
        );
      }
    }
    if (values.camera && !values.json && seq.camera(0, pose)) {
      const v = (xyz: number[]) => `(${xyz.map((c) => c.toFixed(3)).join(", ")})`;
      lines.push(
        `${fixed(seq.time)}  camera pos ${v(pose.position)} look_at ${v(pose.lookAt)} ` +
          `fov ${pose.fovDeg.toFixed(2)}`,
      );
    }
  }
  if (values.json) {
    const document = { name: tl.name, duration: tl.duration, steps, events: records };
    return console.log(JSON.stringify(document, null, 2));
  }
  for (const line of lines) console.log(line);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  console.log(
    `finished at ${fixed(seq.time)} s: ${plural(count, "event")} in ${plural(steps, "step")} ` +
      `of ${Number(step.toPrecision(6))} s`,
  );
}

const main = () => runCommand(Deno.args, { check: checkCommand, play: playCommand }, HELP.main);

if (import.meta.main) await runCli("cinematics", main, [CinematicsError]);
