// The save tool, run as a real process the way `deno task save` runs it.
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  createBundle,
  decodeSaveFile,
  encodeLegacySaveFile,
  encodeSaveFile,
} from "@astraweave/save";
import { withTempDir } from "@astraweave/testing";
import { assertUsageError, REPO, runTask, type TaskRun } from "./task_testing.ts";

const fixtures = join(REPO, "fixtures/aw-save-rust");
const rich = join(
  fixtures,
  "slot05_2026-03-13T08-45-25Z_6ea6b68a-b2e8-41b3-bc0a-09d93acfe4cd.awsv",
);

const save = (args: string[], stdin?: string, cwd?: string) =>
  runTask("save", args, { stdin, cwd });
const assertBadInput = (run: TaskRun, message: RegExp) => assertUsageError(run, "save", message);

Deno.test("save tool: --help on the tool and on every command", async () => {
  for (
    const args of [
      ["--help"],
      ...["inspect", "verify", "list", "write", "migrate"].map((c) => [c, "--help"]),
    ]
  ) {
    const run = await save(args);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Usage: deno task save/, args.join(" "));
  }
});

Deno.test("save tool: inspect prints the header and the bundle, 64-bit values above 2^53 as strings", async () => {
  const run = await save(["inspect", rich]);
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.deepEqual(report.header, {
    magic: "ASVS",
    version: 2,
    codec: 1,
    reserved: 0,
    data_len: 233,
    crc32: "0x5bf469af",
  });
  assert.equal(report.payload_size, 227);
  // lz4_flex could not shrink 227 bytes: its block holds them as literals.
  assert.equal(report.compression, "none");
  const b = report.bundle;
  assert.equal(b.save_id, "6ea6b68a-b2e8-41b3-bc0a-09d93acfe4cd");
  assert.match(b.created_at, /^2026-03-13T08:45:25\.\d{9}Z$/);
  assert.deepEqual(b.world, {
    tick: 12345,
    ecs_blob: "ECAwQA==",
    state_hash: "1311768467294899695",
  });
  assert.equal(b.companions[0].name, "Echo Prime");
  assert.deepEqual(b.inventory.items[0].attrs, { damage: 42, durability: 100 });
  assert.deepEqual(b.meta, { difficulty: "hard", chapter: "3" });
});

Deno.test("save tool: verify passes good files and flags damaged ones (exit 1)", async () => {
  const files: string[] = [];
  for await (const e of Deno.readDir(fixtures)) {
    if (e.name.endsWith(".awsv")) files.push(join(fixtures, e.name));
  }
  const ok = await save(["verify", ...files]);
  assert.equal(ok.code, 0, ok.stdout);
  assert.equal(ok.stdout.trimEnd().split("\n").filter((l) => l.startsWith("ok ")).length, 5);

  await withTempDir(async (dir) => {
    const damaged = join(dir, "damaged.awsv");
    const bytes = await Deno.readFile(rich);
    bytes[100] ^= 1;
    await Deno.writeFile(damaged, bytes);
    const run = await save(["verify", rich, damaged, join(dir, "missing.awsv")]);
    assert.equal(run.code, 1);
    const lines = run.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^ok /);
    assert.match(
      lines[1],
      /^FAIL .*damaged\.awsv: CRC mismatch: header says 0x5bf469af, data has 0x[0-9a-f]{8} \[crc_mismatch\]$/,
    );
    assert.match(lines[2], /^FAIL .*missing\.awsv: .*\[not_found\]$/);
  });
});

