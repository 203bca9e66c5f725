/**
 * The one place third-party modules enter the project. Everything else imports them from here, so
 * a version change (pinned in deno.json's import map) happens in one place.
 *
 * Native or heavy modules are loaded on demand by a function, so importing this file never needs
 * FFI permission or starts a browser.
 *
 * @module
 */

/** msgpackr: the MessagePack peer in the postcard benchmarks. */
export { Packr } from "msgpackr";

/** smol-toml: TOML for the benchmark plan (`bench/plan.toml`) and configuration files. */
export { parse as parseToml } from "smol-toml";

/** lz4js: the pure-JS LZ4 baseline of aw-codec's benchmarks (pass `maxSize` to its `decompress`). */
export * as lz4js from "lz4js";

/** crc-32: the pure-JS CRC32 baseline of aw-codec's benchmarks. */
export { default as crc32js } from "crc-32";

/** rot-js: the roguelike toolkit whose `Map.Uniform` and `Map.Digger` are astraweave-pcg's peers. */
export * as ROT from "rot-js";

/**
 * lz4-napi (native lz4_flex, needs `--allow-ffi`), loaded on demand: an LZ4 candidate measured in
 * aw-codec's benchmarks and the reference lz4_flex implementation in its interop tests.
 */
export const loadLz4Napi = (): Promise<typeof import("lz4-napi")> => import("lz4-napi");

/** playwright-core, loaded on demand: it drives Debian's chromium in the dashboard's browser test. */
export const loadPlaywright = (): Promise<typeof import("playwright-core")> =>
  import("playwright-core");

/** bitECS's struct-of-arrays serializer pair: the peer of the ECS world serialization benchmarks. */
export { createSoADeserializer, createSoASerializer } from "bitecs/serialization";

/**
 * @colyseus/schema: the state-sync peer of astraweave-net-ecs's delta benchmarks (its
 * decorator-free `schema()`/`t` API runs under Deno; the decorator API needs TypeScript flags).
 */
export * as colyseus from "@colyseus/schema";
