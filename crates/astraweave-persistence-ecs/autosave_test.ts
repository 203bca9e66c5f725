import assert from "node:assert/strict";
import { join } from "node:path";
import { mulberry32 as rng } from "@astraweave/testing/random";
import {
  Autosave,
  type AutosaveRecord,
  ENGINE_COMPONENTS,
  PersistenceManager,
  World,
  type WorldSnapshot,
} from "./mod.ts";
import { benchmarkWorld, demoStep } from "./demo.ts";
import { withTempDir } from "@astraweave/testing/temp-dir";

/** A writer whose writes finish when the test says so. */
function manualWriter() {
  const calls: { slot: number; snapshot: WorldSnapshot; finish: (ok: boolean) => void }[] = [];
  const write = (slot: number, snapshot: WorldSnapshot) =>
    new Promise<void>((resolve, reject) => {
      calls.push({
        slot,
        snapshot,
        finish: (ok) => (ok ? resolve() : reject(new Error("disk full"))),
      });
    });
  return { calls, write };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

Deno.test("snapshots are taken on the tick and written off it; a newer one supersedes a waiting one", async () => {
  const { calls, write } = manualWriter();
  const autosave = new Autosave({ everyTicks: 5, keep: 2, write });
  const world = new World();
  const took: number[] = [];
  for (let t = 0; t <= 20; t++) {
    world.tick = t;
    if (autosave.tick(world)) took.push(t);
  }
  assert.deepEqual(took, [5, 10, 15, 20]);
  assert.equal(calls.length, 1, "one write in flight; the tick loop did not wait for it");
  assert.equal(calls[0].snapshot.tick, 5);
  assert.equal(autosave.stats.superseded, 2, "10 and 15 were replaced by 20 while waiting");
  calls[0].finish(true);
  await settle();
  assert.equal(calls.length, 2);
  assert.equal(calls[1].snapshot.tick, 20, "the newest waiting snapshot is written next");
  assert.equal(calls[1].slot, 1);
  calls[1].finish(true);
  await autosave.flush();
  assert.deepEqual(autosave.lastGood, { slot: 1, tick: 20, hash: calls[1].snapshot.hash });
  assert.deepEqual(autosave.stats, { snapshots: 4, saved: 2, failed: 0, superseded: 2 });
});

Deno.test("every N seconds, by the clock given", async () => {
  let now = 0;
  const slots: number[] = [];
  const autosave = new Autosave({
    everySeconds: 2,
    keep: 3,
    firstSlot: 7,
    now: () => now,
    write: (slot) => Promise.resolve(void slots.push(slot)),
  });
  const world = new World();
  for (let ms = 0; ms <= 9000; ms += 500) {
    now = ms;
    world.tick++;
    autosave.tick(world);
    await autosave.flush();
  }
  assert.deepEqual(slots, [7, 8, 9, 7]);
  assert.throws(() => new Autosave({ write: () => Promise.resolve() }), RangeError);
});

Deno.test("a failed autosave is reported and the next one retries the oldest slot", async () => {
  const { calls, write } = manualWriter();
  const errors: [string, number][] = [];
  const autosave = new Autosave({
    everyTicks: 1,
    keep: 3,
    write,
    onError: (e, slot) => errors.push([(e as Error).message, slot]),
  });
  const world = new World();
  const slots: number[] = [];
  for (let t = 0; t <= 6; t++) {
    world.tick = t;
    autosave.tick(world);
    await settle();
    const call = calls.at(-1);
    if (call && slots.length < calls.length) {
      slots.push(call.slot);
      call.finish(t !== 3);
      await autosave.flush();
    }
  }
  assert.deepEqual(slots, [0, 1, 2, 2, 0, 1], "slot 2 failed at tick 3 and was retried");
  assert.deepEqual(errors, [["disk full", 2]]);
  assert.equal(autosave.stats.failed, 1);
  assert.equal(autosave.lastGood!.tick, 6);
  assert.equal(autosave.lastError, undefined);
});

Deno.test("autosaves through aw-save keep the newest K; failures never damage the last good one", () =>
  withTempDir(async (root) => {
    const games = new PersistenceManager({ root, player: "dee", components: ENGINE_COMPONENTS });
    const dir = join(root, "dee");
    const saved: AutosaveRecord[] = [];
    const failures: number[] = [];
    let writes = 0;
    const autosave = new Autosave({
      everyTicks: 10,
      keep: 3,
      firstSlot: 20,
      onSaved: (r) => saved.push(r),
      onError: (_, slot) => failures.push(slot),
      // The manager's autosave writer, failing its 5th write before anything reaches the disk,
      // and its 8th after leaving a partial file behind, as a crash mid-write would.
      write: async (slot, snapshot) => {
        writes++;
        if (writes === 5) throw new Error("injected failure");
        if (writes === 8) {
          await Deno.writeFile(join(dir, `slot${slot}_torn.tmp`), snapshot.blob.subarray(0, 9));
          throw new Error("crash mid-write");
        }
        return await games.writeAutosave(slot, snapshot);
      },
    });
    const world = benchmarkWorld(300);
    const r = rng(4);
    autosave.tick(world); // tick 0 starts the clock: autosaves at ticks 10, 20, ..., 120
    for (let t = 0; t < 120; t++) {
      const strike = { tag: "Strike" as const, value: { x: t % 100, y: 0, radius: 3, damage: 40 } };
      demoStep(world, r() < 0.2 ? [strike] : []);
      world.tick++;
      autosave.tick(world);
      await autosave.flush();
    }
    // Writes 1-4 went to slots 20, 21, 22, 20; the 5th (slot 21) failed and was retried.
    assert.deepEqual(failures, [21, 20]);
    assert.equal(autosave.stats.saved, 10);
    assert.equal(autosave.stats.failed, 2);
    const files = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith(".awsv"));
    assert.equal(files.length, 3, `one file per autosave slot: ${files.join(", ")}`);
    const newest = saved.slice(-3);
    assert.deepEqual(newest.map((s) => s.tick), [100, 110, 120]);
    for (const record of newest) {
      const loaded = await games.loadGame(record.slot);
      assert.equal(loaded.hash, record.hash);
      assert.equal(loaded.world.tick, record.tick);
    }
    assert.equal(autosave.lastGood!.tick, 120);
    const listed = await games.listSaves();
    assert.deepEqual(listed.map((m) => m.slot), [20, 21, 22], "the index follows the pruning");
  }));
