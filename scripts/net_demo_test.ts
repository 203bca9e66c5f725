import assert from "node:assert/strict";
import { parseNetDemoArgs } from "./net_demo.ts";
import { type NetDemoReport, runNetDemo } from "./net_demo_run.ts";
import { UsageError } from "./cli.ts";

/** The environment variables npm `ws` reads (as the net-demo task allows). */
const WS_ENV = "WS_NO_BUFFER_UTIL,WS_NO_UTF_8_VALIDATE";
const script = new URL("./net_demo.ts", import.meta.url).pathname;

async function run(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net=127.0.0.1", `--allow-env=${WS_ENV}`, script, ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

/** The report without its one machine-dependent figure. */
const counts = ({ elapsedMs: _, ...rest }: NetDemoReport) => rest;

Deno.test("net-demo run: in lockstep every count is fixed by the options, and every client ends equal to the server", async () => {
  const options = { clients: 8, entities: 300, seconds: 3, seed: 32 };
  const report = await runNetDemo(options);
  const playSteps = 3 * 60;
  assert.equal(report.ticks, playSteps + report.settleSteps);
  assert.ok(report.settleSteps > 0 && report.settleSteps <= 6, `${report.settleSteps} steps`);
  assert.equal(report.networkTicks, Math.floor(report.ticks / 3));
  // No loss: every client gets one snapshot per network tick, the first one full.
  assert.equal(report.snapshotsSent, 8 * report.networkTicks);
  assert.equal(report.fullSnapshots, 8);
  assert.equal(report.deltaSnapshots, report.snapshotsSent - 8);
  assert.equal(report.snapshotsDropped, 0);
  assert.equal(report.updatesSkipped, 0);
  assert.equal(report.inputsExcess, 0);
  assert.equal(report.protocolErrors, 0);
  assert.equal(report.clients.length, 8);
  for (const client of report.clients) {
    assert.equal(client.snapshotsApplied, report.networkTicks);
    assert.equal(client.protocolErrors, 0);
    assert.ok(client.matchesServer, `client ${client.clientId} differs from the server`);
  }
  assert.equal(report.allClientsMatchServer, true);
  // The server shoves avatars now and then: reconciliation corrected some predictions, each by
  // about the one-unit shove.
  assert.ok(report.corrections > 0);
  assert.ok(report.maxPredictionError > 0.5 && report.maxPredictionError < 3);
  assert.ok(report.meanBytesPerChangedEntity > 1 && report.meanBytesPerChangedEntity < 12);
  // And the same options give the same report, byte for byte, on a second run.
  assert.deepEqual(counts(await runNetDemo(options)), counts(report));
});

Deno.test("net-demo run: with 30% of snapshots lost every client still converges", async () => {
  const report = await runNetDemo({ clients: 4, entities: 200, seconds: 2, loss: 0.3, seed: 4 });
  assert.equal(report.snapshotsSent + report.snapshotsDropped, 4 * report.networkTicks);
  assert.ok(report.snapshotsDropped > 0.15 * 4 * report.networkTicks);
  assert.equal(report.protocolErrors, 0);
  assert.equal(report.allClientsMatchServer, true);
  assert.deepEqual(
    counts(await runNetDemo({ clients: 4, entities: 200, seconds: 2, loss: 0.3, seed: 4 })),
    counts(report),
  );
});

Deno.test("net-demo arguments: defaults, values and one-line errors", () => {
  assert.deepEqual(parseNetDemoArgs([]), {
    help: false,
    json: false,
    options: { clients: 16, entities: 500, seconds: 10, loss: 0, seed: 1 },
  });
  assert.deepEqual(
    parseNetDemoArgs(["--clients", "3", "--entities=20", "--seconds", "1.5", "--loss", "0.2"]),
    {
      help: false,
      json: false,
      options: { clients: 3, entities: 20, seconds: 1.5, loss: 0.2, seed: 1 },
    },
  );
  assert.deepEqual(parseNetDemoArgs(["--help"]), { help: true });
  const bad: [string[], RegExp][] = [
    [["--clients", "0"], /--clients must be an integer from 1 to 256, got "0"/],
    [["--clients", "2.5"], /--clients must be an integer/],
    [["--seconds", "soon"], /--seconds must be a number from 0.1 to 3600, got "soon"/],
    [["--seconds", "-1"], /--seconds must be a number from 0.1 to 3600, got "-1"/],
    [["--loss", "1"], /--loss must be a number from 0 to 0.9/],
    [["--frobnicate"], /Unknown option '--frobnicate'/],
    [["extra"], /unexpected argument "extra"/],
    [["--clients"], /--clients/],
  ];
  for (const [args, message] of bad) {
    assert.throws(() => parseNetDemoArgs(args), (e: unknown) => {
      assert.ok(e instanceof UsageError);
      assert.match(e.message, message);
      assert.ok(!e.message.includes("\n"));
      return true;
    });
  }
});

Deno.test("net-demo --json prints every key the issue names", async () => {
  const { code, stdout, stderr } = await run(
    ...["--clients", "3", "--entities", "60", "--seconds", "1", "--loss", "0.2", "--json"],
  );
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout);
  for (
    const key of [
      "ticks",
      "snapshotsSent",
      "clients",
      "meanBytesPerChangedEntity",
      "corrections",
      "maxPredictionError",
      "protocolErrors",
      "allClientsMatchServer",
    ]
  ) assert.ok(key in report, `missing ${key}`);
  assert.equal(report.clients.length, 3);
  for (const c of report.clients) {
    assert.equal(typeof c.bytesInPerSec, "number");
    assert.equal(typeof c.bytesOutPerSec, "number");
  }
  assert.equal(report.allClientsMatchServer, true);
  assert.ok(report.snapshotsDropped > 0);
});

Deno.test("net-demo: --help, and bad arguments give one line and exit status 2", async () => {
  const help = await run("--help");
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: deno task net-demo/);
  for (const args of [["--clients", "many"], ["--nope"], ["--loss", "-1"], ["--seconds", "-1"]]) {
    const { code, stdout, stderr } = await run(...args);
    assert.equal(code, 2, args.join(" "));
    assert.equal(stdout, "");
    assert.match(stderr, /^net-demo: .+\n$/);
    assert.equal(stderr.trim().split("\n").length, 1);
  }
  assert.match((await run("--seconds", "-1")).stderr, /--seconds must be a number from 0.1/);
});
