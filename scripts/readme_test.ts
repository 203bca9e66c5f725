// The README matches the workspace: each crate in its table once, with its package name, and every
// task of the root deno.json named.
import assert from "node:assert/strict";

const root = new URL("..", import.meta.url);
const readme = await Deno.readTextFile(new URL("README.md", root));
const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));

Deno.test("README: the crate table lists every crate of the workspace once, with its package", async () => {
  const rows = [...readme.matchAll(/^\| `([a-z0-9-]+)` +\| `(@astraweave\/[a-z0-9-]+)` +\|/gm)]
    .map(([, crate, packageName]) => ({ crate, packageName }));
  const crates: { crate: string; packageName: string }[] = [];
  for (const member of config.workspace as string[]) {
    if (!member.startsWith("./crates/")) continue;
    const memberConfig = JSON.parse(await Deno.readTextFile(new URL(`${member}/deno.json`, root)));
    crates.push({ crate: member.slice("./crates/".length), packageName: memberConfig.name });
  }
  const byName = (a: { crate: string }, b: { crate: string }) => a.crate.localeCompare(b.crate);
  assert.deepEqual(rows.sort(byName), crates.sort(byName));
});

Deno.test("README: every task of the root deno.json is named as `deno task NAME`", () => {
  for (const task of Object.keys(config.tasks)) {
    assert.ok(readme.includes(`deno task ${task}`), `README does not mention deno task ${task}`);
  }
});
