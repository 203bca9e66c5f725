import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "@astraweave/testing";
import { runTask } from "./task_testing.ts";
import { REPO, startServer } from "./ui/test_server.ts";

const run = (args: string[]) => runTask("ui", args);

Deno.test("ui --help, and bad arguments: one line, exit 2", async () => {
  const help = await run(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: deno task ui/);
  for (
    const [args, message] of [
      [["--port", "70000"], /^ui: --port must be an integer from 0 to 65535, got "70000"\n$/],
      [["--port", "-1"], /^ui: --port must be an integer from 0 to 65535, got "-1"\n$/],
      [["--colour"], /^ui: Unknown option '--colour' \(see --help\)\n$/],
      [["extra"], /^ui: unexpected argument "extra" \(see --help\)\n$/],
      // A directory as the settings file, or a file as the save root, is refused before serving
      // (it used to serve, then answer 500 on the first settings request).
      [["--config", REPO], /^ui: settings file .*: not a regular file\n$/],
      [["--saves", join(REPO, "deno.json")], /^ui: save root .*deno\.json: not a directory\n$/],
    ] as const
  ) {
    const result = await run([...args]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, message);
  }
  assert.match((await run(["-h"])).stdout, /^Usage: deno task ui/);
});

Deno.test("ui API: settings validated before anything is written; saves; unknown hosts refused", async () => {
  await withTempDir(async (dir) => {
    const server = await startServer(dir);
    try {
      const settingsFile = join(dir, "config", "astraweave", "settings.toml");
      const get = await (await fetch(`${server.url}api/settings`)).json();
      assert.equal(get.source, "missing");
      assert.equal(get.path, settingsFile);
      const bad = structuredClone(get.settings);
      bad.audio.musicVolume = 101;
      const refused = await fetch(`${server.url}api/settings`, {
        method: "PUT",
        body: JSON.stringify(bad),
      });
      assert.equal(refused.status, 400);
      assert.deepEqual(await refused.json(), {
        error: "audio.musicVolume must be a number from 0 to 100, got 101",
        field: "audio.musicVolume",
      });
      await assert.rejects(Deno.stat(settingsFile), Deno.errors.NotFound);
      const good = structuredClone(get.settings);
      good.graphics.quality = "Ultra";
      const saved = await fetch(`${server.url}api/settings`, {
        method: "PUT",
        body: JSON.stringify(good),
      });
      assert.equal(saved.status, 200);
      await saved.body?.cancel();
      assert.match(await Deno.readTextFile(settingsFile), /^quality = "Ultra"$/m);

      const empty = await fetch(`${server.url}api/saves/0`);
      assert.equal(empty.status, 404);
      assert.deepEqual(await empty.json(), { error: "slot 0 is empty", field: null });
      const post = await fetch(`${server.url}api/saves/2`, {
        method: "POST",
        body: JSON.stringify({ tick: 600, state: { hp: 40 }, meta: { scene: "camp" } }),
      });
      assert.equal((await post.json()).slot, 2);
      const load = await (await fetch(`${server.url}api/saves/2`)).json();
      assert.deepEqual([load.tick, load.state, load.meta.scene], [600, { hp: 40 }, "camp"]);
      const list = await (await fetch(`${server.url}api/saves`)).json();
      assert.deepEqual(list.slots.map((s: unknown) => s === null), [true, true, false]);
      const outOfRange = await fetch(`${server.url}api/saves/7`, {
        method: "POST",
        body: '{"tick":1}',
      });
      assert.equal(outOfRange.status, 400);
      await outOfRange.body?.cancel();

      const page = await fetch(server.url);
      assert.match(page.headers.get("content-security-policy") ?? "", /default-src 'none'/);
      await page.body?.cancel();
      const port = new URL(server.url).port;
      // A page elsewhere that resolves its own name to 127.0.0.1 sends its own Host header.
      const conn = await Deno.connect({ hostname: "127.0.0.1", port: Number(port) });
      await conn.write(
        new TextEncoder().encode(
          "GET /api/saves HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n",
        ),
      );
      const reply = new TextDecoder().decode(await new Response(conn.readable).arrayBuffer());
      assert.match(reply, /^HTTP\/1.1 421/);
    } finally {
      await server.stop();
    }
  });
});

Deno.test("ui API: a settings file that is not TOML is set aside with a warning, never overwritten", async () => {
  await withTempDir(async (dir) => {
    const configDir = join(dir, "config", "astraweave");
    await Deno.mkdir(configDir, { recursive: true });
    await Deno.writeTextFile(join(configDir, "settings.toml"), "[audio\nmusic_volume = 3\n");
    const server = await startServer(dir);
    try {
      const loaded = await (await fetch(`${server.url}api/settings`)).json();
      assert.equal(loaded.source, "damaged");
      assert.match(loaded.preservedAs, /settings\.toml\.bad-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
      assert.match(loaded.warnings[0], /not valid TOML at line 1/);
      assert.equal(await Deno.readTextFile(loaded.preservedAs), "[audio\nmusic_volume = 3\n");
      assert.equal(loaded.settings.audio.musicVolume, 80);
    } finally {
      await server.stop();
    }
    assert.match(server.stderr(), /^ui: warning: .*settings\.toml: not valid TOML/m);
  });
});
