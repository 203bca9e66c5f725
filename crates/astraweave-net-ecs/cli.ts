/**
 * The command line of `deno task net-demo`: argument parsing and the human-readable summary. The
 * script itself only does I/O.
 *
 * @module
 */

import { parseArgs, styleText } from "node:util";
import type { NetDemoOptions, NetDemoReport } from "./demo.ts";

/** `--help` text of net-demo. */
export const NET_DEMO_USAGE: string = `Usage: deno task net-demo [options]

Runs a game server and bot clients in one process over WebSockets on loopback: the bots move by
scripted inputs with client-side prediction, the server simulates wandering entities and sends
each client delta snapshots of what is near it. At the end, every client's state is compared with
the server's.

Options:
  --clients N    bot clients (default 16, 1 to 256)
  --entities M   server-driven entities (default 500, 0 to 100000)
  --seconds S    seconds of play (default 10, up to 3600)
  --loss P       fraction of snapshots the server drops, 0 to 0.9 (default 0)
  --seed N       seed of everything random (default 1)
  --json         print the report as JSON: ticks, snapshotsSent, clients (bytesInPerSec received
                 and bytesOutPerSec sent by each), meanBytesPerChangedEntity, corrections,
                 maxPredictionError, protocolErrors, allClientsMatchServer, and more
  --help         this text

Exit status: 0 when every client matched the server and no protocol error was counted, 1 when
not, 2 on bad arguments.`;

/** A bad command line; its message is one line. */
export class UsageError extends Error {
  /** The error's name. */
  override name = "UsageError";
}

/** What the command line asked for. */
export type NetDemoArgs =
  | { help: true }
  | {
    help: false;
    json: boolean;
    options: Required<Pick<NetDemoOptions, "clients" | "entities" | "seconds" | "loss" | "seed">>;
  };

function number(
  name: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
  integer: boolean,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} expects ${integer ? "an integer" : "a number"}, got "${text}"`);
  }
  if (value < min || value > max) {
    throw new UsageError(`--${name} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

/**
 * Parses net-demo's arguments; throws {@link UsageError} with a one-line message when they are bad.
 *
 * @example
 * ```ts
 * import { parseNetDemoArgs } from "@astraweave/net-ecs";
 * console.log(parseNetDemoArgs(["--clients", "4", "--json"]));
 * // { help: false, json: true, options: { clients: 4, entities: 500, seconds: 10, loss: 0, seed: 1 } }
 * ```
 */
export function parseNetDemoArgs(args: string[]): NetDemoArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        clients: { type: "string" },
        entities: { type: "string" },
        seconds: { type: "string" },
        loss: { type: "string" },
        seed: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message.split("\n")[0]);
  }
  if (values.help) return { help: true };
  return {
    help: false,
    json: values.json ?? false,
    options: {
      clients: number("clients", values.clients, 16, 1, 256, true),
      entities: number("entities", values.entities, 500, 0, 100_000, true),
      seconds: number("seconds", values.seconds, 10, 0.1, 3600, false),
      loss: number("loss", values.loss, 0, 0, 0.9, false),
      seed: number("seed", values.seed, 1, 0, 0xffff_ffff, true),
    },
  };
}

const kb = (bytesPerSec: number) => `${(bytesPerSec / 1024).toFixed(2)} KiB/s`;

/**
 * The report as a few aligned lines for a person; `color` adds emphasis with ANSI styles.
 *
 * @example
 * ```ts ignore
 * console.log(formatNetDemoReport(await runNetDemo({ clients: 2, seconds: 1 }), false));
 * ```
 */
export function formatNetDemoReport(report: NetDemoReport, color: boolean): string {
  const paint = (style: "green" | "red" | "bold", text: string) =>
    color ? styleText(style, text, { validateStream: false }) : text;
  const down = report.clients.map((c) => c.bytesInPerSec);
  const up = report.clients.map((c) => c.bytesOutPerSec);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const ok = report.allClientsMatchServer && report.protocolErrors === 0;
  const rows: [string, string][] = [
    ["ticks", `${report.ticks} (${report.networkTicks} network ticks)`],
    [
      "snapshots sent",
      `${report.snapshotsSent} (${report.fullSnapshots} full, ${report.deltaSnapshots} delta; ${report.snapshotsDropped} dropped)`,
    ],
    [
      "down per client",
      `${kb(mean(down))} mean (${kb(Math.min(...down))} to ${kb(Math.max(...down))})`,
    ],
    ["up per client", `${kb(mean(up))} mean`],
    ["bytes per changed entity", `${report.meanBytesPerChangedEntity.toFixed(2)} (before LZ4)`],
    ["compression ratio", report.compressionRatio.toFixed(3)],
    ["updates skipped", String(report.updatesSkipped)],
    [
      "corrections",
      `${report.corrections} (largest ${report.maxPredictionError.toFixed(2)} units)`,
    ],
    ["protocol errors", String(report.protocolErrors)],
    [
      "all clients match server",
      paint(
        report.allClientsMatchServer ? "green" : "red",
        report.allClientsMatchServer ? "yes" : "no",
      ),
    ],
  ];
  const head = paint(
    "bold",
    `net-demo: ${report.clients.length} clients, ${report.entities} entities, ${report.seconds} s, loss ${
      report.loss * 100
    }%`,
  );
  const width = Math.max(...rows.map(([k]) => k.length));
  return [
    head,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    paint(ok ? "green" : "red", ok ? "ok" : "FAILED"),
  ]
    .join("\n");
}
