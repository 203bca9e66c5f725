import assert from "node:assert/strict";
import { basename, dirname, join } from "node:path";
import { lz4StoredLiterals } from "@astraweave/codec";
import {
  createBundle,
  dateTimeNow,
  decodeIndex,
  decodeSaveFile,
  encodeLegacySaveFile,
  encodeSaveFile,
  parseRfc3339,
  parseSaveFileName,
  type SaveBundleV1,
  SaveError,
  type SaveErrorKind,
  saveFileName,
  SaveManager,
  STALE_TEMP_AGE_MS,
} from "./mod.ts";
import { smallBundle } from "./testdata/bundles.ts";
import { withTempDir } from "@astraweave/testing/temp-dir";
import { worldBlob } from "@astraweave/testing/world-blob";

/** Runs `fn` with a manager over a fresh temporary root, removed afterwards. */
function withSaves(fn: (saves: SaveManager, root: string) => Promise<void>): Promise<void> {
  return withTempDir((root) => fn(new SaveManager(root), root), "aw-save-test-");
}

async function assertRejects(p: Promise<unknown>, kind: SaveErrorKind): Promise<SaveError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof SaveError, `expected SaveError ${kind}, got ${e}`);
    assert.equal(e.kind, kind, e.message);
    return e;
  }
  assert.fail(`expected SaveError ${kind}, the promise resolved`);
}

async function namesIn(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) names.push(e.name);
  return names.sort();
}

async function indexOnDisk(dir: string) {
  const index = decodeIndex(await Deno.readFile(join(dir, "index.json")));
  assert.ok(Array.isArray(index), JSON.stringify(index));
  return index;
}

Deno.test("save writes a Rust-named file and an index entry; loadLatestSlot reads it back", async () => {
  await withSaves(async (saves, root) => {
    const bundle = smallBundle("ann", 3, 42);
    const path = await saves.save("ann", 3, bundle);
    await saves.indexSettled("ann"); // the index follows the save in the background
    assert.equal(path, join(root, "ann", basename(path)));
    const parts = parseSaveFileName(basename(path));
    assert.ok(parts, basename(path));
    assert.equal(parts.slot, 3);
    assert.equal(parts.saveId, bundle.saveId);
    assert.match(basename(path), /^slot03_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ_[0-9a-f-]{36}\.awsv$/);
    assert.deepEqual(
      await namesIn(join(root, "ann")),
      [basename(path), "index.json", "index.lock"].sort(),
    );

    const latest = await saves.loadLatestSlot("ann", 3);
    assert.deepEqual(latest.bundle, bundle);
    assert.equal(latest.path, path);
    assert.deepEqual(latest.skipped, []);
    assert.deepEqual(await saves.listSaves("ann"), [{
      saveId: bundle.saveId,
      file: basename(path),
      createdAt: bundle.createdAt,
      playerId: "ann",
      slot: 3,
      schema: 2,
    }]);
  });
});

Deno.test("player ids are escaped reversibly for the directory", async () => {
  await withSaves(async (saves, root) => {
    const id = "../évil/pl ayer.1";
    const escaped = "%2E%2E%2F%C3%A9vil%2Fpl%20ayer%2E1";
    assert.equal(saves.playerDir(id), join(root, escaped));
    const path = await saves.save(id, 0, smallBundle(id, 0));
    assert.equal(basename(join(path, "..")), escaped);
    assert.equal((await saves.loadLatestSlot(id, 0)).bundle.playerId, id);
    assert.throws(() => saves.playerDir(""), SaveError);
  });
});

Deno.test("loadLatestSlot picks the newest save of the slot, and only of that slot", async () => {
  await withSaves(async (saves) => {
    for (let tick = 1; tick <= 5; tick++) await saves.save("p", 1, smallBundle("p", 1, tick));
    await saves.save("p", 10, smallBundle("p", 10, 99));
    await saves.save("p", 100, smallBundle("p", 100, 77));
    // These saves all fall in one or two seconds: created_at orders them within a second.
    assert.equal((await saves.loadLatestSlot("p", 1)).bundle.world.tick, 5n);
    assert.equal((await saves.loadLatestSlot("p", 10)).bundle.world.tick, 99n);
    assert.equal((await saves.loadLatestSlot("p", 100)).bundle.world.tick, 77n);
    const none = await assertRejects(saves.loadLatestSlot("p", 2), "no_save");
    assert.match(none.message, /no save for slot 2 of player "p"/);
    await assertRejects(saves.loadLatestSlot("nobody", 0), "no_save");
    assert.equal((await saves.listSaves("p")).length, 7);
  });
});

