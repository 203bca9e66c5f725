/**
 * aw-codec benchmarks: groups `lz4` and `crc32` (and `postcard`, at the end).
 *
 * LZ4 inputs are save-like records (ids, f32 positions, names, items: see
 * `testing/save_like.ts`), not one repeated byte. Our functions are the size-prefixed block
 * functions that `.awsv` saves use: `compress/` and `decompress/` with the default backend
 * (this crate's codec in WebAssembly, which compresses inputs of 64 KiB and more on two threads;
 * `one thread compress/` is the same on the calling thread alone), `typescript compress/` and
 * `typescript decompress/` with the TypeScript fallback. The peers are lz4js (the baseline: the design card's choice, through its
 * frame API with `maxSize`, as the issue asks), lz4_flex in WebAssembly (lz4-wasm-nodejs, the
 * backend `lz4_flex_wasm`) and lz4-napi (lz4_flex, the native candidate that `lz4UseNative()`
 * switches to; skipped without `--allow-ffi`).
 *
 * @module
 */

import {
  crc32,
  f32,
  type Infer,
  lz4CompressPrependSize,
  lz4DecompressSizePrepended,
  lz4FrameCompress,
  lz4FrameDecompress,
  lz4UseBackend,
  lz4UseThreads,
  seq,
  struct,
  u32,
  u64AsNumber,
} from "@astraweave/codec";
import crc32js from "crc-32";
import * as lz4js from "lz4js";
import { Packr } from "msgpackr";

const loadLz4Napi = () => import("lz4-napi");
// Benchmark input shared with the tests (workspace test support, not crate API).
import { saveLikeData } from "@astraweave/testing/save-like";
import { benchCrate, consume, ms, ns, us } from "@astraweave/bench-protocol";

const bench = benchCrate("aw-codec");

const SIZES = [
  { label: "10KB", bytes: 10_000 },
  { label: "100KB", bytes: 100_000 },
  { label: "1MB", bytes: 1_000_000 },
];

/** lz4-napi when FFI is allowed (checked first, so Deno never prompts), else undefined. */
const napi = Deno.permissions.querySync({ name: "ffi" }).state === "granted"
  ? await loadLz4Napi().catch(() => undefined)
  : undefined;
const NAPI_MISSING = napi === undefined;

/** Runs `fn` with the backend `name`, then goes back to the default one. */
function withBackend<T>(name: "typescript" | "lz4_flex_wasm", fn: () => T): T {
  lz4UseBackend(name);
  try {
    return fn();
  } finally {
    lz4UseBackend("wasm");
  }
}

const inTypeScript = <T>(fn: () => T): T => withBackend("typescript", fn);
const inLz4FlexWasm = <T>(fn: () => T): T => withBackend("lz4_flex_wasm", fn);

/** Budgets scale with size at a declared throughput, so each one reads as a rate. */
const perByte = (nsPerByte: number, bytes: number, why: string) =>
  us((nsPerByte * bytes) / 1000, why);

// ---------------------------------------------------------------------------------------------
// Group "lz4"
// ---------------------------------------------------------------------------------------------

