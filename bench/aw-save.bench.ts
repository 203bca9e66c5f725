/**
 * aw-save benchmarks, in the Rust original's groups: `serialization`, `compression`, `checksum`,
 * `save_load_cycle`, `index_operations`, `scaling` (1 KB to 5 MB), and `errors` and `migration`,
 * which the original's report named and its code never measured.
 *
 * The bundle is the Rust bench's `create_test_bundle` (two companions, two items, two meta
 * entries) with a realistic world blob: entity records with ids, f32 positions, velocities,
 * rotations and health, and a name table (`testing/world_blob.ts`), which LZ4
 * shrinks to about 52%, not the Rust bench's single repeated byte. One bench measures the repeated
 * byte case too, and says so in its name.
 *
 * Disk benches run in a temporary directory removed on unload. `save_load_cycle` declares peers
 * measured in the same run: a bare durable write (temporary file, fdatasync, rename, directory
 * fsync) of as many bytes as the save file, versus `full_save/100KB`, and bare reads of the save
 * file versus `full_load/100KB`: `Deno.readFileSync` (the kind of read the manager makes for files
 * up to 256 KiB) and `Deno.readFile`. LZ4 runs in the codec's default backend (its own codec in
 * WebAssembly, which compresses inputs of 64 KiB and more on two threads); the 100 KB save is also
 * measured on one thread (`lz4UseThreads(false)`), and the 100 KB save and load with lz4_flex
 * native (`lz4UseNative()`; skipped without `--allow-ffi`). `full_save_uncompressed/100KB` and
 * `full_load_uncompressed/100KB` save and load with `compression: "none"` (the payload in a stored
 * LZ4 block, a file about twice the size), each against bare peers of its own file.
 *
 * A save is one durable write (its file), and resolves then; the index follows in the background
 * (renamed into place under the player's lock, without a flush of its own) and is not timed: the
 * next operation on the player, the untimed `deleteSlot` here, waits for it.
 *
 * @module
 */

import {
  crc32,
  lz4CompressPrependSize,
  lz4DecompressSizePrepended,
  lz4UseNative,
  lz4UseThreads,
} from "@astraweave/codec";
import {
  createBundle,
  decodeSaveFile,
  deserializeBundle,
  encodeLegacySaveFile,
  encodeSaveFile,
  randomSaveId,
  type SaveBundleV2,
  type SaveCompression,
  SaveManager,
  serializeBundle,
} from "@astraweave/save";
// Benchmark input shared with the crate's tests, not part of its API.
import { worldBlob } from "@astraweave/testing/world-blob";
import { watchEventLoop } from "@astraweave/testing/event-loop";
import { benchCrate, consume, frameShare, ms, us } from "@astraweave/bench-protocol";

const bench = benchCrate("aw-save");

const KB = 1024;
const SIZES = [
  { label: "10KB", bytes: 10 * KB },
  { label: "100KB", bytes: 100 * KB },
  { label: "1MB", bytes: 1024 * KB },
];
const SCALING = [1, 10, 100, 500, 1000, 5000].map((kb) => ({
  label: kb >= 1000 ? `${kb / 1000}MB` : `${kb}KB`,
  bytes: kb * KB,
}));

/** The Rust bench's bundle, with a world blob of `blobBytes` realistic bytes. */
function benchBundle(blobBytes: number, player = "player1", slot = 0, blob = worldBlob(blobBytes)) {
  return createBundle({
    playerId: player,
    slot,
    world: { tick: 12345n, ecsBlob: blob, stateHash: 0xdeadbeefn },
    companions: [
      {
        id: "companion_1",
        name: "Alex",
        level: 10,
        skills: ["combat", "stealth"],
        facts: ["likes coffee"],
        episodesSummarized: ["Episode 1 summary"],
      },
      {
        id: "companion_2",
        name: "Beth",
        level: 8,
        skills: ["healing"],
        facts: ["afraid of heights"],
        episodesSummarized: [],
      },
    ],
    inventory: {
      credits: 10000n,
      items: [
        { kind: "health_potion", qty: 5, attrs: new Map([["rarity", 1n]]) },
        { kind: "iron_sword", qty: 1, attrs: new Map([["damage", 25n], ["durability", 100n]]) },
      ],
    },
    meta: new Map([["difficulty", "normal"], ["playtime_seconds", "3600"]]),
  });
}