Deno.test("the file name's time stamp decides before created_at", async () => {
  await withSaves(async (saves) => {
    const dir = saves.playerDir("p");
    await Deno.mkdir(dir, { recursive: true });
    // Saved in the later second, but with an earlier created_at (a clock that was set back).
    const early = smallBundle("p", 0, 1);
    early.createdAt = { ...early.createdAt, year: 2030 };
    const late = smallBundle("p", 0, 2);
    late.createdAt = { ...late.createdAt, year: 2020 };
    await Deno.writeFile(
      join(dir, saveFileName(0, parseRfc3339("2024-05-01T10:00:01Z"), early.saveId)),
      encodeSaveFile(early),
    );
    await Deno.writeFile(
      join(dir, saveFileName(0, parseRfc3339("2024-05-01T10:00:02Z"), late.saveId)),
      encodeSaveFile(late),
    );
    assert.equal((await saves.loadLatestSlot("p", 0)).bundle.world.tick, 2n);
  });
});

Deno.test("a damaged newest save is skipped, and the older one loads", async () => {
  await withSaves(async (saves) => {
    await saves.save("p", 0, smallBundle("p", 0, 1));
    const newest = await saves.save("p", 0, smallBundle("p", 0, 2));
    const bytes = await Deno.readFile(newest);
    bytes[bytes.length - 1] ^= 0x55;
    await Deno.writeFile(newest, bytes);
    const latest = await saves.loadLatestSlot("p", 0);
    assert.equal(latest.bundle.world.tick, 1n);
    assert.equal(latest.skipped.length, 1);
    assert.equal(latest.skipped[0].path, newest);
    assert.equal(latest.skipped[0].error.kind, "crc_mismatch");
    // Only damaged files: the newest one's error.
    const only = await saves.save("p", 7, smallBundle("p", 7));
    await Deno.writeFile(only, new Uint8Array([1, 2, 3]));
    await assertRejects(saves.loadLatestSlot("p", 7), "truncated_header");
  });
});

Deno.test("loadFile: missing file and error messages name the path", async () => {
  await withSaves(async (saves, root) => {
    const missing = join(root, "nope.awsv");
    const e = await assertRejects(saves.loadFile(missing), "not_found");
    assert.equal(e.path, missing);
    assert.ok(e.message.startsWith(missing), e.message);
  });
});

Deno.test("50 concurrent saves to one player all land and the index lists all 50", async () => {
  await withSaves(async (saves) => {
    const bundles = Array.from({ length: 50 }, (_, i) => smallBundle("crowd", i % 4, i));
    const paths = await Promise.all(bundles.map((b) => saves.save("crowd", b.slot, b)));
    assert.equal(new Set(paths).size, 50);
    await saves.indexSettled("crowd");
    const dir = saves.playerDir("crowd");
    const index = await indexOnDisk(dir);
    assert.equal(index.length, 50);
    assert.deepEqual(new Set(index.map((m) => m.saveId)), new Set(bundles.map((b) => b.saveId)));
    assert.deepEqual(await saves.listSaves("crowd"), index);
    // Every file is complete, and no temporary file is left.
    const names = await namesIn(dir);
    assert.equal(names.length, 52); // 50 saves, index.json, index.lock
    for (const name of names.filter((n) => n.endsWith(".awsv"))) {
      decodeSaveFile(await Deno.readFile(join(dir, name)));
    }
    // Sorted by slot, then created_at: within a slot, the order the bundles were made in.
    assert.deepEqual(
      index.map((m) => m.saveId),
      [0, 1, 2, 3].flatMap((s) => bundles.filter((b) => b.slot === s).map((b) => b.saveId)),
    );
    // Two managers over the same root share the per-directory queue.
    const other = new SaveManager(saves.root);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => saves.save("crowd", 9, smallBundle("crowd", 9, i))),
      ...Array.from({ length: 10 }, (_, i) => other.save("crowd", 9, smallBundle("crowd", 9, i))),
    ]);
    await other.indexSettled("crowd");
    assert.equal((await indexOnDisk(dir)).length, 70);
  });
});

