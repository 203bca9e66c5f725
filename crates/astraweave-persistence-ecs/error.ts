/**
 * The error type of the ECS and everything built on it: stale handles, unregistered components,
 * blobs that do not fit the world, replay logs that do not parse.
 *
 * @module
 */

/** What went wrong. */
export type EcsErrorKind =
  /** A handle whose entity was despawned (its slot's generation moved on), or never existed. */
  | "stale_entity"
  /** A component the world has not registered. */
  | "unknown_component"
  /** Two different component types with one name, or one type registered under two names. */
  | "duplicate_component"
  /** A component value that does not fit the component's fields. */
  | "invalid_value"
  /** The world has no free entity slot left (over 4,194,304 live entities). */
  | "capacity"
  /** A world blob or replay log that is malformed or does not fit the components it names. */
  | "bad_blob"
  /** A loaded world whose hash is not the one stored beside it. */
  | "hash_mismatch";

/**
 * A failure of the ECS, its serialization, replay or persistence, with its kind.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { EcsError, World } from "@astraweave/persistence-ecs";
 * const world = new World();
 * const e = world.spawn();
 * world.despawn(e);
 * assert.throws(
 *   () => world.despawn(e),
 *   (err) => err instanceof EcsError && err.kind === "stale_entity",
 * );
 * ```
 */
export class EcsError extends Error {
  /** What went wrong. */
  readonly kind: EcsErrorKind;

  /** Makes an error of `kind`; `options.cause` keeps the underlying error. */
  constructor(kind: EcsErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "EcsError";
    this.kind = kind;
  }
}
