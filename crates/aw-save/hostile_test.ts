// What an attacker or an unlucky user did to aw-save, each fixed with a test here. New holes get a
// test in this file.
import assert from "node:assert/strict";
import { basename, join } from "node:path";
import {
  createBundle,
  decodeIndex,
  decodeSaveFile,
  encodeSaveFile,
  playerDirName,
  playerIdFromDirName,
  sanitizePlayerId,
  SaveError,
  type SaveErrorKind,
  saveFileName,
  SaveManager,
} from "./mod.ts";
import { ioError } from "./error.ts";
import { smallBundle } from "./testdata/bundles.ts";
import { withTempDir } from "@astraweave/testing/temp-dir";
import { parseRfc3339 } from "./time.ts";

const config = new URL("../../deno.json", import.meta.url).pathname;
const testdata = (name: string) => new URL(`./testdata/${name}`, import.meta.url).pathname;

async function rejection(p: Promise<unknown>, kind: SaveErrorKind): Promise<SaveError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof SaveError, `expected SaveError ${kind}, got ${e}`);
    assert.equal(e.kind, kind, e.message);
    return e;
  }
  assert.fail(`expected SaveError ${kind}, the promise resolved`);
}

/** Runs a testdata script in a child Deno with `permissions`; resolves to its stdout. */
async function runChild(script: string, permissions: string[], args: string[]): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--no-prompt",
      `--config=${config}`,
      ...permissions,
      testdata(script),
      ...args,
    ],
  }).output();
  const text = new TextDecoder();
  assert.equal(code, 0, text.decode(stderr));
  return text.decode(stdout);
}

Deno.test("issue 12 item 7: two processes x 40 saves of one player: the index lists all 80, no repair", async () => {
  await withTempDir(async (root) => {
    const permissions = [`--allow-read=${root}`, `--allow-write=${root}`];
    const outputs = await Promise.all(
      ["one", "two"].map((tag) =>
        runChild("index_child.ts", permissions, [root, "ann", "40", tag])
      ),
    );
    for (const out of outputs) assert.equal(out.trim(), "done");
    const dir = join(root, "ann");
    const files: string[] = [];
    for (const entry of Deno.readDirSync(dir)) {
      if (entry.name.endsWith(".awsv")) files.push(entry.name);
    }
    assert.equal(files.length, 80);
    // The index as the two processes left it: read from the disk, not through listSaves (which
    // would repair it).
    const index = decodeIndex(Deno.readFileSync(join(dir, "index.json")));
    assert.ok(Array.isArray(index), JSON.stringify(index));
    assert.deepEqual(index.map((m) => m.file).sort(), files.sort());
  }, "aw-save-hostile-");
});

Deno.test("issue 12 item 8: player ids map to directory names reversibly", () => {
  const ids = ["a.b", "a/b", "a\nb", "a_b", "a%2Eb", "..", "é", "🐉", "ann-1_X", " "];
  const names = ids.map(playerDirName);
  assert.equal(new Set(names).size, ids.length, names.join(" "));
  for (const [i, name] of names.entries()) {
    assert.match(name, /^[A-Za-z0-9_%-]+$/);
    assert.equal(playerIdFromDirName(name), ids[i]);
  }
  // Ids the Rust crate left unchanged keep their directory, so its directories still match.
  assert.equal(playerDirName("ann-1_X"), sanitizePlayerId("ann-1_X"));
  // Names playerDirName never writes are not ids (one id, one name).
  for (const name of ["a.b", "%2e", "%41", "a%2", "", "%FF"]) {
    assert.equal(playerIdFromDirName(name), null);
  }
});