Deno.test("saving the same save id twice in one second replaces the file and its entry", async () => {
  await withTempDir(async (root) => {
    // The clock decides which saves share a second: no waiting for the wall clock.
    let now = parseRfc3339("2024-05-01T10:00:01.250Z");
    const saves = new SaveManager(root, { now: () => now });
    const bundle = smallBundle("p", 0, 1);
    const first = await saves.save("p", 0, bundle);
    now = parseRfc3339("2024-05-01T10:00:01.750Z");
    const second = await saves.save("p", 0, { ...bundle, world: { ...bundle.world, tick: 2n } });
    assert.equal(first, second);
    assert.equal((await saves.listSaves("p")).length, 1);
    assert.equal((await saves.loadLatestSlot("p", 0)).bundle.world.tick, 2n);
    // In the next second, the same save id is a new file.
    now = parseRfc3339("2024-05-01T10:00:02Z");
    const third = await saves.save("p", 0, { ...bundle, world: { ...bundle.world, tick: 3n } });
    assert.notEqual(third, first);
    assert.match(basename(third), /^slot00_2024-05-01T10-00-02Z_/);
    assert.equal((await saves.listSaves("p")).length, 2);
    assert.equal((await saves.loadLatestSlot("p", 0)).bundle.world.tick, 3n);
  }, "aw-save-test-");
});

Deno.test("listSaves rebuilds a missing or damaged index from the files, and writes it back", async () => {
  await withSaves(async (saves) => {
    for (let i = 0; i < 4; i++) await saves.save("p", i, smallBundle("p", i, i));
    await saves.indexSettled("p");
    const dir = saves.playerDir("p");
    const good = await indexOnDisk(dir);
    const indexPath = join(dir, "index.json");
    for (
      const damage of [
        null, // missing
        new TextEncoder().encode('[{"save_id": 1'), // cut short
        new TextEncoder().encode('{"not": "a list"}'),
        new TextEncoder().encode('[{"save_id":"x","file":"a.awsv"}]'),
      ]
    ) {
      if (damage) await Deno.writeFile(indexPath, damage);
      else await Deno.remove(indexPath);
      assert.deepEqual(await saves.listSaves("p"), good);
      assert.deepEqual(await indexOnDisk(dir), good);
    }
    // A damaged save file is left out of a rebuilt index, and does not stop the others.
    await Deno.writeFile(join(dir, good[1].file), new Uint8Array(20));
    await Deno.remove(indexPath);
    assert.deepEqual(await saves.listSaves("p"), [good[0], good[2], good[3]]);
    assert.equal((await saves.loadLatestSlot("p", 2)).bundle.world.tick, 2n);
  });
});

Deno.test("listSaves repairs an index that disagrees with the files", async () => {
  await withSaves(async (saves) => {
    for (let i = 0; i < 3; i++) await saves.save("p", i, smallBundle("p", i, i));
    await saves.indexSettled("p");
    const dir = saves.playerDir("p");
    const full = await indexOnDisk(dir);
    // A file the index does not list (a save whose index update was cut off by a crash).
    await Deno.writeFile(
      join(dir, "index.json"),
      new TextEncoder().encode(
        JSON.stringify(
          JSON.parse(await Deno.readTextFile(join(dir, "index.json"))).slice(0, 2),
          null,
          2,
        ),
      ),
    );
    assert.deepEqual(await saves.listSaves("p"), full);
    // An entry whose file is gone.
    await Deno.remove(join(dir, full[0].file));
    assert.deepEqual(await saves.listSaves("p"), full.slice(1));
    assert.deepEqual(await indexOnDisk(dir), full.slice(1));
    // No directory: no saves, and nothing is created.
    assert.deepEqual(await saves.listSaves("ghost"), []);
    await assert.rejects(Deno.stat(saves.playerDir("ghost")), Deno.errors.NotFound);
  });
});

Deno.test("save refuses bad arguments and leaves the directory untouched", async () => {
  await withSaves(async (saves) => {
    await saves.save("p", 0, smallBundle("p", 0));
    await saves.indexSettled("p");
    const dir = saves.playerDir("p");
    const before = await namesIn(dir);
    await assertRejects(saves.save("p", 1, smallBundle("p", 0)), "invalid_bundle");
    await assertRejects(saves.save("q", 0, smallBundle("p", 0)), "invalid_bundle");
    await assertRejects(saves.save("p", 256, smallBundle("p", 256)), "invalid_bundle");
    const bad = smallBundle("p", 0);
    bad.world.tick = -5n;
    await assertRejects(saves.save("p", 0, bad), "invalid_bundle");
    assert.deepEqual(await namesIn(dir), before);
  });
});

Deno.test("a save that cannot be written fails with io and leaves no file behind", async () => {
  await withSaves(async (saves, root) => {
    // A file where the player directory should be: creating the temporary file fails.
    await Deno.writeTextFile(saves.playerDir("blocked"), "not a directory");
    const e = await assertRejects(saves.save("blocked", 0, smallBundle("blocked", 0)), "io");
    assert.match(e.message, /cannot write the save/);
    assert.deepEqual(await namesIn(root), ["blocked"]);
    assert.equal(await Deno.readTextFile(saves.playerDir("blocked")), "not a directory");
  });
});

