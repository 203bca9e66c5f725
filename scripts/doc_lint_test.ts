import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "@astraweave/testing";
import { memberEntryPoints } from "./doc_lint.ts";
import { UsageError } from "./cli.ts";

function writeJson(path: string, value: unknown): void {
  Deno.mkdirSync(join(path, ".."), { recursive: true });
  Deno.writeTextFileSync(path, JSON.stringify(value));
}

Deno.test("memberEntryPoints: every export of every listed member, and nothing else", async () => {
  await withTempDir((root) => {
    writeJson(join(root, "deno.json"), { workspace: ["./crates/a", "./tools"] });
    writeJson(join(root, "crates/a/deno.json"), { exports: "./mod.ts" });
    writeJson(join(root, "tools/deno.json"), { exports: { ".": "./mod.ts", "./x": "./x.ts" } });
    writeJson(join(root, "crates/unlisted/deno.json"), { exports: "./mod.ts" });
    assert.deepEqual(memberEntryPoints(root), [
      join(root, "crates/a/mod.ts"),
      join(root, "tools/mod.ts"),
      join(root, "tools/x.ts"),
    ]);

    writeJson(join(root, "tools/deno.json"), { name: "@x/tools" });
    assert.throws(() => memberEntryPoints(root), UsageError);
    assert.throws(() => memberEntryPoints(root), /tools\/deno.json: "exports" must be/);
    writeJson(join(root, "deno.json"), { workspace: "crates/a" });
    assert.throws(() => memberEntryPoints(root), /"workspace" must be a list/);
    return Promise.resolve();
  });
});
