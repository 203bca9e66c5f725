import assert from "node:assert/strict";
import {
  crc32,
  lz4CompressPrependSize,
  lz4StoredLiterals,
  lz4StorePrependSize,
} from "@astraweave/codec";
import {
  createBundle,
  decodeSaveFile,
  encodeLegacySaveFile,
  encodeSaveFile,
  readSaveHeader,
  type SaveBundleV1,
  type SaveBundleV2,
  SaveError,
  type SaveErrorKind,
  serializeBundle,
} from "./mod.ts";
import { generatedBundle, seededBundle, smallBundle } from "./testdata/bundles.ts";
import { mulberry32 } from "@astraweave/testing/random";

function assertSaveError(fn: () => unknown, kind: SaveErrorKind, label = ""): SaveError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof SaveError, `${label}: expected SaveError ${kind}, got ${e}`);
    assert.equal(e.kind, kind, `${label}: ${e.message}`);
    return e;
  }
  assert.fail(`${label}: expected SaveError ${kind}, nothing was thrown`);
}

function roundTrip(bundle: SaveBundleV2): Uint8Array {
  const bytes = encodeSaveFile(bundle);
  const decoded = decodeSaveFile(bytes);
  assert.deepEqual(decoded.bundle, bundle);
  assert.equal(decoded.legacy, null);
  assert.equal(decoded.header.version, 2);
  // Encoding is deterministic: the decoded bundle gives the same file again.
  assert.deepEqual(encodeSaveFile(decoded.bundle), bytes);
  return bytes;
}

/** Recomputes the header's data length and CRC after the data was changed. */
function withValidCrc(data: Uint8Array, version = 2): Uint8Array {
  const file = new Uint8Array(16 + data.length);
  file.set([0x41, 0x53, 0x56, 0x53, version, 0, 1, 0]);
  const view = new DataView(file.buffer);
  view.setUint32(8, data.length, true);
  view.setUint32(12, crc32(data), true);
  file.set(data, 16);
  return file;
}

Deno.test("round trip: empty bundle (empty blob, no companions, items or meta)", () => {
  const bytes = roundTrip(createBundle({ playerId: "" }));
  assert.equal(readSaveHeader(bytes).dataLength, bytes.length - 16);
});

Deno.test("round trip: every integer at its maximum, and minimum where signed", () => {
  const u64Max = (1n << 64n) - 1n;
  roundTrip(createBundle({
    schema: 65535,
    playerId: "max",
    slot: 255,
    createdAt: {
      year: 9999,
      ordinal: 365,
      hour: 23,
      minute: 59,
      second: 59,
      nanosecond: 999_999_999,
      offsetHours: 25,
      offsetMinutes: 59,
      offsetSeconds: 59,
    },
    world: { tick: u64Max, stateHash: u64Max, ecsBlob: new Uint8Array([255]) },
    companions: [{
      id: "c",
      name: "c",
      level: 255,
      skills: [],
      facts: [],
      episodesSummarized: [],
    }],
    inventory: {
      credits: u64Max,
      items: [{
        kind: "k",
        qty: 0xffffffff,
        attrs: new Map([["min", -(1n << 63n)], ["max", (1n << 63n) - 1n], ["zero", 0n]]),
      }],
    },
  }));
  roundTrip(createBundle({
    playerId: "min",
    createdAt: {
      year: -9999,
      ordinal: 1,
      hour: 0,
      minute: 0,
      second: 0,
      nanosecond: 0,
      offsetHours: -25,
      offsetMinutes: -59,
      offsetSeconds: -59,
    },
  }));
});

Deno.test("round trip: unicode names, many companions, items and meta entries", () => {
  const bundle = generatedBundle(7, {
    blobSize: 3000,
    companions: 500,
    items: 1000,
    metaEntries: 800,
  });
  bundle.playerId = "Ωmega 火 🐉 déjà vu";
  roundTrip(bundle);
  // Maps keep their wire order through a round trip.
  const decoded = decodeSaveFile(encodeSaveFile(bundle)).bundle;
  assert.deepEqual([...decoded.meta.keys()], [...bundle.meta.keys()]);
});

