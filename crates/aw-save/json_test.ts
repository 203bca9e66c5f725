import assert from "node:assert/strict";
import { bundleFromJson, bundleToJson, createBundle, SaveError } from "./mod.ts";
import { generatedBundle } from "./testdata/bundles.ts";

Deno.test("JSON: a bundle survives bundleToJson, JSON text, and bundleFromJson", () => {
  for (let seed = 1; seed <= 20; seed++) {
    const bundle = generatedBundle(seed, {
      blobSize: seed * 37,
      companions: seed % 4,
      items: seed % 5,
      metaEntries: seed % 3,
    });
    const text = JSON.stringify(bundleToJson(bundle));
    assert.deepEqual(bundleFromJson(JSON.parse(text)), bundle);
  }
});

Deno.test("JSON: the Rust field names, RFC 3339 time, base64 blob, exact 64-bit integers", () => {
  const bundle = createBundle({
    playerId: "ann",
    saveId: "6ea6b68a-b2e8-41b3-bc0a-09d93acfe4cd",
    createdAt: {
      year: 2026,
      ordinal: 72,
      hour: 8,
      minute: 45,
      second: 25,
      nanosecond: 443_121_600,
      offsetHours: 0,
      offsetMinutes: 0,
      offsetSeconds: 0,
    },
    world: {
      tick: 9007199254740991n,
      ecsBlob: new Uint8Array([0x10, 0x20, 0x30, 0x40]),
      stateHash: 1311768467294899695n,
    },
    inventory: {
      credits: 9999n,
      items: [{ kind: "sword", qty: 1, attrs: new Map([["damage", 42n], ["min", -(1n << 63n)]]) }],
    },
    meta: new Map([["difficulty", "hard"]]),
  });
  assert.deepEqual(bundleToJson(bundle), {
    schema: 2,
    save_id: "6ea6b68a-b2e8-41b3-bc0a-09d93acfe4cd",
    created_at: "2026-03-13T08:45:25.443121600Z",
    player_id: "ann",
    slot: 0,
    world: { tick: 9007199254740991, ecs_blob: "ECAwQA==", state_hash: "1311768467294899695" },
    companions: [],
    inventory: {
      credits: 9999,
      items: [{ kind: "sword", qty: 1, attrs: { damage: 42, min: "-9223372036854775808" } }],
    },
    meta: { difficulty: "hard" },
  });
});

Deno.test("JSON: only player_id is required; the rest defaults", () => {
  const bundle = bundleFromJson({ player_id: "ann", world: { tick: "18446744073709551615" } });
  assert.equal(bundle.schema, 2);
  assert.equal(bundle.slot, 0);
  assert.equal(bundle.world.tick, (1n << 64n) - 1n);
  assert.equal(bundle.world.ecsBlob.length, 0);
  assert.match(bundle.saveId, /^[0-9a-f-]{36}$/);
  assert.deepEqual(bundle.companions, []);
  assert.deepEqual(bundle.meta, new Map());
});

Deno.test("JSON: errors name the field and the value", () => {
  const cases: [unknown, RegExp][] = [
    [[], /the bundle must be an object/],
    [{}, /player_id must be a string, got undefined/],
    [{ player_id: "a", slot: 256 }, /slot must be an integer in 0\.\.255, got 256/],
    [{ player_id: "a", save_id: "nope" }, /save_id must be a UUID/],
    [{ player_id: "a", created_at: "yesterday" }, /created_at must be an RFC 3339 date-time/],
    [
      { player_id: "a", world: { tick: -1 } },
      /world\.tick must be an integer in 0\.\.18446744073709551615/,
    ],
    [{ player_id: "a", world: { tick: 2 ** 60 } }, /world\.tick must be an integer/], // not exact
    [{ player_id: "a", world: { tick: "18446744073709551616" } }, /world\.tick/],
    [{ player_id: "a", world: { ecs_blob: "not base64!" } }, /world\.ecs_blob must be base64/],
    [
      { player_id: "a", companions: [{ id: "c", name: "n", level: 1.5 }] },
      /companions\[0\]\.level/,
    ],
    [
      { player_id: "a", inventory: { items: [{ kind: "k", qty: 1, attrs: { x: "1.5" } }] } },
      /inventory\.items\[0\]\.attrs\.x/,
    ],
    [{ player_id: "a", meta: { k: 1 } }, /meta\.k must be a string/],
  ];
  for (const [json, message] of cases) {
    assert.throws(() => bundleFromJson(json, "in.json"), (e: unknown) => {
      assert.ok(e instanceof SaveError);
      assert.equal(e.kind, "invalid_bundle");
      assert.match(e.message, /^in\.json: /);
      assert.match(e.message, message);
      return true;
    }, JSON.stringify(json));
  }
});