Deno.test("deleteSlot removes the slot's files and index entries, and nothing else", async () => {
  await withSaves(async (saves) => {
    await saves.save("p", 0, smallBundle("p", 0, 1));
    await saves.save("p", 1, smallBundle("p", 1, 2));
    await saves.save("p", 1, smallBundle("p", 1, 3));
    await saves.save("p", 10, smallBundle("p", 10, 4));
    const deleted = await saves.deleteSlot("p", 1);
    assert.equal(deleted.length, 2);
    for (const path of deleted) assert.equal(parseSaveFileName(basename(path))!.slot, 1);
    await assertRejects(saves.loadLatestSlot("p", 1), "no_save");
    assert.deepEqual((await saves.listSaves("p")).map((m) => m.slot), [0, 10]);
    assert.deepEqual((await indexOnDisk(saves.playerDir("p"))).map((m) => m.slot), [0, 10]);
    assert.deepEqual(await saves.deleteSlot("p", 1), []);
  });
});

Deno.test("migrateFile: V1 to V2 in memory, and with resave in place (index updated)", async () => {
  await withSaves(async (saves) => {
    const dir = saves.playerDir("old");
    await Deno.mkdir(dir, { recursive: true });
    const { playerId, slot, createdAt, world, inventory, meta } = smallBundle("old", 4, 9);
    const v1: SaveBundleV1 = {
      playerId,
      slot,
      createdAt,
      world,
      inventory,
      meta,
      companion: {
        id: "c1",
        name: "Echo",
        level: 3,
        skills: [],
        facts: [],
        episodesSummarized: [],
      },
    };
    const path = join(dir, "slot04_2020-01-01T00-00-00Z_00000000-0000-4000-8000-000000000000.awsv");
    const legacy = encodeLegacySaveFile(v1);
    await Deno.writeFile(path, legacy);

    const dry = await saves.migrateFile(path);
    assert.equal(dry.fromVersion, 1);
    assert.equal(dry.resaved, false);
    assert.equal(dry.bundle.schema, 2);
    assert.deepEqual(dry.bundle.companions, [v1.companion]);
    assert.deepEqual(await Deno.readFile(path), legacy);

    // listSaves indexes the V1 file; resave rewrites it as V2 and updates that entry.
    assert.equal((await saves.listSaves("old")).length, 1);
    const done = await saves.migrateFile(path, { resave: true });
    assert.equal(done.resaved, true);
    const reread = decodeSaveFile(await Deno.readFile(path));
    assert.equal(reread.header.version, 2);
    assert.deepEqual(reread.bundle, done.bundle);
    const index = await indexOnDisk(dir);
    assert.equal(index.length, 1);
    assert.equal(index[0].saveId, done.bundle.saveId);
    // Migrating a V2 file is a no-op conversion.
    assert.equal((await saves.migrateFile(path)).fromVersion, 2);
    assert.deepEqual((await saves.migrateFile(path)).bundle, done.bundle);
  });
});

Deno.test("compression none: the manager writes stored blocks, and either manager loads either file", async () => {
  await withTempDir(async (root) => {
    const stored = new SaveManager(root, { compression: "none" });
    const compressed = new SaveManager(root);
    const world = { tick: 1n, ecsBlob: new Uint8Array(4096), stateHash: 0n };
    const a = createBundle({ playerId: "ann", slot: 1, world });
    const b = createBundle({ playerId: "bob", slot: 1, world });
    const aPath = await stored.save("ann", 1, a);
    const bPath = await compressed.save("bob", 1, b);
    const isStored = async (path: string) =>
      lz4StoredLiterals((await Deno.readFile(path)).subarray(16)) !== null;
    assert.equal(await isStored(aPath), true);
    assert.equal(await isStored(bPath), false);
    assert.ok((await Deno.stat(aPath)).size > (await Deno.stat(bPath)).size + 4000);
    for (const saves of [stored, compressed]) {
      assert.deepEqual((await saves.loadLatestSlot("ann", 1)).bundle, a);
      assert.deepEqual((await saves.loadLatestSlot("bob", 1)).bundle, b);
    }
    // A resave by migration packs the file as its manager says.
    await stored.migrateFile(bPath, { resave: true });
    assert.equal(await isStored(bPath), true);
    assert.deepEqual((await compressed.loadLatestSlot("bob", 1)).bundle, b);
    await stored.indexSettled("ann");
    await compressed.indexSettled("bob");
  }, "aw-save-test-");
  assert.throws(
    // @ts-expect-error: not a compression
    () => new SaveManager(".", { compression: "fast" }),
    (e) => e instanceof RangeError && /"fast"/.test(e.message),
  );
});

