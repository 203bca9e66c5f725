// The files in fixtures/aw-save-rust/ were written by the Rust aw-save. They must load with the
// fields the Rust bundles held, re-encode to the same bytes, and their index.json must be what the
// index code writes for the same saves.
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  decodeIndex,
  decodeSaveFile,
  encodeIndex,
  encodeSaveFile,
  formatTimeText,
  parseSaveFileName,
  SaveManager,
  serializeBundle,
} from "./mod.ts";
import { crc32, lz4DecompressSizePrepended } from "@astraweave/codec";
const loadLz4Napi = () => import("lz4-napi");
import { seededBundle } from "./testdata/bundles.ts";
import { encodeSaveFilePartsAsync } from "./format.ts";

const fixtures = new URL("../../fixtures/aw-save-rust/", import.meta.url).pathname;

async function fixtureFiles(): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(fixtures)) if (e.name.endsWith(".awsv")) names.push(e.name);
  assert.equal(names.length, 5);
  return names.sort();
}

// What fixtures/aw-save-rust/README.md says each file holds: tick, blob length, state hash, credits.
const expected: Record<string, [bigint, number, bigint, bigint]> = {
  "7331e190": [0n, 1, 0n, 0n],
  "affc58d6": [100n, 5, 1193046n, 500n],
  "ef69ca77": [1n, 1, 0n, 100n],
  "2dcb8b6f": [2n, 1, 0n, 200n],
  "6ea6b68a": [12345n, 4, 1311768467294899695n, 9999n],
};

Deno.test("Rust fixtures: every file loads with the fields the Rust bundle held", async () => {
  const saves = new SaveManager(fixtures);
  for (const name of await fixtureFiles()) {
    const { bundle, header, legacy } = await saves.loadFile(join(fixtures, name));
    const parts = parseSaveFileName(name)!;
    assert.equal(header.version, 2);
    assert.equal(header.codec, 1);
    assert.equal(legacy, null);
    assert.equal(bundle.schema, 2);
    assert.equal(bundle.playerId, "test_player");
    assert.equal(bundle.slot, parts.slot, name);
    assert.equal(bundle.saveId, parts.saveId, name);
    const { nanosecond: _, ...at } = bundle.createdAt;
    assert.deepEqual(at, {
      year: 2026,
      ordinal: 72,
      hour: 8,
      minute: 45,
      second: 25,
      offsetHours: 0,
      offsetMinutes: 0,
      offsetSeconds: 0,
    });
    assert.equal(parts.stamp, "2026-03-13T08-45-25Z");
    const [tick, blobLength, stateHash, credits] = expected[bundle.saveId.slice(0, 8)];
    assert.equal(bundle.world.tick, tick, name);
    assert.equal(bundle.world.ecsBlob.length, blobLength, name);
    assert.equal(bundle.world.stateHash, stateHash, name);
    assert.equal(bundle.inventory.credits, credits, name);
  }
});

Deno.test("Rust fixtures: the rich bundle's companion, items and meta", async () => {
  const name = (await fixtureFiles()).find((n) => n.includes("6ea6b68a"))!;
  const { bundle } = decodeSaveFile(await Deno.readFile(join(fixtures, name)));
  assert.deepEqual(bundle.world.ecsBlob, new Uint8Array([0x10, 0x20, 0x30, 0x40]));
  assert.deepEqual(bundle.companions, [{
    id: "companion_1",
    name: "Echo Prime",
    level: 25,
    skills: ["Combat", "Hacking"],
    facts: ["Remembers the old world"],
    episodesSummarized: ["Helped in the tutorial mission"],
  }]);
  assert.deepEqual(bundle.inventory.items, [
    { kind: "sword", qty: 1, attrs: new Map([["damage", 42n], ["durability", 100n]]) },
    { kind: "potion", qty: 10, attrs: new Map() },
  ]);
  assert.deepEqual(bundle.meta, new Map([["difficulty", "hard"], ["chapter", "3"]]));
});

Deno.test("Rust fixtures: created_at matches index.json to the nanosecond", async () => {
  const index = decodeIndex(await Deno.readFile(join(fixtures, "index.json")));
  assert.ok(Array.isArray(index));
  assert.equal(index.length, 3);
  for (const entry of index) {
    const { bundle } = decodeSaveFile(await Deno.readFile(join(fixtures, entry.file)));
    assert.equal(bundle.saveId, entry.saveId);
    assert.equal(bundle.slot, entry.slot);
    assert.deepEqual(bundle.createdAt, entry.createdAt);
  }
  assert.equal(formatTimeText(index[0].createdAt), "2026-03-13 08:45:25.4431216 +00:00:00");
});