/** Budgets that scale with size at a declared rate, so each one reads as a throughput. */
const perByte = (nsPerByte: number, bytes: number, why: string) =>
  us((nsPerByte * bytes) / 1000, why);
const bytesOf = (bytes: number) => ({
  size: { value: bytes, unit: "bytes" },
  throughput: { bytes },
});

// ---------------------------------------------------------------------------------------------
// In memory: serialization, compression, checksum

for (const { label, bytes } of SIZES) {
  const bundle = benchBundle(bytes);
  const payload = serializeBundle(bundle);
  const data = lz4CompressPrependSize(payload);
  const file = encodeSaveFile(bundle);
  const sized = bytesOf(bytes);

  bench({
    group: "serialization",
    name: `serialize/${label}`,
    budget: perByte(2, bytes, "500 MB/s: postcard of a 1 MB save in 1/8 of a 60 FPS frame"),
    ...sized,
    fn: () => consume(serializeBundle(bundle)),
  });
  bench({
    group: "serialization",
    name: `deserialize/${label}`,
    budget: perByte(2, bytes, "500 MB/s: postcard of a 1 MB save in 1/8 of a 60 FPS frame"),
    ...sized,
    fn: () => consume(deserializeBundle(payload)),
  });
  bench({
    group: "serialization",
    name: `encode_file/${label}`,
    budget: perByte(20, bytes, "50 MB/s, the Rust bench's target: postcard, LZ4, CRC and header"),
    ...sized,
    fn: () => consume(encodeSaveFile(bundle)),
  });
  bench({
    group: "serialization",
    name: `decode_file/${label}`,
    budget: perByte(10, bytes, "100 MB/s: header, CRC, LZ4 and postcard of a loaded file"),
    ...sized,
    fn: () => consume(decodeSaveFile(file)),
  });

  bench({
    group: "compression",
    name: `compress/${label}`,
    budget: perByte(16, bytes, "60 MB/s: a 1 MB save compresses within one 60 FPS frame"),
    ...sized,
    fn: () => consume(lz4CompressPrependSize(payload)),
  });
  bench({
    group: "compression",
    name: `decompress/${label}`,
    budget: perByte(5, bytes, "200 MB/s: a 1 MB save decompresses in 1/3 of a frame"),
    ...sized,
    fn: () => consume(lz4DecompressSizePrepended(data)),
  });
  bench.metric({
    group: "compression",
    name: `ratio/${label}`,
    value: data.length / payload.length,
    unit: "ratio",
    note: "LZ4 output ÷ postcard payload, realistic world blob",
    size: { value: bytes, unit: "bytes" },
  });

  bench({
    group: "checksum",
    name: `crc32/${label}`,
    budget: perByte(1, bytes, "1 GB/s: checking a 1 MB save costs 1/16 of a frame"),
    ...sized,
    fn: () => consume(crc32(data)),
  });
}

{
  // The Rust bench's blob: one byte repeated. LZ4 shrinks it to almost nothing, so it flatters
  // compression; measured only to compare with the Rust numbers.
  const payload = serializeBundle(
    benchBundle(0, "player1", 0, new Uint8Array(100 * KB).fill(0x42)),
  );
  bench({
    group: "compression",
    name: "compress_repeated_byte/100KB",
    budget: perByte(16, 100 * KB, "as compress/100KB"),
    ...bytesOf(100 * KB),
    fn: () => consume(lz4CompressPrependSize(payload)),
  });
}

// ---------------------------------------------------------------------------------------------
// On disk: save_load_cycle, index_operations, scaling

const root = Deno.makeTempDirSync({ prefix: "aw-save-bench-" });
globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));
const saves = new SaveManager(root);

const SAVE_BUDGET = frameShare(1, "a save runs beside the game loop; still within one frame");
const LOAD_BUDGET = frameShare(2, "a load at a level transition: half a frame");

