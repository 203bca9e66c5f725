import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "@astraweave/testing";
import { DUNGEON_HELP, dungeonCommand } from "./dungeon.ts";
import { UsageError } from "./cli.ts";
import { runTask } from "./task_testing.ts";

const REPO_ROOT = new URL("..", import.meta.url).pathname;
const SCRIPT = join(REPO_ROOT, "scripts/dungeon.ts");

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail("expected an error");
}

Deno.test("dungeonCommand: bad input is one UsageError line naming the problem", () => {
  const cases: [string[], RegExp][] = [
    [["--seed", "abc"], /^--seed must be a decimal or 0x-hex integer, got "abc"$/],
    [["--seed", "-5"], /^--seed must not be negative/],
    [["--seed", "18446744073709551616"], /at most 2\^64 - 1/],
    [[], /--seed is required/],
    [["--seed", "1", "--rooms", "-3"], /--rooms must be an integer from 0 to \d+, got "-3"/],
    [["--seed", "1", "--encounters=-1"], /--encounters must be an integer from 0/],
    [["--seed", "1", "--width", "ten"], /--width must be an integer from 1 to 10000, got "ten"/],
    [["--seed", "1", "--width", "0"], /--width must be an integer from 1 to 10000, got "0"/],
    [["--seed", "1", "--format", "png"], /--format must be one of ascii, svg, json/],
    [["--seed", "1", "--bogus"], /Unknown option '--bogus'/],
    [["--seed", "1", "stray"], /unexpected argument "stray"/],
    [["--seed"], /argument missing/],
    [["--seed", "1", "--out", ""], /--out needs a file name/],
    [
      ["--seed", "1", "--width", "5", "--height", "5"],
      /impossible request: 10 rooms asked, the smallest room .* does not fit a 5x5 grid/,
    ],
    [["--seed", "1", "--rooms", "400"], /impossible request: 400 rooms asked, at most \d+ rooms/],
  ];
  for (const [args, pattern] of cases) {
    const error = thrown(() => dungeonCommand(args));
    assert.ok(error instanceof UsageError, `${args.join(" ")}: ${error}`);
    assert.match(error.message, pattern);
    assert.doesNotMatch(error.message, /\n/);
  }
});

Deno.test("dungeonCommand: help, formats, determinism and warnings", () => {
  assert.deepEqual(dungeonCommand(["--help"]), { output: DUNGEON_HELP, warnings: [] });
  assert.equal(dungeonCommand(["-h"]).output, DUNGEON_HELP);
  for (const format of ["ascii", "svg", "json"]) {
    const args = ["--seed", "0x2a", "--width", "64", "--height", "30", "--rooms", "8"];
    const first = dungeonCommand([...args, "--format", format]);
    assert.deepEqual(first.warnings, []);
    assert.equal(dungeonCommand([...args, "--format", format]).output, first.output);
  }
  // 0x2a and 42 are the same seed.
  assert.equal(dungeonCommand(["--seed", "42"]).output, dungeonCommand(["--seed", "0x2a"]).output);
  const ascii = dungeonCommand(["--seed", "42", "--width", "70", "--height", "22"]).output;
  assert.equal(ascii.split("\n").length, 23);
  assert.equal(JSON.parse(dungeonCommand(["--seed", "42", "--format", "json"]).output).seed, "42");

  const crowded = dungeonCommand(["--seed", "3", "--rooms", "40"]);
  assert.ok(crowded.output);
  assert.match(crowded.warnings[0], /^dungeon: warning: placed \d+ of 40 rooms/);
});

Deno.test("dungeonCommand: --out resolves against the directory the user ran the task from", () => {
  const before = Deno.env.get("INIT_CWD");
  try {
    Deno.env.set("INIT_CWD", "/somewhere/else");
    assert.equal(
      dungeonCommand(["--seed", "1", "--out", "x.svg"]).outFile,
      "/somewhere/else/x.svg",
    );
    assert.equal(dungeonCommand(["--seed", "1", "--out", "/abs/x.svg"]).outFile, "/abs/x.svg");
  } finally {
    if (before === undefined) Deno.env.delete("INIT_CWD");
    else Deno.env.set("INIT_CWD", before);
  }
});

const runScript = (args: string[], cwd?: string) => runTask("dungeon", args, { cwd });

Deno.test("the dungeon script: byte-identical files and stdout for the same arguments", async () => {
  await withTempDir(async (dir) => {
    const args = [
      "--seed",
      "18446744073709551615",
      "--width",
      "90",
      "--height",
      "40",
      "--rooms",
      "14",
      "--encounters",
      "20",
    ];
    const files = [`${dir}/a.svg`, `${dir}/b.svg`];
    for (const file of files) {
      const run = await runScript([...args, "--format", "svg", "--out", file]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.length, 0);
    }
    const [a, b] = await Promise.all(files.map((f) => Deno.readFile(f)));
    assert.ok(a.length > 1000);
    assert.deepEqual(a, b);
    assert.equal(new TextDecoder().decode(a), dungeonCommand([...args, "--format", "svg"]).output);

    const stdoutRun = await runScript(args);
    assert.equal(stdoutRun.code, 0);
    assert.equal(stdoutRun.stdout, dungeonCommand(args).output);

    // A relative --out lands in the caller's directory (INIT_CWD under deno task).
    const relative = await runScript(["--seed", "5", "--out", "rel.txt"], dir);
    assert.equal(relative.code, 0, relative.stderr);
    assert.equal(
      await Deno.readTextFile(join(dir, "rel.txt")),
      dungeonCommand(["--seed", "5"]).output,
    );
  });
});

Deno.test("the dungeon script: --help, and one stderr line with exit 2 on bad input", async () => {
  const help = await runScript(["--help"]);
  assert.equal(help.code, 0);
  assert.equal(help.stdout, DUNGEON_HELP);
  for (
    const args of [
      ["--seed", "nope"],
      ["--seed", "1", "--rooms", "-3"],
      ["--seed", "1", "--width", "4", "--height", "4"],
      ["--seed", "1", "--rooms", "1000000000"],
    ]
  ) {
    const run = await runScript(args);
    assert.equal(run.code, 2, args.join(" "));
    assert.equal(run.stdout.length, 0);
    assert.equal(run.stderr.trimEnd().split("\n").length, 1, run.stderr);
    assert.match(run.stderr, /^dungeon: /);
  }
  const unwritable = await runScript(["--seed", "1", "--out", "no-such-directory/x.txt"]);
  assert.equal(unwritable.code, 2);
  assert.match(
    unwritable.stderr,
    /^dungeon: cannot write .*no-such-directory\/x.txt: no such directory$/m,
  );
});

Deno.test("the dungeon script: a reader that stops early (| head) ends it quietly, status 0", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", SCRIPT, "--seed", "1", "--width", "2000", "--height", "400"],
    cwd: REPO_ROOT,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.getReader();
  await reader.read(); // the first chunk, then the reader goes away as `head` does
  await reader.cancel();
  const stderr = await new Response(child.stderr).text();
  const { code } = await child.status;
  assert.equal(stderr, "");
  assert.equal(code, 0);
});