Deno.test("large saves, compressed off the calling thread, side by side: each loads back as it was given", async () => {
  await withSaves(async (saves) => {
    const bundles = [1, 2, 3].map((seed) =>
      createBundle({
        playerId: `p${seed}`,
        world: { tick: BigInt(seed), ecsBlob: worldBlob(1_100_000 + seed, seed), stateHash: 0n },
      })
    );
    const originals = bundles.map((b) => b.world.ecsBlob.slice());
    const saving = bundles.map((b) => saves.save(b.playerId, 0, b));
    // The bundles are read before save() returns: changing them now changes nothing saved.
    for (const b of bundles) b.world.ecsBlob.fill(7);
    await Promise.all(saving);
    for (const [i, b] of bundles.entries()) {
      const loaded = await saves.loadLatestSlot(b.playerId, 0);
      assert.deepEqual(loaded.bundle.world.ecsBlob, originals[i], b.playerId);
      assert.equal(loaded.compression, "lz4");
    }
  });
});

Deno.test("stale temporary files from a crash are removed by the next save; fresh ones are kept", async () => {
  await withSaves(async (saves) => {
    const dir = saves.playerDir("t");
    await Deno.mkdir(dir, { recursive: true });
    const stale = join(dir, "slot00_x.0123456789ab.tmp");
    const fresh = join(dir, "index.json.ba9876543210.tmp");
    await Deno.writeFile(stale, new Uint8Array(10));
    await Deno.writeFile(fresh, new Uint8Array(10));
    const old = new Date(Date.now() - STALE_TEMP_AGE_MS - 60_000);
    await Deno.utime(stale, old, old);
    await new SaveManager(saves.root).save("t", 0, smallBundle("t", 0));
    await saves.indexSettled("t"); // the sweep runs with the index update
    const names = await namesIn(dir);
    assert.ok(!names.includes(basename(stale)), names.join());
    assert.ok(names.includes(basename(fresh)), names.join());
  });
});

Deno.test("created_at from dateTimeNow orders saves made within one millisecond", async () => {
  await withSaves(async (saves) => {
    const a = createBundle({
      playerId: "p",
      slot: 0,
      createdAt: dateTimeNow(),
      world: { tick: 1n },
    });
    const b = createBundle({
      playerId: "p",
      slot: 0,
      createdAt: dateTimeNow(),
      world: { tick: 2n },
    });
    await Promise.all([saves.save("p", 0, b), saves.save("p", 0, a)]);
    assert.equal((await saves.loadLatestSlot("p", 0)).bundle.world.tick, 2n);
  });
});

Deno.test("deleteSlot keeps the files named in except, and the index follows", async () => {
  await withSaves(async (saves) => {
    const first = await saves.save("p", 2, smallBundle("p", 2, 1));
    const second = await saves.save("p", 2, smallBundle("p", 2, 2));
    const other = await saves.save("p", 3, smallBundle("p", 3, 3));
    assert.deepEqual(await saves.deleteSlot("p", 2, { except: [second] }), [first]);
    const listed = (await indexOnDisk(saves.playerDir("p"))).map((m) => m.file).sort();
    assert.deepEqual(listed, [basename(second), basename(other)].sort());
    assert.deepEqual(await saves.deleteSlot("p", 2, { except: [basename(second)] }), []);
  });
});

Deno.test("a player directory removed behind the manager's back is made again by the next save", async () => {
  await withSaves(async (saves, root) => {
    const first = await saves.save("ann", 0, smallBundle("ann", 0, 1));
    await saves.listSaves("ann"); // the index update has run
    Deno.removeSync(dirname(first), { recursive: true });
    const second = await saves.save("ann", 0, smallBundle("ann", 0, 2));
    assert.equal(dirname(second), dirname(first));
    const listed = await saves.listSaves("ann");
    assert.deepEqual(listed.map((m) => m.file), [basename(second)]);
    assert.equal((await saves.loadLatestSlot("ann", 0)).bundle.world.tick, 2n);
    // Even the whole root.
    Deno.removeSync(root, { recursive: true });
    const third = await saves.save("ann", 1, smallBundle("ann", 1, 3));
    assert.equal((await saves.loadFile(third)).bundle.world.tick, 3n);
    // The index update in the background is done before the directory is removed.
    assert.equal((await saves.listSaves("ann")).length, 1);
  });
});
