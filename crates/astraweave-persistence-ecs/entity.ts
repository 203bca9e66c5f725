/**
 * Entity handles: an index into the world's slots and the generation of that slot, packed in one
 * number, so a handle kept after its entity was despawned is detected instead of silently naming
 * whatever entity reuses the slot.
 *
 * Packing: `handle = generation * 2^22 + index`. The index takes the low 22 bits (4,194,304 slots),
 * the generation the 31 bits above (up to 2^31 - 1), so every handle is a safe integer. Generations
 * start at 1, so `0` is never a live handle and serves as {@link NULL_ENTITY}. `handle & 0x3fffff`
 * recovers the index exactly even above 2^32, because ToInt32 reduces an integer modulo 2^32, which
 * keeps its low bits.
 *
 * @module
 */

/** An entity handle (index and generation packed in one safe integer). */
export type Entity = number;

/** Bits of a handle that hold the slot index. */
export const INDEX_BITS = 22;
/** The number of entity slots a world can have. */
export const MAX_ENTITIES: number = 1 << INDEX_BITS;
const INDEX_MASK = MAX_ENTITIES - 1;
/** The highest generation a slot reaches; a slot despawned at it is retired, never reused. */
export const MAX_GENERATION = 0x7fffffff;

/** The handle that names no entity (generation 0 is never issued). */
export const NULL_ENTITY: Entity = 0;

/**
 * The slot index of a handle: the index into numeric component columns.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { entityIndex, World } from "@astraweave/persistence-ecs";
 * const world = new World();
 * world.spawn();
 * assert.equal(entityIndex(world.spawn()), 1);
 * ```
 */
export function entityIndex(entity: Entity): number {
  return entity & INDEX_MASK;
}

/**
 * The generation of a handle.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { entityGeneration, World } from "@astraweave/persistence-ecs";
 * const world = new World();
 * const first = world.spawn();
 * world.despawn(first);
 * assert.equal(entityGeneration(first), 1);
 * assert.equal(entityGeneration(world.spawn()), 2);
 * ```
 */
export function entityGeneration(entity: Entity): number {
  return (entity - (entity & INDEX_MASK)) / MAX_ENTITIES;
}

/**
 * Packs an index and a generation into a handle.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { entityIndex, makeEntity } from "@astraweave/persistence-ecs";
 * assert.equal(entityIndex(makeEntity(7, 3)), 7);
 * ```
 */
export function makeEntity(index: number, generation: number): Entity {
  return generation * MAX_ENTITIES + index;
}

/** `index:generation`, for error messages. */
export function formatEntity(entity: Entity): string {
  return `${entityIndex(entity)}v${entityGeneration(entity)}`;
}