Deno.test("save tool: write from inspect's output, then list and verify the new save", async () => {
  await withTempDir(async (dir) => {
    const inspected = await save(["inspect", rich]);
    const json = join(dir, "bundle.json");
    await Deno.writeTextFile(json, inspected.stdout);
    const root = join(dir, "saves");
    const written = await save([
      "write",
      "--json",
      json,
      "--root",
      root,
      "--player",
      "ann",
      "--slot",
      "7",
    ]);
    assert.equal(written.code, 0, written.stderr);
    const path = written.stdout.trim();
    assert.match(
      path,
      /ann\/slot07_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ_6ea6b68a-b2e8-41b3-bc0a-09d93acfe4cd\.awsv$/,
    );
    // The same JSON again: its save id is taken (it used to replace the first save when both
    // were written in the same second, since the file name is slot, second and save id).
    assertBadInput(
      await save(["write", "--json", json, "--root", root, "--player", "ann", "--slot", "7"]),
      /save_id 6ea6b68a-b2e8-41b3-bc0a-09d93acfe4cd is already the save slot07_.* of this player/,
    );
    // The index is on disk when the process has exited (it used to exit before writing it).
    const index = JSON.parse(await Deno.readTextFile(join(root, "ann", "index.json")));
    assert.deepEqual(index.map((e: { file: string }) => e.file), [path.split("/").pop()]);
    // The same bundle, moved to player ann, slot 7.
    const original = decodeSaveFile(await Deno.readFile(rich)).bundle;
    assert.deepEqual(decodeSaveFile(await Deno.readFile(path)).bundle, {
      ...original,
      playerId: "ann",
      slot: 7,
    });

    // A minimal bundle from stdin, in slot 2, not compressed.
    const piped = await save(
      [
        "write",
        "--json",
        "-",
        "--root",
        root,
        "--player",
        "ann",
        "--slot",
        "2",
        "--compression",
        "none",
      ],
      JSON.stringify({ world: { tick: "18446744073709551615" } }),
    );
    assert.equal(piped.code, 0, piped.stderr);
    const pipedSave = decodeSaveFile(await Deno.readFile(piped.stdout.trim()));
    assert.equal(pipedSave.bundle.world.tick, (1n << 64n) - 1n);
    assert.equal(pipedSave.compression, "none");

    const table = await save(["list", root, "ann"]);
    assert.equal(table.code, 0, table.stderr);
    const rows = table.stdout.trimEnd().split("\n");
    assert.match(rows[0], /^slot\s+created_at\s+save_id\s+file$/);
    assert.deepEqual(rows.slice(1).map((r) => r.trim().split(/\s+/)[0]), ["2", "7"]);
    const listed = JSON.parse((await save(["list", root, "ann", "--json"])).stdout);
    assert.deepEqual(listed.map((m: { slot: number }) => m.slot), [2, 7]);
  });
});