/**
 * A save of a new bundle (a new save id each call, as a game makes a new file each save). Only the
 * save is timed; deleting the slot afterwards keeps the directory and the index small.
 */
function timedSave(player: string, base: SaveBundleV2, thenLoad = false, manager = saves) {
  return async (b: Deno.BenchContext) => {
    const bundle = { ...base, saveId: randomSaveId() };
    b.start();
    const path = await manager.save(player, 0, bundle);
    consume(thenLoad ? await manager.loadLatestSlot(player, 0) : path);
    b.end();
    await manager.deleteSlot(player, 0);
  };
}

/**
 * Registers a save and a load bench of one size in `group`: `<save>/<label>` and `<load>/<label>`,
 * each followed by what `peers.save` and `peers.load` register (given the bundle saved and the file
 * loaded): benches run in order, so a peer measured right after its target meets the disk in the
 * same state (on a shared machine a flush takes 0.3 ms or 10 ms depending on the minute).
 */
async function saveAndLoad(
  group: string,
  [save, load]: [string, string],
  label: string,
  bytes: number,
  peers: { save?: (bundle: SaveBundleV2) => void; load?: (file: string) => void } = {},
  manager = saves,
) {
  const base = benchBundle(bytes, `${group}-${save}-${label}`);
  bench({
    group,
    name: `${save}/${label}`,
    budget: SAVE_BUDGET,
    ...bytesOf(bytes),
    fn: timedSave(base.playerId, base, false, manager),
  });
  peers.save?.(base);
  const loader = `${group}-${load}-${label}`;
  const file = await manager.save(loader, 0, { ...base, playerId: loader });
  bench({
    group,
    name: `${load}/${label}`,
    budget: LOAD_BUDGET,
    ...bytesOf(bytes),
    fn: async () => consume(await manager.loadLatestSlot(loader, 0)),
  });
  peers.load?.(file);
}

// The peers of full_save/100KB and full_load/100KB: what any durable save and any load of the same
// file must cost at least.

/**
 * A bare durable write of as many bytes as the save file of `bundle` packed as `compression` says,
 * the peer of the save bench `versus`.
 */
const durableWritePeer =
  (name: string, versus: string, compression: SaveCompression) => (bundle: SaveBundleV2) => {
    const fileBytes = encodeSaveFile(bundle, { compression });
    const dir = `${root}/${name.replace("/", "-")}`;
    Deno.mkdirSync(dir);
    bench({
      group: "save_load_cycle",
      name,
      peer: "bare durable write",
      versus,
      ...bytesOf(100 * KB),
      // The same system calls a save makes for its file, and nothing else: synchronous open, write
      // and rename (microseconds each), asynchronous fdatasync and directory fsync.
      fn: async (b) => {
        b.start();
        const temp = `${dir}/save.tmp`;
        const file = Deno.openSync(temp, { write: true, createNew: true });
        let written = 0;
        while (written < fileBytes.length) written += file.writeSync(fileBytes.subarray(written));
        await file.syncData();
        file.close();
        Deno.renameSync(temp, `${dir}/save.awsv`);
        const handle = Deno.openSync(dir, { read: true });
        await handle.sync();
        handle.close();
        b.end();
        // Cleaned up as full_save's deleteSlot does: the removal is flushed before the next call.
        Deno.removeSync(`${dir}/save.awsv`);
        const cleanup = Deno.openSync(dir, { read: true });
        await cleanup.sync();
        cleanup.close();
      },
    });
  };

/** Bare reads of the save file `loaded`, the peers of the load bench `versus`, named `<kind><suffix>`. */
const readPeers = (suffix: string, versus: string) => (loaded: string) => {
  // The manager reads a file this small synchronously (one open, fstat and read into a buffer of
  // the file's size): the like-for-like floor is a synchronous read. The asynchronous one is what a
  // caller that reads through the thread pool pays instead.
  bench({
    group: "save_load_cycle",
    name: `bare_read_sync${suffix}`,
    peer: "Deno.readFileSync",
    versus,
    ...bytesOf(100 * KB),
    fn: () => consume(Deno.readFileSync(loaded)),
  });
  bench({
    group: "save_load_cycle",
    name: `bare_read_async${suffix}`,
    peer: "Deno.readFile",
    versus,
    ...bytesOf(100 * KB),
    fn: async () => consume(await Deno.readFile(loaded)),
  });
};

