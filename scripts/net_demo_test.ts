import assert from "node:assert/strict";

const script = new URL("./net_demo.ts", import.meta.url).pathname;

async function run(...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net=127.0.0.1", script, ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

Deno.test("net-demo --json prints every key the issue names, with sane values", async () => {
  const { code, stdout, stderr } = await run(
    "--clients",
    "3",
    "--entities",
    "60",
    "--seconds",
    "1",
    "--loss",
    "0.2",
    "--json",
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
  assert.equal(report.protocolErrors, 0);
  assert.ok(report.snapshotsDropped > 0);
});

Deno.test("net-demo: --help, and bad arguments give one line and exit status 2", async () => {
  const help = await run("--help");
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: deno task net-demo/);
  for (const args of [["--clients", "many"], ["--nope"], ["--loss", "-1"]]) {
    const { code, stdout, stderr } = await run(...args);
    assert.equal(code, 2, args.join(" "));
    assert.equal(stdout, "");
    assert.match(stderr, /^net-demo: .+\n$/);
    assert.equal(stderr.trim().split("\n").length, 1);
  }
});