Deno.test("Rust fixtures: re-encoding a decoded file gives the identical bytes", async () => {
  for (const name of await fixtureFiles()) {
    const bytes = await Deno.readFile(join(fixtures, name));
    const { bundle } = decodeSaveFile(bytes);
    // The postcard payload is identical...
    const payload = lz4DecompressSizePrepended(bytes.subarray(16));
    assert.deepEqual(serializeBundle(bundle), payload, name);
    // ...and so is the whole file: header, CRC, and the LZ4 block lz4_flex made (these payloads are
    // small enough that both compressors emit them as literals).
    assert.deepEqual(encodeSaveFile(bundle), bytes, name);
  }
});

Deno.test("Rust fixtures: index.json is byte for byte what the index code writes", async () => {
  const bytes = await Deno.readFile(join(fixtures, "index.json"));
  const index = decodeIndex(bytes);
  assert.ok(Array.isArray(index));
  assert.deepEqual(encodeIndex(index), bytes);
});

Deno.test("Rust fixtures: an index rebuilt from the files equals the Rust index", async () => {
  const root = await Deno.makeTempDir();
  try {
    const saves = new SaveManager(root);
    const dir = saves.playerDir("test_player");
    await Deno.mkdir(dir);
    const rustIndex = decodeIndex(await Deno.readFile(join(fixtures, "index.json")));
    assert.ok(Array.isArray(rustIndex));
    // The files the Rust index lists, without the index: listSaves rebuilds it from the files.
    for (const m of rustIndex) await Deno.copyFile(join(fixtures, m.file), join(dir, m.file));
    const listed = await saves.listSaves("test_player");
    assert.deepEqual(listed, rustIndex);
    assert.deepEqual(
      await Deno.readFile(join(dir, "index.json")),
      await Deno.readFile(join(fixtures, "index.json")),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("Rust fixtures: a Rust save directory lists, repairs and loads", async () => {
  const root = await Deno.makeTempDir();
  try {
    const saves = new SaveManager(root);
    const dir = saves.playerDir("test_player");
    await Deno.mkdir(dir);
    for await (const e of Deno.readDir(fixtures)) {
      if (e.name !== "README.md") await Deno.copyFile(join(fixtures, e.name), join(dir, e.name));
    }
    // The Rust index lists 3 of the 5 files: listing adds the other two and writes the index back.
    const listed = await saves.listSaves("test_player");
    assert.deepEqual(listed.map((m) => `${m.slot} ${m.saveId.slice(0, 8)}`), [
      "0 affc58d6",
      "0 7331e190",
      "1 ef69ca77",
      "2 2dcb8b6f",
      "5 6ea6b68a",
    ]);
    assert.deepEqual(decodeIndex(await Deno.readFile(join(dir, "index.json"))), listed);
    // Slot 0 has two files from the same second: the later created_at (.4431216 s) is the latest.
    const latest = await saves.loadLatestSlot("test_player", 0);
    assert.equal(latest.bundle.saveId.slice(0, 8), "7331e190");
    assert.equal((await saves.loadLatestSlot("test_player", 5)).bundle.world.tick, 12345n);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

// lz4_flex itself (the Rust crate, as the npm package lz4-napi) reads what this crate writes.
const lz4Flex = Deno.permissions.querySync({ name: "ffi" }).state === "granted"
  ? await loadLz4Napi().catch(() => undefined)
  : undefined;

Deno.test({
  name:
    "files this crate writes decompress with lz4_flex to the same postcard payload, compressed or not",
  ignore: lz4Flex === undefined,
  fn: () => {
    for (let seed = 1; seed <= 12; seed++) {
      const bundle = seededBundle(seed, 700);
      for (const compression of ["lz4", "none"] as const) {
        const file = encodeSaveFile(bundle, { compression });
        const data = file.subarray(16);
        assert.equal(crc32(data), new DataView(file.buffer).getUint32(12, true));
        const payload = new Uint8Array(lz4Flex!.uncompressSync(data));
        assert.deepEqual(payload, serializeBundle(bundle), `seed ${seed}, ${compression}`);
      }
    }
  },
});

Deno.test({
  name: "a large save, compressed off the calling thread, decompresses with lz4_flex",
  ignore: lz4Flex === undefined,
  fn: async () => {
    // 12 × 12 × 8,000 bytes of world: 1.15 MB, which the helper thread compresses.
    const bundle = seededBundle(12, 8000);
    const { header, data } = await encodeSaveFilePartsAsync(bundle);
    assert.equal(crc32(data), new DataView(header.buffer).getUint32(12, true));
    assert.deepEqual(new Uint8Array(lz4Flex!.uncompressSync(data)), serializeBundle(bundle));
  },
});
