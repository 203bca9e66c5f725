import assert from "node:assert/strict";
import { DUNGEON_HELP, dungeonCommand } from "./cli.ts";

const REPO_ROOT = new URL("../../", import.meta.url);
const SCRIPT = new URL("scripts/dungeon.ts", REPO_ROOT);

Deno.test("dungeonCommand: bad input gives exit 2 and exactly one line, no output", () => {
  const cases: [string[], RegExp][] = [
    [["--seed", "abc"], /seed must be a decimal or 0x-hex integer, got "abc"/],
    [["--seed", "-5"], /seed must not be negative/],
    [["--seed", "18446744073709551616"], /at most 2\^64 - 1/],
    [[], /--seed is required/],
    [["--seed", "1", "--rooms", "-3"], /--rooms must be a non-negative integer, got "-3"/],
    [["--seed", "1", "--encounters=-1"], /--encounters must be a non-negative integer/],
    [["--seed", "1", "--width", "ten"], /--width must be a non-negative integer, got "ten"/],
    [["--seed", "1", "--width", "0"], /width must be an integer in \[1, 10000\], got 0/],
    [["--seed", "1", "--format", "png"], /--format must be one of ascii, svg, json/],
    [["--seed", "1", "--bogus"], /Unknown option '--bogus'/],
    [["--seed", "1", "stray"], /Unexpected argument 'stray'/],
    [["--seed"], /argument missing/],
    [
      ["--seed", "1", "--width", "5", "--height", "5"],
      /impossible request: placed 0 of 10 rooms: the smallest room/,
    ],
    [["--seed", "1", "--rooms", "400"], /impossible request: .* at most \d+ rooms/],
  ];
  for (const [args, pattern] of cases) {
    const result = dungeonCommand(args);
    assert.equal(result.exitCode, 2, args.join(" "));
    assert.equal(result.output, undefined);
    assert.equal(result.messages.length, 1, args.join(" "));
    assert.ok(!result.messages[0].includes("\n"));
    assert.match(result.messages[0], /^dungeon: /);
    assert.match(result.messages[0], pattern);
  }
});

Deno.test("dungeonCommand: help, formats, determinism and warnings", () => {
  assert.deepEqual(dungeonCommand(["--help"]), { exitCode: 0, output: DUNGEON_HELP, messages: [] });
  assert.equal(dungeonCommand(["-h"]).output, DUNGEON_HELP);
  for (const format of ["ascii", "svg", "json"]) {
    const args = [
      "--seed",
      "0x2a",
      "--width",
      "64",
      "--height",
      "30",
      "--rooms",
      "8",
      "--format",
      format,
    ];
    const first = dungeonCommand(args);
    assert.equal(first.exitCode, 0);
    assert.deepEqual(first.messages, []);
    assert.equal(dungeonCommand(args).output, first.output);
  }
  // 0x2a and 42 are the same seed.
  assert.equal(dungeonCommand(["--seed", "42"]).output, dungeonCommand(["--seed", "0x2a"]).output);
  const ascii = dungeonCommand(["--seed", "42", "--width", "70", "--height", "22"]).output!;
  assert.equal(ascii.split("\n").length, 23);
  assert.equal(JSON.parse(dungeonCommand(["--seed", "42", "--format", "json"]).output!).seed, "42");

  const crowded = dungeonCommand(["--seed", "3", "--rooms", "40"]);
  assert.equal(crowded.exitCode, 0);
  assert.ok(crowded.output);
  assert.match(crowded.messages[0], /^dungeon: warning: placed \d+ of 40 rooms/);
  assert.deepEqual(dungeonCommand(["--seed", "1", "--out", "x.svg"]).outFile, "x.svg");
});

async function runScript(args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-write", SCRIPT.pathname, ...args],
    cwd: REPO_ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: output.code,
    stdout: output.stdout,
    stderr: new TextDecoder().decode(output.stderr),
  };
}

Deno.test("the dungeon script: byte-identical files and stdout for the same arguments", async () => {
  const dir = await Deno.makeTempDir();
  try {
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
    assert.equal(new TextDecoder().decode(stdoutRun.stdout), dungeonCommand(args).output);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the dungeon script: --help, and one stderr line with exit 2 on bad input", async () => {
  const help = await runScript(["--help"]);
  assert.equal(help.code, 0);
  assert.equal(new TextDecoder().decode(help.stdout), DUNGEON_HELP);
  for (
    const args of [["--seed", "nope"], ["--seed", "1", "--rooms", "-3"], [
      "--seed",
      "1",
      "--width",
      "4",
      "--height",
      "4",
    ]]
  ) {
    const run = await runScript(args);
    assert.equal(run.code, 2, args.join(" "));
    assert.equal(run.stdout.length, 0);
    assert.equal(run.stderr.trimEnd().split("\n").length, 1, run.stderr);
    assert.match(run.stderr, /^dungeon: /);
  }
  const unwritable = await runScript(["--seed", "1", "--out", "no-such-directory/x.txt"]);
  assert.equal(unwritable.code, 2);
  assert.match(unwritable.stderr, /^dungeon: cannot write no-such-directory\/x.txt/);
});