Deno.test("issue 12 item 8: a.b, a/b and a\\nb keep apart; a Rust directory is read with a player check", async () => {
  await withTempDir(async (root) => {
    const saves = new SaveManager(root);
    for (const [i, id] of ["a.b", "a/b", "a\nb"].entries()) {
      await saves.save(id, 3, smallBundle(id, 3, i + 1));
    }
    for (const [i, id] of ["a.b", "a/b", "a\nb"].entries()) {
      const latest = await saves.loadLatestSlot(id, 3);
      assert.equal(latest.bundle.playerId, id);
      assert.equal(latest.bundle.world.tick, BigInt(i + 1));
      assert.deepEqual((await saves.listSaves(id)).map((m) => m.playerId), [id]);
    }
  }, "aw-save-hostile-");
  await withTempDir(async (root) => {
    // The Rust crate put "a.b"'s save in a_b, where "a/b" and "a_b" would look too.
    const legacy = join(root, "a_b");
    Deno.mkdirSync(legacy);
    const old = smallBundle("a.b", 3, 7);
    const at = parseRfc3339("2024-05-01T10:00:00Z");
    Deno.writeFileSync(join(legacy, saveFileName(3, at, old.saveId)), encodeSaveFile(old));
    const saves = new SaveManager(root);
    assert.equal((await saves.loadLatestSlot("a.b", 3)).bundle.world.tick, 7n);
    assert.deepEqual((await saves.listSaves("a.b")).map((m) => m.saveId), [old.saveId]);
    const wrong = await rejection(saves.loadLatestSlot("a/b", 3), "wrong_player");
    assert.match(wrong.message, /belongs to player "a\.b", not "a\/b"/);
    await rejection(saves.loadLatestSlot("a_b", 3), "wrong_player");
    assert.deepEqual(await saves.listSaves("a/b"), []);
    assert.deepEqual(await saves.listSaves("a_b"), []);
    // A new save of "a.b" goes to its own directory and is newer than the Rust one.
    await saves.save("a.b", 3, smallBundle("a.b", 3, 8));
    assert.equal((await saves.loadLatestSlot("a.b", 3)).bundle.world.tick, 8n);
    assert.equal((await saves.listSaves("a.b")).length, 2);
  }, "aw-save-hostile-");
});

Deno.test("issue 12 item 8: a save copied into another player's directory does not load for them", async () => {
  await withTempDir(async (root) => {
    const saves = new SaveManager(root);
    const mallory = await saves.save("mallory", 0, smallBundle("mallory", 0, 1));
    Deno.mkdirSync(saves.playerDir("ann"));
    Deno.copyFileSync(mallory, join(saves.playerDir("ann"), basename(mallory)));
    const error = await rejection(saves.loadLatestSlot("ann", 0), "wrong_player");
    assert.equal(error.path, join(saves.playerDir("ann"), basename(mallory)));
    assert.deepEqual(await saves.listSaves("ann"), []);
  }, "aw-save-hostile-");
});

Deno.test("issue 12 item 9: a 300-character player id fails as SaveError name_too_long with the path", async () => {
  await withTempDir(async (root) => {
    const saves = new SaveManager(root);
    const id = "x".repeat(300);
    const error = await rejection(saves.save(id, 0, smallBundle(id, 0)), "name_too_long");
    assert.ok(error.path?.startsWith(saves.playerDir(id)), error.path);
    await rejection(saves.listSaves(id), "name_too_long");
    await rejection(saves.loadLatestSlot(id, 0), "name_too_long");
  }, "aw-save-hostile-");
});

