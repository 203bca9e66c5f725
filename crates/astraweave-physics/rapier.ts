/**
 * Loading Rapier. The crate uses `@dimforge/rapier3d-deterministic-compat`: the same engine as
 * `rapier3d-compat`, built so that the same inputs give bit-identical results on every platform.
 * Replays (persistence-ecs) and lockstep netcode need that across machines, and measured here it
 * steps 1,000 bodies no slower than the non-deterministic build.
 *
 * @module
 */

import RAPIER from "@dimforge/rapier3d-deterministic-compat";

/** The Rapier module, initialized. */
export type Rapier = typeof RAPIER;

let ready: Promise<Rapier> | undefined;

/**
 * Initializes Rapier's WebAssembly once (later calls share the first) and returns the module.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadRapier } from "@astraweave/physics";
 * const rapier = await loadRapier();
 * assert.equal(typeof rapier.version(), "string");
 * ```
 */
export function loadRapier(): Promise<Rapier> {
  ready ??= RAPIER.init().then(() => RAPIER);
  return ready;
}
