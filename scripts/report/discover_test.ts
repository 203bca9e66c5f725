import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  crateOfFile,
  findBenchFiles,
  localBenchFile,
  originName,
  readWorkspaceMembers,
} from "./discover.ts";
import { InputError } from "./errors.ts";
import { tempWorkspace } from "./testdata/builders.ts";

Deno.test("bench files: top-level files and per-crate folders; helpers and other files skipped", async () => {
  const root = await tempWorkspace(["aw-codec", "aw-save"], {
    "bench/aw-codec.bench.ts": "",
    "bench/aw-save/index.bench.ts": "",
    "bench/aw-save/disk_bench.ts": "",
    "bench/aw-save/_helpers.ts": "",
    "bench/notes.md": "",
    "bench/_fixture.bench.ts": "",
  });
  try {
    assert.deepEqual(await findBenchFiles(root), [
      { path: "bench/aw-codec.bench.ts", crate: "aw-codec" },
      { path: "bench/aw-save/disk_bench.ts", crate: "aw-save" },
      { path: "bench/aw-save/index.bench.ts", crate: "aw-save" },
    ]);
    assert.deepEqual(await readWorkspaceMembers(root), ["aw-codec", "aw-save"]);
    const origin = pathToFileURL(join("/elsewhere", "bench", "aw-codec.bench.ts")).href;
    assert.equal(await localBenchFile(origin, root), "bench/aw-codec.bench.ts");
    assert.equal(await localBenchFile("file:///elsewhere/bench/none.bench.ts", root), null);
    assert.equal(await localBenchFile("https://example.invalid/x.ts", root), null);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("file attribution and origin names", () => {
  assert.equal(crateOfFile("bench/astraweave-pcg.bench.ts"), "astraweave-pcg");
  assert.equal(crateOfFile("bench/aw-save/load.bench.ts"), "aw-save");
  assert.equal(crateOfFile("tools/perf_bench.ts"), "perf");
  assert.equal(originName("file:///project/bench/sample.bench.ts", "/ws"), "bench/sample.bench.ts");
  assert.equal(originName("file:///ws/bench/a.bench.ts", "/ws"), "bench/a.bench.ts");
  assert.equal(originName("file:///elsewhere/x/loose.bench.ts", "/ws"), "loose.bench.ts");
});

Deno.test("a workspace without deno.json is an InputError naming it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(
      readWorkspaceMembers(dir),
      (e) => e instanceof InputError && e.problem === "not found",
    );
    await Deno.writeTextFile(join(dir, "deno.json"), "{ broken");
    await assert.rejects(
      readWorkspaceMembers(dir),
      (e) => e instanceof InputError && /^not JSON/.test(e.problem),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
