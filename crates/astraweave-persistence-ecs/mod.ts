/**
 * astraweave-persistence-ecs: an ECS whose worlds save, load, hash and replay deterministically.
 *
 * - **ECS** ({@link World}): entities are generational handles (a despawned entity's handle stays
 *   dead even when its slot is reused); components are {@link defineComponent | defined} with
 *   postcard schemas: numeric ones are stored struct-of-arrays in typed arrays, others in dense
 *   arrays; queries return entities in spawn order. The original engine's component set is in
 *   the demo module ({@link ENGINE_COMPONENTS}).
 * - **Serialization** ({@link serializeWorld}, {@link deserializeWorld}, {@link loadWorld}): the
 *   whole world to postcard bytes and back; loaded entities get fresh handles and references
 *   between them are remapped. Round trips are exact, down to the bytes.
 * - **World hash** ({@link worldHash}): 64 bits, the same on every run and machine, independent of
 *   spawn order and storage layout; the algorithm is documented in `hash.ts`. It is versioned
 *   ({@link WORLD_HASH_VERSION}, now 3): saves and replay logs record the version of their
 *   hashes, and those recorded with versions 1 and 2 still verify.
 * - **Replay** ({@link ReplayRecorder}, {@link readReplay}, {@link runReplay}): record each tick's
 *   inputs and events to an appendable log, re-run them through a deterministic step function,
 *   and get the first diverging tick with what differed.
 * - **Persistence** ({@link PersistenceManager}, {@link Autosave}): saves through aw-save with
 *   the world hash checked on load, and autosaves written off the tick loop into rotating slots.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defineComponent, loadWorld, serializeWorld, World, worldHash } from "@astraweave/persistence-ecs";
 * import { i32 } from "@astraweave/codec";
 *
 * const Position = defineComponent("pos", { x: i32, y: i32 });
 * const world = new World([Position]);
 * world.insert(world.spawn(), Position, { x: 3, y: 4 });
 * const copy = loadWorld(serializeWorld(world), [Position]);
 * assert.equal(worldHash(copy), worldHash(world));
 * ```
 *
 * @module
 */

export * from "./error.ts";
export * from "./entity.ts";
export * from "./component.ts";
export { World } from "./world.ts";
export {
  componentHashes,
  formatHash,
  WORLD_HASH_VERSION,
  worldHash,
  type WorldHashVersion,
} from "./hash.ts";
export * from "./serialize.ts";
export * from "./sorted_map.ts";
export * from "./components.ts";
export * from "./replay.ts";
export * from "./autosave.ts";
export * from "./manager.ts";
// The types of aw-codec and aw-save that this API's signatures use, so its documentation is
// complete on its own.
export type { DecodeOptions, Reader, ReaderOptions, Schema, Writer } from "@astraweave/codec";
export type {
  CompanionProfile as SaveCompanionProfile,
  DecodedSave,
  ItemStack,
  LatestSave,
  LoadedSave,
  MigrationResult,
  OffsetDateTime,
  PlayerInventory,
  SaveBundleV1,
  SaveBundleV2,
  SaveErrorDetails,
  SaveErrorKind,
  SaveHeader,
  SaveManager,
  SaveMeta,
  SkippedSave,
  WorldState,
} from "@astraweave/save";
/** The error aw-save raises, which {@link PersistenceManager} passes on. */
export { SaveError } from "@astraweave/save";
