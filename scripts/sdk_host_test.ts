import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const deno = Deno.execPath();
// The task as users run it (its permissions: none).
const HOST = [deno, "task", "--quiet", "sdk-host"];

async function run(command: string[], env: Record<string, string> = {}) {
  const output = await new Deno.Command(command[0], {
    args: command.slice(1),
    cwd: root,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("a Python 3 client (standard library only) drives the real host", async () => {
  const result = await run(
    ["python3", "crates/astraweave-sdk/clients/python/test_host.py"],
    { ASTRAWEAVE_SDK_HOST: JSON.stringify(HOST) },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /Ran 4 tests/);
  assert.match(result.stderr, /\nOK\n/);
});

Deno.test("sdk-host --help prints the usage and exits 0; a bad option exits 2 with one line", async () => {
  const help = await run([...HOST, "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: deno task sdk-host/);
  const bad = await run([...HOST, "--max-worlds", "0"]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'sdk-host: --max-worlds must be an integer from 1 to 65536, got "0"\n');
  const extra = await run([...HOST, "stray"]);
  assert.equal(extra.code, 2);
  assert.equal(extra.stderr, 'sdk-host: unexpected argument "stray" (see --help)\n');
});

Deno.test("sdk-host with stdin already closed exits 0 at once", async () => {
  const result = await run(HOST);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, "");
});

Deno.test("sdk-host exits 0 when its client closes stdout", async () => {
  const child = new Deno.Command(HOST[0], {
    args: HOST.slice(1),
    cwd: root,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  await child.stdout.cancel();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode('{"jsonrpc":"2.0","id":1,"method":"version"}\n'));
  const status = await child.status;
  await writer.close().catch(() => {}); // the host may be gone already
  assert.equal(status.code, 0);
  assert.equal(new TextDecoder().decode(await new Response(child.stderr).arrayBuffer()), "");
});
