// The new-crate tool, run as a real process on a temporary copy of the workspace (the real one
// is never touched), then the copy is checked the way CI checks the real one.
import assert from "node:assert/strict";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { withTempDir } from "@astraweave/testing";

const REPO = new URL("..", import.meta.url).pathname;
const SKIP = new Set([".git", "node_modules", "reports", "fixtures"]);

async function copyWorkspace(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (SKIP.has(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory) await copyWorkspace(source, target);
    else if (entry.isFile) await Deno.copyFile(source, target);
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function deno(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1", ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

const newCrate = (root: string, ...args: string[]) =>
  deno(root, [
    "run",
    "--allow-read",
    "--allow-write",
    "--allow-env=INIT_CWD",
    join(root, "scripts/new_crate.ts"),
    "--root",
    root,
    ...args,
  ]);

async function tree(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  async function walk(dir: string): Promise<void> {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else files.set(path.slice(root.length), await Deno.readTextFile(path));
    }
  }
  await walk(root);
  return files;
}

Deno.test("new-crate: --help, and refusals that write nothing", async () => {
  await withTempDir(async (root) => {
    await copyWorkspace(REPO, root);
    const help = await newCrate(root, "--help");
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: deno task new-crate NAME/);

    const before = await tree(root);
    const refusals: [string[], RegExp][] = [
      [[], /expected one crate NAME, got 0/],
      [["a", "b"], /expected one crate NAME, got 2/],
      [["Astraweave-Audio"], /crate name must be lowercase letters/],
      [["astraweave--audio"], /crate name must be/],
      [["9lives"], /crate name must be/],
      [["../escape"], /crate name must be/],
      [["x".repeat(65)], /at most 64 characters/],
      [["aw-codec"], /crate aw-codec already exists/],
      [["astraweave-codec"], /package @astraweave\/codec already exists/],
      [["astraweave-x", "--tier", 'a"b'], /--tier must be a tier name/],
      [["astraweave-x", "--bogus"], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of refusals) {
      const run = await newCrate(root, ...args);
      assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.equal(run.stderr.trimEnd().split("\n").length, 1, run.stderr);
      assert.match(run.stderr, /^new-crate: /);
      assert.match(run.stderr, message);
    }
    await Deno.writeTextFile(join(root, "bench/astraweave-y.bench.ts"), "// someone's file\n");
    const taken = await newCrate(root, "astraweave-y");
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /bench\/astraweave-y.bench.ts already exists/);
    await Deno.remove(join(root, "bench/astraweave-y.bench.ts"));
    assert.deepEqual(await tree(root), before);
  });
});

Deno.test("new-crate: the new crate is listed everywhere, passes every check, and its bench runs", async () => {
  await withTempDir(async (root) => {
    await copyWorkspace(REPO, root);
    const made = await newCrate(root, "astraweave-example", "--summary", "an example crate");
    assert.equal(made.code, 0, made.stderr);
    const tiered = await newCrate(root, "aw-other", "--tier", "Tier 1");
    assert.equal(tiered.code, 0, tiered.stderr);

    const config = JSON.parse(await Deno.readTextFile(join(root, "deno.json")));
    // After the last crate, so the crates stay listed together.
    assert.deepEqual(config.workspace.slice(-4), [
      "./crates/astraweave-example",
      "./crates/aw-other",
      "./testing",
      "./bench-protocol",
    ]);
    const member = JSON.parse(
      await Deno.readTextFile(join(root, "crates/astraweave-example/deno.json")),
    );
    assert.deepEqual(member, {
      name: "@astraweave/example",
      version: "0.1.0",
      license: "MIT",
      exports: "./mod.ts",
    });
    const rootMod = await Deno.readTextFile(join(root, "mod.ts"));
    assert.match(rootMod, /export \* as example from "@astraweave\/example";/);
    assert.match(rootMod, /export \* as other from "@astraweave\/other";/);
    const plan = parseToml(await Deno.readTextFile(join(root, "bench/plan.toml"))) as {
      tier: { name: string; crates: string[]; target?: unknown }[];
    };
    const tier1 = plan.tier.find((t) => t.name === "Tier 1")!;
    assert.equal(tier1.crates.at(-1), "aw-other");
    const unplanned = plan.tier.find((t) => t.name === "Unplanned")!;
    assert.deepEqual(unplanned.crates, ["astraweave-example"]);
    assert.equal(unplanned.target, undefined);
    // A second crate joins the existing Unplanned tier rather than making another.
    assert.equal((await newCrate(root, "astraweave-third")).code, 0);
    const again = parseToml(await Deno.readTextFile(join(root, "bench/plan.toml"))) as typeof plan;
    assert.deepEqual(again.tier.filter((t) => t.name === "Unplanned").map((t) => t.crates), [[
      "astraweave-example",
      "astraweave-third",
    ]]);
    // A crate planned before it was built stays in its tier; another tier for it is refused.
    // (A tier of its own here: every crate the real plan names may already exist.)
    await Deno.writeTextFile(
      join(root, "bench/plan.toml"),
      '\n[[tier]]\nname = "Tier 9"\ntarget = 2030-01-01\ncrates = ["astraweave-planned"]\n',
      { append: true },
    );
    const planText = await Deno.readTextFile(join(root, "bench/plan.toml"));
    const misplaced = await newCrate(root, "astraweave-planned", "--tier", "Unplanned");
    assert.equal(misplaced.code, 2);
    assert.match(misplaced.stderr, /already plans astraweave-planned in tier "Tier 9"/);
    assert.equal((await newCrate(root, "astraweave-planned")).code, 0);
    assert.equal(await Deno.readTextFile(join(root, "bench/plan.toml")), planText);

    const files = [
      "deno.json",
      "mod.ts",
      "bench/plan.toml",
      "crates/astraweave-example",
      "bench/astraweave-example.bench.ts",
    ];
    for (
      const args of [
        ["fmt", "--check", ...files],
        ["lint", "crates/astraweave-example", "bench/astraweave-example.bench.ts"],
        ["check", "mod.ts", "crates/astraweave-example", "bench/astraweave-example.bench.ts"],
        ["doc", "--lint", "crates/astraweave-example/mod.ts"],
        ["test", "--doc", "crates/astraweave-example"],
      ]
    ) {
      const run = await deno(root, args);
      assert.equal(run.code, 0, `deno ${args.join(" ")}:\n${run.stdout}\n${run.stderr}`);
    }
    const publish = await deno(join(root, "crates/astraweave-example"), [
      "publish",
      "--dry-run",
      "--allow-dirty",
    ]);
    assert.equal(publish.code, 0, publish.stderr);
    const bench = await deno(root, ["bench", "--json", "bench/astraweave-example.bench.ts"], {
      ASTRAWEAVE_BENCH_QUICK: "1",
    });
    assert.equal(bench.code, 0, bench.stderr);
    const names = JSON.parse(bench.stdout).benches.map((b: { name: string }) => b.name);
    assert.ok(names.includes("example/sum_1000"), names.join(", "));
  });
});