Deno.test("round trip: 5 MB blobs, incompressible and compressible", () => {
  roundTrip(generatedBundle(11, { blobSize: 5_000_000, companions: 2, items: 2, metaEntries: 2 }));
  const structured = new Uint8Array(5_000_000);
  const view = new DataView(structured.buffer);
  for (let i = 0; i + 16 <= structured.length; i += 16) {
    view.setUint32(i, i / 16, true); // entity id
    view.setFloat32(i + 4, Math.sin(i) * 100, true);
    view.setFloat32(i + 8, Math.cos(i) * 100, true);
    view.setUint32(i + 12, 100, true); // health
  }
  const bytes = roundTrip(createBundle({ playerId: "big", world: { ecsBlob: structured } }));
  assert.ok(bytes.length < structured.length, "structured data compresses");
});

Deno.test("round trip: generated bundles across seeds", () => {
  for (let seed = 1; seed <= 40; seed++) {
    const random = mulberry32(seed);
    roundTrip(generatedBundle(seed, {
      blobSize: Math.floor(random() * 20_000),
      companions: Math.floor(random() * 6),
      items: Math.floor(random() * 10),
      metaEntries: Math.floor(random() * 10),
    }));
  }
});

Deno.test("compression none: a stored LZ4 block of the payload, decoded without a copy", () => {
  for (let seed = 1; seed <= 20; seed++) {
    const bundle = seededBundle(seed, 300);
    const compressed = encodeSaveFile(bundle);
    const stored = encodeSaveFile(bundle, { compression: "none" });
    // The same header but for data_len and the CRC; the data, the payload as literals.
    assert.deepEqual(stored.subarray(0, 8), compressed.subarray(0, 8));
    const data = stored.subarray(16);
    assert.equal(new DataView(stored.buffer).getUint32(8, true), data.length);
    assert.equal(new DataView(stored.buffer).getUint32(12, true), crc32(data));
    assert.deepEqual(lz4StoredLiterals(data), serializeBundle(bundle), `seed ${seed}`);
    const decoded = decodeSaveFile(stored);
    assert.deepEqual(decoded.bundle, bundle);
    assert.equal(decoded.payloadSize, serializeBundle(bundle).length);
    // The blob is a view of the file's bytes.
    assert.equal(decoded.bundle.world.ecsBlob.buffer, stored.buffer);
  }
});

Deno.test("compression none: limits, truncation and a bad option", () => {
  const stored = encodeSaveFile(smallBundle("p", 0), { compression: "none" });
  const payloadSize = decodeSaveFile(stored).payloadSize;
  const e = assertSaveError(
    () => decodeSaveFile(stored, { maxPayloadSize: payloadSize - 1 }),
    "payload_too_large",
  );
  assert.equal(e.actual, payloadSize);
  assert.equal(decodeSaveFile(stored, { maxPayloadSize: payloadSize }).payloadSize, payloadSize);
  for (let n = 16; n < stored.length; n++) {
    assertSaveError(() => decodeSaveFile(stored.subarray(0, n)), "truncated_payload", `${n}`);
  }
  // A stored block one byte short of the size its prefix declares, behind a valid CRC.
  const data = stored.slice(16);
  data[0] += 1;
  assertSaveError(() => decodeSaveFile(withValidCrc(data)), "decompress");
  assert.throws(
    // @ts-expect-error: not a compression
    () => encodeSaveFile(smallBundle("p", 0), { compression: "zstd" }),
    (e) => e instanceof RangeError && /"zstd"/.test(e.message),
  );
});

