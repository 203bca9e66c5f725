// Entity references inside dense components: remapped on load, hashed by what they name.
import assert from "node:assert/strict";
import { option, seq, string, struct } from "@astraweave/codec";
import { withTempDir } from "@astraweave/testing/temp-dir";
import {
  defineComponent,
  deserializeWorld,
  type Entity,
  entityRef,
  loadWorld,
  NULL_ENTITY,
  PersistenceManager,
  serializeWorld,
  World,
  worldHash,
} from "./mod.ts";

// A squad (a struct with a reference beside a string), a patrol route (a list of references) and
// an optional target: every place a schema can hold an entity.
const Squad = defineComponent("squad", { name: string, leader: entityRef });
const Route = defineComponent("route", seq(entityRef));
const Target = defineComponent("target", struct({ entity: option(entityRef) }));
const COMPONENTS = [Squad, Route, Target];

/** Four entities referring to each other through dense components; one reference dangles. */
function squadWorld(padding = 0): { world: World; units: Entity[] } {
  const world = new World(COMPONENTS);
  for (let i = 0; i < padding; i++) world.despawn(world.spawn()); // shifts slots and generations
  const units = [world.spawn(), world.spawn(), world.spawn(), world.spawn()];
  const gone = world.spawn();
  world.despawn(gone);
  world.insert(units[0], Squad, { name: "red", leader: units[1] });
  world.insert(units[2], Squad, { name: "blue", leader: gone });
  world.insert(units[1], Route, [units[2], units[3], units[0]]);
  world.insert(units[3], Target, { entity: units[0] });
  world.insert(units[0], Target, { entity: null });
  return { world, units };
}

Deno.test("dense references point at the loaded copies, in a world that already has entities", () => {
  const { world } = squadWorld();
  const blob = serializeWorld(world);
  assert.equal(blob[0], 2, "format 2: dense values hold references as ordinals");

  const target = new World(COMPONENTS);
  for (let i = 0; i < 7; i++) target.spawn(); // loaded entities get other handles than the saved
  const { entities: e } = deserializeWorld(blob, target);
  assert.deepEqual(target.get(e[0], Squad), { name: "red", leader: e[1] });
  assert.deepEqual(target.get(e[2], Squad), { name: "blue", leader: NULL_ENTITY }, "dangling");
  assert.deepEqual(target.get(e[1], Route), [e[2], e[3], e[0]]);
  assert.deepEqual(target.get(e[3], Target), { entity: e[0] });
  assert.deepEqual(target.get(e[0], Target), { entity: null });
  assert.notEqual(e[1], world.entities()[1], "the handles did change");

  // Round trips are exact, and the copy hashes like the original.
  const copy = loadWorld(blob, COMPONENTS);
  assert.deepEqual(serializeWorld(copy), blob);
  assert.equal(worldHash(copy), worldHash(world));
});

Deno.test("the hash of dense references follows what they name, not handle values", () => {
  const plain = squadWorld(0);
  const shifted = squadWorld(5); // the same world with every handle different
  assert.notEqual(plain.units[0], shifted.units[0]);
  assert.equal(worldHash(shifted.world), worldHash(plain.world));

  // Pointing the red leader at another unit changes the hash.
  const moved = squadWorld(0);
  moved.world.insert(moved.units[0], Squad, { name: "red", leader: moved.units[3] });
  assert.notEqual(worldHash(moved.world), worldHash(plain.world));
  // So does changing the unit a reference names (its contents, not its handle).
  const changed = squadWorld(0);
  changed.world.insert(changed.units[1], Target, { entity: null });
  assert.notEqual(worldHash(changed.world), worldHash(plain.world));
});

Deno.test("a save with dense references loads with its hash check passing", async () => {
  await withTempDir(async (root) => {
    const { world } = squadWorld(3);
    const games = new PersistenceManager({ root, player: "ann", components: COMPONENTS, world });
    const saved = await games.saveGame(1);
    const loaded = await games.loadGame(1);
    assert.equal(loaded.hash, saved.hash);
    const [first, second] = loaded.world.entities();
    assert.deepEqual(loaded.world.get(first, Squad), { name: "red", leader: second });
  });
});

Deno.test("worlds without dense references keep format 1; format 1 blobs load as before", () => {
  const Tags = defineComponent("tags", seq(string));
  const world = new World([Tags]);
  world.insert(world.spawn(), Tags, ["a"]);
  assert.equal(serializeWorld(world)[0], 1);

  // A format-1 blob (written before dense references were remapped) keeps its stored handles.
  const { world: squads } = squadWorld();
  const legacy = serializeWorld(squads);
  const handles = new World(COMPONENTS);
  legacy[0] = 1;
  const { entities } = deserializeWorld(legacy, handles);
  // Stored as ordinal + 1 in the format-2 bytes: read back as those numbers, not remapped.
  assert.deepEqual(handles.get(entities[0], Squad), { name: "red", leader: 2 });
});
