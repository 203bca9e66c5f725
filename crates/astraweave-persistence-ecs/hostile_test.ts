// Hostile and unlucky input: every hole found in this crate gets a test here. A bad blob is an
// EcsError (bad_blob or unknown_component) and changes nothing, whatever its bytes.
import assert from "node:assert/strict";
import { seq, string } from "@astraweave/codec";
import { mulberry32 } from "@astraweave/testing/random";
import {
  defineComponent,
  deserializeWorld,
  EcsError,
  entityRef,
  serializeWorld,
  World,
} from "./mod.ts";

const Squad = defineComponent("squad", { name: string, leader: entityRef });
const Route = defineComponent("route", seq(entityRef));

function squads(): Uint8Array {
  const world = new World([Squad, Route]);
  const [a, b, c] = [world.spawn(), world.spawn(), world.spawn()];
  world.insert(a, Squad, { name: "red", leader: b });
  world.insert(b, Route, [c, a, c]);
  return serializeWorld(world);
}

function assertRejected(blob: Uint8Array, target: World, kinds = ["bad_blob"]): void {
  const before = serializeWorld(target);
  const count = target.entityCount;
  assert.throws(
    () => deserializeWorld(blob, target),
    (e) => e instanceof EcsError && kinds.includes(e.kind),
  );
  assert.equal(target.entityCount, count, "a rejected blob adds nothing");
  assert.deepEqual(serializeWorld(target), before);
}

Deno.test("a dense entity reference beyond the blob's entities is bad_blob, and changes nothing", () => {
  const blob = squads();
  assert.equal(blob[0], 2);
  // Blocks go in name order, so the blob ends with the squad's leader (ordinal 1, written 2):
  // point it past the blob's three entities.
  const bad = blob.slice();
  assert.equal(bad[bad.length - 1], 2);
  bad[bad.length - 1] = 4;
  const target = new World([Squad, Route]);
  target.spawn();
  assertRejected(bad, target);
  assert.throws(() => deserializeWorld(bad, target), /entity reference 4 is above the blob's 3/);
});

Deno.test("every truncation of a blob with dense references is bad_blob", () => {
  const blob = squads();
  const target = new World([Squad, Route]);
  for (let end = 0; end < blob.length; end++) assertRejected(blob.subarray(0, end), target);
});

Deno.test("seeded fuzz: 2,000 damaged blobs with dense references give EcsError or load whole", () => {
  const blob = squads();
  const random = mulberry32(12);
  for (let i = 0; i < 2000; i++) {
    const damaged = blob.slice();
    const flips = 1 + Math.floor(random() * 3);
    for (let f = 0; f < flips; f++) {
      damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
    }
    const target = new World([Squad, Route]);
    try {
      const { entities } = deserializeWorld(damaged, target);
      // Loaded: every reference names a loaded entity or none.
      for (const e of target.query(Squad)) {
        const { leader } = target.get(e, Squad)!;
        assert.ok(leader === 0 || entities.includes(leader), `fuzz ${i}`);
      }
    } catch (error) {
      assert.ok(error instanceof EcsError, `fuzz ${i}: ${error}`);
      assert.equal(target.entityCount, 0);
    }
  }
});