Deno.test("version 1 files decode, migrate to V2 with a new save id, and keep their data", () => {
  const v2 = generatedBundle(3, { blobSize: 100, companions: 1, items: 2, metaEntries: 2 });
  const v1: SaveBundleV1 = {
    playerId: v2.playerId,
    slot: v2.slot,
    createdAt: v2.createdAt,
    world: v2.world,
    inventory: v2.inventory,
    companion: v2.companions[0],
    meta: v2.meta,
  };
  const decoded = decodeSaveFile(encodeLegacySaveFile(v1));
  assert.equal(decoded.header.version, 1);
  assert.deepEqual(decoded.legacy, v1);
  const { saveId } = decoded.bundle;
  assert.notEqual(saveId, v2.saveId);
  assert.match(saveId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual({ ...decoded.bundle, saveId: v2.saveId }, v2);
  // No companion in V1 gives an empty companion list.
  const none = decodeSaveFile(encodeLegacySaveFile({ ...v1, companion: null })).bundle;
  assert.deepEqual(none.companions, []);
});

Deno.test("invalid bundles are refused before anything is written", () => {
  const bad = (change: (b: SaveBundleV2) => void, label: string) => {
    const b = smallBundle("p", 0);
    change(b);
    assertSaveError(() => encodeSaveFile(b), "invalid_bundle", label);
  };
  bad((b) => (b.slot = 256), "slot 256");
  bad((b) => (b.world.tick = -1n), "negative tick");
  bad((b) => (b.inventory.credits = 1n << 64n), "credits above u64");
  bad((b) => (b.saveId = "not-a-uuid"), "save id");
  bad((b) => (b.createdAt = { ...b.createdAt, ordinal: 366, year: 2025 }), "day 366 of 2025");
  bad((b) => (b.companions = [{ ...b.companions[0], level: 300 } as never]), "companion level");
});

Deno.test("errors: truncated at every header offset", () => {
  const bytes = encodeSaveFile(smallBundle("p", 0));
  for (let n = 0; n < 16; n++) {
    const e = assertSaveError(
      () => decodeSaveFile(bytes.subarray(0, n)),
      "truncated_header",
      `length ${n}`,
    );
    assert.equal(e.offset, n);
    assert.match(e.message, new RegExp(`the file has ${n} bytes, a header needs 16`));
  }
});

Deno.test("errors: truncated at every payload offset", () => {
  const bytes = encodeSaveFile(smallBundle("p", 0));
  for (let n = 16; n < bytes.length; n++) {
    const e = assertSaveError(
      () => decodeSaveFile(bytes.subarray(0, n), { path: "x.awsv" }),
      "truncated_payload",
      `length ${n}`,
    );
    assert.equal(e.expected, bytes.length - 16);
    assert.equal(e.actual, n - 16);
    assert.ok(e.message.startsWith("x.awsv: truncated payload"), e.message);
  }
});

Deno.test("errors: a flipped byte in each region of the file", () => {
  const bytes = encodeSaveFile(smallBundle("p", 0));
  const expected = (i: number, flipped: Uint8Array): SaveErrorKind | null => {
    if (i < 4) return "bad_magic";
    if (i < 6) return "unsupported_version";
    if (i === 6) return "unknown_codec";
    if (i === 7) return null; // reserved: ignored, as the Rust reader ignores it
    if (i < 12) {
      const declared = new DataView(flipped.buffer).getUint32(8, true);
      return declared > bytes.length - 16 ? "truncated_payload" : "trailing_data";
    }
    return "crc_mismatch"; // the CRC itself, or the data it covers
  };
  for (let i = 0; i < bytes.length; i++) {
    const flipped = bytes.slice();
    flipped[i] ^= 0xff;
    const kind = expected(i, flipped);
    if (kind === null) {
      assert.deepEqual(decodeSaveFile(flipped).bundle, decodeSaveFile(bytes).bundle);
      continue;
    }
    const e = assertSaveError(() => decodeSaveFile(flipped), kind, `byte ${i}`);
    if (kind === "crc_mismatch") {
      const view = new DataView(flipped.buffer);
      assert.equal(e.expected, view.getUint32(12, true));
      assert.equal(e.actual, crc32(flipped.subarray(16)));
      assert.notEqual(e.expected, e.actual);
      assert.match(e.message, /CRC mismatch: header says 0x[0-9a-f]{8}, data has 0x[0-9a-f]{8}/);
    }
  }
});

Deno.test("errors: wrong magic, version 99, codec 7, trailing bytes", () => {
  const bytes = encodeSaveFile(smallBundle("p", 0));
  const wrongMagic = bytes.slice();
  wrongMagic.set(new TextEncoder().encode("ASVX"));
  const magic = assertSaveError(() => decodeSaveFile(wrongMagic, { path: "a.awsv" }), "bad_magic");
  assert.equal(
    magic.message,
    'a.awsv: bad magic: expected "ASVS" (41 53 56 53), found 41 53 56 58',
  );

  const v99 = bytes.slice();
  v99[4] = 99;
  const version = assertSaveError(() => decodeSaveFile(v99), "unsupported_version");
  assert.equal(version.actual, 99);
  assert.match(version.message, /unsupported version 99/);

  const codec7 = bytes.slice();
  codec7[6] = 7;
  const codec = assertSaveError(() => decodeSaveFile(codec7), "unknown_codec");
  assert.equal(codec.actual, 7);
  assert.match(codec.message, /unknown codec 7/);

  const longer = new Uint8Array(bytes.length + 3);
  longer.set(bytes);
  const trailing = assertSaveError(() => decodeSaveFile(longer), "trailing_data");
  assert.equal(trailing.offset, bytes.length);
});

Deno.test("errors: malformed LZ4 behind a valid CRC", () => {
  // Size prefix 20, then a sequence with 1 literal and a match at offset 5 (only 1 byte written).
  const data = new Uint8Array([20, 0, 0, 0, 0x10, 0x41, 0x05, 0x00]);
  const e = assertSaveError(() => decodeSaveFile(withValidCrc(data)), "decompress");
  assert.match(e.message, /malformed LZ4 data: .*offset 5/);
  assert.equal(e.offset, 16 + 6);
  // Shorter than the size prefix.
  assertSaveError(() => decodeSaveFile(withValidCrc(new Uint8Array([1, 0]))), "decompress");
});

Deno.test("errors: the declared uncompressed size is limited before anything is allocated", () => {
  const bytes = encodeSaveFile(smallBundle("p", 0));
  const e = assertSaveError(
    () => decodeSaveFile(bytes, { maxPayloadSize: 10 }),
    "payload_too_large",
  );
  assert.equal(e.expected, 10);
  assert.ok(e.actual! > 10);
});

Deno.test("errors: a payload that is not a bundle names the byte of the uncompressed payload", () => {
  const payload = serializeBundle(smallBundle("p", 0));
  // Byte 1 is the uuid's length prefix (after schema 02): 15 is not a uuid.
  const badUuid = payload.slice();
  assert.equal(badUuid[1], 16);
  badUuid[1] = 15;
  let e = assertSaveError(
    () => decodeSaveFile(withValidCrc(lz4CompressPrependSize(badUuid))),
    "decode",
  );
  assert.equal(e.offset, 1);
  assert.match(e.message, /uuid is 16 bytes/);

  // The hour of created_at: after schema (1), uuid (17), year (2 bytes for 20xx), ordinal (1..2).
  const b = smallBundle("p", 0);
  b.createdAt = { ...b.createdAt, ordinal: 100 };
  const timed = serializeBundle(b);
  const hourAt = 1 + 17 + 2 + 1;
  assert.equal(timed[hourAt], b.createdAt.hour);
  timed[hourAt] = 24;
  e = assertSaveError(() => decodeSaveFile(withValidCrc(lz4CompressPrependSize(timed))), "decode");
  assert.equal(e.offset, 18);
  assert.match(e.message, /hour 24 is outside 0\.\.23/);

  // Cut short by one byte: the last value is meta's "1", so its length prefix (two bytes from the
  // end) declares a byte that is missing.
  e = assertSaveError(
    () =>
      decodeSaveFile(withValidCrc(lz4CompressPrependSize(payload.subarray(0, payload.length - 1)))),
    "decode",
  );
  assert.equal(e.offset, payload.length - 2);
  assert.match(e.message, new RegExp(`of the ${payload.length - 1}-byte uncompressed payload`));

  // One byte too many.
  const extra = new Uint8Array(payload.length + 1);
  extra.set(payload);
  e = assertSaveError(() => decodeSaveFile(withValidCrc(lz4CompressPrependSize(extra))), "decode");
  assert.equal(e.offset, payload.length);
});

Deno.test("fuzz: mutated payloads behind valid CRCs fail only with SaveError (seeded)", () => {
  const random = mulberry32(0xf022);
  const base = generatedBundle(5, { blobSize: 300, companions: 2, items: 3, metaEntries: 3 });
  const payload = serializeBundle(base);
  const compressed = lz4CompressPrependSize(payload);
  const stored = lz4StorePrependSize(payload);
  let decoded = 0;
  for (let round = 0; round < 3000; round++) {
    // Mutate the compressed data (exercises LZ4), the stored block (the stored block's reader, then
    // LZ4 or postcard), or the plain payload (postcard).
    const pick = random();
    const plain = pick < 0.4;
    const target = (plain ? payload : pick < 0.7 ? compressed : stored).slice();
    const flips = 1 + Math.floor(random() * 4);
    for (let f = 0; f < flips; f++) {
      target[Math.floor(random() * target.length)] = Math.floor(random() * 256);
    }
    const cut = random() < 0.2 ? Math.floor(random() * target.length) : target.length;
    const mutated = target.subarray(0, cut);
    const data = plain ? lz4CompressPrependSize(mutated) : mutated;
    try {
      decodeSaveFile(withValidCrc(data), { maxPayloadSize: 1 << 20 });
      decoded++;
    } catch (e) {
      assert.ok(e instanceof SaveError, `round ${round}: ${e}`);
      assert.ok(
        ["decompress", "decode", "payload_too_large"].includes(e.kind),
        `round ${round}: ${e.kind}`,
      );
    }
  }
  assert.ok(decoded < 3000, "some mutations must fail");
});