for (const { label, bytes } of SIZES) {
  const peers = label === "100KB"
    ? {
      save: durableWritePeer("bare_durable_write/100KB", "full_save/100KB", "lz4"),
      load: readPeers("/100KB", "full_load/100KB"),
    }
    : {};
  await saveAndLoad("save_load_cycle", ["full_save", "full_load"], label, bytes, peers);
}

// The same 100 KB save and load with `compression: "none"`: the payload in a stored LZ4 block, a
// file about twice the size, against peers that write and read as many bytes.
await saveAndLoad(
  "save_load_cycle",
  ["full_save_uncompressed", "full_load_uncompressed"],
  "100KB",
  100 * KB,
  {
    save: durableWritePeer(
      "bare_durable_write_uncompressed/100KB",
      "full_save_uncompressed/100KB",
      "none",
    ),
    load: readPeers("_uncompressed/100KB", "full_load_uncompressed/100KB"),
  },
  new SaveManager(root, { compression: "none" }),
);

{
  const base = benchBundle(100 * KB, "round_trip");
  const loaded = (await saves.loadLatestSlot("save_load_cycle-full_load-100KB", 0)).path;
  bench({
    group: "save_load_cycle",
    name: "load_file/100KB",
    budget: LOAD_BUDGET,
    ...bytesOf(100 * KB),
    // loadLatestSlot without the directory listing: the file is named.
    fn: async () => consume(await saves.loadFile(loaded)),
  });
  // The same save and load with LZ4 in lz4_flex native (`lz4UseNative()`, needs --allow-ffi),
  // switched on around the measured part of each call only, so every other bench uses the default
  // backend.
  const native = await lz4UseNative(true);
  await lz4UseNative(false);
  const withNativeLz4 =
    (fn: (b: Deno.BenchContext) => Promise<void>) => async (b: Deno.BenchContext) => {
      await lz4UseNative(true);
      try {
        await fn(b);
      } finally {
        await lz4UseNative(false);
      }
    };
  bench({
    group: "save_load_cycle",
    name: "full_save_native_lz4/100KB",
    budget: SAVE_BUDGET,
    ...bytesOf(100 * KB),
    ignore: !native,
    fn: withNativeLz4(timedSave("native", { ...base, playerId: "native" })),
  });
  bench({
    group: "save_load_cycle",
    name: "full_load_native_lz4/100KB",
    budget: LOAD_BUDGET,
    ...bytesOf(100 * KB),
    ignore: !native,
    fn: withNativeLz4(async (b) => {
      b.start();
      consume(await saves.loadLatestSlot("save_load_cycle-full_load-100KB", 0));
      b.end();
    }),
  });
  // The same save with LZ4 on the calling thread alone (`lz4UseThreads(false)`): what the codec's
  // second thread saves a save.
  bench({
    group: "save_load_cycle",
    name: "full_save_one_thread_lz4/100KB",
    budget: SAVE_BUDGET,
    ...bytesOf(100 * KB),
    fn: async (b) => {
      lz4UseThreads(false);
      try {
        await timedSave("one-thread", { ...base, playerId: "one-thread" })(b);
      } finally {
        lz4UseThreads(true);
      }
    },
  });
  bench({
    group: "save_load_cycle",
    name: "round_trip/100KB",
    budget: SAVE_BUDGET,
    ...bytesOf(100 * KB),
    fn: timedSave(base.playerId, base, true),
  });
}

for (const count of [0, 10, 100]) {
  const player = `list-${count}`;
  // As the Rust bench: 10 saves in 10 slots (10 KB blobs), 100 saves over 10 slots (1 KB blobs).
  const blob = worldBlob(count > 10 ? KB : 10 * KB);
  for (let i = 0; i < count; i++) {
    await saves.save(player, i % 10, benchBundle(0, player, i % 10, blob));
  }
  bench({
    group: "index_operations",
    name: `list/${count}`,
    budget: count === 100
      ? us(2000, "a load menu of 100 saves opens within 1/8 of a frame")
      : us(500, "a load menu opens within 1/30 of a frame"),
    size: { value: count, unit: "saves" },
    throughput: { elements: count },
    fn: async () => consume(await saves.listSaves(player)),
  });
}

