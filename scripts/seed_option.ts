/**
 * The `--seed` option of the tools whose output follows from a seed (dungeon, weave), read as
 * `@astraweave/pcg` reads seeds. Apart from `cli.ts` so that tools without seeds do not load the
 * pcg crate.
 *
 * @module
 */

import { parseSeed } from "@astraweave/pcg";
import { type ParsedCli, UsageError } from "./cli.ts";

/**
 * The required 64-bit seed option `name` (decimal or `0x` hex, 0 to 2^64 - 1), read as
 * `@astraweave/pcg`'s `parseSeed` reads seeds, so every tool takes the same seeds.
 *
 * @throws {UsageError} `--seed is required`, or naming what is wrong with the value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { seedOption } from "./seed_option.ts";
 * assert.equal(seedOption({ seed: "0x10" }), 16n);
 * assert.throws(() => seedOption({}), /^UsageError: --seed is required \(see --help\)$/);
 * assert.throws(() => seedOption({ seed: "-1" }), /^UsageError: --seed must not be negative/);
 * ```
 */
export function seedOption(values: ParsedCli["values"], name = "seed"): bigint {
  const raw = values[name];
  if (typeof raw !== "string") throw new UsageError(`--${name} is required (see --help)`);
  try {
    return parseSeed(raw);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new UsageError(error.message.replace(/^seed /, `--${name} `));
  }
}