Deno.test("issue 12 item 9: a directory that cannot be written fails as SaveError permission_denied", async () => {
  await withTempDir(async (root) => {
    // Without write permission, as Deno runs a sandboxed tool (this works for any user, root too).
    const out = await runChild("write_child.ts", [`--allow-read=${root}`], [root, "ann"]);
    const error = JSON.parse(out);
    assert.equal(error.kind, "permission_denied", error.message);
    assert.ok(error.path.startsWith(join(root, "ann")), error.path);
    // A read-only directory (chmod): only meaningful where permissions bind (not as root).
    Deno.mkdirSync(join(root, "ro", "ann"), { recursive: true });
    Deno.chmodSync(join(root, "ro", "ann"), 0o555);
    try {
      const saves = new SaveManager(join(root, "ro"));
      let bound = true;
      try {
        Deno.writeFileSync(join(root, "ro", "ann", "probe"), new Uint8Array(1));
        bound = false;
      } catch { /* the directory is read-only for this user */ }
      if (bound) {
        const e = await rejection(saves.save("ann", 0, smallBundle("ann", 0)), "permission_denied");
        assert.ok(e.path?.startsWith(join(root, "ro", "ann")), e.path);
      }
    } finally {
      Deno.chmodSync(join(root, "ro", "ann"), 0o755);
    }
  }, "aw-save-hostile-");
});

Deno.test("issue 12 item 9: operating-system errors get their kind", () => {
  const os = (code: string) => Object.assign(new Error(`${code} (os error)`), { code });
  const kinds = [
    [os("ENAMETOOLONG"), "name_too_long"],
    [os("ENOSPC"), "no_space"],
    [os("EDQUOT"), "no_space"],
    [os("EROFS"), "read_only"],
    [os("EACCES"), "permission_denied"],
    [new Deno.errors.PermissionDenied("x"), "permission_denied"],
    [new Deno.errors.NotCapable("x"), "permission_denied"],
    [new Deno.errors.NotFound("x"), "not_found"],
    [os("EIO"), "io"],
  ] as const;
  for (const [error, kind] of kinds) {
    const mapped = ioError(error, "cannot write the save", "/saves/ann/x.awsv");
    assert.ok(mapped instanceof SaveError);
    assert.equal(mapped.kind, kind, error.message);
    assert.equal(mapped.path, "/saves/ann/x.awsv");
  }
  const bug = new TypeError("not an I/O error");
  assert.equal(ioError(bug, "x", "y"), bug);
});

Deno.test("issue 12 item 10: devices, FIFOs and directories are refused before a byte is read", async () => {
  await withTempDir(async (dir) => {
    const saves = new SaveManager(dir);
    for (const path of ["/dev/zero", "/dev/urandom", dir]) {
      const error = await rejection(saves.loadFile(path), "not_a_file");
      assert.equal(error.path, path);
    }
    const fifo = join(dir, "pipe.awsv");
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output().catch(() => null);
    if (made?.success) await rejection(saves.loadFile(fifo), "not_a_file"); // would block if opened
    await rejection(saves.loadFile(join(dir, "missing.awsv")), "not_found");
  }, "aw-save-hostile-");
});

Deno.test("issue 12 item 10: a file above the declared maximum save size is refused unread", async () => {
  await withTempDir(async (dir) => {
    const bytes = encodeSaveFile(
      createBundle({ playerId: "ann", world: { ecsBlob: new Uint8Array(5000) } }),
    );
    const path = join(dir, "big.awsv");
    Deno.writeFileSync(path, bytes);
    const small = new SaveManager(dir, { maxFileSize: bytes.length - 1 });
    const error = await rejection(small.loadFile(path), "file_too_large");
    assert.equal(error.actual, bytes.length);
    assert.equal(error.expected, bytes.length - 1);
    assert.equal(
      (await new SaveManager(dir, { maxFileSize: bytes.length }).loadFile(path)).bundle.playerId,
      "ann",
    );
  }, "aw-save-hostile-");
});

Deno.test("issue 12 item 11: a non-zero reserved header byte loads (as in Rust) with a warning", () => {
  const bytes = encodeSaveFile(createBundle({ playerId: "ann" }));
  assert.deepEqual(decodeSaveFile(bytes).warnings, []);
  bytes[7] = 0x5a;
  const decoded = decodeSaveFile(bytes);
  assert.equal(decoded.header.reserved, 0x5a);
  assert.equal(decoded.warnings.length, 1);
  assert.match(decoded.warnings[0], /reserved header byte \(offset 7\) is 0x5a, not 0/);
});
