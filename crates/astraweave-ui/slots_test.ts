import assert from "node:assert/strict";
import { playerDirName, SaveManager } from "@astraweave/save";
import { withTempDir } from "@astraweave/testing";
import { SaveSlots, UiError } from "./mod.ts";

const game = (tick: bigint, scene: string) => ({
  tick,
  state: new TextEncoder().encode(JSON.stringify({ scene })),
  meta: { scene },
});

Deno.test("slots: save, list with dates, load; saving again keeps one file per slot", async () => {
  await withTempDir(async (root) => {
    const slots = new SaveSlots(new SaveManager(root), "player one", 4);
    assert.deepEqual(await slots.list(), [null, null, null, null]);
    const first = await slots.save(2, game(10n, "docks"));
    assert.equal(first.slot, 2);
    // The date shown is the one the save file records.
    assert.equal((await slots.list())[2]?.savedAt.getTime(), first.savedAt.getTime());
    assert.match(first.file, /^slot02_.*\.awsv$/);
    await slots.save(2, game(20n, "harbour"));
    await slots.save(0, game(5n, "gate"));
    const list = await slots.list();
    assert.deepEqual(list.map((s) => s?.slot ?? null), [0, null, 2, null]);
    const loaded = await slots.load(2);
    assert.equal(loaded.tick, 20n);
    assert.equal(loaded.meta.scene, "harbour");
    assert.deepEqual(JSON.parse(new TextDecoder().decode(loaded.state)), { scene: "harbour" });
    // Saving a slot again leaves one file for it (aw-save decides the directory's name).
    const files = [...Deno.readDirSync(`${root}/${playerDirName("player one")}`)]
      .map((e) => e.name).filter((n) => n.startsWith("slot02_"));
    assert.equal(files.length, 1);
  });
});

Deno.test("slots: out of range and empty slots are typed errors", async () => {
  await withTempDir(async (root) => {
    const slots = new SaveSlots(new SaveManager(root), "ann");
    await assert.rejects(
      slots.load(1),
      (e) => e instanceof UiError && e.message === "slot 1 is empty",
    );
    await assert.rejects(
      slots.save(3, game(1n, "x")),
      (e) => e instanceof UiError && /from 0 to 2, got 3/.test(e.message),
    );
    assert.throws(() => new SaveSlots(new SaveManager(root), "ann", 0), /slotCount/);
  });
});
