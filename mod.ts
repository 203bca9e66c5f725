/**
 * AstraWeave for Deno: each engine crate's public API, namespaced by crate.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { codec } from "./mod.ts";
 * assert.deepEqual([...codec.u16.encode(300)], [0xac, 0x02]); // postcard varint
 * ```
 *
 * @module
 */

export * as audio from "@astraweave/audio";
export * as cinematics from "@astraweave/cinematics";
export * as codec from "@astraweave/codec";
export * as input from "@astraweave/input";
export * as math from "@astraweave/math";
export * as net from "@astraweave/net-ecs";
export * as pcg from "@astraweave/pcg";
export * as persistenceEcs from "@astraweave/persistence-ecs";
export * as physics from "@astraweave/physics";
export * as render from "@astraweave/render";
export * as save from "@astraweave/save";
export * as scene from "@astraweave/scene";
export * as sdk from "@astraweave/sdk";
export * as terrain from "@astraweave/terrain";
export * as ui from "@astraweave/ui";
export * as weaving from "@astraweave/weaving";
