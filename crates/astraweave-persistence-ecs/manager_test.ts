import assert from "node:assert/strict";
import { join } from "node:path";
import { createBundle, encodeLegacySaveFile, SaveError, SaveManager } from "@astraweave/save";
import { describe, randomWorld } from "./testdata/random_world.ts";
import {
  EcsError,
  ENGINE_COMPONENTS,
  Health,
  loadWorld,
  PersistenceManager,
  serializeWorld,
  snapshotWorld,
  worldHash,
} from "./mod.ts";
import { withTempDir } from "@astraweave/testing/temp-dir";

const fixtures = new URL("../../fixtures/aw-save-rust/", import.meta.url);

Deno.test("saveGame and loadGame round-trip a world through aw-save files", () =>
  withTempDir(async (root) => {
    const world = randomWorld(31, 2000);
    const games = new PersistenceManager({
      root,
      player: "ann",
      components: ENGINE_COMPONENTS,
      world,
    });
    const saved = await games.saveGame(3, { meta: new Map([["chapter", "2"]]) });
    assert.equal(saved.hash, worldHash(world));
    assert.equal(saved.tick, world.tick);
    assert.ok(saved.path.startsWith(join(root, "ann")));

    const fresh = new PersistenceManager({ root, player: "ann", components: ENGINE_COMPONENTS });
    const loaded = await fresh.loadGame(3);
    assert.equal(fresh.world, loaded.world);
    assert.equal(loaded.hash, saved.hash);
    assert.equal(loaded.world.tick, world.tick);
    assert.deepEqual(describe(loaded.world), describe(world));
    assert.equal(loaded.bundle.world.stateHash, saved.hash);
    assert.equal(loaded.bundle.meta.get("chapter"), "2");
    assert.equal(loaded.bundle.meta.get("world_hash_version"), "3");

    await games.saveGame(0);
    const list = await games.listSaves();
    assert.deepEqual(list.map((m) => m.slot), [0, 3]);
    await assert.rejects(
      () => games.loadGame(9),
      (e) => e instanceof SaveError && e.kind === "no_save",
    );
  }));

Deno.test("a tampered blob is a hash mismatch, not a silent load", () =>
  withTempDir(async (root) => {
    const world = randomWorld(32, 300);
    const games = new PersistenceManager({
      root,
      player: "bo",
      components: ENGINE_COMPONENTS,
      world,
    });
    const { hash } = await games.saveGame(1);
    // Someone edits the world in the file and keeps the old hash (the file's CRC is redone by
    // aw-save, so only the world hash can notice).
    const saves = new SaveManager(root);
    const { bundle } = await saves.loadLatestSlot("bo", 1);
    const edited = loadWorld(bundle.world.ecsBlob, ENGINE_COMPONENTS);
    const victim = edited.query(Health)[0];
    edited.insert(victim, Health, { hp: edited.get(victim, Health)!.hp + 1 });
    bundle.world.ecsBlob = serializeWorld(edited);
    bundle.saveId = crypto.randomUUID();
    await new Promise((r) => setTimeout(r, 1100)); // a newer file name stamp (seconds)
    await saves.save("bo", 1, bundle);
    assert.equal(bundle.world.stateHash, hash);

    const before = games.world;
    await assert.rejects(
      () => games.loadGame(1),
      (e) => e instanceof EcsError && e.kind === "hash_mismatch" && /hashes to/.test(e.message),
    );
    assert.equal(games.world, before, "the current world is kept");

    // Bytes that do not decode as a world at all.
    bundle.world.ecsBlob = bundle.world.ecsBlob.subarray(0, 10);
    bundle.saveId = crypto.randomUUID();
    await new Promise((r) => setTimeout(r, 1100));
    await saves.save("bo", 1, bundle);
    await assert.rejects(
      () => games.loadGame(1),
      (e) => e instanceof EcsError && e.kind === "bad_blob",
    );
  }));

