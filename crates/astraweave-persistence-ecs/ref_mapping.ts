/**
 * How entity references inside dense component values are written and read. A dense value is
 * encoded by its component's schema, which reaches {@link entityRef} wherever the schema declares
 * an entity; serialization, loading and hashing set these hooks for the duration of one call so
 * such a reference is written as an ordinal (not a handle), remapped on load, and hashed by what
 * it points at. Outside those calls both are null and a reference is its handle as a u64.
 * Internal to this crate (not exported by `mod.ts`).
 *
 * @module
 */

import type { Entity } from "./entity.ts";

/** The hooks: `write` maps a handle to the number written; `read` maps a number read back. */
export const refMapping: {
  write: ((entity: Entity) => number) | null;
  read: ((value: number, at: number) => number) | null;
} = { write: null, read: null };