for (const { label, bytes } of SIZES) {
  const data = saveLikeData(bytes);
  const packed = lz4CompressPrependSize(data);
  const tsPacked = inTypeScript(() => lz4CompressPrependSize(data));
  const frame = lz4FrameCompress(data);
  const lz4jsFrame: Uint8Array = lz4js.compress(data);
  const napiPacked = napi?.compressSync(data as Buffer);
  const flexPacked = inLz4FlexWasm(() => lz4CompressPrependSize(data));
  const size = { value: bytes, unit: "bytes" };
  const throughput = { bytes };

  bench({
    group: "lz4",
    name: `compress/${label}`,
    budget: perByte(16, bytes, "60 MB/s: a 1 MB save compresses within one 60 FPS frame"),
    size,
    throughput,
    fn: () => consume(lz4CompressPrependSize(data)),
  });
  if (bytes >= 64 * 1024) {
    // The default compresses inputs this large on two threads; this is the calling thread alone.
    bench({
      group: "lz4",
      name: `one thread compress/${label}`,
      budget: perByte(16, bytes, "as compress/: the default backend on the calling thread alone"),
      size,
      throughput,
      fn: () => {
        lz4UseThreads(false);
        try {
          consume(lz4CompressPrependSize(data));
        } finally {
          lz4UseThreads(true);
        }
      },
    });
  }
  bench({
    group: "lz4",
    name: `typescript compress/${label}`,
    budget: perByte(16, bytes, "the fallback backend keeps the default's 60 MB/s budget"),
    size,
    throughput,
    fn: () => consume(inTypeScript(() => lz4CompressPrependSize(data))),
  });
  bench({
    group: "lz4",
    name: `lz4js compress/${label}`,
    peer: "lz4js",
    versus: `compress/${label}`,
    size,
    throughput,
    baseline: true,
    fn: () => consume(lz4js.compress(data)),
  });
  bench({
    group: "lz4",
    name: `lz4_flex wasm compress/${label}`,
    peer: "lz4_flex (WebAssembly)",
    versus: `compress/${label}`,
    size,
    throughput,
    fn: () => consume(inLz4FlexWasm(() => lz4CompressPrependSize(data))),
  });
  bench({
    group: "lz4",
    name: `lz4-napi compress/${label}`,
    peer: "lz4-napi",
    versus: `compress/${label}`,
    size,
    throughput,
    ignore: NAPI_MISSING,
    fn: () => consume(napi!.compressSync(data as Buffer)),
  });

  bench({
    group: "lz4",
    name: `decompress/${label}`,
    budget: perByte(
      5,
      bytes,
      "200 MB/s: loading a 1 MB save decompresses in 5 ms, under a third of a frame",
    ),
    size,
    throughput,
    fn: () => consume(lz4DecompressSizePrepended(packed)),
  });
  bench({
    group: "lz4",
    name: `typescript decompress/${label}`,
    budget: perByte(5, bytes, "the fallback backend keeps the default's 200 MB/s budget"),
    size,
    throughput,
    fn: () => consume(inTypeScript(() => lz4DecompressSizePrepended(tsPacked))),
  });
  bench({
    group: "lz4",
    name: `lz4js decompress/${label}`,
    peer: "lz4js",
    versus: `decompress/${label}`,
    size,
    throughput,
    // maxSize: without it lz4js allocates 4 MiB per block before decoding.
    fn: () => consume(lz4js.decompress(lz4jsFrame, bytes)),
  });
  bench({
    group: "lz4",
    name: `lz4_flex wasm decompress/${label}`,
    peer: "lz4_flex (WebAssembly)",
    versus: `decompress/${label}`,
    size,
    throughput,
    fn: () => consume(inLz4FlexWasm(() => lz4DecompressSizePrepended(flexPacked))),
  });
  bench({
    group: "lz4",
    name: `lz4-napi decompress/${label}`,
    peer: "lz4-napi",
    versus: `decompress/${label}`,
    size,
    throughput,
    ignore: NAPI_MISSING,
    fn: () => consume(napi!.uncompressSync(napiPacked!)),
  });

  // The frame format (64 KB independent blocks, content size and XXH32 content checksum): what
  // the checksum costs on top of the block codec.
  bench({
    group: "lz4",
    name: `frame compress/${label}`,
    budget: perByte(20, bytes, "the block's 60 MB/s, plus 25% for the XXH32 content checksum"),
    size,
    throughput,
    fn: () => consume(lz4FrameCompress(data)),
  });
  bench({
    group: "lz4",
    name: `frame decompress/${label}`,
    budget: perByte(6, bytes, "the block's 200 MB/s, plus 20% for the XXH32 content checksum"),
    size,
    throughput,
    fn: () => consume(lz4FrameDecompress(frame)),
  });

  const ratio = (compressed: number) => Math.round((bytes / compressed) * 1000) / 1000;
  bench.metric({
    group: "lz4",
    name: `ratio/${label}`,
    value: ratio(packed.length),
    unit: "ratio",
    note: "uncompressed ÷ compressed size, our block codec (default backend)",
    size,
  });
  bench.metric({
    group: "lz4",
    name: `lz4js ratio/${label}`,
    value: ratio(lz4jsFrame.length),
    unit: "ratio",
    note: "uncompressed ÷ compressed size, lz4js frame",
    size,
  });
  if (napiPacked) {
    bench.metric({
      group: "lz4",
      name: `lz4-napi ratio/${label}`,
      value: ratio(napiPacked.length),
      unit: "ratio",
      note: "uncompressed ÷ compressed size, lz4_flex block",
      size,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Group "crc32"
// ---------------------------------------------------------------------------------------------

for (const { label, bytes } of SIZES) {
  const data = saveLikeData(bytes, 2);
  const size = { value: bytes, unit: "bytes" };
  const throughput = { bytes };
  bench({
    group: "crc32",
    name: `crc32/${label}`,
    budget: bytes >= 1_000_000
      ? ms(1, "1 GB/s: checksumming a 1 MB save costs 1/16 of a 60 FPS frame")
      : perByte(1, bytes, "1 GB/s: checksumming a save is never what makes saving slow"),
    size,
    throughput,
    baseline: true,
    fn: () => consume(crc32(data)),
  });
  bench({
    group: "crc32",
    name: `crc-32 crc32/${label}`,
    peer: "crc-32",
    versus: `crc32/${label}`,
    size,
    throughput,
    fn: () => consume(crc32js.buf(data)),
  });
}

// ---------------------------------------------------------------------------------------------
// postcard: one entity state and 10/100/500-entity snapshots, against JSON and msgpackr on the
// same values. The encoded sizes are declared as metrics beside the times.

const Vec3 = struct({ x: f32, y: f32, z: f32 });
const EntityState = struct({ id: u32, position: Vec3, health: f32 });
const Snapshot = struct({ tick: u64AsNumber, entities: seq(EntityState) });
type SnapshotValue = Infer<typeof Snapshot>;

function snapshotOf(entities: number): SnapshotValue {
  // Values that survive f32 rounding, so every format carries the same numbers.
  return {
    tick: 123_456,
    entities: Array.from({ length: entities }, (_, i) => ({
      id: 1000 + i,
      position: {
        x: Math.fround(Math.sin(i) * 250),
        y: Math.fround(i * 0.5),
        z: Math.fround(Math.cos(i) * 250),
      },
      health: Math.fround(100 - (i % 37) * 1.5),
    })),
  };
}

// msgpackr in its fastest configuration: records (shared object shapes) on.
const packr = new Packr({ useRecords: true });

const entityValue = snapshotOf(1).entities[0];
const entityBytes = EntityState.encode(entityValue);
const entityJson = JSON.stringify(entityValue);
const entityPack = packr.pack(entityValue);

bench({
  group: "postcard",
  name: "encode/entity",
  budget: ns(500, "one entity state in under 1/30000 of a frame: sent per entity per tick"),
  fn: () => consume(EntityState.encode(entityValue)),
});
bench({
  group: "postcard",
  name: "decode/entity",
  budget: ns(500, "one entity state in under 1/30000 of a frame: read per entity per snapshot"),
  fn: () => consume(EntityState.decode(entityBytes)),
});
bench({
  group: "postcard",
  name: "JSON encode/entity",
  peer: "JSON",
  versus: "encode/entity",
  fn: () => consume(JSON.stringify(entityValue)),
});
bench({
  group: "postcard",
  name: "JSON decode/entity",
  peer: "JSON",
  versus: "decode/entity",
  fn: () => consume(JSON.parse(entityJson)),
});
bench({
  group: "postcard",
  name: "msgpackr encode/entity",
  peer: "msgpackr",
  versus: "encode/entity",
  fn: () => consume(packr.pack(entityValue)),
});
bench({
  group: "postcard",
  name: "msgpackr decode/entity",
  peer: "msgpackr",
  versus: "decode/entity",
  fn: () => consume(packr.unpack(entityPack)),
});

for (const entities of [10, 100, 500]) {
  const value = snapshotOf(entities);
  const encoded = Snapshot.encode(value);
  const json = JSON.stringify(value);
  const packed = packr.pack(value);
  const size = { value: entities, unit: "entities" };
  const throughput = { elements: entities };
  // A client decodes one snapshot per 50 ms server tick; a tenth of a frame leaves room for the rest.
  const budget = us(
    entities * 0.2,
    `0.2 µs per entity: ${entities} entities in well under a frame`,
  );

  bench({
    group: "postcard",
    name: `encode/${entities}`,
    budget,
    size,
    throughput,
    fn: () => consume(Snapshot.encode(value)),
  });
  bench({
    group: "postcard",
    name: `decode/${entities}`,
    budget,
    size,
    throughput,
    fn: () => consume(Snapshot.decode(encoded)),
  });
  for (
    const [peer, encode, decode] of [
      ["JSON", () => JSON.stringify(value), () => JSON.parse(json)],
      ["msgpackr", () => packr.pack(value), () => packr.unpack(packed)],
    ] as const
  ) {
    bench({
      group: "postcard",
      name: `${peer} encode/${entities}`,
      family: `${peer} encode`,
      peer,
      versus: `encode/${entities}`,
      size,
      throughput,
      fn: () => consume(encode()),
    });
    bench({
      group: "postcard",
      name: `${peer} decode/${entities}`,
      family: `${peer} decode`,
      peer,
      versus: `decode/${entities}`,
      size,
      throughput,
      fn: () => consume(decode()),
    });
  }
  for (
    const [format, bytes] of [
      ["postcard", encoded.length],
      ["JSON", new TextEncoder().encode(json).length],
      ["msgpackr", packed.length],
    ] as const
  ) {
    bench.metric({
      group: "postcard",
      name: `size ${format}/${entities}`,
      family: `size ${format}`,
      value: bytes,
      unit: "bytes",
      size,
      note: `encoded size of a ${entities}-entity snapshot`,
    });
  }
}
