/**
 * `deno task sdk-host [--max-worlds N] [--max-line-bytes N]`: the engine SDK as a JSON-RPC 2.0
 * host on stdin/stdout, one message per line, until stdin ends (then exit status 0). The protocol
 * is in `crates/astraweave-sdk/PROTOCOL.md`; the message handling is `SdkHost` of
 * @astraweave/sdk, this file only does the I/O. Needs no permissions.
 *
 * @module
 */

import { DEFAULT_MAX_LINE_BYTES, Sdk, SdkHost, serveLines } from "@astraweave/sdk";
import { integerOption, noPositionals, parseCli, runCli, writeStdout } from "./cli.ts";

const HELP = `Usage: deno task sdk-host [options]

Serves the AstraWeave SDK as JSON-RPC 2.0 over stdio: one request per line on stdin, one
response per line on stdout (notifications for callbacks come before the response of the call
that caused them). Exits with status 0 when stdin ends or stdout is closed. Methods and
messages: PROTOCOL.md of @astraweave/sdk.

Options:
  --max-worlds N       most worlds alive at once (1 to 65536; default 1024)
  --max-line-bytes N   longest message line read (1024 to 67108864; default ${DEFAULT_MAX_LINE_BYTES})
  -h, --help           this text`;

await runCli("sdk-host", async () => {
  const { values, positionals } = parseCli(Deno.args, {
    "max-worlds": { type: "string" },
    "max-line-bytes": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  noPositionals(positionals);
  const maxWorlds = integerOption(values, "max-worlds", { min: 1, max: 65_536 });
  const maxLineBytes = integerOption(values, "max-line-bytes", { min: 1024, max: 1 << 26 });
  const host = new SdkHost(new Sdk({ maxWorlds }));
  await serveLines(host, Deno.stdin.readable, writeStdout, { maxLineBytes });
  return 0;
});