Deno.test("save tool: list shows the newest save of each slot first", async () => {
  await withTempDir(async (dir) => {
    // A copy of the fixture files as a player directory, without the Rust index.json (it lists
    // only 3 of the 5 files): list builds the index from the files.
    const root = join(dir, "r");
    await Deno.mkdir(join(root, "test_player"), { recursive: true });
    for await (const e of Deno.readDir(fixtures)) {
      if (e.name.endsWith(".awsv")) {
        await Deno.copyFile(join(fixtures, e.name), join(root, "test_player", e.name));
      }
    }
    const run = await save(["list", root, "test_player", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      JSON.parse(run.stdout).map((m: { slot: number; save_id: string }) =>
        `${m.slot} ${m.save_id.slice(0, 8)}`
      ),
      ["0 7331e190", "0 affc58d6", "1 ef69ca77", "2 2dcb8b6f", "5 6ea6b68a"],
    );
  });
});

Deno.test("save tool: migrate reports, and with --resave rewrites, a version-1 file", async () => {
  await withTempDir(async (dir) => {
    const { playerId, slot, createdAt, world, inventory, meta } = createBundle({
      playerId: "old",
      slot: 1,
      world: { ecsBlob: new Uint8Array(1000) }, // compressible
    });
    const path = join(dir, "legacy.awsv");
    await Deno.writeFile(
      path,
      encodeLegacySaveFile({ playerId, slot, createdAt, world, inventory, meta, companion: null }),
    );
    const dry = await save(["migrate", path]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(
      dry.stdout,
      /version 1 migrates to version 2 \(new save id [0-9a-f-]{36}\); not rewritten/,
    );
    assert.equal(decodeSaveFile(await Deno.readFile(path)).header.version, 1);
    const wet = await save(["migrate", path, "--resave"]);
    assert.equal(wet.code, 0, wet.stderr);
    assert.match(wet.stdout, /rewritten as version 2/);
    assert.equal(decodeSaveFile(await Deno.readFile(path)).header.version, 2);
    assert.equal(decodeSaveFile(await Deno.readFile(path)).compression, "lz4");
    assert.match((await save(["migrate", path])).stdout, /already version 2/);
    // Rewritten again, as a stored block; inspect and verify say so.
    const stored = await save(["migrate", path, "--resave", "--compression", "none"]);
    assert.equal(stored.code, 0, stored.stderr);
    assert.equal(decodeSaveFile(await Deno.readFile(path)).compression, "none");
    assert.equal(JSON.parse((await save(["inspect", path])).stdout).compression, "none");
    assert.match((await save(["verify", path])).stdout, /uncompressed, stored\)$/m);
  });
});

Deno.test("save tool: bad input is one line on stderr and exit 2", async () => {
  await withTempDir(async (dir) => {
    const notJson = join(dir, "bad.json");
    await Deno.writeTextFile(notJson, "{ nope");
    const badBundle = join(dir, "bundle.json");
    await Deno.writeTextFile(badBundle, JSON.stringify({ world: { tick: -1 } }));
    const garbage = join(dir, "garbage.awsv");
    await Deno.writeFile(garbage, new TextEncoder().encode("ASVS\x63\x00\x01\x00garbage!"));
    const write = ["write", "--root", dir, "--player", "p"];
    const cases: [string[], RegExp][] = [
      [[], /a command is required: inspect, verify, list, write, migrate/],
      [["explode"], /unknown command "explode"/],
      [["toString"], /unknown command "toString"/], // an Object.prototype member ran, silently
      [["inspect"], /expected one FILE/],
      [["inspect", "--bogus", rich], /Unknown option '--bogus'/],
      [["inspect", join(dir, "none.awsv")], /none\.awsv: cannot read the save: no such file/],
      [["inspect", garbage], /garbage\.awsv: unsupported version 99/],
      [["verify"], /expected at least one FILE/],
      [["list", join(dir, "nowhere"), "p"], /nowhere: no such directory/],
      [["list", dir], /expected ROOT PLAYER/],
      [[...write, "--json", notJson, "--slot", "1"], /bad\.json: not JSON/],
      [[...write, "--json", notJson, "--slot", "256"], /--slot must be an integer from 0 to 255/],
      // Issue 12 item 15: a negative number is a bad value, not an "ambiguous" argument.
      [
        [...write, "--json", notJson, "--slot", "-1"],
        /--slot must be an integer from 0 to 255, got "-1"/,
      ],
      // Issue 12 item 10: a device is refused before it is read (it used to read without end).
      [["inspect", "/dev/zero"], /\/dev\/zero: not a regular file/],
      [["verify", "--bogus", rich], /Unknown option '--bogus'/],
      [[...write, "--json", notJson], /--slot is required/],
      [
        [...write, "--json", join(dir, "missing.json"), "--slot", "0"],
        /missing\.json: no such file/,
      ],
      [[...write, "--json", dir, "--slot", "0"], /: is a directory$/],
      [[...write, "--json", "/dev/zero", "--slot", "0"], /\/dev\/zero: not a regular file/],
      [
        [...write, "--json", badBundle, "--slot", "0"],
        /bundle\.json: world\.tick must be an integer/,
      ],
      [["migrate", garbage], /unsupported version 99/],
      [
        [...write, "--json", badBundle, "--slot", "0", "--compression", "zstd"],
        /--compression must be lz4 or none, got "zstd"/,
      ],
      [["migrate", rich, "--compression", "none"], /--compression applies to the rewritten file/],
    ];
    for (const [args, message] of cases) assertBadInput(await save(args), message);
  });
});

Deno.test("save tool: verify warns on a non-zero reserved header byte (issue 12 item 11)", async () => {
  await withTempDir(async (dir) => {
    const bytes = encodeSaveFile(createBundle({ playerId: "ann" }));
    bytes[7] = 0x01; // not covered by the CRC
    const file = join(dir, "reserved.awsv");
    await Deno.writeFile(file, bytes);
    const run = await save(["verify", file]);
    assert.equal(run.code, 0, run.stderr);
    const [ok, warning] = run.stdout.trimEnd().split("\n");
    assert.match(ok, /^ok /);
    assert.match(
      warning,
      /^warning: .*reserved\.awsv: the reserved header byte \(offset 7\) is 0x01/,
    );
  });
});

Deno.test("save tool: relative paths resolve from the user's directory (issue 12 item 16)", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeFile(join(dir, "mine.awsv"), encodeSaveFile(createBundle({ playerId: "ann" })));
    const run = await save(["verify", "mine.awsv"], undefined, dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ok +mine\.awsv /);
    const written = await save(
      ["write", "--json", "-", "--root", "saves", "--player", "ann", "--slot", "0"],
      "{}",
      dir,
    );
    assert.equal(written.code, 0, written.stderr);
    assert.ok(written.stdout.startsWith(join(dir, "saves", "ann")), written.stdout);
    const listed = await save(["list", "saves", "ann", "--json"], undefined, dir);
    assert.equal(JSON.parse(listed.stdout).length, 1);
  });
});
