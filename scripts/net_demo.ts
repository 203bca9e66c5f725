/**
 * `deno task net-demo --clients N --entities M --seconds S [--loss P] [--seed N] [--json]`: a
 * server and N bot clients over WebSockets on loopback, with a report of what crossed the wire.
 * The logic is `runNetDemo` and `parseNetDemoArgs` of @astraweave/net-ecs; this file does the
 * I/O. `--help` for details.
 *
 * @module
 */

import {
  formatNetDemoReport,
  NET_DEMO_USAGE,
  type NetDemoArgs,
  parseNetDemoArgs,
  runNetDemo,
  UsageError,
} from "@astraweave/net-ecs";

let args: NetDemoArgs;
try {
  args = parseNetDemoArgs(Deno.args);
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  console.error(`net-demo: ${e.message} (--help for usage)`);
  Deno.exit(2);
}
if (args.help) {
  console.log(NET_DEMO_USAGE);
  Deno.exit(0);
}
const report = await runNetDemo(args.options);
if (args.json) console.log(JSON.stringify(report, null, 2));
else console.log(formatNetDemoReport(report, Deno.stdout.isTerminal() && !Deno.noColor));
Deno.exit(report.allClientsMatchServer && report.protocolErrors === 0 ? 0 : 1);
