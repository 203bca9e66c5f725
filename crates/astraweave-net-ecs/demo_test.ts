import assert from "node:assert/strict";
import { parseNetDemoArgs, UsageError } from "./cli.ts";
import { runNetDemo } from "./demo.ts";

Deno.test("load run: 32 clients for 10 seconds over loopback all end equal to the server", async () => {
  const report = await runNetDemo({ clients: 32, entities: 500, seconds: 10, seed: 32 });
  assert.equal(report.protocolErrors, 0);
  assert.equal(report.clients.length, 32);
  for (const client of report.clients) {
    assert.ok(client.matchesServer, `client ${client.clientId} differs from the server`);
    assert.equal(client.protocolErrors, 0);
    assert.ok(
      client.snapshotsApplied > 20,
      `client ${client.clientId}: ${client.snapshotsApplied}`,
    );
    assert.ok(client.bytesInPerSec > 0 && client.bytesOutPerSec > 0);
  }
  assert.equal(report.allClientsMatchServer, true);
  // The server shoves avatars now and then: reconciliation must have corrected some predictions,
  // each by about the one-unit shove.
  assert.ok(report.corrections > 0);
  assert.ok(report.maxPredictionError > 0.5 && report.maxPredictionError < 3);
  assert.ok(report.deltaSnapshots > report.fullSnapshots * 10);
  assert.ok(report.meanBytesPerChangedEntity > 1 && report.meanBytesPerChangedEntity < 12);
});

Deno.test("load run: with 30% of snapshots lost every client still converges", async () => {
  const report = await runNetDemo({ clients: 4, entities: 200, seconds: 2, loss: 0.3, seed: 4 });
  assert.ok(report.snapshotsDropped > 0);
  assert.equal(report.protocolErrors, 0);
  assert.equal(report.allClientsMatchServer, true);
});

Deno.test("net-demo arguments: defaults, values and one-line errors", () => {
  assert.deepEqual(parseNetDemoArgs([]), {
    help: false,
    json: false,
    options: { clients: 16, entities: 500, seconds: 10, loss: 0, seed: 1 },
  });
  assert.deepEqual(
    parseNetDemoArgs([
      "--clients",
      "3",
      "--entities=20",
      "--seconds",
      "1.5",
      "--loss",
      "0.2",
      "--json",
    ]),
    {
      help: false,
      json: true,
      options: { clients: 3, entities: 20, seconds: 1.5, loss: 0.2, seed: 1 },
    },
  );
  assert.deepEqual(parseNetDemoArgs(["--help"]), { help: true });
  const bad: [string[], RegExp][] = [
    [["--clients", "0"], /--clients must be between 1 and 256, got 0/],
    [["--clients", "2.5"], /--clients expects an integer, got "2.5"/],
    [["--seconds", "soon"], /--seconds expects a number/],
    [["--loss", "1"], /--loss must be between 0 and 0.9/],
    [["--frobnicate"], /Unknown option '--frobnicate'/],
    [["extra"], /positional/],
    [["--clients"], /argument missing|requires a value|--clients/],
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
