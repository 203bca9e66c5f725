// Hostile requests to the `ui` page's JSON API (astraweave-ui's settings and save slots over
// HTTP): every answer is JSON with a 2xx or 4xx status, never a 500 from an uncaught error, the
// server logs nothing, and a refused settings write leaves the file as it was. Seeded mutation of
// valid request bodies; a failing case reproduces from its seed and index. Each hole found gets a
// test here.
import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "@astraweave/testing";
import { mulberry32 } from "@astraweave/testing/random";
import { describe, jsonText, mutateJson, mutateText } from "@astraweave/testing/hostile";
import { startServer } from "./ui/test_server.ts";

async function send(url: string, method: string, body: string) {
  const response = await fetch(url, { method, body: method === "GET" ? undefined : body });
  const text = await response.text();
  return { status: response.status, text };
}

Deno.test("ui API: 1,000 mutated settings and save requests get JSON 2xx/4xx answers", async () => {
  const random = mulberry32(0x5eed_a710);
  await withTempDir(async (dir) => {
    const server = await startServer(dir);
    try {
      const settingsFile = join(dir, "config", "astraweave", "settings.toml");
      const { settings } = await (await fetch(`${server.url}api/settings`)).json();
      assert.equal(
        (await send(`${server.url}api/settings`, "PUT", JSON.stringify(settings))).status,
        200,
      );
      const validSave = {
        tick: 42,
        state: { scene: "harbour", hp: [1, 2, 3] },
        meta: { who: "Ann" },
      };
      for (let i = 0; i < 1000; i++) {
        const before = await Deno.readFile(settingsFile);
        const isSettings = i % 2 === 0;
        const mutated = mutateJson(isSettings ? settings : validSave, random);
        const body = i % 5 === 0 ? mutateText(jsonText(mutated), random) : jsonText(mutated);
        const url = isSettings ? `${server.url}api/settings` : `${server.url}api/saves/${i % 4}`;
        const what = `case ${i}: ${describe(body)}`;
        const answer = await send(url, isSettings ? "PUT" : "POST", body);
        assert.ok(
          answer.status < 500,
          `${what}: ${answer.status} ${answer.text} ${server.stderr()}`,
        );
        JSON.parse(answer.text);
        if (isSettings && answer.status !== 200) {
          assert.deepEqual(await Deno.readFile(settingsFile), before, `${what}: the file changed`);
        }
        if (!isSettings && answer.status === 200) {
          const loaded = await send(url, "GET", "");
          assert.equal(loaded.status, 200, `${what}: ${loaded.text} ${server.stderr()}`);
        }
      }
    } finally {
      await server.stop();
    }
    assert.equal(server.stderr(), "");
  });
});

Deno.test("ui API (fuzz holes): deep bodies, odd meta and odd settings are 400s, nothing saved", async () => {
  await withTempDir(async (dir) => {
    const server = await startServer(dir);
    try {
      const saves = `${server.url}api/saves/2`;
      // A state 10,000 arrays deep was saved, and every GET of the slot was then a 500.
      const deep = "[".repeat(10_000) + "]".repeat(10_000);
      const refused = await send(saves, "POST", `{"tick":1,"state":${deep}}`);
      assert.equal(refused.status, 400, refused.text);
      assert.match(JSON.parse(refused.text).error, /nests deeper than 256/);
      // String() of {"toString": 1} threw a TypeError: a 500.
      const meta = await send(saves, "POST", '{"tick":1,"state":1,"meta":{"a":{"toString":1}}}');
      assert.equal(meta.status, 400, meta.text);
      assert.equal(JSON.parse(meta.text).error, "meta.a must be a string, number or boolean");
      assert.equal((await send(saves, "GET", "")).status, 404);
      // A "__proto__" meta key was dropped; it is kept as the save's own key.
      const proto = await send(saves, "POST", '{"tick":1,"state":1,"meta":{"__proto__":"x"}}');
      assert.equal(proto.status, 200, proto.text);
      assert.equal(JSON.parse((await send(saves, "GET", "")).text).meta.__proto__, "x");
      // The settings check's message threw a TypeError for an object: a 500.
      const { settings } = await (await fetch(`${server.url}api/settings`)).json();
      settings.graphics.resolution = { toString: "x" };
      const odd = await send(`${server.url}api/settings`, "PUT", JSON.stringify(settings));
      assert.equal(odd.status, 400, odd.text);
      assert.match(
        JSON.parse(odd.text).error,
        /graphics\.resolution must be one of .*, got an object/,
      );
    } finally {
      await server.stop();
    }
    assert.equal(server.stderr(), "");
  });
});
