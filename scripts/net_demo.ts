/**
 * `deno task net-demo [--clients N] [--entities M] [--seconds S] [--loss P] [--seed N] [--json]`:
 * a server and N bot clients over WebSockets on loopback, in lockstep, with a report of what
 * crossed the wire. The run is {@link runNetDemo} (beside this file); `--help` for details.
 *
 * @module
 */

import { styleText } from "node:util";
import { integerOption, numberOption, parseCli, runCli, UsageError } from "./cli.ts";
import { type NetDemoOptions, type NetDemoReport, runNetDemo } from "./net_demo_run.ts";

/** `--help` text of net-demo. */
export const NET_DEMO_USAGE: string = `Usage: deno task net-demo [options]

Runs a game server and bot clients in one process over WebSockets on loopback: the bots move by
scripted inputs with client-side prediction, the server simulates wandering entities and sends
each client delta snapshots of what is near it. The run is in lockstep (the server waits for every
message to arrive before its next step), so the same arguments give the same counts on any
machine; rates are per simulated second. At the end, every client's state is compared with the
server's.

Options:
  --clients N    bot clients (default 16, 1 to 256)
  --entities M   server-driven entities (default 500, 0 to 100000)
  --seconds S    simulated seconds of play (default 10, 0.1 to 3600)
  --loss P       fraction of snapshots the server drops, 0 to 0.9 (default 0)
  --seed N       seed of everything random (default 1)
  --json         print the report as JSON: ticks, snapshotsSent, clients (bytesInPerSec received
                 and bytesOutPerSec sent by each), meanBytesPerChangedEntity, corrections,
                 maxPredictionError, protocolErrors, allClientsMatchServer, and more
  --help         this text

Exit status: 0 when every client matched the server and no protocol error was counted, 1 when
not, 2 on bad arguments.`;

/** What the command line asked for. */
export type NetDemoArgs =
  | { help: true }
  | {
    help: false;
    json: boolean;
    options: Required<Pick<NetDemoOptions, "clients" | "entities" | "seconds" | "loss" | "seed">>;
  };

/**
 * Parses net-demo's arguments.
 *
 * @throws {UsageError} with a one-line message naming the option and what is wrong with it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseNetDemoArgs } from "./net_demo.ts";
 * assert.deepEqual(parseNetDemoArgs(["--clients", "4", "--json"]), {
 *   help: false,
 *   json: true,
 *   options: { clients: 4, entities: 500, seconds: 10, loss: 0, seed: 1 },
 * });
 * assert.throws(() => parseNetDemoArgs(["--seconds", "-1"]), /--seconds must be a number from/);
 * ```
 */
export function parseNetDemoArgs(args: readonly string[]): NetDemoArgs {
  const { values, positionals } = parseCli(args, {
    clients: { type: "string" },
    entities: { type: "string" },
    seconds: { type: "string" },
    loss: { type: "string" },
    seed: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return { help: true };
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}" (see --help)`);
  }
  return {
    help: false,
    json: values.json === true,
    options: {
      clients: integerOption(values, "clients", { min: 1, max: 256 }) ?? 16,
      entities: integerOption(values, "entities", { min: 0, max: 100_000 }) ?? 500,
      seconds: numberOption(values, "seconds", { min: 0.1, max: 3600 }) ?? 10,
      loss: numberOption(values, "loss", { min: 0, max: 0.9 }) ?? 0,
      seed: integerOption(values, "seed", { min: 0, max: 0xffff_ffff }) ?? 1,
    },
  };
}

const kb = (bytesPerSec: number) => `${(bytesPerSec / 1024).toFixed(2)} KiB/s`;

/**
 * The report as a few aligned lines for a person; `color` adds emphasis with ANSI styles.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatNetDemoReport } from "./net_demo.ts";
 * import { runNetDemo } from "./net_demo_run.ts";
 * const text = formatNetDemoReport(await runNetDemo({ clients: 2, seconds: 0.5 }), false);
 * assert.match(text, /^net-demo: 2 clients, 500 entities, 0.5 s/);
 * assert.match(text, /all clients match server +yes\nok$/);
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
    ["wall-clock time", `${(report.elapsedMs / 1000).toFixed(2)} s`],
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
  ].join("\n");
}

async function main(): Promise<number> {
  const args = parseNetDemoArgs(Deno.args);
  if (args.help) {
    console.log(NET_DEMO_USAGE);
    return 0;
  }
  const report = await runNetDemo(args.options);
  if (args.json) console.log(JSON.stringify(report, null, 2));
  else console.log(formatNetDemoReport(report, Deno.stdout.isTerminal() && !Deno.noColor));
  return report.allClientsMatchServer && report.protocolErrors === 0 ? 0 : 1;
}

if (import.meta.main) await runCli("net-demo", main);