Deno.test("the Rust engine's save files are read, and their foreign blobs rejected clearly", () =>
  withTempDir(async (root) => {
    const games = new PersistenceManager({
      root,
      player: "test_player",
      components: ENGINE_COMPONENTS,
    });
    for await (const entry of Deno.readDir(fixtures)) {
      if (!entry.name.endsWith(".awsv")) continue;
      const path = new URL(entry.name, fixtures).pathname;
      await assert.rejects(
        () => games.loadGameFile(path),
        (e) => e instanceof EcsError && e.kind === "bad_blob" && e.message.startsWith(path),
      );
    }
  }));

Deno.test("a save written before world hash version 3 still loads and verifies", () =>
  withTempDir(async (root) => {
    const world = randomWorld(35, 300);
    const saves = new SaveManager(root);
    // What the manager wrote then: no hash version in the metadata, a version 1 state_hash.
    const bundle = (slot: number, hashVersion: string | null, stateHash: bigint) =>
      createBundle({
        playerId: "di",
        slot,
        world: { tick: 9n, ecsBlob: serializeWorld(world), stateHash },
        meta: new Map(hashVersion === null ? [] : [["world_hash_version", hashVersion]]),
      });
    const games = new PersistenceManager({
      root: saves,
      player: "di",
      components: ENGINE_COMPONENTS,
    });
    const old = await saves.save("di", 2, bundle(2, null, worldHash(world, 1)));
    const loaded = await games.loadGameFile(old);
    assert.equal(loaded.hash, worldHash(world, 1));
    assert.deepEqual(describe(loaded.world), describe(world));

    // The version the save names decides: a version 1 hash under version 2 does not verify.
    const mislabeled = await saves.save("di", 3, bundle(3, "2", worldHash(world, 1)));
    await assert.rejects(
      () => games.loadGameFile(mislabeled),
      (e) => e instanceof EcsError && e.kind === "hash_mismatch",
    );
    const explicit = await saves.save("di", 4, bundle(4, "1", worldHash(world, 1)));
    assert.equal((await games.loadGameFile(explicit)).hash, worldHash(world, 1));
    const second = await saves.save("di", 6, bundle(6, "2", worldHash(world, 2)));
    assert.equal((await games.loadGameFile(second)).hash, worldHash(world, 2));
    const unknown = await saves.save("di", 5, bundle(5, "4", worldHash(world)));
    await assert.rejects(
      () => games.loadGameFile(unknown),
      (e) =>
        e instanceof EcsError && e.kind === "bad_blob" && /world hash version "4"/.test(e.message),
    );
  }));

Deno.test("migrateSave turns a version-1 save into version 2 that still loads and verifies", () =>
  withTempDir(async (root) => {
    const world = randomWorld(33, 200);
    const games = new PersistenceManager({ root, player: "cy", components: ENGINE_COMPONENTS });
    const snap = snapshotWorld(world);
    const dir = join(root, "cy");
    await Deno.mkdir(dir, { recursive: true });
    const path = join(dir, "slot04_2026-01-02T03-04-05Z_00000000-0000-4000-8000-000000000001.awsv");
    await Deno.writeFile(
      path,
      encodeLegacySaveFile({
        playerId: "cy",
        slot: 4,
        createdAt: {
          year: 2026,
          ordinal: 2,
          hour: 3,
          minute: 4,
          second: 5,
          nanosecond: 0,
          offsetHours: 0,
          offsetMinutes: 0,
          offsetSeconds: 0,
        },
        // Written before world hash version 2: its state_hash is a version 1 hash.
        world: { tick: BigInt(snap.tick), ecsBlob: snap.blob, stateHash: worldHash(world, 1) },
        inventory: { credits: 5n, items: [] },
        companion: null,
        meta: new Map(),
      }),
    );
    const migrated = await games.migrateSave(path, true);
    assert.equal(migrated.fromVersion, 1);
    assert.equal(migrated.resaved, true);
    assert.equal((await new SaveManager(root).loadFile(path)).header.version, 2);
    const loaded = await games.loadGameFile(path);
    assert.equal(loaded.hash, worldHash(world, 1));
    assert.deepEqual(describe(loaded.world), describe(world));
  }));
