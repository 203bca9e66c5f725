/**
 * astraweave-pcg: seeded, reproducible dungeon generation.
 *
 * - {@link SeedRng}: PCG32 seeded from a 64-bit seed, forkable into named layers
 *   (`"dungeon::rooms"`); the same seed gives the same numbers on every platform.
 *
 * @module
 */

export { Pcg32 } from "./pcg32.ts";
export { parseSeed, SeedRng } from "./rng.ts";