for (const { label, bytes } of SCALING) {
  await saveAndLoad("scaling", ["full_save_cycle", "full_load_cycle"], label, bytes);
}

// The event loop beside a 5 MB save: the longest the save keeps the calling thread (a game's next
// frame) waiting, against compressing the same payload at once, which is what a save of any size
// did before large payloads were compressed on the helper threads. Medians of 7, measured at load.
{
  const base = benchBundle(5000 * KB, "stall-5MB");
  const payload = serializeBundle(base);
  const stalls: number[] = [];
  const atOnce: number[] = [];
  for (let i = 0; i < 7; i++) {
    const watch = watchEventLoop();
    await saves.save(base.playerId, 0, { ...base, saveId: randomSaveId() });
    stalls.push(watch.stop().longest);
    await saves.deleteSlot(base.playerId, 0);
    const started = performance.now();
    consume(lz4CompressPrependSize(payload));
    atOnce.push(performance.now() - started);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1];
  bench.metric({
    group: "scaling",
    name: "event_loop_stall/5MB",
    value: Math.round(median(stalls) * 100) / 100,
    unit: "ms",
    note: "longest time a 5 MB save keeps the event loop from running anything else",
  });
  bench.metric({
    group: "scaling",
    name: "compress_at_once/5MB",
    value: Math.round(median(atOnce) * 100) / 100,
    unit: "ms",
    note: "the same payload compressed in one synchronous call: the stall of a save that did so",
  });
}

// ---------------------------------------------------------------------------------------------
// errors and migration

{
  const file = encodeSaveFile(benchBundle(100 * KB));
  const damaged = file.slice();
  damaged[damaged.length >> 1] ^= 0x01;
  bench({
    group: "errors",
    name: "crc_failure/100KB",
    budget: us(100, "a damaged 100 KB file is refused at CRC speed, before LZ4 or postcard"),
    ...bytesOf(100 * KB),
    fn: () => {
      try {
        decodeSaveFile(damaged);
      } catch (e) {
        consume(e);
      }
    },
  });
  const missing =
    `${root}/nobody/slot00_2026-01-01T00-00-00Z_00000000-0000-4000-8000-000000000000.awsv`;
  bench({
    group: "errors",
    name: "nonexistent_load",
    budget: us(100, "a missing save fails as fast as the open() that finds it missing"),
    fn: async () => {
      try {
        await saves.loadFile(missing);
      } catch (e) {
        consume(e);
      }
    },
  });
  bench({
    group: "errors",
    name: "no_save_for_slot",
    budget: us(200, "an empty slot is reported after one directory listing"),
    fn: async () => {
      try {
        await saves.loadLatestSlot("list-10", 99);
      } catch (e) {
        consume(e);
      }
    },
  });
}

{
  const v2 = benchBundle(100 * KB);
  const { playerId, slot, createdAt, world, inventory, meta } = v2;
  const legacy = encodeLegacySaveFile({
    playerId,
    slot,
    createdAt,
    world,
    inventory,
    meta,
    companion: v2.companions[0],
  });
  bench({
    group: "migration",
    name: "v1_to_v2/100KB",
    budget: ms(2, "decode a V1 file and encode it as V2: a menu can migrate a save per frame"),
    ...bytesOf(100 * KB),
    fn: () => consume(encodeSaveFile(decodeSaveFile(legacy).bundle)),
  });
  const path = `${root}/migrate.awsv`;
  bench({
    group: "migration",
    name: "migrate_file_resave/100KB",
    budget: SAVE_BUDGET,
    ...bytesOf(100 * KB),
    fn: async (b) => {
      await Deno.writeFile(path, legacy);
      b.start();
      consume(await saves.migrateFile(path, { resave: true }));
      b.end();
    },
  });
}
